"""What one sentence says a person does: the verb, role or possession that governs them, the kind of link it
makes and the span of the sentence it reaches (``verb_kind``, ``actor_links``), and the cues the discourse reads
off a sentence (a talk, a piece of work introduced, a sentence continuing one).

Pure functions of spaCy tokens and spans; nothing here keeps state across sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.relations.vocabulary import (
    ANSWER_VERBS, ARGUMENT_PREPOSITIONS, ARTIFACT_NOUNS, ATTACK_NOUNS, AUTHOR_VERBS, AVOID_VERBS, BREAK_VERBS,
    CHANGE_RESULTS, CHANGE_VERBS, CHARACTERISE_VERBS, CLAUSE_DEPS, CODE_NOUNS, CODE_PATCH_NOUNS, CONTRIBUTION_NOUNS,
    FRAMING_PREPOSITIONS, GIVE_VERBS, HANDLED_NOUNS, INFORMATION_NOUNS, INSTRUMENT_VERBS, LEARN_VERBS,
    MAINTAIN_VERBS, MAKE_VERBS, MERGE_VERBS, NAME_TAILS, NOT_TOPICS, OTHER_SENSES, PARTICIPLE_PREPOSITIONS,
    PART_WORDS, PATCH_NOUNS, PERSON_NOUNS, PHASE_VERBS, PHRASAL_KINDS, PLURAL_POSSESSIVES, PLURAL_PRONOUNS,
    POSSESSIVE_PRONOUNS, POSTED_CODE_NOUNS, PRESENT_VERBS, PROBLEM_NOUNS, PRONOUNS, PROPOSAL_MARKERS, PROPOSE_VERBS,
    QUANTITY_NOUNS, RAISE_VERBS, REMOVAL_VERBS, ROLE_NOUNS, SAY_VERBS, SIGNOFF_NOUNS, SPEAKER_VERBS, STATUS_NOUNS,
    SUBJECT_DEPS, SUBJECT_NOUNS, SUMMARY_VERBS, TALK_NOUNS, VIEW_NOUNS, WORK_VERBS,
)
from pipeline.terms import is_term

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


def first_conjunct(token: Token) -> Token:
    """The first of "A, B and C": the member that carries the list's role in the sentence."""
    for _ in range(20):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def artifact_kind(token: Token) -> str | None:
    """The kind of work a noun is ("patch set", "talk", "implementation"), or None."""
    lemma = lemma_of(token)
    if lemma in ("set", "series") and any(lemma_of(c) == "patch" for c in token.children if c.dep_ == "compound"):
        return "proposed"
    if _misparsed_patch_set(token):
        return "proposed"
    if lemma in STATUS_NOUNS and any(c.dep_ == "prep" and c.lower_ in ("on", "about") for c in token.children):
        return "presented"  # "provided an update on the status of NFS": a report, where "an update to" is a change
    return ARTIFACT_NOUNS.get(lemma_of(work_noun(token)))


def settled_kind(token: Token) -> str | None:
    """A piece of work's kind, where patches that were merged or applied are work done, no longer a proposal
    ("X's bulk dequeue patches have been merged for 3.18")."""
    kind = artifact_kind(token)
    if kind == "proposed" and token.dep_ == "nsubjpass" and lemma_of(token.head) in MERGE_VERBS:
        return "works_on"
    return kind


def work_noun(token: Token) -> Token:
    """The noun that says what a piece of work is: "patches" in "a couple of patches", else the noun itself."""
    if lemma_of(token) in QUANTITY_NOUNS:
        return next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" and ARTIFACT_NOUNS.get(lemma_of(o))), token)
    return token


def _misparsed_patch_set(token: Token) -> bool:
    """"the BIG TCP patch set from X": the parser often reads "set" as a verb whose subject is "patch"."""
    return lemma_of(token) in ("set", "series") and token.dep_ == "acl" and lemma_of(token.head) == "patch"


def verb_kind(verb: Token) -> str | None:
    """The kind of link a verb (with its particles and objects) makes for its subject; None for saying."""
    lemma = lemma_of(verb)
    children = list(verb.children)
    if any(c.dep_ == "prt" and (lemma, c.lower_) in OTHER_SENSES for c in children):
        return None  # "showed up at a netfilter conference", "gave up on the driver"
    objects = [c for c in children if c.dep_ in ("dobj", "attr")] + [
        g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    object_kinds = [artifact_kind(o) for o in objects]
    if "presented" in object_kinds and lemma not in SAY_VERBS:
        return "presented"  # "gave a talk on", "followed with a talk on", "ran a session on"
    if lemma in SAY_VERBS and says(verb):
        return None  # "X explained that BPF disables preemption", "He added that GCC uses it": a remark
    if lemma in GIVE_VERBS and any(c.dep_ == "dobj" and lemma_of(c) in VIEW_NOUNS for c in children):
        return None  # "gave an example of an NFS server in a VM", "offered a comment on XDP": a remark
    if lemma in CHARACTERISE_VERBS and (any(c.dep_ == "npadvmod" and lemma_of(c) == "way" for c in children) or (
            any(c.dep_ == "prep" and c.lower_ == "as" for c in children)
            and any(c.dep_ == "dobj" and c.pos_ == "PRON" for c in children))):
        return None  # "described it as a march towards a BPF microkernel", "described the situation this way: ..."
    if lemma in PROPOSE_VERBS and any(c.dep_ == "xcomp" and lemma_of(c) in LEARN_VERBS for c in children):
        return None  # "wanted to know about conditional inlining", "would like to understand": a question
    if _answers_with_work(verb):
        return "proposed"  # "responded with a patch for a virtio random number generator"
    if lemma == "come" and any(c.dep_ == "prt" and c.lower_ == "up" for c in children):
        devised = [o for c in children if c.dep_ == "prep" and c.lower_ == "with"
                   for o in c.children if o.dep_ == "pobj"]
        if devised and not any(lemma_of(o) in PROBLEM_NOUNS | VIEW_NOUNS for o in devised):
            return "proposed"  # "came up with a different approach", not "came up with some problems"
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in children):
        return None  # to call for or on is to ask; to call out, or call something good, is to name or judge
    if lemma in ("post", "send", "submit") or (lemma in PROPOSE_VERBS and lemma not in SAY_VERBS):
        return "proposed"
    if lemma in ("ask", "argue") and any(c.dep_ == "prep" and c.lower_ == "for" and c.i > verb.i and not any(
            o.dep_ == "pobj" and lemma_of(o) in INFORMATION_NOUNS for o in c.children) for c in children):
        return "proposed"  # "asked for", "argued for" (not "For example, X asked about ...", "asked for details")
    if lemma in SUMMARY_VERBS:
        return None
    if lemma in PHASE_VERBS and (means := next((g for c in children if c.dep_ == "prep" and c.lower_ == "by"
                                                for g in c.children if g.dep_ == "pcomp"), None)) is not None:
        return verb_kind(means)  # "began by describing his plans for BPF": what the talk began with
    if (lemma == "have" or lemma in RAISE_VERBS) and "proposed" in object_kinds:
        return "proposed"  # "had a better idea", "has a patch for it", "returned to the idea of a page pool"
    if lemma == "have":  # "has a driver for", "had code for" (not "had a vision of", "has a hard time with")
        if "works_on" in object_kinds:
            return "works_on"
        if any(c.dep_ == "prep" and any(o.lower_ == "mind" for o in c.children) for c in children):
            return "proposed"  # "has zero-copy operations in mind"
        if any(c.dep_ == "acl" and lemma_of(c) == "work" for o in objects for x in (o, *o.conjuncts) for c in x.children):
            return "works_on"  # "has WiFi working on his device"
        done = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"), None)
        return verb_kind(done) if done is not None else None  # "had an intern implement", "had to make"
    if lemma in MAINTAIN_VERBS:
        return None if says(verb) else "maintains"  # "maintains that the interface is stable": argues
    if lemma == "report" and (any(lemma_of(o) in PROBLEM_NOUNS for o in objects) or any(
            c.dep_ == "ccomp" and lemma_of(c) in BREAK_VERBS for c in children)):
        return None  # "reported a bug in the tg3 driver", "reported that it broke ath9k": who found it
    if lemma == "address" and any(lemma_of(o) in PROBLEM_NOUNS for o in objects):
        return "works_on"  # "is trying to address regulatory issues with a patch set": to address is to fix
    if (phrasal := next((PHRASAL_KINDS[lemma, c.lower_] for c in children if c.dep_ in ("prep", "prt")
                         and (lemma, c.lower_) in PHRASAL_KINDS), None)) is not None:
        if phrasal == "works_on" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
            return None  # "said he would look into netlink": a promise to consider it, not work on it
        return phrasal  # "has been looking into GRO performance", "went over the history of XDP"
    if lemma == "handle" and any(lemma_of(o) in HANDLED_NOUNS for o in objects):
        return "maintains"  # "handles the netfilter patches", "handles the wireless tree"
    if lemma in PRESENT_VERBS:
        return "presented"
    if lemma in WORK_VERBS:
        return "works_on"
    if lemma in MAKE_VERBS:
        # "has done a lot of work improving the network stack", "made changes to the TCP code", "put out an
        # RFC on an API based on netlink" (not "do that work", which points elsewhere)
        made = [kind for obj, kind in zip(objects, object_kinds) if kind and not any(
            c.dep_ == "det" and c.lower_ in ("that", "this", "such") for c in obj.children)]
        return "works_on" if "works_on" in made else "proposed" if "proposed" in made else None
    if lemma == "be":
        for obj in objects:
            kind = ROLE_NOUNS.get(lemma_of(obj))
            if kind:
                return kind
        if any(c.dep_ == "acomp" and c.lower_ in ("busy", "active") for c in children):
            return "works_on"  # "has been busy with wireless networking", "active all over the networking layer"
        if (responsible := next((c for c in children if c.dep_ == "acomp" and c.lower_ == "responsible"), None)):
            done = next((g for p in responsible.children if p.dep_ == "prep" and p.lower_ == "for"
                         for g in p.children if g.dep_ == "pcomp"), None)  # "responsible for writing X": the writing
            return verb_kind(done) if done is not None else "maintains"  # "is responsible for the bridge code"
        return None
    return None


def says(verb: Token) -> bool:
    """A verb of saying used to say something: with a clause and no object ("explained that ...", "added
    that ...", not "added the ath10k driver, while ...") or as the aside "As X explained, ..."."""
    children = list(verb.children)
    clause = any(c.dep_ == "ccomp" and (c.i < verb.i or any(m.dep_ == "mark" for m in c.children)) for c in children)
    return (clause and not any(c.dep_ == "dobj" for c in children)) or (
        verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))


def _without_relative_clauses(token: Token) -> set[int]:
    """A subtree minus the relative clauses inside it ("the API, which makes wireless extensions obsolete")."""
    tokens = {t.i for t in token.subtree}
    for t in token.subtree:
        if t.dep_ == "relcl" and t.i != token.i and not _says_what_it_does(t):
            tokens -= {u.i for u in t.subtree}
    return tokens


def _says_what_it_does(clause: Token) -> bool:
    """A relative clause that says what a patch does: "a patch that adds XDP support to the driver" is a patch
    for XDP, where "the API, which makes wireless extensions obsolete" is not wireless-extensions work."""
    return lemma_of(clause.head) in CODE_PATCH_NOUNS and lemma_of(clause) in CHANGE_VERBS and any(
        c.dep_ in SUBJECT_DEPS and c.lower_ in ("that", "which") for c in clause.children)


def _has_own_subject(clause: Token, actors: set[int]) -> bool:
    """A clause whose subject is a person, a pronoun, or a list naming a person ("the unicore32 architecture
    and Edward Cree did ...", as the parser may read "X removed A and Y did B")."""
    return any(c.dep_ in SUBJECT_DEPS and (c.i in actors or c.lower_ in PRONOUNS | PLURAL_PRONOUNS | {"we", "i"}
                                           or any(j.i in actors for j in c.conjuncts))
               for c in clause.children)


def _verb_scope(verb: Token, actors: set[int]) -> set[int]:
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
        if lemma_of(verb) in PROPOSE_VERBS and child.dep_ in ("xcomp", "ccomp") and _takes_out(child):
            continue  # "X suggested removing the BPF component": not a proposal of BPF
        if child.dep_ == "ccomp" and _has_own_subject(child, actors):
            continue  # "..., while Stephen said nothing about netfilter": another person's claim
        if child.dep_ in ("ccomp", "parataxis") and child.i < verb.i and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            continue  # "The series has no driver; X maintains a repository": a clause of its own before the verb
        if child.dep_ in CLAUSE_DEPS and child.dep_ != "ccomp" and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            continue  # "..., while the BPF session ran late": another clause
        if child.dep_ == "dobj" and lemma_of(child) in ATTACK_NOUNS and lemma_of(verb) not in CHANGE_VERBS:
            continue  # "X wrote an exploit for the RDS flaw": what breaks a thing is no work on it
        if child.dep_ == "conj" and child.i - 1 in actors and getattr(
                _misparsed_subject_of(child.doc[child.i - 1]), "i", None) == child.i:
            continue  # "X removed A and Y did work on B": what Y did
        tokens |= _without_relative_clauses(child)
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        noun = verb.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        tokens |= {t.i for t in noun.subtree} - {t.i for t in verb.subtree}
    # what is done without something, or instead of it, is not done to it: "moved into user space without
    # involving BPF", "as a kfunc rather than as a BPF helper"
    return tokens - {t.i for w in verb.subtree if w.dep_ == "prep" and w.lower_ == "without" for t in w.subtree} \
        - _rejected(tokens, verb.doc)


def _misparsed_subject_of(person: Token) -> Token | None:
    """"X removed A and Y did a lot of work on B": the parser often joins Y to A and "did" to "removed",
    leaving "did" without a subject; Y, right before it, is its subject."""
    after = person.doc[person.i + 1] if person.i + 1 < len(person.doc) else None
    if person.dep_ == "conj" and after is not None and after.pos_ in ("VERB", "AUX") and after.dep_ == "conj" \
            and not any(c.dep_ in SUBJECT_DEPS for c in after.children):
        return after
    return None


def _takes_out(clause: Token) -> bool:
    """"Removing the BPF component", "to drop the XDP support" (not "that ipchains not be removed")."""
    return lemma_of(clause) in REMOVAL_VERBS and not any(c.dep_ == "neg" for c in clause.children)


def _proposal_scope(verb: Token, actors: set[int]) -> set[int]:
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
                tokens |= _without_relative_clauses(child)
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
    return lemma_of(clause) in (WORK_VERBS - {"have"}) | {"use", "support", "adopt", "switch"} \
        and any(c.lower_ in PROPOSAL_MARKERS for c in clause.children if c.dep_ == "aux") \
        and not any(c.dep_ in SUBJECT_DEPS and c.i in actors for c in clause.children)


def _premodifiers(noun: Token) -> set[int]:
    """The words written right before a noun that modify it ("the TSO automatic sizing patch"), even when the
    parser has misread one of them as a verb whose object the noun is."""
    tokens = set()
    i = noun.i - 1
    while i >= noun.sent.start and (noun.doc[i].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or noun.doc[i].tag_ == "VBG"
                                    or (noun.doc[i].text == "-" and not noun.doc[i].whitespace_)):
        tokens.add(i)
        i -= 1
    return tokens


def _noun_scope(noun: Token) -> set[int]:
    """A possessed or "by"-attached noun phrase ("Dumazet's patch for TCP"); with "be", its complement too."""
    tokens = _without_relative_clauses(noun) | _premodifiers(noun)
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
            tokens |= _verb_scope(verb, set())
    return tokens


def _set_off(clause: Token) -> bool:
    """Whether a clause opens its sentence, follows a comma, colon or dash, or is led by a word like "while"."""
    start = clause.left_edge
    return start.i == start.sent.start or start.nbor(-1).text in (",", ":", ";", "-", "--", "—") or any(
        c.dep_ == "mark" for c in clause.children)


def _participles(verb: Token) -> list[Token]:
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
    return [c for c in found if lemma_of(c) not in SAY_VERBS | PROPOSE_VERBS]


def _role_as(token: Token) -> list[tuple[str, set[int]]]:
    """The role a subject acts in: "As netconsole maintainer, X agreed", "X, as the tc maintainer, said"."""
    return [(ROLE_NOUNS[lemma_of(o)], {t.i for t in prep.subtree}) for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "as"
            for o in prep.children if o.dep_ == "pobj" and ROLE_NOUNS.get(lemma_of(o))]


def actor_links(actor: Token, actors: set[int]) -> list[tuple[str, set[int]]]:
    """(kind, scope) of what one person (or a pronoun for them) is said to do in a sentence."""
    found: list[tuple[str, set[int]]] = []
    first = first_conjunct(actor)
    group = [first, *first.conjuncts]
    # Roles: "X, the BPF maintainer", "X, who maintains tc", "networking maintainer X", "X on ethtool".
    for member in group if actor.i in {m.i for m in group} else [actor]:
        for child in member.children:
            if child.dep_ != "appos":
                continue
            role = ROLE_NOUNS.get(lemma_of(child))
            if role:
                found.append((role, {t.i for t in child.subtree}))  # "A and B, the BPF maintainers"
            elif member.i == actor.i and _parenthesised(child) and child.pos_ in ("NOUN", "PROPN") \
                    and not child.ent_type_:
                found.append(("works_on", {t.i for t in child.subtree}))  # "Ivo van Doorn (rt2x00 wireless driver)"
            elif lemma_of(child) == "one":  # "X, one of the developers of L4S"
                found += [(ROLE_NOUNS[lemma_of(o)], {t.i for t in child.subtree}) for p in child.children
                          if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj" and lemma_of(o) in ROLE_NOUNS]
    for member in [actor]:
        for child in member.children:
            role = ROLE_NOUNS.get(lemma_of(child))
            if child.dep_ == "appos":
                continue
            elif child.dep_ in ("compound", "nmod") and role:
                found.append((role, {t.i for t in child.subtree} | _named_before(child)))  # "BPF maintainer Alexei"
            elif child.dep_ == "relcl":
                kind = verb_kind(child)
                owned = next((c for c in child.children if c.dep_ in SUBJECT_DEPS
                              and any(t.lower_ == "whose" for t in c.children)), None)
                if owned is not None and artifact_kind(owned):  # "X, whose bulk dequeue patches were merged"
                    found.append((settled_kind(owned), {t.i for t in owned.subtree} | _premodifiers(owned)))
                elif kind:
                    found.append((kind, _verb_scope(child, actors)))
            elif child.dep_ == "prep" and child.lower_ in ("on", "about") and first.dep_ not in SUBJECT_DEPS \
                    and not any(c.dep_ == "pobj" and lemma_of(c) in NOT_TOPICS for c in child.children):
                found.append(("presented", {t.i for t in child.subtree}))  # "Ben Hutchings on ethtool"
    head = first.head
    if first.dep_ == "appos" and ROLE_NOUNS.get(lemma_of(head)):
        found.append((ROLE_NOUNS[lemma_of(head)], {t.i for t in head.subtree} - {t.i for t in first.subtree}
                      | _its_antecedent(head) | _named_before(head)))
    if first.dep_ in ("compound",) and ROLE_NOUNS.get(lemma_of(head)):
        found.append((ROLE_NOUNS[lemma_of(head)], {t.i for t in head.subtree} | _its_antecedent(head)))
        # "BPF maintainer Alexei", "its maintainer Alexei"
    if (verb := _misparsed_subject_of(actor)) is not None and (kind := verb_kind(verb)):
        found.append((kind, _verb_scope(verb, actors)))
    first = _descriptor(first)
    head = first.head
    if first.dep_ in SUBJECT_DEPS:
        verb = first.head
        found += _role_as(verb) + _role_as(first)
        kind = verb_kind(verb)
        if kind:
            found.append((kind, _verb_scope(verb, actors)))
            if kind == "proposed" and _posts_code(verb):
                found.append(("works_on", _verb_scope(verb, actors)))  # "X posted a CHOKe implementation": code
        elif lemma_of(verb) in SAY_VERBS or lemma_of(verb) == "be":
            scope = _proposal_scope(verb, actors)
            if scope:
                found.append(("proposed", scope))
        elif (done := _credited_work(verb)) is not None:
            found.append(("works_on", _noun_scope(done)))  # "topped the list with cleanups to the iwlwifi driver"
            if lemma_of(done) in CODE_PATCH_NOUNS:
                found.append(("proposed", _noun_scope(done)))  # "surfaced with a new net channels patch": posted
        negated = any(c.dep_ == "neg" for c in verb.children)  # "X should not be asked to remove Y"
        for xcomp in (c for c in verb.children if not negated and (c.dep_ == "xcomp" or (
                c.dep_ == "advcl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)))):
            kind = verb_kind(xcomp)  # "X wants to add Y", "X has been trying to fix Y", "X was there to talk about Y"
            if lemma_of(verb) in PROPOSE_VERBS and _takes_out(xcomp):
                continue  # "X wants to remove the netfilter hooks"
            if kind and not _has_own_subject(xcomp, actors):
                found.append(("proposed" if lemma_of(verb) in PROPOSE_VERBS else kind, _verb_scope(xcomp, actors)))
        for adjunct in _participles(verb):  # "After describing bufferbloat to the world, X traveled to ..."
            kind = verb_kind(adjunct)
            if kind and not _has_own_subject(adjunct, actors):  # "he suggested a way: moving X into Y"
                found.append(("proposed" if lemma_of(verb) in PROPOSE_VERBS else kind, _verb_scope(adjunct, actors)))
    elif first.dep_ == "attr" and lemma_of(head) == "be" and (role := _role_subject(head)) is not None:
        # "the principal author is said to be X", "the maintainer of tc is X": the role's noun and what it is of
        scope = {t.i for t in role.subtree} | _premodifiers(role)
        clause = head.head if head.dep_ == "xcomp" else head
        if clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN"):
            scope |= _without_relative_clauses(clause.head) - {t.i for t in clause.subtree}
        found.append((ROLE_NOUNS[lemma_of(role)], scope - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and (signoff := _signoff(first)) is not None:
        # "the code carries signoffs from a number of people, including X and Y": the code's authors
        found.append(("works_on", {t.i for t in signoff.sent} - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "thanks":
        clause = head.head.head  # "a CoDel patch is available thanks to X and Y"
        found.append(("works_on", {t.i for t in clause.subtree} - {t.i for t in head.head.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "from" and lemma_of(head.head) in ("come", "originate", "arrive"):
        found.append(("works_on", _verb_scope(head.head, actors)))  # "RPS and RFS, both of which came from X"
    elif first.dep_ == "pobj" and head.lower_ == "from" and artifact_kind(_owned_work(head)):
        owner = _owned_work(head)  # "a patch set from Pablo Neira Ayuso that added ..."
        if _misparsed_patch_set(owner):
            owner = owner.head
        found.append((artifact_kind(owner), _noun_scope(owner) - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "by":
        owner = _owned_work(head)  # "patches by X for Y", "the classifier, written by X", "a talk by X"
        kind = artifact_kind(owner) or verb_kind(owner)
        passive = [c for c in owner.children if c.dep_ == "nsubjpass"] if head.dep_ == "agent" else []
        if lemma_of(owner) in MAKE_VERBS:  # "The first nftables release was made by X"
            kind = kind or next((artifact_kind(c) for c in passive if artifact_kind(c)), None)
        as_clause = owner.dep_ == "advcl" and owner.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in owner.children)  # "a KCM socket as proposed by X"
        remark = lemma_of(owner) in SAY_VERBS and not kind  # "connection tracking, pointed out by X" is no work
        if owner.pos_ in ("VERB", "AUX") and (owner.dep_ in ("acl", "relcl") or as_clause) and owner.head.i != owner.i \
                and not remark and lemma_of(owner.head) not in ATTACK_NOUNS:
            # "The alternative, pushed by X, is called SCE": the phrase and what it is said to be; "the session on
            # XDP, run by X": a talk's
            talk = artifact_kind(owner.head) == "presented"
            scope = _noun_scope(owner.head) - {t.i for t in first.subtree}
            found.append((kind or ("presented" if talk else "works_on"), scope))
        elif kind:
            scope = _noun_scope(owner) if owner.pos_ in ("NOUN", "PROPN") else _verb_scope(owner, actors)
            for subject in passive:  # "The BBR patch set was posted by X": what was posted is X's
                scope |= {t.i for t in subject.subtree}
            verb = owner.head.head if owner.dep_ == "pobj" and owner.head.dep_ == "prep" else None
            if verb is not None and verb.pos_ in ("VERB", "AUX") and verb_kind(verb):
                # "that support was implemented in a series of patches by X": the clause is X's work
                scope |= {t.i for t in verb.subtree}
            found.append((kind, scope - {t.i for t in first.subtree}))
    elif first.dep_ == "poss":
        owned = head  # "Tom Herbert's receive packet steering (RPS) patch": climb from "steering" to "patch"
        while not (artifact_kind(owned) or ROLE_NOUNS.get(lemma_of(owned))) and owned.dep_ in ("compound", "amod", "nmod") \
                and owned.head.i != owned.i:
            owned = owned.head
        kind = settled_kind(owned) or ROLE_NOUNS.get(lemma_of(owned))
        if kind:
            scope = _noun_scope(owned)
            if kind == "presented" and owned.dep_ == "nsubj" and lemma_of(owned.head) == "be":
                scope |= {t.i for t in owned.head.subtree}  # "X's talk was about TCP small queues"
            found.append((kind, scope))
        elif head.pos_ in ("NOUN", "PROPN") and lemma_of(head) not in VIEW_NOUNS and lemma_of(owned) not in ATTACK_NOUNS:
            found.append(("works_on", _noun_scope(head)))  # "his e1000 and tg3 cards", "Olsson's numbers"
    return found


def _named_before(role: Token) -> set[int]:
    """The word right before a role noun when it is written as a name of a thing (an acronym or mixed case)
    that the parser read as something else: "eBPF developer X", with "eBPF" taken for a verb."""
    if role.i == role.sent.start:
        return set()
    return {role.i - 1} if is_term(role.doc[role.i - 1].text) else set()


def _its_antecedent(role: Token) -> set[int]:
    """What "its" in "its author, X" stands for: the subject before it in the sentence ("When virtio was
    merged, its author, X, ..."), or the noun a "which" subject stands for."""
    if not any(c.dep_ == "poss" and c.lower_ == "its" for c in role.children):
        return set()
    subject = next((t for t in reversed(role.doc[role.sent.start:role.i]) if t.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in ("which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return set()
    return {t.i for t in subject.subtree}


def _credited_work(verb: Token) -> Token | None:
    """The contributions a standing is owed to, in a verb that says nothing of work itself: "reached the top of
    the list with a long set of changes to the mt76 driver", "came in second with 52 patches to ath9k"."""
    if lemma_of(verb) in SAY_VERBS | ANSWER_VERBS:
        return None
    return next((work_noun(o) for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                 for o in c.children if o.dep_ == "pobj" and lemma_of(work_noun(o)) in CONTRIBUTION_NOUNS), None)


def _parenthesised(phrase: Token) -> bool:
    """Whether a phrase is written in parentheses, as a list of contributors says what each one worked on."""
    start, end = phrase.left_edge.i, phrase.right_edge.i
    doc = phrase.doc
    return start > 0 and doc[start - 1].text == "(" and end + 1 < len(doc) and doc[end + 1].text == ")"


def patch_from(person: Token) -> bool:
    """"A patch set from X", "this series from X": X's patches, as much as "X's patch set" is."""
    prep = person.head
    return person.dep_ == "pobj" and prep.lower_ == "from" and lemma_of(prep.head) in CODE_PATCH_NOUNS


def _posts_code(verb: Token) -> bool:
    """Posting a piece of code, not an idea: "posted an implementation of", "sent a driver for", "responded
    with a patch"."""
    if lemma_of(verb) in ("post", "send", "submit"):
        return any(c.dep_ == "dobj" and artifact_kind(c) == "works_on" and lemma_of(c) in POSTED_CODE_NOUNS
                   for c in verb.children)
    return any(lemma_of(o) in CODE_PATCH_NOUNS | POSTED_CODE_NOUNS for o in _answers_with_work(verb))


def _answers_with_work(verb: Token) -> list[Token]:
    """The pieces of work a reply consists of: "responded with a patch", "came back with a new series"."""
    if lemma_of(verb) not in ANSWER_VERBS or (lemma_of(verb) == "come" and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)):
        return []
    return [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
            if o.dep_ == "pobj" and artifact_kind(o) in ("proposed", "works_on")]


def _role_subject(be: Token) -> Token | None:
    """The role noun a copula says someone is: "the author is X", "the author is said to be X"."""
    verb = be.head if be.dep_ == "xcomp" else be
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and ROLE_NOUNS.get(lemma_of(c))), None)


def _signoff(person: Token) -> Token | None:
    """The "signoffs" a person is named among ("signoffs from A and B", "sign-offs from several people,
    including A"): the kernel's record of who wrote a patch."""
    for token in person.ancestors:
        if _is_signoff(token):
            return token
        if token.lower_ == "from" and token.head.pos_ == "VERB":  # "carries signoffs from X": from attached to the verb
            return next((c for c in token.head.children if c.dep_ == "dobj" and _is_signoff(c)), None)
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "prep":
            return None
    return None


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


def _is_signoff(token: Token) -> bool:
    return lemma_of(token).replace("-", "") in SIGNOFF_NOUNS or (
        token.lower_ in ("off", "offs") and any(lemma_of(c) == "sign" for c in token.children if c.dep_ == "compound"))


def is_pronoun_actor(token: Token) -> bool:
    lower = token.lower_
    return (lower in PRONOUNS | PLURAL_PRONOUNS and token.dep_ in SUBJECT_DEPS) or (
        lower in POSSESSIVE_PRONOUNS | PLURAL_POSSESSIVES and token.dep_ == "poss")


def _sentence_subject(sent: Span) -> Token | None:
    root = sent.root
    return next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)


def about_artifact(sent: Span, noun: str) -> bool:
    """Whether a sentence is about the piece of work introduced before: its subject is that noun with "the",
    or a piece of work with "this" or "these" stands in it ("These patches concentrate on ...", "With these
    patches applied, the kernel can ...")."""
    subject = _sentence_subject(sent)
    if subject is not None and artifact_kind(subject) and (
            lemma_of(subject) == noun or {lemma_of(subject), noun} <= CODE_PATCH_NOUNS) and any(
            c.lower_ == "the" for c in subject.children if c.dep_ == "det"):
        return True  # "X posted a patch ... The patch series will disable ...": one piece of work, in other words
    if any(artifact_kind(t) and any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in t.children)
           and (lemma_of(t) == noun or {lemma_of(work_noun(t)), noun} <= CODE_NOUNS) for t in sent):
        return True  # "these changes" after "his patches", not after "some ideas"
    # "So there is a new netdev_queue structure": what a patch set brings (not a module or a driver: "there
    # are new hooks for AppArmor" after "his SMACK module" is not his)
    return noun in PATCH_NOUNS and lemma_of(sent.root) == "be" and any(c.dep_ == "expl" for c in sent.root.children) and any(
        c.dep_ == "attr" and any(m.lower_ == "new" for m in c.children if m.dep_ == "amod") for c in sent.root.children)


def names_a_subsystem(noun: Token, subsystems: list[Span], broad: frozenset[str]) -> bool:
    """Whether a piece of work is written with a subsystem: in its noun phrase, or in the clause that has it as
    object ("X posted a patch to TCP", "who authored some of the BPF code")."""
    region = {t.i for t in noun.subtree} | _premodifiers(noun)
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
        region |= {t.i for t in noun.head.subtree}
    return any(sub.label_ not in broad and any(t.i in region for t in sub) for sub in subsystems)


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


def leads_talk(verb: Token) -> bool:
    """"X led the discussion", "X gave a talk": a verb whose object is a talk or a session."""
    return any(c.dep_ == "dobj" and artifact_kind(c) == "presented" for c in verb.children)


def presents(verb: Token) -> bool:
    """A verb of presenting, or one that leads to it: "X talked about", "X was there to talk about"."""
    return lemma_of(verb) in PRESENT_VERBS or any(
        c.dep_ in ("xcomp", "advcl") and lemma_of(c) in PRESENT_VERBS for c in verb.children)


def _descriptor(first: Token) -> Token:
    """A person named in apposition to a descriptive noun stands in its place: "pushed by longtime bufferbloat
    fighters X and Y" is "pushed by X and Y" (a role noun, "the maintainer X", is a role instead)."""
    head = first.head
    if first.dep_ == "appos" and head.pos_ == "NOUN" and not ROLE_NOUNS.get(lemma_of(head)) \
            and head.dep_ in ("pobj", *SUBJECT_DEPS):
        return head
    return first


def _owned_work(preposition: Token) -> Token:
    """What "from X" or "by X" says is X's: the word it hangs on, or the piece of work whose topic that word is
    ("a talk on MPTCP from X", "an update on Samba by X": the parser hangs the phrase on the nearer noun)."""
    noun = preposition.head
    if noun.pos_ in ("NOUN", "PROPN") and not artifact_kind(noun) and noun.dep_ == "pobj" \
            and noun.head.lower_ in ("on", "about", "for") and artifact_kind(noun.head.head):
        return noun.head.head
    return noun


def introduced_artifact(token: Token) -> tuple[str, Token] | None:
    """(kind, noun) of a piece of work a person is said to own or post in this sentence, if any."""
    first = _descriptor(first_conjunct(token))
    head = first.head
    candidates = []
    if first.dep_ == "poss":
        candidates = [head]
    elif first.dep_ == "pobj" and head.lower_ == "from" and artifact_kind(_owned_work(head)):
        candidates = [_owned_work(head)]  # "a patch set from Pablo Neira Ayuso"
    elif first.dep_ == "pobj" and head.lower_ == "by":
        owner = _owned_work(head)
        if owner.pos_ in ("VERB",) and owner.dep_ in ("acl", "relcl"):
            owner = owner.head
        elif owner.pos_ == "VERB" and lemma_of(owner) in MAKE_VERBS | AUTHOR_VERBS:  # "This work was done by X"
            candidates = [c for c in owner.children if c.dep_ == "nsubjpass"]
        candidates += [owner]
    elif first.dep_ in SUBJECT_DEPS:
        candidates = [c for c in head.children if c.dep_ in ("dobj", "attr")] + _answers_with_work(head)
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
    verifier was extended") is history, and the future is a plan."""
    root = sent.root
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.tag_ == "VBD" or any(c.tag_ in ("VBD", "MD") for c in auxes):
        return False
    if any(t.lower_ in PRONOUNS | PLURAL_PRONOUNS and t.dep_ in SUBJECT_DEPS for t in sent):
        return False  # "..., he said, the TCP accept code has been reworked": someone's account
    if lemma_of(root) in CHANGE_RESULTS:
        return any(c.dep_ == "dobj" for c in root.children)
    return lemma_of(root) in WORK_VERBS | MAKE_VERBS and any(c.dep_ == "auxpass" for c in root.children)


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
