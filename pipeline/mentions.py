"""Finding subsystem and person mentions in parsed paragraphs (spaCy Docs); pure functions.

Subsystems come from the taxonomy through PhraseMatchers. People come from the alias table and
the model's PERSON entities, repaired where the model is known to fail: names clipped at the
start ("Hadi Salim"), subsystem acronyms tagged as names, code identifiers, places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.knowledge.naming import VENDOR_WORDS
from pipeline.knowledge.persons import APOSTROPHE_NAME_RE, POSSESSIVE_MARKS as _POSSESSIVE, PersonIndex, strip_possessive
from pipeline.knowledge.senses import Sense, allowed
from pipeline.knowledge.taxonomy import Subsystem, Term, fold
from pipeline.relations.vocabulary import AUTHOR_VERBS, CODE_NOUNS, TALK_NOUNS
from pipeline.sources.events import names_meeting
from pipeline.terms import ACRONYM_PLURAL_RE

NAME_PARTICLES = frozenset({"de", "da", "di", "do", "dos", "du", "van", "von", "der", "den", "ter", "la", "le", "bin", "al", "del", "della", "y"})
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
# Capitalised words the model takes for names that never are, in these reports.
NOT_NAMES = frozenset({
    "linux", "kernel", "netconf", "netdev", "summit", "lwn", "git", "red", "hat", "intel", "google",
    "facebook", "meta", "microsoft", "cisco", "mellanox", "nvidia", "broadcom", "ibm", "oracle",
    "suse", "novell", "canonical", "ubuntu", "debian", "fedora", "android", "windows", "bsd",
    "freebsd", "openbsd", "netbsd", "solaris", "unix", "posix", "ietf", "rfc", "mr", "ms", "dr",
    "mainline", "plumbers", "bof", "q&a", "yes", "no", "ok", "thanks", "stay", "update",
})
# Words that make a capitalised phrase an organisation, not a person.
ORG_WORDS = frozenset({
    "inc", "corp", "corporation", "ltd", "llc", "gmbh", "networks", "systems", "technologies", "labs",
    "foundation", "university", "project", "group", "software", "communications", "semiconductor",
    "research", "institute", "consortium", "association", "company", "team", "conference", "summit",
    "microelectronics", "electronics", "semiconductors", "instruments", "devices",
})
# Words that never occur in a person's name but do in the titles and products the model calls PERSON.
NON_NAME_WORDS = ORG_WORDS | frozenset({
    "review", "session", "workshop", "talk", "keynote", "panel", "track", "api", "stack", "layer", "driver",
    "drivers", "protocol", "filter", "table", "tables", "queue", "socket", "sockets", "device", "devices",
    "interface", "network", "networking", "packet", "packets", "offload", "support", "model", "patch", "patches",
    "tree", "list", "server", "client", "engine", "module", "tool", "tools", "library", "release", "version",
})
_PATH_RE = re.compile(r"(?:[\w.+-]*/){2,}[\w.+-]*|[\w-]+\.[ch]\b|\b\w+\(\)")
_CODEY_RE = re.compile(r"[_/\\(){}<>=@#$%^*\[\]|0-9]")


@dataclass(frozen=True)
class Mention:
    """A located mention: paragraph-relative character offsets and the canonical name."""

    paragraph: int
    sentence: int
    start: int
    end: int
    text: str
    canonical: str
    category: str = ""
    source: str = ""  # how a person mention was found: alias, ner, part, backref


def _names_whole_function(span: Span, start: int, end: int) -> bool:
    """A taxonomy name that is a whole function, with or without its parentheses ("setsockopt()",
    "kfree_skb_reason" in "kfree_skb_reason()"), not a piece of one ("tcp" in "tcp_sendmsg()")."""
    text = span.doc.text
    return text.endswith("()", 0, end) and span.start_char == start and span.end_char in (end, end - 2) \
        and end - start >= 5  # "t1()" is someone's example function, not the T1 PHY driver


class SubsystemMatcher:
    """PhraseMatchers for the taxonomy's terms: exact-case ones on ORTH, the rest on LOWER; a match
    counts where the sense rules for its subsystem allow it."""

    def __init__(self, vocab, tokenizer, subsystems: dict[str, Subsystem], terms: list[Term],
                 senses: dict[str, list[Sense]] | None = None):
        self.subsystems = subsystems
        self.senses = senses or {}
        # subsystems with a word that names them only in context: what naming them elsewhere in an article licenses
        self.contextual = frozenset(label for label, rules in self.senses.items()
                                    if any(r.rule == "needs" for r in rules))
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        for term in terms:
            matcher = self.exact if term.exact_case else self.lower
            text = term.alias if term.exact_case else term.alias.lower()
            matcher.add(term.canonical, [tokenizer(text)])

    def spans(self, doc: Doc, named: frozenset[str] = frozenset()) -> list[Span]:
        """Longest non-overlapping matches the sense rules allow, outside file paths and function names: a
        longer name in a sense it does not have ("Big TCP streams" is no BIG TCP) leaves the shorter ones in it.
        ``named``: subsystems the article names elsewhere, whose words need no context of their own here."""
        found = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc)]
        found += [Span(doc, s, e, label=m) for m, s, e in self.lower(doc)]
        blocked = [(m.start(), m.end()) for m in _PATH_RE.finditer(doc.text)]
        # a longer name running into a path or a function call ("hard_start_xmit() method") leaves the name
        # the call is ("hard_start_xmit")
        found = [span for span in found if allowed(span, self.senses.get(span.label_, ()), span.label_ in named)
                 and not any(a < span.end_char and span.start_char < b and not _names_whole_function(span, a, b)
                             for a, b in blocked)]
        kept = []
        for span in filter_spans(found):
            # Pieces of identifiers ("XDP_PASS", "struct.tcp") are code, not mentions.
            glued_before = span.start > 0 and not doc[span.start - 1].whitespace_ and doc[span.start - 1].text in ("_", ".", "-")
            glued_after = span.end < len(doc) and not span[-1].whitespace_ and doc[span.end].text == "_"
            if glued_before or glued_after:
                continue
            kept.append(span)
        return kept


# A date the model reads into a name: "September Tong Zhang".
_CALENDAR_WORDS = frozenset("""January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())


class PersonFinder:
    """Candidate person spans in one Doc, labelled with a canonical name when the alias table knows it.

    A name the model tags PERSON that no table knows must look like one: its first word a given name
    some known person has, or no ordinary English word ("Reconsidering Assisted" is a title's words), or
    coordinated with a known person's name; and no company or product word in it ("Intel Icelake")."""

    def __init__(self, vocab, tokenizer, aliases: dict[str, str], persons: PersonIndex | None = None,
                 english: frozenset[str] = frozenset()):
        self.aliases = aliases
        self.persons = persons
        self.english = english
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        for alias, person in aliases.items():
            self.matcher.add(person, [tokenizer(alias)])

    def spans(self, doc: Doc, blocked: list[Span], titled: bool = False) -> list[Span]:
        """Alias-table matches and repaired PERSON entities that do not overlap ``blocked`` (subsystems).
        ``titled``: a heading, whose capitals say nothing, so a name no table knows must not go on in ordinary
        words ("Filesystem Layout", "Promela Example")."""
        blocked_tokens = {i for span in blocked for i in range(span.start, span.end)}
        candidates = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            span = _repair(doc, ent, self.english)
            if span is not None and len(span) > 1 and span[0].is_stop and span[0].lower_ not in NAME_PARTICLES \
                    and not (self.persons is not None and (self.persons.canonical(span.text)
                                                           or span[0].lower_ in self.persons.first_names)):
                span = span[1:]  # "Something Morton would like ...": a sentence's first word, not a given name
            if span is not None:
                candidates.append(Span(doc, span.start, span.end, label="PERSON"))
        candidates += _conjoined_names(doc, candidates)
        candidates += _authors_of_work(doc, candidates, self.english)
        candidates += _misfiled_names(doc, candidates, self.english,
                                      self.persons.first_names if self.persons is not None else frozenset())
        result, doubtful = [], []
        for span in filter_spans(candidates):
            if any(i in blocked_tokens for i in range(span.start, span.end)):
                continue
            if span.label_ == "PERSON" and (not plausible_name(span) or names_meeting(span.text)):
                continue  # "at Linaro Connect": a meeting is nobody
            if span.label_ == "PERSON" and titled and any(
                    is_english(t.lower_, self.english) for t in span[1:] if _lettered(t)):
                continue
            (result if span.label_ != "PERSON" or self._named_like_a_person(span) else doubtful).append(span)
        # "Eric Dumazet and Coco Li": a name coordinated with a known person's is a person's, ordinary words or not;
        # so is one where a person stands, if only its given name is an ordinary word ("a patch from Bobby Eshleman")
        known = [span for span in result if span.label_ != "PERSON"]
        result += [span for span in doubtful if any(_coordinated(span, other) for other in known)
                   or self._given_name_a_word(span)]
        return sorted(result, key=lambda span: span.start)

    def _given_name_a_word(self, span: Span) -> bool:
        """A name tagged a person's whose first word only is an ordinary word ("Con Kolivas", not "Learning
        Coccinelle"; a particle inside it aside: "Pascal Van Leeuwen"), standing where a person stands."""
        words = [t for t in span if _lettered(t)]
        return 2 <= len(words) <= 3 and len(words) == len(span) and not words[0].lower_.endswith("ing") \
            and words[0].text not in _CALENDAR_WORDS and not any(t.lower_ in VENDOR_WORDS for t in words) \
            and not any((is_english(t.lower_, self.english) and not (t.lower_ in NAME_PARTICLES and t.i < span.end - 1))
                        or t.lower_ in NON_NAME_WORDS for t in words[1:]) \
            and _person_position(span.root)

    def _named_like_a_person(self, span: Span) -> bool:
        words = [t for t in span if _lettered(t)]
        if self.persons is not None and self.persons.canonical(strip_possessive(span.text)):
            return True
        if any(t.lower_ in VENDOR_WORDS for t in words):
            return False
        first = words[0].lower_
        known_first = self.persons is not None and first in self.persons.first_names
        given = _given_name(span)
        return known_first or len(words) < 2 or not is_english(first, self.english) or (
            not is_english(given, self.english) and not all(is_english(w, self.english) for w in given.split("-")))


def _given_name(span: Span) -> str:
    """The given name a name starts with, a hyphenated one whole ("kui-feng" of "Kui-Feng Lee": WordNet has
    "kui", but neither "kui-feng" nor "feng"), in lower case."""
    end = 1
    while end + 1 < len(span) and span[end].text == "-" and _lettered(span[end + 1]):
        end += 2
    return span[:end].text.lower()


def _coordinated(a: Span, b: Span) -> bool:
    """Two names side by side in a coordination: "A and B", "A, B", "B & A"."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = first.doc[first.end:second.start]
    return len(between) == 1 and between[0].lower_ in ("and", ",", "&", "or") and second.root.i in {
        t.i for t in (first.root, *first.root.conjuncts)}


def is_english(word: str, english: frozenset[str]) -> bool:
    """An ordinary English word, inflected or not ("reconsidering", "assisted", "routers")."""
    if word in english:
        return True
    for suffix, restore in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and word[: -len(suffix)] + restore in english:
            return True
    return False


def _conjoined_names(doc: Doc, people: list[Span]) -> list[Span]:
    """Untagged names coordinated with a known one: the model often tags only one of "A B and C D"
    (sometimes the other as an ORG, or its first name as an adjective)."""
    found = []
    for span in people:
        for token in span.root.conjuncts:
            if token.ent_type_ not in ("", "PERSON", "ORG") or not (_lettered(token) and token.is_title and token.pos_ == "PROPN"):
                continue
            start = token.i
            while start > 0 and doc[start - 1].head.i == token.i and doc[start - 1].dep_ in ("compound", "amod") \
                    and _lettered(doc[start - 1]) and doc[start - 1].is_title:
                start -= 1
            candidate = doc[start:token.i + 1]
            if len(candidate) < 2 or any(t.lower_ in NOT_NAMES or t.lower_ in ORG_WORDS for t in candidate):
                continue
            if any(start < p.end and p.start < token.i + 1 for p in people):
                continue
            found.append(Span(doc, start, token.i + 1, label="PERSON"))
    return found


def _authors_of_work(doc: Doc, people: list[Span], english: frozenset[str] = frozenset()) -> list[Span]:
    """Untagged names that sign a piece of work: "this patch by Jan-Bernd Themann", "posted by A B". The
    model misses names it has not seen, often hyphenated or rare ones, or calls them an organisation; the
    place says it is a person's, unless the model saw an organisation and an ordinary word starts it
    ("patches by Red Hat")."""
    found = []
    taken = {i for span in people for i in range(span.start, span.end)}
    for by in doc:
        if by.lower_ != "by" or by.i == 0 or by.i + 2 >= len(doc):
            continue
        before = doc[by.i - 1]
        if before.lemma_.lower() not in CODE_NOUNS and not (
                before.tag_ == "VBN" and before.lemma_.lower() in AUTHOR_VERBS):
            continue
        end = by.i + 1
        while end < len(doc) and (_name_token(doc[end], allow_start=True) or (
                doc[end].text == "-" and not doc[end].whitespace_ and not doc[end - 1].whitespace_ and end + 1 < len(doc)
                and doc[end + 1].is_title and end > by.i + 1)):
            end += 1
        span = doc[by.i + 1:end]
        words = [t for t in span if _lettered(t)]
        if not 2 <= len(words) <= 4 or span[-1].text == "-" or any(i in taken for i in range(span.start, span.end)):
            continue
        if any(t.lower_ in NON_NAME_WORDS or t.ent_type_ not in ("", "PERSON", "NORP", "ORG") for t in words) \
                or (any(t.ent_type_ == "ORG" for t in words) and is_english(words[0].lower_, english)):
            continue
        found.append(Span(doc, span.start, span.end, label="PERSON"))
    return found


# What the model calls a name that is not a person's: where one of these is a person's name, it is misfiled.
MISFILED_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"})


# What a person writes, says or builds, owned: "Rodrigo Moya's blog posting", "Kiryl Shutsemau's patch set".
AUTHORED_NOUNS = CODE_NOUNS | TALK_NOUNS | frozenset({
    "blog", "post", "posting", "message", "email", "mail", "paper", "article", "proposal", "comment", "reply",
    "response", "slides"})


def _person_position(root) -> bool:
    """Where a person stands: the subject of a verb, the one a piece of work is "by" or "from", or its owner."""
    return (root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX")) or (
        root.dep_ == "pobj" and root.head.lower_ in ("by", "from")) or (
        root.dep_ == "poss" and root.head.lemma_.lower() in AUTHORED_NOUNS)


def _misfiled_names(doc: Doc, people: list[Span], english: frozenset[str] = frozenset(),
                    first_names: frozenset[str] = frozenset()) -> list[Span]:
    """Names of people the model files as an organisation, a place or a work ("Lennart Poettering said",
    "a patch set from Kiryl Shutsemau", "Rodrigo Moya's blog posting"): two or three capitalised words that
    stand where a person stands, the subject of a verb, the one a piece of work is "by" or "from" or its
    owner, and read as a given name and a surname:
    the first word no ordinary English word, nor are the others unless the first is a known person's given
    name ("Colin Cross"; not "Azul Systems", "Debian Ports"); with two words, a known given name may be an
    ordinary word too ("Gregory Price said")."""
    taken = {i for span in people for i in range(span.start, span.end)}
    found = []
    for ent in doc.ents:
        if len(ent) > 2 and ent[-1].lower_ in _POSSESSIVE:
            ent = Span(doc, ent.start, ent.end - 1, label=ent.label_)  # "Rodrigo Moya's": the name, not its mark
        if ent.label_ not in MISFILED_LABELS or not 2 <= len(ent) <= 3 or any(t.i in taken for t in ent):
            continue
        if not all(_name_token(t, allow_start=True) and t.lower_ not in NON_NAME_WORDS
                   or ent.start < t.i < ent.end - 1 and t.text in NAME_PARTICLES for t in ent):
            continue  # "Theo de Raadt": a particle inside
        first = ent[0].lower_
        if (is_english(first, english) and not (first in first_names and len(ent) == 2)) or (
                first not in first_names and any(is_english(t.lower_, english) and t.text not in NAME_PARTICLES
                                                 for t in ent[1:])):
            continue
        if _person_position(ent.root):
            span = _repair(doc, ent, english)  # "Adhemerval Zanella Netto", filed from its second word
            if span is not None and not any(t.i in taken for t in span):
                found.append(Span(doc, span.start, span.end, label="PERSON"))
    return found


def _repair(doc: Doc, ent: Span, english: frozenset[str] = frozenset()) -> Span | None:
    """Extend an entity over name tokens the model clipped (left, particles, suffixes); trim stray edges and
    what it took in past the name (a word in lower case, the next sentence, what follows a dash or semicolon).
    A sentence's first word joins the name only if the parser made it part of the name and it is no
    ordinary word ("Anjali Singhai Jain, representing Intel, ...", not "Merging Ingo Molnar's work")."""
    start, end = ent.start, ent.end
    # a dash between words, a semicolon, a line break or a column's gap ends a name: "Dave Hitz - co-founder,
    # Network Appliance", "Andrew; Greg", "Paul Vixie" above "Summary", df's "Filesystem      Size"
    end = next((t.i for t in doc[start:end] if t.text in (";", ":") or t.is_space or t.text in ("-", "–", "—") and (
        t.whitespace_ or (t.i > 0 and doc[t.i - 1].whitespace_))), end)
    while start < end and not _lettered(doc[start]):
        start += 1
    while end > start and not (_lettered(doc[end - 1]) or doc[end - 1].text in NAME_SUFFIXES):
        end -= 1
    if start >= end:
        return None
    # "Jamal Hadi Salim" comes out as "Hadi Salim": take capitalised proper nouns just before it.
    while start > 0:
        prev = doc[start - 1]
        part_of_it = prev.dep_ == "compound" and start <= prev.head.i < end and not is_english(prev.lower_, english)
        if _name_token(prev, allow_start=part_of_it) and prev.ent_type_ in ("", "PERSON", "ORG", "NORP"):
            start -= 1
        elif prev.text in NAME_PARTICLES and (k := _particles(doc, start - 1, -1)) < start \
                and _name_token(doc[start - 1 - k]):
            start -= k + 1  # "Frank van der" before "Linden"
        elif prev.is_sent_start and prev.is_title and prev.lower_ in NAME_PARTICLES:
            start -= 1  # "Van der Linden answered", "De Raadt said": a particle that opens a sentence
            break
        elif (prev.text == "-" and not prev.whitespace_ and start > 1 and not doc[start - 2].whitespace_
              and doc[start - 2].is_title):
            start -= 2  # "Høiland-Jørgensen" tagged from its second half
        else:
            break
    # particles inside ("Arnaldo Carvalho de Melo", "Frank van der Linden") and suffixes after ("Smith Jr.").
    while end - start >= 2 and doc[end - 1].text in NAME_PARTICLES:
        end -= 1
    while end < len(doc):
        nxt = doc[end]
        if nxt.text in NAME_PARTICLES and end + (k := _particles(doc, end, 1)) < len(doc) \
                and _name_token(doc[end + k]):
            end += k + 1
        elif nxt.text in NAME_SUFFIXES:
            end += 1
        elif nxt.text == "," and end + 1 < len(doc) and doc[end + 1].text in NAME_SUFFIXES:
            end += 2
        elif nxt.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 2
        elif _abbreviated_part(nxt) and end + 1 < len(doc) and doc[end + 1].is_title and _lettered(doc[end + 1]):
            end += 2  # "Tom St. Denis", "Frank Ch. Eigler"
        elif nxt.text == "." and doc[end - 1].is_title and len(doc[end - 1]) <= 3 and end + 1 < len(doc) \
                and doc[end + 1].is_title and _lettered(doc[end + 1]) and doc[end - 1].i > start \
                and not (doc[end + 1].is_stop or is_english(doc[end + 1].lower_, english)):
            end += 2  # the model stopped at "Tom St" before ". Denis" (not "Arjan van de Ven. This")
        else:
            break
    while end - start >= 2 and (doc[end - 1].is_lower and doc[end - 1].text not in NAME_PARTICLES
                                or doc[end - 1].text == "-"):
        end -= 1  # a name ends in a name: "Currey apologized", "Zach Pfeffer of", "Xen hypervisor", "Paul-related"
    if end - start >= 2 and _abbreviated_part(doc[end - 1]) is False and len(doc[end - 1]) <= 2 \
            and doc[end - 1].is_title and end < len(doc) and doc[end].text == ".":
        return None  # "Tom St" cut before its last part: not a name as it stands
    return doc[start:end]


def _particles(doc: Doc, i: int, step: int) -> int:
    """How many name particles in a row ("van der") from token ``i`` on, going ``step`` (1 or -1)."""
    k = 0
    while 0 <= i + step * k < len(doc) and doc[i + step * k].text in NAME_PARTICLES:
        k += 1
    return k


def _lettered(token) -> bool:
    """A word of letters, as names are written: an apostrophe inside counts ("O'Donell")."""
    return token.is_alpha or bool(APOSTROPHE_NAME_RE.fullmatch(token.text))


def _abbreviated_part(token) -> bool:
    """A short capitalised word with its full stop ("St.", "Ch."), inside a name."""
    return token.text.endswith(".") and 2 <= len(token.text) <= 4 and token.text[0].isupper() \
        and token.text[:-1].isalpha()


def _name_token(token, allow_start: bool = False) -> bool:
    if not (_lettered(token) and token.is_title and token.pos_ == "PROPN" and token.lower_ not in NOT_NAMES):
        return False
    return allow_start or not token.is_sent_start or token.ent_type_ == "PERSON"


def plausible_name(span: Span) -> bool:
    """Reject what the model tags PERSON but is an acronym, identifier, place or product."""
    text = span.text
    if _CODEY_RE.search(text.replace(", Jr.", "").replace(", Sr.", "")):
        return False
    words = [t for t in span if _lettered(t)]
    if not words:
        return False
    if any(t.lower_ in NOT_NAMES or t.lower_ in NON_NAME_WORDS for t in words):
        return False
    if not words[0].is_title and words[0].text not in NAME_PARTICLES:
        return False
    if any(t.text not in NAME_PARTICLES and (t.is_stop and t.is_lower or t.text[0].islower() and not t.is_lower)
           for t in words[1:]):
        return False  # "John the Ripper", "Neonode zForce": a word no name has, a tool's or a product's
    if len(words[0]) == 1 and not words[0].text.endswith("."):
        return False  # "K cPCI": a piece of a product name
    if len(words) > 1 and len({t.lower_ for t in words}) == 1:
        return False  # "Nack Nack Nack": a word said again
    if any(t.is_upper and len(t) > 1 and t.text not in NAME_SUFFIXES for t in words):
        return False
    if any(ACRONYM_PLURAL_RE.fullmatch(t.text) for t in words):  # SoCs, NICs, IOMMUs, CPUs
        return False  # "Corsola SoCs", "Unisoc IOMMUs": hardware, not a person
    if any(t.like_url or t.like_email for t in span):
        return False
    after = span.doc[span.end] if span.end < len(span.doc) and span[-1].whitespace_ else None
    if after is not None and any(c.isdigit() for c in after.text) and after.text.replace("-", "").isalnum():
        return False  # "Cyrix Geode 5530 audio controllers", "Raspberry Pi 3": a product and its model
    head = span.root.head
    if span.root.dep_ == "compound" and head.i >= span.end and head.tag_ in ("NNS", "NNPS"):
        return False  # "Turris Omnia LED controllers", "Sandy Bridge CPUs": a product's kind, in the plural
    return True


def with_possessive(doc: Doc, span: Span) -> Span:
    """Include a following possessive marker, so the mention text is as written ("Herbert's")."""
    if span.end < len(doc) and doc[span.end].text in _POSSESSIVE and not span[-1].whitespace_:
        return doc[span.start:span.end + 1]
    return span


def surface(span: Span) -> str:
    """The name without a possessive marker."""
    return strip_possessive(span.text)


def name_parts(name: str) -> list[str]:
    """Tokens of a full name that may stand alone for it: not particles, initials or suffixes."""
    parts = []
    for word in re.split(r"\s+", name):
        word = word.strip(",")
        if not word or word in NAME_PARTICLES or word in NAME_SUFFIXES:
            continue
        if len(word.rstrip(".")) <= 1 or word.endswith("."):
            continue
        parts.append(word)
        if fold(word) != word:
            parts.append(fold(word))
    return parts
