"""The taxonomy's subsystems drawn from the kernel's records: networking MAINTAINERS entries, Kconfig features
and driver modules, Documentation/networking titles, and the constants of the user-space API headers.

Pure functions from the records (``records.Records``) to rows; ``importer`` reads and writes the files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.knowledge import naming, records
from pipeline.knowledge.records import Records
from pipeline.knowledge.taxonomy import SubsystemRow

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


def kconfig_rows(recs: Records, symbol_entry: dict[str, str]) -> list[list[str]]:
    """(symbol, prompt, Kconfig file, MAINTAINERS entry) for networking config symbols."""
    return sorted(([s.name, " ".join(s.prompt.split()), s.path, symbol_entry.get(s.name, "")]
                   for s in recs.symbols), key=lambda r: r[0])
