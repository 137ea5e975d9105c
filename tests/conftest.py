"""Shared fixtures: the spaCy model loads once; the sample corpus and fixture pages are built once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import config

TESTS = Path(__file__).resolve().parent
RESOURCES = TESTS / "resources"
PAGES = RESOURCES / "pages"
BAD = RESOURCES / "bad"
GOLD = TESTS / "gold"
PROJECT = TESTS.parent
TABLES = ("articles", "paragraphs", "article_topics", "skipped", "person_mentions", "people", "person_aliases", "maintainers", "terms",
          "subsystem_mentions", "subsystems", "keywords", "person_subsystem", "person_year", "subsystem_year")


def gold_files():
    return sorted(GOLD.glob("*.json"))


def load_gold(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def build(raw: Path, out: Path, jobs: int = 1) -> Path:
    from pipeline import extract, package, parse

    opts = config.Options(raw=raw, out=out, jobs=jobs, progress=False)
    parse.run(opts)
    extract.run(opts)
    package.run(opts)
    return out


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_model

    return load_model(config.SPACY_MODEL)


@pytest.fixture(scope="session")
def resources(nlp):
    from pipeline.analysis import Resources

    return Resources.load(config.Options())


@pytest.fixture(scope="session")
def sample_tables(tmp_path_factory):
    """The sample corpus (raw/) built into a temporary folder."""
    return build(PROJECT / "raw", tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def fixture_tables(tmp_path_factory):
    """The fixture pages (tests/resources/pages) built into a temporary folder."""
    return build(PAGES, tmp_path_factory.mktemp("fixtures"))
