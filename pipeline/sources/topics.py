"""LWN's index entries, one spelling whatever the input.

A page links an entry as "Networking/eXpress Data Path (XDP)" with the anchor
``#Networking-eXpress_Data_Path_XDP``; the knowbase's front matter carries the anchor with its
underscores turned into spaces ("Networking-eXpress Data Path XDP"), so punctuation, underscores and
the level separator are lost there. Both are reduced to the anchor's characters, with "/" between
levels: "Networking/eXpress Data Path XDP". Where the level separator is a hyphen, the top-level
entries LWN's kernel index has (``lwn_index.txt``) say which hyphen it is ("Read-copy-update" is one
entry, "Development model-User-space ABI" two levels).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.config import LWN_INDEX_FILE as INDEX_FILE

# What survives in an LWN index anchor: letters, digits, spaces and a few joiners.
_DROPPED_RE = re.compile(r"[^\w\s./+-]|_")


@lru_cache(maxsize=1)
def top_level_entries(path: Path = INDEX_FILE) -> frozenset[str]:
    """Top-level entries of LWN's kernel index, in their anchor spelling."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(anchor_form(l) for l in lines if l.strip() and not l.startswith("#"))


def anchor_form(text: str) -> str:
    """An entry reduced to what its anchor keeps: "SO_REUSEPORT" → "SO REUSEPORT"."""
    return " ".join(_DROPPED_RE.sub(" ", text).split())


def topic_spelling(text: str) -> str:
    """One spelling for an index entry written as a page's link text ("Networking/Protocols")."""
    levels = [anchor_form(level) for level in text.split("/")]
    return "/".join(level for level in levels if level)


def split_levels(entry: str, top_level: frozenset[str] | None = None) -> str:
    """A knowbase category entry ("Networking-Protocols") in the page's form ("Networking/Protocols")."""
    top_level = top_level_entries() if top_level is None else top_level
    entry = anchor_form(entry)
    best = None
    for match in re.finditer("-", entry):
        if entry[:match.start()] in top_level:
            best = match.start()
    if best is None:
        return entry
    return f"{entry[:best]}/{entry[best + 1:]}"


# A conference index entry among the kernel ones: "Linux Plumbers Conference-2017".
_CONFERENCE_ENTRY_RE = re.compile(r"^(?P<name>.+)-(?P<year>(?:19|20)\d{2})$")


def topics_from_category(category: str | None) -> list[tuple[str, str]]:
    """(index, topic) pairs from the knowbase's ``category`` field ("Networking-Protocols; BPF-Verifier"):
    kernel index entries, and conference index entries ("Linux Plumbers Conference-2017")."""
    if not category:
        return []
    topics = []
    for part in str(category).split(";"):
        entry = anchor_form(part)
        conference = _CONFERENCE_ENTRY_RE.match(entry)
        if conference and conference.group("name") not in top_level_entries():
            topics.append(("Conference", f"{conference.group('name')}/{conference.group('year')}"))
        elif entry:
            topics.append(("Kernel", topic_spelling(split_levels(entry))))
    return list(dict.fromkeys(topics))
