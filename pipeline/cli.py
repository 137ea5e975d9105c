"""Command line: one subcommand per stage, plus `run` for everything (python -m pipeline --help)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from pipeline import __version__, config
from pipeline.errors import PipelineError
from pipeline.log import say
from pipeline.tables import remove_temporaries


def _options(args) -> config.Options:
    progress = {"auto": None, "on": True, "off": False}[getattr(args, "progress", "auto")]
    return config.Options(
        raw=Path(getattr(args, "raw", None) or config.RAW_DIR),
        out=Path(getattr(args, "out", None) or config.PROCESSED_DIR),
        model=getattr(args, "model", None) or config.SPACY_MODEL,
        jobs=max(1, int(getattr(args, "jobs", 1) or 1)),
        strict=bool(getattr(args, "strict", False)),
        progress=progress,
    )


def cmd_parse(args):
    from pipeline import parse

    parse.run(_options(args))


def cmd_extract(args):
    from pipeline import extract

    opts = _options(args)
    extract.run(opts)
    if args.package:
        from pipeline import package

        package.run(opts)


def cmd_package(args):
    from pipeline import package

    package.run(_options(args))


def cmd_report(args):
    from pipeline import report

    report.run(_options(args))


def cmd_dictionary(args):
    from pipeline import schema

    sys.stdout.write(schema.markdown())


def cmd_strict(args):
    return strict_check(_options(args))


def strict_check(opts: config.Options) -> int:
    from pipeline.tables import read_rows

    path = Path(opts.out) / "skipped.csv"
    rows = read_rows(path) if path.is_file() else []
    if rows:
        say(f"strict: {len(rows)} input file(s) skipped (see {path}):")
        for row in rows:
            say(f"  {row['source_file']}: {row['reason']}")
        return 1
    return 0


def cmd_run(args):
    from pipeline import package

    opts = _options(args)
    package.build(opts)
    return strict_check(opts) if opts.strict else 0


def cmd_eval(args):
    from pipeline import evaluate

    outs = args.out or [str(config.PROCESSED_DIR)]
    return evaluate.main(Path(args.gold), *map(Path, outs))


def cmd_knowledge(args):
    from pipeline.knowledge import importer

    importer.run(Path(args.kernel_src), Path(args.out or config.DATA_DIR), Path(args.uapi) if args.uapi else None)


def _fetch_options(p):
    p.add_argument("--raw", help=f"folder for the saved pages (default: {config.RAW_DIR})")
    p.add_argument("--base-url", help="site to fetch from (default: $LWN_BASE_URL or https://lwn.net)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests (never below 1 for lwn.net)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds before a request is abandoned")


def cmd_add(args):
    from pipeline import fetch

    return fetch.add(args.targets, Path(args.raw or config.RAW_DIR), fetch.client_from_args(args), refresh=args.refresh)


def cmd_fetch(args):
    from pipeline import fetch

    return fetch.fetch_missing(Path(args.raw or config.RAW_DIR), fetch.client_from_args(args))


def cmd_discover(args):
    from pipeline import fetch

    return fetch.discover(Path(args.raw or config.RAW_DIR), fetch.client_from_args(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="netsummit: LWN networking-summit reports (LWN pages and knowbase Markdown in raw/) → tidy CSV "
                    "tables (processed/).")
    parser.add_argument("--version", action="version", version=f"netsummit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p, raw=True):
        if raw:
            p.add_argument("--raw", help="folder of saved LWN pages and knowbase Markdown files "
                                         f"(default: {config.RAW_DIR})")
        p.add_argument("--out", help=f"folder for the tables (default: {config.PROCESSED_DIR})")
        p.add_argument("--progress", choices=("auto", "on", "off"), default="auto",
                       help="progress bar: auto shows it on a terminal only")

    p = sub.add_parser("parse", help="raw/ pages and Markdown → articles, paragraphs, article_topics, skipped")
    common(p)
    p.set_defaults(func=cmd_parse, locks=True)

    p = sub.add_parser("extract", help="paragraphs → people, subsystems, keywords, person_subsystem")
    common(p, raw=False)
    p.add_argument("--model", help=f"spaCy model (default: {config.SPACY_MODEL}, or $SPACY_MODEL)")
    p.add_argument("--jobs", type=int, default=1, help="processes for the spaCy pipeline")
    p.add_argument("--package", action="store_true", help="then check the tables and write datapackage.json")
    p.set_defaults(func=cmd_extract, locks=True)

    p = sub.add_parser("package", help="check every table and write datapackage.json")
    common(p, raw=False)
    p.set_defaults(func=cmd_package, locks=True)

    p = sub.add_parser("report", help="charts of the tables: <out>/report/index.html")
    common(p, raw=False)
    p.set_defaults(func=cmd_report, locks=True)

    p = sub.add_parser("dictionary", help="print the data dictionary as Markdown")
    p.set_defaults(func=cmd_dictionary)

    p = sub.add_parser("strict", help="exit non-zero if any input file was skipped")
    common(p, raw=False)
    p.set_defaults(func=cmd_strict)

    p = sub.add_parser("run", help="every stage: parse, extract, package")
    common(p)
    p.add_argument("--model", help=f"spaCy model (default: {config.SPACY_MODEL})")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the spaCy pipeline")
    p.add_argument("--strict", action="store_true", help="exit non-zero if any input file was skipped")
    p.set_defaults(func=cmd_run, locks=True)

    p = sub.add_parser("add", help="download articles by id or URL into raw/ and record them in raw/sources.csv")
    p.add_argument("targets", nargs="+", metavar="ID_OR_URL")
    p.add_argument("--refresh", action="store_true", help="download again even if the page is already in raw/")
    _fetch_options(p)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("fetch", help="download every article in raw/sources.csv that is not yet in raw/")
    _fetch_options(p)
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("discover", help="add the articles of LWN's 'Networking/Networking summits' index to raw/sources.csv")
    _fetch_options(p)
    p.set_defaults(func=cmd_discover)

    p = sub.add_parser("knowledge", help="import the kernel's records (MAINTAINERS, Kconfig, ...) into the knowledge files")
    p.add_argument("--kernel-src", required=True, metavar="DIR",
                   help="a kernel source tree, or a folder of its records (MAINTAINERS, CREDITS, mailmap, net-Kconfig.txt, networking-docs.tsv)")
    p.add_argument("--uapi", metavar="DIR", help="user-space API headers (linux/*.h, asm-generic/*.h), such as "
                   "/usr/include, for a records folder without include/uapi")
    p.add_argument("--out", help=f"folder of the knowledge files (default: {config.DATA_DIR})")
    p.set_defaults(func=cmd_knowledge)

    p = sub.add_parser("eval", help="precision, recall and F1 of the tables against a gold file")
    p.add_argument("--gold", default=str(config.PROJECT_DIR / "tests" / "gold"), help="folder of gold files")
    p.add_argument("--out", action="append", help="folder of tables to evaluate (repeatable)")
    p.set_defaults(func=cmd_eval)
    return parser


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that temporary files are removed on the way out; a BaseException,
    like KeyboardInterrupt, so that no handler of one article's errors takes it for a bug in that article."""


def _terminate(signum, frame):
    raise Terminated()


def _left(args) -> str:
    """What an interrupted run leaves in its output folder: the last complete set of tables, or none yet."""
    out = Path(getattr(args, "out", None) or config.PROCESSED_DIR)
    if (out / "datapackage.json").is_file():
        return "the tables are the previous complete ones"
    return f"no complete set of tables in {out} yet"


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        if getattr(args, "locks", False):
            from pipeline.lock import folder_lock

            out = Path(getattr(args, "out", None) or config.PROCESSED_DIR)
            with folder_lock(out):
                try:
                    return int(args.func(args) or 0)
                except (KeyboardInterrupt, Terminated):
                    remove_temporaries(out)  # one a signal caught between its creation and its record
                    raise
        return int(args.func(args) or 0)
    except PipelineError as err:
        say(f"error: {err}")
        return 2
    except KeyboardInterrupt:
        say(f"interrupted: {_left(args)}; finished work is kept, run again to go on")
        return 130
    except Terminated:
        say(f"terminated: {_left(args)}; finished work is kept, run again to go on")
        return 143
    finally:
        signal.signal(signal.SIGTERM, previous)
