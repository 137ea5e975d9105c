"""Which meeting an article reports on, from each of LWN's link forms, coverage lines, index entries and titles."""

import pytest

from pipeline.sources.events import event_from_index, event_from_link, event_from_text, event_from_title, names_meeting
from pipeline.sources.lwnpage import parse_page


@pytest.mark.parametrize("href, text, label, series, year", [
    ("https://lwn.net/Archives/ConferenceByYear/#2017-NetconfNetdev", "Netconf/Netdev", "Netconf/Netdev 2017",
     "Netconf/Netdev", 2017),
    ("/Archives/ConferenceByYear/#2016-Netdev", "Netdev/Netconf", "Netdev/Netconf 2016", "Netconf/Netdev", 2016),
    ("https://lwn.net/Archives/ConferenceIndex/#Netdev-2022", "Netdev", "Netdev 2022", "Netdev", 2022),
    ("/Archives/ConferenceByYear/#2019-Netconf", "Netconf 2019", "Netconf 2019", "Netconf", 2019),
    ("https://lwn.net/Articles/KernelSummit2005/", "2005 Kernel Summit coverage", "Kernel Summit 2005",
     "Kernel Summit", 2005),
    ("https://lwn.net/Archives/ConferenceByYear/#2014-Linux_Plumbers_Conference", "Linux Plumbers Conference",
     "Linux Plumbers Conference 2014", "Linux Plumbers Conference", 2014),
    ("https://lwn.net/Archives/ConferenceIndex/#Linux_Plumbers_Conference-2025", "LPC", "LPC 2025",
     "Linux Plumbers Conference", 2025),
    ("https://lwn.net/Articles/lsfmmbpf2025/", "LSFMM+BPF", "LSFMM+BPF 2025", "LSFMM", 2025),
    ("https://lwn.net/Archives/ConferenceByYear/#2015-linux.conf.au", "LCA 2015", "LCA 2015", "linux.conf.au", 2015),
    ("https://lwn.net/Archives/ConferenceIndex/#Netdev-0x17", "Netdev 0x17", "Netdev", "Netdev", None),
])
def test_events_every_link_form(href, text, label, series, year):
    event = event_from_link(href, text)
    assert (event.label, event.series, event.year) == (label, series, year)


def test_events_links_that_are_not_meetings():
    assert event_from_link("https://lwn.net/Articles/914030/", "this 2022 article") is None
    assert event_from_link("https://lwn.net/Kernel/Index/#Networking", "Networking") is None


@pytest.mark.parametrize("title, label, series", [
    ("KS2010: Minisummit reports", "Kernel Summit 2010", "Kernel Summit"),
    ("Kernel Summit 2005: Report from the networking summit", "Kernel Summit 2005", "Kernel Summit"),
    ("LPC: Making the net go faster", "Linux Plumbers Conference", "Linux Plumbers Conference"),
    ("JLS2009: Generic receive offload", "Japan Linux Symposium 2009", "Japan Linux Symposium"),
    ("Netdev 0x16: moving past TCP in the data center", "Netdev", "Netdev"),
    ("The 2006 Wireless Networking Summit", "Wireless Networking Summit 2006", "Wireless Networking Summit"),
    ("A report from the networking miniconference", "Networking summit", "Networking summit"),
    ("Netconf discussions, part 1", "Netconf", "Netconf"),
    # a meeting's older or longer names, anywhere in the title
    ("The 2003 Kernel Developers Summit", "Kernel Summit 2003", "Kernel Summit"),
    ("The 2005 Linux Kernel Developers' Summit", "Kernel Summit 2005", "Kernel Summit"),
    ("Proceedings of Netfilter Developer Workshop 2004", "Netfilter Workshop 2004", "Netfilter Workshop"),
    ("Linux Storage and Filesystem workshop, day 1", "LSFMM", "LSFMM"),
    ("The 2010 Linux Storage and Filesystem Summit, day 2", "LSFMM 2010", "LSFMM"),
    ("Linux Filesystem, Storage, and Memory Management Summit, Day 1", "LSFMM", "LSFMM"),
    ("A talk on scheduling at linux.conf.au", "linux.conf.au", "linux.conf.au"),
    ("The first Operating-System-Directed Power-Management Summit", "OSPM", "OSPM"),
    ("A btrfs update at LinuxCon Europe", "LinuxCon", "LinuxCon"),
    # LWN's short names of other meetings in a title prefix
    ("LCE: Realtime, present and future", "LinuxCon", "LinuxCon"),
    ("LC-Asia: An Android upstreaming update", "LC-Asia", "LinuxCon"),  # the name as the title writes it
    ("LFCS: Building the kernel with Clang", "Collaboration Summit", "Collaboration Summit"),
    ("UKUUG: The right way to port Linux", "UKUUG", "UKUUG"),
    # a series' short name with its year, anywhere in the title
    ("Reports from OSPM 2026, day two", "OSPM 2026", "OSPM"),
    ("Notes on XDP from LPC 2022", "Linux Plumbers Conference 2022", "Linux Plumbers Conference"),
])
def test_events_from_titles(title, label, series):
    event = event_from_title(title)
    assert (event.label, event.series) == (label, series)


@pytest.mark.parametrize("title", [
    "The intersection of mlx5, netdev, and lockdown",  # the mailing list, not the meeting
    "TCP small queues", "Kernel development statistics: who wrote 6.13",
    "Storage and filesystem support for containers", "A vault for secrets in the kernel",
    "The 2012 realtime minisummit", "Linux 2026 plans", "What Vault stores in 2019",  # no series with its year
])
def test_events_titles_without_a_meeting(title):
    assert event_from_title(title) is None


def test_events_from_index_entries_and_coverage_lines():
    assert event_from_index("Conference", "Netconf/2009").label == "Netconf 2009"
    assert event_from_index("Kernel", "Networking/Protocols") is None
    assert event_from_text("LSFMM 2016").label == "LSFMM 2016"
    assert event_from_text("2010 Kernel Summit").label == "Kernel Summit 2010"
    assert event_from_text("Control groups") is None


def test_events_a_conference_link_in_running_text_is_not_the_event():
    html = (b'<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head>'
            b'<body><div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">'
            b'<p>As was said at <a href="/Archives/ConferenceIndex/#Netdev-0x16">Netdev 0x16</a>, the stack is slow.'
            b'</div> <!-- ArticleText --></body></html>')
    page = parse_page(html, "x.html")
    assert page.event is None and "Netdev 0x16" in page.blocks[0].text


@pytest.mark.parametrize("phrase, meeting", [
    ("LSFMM", True), ("LSFMM+BPF", True), ("scheduler minisummit", True), ("realtime microconference", True),
    ("Kernel Summit", True), ("LPC", True), ("linux.conf.au", True), ("OLS", True), ("RTLWS", True), ("ELCE", True),
    ("LSS-NA", True), ("LPC bus", False), ("Olsen", False), ("ELF", False), ("netdevice", False),
    ("netdev_priv", False), ("netconfig", False), ("page pool", False),
])
def test_names_meeting_knows_meetings_by_any_name_and_nothing_else(phrase, meeting):
    assert names_meeting(phrase) is meeting
