"""Writes test/search/embedding/tokenizer-golden.jsonl: texts and the tokens training/tokenizer.py gives
them, which the runtime tokenizer must reproduce (tokenizer parity test).

    python3 training/tokenizer_golden.py
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import corpus  # noqa: E402
from tokenizer import tokenize  # noqa: E402

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "test", "search", "embedding", "tokenizer-golden.jsonl")
CORPUS_SAMPLES = 100

# Cases where NFKC, case mapping or the letter/digit class could differ between Python and JavaScript.
EDGE_CASES = [
    "Transformer-based LLMs: attention is all you need (v2.0)",
    "ﬁne-tuning ﬂows, ＦＵＬＬＷＩＤＴＨ text and ｶﾀｶﾅ",
    "x² + y₃ = ½, Ⅻ chapters, ① ② ③, ℝⁿ and 𝐱 ∈ 𝔽",
    "ΣΟΦΟΣ σοφός ὈΔΥΣΣΕΎΣ, İstanbul, Straße, ǅ digraph, ÅNGSTRÖM",
    "cafe\u0301 vs café, n\u0303, Å vs Å",
    "深度学习 模型 と 自然言語処理, 한국어 텍스트, العربية ١٢٣, हिन्दी भाषा",
    "$\\mathcal{O}(n \\log n)$ \\emph{not} $\\alpha_{t}$-SNE, e.g. 3D-to-2D, GPT-4o, Llama-3.1-8B",
    "snake_case, don't, U.S.A., 1,000,000 — 50%… “quoted” ‘single’",
    "emoji 🤖🚀 and ZWJ 👩‍💻, tab\tand\nnewline\u00a0nbsp\u200bzero-width",
    "",
]


def main():
    by_id = corpus.read_records()
    sample = corpus.known_item_order(by_id)[-CORPUS_SAMPLES:]
    texts = EDGE_CASES + [f"{by_id[i][-1]['title']} {by_id[i][-1]['abstract'][:300]}" for i in sample]
    golden = [{"text": text, "tokens": tokenize(text)} for text in texts]
    with open(GOLDEN, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(json.dumps(case, ensure_ascii=False) + "\n" for case in golden))


if __name__ == "__main__":
    main()
