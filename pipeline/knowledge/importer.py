"""`python -m pipeline knowledge --kernel-src DIR`: the kernel's records → the project's knowledge files.

DIR is a kernel source tree (MAINTAINERS, CREDITS, .mailmap, net/**/Kconfig, drivers/net/**/Kconfig,
Documentation/networking/**/*.rst, Makefile) or a folder in the layout of a records copy (MAINTAINERS,
CREDITS, mailmap, net-Kconfig.txt, networking-docs.tsv, README.md naming the version). It writes, each
with a provenance header (kernel version, source files):

- ``subsystems.tsv``: the hand-kept rows (``source`` = curated) are kept as they are, with the
  kernel's aliases of their MAINTAINERS entry added; every other networking MAINTAINERS entry and
  networking Kconfig feature becomes a ``kernel`` row;
- ``maintainers.tsv``: MAINTAINERS entry, person, role (maintainer or reviewer), for networking entries;
- ``kernel_people.tsv``: every person in MAINTAINERS, CREDITS and .mailmap under one spelling, with the
  other spellings the records give;
- ``kconfig.tsv``: networking config symbols with their prompt, Kconfig file and MAINTAINERS entry;
- ``organisations.tsv`` and ``mailing_lists.tsv``: companies and mailing lists, names that are never keywords.

With ``--uapi DIR`` (the tree's include/uapi, or an installed copy such as /usr/include, for a records
folder), the networking constants of the user-space API headers (SO_RCVLOWAT, TCP_MAXSEG, SOCK_DESTROY,
BPF_PROG_TYPE_XDP) that nothing else names become ``uapi`` rows of ``subsystems.tsv``.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.knowledge import records
from pipeline.knowledge.kernel_people import mailing_list_rows, organisation_rows, people_rows
from pipeline.knowledge.kernel_subsystems import (
    UAPI_HEADERS, join_families, kconfig_rows, kernel_subsystems, maintainer_rows, merge,
)
from pipeline.knowledge.records import Records
from pipeline.knowledge.taxonomy import SUBSYSTEM_COLUMNS, comments, read_subsystem_rows, write_tsv


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise PipelineError(f"{path}: cannot read ({err.strerror})") from err


def _version(folder: Path) -> str:
    makefile = folder / "Makefile"
    if makefile.is_file():
        fields = dict(re.findall(r"^(VERSION|PATCHLEVEL|SUBLEVEL)\s*=\s*(\d+)", _read(makefile), re.M))
        if "VERSION" in fields:
            return ".".join(fields[k] for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL") if k in fields)
    for name in ("README.md", "README"):
        match = re.search(r"\bversion\s+(\d+\.\d+(?:\.\d+)?)", _read(folder / name)) if (folder / name).is_file() else None
        if match:
            return match.group(1)
    return "unknown"


def read_uapi(base: Path) -> tuple[list[tuple[str, str]], str]:
    """The networking constants of the user-space API headers under ``base`` (a source tree's include/uapi,
    or an installed copy such as /usr/include), and the kernel version they come from."""
    constants = []
    for header, prefixes, enum_prefixes, _ in UAPI_HEADERS:
        path = base / header
        if path.is_file():
            constants += [(name, header) for name in records.uapi_constants(_read(path), prefixes, enum_prefixes)]
    version = "unknown"
    match = re.search(r"LINUX_VERSION_CODE\s+(\d+)", _read(base / "linux/version.h")) \
        if (base / "linux/version.h").is_file() else None
    if match:
        code = int(match.group(1))
        version = f"{code >> 16}.{(code >> 8) & 0xFF}.{code & 0xFF}"
    return constants, version


def read_records(folder: Path, uapi: Path | None = None) -> Records:
    """Read the records from a kernel source tree or a records folder; a one-line error if neither.
    ``uapi``: where the user-space API headers are when ``folder`` has no include/uapi."""
    folder = Path(folder)
    if not (folder / "MAINTAINERS").is_file():
        raise PipelineError(f"{folder}: no MAINTAINERS file (expected a kernel source tree or a records folder)")
    sources = ["MAINTAINERS"]
    entries = records.parse_maintainers(_read(folder / "MAINTAINERS"))
    symbols: list[records.Symbol] = []
    if (folder / "net-Kconfig.txt").is_file():
        sources.append("net-Kconfig.txt")
        for path, text in records.split_concatenated_kconfig(_read(folder / "net-Kconfig.txt")):
            symbols += records.parse_kconfig(text, path)
    else:
        for top in ("net", "drivers/net"):
            for path in sorted((folder / top).rglob("Kconfig*")) if (folder / top).is_dir() else []:
                rel = path.relative_to(folder).as_posix()
                sources.append(rel)
                symbols += records.parse_kconfig(_read(path), rel)
    docs: list[tuple[str, str]] = []
    if (folder / "networking-docs.tsv").is_file():
        sources.append("networking-docs.tsv")
        for line in _read(folder / "networking-docs.tsv").splitlines()[1:]:
            path, _, title = line.partition("\t")
            if title.strip():
                docs.append((path.strip(), title.strip()))
    elif (folder / "Documentation" / "networking").is_dir():
        sources.append("Documentation/networking/**/*.rst")
        for path in sorted((folder / "Documentation" / "networking").rglob("*.rst")):
            title = records.rst_title(_read(path))
            if title:
                docs.append((path.relative_to(folder).as_posix(), title))
    credits = records.parse_credits(_read(folder / "CREDITS")) if (folder / "CREDITS").is_file() else []
    if credits:
        sources.append("CREDITS")
    mailmap_path = next((p for p in (folder / ".mailmap", folder / "mailmap") if p.is_file()), None)
    mailmap = records.parse_mailmap(_read(mailmap_path)) if mailmap_path else []
    if mailmap_path:
        sources.append(mailmap_path.name)
    base = folder / "include" / "uapi" if (folder / "include" / "uapi").is_dir() else uapi
    constants, uapi_version = read_uapi(Path(base)) if base else ([], "")
    return Records(_version(folder), sources, entries, symbols, docs, credits, mailmap, constants,
                   uapi_version if base == uapi else "")


def english_words() -> frozenset[str]:
    """Ordinary English words (those of the pinned model): an alias that is one of them can name a
    subsystem only with a sense rule."""
    from pipeline import nlp
    from pipeline.config import SPACY_MODEL

    return nlp.english_words(nlp.load_model(SPACY_MODEL))


def run(kernel_src: Path, knowledge_dir: Path, uapi: Path | None = None) -> dict:
    """Import the records in ``kernel_src`` (and the user-space API headers in ``uapi`` when it has none)
    into the knowledge files in ``knowledge_dir``. Without headers, the uapi rows already there are kept."""
    from pipeline.log import say

    recs = read_records(kernel_src, uapi)
    provenance = [f"# Imported by `python -m pipeline knowledge` from Linux {recs.version}: {', '.join(recs.sources)}."]
    kernel, symbol_entry = kernel_subsystems(recs, english_words())
    subsystems_file = knowledge_dir / "subsystems.tsv"
    existing = read_subsystem_rows(subsystems_file)
    curated = [r for r in existing if r.source == "curated"]
    merged = merge(curated, join_families(kernel))
    if not recs.constants:
        taken = {a.lower() for r in merged for a in [r.name, *r.aliases, *r.kernel_aliases]}
        kept = [r for r in existing if r.source == "uapi" and r.name.lower() not in taken]
        merged = merged[:len(curated)] + sorted(merged[len(curated):] + kept, key=lambda r: (r.name.lower(), r.name))
    header = [line for line in comments(subsystems_file) if not line.startswith("# Imported by")
              and not (recs.constants and line.startswith("# uapi rows:"))]
    if recs.constants:
        header.append(f"# uapi rows: constants of the user-space API headers of Linux {recs.uapi_version or recs.version}.")
    write_tsv(subsystems_file, header + provenance, SUBSYSTEM_COLUMNS, [r.cells() for r in merged])
    maintainers = maintainer_rows(recs, frozenset(r.kernel_entry for r in merged if r.kernel_entry))
    write_tsv(knowledge_dir / "maintainers.tsv", [
        "# Who maintains or reviews each networking MAINTAINERS entry, and each entry a taxonomy row names",
        "# (M: and R: lines).", *provenance],
        ("kernel_entry", "person", "role"), maintainers)
    people = people_rows(recs)
    write_tsv(knowledge_dir / "kernel_people.tsv", [
        "# People in the kernel's records under one spelling, with the other spellings the records give",
        "# (addresses shared in MAINTAINERS and CREDITS, names joined by .mailmap); `records` says where.",
        *provenance], ("person", "aliases", "records"), people)
    organisations = organisation_rows(recs)
    write_tsv(knowledge_dir / "organisations.tsv", [
        "# Companies whose addresses the kernel's records give (three or more), by the name in their domain:",
        "# a keyword that is one of them is a name, not a topic.", *provenance], ("organisation", "addresses"),
        organisations)
    lists = mailing_list_rows(recs)
    write_tsv(knowledge_dir / "mailing_lists.tsv", [
        "# The kernel's mailing lists (L: lines of MAINTAINERS), by the name before the \"@\", with the number of",
        "# entries naming each: one that can only be a list (\"linux-kernel\") is a name, never a keyword.",
        *provenance], ("mailing_list", "entries"), lists)
    kconfig = [r for r in kconfig_rows(recs, symbol_entry)]
    write_tsv(knowledge_dir / "kconfig.tsv", [
        "# Networking config symbols: prompt, Kconfig file and the MAINTAINERS entry covering it.", *provenance],
        ("symbol", "prompt", "kconfig", "kernel_entry"), kconfig)
    counts = {"curated": len(curated), "kernel": len(merged) - len(curated), "maintainers": len(maintainers),
              "people": len(people), "symbols": len(kconfig), "organisations": len(organisations),
              "mailing_lists": len(lists)}
    say(f"knowledge: Linux {recs.version}: {counts['curated']} curated and {counts['kernel']} kernel subsystems, "
        f"{counts['maintainers']} maintainer roles, {counts['people']} people, {counts['symbols']} config symbols "
        f"→ {knowledge_dir}")
    return counts

