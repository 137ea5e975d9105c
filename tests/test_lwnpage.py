"""The page parser against the gold file of every fixture page and the seed."""

import pytest
from bs4 import BeautifulSoup

from conftest import BAD, PROJECT, RESOURCES, gold_files, load_gold
from pipeline.errors import Skip
from pipeline.parse import load_sources
from pipeline.sources import finish
from pipeline.sources.article import parse_date
from pipeline.sources.lwnpage import _remove_noise, body_blocks, parse_page


def _parse(gold):
    path = PROJECT / gold["source"]
    page = parse_page(path.read_bytes(), path.name)
    sources = load_sources(path.parent)
    return finish(page, sources.get(page.article_id, {}).get("published"))


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_lwnpage_metadata_matches_gold(gold_path):
    gold = load_gold(gold_path)
    page = _parse(gold)
    expected = gold["article"]
    assert page.article_id == expected["article_id"]
    assert page.url == expected["url"]
    assert page.title == expected["title"]
    assert page.published == expected["published"]
    assert (page.author or "") == expected["author"]
    assert (page.event.label if page.event else "") == expected["event"]
    assert [list(t) for t in page.topics] == gold["topics"]


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.stem)
def test_lwnpage_body_is_the_article_and_nothing_else(gold_path):
    gold = load_gold(gold_path)
    blocks = _parse(gold).blocks
    spec = gold["paragraphs"]
    assert len(blocks) == spec["count"]
    kinds = {}
    for b in blocks:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    assert kinds == spec["kinds"]
    assert blocks[0].text.startswith(spec["first"])
    assert blocks[-1].text.endswith(spec["last"])
    for kind, text in gold["must_contain"]:
        assert any(b.kind == kind and text in b.text for b in blocks), (kind, text)
    for text in gold["must_not_contain"]:
        assert not any(text in b.text for b in blocks), text


def test_lwnpage_text_is_whitespace_normalised_with_code_and_links_kept():
    page = _parse(load_gold(PROJECT / "tests/gold/144272.json"))
    first = page.blocks[0].text
    assert "net/ipv4/tcp_input.c:" in first            # inline <tt> kept
    assert "  " not in first and "\n" not in first
    assert any("pluggable TCP congestion avoidance modules patch" in b.text for b in page.blocks)  # link text kept


def test_lwnpage_struck_through_text_is_taken_back_not_said():
    body = BeautifulSoup('<div class="ArticleText"><p>The work was done by <s>Kees Cook</s> <del>Herrmann</del> '
                         '<strike>someone</strike>Rheinsberg.</p></div>', "lxml").div
    _remove_noise(body)
    assert [b.text for b in body_blocks(body)] == ["The work was done by Rheinsberg."]


@pytest.mark.parametrize("name, reason", [
    ("paywall.html", "subscriber-only page (free from 2026-12-03)"),
    ("weekly.html", "weekly edition page (several articles in one page; save each article's own page instead)"),
    ("notlwn.html", "not an LWN article page"),
    ("truncated.html", "truncated page (the file ends before the article does)"),
    ("truncated-head.html", "truncated page (the file ends before the article does)"),
    ("empty.html", "empty file"),
    ("binary.html", "binary data, not an HTML page"),
])
def test_lwnpage_refuses_what_is_not_a_whole_free_article(name, reason):
    with pytest.raises(Skip) as err:
        parse_page((BAD / name).read_bytes(), name)
    assert err.value.reason == reason


@pytest.mark.parametrize("name, article_id", [
    ("bom_utf8.html", 791011), ("wrong_charset.html", 352811), ("utf8_declared_latin1.html", 352812),
])
def test_lwnpage_odd_encodings_give_the_right_characters(name, article_id):
    page = parse_page((RESOURCES / "encodings" / name).read_bytes(), name)
    assert page.article_id == article_id
    text = " ".join(b.text for b in page.blocks)
    assert ("Björn Töpel" in text) or ("Ilpo Järvinen" in text and "Rémi Denis-Courmont" in text)
    assert "Ã" not in text and "\ufffd" not in text


def test_lwnpage_unclosed_paragraphs_and_items_become_separate_blocks():
    html = (b'<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head><body>'
            b'<div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">'
            b'<p>one<p>two<ul><li>three<li>four</ul><ol><li>five</ol>'
            b'</div> <!-- ArticleText --></body></html>')
    page = parse_page(html, "x.html")
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("p", "one"), ("p", "two"), ("li", "three"), ("li", "four"), ("li", "five")]


def test_lwnpage_pull_quote_is_not_counted_twice():
    html = (b'<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head><body>'
            b'<div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">'
            b'<div class="PullQuote">XDP needs a new hook.</div><p>Some argued that XDP needs a new hook.</p>'
            b'</div> <!-- ArticleText --></body></html>')
    assert [b.text for b in parse_page(html, "x.html").blocks] == ["Some argued that XDP needs a new hook."]


def test_lwnpage_article_id_falls_back_to_the_file_name():
    html = (b'<html><head><title>T [LWN.net]</title></head><body><div class="PageHeadline"><h1>T</h1></div>'
            b'<div class="ArticleText"><p>See <a href="/Articles/128681/">this</a>.</div> <!-- ArticleText --></body></html>')
    assert parse_page(html, "674943.html").article_id == 674943
    with pytest.raises(Skip):
        parse_page(html, "saved-page.html")


def test_lwnpage_deep_nesting_does_not_recurse():
    depth = 50_000
    html = (b'<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/7/"></head>'
            b'<body><div class="PageHeadline"><h1>T</h1></div><div class="ArticleText"><p>start'
            + b"<span>" * depth + b"deep" + b"</span>" * depth + b"</div> <!-- ArticleText --></body></html>")
    try:
        page = parse_page(html, "deep.html")
    except Skip as skip:
        assert skip.reason
    else:
        assert page.blocks and "start" in page.blocks[0].text


@pytest.mark.parametrize("text, iso", [
    ("July 19, 2005", "2005-07-19"), ("Jul 21, 2005 9:12 UTC", "2005-07-21"), ("Sept 5, 2016", "2016-09-05"),
    ("no date here", None), (None, None),
])
def test_lwnpage_parse_date(text, iso):
    assert parse_date(text) == iso


def test_body_blocks_keep_pre_lines():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("<div><pre>a  b\n  c\n</pre><p>x   y</p></div>", "lxml")
    assert [(b.kind, b.text) for b in body_blocks(soup.div)] == [("pre", "a  b\n  c"), ("p", "x y")]


@pytest.mark.parametrize("byline, author, date, guest", [
    ('<div class="FeatureByline">By <b>Jonathan Corbet</b><br>July 19, 2005</br></div>', "Jonathan Corbet", "2005-07-19",
     False),
    ('<div class="FeatureByline">By Jake Edge<br>May 3, 2016</div>', "Jake Edge", "2016-05-03", False),
    ('<div class="GAByline"><p>December 18, 2016</p><p>This article was contributed by Ana Ruiz</p></div>', "Ana Ruiz",
     "2016-12-18", True),
    ('<div class="GAByline"><p>June 18, 2018</p><p>Contributed by Ana Ruiz and Li Wei</p></div>', "Ana Ruiz and Li Wei",
     "2018-06-18", True),
    ('<div class="GAByline"><p>July 2, 2010</p><p>By Ana Ruiz, Paul E. Tuck, and Li Wei</p></div>',
     "Ana Ruiz, Paul E. Tuck, and Li Wei", "2010-07-02", True),
    ('<div class="Byline">[Posted July 19, 2005 by corbet]</div>', "Jonathan Corbet", "2005-07-19", False),
    ('<div class="Byline">[Posted March 1, 2010 by someguest]</div>', "someguest", "2010-03-01", False),
])
def test_lwnpage_byline_forms(byline, author, date, guest):
    html = ('<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head><body>'
            '<div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">' + byline +
            '<p>Body text.</div> <!-- ArticleText --></body></html>').encode()
    page = parse_page(html, "x.html")
    assert (page.author, page.published, page.guest) == (author, date, guest)
    assert [b.text for b in page.blocks] == ["Body text."]


def test_lwnpage_the_phrase_in_prose_does_not_end_the_article():
    html = (b'<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head><body>'
            b'<div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">'
            b'<p>Readers used to have to log in to post comments on LWN.<p>Second.'
            b'<hr width="60%" align="left">(<a href="/Login/">Log in</a> to post comments)<p>A reader comment.'
            b'</div> <!-- ArticleText --></body></html>')
    assert [b.text for b in parse_page(html, "x.html").blocks] == [
        "Readers used to have to log in to post comments on LWN.", "Second."]


def test_lwnpage_site_boilerplate_without_classes_is_not_text():
    html = (b'<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head><body>'
            b'<div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">'
            b'<div><b>Welcome to LWN.net</b><p>The following subscription-only content has been made available to you '
            b'by an LWN subscriber.</div><p>The real text.'
            b'<div class="tlr"><b>Did you like this article?</b> Please accept our trial subscription offer.</div>'
            b'</div> <!-- ArticleText --></body></html>')
    assert [b.text for b in parse_page(html, "x.html").blocks] == ["The real text."]


def _page_after_byline(middle: str):
    html = ('<html><head><title>T [LWN.net]</title><link rel="canonical" href="https://lwn.net/Articles/5/"></head><body>'
            '<div class="PageHeadline"><h1>T</h1></div><div class="ArticleText">'
            '<div class="FeatureByline">By <b>Jonathan Corbet</b><br>September 19, 2022</div>' + middle +
            '</div> <!-- ArticleText --></body></html>').encode()
    return finish(parse_page(html, "x.html"))


def test_lwnpage_series_link_below_the_byline_is_not_text_and_may_name_the_meeting():
    """LWN sets a rule and a link to the series or meeting under the byline ("Maintainers Summit", "Control
    groups"); a rule and link further down are the article's."""
    page = _page_after_byline('\n<hr width="60%" align="left">\n<a href="/Articles/908320/">Maintainers Summit</a>\n'
                              '<p>Kosina started a session on BPF.<p>More text.')
    assert [b.text for b in page.blocks] == ["Kosina started a session on BPF.", "More text."]
    assert (page.event.series, page.event.year) == ("Maintainers Summit", 2022)
    series = _page_after_byline('<hr><a href="/Articles/604609/">Control groups</a><p>Grouping processes.')
    assert [b.text for b in series.blocks] == ["Grouping processes."] and series.event is None
    later = _page_after_byline('<p>Grouping processes.<hr><a href="/Articles/604609/">Control groups</a><p>More.')
    assert "Control groups" in [b.text for b in later.blocks]
    inline = _page_after_byline('<hr><a href="/Articles/604609/">Control groups</a> are old.<p>More.')
    assert [b.text for b in inline.blocks][0] == "Control groups are old."


def test_lwnpage_closing_travel_note_is_not_article_text():
    page = _page_after_byline("<p>Kosina started a session on BPF.<p>[I would like to thank LWN's travel sponsor, "
                              "the Linux Foundation, for travel assistance to attend the summit.]")
    assert [b.text for b in page.blocks] == ["Kosina started a session on BPF."]
