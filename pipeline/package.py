"""Stage 3, package: consistency checks over all tables, then processed/datapackage.json."""

from __future__ import annotations

import operator
from pathlib import Path

from pipeline import __version__, schema
from pipeline.config import Options
from pipeline.errors import PipelineError
from pipeline.log import say
from pipeline.tables import Fragments, atomic_write_bytes, json_bytes, read_rows


def check_tables(tables: dict[str, list[dict[str, str]]], paragraph_texts: dict[tuple[str, str], str] | None = None) -> list[str]:
    """Problems in a set of tables (rows as read from CSV): unknown article ids, duplicate keys,
    offsets that do not point at the mention's text, columns not as the data dictionary says. Pure.

    A table held as per-article fragments (tables.Fragments) had its keys checked per article when its
    fragments were made (its primary key starts with article_id) and its offsets when the results were
    made (extract), so here only its article ids are checked."""
    problems = []
    for name, rows in tables.items():
        if isinstance(rows, Fragments):
            continue
        table = schema.TABLES[name]
        if rows and set(rows[0].keys()) != set(table.column_names):
            problems.append(f"{name}.csv: columns {list(rows[0].keys())} differ from the data dictionary")
            continue
        keys = list(map(operator.itemgetter(*table.primary_key), rows))
        if len(keys) != len(set(keys)):
            problems.append(f"{name}.csv: duplicate primary key {table.primary_key}")
    known = {r["article_id"] for r in tables.get("articles", [])}
    for name, rows in tables.items():
        if name == "articles" or "article_id" not in schema.TABLES[name].column_names:
            continue
        ids = set(rows.fragments) if isinstance(rows, Fragments) else {r["article_id"] for r in rows}
        unknown = {i for i in ids if i not in known and str(i) not in known}
        if unknown:
            problems.append(f"{name}.csv: article_id not in articles.csv: {', '.join(map(str, sorted(unknown)[:5]))}")
    if paragraph_texts is not None:
        for name in ("person_mentions", "subsystem_mentions"):
            if isinstance(tables.get(name), Fragments):
                continue
            for r in tables.get(name, []):
                text = paragraph_texts.get((r["article_id"], r["paragraph"]))
                if text is None or text[int(r["start"]):int(r["end"])] != r["text"]:
                    problems.append(f"{name}.csv: article {r['article_id']} paragraph {r['paragraph']} "
                                    f"offsets {r['start']}-{r['end']} do not point at {r['text']!r}")
                    break
    for name, fk_table, fk_col in (("person_subsystem", "people", "person"), ("person_subsystem", "subsystems", "subsystem"),
                                   ("person_aliases", "people", "person")):
        if name in tables and fk_table in tables:
            known_values = {r[fk_col] for r in tables[fk_table]}
            missing = {r[fk_col] for r in tables[name]} - known_values
            if missing:
                problems.append(f"{name}.csv: {fk_col} not in {fk_table}.csv: {', '.join(map(str, sorted(missing)[:5]))}")
    return problems


def provenance(opts: Options) -> dict:
    from pipeline.nlp import model_version_key

    return {"pipeline_version": __version__, "spacy_model": model_version_key(opts.model)}


def check_or_fail(tables: dict[str, list[dict]]) -> None:
    """The consistency checks; a failure is an error, since it can only be a bug."""
    mentions = [tables.get(n) for n in ("person_mentions", "subsystem_mentions")]
    texts = None
    if not all(isinstance(m, Fragments) for m in mentions if m is not None):
        texts = {(r["article_id"], r["paragraph"]): r["text"] for r in tables.get("paragraphs", [])}
    problems = check_tables(tables, texts)
    if problems:
        raise PipelineError("consistency check failed (a bug, please report it): " + "; ".join(problems))


def datapackage_bytes(opts: Options, names) -> bytes:
    return json_bytes(schema.datapackage(list(names), provenance(opts)))


def run(opts: Options, table_names=None) -> dict:
    """Check the tables in opts.out and describe them in datapackage.json; a failed check is an error."""
    out = Path(opts.out)
    names = [n for n in (table_names or schema.TABLES) if (out / schema.TABLES[n].filename).is_file()]
    check_or_fail({n: read_rows(out / schema.TABLES[n].filename) for n in names})
    atomic_write_bytes(out / "datapackage.json", datapackage_bytes(opts, names))
    say(f"package: {len(names)} tables checked, datapackage.json written")
    return {"tables": names}


def build(opts: Options) -> dict:
    """The whole build in one process: parse, extract, check, then write every table and datapackage.json
    at once, so that a crash, a full disk or an interruption leaves the previous complete set."""
    from pipeline import extract, parse
    from pipeline.parse import remove_stale_temporaries
    from pipeline.pool import ModelPool
    from pipeline.tables import atomic_write_many, render_tables

    remove_stale_temporaries(Path(opts.out))
    with ModelPool(opts) as pool:
        pool.start(1)  # most builds have a page to analyse: the model loads while the caches are read
        parsed = parse.run(opts, write=False, on_new=pool.start)
        extracted = extract.run(opts, parsed=parsed, write=False, pool=pool).tables
    tables = {**parsed, **extracted}
    check_or_fail({t.name: rows for t, rows in tables.items()})
    files = render_tables(opts.out, tables)
    files[Path(opts.out) / "datapackage.json"] = datapackage_bytes(opts, [t.name for t in schema.TABLES.values()
                                                                          if t in tables])
    atomic_write_many(files)
    say(f"package: {len(tables)} tables checked and written, datapackage.json written")
    return tables
