"""The subsystem taxonomy (pipeline/data/subsystems.tsv) and the people alias table (people.tsv)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

# Letters that Unicode does not decompose into ASCII ones.
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})

EXACT_CASE_MAX_LEN = 5


def fold(text: str) -> str:
    """Accent-free form of a name: 'Toke Høiland-Jørgensen' → 'Toke Hoiland-Jorgensen'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Term:
    alias: str
    canonical: str
    exact_case: bool


@dataclass(frozen=True)
class Subsystem:
    name: str
    category: str


def _rows(path: Path, min_fields: int):
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise PipelineError(f"{path}: cannot read ({err.strerror})") from err
    header_seen = False
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(fields) < min_fields or not fields[0].strip():
            raise PipelineError(f"{path}:{lineno}: expected {min_fields} tab-separated fields")
        yield lineno, [f.strip() for f in fields]


def _split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _term(alias: str, canonical: str) -> Term:
    exact = alias.startswith("=")
    alias = alias.lstrip("=")
    return Term(alias, canonical, exact or len(alias) <= EXACT_CASE_MAX_LEN)


def load_subsystems(path: Path) -> tuple[dict[str, Subsystem], list[Term]]:
    """Subsystems by name, and every term (canonical names and aliases) that names one."""
    subsystems: dict[str, Subsystem] = {}
    terms: dict[tuple[str, bool], Term] = {}
    for lineno, fields in _rows(path, 2):
        name, category = fields[0], fields[1]
        if name in subsystems:
            raise PipelineError(f"{path}:{lineno}: subsystem {name!r} is listed twice")
        subsystems[name] = Subsystem(name, category)
        for alias in [name] + _split_aliases(fields[2] if len(fields) > 2 else ""):
            term = _term(alias, name)
            key = (term.alias if term.exact_case else term.alias.lower(), term.exact_case)
            other = terms.get(key)
            if other and other.canonical != name:
                raise PipelineError(f"{path}:{lineno}: alias {term.alias!r} names both {other.canonical!r} and {name!r}")
            terms[key] = term
    return subsystems, list(terms.values())


def load_people(path: Path) -> dict[str, str]:
    """Map every known way of writing a person's name (and its accent-free form) to the canonical name."""
    aliases: dict[str, str] = {}
    for lineno, fields in _rows(path, 1):
        person = fields[0]
        for alias in [person] + _split_aliases(fields[1] if len(fields) > 1 else ""):
            for form in {alias, fold(alias)}:
                other = aliases.get(form)
                if other and other != person:
                    raise PipelineError(f"{path}:{lineno}: alias {form!r} names both {other!r} and {person!r}")
                aliases[form] = person
    return aliases


def load_stopphrases(path: Path) -> frozenset[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise PipelineError(f"{path}: cannot read ({err.strerror})") from err
    return frozenset(l.strip().lower() for l in lines if l.strip() and not l.startswith("#"))
