"""Input formats: one reader per format, each turning a raw file's bytes into the same Article record.

- ``lwnpage``: a saved LWN article page (HTML), with its markup knowledge in ``selectors``;
- ``knowbase``: a LWN-Kernel-Knowbase Markdown file (YAML front matter, then the article).
Shared parts: ``article`` (the record), ``decode`` (bytes to text), ``events`` (which meeting),
``topics`` (LWN's index entries).
"""

from __future__ import annotations

from pathlib import PurePath

from pipeline.config import MAX_PAGE_BYTES
from pipeline.sources.article import Article, Block, finish

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SUFFIXES = HTML_SUFFIXES + MARKDOWN_SUFFIXES

__all__ = ["Article", "Block", "SUFFIXES", "finish", "read_article"]


def read_article(data: bytes, name: str) -> Article:
    """The article in a raw file, by the file's suffix; raises Skip with a one-line reason. The readers
    (and their parsers) are imported here, so a build whose pages are all cached never loads them."""
    if PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES:
        from pipeline.sources.knowbase import read_knowbase
        return read_knowbase(data, name)
    from pipeline.sources.lwnpage import parse_page
    return parse_page(data, name)


def size_reason(size: int, limit: int = MAX_PAGE_BYTES) -> str | None:
    """The skip reason for a file over the size limit, or None."""
    if size <= limit:
        return None
    return f"file too large ({size / 2**20:.1f} MB > {limit // 2**20} MB limit)"
