"""The knowledge files: the subsystem taxonomy (subsystems.tsv), the people tables (people.tsv, kernel_people.tsv),
the MAINTAINERS roles (maintainers.tsv), the config symbols (kconfig.tsv); reading them, and writing the
generated ones.

subsystems.tsv holds two kinds of row in one table: ``curated`` rows, kept by hand (concepts with no
MAINTAINERS entry, and the usual names of the big subsystems), and ``kernel`` rows, written by the
importer from the kernel's records. A curated row may name its MAINTAINERS entry; the importer then
fills its ``kernel_aliases`` from the records and leaves the rest of the row as it is.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError

# Letters that Unicode does not decompose into ASCII ones.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})

EXACT_CASE_MAX_LEN = 5
MAX_JOINED_WORDS = 4  # a name of more words is written one way
SUBSYSTEM_COLUMNS = ("subsystem", "category", "aliases", "kernel_entry", "kernel_aliases", "source")
CATEGORIES = ("protocol", "core", "offload", "qos", "filtering", "security", "wireless", "driver", "hardware",
              "virtualization", "routing", "bpf", "tooling", "performance", "programmability", "storage", "kernel")


def fold(text: str) -> str:
    """Accent-free form of a name: 'Toke Høiland-Jørgensen' → 'Toke Hoiland-Jorgensen'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Term:
    alias: str
    canonical: str
    exact_case: bool
    joined: bool = False  # the alias with its words joined the other way ("Foo-over-UDP"), no written form


@dataclass(frozen=True)
class Subsystem:
    name: str
    category: str
    kernel_entry: str = ""
    source: str = "curated"


@dataclass
class SubsystemRow:
    name: str
    category: str
    aliases: list[str] = field(default_factory=list)
    kernel_entry: str = ""
    kernel_aliases: list[str] = field(default_factory=list)
    source: str = "curated"

    def cells(self) -> list[str]:
        return [self.name, self.category, "|".join(self.aliases), self.kernel_entry, "|".join(self.kernel_aliases),
                self.source]


def read_lines(path: Path) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise PipelineError(f"{path}: cannot read ({err.strerror})") from err


def rows(path: Path, min_fields: int):
    """(line number, fields) of a TSV knowledge file, after its comment lines and header."""
    header_seen = False
    for lineno, line in enumerate(read_lines(path), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(fields) < min_fields or not fields[0].strip():
            raise PipelineError(f"{path}:{lineno}: expected {min_fields} tab-separated fields")
        yield lineno, [f.strip() for f in fields]


def comments(path: Path) -> list[str]:
    """The leading comment lines of a knowledge file (its description and provenance)."""
    out = []
    for line in read_lines(path):
        if not line.startswith("#"):
            break
        out.append(line)
    return out


def write_tsv(path: Path, comment_lines: list[str], columns: tuple[str, ...] | list[str], data: list[list[str]]) -> None:
    """Write a knowledge file atomically: comment lines, a header, then one row per line."""
    from pipeline.tables import atomic_write_bytes

    lines = [*comment_lines, "\t".join(columns)]
    for cells in data:
        if any("\t" in c or "\n" in c for c in cells):
            raise PipelineError(f"{path}: a cell holds a tab or newline: {cells}")
        lines.append("\t".join(cells).rstrip("\t") if not cells[-1] else "\t".join(cells))
    atomic_write_bytes(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))


def split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def read_subsystem_rows(path: Path) -> list[SubsystemRow]:
    out, seen = [], set()
    for lineno, fields in rows(path, 2):
        fields = fields + [""] * (len(SUBSYSTEM_COLUMNS) - len(fields))
        name, category = fields[0], fields[1]
        if name in seen:
            raise PipelineError(f"{path}:{lineno}: subsystem {name!r} is listed twice")
        if category not in CATEGORIES:
            raise PipelineError(f"{path}:{lineno}: unknown category {category!r} (one of {', '.join(CATEGORIES)})")
        seen.add(name)
        out.append(SubsystemRow(name, category, split_aliases(fields[2]), fields[3], split_aliases(fields[4]),
                                fields[5] or "curated"))
    return out


def _term(alias: str, canonical: str) -> Term:
    exact = alias.startswith("=")
    alias = alias.lstrip("=")
    return Term(alias, canonical, exact or len(alias) <= EXACT_CASE_MAX_LEN)


def number_variants(term: Term) -> list[Term]:
    """The term and its other grammatical number: "network channels" for "network channel" and back.
    Only for phrases matched without case whose last word is an ordinary lower-case word."""
    if term.exact_case:
        return [term]
    head, _, last = term.alias.rpartition(" ")
    if not (last.isalpha() and last.islower() and len(last) >= 4):
        return [term]
    if last.endswith("ss") or not last.endswith("s"):
        other = last + ("es" if last.endswith(("sh", "ch", "x", "ss")) else "s")
    elif last.endswith(("ches", "shes", "xes", "sses")):
        other = last[:-2]
    else:
        other = last[:-1]
    return [term, Term(f"{head} {other}".strip(), term.canonical, False)]


def family_variants(term: Term) -> list[Term]:
    """The term and its twin socket-family constant: "PF_CAN" for "AF_CAN" and back (the kernel's socket.h
    defines each PF_ constant as its AF_ one)."""
    match = re.fullmatch(r"(AF|PF)_([A-Z0-9]+)", term.alias)
    if not match:
        return [term]
    return [term, Term(f"{'PF' if match[1] == 'AF' else 'AF'}_{match[2]}", term.canonical, True)]


def joiner_variants(term: Term) -> list[Term]:
    """The term with each space between its words written as a hyphen, and each hyphen as a space:
    "Foo-over-UDP" for "Foo over UDP", "receive side scaling" for "receive-side scaling" (up to four words,
    each beginning and ending with a letter or digit)."""
    parts = re.split(r"([ -])", term.alias)
    words, joins = parts[0::2], parts[1::2]
    if not 2 <= len(words) <= MAX_JOINED_WORDS or not all(w[:1].isalnum() and w[-1:].isalnum() for w in words):
        return [term]
    return [term] + [Term(words[0] + "".join(j + w for j, w in zip(combo, words[1:])), term.canonical, term.exact_case,
                          True) for combo in itertools.product(" -", repeat=len(joins)) if list(combo) != joins]


def load_subsystems(path: Path) -> tuple[dict[str, Subsystem], list[Term]]:
    """Subsystems by name, and every term (canonical names and aliases) that names one.

    A hand-kept alias that another row also claims is an error; a kernel alias that a hand-kept one
    already claims gives way to it.
    """
    subsystems: dict[str, Subsystem] = {}
    terms: dict[tuple[str, bool], Term] = {}
    kernel_terms: list[Term] = []
    for row in read_subsystem_rows(path):
        subsystems[row.name] = Subsystem(row.name, row.category, row.kernel_entry, row.source)
        hand = [row.name, *row.aliases] if row.source == "curated" else []
        for alias in hand:
            term = _term(alias, row.name)
            key = (term.alias if term.exact_case else term.alias.lower(), term.exact_case)
            other = terms.get(key)
            if other and other.canonical != row.name:
                raise PipelineError(f"{path}: alias {term.alias!r} names both {other.canonical!r} and {row.name!r}")
            terms[key] = term
        # A kernel row's name is matched only when the importer also listed it as an alias.
        kernel = row.kernel_aliases if row.source == "curated" else [*row.aliases, *row.kernel_aliases]
        kernel_terms += [_term(a, row.name) for a in kernel]
    # Written forms first, then the other number of each and the other joining of its words, where no other term
    # already says it.
    written = list(terms.values()) + kernel_terms
    variants = [v for t in written for v in number_variants(t)[1:] + family_variants(t)[1:]]
    variants += [v for t in written + variants for v in joiner_variants(t)[1:]]
    for term in [*kernel_terms, *variants]:
        key = (term.alias if term.exact_case else term.alias.lower(), term.exact_case)
        terms.setdefault(key, term)
    return subsystems, sorted(terms.values(), key=lambda t: (t.canonical, t.alias))


def load_people(*paths: Path) -> dict[str, str]:
    """Map every known way of writing a person's name (and its accent-free form) to the canonical name.

    The first file is the hand-kept table, where an alias naming two people is an error; later files
    (the kernel's records) join a row to the person one of its spellings already names, in any case
    (CREDITS writes "Hideaki YOSHIFUJI").
    """
    return people_aliases(*((path, list(rows(path, 1))) for path in paths))


def people_aliases(*tables: tuple[Path, list[tuple[int, list[str]]]]) -> dict[str, str]:
    """``load_people`` over tables already read: (path, its rows) each."""
    aliases: dict[str, str] = {}
    lower: dict[str, str] = {}
    for index, (path, table) in enumerate(tables):
        for lineno, fields in table:
            forms = [fields[0]] + split_aliases(fields[1] if len(fields) > 1 else "")
            forms = list(dict.fromkeys(f for form in forms for f in (form, fold(form))))
            if index == 0:
                for form in forms:
                    other = aliases.get(form)
                    if other and other != fields[0]:
                        raise PipelineError(f"{path}:{lineno}: alias {form!r} names both {other!r} and {fields[0]!r}")
                    aliases[form] = fields[0]
                    lower.setdefault(form.lower(), fields[0])
                continue
            person = next((aliases[f] for f in forms if f in aliases), None) or next(
                (lower[f.lower()] for f in forms if f.lower() in lower), fields[0])
            for form in forms:
                aliases.setdefault(form, person)
                lower.setdefault(form.lower(), person)
    return aliases


def load_list(path: Path) -> frozenset[str]:
    """The entries of a one-per-line knowledge file: each line's first tab-separated field, comments left out."""
    return frozenset(l.split("\t", 1)[0].strip() for l in read_lines(path) if l.strip() and not l.startswith("#"))


def load_stopphrases(path: Path) -> frozenset[str]:
    return frozenset(entry.lower() for entry in load_list(path))


# The words a mailing list's name gives its audience by: "linux-kernel", "netfilter-devel", "tipc-discussion".
LIST_NAME_WORDS = frozenset({"linux", "kernel", "dev", "devel", "developer", "discuss", "discussion", "users", "list",
                             "general", "technical", "feedback", "bugreport"})


def load_mailing_lists(path: Path, names: frozenset[str]) -> frozenset[str]:
    """The kernel's mailing lists that are only lists, in lower case, each also as "<list> list": written with a
    hyphen and a word of a list's audience ("linux-kernel", "dri-devel"), and not among the topic ``names``
    ("open-iscsi", "linux-next"). A list called as its subject is ("netdev", "bpf", "kvm") is left to the words."""
    lists = {fields[0].lower() for _, fields in rows(path, 1)}
    only = {name for name in lists if "-" in name and name not in names
            and LIST_NAME_WORDS & set(name.replace(".", "-").split("-"))}
    return frozenset(only | {f"{name} list" for name in only})
