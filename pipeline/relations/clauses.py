"""What one sentence says a person does (``actor_links``): the verb they are the subject or "by" agent of, a
role in apposition or before their name, a relative clause, a possession, a sign-off; each with the kind of
link it makes (``kinds``) and the span of the sentence it reaches (``scope``).

Pure functions of spaCy tokens; nothing here keeps state across sentences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.relations.kinds import (
    artifact_kind, credited_work, descriptor, first_conjunct, lemma_of, misparsed_patch_set, owned_work, possessed,
    posts_code, quantity_of, settled_kind, verb_kind, wished,
)
from pipeline.relations.scope import (
    antecedent, has_own_subject, misparsed_subject_of, noun_scope, participles, premodifiers, proposal_scope, takes_out,
    verb_scope, without_relative_clauses,
)
from pipeline.relations.vocabulary import (
    ATTACK_NOUNS, CODE_PATCH_NOUNS, MAKE_VERBS, NOT_TOPICS, PROPOSE_VERBS, ROLE_NOUNS, SAY_VERBS, SIGNOFF_NOUNS,
    SUBJECT_DEPS, VIEW_NOUNS,
)
from pipeline.terms import is_term

if TYPE_CHECKING:  # spaCy is imported only by a build that runs the model
    from spacy.tokens import Token


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
            if not role and child.pos_ in ("VERB", "ADJ") and child.right_edge.pos_ == "NOUN":
                role = ROLE_NOUNS.get(lemma_of(child.right_edge))  # "the wireless networking stack maintainer"
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
                    found.append((settled_kind(owned), {t.i for t in owned.subtree} | premodifiers(owned)))
                else:  # "X, who is trying to fix the 802.11 stack": what the clause says X does, as a verb would
                    found += _subject_verb_links(child, actors)
            elif child.dep_ == "prep" and child.lower_ in ("on", "about") and first.dep_ not in SUBJECT_DEPS \
                    and not any(c.dep_ == "pobj" and lemma_of(c) in NOT_TOPICS for c in child.children):
                found.append(("presented", {t.i for t in child.subtree}))  # "Ben Hutchings on ethtool"
    for clause in _who_after_employer(actor, actors):  # "X from Intel, who has been working with the IPW2100"
        if kind := verb_kind(clause):
            found.append((kind, verb_scope(clause, actors)))
    head = first.head
    if first.dep_ == "appos" and ROLE_NOUNS.get(lemma_of(head)):
        found.append((ROLE_NOUNS[lemma_of(head)], {t.i for t in head.subtree} - {t.i for t in first.subtree}
                      | _its_antecedent(head) | _named_before(head)))
    if first.dep_ in ("compound",) and ROLE_NOUNS.get(lemma_of(head)):
        found.append((ROLE_NOUNS[lemma_of(head)], {t.i for t in head.subtree} | _its_antecedent(head)))
        # "BPF maintainer Alexei", "its maintainer Alexei"
    if (verb := misparsed_subject_of(actor)) is not None and (kind := verb_kind(verb)):
        found.append((kind, verb_scope(verb, actors)))
    first = descriptor(first)
    head = first.head
    if first.dep_ in SUBJECT_DEPS:
        verb = first.head
        found += _role_as(verb) + _role_as(first)
        shared = _shared_subject_verbs(verb, actors)
        own = {t.i for conj in shared for t in conj.subtree}
        found += [(kind, scope - own) for kind, scope in _subject_verb_links(verb, actors)]
        for conj in shared:  # "X wondered whether ... and suggested that BPF should ...": each verb its own kind
            found += _subject_verb_links(conj, actors)
    elif first.dep_ == "attr" and lemma_of(head) == "be" and (role := _role_subject(head)) is not None:
        # "the principal author is said to be X", "the maintainer of tc is X": the role's noun and what it is of
        scope = {t.i for t in role.subtree} | premodifiers(role)
        clause = head.head if head.dep_ == "xcomp" else head
        if clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN"):
            scope |= without_relative_clauses(clause.head) - {t.i for t in clause.subtree}
        found.append((ROLE_NOUNS[lemma_of(role)], scope - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and (signoff := _signoff(first)) is not None:
        # "the code carries signoffs from a number of people, including X and Y": the code's authors
        found.append(("works_on", {t.i for t in signoff.sent} - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "thanks":
        clause = head.head.head  # "a CoDel patch is available thanks to X and Y"
        found.append(("works_on", {t.i for t in clause.subtree} - {t.i for t in head.head.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "from" and lemma_of(head.head) in ("come", "originate", "arrive"):
        # "RPS and RFS, both of which came from X", "The bulk of the XDP code comes from X": what came is X's
        came = [c for c in head.head.children if c.dep_ in SUBJECT_DEPS and c.i not in actors]
        found.append(("works_on", verb_scope(head.head, actors) | {t.i for c in came for t in c.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "from" and artifact_kind(owned_work(head)):
        owner = owned_work(head)  # "a patch set from Pablo Neira Ayuso that added ..."
        if misparsed_patch_set(owner):
            owner = owner.head
        found.append((artifact_kind(owner), noun_scope(owner) - {t.i for t in first.subtree}))
    elif first.dep_ == "pobj" and head.lower_ == "by":
        owner = owned_work(head)  # "patches by X for Y", "the classifier, written by X", "a talk by X"
        kind = artifact_kind(owner) or verb_kind(owner)
        passive = [c for c in owner.children if c.dep_ in ("nsubjpass", "csubjpass")] if head.dep_ == "agent" or (
            owner.i != head.head.i and owner.pos_ == "VERB") else []
        if lemma_of(owner) in MAKE_VERBS | {"run", "hold"}:
            # "The first nftables release was made by X", "Much of the work on MPTCP has been done by X", "The
            # session on XDP was run by X and Y": the kind of what was made or held
            kind = kind or next(filter(None, (artifact_kind(quantity_of(c)) for c in passive)), None)
        as_clause = owner.dep_ == "advcl" and owner.head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in owner.children)  # "a KCM socket as proposed by X"
        remark = lemma_of(owner) in SAY_VERBS and not kind  # "connection tracking, pointed out by X" is no work
        if owner.pos_ in ("VERB", "AUX") and (owner.dep_ in ("acl", "relcl") or as_clause) and owner.head.i != owner.i \
                and not remark and lemma_of(owner.head) not in ATTACK_NOUNS:
            # "The alternative, pushed by X, is called SCE": the phrase and what it is said to be; "the session on
            # XDP, run by X": a talk's
            talk = artifact_kind(owner.head) == "presented"
            scope = noun_scope(owner.head) - {t.i for t in first.subtree}
            found.append((kind or ("presented" if talk else "works_on"), scope))
        elif kind:
            scope = noun_scope(owner) if owner.pos_ in ("NOUN", "PROPN") else verb_scope(owner, actors)
            for subject in passive:  # "The BBR patch set was posted by X": what was posted is X's
                scope |= {t.i for t in subject.subtree} | (antecedent(subject) if subject.lower_ == "it" else set())
            verb = owner.head.head if owner.dep_ == "pobj" and owner.head.dep_ == "prep" else None
            if verb is not None and verb.pos_ in ("VERB", "AUX") and verb_kind(verb):
                # "that support was implemented in a series of patches by X": the clause is X's work
                scope |= {t.i for t in verb.subtree}
            found.append((kind, scope - {t.i for t in first.subtree}))
    elif first.dep_ == "poss":
        owned = possessed(head)
        kind = settled_kind(owned) or ROLE_NOUNS.get(lemma_of(owned))
        if kind:
            scope = noun_scope(owned)
            if kind == "presented" and owned.dep_ == "nsubj" and lemma_of(owned.head) == "be":
                scope |= {t.i for t in owned.head.subtree}  # "X's talk was about TCP small queues"
            found.append((kind, scope))
        elif head.pos_ in ("NOUN", "PROPN") and lemma_of(head) not in VIEW_NOUNS and lemma_of(owned) not in ATTACK_NOUNS:
            found.append(("works_on", noun_scope(head)))  # "his e1000 and tg3 cards", "Olsson's numbers"
    return found


def _shared_subject_verbs(verb: Token, actors: set[int]) -> list[Token]:
    """The verbs coordinated after a subject's verb that share its subject ("X questioned A, and said that B"),
    each a clause of its own kind: a saying verb, or one whose own kind differs from the first's. A verb of
    another form ("posted a patch meant to generalize A and add B") or right after a name ("X removed A and Y
    did B") belongs to another clause."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    first_kind = verb_kind(verb)
    return [conj for conj in verb.conjuncts if conj.i > verb.i and conj.pos_ in ("VERB", "AUX")
            and conj.tag_ == verb.tag_ and conj.i - 1 not in actors
            and not any(c.dep_ in SUBJECT_DEPS for c in conj.children)
            and (lemma_of(conj) in SAY_VERBS or verb_kind(conj) not in (None, first_kind))]


def _subject_verb_links(verb: Token, actors: set[int]) -> list[tuple[str, set[int]]]:
    """(kind, scope) of what the subject of ``verb`` does through it: the verb, what it wants or tries to do,
    what a remark proposes, and the participle clauses it governs."""
    found: list[tuple[str, set[int]]] = []
    kind = verb_kind(verb)
    if kind is None and lemma_of(verb) in MAKE_VERBS and verb.dep_ == "relcl":
        kind = artifact_kind(verb.head)  # "The main change X made removed KRSI": the change's kind
    if kind:
        found.append((kind, verb_scope(verb, actors)))
        if kind == "proposed" and posts_code(verb):
            found.append(("works_on", verb_scope(verb, actors)))  # "X posted a CHOKe implementation": code
    elif (wish := wished(verb)) is not None:
        found.append(("proposed", noun_scope(wish)))  # "expressed a desire to merge the threaded NAPI patches"
    elif lemma_of(verb) in SAY_VERBS or lemma_of(verb) == "be":
        scope = proposal_scope(verb, actors)
        if scope:
            found.append(("proposed", scope))
    elif (done := credited_work(verb)) is not None:
        found.append(("works_on", noun_scope(done)))  # "topped the list with cleanups to the iwlwifi driver"
        if lemma_of(done) in CODE_PATCH_NOUNS:
            found.append(("proposed", noun_scope(done)))  # "surfaced with a new net channels patch": posted
    negated = any(c.dep_ == "neg" for c in verb.children)  # "X should not be asked to remove Y"
    for xcomp in (c for c in verb.children if not negated and (c.dep_ == "xcomp" or (
            c.dep_ == "advcl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)))):
        kind = verb_kind(xcomp)  # "X wants to add Y", "X has been trying to fix Y", "X was there to talk about Y"
        if lemma_of(verb) in PROPOSE_VERBS and takes_out(xcomp):
            continue  # "X wants to remove the netfilter hooks"
        asks_another = any(c.dep_ == "dobj" and c.i in actors for c in verb.children)  # "asked Y to add Z"
        if kind and not has_own_subject(xcomp, actors):
            found.append(("proposed" if lemma_of(verb) in PROPOSE_VERBS or asks_another else kind,
                          verb_scope(xcomp, actors)))
    talk = verb_kind(verb) == "presented"
    for adjunct in participles(verb):  # "After describing bufferbloat to the world, X traveled to ..."
        kind = verb_kind(adjunct)
        if kind and not has_own_subject(adjunct, actors):  # "he suggested a way: moving X into Y"
            # what a talk goes on to ("X discussed NFS, adding TLS support to it") is its subject, no work
            kind = "proposed" if lemma_of(verb) in PROPOSE_VERBS else "presented" if talk else kind
            found.append((kind, verb_scope(adjunct, actors)))
    return found


def _who_after_employer(person: Token, actors: set[int]) -> list[Token]:
    """The "who" clause the parser hangs on the company after a person's name ("X from Intel, who has been
    working with ..."): a company does not work, the person does."""
    doc = person.doc
    after = doc[person.i + 1] if person.i + 1 < len(doc) else None
    if after is None or after.lower_ not in ("from", "at", "of"):
        return []
    return [c for o in after.children if o.dep_ == "pobj" and o.i not in actors and o.pos_ == "PROPN"
            for c in o.children if c.dep_ == "relcl"
            and any(s.dep_ in SUBJECT_DEPS and s.lower_ == "who" for s in c.children)]


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
    return antecedent(role)


def _parenthesised(phrase: Token) -> bool:
    """Whether a phrase is written in parentheses, as a list of contributors says what each one worked on."""
    start, end = phrase.left_edge.i, phrase.right_edge.i
    doc = phrase.doc
    return start > 0 and doc[start - 1].text == "(" and end + 1 < len(doc) and doc[end + 1].text == ")"


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


def _is_signoff(token: Token) -> bool:
    return lemma_of(token).replace("-", "") in SIGNOFF_NOUNS or (
        token.lower_ in ("off", "offs") and any(lemma_of(c) == "sign" for c in token.children if c.dep_ == "compound"))

