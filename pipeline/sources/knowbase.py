"""The knowbase reader: one LWN-Kernel-Knowbase Markdown file (bytes) → an Article record; pure.

A file is YAML front matter (title, url, date, category, author) and the article as Markdown: LWN's
subscription nag as a blockquote, a "By **Name**" and date line, an optional conference link line,
then the body (#### headings, paragraphs, lists, fenced code, quoted mail, tables). The body follows
the page reader's rules: headings are h4 blocks, code is pre, quoted mail is quote, a table row is
one block with its cells apart, images and the nag are dropped, link text and inline code are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt

from pipeline.errors import Skip
from pipeline.sources.article import (
    Article, Block, article_id_from_url, article_text, guest_author, normalise_space, parse_date,
)
from pipeline.sources.decode import decode_page
from pipeline.sources.events import event_from_index, event_from_link, event_from_text, is_coverage_line
from pipeline.sources.topics import topics_from_category

# LWN's subscription nags link to its promotion pages ("/Promo/nst-nag2/subscribe").
PROMO_HREF_RE = re.compile(r"lwn\.net/Promo/|^/Promo/", re.I)
PROMO_TEXT_RE = re.compile(r"\bsubscri(?:be|ption|bers?)\b.*\bLWN\b|\bLWN\b.*\bsubscri(?:be|ption|bers?)\b", re.I | re.S)
# The staff byline after the nag: "By **Jonathan Corbet**" then the date on the next line.
STAFF_BYLINE_RE = re.compile(r"^By\s+(?P<author>[^\n]+?)\s*(?:\n|$)")
# The knowbase writes LWN's pull quotes inline; one repeats a sentence of the article, so it is not text.
PULL_QUOTE_RE = re.compile(r"\[PULL QUOTE:.*?END QUOTE\]\s*", re.S)
FILENAME_ID_RE = re.compile(r"^(?P<id>\d{1,9})_")
# The line under a table's header row: "---|---", "|:---|---:|".
DELIMITER_ROW_RE = re.compile(r"^[\s|:-]*-[\s|:-]*$")

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Code that links somewhere, as the knowbase writes it: the link inside the code span ("`[send()](<http://…>)`"),
# which Markdown reads as code; the page shows "send()".
LINKED_CODE_RE = re.compile(r"\[(?P<text>[^\]]+)\]\(<(?P<href>[^>\s]+)>\)")
# A placeholder set in italics inside a path, as the knowbase writes it ("`/proc/_PID_ /mem`"): the page shows
# "/proc/PID/mem".
PLACEHOLDER_RE = re.compile(r"(?<=/)_(?P<name>\w+?)_ (?=/)")
# What the page sets in bold inside a code block (the commands of a shell session: "# **mount /dev/sdb1 /mnt/**"),
# which the knowbase writes with Markdown's marks although a code block shows them as they are; not a C
# pointer's stars ("char **argv, char **envp"): the closing pair follows no space.
CODE_BOLD_RE = re.compile(r"\*\*(?=\S)(?P<text>[^*\n]*?\S)\*\*(?!\w)")


@dataclass
class _Piece:
    """A block of the Markdown body before metadata lines are told apart from article text."""

    kind: str
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    quote: int | None = None  # which top-level blockquote it sits in
    rule: bool = False  # a thematic break ("* * *")


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter, body) of a knowbase file; Skip when there is no closed front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise Skip("Markdown file without front matter (expected a '---' header with title, url, date)")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:])
    raise Skip("truncated Markdown file (the front matter is never closed)")


def read_front_matter(front: str) -> dict:
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise Skip(f"front matter is not valid YAML ({first})") from None
    if not isinstance(meta, dict):
        raise Skip("front matter is not a set of 'key: value' fields")
    return {str(k).lower(): ("" if v is None else str(v)) for k, v in meta.items()}


# The knowbase writes LWN's quoted speech with its quotation marks doubled (""layering violation""); what looks
# like an empty string in prose ("", x = "") stays as written.
DOUBLED_QUOTE_RE = re.compile(r'(?<![(=,\s])""|""(?![)\s,;])')
# How a file's last paragraph ends when the file was written whole: a sentence's end, a closing bracket or mark.
FINISHED_RE = re.compile(r"[.!?:;)\]>\"'’”*_`]\s*$")
CODE_MARK = "\x00"  # around inline code while the quotation marks are put right


def _inline(token) -> tuple[str, list[tuple[str, str]], list[str]]:
    """Text of an inline token (link text and inline code kept, images and struck-through text dropped: what
    the author took back, "~~Kees Cook~~ [Correction: ...]"), its links and bold runs."""
    parts: list[str] = []
    links: list[tuple[str, str]] = []
    strong: list[str] = []
    link_stack: list[tuple[str, int]] = []
    strong_start: int | None = None
    struck = 0
    for child in token.children or ():
        kind = child.type
        if kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
        elif struck > 0:
            continue
        elif kind == "text":
            parts.append(child.content)
        elif kind == "code_inline" and (linked := LINKED_CODE_RE.fullmatch(child.content)):
            parts.append(CODE_MARK + linked["text"] + CODE_MARK)  # a linked name written inside its code span
            links.append((linked["href"], linked["text"]))
        elif kind == "code_inline":
            parts.append(CODE_MARK + PLACEHOLDER_RE.sub(r"\g<name>", child.content) + CODE_MARK)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link_open":
            link_stack.append((str(child.attrs.get("href", "")), len(parts)))
        elif kind == "link_close" and link_stack:
            href, start = link_stack.pop()
            links.append((href, normalise_space("".join(parts[start:]))))
        elif kind == "strong_open":
            strong_start = len(parts)
        elif kind == "strong_close" and strong_start is not None:
            strong.append(normalise_space("".join(parts[strong_start:])))
            strong_start = None
    return _unquoted("".join(parts)), [(href, _unquoted(text)) for href, text in links], [_unquoted(t) for t in strong]


def _unquoted(text: str) -> str:
    """Quotation marks once where the knowbase doubles them, in prose only (not in inline code)."""
    pieces = text.split(CODE_MARK)
    return "".join(DOUBLED_QUOTE_RE.sub('"', piece) if i % 2 == 0 else piece for i, piece in enumerate(pieces))


def _rows_without_delimiter(text: str) -> list[str] | None:
    """The rows of a table Markdown read as one paragraph of lines ("Rob Herring| 186| 3.8%" on each), its
    "---|---" line lost in the conversion or the table begun inside a paragraph: every line has a cell bar.
    Each row becomes one block with its cells apart, as a table's rows do (a table of empty cells has
    none); other text gives None."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or not all("|" in line for line in lines):
        return None
    rows = [" | ".join(c for c in (normalise_space(cell) for cell in line.split("|")) if c)
            for line in lines if not DELIMITER_ROW_RE.match(line)]
    return [row for row in rows if row]


QUOTE_MARKERS_RE = re.compile(r"^\s*(?:>\s?)*")
CELL_BAR_RE = re.compile(r"(?<!\\)\|")


def _cells_beyond(line: str, parsed: int) -> list[str]:
    """The cells of a table row's source line past the ``parsed`` ones: a table reads each row to the
    width of its header, and a one-cell header ("| By changesets") would lose every count and share."""
    line = QUOTE_MARKERS_RE.sub("", line).strip()
    cells = CELL_BAR_RE.split(line[1:] if line.startswith("|") else line)
    if cells and not cells[-1].strip():
        cells.pop()
    return cells[parsed:]


def body_pieces(body: str) -> list[_Piece]:
    """The Markdown body as pieces in reading order."""
    lines = body.split("\n")
    pieces: list[_Piece] = []
    depth = items = 0
    quote_no = -1
    heading: str | None = None
    row: list[str] | None = None
    row_line: int | None = None
    row_links: list[tuple[str, str]] = []
    for token in _MD.parse(body):
        kind = token.type
        quote = quote_no if depth else None
        if kind == "blockquote_open":
            if depth == 0:
                quote_no += 1
            depth += 1
        elif kind == "blockquote_close":
            depth -= 1
        elif kind == "list_item_open":
            items += 1
        elif kind == "list_item_close":
            items -= 1
        elif kind == "heading_open":
            heading = token.markup
        elif kind == "heading_close":
            heading = None
        elif kind == "tr_open":
            row, row_links, row_line = [], [], token.map[0] if token.map else None
        elif kind == "tr_close" and row is not None:
            if row_line is not None:
                for cell in _cells_beyond(lines[row_line], len(row)):
                    text, links, _ = _inline(_MD.parseInline(cell)[0])
                    row.append(text)
                    row_links += links
            cells = [normalise_space(c) for c in row if normalise_space(c)]
            pieces.append(_Piece("row", " | ".join(cells), row_links, quote=quote))
            row = None
        elif kind == "hr":
            pieces.append(_Piece("p", "", rule=True, quote=quote))
        elif kind in ("fence", "code_block"):
            text = "\n".join(line.rstrip() for line in token.content.replace("\r", "").split("\n")).strip("\n")
            pieces.append(_Piece("pre", CODE_BOLD_RE.sub(r"\g<text>", text), quote=quote))
        elif kind == "inline":
            text, links, strong = _inline(token)
            text = PULL_QUOTE_RE.sub("", text)
            if row is not None:
                row.append(text)
                row_links += links
                continue
            rows = _rows_without_delimiter(text)
            if rows is not None and heading is None:
                pieces += [_Piece("row", r, links if i == 0 else [], quote=quote)
                           for i, r in enumerate(rows)]
                continue
            if heading is not None and heading.startswith("#"):
                block_kind = "h4"
            elif depth:
                block_kind = "quote"
            elif items:
                block_kind = "li"
            else:
                block_kind = "p"  # a setext "heading" here is a table's caption left by the conversion
            pieces.append(_Piece(block_kind, text, links, strong, quote))
    return pieces


def _is_promo(pieces: list[_Piece]) -> bool:
    return any(PROMO_HREF_RE.search(href) for p in pieces for href, _ in p.links) or \
        any(PROMO_TEXT_RE.search(p.text) for p in pieces[:2])


def _coverage_event(piece: _Piece):
    """The meeting a conference link line names, when the piece is only that line."""
    for href, text in piece.links:
        event = event_from_link(href, text)
        if event is not None and is_coverage_line(piece.text.replace(text, " ")):
            return event
    return None


def _is_date_line(text: str) -> bool:
    date = parse_date(text)
    return bool(date) and len(text.split()) <= 4


def _byline_author(front_author: str) -> str | None:
    """The author in the front matter's "By NAME DATE …" form (guest forms are read from the body)."""
    match = re.match(r"^By\s+(?P<author>.+?)\s+(?:January|February|March|April|May|June|July|August|September"
                     r"|October|November|December)\s+\d{1,2},\s+\d{4}", normalise_space(front_author))
    return match.group("author") if match else None


def _byline_tail(front_author: str) -> str:
    """What follows the date in the front matter's author field: the coverage line ("LSFMM+BPF")."""
    match = re.search(r"\d{1,2},\s+\d{4}\s+(?P<tail>.+)$", normalise_space(front_author))
    return match.group("tail") if match else ""


def read_knowbase(data: bytes, source_file: str = "") -> Article:
    """Read one knowbase Markdown file. Raises Skip with a one-line reason for anything else."""
    text, encoding = decode_page(data, what="a Markdown file")
    front, body = split_front_matter(text.replace("\r\n", "\n"))
    meta = read_front_matter(front)
    url = meta.get("url", "").strip()
    article_id = article_id_from_url(url)
    if article_id is None:
        if url:
            raise Skip(f"not an LWN article (front matter url {url[:80]!r} is not an lwn.net/Articles/ address)")
        match = FILENAME_ID_RE.match(source_file.rsplit("/", 1)[-1])
        if not match or not meta.get("title"):
            raise Skip("not an LWN article (no lwn.net/Articles/ url in the front matter)")
        article_id = int(match.group("id"))
    url = f"https://lwn.net/Articles/{article_id}/"

    pieces = body_pieces(body)
    promo = {p.quote for p in pieces if p.quote is not None
             and _is_promo([q for q in pieces if q.quote == p.quote])}
    pieces = [p for p in pieces if p.quote is None or p.quote not in promo]

    author = published = event = None
    guest = False
    blocks: list[Block] = []
    in_head = True
    # the byline box as the page shows it: date, author and the link to the series or meeting the article is in
    # ("Maintainers Summit", "Control groups", "(Many contributors)"), which the body repeats as lines of its own
    byline_box = normalise_space(str(meta.get("author") or ""))
    for piece in pieces:
        if piece.rule:
            continue
        found = _coverage_event(piece) if piece.links else None
        if found is not None:
            event = event or found
            continue
        text = piece.text if piece.kind == "pre" else normalise_space(piece.text)
        if in_head and piece.kind == "p":
            staff = STAFF_BYLINE_RE.match(piece.text.strip())
            if staff and piece.strong and author is None:
                author, published = piece.strong[0], parse_date(piece.text) or published
                continue
            contributor = guest_author(text, by=published is not None and not piece.strong)
            if contributor and author is None:
                author, guest = contributor, True
                continue
            if _is_date_line(text):
                published = published or parse_date(text)
                continue
            if text and text in byline_box:
                continue
        if not text:
            continue
        in_head = False
        blocks.append(Block(piece.kind, text))
    if not blocks:
        raise Skip("no article text found")
    if not body.endswith("\n") and blocks[-1].kind != "pre" and not FINISHED_RE.search(blocks[-1].text):
        raise Skip("truncated Markdown file (it ends mid-sentence, with no final newline)")
    blocks = article_text(blocks)
    topics = topics_from_category(meta.get("category"))
    published = parse_date(meta.get("date")) or published
    author = author or _byline_author(meta.get("author", ""))
    event = event or event_from_text(_byline_tail(meta.get("author", ""))) or next(
        filter(None, (event_from_index(i, t) for i, t in topics)), None)
    title = normalise_space(meta.get("title", "")) or f"LWN article {article_id}"
    return Article(article_id, url, title, published, author, event, topics, blocks, encoding, guest)

