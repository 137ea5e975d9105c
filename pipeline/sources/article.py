"""The article record every reader yields, and the small text and date helpers the readers share.

Nothing after a reader knows which input format an article came from: an LWN page and the
knowbase's Markdown of the same article give equal records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from pipeline.sources.events import Event, event_from_title

_SPACE_RE = re.compile(r"\s+")
DATE_RE = re.compile(
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},\s+\d{4})")
ARTICLE_URL_RE = re.compile(r"^(?:https?://(?:www\.)?lwn\.net)?/Articles/(?P<id>\d+)/?", re.I)
# "This article was contributed by NAME" (guest articles; some say only "Contributed by NAME"), with or without
# a date before it.
CONTRIBUTED_RE = re.compile(r"^(?:.*?\d{4}\s+)?(?:This article was )?contributed by\s+(?P<author>.+?)\s*$", re.I | re.S)
# A guest byline's line that names its authors after "By", below the date ("By William Stearns and Kent
# Overstreet"): a list of names, no sentence.
_NAME = r"[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z][\w'’-]*\.?|de|van|von|der|da|del|la|le))+"
GUEST_BY_RE = re.compile(rf"^By\s+(?P<author>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:,?\s+and\s+{_NAME})?)\s*$")
BLOCK_KINDS = ("p", "li", "h4", "quote", "pre", "row")
# The note that closes a conference report, thanking whoever paid for the author's travel: "[Your editor would
# like to thank the Linux Foundation for supporting his travel to LPC.]", "[Thanks to LWN subscribers for
# supporting my travel to this event.]".
_THANKS_RE = re.compile(r"(?i)\bthank")
_TRAVEL_RE = re.compile(r"(?i)\b(?:travel\w*|trip)\b")
# A paragraph that ends by handing over to someone's words: "As Thomas Gleixner put it:", "Linus responded:",
# "Stephen Smalley has defended that criticism this way:". What follows is the quotation, where a copy of the
# page has lost its quotation markup (the knowbase's older articles).
QUOTE_LEAD_RE = re.compile(
    r"(?i)\b(?:said|says|say|wrote|writes|noted|notes|explained|explains|commented|comments|responded|responds"
    r"|replied|replies|added|adds|stated|states|observed|observes|answered|answers|complained|complains|argued"
    r"|argues|concluded|concluding|concludes|announced|announces|summarized|summarizes|told|warned|warns|claimed"
    r"|claims|objected|insisted|retorted|countered|quipped|wondered|asked|asks|put it|puts it|had this to say"
    r"|has this to say|described \w+ (?:this|that) way|in this way|this way|thus)\b[^.!?:;\"”]{0,50}:\s*$")


@dataclass
class Block:
    kind: str
    text: str


@dataclass
class Article:
    article_id: int | None
    url: str | None
    title: str
    published: str | None
    author: str | None
    event: Event | None
    topics: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    encoding: str = "utf-8"
    guest: bool = False  # the byline says a guest contributed it: its "I" is the author's own voice

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


def normalise_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def parse_date(text: str | None) -> str | None:
    """'July 19, 2005' or 'Jul 19, 2005' anywhere in ``text`` → '2005-07-19'; None when there is no date."""
    if not text:
        return None
    match = DATE_RE.search(text)
    if not match:
        return None
    value = normalise_space(match.group("date").replace(".", "")).replace("Sept ", "Sep ")
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def validate_date(value: str | None) -> str | None:
    """An ISO date string if ``value`` is one, else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def article_id_from_url(url: str | None) -> int | None:
    if not url:
        return None
    match = ARTICLE_URL_RE.match(url.strip())
    return int(match.group("id")) if match else None


def guest_author(text: str, by: bool = False) -> str | None:
    """The author of a guest article from its "(This article was) contributed by NAME" line, or, with ``by``
    (a line of a guest byline, below its date), from "By NAME and NAME"."""
    text = normalise_space(text)
    match = CONTRIBUTED_RE.match(text) or (GUEST_BY_RE.match(text) if by else None)
    return match.group("author").rstrip(".") if match else None


def article_text(blocks: list[Block]) -> list[Block]:
    """What a reader's blocks say as the article: without a closing travel note, with quotations that lost
    their markup read as quotations. Both readers end with it, so the two forms of an article agree."""
    return quotations_after_leads(without_travel_note(blocks))


def without_travel_note(blocks: list[Block]) -> list[Block]:
    """The blocks but a closing note thanking a sponsor for the author's travel: no article text."""
    last = blocks[-1].text if len(blocks) > 1 else ""
    if len(last) < 400 and _THANKS_RE.search(last) and _TRAVEL_RE.search(last):
        return blocks[:-1]
    return blocks


def quotations_after_leads(blocks: list[Block]) -> list[Block]:
    """The blocks, a paragraph that follows one handing over to someone's words (``QUOTE_LEAD_RE``) read as the
    quotation it is."""
    out = list(blocks)
    for i in range(1, len(out)):
        before = out[i - 1]
        if out[i].kind == "p" and before.kind in ("p", "li") and QUOTE_LEAD_RE.search(before.text[-200:]):
            out[i] = Block("quote", out[i].text)
    return out


def finish(article: Article, fallback_published: str | None = None) -> Article:
    """Fill what a reader could not know alone: a missing date from raw/sources.csv (2004-2006 Kernel
    Summit pages carry none), the event from the title, and the event's year from the date."""
    published = article.published or validate_date(fallback_published)
    event = article.event or event_from_title(article.title)
    if event is not None and event.year is None and published:
        event = replace(event, year=int(published[:4]))
    return replace(article, published=published, event=event)
