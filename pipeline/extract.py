"""Stage 2, extract: paragraphs.csv → people, subsystems, keywords and who-works-on-what tables.

Work is cached per article at two levels: the parsed spaCy Docs (keyed by the article's text and
the model) and the extraction results (keyed by the Docs, this code and the data files). Editing
the taxonomy re-runs matching on cached Docs; only new or changed articles go through the model.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline import schema
from pipeline.aggregate import aggregate, unknown_terms
from pipeline.cache import Cache, Store, digest, files_digest
from pipeline.config import NLP_BATCH_SIZE, Options
from pipeline.errors import PipelineError
from pipeline.keywords import candidates, merge_near_duplicates, verb_only_words
from pipeline.knowledge import Knowledge
from pipeline.log import progress, say
from pipeline.mentions import PersonFinder, SubsystemMatcher
from pipeline.nlp import COMPONENTS, english_words, load_model, model_version_key
from pipeline.people import resolve_article, unique_surnames
from pipeline.relations import article_links
from pipeline.tables import read_rows, write_tables
from pipeline.terms import find_terms, term_subsystem

_HERE = Path(__file__).resolve().parent
_CODE = [*(_HERE / n for n in ("extract.py", "mentions.py", "people.py", "relations.py", "keywords.py", "terms.py")),
         *sorted((_HERE / "knowledge").glob("*.py"))]


@dataclass
class Resources:
    """The model, the domain knowledge and the matchers built from both, loaded once per process."""

    nlp: object
    knowledge: Knowledge
    sub_matcher: SubsystemMatcher
    person_finder: PersonFinder
    person_aliases: dict[str, list[str]]
    verb_only: frozenset[str]
    english: frozenset[str]
    surnames: dict[str, str]

    @classmethod
    def load(cls, opts: Options, knowledge: Knowledge | None = None) -> "Resources":
        nlp = load_model(opts.model)
        knowledge = knowledge or Knowledge.load(opts)
        by_person: dict[str, list[str]] = defaultdict(list)
        for alias, person in knowledge.aliases.items():
            by_person[person].append(alias)
        tokenizer = nlp.tokenizer
        english = english_words(nlp)
        return cls(
            nlp, knowledge,
            SubsystemMatcher(nlp.vocab, tokenizer, knowledge.subsystems, knowledge.terms, knowledge.senses),
            PersonFinder(nlp.vocab, tokenizer, knowledge.aliases, knowledge.persons, english),
            dict(by_person), verb_only_words(nlp), english, unique_surnames(set(knowledge.aliases.values())),
        )


def _sentence_index(doc):
    starts = [s.start for s in doc.sents]
    return lambda token_i: bisect.bisect_right(starts, token_i) - 1


def extract_article(docs: list[tuple[int, object]], res: Resources, kinds: dict[int, str] | None = None,
                    title=None) -> dict:
    """All mentions, keyword candidates, terms and relations of one article from its paragraph Docs. Pure.

    ``kinds``: each paragraph's block kind (p, li, h4, quote, pre); code blocks give no keywords, terms or
    links, headings start a section. Every paragraph is prose when None. ``title``: the title's Doc, whose
    subsystems say what the article is about.
    """
    kinds = kinds or {}
    knowledge = res.knowledge
    subs = {p: res.sub_matcher.spans(doc) for p, doc in docs}
    cands = {p: res.person_finder.spans(doc, subs[p]) for p, doc in docs}
    people = resolve_article(docs, cands, subs, knowledge.persons, res.person_aliases, res.nlp.tokenizer,
                             res.surnames)
    people_by_par = defaultdict(list)
    for p, span, person in people:
        people_by_par[p].append((span, person))
    persons, subsystems, terms = [], [], []
    phrases: Counter = Counter()
    first_seen: dict[str, int] = {}
    naming: set[str] = set()
    sentences: dict[tuple[int, int], str] = {}
    for p, doc in docs:
        sent_of = _sentence_index(doc)
        for s, sent in enumerate(doc.sents):
            sentences[(p, s)] = " ".join(sent.text.split())
        for span, person in people_by_par[p]:
            persons.append([p, sent_of(span.start), span.start_char, span.end_char, span.text, person])
        for span in subs[p]:
            category = knowledge.subsystems[span.label_].category
            subsystems.append([p, sent_of(span.start), span.start_char, span.end_char, span.text, span.label_, category])
        if kinds.get(p, "p") != "pre":
            for span in subs[p]:  # a subsystem is a keyword under its one name, however it is written
                phrases[span.label_] += 1
                first_seen.setdefault(span.label_, p)
                naming.add(span.label_)
            term_spans = [(span.start, span.end) for span in subs[p]]
            in_terms = {i for a, b in term_spans for i in range(a, b)}
            excluded = {i for span, _ in people_by_par[p] for i in range(span.start, span.end)}
            excluded |= {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent if t.i not in in_terms}
            for phrase, names_term in candidates(doc, excluded, term_spans, knowledge.stopphrases, res.verb_only,
                                                 res.english, knowledge.domain_words):
                phrases[phrase] += 1
                first_seen.setdefault(phrase, p)
                if names_term:
                    naming.add(phrase)
            for start, end, term, kind, definition in find_terms(doc.text):
                sub = term_subsystem(term, kind, definition, knowledge.subsystem_named, knowledge.kconfig,
                                     knowledge.by_entry)
                terms.append([p, start, end, term, kind, definition, sub])
    about = [span.label_ for span in res.sub_matcher.spans(title)] if title is not None else []
    links = article_links([(p, kinds.get(p, "p"), doc) for p, doc in docs], people_by_par, subs, knowledge.broad,
                          about)
    relations = []
    for link in links:
        (p, s), (pp, ps) = link.subsystem_at, link.person_at
        evidence = sentences[(pp, ps)] if (pp, ps) == (p, s) else f"{sentences[(pp, ps)]} … {sentences[(p, s)]}"
        relations.append([p, s, link.person, link.subsystem, link.kind, pp, ps, evidence])
    return {"persons": persons, "subsystems": subsystems, "relations": relations, "terms": terms,
            "phrases": sorted(list(m) for m in merge_near_duplicates(
                [(p, n, p in naming, first_seen[p]) for p, n in phrases.items()]))}


def _docs_to_bytes(docs) -> bytes:
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    return bin_.to_bytes()


def _docs_from_bytes(data: bytes, vocab):
    from spacy.tokens import DocBin

    return list(DocBin().from_bytes(data).get_docs(vocab))


_WORKER: Resources | None = None


def _init_worker(opts: Options) -> None:
    """A worker leaves interruptions to the main process, which says what happened once."""
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = Resources.load(opts)


def analyse(task, res: Resources):
    """One article: run the model over its paragraphs (or reuse cached Docs), then extract. Returns
    (article_id, result, serialized Docs or None when they came from the cache)."""
    article_id, pars, kinds, title, cached = task
    numbers = [p for p, _ in pars]
    if cached is not None:
        docs = _docs_from_bytes(cached, res.nlp.vocab)
        docbin = None
    else:
        docs = list(res.nlp.pipe((t for _, t in pars), batch_size=NLP_BATCH_SIZE))
        docbin = _docs_to_bytes(docs)
    try:
        result = extract_article(list(zip(numbers, docs)), res, dict(zip(numbers, kinds)),
                                 res.nlp(title) if title else None)
    except Exception as err:  # noqa: BLE001 - one odd article must not stop the others; the line says it is a bug
        say(f"extract: article {article_id}: internal error, please report: {type(err).__name__}: {err}".splitlines()[0])
        result = None
    return article_id, result, docbin


def _analyse_in_worker(task):
    return analyse(task, _WORKER)


def _analyse_all(tasks, opts: Options, knowledge: Knowledge):
    """Analyse articles in this process or, with jobs > 1, in worker processes that each load the model
    once and send back only small results (no Doc objects cross process boundaries)."""
    if not tasks:
        return
    jobs = max(1, min(opts.jobs, len(tasks)))
    if jobs == 1:
        res = Resources.load(opts, knowledge)
        for task in tasks:
            yield analyse(task, res)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(opts,)) as pool:
        yield from pool.imap_unordered(_analyse_in_worker, tasks, chunksize=1)


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
    stream = progress(_analyse_all(tasks, opts, knowledge), total=len(tasks), desc="extract", enabled=opts.progress)
    for article_id, result, docbin in stream:
        if docbin is not None:
            docs_cache.put_bytes(doc_keys[article_id], docbin)
        if result is None:
            result = EMPTY_RESULT  # not stored: the next build tries the article again
        else:
            results_store.put(result_keys[article_id], result)
        results[article_id] = result
    parsed_now = len(tasks) - reused
    tables = aggregate(results, years, knowledge)
    if write:
        write_tables(out, tables)
    results_store.finish()
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
