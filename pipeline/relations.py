"""Who works on what: person ↔ subsystem pairs read off the dependency parse of one sentence.

A pair is kept when the person is the subject (or the "by" agent, or the possessor) of a verb
of working, presenting or maintaining, or of any verb whose object is a talk, patch or other
piece of work, and the subsystem sits inside that phrase (relative clauses describing the object
excluded). Roles count too: "X, the BPF maintainer", "X, who maintains tc", "X on ethtool".
"he"/"she"/"his"/"her" stand for the person named last before them, in the sentence or as the
subject of an earlier one. Sentences that merely name people and subsystems side by side give nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

WORK_VERBS = frozenset({
    "work", "rework", "develop", "maintain", "present", "implement", "write", "rewrite", "add",
    "propose", "lead", "push", "merge", "improve", "fix", "design", "create", "integrate",
    "continue", "port", "submit", "post", "demonstrate", "introduce", "contribute", "convert",
    "optimize", "optimise", "refactor", "build", "extend", "test", "benchmark", "measure",
    "describe", "talk", "discuss", "explain", "show", "start", "finish", "prototype", "clean",
    "remove", "replace", "speed", "accelerate", "enable", "support", "use", "have", "own",
    "run", "organize", "chair", "review", "experiment", "investigate", "look", "focus", "release",
    "finalize", "teach", "hack", "drive", "author", "co-maintain", "help", "bring", "move",
    "open", "give", "chase", "debug", "tune",
})
# "X, the BPF maintainer": an appositive naming a role says who maintains or works on what.
ROLE_NOUNS = frozenset({"maintainer", "co-maintainer", "developer", "author", "creator", "lead", "hacker", "expert"})
ARTIFACT_NOUNS = frozenset({
    "patch", "patchset", "series", "code", "work", "implementation", "library", "tool", "driver",
    "project", "proposal", "rewrite", "prototype", "talk", "presentation", "session", "module",
    "framework", "subsystem", "tree", "change", "effort", "benchmark", "test", "plan", "idea",
})
# Subjects that continue the previous sentence's topic person: "One is the ... patch",
# "Improving X is another project", "Integration with netfilter is at the top of the list".
CONTINUATION_NOUNS = frozenset({"one", "another", "integration", "development", "improvement", "cleanup"})
PRONOUNS = frozenset({"he", "she"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
TOPIC_PREPS = frozenset({"on", "about"})
# "X, on the netdev list", "on stage", "on behalf of": "on" phrases that are not a topic.
NOT_TOPICS = frozenset({"list", "stage", "panel", "behalf", "side", "call", "site", "day", "hand", "team", "board"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = ("advcl", "ccomp", "conj", "parataxis", "relcl", "acl")


def _first_conjunct(token: Token) -> Token:
    """The first of "A, B and C": the member that carries the list's role in the sentence."""
    for _ in range(20):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def _clause_scope(token: Token) -> Token | None:
    """The head whose phrase the person governs: the verb they are subject of, or the thing they own."""
    token = _first_conjunct(token)
    if token.dep_ in SUBJECT_DEPS:
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token.head.head
    if token.dep_ == "poss":
        return token.head
    if token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS:
        return token.head.head
    return None


def _role_scopes(token: Token) -> list[set[int]]:
    """Phrases attached to the person that state a role: appositive roles and working relative clauses."""
    first = _first_conjunct(token)
    scopes = []
    members = [first, *first.conjuncts]
    group = members if token.i in {m.i for m in members} else [token]
    for child in (c for member in group for c in member.children):
        if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
            scopes.append({t.i for t in child.subtree})
        elif child.dep_ == "relcl" and child.lemma_.lower() in WORK_VERBS:
            scopes.append({t.i for t in child.subtree})
        elif child.dep_ == "prep" and child.lower_ in TOPIC_PREPS and token.dep_ not in SUBJECT_DEPS and not any(
                c.dep_ == "pobj" and c.lemma_.lower() in NOT_TOPICS for c in child.children):
            scopes.append({t.i for t in child.subtree})  # "Ben Hutchings on the future of ethtool"
    by = token.head
    if token.dep_ == "pobj" and by.lower_ == "by" and by.head.lemma_.lower() in ARTIFACT_NOUNS:
        artifact = by.head  # "the talk by Jonathan Lemon covered io_uring", "patches by X for Y"
        if artifact.dep_ in SUBJECT_DEPS:
            verb = artifact.head
            own = [c for c in verb.children if c.i != artifact.i
                   and not (c.dep_ in CLAUSE_DEPS and any(x.dep_ in SUBJECT_DEPS for x in c.children))]
            scopes.append({t.i for c in own for t in c.subtree} | _without_relative_clauses(artifact))
        else:
            scopes.append(_without_relative_clauses(artifact))
    return scopes


def _artifact_scopes(head: Token) -> list[set[int]]:
    """Objects of a verb that are pieces of work: "followed with a talk on DSA", "posted patches for XDP"."""
    scopes = []
    for child in head.children:
        objects = [child] if child.dep_ in ("dobj", "attr") else [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else []
        for obj in objects:
            if obj.lemma_.lower() in ARTIFACT_NOUNS:
                scopes.append(_without_relative_clauses(obj))
    return scopes


def _without_relative_clauses(token: Token) -> set[int]:
    """A subtree minus the relative clauses inside it ("the API, which makes wireless extensions obsolete")."""
    tokens = {t.i for t in token.subtree}
    for t in token.subtree:
        if t.dep_ == "relcl" and t.i != token.i:
            tokens -= {u.i for u in t.subtree}
    return tokens


def _working(head: Token) -> bool:
    if head.pos_ in ("VERB", "AUX"):
        return head.lemma_.lower() in WORK_VERBS
    return head.lemma_.lower() in ARTIFACT_NOUNS or head.pos_ in ("NOUN", "PROPN")


def _scope_tokens(head: Token, actors: set[int]) -> set[int]:
    if head.dep_ in ("acl", "relcl") and head.head.i != head.i:
        # "TCP retransmission behavior on lossy links, which Ilpo has been chasing": the clause may hang
        # off the last noun of the phrase; what is worked on is the whole phrase.
        noun = head.head
        while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head.head
        return {t.i for t in noun.subtree}
    if head.pos_ in ("VERB", "AUX"):
        tokens = set()
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                continue  # the subject's own phrase is who, not what
            if child.dep_ in CLAUSE_DEPS and any(
                c.dep_ in SUBJECT_DEPS and (c.i in actors or c.lower_ in PRONOUNS | {"they", "we", "i"})
                for c in child.children
            ):
                continue  # "..., while Stephen said nothing about netfilter": another person's claim
            tokens |= _without_relative_clauses(child)
        return tokens
    tokens = _without_relative_clauses(head)
    if head.dep_ in SUBJECT_DEPS and head.head.lemma_ == "be":
        # "Ousterhout's alternative is Homa": what the possessed thing is, is theirs too
        tokens |= {t.i for c in head.head.children if c.dep_ in ("attr", "acomp") for t in c.subtree}
    return tokens


def _continues_topic(sent: Span) -> bool:
    """A sentence about the previous subject's work without naming anyone: its subject or complement is
    that work ("another project", "one"), as in a list item that starts "X is working on several things"."""
    root = sent.root
    if any(c.dep_ == "expl" for c in root.children):
        return False  # "There are plans to ...": not about the previous subject's work
    for child in root.children:
        if child.dep_ in SUBJECT_DEPS + ("attr",):
            words = {child.lemma_.lower()} | {t.lemma_.lower() for t in child.children if t.dep_ in ("det", "amod")}
            if child.lemma_.lower() in CONTINUATION_NOUNS | ARTIFACT_NOUNS or words & {"another"}:
                return True
    return False


def sentence_pairs(sent: Span, people: list[tuple[Span, str]], subsystems: list[Span],
                   previous_subject: str | None) -> tuple[list[tuple[str, str]], str | None]:
    """Pairs (person, subsystem) stated by one sentence, and the subject carried to the next sentence."""
    actors: list[tuple[Token, str, bool]] = [(span.root, person, False) for span, person in people]
    subject_person = next((p for span, p in people if span.root.dep_ in SUBJECT_DEPS), None)
    for token in sent:
        pronoun = (token.lower_ in PRONOUNS and token.dep_ in SUBJECT_DEPS) or (
            token.lower_ in POSSESSIVE_PRONOUNS and token.dep_ == "poss")
        if pronoun:
            before = [p for span, p in people if span.end <= token.i]
            referent = before[-1] if before else previous_subject
            if referent:
                actors.append((token, referent, False))
    if not people and previous_subject and _continues_topic(sent):
        actors.append((sent.root, previous_subject, True))
    pairs: list[tuple[str, str]] = []
    person_tokens = {t.i for span, _ in people for t in span}
    if subsystems and actors:
        for token, person, topic in actors:
            scopes = _role_scopes(token)
            if topic:
                scopes.append(_without_relative_clauses(token) - {t.i for c in token.children
                                                                   if c.dep_ == "advcl" for t in c.subtree})
                head = None
            else:
                head = _clause_scope(token)
            if head is not None and _working(head):
                scopes.append(_scope_tokens(head, person_tokens))
            elif head is not None and head.pos_ in ("VERB", "AUX"):
                scopes += _artifact_scopes(head)
            others = set()
            group = {token.i} | {t.i for t in token.conjuncts}
            for span, other in people:
                if other != person and span.root.i not in group:
                    others |= {t.i for t in span.root.subtree} - {t.i for t in token.subtree if t.i in range(span.start, span.end)}
            for scope in scopes:
                scope = scope - others
                for span in subsystems:
                    if span.root.i in scope or any(t.i in scope for t in span):
                        pairs.append((person, span.label_))
    carried = subject_person or (previous_subject if not people else None)
    return list(dict.fromkeys(pairs)), carried
