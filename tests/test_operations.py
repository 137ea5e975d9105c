"""Operational edges: file modes under the user's umask, a full disk, two builds at once, interruptions."""

import errno
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import PAGES, PROJECT, RESOURCES
from pipeline import cli

KNOWBASE = RESOURCES / "knowbase"


def _corpus(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    for path in KNOWBASE.glob("99*.md"):
        shutil.copy(path, raw)
    return raw


def _snapshot(out):
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))} | {
        "datapackage.json": (out / "datapackage.json").read_bytes()}


def _temporaries(out):
    return [p for p in out.rglob("*.tmp")]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_operations_written_files_follow_the_umask(tmp_path, umask, mode):
    target = tmp_path / "table.csv"
    code = ("import os, sys; from pathlib import Path; from pipeline.tables import atomic_write_bytes, write_tables; "
            "atomic_write_bytes(Path(sys.argv[1]), b'a,b\\n')")
    subprocess.run([sys.executable, "-c", code, str(target)], check=True, cwd=PROJECT,
                   preexec_fn=lambda: os.umask(umask))
    assert target.stat().st_mode & 0o777 == mode


def test_operations_an_interrupted_write_marks_nothing_new_that_make_asks_for(tmp_path, monkeypatch):
    """make rebuilds when datapackage.json (written last) is older than the inputs: an interruption
    during the renames must not have marked it, or any file after the interrupted one, as new."""
    from pipeline.tables import atomic_write_many

    changed, same, marker = tmp_path / "changed.csv", tmp_path / "same.csv", tmp_path / "datapackage.json"
    for path in (changed, same, marker):
        path.write_bytes(b"old\n")
        os.utime(path, (1_000_000, 1_000_000))

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_many({changed: b"new\n", same: b"old\n", marker: b"old\n"})
    assert [p.stat().st_mtime for p in (changed, same, marker)] == [1_000_000] * 3
    assert changed.read_bytes() == b"old\n" and _temporaries(tmp_path) == []
    monkeypatch.undo()
    atomic_write_many({changed: b"new\n", same: b"old\n", marker: b"old\n"})
    assert changed.read_bytes() == b"new\n" and all(p.stat().st_mtime > 1_000_000 for p in (changed, same, marker))


@pytest.mark.slow
def test_operations_a_build_writes_tables_readable_by_the_group(tmp_path):
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "parse", "--raw", str(PAGES), "--out", str(out),
                    "--progress", "off"], check=True, cwd=PROJECT, preexec_fn=lambda: os.umask(0o022),
                   capture_output=True)
    for name in ("articles.csv", "paragraphs.csv", "skipped.csv"):
        assert (out / name).stat().st_mode & 0o777 == 0o644


@pytest.mark.slow
def test_operations_a_full_disk_is_one_line_and_keeps_the_previous_tables(tmp_path, monkeypatch, capsys):
    raw, out = _corpus(tmp_path), tmp_path / "out"
    assert cli.main(["run", "--raw", str(raw), "--out", str(out), "--jobs", "1", "--progress", "off"]) == 0
    before = _snapshot(out)
    (raw / "ks2004.html").write_bytes((raw / "ks2004.html").read_bytes().replace(b"pktgen", b"the pktgen tool"))
    capsys.readouterr()
    real_fsync = os.fsync

    def full_disk(fd):
        if os.path.dirname(os.readlink(f"/proc/self/fd/{fd}")) == str(out):  # the caches fit, the tables do not
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    assert cli.main(["run", "--raw", str(raw), "--out", str(out), "--jobs", "1", "--progress", "off"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: ") and "no space left on the device" in err[-1] and "MB needed" in err[-1]
    assert not any("Traceback" in line for line in err)
    assert _snapshot(out) == before
    assert _temporaries(out) == []


@pytest.mark.slow
def test_operations_two_builds_at_once_wait_for_each_other(tmp_path):
    raw, out, single = _corpus(tmp_path), tmp_path / "out", tmp_path / "single"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}

    def start(target):
        return subprocess.Popen(["make", "-C", str(PROJECT), f"RAW={raw}", f"PROCESSED={target}", "JOBS=1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    first, second = start(out), start(out)
    results = [p.communicate() for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    for stdout, stderr in results:
        assert "cannot stat" not in stderr and "Traceback" not in stderr, stderr
    lone = start(single)
    lone.communicate()
    assert _snapshot(out) == _snapshot(single)
    assert _temporaries(out) == []


@pytest.mark.slow
def test_operations_a_terminated_build_resumes_without_redoing_finished_articles(tmp_path):
    raw, out = _corpus(tmp_path), tmp_path / "out"
    build = [sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(out), "--jobs", "1",
             "--progress", "off"]
    process = subprocess.Popen(build, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    journal = out / ".cache" / "extract" / "journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (journal.is_dir() and len(list(journal.iterdir())) >= 2):
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("terminated")]
    assert len(lines) == 1 and "Traceback" not in stderr
    assert not (out / "person_mentions.csv").exists() and _temporaries(out) == []
    again = subprocess.run(build, cwd=PROJECT, capture_output=True, text=True, check=True)
    done = int(again.stderr.split("extract: ")[1].split(" articles (")[1].split(" through the model")[0])
    total = int(again.stderr.split("extract: ")[1].split(" articles")[0])
    assert done < total  # the articles finished before the signal were not analysed again
    clean = tmp_path / "clean"
    subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(clean), "--jobs", "1",
                    "--progress", "off"], cwd=PROJECT, capture_output=True, check=True)
    assert _snapshot(out) == _snapshot(clean)


def test_operations_an_extraction_bug_in_one_article_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    from pipeline import analysis

    raw, out = _corpus(tmp_path), tmp_path / "out"
    real = analysis.extract_article

    def fragile(docs, res, kinds=None, title=None, texts=None, report=False, writer=None):
        if any("Ada Lindqvist" in doc.text for _, doc in docs):
            raise ValueError("a parse this code did not expect")
        return real(docs, res, kinds, title, texts, report, writer)

    monkeypatch.setattr(analysis, "extract_article", fragile)
    assert cli.main(["run", "--raw", str(raw), "--out", str(out), "--jobs", "1", "--progress", "off"]) == 0
    err = capsys.readouterr().err
    assert "extract: article 990001: internal error, please report: ValueError" in err
    mentions = (out / "person_mentions.csv").read_text(encoding="utf-8")
    assert "Ada Lindqvist" not in mentions and "Jamal Hadi Salim" in mentions


def test_operations_a_build_from_caches_loads_neither_the_model_nor_the_page_parsers():
    """The stages import spaCy and the HTML/Markdown parsers only when a page or an article needs them."""
    code = ("import sys; import pipeline.cli, pipeline.package, pipeline.parse, pipeline.extract; "
            "print(sorted(m for m in ('spacy', 'bs4', 'markdown_it', 'yaml') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_operations_a_termination_during_an_article_is_not_taken_for_a_bug_in_it(monkeypatch, resources):
    """SIGTERM becomes cli.Terminated; one article's error handler must let it through to the build."""
    from pipeline import analysis

    def stopped(*args, **kwargs):
        raise cli.Terminated()

    monkeypatch.setattr(analysis, "extract_article", stopped)
    with pytest.raises(cli.Terminated):
        analysis.analyse((1, [(0, "Stephen Hemminger spoke about TCP.")], ["p"], "", None, False, None), resources)


def test_operations_a_signal_between_a_temporary_file_and_its_record_leaves_no_temporary(tmp_path, monkeypatch):
    """The window of an atomic write: mkstemp has made the file, no cleanup knows of it yet, SIGTERM comes."""
    import tempfile

    out = tmp_path / "out"
    journal = out / ".cache" / "extract" / "journal"
    journal.mkdir(parents=True)
    (out / "kept.tmp").write_bytes(b"a user's file")  # not one of ours: no random part

    def interrupted(args):
        tempfile.mkstemp(prefix=".0123abcd.marshal.", suffix=".tmp", dir=journal)
        raise cli.Terminated()

    monkeypatch.setattr(cli, "cmd_run", interrupted)
    assert cli.main(["run", "--raw", str(tmp_path), "--out", str(out)]) == 143
    assert _temporaries(out) == [out / "kept.tmp"]


def test_operations_an_interrupted_first_build_says_there_are_no_tables_yet(tmp_path, monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt()

    monkeypatch.setattr(cli, "cmd_run", interrupted)
    out = tmp_path / "out"
    assert cli.main(["run", "--raw", str(tmp_path), "--out", str(out)]) == 130
    assert f"interrupted: no complete set of tables in {out} yet" in capsys.readouterr().err
    out.mkdir(exist_ok=True)
    (out / "datapackage.json").write_text("{}")
    assert cli.main(["run", "--raw", str(tmp_path), "--out", str(out)]) == 130
    assert "interrupted: the tables are the previous complete ones" in capsys.readouterr().err
