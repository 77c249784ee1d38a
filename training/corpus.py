"""The training corpus: titles and abstracts of the two CC0 arXiv metadata folders, one record per
arXiv id, and the known-item evaluation set whose own title-abstract pairs supervised training must
not see."""

import glob
import gzip
import hashlib
import json
import os
import re

from tokenizer import WORD

SHARED_DATA = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
# Read in this order; the first record of an id wins, so the daily listings (newer, authored) come first.
CORPUS_FOLDERS = ("arxiv-daily-2025-2026", "arxiv-api-crawl-arxiver")
KNOWN_ITEMS = 500
_VERSION = re.compile(r"v[1-9][0-9]*$")
_WRAP = re.compile(r"\s+")
# The evaluation's first-sentence rule; its words are tokenizer.WORD runs, lower-cased without NFKC.
_SENTENCE_END = re.compile(r"[.!?](\s|$)")


def normalise_id(raw: str) -> str:
    return _VERSION.sub("", raw.strip())


def clean(text: str) -> str:
    """arXiv API text is hard-wrapped ("\\n  "); whitespace runs become one space."""
    return _WRAP.sub(" ", text).strip()


def read_records(data_dir: str = SHARED_DATA) -> dict[str, list[dict]]:
    """Every record of every file, grouped by normalised id, in folder then file order."""
    by_id: dict[str, list[dict]] = {}
    for folder in CORPUS_FOLDERS:
        for path in sorted(glob.glob(os.path.join(data_dir, folder, "papers", "*.jsonl.gz"))):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    paper = {"title": clean(record["title"]), "abstract": clean(record["abstract"])}
                    by_id.setdefault(normalise_id(record["id"]), []).append(paper)
    return by_id


def papers(by_id: dict[str, list[dict]]) -> list[tuple[str, str, str]]:
    """(id, title, abstract) per distinct id, sorted by id so every run sees the same order."""
    return [(paper_id, records[0]["title"], records[0]["abstract"]) for paper_id, records in sorted(by_id.items())]


def known_item_query(title: str, abstract: str) -> str:
    match = _SENTENCE_END.search(abstract)
    first_sentence = abstract[: match.start()] if match else abstract
    seen = {word.lower() for word in WORD.findall(first_sentence)}
    return " ".join(word.lower() for word in WORD.findall(title) if word.lower() not in seen)


def known_item_order(ids) -> list[str]:
    return sorted(ids, key=lambda paper_id: hashlib.sha256(f"known-item:{paper_id}".encode()).hexdigest())


def known_item_set(by_id: dict[str, list[dict]], use_record: int = 0, skip: int = 0) -> list[tuple[str, str]]:
    """The evaluation's 500 (id, query) pairs, reading each id's record number `use_record` (or its last).
    With skip=500 it gives the next 500 instead: the development set tuned on, never the evaluation's."""
    chosen = []
    for paper_id in known_item_order(by_id):
        records = by_id[paper_id]
        record = records[min(use_record, len(records) - 1)]
        query = known_item_query(record["title"], record["abstract"])
        if query:
            chosen.append((paper_id, query))
            if len(chosen) == skip + KNOWN_ITEMS:
                break
    return chosen[skip:]


def held_out_ids(by_id: dict[str, list[dict]]) -> set[str]:
    """The known-item papers of the evaluation and of the development set, whichever source's text an
    evaluation reads for an id found in both corpora."""
    return {paper_id for use in (0, 1) for skip in (0, KNOWN_ITEMS) for paper_id, _ in known_item_set(by_id, use, skip)}
