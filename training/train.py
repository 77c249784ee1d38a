"""Trains a bundled static embedding model from the CC0 arXiv metadata in ../shared/data.

    python3 training/train.py --model paperpulse-arxiv-static --out models/paperpulse-arxiv-static
    python3 training/train.py --model paperpulse-arxiv-titles --out models/paperpulse-arxiv-titles

Deterministic: fixed seeds, corpus sorted by id, single-threaded BLAS. See training/README.md.
"""

import argparse
import collections
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import contrastive  # noqa: E402
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
    "epochs": 2,  # contrastive epochs (0: PPMI + SVD only)
    # What each contrastive step pairs: "title-abstract" (a title against its abstract) and/or
    # "query-paper" (a title-like search query, the title's words missing from the abstract's first
    # sentence or the whole title when none are, against the whole title + abstract as stored).
    "pairings": ["title-abstract"],
    # Pairings whose batches gather papers whose left text shares its rarest word (hard negatives: the
    # other papers of a batch hold that word too), instead of random batches.
    "grouped_pairings": [],
    "batch": 512,
    "temperature": 0.05,
    "learning_rate": 3e-3,
}


# The two bundled models: the document model (every paper's stored vector, queries in semantic and
# hybrid search) and the title model (hybrid ranking's title similarity: how well a title answers a
# search for a remembered title). They share the vocabulary and the PPMI + SVD start.
MODELS = {
    "paperpulse-arxiv-static": {},
    "paperpulse-arxiv-titles": {
        "pairings": ["query-title"],
        "grouped_pairings": ["query-title"],
        "epochs": 4,
        "batch": 2048,
        "learning_rate": 6e-3,
        "dimensions": 192,
    },
}


class Clock:
    def __init__(self):
        self.started = time.time()

    def __call__(self, message: str) -> None:
        print(f"[{time.time() - self.started:7.1f}s] {message}", flush=True)


def flat(token_lists, index):
    """(offsets, ids): paper i's in-vocabulary token ids are ids[offsets[i]:offsets[i + 1]]."""
    known = [[index[t] for t in tokens if t in index] for tokens in token_lists]
    offsets = np.zeros(len(known) + 1, dtype=np.int64)
    np.cumsum([len(k) for k in known], out=offsets[1:])
    return offsets, np.fromiter((i for k in known for i in k), dtype=np.int32, count=int(offsets[-1]))


def prepare(data_dir, settings):
    """Reads and tokenizes the corpus and picks the vocabulary."""
    by_id = corpus.read_records(data_dir)
    papers = corpus.papers(by_id)
    held_out = corpus.held_out_ids(by_id)
    title_tokens = [tokenize(title) for _, title, _ in papers]
    abstract_tokens = [tokenize(abstract) for _, _, abstract in papers]
    query_tokens = [
        tokenize(corpus.known_item_query(title, abstract)) or tokens
        for (_, title, abstract), tokens in zip(papers, title_tokens)
    ]
    counts = collections.Counter()
    for tokens in title_tokens + abstract_tokens:
        counts.update(tokens)
    frequent = sorted(((t, n) for t, n in counts.items() if n >= settings["min_count"]), key=lambda x: (-x[1], x[0]))
    kept = frequent[: settings["vocabulary"]]
    vocabulary = [token for token, _ in kept]
    index = {token: i for i, token in enumerate(vocabulary)}
    return {
        "vocabulary": vocabulary,
        "counts": np.array([n for _, n in kept], dtype=np.float64),
        "token_total": sum(counts.values()),
        "titles": flat(title_tokens, index),
        "abstracts": flat(abstract_tokens, index),
        "queries": flat(query_tokens, index),
        "papers": flat([t + a for t, a in zip(title_tokens, abstract_tokens)], index),
        "trainable": np.array([i for i, (pid, _, _) in enumerate(papers) if pid not in held_out], dtype=np.int64),
    }


def documents(data):
    """Each paper's title ids followed by its abstract ids, flat, with the paper number of every id."""
    (t_off, t_ids), (a_off, a_ids) = data["titles"], data["abstracts"]
    pieces = []
    for i in range(len(t_off) - 1):
        pieces.append(t_ids[t_off[i] : t_off[i + 1]])
        pieces.append(a_ids[a_off[i] : a_off[i + 1]])
    lengths = (t_off[1:] - t_off[:-1]) + (a_off[1:] - a_off[:-1])
    return np.concatenate(pieces), np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)


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
    pmi = np.log(counts.data / (row_sums[counts.row] * context[counts.col]))
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


PAIRINGS = {
    "title-abstract": ("titles", "abstracts"),
    "query-paper": ("queries", "papers"),
    "query-title": ("queries", "titles"),
}


def pairings(data, settings):
    return [(data[PAIRINGS[name][0]], data[PAIRINGS[name][1]]) for name in settings["pairings"]]


def rarest_tokens(side):
    """Per paper, the id of its rarest known token (ids rank tokens by frequency), -1 when it has none."""
    offsets, ids = side
    keys = np.full(len(offsets) - 1, -1, dtype=np.int64)
    lengths = offsets[1:] - offsets[:-1]
    has = lengths > 0
    keys[has] = np.maximum.reduceat(ids, offsets[:-1][has])
    return keys


def hard_keys(data, settings):
    """Per pairing, the batching key of a grouped pairing (its left side's rarest token) or None."""
    return [
        rarest_tokens(data[PAIRINGS[name][0]]) if name in settings["grouped_pairings"] else None
        for name in settings["pairings"]
    ]


def sif_weights(data, settings):
    return settings["sif_a"] / (settings["sif_a"] + data["counts"] / data["token_total"])


def ppmi_vectors(data, settings, log):
    ids, docs = documents(data)
    size = len(data["vocabulary"])
    pmi = ppmi(cooccurrence(ids, docs, size, settings["window"]), settings["context_smoothing"])
    log(f"PPMI matrix with {pmi.nnz} non-zeros")
    u, singular = randomized_svd(
        pmi, settings["dimensions"], settings["oversampling"], settings["power_iterations"], settings["seed"]
    )
    return u * singular ** settings["singular_value_power"]


def without_common_component(data, vectors, weights):
    """Removes the first singular direction of the (unnormalised) document vectors from every token vector,
    which by linearity removes it from every weighted sum, as SIF prescribes."""
    ids, docs = documents(data)
    doc_vectors = sp.csr_matrix((weights[ids], (docs, ids)), shape=(docs[-1] + 1, len(weights))) @ vectors
    _, _, vt = np.linalg.svd(doc_vectors.T @ doc_vectors)
    direction = vt[0] * np.sign(vt[0][np.abs(vt[0]).argmax()])
    return vectors - np.outer(vectors @ direction, direction)


def train(out_dir, data_dir, name, settings=SETTINGS):
    log = Clock()
    data = prepare(data_dir, settings)
    log(f"{len(data['titles'][0]) - 1} papers ({len(data['trainable'])} trainable), {data['token_total']} tokens")
    vectors = ppmi_vectors(data, settings, log)
    log("SVD done")
    weights = sif_weights(data, settings)
    if settings["epochs"] > 0:
        vectors = contrastive.refine(
            vectors,
            weights,
            pairings(data, settings),
            data["trainable"],
            settings,
            log,
            hard_keys=hard_keys(data, settings),
        )
    vectors = without_common_component(data, vectors, weights)
    model_files.write_model(out_dir, name, data["vocabulary"], vectors, weights, settings)
    log(f"wrote {out_dir}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--out", required=True, help="model directory to write")
    parser.add_argument("--data", default=corpus.SHARED_DATA, help="the shared data folder")
    parser.add_argument(
        "--model", default="paperpulse-arxiv-static", choices=MODELS, help="which model (its name and settings)"
    )
    parser.add_argument(
        "--settings", default="{}", help='JSON object overriding the model\'s settings, e.g. \'{"epochs": 0}\''
    )
    args = parser.parse_args()
    overrides = json.loads(args.settings)
    unknown = set(overrides) - set(SETTINGS)
    if unknown:
        parser.error(f"unknown settings: {', '.join(sorted(unknown))}")
    settings = {**SETTINGS, **MODELS[args.model], **overrides}
    if not set(settings["pairings"]) <= set(PAIRINGS):
        parser.error(f"pairings must be among {', '.join(PAIRINGS)}")
    if not set(settings["grouped_pairings"]) <= set(settings["pairings"]):
        parser.error("grouped_pairings must be among pairings")
    train(args.out, args.data, args.model, settings)


if __name__ == "__main__":
    main()
