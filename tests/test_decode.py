import pytest

from pipeline.sources.decode import declared_charset, decode_page
from pipeline.errors import Skip

HTML = '<html><head>{meta}</head><body><p>Ilpo Järvinen and Rémi</p></body></html>'


@pytest.mark.parametrize("meta, encoding", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "utf-8"),
    ('<meta charset="ISO-8859-1">', "iso-8859-1"),
    ("", "iso-8859-1"),                                   # undeclared legacy page
    ('<meta charset="utf-8">', "iso-8859-1"),             # declared wrongly
    ('<meta charset="iso-8859-1">', "utf-8"),             # declared wrongly the other way
])
def test_decode_recovers_text_whatever_the_declaration(meta, encoding):
    data = HTML.format(meta=meta).encode(encoding)
    text, _ = decode_page(data)
    assert "Ilpo Järvinen and Rémi" in text


def test_decode_strips_a_utf8_bom():
    text, used = decode_page(b"\xef\xbb\xbf" + HTML.format(meta="").encode("utf-8"))
    assert text.startswith("<html>") and used == "utf-8"


def test_decode_windows_1252_punctuation():
    text, _ = decode_page('<p>“quoted” — dash</p>'.encode("windows-1252"))
    assert "“quoted” — dash" in text


def test_declared_charset_reads_latin1_as_windows_1252():
    assert declared_charset(b"<meta charset=\"ISO-8859-1\">") == "cp1252"
    assert declared_charset(b'<meta charset="nonsense-charset">') is None
    assert declared_charset(b"<p>nothing</p>") is None


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t ", "empty file"),
    (bytes(range(256)) * 4, "binary data, not an HTML page"),
])
def test_decode_rejects_empty_and_binary(data, reason):
    with pytest.raises(Skip) as err:
        decode_page(data)
    assert err.value.reason == reason
