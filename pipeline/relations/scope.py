"""What a person's verb or noun reaches in its sentence (``verb_scope``, ``noun_scope``, ``proposal_scope``):
the tokens a subsystem must fall in to be linked, minus other people's clauses, what is rejected or done
without, and the relative clauses that describe something else.

Pure functions of spaCy tokens; nothing here keeps state across sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.relations.kinds import artifact_kind, lemma_of, only_says
from pipeline.relations.vocabulary import (
    ATTACK_NOUNS, AVOID_VERBS, C_TYPE_KEYWORDS, CHANGE_VERBS, CLAUSE_DEPS, CODE_PATCH_NOUNS, DEBUG_VERBS,
    FRAMING_PREPOSITIONS, MAKE_VERBS, PARTICIPLE_PREPOSITIONS, PART_WORDS, PLURAL_PRONOUNS, PRESENT_VERBS, PRONOUNS,
    PROPOSAL_MARKERS, PROPOSE_VERBS, REMOVAL_VERBS, SAY_VERBS, SUBJECT_DEPS, SUBJECT_NOUNS, TOPIC_VERBS, WORK_VERBS,
)

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Token


def without_relative_clauses(token: Token) -> set[int]:
    """A subtree minus the relative clauses inside it ("the API, which makes wireless extensions obsolete"); not
    a C type the parser took for one ("adds a field to struct net_device", "struct" read as a verb)."""
    tokens = {t.i for t in token.subtree}
    for t in token.subtree:
        if t.dep_ == "relcl" and t.i != token.i and not _says_what_it_does(t) and t.lower_ not in C_TYPE_KEYWORDS:
            tokens -= {u.i for u in t.subtree}
    return tokens


def _says_what_it_does(clause: Token) -> bool:
    """A relative clause that says what a patch does or what a talk is about: "a patch that adds XDP support to
    the driver" is a patch for XDP, "a session which looked at GRO" a session on GRO, "an idea to have BPF
    breakpoints" an idea for BPF, where "the API, which makes wireless extensions obsolete" is not
    wireless-extensions work."""
    if artifact_kind(clause.head) == "proposed" and not any(c.dep_ in SUBJECT_DEPS for c in clause.children) \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return True  # "a patch to eliminate the flag from the drivers", not "changes to work well with vhost"
    if not any(c.dep_ in SUBJECT_DEPS and c.lower_ in ("that", "which") for c in clause.children):
        return False
    if artifact_kind(clause.head) == "presented":
        return lemma_of(clause) in PRESENT_VERBS | TOPIC_VERBS
    if lemma_of(clause.head) in ("work", "effort") and lemma_of(clause) in MAKE_VERBS | {"go", "happen"}:
        return True  # "the work that has been done on nftables", "the effort that went into XDP"
    return lemma_of(clause.head) in CODE_PATCH_NOUNS and lemma_of(clause) in CHANGE_VERBS


def has_own_subject(clause: Token, actors: set[int]) -> bool:
    """A clause whose subject is a person, a pronoun, or a list naming a person ("the unicore32 architecture
    and Edward Cree did ...", as the parser may read "X removed A and Y did B")."""
    return any(c.dep_ in SUBJECT_DEPS and (c.i in actors or c.lower_ in PRONOUNS | PLURAL_PRONOUNS | {"we", "i"}
                                           or any(j.i in actors for j in c.conjuncts))
               for c in clause.children)


def verb_scope(verb: Token, actors: set[int]) -> set[int]:
    """What a verb's subject acts on: everything the verb governs but its subject and the clauses that have
    a subject of their own ("..., while the BPF session ran late"), except what a proposal proposes
    ("X suggested that Open vSwitch could add a classifier"). A relative clause's verb acts on the noun
    phrase it describes ("TCP retransmission on lossy links, which X has been chasing"). A negated verb acts
    on nothing ("X did not work on Y"), nor does what the subject means to avoid ("to avoid trouble for Y"),
    proposes to take out ("X proposed dropping the XDP support") or does without."""
    if any(c.dep_ == "neg" for c in verb.children):
        return set()
    tokens = set()
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS or (child.dep_ in ("xcomp", "advcl") and lemma_of(child) in AVOID_VERBS):
            continue
        if lemma_of(verb) in PROPOSE_VERBS and child.dep_ in ("xcomp", "ccomp") and takes_out(child):
            continue  # "X suggested removing the BPF component": not a proposal of BPF
        if child.dep_ == "ccomp" and has_own_subject(child, actors):
            continue  # "..., while Stephen said nothing about netfilter": another person's claim
        if child.dep_ in ("ccomp", "parataxis") and child.i < verb.i and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            continue  # "The series has no driver; X maintains a repository": a clause of its own before the verb
        if child.dep_ in CLAUSE_DEPS and child.dep_ != "ccomp" and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            continue  # "..., while the BPF session ran late": another clause
        if child.dep_ == "dobj" and lemma_of(child) in ATTACK_NOUNS \
                and lemma_of(verb) not in CHANGE_VERBS | DEBUG_VERBS:
            continue  # "X wrote an exploit for the RDS flaw": what breaks a thing is no work on it
        if child.dep_ == "conj" and child.i - 1 in actors and getattr(
                misparsed_subject_of(child.doc[child.i - 1]), "i", None) == child.i:
            continue  # "X removed A and Y did work on B": what Y did
        tokens |= without_relative_clauses(child)
        if child.dep_ == "dobj" and child.lower_ == "it":
            tokens |= antecedent(child)  # "The patch is small, and X merged it"
    noun = verb.head if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i else _relative_of(verb)
    if noun is not None:
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        tokens |= {t.i for t in noun.subtree} - {t.i for t in verb.subtree}
        if artifact_kind(noun) and noun.dep_ in SUBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
            tokens |= _what_work_does(noun.head)  # "The patch that X posted adds GRO support to tun"
    # what is done without something, or instead of it, is not done to it: "moved into user space without
    # involving BPF", "as a kfunc rather than as a BPF helper"
    return tokens - {t.i for w in verb.subtree if w.dep_ == "prep" and w.lower_ == "without" for t in w.subtree} \
        - _rejected(tokens, verb.doc)


def antecedent(token: Token) -> set[int]:
    """The thing an "it" or "its" at ``token`` stands for: the subject written before it in the sentence ("The
    SCM_RIGHTS feature is not new; it was added by X"), or the noun a "which" subject stands for; nothing when
    that subject is a person or a pronoun."""
    subject = next((t for t in reversed(token.doc[token.sent.start:token.i])
                    if t.dep_ in SUBJECT_DEPS and t.head.i != token.head.i), None)
    if subject is not None and subject.lower_ in ("which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.ent_type_ == "PERSON":
        return set()
    return {t.i for t in subject.subtree}


def _what_work_does(verb: Token) -> set[int]:
    """What a piece of work is said to do or be, as the verb it is the subject of says ("The patch adds GRO
    support", "The change is a rewrite of NAPI"); not what is said of it ("The patch was rejected")."""
    if lemma_of(verb) == "be":
        return {t.i for c in verb.children if c.dep_ in ("attr", "acomp", "xcomp") for t in c.subtree}
    if only_says(verb) or any(c.dep_ == "auxpass" for c in verb.children):
        return set()
    return verb_scope(verb, set())


def _relative_of(verb: Token) -> Token | None:
    """The noun a relative clause the parser left unattached describes: "some shortcomings with SO_RCVLOWAT,
    including spurious wakeups, that X fixed", with "that" read as the verb's object, or as the mark of a clause
    whose verb then lacks one; the nearest noun before."""
    objectless = verb.dep_ == "advcl" and not any(c.dep_ == "dobj" for c in verb.children)
    pronoun = next((c for c in verb.children if (c.dep_ == "dobj" or (c.dep_ == "mark" and objectless))
                    and c.lower_ in ("that", "which") and c.tag_ in ("WDT", "IN") and c.i == verb.left_edge.i), None)
    if pronoun is None:
        return None
    return next((t for t in reversed(verb.doc[verb.sent.start:pronoun.i]) if t.pos_ in ("NOUN", "PROPN")), None)


def misparsed_subject_of(person: Token) -> Token | None:
    """"X removed A and Y did a lot of work on B": the parser often joins Y to A and "did" to "removed",
    leaving "did" without a subject; Y, right before it, is its subject."""
    after = person.doc[person.i + 1] if person.i + 1 < len(person.doc) else None
    if person.dep_ == "conj" and after is not None and after.pos_ in ("VERB", "AUX") and after.dep_ == "conj" \
            and not any(c.dep_ in SUBJECT_DEPS for c in after.children):
        return after
    return None


def takes_out(clause: Token) -> bool:
    """"Removing the BPF component", "to drop the XDP support", "that the best fix would be to remove bpfilter"
    (not "that ipchains not be removed")."""
    if lemma_of(clause) == "be":
        return any(c.dep_ == "xcomp" and takes_out(c) for c in clause.children)
    return lemma_of(clause) in REMOVAL_VERBS and not any(c.dep_ == "neg" for c in clause.children)


def proposal_scope(verb: Token, actors: set[int]) -> set[int]:
    """In "X said that the kernel should add Y", the complement: a verb of doing under "should" or "must"; a
    remark set in the middle of what it says ("The developers, X said, should create Y") says the same."""
    tokens = set()
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and _should_do(child, actors):
            tokens |= {t.i for t in child.subtree}
    clause = verb.head
    if verb.dep_ == "parataxis" and clause.i != verb.i and _should_do(clause, actors):
        tokens.add(clause.i)  # not who is to do it, nor another clause with its own subject
        for child in clause.children:
            if child.i != verb.i and child.dep_ != "nsubj" and not (
                    child.dep_ in CLAUSE_DEPS and any(c.dep_ in SUBJECT_DEPS for c in child.children)):
                tokens |= without_relative_clauses(child)
    return tokens - _rejected(tokens, verb.doc)


def _rejected(tokens: set[int], doc) -> set[int]:
    """What a proposal or a piece of work turns away from: "rather than focusing on iptables", "instead of
    iptables", "as a kfunc rather than as a BPF helper" (where the parser hangs the alternative beside "than"):
    the marker's phrase, up to the next punctuation or verb."""
    rejected = set()
    for i in tokens:
        if i > 0 and (doc[i].lower_, doc[i - 1].lower_) in (("than", "rather"), ("of", "instead")):
            rejected |= {t.i for t in doc[i].subtree}
            j = i + 1
            while j < doc[i].sent.end and not doc[j].is_punct and doc[j].pos_ not in ("VERB", "AUX"):
                rejected.add(j)
                j += 1
    return rejected


def _should_do(clause: Token, actors: set[int]) -> bool:
    """A verb of doing under "should" or "must" whose subject is nobody named ("the kernel should add"); not
    "have" ("anything that supports NFS must have file handles" infers, it does not propose)."""
    return lemma_of(clause) in (WORK_VERBS - {"have"}) | {"use", "support", "adopt", "switch", "provide"} \
        and any(c.lower_ in PROPOSAL_MARKERS for c in clause.children if c.dep_ == "aux") \
        and not any(c.dep_ in SUBJECT_DEPS and c.i in actors for c in clause.children)


def premodifiers(noun: Token) -> set[int]:
    """The words written right before a noun that modify it ("the TSO automatic sizing patch"), even when the
    parser has misread one of them as a verb whose object the noun is."""
    tokens = set()
    i = noun.i - 1
    while i >= noun.sent.start and (noun.doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or noun.doc[i].tag_ == "VBG"
                                    or (noun.doc[i].text == "-" and not noun.doc[i].whitespace_)):
        tokens.add(i)
        i -= 1
    return tokens


def noun_scope(noun: Token) -> set[int]:
    """A possessed or "by"-attached noun phrase ("Dumazet's patch for TCP"); with "be", its complement too."""
    tokens = without_relative_clauses(noun) | premodifiers(noun)
    head = noun.head
    if noun.dep_ == "pobj" and head.i < head.head.i and head.head.pos_ in ("VERB", "AUX") and (
            head.lower_ == "with" or (head.lower_ in FRAMING_PREPOSITIONS and artifact_kind(noun))):
        # "With X's patch, a driver must fill in ...", "In X's patches, the socket returns ...": what follows
        tokens |= {t.i for t in head.head.subtree if t.i > head.i}
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in SUBJECT_DEPS and lemma_of(head.head.head) == "be":
        # "The core of Dumazet's patch set is the implementation of mmap() for TCP sockets"
        tokens |= {t.i for c in head.head.head.children if c.dep_ in ("attr", "acomp") for t in c.subtree}
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "attr" \
            and lemma_of(head.head) in SUBJECT_NOUNS and lemma_of(head.head.head) == "be":
        # "GRO was the subject of Dumazet's talk": what the copula's subject names
        tokens |= {t.i for c in head.head.head.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    subject = noun
    if noun.dep_ == "pobj" and head.lower_ == "of" and lemma_of(head.head) in PART_WORDS:
        subject = head.head  # "Much of X's work involved converting network drivers": what the work did
    if subject.dep_ in SUBJECT_DEPS:
        verb = subject.head
        if lemma_of(verb) == "be":  # "The solution, posted by X, is to allow a BPF program ...": xcomp too
            tokens |= {t.i for c in verb.children if c.dep_ in ("attr", "acomp", "xcomp") for t in c.subtree}
        elif lemma_of(verb) not in SAY_VERBS or artifact_kind(noun):  # a patch that "adds" something says nothing
            tokens |= verb_scope(verb, set())
    return tokens


def _set_off(clause: Token) -> bool:
    """Whether a clause opens its sentence, follows a comma, colon or dash, or is led by a word like "while"."""
    start = clause.left_edge
    return start.i == start.sent.start or start.nbor(-1).text in (",", ":", ";", "-", "--", "—") or any(
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.i == start.i and c.tag_ == "WRB") for c in clause.children)


def participles(verb: Token) -> list[Token]:
    """The participle clauses a verb's subject does, as English reads them: "while working on the tg3 driver,
    X found ...", "after describing bufferbloat, X traveled ...", "having written the e1000 driver, X ...".
    Not a remark's manner ("X disagreed, suggesting that ..."), nor a clause within reported words ("Doing Y
    with Z, X said, will ...")."""
    if lemma_of(verb) in SAY_VERBS:
        return []
    found = [c for c in verb.children if c.dep_ == "advcl" and (c.tag_ == "VBG" or (
        c.tag_ == "VBN" and any(a.lower_ == "having" for a in c.children if a.dep_ == "aux")))
             and _set_off(c)]  # "the week leading up to the summit" describes the week
    found += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTICIPLE_PREPOSITIONS
              for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"]
    return [c for c in found if lemma_of(c) not in PROPOSE_VERBS and not only_says(c)]  # "by adding the rtw89 driver"

