"""Stage 2, extract: paragraphs.csv → people, subsystems, keywords and who-works-on-what tables.

Work is cached per article at two levels: the parsed spaCy Docs (keyed by the article's text and
the model) and the extraction results (keyed by the Docs, this code and the data files). Editing
the taxonomy re-runs matching on cached Docs; only new or changed articles go through the model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline import schema
from pipeline.aggregate import aggregate, unknown_terms
from pipeline.cache import Cache, Store, digest, files_digest
from pipeline.config import KEYWORDS_PER_ARTICLE, Options
from pipeline.errors import PipelineError
from pipeline.knowledge import Knowledge
from pipeline.log import progress, say
from pipeline.nlp import COMPONENTS, model_version_key
from pipeline.tables import read_rows, write_tables

_HERE = Path(__file__).resolve().parent
_CODE = [*(_HERE / n for n in ("extract.py", "analysis.py", "mentions.py", "people.py", "relations.py", "keywords.py",
                                "terms.py")),
         *sorted((_HERE / "knowledge").glob("*.py"))]


def _read_parse_tables(out: Path) -> dict:
    for name in ("articles.csv", "paragraphs.csv"):
        if not (out / name).is_file():
            raise PipelineError(f"{out / name}: not found; run the parse stage first")
    articles = [{"article_id": int(r["article_id"]), "year": int(r["year"]) if r["year"] else None,
                 "title": r["title"]} for r in read_rows(out / "articles.csv")]
    paragraphs = [{"article_id": int(r["article_id"]), "paragraph": int(r["paragraph"]), "kind": r["kind"],
                   "text": r["text"]} for r in read_rows(out / "paragraphs.csv")]
    return {schema.ARTICLES: articles, schema.PARAGRAPHS: paragraphs}


EMPTY_RESULT = {"persons": [], "subsystems": [], "relations": [], "terms": [], "phrases": []}


@dataclass
class Extraction:
    tables: dict
    through_model: int
    from_cached_parses: int


def run(opts: Options, parsed: dict | None = None, write: bool = True) -> Extraction:
    """Extract from the parse tables (``parsed``, or opts.out's CSVs) and write the extraction tables to
    opts.out (with ``write`` off, only return them: the whole build writes every table at once)."""
    out = Path(opts.out)
    parsed = parsed or _read_parse_tables(out)
    years = {r["article_id"]: r["year"] for r in parsed[schema.ARTICLES]}
    titles = {r["article_id"]: r.get("title") or "" for r in parsed[schema.ARTICLES]}
    grouped: dict[int, list[tuple[int, str]]] = {}
    kinds: dict[int, list[str]] = defaultdict(list)
    for r in sorted(parsed[schema.PARAGRAPHS], key=lambda r: (r["article_id"], r["paragraph"])):
        grouped.setdefault(r["article_id"], []).append((r["paragraph"], r["text"]))
        kinds[r["article_id"]].append(r["kind"])
    model_key = model_version_key(opts.model)
    data_key = files_digest(opts.knowledge_files)
    docs_cache = Cache(opts.cache, "docs", digest(model_key, *COMPONENTS))
    results_store = Store(opts.cache, "extract", digest(files_digest(_CODE), data_key, model_key))
    results: dict[int, dict] = {}
    doc_keys, result_keys = {}, {}
    todo: list[int] = []
    for article_id, pars in grouped.items():
        doc_keys[article_id] = digest(*(t for _, t in pars))
        result_keys[article_id] = digest(doc_keys[article_id], titles.get(article_id, ""), *kinds[article_id])
        cached = results_store.get(result_keys[article_id])
        if cached is not None:
            results[article_id] = cached
            docs_cache.keep(doc_keys[article_id])  # the parse stays for when the knowledge changes
        else:
            todo.append(article_id)
    tasks = [(aid, grouped[aid], kinds[aid], titles.get(aid, ""), docs_cache.get_bytes(doc_keys[aid])) for aid in todo]
    reused = sum(1 for t in tasks if t[4] is not None)
    knowledge = Knowledge.load(opts)
    if tasks:
        from pipeline.analysis import analyse_all  # spaCy and the model, only when something needs them
        analysed = analyse_all(tasks, opts, knowledge)
    else:
        analysed = iter(())
    stream = progress(analysed, total=len(tasks), desc="extract", enabled=opts.progress)
    for article_id, result, docbin in stream:
        if docbin is not None:
            docs_cache.put_bytes(doc_keys[article_id], docbin)
        if result is None:
            result = EMPTY_RESULT  # not stored: the next build tries the article again
        else:
            results_store.put(result_keys[article_id], result)
        results[article_id] = result
    parsed_now = len(tasks) - reused
    memo_store = Store(opts.cache, "keywords", digest(files_digest([_HERE / "keywords.py"]), str(KEYWORDS_PER_ARTICLE)))
    memo = dict(memo_store.entries)
    tables = aggregate(results, years, knowledge, memo)
    memo_store.keep_only(memo)
    if write:
        write_tables(out, tables)
    results_store.finish()
    memo_store.finish()
    docs_cache.prune()
    say(f"extract: {len(results)} articles ({parsed_now} through the model, {reused} from cached parses, "
        f"{len(results) - parsed_now - reused} unchanged): {len(tables[schema.PERSON_MENTIONS])} person mentions of "
        f"{len(tables[schema.PEOPLE])} people, {len(tables[schema.SUBSYSTEM_MENTIONS])} subsystem mentions, "
        f"{len(tables[schema.PERSON_SUBSYSTEM])} person-subsystem links, {len(tables[schema.TERMS])} terms")
    candidates_ = unknown_terms(tables[schema.TERMS])
    if candidates_:
        say("terms in most articles with no subsystem (candidates for pipeline/knowledge/data/subsystems.tsv): "
            + ", ".join(f"{term} ({n})" for term, n in candidates_))
    return Extraction(tables, parsed_now, reused)
