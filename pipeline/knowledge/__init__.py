"""Domain knowledge, apart from the stages that use it.

- ``records``: readers of the kernel's own records (MAINTAINERS, Kconfig, CREDITS, .mailmap, docs);
- ``importer``: `python -m pipeline knowledge --kernel-src DIR`, the records → the files in ``data/``, through
  ``kernel_subsystems`` (the taxonomy's rows from the records) and ``kernel_people`` (people and companies);
- ``naming``: what a writer writes for a record's name; ``taxonomy``: reading and writing the files;
- ``senses``: when an ambiguous name means the subsystem (the traps table, ``data/senses.tsv``);
- ``persons``: one right name per person (records, alias table, nicknames, spelling variants).

``Knowledge.load`` reads everything the extraction needs, without the language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.config import Options
from pipeline.knowledge.persons import PersonIndex, load_nicknames, load_spellings
from pipeline.knowledge.senses import Sense, load_senses
from pipeline.errors import PipelineError
from pipeline.knowledge.taxonomy import (
    Subsystem, Term, load_list, load_mailing_lists, load_stopphrases, load_subsystems, people_aliases, rows,
)
from pipeline.sources.topics import top_level_entries

# The category of facilities outside networking that its texts name (RCU, the crypto API, security modules,
# tracing tools): matched so they are not taken for networking terms; linked to a person only where a sentence
# names both.
OUTSIDE_CATEGORY = "kernel"
# The categories of tools people use to look at or load a system (bpftrace, ethtool, netperf): using one to do
# something else is no work on it.
TOOL_CATEGORIES = frozenset({"tooling", "performance"})

# The records column of a person whom only the kernel's .mailmap names.
MAILMAP_ONLY = ".mailmap"

# Words of subsystem names that are not networking words by themselves.
DOMAIN_STOPWORDS = frozenset("""the and for with over from into via new old general generic support driver drivers
device devices system systems linux kernel code layer module modules framework based other more type types use
using test tests""".split())


@dataclass
class Knowledge:
    subsystems: dict[str, Subsystem]
    terms: list[Term]
    senses: dict[str, list[Sense]]
    aliases: dict[str, str]
    persons: PersonIndex
    in_records: frozenset[str]
    maintainers: dict[str, list[tuple[str, str]]]
    kconfig: dict[str, tuple[str, str]]
    stopphrases: frozenset[str]
    broad: frozenset[str]
    common_words: frozenset[str] = frozenset()  # words one LWN kernel article in ten uses ("CPU", "API")
    umbrella: frozenset[str] = frozenset()  # broad subsystems true of nearly every networking article
    organisations: frozenset[str] = frozenset()  # companies by the name in their domain ("ibm", "redhat")

    def __post_init__(self):
        self._exact = {t.alias: t.canonical for t in self.terms if t.exact_case}
        self._lower = {t.alias.lower(): t.canonical for t in self.terms if not t.exact_case}
        self.tools = frozenset(name for name, sub in self.subsystems.items() if sub.category in TOOL_CATEGORIES)
        # The networking vocabulary: the names that are one word ("qdisc", "netfilter", "bridge"), not every
        # word of the longer ones ("number" of "sequence number", "run" of "compile once, run everywhere").
        words = {t.alias.lower() for t in self.terms if re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{2,}", t.alias)}
        self.domain_words = frozenset(w for w in words if w not in DOMAIN_STOPWORDS)
        self.by_entry: dict[str, str] = {}
        for sub in sorted(self.subsystems.values(), key=lambda s: (s.source != "curated", s.name)):
            if sub.kernel_entry:
                self.by_entry.setdefault(sub.kernel_entry, sub.name)

    def outside_networking(self, subsystem: str) -> bool:
        """Whether a subsystem is a kernel facility outside networking (the taxonomy's ``kernel`` category)."""
        return self.subsystems[subsystem].category == OUTSIDE_CATEGORY

    def subsystem_named(self, text: str) -> str | None:
        """The subsystem a name as written stands for (a whole alias of the taxonomy), or None."""
        text = " ".join(text.replace("`", "").split())
        return self._exact.get(text) or self._lower.get(text.lower())

    @classmethod
    def load(cls, opts: Options) -> "Knowledge":
        subsystems, terms = load_subsystems(opts.subsystems_file)
        hand, kernel = (list(rows(path, 1)) for path in (opts.people_file, opts.kernel_people_file))
        aliases = people_aliases((opts.people_file, hand), (opts.kernel_people_file, kernel))
        # .mailmap alone names anyone who committed from two addresses: too many near-namesakes to read a
        # misspelt name as one of them ("Ben Gardiner" is not its "Ben Gardner")
        misspellable = frozenset(aliases.get(f[0], f[0]) for _, f in hand) | frozenset(
            aliases.get(f[0], f[0]) for _, f in kernel if f[-1] != MAILMAP_ONLY)
        persons = PersonIndex(aliases, load_nicknames(opts.nicknames_file), misspellable,
                              load_spellings(opts.nicknames_file))

        def person(name: str) -> str:
            return persons.canonical(name) or name

        in_records = frozenset(person(fields[0]) for _, fields in kernel)
        maintainers: dict[str, list[tuple[str, str]]] = {}
        for _, fields in rows(opts.maintainers_file, 3):
            maintainers.setdefault(fields[0], []).append((person(fields[1]), fields[2]))
        kconfig = {f[0]: (f[1], f[3] if len(f) > 3 else "") for _, f in rows(opts.kconfig_file, 3)}
        broad = load_list(opts.broad_file)
        unknown = broad - set(subsystems)
        if unknown:
            raise PipelineError(f"{opts.broad_file}: not subsystems of the taxonomy: {', '.join(sorted(unknown))}")
        umbrella = load_list(opts.umbrella_file)
        if umbrella - broad:
            raise PipelineError(f"{opts.umbrella_file}: not in {opts.broad_file.name}: {', '.join(sorted(umbrella - broad))}")
        # the kernel's mailing lists are where its developers talk, never what an article is about; unless a
        # list shares its name with a subsystem or an entry of LWN's index (linux-next, the tree), as written:
        # "linux-wireless" is the list, where "Linux wireless" is the subsystem
        index = top_level_entries(opts.lwn_index_file)
        topics = frozenset(t.alias.lower() for t in terms if not t.joined) | {entry.lower() for entry in index}
        lists = load_mailing_lists(opts.mailing_lists_file, topics)
        terms = [t for t in terms if not (t.joined and t.alias.lower() in lists)]
        stopphrases = load_stopphrases(opts.stopphrases_file) | lists
        return cls(subsystems, terms, load_senses(opts.senses_file), aliases, persons, in_records, maintainers,
                   kconfig, stopphrases, broad, load_list(opts.common_words_file), umbrella,
                   frozenset(fields[0] for _, fields in rows(opts.organisations_file, 1)))
