"""Stage 2, extract: paragraphs.csv → people, subsystems, keywords and who-works-on-what tables.

Work is cached per article at two levels: the parsed spaCy Docs (keyed by the article's text and
the model) and the extraction results (keyed by the Docs, this code and the data files). Editing
the taxonomy re-runs matching on cached Docs; only new or changed articles go through the model.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from pipeline import schema
from pipeline.cache import Cache, digest, files_digest
from pipeline.config import KEYWORDS_PER_ARTICLE, NLP_BATCH_SIZE, Options
from pipeline.errors import PipelineError
from pipeline.keywords import candidates, rank, verb_only_words
from pipeline.log import progress, say
from pipeline.mentions import PersonFinder, SubsystemMatcher, strip_possessive
from pipeline.nlp import COMPONENTS, load_model, model_version_key
from pipeline.people import resolve_article, unique_surnames
from pipeline.relations import sentence_pairs
from pipeline.tables import read_rows, write_tables
from pipeline.knowledge.senses import load_senses
from pipeline.knowledge.taxonomy import load_people, load_stopphrases, load_subsystems

_HERE = Path(__file__).resolve().parent
_CODE = [*(_HERE / n for n in ("extract.py", "mentions.py", "people.py", "relations.py", "keywords.py")),
         *sorted((_HERE / "knowledge").glob("*.py"))]


@dataclass
class Resources:
    """The model and the domain knowledge, loaded once per run."""

    nlp: object
    subsystems: dict
    sub_matcher: SubsystemMatcher
    person_finder: PersonFinder
    aliases: dict[str, str]
    person_aliases: dict[str, list[str]]
    stopphrases: frozenset[str]
    verb_only: frozenset[str]
    surnames: dict[str, str]

    @classmethod
    def load(cls, opts: Options) -> "Resources":
        nlp = load_model(opts.model)
        subsystems, terms = load_subsystems(opts.subsystems_file)
        aliases = load_people(opts.people_file, opts.kernel_people_file)
        by_person: dict[str, list[str]] = defaultdict(list)
        for alias, person in aliases.items():
            by_person[person].append(alias)
        tokenizer = nlp.tokenizer
        return cls(
            nlp, subsystems, SubsystemMatcher(nlp.vocab, tokenizer, subsystems, terms, load_senses(opts.senses_file)),
            PersonFinder(nlp.vocab, tokenizer, aliases), aliases, dict(by_person),
            load_stopphrases(opts.stopphrases_file), verb_only_words(nlp), unique_surnames(set(aliases.values())),
        )


def _sentence_index(doc):
    starts = [s.start for s in doc.sents]
    return lambda token_i: bisect.bisect_right(starts, token_i) - 1


def extract_article(docs: list[tuple[int, object]], res: Resources, prose: set[int] | None = None) -> dict:
    """All mentions, keyword candidates and relations of one article from its paragraph Docs. Pure.

    ``prose``: the paragraphs keywords may come from (not code blocks); all of them when None.
    """
    subs = {p: res.sub_matcher.spans(doc) for p, doc in docs}
    cands = {p: res.person_finder.spans(doc, subs[p]) for p, doc in docs}
    people = resolve_article(docs, cands, subs, res.aliases, res.person_aliases, res.nlp.tokenizer, res.surnames)
    people_by_par = defaultdict(list)
    for p, span, person in people:
        people_by_par[p].append((span, person))
    persons, subsystems, relations = [], [], []
    phrases: Counter = Counter()
    naming: set[str] = set()
    for p, doc in docs:
        sent_of = _sentence_index(doc)
        for span, person in people_by_par[p]:
            persons.append([p, sent_of(span.start), span.start_char, span.end_char, span.text, person])
        for span in subs[p]:
            category = res.subsystems[span.label_].category
            subsystems.append([p, sent_of(span.start), span.start_char, span.end_char, span.text, span.label_, category])
        if prose is None or p in prose:
            term_spans = [(span.start, span.end) for span in subs[p]]
            in_terms = {i for a, b in term_spans for i in range(a, b)}
            excluded = {i for span, _ in people_by_par[p] for i in range(span.start, span.end)}
            excluded |= {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent if t.i not in in_terms}
            for phrase, names_term in candidates(doc, excluded, term_spans, res.stopphrases, res.verb_only):
                phrases[phrase] += 1
                if names_term:
                    naming.add(phrase)
        previous = None
        for s_idx, sent in enumerate(doc.sents):
            in_sent = [(span, person) for span, person in people_by_par[p] if sent.start <= span.start < sent.end]
            sub_in = [span for span in subs[p] if sent.start <= span.start < sent.end]
            pairs, previous = sentence_pairs(sent, in_sent, sub_in, previous)
            evidence = " ".join(sent.text.split())
            relations.extend([p, s_idx, person, sub, evidence] for person, sub in pairs)
    return {"persons": persons, "subsystems": subsystems, "relations": relations,
            "phrases": sorted([p, n, p in naming] for p, n in phrases.items())}


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
    global _WORKER
    _WORKER = Resources.load(opts)


def analyse(task, res: Resources):
    """One article: run the model over its paragraphs (or reuse cached Docs), then extract. Returns
    (article_id, result, serialized Docs or None when they came from the cache)."""
    article_id, pars, prose, cached = task
    numbers = [p for p, _ in pars]
    if cached is not None:
        docs = _docs_from_bytes(cached, res.nlp.vocab)
        docbin = None
    else:
        docs = list(res.nlp.pipe((t for _, t in pars), batch_size=NLP_BATCH_SIZE))
        docbin = _docs_to_bytes(docs)
    return article_id, extract_article(list(zip(numbers, docs)), res, set(prose)), docbin


def _analyse_in_worker(task):
    return analyse(task, _WORKER)


def _analyse_all(tasks, opts: Options):
    """Analyse articles in this process or, with jobs > 1, in worker processes that each load the model
    once and send back only small results (no Doc objects cross process boundaries)."""
    if not tasks:
        return
    jobs = max(1, min(opts.jobs, len(tasks)))
    if jobs == 1:
        res = Resources.load(opts)
        for task in tasks:
            yield analyse(task, res)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(opts,)) as pool:
        yield from pool.imap_unordered(_analyse_in_worker, tasks, chunksize=1)


def aggregate(results: dict[int, dict], years: dict[int, int | None]) -> dict:
    """The seven extraction tables from per-article results. Pure."""
    person_rows, subsystem_rows, relation_rows = [], [], []
    people_stats: dict[str, dict] = {}
    alias_counts: Counter = Counter()
    sub_stats: dict[str, dict] = {}
    per_article_phrases = {}

    def bump(stats, key, article_id, extra=None):
        entry = stats.setdefault(key, {"articles": set(), "n": 0, **(extra or {})})
        entry["articles"].add(article_id)
        entry["n"] += 1

    for article_id, result in results.items():
        for p, s, start, end, text, person in result["persons"]:
            person_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "start": start,
                                "end": end, "text": text, "person": person})
            bump(people_stats, person, article_id)
            alias_counts[(person, strip_possessive(text))] += 1
        for p, s, start, end, text, sub, category in result["subsystems"]:
            subsystem_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "start": start,
                                   "end": end, "text": text, "subsystem": sub, "category": category})
            bump(sub_stats, sub, article_id, {"category": category})
        seen = set()
        for p, s, person, sub, evidence in result["relations"]:
            if (p, s, person, sub) in seen:
                continue
            seen.add((p, s, person, sub))
            relation_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "person": person,
                                  "subsystem": sub, "evidence": evidence})
        per_article_phrases[article_id] = result["phrases"]

    def span_years(articles):
        ys = [years.get(a) for a in articles if years.get(a)]
        return (min(ys), max(ys)) if ys else (None, None)

    def by_year(stats):
        counts: dict = {}
        for (key, article_id), n in stats.items():
            year = years.get(article_id)
            if year:
                entry = counts.setdefault((key, year), [0, set()])
                entry[0] += n
                entry[1].add(article_id)
        return counts

    person_year = by_year(Counter((r["person"], r["article_id"]) for r in person_rows))
    subsystem_year = by_year(Counter((r["subsystem"], r["article_id"]) for r in subsystem_rows))

    people_rows = []
    for person, st in people_stats.items():
        first, last = span_years(st["articles"])
        people_rows.append({"person": person, "n_articles": len(st["articles"]), "n_mentions": st["n"],
                            "first_year": first, "last_year": last})
    subsystems_rows = []
    for sub, st in sub_stats.items():
        first, last = span_years(st["articles"])
        subsystems_rows.append({"subsystem": sub, "category": st["category"], "n_articles": len(st["articles"]),
                                "n_mentions": st["n"], "first_year": first, "last_year": last})
    keyword_rows = [
        {"article_id": a, "rank": r, "keyword": k, "score": sc}
        for a, ranked in rank(per_article_phrases, top=KEYWORDS_PER_ARTICLE).items()
        for r, (k, sc) in enumerate(ranked, 1)
    ]
    return {
        schema.PERSON_MENTIONS: person_rows,
        schema.PEOPLE: people_rows,
        schema.PERSON_ALIASES: [{"person": p, "alias": a, "n_mentions": n} for (p, a), n in alias_counts.items()],
        schema.SUBSYSTEM_MENTIONS: subsystem_rows,
        schema.SUBSYSTEMS: subsystems_rows,
        schema.KEYWORDS: keyword_rows,
        schema.PERSON_SUBSYSTEM: relation_rows,
        schema.PERSON_YEAR: [{"person": p, "year": y, "n_mentions": n, "n_articles": len(a)}
                             for (p, y), (n, a) in person_year.items()],
        schema.SUBSYSTEM_YEAR: [{"subsystem": s, "year": y, "n_mentions": n, "n_articles": len(a)}
                                for (s, y), (n, a) in subsystem_year.items()],
    }


def run(opts: Options) -> dict:
    """Extract from opts.out/paragraphs.csv and write the extraction tables to opts.out."""
    out = Path(opts.out)
    for name in ("articles.csv", "paragraphs.csv"):
        if not (out / name).is_file():
            raise PipelineError(f"{out / name}: not found; run the parse stage first")
    years = {int(r["article_id"]): (int(r["year"]) if r["year"] else None) for r in read_rows(out / "articles.csv")}
    grouped: dict[int, list[tuple[int, str]]] = {}
    prose: dict[int, set[int]] = defaultdict(set)
    for article_id, rows in groupby(read_rows(out / "paragraphs.csv"), key=lambda r: int(r["article_id"])):
        for r in rows:
            grouped.setdefault(article_id, []).append((int(r["paragraph"]), r["text"]))
            if r["kind"] != "pre":
                prose[article_id].add(int(r["paragraph"]))
    model_key = model_version_key(opts.model)
    data_key = files_digest(opts.knowledge_files)
    docs_cache = Cache(opts.cache, "docs", digest(model_key, *COMPONENTS))
    results_cache = Cache(opts.cache, "extract", digest(files_digest(_CODE), data_key, model_key))
    results: dict[int, dict] = {}
    doc_keys = {}
    todo: list[int] = []
    for article_id, pars in grouped.items():
        doc_keys[article_id] = digest(*(t for _, t in pars), repr(sorted(prose[article_id])))
        cached = results_cache.get(doc_keys[article_id])
        if cached is not None:
            results[article_id] = cached
            docs_cache.keep(doc_keys[article_id])  # the parse stays for when the knowledge changes
        else:
            todo.append(article_id)
    tasks = [(aid, grouped[aid], sorted(prose[aid]), docs_cache.get_bytes(doc_keys[aid])) for aid in todo]
    reused = sum(1 for t in tasks if t[3] is not None)
    stream = progress(_analyse_all(tasks, opts), total=len(tasks), desc="extract", enabled=opts.progress)
    for article_id, result, docbin in stream:
        if docbin is not None:
            docs_cache.put_bytes(doc_keys[article_id], docbin)
        results_cache.put(doc_keys[article_id], result)
        results[article_id] = result
    parsed = len(tasks) - reused
    tables = aggregate(results, years)
    write_tables(out, tables)
    docs_cache.prune()
    results_cache.prune()
    say(f"extract: {len(results)} articles ({parsed} through the model, {reused} from cached parses, "
        f"{len(results) - parsed - reused} unchanged): {len(tables[schema.PERSON_MENTIONS])} person mentions of "
        f"{len(tables[schema.PEOPLE])} people, {len(tables[schema.SUBSYSTEM_MENTIONS])} subsystem mentions, "
        f"{len(tables[schema.PERSON_SUBSYSTEM])} person-subsystem links")
    return {"articles": len(results), "through_model": parsed}
