"""Getting pages: `add` (by id or URL), `fetch` (everything in raw/sources.csv), `discover` (LWN's kernel index).

A polite client: one request at a time, at least a second apart on lwn.net, a User-Agent naming the
project, timeouts, retries with backoff on 429 and 5xx (honouring Retry-After), a size limit, and
redirects followed only within the same host. Pages are saved byte-exact and atomically as
raw/<article_id>.html; a subscriber-only teaser is never saved as an article.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from http.client import HTTPException, IncompleteRead
from pathlib import Path

from bs4 import BeautifulSoup

from pipeline import __version__
from pipeline.config import MAX_PAGE_BYTES, SOURCES_NAME
from pipeline.errors import PipelineError, Skip
from pipeline.log import say
from pipeline.sources import read_article
from pipeline.sources.article import parse_date
from pipeline.sources.lwnpage import parse_page
from pipeline.parse import load_sources, raw_files
from pipeline.tables import atomic_write_bytes

DEFAULT_BASE_URL = "https://lwn.net"
USER_AGENT = f"netsummit/{__version__} (research pipeline for LWN networking-summit reports; one request per second)"
SOURCES_COLUMNS = ("article_id", "url", "title", "published", "fetched_at", "sha256")
LWN_MIN_DELAY = 1.0
SECTION = "Networking/Networking summits"
_ID_RE = re.compile(r"^\d{1,9}$")
_ARTICLE_PATH_RE = re.compile(r"^/Articles/(\d{1,9})/?$")


class FetchError(Exception):
    """One page could not be fetched; the message is the one-line reason."""


@dataclass
class Client:
    base_url: str = DEFAULT_BASE_URL
    delay: float = LWN_MIN_DELAY
    timeout: float = 30.0
    retries: int = 3
    max_bytes: int = MAX_PAGE_BYTES
    max_wait: float = 120.0
    _last: float = 0.0

    def __post_init__(self):
        parts = urllib.parse.urlsplit(self.base_url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PipelineError(f"not an http(s) base URL: {self.base_url}")
        self.base_url = f"{parts.scheme}://{parts.netloc}"
        self.host = parts.hostname.lower()
        if self.host.endswith("lwn.net"):
            self.delay = max(self.delay, LWN_MIN_DELAY)
        self._opener = urllib.request.build_opener(_SameHostRedirects(self.host))

    def article_url(self, article_id: int) -> str:
        return f"{self.base_url}/Articles/{article_id}/"

    def _wait_turn(self) -> None:
        pause = self._last + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()

    def get(self, url: str) -> bytes:
        """GET with retries; returns the body or raises FetchError with a one-line reason."""
        attempt = 0
        while True:
            self._wait_turn()
            try:
                return self._get_once(url)
            except urllib.error.HTTPError as err:
                retry_after = _retry_after(err.headers.get("Retry-After") if err.headers else None)
                if (err.code == 429 or 500 <= err.code < 600) and attempt < self.retries:
                    wait = min(self.max_wait, retry_after if retry_after is not None else 2.0 ** attempt)
                    attempt += 1
                    time.sleep(wait)
                    continue
                raise FetchError(f"HTTP {err.code} {err.reason}") from None
            except (IncompleteRead, HTTPException, ConnectionError, TimeoutError, OSError) as err:
                if isinstance(err, urllib.error.URLError) and not isinstance(getattr(err, "reason", None), (TimeoutError, ConnectionResetError)):
                    raise FetchError(f"cannot reach {self.host}: {_reason(err)}") from None
                if attempt < self.retries:
                    attempt += 1
                    time.sleep(min(self.max_wait, 2.0 ** (attempt - 1)))
                    continue
                raise FetchError(_describe(err, self.host)) from None

    def _get_once(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
        with self._opener.open(request, timeout=self.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(f"page too large ({int(declared)} bytes > {self.max_bytes} limit)")
            body = io.BytesIO()
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                body.write(chunk)
                if body.tell() > self.max_bytes:
                    raise FetchError(f"page too large (over {self.max_bytes} bytes)")
            data = body.getvalue()
            if declared and declared.isdigit() and len(data) != int(declared):
                raise IncompleteRead(data, int(declared) - len(data))
            return data


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to the configured host."""

    def __init__(self, host: str):
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if (target.hostname or "").lower() != self.host:
            raise FetchError(f"refused redirect to another host ({target.hostname})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _reason(err) -> str:
    reason = getattr(err, "reason", err)
    return str(getattr(reason, "strerror", None) or reason)


def _describe(err, host: str) -> str:
    if isinstance(err, IncompleteRead):
        return "transfer cut short (incomplete page)"
    if isinstance(err, TimeoutError) or "timed out" in str(err):
        return "timed out"
    return f"cannot reach {host}: {_reason(err)}"


def parse_target(text: str, client: Client) -> int:
    """An article id from '674943' or a URL of the configured host; anything else is refused."""
    text = text.strip()
    if _ID_RE.match(text):
        return int(text)
    parts = urllib.parse.urlsplit(text)
    if parts.scheme in ("http", "https") and (parts.hostname or "").lower() == client.host:
        match = _ARTICLE_PATH_RE.match(parts.path)
        if match:
            return int(match.group(1))
    raise FetchError(f"not an article id or a {client.host}/Articles/NNN/ URL")


def write_sources(raw: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SOURCES_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: int(r["article_id"])):
        writer.writerow({k: row.get(k, "") or "" for k in SOURCES_COLUMNS})
    atomic_write_bytes(raw / SOURCES_NAME, buffer.getvalue().encode("utf-8"))


# A raw file named for its article: "674943.html", the knowbase's "674943_Netconf_discussions,_part_1.md".
NAMED_FOR_ARTICLE_RE = re.compile(r"(?P<id>\d{3,9})(?:_.*)?")


def held_articles(raw: Path) -> dict[int, Path]:
    """The articles raw/ already holds, in any of its folders: under a file named for them, or in a page
    saved under another name ("Netconf discussions, part 1 [LWN.net].html"), which is read to learn its
    article; a file that holds no article is passed over here (the build says why)."""
    held, unnamed = {}, []
    for path in raw_files(raw):
        match = NAMED_FOR_ARTICLE_RE.fullmatch(path.stem)
        if match:
            held.setdefault(int(match.group("id")), path)
        else:
            unnamed.append(path)
    for path in unnamed:
        try:
            held.setdefault(read_article(path.read_bytes(), path.name).article_id, path)
        except Exception:  # noqa: BLE001 - a file that holds no article is the build's to report
            continue
    return held


def add(targets: list[str], raw: Path, client: Client, refresh: bool = False) -> int:
    """Download each article to raw/<id>.html and record it in raw/sources.csv; returns the exit status."""
    raw.mkdir(parents=True, exist_ok=True)
    sources = load_sources(raw)
    held = held_articles(raw)
    failed = 0
    for target in targets:
        try:
            article_id = parse_target(target, client)
        except FetchError as err:
            say(f"{target}: {err}")
            failed += 1
            continue
        path = raw / f"{article_id}.html"
        if (path.exists() or article_id in held) and not refresh:
            say(f"{article_id}: already in {path if path.exists() else held[article_id]}, not downloaded again "
                "(use --refresh)")
            continue
        url = client.article_url(article_id)
        try:
            data = client.get(url)
        except FetchError as err:
            say(f"{article_id}: {url}: {err}")
            failed += 1
            continue
        try:
            page = parse_page(data, path.name)
        except Skip as skip:
            say(f"{article_id}: {url}: not saved: {skip.reason}")
            failed += 1
            continue
        atomic_write_bytes(path, data)
        row = sources.get(article_id, {})
        row.update({
            "article_id": str(article_id), "url": f"https://lwn.net/Articles/{article_id}/",
            "title": page.title, "published": page.published or row.get("published", ""),
            "fetched_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            "sha256": hashlib.sha256(data).hexdigest(),
        })
        sources[article_id] = row
        write_sources(raw, list(sources.values()))
        say(f"{article_id}: saved {path} ({len(data)} bytes): {page.title}")
    return 1 if failed else 0


def fetch_missing(raw: Path, client: Client) -> int:
    """Download every article listed in raw/sources.csv that is not yet in raw/."""
    held = held_articles(raw)
    missing = [str(article_id) for article_id in load_sources(raw) if article_id not in held]
    if not missing:
        say(f"fetch: every article in {raw / SOURCES_NAME} is already in {raw}")
        return 0
    return add(missing, raw, client)


def index_entries(html_text: str, section: str = SECTION) -> list[dict[str, str]]:
    """Articles filed under ``section`` on LWN's kernel index page: [{article_id, title, published}]."""
    soup = BeautifulSoup(html_text, "lxml")
    anchor = section.replace("/", "-").replace(" ", "_")
    start = None
    for node in soup.find_all(class_=re.compile(r"IndexEntry|IndexPrimary|IndexSecondary")):
        if " ".join(node.get_text(" ").split()) in (section, section.split("/")[-1]) or node.get("id") == anchor:
            start = node
            break
    if start is None:
        start = soup.find(attrs={"name": anchor}) or soup.find(id=anchor)
    if start is None:
        return []
    entries = []
    for node in start.find_all_next():
        classes = node.get("class", []) if hasattr(node, "get") else []
        if node is not start and any(c.startswith("Index") and c not in ("IndexEntries",) for c in classes):
            break
        if node.name == "a" and node.get("href"):
            match = re.search(r"/Articles/(\d+)/?$", node["href"])
            if match:
                tail = node.next_sibling
                date = parse_date(str(tail)) if tail is not None and isinstance(tail, str) else None
                entries.append({"article_id": match.group(1), "title": " ".join(node.get_text(" ").split()),
                                "published": date or ""})
    return list({e["article_id"]: e for e in entries}.values())


def discover(raw: Path, client: Client) -> int:
    """Add the articles LWN's kernel index files under Networking/Networking summits to raw/sources.csv."""
    try:
        page = client.get(f"{client.base_url}/Kernel/Index/")
    except FetchError as err:
        say(f"discover: {client.base_url}/Kernel/Index/: {err}")
        return 1
    entries = index_entries(page.decode("utf-8", errors="replace"))
    if not entries:
        say(f"discover: no '{SECTION}' section found in the kernel index")
        return 1
    sources = load_sources(raw)
    new = 0
    for entry in entries:
        article_id = int(entry["article_id"])
        if article_id not in sources:
            sources[article_id] = {**entry, "url": f"https://lwn.net/Articles/{article_id}/"}
            new += 1
    raw.mkdir(parents=True, exist_ok=True)
    write_sources(raw, list(sources.values()))
    say(f"discover: {len(entries)} articles under {SECTION}, {new} new in {raw / SOURCES_NAME}")
    return 0


def client_from_args(args) -> Client:
    base = args.base_url or os.environ.get("LWN_BASE_URL") or DEFAULT_BASE_URL
    return Client(base_url=base, delay=args.delay, timeout=args.timeout)
