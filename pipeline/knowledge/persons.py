"""One right name per person: the alias table and the kernel's records, and the ways one name is written.

The same person appears as "Kirill A. Shutemov", "Kirill A Shutemov" and "Kirill Shutemov", as
"NeilBrown" and "Neil Brown", as "Pat McHardy" and "Patrick McHardy", as "Andrei Vagin" and "Andrey Vagin",
or family name first ("Zhang Rui").
A written name resolves to a known person when exactly one known person has the same name under
one of these equivalences, tried from the strictest to the loosest, or, failing all of them, when it
misspells exactly one known name by a letter ("Daniel Borkman"); names nobody knows are grouped the
same way across the corpus, so that each group has one spelling.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from pipeline.knowledge.taxonomy import fold, rows, split_aliases

POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
# A name's word with an apostrophe after its first letter: "O'Donell", "D'Souza" (not "Sant'Anna").
APOSTROPHE_NAME_RE = re.compile(r"[A-Z]['’][A-Z][a-z]+")


def strip_possessive(text: str) -> str:
    """'Herbert's' → 'Herbert'."""
    for mark in POSSESSIVE_MARKS:
        if text.endswith(mark):
            return text[: -len(mark)]
    return text

_PUNCT_RE = re.compile(r"[.,'’\"]")


def load_nicknames(path: Path) -> dict[str, tuple[str, ...]]:
    """Short given name → the given names it may stand for (lower case): "steve" → stephen, steven."""
    owners: dict[str, set[str]] = defaultdict(set)
    for _, fields in rows(path, 2):
        for short in split_aliases(fields[1]):
            owners[short.lower()].add(fields[0].lower())
    return {short: tuple(sorted(names)) for short, names in owners.items()}


def load_spellings(path: Path) -> dict[str, str]:
    """Other spelling of a given name → the name (lower case): "andrei" → andrey. A spelling is the same
    name, so, unlike a short form, it joins the people no table knows too."""
    return {other.lower(): fields[0].lower() for _, fields in rows(path, 2)
            for other in split_aliases(fields[2] if len(fields) > 2 else "")}


def _words(name: str) -> list[str]:
    return [w for w in _PUNCT_RE.sub(" ", fold(name)).lower().replace("-", " - ").split() if w]


# How German names are written without their letters: "Jörn Engel" is "Joern Engel" (and, the dots dropped,
# "Jorn Engel"), "Jürgen Groß" "Juergen Gross".
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_SPELLED_UMLAUT_RE = re.compile(r"(?<=[a-z])([ou])e(?=[a-z])")

# A misspelt name differs from the right one in one word by one letter; in shorter words, and by a changed
# letter in words of five, one letter tells apart two people's names ("Qi Zhang", "Qi Zheng"; "Shuah Khan").
MISSPELT_MIN_LETTERS = 5
MISSPELT_CHANGED_MIN_LETTERS = 6


def one_letter_apart(written: str, right: str) -> bool:
    """Whether ``written`` is ``right`` with one letter added, dropped, changed or two neighbours swapped,
    in words long enough for that to be a slip rather than another name."""
    if written == right or min(len(written), len(right)) < MISSPELT_MIN_LETTERS:
        return False
    if len(written) != len(right):
        short, long = sorted((written, right), key=len)
        return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    differ = [i for i, (a, b) in enumerate(zip(written, right)) if a != b]
    if len(differ) == 2:
        i, j = differ
        return j == i + 1 and written[i] == right[j] and written[j] == right[i]
    return len(differ) == 1 and len(written) >= MISSPELT_CHANGED_MIN_LETTERS


KEY_KINDS = ("full", "transliterated", "initials", "joined", "nickname", "reversed")


def name_keys(name: str, nicknames: dict[str, tuple[str, ...]] | None = None,
              spellings: dict[str, str] | None = None) -> dict[str, str | list[str]]:
    """Keys of a full name by kind, strictest first; two names with a key of one kind in common may be
    one person: "full" (case, accents and dots aside), "initials" (middle and trailing initials dropped), "joined"
    (spaces dropped: NeilBrown), "nickname" (Pat → Patrick), "reversed" (family name first); and
    "transliterated", the full name with German letters spelled out (Jörn → Joern) or an "oe" or "ue" after a
    letter read as one (Joern → Jorn), where it has any. A given name in another spelling (``spellings``:
    Andrei for Andrey) is keyed as the name."""
    words = _words(name)
    if words and spellings:
        words[0] = spellings.get(words[0], words[0])
    if len(words) < 2 and not (len(words) == 1 and len(name) >= 8):
        return {}
    keys = {"full": " ".join(words), "joined": "".join(w for w in words if w != "-")}
    spelled = [" ".join(_words(name.translate(_TRANSLITERATION))), _SPELLED_UMLAUT_RE.sub(r"\1", keys["full"])]
    spelled = [key for key in dict.fromkeys(spelled) if key != keys["full"]]
    if spelled:
        keys["transliterated"] = spelled
    # initials after the family name are dropped as middle ones are: "Aneesh Kumar K.V" is "Aneesh Kumar"
    end = max((i for i, w in enumerate(words) if len(w) > 1), default=len(words) - 1)
    core = [w for i, w in enumerate(words[:end + 1]) if len(w) > 1 or i in (0, end)]
    if len(core) >= 2:
        first, last = core[0], core[-1]
        keys["initials"] = f"{first} {last}"
        given = (nicknames or {}).get(first)
        if given:
            keys["nickname"] = [f"{g} {last}" for g in given]
        if len(core) == 2:
            keys["reversed"] = f"{last} {first}"
    return {kind: keys[kind] for kind in KEY_KINDS if kind in keys}


class PersonIndex:
    """Known people (canonical names) looked up by the keys of a written name."""

    def __init__(self, aliases: dict[str, str], nicknames: dict[str, tuple[str, ...]] | None = None,
                 misspellable: frozenset[str] | None = None, spellings: dict[str, str] | None = None):
        """``misspellable``: the known people a misspelt name may stand for (all of them by default)."""
        self.aliases = aliases
        self.nicknames = nicknames or {}
        self.spellings = spellings or {}
        self.known = set(aliases.values())
        self._by_key: dict[str, dict[str, set[str]]] = {kind: defaultdict(set) for kind in KEY_KINDS}
        for form, person in aliases.items():
            keys = name_keys(form, spellings=self.spellings)
            for kind, key in keys.items():
                for one in key if isinstance(key, list) else [key]:
                    self._by_key["full" if kind == "transliterated" else kind][one].add(person)
            short = keys.get("initials")
            if short:  # known by a short given name, written with the long one: "David Chinner" for Dave Chinner
                first, last = short.split(" ")
                for given in self.nicknames.get(first, ()):
                    self._by_key["nickname"][f"{given} {last}"].add(person)
        # given names: the first word of a known person's name that is no initial ("J. Bruce Fields": "bruce")
        self.first_names = frozenset(given for p in self.known if len(words := _words(p)) >= 2
                                     and (given := next((w for w in words[:-1] if len(w) > 1), None)))
        self._by_word: dict[tuple[int, str], set[tuple[str, str, str]]] = defaultdict(set)
        for person in self.known if misspellable is None else self.known & misspellable:
            key = name_keys(person, spellings=self.spellings).get("initials")
            if key:
                first, last = key.split(" ")
                self._by_word[0, first].add((first, last, person))
                self._by_word[1, last].add((first, last, person))

    def canonical(self, name: str) -> str | None:
        """The known person a written full name is, or None when none or several could be."""
        name = " ".join(name.split())
        direct = self.aliases.get(name) or self.aliases.get(fold(name))
        if direct:
            return direct
        keys = name_keys(name, self.nicknames, self.spellings)
        for kind in KEY_KINDS:
            key = keys.get(kind)
            if kind == "nickname":  # a short given name for a long one, either way round
                found = set().union(*(self._by_key["initials"].get(k, set()) for k in key or ()),
                                    self._by_key["nickname"].get(keys.get("initials"), set()))
            elif key is None:
                continue
            else:
                index = self._by_key["full" if kind in ("reversed", "transliterated") else kind]
                found = set().union(*(index.get(k, set()) for k in key)) if isinstance(key, list) else index.get(key)
            if found and len(found) == 1:
                return next(iter(found))
            if found:
                return None
        return self._misspelt(keys.get("initials"))

    def _misspelt(self, key: str | None) -> str | None:
        """The one known person whose name a written one misspells: the same given name or family name, and
        the other one letter off ("Danial Borkmann", "Arnd Bergman"). The kernel's records spell the names."""
        if key is None:
            return None
        first, last = key.split(" ")
        found = {person for f, l, person in self._by_word.get((0, first), ()) if one_letter_apart(last, l)}
        found |= {person for f, l, person in self._by_word.get((1, last), ()) if one_letter_apart(first, f)}
        return next(iter(found)) if len(found) == 1 else None


def _slips(names: dict[str, int], person: Callable[[str], str]) -> list[tuple[str, str]]:
    """(slip, name) for each full name written once that is one letter from the names of exactly one person
    written more often ("Laura Abbot" once beside "Laura Abbott", also written "Laura J. Abbott"); two names
    each written more than once are two people ("Daniel Scheller", "Daniel Schepler"). ``person``: whom a
    spelling is already known to be, by the keys it shares with others."""
    def slot(w: list[str], j: int) -> tuple:
        """The name with its j-th word left open: names in one slot differ in that word at most."""
        return len(w), j, *w[:j], *w[j + 1:]

    words = {name: _words(name) for name in names}
    slots: dict[tuple, list[str]] = defaultdict(list)
    for name, w in words.items():
        for j in range(len(w)):
            slots[slot(w, j)].append(name)
    out = []
    for name in sorted(n for n, count in names.items() if count == 1 and len(words[n]) >= 2):
        w = words[name]
        near = sorted({other for j in range(len(w)) for other in slots[slot(w, j)]
                       if names[other] > 1 and one_letter_apart(w[j], words[other][j])})
        if len({person(other) for other in near}) == 1:
            out.append((name, near[0]))
    return out


def group_unknown(names: dict[str, int], nicknames: dict[str, tuple[str, ...]] | None = None,
                  spellings: dict[str, str] | None = None) -> dict[str, str]:
    """Spellings of unknown people (with their mention counts) → one spelling per person: the fullest
    name, then the most written. Two spellings join when they share a key, or when one's given name is a short
    form of the other's and of no third spelling's."""
    parent = {n: n for n in names}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys = {name: name_keys(name, nicknames, spellings) for name in sorted(names)}
    by_key: dict[str, list[str]] = defaultdict(list)
    for name, its_keys in keys.items():
        for kind, key in its_keys.items():
            if kind == "nickname":
                continue
            # "Wu Fengguang" and "Fengguang Wu": one person written in both orders
            for one in key if isinstance(key, list) else [key]:
                by_key[f"full:{one}" if kind in ("reversed", "transliterated") else f"{kind}:{one}"].append(name)
    for members in by_key.values():
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    # "Jon Walpole" beside "Jonathan Walpole": a short given name is the one person it may stand for, as with
    # the people the tables know; beside a "Christian Novak" and a "Christopher Novak", "Chris Novak" is neither
    for name, its_keys in keys.items():
        meant = {find(other) for key in its_keys.get("nickname", []) for other in by_key.get(f"initials:{key}", [])}
        if len(meant) == 1:
            parent[find(name)] = meant.pop()
    for name, other in _slips(names, find):
        parent[find(name)] = find(other)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[find(name)].append(name)
    chosen = {}
    for members in groups.values():
        best = sorted(members, key=lambda n: (-len(_words(n)), -names[n], -len(n), n))[0]
        for member in members:
            chosen[member] = best
    return chosen
