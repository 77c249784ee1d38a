"""Checks that two model directories agree within the regeneration tolerance of training/README.md:

    python3 training/compare.py models/paperpulse-arxiv-static /tmp/retrained

same vocabulary and shape, every int8 entry within ±1, scales and weights within 1e-5 relative.
Exit status 0 when they agree, 1 when not.
"""

import json
import os
import sys

import numpy as np


def load(model_dir):
    with open(os.path.join(model_dir, "model.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
        vocabulary = f.read()
    rows = np.fromfile(os.path.join(model_dir, "vectors.i8"), dtype=np.int8).astype(np.int16)
    scales = np.fromfile(os.path.join(model_dir, "scales.f32"), dtype="<f4")
    weights = np.fromfile(os.path.join(model_dir, "weights.f32"), dtype="<f4")
    return manifest, vocabulary, rows, scales, weights


def main():
    a, b = (load(d) for d in sys.argv[1:3])
    problems = []
    if a[1] != b[1]:
        problems.append("vocabularies differ")
    elif a[2].shape != b[2].shape:
        problems.append("vector shapes differ")
    else:
        int8_gap = int(np.abs(a[2] - b[2]).max()) if a[2].size else 0
        scale_gap = float(np.max(np.abs(a[3] - b[3]) / np.abs(a[3]))) if a[3].size else 0.0
        weight_gap = float(np.max(np.abs(a[4] - b[4]) / np.abs(a[4]))) if a[4].size else 0.0
        print(f"largest int8 difference {int8_gap}, scale {scale_gap:.2e} relative, weight {weight_gap:.2e} relative")
        print(f"identical bytes: {a[0]['sha256'] == b[0]['sha256']}")
        if int8_gap > 1 or scale_gap > 1e-5 or weight_gap > 1e-5:
            problems.append("outside the tolerance")
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
