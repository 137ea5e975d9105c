"""Who works on what: person ↔ subsystem pairs read off the dependency parse of one sentence.

A pair is kept when the person is the subject (or the "by" agent, or the possessor) of a verb
of working, presenting or maintaining, and the subsystem sits inside that verb's phrase. A
"he"/"she" subject stands for the last person named as a subject earlier in the paragraph.
Sentences that merely name people and subsystems side by side give nothing.
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
PRONOUNS = frozenset({"he", "she"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = ("advcl", "ccomp", "conj", "parataxis", "relcl", "acl")


def _clause_scope(token: Token) -> Token | None:
    """The head whose phrase the person governs: the verb they are subject of, or the thing they own."""
    seen = 0
    while token.dep_ == "conj" and token.head is not token and seen < 20:
        token = token.head
        seen += 1
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
    first = token
    seen = 0
    while first.dep_ == "conj" and first.head is not first and seen < 20:
        first = first.head
        seen += 1
    scopes = []
    group = [first, *first.conjuncts] if token in (first, *first.conjuncts) else [token]
    for child in (c for member in group for c in member.children):
        if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
            scopes.append({t.i for t in child.subtree})
        elif child.dep_ == "relcl" and child.lemma_.lower() in WORK_VERBS:
            scopes.append({t.i for t in child.subtree})
    return scopes


def _working(head: Token) -> bool:
    if head.pos_ in ("VERB", "AUX"):
        return head.lemma_.lower() in WORK_VERBS
    return head.lemma_.lower() in ARTIFACT_NOUNS or head.pos_ in ("NOUN", "PROPN")


def _scope_tokens(head: Token, actors: set[int]) -> set[int]:
    if head.dep_ in ("acl", "relcl") and head.head is not head:
        return {t.i for t in head.head.subtree}
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
            tokens.update(t.i for t in child.subtree)
        return tokens
    return {t.i for t in head.subtree}


def sentence_pairs(sent: Span, people: list[tuple[Span, str]], subsystems: list[Span],
                   previous_subject: str | None) -> tuple[list[tuple[str, str]], str | None]:
    """Pairs (person, subsystem) stated by one sentence, and the subject carried to the next sentence."""
    actors: list[tuple[Token, str]] = [(span.root, person) for span, person in people]
    subject_person = next((p for span, p in people if span.root.dep_ in SUBJECT_DEPS), None)
    if not people and previous_subject:
        for token in sent:
            if token.lower_ in PRONOUNS and token.dep_ in SUBJECT_DEPS:
                actors.append((token, previous_subject))
                break
    pairs: list[tuple[str, str]] = []
    person_tokens = {t.i for span, _ in people for t in span}
    if subsystems and actors:
        for token, person in actors:
            scopes = _role_scopes(token)
            head = _clause_scope(token)
            if head is not None and _working(head):
                scopes.append(_scope_tokens(head, person_tokens))
            for scope in scopes:
                for span in subsystems:
                    if span.root.i in scope or any(t.i in scope for t in span):
                        pairs.append((person, span.label_))
    carried = subject_person or (previous_subject if not people else None)
    return list(dict.fromkeys(pairs)), carried
