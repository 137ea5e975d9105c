"""Raw bytes to text: honour a BOM or declared charset, fall back sensibly, reject what is not text."""

from __future__ import annotations

import codecs
import re

from pipeline.errors import Skip

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy pages that say ISO-8859-1 are in practice Windows-1252, as browsers assume (WHATWG).
_ALIASES = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252", "latin1": "windows-1252",
            "us-ascii": "windows-1252", "ascii": "windows-1252", "iso8859-1": "windows-1252"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, normalised, or None."""
    head = data[:4096]
    match = _XML_DECL_RE.search(head) or _META_CHARSET_RE.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters: not an HTML page."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return controls > len(sample) * 0.02


def decode_page(data: bytes, what: str = "an HTML page") -> tuple[str, str]:
    """Decode a saved page or Markdown file; returns (text, encoding used). Raises Skip for empty or binary
    data (``what`` names the expected kind of file in the message)."""
    if not data.strip():
        raise Skip("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    if looks_binary(data):
        raise Skip(f"binary data, not {what}")
    # Valid UTF-8 with non-ASCII bytes is almost never legacy text, whatever the page declares.
    candidates = ["utf-8"]
    declared = declared_charset(data)
    if declared:
        candidates.append(declared)
    candidates.append("windows-1252")
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"
