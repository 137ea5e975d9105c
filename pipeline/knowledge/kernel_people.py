"""The people of the kernel's records and where they work and talk: one row per person under one spelling,
the companies whose addresses the records give, and the mailing lists of MAINTAINERS.

Pure functions from the records (``records.Records``) to rows; ``importer`` reads and writes the files.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.knowledge import naming, records
from pipeline.knowledge.persons import name_keys
from pipeline.knowledge.records import Records


def organisation_rows(recs: Records, min_addresses: int = 3) -> list[list[str]]:
    """Companies, by the name in their domain ("ibm", "suse", "redhat"), that give at least ``min_addresses``
    of the records' addresses (MAINTAINERS, CREDITS, .mailmap): who employs kernel people, a name and never a
    topic. Commercial domains only (.com, .co.xx, .com.xx); not the names of architectures ("arm")."""
    addresses = {p.email for e in recs.entries for p in e.maintainers + e.reviewers} | {p.email for p in recs.credits}
    addresses |= {p.email for pair in recs.mailmap for p in pair if p is not None}
    found: dict[str, set[str]] = defaultdict(set)
    for address in addresses:
        labels = address.rpartition("@")[2].split(".")
        if len(labels) >= 2 and labels[-1] == "com":
            name = labels[-2]
        elif len(labels) >= 3 and labels[-2] in ("co", "com"):
            name = labels[-3]
        else:
            continue
        if name.replace("-", "").isalpha() and name not in naming.OTHER_AREA_WORDS:
            found[name].add(address)
    return [[name, str(len(found[name]))] for name in sorted(found) if len(found[name]) >= min_addresses]


def mailing_list_rows(recs: Records) -> list[list[str]]:
    """The kernel's mailing lists, by the name before the "@" of their address ("netdev", "linux-kernel"), with
    how many MAINTAINERS entries name each: where developers talk, which a keyword must not take for a topic."""
    entries: dict[str, int] = defaultdict(int)
    for entry in recs.entries:
        for name in {address.partition("@")[0] for address in entry.lists if "@" in address}:
            entries[name] += 1
    return [[name, str(entries[name])] for name in sorted(entries)]


def people_rows(recs: Records) -> list[list[str]]:
    """One row per person in the records: canonical spelling, other spellings, which records name them.

    Spellings that share an address (MAINTAINERS, CREDITS) or that .mailmap joins are one person; the
    .mailmap's proper name is the canonical one, else the spelling MAINTAINERS uses most.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    proper: dict[str, str] = {}
    where: dict[str, set[str]] = defaultdict(set)

    def add(person: records.Person, source: str, weight: int = 1) -> str:
        node = f"mail:{person.email}" if person.email else f"name:{person.name}"
        union(f"name:{person.name}", node)
        names[node][person.name] += weight
        where[f"name:{person.name}"].add(source)
        if person.goes_by:  # the nickname's spelling is another of the person's, never the one chosen
            union(f"name:{person.goes_by}", node)
            where[f"name:{person.goes_by}"].add(source)
        return node

    for entry in recs.entries:
        for person in entry.maintainers + entry.reviewers:
            add(person, "MAINTAINERS")
    for person in recs.credits:
        add(person, "CREDITS")
    for canonical, other in recs.mailmap:
        node = add(canonical, ".mailmap", 0)
        proper[f"name:{canonical.name}"] = canonical.name
        if other is not None:
            if other.email:
                union(f"mail:{other.email}", node)
            if other.name and other.name != canonical.name:
                union(add(other, ".mailmap", 0), node)
    clusters: dict[str, list[str]] = defaultdict(list)
    for node in list(parent):
        if node.startswith("name:"):
            clusters[find(node)].append(node[5:])
    # Spellings of one name in different records ("Neil Brown", "NeilBrown"; "Kirill Shutemov",
    # "Kirill A. Shutemov") are one person when no third spelling shares the key.
    roots = list(clusters)
    for kind in ("full", "joined", "initials"):
        by_key: dict[str, set[str]] = defaultdict(set)
        for root in roots:
            for name in clusters[find(root)] if find(root) in clusters else []:
                key = name_keys(name).get(kind)
                if key:
                    by_key[key].add(find(root))
        for groups in by_key.values():
            if len(groups) == 2:
                a, b = sorted(groups)
                union(f"name:{clusters[a][0]}", f"name:{clusters[b][0]}")
        merged: dict[str, list[str]] = defaultdict(list)
        for root, members in clusters.items():
            merged[find(root)].extend(members)
        clusters, roots = merged, list(merged)
    out = []
    for members in clusters.values():
        counts: dict[str, int] = defaultdict(int)
        for node in parent:
            if find(node) == find(f"name:{members[0]}"):
                for name, n in names.get(node, {}).items():
                    counts[name] += n
        chosen = [m for m in members if f"name:{m}" in proper]
        canonical = sorted(chosen or members, key=lambda n: ("," in n, -counts.get(n, 0), -len(n), n))[0]
        others = sorted(m for m in members if m != canonical and _looks_like_name(m))
        if _prose_order(canonical) != canonical:
            canonical, others = _prose_order(canonical), sorted(others + [canonical])
        sources = sorted({s for m in members for s in where[f"name:{m}"]})
        if _looks_like_name(canonical) and not _names_a_group(canonical):
            out.append([canonical, "|".join(others), "|".join(sources)])
    # one name alone that others bear as their given name ("Frank", beside Frank Rowand) names none of them
    given = {row[0].split()[0].lower() for row in out if len(row[0].split()) > 1}
    out = [row for row in out if len(row[0].split()) > 1 or row[0].lower() not in given]
    return sorted(out, key=lambda r: r[0].lower())


def _prose_order(name: str) -> str:
    """A name a directory writes surname first, as prose writes it: "Liang, Kan" → "Kan Liang", "Wong Hoi Sing,
    Edison" → "Edison Wong Hoi Sing"; a full name before the comma is followed by a company's, so it stands
    alone: "Enrico Weigelt, metux IT consult" → "Enrico Weigelt"."""
    before, _, after = (part.strip() for part in name.partition(","))
    words = after.split()
    if not before or not words or "," in after or after.rstrip(".") in ("Jr", "Sr", "II", "III", "IV"):
        return name
    if all(w[:1].isupper() and not (w.isupper() and len(w) > 1) for w in words) \
            and (len(before.split()) == 1 or len(words) == 1):
        return f"{after} {before}"
    return before


# Words that make a records name a team, a list or a role, not a person: "Security Officers", "Purism Kernel
# Team", "Broadcom internal kernel review list", "Savoir-faire Linux Inc.".
GROUP_WORDS = frozenset("""team maintainers maintenance list officers support development inc inc. ltd gmbh corp
group project review assignment robot bot opensource community foundation""".split())


def _names_a_group(name: str) -> bool:
    return any(word in GROUP_WORDS for word in name.lower().split())


def _looks_like_name(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", text)) and "@" not in text and len(text) <= 60
