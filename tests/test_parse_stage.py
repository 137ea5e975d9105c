"""The parse stage as a whole: tables, skips, duplicates, sources.csv fallback, determinism."""

import shutil

from conftest import BAD, PAGES, PROJECT
from pipeline import config, parse
from pipeline.tables import read_rows


def _run(raw, out):
    return parse.run(config.Options(raw=raw, out=out, progress=False))


def test_parse_stage_writes_the_seed_article(tmp_path):
    _run(PROJECT / "raw", tmp_path)
    (article,) = read_rows(tmp_path / "articles.csv")
    assert article["article_id"] == "144272"
    assert article["title"] == "Kernel Summit 2005: Report from the networking summit"
    assert article["published"] == "2005-07-19" and article["year"] == "2005"
    assert article["event"] == "Kernel Summit 2005"
    assert article["source_file"] == "144272.html"
    paragraphs = read_rows(tmp_path / "paragraphs.csv")
    assert [p["paragraph"] for p in paragraphs] == [str(i) for i in range(len(paragraphs))]
    assert int(article["word_count"]) == sum(len(p["text"].split()) for p in paragraphs)
    assert read_rows(tmp_path / "article_topics.csv") == [
        {"article_id": "144272", "index_name": "Kernel", "topic": "Networking/Networking summits"}]
    assert read_rows(tmp_path / "skipped.csv") == []


def test_parse_stage_date_comes_from_sources_csv_when_the_page_has_none(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PROJECT / "raw" / "144272.html", raw)
    _run(raw, tmp_path / "out")
    (article,) = read_rows(tmp_path / "out" / "articles.csv")
    assert article["published"] == "" and article["year"] == ""
    shutil.copy(PROJECT / "raw" / "sources.csv", raw)
    _run(raw, tmp_path / "out")
    (article,) = read_rows(tmp_path / "out" / "articles.csv")
    assert article["published"] == "2005-07-19"


def test_parse_stage_skips_bad_files_and_keeps_the_rest(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(BAD, raw)
    shutil.copy(PAGES / "netconf2019.html", raw)
    _run(raw, tmp_path / "out")
    assert [a["article_id"] for a in read_rows(tmp_path / "out" / "articles.csv")] == ["791010"]
    skipped = {r["source_file"]: r["reason"] for r in read_rows(tmp_path / "out" / "skipped.csv")}
    assert set(skipped) == {p.name for p in BAD.iterdir()}
    err = capsys.readouterr().err
    for name in skipped:
        assert err.count(f"{raw}/{name}: skipped: ") == 1
    assert "Traceback" not in err


def test_parse_stage_duplicate_articles_keep_the_file_named_by_id(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    data = (PROJECT / "raw" / "144272.html").read_bytes()
    (raw / "a copy.html").write_bytes(data)
    (raw / "144272.html").write_bytes(data)
    (raw / "z.html").write_bytes(data)
    _run(raw, tmp_path / "out")
    articles = read_rows(tmp_path / "out" / "articles.csv")
    assert [a["source_file"] for a in articles] == ["144272.html"]
    skipped = read_rows(tmp_path / "out" / "skipped.csv")
    assert [s["source_file"] for s in skipped] == ["a copy.html", "z.html"]
    assert all(s["reason"] == f"duplicate of article 144272, kept {raw}/144272.html" for s in skipped)
    paragraphs = read_rows(tmp_path / "out" / "paragraphs.csv")
    assert len({(p["article_id"], p["paragraph"]) for p in paragraphs}) == len(paragraphs)


def test_parse_stage_reads_the_folders_inside_raw_but_hidden_ones(tmp_path, capsys):
    raw = tmp_path / "raw"
    (raw / "2005" / "summit").mkdir(parents=True)
    (raw / ".git").mkdir()
    shutil.copy(PROJECT / "raw" / "144272.html", raw / "2005" / "summit")
    shutil.copy(PAGES / "netconf2019.html", raw / ".git")
    (raw / "2005" / "notes.md").write_text("no front matter\n", encoding="utf-8")
    _run(raw, tmp_path / "out")
    assert [(a["article_id"], a["source_file"]) for a in read_rows(tmp_path / "out" / "articles.csv")] == [
        ("144272", "2005/summit/144272.html")]
    assert [s["source_file"] for s in read_rows(tmp_path / "out" / "skipped.csv")] == ["2005/notes.md"]
    assert f"{raw}/2005/notes.md: skipped: " in capsys.readouterr().err


def test_raw_files_follow_linked_folders_once_even_in_a_loop(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(PAGES / "netconf2019.html", pages)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "linked").symlink_to(pages, target_is_directory=True)
    (pages / "back").symlink_to(raw, target_is_directory=True)  # raw/linked/back is raw again
    assert [parse.raw_name(p, raw) for p in parse.raw_files(raw)] == ["linked/netconf2019.html"]


def test_parse_stage_is_deterministic_and_cache_gives_same_bytes(tmp_path):
    _run(PAGES, tmp_path / "a")
    _run(PAGES, tmp_path / "a")          # second run from the cache
    _run(PAGES, tmp_path / "b")
    for name in ("articles.csv", "paragraphs.csv", "article_topics.csv", "skipped.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_parse_stage_removed_file_removes_its_rows(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    _run(raw, tmp_path / "out")
    assert len(read_rows(tmp_path / "out" / "articles.csv")) == 8
    (raw / "brief2011.html").unlink()
    _run(raw, tmp_path / "out")
    ids = {a["article_id"] for a in read_rows(tmp_path / "out" / "articles.csv")}
    assert "447900" not in ids and len(ids) == 7
    assert all(p["article_id"] != "447900" for p in read_rows(tmp_path / "out" / "paragraphs.csv"))
