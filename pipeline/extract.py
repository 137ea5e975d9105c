"""Stage 2, extract: paragraphs.csv → people, subsystems, keywords and who-works-on-what tables.

Work is cached per article at two levels: the parsed spaCy Docs (keyed by the article's text and
the model) and the extraction results (keyed by the Docs, this code and the data files). Editing
the taxonomy re-runs matching on cached Docs; only new or changed articles go through the model.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline import schema
from pipeline.aggregate import aggregate, misplaced_mentions, part_key, unknown_terms
from pipeline.cache import Cache, Store, StoredResults, article_digests, digest, files_digest
from pipeline.config import KEYWORDS_PER_ARTICLE, Options
from pipeline.errors import PipelineError
from pipeline.keywords.ranking import Ranking
from pipeline.knowledge import Knowledge
from pipeline.log import progress, say
from pipeline.nlp import COMPONENTS, LINK_TAG_RE, model_version_key
from pipeline.pool import analyse_all
from pipeline.tables import Fragments, csv_lines, read_rows, write_tables

_HERE = Path(__file__).resolve().parent
# "Ana Ruiz and Li Wei", "A, B, and C": a byline of several, whose "I" is none of them in particular
SEVERAL_AUTHORS_RE = re.compile(r",|&|\band\b")
_KEYWORDS_CODE = sorted((_HERE / "keywords").glob("*.py"))
_CODE = [*(_HERE / n for n in ("extract.py", "analysis.py", "nlp.py", "mentions.py", "people.py", "terms.py")),
         *_KEYWORDS_CODE, *sorted((_HERE / "relations").glob("*.py")), *sorted((_HERE / "knowledge").glob("*.py"))]
_TABLE_CODE = [*(_HERE / n for n in ("aggregate.py", "schema.py", "tables.py")), *_KEYWORDS_CODE,
               _HERE / "knowledge" / "persons.py"]


def _read_parse_tables(out: Path) -> dict:
    for name in ("articles.csv", "paragraphs.csv"):
        if not (out / name).is_file():
            raise PipelineError(f"{out / name}: not found; run the parse stage first")
    articles = [{"article_id": int(r["article_id"]), "year": int(r["year"]) if r["year"] else None,
                 "title": r["title"], "event": r["event"], "author": r["author"], "guest": r.get("guest") == "true"}
                for r in read_rows(out / "articles.csv")]
    paragraphs = [{"article_id": int(r["article_id"]), "paragraph": int(r["paragraph"]), "kind": r["kind"],
                   "text": r["text"]} for r in read_rows(out / "paragraphs.csv")]
    return {schema.ARTICLES: articles, schema.PARAGRAPHS: paragraphs}


def _paragraphs(rows, titles: dict[int, str]) -> Fragments:
    """The paragraphs table as per-article fragments with their cache keys (the parse stage gives it so;
    rows read from paragraphs.csv are grouped and keyed here)."""
    if isinstance(rows, Fragments) and rows.digests is not None:
        return rows
    by_article: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        by_article[int(r["article_id"])].append(r)
    fragments, digests = {}, {}
    for article_id, group in by_article.items():
        group.sort(key=lambda r: int(r["paragraph"]))
        fragments[article_id] = csv_lines(schema.PARAGRAPHS, group)
        digests[article_id] = article_digests(titles.get(article_id, ""), [r["kind"] for r in group],
                                              [r["text"] for r in group])
    return Fragments(schema.PARAGRAPHS, fragments, sum(map(len, by_article.values())), digests)


EMPTY_RESULT = {"persons": [], "subsystems": [], "relations": [], "terms": [], "phrases": [], "workplaces": [],
                "plurals": [], "unlisted": "", "ordinary": []}


@dataclass
class Extraction:
    tables: dict
    through_model: int
    from_cached_parses: int


def run(opts: Options, parsed: dict | None = None, write: bool = True, pool=None) -> Extraction:
    """Extract from the parse tables (``parsed``, or opts.out's CSVs) and write the extraction tables to
    opts.out (with ``write`` off, only return them: the whole build writes every table at once).
    ``pool``: a pipeline.pool.ModelPool the caller may have started early; otherwise one of its own."""
    out = Path(opts.out)
    parsed = parsed or _read_parse_tables(out)
    years = {r["article_id"]: r["year"] for r in parsed[schema.ARTICLES]}
    titles = {r["article_id"]: r.get("title") or "" for r in parsed[schema.ARTICLES]}
    reports = {r["article_id"] for r in parsed[schema.ARTICLES] if r.get("event")}  # conference coverage
    guests = {r["article_id"]: r["author"] for r in parsed[schema.ARTICLES]
              if r.get("guest") and r.get("author") and not SEVERAL_AUTHORS_RE.search(r["author"])}
    paragraphs = _paragraphs(parsed[schema.PARAGRAPHS], titles)
    model_key = model_version_key(opts.model)
    data_key = files_digest(opts.knowledge_files)
    docs_cache = Cache(opts.cache, "docs", digest(model_key, *COMPONENTS, LINK_TAG_RE.pattern))
    results_store = Store(opts.cache, "extract", digest(files_digest(_CODE), data_key, model_key), lazy=True)
    results: dict[int, dict] = {}  # made in this run
    doc_keys, result_keys = {}, {}
    todo: list[int] = []
    for article_id, (doc_key, result_key) in paragraphs.digests.items():
        if article_id in reports:
            result_key = digest(result_key, "conference report")
        if article_id in guests:
            result_key = digest(result_key, "guest", guests[article_id])
        doc_keys[article_id], result_keys[article_id] = doc_key, result_key
        if results_store.has(result_key):
            docs_cache.keep(doc_key)  # the parse stays for when the knowledge changes
        else:
            todo.append(article_id)
    grouped, kinds = {}, {}
    for article_id in todo:
        rows = paragraphs.rows_of(article_id)
        grouped[article_id] = [(int(r["paragraph"]), r["text"]) for r in rows]
        kinds[article_id] = [r["kind"] for r in rows]
    tasks = [(aid, grouped[aid], kinds[aid], titles.get(aid, ""), docs_cache.get_bytes(doc_keys[aid]), aid in reports,
              guests.get(aid)) for aid in todo]
    reused = sum(1 for t in tasks if t[4] is not None)
    knowledge = Knowledge.load(opts)
    analysed = pool.analyse(tasks, knowledge) if pool is not None else analyse_all(tasks, opts, knowledge)
    # what the tables need besides the results is read while the workers analyse
    memo_store = Store(opts.cache, "keywords", digest(files_digest(_KEYWORDS_CODE), str(KEYWORDS_PER_ARTICLE)))
    parts_store = Store(opts.cache, "parts", digest(files_digest(_TABLE_CODE), results_store.version))
    memo, parts_memo = dict(memo_store.entries), dict(parts_store.entries)
    ranking = Ranking(len(paragraphs.digests), top=KEYWORDS_PER_ARTICLE, memo=memo)
    waiting = set(todo)
    ranking.add({a: part["scoring"] for a, key in result_keys.items()
                 if a not in waiting and (part := parts_memo.get(part_key(a, key)))})
    stream = progress(analysed, total=len(tasks), desc="extract", enabled=opts.progress)
    for article_id, result, docbin in stream:
        if docbin is not None:
            docs_cache.put_bytes(doc_keys[article_id], docbin)
        if result is None:
            result = EMPTY_RESULT  # not stored: the next build tries the article again
            del result_keys[article_id]
        else:
            problems = misplaced_mentions(result, dict(grouped[article_id]))
            if problems:
                raise PipelineError(f"consistency check failed (a bug, please report it): article {article_id}: "
                                    + "; ".join(problems[:3]))
            results_store.put(result_keys[article_id], result)
        results[article_id] = result
    parsed_now = len(tasks) - reused
    stored = StoredResults(results_store, {a: k for a, k in result_keys.items() if a not in results}, results)
    tables, parts = aggregate(stored, years, knowledge, memo, parts_memo, result_keys, ranking)
    memo_store.keep_only(memo)
    parts_store.keep_only(parts_memo)
    if write:
        write_tables(out, tables)
    results_store.finish()
    memo_store.finish()
    parts_store.finish()
    docs_cache.prune()
    say(f"extract: {len(stored)} articles ({parsed_now} through the model, {reused} from cached parses, "
        f"{len(stored) - parsed_now - reused} unchanged): {len(tables[schema.PERSON_MENTIONS])} person mentions of "
        f"{len(tables[schema.PEOPLE])} people, {len(tables[schema.SUBSYSTEM_MENTIONS])} subsystem mentions, "
        f"{len(tables[schema.PERSON_SUBSYSTEM])} person-subsystem links, {len(tables[schema.TERMS])} terms")
    candidates_ = unknown_terms(parts)
    if candidates_:
        say("terms in most articles with no subsystem (candidates for pipeline/knowledge/data/subsystems.tsv): "
            + ", ".join(f"{term} ({n})" for term, n in candidates_))
    return Extraction(tables, parsed_now, reused)
