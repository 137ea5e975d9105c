"""What makes adding one page cheap: per-article parts of the tables, lazy stores and a journal that is
folded only when it has grown, and the parse stage telling the build early that a page is new."""

from __future__ import annotations

import marshal
import shutil
from collections import defaultdict

import pytest

from pipeline import config, parse, schema
from pipeline.aggregate import aggregate, article_part, misplaced_mentions
from pipeline.cache import Store, StoredResults
from pipeline.errors import PipelineError
from pipeline.knowledge import Knowledge
from pipeline.tables import csv_bytes

from conftest import PAGES


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load(config.Options())


def _result(name: str, text: str, subsystem: str, category: str) -> dict:
    """An extraction result as the analysis makes it: one person and one subsystem in one sentence."""
    start = text.index(name)
    sub_start = text.index(subsystem)
    return {
        "persons": [[0, 0, start, start + len(name), name, name]],
        "subsystems": [[0, 0, sub_start, sub_start + len(subsystem), subsystem, subsystem, category]],
        "relations": [[0, 0, name, subsystem, "works_on", 0, 0, text, ""]],
        "terms": [[0, 0, 8, "tcp_mem", "sysctl", "", subsystem]],
        "phrases": [[subsystem, 2, True, 0], ["congestion window", 1, False, 0]],
    }


def _rendered(tables: dict) -> dict[str, bytes]:
    return {t.name: csv_bytes(t, rows) for t, rows in tables.items()}


class Unreadable(dict):
    """Results that fail the test if any is read."""

    def __getitem__(self, key):
        raise AssertionError(f"article {key}'s result was read")


def test_memoised_parts_give_the_tables_without_reading_the_results(knowledge):
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {1: _result("Ada Lindqvist", f"Ada Lindqvist works on {tcp} pacing.", tcp, category),
               2: _result("Ben Okafor", f"Ben Okafor rewrote {tcp} pacing.", tcp, category)}
    years, keys = {1: 2019, 2: 2020}, {1: "k1", 2: "k2"}
    fresh, _ = aggregate(results, years, knowledge)
    memo = {}
    first, _ = aggregate(results, years, knowledge, {}, memo, keys)
    assert len(memo) == 2
    lazy = Unreadable({1: None, 2: None})
    again, _ = aggregate(lazy, years, knowledge, {}, dict(memo), keys)
    assert _rendered(fresh) == _rendered(first) == _rendered(again)
    assert b"Ada Lindqvist" in _rendered(again)["person_mentions"]


def test_a_spelling_the_corpus_changes_remakes_the_part(knowledge):
    """An unknown person's one spelling is the fullest the corpus writes: a new article that writes it
    more fully changes the rows of an article whose part was memoised."""
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {1: _result("Ada Lindqvist", f"Ada Lindqvist works on {tcp} pacing.", tcp, category)}
    memo = {}
    aggregate(results, {1: 2019}, knowledge, {}, memo, {1: "k1"})
    results[2] = _result("Ada B. Lindqvist", f"Ada B. Lindqvist rewrote {tcp} pacing.", tcp, category)
    grown, _ = aggregate(results, {1: 2019, 2: 2020}, knowledge, {}, memo, {1: "k1", 2: "k2"})
    fresh, _ = aggregate(results, {1: 2019, 2: 2020}, knowledge)
    mentions = _rendered(grown)["person_mentions"].decode("utf-8")
    assert _rendered(grown) == _rendered(fresh)
    assert "1,0,0,0,13,Ada Lindqvist,Ada B. Lindqvist" in mentions


def test_an_article_with_two_rows_under_one_key_is_a_bug(knowledge):
    tcp = next(iter(knowledge.subsystems))
    result = _result("Ada Lindqvist", f"Ada Lindqvist works on {tcp}.", tcp, knowledge.subsystems[tcp].category)
    result["persons"].append(list(result["persons"][0]))
    with pytest.raises(PipelineError, match="duplicate primary key"):
        article_part(7, result, {})


def test_offsets_that_miss_their_text_are_found():
    result = {"persons": [[0, 0, 0, 3, "Ada", "Ada Lindqvist"], [1, 0, 4, 7, "Ben", "Ben Okafor"]],
              "subsystems": [[0, 0, 8, 11, "TCP", "TCP", "protocol"]]}
    texts = {0: "Ada and TCP", 1: "Then Ben spoke"}
    problems = misplaced_mentions(result, texts)
    assert len(problems) == 1 and "paragraph 1 offsets 4-7" in problems[0]


def test_store_a_small_addition_is_journalled_and_a_grown_journal_folded(tmp_path):
    store = Store(tmp_path, "stage", "v1")
    for i in range(16):
        store.put(f"k{i}", [i])
    store.finish()
    data = (tmp_path / "stage" / "store.marshal").read_bytes()
    assert len(marshal.loads(data)[1]) == 16 and not any((tmp_path / "stage" / "journal").iterdir())

    store = Store(tmp_path, "stage", "v1")
    for i in range(16):
        assert store.get(f"k{i}") == [i]
    store.put("new", "one more")
    store.finish()
    assert (tmp_path / "stage" / "store.marshal").read_bytes() == data  # not written again
    assert Store(tmp_path, "stage", "v1").get("new") == "one more"

    store = Store(tmp_path, "stage", "v1")
    for i in range(4):  # most results unused: the file is rewritten with only those used
        store.get(f"k{i}")
    store.put("newer", 2)
    store.finish()
    kept = marshal.loads((tmp_path / "stage" / "store.marshal").read_bytes())[1]
    assert sorted(kept) == ["k0", "k1", "k2", "k3", "newer"]
    assert not any((tmp_path / "stage" / "journal").iterdir())
    assert Store(tmp_path, "stage", "v2").entries == {}


def test_store_keep_only_journals_what_changed_at_the_end(tmp_path):
    store = Store(tmp_path, "memo", "v1")
    store.keep_only({f"a{i}": i for i in range(20)})
    store.finish()
    store = Store(tmp_path, "memo", "v1")
    entries = dict(store.entries)
    entries["a3"] = "changed"
    store.keep_only(entries)
    store.finish()
    assert len(list((tmp_path / "memo" / "journal").iterdir())) == 1
    assert Store(tmp_path, "memo", "v1").entries["a3"] == "changed"


def test_lazy_store_reads_a_result_only_when_asked(tmp_path):
    store = Store(tmp_path, "results", "v1", lazy=True)
    store.put("key", {"persons": [[0, 0, 0, 3, "Ada", "Ada"]]})
    store.finish()
    store = Store(tmp_path, "results", "v1", lazy=True)
    assert isinstance(store.entries["key"], bytes) and store.has("key") and not store.has("other")
    results = StoredResults(store, {5: "key"}, {6: {"persons": []}})
    assert list(results) == [5, 6] and results[5]["persons"][0][4] == "Ada" and results[6] == {"persons": []}
    assert Store(tmp_path, "results", "v1").entries == {}  # a lazy store is not read as an eager one


def test_parse_says_how_many_pages_are_new_before_building_rows(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PAGES, raw)
    opts = config.Options(raw=raw, out=tmp_path / "out", progress=False)
    calls = []
    tables = parse.run(opts, write=False, on_new=calls.append)
    assert calls == [len(tables[schema.ARTICLES])]
    parse.run(opts, write=False, on_new=calls.append)
    assert calls == [len(tables[schema.ARTICLES])]  # nothing new the second time
    (raw / "brief2011.html").touch()
    parse.run(opts, write=False, on_new=calls.append)
    assert len(calls) == 1  # a touched page with the same bytes is not new


def _idle(opts):
    """A worker initialiser that loads nothing (the tests of the pool's size need no model)."""


def test_model_pool_starts_as_many_workers_as_pages_up_to_jobs(monkeypatch):
    from pipeline import pool

    monkeypatch.setattr(pool, "_init_worker", _idle)
    with pool.ModelPool(config.Options(jobs=2)) as workers:
        workers.start(1)  # one new page: one worker loads the model while the caches are read
        first = workers._pool
        assert workers.size == 1
        workers.start(1)
        workers.start(2)  # a few pages: the worker already loading the model takes them
        assert workers._pool is first and workers.size == 1
        workers.start(5)  # more pages than that: as many workers as jobs
        assert workers.size == 2 and workers._pool is not first
    assert workers.size == 0 and workers._pool is None
    with pool.ModelPool(config.Options(jobs=1)) as here:
        here.start(3)  # one job: the main process analyses, no worker
        assert here.size == 0 and here._pool is None


def test_model_workers_are_forked_only_from_a_process_without_spacy(monkeypatch):
    """A forked child inherits the parent's locks but not its threads: after spaCy (and numpy) are loaded,
    workers come from a fork server, which never loaded them."""
    import multiprocessing
    import sys

    from pipeline import pool

    for name in ("spacy", "thinc", "numpy"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert pool.start_method() == ("fork" if "fork" in multiprocessing.get_all_start_methods() else "forkserver")
    monkeypatch.setitem(sys.modules, "numpy", object())
    assert pool.start_method() in ("forkserver", "spawn")


def test_a_worker_that_cannot_load_the_model_ends_the_build_with_the_reason():
    """A pool whose workers fail to start would start them again for ever: the first task says why."""
    from pipeline import pool

    opts = config.Options(jobs=2, model="en_core_web_not_installed")
    with pool.ModelPool(opts) as workers:
        with pytest.raises(PipelineError, match="en_core_web_not_installed.*not installed"):
            list(workers.analyse([(1, [(0, "Some text.")], ["p"], "A title", None, False, None)] * 3, knowledge=None))


def test_a_ranking_begun_early_ends_as_one_made_at_once():
    """The stored articles are ranked while the model analyses the new ones; at the end only articles that
    share a phrase with a new one are ranked again, and the result is what ranking all at once gives."""
    from pipeline.keywords.ranking import Ranking, rank, scoring

    corpus = {1: [("XDP", 4, True, 0), ("page pool", 2, False, 1), ("socket option", 2, False, 3)],
              2: [("TCP", 3, True, 0), ("page pool", 2, False, 2)],
              3: [("UDP", 3, True, 0), ("socket option", 2, False, 1)],
              4: [("BPF", 3, True, 0), ("verifier", 2, False, 1)]}
    whole = rank(corpus, top=3, memo={})
    memo = {}
    ranking = Ranking(len(corpus), top=3, memo=memo)
    ranking.add({a: scoring(corpus[a]) for a in (2, 3, 4)})
    early = dict(ranking.ranked)
    assert ranking.finish({1: scoring(corpus[1])}) == whole and set(memo) == {"1", "2", "3", "4"}
    assert early[4] == ranking.ranked[4] and early[2] != ranking.ranked[2]  # 2 shares "page pool" with 1


def test_a_keyword_that_is_a_person_of_the_corpus_or_of_its_article_is_dropped(knowledge):
    """"Ben Okafor" where this article's mention went unrecognised, but two others name him; "Lindqvist" where the
    article names Ada Lindqvist; "Okafor" alone, where another article's title is about something of that name."""
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {a: _result("Ben Okafor", f"Ben Okafor rewrote {tcp} pacing.", tcp, category) for a in (1, 2)}
    results[3] = _result("Ada Lindqvist", f"Ada Lindqvist works on {tcp} pacing.", tcp, category)
    results[3]["phrases"] += [["Ben Okafor", 3, False, 0], ["Lindqvist", 3, False, 0], ["pacing rate", 3, False, 0]]
    for article_id, subject in ((4, True), (5, False)):
        results[article_id] = _result("Ada Lindqvist", f"Ada Lindqvist works on {tcp} pacing.", tcp, category)
        results[article_id]["phrases"] += [["Okafor", 3, False, 0, subject, False, False, int(subject), False],
                                           ["pacing rate", 3, False, 0]]
    tables, _ = aggregate(results, {1: 2019, 2: 2020, 3: 2021, 4: 2022, 5: 2022}, knowledge)
    keywords = _rendered(tables)["keywords"].decode()
    assert "pacing rate" in keywords and "Ben Okafor" not in keywords and "Lindqvist" not in keywords, keywords
    assert [line for line in keywords.splitlines() if "Okafor" in line] == [
        line for line in keywords.splitlines() if line.startswith("4,") and "Okafor" in line] != [], keywords


def test_a_keyword_that_another_article_names_as_a_workplace_is_a_company(knowledge):
    """"Facebook" where one article says people work "at Facebook"; not the title's subject of another article
    ("One year of Coverity work"), and as written ("Devs" somewhere is no method "DEVS")."""
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {a: _result("Ben Okafor", f"Ben Okafor rewrote {tcp} pacing.", tcp, category) for a in (1, 2)}
    results[1]["workplaces"] = ["Facebook", "Coverity", "Devs"]
    results[2]["phrases"] += [["Facebook", 3, False, 0], ["Coverity", 3, False, 0, True, False, False, 1, False],
                              ["DEVS", 3, False, 0], ["pacing rate", 3, False, 0]]
    tables, _ = aggregate(results, {1: 2019, 2: 2020}, knowledge)
    second = [line.split(",")[2] for line in _rendered(tables)["keywords"].decode().splitlines() if line[:2] == "2,"]
    assert {"pacing rate", "Coverity", "DEVS"} <= set(second) and "Facebook" not in second, second


def test_a_keyword_singular_no_article_writes_takes_the_plural_back(knowledge):
    """"xfstests" is a name, not the plural of an "xfstest" no article writes; "inodes" is the plural of the
    "inode" another article writes, and stays one keyword with it."""
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {a: _result("Ben Okafor", f"Ben Okafor rewrote {tcp} pacing.", tcp, category) for a in (1, 2)}
    results[1]["phrases"] += [["xfstest", 3, False, 0], ["inode", 3, False, 0], ["pacing rate", 3, False, 0],
                              ["VMA", 3, False, 0], ["PTE", 3, False, 0]]
    results[1]["plurals"] = [["PTE", "PTEs"], ["VMA", "VMAs"], ["inode", "inodes"], ["xfstest", "xfstests"]]
    results[1]["unlisted"] = "inodes okafor ptes vmas xfstests"
    results[2]["unlisted"] = "inode okafor vma"
    tables, _ = aggregate(results, {1: 2019, 2: 2020}, knowledge)
    first = [line.split(",")[2] for line in _rendered(tables)["keywords"].decode().splitlines() if line[:2] == "1,"]
    assert {"xfstests", "inode", "pacing rate", "VMA", "PTEs"} <= set(first), first
    assert not {"xfstest", "inodes", "VMAs", "PTE"} & set(first), first


def test_a_keyword_is_spelt_one_way_across_the_corpus(knowledge):
    """"memory-management" qualifies a noun; as a tag it is "memory management" once any article writes it so;
    "XFS" as most articles write it, but a C identifier as written; one list holding two spellings tells the
    keyword once."""
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {a: _result("Ben Okafor", f"Ben Okafor rewrote {tcp} pacing.", tcp, category) for a in (1, 2, 3)}
    results[1]["phrases"] += [["memory-management", 3, False, 0], ["XFS", 3, False, 0]]
    results[2]["phrases"] += [["memory-management", 3, False, 0], ["XFS", 3, False, 0], ["userspace", 3, False, 0]]
    results[3]["phrases"] += [["memory management", 3, False, 0], ["xfs", 3, False, 0], ["user space", 4, False, 0],
                              ["user-space", 2, False, 0], ["PAGE_SIZE", 3, False, 0]]
    results[1]["phrases"] += [["page_size", 3, False, 0]]
    results[2]["phrases"] += [["page_size", 3, False, 0]]
    tables, _ = aggregate(results, {1: 2019, 2: 2020, 3: 2021}, knowledge)
    lists = defaultdict(list)
    for line in _rendered(tables)["keywords"].decode().splitlines():
        article_id, rank, keyword, _ = line.split(",")
        lists[article_id].append(keyword)
    assert all("memory management" in lists[a] and "XFS" in lists[a] for a in "123"), lists
    assert lists["2"].count("user space") == lists["3"].count("user space") == 1, lists
    assert not {"memory-management", "xfs", "userspace", "user-space"} & {k for ks in lists.values() for k in ks}
    assert "PAGE_SIZE" in lists["3"] and "page_size" in lists["1"], lists  # C's identifiers as written


def test_a_name_and_the_name_with_its_kind_are_one_keyword_across_the_corpus(knowledge):
    """"XFS filesystem" is the topic other lists tag "XFS", and "ext4 file system" is "ext4"; a kind after a name
    no list has alone ("Zorro filesystem") and after a word that is no name ("memory subsystem") stays."""
    tcp = "TCP" if "TCP" in knowledge.subsystems else next(iter(knowledge.subsystems))
    category = knowledge.subsystems[tcp].category
    results = {a: _result("Ben Okafor", f"Ben Okafor rewrote {tcp} pacing.", tcp, category) for a in (1, 2, 3)}
    results[1]["phrases"] += [["XFS filesystem", 3, False, 0], ["Zorro filesystem", 3, False, 0], ["XFS", 2, False, 0]]
    results[2]["phrases"] += [["XFS", 3, False, 0], ["ext4", 3, False, 0], ["memory", 3, False, 0]]
    results[3]["phrases"] += [["ext4 file system", 3, False, 0], ["memory subsystem", 3, False, 0]]
    tables, _ = aggregate(results, {1: 2019, 2: 2020, 3: 2021}, knowledge)
    lists = defaultdict(list)
    for line in _rendered(tables)["keywords"].decode().splitlines():
        article_id, rank, keyword, _ = line.split(",")
        lists[article_id].append(keyword)
    assert lists["1"].count("XFS") == 1 and "Zorro filesystem" in lists["1"], lists
    assert "ext4" in lists["3"] and "memory subsystem" in lists["3"], lists
    assert not {"XFS filesystem", "ext4 file system"} & {k for ks in lists.values() for k in ks}, lists


def test_a_phrase_of_ordinary_words_is_a_keyword_where_the_corpus_says_it_again_and_again():
    """"page cache" is said three times or more wherever it is said: a topic's name; "good idea" once or twice:
    no keyword, however often one article says it; a phrase said once in the article and a lone word ("object")
    are no candidates at all."""
    from pipeline.keywords.ranking import Ranking, rank_scored, scoring

    def article(ordinary, phrases=(("XDP", 3, True, 0),)):
        return scoring([list(p) for p in phrases], [list(o) for o in ordinary])

    corpus = {1: article([("page cache", 4, 1), ("good idea", 3, 1), ("object", 6, 0)]),
              2: article([("page cache", 3, 2), ("good idea", 1, 0)]),
              3: article([("page cache", 5, 0), ("good idea", 1, 2), ("swap device", 1, 0)]),
              4: article([("good idea", 1, 1)], [("TCP", 3, True, 0)])}
    ranked = {a: [k for k, _ in kws] for a, kws in rank_scored(corpus).items()}
    assert all("page cache" in ranked[a] for a in (1, 2, 3)), ranked
    assert not {"good idea", "object", "swap device"} & {k for ks in ranked.values() for k in ks}, ranked
    ranking = Ranking(len(corpus))  # begun with three articles, the fourth added: the same ranking
    ranking.add({a: corpus[a] for a in (2, 3, 4)})
    assert {a: [k for k, _ in kws] for a, kws in ranking.finish({1: corpus[1]}).items()} == ranked
