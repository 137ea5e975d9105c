"""What a section carries from sentence to sentence, and every link an article states (``article_links``).

A section keeps a little state (``Discourse``): the people named last, for "he", "she", "they"; a talk or a
piece of work once introduced, for the sentences about it that name nobody; a heading's topic; what the article
is about. ``sentence_links`` reads one sentence with it, ``article_links`` a whole article, then drops what a
reader would call an example on the way (``_passing``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.relations.clauses import actor_links
from pipeline.relations.cues import (
    about_artifact, according_to, authors_paper, continues_agent, coordinated_into, describes_change,
    introduced_artifact, is_argument, is_first_person_actor, is_instrument, is_pronoun_actor, is_topic,
    kind_of_product, names_a_subsystem, object_nouns, possesses_talk, quoted, refers_back, remarks, speaks,
    stands_for_work, used_as_tool,
)
from pipeline.relations.kinds import (
    artifact_kind, first_conjunct, leads_talk, lemma_of, patch_from, presents, says, verb_kind, work_noun,
)
from pipeline.relations.vocabulary import (
    CODE, CODE_NOUNS, CODE_PATCH_NOUNS, NAME_TAILS, PATCH_NOUNS, PLURAL_POSSESSIVES, PLURAL_PRONOUNS, PRESENT_VERBS,
    ROLE_NOUNS, SAY_VERBS, SPEAKER_VERBS, SUBJECT_DEPS, TALK_NOUNS,
)

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Span, Token


# How many following paragraphs that name nobody a talk or patch set carries into.
CARRY_PARAGRAPHS = 3


@dataclass(frozen=True)
class Link:
    person: str
    subsystem: str
    kind: str
    person_at: tuple[int, int]  # (paragraph, sentence) where the person is named
    subsystem_at: tuple[int, int]  # (paragraph, sentence) where the subsystem is
    # carried into a sentence that names nobody (a talk or a piece of work going on), not stated in it
    carried: bool = field(default=False, compare=False)
    # what a "he", "she" or "they" standing for someone an earlier sentence named says or wishes ("He suggested")
    remark: bool = field(default=False, compare=False)


@dataclass
class Discourse:
    """What a section has established so far."""

    last: list[str] = field(default_factory=list)  # the people named last (one, or a coordinated group)
    last_at: tuple[int, int] = (0, 0)
    speaker: tuple[list[str], tuple[int, int]] | None = None  # a talk that names its subject, carried on
    talkers: set[str] = field(default_factory=set)  # who the section says gave a talk
    artifact: tuple[list[str], str, str, tuple[int, int]] | None = None  # owners, kind, noun, where introduced
    artifact_at: tuple[int, int] | None = None  # the last sentence that introduced the piece of work or was about it
    topic: list[str] = field(default_factory=list)  # subsystems a heading names
    topic_at: tuple[int, int] = (0, 0)  # the heading that names them: the sentence a link to them cites
    broad: frozenset[str] = frozenset()  # subsystems too broad to carry a link to
    tools: frozenset[str] = frozenset()  # subsystems that are tools, which people use to do something else
    one_talk: tuple[str, ...] = ()  # the speaker whose talk the whole article reports: headings divide it
    speakers: set[tuple[str, ...]] = field(default_factory=set)  # every speaker the article has had
    talk_at: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)  # where each talk is first named
    agent: tuple[list[str], str, tuple[int, int]] | None = None  # who the paragraph says did something
    agent_nouns: frozenset[str] = frozenset()  # what they did it to ("working on the integration of ...")
    quiet: int = 0  # paragraphs since one named a person
    item: bool = False  # the paragraph is an item of a list that names nobody
    lead: tuple[int, int] | None = None  # the sentence that leads to the list the paragraph is an item of
    previous: tuple[list[str], tuple[int, int]] | None = None  # the last sentence's own subsystems, and where
    recent: tuple[list[str], tuple[int, int]] | None = None  # the same of the last sentence that named any
    subject: dict[str, tuple[int, int]] = field(default_factory=dict)  # what the article is about, and where
    # the body first names it: a piece of work the article introduces without naming a subsystem is that, when
    # the article has one owner of work (a group named together); with several, whose work is the subject is
    # unknown, and the links it would make are dropped
    owners: list[frozenset[str]] = field(default_factory=list)  # each group the article says owns a piece of work
    nouns: set[str] = field(default_factory=set)  # what those pieces of work are ("patch", "set", "idea")
    one_work: bool = False  # the article is one group's patches throughout: headings divide it
    unnamed: list[Link] = field(default_factory=list)  # links to the subject, kept until the owners are known
    recurring: frozenset[str] = frozenset()  # subsystems the article names in three paragraphs or more
    short: dict[str, str] = field(default_factory=dict)  # the title's subsystems by their last word ("channel")
    writer: str | None = None  # a guest article's author, whom its "I" and "my" stand for
    quoting: bool = False  # the paragraph is quoted mail: its "I" is its writer's, not the article's

    def subject_links(self) -> list[Link]:
        """The held-back links to the subject, if one group owns every piece of work in the article."""
        everyone = frozenset().union(*self.owners)
        return self.unnamed if everyone in self.owners else []

    def reset(self, topic: list[str] | None = None, at: tuple[int, int] = (0, 0)) -> None:
        self.last, self.topic, self.topic_at, self.recent = [], topic or [], at, None
        if not self.one_work:
            self.artifact = None
        if not self.one_talk:
            self.speaker, self.talkers = None, set()

    def talk_by(self, names: list[str], at: tuple[int, int], carried: bool) -> None:
        """``names`` gave a talk; ``carried``: the sentences after it that name nobody are that talk."""
        self.spoke(names, at)
        if carried:
            self.speaker = (names, at)

    def spoke(self, names: list[str], at: tuple[int, int]) -> None:
        """``names`` gave a talk, first named at ``at`` unless named earlier."""
        self.talkers.update(names)
        self.speakers.add(tuple(sorted(names)))
        self.talk_at.setdefault(tuple(sorted(names)), at)

    def new_paragraph(self, names_someone: bool) -> None:
        """A talk or a patch set carries on into the paragraphs after it that name nobody (at most
        CARRY_PARAGRAPHS of them); a person who did something carries within their paragraph only."""
        self.agent, self.agent_nouns = None, frozenset()
        self.quiet = 0 if names_someone else self.quiet + 1
        if names_someone or self.quiet > CARRY_PARAGRAPHS:
            self.artifact = None
        if self.quiet > CARRY_PARAGRAPHS:
            self.speaker = None


def _resolve_pronoun(token: Token, named_before: list[str], state: Discourse, paragraph: int) -> list[str]:
    """Who "he", "she", "they" stand for: the person named last, in the sentence or before it; in an article
    that reports one speaker's talk, the speaker, when the paragraph has named nobody yet (someone the talk
    cites in one paragraph is not the "he" of the next)."""
    lower = token.lower_
    if lower in PLURAL_PRONOUNS | PLURAL_POSSESSIVES:
        return state.last if len(state.last) > 1 else []
    if named_before:
        return named_before[-1:]
    if len(state.one_talk) == 1 and state.last_at[0] != paragraph:
        return list(state.one_talk)
    return state.last[:1] if len(state.last) == 1 else []


def sentence_links(sent: Span, p: int, s: int, people: list[tuple[Span, str]], subsystems: list[Span],
                   state: Discourse) -> list[Link]:
    """The links one sentence states or continues, updating the section's state. A subsystem written as a
    role ("networking maintainer X") makes only the link of that role."""
    links: list[Link] = []
    roles = [span for span in subsystems if lemma_of(span[-1]) in ROLE_NOUNS]
    used = [span for span in subsystems if span.label_ in state.tools and used_as_tool(span)]
    subsystems = [span for span in subsystems if span not in roles and not is_instrument(span)
                  and not (span.label_ in state.broad and kind_of_product(span))  # "Liquidio Ethernet adapters"
                  and span not in used]
    person_tokens = {t.i for span, _ in people for t in span}
    actors: list[tuple[Token, list[str], tuple[int, int]]] = [(span.root, [name], (p, s)) for span, name in people]
    hosts = [coordinated_into(span, people) for span, _ in people]
    for (span, name), host in zip(people, hosts):
        if host is not None:
            next(names for token, names, _ in actors if token.i == host.root.i).append(name)
    named_before: list[str] = []
    for token in sent:
        for span, name in people:
            if span.end <= token.i and name not in named_before:
                named_before.append(name)
        if is_pronoun_actor(token):
            referents = _resolve_pronoun(token, [n for sp, n in people if sp.end <= token.i], state, p)
            if referents:
                # named where the sentence names one of them before it, else where they were named last
                at = (p, s) if set(referents) & set(named_before) else state.last_at
                actors.append((token, referents, at))
        elif state.writer and not state.quoting and is_first_person_actor(token):
            first = first_conjunct(token)  # "Starovoitov and I decided": one subject, the writer one of it
            host = next((names for t, names, _ in actors if t.i == first.i), None) if first.i != token.i else None
            if host is not None:
                host.append(state.writer)
            else:
                actors.append((first, [state.writer], (p, s)))
    # what a guest author writes of in the article ("I discussed eBPF", "I'll cover") is no talk of theirs
    writing = set() if not state.writer or any(lemma_of(t) in TALK_NOUNS for t in sent) else {
        token.i for token, names, _ in actors if names == [state.writer] and is_first_person_actor(token)}
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
                and not set(names) & set(state.speaker[0]) and lemma_of(token.head) in SAY_VERBS | PRESENT_VERBS:
            state.speaker = None  # someone else speaks now
        talking = [n for n in names if n in state.talkers]
        # a speaker's own words: "X said ...", "Part of that solution, according to X and Y, is CoDel", on what
        # the article returns to; a subsystem two paragraphs name is an aside (readers judged 8 of 10 wrong)
        if talking and (according_to(token) or (
                token.dep_ in SUBJECT_DEPS and lemma_of(token.head) in SPEAKER_VERBS)):
            # not what another person's clause holds: "B asked if it would be zero-copy; X said that it would"
            asked = {t.i for span, other in people if other not in names and span.root.dep_ in SUBJECT_DEPS
                     for t in span.root.head.subtree} - {t.i for t in token.head.subtree}
            for sub in filter(is_topic, subsystems):
                if sub.label_ in (state.recurring | set(state.subject)) and sub.root.i not in asked and not any(
                        sub.root.i in {t.i for t in span.root.subtree} for span, other in people if other not in names):
                    links += [Link(name, sub.label_, "presented", at, (p, s)) for name in talking]
                    stated = True
        if token.dep_ == "poss" and possesses_talk(token):  # "as related in his Plumbers talk"
            # the article is that talk only if it is one talk; elsewhere, a talk cited in passing carries nothing
            state.talk_by(names, at, carried=tuple(sorted(names)) == state.one_talk)
        for kind, scope in actor_links(token, actor_ids):
            if kind == "presented" and token.i in writing:
                continue
            scope = scope - others
            reached = [sub for sub in subsystems + (roles if kind == "maintains" else [])
                       if sub.root.i in scope or any(t.i in scope for t in sub)]
            for sub in reached:
                for name in names:
                    links.append(Link(name, sub.label_, kind, at, (p, s), remark=at != (p, s) and remarks(token)))
                    stated = True
            if not reached and refers_back(scope, sent.doc):
                links += _referred_back(names, kind, at, (p, s), state)
            if kind == "presented" and authors_paper(token):
                state.talkers.update(names)  # "a new paper from X and Y": the paper is their talk, in writing
            if kind == "presented" and token.dep_ in SUBJECT_DEPS and presents(token.head):
                state.spoke(names, at)
                if any(sub.root.i in scope for sub in subsystems + used):  # "gave numbers for a netperf run": a talk
                    # in an article that is one talk, another's talk is only cited: it carries nothing
                    state.talk_by(names, at, carried=not state.one_talk or tuple(sorted(names)) == state.one_talk)
                elif leads_talk(token.head):
                    # "A and B led the discussion on ways to add that support": a session on what the article
                    # is about, whoever else owns work in it
                    links += [Link(name, topic, "presented", at, where)
                              for topic, where in state.subject.items() for name in names]
            if token.dep_ in SUBJECT_DEPS and kind != "maintains":
                state.agent, state.agent_nouns = (names, kind, at), object_nouns(token.head)
            if first_conjunct(token).dep_ in SUBJECT_DEPS + ("poss",) or first_conjunct(token).head.lower_ == "by" \
                    or patch_from(first_conjunct(token)):
                artifact = introduced_artifact(token)
                if artifact:
                    # "a couple of patches", "a new version of the series": the patches, the series
                    state.artifact = (names, artifact[0], lemma_of(work_noun(artifact[1])), at)
                    state.artifact_at = (p, s)
                    first = first_conjunct(token).i
                    state.owners.append(frozenset(n for t, group, _ in actors if first_conjunct(t).i == first
                                                  for n in group) | frozenset(names))
                    state.nouns.add(state.artifact[2])
                    if not stated and not names_a_subsystem(artifact[1], subsystems, state.broad):
                        links += _unnamed_work(artifact, names, at, (p, s), state)
    # A heading's topic goes to the people the next sentence says presented or worked on something.
    presenters = {(l.person, l.person_at) for l in links if l.kind == "presented"} | {
        (name, at) for token, names, at in actors for name in names
        if token.dep_ in SUBJECT_DEPS and verb_kind(token.head) == "presented" and token.i not in writing}
    if state.topic and not presenters and not state.last:
        # the first person a section under a topic heading quotes is its speaker ("According to X, ...")
        presenters = {(name, at) for token, names, at in actors for name in names
                      if speaks(token) and token.i not in writing}
    if state.topic and presenters:
        for person, at in sorted(presenters):
            links += [Link(person, topic, "presented", at, state.topic_at) for topic in state.topic]
        state.topic = []
    if not stated and subsystems:
        links += _continued(sent, p, s, subsystems, people, state)
    elif not people and state.artifact and (about_artifact(sent, state.artifact[2]) or (
            state.artifact_at == (p, s - 1) and stands_for_work(sent))):
        state.artifact_at = (p, s)  # "That patch was posted on May 3. It adds ...": the chain goes on
    # each mention's place in the sentence: the first member of the list it is in
    places = [(name, first_conjunct((host or span).root)) for (span, name), host in zip(people, hosts)]
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


def _referred_back(names: list[str], kind: str, at: tuple[int, int], here: tuple[int, int],
                   state: Discourse) -> list[Link]:
    """"Roland Dreier led a session which looked at this issue": the issue is what the paragraph named last, one
    or two sentences before, or what the paragraph before named last when this one opens with it ("This
    mechanism, added by X, ..." after a paragraph on xmit_more); one or two subsystems, none of them broad;
    carried, so that a subsystem said only there is an aside."""
    if state.recent is None:
        return []
    labels, where = state.recent
    opening = here[1] == 0 and where[0] == here[0] - 1
    if not (opening or (where[0] == here[0] and here[1] - where[1] <= 2)) or len(labels) > 2:
        return []
    return [Link(name, label, kind, at, where, carried=True) for label in labels for name in names]


def _unnamed_work(artifact: tuple[str, Token], names: list[str], at: tuple[int, int], here: tuple[int, int],
                  state: Discourse) -> list[Link]:
    """A piece of work owned without naming a subsystem: "This work was done by X" is what the sentence before
    described; "The change itself, contributed by X" is what the article is about (held back in ``state``
    until the article's owners of work are known)."""
    kind, noun = artifact
    if lemma_of(work_noun(noun)) not in CODE_NOUNS:
        return []  # an idea, a plan or a request is not the article's code
    named = [label for label, head in state.short.items()
             if any(c.dep_ in ("compound", "amod", "nmod") and lemma_of(c) == head for c in noun.children)]
    if named:  # "his own channel implementation" in an article on network channels
        return [Link(name, label, kind, at, here) for label in named for name in names]
    if any(c.dep_ == "det" and c.lower_ in ("this", "these") for c in noun.children) and state.previous \
            and state.previous[1][0] == here[0] and len(state.previous[0]) <= 2:
        labels, where = state.previous
        return [Link(name, label, kind, at, where) for label in labels for name in names]
    state.unnamed += [Link(name, topic, kind, at, where) for topic, where in state.subject.items() for name in names]
    return []


def _continued(sent: Span, p: int, s: int, subsystems: list[Span], people: list[tuple[Span, str]],
               state: Discourse) -> list[Link]:
    """Links a sentence that names nobody continues: the work or the talk the section is about."""
    if people and any(first_conjunct(span.root).dep_ in SUBJECT_DEPS for span, _ in people):
        return []
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    # "X posted a patch on May 3. It adds two new socket options": the patch, as "the patch" would be
    it_work = bool(state.artifact) and state.artifact_at == (p, s - 1) and not people and stands_for_work(sent)
    if lemma_of(root) in SAY_VERBS and subject is not None and (says(root) or not (artifact_kind(subject) or it_work)):
        return []  # someone's remark ("The developers disagreed"), not what a patch does ("The patches add a hook")
    owner = None
    if it_work or (state.artifact and about_artifact(sent, state.artifact[2])):
        owner = (state.artifact[0], state.artifact[1], state.artifact[3])
        state.artifact_at = (p, s)
    elif state.artifact and state.artifact[2] in PATCH_NOUNS and not people and describes_change(sent):
        owner = (state.artifact[0], state.artifact[1], state.artifact[3])
        subsystems = [sub for sub in subsystems if is_topic(sub)]
    elif state.artifact and state.item and state.artifact[3] == state.lead and state.artifact[2] in PATCH_NOUNS:
        # "Some of the changes in X's patch set include:" and the items of the list it leads to, not what a
        # reviewer is quoted saying of them
        owner = (state.artifact[0], state.artifact[1], state.artifact[3])
        subsystems = [sub for sub in subsystems if is_topic(sub) and not quoted(sub)]
    elif state.speaker and not people and not (state.agent and not set(state.agent[0]) & set(state.speaker[0])):
        # a talk goes on, unless the paragraph has someone else doing something ("X presented his netlink
        # library. [¶] Y is working on labeled networking. The current patches hook into IPsec.")
        owner = (state.speaker[0], "presented", state.speaker[1])
    elif state.agent and not people and continues_agent(sent, state.agent_nouns, state.item):
        owner = state.agent
    if owner is None:
        return []
    names, link_kind, at = owner
    # carried, not stated: what the agent's sentence set going is taken up, and "he said" names someone
    carried = owner is not state.agent and not any(is_pronoun_actor(t) for t in sent)
    if owner[1] == "presented" and not (state.artifact and owner[0] == state.artifact[0]):
        # a talk carries to what a sentence speaks of, and to what the title names however it is written
        # ("BPF programs" in a talk on BPF)
        subsystems = [sub for sub in subsystems if (is_topic(sub) and is_argument(sub)) or sub.label_ in state.subject]
    return [Link(name, sub.label_, link_kind, at, (p, s), carried) for sub in subsystems for name in names
            if sub.label_ not in state.broad]


def article_links(paragraphs: list[tuple[int, str, object]], people_by_par: dict[int, list[tuple[Span, str]]],
                  subs_by_par: dict[int, list[Span]], broad: frozenset[str] = frozenset(),
                  about: list[str] | None = None, heads: dict[str, str] | None = None,
                  report: bool = False, writer: str | None = None, tools: frozenset[str] = frozenset()) -> list[Link]:
    """Every link an article states, in reading order. ``paragraphs``: (number, kind, Doc); ``broad``:
    subsystems too broad for a link that is carried rather than stated ("the networking stack"); ``about``:
    the subsystems the title names; ``heads``: the last word (lemma) of those the title names in several
    words ("network channels" → "channel"), by which the body may name them for short; ``report``: the
    article reports a conference; ``writer``: the author of a guest article, who writes of their own work as
    "I"; ``tools``: subsystems that are tools, used to do something else ("debugged it using bpftrace"). A
    span of ``subs_by_par`` whose kb_id is ``CODE`` names its subsystem by an identifier: a mention to link,
    not where the article names the subsystem in words."""
    people_by_par = {p: [(_as_name(span), name) for span, name in mentions] for p, mentions in people_by_par.items()}
    labels = tuple(dict.fromkeys(s for s in about or () if s not in broad))
    written = {p: [span for span in spans if span.kb_id_ != CODE] for p, spans in subs_by_par.items()}
    subject = {label: where for label in labels if (where := _first_named(label, paragraphs, written))}
    short = {label: head for label, head in (heads or {}).items() if label in subject and head not in NAME_TAILS}
    counts = Counter(label for spans in written.values() for label in {span.label_ for span in spans})
    recurring = frozenset(label for label, n in counts.items() if n > 2)
    state = Discourse(broad=broad, subject=subject, recurring=recurring, short=short, writer=writer, tools=tools)
    links = _read_links(paragraphs, people_by_par, subs_by_par, state)
    # one group's patches throughout (the article reviews them: "The bulk of the patch set is ..." under a
    # heading), or one speaker's talk (other talks only cited): read it again, kept across headings
    one_work = len(set(state.owners)) == 1 and state.nouns <= CODE_PATCH_NOUNS
    dominant = [speaker for speaker in sorted(state.speakers) if _dominates(speaker, people_by_par)]
    if len(dominant) == 1 or one_work:
        one_talk = dominant[0] if len(dominant) == 1 else ()
        talk_at = state.talk_at.get(one_talk)
        state = Discourse(broad=broad, subject=subject, one_talk=one_talk, one_work=one_work, recurring=recurring,
                          short=short, writer=writer, tools=tools)
        links = _read_links(paragraphs, people_by_par, subs_by_par, state)
        if report and talk_at:  # a conference talk, reported under a title that names what it was about ("JLS2009:
            # Generic receive offload" on Herbert Xu's talk; not "Zero-copy TCP receive" on a patch set)
            links += [Link(name, topic, "presented", talk_at, where) for topic, where in subject.items()
                      for name in one_talk]
    said = Counter(span.label_ for spans in written.values() for span in spans)
    # a list the person's sentence leads to, or the heading of the person's section, is what they speak of
    items = {p for p, kind, _ in paragraphs if kind in ("li", "h4")}
    named = {p: {name for _, name in mentions} for p, mentions in people_by_par.items()}
    for p, kind, doc in paragraphs if writer else ():  # where the writer says "I", they are named
        if kind != "quote" and any(is_first_person_actor(t) for t in doc):
            named.setdefault(p, set()).add(writer)
    return _evidenced([link for link in dict.fromkeys(links + state.subject_links())
                       if not _passing(link, said, items, frozenset(subject), named)])


def _evidenced(links: list[Link]) -> list[Link]:
    """Each link with the sentences that state it; one only carried on (a talk going on through sentences that
    name nobody) with the first of them alone: thirty sentences of a talk report are no thirty statements."""
    stated = {(link.person, link.subsystem, link.kind) for link in links if not link.carried}
    kept, shown = [], set()
    for link in links:
        key = (link.person, link.subsystem, link.kind)
        if link.carried and (key in stated or key in shown):
            continue
        shown.add(key)
        kept.append(link)
    return kept


def _passing(link: Link, said: Counter, items: set[int], subject: frozenset[str], named: dict[int, set[str]]) -> bool:
    """A talk or a piece of work carried into a sentence that names nobody, or into a paragraph that does not
    name the person, or what a "he" standing for someone named before says, describes or wishes ("He suggested
    ..."; not what he does or proposes: "He also has a new netlink library", "he proposed a BPF hook"), to a
    subsystem the article names only once, and not in its title, a heading, nor a list the person's sentence
    leads to (``items``): an example on the way, not what the talk or the work is about (readers judged 7 of 10
    carried links wrong, and 7 of 8 such remarks)."""
    at = link.subsystem_at[0]
    aside = link.remark or link.kind in ("presented", "works_on") and (
        link.carried or link.person not in named.get(at, ()))
    return aside and said[link.subsystem] == 1 and link.subsystem not in subject and at not in items


def _as_name(span: Span) -> Span:
    """A name the parser read in part as something else ("Will Deacon" with "Will" an auxiliary, "Arend" of
    "Arend van Spriel" a verb): its words from the first that starts a noun phrase the rest belongs to, so
    that its role in the sentence is that of the surname."""
    for start in range(span.start, span.end):
        if span.doc[start:span.end].root.pos_ in ("PROPN", "NOUN"):
            return span.doc[start:span.end]
    return span


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
            state.reset([span.label_ for span in subs_by_par.get(p, [])], (p, 0))
            continue
        if kind == "pre":
            continue
        if not (kind == "li" and not people_by_par.get(p)):
            state.new_paragraph(bool(people_by_par.get(p)))  # an item naming nobody continues what led to it
        elif last_kind != "li" and state.agent and state.agent[2] != last_sentence:
            # a list goes on from the sentence that leads to it: "By the time Linus released 4.8-rc1, ...
            # changesets had been merged. Interesting changes include:" lists no work of his
            state.agent, state.agent_nouns = None, frozenset()
        if kind != "li":
            state.lead = None
        elif last_kind != "li":
            state.lead = last_sentence
        last_kind, state.item = kind, kind == "li" and not people_by_par.get(p)
        state.quoting = kind == "quote"
        if kind == "quote":
            state.speaker = state.artifact = None  # quoted mail is its writer's words, not the talk's
        for s, sent in enumerate(doc.sents):
            people = [(span, name) for span, name in people_by_par.get(p, []) if sent.start <= span.start < sent.end]
            subs = [span for span in subs_by_par.get(p, []) if sent.start <= span.start < sent.end]
            links += sentence_links(sent, p, s, people, subs, state)
            named = list(dict.fromkeys(span.label_ for span in subs if span.label_ not in state.broad))
            state.previous = (named, (p, s)) if named else None
            state.recent = state.previous or state.recent
            last_sentence = (p, s)
    return list(dict.fromkeys(links))
