"""Stage 1, parse: raw/*.html and raw/*.md → articles.csv, paragraphs.csv, article_topics.csv, skipped.csv."""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict
from pathlib import Path

from pipeline import schema
from pipeline.cache import Store, article_digests, files_digest
from pipeline.config import MAX_PAGE_BYTES, SOURCES_NAME, Options
from pipeline.errors import PipelineError, Skip
from pipeline.log import progress, say
from pipeline.sources import SUFFIXES, Article, finish, read_article, size_reason
from pipeline.sources.events import Event
from pipeline.tables import Fragments, csv_lines, read_rows, write_tables

_SOURCES_DIR = Path(__file__).with_name("sources")
_CODE = [Path(__file__), *sorted(_SOURCES_DIR.glob("*.py")), *sorted(_SOURCES_DIR.glob("*.txt"))]


def raw_files(raw: Path) -> list[Path]:
    """The files to process: LWN pages (.html) and knowbase Markdown (.md) in ``raw`` and its folders (a
    copied tree such as the knowbase's LWN-ARTICLES/Kernel; linked ones too), hidden ones aside, in a stable
    order."""
    if not raw.is_dir():
        return []
    found, seen = [], set()
    for folder, subfolders, names in os.walk(raw, followlinks=True):  # a linked folder once, even in a loop
        seen.add(os.path.realpath(folder))
        subfolders[:] = [d for d in subfolders if not d.startswith(".")
                         and os.path.realpath(os.path.join(folder, d)) not in seen]
        found += [Path(folder) / n for n in names if Path(n).suffix.lower() in SUFFIXES and not n.startswith(".")]
    return sorted((p for p in found if p.is_file()), key=lambda p: raw_name(p, raw))


def raw_name(path: Path, raw: Path) -> str:
    """A raw file's name in the tables and messages: its path inside the raw folder ("2016/675056.html")."""
    return path.relative_to(raw).as_posix()


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files left by a build that was killed (the tables themselves are always whole)."""
    if out.is_dir():
        for path in [*out.glob(".*.tmp"), *out.glob(".cache/**/.*.tmp")]:
            path.unlink(missing_ok=True)


def load_sources(raw: Path) -> dict[int, dict[str, str]]:
    """raw/sources.csv by article_id (the list of known reports and where each page came from)."""
    path = raw / SOURCES_NAME
    if not path.is_file():
        return {}
    sources = {}
    for row in read_rows(path):
        try:
            sources[int(row["article_id"])] = row
        except (KeyError, TypeError, ValueError):
            continue
    return sources


def parse_file(data: bytes, name: str) -> dict:
    """Read one raw file into a marshal-able dict: {'page': its facts, 'paragraphs': n, 'words': n,
    'paragraphs_csv': its rows of paragraphs.csv, rendered once, 'digests': its extract cache keys
    (cache.article_digests)} or {'skip': reason}."""
    try:
        article = read_article(data, name)
        blocks = article.blocks
        page = asdict(article)
        del page["blocks"]  # the rendered lines hold them
        return {"page": page, "paragraphs": len(blocks), "words": article.word_count,
                "paragraphs_csv": csv_lines(schema.PARAGRAPHS, paragraph_rows(article)),
                "digests": list(article_digests(article.title, [b.kind for b in blocks], [b.text for b in blocks]))
                if blocks else None}
    except Skip as skip:
        return {"skip": skip.reason}
    except RecursionError:
        return {"skip": "markup nested too deeply to parse"}
    except Exception as err:  # noqa: BLE001 - one odd page must not stop the build; the reason says it is a bug
        return {"skip": f"internal parser error, please report: {type(err).__name__}: {err}".splitlines()[0]}


def page_from_dict(d: dict) -> Article:
    """The Article a parse result holds, without its blocks (paragraphs_csv holds them)."""
    d = dict(d, blocks=[])
    d["topics"] = [tuple(t) for t in d["topics"]]
    d["event"] = Event(**d["event"]) if d.get("event") else None
    return Article(**d)


def choose_kept(files: list[str], article_id: int) -> str:
    """Which of several files holding the same article is kept: one named '<article_id>.<suffix>' first,
    then an LWN page before a Markdown copy (its index entries keep their punctuation), then by name."""
    def preference(name: str):
        path = Path(name)
        return (path.stem != str(article_id), path.suffix.lower() not in (".html", ".htm"), name)
    return min(files, key=preference)


def paragraph_rows(page: Article) -> list[dict]:
    return [{"article_id": page.article_id, "paragraph": i, "kind": b.kind, "text": b.text}
            for i, b in enumerate(page.blocks)]


def build_rows(parsed: list[tuple[str, str, dict]], sources: dict[int, dict], raw_label: str):
    """Turn parse results [(file name, sha256, result)] into table rows plus skip messages. Pure. The
    paragraphs are the pages' rendered lines (tables.Fragments), with each article's extract cache keys."""
    skipped, messages, pages = [], [], {}
    for name, sha, result in parsed:
        if "skip" in result:
            skipped.append({"source_file": name, "reason": result["skip"]})
            continue
        pages.setdefault(result["page"]["article_id"], []).append((name, sha, result))
    articles, topics, fragments, digests, n_paragraphs = [], [], {}, {}, 0
    for article_id, candidates in pages.items():
        kept = choose_kept([c[0] for c in candidates], article_id)
        for name, sha, result in candidates:
            if name != kept:
                skipped.append({"source_file": name, "reason": f"duplicate of article {article_id}, kept {raw_label}/{kept}"})
                continue
            page = finish(page_from_dict(result["page"]), sources.get(article_id, {}).get("published"))
            event = page.event
            articles.append({
                "article_id": article_id, "url": page.url, "title": page.title, "published": page.published,
                "year": int(page.published[:4]) if page.published else None, "author": page.author,
                "guest": page.guest,
                "event": event.label if event else None, "event_series": event.series if event else None,
                "event_year": event.year if event else None,
                "word_count": result["words"], "source_file": name, "sha256": sha,
            })
            if not page.published:
                messages.append(f"{raw_label}/{name}: no publication date found (published is left empty; "
                                f"give it in {raw_label}/sources.csv)")
            fragments[article_id] = result["paragraphs_csv"]
            n_paragraphs += result["paragraphs"]
            if result["digests"]:
                digests[article_id] = tuple(result["digests"])
            topics.extend({"article_id": article_id, "index_name": idx, "topic": t} for idx, t in page.topics)
    for row in sorted(skipped, key=lambda r: r["source_file"]):
        messages.append(f"{raw_label}/{row['source_file']}: skipped: {row['reason']}")
    paragraphs = Fragments(schema.PARAGRAPHS, fragments, n_paragraphs, digests)
    return articles, paragraphs, topics, skipped, messages


def parse_all(opts: Options, on_new=None) -> tuple[dict, list[str], int]:
    """Parse every raw file (reusing stored results) into the parse tables' rows; also the messages about
    skipped files and the number of files. A file whose name, size and time are unchanged is not read.
    ``on_new(n)`` is called, before the rows are built, with the number of pages parsed anew."""
    raw = Path(opts.raw)
    if not raw.is_dir():
        raise PipelineError(f"{raw}: no such folder of raw pages")
    files = raw_files(raw)
    store = Store(opts.cache, "parse", files_digest(_CODE))
    parsed, new = [], 0
    for path in progress(files, total=len(files), desc="parse", enabled=opts.progress):
        name = raw_name(path, raw)
        try:
            stat = path.stat()
            too_large = size_reason(stat.st_size, MAX_PAGE_BYTES)
            if too_large:
                parsed.append((name, "", {"skip": too_large}))
                continue
            seen = f"stat:{name}:{stat.st_size}:{stat.st_mtime_ns}"
            sha = store.get(seen)
            result = store.get(f"{sha}:{name}") if sha else None
            if result is None:
                data = path.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
                result = store.get(f"{sha}:{name}")
                if result is None:
                    result = parse_file(data, name)
                    store.put(f"{sha}:{name}", result)
                    new += "page" in result
                store.put(seen, sha)
        except OSError as err:
            parsed.append((name, "", {"skip": f"cannot read file ({err.strerror})"}))
            continue
        parsed.append((name, sha, result))
    if new and on_new is not None:
        on_new(new)
    articles, paragraphs, topics, skipped, messages = build_rows(parsed, load_sources(raw), str(raw))
    store.finish()
    tables = {schema.ARTICLES: articles, schema.PARAGRAPHS: paragraphs, schema.ARTICLE_TOPICS: topics,
              schema.SKIPPED: skipped}
    return tables, messages, len(files)


def run(opts: Options, write: bool = True, on_new=None) -> dict:
    """Parse every page in opts.raw and write the parse tables to opts.out (or, with ``write`` off, only
    return them: the whole build writes every table at once). ``on_new``: see parse_all."""
    remove_stale_temporaries(Path(opts.out))
    tables, messages, n_files = parse_all(opts, on_new)
    for message in messages:
        say(message)
    if write:
        write_tables(opts.out, tables)
    say(f"parse: {len(tables[schema.ARTICLES])} articles, {len(tables[schema.PARAGRAPHS])} paragraphs, "
        f"{len(tables[schema.SKIPPED])} skipped ({n_files} files in {opts.raw})")
    return tables
