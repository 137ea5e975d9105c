"""What a writer writes for a kernel record: MAINTAINERS entry names, Kconfig prompts and document
titles cleaned into the names and aliases that appear in prose ("NETWORKING [TCP]" → "TCP",
"MELLANOX MLX5 core VPI driver" → "mlx5", "IP: Foo (IP protocols) over UDP" → "Foo over UDP"). Pure.
"""

from __future__ import annotations

import re

# Words of entry names and prompts that describe the record rather than name the thing.
GENERIC_WORDS = frozenset("""
a an and the of for to in on with without via over under by as or at from into its
driver drivers support supported subsystem subsystems core common generic general library libraries
framework module modules layer family infrastructure interface interfaces api apis implementation
device devices controller controllers adapter adapters card cards chip chips chipset chipsets
network networking net ethernet gigabit fast nic nics mac phy phys pcs serdes switch switches fabric
port ports series based compatible misc miscellaneous other others various new old legacy
experimental deprecated obsolete test tests testing debug debugging kunit selftest selftests
enable enabled disable option options feature features mode modes helper helpers tool tools utility
bus host hosts protocol protocols stack sockets socket type types function functions
physical virtual vf pf endpoint soc sub system systems platform platforms
""".split())
# Company names in entry names: a writer says "mlx5", not "Mellanox mlx5".
VENDOR_WORDS = frozenset("""
3com adi airoha alacritech altera atmel labs ath qualcomm-atheros amazon amd analog devices apm applied micro aquantia arrow atheros broadcom
brocade cavium chelsio cirrus cisco davicom emulex freescale fungible google hirschmann hisilicon huawei
ibm intel lantiq marvell maxlinear mediatek mellanox nvidia microchip microsoft motorcomm myricom
neterion netronome nxp qlogic qualcomm realtek renesas samsung sis smsc socionext solarflare
stmicroelectronics sun synopsys texas instruments ti via wangxun xilinx amlogic allwinner rockchip
meta facebook beckhoff onsemi opencompute open compute vitesse dlink d-link toshiba tehuti
""".split())
# Names of other areas and of architectures: never a networking subsystem's name by themselves.
OTHER_AREA_WORDS = frozenset("""
usb pci pcie spi i2c uart gpio soc dma acpi sdio hdmi scsi nvme sata mmc arm arm64 x86 x86_64 x86-64 s390
powerpc ppc ppc64 mips riscv risc-v sparc loongarch arc m68k ia64 32-bit 64-bit of dt rust linux cpu gpu
irq iommu mfd rtc led leds ieee ietf drm fpga vfio xen kvm hid dpkg qcom imx v2 v3 sh hw fw crypto audio video sound
""".split())
# Tokens that look like model numbers or module names: digits or underscores inside a word.
IDENTIFIER_RE = re.compile(r"^(?=.*[a-z0-9])[A-Za-z][\w.+-]*\d[\w.+-]*$|^[a-z][a-z0-9]*_[a-z0-9_]+$|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9./+-]{1,9}$")
# An acronym with a lower-case prefix, given after what it stands for: "psABI", "vDSO", "eBPF".
PREFIXED_ACRONYM_RE = re.compile(r"^[a-z]{1,2}[A-Z]{2}[A-Z0-9]{0,7}$")


def words(text: str) -> list[str]:
    return re.findall(r"[\w.+/-]+", text)


def natural_case(text: str, english: frozenset[str] = frozenset()) -> str:
    """An entry name as prose writes it: acronyms and identifiers kept, capitalised words lowered."""
    out = []
    for word in text.split():
        bare = word.strip("(),[]")
        if bare.isupper() and not any(c.isdigit() for c in bare) and "/" not in bare and (
                len(bare) > 4 or bare.lower() in english or bare.lower() in GENERIC_WORDS):
            word = word.lower()
        out.append(word)
    return " ".join(out)


def is_acronym(token: str, english: frozenset[str] = frozenset()) -> bool:
    lower = token.lower()
    return bool(ACRONYM_RE.match(token)) and lower not in english and lower not in GENERIC_WORDS \
        and lower not in OTHER_AREA_WORDS


def clean_phrase(text: str) -> str:
    """A prompt or title without the words that only describe it: "IP: TCP syncookie support" → "TCP syncookie"."""
    text = re.sub(r"^\s*(?:IP|IPv6|TCP|UDP|Netfilter|ebt|arpt|ipt|ip6t|NET|BT|CAN)\s*:\s*", "", text)
    text = _PAREN_RE.sub(" ", text)
    text = re.sub(r"\b(?:support|driver|drivers|the|module|modules|subsystem|\(?experimental\)?)\b", " ", text, flags=re.I)
    text = re.sub(r"^\s*(?:enable|use|add|allow)\s+", "", text, flags=re.I)
    return " ".join(text.split()).strip(" .,:;-/")


def acronym_pairs(text: str) -> list[tuple[str, str]]:
    """(long form, acronym) defined in a text: "Asynchronous Transfer Mode (ATM)", "GVRP (GARP VLAN Registration Protocol)"."""
    pairs = []
    for match in re.finditer(r"([A-Za-z][\w-]*(?:/[A-Z0-9]+)*(?:\s+[\w-]+(?:/[A-Z0-9]+)*){0,6})\s*\(([^()]{2,60})\)",
                             text):
        before, inside = match.group(1), match.group(2).strip()
        if (ACRONYM_RE.match(inside) or PREFIXED_ACRONYM_RE.match(inside)) and _abbreviates(inside, before):
            long = _tail_for(inside, before)
            if long:
                pairs.append((long, inside))
        else:
            head = before.split()[-1] if before.split() else ""
            if ACRONYM_RE.match(head) and (" " in inside or "-" in inside) and _abbreviates(head, inside):
                pairs.append((_tail_for(head, inside) or inside, head))
    return pairs


def named_acronym(prompt: str) -> tuple[str, str] | None:
    """(long form, acronym) of a name that ends by giving its acronym, where the acronym's letters are not
    the words' initials but appear in order in them, the first starting a word (Schwartz and Hearst's
    rule): "CAIA Delay-Gradient (CDG)", "True Link Equalizer (TEQL)", "Deficit Round Robin scheduler (DRR)".
    Only for a name, such as a Kconfig prompt: in running text a parenthesis says too many other things."""
    match = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", prompt)
    if not match or not ACRONYM_RE.match(match.group(2).strip()):
        return None
    long, acronym = match.group(1), match.group(2).strip()
    letters = [c.lower() for c in acronym if c.isalnum()]
    words = long.split()
    for start in range(len(words) - 1, -1, -1):
        candidate = " ".join(words[start:])
        text, i, j = candidate.lower(), len(candidate) - 1, len(letters) - 1
        while j >= 0 and i >= 0:
            if text[i] == letters[j] and (j > 0 or i == 0 or not text[i - 1].isalnum()):
                j -= 1
            i -= 1
        if j < 0 and text[0] == letters[0]:
            return candidate, acronym
    return None


def _initials(words_: list[str]) -> str:
    """First letters, or a word's own capital where it has one inside ("eXpress" gives X)."""
    out = []
    for word in words_:
        if not word or not word[0].isalnum():
            continue
        inner = [c for c in word[1:] if c.isupper()]
        out.append(inner[0] if word[0].islower() and inner else word[0])
    return "".join(out).upper()


def initials_of(phrase: str) -> str:
    """The initials of a phrase, every word counted: "Foo over UDP" → "FOU"."""
    return _initials(phrase.split())


def _abbreviates(acronym: str, phrase: str) -> bool:
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    return bool(letters) and letters[0] == (phrase.strip()[:1].upper() or "?") or _tail_for(acronym, phrase) is not None


# A word of the long form that is an acronym itself: "API", "BPF", "I/O".
_INNER_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Z0-9]+)*")
# A digit in an acronym that stands for a word: "L2TP", Layer Two Tunneling Protocol.
_DIGIT_WORDS = str.maketrans({"2": "T", "4": "F"})


def _tail_for(acronym: str, phrase: str) -> str | None:
    """The shortest ending of ``phrase`` whose word initials spell the acronym's letters in order (a 2 or a 4
    read as the word it sounds like, "two" or "four", when the letters alone do not)."""
    spellings = {re.sub(r"[^A-Z]", "", acronym.upper()), re.sub(r"[^A-Z]", "", acronym.upper().translate(_DIGIT_WORDS))}
    tokens = phrase.split()
    for start in range(len(tokens) - 1, -1, -1):
        candidate = tokens[start:]
        # "read-copy-update (RCU)", "submission-queue entry (SQE)": the words a hyphen joins count one by one
        for parts in (candidate, [part for token in candidate for part in token.split("-") if part]):
            initials = _initials([t for t in parts if t.lower() not in ("of", "and", "the", "for", "in", "on")])
            every = "".join(t[0] for t in parts).upper()
            # "new API (NAPI)", "asynchronous I/O (AIO)", "classic BPF (cBPF)": an acronym among the words
            # gives all its letters
            whole = "".join(re.sub(r"[^A-Z]", "", t) if _INNER_ACRONYM_RE.fullmatch(t) else t[0] for t in parts).upper() \
                if not all(_INNER_ACRONYM_RE.fullmatch(t) for t in parts) else ""
            if any(initials == letters or (len(letters) >= 2 and letters in (every, whole)) for letters in spellings):
                return " ".join(candidate)
    return None


def entry_names(name: str, english: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """(display name, aliases) of a MAINTAINERS entry name.

    "NETWORKING [TCP]" → ("TCP", ["TCP"]); "MELLANOX ETHERNET DRIVER (mlx5e)" → ("mlx5e", ["mlx5e"]);
    "BPF [L7 FRAMEWORK] (sockmap)" → ("sockmap", ...); "ETHERNET BRIDGE" → ("ethernet bridge", ...).
    """
    aliases: list[str] = []
    parens = [p.strip() for p in _PAREN_RE.findall(name)]
    brackets = [b.strip() for b in _BRACKET_RE.findall(name)]
    bare = " ".join(_BRACKET_RE.sub(" ", _PAREN_RE.sub(" ", name)).split())
    identifiers = [t for p in parens for t in re.split(r"\s*[,&/]\s*|\s+and\s+", p)
                   if t and t[0].isalpha() and (IDENTIFIER_RE.match(t) or (t.islower() and len(t) >= 3 and t not in english)
                             or is_acronym(t, english) or re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", t))]
    for long, short in acronym_pairs(name):
        aliases += [natural_case(long, english), short]
    model = [t for t in words(bare) if IDENTIFIER_RE.match(t) and t.lower() not in VENDOR_WORDS
             and t.lower() not in OTHER_AREA_WORDS]
    upper = bare.upper()
    if upper.startswith(("NETWORKING", "NETWORK")) and brackets and not upper.endswith("DRIVERS"):
        parts = [b for b in re.split(r"/", brackets[0]) if b]
        named = [b for b in [brackets[0], *parts] if is_acronym(b, english) or IDENTIFIER_RE.match(b)
                 or re.fullmatch(r"[A-Za-z]+v\d", b)]
        display = named[0] if named else (identifiers[0] if identifiers else natural_case(brackets[0], english))
        aliases += named
    elif upper.startswith("BPF") and brackets:
        display = identifiers[0] if identifiers else f"BPF {natural_case(brackets[0], english).lower()}"
        aliases.append(f"BPF {natural_case(brackets[0], english).lower()}")
    elif identifiers:
        display = identifiers[0]
    elif model:
        display = model[0].lower() if model[0].isupper() else model[0]
    elif acronyms := [t for t in bare.split() if is_acronym(t, english) and len(t) <= 5
                      and t.lower() not in VENDOR_WORDS]:
        display = acronyms[0]
    else:
        kept = [w for w in bare.split() if w.lower() not in VENDOR_WORDS]
        display = natural_case(" ".join(kept or bare.split()), english)
    aliases += identifiers + [m.lower() if m.isupper() else m for m in model]
    return display, list(dict.fromkeys(a for a in [display, *aliases] if a))


# Last words that make a phrase a part or a property of something, not its name ("UDP Header").
PART_WORDS = frozenset("""header headers set sets scheduling support helper interface identifier counters
comparison library libraries tracepoints statistics stats cachelines variables parameters options""".split())


def names_a_thing(phrase: str, english: frozenset[str]) -> bool:
    """A multi-word phrase written as a name: an acronym or identifier in it, or every significant word
    capitalised ("Token Bucket Filter", "Foo over UDP"), and not ending in a word for a part of something."""
    tokens = phrase.split()
    if len(tokens) < 2 or tokens[-1].lower() in PART_WORDS:
        return False
    significant = [t for t in tokens if t.lower() not in ("of", "over", "for", "and", "the", "in", "on", "with", "a")]
    if any(is_acronym(t, english) or IDENTIFIER_RE.match(t) for t in significant):
        return True
    return all(t[:1].isupper() for t in significant)


def is_distinctive(alias: str, english: frozenset[str]) -> bool:
    """Whether an alias can name its subsystem wherever it is written: not a lone ordinary word, not a
    phrase made only of generic words, long enough to mean something."""
    tokens = alias.split()
    if not tokens or len(alias) < 2 or alias.lower() in OTHER_AREA_WORDS:
        return False
    if len(tokens) == 1:
        token = tokens[0]
        if IDENTIFIER_RE.match(token) or (is_acronym(token, english) and len(token) >= 3):
            return True
        if token.isupper():
            return False
        return token.lower() not in english and token.lower() not in GENERIC_WORDS and len(token) >= 4
    meaningful = [t for t in tokens if t.lower() not in GENERIC_WORDS and t.lower() not in VENDOR_WORDS]
    return bool(meaningful)
