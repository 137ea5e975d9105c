"""The knowbase reader (Markdown with YAML front matter), and its agreement with the LWN page reader."""

import shutil

import pytest

from conftest import BAD, PAGES, RESOURCES, build
from pipeline import config, parse
from pipeline.errors import Skip
from pipeline.parse import load_sources
from pipeline.sources import finish, read_article
from pipeline.sources.knowbase import read_knowbase
from pipeline.tables import read_rows

KNOWBASE = RESOURCES / "knowbase"
# (LWN page fixture, knowbase twin written from the same article text)
TWINS = [
    ("netconf2019.html", "791010_Netconf_2019_AF_XDP,_filtering,_and_a_diet_for_the_sk_buff.md"),
    ("netdev2017.html", "720400_Netdev_2.1_offloads,_switches_and_a_faster_TCP.md"),
    ("ks2004.html", "94600_Kernel_Summit_the_networking_summit,_day_two.md"),
]


def _read(folder, name):
    article = read_article((folder / name).read_bytes(), name)
    return finish(article, load_sources(folder).get(article.article_id, {}).get("published"))


@pytest.mark.parametrize("html, md", TWINS, ids=[t[0] for t in TWINS])
def test_knowbase_twin_gives_the_same_article_as_the_page(html, md):
    page, markdown = _read(PAGES, html), _read(KNOWBASE, md)
    for fact in ("article_id", "url", "title", "published", "author", "event"):
        assert getattr(markdown, fact) == getattr(page, fact), fact
    assert [(b.kind, b.text) for b in markdown.blocks] == [(b.kind, b.text) for b in page.blocks]
    kernel_topics = [t for t in page.topics if t[0] == "Kernel"]
    assert not kernel_topics or [t for t in markdown.topics if t[0] == "Kernel"] == kernel_topics


def test_knowbase_structure_follows_the_page_rules():
    article = _read(KNOWBASE, "990001_Netdev_notes_on_queues_and_tables.md")
    assert (article.article_id, article.published, article.author, article.guest) == (
        990001, "2022-03-03", "Jonathan Corbet", False)
    assert (article.event.label, article.event.series, article.event.year) == ("Netdev 2022", "Netdev", 2022)
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("p", "At Netdev, Ada Lindqvist described her queue-limits rework for the fq_codel qdisc."),
        ("h4", "Measurements"),
        ("li", "Latency under load fell by half."),
        ("li", "Nested detail: the SO_REUSEPORT groups were unchanged."),
        ("li", "Throughput stayed flat."),
        ("row", "Kernel | Packets/s | Drops"),
        ("row", "old | 1,000 | 12"),
        ("row", "new | 1,200 | 3"),
        ("pre", "tc qdisc replace dev eth0 root fq_codel"),
    ]  # the closing travel note is no article text
    assert article.topics == [
        ("Kernel", "Networking/Protocols"), ("Kernel", "Read-copy-update"),
        ("Kernel", "Development model/User-space ABI"), ("Conference", "Netdev/2022"),
        ("Kernel", "Networking/SO REUSEPORT"),
    ]


def test_knowbase_guest_byline_is_the_author_not_text():
    article = _read(KNOWBASE, "990003_A_guest_view_of_packet_steering.md")
    assert (article.author, article.published, article.title) == ("Ben Okafor", "2013-05-09", 'A guest view of "packet steering"')
    assert article.guest
    assert [b.text for b in article.blocks] == ["Receive packet steering spreads the load of incoming traffic across CPUs."]


def _body_texts(*paragraphs: str) -> list[str]:
    """The block texts of a knowbase article made of ``paragraphs``."""
    text = '---\ntitle: "Body"\nurl: https://lwn.net/Articles/990009/\ndate: "April 7, 2025"\n---\n\n'
    return [b.text for b in read_knowbase((text + "\n\n".join(paragraphs) + "\n").encode(), "990009_Body.md").blocks]


def test_knowbase_struck_through_text_is_taken_back_not_said():
    """"~~Kees Cook~~ [Correction: ...]": what the author struck out is not what the article says."""
    assert _body_texts("The work on ~~[flexible arrays](<https://lwn.net/Articles/1/>) by Kees Cook~~ [Correction: "
                       "not done by him.] BTF was done by ~~Herrmann~~ Rheinsberg.") == [
        "The work on [Correction: not done by him.] BTF was done by Rheinsberg."]


def test_knowbase_code_that_links_somewhere_is_the_code():
    """The knowbase writes a linked name of code with its link inside the code span, and a placeholder in a
    path in italics; the page shows the name, and the path."""
    assert _body_texts("The `[send()](<http://man7.org/linux/man-pages/man2/send.2.html>)` system call ignores "
                       "`flags[0]`.", "A placeholder set in italics in a path: `/proc/_PID_ /mem`, unlike "
                       "`_THIS_IP_`.") == [
        "The send() system call ignores flags[0].",
        "A placeholder set in italics in a path: /proc/PID/mem, unlike _THIS_IP_."]


@pytest.mark.parametrize("name, reason", [
    ("empty.md", "empty file"),
    ("binary.md", "binary data, not a Markdown file"),
    ("nofrontmatter.md", "Markdown file without front matter (expected a '---' header with title, url, date)"),
    ("notlwn.md", "not an LWN article (front matter url 'https://example.org/posts/12/' is not an lwn.net/Articles/ address)"),
    ("unclosed.md", "truncated Markdown file (the front matter is never closed)"),
    ("cut.md", "truncated Markdown file (it ends mid-sentence, with no final newline)"),
])
def test_knowbase_refuses_what_is_not_an_article(name, reason):
    with pytest.raises(Skip) as err:
        read_knowbase((BAD / name).read_bytes(), name)
    assert err.value.reason == reason


def test_knowbase_invalid_yaml_is_one_line():
    with pytest.raises(Skip) as err:
        read_knowbase((BAD / "badyaml.md").read_bytes(), "badyaml.md")
    assert err.value.reason.startswith("front matter is not valid YAML (") and "\n" not in err.value.reason


def test_knowbase_id_from_the_file_name_when_the_url_is_missing():
    data = b'---\ntitle: "No url"\ndate: "May 9, 2013"\n---\n\nBody.\n'
    assert read_knowbase(data, "123456_No_url.md").article_id == 123456
    with pytest.raises(Skip):
        read_knowbase(data, "notes.md")


def test_knowbase_pull_quote_is_not_counted_twice():
    data = (b'---\ntitle: "T"\nurl: "https://lwn.net/Articles/5/"\ndate: "May 9, 2013"\n---\n\n'
            b'[PULL QUOTE:  XDP needs a new hook.  END QUOTE] Some argued that XDP needs a new hook.\n\nThe end.\n')
    assert [b.text for b in read_knowbase(data, "5_T.md").blocks] == ["Some argued that XDP needs a new hook.", "The end."]


def test_knowbase_a_table_read_as_a_paragraph_is_still_rows():
    """Tables whose "---|---" line the conversion lost, or that begin inside a paragraph, reach Markdown
    as one paragraph of lines: each line is a row, as in the page, never one run-on block of names."""
    data = (b'---\ntitle: "T"\nurl: "https://lwn.net/Articles/5/"\ndate: "May 9, 2013"\n---\n\n'
            b'The most active developers were:\n\n'
            b'> Rob Herring| 186| 3.8%  \n> Ada Lindqvist| 125| 2.5%  \n\n'
            b'Lines changed by kernel version:\n| Version| Lines\n---|---\n4.15 | 120\n\n'
            b'|  \n---|---\n\nNetworking | is | not a table on one line.\n')
    assert [(b.kind, b.text) for b in read_knowbase(data, "5_T.md").blocks] == [
        ("p", "The most active developers were:"),
        ("row", "Rob Herring | 186 | 3.8%"), ("row", "Ada Lindqvist | 125 | 2.5%"),
        ("p", "Lines changed by kernel version:"), ("row", "Version | Lines"), ("row", "4.15 | 120"),
        ("p", "Networking | is | not a table on one line."),
    ]


def test_knowbase_a_table_row_keeps_the_cells_past_its_header():
    """A table under a one-cell header ("| By changesets", as the development-statistics tables reach
    Markdown) keeps each row's counts and shares, which a table would cut to the header's width."""
    data = (b'---\ntitle: "T"\nurl: "https://lwn.net/Articles/5/"\ndate: "May 9, 2013"\n---\n\n'
            b'> Most active developers  \n> ---  \n> | By changesets  \n> ---  \n'
            b'> Rob Herring | 186| 3.8%  \n> [Ada Lindqvist](https://example.org/) | 125| 2.5%  \n'
            b'> | By changed lines  \n> ---  \n> Rob Herring | 9000| 7.1%  \n> Ada Lindqvist | 800| 0.6%  \n')
    assert [(b.kind, b.text) for b in read_knowbase(data, "5_T.md").blocks] == [
        ("quote", "Most active developers"), ("row", "By changesets"),
        ("row", "Rob Herring | 186 | 3.8%"), ("row", "Ada Lindqvist | 125 | 2.5%"),
        ("row", "By changed lines"), ("row", "Rob Herring | 9000 | 7.1%"), ("row", "Ada Lindqvist | 800 | 0.6%"),
    ]


def test_parse_stage_takes_pages_and_markdown_together(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("netdev2017.html", "brief2011.html"):
        shutil.copy(PAGES / name, raw)
    for path in KNOWBASE.glob("*.md"):
        shutil.copy(path, raw)
    for name in ("binary.md", "nofrontmatter.md"):
        shutil.copy(BAD / name, raw)
    parse.run(config.Options(raw=raw, out=tmp_path / "out", progress=False))
    articles = {r["article_id"]: r for r in read_rows(tmp_path / "out" / "articles.csv")}
    assert set(articles) == {"720400", "791010", "94600", "990001", "990003", "447900"}
    assert articles["720400"]["source_file"] == "netdev2017.html"  # the page is kept over its Markdown twin
    skipped = {r["source_file"]: r["reason"] for r in read_rows(tmp_path / "out" / "skipped.csv")}
    assert skipped["binary.md"] == "binary data, not a Markdown file"
    assert skipped["nofrontmatter.md"].startswith("Markdown file without front matter")
    assert skipped["720400_Netdev_2.1_offloads,_switches_and_a_faster_TCP.md"].startswith("duplicate of article 720400")
    topics = [(r["article_id"], r["topic"]) for r in read_rows(tmp_path / "out" / "article_topics.csv")]
    assert ("990001", "Networking/Protocols") in topics and ("791010", "BPF/XDP") in topics


def test_extraction_does_not_know_the_input_format(tmp_path):
    """The twins' mentions and links are the same rows whichever file the article came from."""
    pages, markdown = tmp_path / "pages", tmp_path / "markdown"
    pages.mkdir()
    markdown.mkdir()
    for html, md in TWINS:
        shutil.copy(PAGES / html, pages)
        shutil.copy(KNOWBASE / md, markdown)
    shutil.copy(PAGES / "sources.csv", pages)
    shutil.copy(PAGES / "sources.csv", markdown)
    a, b = build(pages, tmp_path / "a"), build(markdown, tmp_path / "b")
    for table in ("paragraphs", "person_mentions", "subsystem_mentions", "person_subsystem", "keywords"):
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table


def test_knowbase_quoted_speech_has_its_quotation_marks_once():
    data = (b'---\ntitle: "T"\nurl: "https://lwn.net/Articles/5/"\ndate: "May 9, 2013"\n---\n\n'
            b'He called Zinc a ""layering violation"", and said: ""I think we\'re close."" The empty string ("") '
            b'and `printf("")` stay; it would be ""*extremely hard* to justify"".\n')
    assert [b.text for b in read_knowbase(data, "5_T.md").blocks] == [
        'He called Zinc a "layering violation", and said: "I think we\'re close." The empty string ("") and '
        'printf("") stay; it would be "extremely hard to justify".']


def test_knowbase_a_last_paragraph_without_final_newline_is_whole_when_it_ends_a_sentence():
    data = (b'---\ntitle: "T"\nurl: "https://lwn.net/Articles/5/"\ndate: "May 9, 2013"\n---\n\n'
            b'Receive packet steering spreads the load (RPS).')
    assert [b.text for b in read_knowbase(data, "5_T.md").blocks] == ["Receive packet steering spreads the load (RPS)."]


def test_parse_stage_names_an_article_whose_date_it_cannot_find(tmp_path, capsys):
    """A front matter date that is no date, and no byline date: the row stays, published empty, and the build
    says which file lacks one and where to give it."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "5_T.md").write_bytes(b'---\ntitle: "T"\nurl: "https://lwn.net/Articles/5/"\ndate: "sometime in spring"\n'
                                 b'---\n\nThe queue discipline got a new hook.\n')
    (raw / "6_U.md").write_bytes(b'---\ntitle: "U"\nurl: "https://lwn.net/Articles/6/"\ndate: "May 9, 2013"\n'
                                 b'---\n\nThe queue discipline got a new hook.\n')
    parse.run(config.Options(raw=raw, out=tmp_path / "out", progress=False))
    articles = {r["article_id"]: r["published"] for r in read_rows(tmp_path / "out" / "articles.csv")}
    assert articles == {"5": "", "6": "2013-05-09"}
    err = capsys.readouterr().err
    assert f"{raw}/5_T.md: no publication date found" in err and "6_U.md" not in err, err


def test_a_guest_author_writing_of_their_own_work_is_linked_and_one_of_the_people(tmp_path):
    """"I converted the driver to NAPI" in an article a guest contributed: the author works on NAPI, and the
    people table has them although the text never names them; a staff article's "I" links no one, nor does one of
    an article several wrote together."""
    raw = tmp_path / "raw"
    raw.mkdir()
    body = ("I converted the e1000 driver to NAPI last year. Jake Edge asked whether XDP would follow.\n")
    for article_id, byline in ((990021, "This article was contributed by Ana Ruiz"), (990022, "By **Omar Lind**"),
                               (990023, "This article was contributed by Ana Ruiz and Li Wei")):
        (raw / f"{article_id}_Polling.md").write_text(
            f'---\ntitle: "Polling"\nurl: https://lwn.net/Articles/{article_id}/\ndate: "May 9, 2013"\n---\n\n'
            f"May 9, 2013\n\n{byline}\n\n{body}", encoding="utf-8")
    out = build(raw, tmp_path / "out")
    guests = {r["article_id"]: r["guest"] for r in read_rows(out / "articles.csv")}
    assert guests == {"990021": "true", "990022": "false", "990023": "true"}
    links = {(r["article_id"], r["person"], r["subsystem"], r["relation"])
             for r in read_rows(out / "person_subsystem.csv")}
    assert ("990021", "Ana Ruiz", "NAPI", "works_on") in links
    assert {(a, person) for a, person, _, _ in links} == {("990021", "Ana Ruiz")}
    people = {r["person"]: (r["n_articles"], r["n_mentions"]) for r in read_rows(out / "people.csv")}
    assert people["Ana Ruiz"] == ("1", "0") and "Omar Lind" not in people


def test_knowbase_byline_box_lines_are_not_article_text():
    """The link to the series or meeting below the byline ("Maintainers Summit", "Control groups") and a
    byline's own note ("(Many contributors)") are the byline box the front matter's author field repeats; a
    guest byline may name its authors after "By"."""
    meeting = read_knowbase((
        '---\ntitle: "How far?"\nurl: https://lwn.net/Articles/990031/\ndate: "September 19, 2022"\n'
        'author: "By Jonathan Corbet September 19, 2022 Maintainers Summit"\n---\n\n'
        "By **Jonathan Corbet**  \nSeptember 19, 2022\n\n* * *\n\n"
        "[Maintainers Summit](<https://lwn.net/Articles/908320/>)\n\nKosina started a session on BPF.\n").encode(),
        "990031_How_far.md")
    assert [b.text for b in meeting.blocks] == ["Kosina started a session on BPF."]
    assert meeting.author == "Jonathan Corbet" and meeting.event.series == "Maintainers Summit"
    many = read_knowbase((
        '---\ntitle: "Compilers"\nurl: https://lwn.net/Articles/990032/\ndate: "July 15, 2019"\n'
        'author: "July 15, 2019 (Many contributors)"\n---\n\n'
        "July 15, 2019\n\n(Many contributors)\n\nThis article was contributed by Ana Ruiz, Li Wei, and Omar Lind\n\n"
        "Compilers may assume that variables are not accessed concurrently.\n").encode(), "990032_Compilers.md")
    assert [b.text for b in many.blocks] == ["Compilers may assume that variables are not accessed concurrently."]
    assert (many.author, many.guest) == ("Ana Ruiz, Li Wei, and Omar Lind", True)
    by = read_knowbase((
        '---\ntitle: "Bcache"\nurl: https://lwn.net/Articles/990033/\ndate: "July 2, 2010"\n'
        'author: "July 2, 2010 By Ana Ruiz and Paul E. Tuck"\n---\n\n'
        "July 2, 2010\n\nBy Ana Ruiz and Paul E. Tuck\n\nBy October, the cache worked.\n").encode(), "990033_Bcache.md")
    assert [b.text for b in by.blocks] == ["By October, the cache worked."]
    assert (by.author, by.guest) == ("Ana Ruiz and Paul E. Tuck", True)


def test_knowbase_closing_travel_note_is_not_article_text():
    """"[Your editor would like to thank the Linux Foundation for supporting his travel to LPC.]" closes many
    conference reports; it is the editor's note, not what the article reports."""
    assert _body_texts("Kosina started a session on BPF.",
                       "[Your editor would like to thank the Linux Foundation for supporting his travel to LPC.]") == [
        "Kosina started a session on BPF."]
    assert _body_texts("[Thanks to LWN subscribers for supporting my travel to this event.]", "The session ended.") == [
        "[Thanks to LWN subscribers for supporting my travel to this event.]", "The session ended."]


def test_knowbase_paragraph_after_a_lead_into_someones_words_is_a_quotation():
    """Older knowbase articles lose the page's quotation markup; "As Thomas Gleixner put it:" still says that the
    next paragraph is his words, not the article's. A colon before a list or an example says nothing so."""
    text = ('---\ntitle: "Body"\nurl: https://lwn.net/Articles/990009/\ndate: "April 7, 2025"\n---\n\n'
            "Softirqs are hard to control. As Thomas Gleixner put it:\n\n"
            "It's a conglomerate of mostly unrelated jobs.\n\n"
            "The changes include:\n\nThe softirq threads are gone.\n")
    blocks = read_knowbase(text.encode(), "990009_Body.md").blocks
    assert [b.kind for b in blocks] == ["p", "quote", "p", "p"]


def test_knowbase_bold_in_a_code_block_is_the_code():
    """The page sets a shell session's commands in bold; the knowbase writes Markdown's marks inside the code
    block, where they are not the code. A C pointer's stars stay."""
    text = ('---\ntitle: "Body"\nurl: https://lwn.net/Articles/990009/\ndate: "April 7, 2025"\n---\n\n'
            "A session:\n\n```\n# **mount /dev/sdb1 /mnt/**\nint main(int argc, char **argv, char **envp);\n```\n")
    blocks = read_knowbase(text.encode(), "990009_Body.md").blocks
    assert blocks[-1].text == "# mount /dev/sdb1 /mnt/\nint main(int argc, char **argv, char **envp);"
