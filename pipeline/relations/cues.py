"""The cues the discourse reads off a sentence: a talk or a piece of work introduced, a sentence continuing
it, a person quoted or only named as a paper's author, a subsystem used as an instrument, an argument, a
topic.

Pure functions of spaCy tokens and spans; nothing here keeps state across sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.relations.kinds import (
    answers_with_work, artifact_kind, descriptor, first_conjunct, lemma_of, owned_work, possessed, work_noun,
)
from pipeline.relations.scope import premodifiers
from pipeline.relations.vocabulary import (
    ARGUMENT_PREPOSITIONS, AUTHOR_VERBS, BACK_NOUNS, CHANGE_RESULTS, CODE_NOUNS, CODE_PATCH_NOUNS, DEMONSTRATIVES,
    FIRST_PERSON, FIRST_POSSESSIVE, INSTRUMENT_VERBS, MAKE_VERBS, NAME_TAILS, PATCH_NOUNS, PERSON_NOUNS,
    PLURAL_POSSESSIVES, PLURAL_PRONOUNS, POSSESSIVE_PRONOUNS, PRESENT_VERBS, PRONOUNS, PROPOSE_VERBS, REMEDY_VERBS,
    ROLE_NOUNS, SAY_VERBS, SPEAKER_VERBS, SUBJECT_DEPS, TALK_NOUNS, WISH_VERBS, WORK_VERBS,
)

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Span, Token


def coordinated_into(span: Span, people: list[tuple[Span, str]]) -> Span | None:
    """The name the parser hangs a coordinated name on: in "Chuck Lever and Hannes Reinecke talked", the model
    often makes the first name a modifier of the second (nmod, with the "and" under it); both have its role."""
    root = span.root
    if root.dep_ not in ("nmod", "compound") or not any(c.dep_ == "cc" for c in root.children):
        return None
    return next((other for other, _ in people if other.start <= root.head.i < other.end and other != span), None)


def is_instrument(sub: Span) -> bool:
    """A subsystem the clause uses rather than changes: "the patch uses the netlink mechanism to broadcast events",
    "an API based on netlink sockets", "relies on BPF"."""
    child = sub.root
    for anc in sub.root.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            if lemma_of(anc) not in INSTRUMENT_VERBS or not (
                    child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ == "on")):
                return False
            if anc.dep_ == "acl" and lemma_of(anc) != "base":
                return False  # "benchmarks using pktgen", "a block device using RDMA": what they are about
            if any(lemma_of(a) in PRESENT_VERBS - {"compare"} for a in anc.ancestors):
                return False  # "explained how the drivers use the page pool": what is explained
            # a thing uses it ("the patch uses", "a framework based on"); a person who uses it, or wants to
            # ("suggested using BPF", "he would like to use BTF"), may be proposing it
            user = anc.head if anc.dep_ in ("acl", "relcl") else next(
                (c for c in anc.children if c.dep_ in SUBJECT_DEPS), None)
            return user is not None and user.pos_ == "NOUN"
        child = anc
    return False


# What a tool is run for: "a netperf run", "the iperf numbers".
RUN_NOUNS = frozenset({"run", "benchmark", "measurement", "number", "result", "test"})


def used_as_tool(sub: Span) -> bool:
    """A tool used to do something else, which is no work on it: "debugged the problem using bpftrace",
    "measured the latency with netperf", "numbers for a netperf run"; unless the use is what someone proposes
    ("agreed to compare benchmarks using pktgen", "suggested measuring it with netperf")."""
    root = sub.root
    head = root.head
    if any(lemma_of(a) in PROPOSE_VERBS | {"agree"} for a in root.ancestors):
        return False
    if root.dep_ in ("compound", "nmod", "amod") and lemma_of(head) in RUN_NOUNS:
        return True
    if root.dep_ == "dobj" and lemma_of(head) == "use" and head.dep_ in ("advcl", "xcomp", "acl", "pcomp"):
        return True
    if root.dep_ == "pobj" and head.lower_ in ("with", "via") and head.head.pos_ == "VERB":
        return any(c.dep_ == "dobj" and c.i != root.i for c in head.head.children)
    return False


def kind_of_product(sub: Span) -> bool:
    """A name that says what kind of thing a named product is ("Cavium Liquidio Ethernet adapters", "the Chelsio
    FCoE offload driver"): the modifier of a noun that a brand or a model name also modifies, before it. Of a
    broad subsystem, the product is what someone worked on, not the subsystem."""
    last = sub[-1]
    if last.dep_ not in ("compound", "amod", "nmod") or last.head.i < sub.end:
        return False
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in ("linux", "kernel")
               and t.dep_ in ("compound", "nmod", "amod") and t.i < sub.start for t in last.head.subtree)


def according_to(token: Token) -> bool:
    """"According to X, ...": what the sentence says is X's account."""
    first = first_conjunct(token)
    return first.dep_ == "pobj" and first.head.lower_ == "to" and first.head.head.lower_ == "according"


def authors_paper(token: Token) -> bool:
    """"A paper from X", "X's paper", "a paper by X": X wrote a paper the article reports."""
    first = first_conjunct(token)
    owner = first.head.head if first.dep_ == "pobj" and first.head.lower_ in ("from", "by") else (
        first.head if first.dep_ == "poss" else None)
    return owner is not None and lemma_of(owner) in ("paper", "slide", "presentation")


def speaks(token: Token) -> bool:
    """Whether a person is quoted: "X said ...", "according to X, ..."."""
    first = first_conjunct(token)
    return (first.dep_ in SUBJECT_DEPS and lemma_of(first.head) in SPEAKER_VERBS) or according_to(token)


def is_pronoun_actor(token: Token) -> bool:
    lower = token.lower_
    return (lower in PRONOUNS | PLURAL_PRONOUNS and token.dep_ in SUBJECT_DEPS) or (
        lower in POSSESSIVE_PRONOUNS | PLURAL_POSSESSIVES and token.dep_ == "poss")


def is_first_person_actor(token: Token) -> bool:
    """"I" as a clause's subject (alone or with others: "Starovoitov and I decided") or "my" as an owner, in the
    writer's own words: not inside a quotation."""
    return ((token.text in FIRST_PERSON and first_conjunct(token).dep_ in SUBJECT_DEPS)
            or (token.lower_ in FIRST_POSSESSIVE and token.dep_ == "poss")) and not quoted(token.doc[token.i:token.i + 1])


def _sentence_subject(sent: Span) -> Token | None:
    root = sent.root
    return next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)


def about_artifact(sent: Span, noun: str) -> bool:
    """Whether a sentence is about the piece of work introduced before: its subject is that noun with "the"
    (or a thing "of" it: "The goal of the patch set was to add ..."), or a piece of work with "this" or "these"
    stands in it ("These patches concentrate on ...", "With these patches applied, the kernel can ...")."""
    subject = _sentence_subject(sent)
    if subject is not None and not artifact_kind(subject):  # "The goal of the patch set was to add ..."
        subject = next((o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj" and artifact_kind(o)), subject)
    if subject is not None and artifact_kind(subject) and (
            lemma_of(subject) == noun or {lemma_of(subject), noun} <= CODE_PATCH_NOUNS) and any(
            c.lower_ == "the" for c in subject.children if c.dep_ == "det"):
        return True  # "X posted a patch ... The patch series will disable ...": one piece of work, in other words
    # "these changes" after "his patches" (not after "some ideas"); "That patch was posted ..." as the subject
    # only ("make that operation work", misparsed, is no piece of work)
    if any(artifact_kind(t) and any(c.dep_ == "det" and (c.lower_ in ("this", "these") or (
            c.lower_ in DEMONSTRATIVES and t.dep_ in SUBJECT_DEPS)) for c in t.children)
           and (lemma_of(t) == noun or {lemma_of(work_noun(t)), noun} <= CODE_NOUNS) for t in sent):
        return True
    # "So there is a new netdev_queue structure": what a patch set brings (not a module or a driver: "there
    # are new hooks for AppArmor" after "his SMACK module" is not his)
    return noun in PATCH_NOUNS and lemma_of(sent.root) == "be" and any(c.dep_ == "expl" for c in sent.root.children) and any(
        c.dep_ == "attr" and any(m.lower_ == "new" for m in c.children if m.dep_ == "amod") for c in sent.root.children)


def stands_for_work(sent: Span) -> bool:
    """A sentence that opens with "it" as its subject: right after a piece of work is introduced or spoken of,
    what that work does ("X posted a patch on May 3. It adds two new socket options ...")."""
    subject = _sentence_subject(sent)
    if subject is None or subject.lower_ != "it" or subject.i != sent.start:
        return False
    root = sent.root  # not the "it" of "It is not possible to offload ...", "It seems like ...": the clause after
    clauses = ("ccomp", "xcomp", "csubj") + (("advcl",) if lemma_of(root) in ("seem", "appear", "look") else ())
    return not (lemma_of(root) in ("be", "seem", "appear", "look", "remain", "become", "turn")
                and any(c.dep_ in clauses and c.i > root.i for c in root.children))


def names_a_subsystem(noun: Token, subsystems: list[Span], broad: frozenset[str]) -> bool:
    """Whether a piece of work is written with a subsystem: in its noun phrase, or in the clause that has it as
    object ("X posted a patch to TCP", "who authored some of the BPF code")."""
    region = {t.i for t in noun.subtree} | premodifiers(noun)
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
        region |= {t.i for t in noun.head.subtree}
    return any(sub.label_ not in broad and any(t.i in region for t in sub) for sub in subsystems)


def remarks(token: Token) -> bool:
    """The subject of a verb of saying, describing or wishing ("He noted ...", "he would like to replace ..."),
    not of doing or proposing ("he posted patches", "he proposed a hook")."""
    return token.dep_ in SUBJECT_DEPS and lemma_of(token.head) in SAY_VERBS | PRESENT_VERBS | WISH_VERBS


def possesses_talk(token: Token) -> bool:
    """"His talk", "her Plumbers keynote", "his frank linux.conf.au 2011 keynote" (however the parser
    attaches the possessive inside the noun phrase)."""
    if lemma_of(token.head) in TALK_NOUNS:
        return True
    for word in token.doc[token.i + 1:token.i + 6]:
        if lemma_of(word) in TALK_NOUNS:
            return True
        if not (word.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or word.like_url):
            return False
    return False


def introduced_artifact(token: Token) -> tuple[str, Token] | None:
    """(kind, noun) of a piece of work a person is said to own or post in this sentence, if any."""
    first = descriptor(first_conjunct(token))
    head = first.head
    candidates = []
    if first.dep_ == "poss":
        candidates = [possessed(head)]  # "Ingo's scheduler economy patch"
    elif first.dep_ == "pobj" and head.lower_ == "from" and artifact_kind(owned_work(head)):
        candidates = [owned_work(head)]  # "a patch set from Pablo Neira Ayuso"
    elif first.dep_ == "pobj" and head.lower_ == "by":
        owner = owned_work(head)
        if owner.pos_ in ("VERB",) and owner.dep_ in ("acl", "relcl"):
            owner = owner.head
        elif owner.pos_ == "VERB" and lemma_of(owner) in MAKE_VERBS | AUTHOR_VERBS:  # "This work was done by X"
            candidates = [c for c in owner.children if c.dep_ == "nsubjpass"]
        candidates += [owner]
    elif first.dep_ in SUBJECT_DEPS:
        candidates = [c for c in head.children if c.dep_ in ("dobj", "attr")] + answers_with_work(head)
    for noun in candidates:
        kind = artifact_kind(noun)
        if kind and kind != "presented":
            return kind, noun
    return None


def object_nouns(verb: Token) -> frozenset[str]:
    """The nouns a verb acts on: its object, or the object of its preposition ("working on the integration")."""
    nouns = {c for c in verb.children if c.dep_ == "dobj"}
    nouns |= {o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"}
    return frozenset(lemma_of(n) for n in nouns if n.pos_ == "NOUN")


def continues_agent(sent: Span, nouns: frozenset[str] = frozenset(), item: bool = False) -> bool:
    """A sentence about what the last person did without naming them: its subject is one of their things
    ("One is the pluggable congestion-control patch", "Another project is ..."), a piece of work, or the
    noun they were said to act on (``nouns``: "X is working on the integration of A. Integration with B is
    at the top of the list"); in an item of a list their sentence leads to (``item``), any piece of work."""
    subject = _sentence_subject(sent)
    if subject is None:
        return False
    words = {lemma_of(subject)} | {c.lower_ for c in subject.children if c.dep_ in ("det", "amod")}
    if words & {"one", "another", "other"} and not _one_of_others(subject):
        return True
    owned = any(c.lower_ in ("this", "these", "his", "her", "their") for c in subject.children
                if c.dep_ in ("det", "poss"))
    if lemma_of(subject) in nouns or (artifact_kind(subject) and (item or owned)):
        return True  # "These patches ...", "His code ..." (not "The tg3 driver ...", a thing of its own)
    attr = next((c for c in sent.root.children if c.dep_ == "attr"), None)
    return attr is not None and bool(({lemma_of(attr)} | {c.lower_ for c in attr.children}) & {"another", "project"})


def _one_of_others(subject: Token) -> bool:
    """"One of the major roadblocks", "another audience member": one of some other things, or a person."""
    if lemma_of(subject) in PERSON_NOUNS:
        return True
    return any(o.dep_ == "pobj" and o.pos_ == "NOUN" and not artifact_kind(o)
               for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)


def is_argument(sub: Span) -> bool:
    """Whether a subsystem is what a clause is about: the subject or object of its verb ("Packet aggregation
    can help", "CoDel drops packets", "will run out of IPv4 addresses"), not a word deeper inside ("happens in
    another software interrupt", "a replacement for socket buffers")."""
    head = sub.root
    while head.dep_ in ("compound", "amod", "nmod", "appos", "conj") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in ARGUMENT_PREPOSITIONS:
        head = head.head  # "will run out of IPv4 addresses", "moved to BPF"
        while head.head.dep_ in ("prep", "prt") and head.head.i != head.i:
            head = head.head
    return head.dep_ in (*SUBJECT_DEPS, "dobj", "attr", "prep", "prt") and head.head.pos_ in ("VERB", "AUX")


def describes_change(sent: Span) -> bool:
    """A sentence that says what a change does to the kernel, in the present, without saying who: a verb of
    work in the passive ("the IPv4 routing code has been extended", "a loopback device is created for each
    namespace") or one of gaining ("the net_device structure gains a net_ns field"). The past ("in 2020, the
    verifier was extended") is history, and so is what has happened since ("Since then, XDP has gained ..."); the
    future is a plan."""
    root = sent.root
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.tag_ == "VBD" or any(c.tag_ in ("VBD", "MD") for c in auxes):
        return False
    if any(c.lower_ == "since" for c in root.children):
        return False
    if any(t.lower_ in PRONOUNS | PLURAL_PRONOUNS and t.dep_ in SUBJECT_DEPS for t in sent):
        return False  # "..., he said, the TCP accept code has been reworked": someone's account
    if lemma_of(root) in CHANGE_RESULTS:
        return any(c.dep_ == "dobj" for c in root.children)
    return lemma_of(root) in WORK_VERBS | MAKE_VERBS and any(c.dep_ == "auxpass" for c in root.children)


def quoted(sub: Span) -> bool:
    """Whether a subsystem is inside a quotation in its sentence: someone else's words ("Rejected: "you can't
    have half a functioning ipv4 stack""). Doubled marks, as Markdown copies of pages write them, count once."""
    before = sub.doc[sub.sent.start:sub.start].text.replace('""', '"')
    return sum(before.count(mark) for mark in '"\u201c\u201d') % 2 == 1


def is_topic(sub: Span) -> bool:
    """Whether a subsystem is what a sentence speaks of, not a word modifying something else ("Ethernet
    frame", "TCP connections") or an example in passing ("techniques like RCU")."""
    root = head = sub.root
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head  # "the RED queue management algorithm": the noun the name modifies
    if head.i >= sub.end and lemma_of(head) not in NAME_TAILS:
        return False
    for anc in root.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in ("like", "with", "including"):
            return False
        if anc.lower_ == "than" and anc.i > 0 and anc.doc[anc.i - 1].lower_ == "rather":
            return False  # "in the context of that thread, rather than in a software interrupt"
    return True


def refers_back(scope: set[int], doc) -> bool:
    """A phrase in what a person does that stands for what an earlier sentence named: "Roland Dreier led a session
    which looked at this issue", "X, who has also been working in this area", "X set out to change that"."""
    return any(doc[i].dep_ == "det" and doc[i].lower_ in DEMONSTRATIVES and doc[i].head.i in scope
               and lemma_of(doc[i].head) in BACK_NOUNS for i in scope) or any(_the_project(doc[i]) for i in scope) \
        or any(_remedied(doc[i]) for i in scope)


def _remedied(token: Token) -> bool:
    """"Jiri Olsa has been working to change that", "X would like to change that situation": a bare "this" or
    "that", or "that situation", which a verb of remedy takes is the state of things the sentence before described
    (not "That situation has changed with the publication of a paper by X", where nobody sets out to change it)."""
    if token.dep_ != "dobj" or lemma_of(token.head) not in REMEDY_VERBS:
        return False
    if lemma_of(token) == "situation":
        return any(c.dep_ == "det" and c.lower_ in ("this", "that") for c in token.children)
    return token.lower_ in ("this", "that") and token.tag_ == "DT"


def _the_project(token: Token) -> bool:
    """"Restarted the project", "the project maintainer": the project the paragraph has named (not "the project
    of a friend", which says which)."""
    if lemma_of(token) != "project":
        return False
    if token.dep_ == "compound":
        return lemma_of(token.head) in ROLE_NOUNS
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in ("compound", "amod", "prep", "relcl") for c in token.children)
