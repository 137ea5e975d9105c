"""Which meeting an article reports on: LWN's conference links, index entries, coverage lines and titles.

LWN names a meeting in several ways: a link to ``/Archives/ConferenceByYear/#2017-NetconfNetdev`` whose
text is "Netconf/Netdev", a link to ``/Archives/ConferenceIndex/#Netdev-2022`` reading "Netdev", a
coverage box "From LWN's 2005 Kernel Summit coverage" linking ``/Articles/KernelSummit2005/``, a
"Conference" index entry "Netconf/2009", or only a title prefix ("KS2010:", "LPC:"). Every form gives
the same Event: the name as LWN writes it, the series it belongs to, and the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spelled-out names that both the series and the title search know: "Netfilter Developers Workshop", the
# "Storage and Filesystem Workshop" that became LSFMM.
_NETFILTER_WORKSHOP = r"netfilter\W+(?:developers?\W*)?workshop"
_STORAGE_WORKSHOP = (r"(?:storage|file\W?systems?)\W+(?:and\W+)?(?:storage|file\W?systems?)\W+(?:and\W+)?"
                     r"(?:memory\W*management\W+)?(?:summit|workshop)")
# Meeting series, most specific first; each pattern is tried on link text, anchors and titles.
SERIES: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern, re.I)) for name, pattern in (
    ("Netconf/Netdev", r"netconf\W*netdev|netdev\W*netconf"),
    ("Netconf", r"\bnetconf\b"),
    ("Netdev", r"\bnetdev\b"),
    ("Wireless Networking Summit", r"\bwireless\W+networking\W+summit"),
    ("Netfilter Workshop", rf"\b{_NETFILTER_WORKSHOP}|\bnfws\b"),
    ("Networking summit", r"\bnetwork(?:ing)?\W+(?:mini-?summit|summit|mini-?conf(?:erence)?|workshop)\b"),
    ("Maintainers Summit", r"\bmaintainers\W*summit"),
    ("Kernel Summit", r"\bkernel\W*(?:developers?\W*)?summit|^ks\W?\d{4}$"),
    ("LSFMM", rf"\blsf\W?mm|\blsfmm|storage\W+filesystem\W+(?:and\W+)?memory\W*management|{_STORAGE_WORKSHOP}"),
    ("Linux Plumbers Conference", r"\blinux\W+plumbers|\blpc\b"),
    ("Open Source Summit", r"\bopen\W+source\W+summit|\boss(?:na|eu)?\b"),
    ("LinuxCon", r"\blinuxcon\b|\blce\b|\blc\W?(?:asia|japan|na|eu(?:rope)?)\b"),
    ("Collaboration Summit", r"\bcollaboration\W+summit\b|\blfcs\b"),
    ("UKUUG", r"\bukuug\b"),
    ("linux.conf.au", r"\blinux\.conf\.au\b|\blca\b"),
    ("Embedded Linux Conference", r"\bembedded\W+(?:linux|open\W+source)\W+(?:conference|summit)|\belc(?:e)?\b"),
    ("Kernel Recipes", r"\bkernel\W+recipes\b"),
    ("OSPM", r"\bospm\b|power-management\W+summit"),
    ("Kangrejos", r"\bkangrejos\b"),
    ("KVM Forum", r"\bkvm\W+forum\b"),
    ("Linux Security Summit", r"\blinux\W+security\W+summit\b|\blss\b"),
    ("Vault", r"\bvault\b"),
    ("GNU Tools Cauldron", r"\bgnu\W+tools\W+cauldron\b|\bcauldron\b"),
    ("Linaro Connect", r"\blinaro\W+connect\b"),
    ("X.Org Developers Conference", r"\bx\.org\W+developers|\bxdc\b"),
    ("Japan Linux Symposium", r"\bjapan\W+linux\W+symposium|\bjls\b"),
    ("Ottawa Linux Symposium", r"\bottawa\W+linux\W+symposium|\bols\b"),
    ("Real Time Linux Workshop", r"\breal[- ]time\W+linux\W+workshop|\brtlws\b"),
    ("FOSDEM", r"\bfosdem\b"),
))

# Links that name the meeting a page reports on.
CONFERENCE_BY_YEAR_RE = re.compile(r"/Archives/ConferenceByYear/?#(?P<year>\d{4})-(?P<name>[^/?#\s]+)", re.I)
CONFERENCE_INDEX_RE = re.compile(r"/Archives/ConferenceIndex/?#(?P<name>[^/?#\s]+?)(?:-(?P<year>\d{4}))?$", re.I)
COVERAGE_PAGE_RE = re.compile(r"/Articles/(?P<name>[A-Za-z][A-Za-z+]*?)(?P<year>\d{4})/?$")
# Words around a meeting's name in coverage lines ("From LWN's 2005 Kernel Summit coverage").
COVERAGE_WORDS_RE = re.compile(
    r"\b(?:this article is part of|from|on)\b|\bLWN(?:\.net)?(?:'s)?|\bcoverage\b|\barticles?\b|[()\[\]]", re.I)
YEAR_RE = re.compile(r"(?<![\d.x])(?:19|20)\d{2}(?![\d.])")
# Netdev's editions ("Netdev 0x17", "Netdev 2.1"): LWN's conference index files them by year instead.
EDITION_RE = re.compile(r"\b(?:0x[0-9a-f]+|\d+\.\d+)\b", re.I)
# A capitalised name and a year anywhere in a title: "Reports from OSPM 2026, day two".
TITLE_NAME_YEAR_RE = re.compile(r"\b(?P<name>(?:[A-Z][\w.+/-]*\s+){0,3}[A-Z][\w.+/-]*)\s+(?P<year>(?:19|20)\d{2})\b")
# A title prefix naming the meeting: "KS2010: Minisummit reports", "LPC: Making the net go faster".
TITLE_PREFIX_RE = re.compile(r"^(?P<prefix>[^:]{2,40}?):\s")
# Forms that name a meeting wherever they stand in a title.
TITLE_NAMES_RE = re.compile(
    r"\b(?:kernel\s+summit|netconf|netdev\s+(?:0x[0-9a-f]+|\d+\.\d+|\d{4})|wireless\s+networking\s+summit"
    r"|networking\s+(?:mini-?summit|summit|mini-?conference|miniconf|workshop)|maintainers\s+summit"
    r"|linux\s+plumbers\s+conference|lsf\W?mm(?:\W?bpf)?|kernel\s+developers?\W*summit"
    rf"|{_NETFILTER_WORKSHOP}|{_STORAGE_WORKSHOP}|linux\.conf\.au|power-management\s+summit"
    r"|linaro\s+connect|real[- ]time\s+linux\s+workshop|open\s+source\s+summit|embedded\s+linux\s+conference"
    r"|kernel\s+recipes|kangrejos|kvm\s+forum|linux\s+security\s+summit|gnu\s+tools\s+cauldron"
    r"|(?:ottawa|japan)\s+linux\s+symposium|linuxcon|fosdem|x\.org\s+developers\W*conference)\b", re.I)

# Short names and kinds of meetings that name nothing else: "LSFMM+BPF", "LCA", "OLS", "ELCE", "the ARM
# minisummit" (not the "LPC bus").
MEETING_WORDS_RE = re.compile(
    r"\b(?:lsf\W?mm\w*|lca|lpc(?!\W+bus)|fosdem|netconf|nfws|ospm|kangrejos|ols|rtlws|elce?|lce|jls|lss|lfcs|ukuug"
    r"|(?:mini|micro)-?(?:summit|conf(?:erence)?)s?)\b", re.I)


def names_meeting(text: str) -> bool:
    """Whether a phrase names a meeting ("LSFMM", "Kernel Summit", "realtime microconference"): the article's
    event, which ``articles.csv`` records, and never one of its topics."""
    return bool(TITLE_NAMES_RE.search(text) or MEETING_WORDS_RE.search(text))


@dataclass(frozen=True)
class Event:
    name: str  # as LWN writes it, without the year or edition: "Netconf/Netdev", "Kernel Summit", "Netdev"
    series: str  # the meeting series: "Netconf/Netdev", "Kernel Summit", "Netdev"
    year: int | None

    @property
    def label(self) -> str:
        """The event as LWN's conference index writes it: "Netconf/Netdev 2017", "Netdev 2022"."""
        if self.year is None:
            return self.name
        return f"{self.name} {self.year}"


def series_of(text: str) -> str | None:
    """The meeting series a name belongs to, or None."""
    text = text.replace("_", " ")
    for name, pattern in SERIES:
        if pattern.search(text):
            return name
    return None


def _clean_name(text: str) -> str:
    text = COVERAGE_WORDS_RE.sub(" ", text.replace("_", " "))
    text = EDITION_RE.sub(" ", YEAR_RE.sub(" ", text))
    return " ".join(text.split()).strip(" .,:;-")


def is_coverage_line(text: str) -> bool:
    """True for what surrounds a meeting link in a coverage box: "From LWN's … coverage", "on LWN.net"."""
    return not re.search(r"[^\W\d_]", _clean_name(text))


def _year(*texts: str | None) -> int | None:
    for text in texts:
        match = YEAR_RE.search(text or "")
        if match:
            return int(match.group(0))
    return None


def event_from_name(text: str, anchor: str = "", year: int | None = None, *, any_meeting: bool = False) -> Event | None:
    """An Event from a meeting's name as written (link text, index entry), its anchor and year.

    ``any_meeting``: the link is to LWN's conference index, so an unknown name is a meeting too.
    """
    name = _clean_name(text)
    anchor_name = _clean_name(anchor)
    if not name or not re.search(r"[A-Za-z]", name):
        name = anchor_name
    series = series_of(name) or series_of(anchor_name)
    if series is None and not (any_meeting and name):
        return None
    return Event(name or series, series or name, year or _year(text, anchor))


def event_from_link(href: str, text: str) -> Event | None:
    """The meeting a conference link names, or None when the link is not one."""
    href = href.strip()
    match = CONFERENCE_BY_YEAR_RE.search(href)
    if match:
        return event_from_name(text, match.group("name"), int(match.group("year")), any_meeting=True)
    match = CONFERENCE_INDEX_RE.search(href)
    if match:
        year = match.group("year")
        return event_from_name(text, match.group("name"), int(year) if year else None, any_meeting=True)
    match = COVERAGE_PAGE_RE.search(href)
    if match:
        return event_from_name(text, match.group("name"), int(match.group("year")))
    return None


def event_from_index(index: str, topic: str) -> Event | None:
    """The meeting of a "Conference" index entry ("Netconf/2009")."""
    if not index.lower().startswith("conference"):
        return None
    match = re.match(r"(?P<name>.+?)[/ -](?P<year>\d{4})$", topic.strip())
    if match:
        return event_from_name(match.group("name"), year=int(match.group("year")), any_meeting=True)
    return event_from_name(topic, any_meeting=True)


def event_from_text(text: str) -> Event | None:
    """A meeting named in free text such as a byline's coverage line ("LSFMM+BPF", "2010 Kernel Summit")."""
    return event_from_name(text) if text and series_of(text) else None


def event_from_title(title: str) -> Event | None:
    """A meeting named by a title: a prefix ("KS2010:", "LPC:", "JLS2009:"), an explicit name, or a series
    name with its year ("Reports from OSPM 2026, day two")."""
    match = TITLE_PREFIX_RE.match(title or "")
    if match:
        prefix = match.group("prefix")
        compact = re.sub(r"(?<=[A-Za-z])(?=\d{4}\b)", " ", prefix)  # "KS2010" → "KS 2010"
        series = series_of(compact) or series_of(prefix)
        if series and len(prefix.split()) <= 6:
            name = _clean_name(compact)
            abbreviation = name.isupper() and len(name) <= 6
            return Event(series if abbreviation else name, series, _year(prefix))
    match = TITLE_NAMES_RE.search(title or "")
    if match:
        series = series_of(match.group(0))
        if series:
            return Event(_clean_name(match.group(0)) if series == "Netdev" else series, series, _year(title))
    for match in TITLE_NAME_YEAR_RE.finditer(title or ""):
        series = series_of(match.group("name"))
        if series:
            return Event(series, series, int(match.group("year")))
    return None
