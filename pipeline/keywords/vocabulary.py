"""The words keywords are judged by: what makes a phrase vague, a name, a kind of person, the same keyword
as another, or an aside; pure data."""

from __future__ import annotations

import re

VAGUE_MODIFIERS = frozenset({
    "new", "old", "current", "other", "various", "several", "such", "same", "existing", "many",
    "much", "little", "some", "first", "last", "next", "real", "similar", "certain", "different",
    "whole", "entire", "more", "most", "few", "good", "great", "big", "small", "large", "own",
    "particular", "main", "major", "minor", "simple", "possible", "important", "interesting",
    "further", "additional", "less", "only", "key", "specific", "general", "usual", "nice",
    "venerable", "multiple", "obvious", "recent", "following", "above", "below", "another", "any",
    "each", "every", "all", "both", "either", "neither", "no", "this", "that", "these", "those",
    "long", "short", "active", "original", "better", "best", "worse", "familiar", "formal",
    "modern", "early", "late", "later", "earlier", "initial", "single", "high-level", "low-level", "fancy",
    "capable", "public", "regular", "traditional", "conventional", "future", "extended", "longtime",
    "exact", "usable", "successful", "untrusted",
    "high-end", "low-end", "high-performance", "high-speed", "high-bandwidth", "high-quality", "low-quality",
    "high-profile", "high-risk", "special", "special-purpose", "special-case",
    "general-purpose", "open-source", "incoming", "outgoing", "fast", "slow", "huge", "vast", "tiny", "typical",
    "standard", "full", "basic",
    "proper", "separate", "actual", "possible", "necessary", "available", "common", "open", "free",
    "minimal", "complete", "overall", "ordinary", "classic", "subsequent", "longstanding", "long-standing",
    "near-optimal", "multi-pronged", "well-known", "so-called", "real-world", "numerous", "countless",
    "arbitrary", "needed", "normal", "meaningful", "loaded", "misbehaving", "given", "corresponding", "relevant",
    "appropriate", "potential", "desired", "affected", "resulting", "required", "reasonable", "suitable",
    "couple", "handful", "bunch", "lot", "previous", "crucial",
})
# Units of measure: after a number, what follows is a quantity ("64KB window").
UNITS = frozenset({"b", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "byte", "bytes", "bit", "bits", "hz", "khz",
                   "mhz", "ghz", "bps", "kbps", "mbps", "gbps", "tbps", "kbit", "mbit", "gbit", "pps", "kpps", "mpps",
                   "ns", "us", "µs", "ms", "sec", "second", "seconds", "minute", "minutes"})
# A git commit id (the kernel abbreviates them to twelve hex digits; ten or more, with a digit and a letter):
# which change, not what it is about.
COMMIT_ID_RE = re.compile(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{10,40}")
QUANTITY_RE = re.compile(r"^\d[\d.,/]*(?:[kmgt]i?b(?:ytes?|its?|ps)?|bits?|bytes?|[kmg]?hz|[mµμun]?s|secs?|[kmg]?pps|%)$",
                         re.IGNORECASE)
DROP_POS = frozenset({"DET", "PRON", "PUNCT", "NUM", "SYM", "CCONJ", "ADP", "PART", "SPACE", "X", "INTJ", "ADV", "VERB", "AUX"})
MAX_WORDS = 3
# Heads that add nothing to what precedes them: "IPsec/XFRM area" says "IPsec/XFRM".
GENERIC_HEADS = frozenset({"patch", "area", "stuff", "thing", "code", "work", "kind", "sort", "type", "set",
                           "series", "project", "issue", "stage",
                           # light nouns: "interrupt mitigation mechanism" names interrupt mitigation
                           "mechanism", "functionality", "capability", "technology", "effort", "need", "solution",
                           "support", "processing", "implementation", "problem", "change", "approach",
                           # which instance: "the iSCSI case", "the AF_UNIX variety", "the TTL value"
                           "case", "variety", "situation", "scenario", "tweak", "detail", "value", "version",
                           "test", "level", "parameter", "rule", "field", "chipset", "pair", "object",
                           "capacity", "maximum", "minimum", "draft", "setting", "optimization", "optimisation",
                           "overview", "decision", "power", "operation",
                           # where a table puts it: "the changesets column", "the right-hand column"
                           "column",
                           # what was said about it: "the workqueue discussion", "a union filesystem concept"
                           "discussion", "talk", "topic", "concept", "question", "presentation", "debate"})
# Nouns that measure how much of something is used: "CPU time", "CPU utilization", "API overhead".
MEASURE_HEADS = frozenset({"time", "usage", "utilization", "utilisation", "consumption", "overhead", "cost", "load"})
# Entity labels that make a phrase a name, not a topic (unless the word is a subsystem's name).
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
# The labels of places: a word of the title the model once calls one is no subject ("Korea Linux Forum").
PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
# A proper noun of the title is the article's subject when the article writes it this often, not at a sentence's
# start: "Btrfs", "Greybus", said throughout, and not a name the title only mentions.
SUBJECT_SAID = 3
# Words of meetings, of the lists where developers meet, and of the site itself.
NAME_WORDS = frozenset({"summit", "workshop", "conference", "miniconference", "miniconf", "symposium", "lwn",
                        "lwn.net", "bof", "keynote", "mailing"})
# Heads that make a phrase a kind of person or group ("TCP designer", "e1000 driver hacker", "wireless
# networking vendor", "QA team"): who, not what, and so never a tag.
PEOPLE_HEADS = frozenset({"developer", "maintainer", "co-maintainer", "vendor", "people", "hacker", "team", "folk",
                          "author", "company", "programmer", "person", "contributor", "committer", "designer", "guy",
                          "implementer", "administrator", "admin", "researcher", "customer", "manufacturer",
                          "reviewer", "expert", "engineer", "creator", "inventor", "proponent", "fan", "camp", "user"})
# Where people work: "developers at Facebook", "an engineer from Samsung", "his employer, Google".
WORKPLACE_PREPOSITIONS = frozenset({"at", "from", "within"})
EMPLOYER_NOUNS = frozenset({"employer", "company"})
WORKER_NOUNS = PEOPLE_HEADS | EMPLOYER_NOUNS | {"colleague", "employee"}
# The last word of a name an acronym stands for only as a body of people or a meeting of them: "Software Freedom
# Conservancy (SFC)", "Software Freedom Law Center", "Open Source Development Labs (OSDL)", "National Security
# Agency (NSA)", "Internet Engineering Task Force (IETF)", "Real Time Linux Workshop (RTLWS)", "Linux Security Summit
# (LSS)". Not those a technical term ends in as well ("Network", "Group", "Board", "Project": VPN, PCB, the Linux
# Test Project's LTP).
BODY_HEADS = frozenset({"foundation", "conservancy", "center", "centre", "university", "institute", "association",
                        "agency", "commission", "committee", "council", "consortium", "alliance", "society",
                        "task force", "workshop", "summit", "minisummit", "conference", "miniconference", "symposium",
                        "forum", "lab", "labs", "laboratory", "laboratories"})
NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "in", "&"})
# Heads that make a phrase the program or machine at one end of the network, or the network or data stream
# between them, whatever it runs ("data-center application", "TCP endpoint", "multithreaded server", "TCP/IP
# protocol suite", "multicore system", "home network", "high-speed data stream"): readers dropped 35 of 37.
ENDPOINT_HEADS = frozenset({"application", "server", "endpoint", "suite", "system", "network", "stream"})
# What a phrase adds after a name without saying anything new: "Homa support" is "Homa".
DUPLICATE_TAILS = frozenset({"support", "implementation", "code", "module", "mechanism", "interface", "structure",
                             "family", "developer", "team", "layer", "subsystem", "feature", "patch", "tool",
                             "library", "infrastructure", "framework", "version", "work", "change", "changes",
                             "hardware", "list", "maintainer"})
# Words that add nothing to a subsystem's name in a keyword: "CAKE qdisc", "MSG_ZEROCOPY socket option".
SUBSYSTEM_TAILS = DUPLICATE_TAILS | frozenset({"adapter", "option", "mode", "algorithm", "protocol", "stack",
                                               "driver", "device", "approach", "proposal", "series", "set",
                                               "qdisc", "socket", "engine", "scheme", "method", "api", "modules",
                                               "packet", "packets", "connection", "connections", "session",
                                               "conversation", "flow", "flows", "traffic", "header", "headers",
                                               "data", "user", "users", "client", "server", "implementation",
                                               "functionality", "behavior", "behaviour", "performance", "use",
                                               "usage", "development", "developers", "maintainers", "people"})
# After a name, words for things of their own: "XDP socket", "TCP connection", "netlink header".
THING_WORDS = frozenset({"adapter", "client", "connection", "connections", "conversation", "data", "device", "flow",
                         "flows", "header", "headers", "packet", "packets", "people", "server", "session", "socket",
                         "traffic"})
# Words that name an aspect of a thing, not a new thing: "NAPI state", "iptables rule", "BPF program" and
# "bufferbloat problem" are one keyword each with "NAPI", "iptables", "BPF", "bufferbloat"; "mobile IPv6",
# "XDP redirect" and "TCP small queues" are keywords of their own.
ASPECT_WORDS = (SUBSYSTEM_TAILS - THING_WORDS) | frozenset({
    "state", "field", "number", "configuration", "config", "address", "request", "program", "array", "entry",
    "rule", "setting", "information", "info", "core", "compliant", "enabled", "aware", "based", "capable",
    "problem", "issue", "level", "pointer", "convention", "operation", "processing", "handling", "release",
    "upstream", "need", "design", "idea", "system", "side",
})
# Aspect words that say nothing new before a name either ("core VFS", "upstream kernel", "NUMA-aware scheduler");
# the others lead a name of their own there ("user namespace", "address space", "system call").
LEADING_ASPECTS = frozenset({"core", "upstream", "compliant", "enabled", "aware", "based", "capable"})
# After a subsystem's name, words that say it again: "ILA address", "UDP network protocol", "eBPF program".
FOLDED = SUBSYSTEM_TAILS | ASPECT_WORDS | {"network", "networking"}
# Where a program runs: "user-space daemon" is a daemon, as ordinary as the words it is made of, and "user
# space" itself no topic (readers dropped 20 of the 21 they saw in a top ten).
PLACE_COMPOUNDS = frozenset({"user-space", "kernel-space"})
EXAMPLE_PREPOSITIONS = frozenset({"like", "including"})
# Verbs whose object is what a talk or a discussion was about: a list there is of topics, not asides.
TOPIC_VERBS = frozenset({"talk", "speak", "present", "describe", "discuss", "cover", "explain", "demonstrate",
                         "show", "introduce", "outline", "review"})

# Nouns of kernel English that WordNet knows only as verbs: "direct reclaim", "stable-kernel commits", "untorn
# writes", "a RAID rebuild", "the merge window".
KERNEL_NOUNS = frozenset({"merge", "commit", "write", "rebuild", "reboot", "retry", "revert", "bisect", "reclaim",
                          "resize"})

# What a conference report's phrases name when they name a part of the meeting ("the memory-management track
# session", "an invitation-only day", "the customer panel"): its structure, not a topic.
MEETING_PARTS = frozenset({"session", "track", "meeting", "day", "plenary", "keynote", "bof", "panel"})

# What a name is, said after it: "XFS filesystem", "RISC-V architecture", "CFS scheduler", "SLUB allocator" are
# the topics "XFS", "RISC-V", "CFS", "SLUB", which other articles tag by the name alone.
KIND_NOUNS = frozenset({"filesystem", "architecture", "scheduler", "allocator", "subsystem", "driver", "protocol",
                        "framework", "library", "layer", "module", "mechanism", "interface", "implementation",
                        "support", "infrastructure", "tool", "utility", "language", "project"})
