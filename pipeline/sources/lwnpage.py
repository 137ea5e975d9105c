"""The LWN page reader: one saved article page (bytes) → an Article record; pure, no disk I/O."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from pipeline.errors import Skip
from pipeline.sources import selectors as sel
from pipeline.sources import size_reason
from pipeline.sources.article import (
    DATE_RE, Article, Block, article_id_from_url, article_text, guest_author, normalise_space, parse_date,
)
from pipeline.sources.decode import decode_page
from pipeline.sources.events import (
    Event, event_from_index, event_from_link, event_from_name, event_from_text, is_coverage_line,
)
from pipeline.sources.topics import topic_spelling

_NON_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


def _text(node: Tag) -> str:
    return normalise_space(node.get_text(" "))


def _page_title(soup: BeautifulSoup) -> str:
    for selector in sel.HEADLINE_SELECTORS:
        node = soup.select_one(selector)
        if node and _text(node):
            return _text(node)
    if soup.title and soup.title.string:
        return sel.TITLE_SUFFIX_RE.sub("", normalise_space(soup.title.get_text()))
    return ""


def _check_not_article(soup: BeautifulSoup, raw_text: str, title: str) -> None:
    """Raise Skip for paywall teasers and weekly editions."""
    html_title = normalise_space(soup.title.get_text()) if soup.title else ""
    if sel.PAYWALL_HEADLINE_RE.search(title) or (
        sel.FREE_FROM_RE.search(raw_text) and soup.select_one("table.Form, form")
        and not soup.select_one("div.ArticleText p")
    ):
        free = sel.FREE_FROM_RE.search(normalise_space(soup.get_text(" ")))
        when = parse_date(free.group("date")) if free else None
        raise Skip(f"subscriber-only page (free from {when})" if when else "subscriber-only page")
    if sel.WEEKLY_TITLE_RE.search(html_title) or len(soup.select(sel.WEEKLY_HEADLINE_SELECTOR)) >= 2:
        raise Skip("weekly edition page (several articles in one page; save each article's own page instead)")


def _find_article_id(soup: BeautifulSoup, source_file: str) -> tuple[int | None, str | None]:
    """LWN's number from the canonical link, og:url, the page's own links, then the file name."""
    canonical = soup.find("link", rel="canonical")
    candidates = [canonical.get("href") if canonical else None]
    og = soup.find("meta", attrs={"property": "og:url"})
    candidates.append(og.get("content") if og else None)
    for url in candidates:
        found = article_id_from_url(url)
        if found:
            return found, f"https://lwn.net/Articles/{found}/"
    for node in soup.find_all(["a", "form", "link"]):
        target = node.get("href") or node.get("action") or ""
        match = sel.OWN_LINK_RE.search(target)
        if match:
            found = int(match.group("id"))
            return found, f"https://lwn.net/Articles/{found}/"
    match = sel.FILENAME_ID_RE.search(source_file.rsplit("/", 1)[-1])
    if match:
        found = int(match.group("id"))
        return found, f"https://lwn.net/Articles/{found}/"
    return None, None


def _byline(soup: BeautifulSoup) -> tuple[str | None, str | None, bool]:
    """(author, ISO date, whether a guest contributed it) from the first byline on the page, removing every
    byline from the tree."""
    author = published = None
    guest = False
    for node in soup.find_all(class_=list(sel.BYLINE_CLASSES)):
        if _gone(node):
            continue
        if author is None and published is None:
            classes = node.get("class", [])
            text = normalise_space(node.get_text(" "))
            published = parse_date(text)
            if "GAByline" in classes:
                author = next(filter(None, (guest_author(_text(p), by=True) for p in node.find_all("p"))), None) \
                    or guest_author(text)
                guest = author is not None
            elif "FeatureByline" in classes:
                bold = node.find("b")
                author = normalise_space(bold.get_text(" ")) if bold else None
                if not author:
                    date = DATE_RE.search(text)
                    match = sel.BYLINE_STAFF_RE.match(text[: date.start()] if date else text)
                    author = match.group("author") if match else None
            else:
                match = sel.BYLINE_BRIEF_RE.search(text)
                if match:
                    user = match.group("author")
                    author = sel.STAFF_USERS.get(user.lower(), user)
        node.decompose()
    return author or None, published, guest


def _coverage(body: Tag) -> Event | None:
    """The meeting named by a coverage box (a block holding only a conference link and words such as
    "From LWN's ... coverage"); the box is removed. Conference links inside running text are left alone."""
    event = None
    for link in body.find_all("a", href=True):
        if _gone(link):
            continue
        found = event_from_link(link["href"], _text(link))
        if found is None:
            continue
        box = None
        for parent in link.parents:
            if parent is body:
                break
            if parent.name in sel.BOX_TAGS:
                if not is_coverage_line(_text(parent).replace(_text(link), " ")):
                    break
                box = parent
        if box is not None:
            event = event or found
            box.decompose()
    if event is None:
        for string in body.find_all(string=sel.COVERAGE_RE):
            event = event_from_name(str(string), any_meeting=True)
            parent = string.parent
            if parent is not None and parent is not body and is_coverage_line(_text(parent)):
                parent.decompose()
            break
    return event


def _series_link(body: Tag) -> Event | None:
    """The link LWN sets after a rule below the byline to the series or meeting the article is part of
    ("Maintainers Summit", "Control groups", "Kangrejos 2024"): removed with its rule, as no article text;
    the meeting it names, if any."""
    rule = body.find("hr", recursive=False)
    if rule is None or any(_text(node) if isinstance(node, Tag) else not isinstance(node, _NON_TEXT) and node.strip()
                           for node in rule.previous_siblings):
        return None
    link = rule.next_sibling
    while isinstance(link, NavigableString) and not link.strip():
        link = link.next_sibling
    after = link.next_sibling if isinstance(link, Tag) else None
    while isinstance(after, NavigableString) and not after.strip():
        after = after.next_sibling
    if not isinstance(link, Tag) or link.name != "a" or not link.get("href") or not _text(link):
        return None
    if isinstance(after, NavigableString) or (after is not None and after.name in ("a", "b", "i", "em", "strong")):
        return None  # the link runs on into a sentence: the article's own text
    href, text = link["href"], _text(link)
    link.decompose()
    rule.decompose()
    return event_from_link(href, text) or event_from_text(text)


def _gone(node) -> bool:
    """True for a node removed from the tree by an earlier decompose()."""
    return getattr(node, "decomposed", False) or getattr(node, "parent", None) is None


def _index_entries(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(index, topic) pairs from the 'Index entries for this article' table, which is removed."""
    topics: list[tuple[str, str]] = []
    for header in soup.find_all(string=sel.INDEX_HEADER_RE):
        if _gone(header):
            continue  # inside a table removed on an earlier pass
        table = header.find_parent("table") or header.find_parent("div")
        if table is None or table.decomposed:
            continue
        for row in table.find_all("tr"):
            anchors = [a for a in row.find_all("a") if normalise_space(a.get_text(" "))]
            links = [normalise_space(a.get_text(" ")) for a in anchors]
            if len(links) >= 2:
                topics.extend((links[0], topic_spelling(topic)) for topic in links[1:])
            elif len(links) == 1:
                topics.append((_index_of(anchors[0].get("href", "")), topic_spelling(links[0])))
        table.decompose()
    return list(dict.fromkeys(topics))


def _index_of(href: str) -> str:
    """The index an entry link belongs to, from its address ("/Security/Index/#..." → "Security")."""
    match = sel.INDEX_HREF_RE.search(href)
    return match.group("index").replace("Index", "") or "Kernel" if match else ""


def _inside(node, ancestor: Tag) -> bool:
    """Identity, not equality: BeautifulSoup's == compares whole subtrees."""
    return any(parent is ancestor for parent in node.parents)


def _cut_after_end(body: Tag) -> None:
    """Drop the '(Log in) to post comments' tail and everything after it, starting at the last <hr> before it."""
    marker = body.find(string=sel.POST_COMMENTS_RE)
    if marker is None:
        return
    start: Tag | NavigableString = marker
    for node in marker.find_all_previous("hr"):
        if _inside(node, body):
            start = node
        break
    following = [start]
    for node in start.next_elements:
        if not _inside(node, body):
            break
        following.append(node)
    doomed = set(map(id, following))
    for node in following:
        if node.parent is not None and id(node.parent) not in doomed:
            node.extract()


def _remove_noise(body: Tag) -> None:
    for selector in sel.NOISE_SELECTORS:
        for node in body.select(selector):
            if not _gone(node):
                node.decompose()
    for node in body.find_all(class_=sel.NOISE_CLASS_RE):
        if not _gone(node):
            node.decompose()


def _is_quote(tag: Tag) -> bool:
    return tag.name == "blockquote" or any(c in sel.QUOTE_CLASSES for c in tag.get("class", []))


def body_blocks(body: Tag) -> list[Block]:
    """Blocks of text in reading order. Iterative, so pathologically deep nesting cannot recurse."""
    blocks: list[Block] = []
    buffer: list[str] = []
    buffer_kind = "p"

    def flush() -> None:
        nonlocal buffer
        text = "".join(buffer)
        buffer = []
        if buffer_kind == "pre":
            lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
            while lines and not lines[0].strip():
                lines.pop(0)
            while lines and not lines[-1].strip():
                lines.pop()
            text = "\n".join(lines)
        else:
            text = normalise_space(text)
        if text and not sel.BOILERPLATE_RE.match(text):
            blocks.append(Block(buffer_kind, text))

    stack: list[tuple[bool, object, str]] = [(False, child, "p") for child in reversed(body.contents)]
    while stack:
        exiting, node, kind = stack.pop()
        if exiting:
            flush()
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, _NON_TEXT):
                continue
            if buffer and buffer_kind != kind:
                flush()
            buffer_kind = kind
            buffer.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name == "br":
            buffer.append("\n")
            continue
        if name in ("td", "th"):
            buffer.append(" | " if "".join(buffer).strip() else " ")  # a table row is one block, cells apart
        block = name in sel.BLOCK_KIND or name in sel.CONTAINER_TAGS or _is_quote(node)
        if block:
            flush()
            if name == "tr":
                child_kind = "row"  # a table row, even one in quoted text
            elif kind in ("pre", "quote") and name != "pre":
                child_kind = kind
            elif _is_quote(node):
                child_kind = "quote"
            else:
                child_kind = sel.BLOCK_KIND.get(name, "p")
            stack.append((True, node, child_kind))
        else:
            child_kind = kind
        stack.extend((False, child, child_kind) for child in reversed(node.contents))
    flush()
    return blocks


def parse_page(data: bytes, source_file: str = "") -> Article:
    """Parse a saved LWN article page. Raises Skip with a one-line reason for anything else."""
    too_large = size_reason(len(data))
    if too_large:
        raise Skip(too_large)
    text, encoding = decode_page(data)
    if not re.search(r"<\s*(html|body|head|div|p|title)\b", text[:200000], re.I):
        raise Skip("not an HTML page")
    soup = BeautifulSoup(text, "lxml")
    title = _page_title(soup)
    _check_not_article(soup, text, title)
    body = None
    for selector in sel.BODY_SELECTORS:
        body = soup.select_one(selector)
        if body is not None:
            break
    html_title = normalise_space(soup.title.get_text()) if soup.title else ""
    truncated = not re.search(r"</html\s*>|ArticleText\s*-->", text, re.I)
    if body is None:
        if sel.TITLE_SUFFIX_RE.search(html_title):
            raise Skip("truncated page (the file ends before the article does)" if truncated
                       else "LWN page without article text (not an article page)")
        raise Skip("not an LWN article page")
    if truncated:
        raise Skip("truncated page (the file ends before the article does)")
    article_id, url = _find_article_id(soup, source_file)
    if article_id is None:
        raise Skip("no LWN article number in the page or the file name")
    author, published, guest = _byline(soup)
    topics = _index_entries(soup)
    _cut_after_end(body)
    event = _series_link(body)
    event = _coverage(body) or event
    _remove_noise(body)
    blocks = article_text(body_blocks(body))
    if not blocks:
        raise Skip("no article text found")
    event = event or next(filter(None, (event_from_index(i, t) for i, t in topics)), None)
    return Article(article_id, url, title or f"LWN article {article_id}", published, author, event, topics, blocks,
                   encoding, guest)
