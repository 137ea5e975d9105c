"""`python -m pipeline.knowledge.common --knowbase DIR`: the words LWN's kernel articles all use.

A word that one LWN kernel article in ten uses ("CPU", "API", "user-space", "memory") says nothing about
which article it is in: as a keyword it is generic, however it is written. This counts, over the body text
of every article of a checkout of the LWN kernel knowbase (the reserved evaluation articles left out), the
share of articles each word occurs in, and writes the words at or above ``--share`` to
``common_words.txt``. Only the counts are kept, no text.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from pipeline import config
from pipeline.errors import PipelineError
from pipeline.sources import read_article
from pipeline.tables import atomic_write_bytes
from pipeline.terms import ACRONYM_PLURAL_RE

WORD_RE = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
DEFAULT_SHARE = 0.10
OUT_FILE = config.DATA_DIR / "common_words.txt"


def article_words(text: str) -> Counter:
    """How often each word of a text is written each way: letters and inner hyphens only."""
    return Counter(WORD_RE.findall(text))


def _singular(word: str) -> str:
    return word[:-1] if ACRONYM_PLURAL_RE.fullmatch(word) else word


def common_words(documents: list[Counter], share: float) -> list[tuple[str, float]]:
    """(word, share of documents) for words in at least ``share`` of ``documents``, most common first,
    each as it is written most often ("CPU", "lock"): case is part of what a word means ("LOCK"), and an
    acronym's plural is the acronym ("IDs" counts for "ID")."""
    docs: Counter = Counter()
    written: dict[str, Counter] = {}
    for words in documents:
        docs.update({_singular(w).lower() for w in words})
        for w, n in words.items():
            written.setdefault(_singular(w).lower(), Counter())[_singular(w)] += n
    total = len(documents)
    found = [(min(written[w].items(), key=lambda x: (-x[1], x[0]))[0], c / total)
             for w, c in docs.items() if total and c / total >= share]
    return sorted(found, key=lambda x: (-x[1], x[0].lower(), x[0]))


def render(found: list[tuple[str, float]], n_articles: int, share: float) -> str:
    header = [
        "# Words that at least {:.0%} of LWN's kernel articles use ({} articles of the LWN kernel knowbase,".format(
            share, n_articles),
        "# body text, the reserved evaluation articles left out), each as it is written most often: in a keyword they",
        "# name nothing in particular.",
        "# Written by `python -m pipeline.knowledge.common --knowbase DIR`; word, tab, share of articles.",
    ]
    return "\n".join(header + [f"{w}\t{s:.3f}" for w, s in found]) + "\n"


def main(argv: list[str] | None = None) -> int:
    from pipeline.realeval import RESERVED, files_by_id, knowbase_articles

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowbase", required=True, help="a checkout of the LWN kernel knowbase")
    parser.add_argument("--share", type=float, default=DEFAULT_SHARE)
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    args = parser.parse_args(argv)
    folder = knowbase_articles(Path(args.knowbase))
    if folder is None:
        raise SystemExit(f"{args.knowbase}: no LWN-ARTICLES/Kernel folder")
    documents = []
    for article_id, path in sorted(files_by_id(folder).items()):
        if article_id in RESERVED:
            continue
        try:
            article = read_article(path.read_bytes(), path.name)
        except PipelineError:
            continue
        documents.append(article_words("\n".join(b.text for b in article.blocks)))
    found = common_words(documents, args.share)
    atomic_write_bytes(args.out, render(found, len(documents), args.share).encode("utf-8"))
    print(f"{args.out}: {len(found)} words from {len(documents)} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
