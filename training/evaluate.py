"""Semantic-only quality of a model directory, computed from the shipped (int8) files:

    python3 training/evaluate.py models/paperpulse-arxiv-static

- arXiv known-item MRR@10 over the whole deduplicated corpus (the 500 papers training left out),
- CSFCube nDCG@10 (query = title + the sentences labelled with the query's facet; graded qrels),
- SciFact nDCG@10 on the train split (never the test split: it is kept for the final evaluation).
"""

import csv
import gzip
import json
import math
import os
import re
import sys
import tarfile

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.dirname(__file__))
import corpus  # noqa: E402
import model_files  # noqa: E402
from tokenizer import tokenize  # noqa: E402


class Embedder:
    def __init__(self, vocabulary, vectors, weights, model_id="in-memory"):
        self.model_id, self.vectors, self.weights = model_id, vectors, weights
        self.index = {token: i for i, token in enumerate(vocabulary)}

    @classmethod
    def from_dir(cls, model_dir):
        manifest, vocabulary, vectors, weights = model_files.read_model(model_dir)
        return cls(vocabulary, vectors, weights, manifest["id"])

    def embed(self, texts):
        rows, cols = [], []
        for row, text in enumerate(texts):
            known = [self.index[t] for t in tokenize(text) if t in self.index]
            rows.extend([row] * len(known))
            cols.extend(known)
        cols = np.array(cols, dtype=np.int64)
        matrix = sp.csr_matrix((self.weights[cols], (rows, cols)), shape=(len(texts), len(self.weights)))
        vectors = np.asarray(matrix @ self.vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def top_k(query_vectors, doc_vectors, k):
    scores = query_vectors @ doc_vectors.T
    best = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.take_along_axis(scores, best, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(best, order, axis=1)


def ndcg_at_10(ranked_ids, graded):
    dcg = sum((2 ** graded.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked_ids[:10]))
    ideal = sorted(graded.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def read_qrels(path):
    qrels = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            qrels.setdefault(row["query-id"], {})[row["corpus-id"]] = int(row["score"])
    return qrels


def known_item_mrr(embedder, by_id, skip=0, docs=None):
    """MRR@10 of the known-item set (skip=500: the development set) against every paper of the corpus."""
    papers = corpus.papers(by_id)
    position = {paper_id: i for i, (paper_id, _, _) in enumerate(papers)}
    if docs is None:
        docs = embedder.embed([f"{title} {abstract}" for _, title, abstract in papers])
    items = corpus.known_item_set(by_id, skip=skip)
    queries = embedder.embed([query for _, query in items])
    reciprocal = 0.0
    for start in range(0, len(items), 100):
        ranked = top_k(queries[start : start + 100], docs, 10)
        for (paper_id, _), row in zip(items[start : start + 100], ranked):
            hits = np.nonzero(row == position[paper_id])[0]
            reciprocal += 1 / (hits[0] + 1) if hits.size else 0
    return reciprocal / len(items)


def csfcube_query_sentences(folder):
    """(pid, facet) → the query paper's labelled sentences, read from the first block of each annotation file."""
    sentences = {}
    with tarfile.open(os.path.join(folder, "readable_annotations.tar.gz")) as archive:
        for member in archive.getmembers():
            match = re.search(r"/(\d+)-(\w+)-adju\.txt$", member.name)
            if not match:
                continue
            block = archive.extractfile(member).read().decode("utf-8").split("=" * 35)[0]
            labelled = re.findall(r"^(?:ABSTRACT: )?(\w+)_label: (.*)$", block, flags=re.M)
            sentences[(match[1], match[2])] = labelled
    return sentences


def csfcube_ndcg(embedder, data_dir):
    """Query text = title + the query paper's sentences of the facet (CSFCube counts "objective" as background)."""
    folder = os.path.join(data_dir, "csfcube")
    with gzip.open(os.path.join(folder, "corpus.jsonl.gz"), "rt", encoding="utf-8") as f:
        papers = [json.loads(line) for line in f]
    docs = embedder.embed([p["title"] + " " + " ".join(s["text"] for s in p["abstract_sentences"]) for p in papers])
    qrels = read_qrels(os.path.join(folder, "qrels", "all_facets.tsv"))
    with open(os.path.join(folder, "queries.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f]
    labelled = csfcube_query_sentences(folder)
    texts = []
    for q in queries:
        labels = {"background", "objective"} if q["facet"] == "background" else {q["facet"]}
        facet = [text for label, text in labelled[(q["paper_id"], q["facet"])] if label in labels]
        texts.append(" ".join([q["title"], *facet]))
    ranked = top_k(embedder.embed(texts), docs, 11)
    scores = []
    for q, row in zip(queries, ranked):
        ids = [papers[i]["paper_id"] for i in row if papers[i]["paper_id"] != q["paper_id"]]
        scores.append(ndcg_at_10(ids, qrels.get(q["_id"], {})))
    return float(np.mean(scores))


def scifact_train_ndcg(embedder, data_dir):
    folder = os.path.join(data_dir, "beir-scifact")
    with gzip.open(os.path.join(folder, "corpus.jsonl.gz"), "rt", encoding="utf-8") as f:
        papers = [json.loads(line) for line in f]
    docs = embedder.embed([f"{p['title']} {p['text']}" for p in papers])
    qrels = read_qrels(os.path.join(folder, "qrels", "train.tsv"))
    with open(os.path.join(folder, "queries.jsonl"), encoding="utf-8") as f:
        queries = [q for q in map(json.loads, f) if q["_id"] in qrels]
    ranked = top_k(embedder.embed([q["text"] for q in queries]), docs, 10)
    return float(np.mean([ndcg_at_10([papers[i]["_id"] for i in row], qrels[q["_id"]]) for q, row in zip(queries, ranked)]))


def main():
    model_dir = sys.argv[1]
    data_dir = sys.argv[2] if len(sys.argv) > 2 else corpus.SHARED_DATA
    embedder = Embedder.from_dir(model_dir)
    print(f"model {embedder.model_id}")
    print(f"CSFCube nDCG@10 (semantic only): {csfcube_ndcg(embedder, data_dir):.4f}")
    print(f"SciFact train nDCG@10 (semantic only): {scifact_train_ndcg(embedder, data_dir):.4f}")
    by_id = corpus.read_records(data_dir)
    papers = corpus.papers(by_id)
    docs = embedder.embed([f"{title} {abstract}" for _, title, abstract in papers])
    print(f"arXiv known-item MRR@10 (semantic only): {known_item_mrr(embedder, by_id, 0, docs):.4f}")
    print(f"arXiv known-item development set MRR@10: {known_item_mrr(embedder, by_id, corpus.KNOWN_ITEMS, docs):.4f}")


if __name__ == "__main__":
    main()
