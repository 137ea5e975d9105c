"""Who works on what, and how: person ↔ subsystem links read off the parse, across the sentences of a section.

Within a sentence, a person is linked to the subsystems in the phrase they govern: the verb they are
the subject (or "by" agent) of, the thing they possess ("X's patch set for Y"), a role in apposition
("X, the BPF maintainer"), a relative clause ("X, who wrote the classifier"); coordination on either
side multiplies the links. The verb or noun says the kind of link:

- ``presented``: talked about, showed, described, gave a talk on;
- ``works_on``: develops, implemented, wrote, is working on, fixed, improved;
- ``maintains``: maintains, is the maintainer of;
- ``proposed``: suggested, proposed, posted a patch (set) for, wants, asked for, argued for.

Across sentences, a section (the paragraphs under one heading) keeps a little state: "he", "she",
"his", "her", "they" stand for the person or people named last; a person's talk or patch set, once
introduced, carries to the next sentences that are about it ("The patches also add ...", "His talk
covered ..."), and a speaker carries to the sentences of the talk that name nobody else. A heading
names a topic, and the people of the next sentence who present it are linked to it; it ends the
section's state, except in an article that reports one speaker's talk, where headings divide the talk. Someone who only
says something about a subsystem, asks a question, or summarises a session is linked to nothing,
unless what they say is a proposal ("X said the kernel should ...").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.keywords import PEOPLE_HEADS, SUBSYSTEM_TAILS, THING_WORDS

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Span, Token

KINDS = ("presented", "works_on", "maintains", "proposed")

PRESENT_VERBS = frozenset({
    "present", "talk", "speak", "describe", "show", "demonstrate", "discuss", "explain", "cover", "outline",
    "detail", "walk", "report", "lead", "give", "deliver", "address", "compare", "survey", "focus", "open",
})
WORK_VERBS = frozenset({
    "work", "rework", "develop", "implement", "write", "rewrite", "add", "fix", "improve", "design", "create",
    "integrate", "port", "convert", "optimize", "optimise", "refactor", "build", "extend", "test", "benchmark",
    "measure", "prototype", "clean", "remove", "replace", "speed", "accelerate", "enable", "hack", "chase",
    "debug", "tune", "finish", "contribute", "author", "merge", "release", "experiment", "investigate", "help",
    "bring", "move", "continue", "start", "own", "teach", "drive", "have",
    "invent", "discover", "name", "coin", "start", "found", "lead", "push", "land", "upstream", "rebase",
    "introduce", "redefine", "define", "change", "modify", "update", "reimplement", "restructure", "reorganize",
    "simplify", "generalize", "generalise", "rearrange", "split", "unify", "solve", "tackle", "resolve",
})
MAINTAIN_VERBS = frozenset({"maintain", "co-maintain", "comaintain", "oversee", "manage", "take"})
PROPOSE_VERBS = frozenset({
    "propose", "suggest", "post", "submit", "send", "want", "request", "advocate", "recommend", "plan", "seek",
    "offer", "argue", "push", "call", "urge", "hope", "intend", "aim", "like", "need", "prefer",
})
# Verbs that say only that a piece of work came into being: its kind comes from the work.
MAKE_VERBS = frozenset({"make", "do", "produce", "publish", "announce", "launch", "put"})
# Verbs that bring an idea (back) up: "returned to the idea of a page pool", "floated a proposal".
RAISE_VERBS = frozenset({"return", "revisit", "revive", "resurrect", "float", "raise", "reintroduce", "renew"})
# Verbs of replying: a reply that is a piece of work ("responded with a patch") proposes it.
ANSWER_VERBS = frozenset({"respond", "reply", "answer", "react", "counter", "follow", "come"})
# Verbs of saying and reacting: the subject's view of a subsystem is not work on it.
SAY_VERBS = frozenset({
    "say", "note", "observe", "point", "worry", "complain", "agree", "disagree", "wonder", "ask", "answer",
    "respond", "reply", "comment", "mention", "remark", "claim", "think", "believe", "feel", "warn", "caution",
    "concede", "admit", "object", "doubt", "question", "suspect", "argue", "reckon", "insist", "predict",
    "conclude", "state", "tell", "add", "recall", "acknowledge", "explain", "summarize", "summarise", "quip",
    "joke", "express", "raise", "wish", "expect",
})
# Verbs whose object is a means, not the thing worked on: "uses netlink", "based on netlink sockets".
INSTRUMENT_VERBS = frozenset({"use", "rely", "base", "employ", "leverage", "utilize", "utilise"})
# What a patch does to the thing it is for.
CHANGE_VERBS = frozenset({"add", "implement", "introduce", "extend", "enable", "provide", "change", "rework",
                          "improve", "convert", "fix", "rewrite", "optimize", "speed"})
# What one wants to do when one asks: "wanted to know about", "would like to understand".
LEARN_VERBS = frozenset({"know", "understand", "learn", "ask", "hear", "find", "clarify"})
# Verbs that quote what a section's speaker says (not "asked", "pointed out", "noted", "agreed": a remark, or the
# audience's part).
SPEAKER_VERBS = frozenset({"say", "claim", "explain", "report", "describe"})
# "after describing X, Y ...": prepositions whose participle the main clause's subject does
PARTICIPLE_PREPOSITIONS = frozenset({"after", "before", "while", "when", "since", "by", "in", "upon"})
# Verbs that say what a change gave the kernel: "the sk_buff structure gains a namespace field".
CHANGE_RESULTS = frozenset({"gain", "get", "acquire"})
# Verbs whose object is what the subject keeps away from, not what they work on.
AVOID_VERBS = frozenset({"avoid", "prevent"})
# What a proposal to take something out proposes is its absence: "X proposed dropping the XDP support".
REMOVAL_VERBS = frozenset({"remove", "drop", "revert", "delete", "deprecate", "disable", "eliminate", "abandon",
                           "rip", "kill", "ban"})
# A proposal inside what someone says: "X said the kernel should add ...", with a verb of doing.
PROPOSAL_MARKERS = frozenset({"should", "must", "ought"})
# What one fixes: to address a problem is to work on it, where to address a topic is to talk about it.
PROBLEM_NOUNS = frozenset({"problem", "issue", "bug", "limitation", "shortcoming", "weakness", "deficiency",
                           "bottleneck", "regression", "race", "deadlock", "leak", "overhead"})
# What a bug report says a change did: "reported that the change broke the ath9k driver".
BREAK_VERBS = frozenset({"break", "fail", "crash", "hang", "regress", "corrupt"})
# Verbs of a talk's or a piece of work's course: how it began or ended says what it was.
PHASE_VERBS = frozenset({"start", "begin", "open", "continue", "finish", "conclude", "end"})
# Verbs that report on a session rather than present its content.
SUMMARY_VERBS = frozenset({"summarize", "summarise", "recap", "chair", "moderate", "host", "organize", "organise",
                           "attend", "join", "close", "wrap", "thank"})
ROLE_NOUNS = {
    "maintainer": "maintains", "co-maintainer": "maintains", "comaintainer": "maintains", "owner": "maintains",
    "developer": "works_on", "author": "works_on", "creator": "works_on", "hacker": "works_on", "lead": "works_on",
    "expert": "works_on", "implementer": "works_on", "inventor": "works_on", "designer": "works_on",
}
# Tags of a patch that name its authors: "signoffs from X".
SIGNOFF_NOUNS = frozenset({"signoff", "signedoffby", "codevelopedby"})
# Pieces of work: what they carry across sentences, and the kind of link they make.
ARTIFACT_NOUNS = {
    "patch": "proposed", "patchset": "proposed", "patches": "proposed", "series": "proposed", "proposal": "proposed",
    "rfc": "proposed", "idea": "proposed", "plan": "proposed", "suggestion": "proposed", "request": "proposed",
    "code": "works_on", "work": "works_on", "implementation": "works_on", "rewrite": "works_on",
    "prototype": "works_on", "effort": "works_on", "project": "works_on", "change": "works_on",
    "modification": "works_on", "driver": "works_on", "module": "works_on", "tool": "works_on",
    "library": "works_on", "framework": "works_on", "mechanism": "works_on",
    "approach": "works_on", "design": "works_on", "algorithm": "works_on", "benchmark": "works_on",
    "talk": "presented", "presentation": "presented", "session": "presented", "slide": "presented",
    "keynote": "presented", "demo": "presented", "demonstration": "presented", "discussion": "presented",
    "paper": "presented", "report": "presented", "tutorial": "presented", "release": "works_on",
    "recap": "presented", "overview": "presented", "introduction": "presented",
}
# Pieces of work that are code: what "the change", "this work" may stand for when the article names its subject.
CODE_NOUNS = frozenset({"patch", "patchset", "patches", "series", "set", "code", "work", "implementation", "rewrite",
                        "prototype", "change", "driver", "module", "release", "proposal", "rfc"})
# Pieces of work that are patches: whoever posts one has written its code.
CODE_PATCH_NOUNS = frozenset({"patch", "patchset", "patches", "series", "set"})
# Pieces of work that are code: whoever posts one has written it.
POSTED_CODE_NOUNS = frozenset({"code", "implementation", "driver", "module", "prototype", "rewrite", "library"})
# Pieces of work that are changes to the kernel: what comes new with them is theirs.
PATCH_NOUNS = frozenset({"patch", "patchset", "patches", "series", "set", "change", "rfc"})
# Verbs that say who wrote a piece of work: "This work was done by X", "the code was written by X".
AUTHOR_VERBS = frozenset({"write", "develop", "implement", "contribute", "post", "submit", "send", "author", "create"})
# What asking for it asks to be told, not to have: "asked for more details of how it should work".
INFORMATION_NOUNS = frozenset({"detail", "information", "clarification", "explanation", "example", "comment",
                               "feedback", "input", "opinion", "data", "number", "benchmark", "evidence", "review"})
# Phrasal verbs that mean something else than their verb: to show up is to attend, not to present.
OTHER_SENSES = frozenset({("show", "up"), ("give", "up"), ("turn", "up")})
# What someone says or thinks, not what they made: "Garrett's example", "his NACK", "his vision for BPF".
VIEW_NOUNS = frozenset({"example", "question", "concern", "objection", "nack", "ack", "comment", "reaction",
                        "view", "opinion", "understanding", "vision", "complaint", "point", "worry", "suspicion",
                        "statement", "stance"})
# What breaks a thing, not work on it: "Rosenberg's RDS exploit", "a BPF vulnerability found by X".
ATTACK_NOUNS = frozenset({"exploit", "vulnerability", "attack", "flaw", "hole", "bug"})
# "A couple of patches": a quantity of work is that work.
QUANTITY_NOUNS = frozenset({"couple", "pair", "number", "handful", "set", "few", "bunch", "lot", "batch", "deal", "amount"})
# A talk someone gives: after "his talk", "her keynote", what they say is what they presented.
TALK_NOUNS = frozenset({"talk", "presentation", "keynote"})
# Nouns for a person: "another audience member" is someone, not one more of the work just named.
PERSON_NOUNS = PEOPLE_HEADS | {"member", "attendee", "participant", "speaker", "someone"}
PRONOUNS = frozenset({"he", "she"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
PLURAL_PRONOUNS = frozenset({"they"})
PLURAL_POSSESSIVES = frozenset({"their"})
# "X, on the netdev list", "on stage", "on behalf of": "on" phrases that are not a topic.
NOT_TOPICS = frozenset({"list", "stage", "panel", "behalf", "side", "call", "site", "day", "hand", "team", "board"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# How many following paragraphs that name nobody a talk or patch set carries into.
CARRY_PARAGRAPHS = 3
# Nouns that, after a subsystem's name, are that subsystem: "the mac80211 layer", "the BBR algorithm".
NAME_TAILS = SUBSYSTEM_TAILS - THING_WORDS
CLAUSE_DEPS = ("advcl", "ccomp", "conj", "parataxis", "relcl", "acl", "xcomp")
# Prepositions that bring a verb's object ("run out of", "moved to"), not a place or a time ("happens in").
ARGUMENT_PREPOSITIONS = frozenset({"of", "about", "on", "to", "into", "from", "for", "with", "over"})


@dataclass(frozen=True)
class Link:
    person: str
    subsystem: str
    kind: str
    person_at: tuple[int, int]  # (paragraph, sentence) where the person is named
    subsystem_at: tuple[int, int]  # (paragraph, sentence) where the subsystem is
    # carried into a sentence that names nobody (a talk or a piece of work going on), not stated in it
    carried: bool = field(default=False, compare=False)


@dataclass
class Discourse:
    """What a section has established so far."""

    last: list[str] = field(default_factory=list)  # the people named last (one, or a coordinated group)
    last_at: tuple[int, int] = (0, 0)
    speaker: tuple[list[str], tuple[int, int]] | None = None  # a talk that names its subject, carried on
    talkers: set[str] = field(default_factory=set)  # who the section says gave a talk
    artifact: tuple[list[str], str, str, tuple[int, int]] | None = None  # owners, kind, noun, where introduced
    topic: list[str] = field(default_factory=list)  # subsystems a heading names
    broad: frozenset[str] = frozenset()  # subsystems too broad to carry a link to
    one_talk: tuple[str, ...] = ()  # the speaker whose talk the whole article reports: headings divide it
    speakers: set[tuple[str, ...]] = field(default_factory=set)  # every speaker the article has had
    agent: tuple[list[str], str, tuple[int, int]] | None = None  # who the paragraph says did something
    agent_nouns: frozenset[str] = frozenset()  # what they did it to ("working on the integration of ...")
    quiet: int = 0  # paragraphs since one named a person
    item: bool = False  # the paragraph is an item of a list that names nobody
    previous: tuple[list[str], tuple[int, int]] | None = None  # the last sentence's own subsystems, and where
    subject: dict[str, tuple[int, int]] = field(default_factory=dict)  # what the article is about, and where
    # the body first names it: a piece of work the article introduces without naming a subsystem is that, when
    # the article has one owner of work (a group named together); with several, whose work is the subject is
    # unknown, and the links it would make are dropped
    owners: list[frozenset[str]] = field(default_factory=list)  # each group the article says owns a piece of work
    unnamed: list[Link] = field(default_factory=list)  # links to the subject, kept until the owners are known
    recurring: frozenset[str] = frozenset()  # subsystems the article names in three paragraphs or more
    short: dict[str, str] = field(default_factory=dict)  # the title's subsystems by their last word ("channel")

    def subject_links(self) -> list[Link]:
        """The held-back links to the subject, if one group owns every piece of work in the article."""
        everyone = frozenset().union(*self.owners)
        return self.unnamed if everyone in self.owners else []

    def reset(self, topic: list[str] | None = None) -> None:
        self.last, self.artifact, self.topic = [], None, topic or []
        if not self.one_talk:
            self.speaker, self.talkers = None, set()

    def talk_by(self, names: list[str], at: tuple[int, int], carried: bool) -> None:
        """``names`` gave a talk; ``carried``: the sentences after it that name nobody are that talk."""
        self.talkers.update(names)
        self.speakers.add(tuple(sorted(names)))
        if carried:
            self.speaker = (names, at)

    def new_paragraph(self, names_someone: bool) -> None:
        """A talk or a patch set carries on into the paragraphs after it that name nobody (at most
        CARRY_PARAGRAPHS of them); a person who did something carries within their paragraph only."""
        self.agent, self.agent_nouns = None, frozenset()
        self.quiet = 0 if names_someone else self.quiet + 1
        if names_someone or self.quiet > CARRY_PARAGRAPHS:
            self.artifact = None
        if self.quiet > CARRY_PARAGRAPHS:
            self.speaker = None


def _coordinated_into(span: Span, people: list[tuple[Span, str]]) -> Span | None:
    """The name the parser hangs a coordinated name on: in "Chuck Lever and Hannes Reinecke talked", the model
    often makes the first name a modifier of the second (nmod, with the "and" under it); both have its role."""
    root = span.root
    if root.dep_ not in ("nmod", "compound") or not any(c.dep_ == "cc" for c in root.children):
        return None
    return next((other for other, _ in people if other.start <= root.head.i < other.end and other != span), None)


def _instrument(sub: Span) -> bool:
    """A subsystem the clause uses rather than changes: "the patch uses the netlink mechanism to broadcast events",
    "an API based on netlink sockets", "relies on BPF"."""
    child = sub.root
    for anc in sub.root.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            if _lemma(anc) not in INSTRUMENT_VERBS or not (
                    child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ == "on")):
                return False
            if anc.dep_ == "acl" and _lemma(anc) != "base":
                return False  # "benchmarks using pktgen", "a block device using RDMA": what they are about
            if any(_lemma(a) in PRESENT_VERBS - {"compare"} for a in anc.ancestors):
                return False  # "explained how the drivers use the page pool": what is explained
            # a thing uses it ("the patch uses", "a framework based on"); a person who uses it, or wants to
            # ("suggested using BPF", "he would like to use BTF"), may be proposing it
            user = anc.head if anc.dep_ in ("acl", "relcl") else next(
                (c for c in anc.children if c.dep_ in SUBJECT_DEPS), None)
            return user is not None and user.pos_ == "NOUN"
        child = anc
    return False


def _first_conjunct(token: Token) -> Token:
    """The first of "A, B and C": the member that carries the list's role in the sentence."""
    for _ in range(20):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def artifact_kind(token: Token) -> str | None:
    """The kind of work a noun is ("patch set", "talk", "implementation"), or None."""
    lemma = _lemma(token)
    if lemma in ("set", "series") and any(_lemma(c) == "patch" for c in token.children if c.dep_ == "compound"):
        return "proposed"
    if _misparsed_patch_set(token):
        return "proposed"
    return ARTIFACT_NOUNS.get(_lemma(_work_noun(token)))


def _work_noun(token: Token) -> Token:
    """The noun that says what a piece of work is: "patches" in "a couple of patches", else the noun itself."""
    if _lemma(token) in QUANTITY_NOUNS:
        return next((o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" and ARTIFACT_NOUNS.get(_lemma(o))), token)
    return token


def _misparsed_patch_set(token: Token) -> bool:
    """"the BIG TCP patch set from X": the parser often reads "set" as a verb whose subject is "patch"."""
    return _lemma(token) in ("set", "series") and token.dep_ == "acl" and _lemma(token.head) == "patch"


def verb_kind(verb: Token) -> str | None:
    """The kind of link a verb (with its particles and objects) makes for its subject; None for saying."""
    lemma = _lemma(verb)
    children = list(verb.children)
    if any(c.dep_ == "prt" and (lemma, c.lower_) in OTHER_SENSES for c in children):
        return None  # "showed up at a netfilter conference", "gave up on the driver"
    objects = [c for c in children if c.dep_ in ("dobj", "attr")] + [
        g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    object_kinds = [artifact_kind(o) for o in objects]
    if "presented" in object_kinds and lemma not in SAY_VERBS:
        return "presented"  # "gave a talk on", "followed with a talk on", "ran a session on"
    if lemma in SAY_VERBS and _says(verb):
        return None  # "X explained that BPF disables preemption", "He added that GCC uses it": a remark
    if lemma in PROPOSE_VERBS and any(c.dep_ == "xcomp" and _lemma(c) in LEARN_VERBS for c in children):
        return None  # "wanted to know about conditional inlining", "would like to understand": a question
    if _answers_with_work(verb):
        return "proposed"  # "responded with a patch for a virtio random number generator"
    if lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in children) and any(
            c.dep_ == "dobj" and _lemma(c) in ("maintenance", "maintainership") for c in children):
        return "maintains"  # "has taken over maintenance of the e1000 driver"
    if lemma == "come" and any(c.dep_ == "prt" and c.lower_ == "up" for c in children):
        devised = [o for c in children if c.dep_ == "prep" and c.lower_ == "with"
                   for o in c.children if o.dep_ == "pobj"]
        if devised and not any(_lemma(o) in PROBLEM_NOUNS | VIEW_NOUNS for o in devised):
            return "proposed"  # "came up with a different approach", not "came up with some problems"
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in children):
        return None  # to call for or on is to ask; to call out, or call something good, is to name or judge
    if lemma in ("post", "send", "submit") or (lemma in PROPOSE_VERBS and lemma not in SAY_VERBS):
        return "proposed"
    if lemma in ("ask", "argue") and any(c.dep_ == "prep" and c.lower_ == "for" and c.i > verb.i and not any(
            o.dep_ == "pobj" and _lemma(o) in INFORMATION_NOUNS for o in c.children) for c in children):
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
        if any(c.dep_ == "acl" and _lemma(c) == "work" for o in objects for x in (o, *o.conjuncts) for c in x.children):
            return "works_on"  # "has WiFi working on his device"
        done = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"), None)
        return verb_kind(done) if done is not None else None  # "had an intern implement", "had to make"
    if lemma in MAINTAIN_VERBS and lemma != "take":
        return None if _says(verb) else "maintains"  # "maintains that the interface is stable": argues
    if lemma == "report" and (any(_lemma(o) in PROBLEM_NOUNS for o in objects) or any(
            c.dep_ == "ccomp" and _lemma(c) in BREAK_VERBS for c in children)):
        return None  # "reported a bug in the tg3 driver", "reported that it broke ath9k": who found it
    if lemma == "address" and any(_lemma(o) in PROBLEM_NOUNS for o in objects):
        return "works_on"  # "is trying to address regulatory issues with a patch set": to address is to fix
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
            kind = ROLE_NOUNS.get(_lemma(obj))
            if kind:
                return kind
        return None
    return None


def _says(verb: Token) -> bool:
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
    return _lemma(clause.head) in CODE_PATCH_NOUNS and _lemma(clause) in CHANGE_VERBS and any(
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
        if child.dep_ in SUBJECT_DEPS or (child.dep_ in ("xcomp", "advcl") and _lemma(child) in AVOID_VERBS):
            continue
        if _lemma(verb) in PROPOSE_VERBS and child.dep_ in ("xcomp", "ccomp") and _takes_out(child):
            continue  # "X suggested removing the BPF component": not a proposal of BPF
        if child.dep_ == "ccomp" and _has_own_subject(child, actors):
            continue  # "..., while Stephen said nothing about netfilter": another person's claim
        if child.dep_ in ("ccomp", "parataxis") and child.i < verb.i and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            continue  # "The series has no driver; X maintains a repository": a clause of its own before the verb
        if child.dep_ in CLAUSE_DEPS and child.dep_ != "ccomp" and any(c.dep_ in SUBJECT_DEPS for c in child.children):
            continue  # "..., while the BPF session ran late": another clause
        if child.dep_ == "dobj" and _lemma(child) in ATTACK_NOUNS and _lemma(verb) not in CHANGE_VERBS:
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
    # what is done without something is not done to it: "moved into user space without involving BPF"
    return tokens - {t.i for w in verb.subtree if w.dep_ == "prep" and w.lower_ == "without" for t in w.subtree}


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
    return _lemma(clause) in REMOVAL_VERBS and not any(c.dep_ == "neg" for c in clause.children)


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
    """What a proposal turns away from: "rather than focusing on iptables", "instead of iptables"."""
    turning = [doc[i] for i in tokens if i > 0 and (doc[i].lower_, doc[i - 1].lower_) in (("than", "rather"),
                                                                                          ("of", "instead"))]
    return {t.i for word in turning for t in word.subtree}


def _should_do(clause: Token, actors: set[int]) -> bool:
    """A verb of doing under "should" or "must" whose subject is nobody named ("the kernel should add")."""
    return _lemma(clause) in WORK_VERBS | {"use", "support", "adopt", "switch"} \
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
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.i < head.head.i and head.head.pos_ in ("VERB", "AUX"):
        tokens |= {t.i for t in head.head.subtree}  # "With X's patch, a driver must fill in ...": what it does
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ in SUBJECT_DEPS and _lemma(head.head.head) == "be":
        # "The core of Dumazet's patch set is the implementation of mmap() for TCP sockets"
        tokens |= {t.i for c in head.head.head.children if c.dep_ in ("attr", "acomp") for t in c.subtree}
    if noun.dep_ in SUBJECT_DEPS:
        verb = noun.head
        if _lemma(verb) == "be":  # "The solution, posted by X, is to allow a BPF program ...": xcomp too
            tokens |= {t.i for c in verb.children if c.dep_ in ("attr", "acomp", "xcomp") for t in c.subtree}
        elif _lemma(verb) not in SAY_VERBS or artifact_kind(noun):  # a patch that "adds" something says nothing
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
    if _lemma(verb) in SAY_VERBS:
        return []
    found = [c for c in verb.children if c.dep_ == "advcl" and (c.tag_ == "VBG" or (
        c.tag_ == "VBN" and any(a.lower_ == "having" for a in c.children if a.dep_ == "aux")))
             and _set_off(c)]  # "the week leading up to the summit" describes the week
    found += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTICIPLE_PREPOSITIONS
              for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"]
    return [c for c in found if _lemma(c) not in SAY_VERBS | PROPOSE_VERBS]


def actor_links(actor: Token, actors: set[int]) -> list[tuple[str, set[int]]]:
    """(kind, scope) of what one person (or a pronoun for them) is said to do in a sentence."""
    found: list[tuple[str, set[int]]] = []
    first = _first_conjunct(actor)
    group = [first, *first.conjuncts]
    # Roles: "X, the BPF maintainer", "X, who maintains tc", "networking maintainer X", "X on ethtool".
    for member in group if actor.i in {m.i for m in group} else [actor]:
        for child in member.children:
            if child.dep_ != "appos":
                continue
            role = ROLE_NOUNS.get(_lemma(child))
            if role:
                found.append((role, {t.i for t in child.subtree}))  # "A and B, the BPF maintainers"
            elif _lemma(child) == "one":  # "X, one of the developers of L4S"
                found += [(ROLE_NOUNS[_lemma(o)], {t.i for t in child.subtree}) for p in child.children
                          if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj" and _lemma(o) in ROLE_NOUNS]
    for member in [actor]:
        for child in member.children:
            role = ROLE_NOUNS.get(_lemma(child))
            if child.dep_ == "appos":
                continue
            elif child.dep_ in ("compound", "nmod") and role:
                found.append((role, {t.i for t in child.subtree}))  # "BPF maintainer Alexei Starovoitov"
            elif child.dep_ == "relcl":
                kind = verb_kind(child)
                owned = next((c for c in child.children if c.dep_ in SUBJECT_DEPS
                              and any(t.lower_ == "whose" for t in c.children)), None)
                if owned is not None and artifact_kind(owned):  # "X, whose bulk dequeue patches were merged"
                    found.append((artifact_kind(owned), {t.i for t in owned.subtree} | _premodifiers(owned)))
                elif kind:
                    found.append((kind, _verb_scope(child, actors)))
            elif child.dep_ == "prep" and child.lower_ in ("on", "about") and first.dep_ not in SUBJECT_DEPS \
                    and not any(c.dep_ == "pobj" and _lemma(c) in NOT_TOPICS for c in child.children):
                found.append(("presented", {t.i for t in child.subtree}))  # "Ben Hutchings on ethtool"
    head = first.head
    if first.dep_ == "appos" and ROLE_NOUNS.get(_lemma(head)):
        found.append((ROLE_NOUNS[_lemma(head)], {t.i for t in head.subtree} - {t.i for t in first.subtree}))
    if first.dep_ in ("compound",) and ROLE_NOUNS.get(_lemma(head)):
        found.append((ROLE_NOUNS[_lemma(head)], {t.i for t in head.subtree}))  # "BPF maintainer Alexei"
    if (verb := _misparsed_subject_of(actor)) is not None and (kind := verb_kind(verb)):
        found.append((kind, _verb_scope(verb, actors)))
    first = _descriptor(first)
    head = first.head
    if first.dep_ in SUBJECT_DEPS:
        verb = first.head
        kind = verb_kind(verb)
        if kind:
            found.append((kind, _verb_scope(verb, actors)))
            if kind == "proposed" and _posts_code(verb):
                found.append(("works_on", _verb_scope(verb, actors)))  # "X posted a CHOKe implementation": code
        elif _lemma(verb) in SAY_VERBS or _lemma(verb) == "be":
            scope = _proposal_scope(verb, actors)
            if scope:
                found.append(("proposed", scope))
        negated = any(c.dep_ == "neg" for c in verb.children)  # "X should not be asked to remove Y"
        for xcomp in (c for c in verb.children if not negated and (c.dep_ == "xcomp" or (
                c.dep_ == "advcl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)))):
            kind = verb_kind(xcomp)  # "X wants to add Y", "X has been trying to fix Y", "X was there to talk about Y"
            if _lemma(verb) in PROPOSE_VERBS and _takes_out(xcomp):
                continue  # "X wants to remove the netfilter hooks"
            if kind and not _has_own_subject(xcomp, actors):
                found.append(("proposed" if _lemma(verb) in PROPOSE_VERBS else kind, _verb_scope(xcomp, actors)))
        for adjunct in _participles(verb):  # "After describing bufferbloat to the world, X traveled to ..."
            kind = verb_kind(adjunct)
            if kind and not _has_own_subject(adjunct, actors):  # "he suggested a way: moving X into Y"
                found.append(("proposed" if _lemma(verb) in PROPOSE_VERBS else kind, _verb_scope(adjunct, actors)))
    elif first.dep_ == "attr" and _lemma(head) == "be" and (role := _role_subject(head)) is not None:
        # "the principal author is said to be X", "the maintainer of tc is X": the role's noun and what it is of
        scope = {t.i for t in role.subtree} | _premodifiers(role)
        clause = head.head if head.dep_ == "xcomp" else head
        if clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN"):
            scope |= _without_relative_clauses(clause.head) - {t.i for t in clause.subtree}
        found.append((ROLE_NOUNS[_lemma(role)], scope - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and (signoff := _signoff(first)) is not None:
        # "the code carries signoffs from a number of people, including X and Y": the code's authors
        found.append(("works_on", {t.i for t in signoff.sent} - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "thanks":
        clause = head.head.head  # "a CoDel patch is available thanks to X and Y"
        found.append(("works_on", {t.i for t in clause.subtree} - {t.i for t in head.head.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "from" and _lemma(head.head) in ("come", "originate", "arrive"):
        found.append(("works_on", _verb_scope(head.head, actors)))  # "RPS and RFS, both of which came from X"
    elif first.dep_ == "pobj" and head.lower_ == "from" and artifact_kind(head.head):
        owner = head.head  # "a patch set from Pablo Neira Ayuso that added ..."
        if _misparsed_patch_set(owner):
            owner = owner.head
        found.append((artifact_kind(owner), _noun_scope(owner) - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "by":
        owner = head.head  # "patches by X for Y", "the classifier, written by X", "a talk by X"
        kind = artifact_kind(owner) or verb_kind(owner)
        passive = [c for c in owner.children if c.dep_ == "nsubjpass"] if head.dep_ == "agent" else []
        if _lemma(owner) in MAKE_VERBS:  # "The first nftables release was made by X"
            kind = kind or next((artifact_kind(c) for c in passive if artifact_kind(c)), None)
        as_clause = owner.dep_ == "advcl" and owner.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in owner.children)  # "a KCM socket as proposed by X"
        remark = _lemma(owner) in SAY_VERBS and not kind  # "connection tracking, pointed out by X" is no work
        if owner.pos_ in ("VERB", "AUX") and (owner.dep_ in ("acl", "relcl") or as_clause) and owner.head.i != owner.i \
                and not remark and _lemma(owner.head) not in ATTACK_NOUNS:
            # "The alternative, pushed by X, is called SCE": the phrase and what it is said to be
            found.append((kind or "works_on", _noun_scope(owner.head) - {t.i for t in first.subtree}))
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
        while not (artifact_kind(owned) or ROLE_NOUNS.get(_lemma(owned))) and owned.dep_ in ("compound", "amod", "nmod") \
                and owned.head.i != owned.i:
            owned = owned.head
        kind = artifact_kind(owned) or ROLE_NOUNS.get(_lemma(owned))
        if kind:
            found.append((kind, _noun_scope(owned)))
        elif head.pos_ in ("NOUN", "PROPN") and _lemma(head) not in VIEW_NOUNS and _lemma(owned) not in ATTACK_NOUNS:
            found.append(("works_on", _noun_scope(head)))  # "his e1000 and tg3 cards", "Olsson's numbers"
    return found


def _patch_from(person: Token) -> bool:
    """"A patch set from X", "this series from X": X's patches, as much as "X's patch set" is."""
    prep = person.head
    return person.dep_ == "pobj" and prep.lower_ == "from" and _lemma(prep.head) in CODE_PATCH_NOUNS


def _posts_code(verb: Token) -> bool:
    """Posting a piece of code, not an idea: "posted an implementation of", "sent a driver for", "responded
    with a patch"."""
    if _lemma(verb) in ("post", "send", "submit"):
        return any(c.dep_ == "dobj" and artifact_kind(c) == "works_on" and _lemma(c) in POSTED_CODE_NOUNS
                   for c in verb.children)
    return any(_lemma(o) in CODE_PATCH_NOUNS | POSTED_CODE_NOUNS for o in _answers_with_work(verb))


def _answers_with_work(verb: Token) -> list[Token]:
    """The pieces of work a reply consists of: "responded with a patch", "came back with a new series"."""
    if _lemma(verb) not in ANSWER_VERBS or (_lemma(verb) == "come" and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)):
        return []
    return [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children
            if o.dep_ == "pobj" and artifact_kind(o) in ("proposed", "works_on")]


def _role_subject(be: Token) -> Token | None:
    """The role noun a copula says someone is: "the author is X", "the author is said to be X"."""
    verb = be.head if be.dep_ == "xcomp" else be
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and ROLE_NOUNS.get(_lemma(c))), None)


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


def _according_to(token: Token) -> bool:
    """"According to X, ...": what the sentence says is X's account."""
    first = _first_conjunct(token)
    return first.dep_ == "pobj" and first.head.lower_ == "to" and first.head.head.lower_ == "according"


def _authors_paper(token: Token) -> bool:
    """"A paper from X", "X's paper", "a paper by X": X wrote a paper the article reports."""
    first = _first_conjunct(token)
    owner = first.head.head if first.dep_ == "pobj" and first.head.lower_ in ("from", "by") else (
        first.head if first.dep_ == "poss" else None)
    return owner is not None and _lemma(owner) in ("paper", "slide", "presentation")


def _speaks(token: Token) -> bool:
    """Whether a person is quoted: "X said ...", "according to X, ..."."""
    first = _first_conjunct(token)
    return (first.dep_ in SUBJECT_DEPS and _lemma(first.head) in SPEAKER_VERBS) or _according_to(token)


def _is_signoff(token: Token) -> bool:
    return _lemma(token).replace("-", "") in SIGNOFF_NOUNS or (
        token.lower_ in ("off", "offs") and any(_lemma(c) == "sign" for c in token.children if c.dep_ == "compound"))


def _resolve_pronoun(token: Token, named_before: list[str], state: Discourse) -> list[str]:
    lower = token.lower_
    if lower in PLURAL_PRONOUNS | PLURAL_POSSESSIVES:
        return state.last if len(state.last) > 1 else []
    if named_before:
        return named_before[-1:]
    return state.last[:1] if len(state.last) == 1 else []


def _is_pronoun_actor(token: Token) -> bool:
    lower = token.lower_
    return (lower in PRONOUNS | PLURAL_PRONOUNS and token.dep_ in SUBJECT_DEPS) or (
        lower in POSSESSIVE_PRONOUNS | PLURAL_POSSESSIVES and token.dep_ == "poss")


def _sentence_subject(sent: Span) -> Token | None:
    root = sent.root
    return next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)


def _about_artifact(sent: Span, noun: str) -> bool:
    """Whether a sentence is about the piece of work introduced before: its subject is that noun with "the",
    or a piece of work with "this" or "these" stands in it ("These patches concentrate on ...", "With these
    patches applied, the kernel can ...")."""
    subject = _sentence_subject(sent)
    if subject is not None and artifact_kind(subject) and _lemma(subject) == noun and any(
            c.lower_ == "the" for c in subject.children if c.dep_ == "det"):
        return True
    if any(artifact_kind(t) and any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in t.children)
           and (_lemma(t) == noun or {_lemma(_work_noun(t)), noun} <= CODE_NOUNS) for t in sent):
        return True  # "these changes" after "his patches", not after "some ideas"
    # "So there is a new netdev_queue structure": what a patch set brings (not a module or a driver: "there
    # are new hooks for AppArmor" after "his SMACK module" is not his)
    return noun in PATCH_NOUNS and _lemma(sent.root) == "be" and any(c.dep_ == "expl" for c in sent.root.children) and any(
        c.dep_ == "attr" and any(m.lower_ == "new" for m in c.children if m.dep_ == "amod") for c in sent.root.children)


def sentence_links(sent: Span, p: int, s: int, people: list[tuple[Span, str]], subsystems: list[Span],
                   state: Discourse) -> list[Link]:
    """The links one sentence states or continues, updating the section's state. A subsystem written as a
    role ("networking maintainer X") makes only the link of that role."""
    links: list[Link] = []
    roles = [span for span in subsystems if _lemma(span[-1]) in ROLE_NOUNS]
    subsystems = [span for span in subsystems if span not in roles and not _instrument(span)]
    person_tokens = {t.i for span, _ in people for t in span}
    actors: list[tuple[Token, list[str], tuple[int, int]]] = [(span.root, [name], (p, s)) for span, name in people]
    hosts = [_coordinated_into(span, people) for span, _ in people]
    for (span, name), host in zip(people, hosts):
        if host is not None:
            next(names for token, names, _ in actors if token.i == host.root.i).append(name)
    named_before: list[str] = []
    for token in sent:
        for span, name in people:
            if span.end <= token.i and name not in named_before:
                named_before.append(name)
        if _is_pronoun_actor(token):
            referents = _resolve_pronoun(token, [n for sp, n in people if sp.end <= token.i], state)
            if referents:
                at = (p, s) if any(sp.end <= token.i for sp, _ in people) else state.last_at
                actors.append((token, referents, at))
    actor_ids = person_tokens | {t.i for t, _, _ in actors}
    stated = False
    for token, names, at in actors:
        others = set()
        for span, other in people:
            if other not in names and span.root.i not in {token.i, *(c.i for c in token.conjuncts)}:
                others |= {t.i for t in span.root.subtree} - {t.i for t in token.subtree}
                # "A on X, B on Y and C on Z": each person's own topic is theirs alone
                others |= {t.i for c in span.root.children if c.dep_ == "prep" and c.lower_ in ("on", "about")
                           for t in c.subtree}
        if state.speaker and token.dep_ in SUBJECT_DEPS and verb_kind(token.head) in ("presented", None) \
                and not set(names) & set(state.speaker[0]) and _lemma(token.head) in SAY_VERBS | PRESENT_VERBS:
            state.speaker = None  # someone else speaks now
        talking = [n for n in names if n in state.talkers]
        # a speaker's own words: "X said ...", "Part of that solution, according to X and Y, is CoDel", on what
        # the article returns to; a subsystem two paragraphs name is an aside (readers judged 8 of 10 wrong)
        if talking and (_according_to(token) or (
                token.dep_ in SUBJECT_DEPS and _lemma(token.head) in SPEAKER_VERBS)):
            # not what another person's clause holds: "B asked if it would be zero-copy; X said that it would"
            asked = {t.i for span, other in people if other not in names and span.root.dep_ in SUBJECT_DEPS
                     for t in span.root.head.subtree} - {t.i for t in token.head.subtree}
            for sub in filter(_topic_of, subsystems):
                if sub.label_ in (state.recurring | set(state.subject)) and sub.root.i not in asked and not any(
                        sub.root.i in {t.i for t in span.root.subtree} for span, other in people if other not in names):
                    links += [Link(name, sub.label_, "presented", at, (p, s)) for name in talking]
                    stated = True
        if token.dep_ == "poss" and _possesses_talk(token):  # "as related in his Plumbers talk"
            # the article is that talk only if it is one talk; elsewhere, a talk cited in passing carries nothing
            state.talk_by(names, at, carried=tuple(sorted(names)) == state.one_talk)
        for kind, scope in actor_links(token, actor_ids):
            scope = scope - others
            for sub in subsystems + (roles if kind == "maintains" else []):
                if sub.root.i in scope or any(t.i in scope for t in sub):
                    for name in names:
                        links.append(Link(name, sub.label_, kind, at, (p, s)))
                        stated = True
            if kind == "presented" and _authors_paper(token):
                state.talkers.update(names)  # "a new paper from X and Y": the paper is their talk, in writing
            if kind == "presented" and token.dep_ in SUBJECT_DEPS and _presents(token.head):
                state.talkers.update(names)
                if any(sub.root.i in scope for sub in subsystems):
                    state.talk_by(names, at, carried=True)
                elif _leads_talk(token.head):
                    # "A and B led the discussion on ways to add that support": a session on what the article
                    # is about, whoever else owns work in it
                    links += [Link(name, topic, "presented", at, where)
                              for topic, where in state.subject.items() for name in names]
            if token.dep_ in SUBJECT_DEPS and kind != "maintains":
                state.agent, state.agent_nouns = (names, kind, at), _object_nouns(token.head)
            if _first_conjunct(token).dep_ in SUBJECT_DEPS + ("poss",) or _first_conjunct(token).head.lower_ == "by" \
                    or _patch_from(_first_conjunct(token)):
                artifact = _introduced_artifact(token)
                if artifact:
                    state.artifact = (names, artifact[0], _lemma(artifact[1]), at)
                    first = _first_conjunct(token).i
                    state.owners.append(frozenset(n for t, group, _ in actors if _first_conjunct(t).i == first
                                                  for n in group) | frozenset(names))
                    if not stated and not _names_a_subsystem(artifact[1], subsystems, state.broad):
                        links += _unnamed_work(artifact, names, at, (p, s), state)
    # A heading's topic goes to the people the next sentence says presented or worked on something.
    presenters = {(l.person, l.person_at) for l in links if l.kind == "presented"} | {
        (name, at) for token, names, at in actors for name in names
        if token.dep_ in SUBJECT_DEPS and verb_kind(token.head) == "presented"}
    if state.topic and not presenters and not state.last:
        # the first person a section under a topic heading quotes is its speaker ("According to X, ...")
        presenters = {(name, at) for token, names, at in actors for name in names if _speaks(token)}
    if state.topic and presenters:
        for person, at in sorted(presenters):
            links += [Link(person, topic, "presented", at, (p, s)) for topic in state.topic]
        state.topic = []
    if not stated and subsystems:
        links += _continued(sent, p, s, subsystems, people, state)
    # each mention's place in the sentence: the first member of the list it is in
    places = [(name, _first_conjunct((host or span).root)) for (span, name), host in zip(people, hosts)]
    subjects = [name for name, place in places if place.dep_ in SUBJECT_DEPS]
    mentioned = [name for _, name in people]
    if subjects or mentioned:
        group = subjects or mentioned[-1:]
        if subjects:
            first = next(place for name, place in places if name == subjects[0])
            group = [name for name, place in places if place.i == first.i] or subjects[:1]
        state.last, state.last_at = list(dict.fromkeys(group)), (p, s)
    return links + _patch_work(links, state)


def _patch_work(links: list[Link], state: Discourse) -> list[Link]:
    """Who posts a patch for something has written code for it: the proposals a patch set makes (where it
    is introduced, and in the sentences about it) are its authors' work as well."""
    if not state.artifact or state.artifact[2] not in CODE_PATCH_NOUNS:
        return []
    owners, _, _, where = state.artifact
    return [replace(link, kind="works_on") for link in links
            if link.kind == "proposed" and link.person in owners and link.person_at == where]


def _names_a_subsystem(noun: Token, subsystems: list[Span], broad: frozenset[str]) -> bool:
    """Whether a piece of work is written with a subsystem: in its noun phrase, or in the clause that has it as
    object ("X posted a patch to TCP", "who authored some of the BPF code")."""
    region = {t.i for t in noun.subtree} | _premodifiers(noun)
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
        region |= {t.i for t in noun.head.subtree}
    return any(sub.label_ not in broad and any(t.i in region for t in sub) for sub in subsystems)


def _unnamed_work(artifact: tuple[str, Token], names: list[str], at: tuple[int, int], here: tuple[int, int],
                  state: Discourse) -> list[Link]:
    """A piece of work owned without naming a subsystem: "This work was done by X" is what the sentence before
    described; "The change itself, contributed by X" is what the article is about (held back in ``state``
    until the article's owners of work are known)."""
    kind, noun = artifact
    if _lemma(_work_noun(noun)) not in CODE_NOUNS:
        return []  # an idea, a plan or a request is not the article's code
    named = [label for label, head in state.short.items()
             if any(c.dep_ in ("compound", "amod", "nmod") and _lemma(c) == head for c in noun.children)]
    if named:  # "his own channel implementation" in an article on network channels
        return [Link(name, label, kind, at, here) for label in named for name in names]
    if any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in noun.children) and state.previous \
            and state.previous[1][0] == here[0] and len(state.previous[0]) <= 2:
        labels, where = state.previous
        return [Link(name, label, kind, at, where) for label in labels for name in names]
    state.unnamed += [Link(name, topic, kind, at, where) for topic, where in state.subject.items() for name in names]
    return []


def _possesses_talk(token: Token) -> bool:
    """"His talk", "her Plumbers keynote", "his frank linux.conf.au 2011 keynote" (however the parser
    attaches the possessive inside the noun phrase)."""
    if _lemma(token.head) in TALK_NOUNS:
        return True
    for word in token.doc[token.i + 1:token.i + 6]:
        if _lemma(word) in TALK_NOUNS:
            return True
        if not (word.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or word.like_url):
            return False
    return False


def _leads_talk(verb: Token) -> bool:
    """"X led the discussion", "X gave a talk": a verb whose object is a talk or a session."""
    return any(c.dep_ == "dobj" and artifact_kind(c) == "presented" for c in verb.children)


def _presents(verb: Token) -> bool:
    """A verb of presenting, or one that leads to it: "X talked about", "X was there to talk about"."""
    return _lemma(verb) in PRESENT_VERBS or any(
        c.dep_ in ("xcomp", "advcl") and _lemma(c) in PRESENT_VERBS for c in verb.children)


def _descriptor(first: Token) -> Token:
    """A person named in apposition to a descriptive noun stands in its place: "pushed by longtime bufferbloat
    fighters X and Y" is "pushed by X and Y" (a role noun, "the maintainer X", is a role instead)."""
    head = first.head
    if first.dep_ == "appos" and head.pos_ == "NOUN" and not ROLE_NOUNS.get(_lemma(head)) \
            and head.dep_ in ("pobj", *SUBJECT_DEPS):
        return head
    return first


def _introduced_artifact(token: Token) -> tuple[str, Token] | None:
    """(kind, noun) of a piece of work a person is said to own or post in this sentence, if any."""
    first = _descriptor(_first_conjunct(token))
    head = first.head
    candidates = []
    if first.dep_ == "poss":
        candidates = [head]
    elif first.dep_ == "pobj" and head.lower_ == "from" and artifact_kind(head.head):
        candidates = [head.head]  # "a patch set from Pablo Neira Ayuso"
    elif first.dep_ == "pobj" and head.lower_ == "by":
        owner = head.head
        if owner.pos_ in ("VERB",) and owner.dep_ in ("acl", "relcl"):
            owner = owner.head
        elif owner.pos_ == "VERB" and _lemma(owner) in MAKE_VERBS | AUTHOR_VERBS:  # "This work was done by X"
            candidates = [c for c in owner.children if c.dep_ == "nsubjpass"]
        candidates += [owner]
    elif first.dep_ in SUBJECT_DEPS:
        candidates = [c for c in head.children if c.dep_ in ("dobj", "attr")] + _answers_with_work(head)
    for noun in candidates:
        kind = artifact_kind(noun)
        if kind and kind != "presented":
            return kind, noun
    return None


def _object_nouns(verb: Token) -> frozenset[str]:
    """The nouns a verb acts on: its object, or the object of its preposition ("working on the integration")."""
    nouns = {c for c in verb.children if c.dep_ == "dobj"}
    nouns |= {o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"}
    return frozenset(_lemma(n) for n in nouns if n.pos_ == "NOUN")


def _continues_agent(sent: Span, nouns: frozenset[str] = frozenset(), item: bool = False) -> bool:
    """A sentence about what the last person did without naming them: its subject is one of their things
    ("One is the pluggable congestion-control patch", "Another project is ..."), a piece of work, or the
    noun they were said to act on (``nouns``: "X is working on the integration of A. Integration with B is
    at the top of the list"); in an item of a list their sentence leads to (``item``), any piece of work."""
    subject = _sentence_subject(sent)
    if subject is None:
        return False
    words = {_lemma(subject)} | {c.lower_ for c in subject.children if c.dep_ in ("det", "amod")}
    if words & {"one", "another", "other"} and not _one_of_others(subject):
        return True
    owned = any(c.lower_ in ("this", "these", "his", "her", "their") for c in subject.children
                if c.dep_ in ("det", "poss"))
    if _lemma(subject) in nouns or (artifact_kind(subject) and (item or owned)):
        return True  # "These patches ...", "His code ..." (not "The tg3 driver ...", a thing of its own)
    attr = next((c for c in sent.root.children if c.dep_ == "attr"), None)
    return attr is not None and bool(({_lemma(attr)} | {c.lower_ for c in attr.children}) & {"another", "project"})


def _one_of_others(subject: Token) -> bool:
    """"One of the major roadblocks", "another audience member": one of some other things, or a person."""
    if _lemma(subject) in PERSON_NOUNS:
        return True
    return any(o.dep_ == "pobj" and o.pos_ == "NOUN" and not artifact_kind(o)
               for p in subject.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)


def _continued(sent: Span, p: int, s: int, subsystems: list[Span], people: list[tuple[Span, str]],
               state: Discourse) -> list[Link]:
    """Links a sentence that names nobody continues: the work or the talk the section is about."""
    if people and any(_first_conjunct(span.root).dep_ in SUBJECT_DEPS for span, _ in people):
        return []
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if _lemma(root) in SAY_VERBS and subject is not None and (_says(root) or not artifact_kind(subject)):
        return []  # someone's remark ("The developers disagreed"), not what a patch does ("The patches add a hook")
    owner = None
    if state.artifact and _about_artifact(sent, state.artifact[2]):
        owner = (state.artifact[0], state.artifact[1], state.artifact[3])
    elif state.artifact and state.artifact[2] in PATCH_NOUNS and not people and _describes_change(sent):
        owner = (state.artifact[0], state.artifact[1], state.artifact[3])
        subsystems = [sub for sub in subsystems if _topic_of(sub)]
    elif state.speaker and not people:
        owner = (state.speaker[0], "presented", state.speaker[1])
    elif state.agent and not people and _continues_agent(sent, state.agent_nouns, state.item):
        owner = state.agent
    if owner is None:
        return []
    names, link_kind, at = owner
    # carried, not stated: what the agent's sentence set going is taken up, and "he said" names someone
    carried = owner is not state.agent and not any(_is_pronoun_actor(t) for t in sent)
    if owner[1] == "presented" and not (state.artifact and owner[0] == state.artifact[0]):
        # a talk carries to what a sentence speaks of, and to what the title names however it is written
        # ("BPF programs" in a talk on BPF)
        subsystems = [sub for sub in subsystems if (_topic_of(sub) and _argument(sub)) or sub.label_ in state.subject]
    return [Link(name, sub.label_, link_kind, at, (p, s), carried) for sub in subsystems for name in names
            if sub.label_ not in state.broad]


def _argument(sub: Span) -> bool:
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


def _describes_change(sent: Span) -> bool:
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
    if _lemma(root) in CHANGE_RESULTS:
        return any(c.dep_ == "dobj" for c in root.children)
    return _lemma(root) in WORK_VERBS | MAKE_VERBS and any(c.dep_ == "auxpass" for c in root.children)


def _topic_of(sub: Span) -> bool:
    """Whether a subsystem is what a sentence speaks of, not a word modifying something else ("Ethernet
    frame", "TCP connections") or an example in passing ("techniques like RCU")."""
    root = head = sub.root
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head  # "the RED queue management algorithm": the noun the name modifies
    if head.i >= sub.end and _lemma(head) not in NAME_TAILS:
        return False
    for anc in root.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in ("like", "with", "including"):
            return False
        if anc.lower_ == "than" and anc.i > 0 and anc.doc[anc.i - 1].lower_ == "rather":
            return False  # "in the context of that thread, rather than in a software interrupt"
    return True


def article_links(paragraphs: list[tuple[int, str, object]], people_by_par: dict[int, list[tuple[Span, str]]],
                  subs_by_par: dict[int, list[Span]], broad: frozenset[str] = frozenset(),
                  about: list[str] | None = None, heads: dict[str, str] | None = None) -> list[Link]:
    """Every link an article states, in reading order. ``paragraphs``: (number, kind, Doc); ``broad``:
    subsystems too broad for a link that is carried rather than stated ("the networking stack"); ``about``:
    the subsystems the title names; ``heads``: the last word (lemma) of those the title names in several
    words ("network channels" → "channel"), by which the body may name them for short."""
    labels = tuple(dict.fromkeys(s for s in about or () if s not in broad))
    subject = {label: where for label in labels if (where := _first_named(label, paragraphs, subs_by_par))}
    short = {label: head for label, head in (heads or {}).items() if label in subject and head not in NAME_TAILS}
    counts = Counter(label for spans in subs_by_par.values() for label in {span.label_ for span in spans})
    recurring = frozenset(label for label, n in counts.items() if n > 2)
    state = Discourse(broad=broad, subject=subject, recurring=recurring, short=short)
    links = _read_links(paragraphs, people_by_par, subs_by_par, state)
    dominant = [speaker for speaker in sorted(state.speakers) if _dominates(speaker, people_by_par)]
    if len(dominant) == 1:
        # one speaker's talk throughout (other talks only cited): read it again, the speaker kept across headings
        state = Discourse(broad=broad, subject=subject, one_talk=dominant[0], recurring=recurring, short=short)
        links = _read_links(paragraphs, people_by_par, subs_by_par, state)
    said = Counter(span.label_ for spans in subs_by_par.values() for span in spans)
    items = {p for p, kind, _ in paragraphs if kind == "li"}
    named = {p: {name for _, name in mentions} for p, mentions in people_by_par.items()}
    return [link for link in dict.fromkeys(links + state.subject_links())
            if not _passing(link, said, items, frozenset(subject), named)]


def _passing(link: Link, said: Counter, items: set[int], subject: frozenset[str], named: dict[int, set[str]]) -> bool:
    """A talk or a piece of work carried into a sentence that names nobody, or into a paragraph that does not
    name the person, to a subsystem the article names only once, and not in its title nor in a list the
    person's sentence leads to: an example on the way, not what the talk or the work is about (readers judged
    7 of 10 such links wrong, and 5 of 6 of those carried within the person's own paragraph)."""
    at = link.subsystem_at[0]
    return link.kind in ("presented", "works_on") and (link.carried or link.person not in named.get(at, ())) \
        and said[link.subsystem] == 1 and link.subsystem not in subject and at not in items


def _first_named(label: str, paragraphs, subs_by_par: dict[int, list[Span]]) -> tuple[int, int] | None:
    """(paragraph, sentence) where the body first names a subsystem, if it does."""
    for p, _, doc in paragraphs:
        span = next((span for span in subs_by_par.get(p, []) if span.label_ == label), None)
        if span is not None:
            return p, next(s for s, sent in enumerate(doc.sents) if sent.start <= span.start < sent.end)
    return None


def _dominates(speaker: tuple[str, ...], people_by_par: dict[int, list[tuple[Span, str]]]) -> bool:
    """The speaker is named in at least three paragraphs and in more than everyone else together: the
    article is their talk, not a session where others spoke too."""
    counts = Counter(name for mentions in people_by_par.values() for name in {name for _, name in mentions})
    own = max((counts.get(name, 0) for name in speaker), default=0)
    return own >= 3 and own > sum(n for name, n in counts.items() if name not in speaker)


def _read_links(paragraphs, people_by_par, subs_by_par, state: Discourse) -> list[Link]:
    """One reading of the article, the section state kept in ``state``."""
    links: list[Link] = []
    last_sentence, last_kind = None, None
    for p, kind, doc in paragraphs:
        if kind == "h4":
            state.reset([span.label_ for span in subs_by_par.get(p, [])])
            continue
        if kind == "pre":
            continue
        if not (kind == "li" and not people_by_par.get(p)):
            state.new_paragraph(bool(people_by_par.get(p)))  # an item naming nobody continues what led to it
        elif last_kind != "li" and state.agent and state.agent[2] != last_sentence:
            # a list goes on from the sentence that leads to it: "By the time Linus released 4.8-rc1, ...
            # changesets had been merged. Interesting changes include:" lists no work of his
            state.agent, state.agent_nouns = None, frozenset()
        last_kind, state.item = kind, kind == "li" and not people_by_par.get(p)
        if kind == "quote":
            state.speaker = state.artifact = None  # quoted mail is its writer's words, not the talk's
        for s, sent in enumerate(doc.sents):
            people = [(span, name) for span, name in people_by_par.get(p, []) if sent.start <= span.start < sent.end]
            subs = [span for span in subs_by_par.get(p, []) if sent.start <= span.start < sent.end]
            links += sentence_links(sent, p, s, people, subs, state)
            named = list(dict.fromkeys(span.label_ for span in subs if span.label_ not in state.broad))
            state.previous = (named, (p, s)) if named else None
            last_sentence = (p, s)
    return list(dict.fromkeys(links))
