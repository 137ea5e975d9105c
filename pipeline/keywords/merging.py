"""One keyword, one phrase: near-duplicates of an article folded before scoring ("Homa support" into
"Homa"), and the ranked list told once per keyword ("NAPI state" is "NAPI"); pure."""

from __future__ import annotations

import functools
import re

from pipeline.keywords.vocabulary import ASPECT_WORDS, DUPLICATE_TAILS, LEADING_ASPECTS
from pipeline.terms import is_term


@functools.lru_cache(maxsize=1 << 16)
def _word_set(phrase: str) -> frozenset[str]:
    words = phrase.lower().replace("-", " ").replace("/", " ").split()
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


_ASPECTS = _word_set(" ".join(sorted(ASPECT_WORDS)))
_COMPONENT = _word_set(" ".join(sorted(DUPLICATE_TAILS | {"api"})))


def _core(phrase: str, words: frozenset[str]) -> frozenset[str]:
    """A phrase's words but those that name an aspect of what the others name: "NAPI state" is "NAPI", "core
    VFS" is "VFS"; but "user namespace", "address space" and "system call" lead with a word that names a kind
    of what follows, and are no "namespace", "space" or "call"."""
    first = _word_set(phrase.split("-", 1)[0].split(" ", 1)[0]) - LEADING_ASPECTS
    return words - (_ASPECTS - first)


def _identifiers(phrase: str) -> list[str]:
    """The code identifiers a phrase is built on ("GFP_ZERO", "skb->xmit_more"), in lower case; a C structure's
    name as C writes it or in words ("struct page", "page structure")."""
    words = phrase.split()
    named = [w.lower().strip("()") for w in words if "_" in w or "->" in w]
    if len(words) == 2 and words[0] == "struct":
        named.append(words[1].lower())
    elif len(words) == 2 and words[1].lower() in ("structure", "struct"):
        named.append(words[0].lower())
    return list(dict.fromkeys(named))


_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a"})
_ACRONYM_RE = re.compile(r"(?=(?:[a-z0-9]*[A-Z]){2})[A-Z][A-Za-z0-9]{1,7}")


def _acronym(word: str) -> str | None:
    """The acronym a word is, its plural as the acronym ("THPs" → "THP"); None for any other word."""
    bare = word[:-1] if word.endswith("s") and len(word) > 2 and word[-2].isupper() else word
    return bare if _ACRONYM_RE.fullmatch(bare) else None


@functools.lru_cache(maxsize=1 << 16)
def _spellings(phrase: str) -> tuple[frozenset[str], int]:
    """What a phrase abbreviates to, in lower case, and how many words it takes to: an acronym stands for
    itself (its plural for the acronym: "THPs"); a phrase of two words or more for its initials, a word in
    capitals kept whole and function words counted or not ("process ID" → "pid", "page-frame number" → "pfn",
    "quality of service" → "qos", "qs"). The words are counted only where a word in capitals may stand for
    several ("virtual PID", 2; 0 for "transparent huge page")."""
    if " " not in phrase:
        acronym = _acronym(phrase)
        return (frozenset({acronym.lower()}), 1) if acronym else (frozenset(), 0)
    parts = [w for w in re.split(r"[\s-]+", phrase) if w and w[0].isalpha()]
    if len(parts) < 2:
        return frozenset(), 0
    spelled = [_acronym(w) or w[0] for w in parts]
    capitals = any(len(s) > 1 for s in spelled)
    return frozenset({"".join(spelled).lower(), "".join(
        s for s, w in zip(spelled, parts) if w.lower() not in _FUNCTION_WORDS).lower()}), len(parts) if capitals else 0


def _abbreviates(short: str, counted: int, long: str, long_counted: int) -> bool:
    """Whether ``short`` abbreviates ``long``, two phrases of one spelling (``_spellings``): it counts its
    words, fewer than ``long`` if that counts its own, and its words not in capitals are ``long``'s ("PID" and
    "process ID"; "virtual PID" and "virtual process ID"; not "chunk memory allocator" and "contiguous memory
    allocator", nor "DT data" and "device-tree documentation")."""
    if not counted or (long_counted and long_counted <= counted):
        return False
    plain = {w.lower() for w in re.split(r"[\s-]+", short) if not _acronym(w)}
    return plain <= {w.lower() for w in re.split(r"[\s-]+", long)}


def distinct(ranked: list[tuple[str, float]], top: int, named: frozenset[str] = frozenset(),
             own: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """The best ``top`` phrases, one per keyword: a phrase that is another plus or minus aspect words
    ("NAPI state", "bufferbloat problem") is that keyword again, told by its shorter form unless the
    longer one is a name of its own ("TCP Fast Open"); so is a phrase that is a better-ranked one plus a
    word ("congestion window size", "classic ECN"), and a lone common word after a phrase that holds it
    ("batching" after "SKB batching"), unless it names a subsystem (``named``: "netfilter"; a name of its own,
    in ``own``, is no better-ranked one plus a word: the subsystem "BPF verifier" after "BPF", or "BPF token"
    where the title names it), and a phrase that names a better-ranked one's component by another word for it
    ("DRM API" after "DRM subsystem"). Phrases built on one code identifier ("struct task_struct",
    "task_struct structure") are one keyword, told by the shorter if one holds the other. An acronym and
    the phrase it abbreviates ("THP", "transparent huge page"; "PID", "process ID") are one keyword, told by
    the better-ranked."""
    chosen: list[tuple[str, float, frozenset[str]]] = []
    abbreviated: dict[str, list[tuple[str, int]]] = {}  # what the chosen abbreviate to (_spellings)
    by_core: dict[frozenset[str], list[int]] = {}  # two phrases differing by aspect words only share a core
    by_identifier: dict[str, int] = {}
    for phrase, score in ranked:
        words = _word_set(phrase)
        if phrase not in own and any(len(words) == len(c[2]) + 1 and c[2] < words for c in chosen):
            continue  # "congestion window size" after "congestion window": readers drop 9 in 10 of these
        spellings, counted = _spellings(phrase)
        if any(_abbreviates(phrase, counted, other, counts) or _abbreviates(other, counts, phrase, counted)
               for s in spellings for other, counts in abbreviated.get(s, ())):
            continue  # "process ID" after "PID", "THP" after "transparent huge page"
        named_by = [by_identifier[w] for w in _identifiers(phrase) if w in by_identifier]
        if named_by:  # "task_struct structure" after "struct task_struct": one identifier, one thing
            if words < chosen[named_by[0]][2]:
                chosen[named_by[0]] = (phrase, score, words)  # "GFP_ZERO" tells "GFP_ZERO allocation flag"
            continue
        core = _core(phrase, words)
        same = [i for i in by_core.get(core, ()) if words <= chosen[i][2] or chosen[i][2] < words]
        if not same and core and any(words ^ chosen[i][2] <= _COMPONENT for i in by_core.get(core, ())):
            continue  # "DRM API" after "DRM subsystem", "SCSI layer" after "SCSI subsystem": one component
        if not same and len(words) == 1 and not is_term(phrase) and phrase not in named \
                and any(words < c[2] for c in chosen):
            continue  # "batching" after "SKB batching", "dissector" after "network flow dissector"
        if not same:
            if len(chosen) < top:
                by_core.setdefault(core, []).append(len(chosen))
                by_identifier.update((w, len(chosen)) for w in _identifiers(phrase))
                for s in spellings:
                    abbreviated.setdefault(s, []).append((phrase, counted))
                chosen.append((phrase, score, words))
        elif len(same) == 1 and words < chosen[same[0]][2] and not _is_name(chosen[same[0]][0]):
            chosen[same[0]] = (phrase, score, words)
    chosen.sort(key=lambda c: -c[1])
    return [(phrase, score) for phrase, score, _ in chosen]


def _is_name(phrase: str) -> bool:
    """Every word capitalised or a term: "TCP Fast Open", "Open vSwitch", not "BPF program"."""
    return all(w[:1].isupper() or is_term(w) for w in phrase.split())


def _activity_of(phrases: set[str]) -> dict[str, str]:
    """The phrases (in lower case) that name doing what another of them names: "CPU hotplugging" is "CPU
    hotplug", "bounce buffering" is "bounce buffer". A lone word is left alone: "dereference" would take the
    place of a better-ranked "pointer dereference" that holds it."""
    written = {p.replace("-", " "): p for p in sorted(phrases)}
    same = {}
    for spaced, phrase in written.items():
        if not spaced.endswith("ing") or " " not in spaced or len(spaced.rsplit(" ", 1)[-1]) < 7:
            continue
        stem = spaced[:-3]
        for base in (stem, stem[:-1] if stem[-1] == stem[-2] else None, stem + "e"):
            if base in written:
                same[phrase] = written[base]
                break
    return same


def merge_near_duplicates(phrases: list, same: dict[str, str] | None = None) -> list:
    """Fold "X support", "X implementation" into "X" when the article also says "X": one keyword, the
    counts added; so too "X-ing" and "X" ("CPU hotplugging", "CPU hotplug"), and a phrase and the
    subsystem ``same`` says it names ("software interrupt" for "softirq"), told as the subsystem writes it
    or by the phrase said more often. ``phrases``: [(phrase, count, names_subsystem, first paragraph, in the
    title, only said by the way, a subsystem written out in full[, times a candidate only as the title's
    subject[, a subsystem's own name]])]."""
    same = {p.lower(): s.lower() for p, s in (same or {}).items()} | _activity_of({p.lower() for p, *_ in phrases})
    by_lower: dict[str, list] = {}
    for p, n, t, f, *marks in sorted(phrases, key=lambda x: (not x[2], -x[1], x[0])):
        # "CAKE" and "Cake": one, as a subsystem writes it
        key = same.get(p.lower(), p.lower())
        kept = by_lower.setdefault(key, [p, 0, t, f, *marks[:3], *[0] * len(marks[3:])])
        _fold(kept, n, t, f, *marks)
    for phrase, count, names_term, first, *marks in sorted(phrases, key=lambda x: (-len(x[0]), x[0])):
        words = phrase.split()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]).lower(), words[cut:]
            if head in by_lower and all(w.lower() in DUPLICATE_TAILS for w in tail) and phrase.lower() in by_lower:
                folded = by_lower.pop(phrase.lower())
                _fold(by_lower[head], folded[1], names_term, first, *marks[:3], *folded[7:])
                break
    return [tuple(v) for v in by_lower.values()]


def _fold(kept: list, count: int, names_term: bool, first: int, titled: bool, by_the_way: bool, spelled: bool,
          subject: int = 0, label: bool = False) -> None:
    """Add one phrase's counts and marks to those of the phrase it is one keyword with."""
    kept[1] += count
    kept[2] = kept[2] or names_term
    kept[3] = min(kept[3], first)
    kept[4] = kept[4] or titled
    kept[5] = kept[5] and by_the_way
    kept[6] = kept[6] or spelled
    if len(kept) > 7:
        kept[7] += subject
    if len(kept) > 8:
        kept[8] = kept[8] or label
