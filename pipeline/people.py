"""Resolving person mentions within one article to canonical names.

Full names go through the alias table; a partial name ("Hadi Salim") or a lone first name or
surname ("Herbert", "Kicinski said") goes to the full name written in the same article, the
nearest earlier one when several fit. A lone name nobody in the article carries is dropped.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.mentions import NAME_PARTICLES, name_parts, surface, with_possessive
from pipeline.knowledge.persons import PersonIndex
from pipeline.knowledge.taxonomy import fold




def unique_surnames(people: set[str], min_length: int = 4) -> dict[str, str]:
    """Surnames (last name part) that exactly one known person bears, folded forms included."""
    owners: dict[str, set[str]] = defaultdict(set)
    lasts: dict[str, str] = {}
    for person in people:
        parts = name_parts(person)
        for part in parts:
            owners[part].add(person)  # a surname that is someone else's first name ("Song") is ambiguous
        if len(parts) >= 2:
            last = person.split()[-1]
            for form in {last, fold(last)}:
                lasts[form] = person
    return {s: p for s, p in lasts.items() if owners[s] == {p} and len(s) >= min_length}


def _untagged_surnames(docs, blocked: dict[int, list[Span]], taken: set, surnames: dict[str, str],
                       english: frozenset[str], first_names: set[str]) -> list[tuple[int, Span, str]]:
    """Lone surnames of known people the model tagged as no name, where a person stands: the subject of a
    verb or the owner of something ("Wilcox answered that ...", "Ojeda's proposal"), but not one of
    ``first_names``."""
    found = []
    for paragraph, doc in docs:
        block = {i for s in blocked.get(paragraph, []) for i in range(s.start, s.end)}
        for token in doc:
            person = surnames.get(token.text)
            if person is None or token.text in first_names or token.pos_ != "PROPN" or not _capitalised(token) \
                    or token.lower_ in english \
                    or (paragraph, token.i) in taken or token.i in block or token.ent_type_ not in ("", "PERSON"):
                continue
            if token.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            before = doc[token.i - 1] if token.i > 0 else None
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (before is not None and before.pos_ == "PROPN" and _capitalised(before)) or (
                    after is not None and after.pos_ == "PROPN" and _capitalised(after)):
                continue  # part of a longer name
            found.append((paragraph, doc[token.i:token.i + 1], person))
            taken.add((paragraph, token.i))
    return found


def _first_names(docs) -> set[str]:
    """Words the article writes first in a name of two or more ("Glauber Costa's talk", even where the model
    tags it no person): a known person's surname among them is someone else's first name here ("Glauber
    said" is Glauber Costa, not Jan Glauber)."""
    return {token.text for _, doc in docs for token in doc[:-1] if token.pos_ == "PROPN" and _capitalised(token)
            and doc[token.i + 1].pos_ == "PROPN" and _capitalised(doc[token.i + 1])}


def _capitalised(token) -> bool:
    """Written as a name: a capital first, not all capitals ("Ts'o" and "McHardy" too, which str.istitle() refuses)."""
    return token.text[:1].isupper() and not token.text.isupper()


def _words(name: str) -> list[str]:
    return [fold(w).lower() for w in name.replace("-", " - ").split()]


def _is_part_of(short: str, long: str) -> bool:
    """True when the words of ``short`` appear contiguously in ``long`` ('Hadi Salim' in 'Jamal Hadi Salim')."""
    a, b = _words(short), _words(long)
    return len(a) < len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _with_particles(span: Span, person: str, paragraph: int, taken: set) -> Span:
    """A surname with the particles before it that the person's name has: "de Bruijn said", "Van der Linden
    answered" (capitalised to open the sentence)."""
    doc, start = span.doc, span.start
    while start > 0 and doc[start - 1].lower_ in NAME_PARTICLES and (paragraph, start - 1) not in taken \
            and f" {doc[start - 1:span.end].text.lower()}" in f" {person.lower()}":
        start -= 1
    return doc[start:span.end]


def resolve_article(
    docs: list[tuple[int, Doc]],
    candidates: dict[int, list[Span]],
    blocked: dict[int, list[Span]],
    persons: PersonIndex,
    person_aliases: dict[str, list[str]],
    tokenizer,
    surnames: dict[str, str] | None = None,
    english: frozenset[str] = frozenset(),
) -> list[tuple[int, Span, str]]:
    """(paragraph, span, canonical person) for every person mention in an article, in reading order.

    ``surnames`` maps a surname borne by exactly one person of the alias table to that person: a lone
    surname the model tags as a name ("Pirko said") resolves through it when the article never
    writes the full name (nor the word first in another name), and so does one it does not tag ("Wilcox
    answered", "Ojeda's patch") where it is a sentence's subject or an owner; neither when it is an ordinary
    word or a place (``english``: not "Price", "Still", the "Glass" security module, "Pisa").
    """
    full: list[tuple[int, Span, str]] = []
    unknown_full: list[tuple[int, Span, str]] = []
    singles: list[tuple[int, Span]] = []
    for paragraph, _doc in docs:
        for span in candidates.get(paragraph, []):
            name = surface(span)
            if span.label_ != "PERSON":
                full.append((paragraph, span, span.label_))
            elif len(name.split()) >= 2:
                known = persons.canonical(name)
                (full if known else unknown_full).append((paragraph, span, known or " ".join(name.split())))
            else:
                singles.append((paragraph, span))
    # A partial full name resolves to a longer one written in the same article.
    names = {p for _, _, p in full} | {p for _, _, p in unknown_full}
    for paragraph, span, name in unknown_full:
        longer = sorted((n for n in names if _is_part_of(name, n)), key=lambda n: (-len(n), n))
        full.append((paragraph, span, longer[0] if longer else name))
    full.sort(key=lambda m: (m[0], m[1].start))

    parts: dict[str, set[str]] = defaultdict(set)
    for _, span, person in full:
        for form in {person, surface(span), *person_aliases.get(person, [])}:
            for part in name_parts(form):
                parts[part].add(person)

    def nearest(paragraph: int, start: int, persons: set[str]) -> str | None:
        earlier = [(p, s.start, n) for p, s, n in full if n in persons and (p, s.start) < (paragraph, start)]
        if earlier:
            return max(earlier)[2]
        later = [(p, s.start, n) for p, s, n in full if n in persons]
        return min(later)[2] if later else None

    resolved = list(full)
    taken = {(p, i) for p, s, _ in full for i in range(s.start, s.end)}
    first_names = _first_names(docs) if surnames else set()
    for paragraph, span in singles:
        person = nearest(paragraph, span.start, parts.get(surface(span), set()))
        if person is None and surnames and surface(span) not in first_names and surface(span).lower() not in english:
            person = surnames.get(surface(span)) or surnames.get(fold(surface(span)))
        if person and not any((paragraph, i) in taken for i in range(span.start, span.end)):
            span = _with_particles(span, person, paragraph, taken)
            resolved.append((paragraph, span, person))
            taken.update((paragraph, i) for i in range(span.start, span.end))
    # Back-references the model did not tag: "Herbert" after "Herbert Xu", "Kicinski said".
    for _, _, person in resolved[len(full):]:
        for part in name_parts(person):
            parts[part].add(person)
    full = sorted(resolved, key=lambda m: (m[0], m[1].start))
    if parts:
        vocab = docs[0][1].vocab
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for part in parts:
            matcher.add(part, [tokenizer(part)])
        for paragraph, doc in docs:
            block = {i for s in blocked.get(paragraph, []) for i in range(s.start, s.end)}
            matches = filter_spans([Span(doc, s, e, label=m) for m, s, e in matcher(doc)])
            for span in matches:
                match_id, start, end = span.label, span.start, span.end
                if any((paragraph, i) in taken or i in block for i in range(start, end)):
                    continue
                if not (_capitalised(span[0]) and span[0].pos_ in ("PROPN", "NOUN") or span[0].ent_type_ == "PERSON"):
                    continue
                if start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start and doc[start - 1].pos_ == "PROPN":
                    continue  # part of a longer, different name
                if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                    continue
                person = nearest(paragraph, start, parts[vocab.strings[match_id]])
                if person:
                    span = _with_particles(span, person, paragraph, taken)
                    resolved.append((paragraph, span, person))
                    taken.update((paragraph, i) for i in range(span.start, span.end))
    if surnames:
        resolved += _untagged_surnames(docs, blocked, taken, surnames, english, first_names)
    out = []
    for paragraph, span, person in resolved:
        doc = span.doc
        out.append((paragraph, with_possessive(doc, span), person))
    out.sort(key=lambda m: (m[0], m[1].start))
    return out

