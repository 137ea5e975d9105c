"""Input formats: one reader per format, each turning a raw file's bytes into the same Article record.

- ``lwnpage``: a saved LWN article page (HTML), with its markup knowledge in ``selectors``;
- ``knowbase``: a LWN-Kernel-Knowbase Markdown file (YAML front matter, then the article).
Shared parts: ``article`` (the record), ``decode`` (bytes to text), ``events`` (which meeting),
``topics`` (LWN's index entries).
"""

from __future__ import annotations

from pathlib import PurePath

from pipeline.sources.article import Article, Block, finish
from pipeline.sources.knowbase import SUFFIXES as MARKDOWN_SUFFIXES
from pipeline.sources.knowbase import read_knowbase
from pipeline.sources.lwnpage import parse_page

HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = HTML_SUFFIXES + MARKDOWN_SUFFIXES

__all__ = ["Article", "Block", "SUFFIXES", "finish", "read_article"]


def read_article(data: bytes, name: str) -> Article:
    """The article in a raw file, by the file's suffix; raises Skip with a one-line reason."""
    if PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES:
        return read_knowbase(data, name)
    return parse_page(data, name)
