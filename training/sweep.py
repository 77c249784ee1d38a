"""Compares training settings on the development sets (the "Choosing the method" table of the model card):

    python3 training/sweep.py '[{"epochs": 0}, {"epochs": 2, "learning_rate": 0.001}]'

Each entry overrides train.SETTINGS; contrastive runs are scored after every epoch. Scores use float
vectors (before int8 rounding): known-item MRR@10 on the development set (never the evaluation's 500),
CSFCube nDCG@10 and SciFact train nDCG@10. The tokenized corpus and PPMI vectors are cached in
--cache (they do not depend on the contrastive settings).
"""

import argparse
import json
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(__file__))
import train  # noqa: E402  (sets single-threaded BLAS before numpy loads)

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

import contrastive  # noqa: E402
import corpus  # noqa: E402
import evaluate  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", help="JSON list of settings overrides")
    parser.add_argument("--cache", default=".scratch/sweep-cache.pkl", help="where the prepared corpus is kept")
    args = parser.parse_args()
    log = train.Clock()
    if os.path.exists(args.cache):
        with open(args.cache, "rb") as f:
            data, base = pickle.load(f)
        if "queries" not in data:  # a cache written before the query-paper pairing: same vocabulary
            data = train.prepare(corpus.SHARED_DATA, train.SETTINGS)
    else:
        data = train.prepare(corpus.SHARED_DATA, train.SETTINGS)
        base = train.ppmi_vectors(data, train.SETTINGS, log)
        os.makedirs(os.path.dirname(args.cache) or ".", exist_ok=True)
        with open(args.cache, "wb") as f:
            pickle.dump((data, base), f)
    by_id = corpus.read_records(corpus.SHARED_DATA)
    ids, docs = train.documents(data)

    def score(vectors, weights, label):
        vectors = train.without_common_component(data, vectors, weights).astype(np.float32)
        embedder = evaluate.Embedder(data["vocabulary"], vectors, weights.astype(np.float32))
        bags = sp.csr_matrix((weights[ids], (docs, ids)), shape=(docs[-1] + 1, len(weights)))
        doc_vectors = np.asarray(bags @ vectors, dtype=np.float32)
        doc_vectors /= np.maximum(np.linalg.norm(doc_vectors, axis=1, keepdims=True), 1e-12)
        scores = {
            "known_item_dev_mrr10": evaluate.known_item_mrr(embedder, by_id, corpus.KNOWN_ITEMS, doc_vectors),
            "csfcube_ndcg10": evaluate.csfcube_ndcg(embedder, corpus.SHARED_DATA),
            "scifact_train_ndcg10": evaluate.scifact_train_ndcg(embedder, corpus.SHARED_DATA),
        }
        print(label, json.dumps({k: round(v, 4) for k, v in scores.items()}), flush=True)

    for overrides in json.loads(args.variants):
        settings = {**train.SETTINGS, **overrides}
        weights = train.sif_weights(data, settings)
        if settings["epochs"] == 0:
            score(base, weights, json.dumps(overrides))
            continue
        contrastive.refine(
            base, weights, train.pairings(data, settings), data["trainable"], settings, log,
            after_epoch=lambda epoch, vectors: score(vectors, weights, json.dumps({**overrides, "epochs": epoch})),
        )


if __name__ == "__main__":
    main()
