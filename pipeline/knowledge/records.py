"""Readers of the Linux kernel's own records: MAINTAINERS, Kconfig, Documentation titles, CREDITS, .mailmap.

Pure functions from a record's text to plain records; the importer decides what becomes knowledge.
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from dataclasses import dataclass, field

_PERSON_RE = re.compile(r'^\s*(?:"(?P<quoted>[^"]+)"|(?P<name>[^<]*?))\s*(?:\((?P<note>[^)]*)\))?\s*<(?P<email>[^>]+)>')
_FIELD_RE = re.compile(r"^(?P<tag>[A-Z]):\s*(?P<value>.*)$")


@dataclass
class Person:
    name: str
    email: str
    goes_by: str = ""  # the name with the nickname the record gives: "Venki Pallipadi", "Rusty Russell"


@dataclass
class Entry:
    """One MAINTAINERS entry."""

    name: str
    maintainers: list[Person] = field(default_factory=list)
    reviewers: list[Person] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    status: str = ""
    files: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    regexes: list[str] = field(default_factory=list)

    def covers(self, path: str) -> int:
        """How specifically the entry's F: patterns cover a path: the length of the longest matching
        pattern, 0 when none does (X: exclusions win)."""
        if any(_file_match(pattern, path) for pattern in self.excluded):
            return 0
        return max((len(pattern) for pattern in self.files if _file_match(pattern, path)), default=0)


def _file_match(pattern: str, path: str) -> bool:
    """MAINTAINERS F: semantics: a trailing slash covers everything below, otherwise a shell glob on
    the path (a pattern without wildcards names a file or a directory)."""
    if pattern.endswith("/"):
        return path.startswith(pattern) or path == pattern.rstrip("/")
    if fnmatch.fnmatchcase(path, pattern):
        return True
    if not any(c in pattern for c in "*?["):
        return path.startswith(pattern.rstrip("/") + "/")
    return False


def parse_person(value: str) -> Person | None:
    """'Name <email>', '"Name" <email>', 'Name (note) <email>'; None for a bare address (a list or alias)."""
    match = _PERSON_RE.match(value)
    if not match:
        return None
    name = (match.group("quoted") or match.group("name") or "").strip()
    if not name or "@" in name:
        return None
    return Person(plain_name(name), match.group("email").strip().lower(), nickname_name(name))


# A nickname or handle a record adds to a name: "(Venki)", '"Frieder"', "`Rusty'", "'Blaisorblade'".
_ADDED_RE = re.compile(r"\s*\(([^)]*)\)|\s*\"([^\"]*)\"|\s*`([^`']*)'|(?<=\s)'([^']*)'(?=\s)")


# An accent written as TeX writes it, as CREDITS does once ('G\"unter'): the accent's combining mark.
_TEX_ACCENT_RE = re.compile(r"\\([\"'`^~])\{?([A-Za-z])\}?")
_TEX_MARKS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303"}


def tex_accents(text: str) -> str:
    """A name with its TeX accents written as letters: 'G\\"unter Windau' → "Günter Windau"."""
    return unicodedata.normalize("NFC", _TEX_ACCENT_RE.sub(lambda m: m.group(2) + _TEX_MARKS[m.group(1)], text))


def plain_name(name: str) -> str:
    """A name as prose writes it, without the nickname or handle a record adds: "Venkatesh Pallipadi (Venki)",
    'Siegfried "Frieder" Loeffler', "Paul `Rusty' Russell" → "Venkatesh Pallipadi", "Siegfried Loeffler",
    "Paul Russell"."""
    name = tex_accents(name)
    bare = _ADDED_RE.sub(" ", name)
    return " ".join((bare if bare.strip() else name).split())


def nickname_name(name: str) -> str:
    """The name a person goes by when the record adds a nickname that reads as a given name: "Paul `Rusty'
    Russell" → "Rusty Russell", "Venkatesh Pallipadi (Venki)" → "Venki Pallipadi"; empty for none, or for a
    handle ("(dg1sek)", "(AKA BuGless)", "(FlatCap)")."""
    name = tex_accents(name)
    plain = plain_name(name).split()
    added = [next(g for g in m.groups() if g is not None).strip() for m in _ADDED_RE.finditer(name)]
    nick = next((a for a in added if re.fullmatch(r"[A-Z][a-z]+", a)), None)
    return f"{nick} {plain[-1]}" if nick and len(plain) >= 2 else ""


def parse_maintainers(text: str) -> list[Entry]:
    """Every entry of a MAINTAINERS file, in file order."""
    lines = text.splitlines()
    start = 0
    for i, line in enumerate(lines):
        if line.strip() == "Maintainers List":
            start = i + 2
            break
    entries: list[Entry] = []
    current: Entry | None = None
    for line in lines[start:]:
        if not line.strip():
            current = None
            continue
        match = _FIELD_RE.match(line)
        if match and current is not None:
            tag, value = match.group("tag"), match.group("value").strip()
            if tag in ("M", "R"):
                person = parse_person(value)
                if person:
                    (current.maintainers if tag == "M" else current.reviewers).append(person)
            elif tag == "L":
                current.lists.append(value.split()[0].lower() if value else "")
            elif tag == "S":
                current.status = value
            elif tag == "F":
                current.files.append(value)
            elif tag == "X":
                current.excluded.append(value)
            elif tag == "K":
                current.keywords.append(value)
            elif tag == "N":
                current.regexes.append(value)
            continue
        if current is None and not line.startswith((" ", "\t", ".")):
            current = Entry(line.strip())
            entries.append(current)
    return entries


@dataclass
class Symbol:
    """One Kconfig symbol with its prompt and help text."""

    name: str
    path: str
    kind: str = ""
    prompt: str = ""
    help: str = ""
    depends: list[str] = field(default_factory=list)


_PROMPT_RE = re.compile(r'^\s+(?P<kind>bool|tristate|string|int|hex|prompt|def_bool|def_tristate)\b\s*(?:"(?P<prompt>[^"]*)")?')


def parse_kconfig(text: str, path: str) -> list[Symbol]:
    """Symbols of one Kconfig file (``path`` is its place in the tree, e.g. 'net/ipv4/Kconfig')."""
    symbols: list[Symbol] = []
    current: Symbol | None = None
    in_help = False
    help_indent = None
    help_lines: list[str] = []

    def close_help():
        nonlocal in_help, help_lines, help_indent
        if current is not None and help_lines:
            current.help = " ".join(" ".join(help_lines).split())
        in_help, help_lines, help_indent = False, [], None

    for line in text.splitlines():
        stripped = line.strip()
        if in_help:
            indent = len(line) - len(line.lstrip())
            if not stripped:
                help_lines.append("")
                continue
            if help_indent is None:
                help_indent = indent
            if indent >= help_indent and indent > 0:
                help_lines.append(stripped)
                continue
            close_help()
        words = stripped.split()
        if not words:
            continue
        if words[0] in ("config", "menuconfig") and len(words) > 1 and not line[0].isspace():
            close_help()
            current = Symbol(words[1], path)
            symbols.append(current)
            continue
        if words[0] in ("menu", "endmenu", "if", "endif", "choice", "endchoice", "source", "comment") and not line[0].isspace():
            close_help()
            current = None
            continue
        if current is None:
            continue
        if words[0] in ("help", "---help---"):
            in_help = True
            continue
        match = _PROMPT_RE.match(line)
        if match:
            if match.group("kind") != "prompt":
                current.kind = current.kind or match.group("kind").replace("def_", "")
            if match.group("prompt") and match.group("kind") in ("bool", "tristate", "string", "int", "hex", "prompt"):
                current.prompt = current.prompt or match.group("prompt")
        elif words[0] == "depends" and len(words) > 2:
            current.depends.append(" ".join(words[2:]))
    close_help()
    return symbols


def split_concatenated_kconfig(text: str) -> list[tuple[str, str]]:
    """(path, text) of each file in a concatenation where every file follows a '# ==== path' line."""
    files: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# ==== "):
            files.append((line[len("# ==== "):].strip(), []))
        elif files:
            files[-1][1].append(line)
    return [(path, "\n".join(lines)) for path, lines in files]


def rst_title(text: str) -> str | None:
    """The title of a reStructuredText document: the first line underlined (or over- and underlined)."""
    lines = [line.rstrip() for line in text.splitlines()]
    for i in range(len(lines) - 1):
        line, below = lines[i], lines[i + 1]
        if line.strip() and not line.startswith((".. ", ":")) and below and len(set(below.strip())) == 1 \
                and below.strip()[0] in "=-~*#^\"'`+" and len(below.strip()) >= len(line.strip()) - 1:
            if set(line.strip()) <= set("=-~*#^\"'`+"):
                continue
            return line.strip()
    return None


def parse_credits(text: str) -> list[Person]:
    """(name, first email) of every CREDITS record."""
    people: list[Person] = []
    name = email = None
    goes_by = ""
    for line in text.splitlines() + [""]:
        if line.startswith("N:"):
            if name:
                people.append(Person(name, email or "", goes_by))
            name, email, goes_by = plain_name(line[2:]), None, nickname_name(line[2:])
        elif line.startswith("E:") and name and email is None:
            email = line[2:].strip().lower()
        elif not line.strip() and name:
            people.append(Person(name, email or "", goes_by))
            name = email = None
    return people


_MAILMAP_RE = re.compile(r"^(?P<proper>[^<#]*?)\s*<(?P<proper_email>[^>]+)>\s*(?:(?P<commit>[^<#]*?)\s*<(?P<commit_email>[^>]+)>)?")


def parse_mailmap(text: str) -> list[tuple[Person, Person | None]]:
    """(canonical person, the spelling or address it replaces) for every .mailmap line that names someone."""
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        match = _MAILMAP_RE.match(line)
        if not match or not match.group("proper").strip():
            continue
        written = match.group("proper")
        proper = Person(plain_name(written), match.group("proper_email").lower(), nickname_name(written))
        other = None
        if match.group("commit_email"):
            other = Person(" ".join((match.group("commit") or "").split()), match.group("commit_email").lower())
        pairs.append((proper, other))
    return pairs


_DEFINE_RE = re.compile(r"^\s*#\s*define\s+(?P<name>[A-Z][A-Z0-9_]+)\b", re.M)
_ENUM_MEMBER_RE = re.compile(r"^\s+(?P<name>[A-Z][A-Z0-9_]+)\s*(?:=[^,\n]*)?,?\s*(?:/[*/].*)?$", re.M)


def uapi_constants(text: str, prefixes: tuple[str, ...], enum_prefixes: tuple[str, ...] = ()) -> list[str]:
    """The constants a user-space API header defines with one of ``prefixes`` (``#define SO_REUSEPORT 15``),
    or lists in an enum with one of ``enum_prefixes`` (``BPF_PROG_TYPE_XDP,``); in order, without the
    bookkeeping ones (``__TCP_NLA_MAX``, ``IFLA_UNSPEC``) or the header's include guard."""
    found = [m.group("name") for m in _DEFINE_RE.finditer(text) if m.group("name").startswith(prefixes)]
    found += [m.group("name") for m in _ENUM_MEMBER_RE.finditer(text) if m.group("name").startswith(enum_prefixes)]
    return [n for n in dict.fromkeys(found)
            if not n.endswith(("_MAX", "_UNSPEC", "_H", "_BASE", "_SIZE", "_LEN")) and "_NLA_" not in n
            and "_ATTR_" not in n]


@dataclass
class Records:
    """The kernel's records as read from a source tree or a records folder."""

    version: str
    sources: list[str]
    entries: list[Entry]
    symbols: list[Symbol]
    docs: list[tuple[str, str]]
    credits: list[Person]
    mailmap: list[tuple[Person, Person | None]]
    constants: list[tuple[str, str]] = field(default_factory=list)  # (uapi constant, header)
    uapi_version: str = ""
