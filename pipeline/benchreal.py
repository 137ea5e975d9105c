"""`make bench-real KNOWBASE=<dir>`: the whole pipeline over every file of the LWN-Kernel-Knowbase.

Prints the figures of a build at that scale: wall time of a clean build, peak memory of the build's
process tree, the no-op rebuild (median of three), the add-one rebuild (three files held out of the
first build and added one at a time, median), its fixed overhead (less the same files added to an empty
corpus), a rebuild after touching a file, and every file skipped with its reason. The knowbase's
files are copied into a work folder (build/bench-real/raw), never written to. A benchmark: nothing fails on time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

from pipeline import config
from pipeline.bench import make_cmd, timed
from pipeline.realeval import files_by_id, knowbase_articles
from pipeline.tables import read_rows

HELD_OUT = 3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.benchreal", description=__doc__.split("\n")[0])
    parser.add_argument("--knowbase", default="", help="a checkout of HAOYZ886/LWN-Kernel-Knowbase")
    parser.add_argument("--work", default=str(config.PROJECT_DIR / "build" / "bench-real"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    folder = knowbase_articles(Path(args.knowbase)) if args.knowbase else None
    if folder is None:
        print("bench-real: skipped, no knowbase given or found (make bench-real KNOWBASE=<checkout>)")
        return 0
    work = Path(args.work)
    raw, out = work / "raw", work / "out"
    shutil.rmtree(work, ignore_errors=True)
    raw.mkdir(parents=True)
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    by_id = files_by_id(folder)
    held = [by_id[i] for i in sorted(by_id)[-HELD_OUT:]]
    for path in files:
        if path not in held:
            shutil.copyfile(path, raw / path.name)
    full, log, peak = timed(make_cmd(raw, out, args.jobs), memory=True)
    articles = read_rows(out / "articles.csv")
    words = sum(int(r["word_count"]) for r in articles)
    noop = statistics.median(timed(make_cmd(raw, out, args.jobs))[0] for _ in range(3))
    adds, touches, alone = [], [], []
    for path in held:
        shutil.copyfile(path, raw / path.name)
        adds.append(timed(make_cmd(raw, out, args.jobs))[0])
        (raw / path.name).touch()
        touches.append(timed(make_cmd(raw, out, args.jobs))[0])
    for path in held:  # the same files, each added to an empty corpus: their own cost
        one = work / "alone"
        shutil.rmtree(one, ignore_errors=True)
        (one / "raw").mkdir(parents=True)
        timed(make_cmd(one / "raw", one / "out", args.jobs))
        shutil.copyfile(path, one / "raw" / path.name)
        alone.append(timed(make_cmd(one / "raw", one / "out", args.jobs))[0])
    add, own = statistics.median(adds), statistics.median(alone)
    skipped = read_rows(out / "skipped.csv")
    print(f"bench-real: {len(files)} files in {folder}, JOBS={args.jobs}, model {config.SPACY_MODEL}")
    print(f"full build (make, clean, {len(files) - HELD_OUT} files)  {full:8.1f} s   {len(articles)} articles, "
          f"{words} words, {words / full:.0f} words/s")
    print(f"peak RSS of the build (all processes) {peak:8.0f} MB")
    print(f"no-op rebuild (median of 3)          {noop:8.2f} s")
    print(f"add-one rebuild (median of {HELD_OUT})          {add:8.2f} s   ({', '.join(f'{a:.2f}' for a in adds)})")
    print(f"the same files added to an empty corpus  {own:8.2f} s   (their own work)")
    print(f"fixed overhead of add-one            {add - own:8.2f} s")
    print(f"rebuild after touching a file (median) {statistics.median(touches):6.2f} s   (nothing new)")
    print(f"skipped: {len(skipped)}" + "".join(f"\n    {r['source_file']}: {r['reason']}" for r in skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
