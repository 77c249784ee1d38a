"""Scores a title model as hybrid ranking would use it, without the product: over the tuning sets'
lexical candidates (`npm run eval -- --dump-candidates FILE`: the product's BM25 lists, as deep as the
title boost reads them, for SciFact train and the known-item development set), each candidate scores
0.9·BM25 (min-max over the list) + t·max(0, cos(query, title))^p, with t falling linearly from full
to 0 over the query-length ramp (src/search/fusion.ts). The dense side (weight ≤ 0.1) and candidates
found by meaning alone are left out, so it differs from `npm run eval -- --tune` by a few thousandths
(0.003 on the development set for ADR 0029's model and setting, 100 candidates deep).
"""

import json
import math

import numpy as np
import scipy.sparse as sp

from tokenizer import tokenize

TITLE_WEIGHTS = (2, 3, 4, 6, 8)
POWERS = (1, 2, 4, 8)
RAMPS = ((3, 6), (4, 8), (6, 12))
# A setting counts as safe when SciFact train (out of domain) stays this close to lexical ranking.
SAFE_LOSS = 0.005


class FusionProxy:
    def __init__(self, path, vocabulary):
        index = {token: i for i, token in enumerate(vocabulary)}
        with open(path, encoding="utf-8") as lines:
            self.queries = [json.loads(line) for line in lines]
        texts = []
        for query in self.queries:
            query["row"] = len(texts)
            texts.append(query["text"])
            for candidate in query["candidates"]:
                candidate["row"] = len(texts)
                texts.append(candidate["title"])
            bm25 = np.array([c["bm25"] for c in query["candidates"]], dtype=np.float64)
            spread = bm25.max() - bm25.min() if len(bm25) else 0
            query["bm25"] = (bm25 - bm25.min()) / spread if spread > 0 else np.ones(len(bm25))
        rows, cols = [], []
        for row, text in enumerate(texts):
            known = [index[t] for t in tokenize(text) if t in index]
            rows.extend([row] * len(known))
            cols.extend(known)
        # Token counts; a model's own token weights apply when it is scored.
        self.bags = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(texts), len(vocabulary)))

    def _cosines(self, token_vectors, weights):
        vectors = np.asarray(self.bags @ (token_vectors * weights[:, None]), dtype=np.float64)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors /= np.where(norms == 0, 1, norms)
        return [
            np.maximum(0, vectors[[c["row"] for c in q["candidates"]]] @ vectors[q["row"]]) if q["candidates"] else None
            for q in self.queries
        ]

    def score(self, cosines, title_weight, power, ramp):
        """Mean metric per set: MRR@10 for the known items, nDCG@10 (linear gains) for SciFact."""
        full, none = ramp
        per_set = {}
        for query, cosine in zip(self.queries, cosines):
            values = per_set.setdefault(query["set"], [])
            if cosine is None:
                values.append(0.0)
                continue
            n = query["distinctWords"]
            t = 0 if n == 0 else title_weight if n <= full else 0 if n >= none else title_weight * (none - n) / (none - full)
            fused = 0.9 * query["bm25"] + t * cosine**power
            ranked = [query["candidates"][i]["id"] for i in np.argsort(-fused, kind="stable")[:10]]
            values.append(_metric(query["set"], ranked, query["judgments"]))
        return {name: float(np.mean(values)) for name, values in per_set.items()}

    def best(self, token_vectors, weights):
        """Lexical scores, and the best known-item setting with SciFact train within SAFE_LOSS of lexical."""
        cosines = self._cosines(token_vectors, weights)
        lexical = self.score(cosines, 0, 1, RAMPS[0])
        grid = [
            ((t, p, ramp), self.score(cosines, t, p, ramp)) for t in TITLE_WEIGHTS for p in POWERS for ramp in RAMPS
        ]
        safe = [g for g in grid if g[1]["scifact-train"] >= lexical["scifact-train"] - SAFE_LOSS]
        setting, scores = max(safe, key=lambda g: g[1]["known-item-dev"])
        return {
            "lexical_known_item_dev_mrr10": round(lexical["known-item-dev"], 4),
            "title_known_item_dev_mrr10": round(scores["known-item-dev"], 4),
            "title_scifact_train_ndcg10": round(scores["scifact-train"], 4),
            "title_setting": {"weight": setting[0], "power": setting[1], "ramp": list(setting[2])},
        }


def _metric(name, ranked, judgments):
    if name.startswith("known-item"):
        return next((1 / (i + 1) for i, d in enumerate(ranked) if judgments.get(d, 0) > 0), 0.0)
    dcg = sum(max(judgments.get(d, 0), 0) / math.log2(i + 2) for i, d in enumerate(ranked))
    ideal = sorted((g for g in judgments.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0
