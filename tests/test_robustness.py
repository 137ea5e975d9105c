"""Bad input never breaks a build; interrupted builds never leave partial tables."""

import os
import random
import shutil
import signal
import subprocess
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PAGES, PROJECT, TABLES
from pipeline import config, parse, schema
from pipeline.sources import Article as Page
from pipeline.package import check_tables
from pipeline.parse import parse_file, page_from_dict
from pipeline.tables import Fragments, read_rows

SEEDS = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))] + [(PROJECT / "raw" / "144272.html").read_bytes()]


def _mutate(data: bytes, ops) -> bytes:
    for op, a, b in ops:
        n = len(data)
        if n == 0:
            break
        i, j = sorted((a % n, b % n))
        if op == "cut":
            data = data[:i]
        elif op == "delete":
            data = data[:i] + data[j:]
        elif op == "duplicate":
            data = data[:j] + data[i:j] + data[j:]
        elif op == "swap":
            data = data[:i] + data[j:j + 40] + data[i + 40:j] + data[i:i + 40] + data[j + 40:]
        elif op == "byte":
            data = data[:i] + bytes([b % 256]) + data[i + 1:]
        elif op == "tag":
            data = data[:i] + random.Random(a ^ b).choice([b"<div>", b"</p>", b"<li", b"<!--", b"</table>", b"\x00", b"<pre>"]) + data[i:]
    return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(SEEDS) - 1),
       st.lists(st.tuples(st.sampled_from(["cut", "delete", "duplicate", "swap", "byte", "tag"]),
                          st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=6))
def test_robustness_fuzzed_pages_give_an_article_or_a_reason(seed, ops):
    result = parse_file(_mutate(SEEDS[seed], ops), "fuzz.html")
    if "skip" in result:
        assert isinstance(result["skip"], str) and result["skip"] and "\n" not in result["skip"]
        assert not result["skip"].startswith("internal parser error"), result["skip"]
    else:
        page = page_from_dict(result["page"])
        lines = Fragments(schema.PARAGRAPHS, {page.article_id: result["paragraphs_csv"]}, result["paragraphs"])
        rows = lines.rows_of(page.article_id)
        assert isinstance(page, Page) and page.article_id and rows and len(rows) == result["paragraphs"]
        assert all(r["kind"] in schema.BLOCK_KINDS and r["text"] for r in rows)


def test_robustness_oversized_file_is_skipped_unread(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setattr(parse, "MAX_PAGE_BYTES", 1024 * 1024)
    (raw / "huge.html").write_bytes(b"<html>" + b"x" * (2 * 1024 * 1024))
    shutil.copy(PAGES / "brief2011.html", raw)
    parse.run(config.Options(raw=raw, out=tmp_path / "out", progress=False))
    (row,) = read_rows(tmp_path / "out" / "skipped.csv")
    assert row["source_file"] == "huge.html" and row["reason"].startswith("file too large (2.0 MB > 1 MB limit)")
    assert len(read_rows(tmp_path / "out" / "articles.csv")) == 1


def test_robustness_checks_find_broken_tables():
    tables = {
        "articles": [{"article_id": "1", "url": "u", "title": "t", "published": "", "year": "", "author": "", "guest": "false",
                      "event": "", "event_series": "", "event_year": "", "word_count": "3", "source_file": "1.html", "sha256": "x"}],
        "paragraphs": [{"article_id": "1", "paragraph": "0", "kind": "p", "text": "Herbert Xu spoke"},
                       {"article_id": "2", "paragraph": "0", "kind": "p", "text": "orphan"}],
        "person_mentions": [{"article_id": "1", "paragraph": "0", "sentence": "0", "start": "0", "end": "9",
                             "text": "Herbert Xu", "person": "Herbert Xu"}] * 2,
    }
    texts = {(r["article_id"], r["paragraph"]): r["text"] for r in tables["paragraphs"]}
    problems = check_tables(tables, texts)
    assert any("paragraphs.csv: article_id not in articles.csv: 2" in p for p in problems)
    assert any("person_mentions.csv: duplicate primary key" in p for p in problems)
    assert any("do not point at 'Herbert Xu'" in p for p in problems)
    good = dict(tables, paragraphs=tables["paragraphs"][:1], person_mentions=[dict(tables["person_mentions"][0], end="10")])
    assert check_tables(good, {("1", "0"): "Herbert Xu spoke"}) == []




def _make(raw, out):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.Popen(["make", "-C", str(PROJECT), f"RAW={raw}", f"PROCESSED={out}", "JOBS=1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)


def _tables(out):
    return {n: (out / f"{n}.csv").read_bytes() for n in TABLES if (out / f"{n}.csv").exists()}


@pytest.mark.slow
def test_robustness_killed_builds_leave_old_or_new_tables_and_make_repairs(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    added = raw / "netconf2019.html"
    data = added.read_bytes()
    added.unlink()
    out = tmp_path / "out"
    assert _make(raw, out).wait() == 0
    old = _tables(out)
    added.write_bytes(data)
    clean = tmp_path / "clean"
    assert _make(raw, clean).wait() == 0
    new = _tables(clean)
    assert old.keys() == new.keys() == set(TABLES)
    for delay in (0.3, 0.9, 1.6, 2.4, 3.5):
        work = tmp_path / f"kill{delay}"
        shutil.copytree(out, work)
        shutil.copystat(out, work)
        proc = _make(raw, work)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for name, content in _tables(work).items():
            assert content in (old[name], new[name]), f"{name} partial after SIGKILL at {delay}s"
        assert set(_tables(work)) == set(TABLES)
        assert _make(raw, work).wait() == 0
        assert _tables(work) == new


@pytest.mark.slow
def test_robustness_a_reader_that_goes_away_stops_the_messages_not_the_build(tmp_path):
    """`pipeline run ... 2>&1 | head -1`: the rest of the messages go nowhere, the tables are written."""
    import sys

    out = tmp_path / "out"
    command = f"{sys.executable} -m pipeline run --raw {PROJECT / 'raw'} --out {out} --jobs 1 2>&1 | head -c 1"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=PROJECT, capture_output=True)
    assert result.returncode == 0, result
    assert (out / "datapackage.json").is_file() and (out / "articles.csv").is_file()
