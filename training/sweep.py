"""Compares training settings on the development sets (the "Choosing the method" tables of the model cards):

    python3 training/sweep.py '[{"epochs": 0}, {"epochs": 2, "learning_rate": 0.001}]'
    python3 training/sweep.py --model paperpulse-arxiv-titles --candidates .scratch/candidates.jsonl '[{}]'

Each entry overrides the model's settings (train.MODELS); contrastive runs are scored after every
epoch. Scores use float vectors (before int8 rounding): known-item MRR@10 on the development set (never
the evaluation's 500), CSFCube nDCG@10 and SciFact train nDCG@10, semantic only; with --candidates (the
file `npm run eval -- --dump-candidates` writes), also the title similarity's effect on hybrid ranking
(fusion_proxy.py). The tokenized corpus and PPMI vectors are cached in --cache (they do not depend on
the contrastive settings); a smaller `dimensions` takes the cached SVD's first components, where
train.py computes that many directly.
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
import fusion_proxy  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", help="JSON list of settings overrides")
    parser.add_argument("--cache", default=".scratch/sweep-cache.pkl", help="where the prepared corpus is kept")
    parser.add_argument("--model", default="paperpulse-arxiv-static", choices=train.MODELS, help="settings to start from")
    parser.add_argument("--candidates", help="tuning candidates to score the title similarity on (fusion_proxy.py)")
    parser.add_argument("--no-semantic", action="store_true", help="skip the semantic-only sets (title models)")
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
    proxy = None
    if args.candidates:
        proxy = fusion_proxy.FusionProxy(args.candidates, data["vocabulary"])

    def score(vectors, weights, label):
        vectors = train.without_common_component(data, vectors, weights).astype(np.float32)
        scores = {}
        if not args.no_semantic:
            embedder = evaluate.Embedder(data["vocabulary"], vectors, weights.astype(np.float32))
            bags = sp.csr_matrix((weights[ids], (docs, ids)), shape=(docs[-1] + 1, len(weights)))
            doc_vectors = np.asarray(bags @ vectors, dtype=np.float32)
            doc_vectors /= np.maximum(np.linalg.norm(doc_vectors, axis=1, keepdims=True), 1e-12)
            scores = {
                "known_item_dev_mrr10": evaluate.known_item_mrr(embedder, by_id, corpus.KNOWN_ITEMS, doc_vectors),
                "csfcube_ndcg10": evaluate.csfcube_ndcg(embedder, corpus.SHARED_DATA),
                "scifact_train_ndcg10": evaluate.scifact_train_ndcg(embedder, corpus.SHARED_DATA),
            }
            scores = {k: round(v, 4) for k, v in scores.items()}
        if proxy is not None:
            scores.update(proxy.best(vectors, weights))
        print(label, json.dumps(scores), flush=True)

    for overrides in json.loads(args.variants):
        settings = {**train.SETTINGS, **train.MODELS[args.model], **overrides}
        weights = train.sif_weights(data, settings)
        start = base[:, : settings["dimensions"]]
        if settings["epochs"] == 0:
            score(start, weights, json.dumps(overrides))
            continue
        contrastive.refine(
            start, weights, train.pairings(data, settings), data["trainable"], settings, log,
            after_epoch=lambda epoch, vectors: score(vectors, weights, json.dumps({**overrides, "epochs": epoch})),
            hard_keys=train.hard_keys(data, settings),
        )


if __name__ == "__main__":
    main()
