"""`make bench`: speed and memory of the pipeline on a synthetic corpus of LWN-style pages.

Pages are assembled from the paragraphs of the sample corpus and the test fixtures, shuffled and
varied per page (so no article is a cached copy of another), in LWN's newer page layout. One run
prints: full build time and words/s, a bare `nlp.pipe` over the same paragraph texts with the same
model, components, batch size and process count, the ratio of the two, no-op and add-one rebuild
times (median of three), the 1→2 process speed-up, and peak memory. It is a benchmark, not a test: nothing
fails on time.
"""

from __future__ import annotations

import argparse
import html
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pipeline import config
from pipeline.sources.lwnpage import parse_page
from pipeline.tables import read_rows

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>{title} [LWN.net]</title>
<meta HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8">
<link rel="canonical" href="https://lwn.net/Articles/{article_id}/">
</head><body><div id="menu"><a href="/">LWN.net</a></div>
<div class="pure-grid maincolumn"><div class="PageHeadline"><h1>{title}</h1></div>
<div class="ArticleText">
<div class="FeatureByline">By <b>Jonathan Corbet</b><br>{date}</div>
{body}
<table class="IndexEntries"><tr><th colspan=2>Index entries for this article</th></tr>
<tr><td><a href="/Kernel/Index">Kernel</a></td><td><a href="/Kernel/Index#Networking-Networking_summits">Networking/Networking summits</a></td></tr></table>
<hr width="60%" align="left"><a href="/Login/">Log in</a> to post comments
</div> <!-- ArticleText --></div></body></html>
"""
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
TAGS = {"p": "p", "li": "li", "h4": "h4", "quote": "p", "pre": "pre", "row": "tr"}


def paragraph_pool() -> list[tuple[str, str]]:
    """(kind, text) of every body block in the sample corpus and the fixture pages."""
    sources = list((config.PROJECT_DIR / "raw").glob("*.html"))
    sources += list((config.PROJECT_DIR / "tests" / "resources" / "pages").glob("*.html"))
    pool = []
    for path in sorted(sources):
        page = parse_page(path.read_bytes(), path.name)
        pool += [(b.kind, b.text) for b in page.blocks if len(b.text.split()) >= 8]
    return pool


def make_page(rng: random.Random, pool, article_id: int, words: int = 1000) -> str:
    body, count = [], 0
    while count < words:
        kind, text = rng.choice(pool)
        # Vary numbers so that no two pages share their text exactly.
        text = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in text)
        tag = TAGS[kind]
        inner = html.escape(text)
        if tag == "tr":
            cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in text.split(" | "))
            body.append(f"<table><tr>{cells}</tr></table>")
        else:
            body.append(f"<ul><li>{inner}</ul>" if tag == "li" else f"<{tag}>{inner}</{tag}>")
        count += len(text.split())
    year = rng.randrange(2004, 2026)
    date = f"{rng.choice(MONTHS)} {rng.randrange(1, 29)}, {year}"
    title = f"Netconf {year}: report number {article_id}"
    return PAGE.format(title=title, article_id=article_id, date=date, body="\n".join(body))


def write_corpus(raw: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    pool = paragraph_pool()
    raw.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        article_id = 900000 + i
        (raw / f"{article_id}.html").write_text(make_page(rng, pool, article_id), encoding="utf-8")


class TreeRSS(threading.Thread):
    """Samples the summed resident memory of a process and all its descendants (the build's real
    footprint: make, the stage, and its worker processes together)."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._done = threading.Event()

    @staticmethod
    def _children() -> dict[int, list[int]]:
        tree: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                tree.setdefault(ppid, []).append(int(entry.name))
        return tree

    def sample(self) -> int:
        tree, todo, total = self._children(), [self.pid], 0
        while todo:
            pid = todo.pop()
            todo += tree.get(pid, [])
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, self.sample())

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak_kb / 1024


def timed(cmd: list[str], *, memory: bool = False) -> tuple[float, str] | tuple[float, str, float]:
    """Run a command; its wall time and output (and with ``memory``, the peak MB of its process tree)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeRSS(process.pid) if memory and Path("/proc").is_dir() else None
    if sampler:
        sampler.start()
    output, _ = process.communicate()
    elapsed = time.perf_counter() - start
    peak = sampler.stop() if sampler else 0.0
    if process.returncode != 0:
        sys.exit(f"bench: command failed: {' '.join(cmd)}\n{output}")
    return (elapsed, output, peak) if memory else (elapsed, output)


def make_cmd(raw: Path, out: Path, jobs: int) -> list[str]:
    return ["make", "-C", str(config.PROJECT_DIR), f"RAW={raw}", f"PROCESSED={out}", f"JOBS={jobs}"]


BARE = """
import csv, sys, time
import spacy
from pipeline.config import NLP_BATCH_SIZE
from pipeline.nlp import load_model
texts = [r["text"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
nlp = load_model(sys.argv[2])
start = time.perf_counter()
for doc in nlp.pipe(texts, batch_size=NLP_BATCH_SIZE, n_process=int(sys.argv[3])):
    pass
print(f"pipe {time.perf_counter() - start:.3f}")
"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of synthetic pages")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the spaCy pipeline")
    parser.add_argument("--skip-single", action="store_true", help="skip the 1-process build (no speed-up figure)")
    parser.add_argument("--sizes", default="", help="corpus sizes for the add-one series, e.g. 50,200,1000")
    args = parser.parse_args(argv)
    if args.sizes:
        add_one_series([int(n) for n in args.sizes.split(",") if n.strip()], args.jobs)
    with tempfile.TemporaryDirectory(prefix="netsummit-bench-") as tmp:
        tmp = Path(tmp)
        raw, out = tmp / "raw", tmp / "out"
        write_corpus(raw, args.n)
        full, log = timed(make_cmd(raw, out, args.jobs))
        rss_full = peak_rss_mb()
        words = sum(int(r["word_count"]) for r in read_rows(out / "articles.csv"))
        bare, bare_out = timed([sys.executable, "-c", BARE, str(out / "paragraphs.csv"), config.SPACY_MODEL, str(args.jobs)])
        pipe_only = float(bare_out.split("pipe ")[-1].split()[0])
        noop = statistics.median(timed(make_cmd(raw, out, args.jobs))[0] for _ in range(3))
        rng, pool, adds = random.Random(99), paragraph_pool(), []
        for article_id in (999997, 999998, 999999):
            (raw / f"{article_id}.html").write_text(make_page(rng, pool, article_id), encoding="utf-8")
            adds.append(timed(make_cmd(raw, out, args.jobs))[0])
        add_one = statistics.median(adds)
        print(f"bench: {args.n} synthetic pages, {words} words, JOBS={args.jobs}, model {config.SPACY_MODEL}")
        print(f"full build (make, clean)      {full:8.2f} s   {words / full:8.0f} words/s")
        print(f"bare nlp.pipe (same model, components, batch, n_process={args.jobs}), whole process "
              f"{bare:8.2f} s   pipe alone {pipe_only:.2f} s")
        print(f"ratio full build / bare nlp.pipe {full / bare:8.3f}")
        print(f"no-op rebuild (median of 3)   {noop:8.2f} s")
        print(f"add-one rebuild (median of 3) {add_one:8.2f} s   ratio to full build {add_one / full:.3f}")
        if not args.skip_single and args.jobs > 1:
            single, _ = timed(make_cmd(raw, tmp / "out1", 1))
            print(f"full build with JOBS=1        {single:8.2f} s   speed-up 1→{args.jobs} processes {single / full:.2f}x")
        print(f"peak RSS of the largest process {max(rss_full, peak_rss_mb()):8.0f} MB (full build {rss_full:.0f} MB)")
    return 0


def add_one_series(sizes: list[int], jobs: int) -> None:
    """How the cost of adding one page grows with the corpus. At each size: add-one (median of three new
    pages); the fixed overhead, add-one less the same pages' cost added to an empty corpus (their own
    work: starting Python, loading the model, analysing the page); and a rebuild where a page is touched
    but nothing in it changed (everything comes from the caches)."""
    rng, pool = random.Random(7), paragraph_pool()
    pages = [(article_id, make_page(rng, pool, article_id)) for article_id in (999994, 999995, 999996)]
    alone = []
    for article_id, page in pages:
        with tempfile.TemporaryDirectory(prefix="netsummit-bench-") as tmp:
            raw, out = Path(tmp) / "raw", Path(tmp) / "out"
            raw.mkdir()
            timed(make_cmd(raw, out, jobs))
            (raw / f"{article_id}.html").write_text(page, encoding="utf-8")
            alone.append(timed(make_cmd(raw, out, jobs))[0])
    own = statistics.median(alone)
    print(f"add-one series (JOBS={jobs}); a page added to an empty corpus costs {own:.2f} s (its own work)")
    print("   pages  add-one s  fixed overhead s  rebuild with nothing new s")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="netsummit-bench-") as tmp:
            raw, out = Path(tmp) / "raw", Path(tmp) / "out"
            write_corpus(raw, n)
            timed(make_cmd(raw, out, jobs))
            adds, touches = [], []
            for article_id, page in pages:
                path = raw / f"{article_id}.html"
                path.write_text(page, encoding="utf-8")
                adds.append(timed(make_cmd(raw, out, jobs))[0])
                path.touch()
                touches.append(timed(make_cmd(raw, out, jobs))[0])
            add, fixed = statistics.median(adds), statistics.median(touches)
            print(f"  {n + 3:6d} {add:10.2f} {add - own:17.2f} {fixed:27.2f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
