"""Sense rules: when a name that is also an ordinary word, or that belongs to another area, means the subsystem.

A matcher finds strings; these rules decide whether the string names the subsystem where it stands.
They come from senses.tsv (the table of known traps, with tests), plus one rule for every mention: a
subsystem named inside a meeting's name ("… and BPF Summit", "LSFMM+BPF") is the meeting, not the
subsystem. Rules look at the sentence and paragraph around a mention, its case, and its part of speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.knowledge.taxonomy import rows

# Words that make a paragraph about networking: the context an ambiguous name needs.
NET_CONTEXT = re.compile(
    r"\b(?:network(?:s|ing|ed)?|packets?|sockets?|TCP|UDP|IPv[46]|IP|Ethernet|NICs?|netdev|net_device|sk_?buffs?|"
    r"skbs?|routers?|routing|protocols?|XDP|qdiscs?|netfilter|nftables|iptables|traffic|wireless|Wi-?Fi|802\.11|"
    r"switch(?:es|dev)?|bridg(?:e|es|ing)|VLANs?|tunnel(?:s|ing)?|NAPI|GRO|TSO|GSO|firewall|bandwidth|congestion|transmi(?:t|ts|tted|tting|ssions?))\b")
# Words after a name that make it part of a meeting's name.
MEETING_WORDS = frozenset({"summit", "summits", "conference", "workshop", "miniconference", "miniconf", "track",
                           "symposium", "forum", "bof", "microconference"})
RULES = ("drop", "case", "pos", "needs", "unless", "needs_net", "not_pos")


@dataclass(frozen=True)
class Sense:
    """One rule: for mentions of ``subsystem`` written as ``alias`` (case-insensitive; empty = any)."""

    subsystem: str
    alias: str
    rule: str
    argument: str
    pattern: re.Pattern | None = None


def load_senses(path: Path) -> dict[str, list[Sense]]:
    """Rules by subsystem."""
    senses: dict[str, list[Sense]] = {}
    for lineno, fields in rows(path, 3):
        subsystem, alias, rule = fields[0], fields[1], fields[2]
        argument = fields[3] if len(fields) > 3 else ""
        if rule not in RULES:
            raise PipelineError(f"{path}:{lineno}: unknown rule {rule!r} (one of {', '.join(RULES)})")
        try:
            pattern = re.compile(argument) if rule in ("needs", "unless") else None
        except re.error as err:
            raise PipelineError(f"{path}:{lineno}: bad pattern {argument!r}: {err}") from err
        senses.setdefault(subsystem, []).append(Sense(subsystem, _as_alias(alias), rule, argument, pattern))
    return senses


def _as_alias(text: str) -> str:
    """How a rule names the alias it is for: "packet-filtering" is the alias "packet filtering", as matched."""
    return " ".join(text.lower().replace("-", " ").split())


def in_meeting_name(span) -> bool:
    """"BPF" in "… Memory-Management, and BPF Summit" or "LSFMM+BPF": the meeting, not the subsystem."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in MEETING_WORDS and (
            after.text[:1].isupper() or after.lower_ in ("track", "microconference", "miniconference")):
        return True  # "BPF Summit", "the BPF track" (but "a tc workshop" is about tc)
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.text == "+" and not before.whitespace_ and span.start > 1 \
        and doc[span.start - 2].text.isupper()


def _window(span) -> tuple[str, str]:
    """(sentence text, paragraph text) around a mention."""
    return span.sent.text, span.doc.text


def allowed(span, rules: list[Sense], named_elsewhere: bool = False) -> bool:
    """Whether a matched span names its subsystem, by the rules for that subsystem and alias.
    ``named_elsewhere``: the article names the subsystem where no doubt is left, so a word that needs context
    to name it has that context (one sense per article: "the verifier" in a paragraph that does not say
    "BPF", of an article on the BPF verifier)."""
    if in_meeting_name(span):
        return False
    text = span.text.lower()
    for sense in rules:
        if sense.alias and sense.alias != _as_alias(text):
            continue
        sentence, paragraph = _window(span)
        rule = sense.rule
        if rule == "drop":
            return False
        if rule == "case" and span.text not in sense.argument.split("|"):
            return False
        if rule == "pos" and span.root.pos_ not in sense.argument.split("|"):
            return False
        if rule == "not_pos" and span.root.pos_ in sense.argument.split("|"):
            return False
        if named_elsewhere and rule == "needs":
            continue
        if rule == "needs" and not (sense.pattern.search(sentence) or sense.pattern.search(paragraph)):
            return False
        if rule == "unless" and sense.pattern.search(sentence):
            return False
        if rule == "needs_net" and len(set(m.group(0).lower() for m in NET_CONTEXT.finditer(paragraph))
                                      - {text}) < int(sense.argument or 1):
            return False
    return True
