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
- ``kconfig.tsv``: networking config symbols with their prompt, Kconfig file and MAINTAINERS entry.

With ``--uapi DIR`` (the tree's include/uapi, or an installed copy such as /usr/include, for a records
folder), the networking constants of the user-space API headers (SO_RCVLOWAT, TCP_MAXSEG, SOCK_DESTROY,
BPF_PROG_TYPE_XDP) that nothing else names become ``uapi`` rows of ``subsystems.tsv``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.knowledge import naming, records
from pipeline.knowledge.taxonomy import SUBSYSTEM_COLUMNS, SubsystemRow, comments, read_subsystem_rows, write_tsv

# Mailing lists of networking subsystems.
NET_LISTS = (
    "netdev@", "linux-wireless@", "netfilter-devel@", "coreteam@netfilter", "netfilter@", "bpf@",
    "linux-bluetooth@", "linux-can@", "linux-wpan@", "linux-hams@", "linux-ppp@", "mptcp@", "wireguard@",
    "linux-x25@", "b.a.t.m.a.n@", "lvs-devel@", "tipc-discussion@", "rds-devel@", "linux-sctp@", "dccp@",
    "linux-nfc@", "ath9k-devel", "ath10k@", "ath11k@", "ath12k@", "wcn36xx@", "brcm80211", "libertas-dev",
    "oss-drivers@", "intel-wired-lan@", "linux-rdma@", "linux-hyperv@",
)
# Where networking code lives.
NET_PATHS = (
    "net/", "drivers/net/", "include/net/", "tools/net/", "tools/testing/selftests/net/",
    "Documentation/networking/", "tools/testing/selftests/drivers/net/", "drivers/ptp/", "drivers/dpll/", "drivers/atm/", "drivers/nfc/",
    "drivers/bluetooth/", "drivers/infiniband/", "include/linux/netdevice.h", "include/linux/skbuff.h",
    "include/uapi/linux/if_", "include/uapi/linux/netfilter", "include/uapi/linux/tcp", "include/uapi/linux/udp",
    "include/uapi/linux/in.h", "include/uapi/linux/in6.h", "include/uapi/linux/ip", "include/uapi/linux/net",
    "include/uapi/linux/rtnetlink.h", "include/uapi/linux/ethtool", "include/uapi/linux/pkt_",
    "include/uapi/linux/nl80211.h", "include/uapi/linux/xdp", "kernel/bpf/", "tools/lib/bpf/", "tools/bpf/",
)
# Path components that are not a module's name.
PATH_GENERIC = frozenset(naming.GENERIC_WORDS | naming.VENDOR_WORDS | {
    "drivers", "net", "ethernet", "wireless", "phy", "pcs", "usb", "can", "dsa", "include", "linux", "uapi",
    "documentation", "networking", "device_drivers", "tools", "testing", "selftests", "arch", "kernel", "lib",
    "mdio", "ieee802154", "wan", "hamradio", "arcnet", "fddi", "hippi", "ppp", "slip", "plip", "wwan", "ipa",
    "ethernet-phy", "bindings", "devicetree", "firmware", "hw", "fw", "src", "ath", "intel", "mellanox",
    "broadcom", "realtek", "marvell", "qlogic", "chelsio", "microchip", "mediatek", "freescale", "ti",
    "stmicro", "cavium", "amd", "aquantia", "huawei", "hisilicon", "ibm", "sfc", "qualcomm", "google",
    "microsoft", "pensando", "engleder", "wangxun", "meta", "netronome", "emulex", "xilinx", "renesas",
    "socionext", "cadence", "sun", "oa_tc6", "ptp", "dpll", "bpf", "ipv4", "ipv6", "netfilter", "sched",
    "rst", "c", "h", "yaml", "txt", "trace", "events", "infiniband", "hw", "ulp", "sw", "bluetooth", "nfc",
    "atm", "wifi", "brcm80211", "brcmfmac", "wl", "mt76", "ti", "rsi", "st", "silabs", "zydas", "purelifi",
    "mwifiex", "ralink", "rt2x00", "realtek", "rtlwifi", "rtw88", "rtw89", "legacy",
})
# Kconfig features that are never named as subsystems: debugging, tests, statistics, sub-options.
KCONFIG_SKIP_RE = re.compile(
    r"debug|test|kunit|selftest|statistic|\bstats\b|verbose|tracing|trace|dump|example|sample|legacy|"
    r"match support|target support|\bebt:|\barpt?:|\bipt:|\bip6t:|\bxt_|compat|sysctl|procfs|/proc|"
    r"\bprint|\blog\b|\blogging|\bleds?\b|\binterrupt\b",
    re.I,
)
KCONFIG_ROOTS = ("net/", "drivers/net/Kconfig", "drivers/net/ethernet/Kconfig", "drivers/net/phy/Kconfig",
                 "drivers/net/wireguard", "drivers/net/team", "drivers/net/bonding", "drivers/net/vxlan",
                 "drivers/net/netdevsim", "drivers/net/ipvlan", "drivers/net/hyperv", "drivers/net/wwan/Kconfig",
                 "drivers/net/ipa", "drivers/net/can/Kconfig", "drivers/net/wireless/Kconfig", "drivers/net/dsa/Kconfig")


# User-space API headers of networking and the constants of theirs that texts name as features:
# (header, #define prefixes, enum prefixes, category where no MAINTAINERS entry covers the header).
UAPI_HEADERS = (
    ("asm-generic/socket.h", ("SO_", "SCM_"), (), "core"),
    ("linux/tcp.h", ("TCP_",), (), "protocol"),
    ("linux/udp.h", ("UDP_",), (), "protocol"),
    ("linux/in.h", ("IP_", "IPPROTO_", "MCAST_"), (), "protocol"),
    ("linux/in6.h", ("IPV6_",), (), "protocol"),
    ("linux/sock_diag.h", ("SOCK_",), (), "core"),
    ("linux/net_tstamp.h", ("SOF_", "HWTSTAMP_"), ("SOF_TIMESTAMPING_", "HWTSTAMP_"), "core"),
    ("linux/errqueue.h", ("SO_EE_",), (), "core"),
    ("linux/if_xdp.h", ("XDP_",), (), "bpf"),
    ("linux/if_packet.h", ("PACKET_",), (), "core"),
    ("linux/tls.h", ("TLS_",), (), "security"),
    ("linux/mptcp.h", ("MPTCP_",), (), "protocol"),
    ("linux/netlink.h", ("NETLINK_",), (), "core"),
    ("linux/bpf.h", (), ("BPF_PROG_TYPE_", "BPF_MAP_TYPE_"), "bpf"),
)


@dataclass
class Records:
    """The kernel's records as read from a source tree or a records folder."""

    version: str
    sources: list[str]
    entries: list[records.Entry]
    symbols: list[records.Symbol]
    docs: list[tuple[str, str]]
    credits: list[records.Person]
    mailmap: list[tuple[records.Person, records.Person | None]]
    constants: list[tuple[str, str]] = field(default_factory=list)  # (uapi constant, header)
    uapi_version: str = ""


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


def is_networking(entry: records.Entry) -> bool:
    """A networking entry: on a networking list, or most of its files in networking code."""
    if any(address.startswith(NET_LISTS) for address in entry.lists):
        return True
    files = [f for f in entry.files if not f.startswith(("Documentation/devicetree", "Documentation/ABI"))]
    return bool(files) and 2 * sum(f.startswith(NET_PATHS) for f in files) >= len(files)


def category_of(entry: records.Entry) -> str:
    """A category for a kernel entry from where its files live and its list."""
    text = " ".join(entry.files + entry.lists).lower()
    name = entry.name.lower()
    if "bpf" in name or "kernel/bpf" in text or "bpf@" in text:
        return "bpf"
    if re.search(r"drivers/net/wireless|wireless@|net/mac80211|net/wireless|bluetooth|802\.15\.4|wpan|nfc", text):
        return "wireless" if not re.search(r"drivers/(net/wireless|bluetooth|nfc)", text) else "driver"
    if re.search(r"drivers/(net|infiniband|atm|ptp|dpll)|\bdriver", text + " " + name):
        return "driver"
    if re.search(r"netfilter|ipvs|lvs-", text):
        return "filtering"
    if "net/sched" in text:
        return "qos"
    if re.search(r"net/(xfrm|tls|ipv4/(esp|ah)|macsec)|ipsec|tls|macsec|handshake", text + name):
        return "security"
    if re.search(r"tools/|selftests", text) and not re.search(r"\bnet/", text):
        return "tooling"
    if re.search(r"net/core|netdevice|skbuff|devlink|ethtool|netlink", text):
        return "core"
    return "protocol"


def module_names(entry: records.Entry) -> list[str]:
    """Driver and module names from an entry's F: paths ("drivers/net/ethernet/broadcom/tg3.*" → "tg3")."""
    found = []
    for pattern in entry.files:
        if not pattern.startswith(("drivers/", "net/")):
            continue
        parts = [re.sub(r"[*?].*$", "", p) for p in pattern.rstrip("/").split("/")]
        for part in reversed(parts):
            stem = re.sub(r"\.[ch]$|[._-]+$", "", part).lower()
            if len(stem) >= 2 and stem not in PATH_GENERIC and re.fullmatch(r"[a-z][a-z0-9_-]*", stem):
                found.append(stem)
                break
    return list(dict.fromkeys(found))


DOCS_DIR = "Documentation/networking/"
# Document titles that describe a document, not name a thing.
DOC_TITLE_SKIP_RE = re.compile(r"howto|documentation|notes|overview|sysfs|sysctl|variables|\bfiles\b|readme|guide|"
                               r"how to|introduction|\bfaq\b|usage|installation|breakdown|\blinux\b|kernel|user", re.I)


def _doc_titles(entry: records.Entry, docs: list[tuple[str, str]]) -> list[str]:
    """Titles of the documents the entry's own F: patterns name (not the whole networking folder)."""
    titles = []
    for path, title in docs:
        specific = [p for p in entry.files if p.startswith(DOCS_DIR) and p.rstrip("/") != DOCS_DIR.rstrip("/")
                    and records._file_match(p, path)]
        if specific and not DOC_TITLE_SKIP_RE.search(title) and len(title.split()) <= 5 and (
                naming.acronym_pairs(title) or any(naming.is_acronym(t) or naming.IDENTIFIER_RE.match(t) for t in title.split())):
            titles.append(title)
    return titles


def _keyword_identifiers(entry: records.Entry) -> list[str]:
    """Literal identifiers in K: patterns ("\\bsk_msg\\b" → "sk_msg")."""
    found = []
    for pattern in entry.keywords:
        for token in re.findall(r"[A-Za-z][A-Za-z0-9_]{3,}", re.sub(r"\\[A-Za-z]", " ", pattern)):
            if "_" in token and not token.endswith("_") and not token.startswith("_"):
                found.append(token)
    return found


@dataclass
class KernelSubsystem:
    name: str
    category: str
    entry: str
    aliases: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    origin: str = "entry"  # entry, feature (a Kconfig prompt), module (a driver's Kconfig symbol) or uapi


# Kconfig files whose features are named in prose: the protocol stack and the software devices.
KCONFIG_FEATURE_FILES = re.compile(r"^(net/.*|drivers/net/Kconfig)$")
# Kconfig files whose tristate symbols are driver modules ("E1000E" → e1000e).
KCONFIG_DRIVER_FILES = re.compile(r"^drivers/net/(?:[^/]+/)+Kconfig$")
MODULE_SYMBOL_RE = re.compile(r"^[A-Z][A-Z0-9]*\d[A-Z0-9]*$|^[A-Z0-9]{4,}$")
# The sentence a driver's Kconfig help ends with: "To compile this driver as a module, ... The module will
# be called gve." (or "named: gs_usb"; "If this driver is built as a module, it will be called can327" or "it'll
# be called brcmfmac.ko"; or a bare name that no word could be: "The built module will be ath9k_htc")
MODULE_HELP_RE = re.compile(r"\b(?:(?:module|it) (?:will be|is)|it'll be) (?:(?:called|named:?) ([a-z][a-z0-9_-]*[a-z0-9])\b|"
                            r"([a-z][a-z0-9-]*[_0-9][a-z0-9_-]*[a-z0-9])\b)")


def modules_of(symbol: records.Symbol, english: frozenset[str]) -> list[str]:
    """The names of the driver module a tristate symbol builds: as its help text names it, and its own
    name when that looks like a module's (I40EVF → i40evf, the older name of iavf). A name of three letters
    is kept when it is no English word: short names match only as written, lower case ("gve", not "ice")."""
    found = MODULE_HELP_RE.search(symbol.help)
    names = ([found.group(1) or found.group(2)] if found else []) + (
        [symbol.name.lower()] if MODULE_SYMBOL_RE.match(symbol.name) else [])
    return [name for name in dict.fromkeys(names)
            if (len(name) == 3 and name.isalpha() and name not in english) or naming.is_distinctive(name, english)]


def kernel_subsystems(recs: Records, english: frozenset[str]) -> tuple[list[KernelSubsystem], dict[str, str]]:
    """Subsystems from networking MAINTAINERS entries, networking Kconfig features and driver modules, and
    each networking config symbol's MAINTAINERS entry."""
    net_entries = [e for e in recs.entries if is_networking(e)]
    result: list[KernelSubsystem] = []
    for entry in net_entries:
        display, aliases = naming.entry_names(entry.name, english)
        modules = module_names(entry)
        is_driver = category_of(entry) == "driver"
        if f"BPF {display[4:]}" == display and display[4:] in modules:
            display = display[4:]  # "BPF [NETKIT]" files drivers/net/netkit.c: the device is "netkit"
        if is_driver and modules and not naming.IDENTIFIER_RE.match(display):
            named = [m for m in modules if m.lower() in entry.name.lower()]
            if named or len(modules) == 1:
                display = (named or modules)[0]
        aliases = [display, *aliases, *(modules if is_driver else [m for m in modules if m in entry.name.lower()])]
        for title in _doc_titles(entry, recs.docs):
            aliases.append(naming.clean_phrase(title))
            aliases += [x for pair in naming.acronym_pairs(title) for x in pair]
        aliases += _keyword_identifiers(entry)
        aliases = _keep(aliases, english)
        # An entry whose name says nothing a writer would write ("INTEL ETHERNET DRIVERS") is still the
        # subsystem its drivers and features belong to.
        name = display if display in aliases else aliases[0] if aliases else naming.natural_case(entry.name, english)
        result.append(KernelSubsystem(name, category_of(entry), entry.name, aliases))

    symbol_entry: dict[str, str] = {}
    by_entry = {s.entry: s for s in result}
    named = {a.lower(): sub for sub in result for a in sub.aliases}  # kept up to date as subsystems are added

    def add(sub: KernelSubsystem) -> None:
        result.append(sub)
        named.update((a.lower(), sub) for a in sub.aliases)

    for symbol in recs.symbols:
        directory = symbol.path.rsplit("/", 1)[0] + "/"
        driver = KCONFIG_DRIVER_FILES.match(symbol.path)
        modules = modules_of(symbol, english) if driver else []
        # A driver's own files ("r8169*") say whose it is better than its folder ("realtek/") does.
        places = [directory + m + tail for m in modules for tail in (".c", "/x.c")] + [directory + "x.c", directory]
        best = max(net_entries, key=lambda e: max(e.covers(place) for place in places), default=None)
        if best is None or not any(best.covers(place) for place in places):
            continue
        symbol_entry[symbol.name] = best.name
        owner = by_entry.get(best.name)
        if owner is None or symbol.kind != "tristate" or not symbol.prompt or KCONFIG_SKIP_RE.search(symbol.prompt):
            continue
        if driver:
            home = next((named[m] for m in modules if m in named), None)
            fresh = [m for m in modules if m not in named]
            if home is not None:
                home.aliases += fresh  # TIGON3 builds tg3: "tigon3" is another name of tg3
                named.update((m, home) for m in fresh)
            elif fresh:
                add(KernelSubsystem(fresh[0], "driver", best.name, fresh, [symbol.name], "module"))
            continue
        if not KCONFIG_FEATURE_FILES.match(symbol.path):
            continue
        pairs = naming.acronym_pairs(symbol.prompt)
        feature = naming.clean_phrase(symbol.prompt)
        aliases = [x for pair in pairs for x in pair]
        if not pairs and (defined := naming.named_acronym(symbol.prompt)):
            aliases.append(defined[1])  # "CAIA Delay-Gradient (CDG)": the prompt itself is the long form
        tail = symbol.name.rsplit("_", 1)[-1]
        if len(tail) >= 3 and tail.isalpha() and naming.initials_of(feature) == tail:
            aliases.append(tail)  # NET_FOU: "FOU", the initials of "Foo over UDP"
        if len(feature.split()) <= 5 and naming.names_a_thing(feature, english) and not feature.lower().startswith(
                ("netfilter", "ipv4", "ipv6", "ip ", "tcp:", "inet")):
            aliases.insert(0, feature)
        aliases = _keep(aliases, english) + _mixed_case_spellings(symbol.help, aliases)
        if not aliases:
            continue
        if any(a.lower() in {o.lower() for o in owner.aliases} for a in aliases):
            owner.symbols.append(symbol.name)
            continue
        add(KernelSubsystem(aliases[0], owner.category, best.name, aliases, [symbol.name], "feature"))
    result += uapi_subsystems(recs, set(named))
    return result, symbol_entry


def uapi_subsystems(recs: Records, named: set[str]) -> list[KernelSubsystem]:
    """A user-space API constant no other subsystem is named by ("SO_RCVLOWAT", "SOCK_DESTROY") is a feature
    of its own, of the MAINTAINERS entry that covers its header."""
    default = {header: category for header, _, _, category in UAPI_HEADERS}
    out = []
    for name, header in recs.constants:
        if name.lower() in named:
            continue
        path = f"include/uapi/{header}"
        best = max(recs.entries, key=lambda e: e.covers(path), default=None)
        entry = best if best is not None and best.covers(path) and is_networking(best) else None
        category = category_of(entry) if entry is not None else default[header]
        out.append(KernelSubsystem(name, category, entry.name if entry else "", [name], [], "uapi"))
        named.add(name.lower())
    return out


def _mixed_case_spellings(text: str, aliases: list[str]) -> list[str]:
    """How a text spells one of the acronyms when it mixes cases ("the CHOKe packet scheduler" for CHOKE):
    a name by its spelling, even where the acronym is an ordinary word."""
    acronyms = {a.lower() for a in aliases if naming.ACRONYM_RE.match(a)}
    return list(dict.fromkeys(word for word in re.findall(r"[A-Za-z][\w-]*", text) if word.lower() in acronyms
                              and any(c.islower() for c in word) and any(c.isupper() for c in word[1:])))


def _keep(aliases: list[str], english: frozenset[str]) -> list[str]:
    kept = []
    for alias in aliases:
        alias = " ".join(alias.split()).strip(" .,:;-/")
        if alias and naming.is_distinctive(alias, english) and len(alias) <= 60:
            kept.append(alias)
    return list(dict.fromkeys(kept))


def join_families(kernel: list[KernelSubsystem]) -> list[KernelSubsystem]:
    """Entries with the same name are one subsystem: the octeontx2 PF, VF and AF drivers are octeontx2."""
    by_name: dict[str, KernelSubsystem] = {}
    out = []
    for sub in kernel:
        first = by_name.get(sub.name.lower())
        if first is None or sub.origin != first.origin:
            by_name.setdefault(sub.name.lower(), sub)
            out.append(sub)
            continue
        first.aliases = list(dict.fromkeys(first.aliases + sub.aliases))
        first.symbols += sub.symbols
    return out


def merge(curated: list[SubsystemRow], kernel: list[KernelSubsystem]) -> list[SubsystemRow]:
    """The taxonomy: hand-kept rows with the kernel's aliases of their entry, then the kernel's own rows.

    A kernel subsystem joins a hand-kept row that names its MAINTAINERS entry or whose name or alias is
    the kernel subsystem's name. Otherwise it is a row of its own, without the aliases a hand-kept row
    already has or another kernel subsystem also claims (an alias that names two things names neither,
    unless exactly one of their MAINTAINERS entries calls itself by it).
    """
    curated_terms = {a.lstrip("=").lower(): row.name for row in curated for a in [row.name, *row.aliases]}
    rows = [SubsystemRow(r.name, r.category, r.aliases, r.kernel_entry, [], "curated") for r in curated]
    by_name = {r.name: r for r in rows}
    linked = defaultdict(list)
    for row in rows:
        if row.kernel_entry:
            linked[row.kernel_entry].append(row)
    owners: dict[str, set[int]] = defaultdict(set)
    for i, sub in enumerate(kernel):
        for alias in sub.aliases:
            owners[alias.lower()].add(i)
    for alias, claimants in owners.items():
        named = {i for i in claimants if kernel[i].origin == "entry" and _entry_is_named(kernel[i].entry, alias)}
        if len(named) == 1:
            owners[alias] = named  # "cxgb4": the entry "CXGB4 ETHERNET DRIVER (CXGB4)", not the iWARP driver's folder
    standalone: dict[str, SubsystemRow] = {}
    for i, sub in enumerate(kernel):
        unique = [a for a in sub.aliases if owners[a.lower()] == {i}]
        named = [sub.name, _bare_name(sub.name)]
        if sub.origin == "feature":  # a Kconfig feature that defines its acronym: "... (VXLAN)"
            named += [a for a in sub.aliases if naming.ACRONYM_RE.match(a)]
        target = next((by_name[curated_terms[n.lower()]] for n in named if n.lower() in curated_terms), None)
        entry_rows = linked.get(sub.entry, [])
        if target is None and entry_rows and sub.name == kernel_primary(kernel, sub.entry):
            target = entry_rows[0]
        if target is not None:
            target.kernel_aliases += [a for a in unique if a.lower() not in curated_terms]
            continue
        aliases = [a for a in unique if a.lower() not in curated_terms]
        if not aliases and sub.origin != "entry":
            continue
        name = sub.name if sub.name in aliases or not aliases else aliases[0]
        if name.lower() in {n.lower() for n in standalone}:
            continue
        standalone[name] = SubsystemRow(name, sub.category, [], sub.entry, aliases,
                                        "uapi" if sub.origin == "uapi" else "kernel")
    for row in rows:
        row.kernel_aliases = list(dict.fromkeys(row.kernel_aliases))
    return rows + sorted(standalone.values(), key=lambda r: (r.name.lower(), r.name))


def _entry_is_named(entry: str, alias: str) -> bool:
    """Whether a MAINTAINERS entry gives an alias as its short name, in parentheses ("VIRTIO HOST (VHOST)")."""
    return f"({alias})" in entry.lower().split()


def _bare_name(name: str) -> str:
    """A name without the words that only say what kind of thing it is: "KCM sockets" → "KCM"."""
    return re.sub(r"(?:\s+(?:sockets?|protocol|drivers?|support|subsystem|layer|stack|module|family))+$", "", name,
                  flags=re.I)


def kernel_primary(kernel: list[KernelSubsystem], entry: str) -> str | None:
    """The name of the subsystem made from the entry itself (not from one of its features)."""
    return next((k.name for k in kernel if k.entry == entry and k.origin == "entry"), None)


def maintainer_rows(recs: Records, named: frozenset[str] = frozenset()) -> list[list[str]]:
    """(MAINTAINERS entry, person, role) for every networking entry, and every entry a taxonomy row names
    (``named``: "NFS, SUNRPC, AND LOCKD CLIENTS" is no networking entry, but the NFS row is its subsystem)."""
    out = []
    for entry in recs.entries:
        if not is_networking(entry) and entry.name not in named:
            continue
        for role, people in (("maintainer", entry.maintainers), ("reviewer", entry.reviewers)):
            for person in people:
                out.append([entry.name, person.name, role])
    return [list(r) for r in dict.fromkeys(tuple(r) for r in out)]


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
    from pipeline.knowledge.persons import name_keys

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


def kconfig_rows(recs: Records, symbol_entry: dict[str, str]) -> list[list[str]]:
    """(symbol, prompt, Kconfig file, MAINTAINERS entry) for networking config symbols."""
    return sorted(([s.name, " ".join(s.prompt.split()), s.path, symbol_entry.get(s.name, "")]
                   for s in recs.symbols), key=lambda r: r[0])


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
    kconfig = [r for r in kconfig_rows(recs, symbol_entry)]
    write_tsv(knowledge_dir / "kconfig.tsv", [
        "# Networking config symbols: prompt, Kconfig file and the MAINTAINERS entry covering it.", *provenance],
        ("symbol", "prompt", "kconfig", "kernel_entry"), kconfig)
    counts = {"curated": len(curated), "kernel": len(merged) - len(curated), "maintainers": len(maintainers),
              "people": len(people), "symbols": len(kconfig), "organisations": len(organisations)}
    say(f"knowledge: Linux {recs.version}: {counts['curated']} curated and {counts['kernel']} kernel subsystems, "
        f"{counts['maintainers']} maintainer roles, {counts['people']} people, {counts['symbols']} config symbols "
        f"→ {knowledge_dir}")
    return counts
