"""Writes and reads the model directory format the runtime loader (src/search/embedding/model-files.ts) reads.

    model.json    format version, id, dimensions, vocabulary size, tokenizer, settings, file checksums
    vocab.txt     one token per line (UTF-8, "\\n"), row i of the matrices below is line i
    vectors.i8    int8, vocabulary × dimensions, row-major; token vector = row · scale
    scales.f32    float32 little-endian, one scale per row
    weights.f32   float32 little-endian, one SIF weight a / (a + p(w)) per row
"""

import hashlib
import json
import os

import numpy as np

FORMAT = "paperpulse-static-embedding/1"
TOKENIZER = "nfkc-lower-letter-digit-runs/1"


def quantize(vectors):
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    rows = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return rows, scales.astype("<f4")


def sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_model(out_dir, name, vocabulary, vectors, weights, settings):
    os.makedirs(out_dir, exist_ok=True)
    rows, scales = quantize(vectors)
    with open(os.path.join(out_dir, "vocab.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(f"{token}\n" for token in vocabulary))
    rows.tofile(os.path.join(out_dir, "vectors.i8"))
    scales.tofile(os.path.join(out_dir, "scales.f32"))
    weights.astype("<f4").tofile(os.path.join(out_dir, "weights.f32"))
    files = {f: sha256(os.path.join(out_dir, f)) for f in ("vocab.txt", "vectors.i8", "scales.f32", "weights.f32")}
    digest = hashlib.sha256("".join(files[f] for f in sorted(files)).encode()).hexdigest()
    manifest = {
        "format": FORMAT,
        "id": f"{name}@{digest[:12]}",
        "dimensions": int(rows.shape[1]),
        "vocabularySize": len(vocabulary),
        "tokenizer": TOKENIZER,
        "settings": settings,
        "sha256": files,
    }
    with open(os.path.join(out_dir, "model.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(manifest, indent=2) + "\n")


def read_model(model_dir):
    """(manifest, vocabulary, dequantised float32 vectors, weights)."""
    with open(os.path.join(model_dir, "model.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
        vocabulary = f.read().split("\n")[:-1]
    dims = manifest["dimensions"]
    rows = np.fromfile(os.path.join(model_dir, "vectors.i8"), dtype=np.int8).reshape(-1, dims)
    scales = np.fromfile(os.path.join(model_dir, "scales.f32"), dtype="<f4")
    weights = np.fromfile(os.path.join(model_dir, "weights.f32"), dtype="<f4")
    return manifest, vocabulary, rows.astype(np.float32) * scales[:, None], weights
