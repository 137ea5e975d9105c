"""Keywords: the noun phrases a kernel developer would tag an article with, ranked against the corpus.

Candidates are the parser's noun chunks, cut at coordinations and possessives, trimmed of
determiners and vague modifiers, with a plural head made singular by its suffix only ("congestion
avoidance modules" → "congestion avoidance module", but "data" stays "data" and "SKBs" stays as
written). A phrase is not a keyword when it holds a name (a person, a place, an organisation, a
meeting: the model's entity labels, not a list, and what the article writes as where people work:
"developers at Facebook"), when it names a kind of person or program ("TCP designer",
"data-center application"), or when it is made only of ordinary words with no
word of the networking vocabulary in it ("test run", "audience member"), or when it is one word that one
LWN kernel article in ten uses ("CPU", "API"). Near-duplicates are one
keyword ("Homa", "Homa module", "Homa support"), and so are a phrase and the same phrase with aspect
words added ("NAPI", "NAPI state"): the list tells it once, by the shorter form. Scores are TF-IDF with a preference for phrases
that name a subsystem or a term or that the title says, and against lone common nouns, so that phrases many articles use
lose. A phrase of ordinary words that the title says is a keyword all the same ("frozen pages").
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from array import array
from collections import Counter
from typing import TYPE_CHECKING

from pipeline.knowledge.persons import APOSTROPHE_NAME_RE
from pipeline.sources.events import names_meeting
from pipeline.terms import ACRONYM_PLURAL_RE, is_term

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Doc

VAGUE_MODIFIERS = frozenset({
    "new", "old", "current", "other", "various", "several", "such", "same", "existing", "many",
    "much", "little", "some", "first", "last", "next", "real", "similar", "certain", "different",
    "whole", "entire", "more", "most", "few", "good", "great", "big", "small", "large", "own",
    "particular", "main", "major", "minor", "simple", "possible", "important", "interesting",
    "further", "additional", "less", "only", "key", "specific", "general", "usual", "nice",
    "venerable", "multiple", "obvious", "recent", "following", "above", "below", "another", "any",
    "each", "every", "all", "both", "either", "neither", "no", "this", "that", "these", "those",
    "long", "short", "active", "original", "better", "best", "worse", "familiar", "formal",
    "modern", "early", "late", "later", "earlier", "initial", "single", "high-level", "low-level", "fancy",
    "capable", "public", "regular", "traditional", "conventional", "future", "extended", "longtime",
    "exact", "usable", "successful", "untrusted",
    "high-end", "low-end", "high-performance", "high-speed", "high-bandwidth", "high-quality", "low-quality",
    "high-profile", "high-risk", "special", "special-purpose", "special-case",
    "general-purpose", "open-source", "incoming", "outgoing", "fast", "slow", "huge", "vast", "tiny", "typical",
    "standard", "full", "basic",
    "proper", "separate", "actual", "possible", "necessary", "available", "common", "open", "free",
    "minimal", "complete", "overall", "ordinary", "classic", "subsequent", "longstanding", "long-standing",
    "near-optimal", "multi-pronged", "well-known", "so-called", "real-world", "numerous", "countless",
    "arbitrary", "needed", "normal", "meaningful", "loaded", "misbehaving", "given", "corresponding", "relevant",
    "appropriate", "potential", "desired", "affected", "resulting", "required", "reasonable", "suitable",
    "couple", "handful", "bunch", "lot", "previous", "crucial",
})
# Units of measure: after a number, what follows is a quantity ("64KB window").
UNITS = frozenset({"b", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "byte", "bytes", "bit", "bits", "hz", "khz",
                   "mhz", "ghz", "bps", "kbps", "mbps", "gbps", "tbps", "kbit", "mbit", "gbit", "pps", "kpps", "mpps",
                   "ns", "us", "µs", "ms", "sec", "second", "seconds", "minute", "minutes"})
QUANTITY_RE = re.compile(r"^\d[\d.,/]*(?:[kmgt]i?b(?:ytes?|its?|ps)?|bits?|bytes?|[kmg]?hz|[mµμun]?s|secs?|[kmg]?pps|%)$",
                         re.IGNORECASE)
_DROP_POS = frozenset({"DET", "PRON", "PUNCT", "NUM", "SYM", "CCONJ", "ADP", "PART", "SPACE", "X", "INTJ", "ADV", "VERB", "AUX"})
MAX_WORDS = 3
# Heads that add nothing to what precedes them: "IPsec/XFRM area" says "IPsec/XFRM".
GENERIC_HEADS = frozenset({"patch", "area", "stuff", "thing", "code", "work", "kind", "sort", "type", "set",
                           "series", "project", "issue", "stage",
                           # light nouns: "interrupt mitigation mechanism" names interrupt mitigation
                           "mechanism", "functionality", "capability", "technology", "effort", "need", "solution",
                           "support", "processing", "implementation", "problem", "change", "approach",
                           # which instance: "the iSCSI case", "the AF_UNIX variety", "the TTL value"
                           "case", "variety", "situation", "scenario", "tweak", "detail", "value", "version",
                           "test", "level", "parameter", "rule", "field", "chipset", "pair", "object",
                           "capacity", "maximum", "minimum", "draft", "setting", "optimization", "optimisation",
                           "overview", "decision", "power", "operation",
                           # what was said about it: "the workqueue discussion", "a union filesystem concept"
                           "discussion", "talk", "topic", "concept", "question", "presentation", "debate"})
# By words: readers keep about 6 in 10 of one- and two-word phrases in a top 10, and under 4 in 10 of
# three-word ones ("high-performance network stack"); a lone term (1.5 more) beats a lone common noun.
LENGTH_FACTOR = {1: 0.8, 2: 1.0, 3: 1.0}
# Nouns that measure how much of something is used: "CPU time", "CPU utilization", "API overhead".
MEASURE_HEADS = frozenset({"time", "usage", "utilization", "utilisation", "consumption", "overhead", "cost", "load"})
TERM_FACTOR = 1.3
TITLE_FACTOR = 1.5  # the title says it: readers kept 45 of 73 such phrases, against 373 of 1,005 others
# Entity labels that make a phrase a name, not a topic (unless the word is a subsystem's name).
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
# Words of meetings, of the lists where developers meet, and of the site itself.
NAME_WORDS = frozenset({"summit", "workshop", "conference", "miniconference", "miniconf", "symposium", "lwn",
                        "lwn.net", "bof", "keynote", "mailing"})
# Heads that make a phrase a kind of person or group ("TCP designer", "e1000 driver hacker", "wireless
# networking vendor", "QA team"): who, not what, and so never a tag.
PEOPLE_HEADS = frozenset({"developer", "maintainer", "co-maintainer", "vendor", "people", "hacker", "team", "folk",
                          "author", "company", "programmer", "person", "contributor", "committer", "designer", "guy",
                          "implementer", "administrator", "admin", "researcher", "customer", "manufacturer",
                          "reviewer", "expert", "engineer", "creator", "inventor", "proponent", "fan", "camp", "user"})
# Where people work: "developers at Facebook", "an engineer from Samsung", "his employer, Google".
WORKPLACE_PREPOSITIONS = frozenset({"at", "from", "within"})
EMPLOYER_NOUNS = frozenset({"employer", "company"})
WORKER_NOUNS = PEOPLE_HEADS | EMPLOYER_NOUNS | {"colleague", "employee"}
# The last word of a name an acronym stands for only as a body of people: "Software Freedom Conservancy (SFC)",
# "National Security Agency (NSA)", "Internet Engineering Task Force (IETF)". Not those a technical term ends
# in as well ("Network", "Group", "Board", "Project": VPN, PCB, the Linux Test Project's LTP).
BODY_HEADS = frozenset({"foundation", "conservancy", "university", "institute", "association", "agency",
                        "commission", "committee", "council", "consortium", "alliance", "society", "task force"})
_NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "in", "&"})
# Heads that make a phrase the program or machine at one end of the network, or the network or data stream
# between them, whatever it runs ("data-center application", "TCP endpoint", "multithreaded server", "TCP/IP
# protocol suite", "multicore system", "home network", "high-speed data stream"): readers dropped 35 of 37.
ENDPOINT_HEADS = frozenset({"application", "server", "endpoint", "suite", "system", "network", "stream"})
# What a phrase adds after a name without saying anything new: "Homa support" is "Homa".
DUPLICATE_TAILS = frozenset({"support", "implementation", "code", "module", "mechanism", "interface", "structure",
                             "family", "developer", "team", "layer", "subsystem", "feature", "patch", "tool",
                             "library", "infrastructure", "framework", "version", "work", "change", "changes",
                             "hardware", "list", "maintainer"})
# Words that add nothing to a subsystem's name in a keyword: "CAKE qdisc", "MSG_ZEROCOPY socket option".
SUBSYSTEM_TAILS = DUPLICATE_TAILS | frozenset({"adapter", "option", "mode", "algorithm", "protocol", "stack",
                                               "driver", "device", "approach", "proposal", "series", "set",
                                               "qdisc", "socket", "engine", "scheme", "method", "api", "modules",
                                               "packet", "packets", "connection", "connections", "session",
                                               "conversation", "flow", "flows", "traffic", "header", "headers",
                                               "data", "user", "users", "client", "server", "implementation",
                                               "functionality", "behavior", "behaviour", "performance", "use",
                                               "usage", "development", "developers", "maintainers", "people"})
# After a name, words for things of their own: "XDP socket", "TCP connection", "netlink header".
THING_WORDS = frozenset({"adapter", "client", "connection", "connections", "conversation", "data", "device", "flow",
                         "flows", "header", "headers", "packet", "packets", "people", "server", "session", "socket",
                         "traffic"})
# Words that name an aspect of a thing, not a new thing: "NAPI state", "iptables rule", "BPF program" and
# "bufferbloat problem" are one keyword each with "NAPI", "iptables", "BPF", "bufferbloat"; "mobile IPv6",
# "XDP redirect" and "TCP small queues" are keywords of their own.
ASPECT_WORDS = (SUBSYSTEM_TAILS - THING_WORDS) | frozenset({
    "state", "field", "number", "configuration", "config", "address", "request", "program", "array", "entry",
    "rule", "setting", "information", "info", "core", "compliant", "enabled", "aware", "based", "capable",
    "problem", "issue", "level", "pointer", "convention", "operation", "processing", "handling", "release",
    "upstream", "need", "design", "idea", "system", "side",
})
# After a subsystem's name, words that say it again: "ILA address", "UDP network protocol", "eBPF program".
_FOLDED = SUBSYSTEM_TAILS | ASPECT_WORDS | {"network", "networking"}
# Where a program runs: "user-space daemon" is a daemon, as ordinary as the words it is made of.
PLACE_COMPOUNDS = frozenset({"user-space", "kernel-space"})
# A corpus this large can say that a phrase most articles use names nothing in particular.
MIN_DOCS_FOR_DF_CUT = 20
LEAD_BONUS = 0.3
MAX_CANDIDATES = 80
MAX_DF_SHARE = 0.5
MIN_SCORE_SHARE = 0.2  # of the article's best score
ONCE_FACTOR = 0.7  # a phrase said once: readers kept 41 of 296 such, against 229 of 379 said again
# said once, with no acronym, identifier or subsystem in it: "cross-container communication",
# "valuable CPU time"; of the top-ten phrases this sent under the cut, readers had dropped 39 of 45
ONCE_PLAIN = 0.4
# A lone acronym said once, and as such ("DNS", "ECN", "RIAA": a short word of capitals), is one as plain: the
# article refers to a protocol or a body everyone knows, and moves on; readers dropped 27 of 32 such top-ten
# phrases, where they kept all 8 code identifiers said once ("SO_TXTIME", "SIOCSOUTSEQ"): the article's new
# interface. A subsystem written out in full ("receive packet steering" for "RPS") is not passed by so lightly.
ACRONYM_RE = re.compile(r"(?=.*[A-Z].*[A-Z])[A-Z][A-Z0-9]{1,5}")
# A subsystem named by one bare word ("TCP", "NAT", "qdisc") and said just twice is the background of an
# article about something else: readers dropped 43 of 62 such top-ten phrases (and 34 of 67 longer phrases or
# identifiers naming a subsystem twice). It counts a little more than said once, as a plain phrase: without
# the subsystem preference, unless the title says it or the article writes it out in full.
BACKGROUND_COUNT = 2
# said once, and by the way ("tools like NetworkManager", "handles TCP and UDP", in parentheses): of the 20
# top-ten phrases this sent under the cut, readers had dropped 18 as passing mentions
ASIDE_FACTOR = 0.5
EXAMPLE_PREPOSITIONS = frozenset({"like", "including"})
# Verbs whose object is what a talk or a discussion was about: a list there is of topics, not asides.
TOPIC_VERBS = frozenset({"talk", "speak", "present", "describe", "discuss", "cover", "explain", "demonstrate",
                         "show", "introduce", "outline", "review"})


def _form(token) -> str:
    """A word as a keyword writes it: in lower case, unless it is written as a name, or is or belongs to a term
    ("I/O", "pro-Microsoft", the "C" of "C API" and "C-state")."""
    text = token.text
    if is_term(text) or token.pos_ == "PROPN" or (len(text) == 1 and text.isupper()) or is_term(_written_word(token)):
        return text
    return token.lower_


def _written_word(token) -> str:
    """The text between spaces that holds the token: "I/O" for its "O", "TCP/IP" for "IP"."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and not doc[start - 1].whitespace_:
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_:
        end += 1
    return doc[start:end].text


def _head_form(token, keep: bool, english: frozenset[str] = frozenset(), written: frozenset[int] = frozenset()) -> str:
    """The head word, singular where the plural is a suffix on it ("modules" → "module", "queries" →
    "query"); a lemma that is another word ("data" → "datum") is not taken, nor an "-ie" or "-e" the language
    does not have ("dentries" is "dentry", "cookies" is "cookie", "mutexes" is "mutex"). A field's "-ics"
    ("semantics", "graphics") is no plural, nor a filesystem's "-fs" whose "-f" the article never writes
    (``written``: hashes of its lowercased words): "debugfs" stays, "typedefs" is "typedef" where it is written."""
    if keep or is_term(_written_word(token)) or token.pos_ == "PROPN" or not token.lemma_ or token.tag_ != "NNS":
        return _form(token)
    text, lemma = token.lower_, token.lemma_.lower()
    filesystem = text == lemma + "s" and lemma.endswith("f") and not lemma.endswith("ff") and lemma not in english \
        and token.vocab.strings[lemma] not in written
    if filesystem or text.endswith("ics"):
        return text
    if text.endswith(("xes", "ches", "shes", "sses", "zes")) and lemma == text[:-1] and english \
            and lemma not in english:
        return text[:-2]
    if text.endswith("ies") and lemma == text[:-1] and english and lemma not in english:
        return text[:-3] + "y"
    if text in (lemma + "s", lemma + "es"):
        return lemma
    if text.endswith("ies") and lemma.endswith("y") and text == lemma[:-1] + "ies":
        return text[:-1] if text.endswith(("kies", "gies", "vies", "ties")) and lemma != text[:-3] + "y" else lemma
    return text


def verb_only_words(nlp) -> frozenset[str]:
    """Words the lemmatizer knows only as verbs ("configure"): inside a noun phrase they betray a mis-parse."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index["verb"]) - frozenset(index["noun"])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


def names_a_body(definition: str) -> bool:
    """An acronym's spelled-out form is the name of an organisation ("Software Freedom Conservancy"): every
    word capitalised, and the last one a body's (see ``BODY_HEADS``)."""
    words = definition.split()
    return len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in _NAME_JOINERS) \
        and (words[-1].lower() in BODY_HEADS or " ".join(words[-2:]).lower() in BODY_HEADS)


def written_words(docs) -> frozenset[int]:
    """The hashes of every lowercased word an article writes: what tells a plural from a name ending in "s"."""
    from spacy.attrs import LOWER

    return frozenset(int(h) for doc in docs for h in set(doc.to_array(LOWER).tolist()))


def workplaces(docs) -> frozenset[str]:
    """Capitalised words an article writes as where people work ("developers at Facebook", "the maintainer
    from Intel", "his employer (Meta)", a person's name then "at Facebook"): a company's or a meeting's name
    there, and so a name wherever the article writes it, even where the model tags no name ("Facebook tends to
    keep its working set ...")."""
    import numpy
    from spacy.attrs import LEMMA, LOWER

    found = set()
    for doc in docs:
        strings = doc.vocab.strings
        words = doc.to_array([LOWER, LEMMA])  # the few candidate tokens by their hashes, not a loop over all

        def having(column: int, wanted: frozenset[str]):
            return numpy.flatnonzero(numpy.logical_or.reduce([words[:, column] == strings[w] for w in wanted]))

        for i in having(0, WORKPLACE_PREPOSITIONS):
            token = doc[int(i)]
            if token.head.pos_ == "NOUN" and token.head.lemma_.lower() in WORKER_NOUNS or (
                    token.i > 0 and doc[token.i - 1].ent_type_ == "PERSON"):
                found.update(c.text for c in token.children if c.dep_ == "pobj" and _capitalised_name(c))
        for i in having(1, EMPLOYER_NOUNS):
            found.update(c.text for c in doc[int(i)].children if c.dep_ == "appos" and _capitalised_name(c))
    return frozenset(found)


def _capitalised_name(token) -> bool:
    return token.pos_ == "PROPN" and token.is_title


def _ranges(doc: Doc, term_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Noun chunks, each widened over the subsystem names it cuts ("offload" → "generic receive offload",
    where the parser took "receive" for a verb), plus the names no chunk touches."""
    ranges = []
    for chunk in doc.noun_chunks:
        start, end = chunk.start, chunk.end
        for t_start, t_end in term_spans:
            if t_start < end and start < t_end:
                start, end = min(start, t_start), max(end, t_end)
        ranges.append((start, end))
    ranges += [(a, b) for a, b in term_spans if not any(a < e and s < b for s, e in ranges)]
    return sorted(set(ranges))


def _cut_open(text: str) -> bool:
    """A token that opens a bracket it does not close, or holds a double quote: a piece of code, of a table or
    of a quotation cut open ("ECT(1", "Pin<&mut", 'Why"s'); "current->pid" is no angle bracket."""
    arrowless = text.replace("->", "")
    return any(arrowless.count(o) != arrowless.count(c) for o, c in ("()", "{}", "[]", "<>")) \
        or any(q in text for q in '"“”')


def _separator(token) -> bool:
    """Where a noun chunk holds two phrases: a coordination, a possessive, a comma, a dash ("loss - DNS")."""
    if token.pos_ == "CCONJ" or token.tag_ == "POS" or token.text in (",", ";", ":", "--", "\u2013", "\u2014"):
        return True
    return token.text == "-" and bool(token.whitespace_ or (token.i and token.doc[token.i - 1].whitespace_))


def _ordinary(token, english: frozenset[str], domain: frozenset[str]) -> bool:
    """An ordinary English word that is not a word of the networking vocabulary."""
    lower = token.lower_
    return (lower in english or token.lemma_.lower() in english) and lower not in domain \
        and token.lemma_.lower() not in domain and not is_term(token.text)


def _common(token, common: frozenset[str], domain: frozenset[str]) -> bool:
    """A word that one LWN kernel article in ten uses, written as they write it ("CPU", "API",
    "filesystem"; not "LOCK" for "lock"), and no word of the networking vocabulary."""
    if token.lower_ in domain or token.lemma_.lower() in domain:
        return False
    if token.text in common or ACRONYM_PLURAL_RE.fullmatch(token.text) and token.text[:-1] in common:
        return True  # "APIs" as "API"
    return not is_term(token.text) and (token.lower_ in common or token.lemma_.lower() in common)


def _joins_place(token) -> bool:
    """The hyphen of "user-space" or "kernel-space": where a program runs, in ordinary words; other hyphenated
    compounds ("round-trip time", "interrupt-driven mode") are terms of their own."""
    i, doc = token.i, token.doc
    return token.text == "-" and 0 < i < len(doc) - 1 and not token.whitespace_ and not doc[i - 1].whitespace_ \
        and f"{doc[i - 1].lower_}-{doc[i + 1].lower_}" in PLACE_COMPOUNDS


def _kind_of_system(tokens: list) -> bool:
    """"Journaling file system", "ALSA sound system": a system named by the common noun
    before it is a kind of software, where "NUMA system", "multicore system", "PC-type system" or "originating
    system" is the machine something runs on."""
    return len(tokens) > 1 and tokens[-1].lemma_.lower() == "system" and tokens[-2].dep_ == "compound" \
        and tokens[-2].pos_ == "NOUN" and not is_term(tokens[-2].text) and not tokens[-2].lower_.endswith("ing") \
        and not (len(tokens) > 2 and tokens[-3].text == "-")


def _first_kept(tokens: list, words_cut: int):
    """The first token after the first ``words_cut`` words (words are what whitespace separates)."""
    word = 0
    for token in tokens:
        if word == words_cut:
            return token
        word += bool(token.whitespace_)
    return tokens[-1]


def aside(head) -> bool:
    """Whether a phrase (by its head) is said by the way: an example ("tools like NetworkManager", "such as
    DOCSIS framing", "including AES"), an item coordinated with others ("TCP and UDP"), or in parentheses."""
    token = head
    while token.dep_ in ("compound", "amod", "nmod", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and (token.head.lower_ in EXAMPLE_PREPOSITIONS or (
            token.head.lower_ == "as" and token.head.i > 0 and token.doc[token.head.i - 1].lower_ == "such")):
        return True
    if token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children):
        return not _topic_list(token)
    sent = token.sent
    before = token.doc[sent.start:token.i].text
    return before.count("(") > before.count(")")


def _topic_list(token) -> bool:
    """Whether a coordinated phrase lists what a talk or a discussion was about ("talked about BPF maps and
    the new LPM trie map type"): each item is a topic then, not an aside."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    return token.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and verb.lemma_.lower() in TOPIC_VERBS


def _quantity(token) -> bool:
    """A number with its unit ("14.8Mpps", "100Gb", "64ms"); a radio band is named by its frequency ("5GHz band")."""
    return bool(QUANTITY_RE.match(token.text)) and not (
        token.lower_.endswith("hz") and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lemma_.lower() == "band")


def candidates(doc: Doc, excluded: set[int], term_spans: list[tuple[int, int]], stopphrases: frozenset[str],
               verb_only: frozenset[str] = frozenset(), english: frozenset[str] = frozenset(),
               domain: frozenset[str] = frozenset(), titled: frozenset[str] = frozenset(),
               common: frozenset[str] = frozenset(), organisations: frozenset[str] = frozenset(),
               written: frozenset[int] = frozenset()) -> list[tuple[str, bool, bool]]:
    """(phrase, names a subsystem, said by the way) for each keyword candidate of one paragraph, in order.

    ``excluded``: token indices of person mentions; ``term_spans``: (start, end) token ranges of subsystem
    mentions. A one-word subsystem name is kept as written ("nftables", not "nftable"). ``english`` and
    ``domain``: ordinary words, and the words of the networking vocabulary (the taxonomy's names);
    ``common``: the words one LWN kernel article in ten uses, never a keyword alone; ``organisations``: companies
    by the name in their domain ("suse", "redhat"), never a keyword; ``written``: the article's words (see
    ``written_words``).
    """
    terms = {i: end - start for start, end in term_spans for i in range(start, end)}
    found = []
    for start, end in _ranges(doc, term_spans):
        tokens = list(doc[start:end])
        cut = max((k for k, t in enumerate(tokens) if _separator(t)), default=-1)
        tokens = tokens[cut + 1:]
        while tokens and tokens[0].i not in terms:
            if len(tokens) > 3 and tokens[1].text == "-" and not tokens[0].whitespace_ and not tokens[1].whitespace_ \
                    and f"{tokens[0].lower_}-{tokens[2].lower_}" in VAGUE_MODIFIERS:
                del tokens[:3]  # "high-level TCP change": a vague modifier written with a hyphen
            elif tokens[0].pos_ in _DROP_POS or tokens[0].lower_ in VAGUE_MODIFIERS or tokens[0].tag_ in ("JJR", "JJS") \
                    or tokens[0].is_stop or not tokens[0].text.strip('"\'()') or tokens[0].ent_type_ in ("DATE", "TIME"):
                tokens.pop(0)  # "the October nftables announcement": when is not what
            elif len(tokens) > 1 and tokens[0].pos_ in ("ADJ", "VERB") and any(
                    c.dep_ == "advmod" and c.i < tokens[0].i for c in tokens[0].children):
                tokens.pop(0)  # "minimally sized networking subsystem": a description, not a name
            else:
                break
        while tokens and tokens[-1].i not in terms and (tokens[-1].pos_ in _DROP_POS or not tokens[-1].text.strip('"\'()')):
            tokens.pop()
        if not tokens:
            continue
        left = tokens[0].i - 1
        if left >= 0 and doc[left].text in "-/" and not doc[left].whitespace_:
            continue  # the tail of a hyphenated compound ("64-bit systems")
        if (left >= 0 and doc[left].like_num and tokens[0].lower_ in UNITS) or any(_quantity(t) for t in tokens):
            continue  # a quantity ("64KB window", "2.4 GHz frequency band", "14.8Mpps"), not a topic
        while len(tokens) > 1 and tokens[-1].lemma_.lower() in GENERIC_HEADS:
            tokens.pop()
        head = tokens[-1]
        if any(t.i in excluded for t in tokens) or (head.pos_ not in ("NOUN", "PROPN") and head.i not in terms):
            continue
        if any(t.like_url or t.like_email or t.like_num or (t.is_punct and t.text not in "-/") for t in tokens):
            continue
        if any(len(t) > 1 and t.text.endswith(".") and t.whitespace_ for t in tokens[:-1]):
            continue  # a full stop inside: two sentences run together ("direct I/O. Buffered"), an initial ("C. Ojeda")
        if any(_cut_open(t.text) for t in tokens):
            continue  # "setsockopt(TCP_REPAIR_QUEUE", "ECT(1", "copy_{to", 'architectures--"This': a piece cut open
        if any(t.lower_ in verb_only and t.i not in terms for t in tokens[1:-1]):
            continue  # "user space configure hardware": a clause the parser took for a noun phrase
        if not any(sum(c.isalpha() for c in t.text) >= 3 for t in tokens) or len(tokens[0].text) < 2:
            continue
        if any(t.ent_type_ in NAME_LABELS and t.i not in terms and not (t.ent_type_ == "ORG" and is_term(t.text))
               or APOSTROPHE_NAME_RE.fullmatch(t.text) and t.i not in terms for t in tokens):
            continue  # "LinkSys WRT54g router", "Google's servers", "Netfilter Workshop", "O'Reilly": names, not topics
        if {head.lemma_.lower(), head.lower_} & (PEOPLE_HEADS | ENDPOINT_HEADS) and head.i not in terms \
                and not _kind_of_system(tokens):
            continue  # "TCP designer", "data-center application", "NUMA system": who or which machine, not what
        if any(t.lower_ in NAME_WORDS or t.lemma_.lower() in NAME_WORDS or t.lower_.endswith(("-related", "-oriented"))
               or (t.lower_ in ("related", "oriented") and t.i > 0 and doc[t.i - 1].text == "-") for t in tokens):
            continue
        phrase = "".join([_form(t) + t.whitespace_ for t in tokens[:-1]]
                         + [_head_form(head, terms.get(head.i) == 1, english, written)])
        if head.is_sent_end and len(head) > 1 and phrase.endswith(".") and not phrase.endswith(".."):
            phrase = phrase[:-1]  # "direct I/O." at a sentence's end, the full stop taken into the word
        if len(phrase.split()) > MAX_WORDS:
            first = _first_kept(tokens, len(phrase.split()) - MAX_WORDS)
            if any(start < first.i < end for start, end in term_spans):
                continue  # "wireless extension handler functions" would keep a piece of "wireless extensions"
            phrase = " ".join(phrase.split()[-MAX_WORDS:])  # "TCP congestion avoidance module": the last three
        if english and not any(t.i in terms for t in tokens) \
                and all(_ordinary(t, english, domain) for t in tokens if not _joins_place(t)) \
                and not (" " in phrase and phrase.lower() in titled):
            continue  # "test run", "audience member", "user-space daemon": only ordinary words (unless the title says it)
        if len(tokens) == 1 and tokens[0].i not in terms and _common(tokens[0], common, domain):
            continue  # "CPU", "API", "filesystem": a word most articles use tags none of them
        if _resource_measure(tokens, terms, english, common, domain):
            continue  # "CPU time", "valuable CPU time", "CPU utilization": how much was used, not what
        if phrase.lower() in stopphrases or all(t.is_stop for t in tokens) or names_meeting(phrase):
            continue  # "LSFMM", "the ARM minisummit": the meeting is the article's event, not its topic
        if _names_company(phrase, {t.text for t in tokens if t.i in terms}, organisations):
            continue  # "SUSE", "Red Hat", "NVIDIA GPUs": the model takes such names for acronyms of things
        rest = [t for t in tokens if t.i not in terms]
        if len(rest) < len(tokens) and all(
                t.lower_ in _FOLDED or t.lower_ in VAGUE_MODIFIERS or t.is_stop or t.is_punct
                or t.lemma_.lower() in _FOLDED for t in rest):
            continue  # "the TOE adapter support", "CAKE qdisc": the subsystem itself, counted by its mentions
        if tokens[-1].i not in terms and tokens[-1].lower_ in verb_only:
            continue  # "TCP packet introduce": a verb the parser took for a noun
        found.append((phrase, any(t.i in terms for t in tokens), aside(head)))
    return found


def _resource_measure(tokens: list, terms: dict, english: frozenset[str], common: frozenset[str],
                      domain: frozenset[str]) -> bool:
    """An amount of a resource every article has: a measure noun ("time", "usage") after a word most
    articles use that is no ordinary English word ("CPU", "API"), and otherwise only ordinary words
    ("round-trip time" and "NAPI poll time" name something)."""
    *rest, head = tokens
    words = [t for t in rest if t.text != "-"]
    if head.lemma_.lower() not in MEASURE_HEADS or not words or any(t.i in terms for t in tokens):
        return False
    plain = [t for t in words if _common(t, common, domain) and not _ordinary(t, english, domain)]
    return bool(plain) and all(t in plain or _ordinary(t, english, domain) for t in words)


def _names_company(phrase: str, terms: set[str], organisations: frozenset[str]) -> bool:
    """Whether a phrase is, or holds, a company's name written as a name ("SUSE", "Red Hat", "NVIDIA GPUs"; not
    "canonical ABI"), outside the subsystem names it holds."""
    named = [w for w in phrase.split() if w[:1].isupper() and w not in terms]
    return bool(named) and (re.sub(r"[\s-]", "", phrase.lower()) in organisations and len(named) == len(phrase.split())
                            or any(part.replace("-", "") in organisations for w in named for part in w.lower().split("/")))


def scoring(phrases: list) -> tuple[list[str], list[str], bytes]:
    """What ranking needs of one article's phrases, apart from the corpus: every phrase in lower case (the
    document frequencies), the candidates worth scoring, and their own factors (first paragraph, count,
    length, subsystem, lead and title factors, six doubles each). Pure, and compact: it is kept per article so
    that a bigger corpus only recomputes the corpus factor."""
    lowered = sorted({p[0].lower() for p in phrases})
    if len(phrases) > MAX_CANDIDATES:  # only the likeliest are scored against the corpus
        phrases = sorted(phrases, key=lambda x: (-x[1] * (2 if x[2] else 1), x[3], x[0]))[:MAX_CANDIDATES]
    kept, factors = [], array("d")
    for phrase, count, names_term, first, *flags in phrases:
        titled, by_the_way, spelled = (flags + [False, False, False])[:3]
        words = phrase.count(" ") + 1
        if words == 1 and count < 2 and not (names_term or is_term(phrase)):
            continue  # a lone common noun said once says little about the article
        length = LENGTH_FACTOR[min(words, 3)] * (1.5 if words == 1 and is_term(phrase) else 1.0)
        kept.append(phrase)
        background = names_term and count == BACKGROUND_COUNT and not (titled or spelled) \
            and not any(c in phrase for c in " _(")
        said = 1.0 if background else _said(phrase, count, names_term, spelled)
        said *= ASIDE_FACTOR if count == 1 and by_the_way else 1.0
        factors.extend((first, said, length, TERM_FACTOR if names_term and not background else 1.0,
                        1.0 + LEAD_BONUS / (1 + first), TITLE_FACTOR if titled else 1.0))
    return lowered, kept, factors.tobytes()


def _said(phrase: str, count: int, names_term: bool, spelled: bool) -> float:
    """What being said ``count`` times is worth: more for each repeat, less for once, and least for a plain
    phrase or an acronym said once (not a subsystem written out in full)."""
    if count > 1:
        return 1.0 + math.log(count)
    if ACRONYM_RE.fullmatch(phrase) and not spelled:
        return ONCE_PLAIN
    return ONCE_FACTOR if names_term or any(is_term(w) or "->" in w for w in phrase.split()) else ONCE_PLAIN


def rank(per_article: dict[int, list], *, top: int = 20, memo: dict | None = None) -> dict[int, list[tuple[str, float]]]:
    """Top phrases per article by TF-IDF × length and subsystem preference; ties broken alphabetically.

    ``per_article`` maps an article to [(phrase, count, names_subsystem, first paragraph[, in the title, only
    said by the way, a subsystem written out in full])], its near-duplicates already merged: what an article
    says early (its lead) counts a little more, and decides between equal scores; what it says only once counts
    less, what its title says more, and phrases scoring under a fifth of the article's best (the title's help
    aside) are left out. ``memo`` (article → what ``distinct`` chose, by the order it saw) is read and
    updated: a corpus that grows by one article changes every score a little but few orders.
    """
    return rank_scored({a: scoring(phrases) for a, phrases in per_article.items()}, top=top, memo=memo)


def rank_scored(scorings: dict[int, tuple], *, top: int = 20, memo: dict | None = None) -> dict[int, list[tuple[str, float]]]:
    """``rank`` from each article's ``scoring`` of its phrases, computed before."""
    return Ranking(len(scorings), top=top, memo=memo).finish(scorings)


class Ranking:
    """``rank`` for a corpus whose size is known before all its articles are: the articles known first are
    ranked at once (``add``), and when the rest come (``finish``) only the articles that share a phrase with
    them are ranked again, since no other score can have changed. A build ranks the stored articles while
    the model analyses the new ones."""

    def __init__(self, n_docs: int, *, top: int = 20, memo: dict | None = None):
        self.n_docs, self.top, self.memo = n_docs, top, memo
        self.cut = MAX_DF_SHARE * n_docs if n_docs >= MIN_DOCS_FOR_DF_CUT else math.inf
        self.df: Counter = Counter()
        self.idf: dict[int, float] = {}
        self.scorings: dict[int, tuple] = {}
        self.ranked: dict[int, list[tuple[str, float]]] = {}
        self.best: dict[int, float] = {}

    def add(self, scorings: dict[int, tuple]) -> None:
        for lowered, _, _ in scorings.values():
            self.df.update(lowered)
        self.scorings.update(scorings)
        for article_id, scoring in scorings.items():
            self.ranked[article_id] = self._rank(article_id, scoring)

    def finish(self, scorings: dict[int, tuple]) -> dict[int, list[tuple[str, float]]]:
        """Add the remaining articles; the final ranking of every article."""
        changed = {phrase for lowered, _, _ in scorings.values() for phrase in lowered}
        earlier = [(a, s) for a, s in self.scorings.items() if any(p.lower() in changed for p in s[1])]
        self.add(scorings)
        for article_id, scoring in earlier:
            self.ranked[article_id] = self._rank(article_id, scoring)
        ranked = {}
        for article_id, kept in self.ranked.items():  # far below the article's best, readers keep one in ten
            ranked[article_id] = [(p, s) for p, s in kept if s >= MIN_SCORE_SHARE * self.best[article_id]]
        if self.memo is not None:
            for stale in set(self.memo) - {str(a) for a in self.scorings}:
                del self.memo[stale]
        return ranked

    def _rank(self, article_id: int, scoring: tuple) -> list[tuple[str, float]]:
        _, phrases, packed = scoring
        factors = array("d")
        factors.frombytes(packed)
        each = iter(factors)
        scored = []
        best = 0.0
        naming = set()
        for phrase, first, tf, length, term, lead, title in zip(phrases, each, each, each, each, each, each):
            if term > 1.0:
                naming.add(phrase)
            n = self.df[phrase.lower()]
            if n > self.cut:
                continue
            factor = self.idf.get(n)
            if factor is None:
                factor = self.idf[n] = math.log((1 + self.n_docs) / (1 + n)) + 0.5
            score = tf * factor * length * term
            score *= lead
            best = max(best, score)
            scored.append((round(score * title, 6), first, phrase))
        self.best[article_id] = round(best, 6)  # the cut is a share of the best score without the title's help
        named = frozenset(naming)
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        ordered = [(p, s) for s, _, p in scored]
        if self.memo is None:
            return distinct(ordered, self.top, named)
        seen = _order_signature(ordered, named)
        known = self.memo.get(str(article_id))
        if known is None or known[0] != seen:
            position = {p: i for i, (p, _) in enumerate(ordered)}
            known = self.memo[str(article_id)] = (seen, [position[p] for p, _ in distinct(ordered, self.top, named)])
        return [ordered[i] for i in known[1]]


def _order_signature(ordered: list[tuple[str, float]], named: frozenset[str]) -> str:
    """What ``distinct`` depends on: the phrases in order, which neighbours tie (not the scores), and which
    name a subsystem."""
    ties = "".join("=" if a[1] == b[1] else ">" for a, b in zip(ordered, ordered[1:]))
    return hashlib.blake2b("\x1f".join([ties, *(p for p, _ in ordered), "\x1e", *sorted(named)]).encode("utf-8"),
                           digest_size=16).hexdigest()


@functools.lru_cache(maxsize=1 << 16)
def _word_set(phrase: str) -> frozenset[str]:
    words = phrase.lower().replace("-", " ").replace("/", " ").split()
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


_ASPECTS = _word_set(" ".join(sorted(ASPECT_WORDS)))


def _identifiers(phrase: str) -> list[str]:
    """The code identifiers a phrase is built on ("GFP_ZERO", "skb->xmit_more"), in lower case."""
    return [w.lower().strip("()") for w in phrase.split() if "_" in w or "->" in w]


def distinct(ranked: list[tuple[str, float]], top: int, named: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """The best ``top`` phrases, one per keyword: a phrase that is another plus or minus aspect words
    ("NAPI state", "bufferbloat problem") is that keyword again, told by its shorter form unless the
    longer one is a name of its own ("TCP Fast Open"); so is a phrase that is a better-ranked one plus a
    word ("congestion window size", "classic ECN"), and a lone common word after a phrase that holds it
    ("batching" after "SKB batching"), unless it names a subsystem (``named``: "netfilter"). Phrases built
    on one code identifier ("struct task_struct", "task_struct structure") are one keyword, told by the
    shorter if one holds the other."""
    chosen: list[tuple[str, float, frozenset[str]]] = []
    by_core: dict[frozenset[str], list[int]] = {}  # two phrases differing by aspect words only share a core
    by_identifier: dict[str, int] = {}
    for phrase, score in ranked:
        words = _word_set(phrase)
        if any(len(words) == len(c[2]) + 1 and c[2] < words for c in chosen):
            continue  # "congestion window size" after "congestion window": readers drop 9 in 10 of these
        named_by = [by_identifier[w] for w in _identifiers(phrase) if w in by_identifier]
        if named_by:  # "task_struct structure" after "struct task_struct": one identifier, one thing
            if words < chosen[named_by[0]][2]:
                chosen[named_by[0]] = (phrase, score, words)  # "GFP_ZERO" tells "GFP_ZERO allocation flag"
            continue
        core = words - _ASPECTS
        same = [i for i in by_core.get(core, ()) if words <= chosen[i][2] or chosen[i][2] < words]
        if not same and len(words) == 1 and not is_term(phrase) and phrase not in named \
                and any(words < c[2] for c in chosen):
            continue  # "batching" after "SKB batching", "dissector" after "network flow dissector"
        if not same:
            if len(chosen) < top:
                by_core.setdefault(core, []).append(len(chosen))
                by_identifier.update((w, len(chosen)) for w in _identifiers(phrase))
                chosen.append((phrase, score, words))
        elif len(same) == 1 and words < chosen[same[0]][2] and not _is_name(chosen[same[0]][0]):
            chosen[same[0]] = (phrase, score, words)
    chosen.sort(key=lambda c: -c[1])
    return [(phrase, score) for phrase, score, _ in chosen]


def _is_name(phrase: str) -> bool:
    """Every word capitalised or a term: "TCP Fast Open", "Open vSwitch", not "BPF program"."""
    return all(w[:1].isupper() or is_term(w) for w in phrase.split())


def merge_near_duplicates(phrases: list) -> list:
    """Fold "X support", "X implementation" into "X" when the article also says "X": one keyword, the
    counts added. ``phrases``: [(phrase, count, names_subsystem, first paragraph, in the title, only said by
    the way, a subsystem written out in full)]."""
    by_lower: dict[str, list] = {}
    for p, n, t, f, titled, by_the_way, spelled in sorted(phrases, key=lambda x: (not x[2], -x[1], x[0])):
        # "CAKE" and "Cake": one, as a subsystem writes it
        kept = by_lower.setdefault(p.lower(), [p, 0, t, f, titled, by_the_way, spelled])
        _fold(kept, n, t, f, titled, by_the_way, spelled)
    for phrase, count, names_term, first, titled, by_the_way, spelled in sorted(phrases, key=lambda x: (-len(x[0]), x[0])):
        words = phrase.split()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]).lower(), words[cut:]
            if head in by_lower and all(w.lower() in DUPLICATE_TAILS for w in tail) and phrase.lower() in by_lower:
                _fold(by_lower[head], by_lower.pop(phrase.lower())[1], names_term, first, titled, by_the_way, spelled)
                break
    return [tuple(v) for v in by_lower.values()]


def _fold(kept: list, count: int, names_term: bool, first: int, titled: bool, by_the_way: bool, spelled: bool) -> None:
    """Add one phrase's counts and marks to those of the phrase it is one keyword with."""
    kept[1] += count
    kept[2] = kept[2] or names_term
    kept[3] = min(kept[3], first)
    kept[4] = kept[4] or titled
    kept[5] = kept[5] and by_the_way
    kept[6] = kept[6] or spelled
