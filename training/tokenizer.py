"""The tokenizer the runtime (src/search/embedding/tokenizer.ts) reproduces exactly.

NFKC, then lower case, then maximal runs of Unicode letters and digits (the JavaScript class
/[\\p{L}\\p{N}]+/u). The character class is built from unicodedata so the definition is the
Unicode category itself, not Python's looser str.isalnum.
"""

import re
import sys
import unicodedata


def _letter_or_digit_class() -> str:
    ranges = []
    start = None
    for code in range(sys.maxunicode + 1):
        inside = unicodedata.category(chr(code))[0] in ("L", "N")
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append((start, code - 1))
            start = None
    if start is not None:
        ranges.append((start, sys.maxunicode))
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


WORD = re.compile(f"[{_letter_or_digit_class()}]+")


def tokenize(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())
