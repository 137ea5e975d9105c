"""One article's analysis: the model over its paragraphs, then mentions, relations, keywords and terms.

Everything here needs spaCy and the model; the extract stage imports this module only when some
article has to be analysed, so a build that only reuses its caches never loads them.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass

from pipeline.config import NLP_BATCH_SIZE, Options
from pipeline.keywords.merging import merge_near_duplicates
from pipeline.keywords.phrases import (aside, bodies_defined, bodies_named, candidates, names_a_body, title_subjects,
                                       unlisted_words, unwritten_singulars, verb_only_words, workplaces,
                                       written_words)
from pipeline.knowledge import Knowledge
from pipeline.log import say
from pipeline.mentions import PersonFinder, SubsystemMatcher
from pipeline.nlp import english_words, load_model, model_text, text_offset
from pipeline.people import resolve_article, unique_surnames
from pipeline.relations import article_links
from pipeline.relations.features import code_named, link_feature, named_thing, worked_thing
from pipeline.relations.vocabulary import CODE
from pipeline.terms import find_terms, term_subsystem

# What makes a title's subsystem qualify another word rather than be the topic: "IP address exhaustion".
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# A broad subsystem ("socket API", "firewall", "NIC offloads") is a keyword only of an article that names it this
# often: readers dropped 17 of the 25 top-ten rows of broad subsystems said once or twice, and kept 22 of 34 others.
BROAD_DWELT = 3


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


def _code_spans(doc, identifiers: list[tuple[int, int, str, str]], spans: list) -> list[tuple]:
    """(span, name) of each identifier of a subsystem in one paragraph's Doc (``identifiers``: character
    offsets, name and subsystem), the span labelled with the subsystem and marked as code; none where a
    subsystem's mention (``spans``) or an earlier identifier holds one of its tokens ("bpf_map.bpf_prog", one
    token)."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for start, end, name, subsystem in identifiers:
        span = doc.char_span(start, end, label=subsystem, kb_id=CODE, alignment_mode="expand")
        if span is not None and not taken & set(range(span.start, span.end)):
            taken |= set(range(span.start, span.end))
            found.append((span, name))
    return found


def _sentence_index(doc):
    starts = [s.start for s in doc.sents]
    return lambda token_i: bisect.bisect_right(starts, token_i) - 1


def _placed(span_or_offsets, cuts: list[tuple[int, int]] | None, written: str | None) -> tuple[int, int, str]:
    """(start, end, text) of a span, or of (start, end, text) offsets into the text the model read, in the
    paragraph as written."""
    start, end, text = span_or_offsets if isinstance(span_or_offsets, tuple) else (
        span_or_offsets.start_char, span_or_offsets.end_char, span_or_offsets.text)
    if not cuts:
        return start, end, text
    start, end = text_offset(cuts, start), text_offset(cuts, end, end=True)
    return start, end, written[start:end]


def extract_article(docs: list[tuple[int, object]], res: Resources, kinds: dict[int, str] | None = None,
                    title=None, texts: dict[int, str] | None = None, report: bool = False,
                    writer: str | None = None) -> dict:
    """All mentions, keyword candidates, terms and relations of one article from its paragraph Docs. Pure.

    ``kinds``: each paragraph's block kind (p, li, h4, quote, pre, row); code blocks give no keywords, terms
    or links, table rows no keywords, headings start a section. Every paragraph is prose when None.
    ``title``: the title's Doc, whose subsystems say what the article is about. ``texts``: the paragraphs as
    written, when the model read them without LWN's link tags (``model_text``); offsets point into these.
    ``report``: the article reports a conference (LWN links it to one, or its title names one).
    ``writer``: the canonical name of a guest article's author, whose "I" states their own work.
    """
    texts = texts or {}
    cuts = {p: model_text(text)[1] for p, text in texts.items()}
    kinds = kinds or {}
    knowledge = res.knowledge
    title_subs = res.sub_matcher.spans(title) if title is not None else []
    about = [span.label_ for span in title_subs]
    # a broad subsystem the title is about, not one that only qualifies what it is about ("IP address exhaustion")
    title_topics = frozenset(span.label_.lower() for span in title_subs if span.root.dep_ not in MODIFIER_DEPS)
    # what the title names, however ordinary its words ("frozen pages"): a keyword, and a better one
    titled = frozenset({label.lower() for label in about} | ({phrase.lower() for phrase, *_ in candidates(
        title, set(), [(span.start, span.end) for span in title_subs], knowledge.stopphrases, res.verb_only)}
        if title is not None else set()))
    subs = {p: res.sub_matcher.spans(doc) for p, doc in docs}
    # one sense per article: a word that names a subsystem only in context ("verifier") names it in every
    # paragraph of an article that names that subsystem somewhere (prose only: code names nothing so)
    named = frozenset(span.label_ for p, spans in subs.items() if kinds.get(p) not in ("pre", "row")
                      for span in spans) & res.sub_matcher.contextual
    if named:
        subs = {p: res.sub_matcher.spans(doc, named) for p, doc in docs}
    cands = {p: res.person_finder.spans(doc, subs[p], titled=kinds.get(p) == "h4") for p, doc in docs}
    people = resolve_article(docs, cands, subs, knowledge.persons, res.person_aliases, res.nlp.tokenizer,
                             res.surnames, res.english)
    people_by_par = defaultdict(list)
    for p, span, person in people:
        people_by_par[p].append((span, person))
    persons, subsystems, terms = [], [], []
    identifiers: dict[int, list] = defaultdict(list)  # (start, end, name, subsystem) of a subsystem's code
    phrases: Counter = Counter()
    first_seen: dict[str, int] = {}
    naming: set[str] = set()
    plain: set[str] = set()  # said at least once not by the way
    spelled: set[str] = set()  # subsystems written out at least once ("receive packet steering" for "RPS")
    labels: set[str] = set()  # the subsystems' own names, each a keyword of its own
    ordinary: Counter = Counter()  # phrases of ordinary words ("page cache"): the corpus decides
    ordinary_first: dict[str, int] = {}
    named_subject: Counter = Counter()  # times a candidate only as the title's subject (a name to the model)
    employers = workplaces(doc for _, doc in docs)  # company names: "developers at Facebook"
    # the names of the article's people, wherever the model missed one ("Pavel notes that ...")
    name_words = frozenset(w for _, span, person in people for w in [*(t.text for t in span), *person.split()]
                           if w[:1].isupper())
    subjects = title_subjects(title, [doc for _, doc in docs], name_words | employers, knowledge.organisations,
                              knowledge.common_words)
    words = written_words(doc for _, doc in docs)  # "debugfs" is no plural where "debugf" is never written
    sentences: dict[tuple[int, int], str] = {}
    spans_of: dict[tuple[int, int], object] = {}  # each sentence's Span, by (paragraph, sentence)
    ranges: dict[int, list[tuple[int, int, str]]] = defaultdict(list)  # keyword candidates, by token range
    for p, doc in docs:
        sent_of = _sentence_index(doc)
        cut, written = cuts.get(p), texts.get(p)
        for s, sent in enumerate(doc.sents):
            sentences[(p, s)] = " ".join(sent.text.split())
            spans_of[(p, s)] = sent
        for span, person in people_by_par[p]:
            persons.append([p, sent_of(span.start), *_placed(span, cut, written), person])
        for span in subs[p]:
            category = knowledge.subsystems[span.label_].category
            subsystems.append([p, sent_of(span.start), *_placed(span, cut, written), span.label_, category])
        block = kinds.get(p, "p")
        if block not in ("pre", "row"):  # code and table cells are not prose: no keywords
            for span in subs[p]:  # a subsystem is a keyword under its one name, however it is written
                if span.label_ in knowledge.umbrella and span.label_.lower() not in title_topics:
                    continue  # "the networking stack": true of nearly every networking article
                phrases[span.label_] += 1
                first_seen.setdefault(span.label_, p)
                naming.add(span.label_)
                labels.add(span.label_)
                if len(span) > 1 and span.text.lower() != span.label_.lower():
                    spelled.add(span.label_)
                if not aside(span.root):
                    plain.add(span.label_)
            term_spans = [(span.start, span.end) for span in subs[p]]
            in_terms = {i for a, b in term_spans for i in range(a, b)}
            excluded = {i for span, _ in people_by_par[p] for i in range(span.start, span.end)}
            excluded |= {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent
                         if t.i not in in_terms and t.text not in subjects}
            if employers:
                excluded |= {t.i for t in doc if t.text in employers and t.i not in in_terms}
            excluded |= {t.i for t in doc if t.text in name_words and t.i not in in_terms}
            found_ordinary: list[str] = []
            for phrase, names_term, by_the_way, as_subject, (start, end) in candidates(
                    doc, excluded, term_spans, knowledge.stopphrases, res.verb_only, res.english,
                    knowledge.domain_words, titled, knowledge.common_words, knowledge.organisations, words,
                    subjects, found_ordinary, report):
                named_subject[phrase] += as_subject
                ranges[p].append((start, end, phrase))
                phrases[phrase] += 1
                first_seen.setdefault(phrase, p)
                if names_term:
                    naming.add(phrase)
                if not by_the_way:
                    plain.add(phrase)
            for phrase in (f for f in found_ordinary if " " in f):  # a lone word is never one (keywords.ranking)
                ordinary[phrase] += 1
                ordinary_first.setdefault(phrase, p)
        if block != "pre":
            for start, end, term, kind, definition in find_terms(doc.text):
                sub = term_subsystem(term, kind, definition, knowledge.subsystem_named, knowledge.kconfig,
                                     knowledge.by_entry)
                terms.append([p, *_placed((start, end, term), cut, written)[:2], term, kind, definition, sub])
                if kind == "identifier" and sub:
                    identifiers[p].append((start, end, term, sub))
    bodies = {term for *_, term, kind, definition, _ in terms if kind == "acronym" and definition
              and names_a_body(definition)}  # "the Software Freedom Conservancy (SFC)": "SFC" is a name
    bodies |= {acronym for p, doc in docs if kinds.get(p) != "pre"
               for acronym in bodies_defined(doc.text) | bodies_named(doc.text)}
    for phrase in [phrase for phrase in phrases if bodies & set(phrase.split())]:
        del phrases[phrase]
    for phrase in [phrase for phrase in naming if phrase in knowledge.broad and phrases[phrase] < BROAD_DWELT
                   and phrase.lower() not in title_topics]:
        del phrases[phrase]  # "the socket API", said once or twice: the background of most networking articles
    heads = {span.label_: span[-1].lemma_.lower() for span in title_subs if len(span) > 1}
    # what a sentence names only by code ("adds a new program type, BPF_PROG_TYPE_UBLK"): the subsystem, to link
    # (of one the article names in words: "sendfile()" alone makes no article about zero-copy networking)
    in_words = frozenset(span.label_ for spans in subs.values() for span in spans)
    coded = {p: [(span, name) for span, name in _code_spans(doc, identifiers[p], subs[p]) if span.label_ in in_words]
             for p, doc in docs}
    linkable = {p: sorted([*spans, *(span for span, _ in coded[p])], key=lambda span: span.start)
                for p, spans in subs.items()}
    # a facility outside networking takes no place a networking subsystem would; it is linked only where a
    # sentence names the person with it: elsewhere in a talk or a patch set it is what the work uses or needs,
    # and a "he" for someone named before was wrong in about half of the links a reading of them checked
    networking = {p: [span for span in spans if not knowledge.outside_networking(span.label_)]
                  for p, spans in linkable.items()}
    paras = [(p, kinds.get(p, "p"), doc) for p, doc in docs]
    links = article_links(paras, people_by_par, networking, knowledge.broad,
                          [label for label in about if not knowledge.outside_networking(label)], heads, report, writer,
                          knowledge.tools)
    if any(knowledge.outside_networking(span.label_) for spans in linkable.values() for span in spans):
        links += [link for link in article_links(paras, people_by_par, linkable, knowledge.broad, list(about), heads,
                                                 report, writer, knowledge.tools)
                  if knowledge.outside_networking(link.subsystem) and link.person_at == link.subsystem_at]
    relations, said = [], Counter()
    for phrase, n in phrases.items():
        said[phrase.lower()] += n
    for link in links:
        (p, s), (pp, ps) = link.subsystem_at, link.person_at
        evidence = sentences[(pp, ps)] if (pp, ps) == (p, s) else f"{sentences[(pp, ps)]} … {sentences[(p, s)]}"
        # a link carried from an earlier sentence reaches what this one names in passing as often as its subject
        feature = link_feature(spans_of[(p, s)], subs[p], link.subsystem, ranges[p], said) \
            if (pp, ps) == (p, s) else ""
        # what the person's own sentence names ("a new feature called kptrs") is what the link is about
        named_here = [span for span, _ in people_by_par[pp]]
        feature = feature or named_thing(spans_of[(pp, ps)], subs[pp], named_here) \
            or worked_thing(spans_of[(pp, ps)], subs[pp], named_here)
        if not feature and link.kind != "maintains":  # a role is no part of what it is held over
            feature = code_named(spans_of[(p, s)], subs[p], coded[p], link.subsystem, carried=(pp, ps) != (p, s))
        relations.append([p, s, link.person, link.subsystem, link.kind, pp, ps, evidence, feature])
    return {"persons": persons, "subsystems": subsystems, "relations": relations, "terms": terms,
            "phrases": sorted(list(m) for m in merge_near_duplicates(
                [(p, n, p in naming, first_seen[p], p.lower() in titled, p not in plain, p in spelled,
                  named_subject[p], p in labels) for p, n in phrases.items()], _names_of(phrases, labels, knowledge))),
            # every ordinary phrase's count (the corpus's burstiness), those said twice or more as candidates
            "ordinary": sorted([p, n, ordinary_first[p]] for p, n in ordinary.items()),
            "report": report,
            "workplaces": sorted(employers),
            "plurals": sorted(unwritten_singulars([doc for p, doc in docs if kinds.get(p) not in ("pre", "row")],
                                                  res.english, words).items()),
            "unlisted": unlisted_words((doc for _, doc in docs), res.english)}


def _names_of(phrases, labels: set[str], knowledge: Knowledge) -> dict[str, str]:
    """The phrases that are a name of a subsystem the article names elsewhere and keeps as a keyword, where the
    taxonomy's sense rules refused this mention ("software interrupt", refused outside a networking paragraph,
    beside "softirq")."""
    named = {}
    for phrase in phrases:
        for form in (phrase, phrase + "s", phrase[:-1] if phrase.endswith("s") else None):
            subsystem = form and knowledge.subsystem_named(form)
            if subsystem and subsystem in labels and subsystem in phrases and subsystem != phrase:
                named[phrase] = subsystem
                break
    return named


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


def init_worker(opts: Options) -> None:
    """Load the model and matchers in a worker process (see pipeline.pool)."""
    global _WORKER
    _WORKER = Resources.load(opts)


def analyse(task, res: Resources):
    """One article: run the model over its paragraphs (or reuse cached Docs), then extract. Returns
    (article_id, result, serialized Docs or None when they came from the cache). ``task``: (article_id,
    [(paragraph, text)], block kinds, title, cached Docs or None, whether the article reports a conference, the
    author of a guest article or None)."""
    article_id, pars, kinds, title, cached, report, guest = task
    writer = guest and (res.knowledge.persons.canonical(guest) or " ".join(guest.split()))
    numbers = [p for p, _ in pars]
    title = model_text(title)[0] if title else title
    if cached is not None:
        docs = _docs_from_bytes(cached, res.nlp.vocab)
        title_doc = res.nlp(title) if title else None
        docbin = None
    else:  # the title goes through the model in the paragraphs' batch; only the paragraphs are cached
        texts = [model_text(t)[0] for _, t in pars]
        docs = list(res.nlp.pipe([*([title] if title else []), *texts], batch_size=NLP_BATCH_SIZE))
        title_doc = docs.pop(0) if title else None
        docbin = _docs_to_bytes(docs)
    try:
        result = extract_article(list(zip(numbers, docs)), res, dict(zip(numbers, kinds)), title_doc, dict(pars),
                                 report, writer or None)
    except Exception as err:  # noqa: BLE001 - one odd article must not stop the others; the line says it is a bug
        say(f"extract: article {article_id}: internal error, please report: {type(err).__name__}: {err}".splitlines()[0])
        result = None
    return article_id, result, docbin


def analyse_in_worker(task):
    return analyse(task, _WORKER)


def analyse_here(tasks, opts: Options, knowledge: Knowledge):
    """Analyse articles in this process (one job)."""
    res = Resources.load(opts, knowledge)
    for task in tasks:
        yield analyse(task, res)
