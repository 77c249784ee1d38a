"""Trains the bundled static embedding model from the CC0 arXiv metadata in ../shared/data.

    OPENBLAS_NUM_THREADS=1 python3 training/train.py --out models/paperpulse-arxiv-static

Deterministic: fixed seed, sorted corpus, single-threaded BLAS. See training/README.md.
"""

import argparse
import collections
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import corpus  # noqa: E402
import model_files  # noqa: E402
from tokenizer import tokenize  # noqa: E402

SETTINGS = {
    "seed": 20261126,
    "vocabulary": 60_000,  # most frequent tokens kept
    "min_count": 5,  # rarer tokens never enter the vocabulary
    "window": 5,  # co-occurrence window each side, weighted 1/distance
    "context_smoothing": 0.75,  # PPMI context distribution exponent
    "dimensions": 256,
    "oversampling": 24,  # randomized SVD extra columns
    "power_iterations": 4,
    "singular_value_power": 0.5,  # token vector = U · S^p
    "sif_a": 1e-3,  # token weight a / (a + p(w))
}


def log(message: str, started: float) -> None:
    print(f"[{time.time() - started:7.1f}s] {message}", flush=True)


def build_vocabulary(token_lists, settings):
    counts = collections.Counter()
    for tokens in token_lists:
        counts.update(tokens)
    frequent = [(token, n) for token, n in counts.items() if n >= settings["min_count"]]
    frequent.sort(key=lambda item: (-item[1], item[0]))
    kept = frequent[: settings["vocabulary"]]
    return [token for token, _ in kept], np.array([n for _, n in kept], dtype=np.float64), sum(counts.values())


def token_ids(token_lists, index):
    """One flat id array (out-of-vocabulary tokens dropped) and the document number of each id."""
    ids, docs = [], []
    for doc, tokens in enumerate(token_lists):
        known = [index[t] for t in tokens if t in index]
        ids.extend(known)
        docs.extend([doc] * len(known))
    return np.array(ids, dtype=np.int32), np.array(docs, dtype=np.int32)


def cooccurrence(ids, docs, size, window):
    total = sp.csr_matrix((size, size), dtype=np.float64)
    for distance in range(1, window + 1):
        same_doc = docs[:-distance] == docs[distance:]
        rows, cols = ids[:-distance][same_doc], ids[distance:][same_doc]
        weights = np.full(rows.shape[0], 1.0 / distance)
        total = total + sp.csr_matrix((weights, (rows, cols)), shape=(size, size))
    return (total + total.T).tocsr()


def ppmi(counts, smoothing):
    counts = counts.tocoo()
    row_sums = np.asarray(counts.sum(axis=1)).ravel()
    context = row_sums**smoothing
    context /= context.sum()
    total = row_sums.sum()
    pmi = np.log(counts.data * total / (row_sums[counts.row] * total * context[counts.col]))
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)


def randomized_svd(matrix, k, oversampling, iterations, seed):
    """Halko et al.: range finder with power iterations on a symmetric matrix, then an exact small SVD."""
    rng = np.random.default_rng(seed)
    sketch = matrix @ rng.standard_normal((matrix.shape[1], k + oversampling))
    for _ in range(iterations):
        sketch, _ = np.linalg.qr(sketch)
        sketch = matrix @ sketch
    basis, _ = np.linalg.qr(sketch)
    small = (matrix.T @ basis).T
    u_small, singular, _ = np.linalg.svd(small, full_matrices=False)
    u = basis @ u_small[:, :k]
    # Fix each component's sign (largest entry positive) so the output does not depend on LAPACK's choice.
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(k)])
    return u * signs, singular[:k]


def document_matrix(token_lists, index, weights):
    rows, cols, values = [], [], []
    for doc, tokens in enumerate(token_lists):
        known = [index[t] for t in tokens if t in index]
        rows.extend([doc] * len(known))
        cols.extend(known)
        values.extend(weights[known])
    return sp.csr_matrix((values, (rows, cols)), shape=(len(token_lists), len(weights)))


def common_component(docs_by_tokens, vectors):
    """The first singular vector of the (unnormalised) document vectors, which SIF removes."""
    doc_vectors = docs_by_tokens @ vectors
    _, _, vt = np.linalg.svd(doc_vectors.T @ doc_vectors)
    direction = vt[0]
    return direction * np.sign(direction[np.abs(direction).argmax()])


def train(out_dir: str, data_dir: str, name: str, settings=SETTINGS) -> None:
    started = time.time()
    by_id = corpus.read_records(data_dir)
    papers = corpus.papers(by_id)
    log(f"read {len(papers)} distinct papers", started)
    token_lists = [tokenize(f"{title} {abstract}") for _, title, abstract in papers]
    vocabulary, counts, token_total = build_vocabulary(token_lists, settings)
    index = {token: i for i, token in enumerate(vocabulary)}
    log(f"{token_total} tokens, vocabulary {len(vocabulary)}", started)
    ids, docs = token_ids(token_lists, index)
    pmi = ppmi(cooccurrence(ids, docs, len(vocabulary), settings["window"]), settings["context_smoothing"])
    log(f"PPMI matrix with {pmi.nnz} non-zeros", started)
    u, singular = randomized_svd(
        pmi, settings["dimensions"], settings["oversampling"], settings["power_iterations"], settings["seed"]
    )
    vectors = u * singular ** settings["singular_value_power"]
    log("SVD done", started)
    weights = settings["sif_a"] / (settings["sif_a"] + counts / token_total)
    direction = common_component(document_matrix(token_lists, index, weights), vectors)
    # Removing the common component from every token vector equals removing it from their weighted sum.
    vectors = vectors - np.outer(vectors @ direction, direction)
    model_files.write_model(out_dir, name, vocabulary, vectors, weights, settings)
    log(f"wrote {out_dir}", started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--out", required=True, help="model directory to write")
    parser.add_argument("--data", default=corpus.SHARED_DATA, help="the shared data folder")
    parser.add_argument("--name", default="paperpulse-arxiv-static", help="model name (the id adds a hash)")
    args = parser.parse_args()
    train(args.out, args.data, args.name)


if __name__ == "__main__":
    main()
