"""Terms no list has yet: acronym definitions, code identifiers and config symbols in the text; pure.

"eXpress Data Path (XDP)" defines XDP; SO_REUSEPORT, struct sockaddr, tcp_sendmsg() and sk_buff are
identifiers by their shape; CONFIG_NET_FOU is a config symbol, which the kernel's records link to a
MAINTAINERS entry and so to a subsystem. A term is tied to a subsystem where the taxonomy or the
records allow it; the others are candidates for the taxonomy.
"""

from __future__ import annotations

import functools
import re

from pipeline.knowledge.naming import acronym_pairs, named_acronym


@functools.lru_cache(maxsize=1 << 16)
def is_term(text: str) -> bool:
    """Acronyms, mixed case and identifiers (IPv6, XDP, sk_buff): specific even alone."""
    return any(c.isupper() for c in text[1:]) or (text.isupper() and len(text) > 1) or "_" in text


# An acronym in the plural ("IDs", "APIs", "SoCs"): as a word, the acronym.
ACRONYM_PLURAL_RE = re.compile(r"[A-Z][a-z]?[A-Z0-9]*[A-Z]s")

CONFIG_RE = re.compile(r"\bCONFIG_[A-Z0-9_]+\b")
IDENTIFIER_RE = re.compile(
    r"\bstruct\s+[a-z_][a-z0-9_]*\b"            # struct sockaddr
    r"|\b_{0,2}[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"        # SO_REUSEPORT, NETIF_F_LLTX, __GFP_FS
    r"|\b_{0,2}[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\(\))?"  # sk_buff, tcp_sendmsg(), __kfree_skb()
    r"|\b_{0,2}[a-z][a-z0-9]{2,}\(\)"                  # sendmsg(), __alloc()
)
ACRONYM_IN_TEXT_RE = re.compile(r"[A-Za-z][\w/-]*(?:\s+[\w/-]+){0,6}\s*\([^()]{2,12}\)")
KINDS = ("acronym", "identifier", "config")
# Addresses and file paths: identifiers inside them are not terms.
PATH_RE = re.compile(r"\S+://\S+|\S+@\S+\.\w+|(?:[\w.+-]*/){2,}[\w.+-]*|\b[\w-]+\.(?:c|h|rst|txt|py)\b")


def find_terms(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, term, kind, definition) of every term in a paragraph, in order."""
    found = []
    paths = [(m.start(), m.end()) for m in PATH_RE.finditer(text)]
    for match in CONFIG_RE.finditer(text):
        found.append((match.start(), match.end(), match.group(0), "config", ""))
    taken = [(s, e) for s, e, *_ in found] + paths
    for match in IDENTIFIER_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        term = " ".join(match.group(0).split())
        if term.startswith(("http_", "www_")):
            continue
        found.append((match.start(), match.end(), term, "identifier", ""))
    for match in ACRONYM_IN_TEXT_RE.finditer(text):
        # a name in capitals may spell its acronym from inside its words: "Trust Domain Extensions (TDX)"
        named = named_acronym(match.group(0))
        spelled = [named] if named and all(w[:1].isupper() for w in re.split(r"[\s-]+", named[0])) else []
        for long, short in acronym_pairs(match.group(0)) or spelled:
            offset = text.find(short, match.start())
            if offset >= 0 and not short.isdigit() and len(short) >= 2:
                found.append((offset, offset + len(short), short, "acronym", long))
    unique = {}
    for item in sorted(found):
        unique.setdefault((item[0], item[3]), item)
    return list(unique.values())


def term_subsystem(term: str, kind: str, definition: str, lookup, kconfig: dict[str, tuple[str, str]],
                   by_entry: dict[str, str]) -> str | None:
    """The subsystem a term stands for: by the taxonomy's names (an identifier's; its words, where underscores
    join them; or its prefix's), or a config symbol's MAINTAINERS entry."""
    if kind == "config":
        entry = kconfig.get(term.removeprefix("CONFIG_"), ("", ""))[1]
        return by_entry.get(entry)
    for form in (term, term.removesuffix("()"), term.removeprefix("struct ").strip(), definition):
        if form:
            found = lookup(form)
            if found:
                return found
    if kind != "identifier":
        return None
    parts = term.removeprefix("struct ").strip().strip("_").removesuffix("()").split("_")  # "__skb_put()": skb's
    if found := lookup(" ".join(parts)):
        return found  # "TCP_FAST_OPEN" is TCP fast open before it is TCP's
    # the kernel names a function, type or constant after its subsystem: bpf_map_lookup_elem(), BPF_OK,
    # struct tcp_sock, skb_put(), and after one whose name has an underscore of its own: io_uring_enter()
    for end in range(len(parts) - 1, 0, -1):
        prefix = "_".join(parts[:end])
        if len(prefix) >= 3 and (found := lookup(prefix)):
            return found
    return None
