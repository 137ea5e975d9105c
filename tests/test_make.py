"""The whole pipeline through `make`, as users run it, into temporary folders."""

import os
import shutil
import subprocess

import pytest

from conftest import BAD, PAGES, PROJECT, TABLES

pytestmark = pytest.mark.slow



def make(raw, out, *extra, check=True, jobs=1):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    result = subprocess.run(["make", "-C", str(PROJECT), f"RAW={raw}", f"PROCESSED={out}", f"JOBS={jobs}", *extra],
                            capture_output=True, text=True, env=env)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def snapshot(out):
    return {name: (out / f"{name}.csv").read_bytes() for name in TABLES} | {
        "datapackage": (out / "datapackage.json").read_bytes()}


def test_make_builds_every_table_and_a_second_make_does_nothing(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    out = tmp_path / "out"
    make(raw, out)
    for name in TABLES:
        assert (out / f"{name}.csv").is_file()
    assert (out / "datapackage.json").is_file()
    again = make(raw, out)
    assert "Nothing to be done" in again.stdout
    assert "parse:" not in again.stderr


def test_make_incremental_builds_equal_a_clean_build(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    held_out = raw / "brief2011.html"
    data = held_out.read_bytes()
    held_out.unlink()
    out = tmp_path / "inc"
    make(raw, out)
    added = raw / "2011" / held_out.name                # add one article, in a folder of its own
    added.parent.mkdir()
    added.write_bytes(data)
    result = make(raw, out)
    assert "1 through the model" in result.stderr and "7 unchanged" in result.stderr
    assert b"2011/brief2011.html" in (out / "articles.csv").read_bytes()
    clean = tmp_path / "clean"
    make(raw, clean)
    assert snapshot(out) == snapshot(clean)
    added.unlink()                                      # and remove it again
    make(raw, out)
    assert b"447900" not in (out / "articles.csv").read_bytes()
    assert b"447900" not in (out / "person_mentions.csv").read_bytes()


def test_make_sees_articles_added_and_removed_through_symbolic_links(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(PAGES / "netconf2019.html", pages / "netconf2019.html")
    raw = tmp_path / "raw"
    raw.mkdir()
    out = tmp_path / "out"
    make(raw, out)
    link = raw / "netconf2019.html"
    link.symlink_to(pages / "netconf2019.html")
    assert "Nothing to be done" not in make(raw, out).stdout
    assert b"791010" in (out / "articles.csv").read_bytes()
    link.unlink()
    make(raw, out)
    assert b"791010" not in (out / "articles.csv").read_bytes()
    folder = tmp_path / "raw-link"                      # RAW itself a link to a folder
    folder.symlink_to(pages, target_is_directory=True)
    make(folder, out)
    assert b"791010" in (out / "articles.csv").read_bytes()


def test_make_bad_files_are_named_once_and_strict_fails_after_the_work(tmp_path):
    raw = tmp_path / "raw dir"
    shutil.copytree(BAD, raw)
    shutil.copy(PAGES / "netconf2019.html", raw / "netconf 2019 é.html")
    out = tmp_path / "out"
    result = make(raw, out)
    for bad in BAD.iterdir():
        assert result.stderr.count(f"{bad.name}: skipped: ") == 1, bad.name
    assert "Traceback" not in result.stderr
    assert b"791010" in (out / "articles.csv").read_bytes()
    strict = make(raw, out, "STRICT=1", check=False)
    assert strict.returncode != 0
    assert all(f"  {bad.name}: " in strict.stderr for bad in BAD.iterdir()), strict.stderr  # which, and why
    assert (out / "articles.csv").is_file() and (out / "datapackage.json").is_file()


def test_make_editing_the_taxonomy_reuses_the_parses(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    out = tmp_path / "out"
    make(raw, out)
    from pipeline import config, extract

    data = tmp_path / "subsystems.tsv"
    data.write_text(config.SUBSYSTEMS_FILE.read_text(encoding="utf-8") + "kernel releases\ttooling\t\n", encoding="utf-8")
    opts = config.Options(raw=raw, out=out, progress=False, subsystems_file=data)
    stats = extract.run(opts)
    assert stats.through_model == 0
    assert b"kernel releases" in (out / "subsystem_mentions.csv").read_bytes()


def test_make_two_processes_give_the_same_bytes_as_one(tmp_path):
    make(PAGES, tmp_path / "one", jobs=1)
    make(PAGES, tmp_path / "two", jobs=2)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_make_help_lists_every_documented_target_with_the_folders_given(tmp_path):
    documented = {line.split(":", 1)[0] for line in (PROJECT / "Makefile").read_text().splitlines()
                  if "## " in line and ":" in line and not line.startswith(("#", "\t"))}
    shown = "\n".join(line for line in make(tmp_path / "r", tmp_path / "p", "help").stdout.splitlines()
                      if not line.startswith("make"))
    assert {line.split()[0] for line in shown.splitlines()} == documented, shown
    assert {"eval-real", "eval-links", "bench-real"} <= documented
    assert f"from {tmp_path / 'r'}" in shown and "$(" not in shown, shown
