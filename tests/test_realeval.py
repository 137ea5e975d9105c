"""The real-text scorer (make eval-real): its label files, its scoring, and its skip without a knowbase."""

import json
import subprocess
import sys

import pytest

from conftest import PROJECT
from pipeline import config
from pipeline.relations import KINDS
from pipeline.realeval import (
    AGREEMENT, DEV_GOLD, FEATURE_VERDICTS, HOLDOUT_AGREEMENT, HOLDOUT_GOLD, HOLDOUT_IDS, JUDGED_COOCCURRENCES,
    JUDGED_FEATURES, JUDGED_KEYWORDS, JUDGED_LINKS, JUDGED_MENTIONS, JUDGED_OWN_NAMES, JUDGED_PEOPLE, JUDGED_SUBJECTS,
    PAIRS_FIRST, PAIRS_SECOND, RESERVED, TALKS, Found, Names, agreement_report, cooccurrence_report, dev_ids,
    features_report, index_topic_subsystems, judged_keywords_report, judged_links_report, judged_mentions_report,
    judged_people_report, labels_as_found, networking_topics, read_found, score_article, score_items, talks_report,
)


def test_realeval_dev_set_is_labelled_and_keeps_out_reserved_articles():
    ids = dev_ids()
    assert len(ids) >= 40 and len(set(ids)) == len(ids)
    assert not set(ids) & RESERVED
    labelled = {int(p.stem) for p in DEV_GOLD.glob("*.json")}
    assert labelled == set(ids)


def test_realeval_holdout_is_labelled_apart_from_the_dev_set_and_the_reserved_articles():
    ids = dev_ids(HOLDOUT_IDS)
    assert ids and len(set(ids)) == len(ids)
    assert not set(ids) & (RESERVED | set(dev_ids()))
    assert {int(p.stem) for p in HOLDOUT_GOLD.glob("*.json")} == set(ids)


def test_realeval_set_m_is_apart_from_every_other_set_and_both_readers_labelled_it_all():
    ids = {int(p.stem) for p in PAIRS_FIRST.glob("*.json")}
    assert len(ids) >= 20 and ids == {int(p.stem) for p in PAIRS_SECOND.glob("*.json")}
    assert not ids & (RESERVED | set(dev_ids()) | set(dev_ids(HOLDOUT_IDS)))


def test_realeval_set_n_is_apart_from_every_other_labelled_set():
    ids = {int(p.stem) for p in TALKS.glob("*.json")}
    others = {int(p.stem) for p in PAIRS_FIRST.glob("*.json")} | set(dev_ids()) | set(dev_ids(HOLDOUT_IDS))
    assert len(ids) >= 10 and not ids & (RESERVED | others)


def test_realeval_set_n_scores_links_and_counts_what_the_taxonomy_cannot_name():
    names = Names(config.Options())
    gold = {"article_id": 1,
            "subsystems": [{"name": "GRO", "forms": ["GRO"]}, {"name": "BPF static keys", "forms": ["static keys"]}],
            "relations": [{"person": "Herbert Xu", "subsystem": "GRO", "relation": "presented"},
                          {"person": "Herbert Xu", "subsystem": "GRO", "relation": "works_on"},
                          {"person": "Ann Berg", "subsystem": "BPF static keys", "relation": "proposed"}]}
    run = Found(relations={("Herbert Xu", names.subsystem("GRO"), "presented"),
                           ("Ann Berg", names.subsystem("BPF"), "proposed")})
    lines = talks_report([gold], {1: run}, names, verbose=True)
    assert lines[0] == "set N: 1 labelled articles; 1 of the 2 labelled pairs name what the taxonomy cannot"
    rows = {" ".join(line.split()[:-6]): line.split()[-6:] for line in lines[2:] if not line.startswith(" ")}
    assert rows["set N relations"][3:] == ["1", "1", "1"]  # a pair is found once, whatever its kinds
    assert rows["set N relations:works_on"][3:] == ["0", "0", "1"]
    assert rows["set N relations:proposed"][3:] == ["0", "1", "1"]
    assert rows["set N nameable"][3:] == ["1", "1", "0"]  # the feature the reader named is no miss of the run's
    assert "    relation: missing ('ann berg', '?BPF static keys')" in lines


def test_realeval_a_link_whose_rows_name_the_labelled_feature_finds_it():
    names = Names(config.Options())
    gold = {"article_id": 1,
            "subsystems": [{"name": "BPF static keys", "forms": ["static keys", "static key"]},
                           {"name": "GRO", "forms": ["GRO"]}],
            "relations": [{"person": "Ann Berg", "subsystem": "BPF static keys", "relation": "proposed"},
                          {"person": "Herbert Xu", "subsystem": "GRO", "relation": "works_on"}]}
    bpf, gro = names.subsystem("BPF"), names.subsystem("GRO")
    run = Found(relations={("Ann Berg", bpf, "proposed"), ("Herbert Xu", gro, "works_on")})
    run.features[("Ann Berg", bpf, "proposed")] = {"BPF maps", "static keys"}
    run.features[("Herbert Xu", gro, "works_on")] = {"GRO tables"}  # a feature beside a labelled subsystem
    scores = score_article(gold, run, names)
    assert (scores["relations"].tp, scores["relations"].fp, scores["relations"].fn) == (2, 0, 0)
    assert (scores["relations:proposed"].tp, scores["relations:proposed"].fp) == (1, 0)
    # the feature must be the one labelled, and of the kind labelled for the kind's score
    run.features[("Ann Berg", bpf, "proposed")] = {"BPF maps"}
    assert (score_article(gold, run, names)["relations"].fp, score_article(gold, run, names)["relations"].fn) == (1, 1)
    other = Found(relations={("Ann Berg", bpf, "presented")})
    other.features[("Ann Berg", bpf, "presented")] = {"static keys"}
    scores = score_article(gold, other, names)
    assert scores["relations"].tp == 1 and scores["relations:proposed"].fn == 1
    assert scores["relations:presented"].fp == 1


def test_realeval_networking_relations_leave_facilities_outside_networking_out_on_both_sides():
    """Labels written for networking alone are scored apart without the links to kernel facilities: a run's
    link to RCU is no error of theirs, nor is a labelled one a miss of the run's."""
    names = Names(config.Options())
    gold = {"article_id": 1, "subsystems": [{"name": "GRO", "forms": ["GRO"]}, {"name": "RCU", "forms": ["RCU"]}],
            "relations": [{"person": "Herbert Xu", "subsystem": "GRO", "relation": "works_on"},
                          {"person": "Paul McKenney", "subsystem": "RCU", "relation": "maintains"}]}
    gro, crypto = names.subsystem("GRO"), names.subsystem("crypto API")
    run = Found(relations={("Herbert Xu", gro, "works_on"), ("Herbert Xu", crypto, "works_on")})
    scores = score_article(gold, run, names)
    assert (scores["relations"].tp, scores["relations"].fp, scores["relations"].fn) == (1, 1, 1)
    networking = scores["networking relations"]
    assert (networking.tp, networking.fp, networking.fn) == (1, 0, 0)
    glue = {"article_id": 1, "subsystems": [{"name": "WireGuard crypto glue", "forms": ["crypto glue"]}],
            "relations": [{"person": "Herbert Xu", "subsystem": "WireGuard crypto glue", "relation": "works_on"}]}
    run = Found(relations={("Herbert Xu", crypto, "works_on")})
    run.features[("Herbert Xu", crypto, "works_on")] = {"crypto glue"}  # a feature of a link outside networking
    scores = score_article(glue, run, names)
    assert scores["relations"].tp == 1 and scores["networking relations"].tp == 0


@pytest.mark.parametrize("path", sorted(DEV_GOLD.glob("*.json")) + sorted(HOLDOUT_GOLD.glob("*.json")),
                         ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_realeval_gold_files_are_consistent(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["article_id"] == int(path.stem)
    names = {s["name"] for s in gold["subsystems"]}
    assert all(s["forms"] for s in gold["subsystems"])
    for rel in gold["relations"]:
        assert rel["person"] in gold["people"] and rel["subsystem"] in names, rel
        assert rel["relation"] in ("presented", "works_on", "maintains", "proposed")
    assert gold["published"][:2] in ("19", "20")


def test_realeval_score_items_counts_each_gold_item_once():
    score = score_items([frozenset({"A", "A2"}), frozenset({"B"}), frozenset({"C"})], {"A", "A2", "B", "X"}, "s")
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)


def test_realeval_scores_an_article_through_the_taxonomy():
    names = Names(config.Options())
    gold = {
        "people": ["Dave Miller", "Herbert Xu"],
        "subsystems": [
            {"name": "GRO", "forms": ["generic receive offload", "GRO"], "central": True},
            {"name": "no such thing", "forms": ["frobnicator"], "central": False},
        ],
        "relations": [{"person": "Herbert Xu", "subsystem": "GRO", "relation": "works_on", "paragraphs": [1]}],
    }
    gro = names.subsystem("GRO")
    assert gro and names.subsystem("generic receive offload") == gro
    found = Found(people={"David S. Miller", "Somebody Else"}, subsystems={gro, "TCP"},
                  relations={("Herbert Xu", gro, "works_on")})
    scores = score_article(gold, found, names)
    assert (scores["people"].tp, scores["people"].fp, scores["people"].fn) == (1, 1, 1)
    assert (scores["subsystems"].tp, scores["subsystems"].fp, scores["subsystems"].fn) == (1, 1, 1)
    assert scores["central_subsystems"].recall == 1.0
    assert scores["relations"].tp == 1 and scores["relations:works_on"].tp == 1
    assert scores["relations:presented"].tp == 0
    # a label with its other name in parentheses names what either does; a gloss of several words is no name
    assert names.subsystems({"name": "receive offload (GRO)", "forms": []}) == {gro}
    assert names.subsystems({"name": "GRO (generic receive offload)", "forms": []}) == {gro}
    assert names.subsystems({"name": "frobnicator (GRO, merging)", "forms": []}) == frozenset()
    # a reader's "networking" is the networking subsystem, as "the networking subsystem" is
    assert names.subsystem("networking") == names.subsystem("networking subsystem") is not None


def test_realeval_a_label_names_whom_the_run_took_the_written_name_to_be(tmp_path):
    names = Names(config.Options())
    tcp = names.subsystem("TCP")
    (tmp_path / "person_mentions.csv").write_text(
        "article_id,paragraph,sentence,start,end,text,person\n"
        "7,1,0,0,14,Kathie Nichols,Kathleen Nichols\n7,2,0,0,7,Nichols,Kathleen Nichols\n"
        "8,1,0,0,16,Kathleen Nichols's,Kathleen Nichols\n", encoding="utf-8")
    (tmp_path / "person_subsystem.csv").write_text(
        "article_id,paragraph,sentence,person,subsystem,relation\n"
        f"7,1,0,Kathleen Nichols,{tcp},works_on\n", encoding="utf-8")
    for table in ("articles", "subsystem_mentions"):
        (tmp_path / f"{table}.csv").write_text("article_id\n", encoding="utf-8")
    found = read_found(tmp_path)
    gold = {"people": ["Kathie Nichols"], "subsystems": [{"name": "TCP", "forms": ["TCP"]}],
            "relations": [{"person": "Kathie Nichols", "subsystem": "TCP", "relation": "works_on"}]}
    scores = score_article(gold, found[7], names)
    assert scores["people"].tp == scores["relations"].tp == 1 and scores["relations"].fp == 0
    # a name the article does not write so is whom the tables say, and here nobody the run found
    scores = score_article({**gold, "people": ["Kathie Nichols"]}, found[8], names)
    assert (scores["people"].tp, scores["people"].fn) == (0, 1)


def test_realeval_second_reader_is_scored_as_a_run_is():
    names = Names(config.Options())
    gro = names.subsystem("GRO")
    gold = {"article_id": 1, "people": ["Herbert Xu", "Ann Berg"],
            "subsystems": [{"name": "GRO", "forms": ["GRO"]}, {"name": "frobnicator", "forms": ["frobnicator"]}],
            "relations": [{"person": "Herbert Xu", "subsystem": "GRO", "relation": "works_on"},
                          {"person": "Ann Berg", "subsystem": "frobnicator", "relation": "proposed"},
                          {"person": "Ann Berg", "subsystem": "GRO", "relation": "proposed", "adjudicated": True}]}
    second = {"article_id": 1,
              "subsystems": [{"name": "generic receive offload", "forms": ["GRO"]},
                             {"name": "the frobnicator", "forms": ["frobnicator"]}, {"name": "TCP", "forms": ["TCP"]}],
              "relations": [{"person": "Herbert Xu", "subsystem": "generic receive offload", "relation": "works_on"},
                            {"person": "Ann Berg", "subsystem": "the frobnicator", "relation": "proposed"},
                            {"person": "Ann Berg", "subsystem": "TCP", "relation": "presented"}]}
    assert labels_as_found(second, names).relations == {
        ("Herbert Xu", gro, "works_on"), ("Ann Berg", "?the frobnicator", "proposed"),
        ("Ann Berg", names.subsystem("TCP"), "presented")}
    run = Found(relations={("Herbert Xu", gro, "proposed")})
    lines = agreement_report([second, {"article_id": 2}], [gold], {1: run}, names)
    rows = {" ".join(line.split()[:-6]): line.split()[-6:] for line in lines[2:]}
    # a name of its own for what the taxonomy lacks never meets the other reader's: missed, and unexpected
    assert rows["all relations: second reader"][3:] == ["1", "2", "2"]
    assert rows["all relations: run"][3:] == ["1", "0", "2"]
    # by kind: the run's proposal is no one's, its author's work unfound
    assert rows["all relations, proposed: run"][3:] == ["0", "1", "2"]
    assert rows["all relations, works_on: second reader"][3:] == ["1", "0", "0"]
    assert rows["first labels: second reader"][3:] == ["1", "2", "1"]
    # on what the taxonomy names, the readers differ only where they do
    assert rows["nameable: second reader"][3:] == ["1", "1", "1"]
    # pooled: right if either reader has the pair (a pair both have counts once), found of what both have
    both_ways = Found(relations={("Herbert Xu", gro, "proposed"), ("Ann Berg", names.subsystem("TCP"), "presented")})
    pooled_rows = {" ".join(line.split()[:-6]): line.split()[-6:]
                   for line in agreement_report([second], [gold], {1: both_ways}, names)[2:]}
    assert pooled_rows["either reader: run"][3:] == ["2", "0", "3"]
    assert pooled_rows["both readers: run"][3:] == ["1", "1", "0"]
    assert agreement_report([second], [gold], None, names)[-1].startswith("nameable: second reader")
    assert agreement_report([second], [], None, names, "holdout") == [
        "agreement: no second reader's labels of holdout articles"]


@pytest.mark.parametrize("second, gold", [(AGREEMENT, DEV_GOLD), (HOLDOUT_AGREEMENT, HOLDOUT_GOLD),
                                          (PAIRS_SECOND, PAIRS_FIRST), (PAIRS_FIRST, PAIRS_SECOND), (TALKS, TALKS)])
def test_realeval_second_reader_labels_are_of_labelled_articles_in_the_gold_form(second, gold):
    for path in sorted(second.glob("*.json")):
        labels = json.loads(path.read_text(encoding="utf-8"))
        assert labels["article_id"] == int(path.stem) and (gold / path.name).is_file()
        names = {s["name"] for s in labels["subsystems"]}
        assert all(s["forms"] for s in labels["subsystems"])
        assert all(r["subsystem"] in names and r["relation"] in KINDS for r in labels["relations"]), path
    assert len(list(second.glob("*.json"))) >= 10


def test_realeval_index_topics_cover_every_networking_entry_form():
    mapping = index_topic_subsystems()
    assert mapping["Networking/Congestion control"] == ["congestion control"]
    assert mapping["Networking"] == []
    assert networking_topics([("Kernel", "Networking/NAPI"), ("Kernel", "Memory management"),
                              ("Kernel", "Device drivers/Network drivers")]) == [
        "Networking/NAPI", "Device drivers/Network drivers"]


def test_realeval_without_a_knowbase_says_it_skipped():
    result = subprocess.run([sys.executable, "-m", "pipeline.realeval", "--knowbase", ""], cwd=PROJECT,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "skipped" in result.stdout
    # a second reader's agreement needs labels only
    result = subprocess.run([sys.executable, "-m", "pipeline.realeval", "--knowbase", "", "--agreement"],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0 and "skipped" in result.stdout
    assert "nameable: second reader" in result.stdout and "relations: run" not in result.stdout


def test_realeval_names_compare_without_accents_case_or_middle_initials():
    from pipeline.realeval import person_key

    assert person_key("David P. Reed") == person_key("David Reed") == person_key("david  reed")
    assert person_key("Gustavo A. R. Silva") == person_key("Gustavo Silva")
    assert person_key("Toke Høiland-Jørgensen") == person_key("Toke Hoiland-Jorgensen")
    assert person_key("Jamal Hadi Salim") != person_key("Jamal Salim")


def test_realeval_judged_links_are_verdicts_on_articles_nobody_tunes_to():
    rows = [line.split("\t") for line in JUDGED_LINKS.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")][1:]
    assert len(rows) >= 100 and all(len(r) == 8 for r in rows)
    assert {r[5] for r in rows} <= {"right", "kind", "wrong"} and {r[4] for r in rows} <= set(KINDS)
    ids = {int(r[1]) for r in rows}
    assert not ids & (RESERVED | set(dev_ids()) | set(dev_ids(HOLDOUT_IDS)))


def _links_table(tmp_path, rows: str):
    """A run's folder holding only person_subsystem.csv with these rows."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "person_subsystem.csv").write_text(
        "article_id,paragraph,sentence,person,subsystem,relation,person_paragraph,person_sentence,evidence\n" + rows,
        encoding="utf-8")
    return out


def test_realeval_judged_links_score_what_a_run_still_makes_by_kind_span_and_sample(tmp_path):
    judged = tmp_path / "judged.tsv"
    judged.write_text("# verdicts\nsample\tarticle_id\tperson\tsubsystem\trelation\tverdict\tbetter_kind\treason\n"
                      "A\t1\tAda Lindqvist\tTCP\tworks_on\tright\t\t\n"
                      "A\t1\tBen Okafor\tTCP\tpresented\tkind\tproposed\t\n"
                      "A\t2\tBen Okafor\tXDP\tproposed\twrong\t\tonly commented\n"
                      "B\t2\tAda Lindqvist\tBPF\tproposed\twrong\t\tin passing\n", encoding="utf-8")
    out = _links_table(tmp_path, "1,0,0,Ada Lindqvist,TCP,works_on,,,x\n1,2,1,Ben Okafor,TCP,presented,2,0,x\n"
                                 "2,3,0,Ben Okafor,XDP,proposed,1,0,x\n2,3,1,Ben Okafor,XDP,proposed,3,0,x\n"
                                 "3,0,0,Ada Lindqvist,NAPI,works_on,,,x\n")
    first, second, *by = judged_links_report(out, judged)
    assert first == ("judged links: 4 judged, 3 still made: right 1, kind 1, wrong 1; "
                     "precision 0.667 (pair), 0.333 (pair and kind)")
    assert second == "no longer made: 1 judged wrong, 0 judged right; links made that nobody judged: 1"
    assert by == ["  presented: 1 still made, precision 1.000 (pair), 0.000 (pair and kind)",
                  "  works_on: 1 still made, precision 1.000 (pair), 1.000 (pair and kind)",
                  "  proposed: 1 still made, precision 0.000 (pair), 0.000 (pair and kind)",
                  "  same sentence: 1 still made, precision 1.000 (pair), 1.000 (pair and kind)",
                  "  same paragraph: 2 still made, precision 0.500 (pair), 0.000 (pair and kind)",
                  "  sample A: 3 still made, precision 0.667 (pair), 0.333 (pair and kind)"]


def test_realeval_cooccurrences_count_the_stated_ones_a_run_now_links(tmp_path):
    judged = tmp_path / "cooc.tsv"
    judged.write_text("# verdicts\nsample\tarticle_id\tperson\tsubsystem\tparagraph\tsentence\tcategory\tverdict\t"
                      "kind\treason\nC1\t1\tAda Lindqvist\tTCP\t0\t0\tprotocol\tyes\tworks_on\t'rewrote'\n"
                      "C1\t1\tBen Okafor\tXDP\t0\t1\tcore\tyes\tproposed\t'posted'\n"
                      "C1\t2\tBen Okafor\tBPF\t1\t0\tbpf\tno\t\tonly quoted\n"
                      "C1\t2\tAda Lindqvist\tRCU\t1\t0\tkernel\tyes\tworks_on\t'wrote'\n"
                      "C2\t3\tAda Lindqvist\tNAPI\t0\t0\tcore\tno\t\tan example\n", encoding="utf-8")
    out = _links_table(tmp_path, "1,0,0,Ada Lindqvist,TCP,presented,,,x\n2,1,0,Ben Okafor,BPF,proposed,,,x\n"
                                 "2,1,0,Ada Lindqvist,RCU,works_on,,,x\n")
    assert cooccurrence_report(out, judged) == [
        "unlinked co-occurrences judged: 4 with a networking subsystem, 2 state a relation (0.500); this run links "
        "1 of those and 1 of the 2 that do not",
        "  sample C1: 3 judged, 2 state a relation; links 1 of those and 1 of the 1 others",
        "  sample C2: 1 judged, 0 state a relation; links 0 of those and 0 of the 1 others",
        "  with a facility outside networking: 1 judged, 1 state a relation; links 1 of those and 0 of the 0 others"]


def test_realeval_judged_features_score_the_ones_a_run_still_gives(tmp_path):
    judged = tmp_path / "features.tsv"
    judged.write_text("# verdicts\nsample\tarticle_id\tperson\tsubsystem\trelation\tfeature\tverdict\treason\n"
                      "A\t1\tAda Lindqvist\tBPF\tworks_on\tBPF arenas\tpart\t\n"
                      "A\t1\tBen Okafor\tBPF\tpresented\tBPF community\tvague\t\n"
                      "A\t2\tBen Okafor\tNFS\tworks_on\tNFS filesystem\tsame\t\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "person_subsystem.csv").write_text(
        "article_id,paragraph,sentence,person,subsystem,relation,feature,person_paragraph,person_sentence,evidence\n"
        "1,0,0,Ada Lindqvist,BPF,works_on,BPF arenas,0,0,x\n1,1,0,Ada Lindqvist,BPF,proposed,BPF arenas,1,0,x\n"
        "1,2,0,Ben Okafor,BPF,presented,,2,0,x\n2,0,0,Ben Okafor,NFS,works_on,NFS filesystem,0,0,x\n"
        "3,0,0,Ada Lindqvist,XDP,works_on,XDP sockets,0,0,x\n", encoding="utf-8")
    assert features_report(out, judged) == [
        "judged features: 3 judged, 2 still given: part 1, unlinked 0, same 1, vague 0; precision 0.500; "
        "given in all 3, 1 that nobody judged"]


def test_realeval_judged_features_are_a_sample_outside_the_held_out_and_reserved_articles():
    rows = [line.split("\t") for line in JUDGED_FEATURES.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")][1:]
    assert len(rows) >= 100 and all(len(r) == 8 and r[5] for r in rows)
    assert {r[6] for r in rows} == set(FEATURE_VERDICTS) and all(r[4] in KINDS for r in rows)
    assert len({(r[1], r[2], r[3], r[5]) for r in rows}) == len(rows)
    assert not {int(r[1]) for r in rows} & (RESERVED | set(dev_ids(HOLDOUT_IDS)))


def test_realeval_cooccurrence_sample_is_outside_the_evaluation_sets():
    rows = [line.split("\t") for line in JUDGED_COOCCURRENCES.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")][1:]
    assert len(rows) == 350 and all(len(r) == 10 for r in rows)
    assert len({(r[1], r[2], r[3]) for r in rows}) == len(rows)
    assert {r[7] for r in rows} == {"yes", "no"} and all(r[8] in KINDS for r in rows if r[7] == "yes")
    assert not {int(r[1]) for r in rows} & (RESERVED | set(dev_ids()) | set(dev_ids(HOLDOUT_IDS)))


def test_realeval_judged_keywords_are_dev_articles_only():
    rows = [line.split("\t") for line in JUDGED_KEYWORDS.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")][1:]
    assert len(rows) >= 500 and all(len(r) == 5 for r in rows)
    assert {r[3] for r in rows} == {"keep", "drop"} and all(r[4] for r in rows if r[3] == "drop")
    assert not {int(r[1]) for r in rows} & (RESERVED | set(dev_ids(HOLDOUT_IDS)))


@pytest.mark.parametrize("path, samples, apart", [
    (JUDGED_SUBJECTS, {"K40"}, ()),
    (JUDGED_OWN_NAMES, {"K43", "K44", "K45", "K46", "K47", "K48", "K49", "K50", "K51", "K53", "K54", "K55", "K56",
                        "K57", "K58", "K59", "K60", "K61", "K62", "K63", "K64", "K65", "K66", "K67", "K68", "K69",
                        "K70", "K71"},
     (JUDGED_SUBJECTS,))])
def test_realeval_paired_keyword_checks_are_samples_apart_from_the_other_verdicts(path, samples, apart):
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")][1:]
    assert len(rows) > 200 and all(len(r) == 5 for r in rows) and {r[0] for r in rows} == samples
    assert all(len({r[0] for r in rows if r[1] == a}) == 1 for a in {r[1] for r in rows})  # each article one sample
    assert {r[3] for r in rows} == {"keep", "drop"} and all(r[4] for r in rows if r[3] == "drop")
    assert len({(r[1], r[2]) for r in rows}) == len(rows)
    judged = {line.split("\t")[1] for other in (JUDGED_KEYWORDS, *apart)
              for line in other.read_text(encoding="utf-8").splitlines() if not line.startswith("#")}
    others = {int(a) for a in judged if a.isdigit()}
    assert not {int(r[1]) for r in rows} & (RESERVED | set(dev_ids(HOLDOUT_IDS)) | others)


def test_realeval_judged_people_are_a_sample_of_whole_names_with_a_verdict_each():
    rows = [line.split("\t") for line in JUDGED_PEOPLE.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert rows[0] == ["sample", "person", "verdict", "reason"]
    assert len(rows) > 100 and all(len(r) == 4 and r[3] for r in rows[1:])
    assert {r[2] for r in rows[1:]} <= {"person", "wrong_name", "not_person"}
    assert len({r[1] for r in rows[1:]}) == len(rows) - 1


def test_realeval_judged_people_count_the_rows_a_run_still_lists(tmp_path):
    judged = tmp_path / "judged.tsv"
    judged.write_text("# verdicts\nsample\tperson\tverdict\treason\nP1\tAda Lindqvist\tperson\tdeveloper\n"
                      "P1\tSandy Bridge\tnot_person\tCPU codename\nP1\tSingh Tomar\twrong_name\tfragment\n"
                      "P1\tBen Okafor\tperson\tresearcher\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "people.csv").write_text("person,n_articles\nAda Lindqvist,2\nSingh Tomar,1\nBen Okafor,1\n",
                                    encoding="utf-8")
    assert judged_people_report(out, judged) == [
        "judged people: 4 judged, 3 still listed: person 2, wrong_name 1, not_person 0; "
        "a person under a right name 0.667"]


def test_realeval_judged_mentions_count_the_rows_a_run_still_makes(tmp_path):
    judged = tmp_path / "judged.tsv"
    judged.write_text("# verdicts\nsample\tarticle_id\tparagraph\tstart\ttext\tsubsystem\tverdict\tnote\n"
                      "S1\t1\t0\t4\tTCP\tTCP\tright\t\nS1\t1\t2\t0\tTPM\tTPM\twrong\tPWM module\n"
                      "S1\t2\t0\t9\tRCU\tRCU\tother\tliburcu\nS1\t3\t1\t5\tNFS\tNFS\tright\t\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "subsystem_mentions.csv").write_text(
        "article_id,paragraph,sentence,start,end,text,subsystem,category\n1,0,0,4,7,TCP,TCP,protocol\n"
        "1,2,0,0,3,TPM,TPM,kernel\n2,0,0,9,12,RCU,RCU,kernel\n3,1,0,5,8,NFS,SMB,protocol\n", encoding="utf-8")
    assert judged_mentions_report(out, judged) == [
        "judged subsystem mentions: 4 judged, 3 still made: right 1, other 1, wrong 1, unclear 0; precision 0.333"]


def test_realeval_judged_mentions_are_a_sample_outside_the_labelled_and_reserved_articles():
    rows = [line.split("\t") for line in JUDGED_MENTIONS.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")][1:]
    ids = {int(r[1]) for r in rows}
    assert len(rows) == 200 and not ids & (RESERVED | set(dev_ids(HOLDOUT_IDS)) | set(dev_ids()))
    assert {r[6] for r in rows} <= {"right", "other", "wrong", "unclear"}


def _judged_keyword_files(tmp_path, verdicts: str, keywords: str):
    """A judged-keywords file of ``verdicts`` (rows after the header) and a run folder whose keywords.csv holds
    ``keywords`` (rows after the header)."""
    judged = tmp_path / "judged.tsv"
    judged.write_text("# verdicts\nsample\tarticle_id\tkeyword\tverdict\treason\n" + verdicts, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keywords.csv").write_text("article_id,rank,keyword,score\n" + keywords, encoding="utf-8")
    return judged, out


def test_realeval_judged_keywords_count_what_readers_keep_in_each_top_list(tmp_path):
    # "CPU Time" is the phrase judged as "CPU time": a verdict is on the words, however they are capitalised
    judged, out = _judged_keyword_files(
        tmp_path,
        "K1\t1\tXDP\tkeep\t\nK1\t1\tCPU time\tdrop\tgeneric: ordinary words\n"
        "K1\t1\tAF_XDP socket\tdrop\tnear-duplicate: of AF_XDP\nK1\t2\tTCP\tkeep\t\nK1\t2\tHTTP\tdrop\tpassing: once\n",
        "1,1,XDP,9\n1,2,CPU Time,8\n1,3,UMEM,7\n2,1,TCP,9\n2,2,BBR,8\n2,11,HTTP,1\n3,1,NAPI,5\n")
    assert judged_keywords_report(out, judged, label="K")[0].startswith("K: 2 articles, top 10s")
    first, *articles = judged_keywords_report(out, judged, per_article=True)
    assert first == ("judged keywords: 2 articles, top 10s of 2.50 phrases on average: readers keep 2 of 3 judged "
                     "(0.667); dropped: generic 1; not judged: 2")
    assert articles == ["    1: would keep 1 of its top 3 (1 not judged)", "    2: would keep 1 of its top 2 (1 not judged)"]


def test_realeval_a_keyword_verdict_holds_for_its_singular_not_for_a_mangled_one(tmp_path):
    """"VMAs" judged, "VMA" listed: one phrase, as are "user-space APIs" and "user space API"; "netoop" judged a
    mangled singular says nothing of "netoops"."""
    judged, out = _judged_keyword_files(
        tmp_path, "K1\t1\tVMAs\tkeep\t\nK1\t1\tnetoop\tdrop\tmangled: wrong singular\n"
                  "K1\t1\tuser-space APIs\tdrop\tgeneric: any API\n",
        "1,1,VMA,9\n1,2,netoops,8\n1,3,user space API,7\n")
    assert judged_keywords_report(out, judged)[0].endswith("readers keep 1 of 2 judged (0.500); dropped: generic 1; "
                                                          "not judged: 1"), judged_keywords_report(out, judged)


def test_realeval_judged_keywords_report_a_fresh_sample_of_its_own_articles(tmp_path):
    """A sample drawn from articles no other sample judged is reported on its own: the unseen-text figure."""
    judged, out = _judged_keyword_files(
        tmp_path,
        "K1\t1\tXDP\tkeep\t\nK2\t1\tCPU time\tdrop\tgeneric: ordinary words\n"
        "K3\t3\tNAPI\tkeep\t\nK3\t3\tLWN\tdrop\tname: the site\n",
        "1,1,XDP,9\n1,2,CPU time,8\n3,1,NAPI,5\n3,2,LWN,4\n")
    lines = judged_keywords_report(out, judged)
    assert lines == [
        "judged keywords: 2 articles, top 10s of 2.00 phrases on average: readers keep 2 of 4 judged (0.500); "
        "dropped: generic 1, name 1; not judged: 0",
        "  sample K3, articles of its own: 1 articles, top 10s of 2.00 phrases on average: readers keep 1 of 2 "
        "judged (0.500); dropped: name 1; not judged: 0"], lines
