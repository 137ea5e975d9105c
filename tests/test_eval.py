"""Extraction quality against the gold files: the seed is perfect, fixtures stay above pinned floors."""

from conftest import GOLD
from pipeline.evaluate import evaluate, load_gold

# Raise these as extraction improves; never lower them to make a change pass.
FLOORS = {
    "people": (0.95, 0.95),
    "subsystems": (0.95, 0.95),
    "relations": (0.92, 0.85),
    "keywords": (1.00, 0.85),
}


def test_eval_seed_is_perfect(sample_tables):
    gold = [g for g in load_gold(GOLD) if g["article"]["article_id"] == 144272]
    total, per_article, missing = evaluate(gold, [sample_tables])
    assert not missing
    for table in ("people", "subsystems"):
        score = per_article[144272][table]
        assert (score.precision, score.recall) == (1.0, 1.0), score.errors


def test_eval_fixtures_meet_the_floors(sample_tables, fixture_tables):
    total, _, missing = evaluate(load_gold(GOLD), [sample_tables, fixture_tables])
    assert not missing
    for table, (precision, recall) in FLOORS.items():
        assert total[table].precision >= precision, (table, total[table].errors)
        assert total[table].recall >= recall, (table, total[table].errors)


def test_eval_not_people_never_appear(fixture_tables):
    from pipeline.tables import read_rows

    found = {}
    for r in read_rows(fixture_tables / "person_mentions.csv"):
        found.setdefault(int(r["article_id"]), set()).add(r["person"])
    checked = 0
    for gold in load_gold(GOLD):
        article_id = gold["article"]["article_id"]
        if gold.get("not_people") and article_id in found:
            assert not set(gold["not_people"]) & found[article_id], article_id
            checked += 1
    assert checked >= 4


def test_eval_scores_count_what_they_say():
    gold = [{"_file": "g.json", "article": {"article_id": 1}, "people": ["A", "B"], "subsystems": [], "relations": [],
             "keywords": ["x y"], "keywords_not": ["bad"]}]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        (out / "person_mentions.csv").write_text("article_id,paragraph,sentence,start,end,text,person\n1,0,0,0,1,A,A\n1,0,0,2,3,C,C\n")
        (out / "subsystem_mentions.csv").write_text("article_id,paragraph,sentence,start,end,text,subsystem,category\n")
        (out / "person_subsystem.csv").write_text("article_id,paragraph,sentence,person,subsystem,evidence\n")
        (out / "keywords.csv").write_text("article_id,rank,keyword,score\n1,1,w x y,1.0\n1,2,bad,0.5\n")
        total, _, _ = evaluate(gold, [out])
    assert (total["people"].tp, total["people"].fp, total["people"].fn) == (1, 1, 1)
    assert total["people"].precision == 0.5 and total["people"].recall == 0.5
    assert (total["keywords"].tp, total["keywords"].fp) == (1, 1)


def test_eval_relations_score_by_kind_where_the_gold_gives_kinds(tmp_path):
    gold = [{"_file": "g.json", "article": {"article_id": 1}, "people": [], "subsystems": [], "keywords": [],
             "relations": [["A", "TCP", ["presented", "works_on"]], ["B", "XDP", ["proposed"]]]}]
    (tmp_path / "person_mentions.csv").write_text("article_id,paragraph,sentence,start,end,text,person\n")
    (tmp_path / "subsystem_mentions.csv").write_text("article_id,paragraph,sentence,start,end,text,subsystem,category\n")
    (tmp_path / "person_subsystem.csv").write_text("article_id,paragraph,sentence,person,subsystem,relation,evidence\n"
                                                   "1,0,0,A,TCP,works_on,x\n1,1,0,B,XDP,presented,x\n")
    (tmp_path / "keywords.csv").write_text("article_id,rank,keyword,score\n")
    total, _, _ = evaluate(gold, [tmp_path])
    assert (total["relations"].tp, total["relations"].fp, total["relations"].fn) == (2, 0, 0)
    assert (total["relations:works_on"].tp, total["relations:works_on"].fp) == (1, 0)
    assert (total["relations:presented"].tp, total["relations:presented"].fp, total["relations:presented"].fn) == (0, 1, 1)
    assert (total["relations:proposed"].tp, total["relations:proposed"].fn) == (0, 1)
