"""Contrastive refinement of the token vectors on title ↔ abstract pairs (numpy, CPU).

Each step takes a batch of papers, embeds every title and every abstract exactly as the runtime does
(SIF-weighted sum, L2-normalised) and lowers a symmetric InfoNCE loss: a title must be closer to its
own abstract than to the other abstracts of the batch, and the other way round. Only the rows of the
tokens a batch touches change (lazy Adam), so one epoch over ~195k pairs takes about a minute.
"""

import numpy as np
import scipy.sparse as sp


def _bags(offsets, ids, papers):
    starts, ends = offsets[papers], offsets[papers + 1]
    cols = np.concatenate([ids[s:e] for s, e in zip(starts, ends)])
    return np.repeat(np.arange(len(papers)), ends - starts), cols


def batch_matrices(titles, abstracts, weights, papers):
    """The batch's title and abstract bags over the batch's own tokens: (tokens, titles, abstracts)."""
    t_rows, t_cols = _bags(*titles, papers)
    a_rows, a_cols = _bags(*abstracts, papers)
    tokens, local = np.unique(np.concatenate([t_cols, a_cols]), return_inverse=True)
    shape = (len(papers), len(tokens))
    t = sp.csr_matrix((weights[t_cols], (t_rows, local[: len(t_cols)])), shape=shape)
    a = sp.csr_matrix((weights[a_cols], (a_rows, local[len(t_cols) :])), shape=shape)
    return tokens, t, a


def _normalise(m):
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12), np.maximum(norms, 1e-12)


def _softmax(x, axis):
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


def refine(vectors, weights, titles, abstracts, trainable, settings, log, after_epoch=None):
    """titles/abstracts: (offsets, ids) per paper; trainable: paper numbers whose own pairs may be used;
    after_epoch(epoch, vectors), when given, sees the vectors after each epoch (for choosing `epochs`)."""
    rng = np.random.default_rng(settings["seed"] + 1)
    vectors = vectors.astype(np.float64).copy()
    size = vectors.shape[0]
    first_moment = np.zeros_like(vectors)
    second_moment = np.zeros_like(vectors)
    last_step = np.zeros(size, dtype=np.int64)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    lr, temperature, batch = settings["learning_rate"], settings["temperature"], settings["batch"]
    step = 0
    for epoch in range(settings["epochs"]):
        order = rng.permutation(trainable)
        total_loss = 0.0
        for start in range(0, len(order) - batch + 1, batch):
            papers = order[start : start + batch]
            touched, t, a = batch_matrices(titles, abstracts, weights, papers)
            rows_of_batch = vectors[touched]
            tq, tn = _normalise(t @ rows_of_batch)
            aq, an = _normalise(a @ rows_of_batch)
            scores = tq @ aq.T / temperature
            rows, cols = _softmax(scores, 1), _softmax(scores, 0)
            diag = np.arange(len(papers))
            total_loss -= (np.log(rows[diag, diag]).mean() + np.log(cols[diag, diag]).mean()) / 2
            d_scores = (rows + cols) / (2 * len(papers))
            d_scores[diag, diag] -= 1 / len(papers)
            d_scores /= temperature
            d_tq, d_aq = d_scores @ aq, d_scores.T @ tq
            d_t = (d_tq - tq * (d_tq * tq).sum(axis=1, keepdims=True)) / tn
            d_a = (d_aq - aq * (d_aq * aq).sum(axis=1, keepdims=True)) / an
            g = t.T @ d_t + a.T @ d_a
            step += 1
            # Lazy Adam: moments of untouched rows decay only when next touched (standard sparse variant).
            skipped = step - last_step[touched] - 1
            first_moment[touched] = first_moment[touched] * (beta1 ** (skipped + 1))[:, None] + (1 - beta1) * g
            second_moment[touched] = second_moment[touched] * (beta2 ** (skipped + 1))[:, None] + (1 - beta2) * g * g
            last_step[touched] = step
            m_hat = first_moment[touched] / (1 - beta1**step)
            v_hat = second_moment[touched] / (1 - beta2**step)
            vectors[touched] -= lr * m_hat / (np.sqrt(v_hat) + eps)
        log(f"contrastive epoch {epoch + 1}: mean loss {total_loss / max(1, len(order) // batch):.4f}")
        if after_epoch is not None:
            after_epoch(epoch + 1, vectors)
    return vectors
