"""Keyword candidates: the noun phrases of one article's parse that could be its tags, and the words and
names that rule a phrase out; needs the parse, not the corpus."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.keywords.vocabulary import (
    BODY_HEADS, COMMIT_ID_RE, DROP_POS, EMPLOYER_NOUNS, ENDPOINT_HEADS, EXAMPLE_PREPOSITIONS, FOLDED, GENERIC_HEADS,
    KERNEL_NOUNS, MAX_WORDS, MEASURE_HEADS, MEETING_PARTS, NAME_JOINERS, NAME_LABELS, NAME_WORDS, PEOPLE_HEADS,
    PLACE_COMPOUNDS, PLACE_LABELS, QUANTITY_RE, SUBJECT_SAID, TOPIC_VERBS, UNITS, VAGUE_MODIFIERS, WORKER_NOUNS,
    WORKPLACE_PREPOSITIONS,
)
from pipeline.knowledge.naming import named_acronym
from pipeline.knowledge.persons import APOSTROPHE_NAME_RE
from pipeline.sources.events import names_meeting
from pipeline.terms import ACRONYM_PLURAL_RE, is_term

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Doc


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


def _in_path(token) -> bool:
    """Whether a word ends a file's path ("mounts" of "/proc/mounts", "notes" of "/sys/kernel/notes")."""
    doc, start = token.doc, token.i
    while start >= 2 and doc[start - 1].text == "/" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start -= 2
    return start < token.i and doc[start].text.startswith("/")


def _head_form(token, keep: bool, english: frozenset[str] = frozenset(), written: frozenset[int] = frozenset()) -> str:
    """The head word, singular where the plural is a suffix on it ("modules" → "module", "queries" →
    "query"); a lemma that is another word ("data" → "datum") is not taken, nor an "-ie" or "-e" the language
    does not have ("dentries" is "dentry", "cookies" is "cookie", "mutexes" is "mutex"). A field's "-ics"
    ("semantics", "graphics") is no plural, nor a filesystem's "-fs" whose "-f" the article never writes
    (``written``: hashes of its lowercased words): "debugfs" stays, "typedefs" is "typedef" where it is written.
    An acronym's plural is the acronym ("VMAs" → "VMA"); a path is a file's name ("/proc/mounts")."""
    if not keep and ACRONYM_PLURAL_RE.fullmatch(token.text):
        return token.text[:-1]
    if keep or is_term(_written_word(token)) or token.pos_ == "PROPN" or not token.lemma_ or token.tag_ != "NNS" \
            or _in_path(token):
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
        return frozenset(index["verb"]) - frozenset(index["noun"]) - KERNEL_NOUNS
    except (KeyError, ValueError, AttributeError):
        return frozenset()


# A name of capitalised words (with the joiners of names: "of", "the" ...) followed by a parenthesised acronym.
NAMED_ACRONYM_RE = re.compile(r"(?:[A-Z][\w-]*\s+(?:(?:%s)\s+)?){1,7}\([A-Z][A-Za-z0-9]{1,9}\)"
                              % "|".join(map(re.escape, sorted(NAME_JOINERS))))


def bodies_defined(text: str) -> set[str]:
    """The acronyms a paragraph gives for the name of a body or a meeting, whose letters need not be the words'
    initials ("the 14th Real Time Linux Workshop (RTLWS)", "the Linux Security Summit (LSS)"): a capitalised
    name ending in a body's word (``names_a_body``) says what the parenthesis is."""
    found = set()
    for match in NAMED_ACRONYM_RE.finditer(text):
        pair = named_acronym(match.group(0))
        if pair and names_a_body(pair[0]):
            found.add(pair[1])
    return found


BODY_NAME_RE = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:(?:%s)\s+)?[A-Z][\w-]*){1,6}"
                          % "|".join(map(re.escape, sorted(NAME_JOINERS))))


def bodies_named(text: str) -> set[str]:
    """The initials of the bodies a paragraph names in full ("The Software Freedom Law Center was asked ...;
    the SFLC produced its answer"): an acronym the article may use for it without defining it."""
    found = set()
    for match in BODY_NAME_RE.finditer(text):
        name = match.group(0)
        if names_a_body(name):
            words = [w for w in name.replace("-", " ").split() if w.lower() not in NAME_JOINERS]
            if len(words) > 2:  # three letters or more: "LF" could be anything
                found.add("".join(w[0] for w in words))
    return found


def names_a_body(definition: str) -> bool:
    """An acronym's spelled-out form is the name of an organisation ("Software Freedom Conservancy"): every
    word capitalised, and the last one a body's (see ``BODY_HEADS``)."""
    words = definition.split()
    return len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in NAME_JOINERS) \
        and (words[-1].lower() in BODY_HEADS or " ".join(words[-2:]).lower() in BODY_HEADS)


def written_words(docs) -> frozenset[int]:
    """The hashes of every lowercased word an article writes: what tells a plural from a name ending in "s"."""
    from spacy.attrs import LOWER

    return frozenset(int(h) for doc in docs for h in set(doc.to_array(LOWER).tolist()))


def unwritten_singulars(docs, english: frozenset[str], written: frozenset[int]) -> dict[str, str]:
    """The singulars a keyword's head takes from a plural the article writes, where neither the article nor
    English has that singular ("fstests" → "fstest", "kdevops" → "kdevop", but also "inodes" → "inode", "VMAs"
    → "VMA"), each with the plural as written. Only the corpus can tell a name ending in "s" from a plural
    (see the aggregate stage)."""
    found: dict[str, str] = {}
    for doc in docs:
        for token in doc:
            acronym = bool(ACRONYM_PLURAL_RE.fullmatch(token.text))  # "VMAs" → "VMA", as written
            if token.tag_ != "NNS" and not acronym:
                continue
            form = _head_form(token, False, english, written)
            plural = token.text if acronym else token.lower_
            if form != plural and (acronym or form.islower()) and form.lower() not in english \
                    and token.vocab.strings[form.lower()] not in written:
                found[form] = min(found.get(form, plural), plural)
    return found


def unlisted_words(docs, english: frozenset[str]) -> str:
    """The words an article writes that English does not have, in lower case and space-separated: where the
    corpus looks for a singular no article may write ("fstest")."""
    return " ".join(sorted({t.lower_ for doc in docs for t in doc if not t.is_stop and t.lower_ not in english
                            and t.lemma_.lower() not in english and any(c.isalpha() for c in t.lower_)
                            and not any(c.isspace() for c in t.lower_)}))


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


def title_subjects(title, docs, names: frozenset[str], organisations: frozenset[str],
                   common: frozenset[str] = frozenset()) -> frozenset[str]:
    """The proper nouns of the title that the article goes on writing as names, three times or more ("Btrfs",
    "Greybus", "Trinity"): the thing the article is about, which the model often labels an organisation or a
    product. The title's first word is capitalised anyway, and is one when the article writes it so ("Rust in
    the 6.2 kernel", the model's common noun). Its people (``names``, with the places it works at), the place
    the title puts it at ("Btrfs at Facebook"), a place ("Korea", as the model labels most of its mentions),
    the kernel's companies and the words one article in ten uses ("Linux") are not subjects."""
    if title is None:
        return frozenset()
    wanted = {t.text for t in title if (t.pos_ == "PROPN" or t.i == 0 and not t.is_stop) and t.text[:1].isupper()
              and t.is_alpha and t.text not in names and t.text not in common
              and not (t.dep_ == "pobj" and t.head.lower_ in WORKPLACE_PREPOSITIONS)
              and not _names_company(t.text, set(), organisations)}
    if not wanted:
        return frozenset()
    import numpy
    from spacy.attrs import ENT_TYPE, ORTH, SENT_START

    said = dict.fromkeys(wanted, 0)
    placed_times = dict.fromkeys(wanted, 0)
    for doc in docs:
        words = doc.to_array([ORTH, SENT_START, ENT_TYPE])
        inside = words[:, 1] != 1  # a capital that starts a sentence says nothing
        placed = numpy.isin(words[:, 2], [doc.vocab.strings[label] for label in PLACE_LABELS])
        for word in wanted:
            here = words[:, 0] == doc.vocab.strings[word]
            said[word] += int(numpy.count_nonzero(here & inside))
            placed_times[word] += int(numpy.count_nonzero(here & placed))
    # one place label among many is the model's slip ("Btrfs" a place once in 30)
    return frozenset(word for word, n in said.items() if n >= SUBJECT_SAID and 2 * placed_times[word] < n)


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


PLACES = frozenset(compound.replace("-", "") for compound in PLACE_COMPOUNDS)


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
               written: frozenset[int] = frozenset(), subjects: frozenset[str] = frozenset(),
               ordinary: list | None = None,
               report: bool = False) -> list[tuple[str, bool, bool, bool, tuple[int, int]]]:
    """(phrase, names a subsystem, said by the way, kept only as the title's subject, its tokens' range) for
    each keyword candidate of one paragraph, in order. ``subjects``: the title's subjects (``title_subjects``),
    a keyword though the model takes them for a name or they are ordinary words ("Rust"). ``ordinary``: where
    given, the phrases made only of ordinary words ("page cache") are put there instead of being dropped, for
    the corpus to decide (keywords.ranking). ``report``: the article reports a meeting, whose parts ("the
    filesystem track session") are no topics.

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
            elif len(tokens) > 2 and tokens[1].i not in terms and tokens[0].whitespace_ \
                    and f"{tokens[0].lower_}-{tokens[1].lower_}" in VAGUE_MODIFIERS:
                if tokens[1].text[:1].isupper():
                    break  # "Open Source Development Labs": a name, whole or not at all
                del tokens[:2]  # "general purpose CPU", "open source OS": the same, written open
            elif tokens[0].pos_ in DROP_POS or tokens[0].lower_ in VAGUE_MODIFIERS or tokens[0].tag_ in ("JJR", "JJS") \
                    or tokens[0].is_stop or not tokens[0].text.strip('"\'()') \
                    or (tokens[0].ent_type_ in ("DATE", "TIME") and "_" not in tokens[0].text):
                tokens.pop(0)  # "the October nftables announcement": when is not what (the model's "SO_TXTIME" is)
            elif len(tokens) > 1 and tokens[0].pos_ in ("ADJ", "VERB") and any(
                    c.dep_ == "advmod" and c.i < tokens[0].i for c in tokens[0].children):
                tokens.pop(0)  # "minimally sized networking subsystem": a description, not a name
            else:
                break
        while tokens and tokens[-1].i not in terms and (tokens[-1].pos_ in DROP_POS or not tokens[-1].text.strip('"\'()')):
            tokens.pop()
        if not tokens:
            continue
        after = slashed = tokens[-1].i + 1
        while after + 1 < len(doc) and not doc[after - 1].whitespace_ and doc[after].text == "/" \
                and not doc[after].whitespace_ and doc[after + 1].is_alpha \
                and doc[after + 1].lemma_.lower() not in GENERIC_HEADS:
            tokens += [doc[after], doc[after + 1]]  # "Multipath I/O": the word the chunk ended at its slash
            after += 2
        left = tokens[0].i - 1
        if left >= 0 and doc[left].text in "-/" and not doc[left].whitespace_:
            continue  # the tail of a hyphenated compound ("64-bit systems")
        if after + 1 < len(doc) and not doc[after - 1].whitespace_ and doc[after].text == "-" \
                and not doc[after].whitespace_ and (doc[after + 1].text[:1].isdigit() or (
                    doc[after + 1].text[:1].isalpha() and tokens[-1].i not in terms and tokens[-1].is_lower)):
            continue  # the head of a compound its next word goes on ("CVE-2014" of "CVE-2014-8989", "SCSI mid" of
            # "SCSI mid-layer"); a name says itself ("IPv4-only", "GPL-compatible", "KVM-based")
        if any(COMMIT_ID_RE.fullmatch(t.text) for t in tokens):
            continue  # "cf579dfb82550e3": a commit, named by its id
        if (left >= 0 and doc[left].like_num and tokens[0].lower_ in UNITS) or any(_quantity(t) for t in tokens):
            continue  # a quantity ("64KB window", "2.4 GHz frequency band", "14.8Mpps"), not a topic
        while len(tokens) > 1 and tokens[-1].lemma_.lower() in GENERIC_HEADS:
            tokens.pop()
        head = tokens[-1]
        if any(t.i in excluded for t in tokens) or (head.pos_ not in ("NOUN", "PROPN") and head.i not in terms
                                                     and not (head.i > slashed and is_term(_written_word(head)))):
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
        named = {t.text for t in tokens if t.ent_type_ in NAME_LABELS and t.i not in terms
                 and not (t.ent_type_ == "ORG" and is_term(t.text))}
        if not named <= subjects or any(APOSTROPHE_NAME_RE.fullmatch(t.text) and t.i not in terms for t in tokens):
            continue  # "LinkSys WRT54g router", "Google's servers", "Netfilter Workshop", "O'Reilly": names, not topics
        rescued = bool(named)  # a candidate only as the title's subject
        ordinary_words = False
        if {head.lemma_.lower(), head.lower_} & (PEOPLE_HEADS | ENDPOINT_HEADS) and head.i not in terms \
                and not _kind_of_system(tokens):
            continue  # "TCP designer", "data-center application", "NUMA system": who or which machine, not what
        if any(t.lower_ in NAME_WORDS or t.lemma_.lower() in NAME_WORDS or t.lower_.endswith(("-related", "-oriented"))
               or (t.lower_ in ("related", "oriented") and t.i > 0 and doc[t.i - 1].text == "-") for t in tokens):
            continue
        phrase = "".join([_form(t) + t.whitespace_ for t in tokens[:-1]]
                         + [_head_form(head, terms.get(head.i) == 1, english, written)])
        lead = tokens[0].i
        while lead > 0 and doc[lead - 1].text == "_" and not doc[lead - 1].whitespace_:
            lead -= 1  # "__GFP_FS": the tokenizer splits its underscores off as punctuation
        if not (head.i + 1 < len(doc) and doc[head.i + 1].text == "_" and not head.whitespace_):
            phrase = "_" * (tokens[0].i - lead) + phrase  # not the knowbase's emphasis, "_PID_"
        if len(head) > 1 and phrase.endswith(".") and "." not in head.text[:-1]:
            phrase = phrase[:-1]  # "direct I/O." at a sentence's end, the full stop taken into the word (however
            # the parser ends the sentence; "A.K.A." and "..." are no such word)
        begin = tokens[0].i
        if len(phrase.split()) > MAX_WORDS:
            first = _first_kept(tokens, len(phrase.split()) - MAX_WORDS)
            if any(start < first.i < end for start, end in term_spans):
                continue  # "wireless extension handler functions" would keep a piece of "wireless extensions"
            words = phrase.split()[-MAX_WORDS:]  # "TCP congestion avoidance module": the last three
            while len(words) > 1 and first.whitespace_ and first.pos_ in ("ADP", "DET", "PART", "CCONJ", "SCONJ"):
                words.pop(0)  # "(a sort) of swap device", "(moral if) not legal obligation"
                first = doc[first.i + 1]
            phrase = " ".join(words)
            begin = first.i
        if english and not any(t.i in terms for t in tokens) \
                and all(_ordinary(t, english, domain) for t in tokens if not (_joins_place(t) or t.is_stop)) \
                and not (" " in phrase and phrase.lower() in titled):
            if any(t.text in subjects for t in tokens):
                rescued = True  # "Rust": the title's subject, though "rust" is an ordinary word
            elif ordinary is None:
                continue  # "test run", "audience member", "user-space daemon": ordinary words (unless the title says it)
            else:
                ordinary_words = True  # "page cache", "huge page": the corpus decides (see keywords.ranking)
        if len(tokens) == 1 and tokens[0].i not in terms and _common(tokens[0], common, domain):
            continue  # "CPU", "API", "filesystem": a word most articles use tags none of them
        if _resource_measure(tokens, terms, english, common, domain):
            continue  # "CPU time", "valuable CPU time", "CPU utilization": how much was used, not what
        if phrase.lower().replace(" ", "").replace("-", "") in PLACES:
            continue  # "user space", "kernel space": where a program runs, not what an article is about
        if phrase.lower() in stopphrases or all(t.is_stop for t in tokens) or names_meeting(phrase) \
                or report and len(tokens) > 1 and tokens[-1].lemma_.lower() in MEETING_PARTS:
            continue  # "LSFMM", "the ARM minisummit", its "filesystem-only session": the article's event
        if _names_company(phrase, {t.text for t in tokens if t.i in terms}, organisations):
            continue  # "SUSE", "Red Hat", "NVIDIA GPUs": the model takes such names for acronyms of things
        rest = [t for t in tokens if t.i not in terms]
        if len(rest) < len(tokens) and all(
                t.lower_ in FOLDED or t.lower_ in VAGUE_MODIFIERS or t.is_stop or t.is_punct
                or t.lemma_.lower() in FOLDED for t in rest):
            continue  # "the TOE adapter support", "CAKE qdisc": the subsystem itself, counted by its mentions
        if tokens[-1].i not in terms and (tokens[-1].lower_ in verb_only or (
                len(tokens) > 1 and tokens[-2].pos_ in ("NOUN", "PROPN") and tokens[-1].lower_.endswith("s")
                and phrase.rsplit(" ", 1)[-1].lower() in verb_only)):
            continue  # "TCP packet introduce", "OS platform behaves": a verb the parser took for a noun
        if ordinary_words:
            ordinary.append(phrase)
            continue
        found.append((phrase, any(t.i in terms for t in tokens), aside(head), rescued, (begin, head.i + 1)))
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
