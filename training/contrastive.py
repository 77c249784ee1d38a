"""Contrastive refinement of the token vectors on paired texts of each paper (numpy, CPU).

Each step takes a batch of papers and, for every pairing it is given (title ↔ abstract, a title-like
search query ↔ the whole paper), embeds both sides of every paper exactly as the runtime does
(SIF-weighted sum, L2-normalised) and lowers a symmetric InfoNCE loss: one side must be closer to its
own paper's other side than to the other papers' of the batch, and the other way round. The pairings'
gradients are summed into one step. Only the rows of the tokens a batch touches change (lazy Adam), so
one epoch over ~195k papers takes a minute or two per pairing.
"""

import numpy as np
import scipy.sparse as sp


def _bags(offsets, ids, papers):
    starts, ends = offsets[papers], offsets[papers + 1]
    cols = np.concatenate([ids[s:e] for s, e in zip(starts, ends)])
    return np.repeat(np.arange(len(papers)), ends - starts), cols


def batch_matrices(sides, weights, papers):
    """Every side's bags for the batch over the batch's own tokens: (tokens, [matrix per side])."""
    bags = [_bags(*side, papers) for side in sides]
    tokens, local = np.unique(np.concatenate([cols for _, cols in bags]), return_inverse=True)
    shape = (len(papers), len(tokens))
    matrices, at = [], 0
    for rows, cols in bags:
        matrices.append(sp.csr_matrix((weights[cols], (rows, local[at : at + len(cols)])), shape=shape))
        at += len(cols)
    return tokens, matrices


def _normalise(m):
    norms = np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    return m / norms, norms


def _softmax(x, axis):
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


def pair_gradient(left, right, rows_of_batch, temperature):
    """Symmetric in-batch InfoNCE of one pairing: (loss, gradient with respect to the batch's token rows)."""
    lq, ln = _normalise(left @ rows_of_batch)
    rq, rn = _normalise(right @ rows_of_batch)
    n = lq.shape[0]
    scores = lq @ rq.T / temperature
    rows, cols = _softmax(scores, 1), _softmax(scores, 0)
    diag = np.arange(n)
    loss = -(np.log(rows[diag, diag]).mean() + np.log(cols[diag, diag]).mean()) / 2
    d_scores = (rows + cols) / (2 * n)
    d_scores[diag, diag] -= 1 / n
    d_scores /= temperature
    d_lq, d_rq = d_scores @ rq, d_scores.T @ lq
    d_l = (d_lq - lq * (d_lq * lq).sum(axis=1, keepdims=True)) / ln
    d_r = (d_rq - rq * (d_rq * rq).sum(axis=1, keepdims=True)) / rn
    return loss, left.T @ d_l + right.T @ d_r


def _batches(order, batch):
    return [order[start : start + batch] for start in range(0, len(order) - batch + 1, batch)]


def _grouped_batches(trainable, keys, batch, rng):
    """Batches of papers sharing a key (runs of equal keys, in random order within a run), the batches
    shuffled: in-batch negatives then hold the same rare word, so a pairing must be told apart by the
    rest of its text."""
    order = rng.permutation(trainable)
    order = order[np.argsort(keys[order], kind="stable")]
    batches = _batches(order, batch)
    return [batches[i] for i in rng.permutation(len(batches))]


def refine(vectors, weights, pairings, trainable, settings, log, after_epoch=None, hard_keys=None):
    """pairings: [(left, right)], each side (offsets, ids) per paper (a side without known tokens
    embeds to zero and only shifts its batch's loss); trainable: paper numbers whose own pairs may be
    used; hard_keys: per pairing, None (random batches, shared by every such pairing) or a key per paper
    (batches of papers sharing it, _grouped_batches); after_epoch(epoch, vectors), when given, sees the
    vectors after each epoch (for choosing `epochs`)."""
    rng = np.random.default_rng(settings["seed"] + 1)
    vectors = vectors.astype(np.float64).copy()
    size = vectors.shape[0]
    first_moment = np.zeros_like(vectors)
    second_moment = np.zeros_like(vectors)
    last_step = np.zeros(size, dtype=np.int64)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    lr, temperature, batch = settings["learning_rate"], settings["temperature"], settings["batch"]
    hard_keys = hard_keys or [None] * len(pairings)
    random_sides = [side for pairing, keys in zip(pairings, hard_keys) if keys is None for side in pairing]
    grouped = [(pairing, keys) for pairing, keys in zip(pairings, hard_keys) if keys is not None]
    step = 0
    for epoch in range(settings["epochs"]):
        # Batch schedules: one for the random pairings together, one per grouped pairing.
        schedules = []
        if random_sides:
            schedules.append((random_sides, _batches(rng.permutation(trainable), batch)))
        for pairing, keys in grouped:
            schedules.append((list(pairing), _grouped_batches(trainable, keys, batch, rng)))
        steps = min(len(batches) for _, batches in schedules)
        total_loss = 0.0
        for index in range(steps):
            parts = [batch_matrices(sides, weights, batches[index]) for sides, batches in schedules]
            touched = np.unique(np.concatenate([tokens for tokens, _ in parts]))
            rows_of_batch = vectors[touched]
            g = np.zeros_like(rows_of_batch)
            for tokens, matrices in parts:
                at = np.searchsorted(touched, tokens)
                for i in range(0, len(matrices), 2):
                    loss, gradient = pair_gradient(matrices[i], matrices[i + 1], rows_of_batch[at], temperature)
                    total_loss += loss
                    g[at] += gradient
            step += 1
            # Lazy Adam: moments of untouched rows decay only when next touched (standard sparse variant).
            skipped = step - last_step[touched] - 1
            first_moment[touched] = first_moment[touched] * (beta1 ** (skipped + 1))[:, None] + (1 - beta1) * g
            second_moment[touched] = second_moment[touched] * (beta2 ** (skipped + 1))[:, None] + (1 - beta2) * g * g
            last_step[touched] = step
            m_hat = first_moment[touched] / (1 - beta1**step)
            v_hat = second_moment[touched] / (1 - beta2**step)
            vectors[touched] -= lr * m_hat / (np.sqrt(v_hat) + eps)
        log(f"contrastive epoch {epoch + 1}: mean loss {total_loss / max(1, steps):.4f}")
        if after_epoch is not None:
            after_epoch(epoch + 1, vectors)
    return vectors
