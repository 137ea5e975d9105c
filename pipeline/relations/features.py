"""What a link is about where that is a part or a kind of its subsystem ("BPF static keys", "resilient queued
spinlocks for BPF"): the noun phrase the subsystem's mention qualifies, in the article's words, the name a sentence
gives a piece of work, or the identifier of the subsystem's code it names ("BPF_PROG_TYPE_UBLK"); pure."""

from __future__ import annotations

from collections import Counter

from pipeline.relations.kinds import lemma_of, verb_kind
from pipeline.relations.vocabulary import ARTIFACT_NOUNS, CLASS_NOUNS, CODE_NOUNS, NOT_PART_NOUNS, WHERE_WORDS

# Prepositions by which a subsystem qualifies a noun as a compound does: "static keys for BPF", "spinlocks in BPF".
QUALIFYING_PREPOSITIONS = frozenset({"for", "in", "of", "to", "into", "within", "inside"})
# A kind of a subsystem the article names by a word before it ("unprivileged BPF", "loopback NFS") is a feature
# where the article names it again; said once, the word is mostly a description ("obsolete RDMA", "raw BPF").
KIND_SAID = 2


def _qualified(span):
    """The noun a subsystem's mention qualifies from outside its phrase: the noun of which it is the
    preposition's object ("static keys for BPF") or the possessor ("the verifier's path-pruning algorithm");
    None when it qualifies nothing so."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in QUALIFYING_PREPOSITIONS and root.head.dep_ == "prep" \
            and root.head.head.pos_ in ("NOUN", "PROPN") and root.head.head.i < span.start:
        return root.head.head
    if root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return root.head
    return None


def _restates(phrase, span) -> bool:
    """Whether a phrase holding a subsystem's mention only says what the subsystem is ("the ksmbd filesystem",
    "the wilc1000 staging driver")."""
    rest = [t for t in phrase if not span.start <= t.i < span.end and t.lower_ not in WHERE_WORDS]
    return len(rest) == 1 and rest[0].lemma_.lower() in CLASS_NOUNS


def link_feature(sentence, spans: list, subsystem: str, candidates: list[tuple[int, int, str]], said: Counter) -> str:
    """What a mention of ``subsystem`` in ``sentence`` qualifies, as written: the keyword candidate (``candidates``:
    (start, end, phrase), token ranges of the sentence's doc) that holds the mention and ends in another noun
    ("BPF static keys"), that names a kind of it the article names again ("unprivileged BPF"), or that the
    mention qualifies through a preposition or as its possessor ("resilient queued spinlocks" for BPF, "the
    verifier's path-pruning algorithm"). ``said``: how often the article says each phrase, in lower case. ""
    where the sentence names the subsystem alone, describes it in passing ("obsolete RDMA"), or names what is
    done with it, said of it or found in it ("NFS testing", "the BPF community")."""
    doc = sentence.doc
    for span in spans:
        if span.label_ != subsystem or not sentence.start <= span.start < sentence.end:
            continue
        noun = _qualified(span)
        for start, end, phrase in candidates:
            holds = start <= span.start and span.end <= end and end - start > len(span)
            kind = holds and span.end == end
            head = doc[end - 1]
            qualified = noun is not None and head.i == noun.i and end - start > 1
            if (holds or qualified) and (not kind or said[phrase.lower()] >= KIND_SAID) \
                    and not {head.lower_, head.lemma_.lower()} & NOT_PART_NOUNS \
                    and not (holds and _restates(doc[start:end], span)) \
                    and not any(other.end == end and other.label_ != subsystem for other in spans):
                return " ".join(doc[start:end].text.split())
    return ""


# Verbs by which a text gives something its name: "a new feature called kptrs", "a device (named etun)".
NAMING_VERBS = frozenset({"call", "name", "dub"})


def named_thing(sentence, spans: list, people: list) -> str:
    """The name a sentence gives a thing ("a custom tool called Agni", "a virtual network device (called
    "etun")", "Olsa's new API, called kprobe_multi"): what a person's link is about where the sentence names
    it so; "" where it names nothing so, or names a subsystem or a person."""
    taken = {i for span in [*spans, *people] for i in range(span.start, span.end)}
    for token in sentence:
        if token.dep_ != "acl" or token.tag_ != "VBN" or token.lemma_.lower() not in NAMING_VERBS \
                or token.head.pos_ not in ("NOUN", "PROPN"):
            continue
        for name in (c for c in token.children if c.dep_ == "oprd"):
            words = [t for t in name.subtree if not t.is_punct or t.text in "-_/"]
            if words and len(words) <= 4 and not taken & {t.i for t in words}:
                return sentence.doc[words[0].i:words[-1].i + 1].text.strip("\"'")
    return ""


# Modifiers that make a noun's name with it: "resilient queued spinlock", "BPF iterator".
NAME_DEPS = frozenset({"compound", "amod", "nmod"})
# Nouns a relative clause's work is no thing of a subsystem on: a piece of work, or no part of one.
NOT_WORKED_THINGS = frozenset(ARTIFACT_NOUNS) | CODE_NOUNS | NOT_PART_NOUNS


def worked_thing(sentence, spans: list, people: list) -> str:
    """The thing a relative clause says a person works on ("a resilient queued spinlock that X has been working
    on", "the flow dissector X wrote"): the noun it hangs on with the words that name it; "" where there is none,
    or it is a piece of work ("the patch X posted"), a subsystem, or no part of one ("the problem X found")."""
    for person in people:
        if not sentence.start <= person.start < sentence.end:
            continue
        verb = person.root.head
        if person.root.dep_ != "nsubj" or verb.dep_ != "relcl" or verb_kind(verb) not in ("works_on", "proposed"):
            continue
        noun = verb.head
        if noun.pos_ not in ("NOUN", "PROPN") or lemma_of(noun) in NOT_WORKED_THINGS:
            continue
        start = noun.i
        while start > sentence.start and sentence.doc[start - 1].dep_ in NAME_DEPS \
                and sentence.doc[start - 1].head.i in range(start, noun.i + 1):
            start -= 1
        if start < noun.i and not any(span.start <= noun.i < span.end for span in spans):
            return sentence.doc[start:noun.i + 1].text
    return ""


def code_named(sentence, spans: list, code: list[tuple], subsystem: str, carried: bool = False) -> str:
    """The identifier of ``subsystem`` a link's sentence names ("defining a new type, BPF_PROG_TYPE_PHYS_DEV",
    "introduced bpf_spin_lock()"): the name of the first of ``code`` ((span, name) of identifiers, each span
    labelled with its subsystem) in the sentence; "" where it names none, or, for a link ``carried`` from an
    earlier sentence, where it also names the subsystem in words (the link may be to that mention, the
    identifier an aside)."""
    def here(span) -> bool:
        return span.label_ == subsystem and sentence.start <= span.start < sentence.end

    own = [name for span, name in code if here(span)]
    return "" if not own or carried and any(here(span) for span in spans) else own[0]
