"""What kind of link a word makes: a verb of doing, saying or presenting (``verb_kind``), a piece of work
(``artifact_kind``: a patch set, a talk, an implementation), and the noun a "by" or "from" phrase hangs on.

Pure functions of spaCy tokens; nothing here keeps state across sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.relations.vocabulary import (
    ANSWER_VERBS, ARTIFACT_NOUNS, AUDIENCE_NOUNS, BREAK_VERBS, CHARACTERISE_VERBS, CODE_PATCH_NOUNS, COPULA_VERBS,
    CONTRIBUTION_NOUNS, GIVE_VERBS, HANDLED_NOUNS, IMPROVEMENT_NOUNS, INFORMATION_NOUNS, INFORM_VERBS, LEARN_VERBS,
    MAINTAIN_VERBS, MAKE_VERBS, MERGE_VERBS, OTHER_SENSES, PART_WORDS, PHASE_VERBS, PHRASAL_KINDS,
    POSTED_CODE_NOUNS, PRESENT_VERBS, PROBLEM_NOUNS, PROPOSE_VERBS, QUANTITY_NOUNS, RAISE_VERBS, RELATIVE_OBJECTS,
    ROLE_NOUNS, SAY_VERBS, STATUS_NOUNS, SUBJECT_DEPS, SUMMARY_VERBS, VERB_FORMS, VERSION_NOUNS, VIEW_NOUNS,
    WISH_NOUNS, WORK_VERBS,
)

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Token


def first_conjunct(token: Token) -> Token:
    """The first of "A, B and C": the member that carries the list's role in the sentence."""
    for _ in range(20):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def lemma_of(token: Token) -> str:
    """The token's lemma; a verb form of the vocabulary's verbs is read back to its verb (see ``VERB_FORMS``)."""
    if token.pos_ == "VERB" or token.tag_ in ("VBD", "VBN", "VBG"):
        return VERB_FORMS.get(token.lower_) or token.lemma_.lower()
    return token.lemma_.lower()


def artifact_kind(token: Token) -> str | None:
    """The kind of work a noun is ("patch set", "talk", "implementation"), or None."""
    lemma = lemma_of(token)
    if lemma in ("set", "series") and any(lemma_of(c) == "patch" for c in token.children if c.dep_ == "compound"):
        return "proposed"
    if misparsed_patch_set(token):
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


_WHOLE_OF = QUANTITY_NOUNS | VERSION_NOUNS  # nouns that stand for the piece of work they are of


def work_noun(token: Token) -> Token:
    """The noun that says what a piece of work is: "patches" in "a couple of patches" or "a new version of the
    patches", else the noun itself."""
    if lemma_of(token) in _WHOLE_OF:
        return next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" and ARTIFACT_NOUNS.get(lemma_of(o))), token)
    return token


def quantity_of(token: Token) -> Token:
    """What a quantity is of: "improvements" in "a lot of improvements", "the work" in "much of the work", else
    the noun itself."""
    return (of_object(token) or token) if lemma_of(token) in QUANTITY_NOUNS | PART_WORDS else token


def of_object(token: Token) -> Token | None:
    """The noun a word is "of": "the developers" in "one of the developers"."""
    return next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"), None)


def possessed(head: Token) -> Token:
    """What a possessive owns: "Tom Herbert's receive packet steering (RPS) patch" climbs from "steering" to
    "patch", "Andersen's patch set" to "set", also where the parser read "patch" as a verb whose subject is the
    word before it ("Dumazet's TCP small queues patch looks ...", "queues" the subject)."""
    owned = head
    while not (artifact_kind(owned) or ROLE_NOUNS.get(lemma_of(owned))) and owned.dep_ in ("compound", "amod", "nmod") \
            and owned.head.i != owned.i:
        owned = owned.head
    if not artifact_kind(owned) and owned.dep_ == "nsubj" and owned.head.pos_ == "VERB" \
            and lemma_of(owned.head) in CODE_PATCH_NOUNS:
        owned = owned.head
    if owned.dep_ == "compound" and lemma_of(owned) == "patch" and lemma_of(owned.head) in ("set", "series"):
        owned = owned.head  # "Andersen's patch set adds ...", "set" read as a verb: the set is what acts
    return owned


def misparsed_patch_set(token: Token) -> bool:
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
    if verb.dep_ in ("relcl", "acl") and all(c.lower_ in RELATIVE_OBJECTS for c in children if c.dep_ == "dobj") \
            and any(c.dep_ in SUBJECT_DEPS and c.tag_ not in ("WDT", "WP") for c in children):
        # "the last idea (that) X introduced": what X introduced is the idea the clause hangs on
        objects = [o for o in objects if o.lower_ not in RELATIVE_OBJECTS] + [verb.head]
    object_kinds = [artifact_kind(o) for o in objects]
    if ("presented" in object_kinds and lemma not in SAY_VERBS) or informs(verb):
        return "presented"  # "gave a talk on", "ran a session on", "updated the audience on"
    if lemma in SAY_VERBS and says(verb):
        return None  # "X explained that BPF disables preemption", "He added that GCC uses it": a remark
    if lemma in GIVE_VERBS and any(c.dep_ == "dobj" and lemma_of(c) in VIEW_NOUNS for c in children):
        return None  # "gave an example of an NFS server in a VM", "offered a comment on XDP": a remark
    if lemma in CHARACTERISE_VERBS and (any(c.dep_ == "npadvmod" and lemma_of(c) == "way" for c in children) or (
            any(c.dep_ == "prep" and c.lower_ == "as" for c in children) and any(c.dep_ == "dobj" for c in children))):
        # "described it as a march towards a BPF microkernel", "described Zinc as a layering violation",
        # "described the situation this way: ...": a judgement, no talk
        return None
    if lemma in PROPOSE_VERBS and any(c.dep_ == "xcomp" and lemma_of(c) in LEARN_VERBS for c in children):
        return None  # "wanted to know about conditional inlining", "would like to understand": a question
    if answers_with_work(verb):
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
    if lemma == "bring" and any(c.dep_ == "prt" and c.lower_ == "up" and c.i == verb.i + 1 for c in children):
        # "brought up the idea of", "brought up the fact that" (not "brought the driver up to date")
        return "proposed" if "proposed" in object_kinds else "presented"
    if lemma == "move" and any(c.dep_ == "prt" and c.lower_ == "on" for c in children):
        # a talk "moved on to addressing the verifier"; "moved on to work on XDP" is what the "to" clause does
        return None if any(c.dep_ in ("xcomp", "advcl") for c in children) else "presented"
    if lemma == "go" and any(c.dep_ == "prep" and c.lower_ == "into" and any(
            lemma_of(o) in ("detail", "depth") for o in c.children) for c in children):
        return "presented"  # "went into some detail of what was done for pNFS"
    if (phrasal := next((PHRASAL_KINDS[lemma, c.lower_] for c in children if c.dep_ in ("prep", "prt")
                         and (lemma, c.lower_) in PHRASAL_KINDS), None)) is not None:
        if phrasal == "works_on" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
            return None  # "said he would look into netlink": a promise to consider it, not work on it
        return phrasal  # "has been looking into GRO performance", "went over the history of XDP"
    if lemma == "handle" and any(lemma_of(o) in HANDLED_NOUNS for o in objects):
        return "maintains"  # "handles the netfilter patches", "handles the wireless tree"
    if lemma in MAKE_VERBS - {"do"} | {"perform"} and not any(c.tag_ == "MD" for c in children) \
            and any(lemma_of(quantity_of(o)) in IMPROVEMENT_NOUNS for o in objects if o.dep_ == "dobj"):
        return "works_on"  # "made a lot of improvements within", "performed some refactoring of"
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
    if lemma in COPULA_VERBS:  # "is the maintainer of", "became the netfilter maintainer", "is one of its authors"
        for obj in objects:
            if lemma_of(obj) == "one":  # "one of the developers of BBR"
                obj = of_object(obj) or obj
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
    passive = any(c.dep_ == "auxpass" for c in children)  # "X is not new; it was added by Y": no words before it
    clause = any(c.dep_ == "ccomp" and ((c.i < verb.i and not passive) or any(m.dep_ == "mark" for m in c.children))
                 for c in children)
    return (clause and not any(c.dep_ == "dobj" for c in children)) or (
        verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))


def only_says(verb: Token) -> bool:
    """A verb of saying that does no work: every one of them, but "add" with an object ("adding the rtw89
    driver", not "adding that ...")."""
    lemma = lemma_of(verb)
    return lemma in SAY_VERBS and (lemma not in WORK_VERBS or says(verb))


def credited_work(verb: Token) -> Token | None:
    """The contributions a standing is owed to, in a verb that says nothing of work itself: "reached the top of
    the list with a long set of changes to the mt76 driver", "came in second with 52 patches to ath9k"."""
    if lemma_of(verb) in SAY_VERBS or replies(verb):
        return None
    return next((work_noun(o) for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                 for o in c.children if o.dep_ == "pobj" and lemma_of(work_noun(o)) in CONTRIBUTION_NOUNS), None)


def wished(verb: Token) -> Token | None:
    """What a verb says its subject wants, in a noun: "expressed a desire to merge X", "indicated a willingness to
    take X", "stated a preference for X"; not "had no desire to"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and lemma_of(c) in WISH_NOUNS
                 and not any(d.lower_ == "no" for d in c.children if d.dep_ == "det")), None)


def patch_from(person: Token) -> bool:
    """"A patch set from X", "this series from X": X's patches, as much as "X's patch set" is."""
    prep = person.head
    return person.dep_ == "pobj" and prep.lower_ == "from" and lemma_of(prep.head) in CODE_PATCH_NOUNS


def posts_code(verb: Token) -> bool:
    """Posting a piece of code, not an idea: "posted an implementation of", "sent a driver for", "responded
    with a patch"."""
    if lemma_of(verb) in ("post", "send", "submit"):
        return any(c.dep_ == "dobj" and artifact_kind(c) == "works_on" and lemma_of(c) in POSTED_CODE_NOUNS
                   for c in verb.children)
    return any(lemma_of(o) in CODE_PATCH_NOUNS | POSTED_CODE_NOUNS for o in answers_with_work(verb))


def replies(verb: Token) -> bool:
    """"Responded", "came back", "is back" (where "came in second" and "came out on top" are a standing)."""
    lemma = lemma_of(verb)
    if lemma not in ANSWER_VERBS and lemma != "be":
        return False
    return lemma not in ("come", "be") or any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)


def answers_with_work(verb: Token) -> list[Token]:
    """The pieces of work a reply consists of: "responded with a patch", "came back with a new series", "is
    back with an enhancement to RPS"."""
    if not replies(verb):
        return []
    heads = [verb, *(c for c in verb.children if c.lower_ == "back")]  # the parser hangs "with" on "back" too
    return [o for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
            if o.dep_ == "pobj" and (artifact_kind(o) in ("proposed", "works_on") or lemma_of(o) in IMPROVEMENT_NOUNS)]


def leads_talk(verb: Token) -> bool:
    """"X led the discussion", "X gave a talk": a verb whose object is a talk or a session."""
    return any(c.dep_ == "dobj" and artifact_kind(c) == "presented" for c in verb.children)


def presents(verb: Token) -> bool:
    """A verb of presenting, or one that leads to it: "X talked about", "X was there to talk about"."""
    return lemma_of(verb) in PRESENT_VERBS or informs(verb) or any(
        c.dep_ in ("xcomp", "advcl") and (lemma_of(c) in PRESENT_VERBS or informs(c)) for c in verb.children)


def informs(verb: Token) -> bool:
    """"Traveled to the conference to update the audience on", "briefed the attendees on": a talk, told by whom
    it was for (not "updated the driver")."""
    return lemma_of(verb) in INFORM_VERBS and any(c.dep_ == "dobj" and lemma_of(c) in AUDIENCE_NOUNS
                                                  for c in verb.children)


def descriptor(first: Token) -> Token:
    """A person named in apposition to a descriptive noun stands in its place: "pushed by longtime bufferbloat
    fighters X and Y" is "pushed by X and Y". A role noun ("its developer, X, gave a talk on ...") is a role
    too, and stands in the subject's place only ("from the netfilter maintainer, X" is no work of X's)."""
    head = first.head
    if first.dep_ == "appos" and head.pos_ == "NOUN" and head.dep_ in (
            SUBJECT_DEPS if ROLE_NOUNS.get(lemma_of(head)) else ("pobj", *SUBJECT_DEPS)):
        return head
    return first


def owned_work(preposition: Token) -> Token:
    """What "from X" or "by X" says is X's: the word it hangs on, or the piece of work whose topic that word is
    ("a talk on MPTCP from X", "an update on Samba by X": the parser hangs the phrase on the nearer noun)."""
    noun = preposition.head
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    if noun.pos_ in ("NOUN", "PROPN") and not artifact_kind(noun) and verb is not None and verb.pos_ == "VERB" \
            and any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        return verb  # "it was added to the kernel by X": the parser hangs a passive's agent on the nearer noun
    if noun.pos_ in ("NOUN", "PROPN") and not artifact_kind(noun) and noun.dep_ == "pobj" \
            and noun.head.lower_ in ("on", "about", "for") and artifact_kind(noun.head.head):
        return noun.head.head
    return noun

