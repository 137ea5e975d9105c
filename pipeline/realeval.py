"""`make eval-real`: score a run over real LWN articles (the LWN-Kernel-Knowbase) against labels.

The labels in ``dev/gold/`` were written by reading the articles listed in ``dev/articles.txt``; only
labels are committed, never article text. This module stages those articles from a knowbase checkout
into a work folder, runs the pipeline over them, and prints precision and recall for people,
subsystems (all named ones, and the ones the article is about), relations (pairs, and by kind),
and the article facts. It also measures how many of LWN's own networking index entries over the
knowbase's networking articles come out as subsystems of those articles. With ``--holdout`` it scores
``dev/holdout/`` instead: articles labelled blind, to check at the end of a session what the dev set
cannot (how the rules do on text nobody tuned them to). With ``--agreement`` it also scores a second
reader's blind labels of the same articles against the labels, as a run is scored: how far two readers agree.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import config
from pipeline.evaluate import Score
from pipeline.knowledge import OUTSIDE_CATEGORY
from pipeline.knowledge.persons import strip_possessive
from pipeline.knowledge.taxonomy import fold, load_people, load_subsystems
from pipeline.terms import ACRONYM_PLURAL_RE

DEV_DIR = config.PROJECT_DIR / "dev"
DEV_IDS = DEV_DIR / "articles.txt"
DEV_GOLD = DEV_DIR / "gold"
JUDGED_LINKS = DEV_DIR / "links" / "judged.tsv"
JUDGED_KEYWORDS = DEV_DIR / "keywords" / "judged.tsv"
JUDGED_SUBJECTS = DEV_DIR / "keywords" / "subjects.tsv"  # two runs' top tens pooled, where title subjects moved them
JUDGED_OWN_NAMES = DEV_DIR / "keywords" / "own_names.tsv"  # the same, where names of their own moved them
JUDGED_COOCCURRENCES = DEV_DIR / "links" / "cooccurrence.tsv"
JUDGED_FEATURES = DEV_DIR / "links" / "features.tsv"
FEATURE_VERDICTS = ("part", "unlinked", "same", "vague")
JUDGED_PEOPLE = DEV_DIR / "people" / "judged.tsv"
JUDGED_MENTIONS = DEV_DIR / "mentions" / "judged.tsv"
PEOPLE_VERDICTS = ("person", "wrong_name", "not_person")
MENTION_VERDICTS = ("right", "other", "wrong", "unclear")
DROP_REASONS = ("passing", "near-duplicate", "generic", "name", "mangled", "wrong")
HOLDOUT_IDS = DEV_DIR / "holdout" / "articles.txt"  # labelled blind, for a check at the end of a session
HOLDOUT_GOLD = DEV_DIR / "holdout" / "gold"
AGREEMENT = DEV_DIR / "agreement"
HOLDOUT_AGREEMENT = DEV_DIR / "holdout" / "agreement"
# Set M: two readers' blind labels of who works on what in 20 networking articles outside every other set,
# scored with the whole-knowbase run (--judged); the first reader's stand as the labels.
PAIRS_FIRST = DEV_DIR / "pairs" / "first"
PAIRS_SECOND = DEV_DIR / "pairs" / "second"
# Set N: blind labels (one reader an article) of who works on what in 11 reports of single conference talks
# (LSFMM+BPF, Kernel Summit, KVM Forum, Cauldron) outside every other set, scored with the whole-knowbase run.
TALKS = DEV_DIR / "talks"
INDEX_TOPICS = DEV_DIR / "index_topics.tsv"
# Articles the project is judged on and must never be developed on; kept out of every development run.
RESERVED = frozenset({
    94565, 179305, 191652, 192767, 357464, 413036, 427104, 437981, 609571, 614348, 674943, 675056, 676806,
    708087, 720313, 722804, 745590, 748582, 754681, 800501, 801871, 828056, 830154, 870269, 914030,
    1017549, 1019885, 1076210,
})
NETWORKING_INDEX = ("Networking", "Device drivers/Network drivers", "Device drivers/Wireless networking", "BPF/Networking")
RELATION_KINDS = ("presented", "works_on", "maintains", "proposed")


def knowbase_articles(knowbase: Path) -> Path | None:
    """The folder of article files in a knowbase checkout (or the folder itself)."""
    for candidate in (knowbase / "LWN-ARTICLES" / "Kernel", knowbase / "Kernel", knowbase):
        if candidate.is_dir() and any(candidate.glob("*_*.md")):
            return candidate
    return None


def files_by_id(folder: Path) -> dict[int, Path]:
    found = {}
    for path in folder.glob("*_*.md"):
        head = path.name.split("_", 1)[0]
        if head.isdigit():
            found[int(head)] = path
    return found


def dev_ids(path: Path = DEV_IDS) -> list[int]:
    return [int(line.split()[0]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


# --- resolving labels to the taxonomy ------------------------------------------------------------

# A label with another name in parentheses: "busy polling (low-latency sockets)".
_GLOSSED_RE = re.compile(r"(.+?)\s*\(([^()]+)\)")


class Names:
    """Resolve a label's names to the pipeline's canonical people and subsystems."""

    def __init__(self, opts: config.Options):
        self.people = load_people(opts.people_file, opts.kernel_people_file)
        subsystems, terms = load_subsystems(opts.subsystems_file)
        self.exact: dict[str, str] = {}
        self.lower: dict[str, str] = {}
        for term in terms:
            if term.exact_case:
                self.exact[term.alias] = term.canonical
            else:
                self.lower[term.alias.lower()] = term.canonical
        for name in subsystems:
            self.lower.setdefault(name.lower(), name)
        self.outside = frozenset(name for name, sub in subsystems.items() if sub.category == OUTSIDE_CATEGORY)

    def person(self, name: str) -> str:
        key = " ".join(name.split())
        return self.people.get(key) or self.people.get(fold(key)) or key

    def subsystem(self, form: str) -> str | None:
        """The subsystem a label's form names: as written, in the singular, or with the head noun a reader
        leaves out ("networking" for the networking subsystem)."""
        form = " ".join(form.replace("`", "").split())
        for candidate in (form, form.rstrip("s") if form.endswith("s") and len(form) > 3 else None,
                          f"{form} subsystem"):
            if not candidate:
                continue
            found = self.exact.get(candidate) or self.lower.get(candidate.lower())
            if found:
                return found
        return None

    def subsystems(self, item: dict) -> frozenset[str]:
        """Every canonical subsystem a labelled item's forms name (empty when the taxonomy lacks it). A label
        with its other name in parentheses ("busy polling (low-latency sockets)", "RPC (SunRPC)") names what
        either does; a gloss listing several words ("stateless NAT, RFC 6296") is no name."""
        forms = [*item.get("forms", []), item["name"]]
        forms += [part for form in forms for match in [_GLOSSED_RE.fullmatch(form)] if match
                  for part in match.groups() if "," not in part]
        return frozenset(filter(None, (self.subsystem(f) for f in forms)))


def person_key(name: str) -> str:
    """A name as the scorer compares it: accents folded, case and middle initials ignored ("David P. Reed"
    and "David Reed" are one person)."""
    words = name.split()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]]
    return fold(" ".join(words)).lower()


# --- scoring ---------------------------------------------------------------------------------------

@dataclass
class Found:
    people: set[str] = field(default_factory=set)
    subsystems: set[str] = field(default_factory=set)
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    # what the rows of a (person, subsystem, relation) call the thing linked, where more than the subsystem
    features: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    article: dict = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # a full name as the article writes it → its person

    def person(self, name: str, names: Names) -> str:
        """Whom a label's name stands for: the person the run took the article's name, written so, to be
        ("Kathie Nichols", whom another article calls Kathleen), else as the tables resolve it."""
        return self.written.get(person_key(name)) or names.person(name)


def read_found(out: Path) -> dict[int, Found]:
    found: dict[int, Found] = defaultdict(Found)
    for row in _rows(out / "articles.csv"):
        found[int(row["article_id"])].article = row
    for row in _rows(out / "person_mentions.csv"):
        article = found[int(row["article_id"])]
        article.people.add(row["person"])
        if " " in row["text"].strip():
            article.written.setdefault(person_key(strip_possessive(row["text"])), row["person"])
    for row in _rows(out / "subsystem_mentions.csv"):
        found[int(row["article_id"])].subsystems.add(row["subsystem"])
    for row in _rows(out / "person_subsystem.csv"):
        article, key = found[int(row["article_id"])], (row["person"], row["subsystem"], row.get("relation", ""))
        article.relations.add(key)
        if row.get("feature"):
            article.features[key].add(row["feature"])
    return found


def _labels(folder: Path) -> list[dict]:
    """The label files of a folder, in order of their names."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def score_items(gold: list[frozenset], found: set, label: str, also: dict | None = None) -> Score:
    """A gold item is found when any of its keys is; a found key is right when some gold item has it, or has
    one of the keys ``also`` gives it (a link to BPF whose rows call it "BPF static keys" is a link to what a
    reader calls so, where the taxonomy cannot name it)."""
    score = Score()
    also = also or {}
    known = set().union(*gold) if gold else set()
    reached = found | {key for keys in also.values() for key in keys}
    for keys in gold:
        if keys & reached:
            score.tp += 1
        else:
            score.fn += 1
            score.errors.append(f"{label}: missing {' / '.join(sorted(map(str, keys))) or '(not in the taxonomy)'}")
    for key in sorted(found, key=str):
        if key not in known and not also.get(key, set()) & known:
            score.fp += 1
            score.errors.append(f"{label}: unexpected {key}")
    return score


def _folded_name(text: str) -> str:
    """A feature's name as a label and a row are compared: case, backquotes, hyphens and plural -s ignored."""
    words = text.replace("`", "").replace("-", " ").lower().split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def _feature_keys(unnamed: dict[str, set[str]], found: Found) -> tuple[dict, dict]:
    """For each pair (and each pair with its kind) the run links, the keys of the unnamed labelled subsystems
    ("?labeled NFS", with their folded name and forms in ``unnamed``) that its rows' features give."""
    pairs: dict = defaultdict(set)
    kinds: dict = defaultdict(set)
    for (p, s, k), features in found.features.items():
        folded = {_folded_name(f) for f in features}
        person = person_key(p)
        for key in (key for key, forms in unnamed.items() if folded & forms):
            pairs[(person, s)].add((person, key))
            kinds[(person, s, k)].add((person, key, k))
    return pairs, kinds


def score_article(gold: dict, found: Found, names: Names) -> dict[str, Score]:
    """Scores of one labelled article."""
    scores: dict[str, Score] = {}
    people = [frozenset({person_key(found.person(p, names))}) for p in gold.get("people", [])]
    scores["people"] = score_items(people, {person_key(p) for p in found.people}, "person")

    by_name = {}
    for item in gold.get("subsystems", []):
        keys = names.subsystems(item)
        by_name[item["name"]] = keys or frozenset({f"?{item['name']}"})
    all_items = list(by_name.values())
    scores["subsystems"] = score_items(all_items, found.subsystems, "subsystem")
    central = [by_name[i["name"]] for i in gold.get("subsystems", []) if i.get("central")]
    recall_only = score_items(central, found.subsystems, "central subsystem")
    recall_only.fp, recall_only.errors = 0, [e for e in recall_only.errors if "missing" in e]
    scores["central_subsystems"] = recall_only

    pairs: dict[tuple[str, frozenset], set[str]] = defaultdict(set)
    for rel in gold.get("relations", []):
        person = person_key(found.person(rel["person"], names))
        pairs[(person, by_name.get(rel["subsystem"], frozenset({f"?{rel['subsystem']}"})))].add(rel["relation"])
    gold_pairs = [frozenset((p, s) for s in subs) for p, subs in pairs]
    found_pairs = {(person_key(p), s) for p, s, _ in found.relations}
    items = {item["name"]: item for item in gold.get("subsystems", [])}
    unnamed = {f"?{name}": {_folded_name(f) for f in [name, *items.get(name, {}).get("forms", [])]}
               for name in {rel["subsystem"] for rel in gold.get("relations", [])}
               if by_name.get(name, frozenset({f"?{name}"})) == {f"?{name}"}}
    also_pair, also_kind = _feature_keys(unnamed, found)
    scores["relations"] = score_items(gold_pairs, found_pairs, "relation", also_pair)
    # as labels written for networking alone count: no link to a facility outside it on either side (nor one
    # whose feature names what a label calls so)
    scores["networking relations"] = score_items(
        [keys for keys in gold_pairs if {s for _, s in keys} - names.outside],
        {(p, s) for p, s in found_pairs if s not in names.outside}, "networking relation",
        {pair: keys for pair, keys in also_pair.items() if pair[1] not in names.outside})
    for kind in RELATION_KINDS:
        gold_kind = [frozenset((p, s, kind) for s in subs) for (p, subs), kinds in pairs.items() if kind in kinds]
        found_kind = {(person_key(p), s, k) for p, s, k in found.relations if k == kind}
        scores[f"relations:{kind}"] = score_items(gold_kind, found_kind, f"relation {kind}", also_kind)
    return scores


def score_facts(gold: dict, found: Found) -> dict[str, bool]:
    article = found.article
    return {
        "event": (article.get("event") or "") == gold.get("event", ""),
        "author": (article.get("author") or "") == gold.get("author", ""),
        "published": (article.get("published") or "") == gold.get("published", ""),
    }


def keyword_topic_coverage(out: Path, names: Names, ids: set[int], top: int = 15) -> tuple[int, int, list[str]]:
    """How many of LWN's own index entries of the articles (the specific ones: two levels, releases and
    meeting entries aside) the top keywords cover: a keyword contains the entry's last level or the other way
    round, or both name the same subsystem."""
    keywords: dict[int, list[str]] = defaultdict(list)
    for row in _rows(out / "keywords.csv"):
        if int(row["rank"]) <= top:
            keywords[int(row["article_id"])].append(row["keyword"].lower().replace("_", " "))
    covered = total = 0
    misses = []
    for row in _rows(out / "article_topics.csv"):
        article_id, topic = int(row["article_id"]), row["topic"]
        if article_id not in ids or row["index_name"] != "Kernel" or "/" not in topic \
                or topic.startswith(("Releases/", "Networking/Networking summits")):
            continue
        leaf = topic.split("/", 1)[1].lower()
        leaf_subsystem = names.subsystem(leaf)
        total += 1
        if any(leaf in k or k in leaf or (leaf_subsystem and names.subsystem(k) == leaf_subsystem)
               for k in keywords[article_id]):
            covered += 1
        else:
            misses.append(f"    {article_id} {topic}")
    return covered, total, misses


def index_topic_subsystems(path: Path = INDEX_TOPICS) -> dict[str, list[str]]:
    """LWN networking index entries → the subsystem names they stand for ('-' for none)."""
    mapping = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        topic, _, subsystems = line.partition("\t")
        mapping[topic.strip()] = [s.strip() for s in subsystems.split("|") if s.strip() and s.strip() != "-"]
    return mapping


def networking_topics(topics: list[tuple[str, str]]) -> list[str]:
    return [t for i, t in topics if i == "Kernel" and any(t == n or t.startswith(n + "/") for n in NETWORKING_INDEX)]


# --- running ---------------------------------------------------------------------------------------

def stage(files: list[Path], raw: Path) -> None:
    """Copy the chosen articles into ``raw``, removing any other file there (so the run is exactly them)."""
    raw.mkdir(parents=True, exist_ok=True)
    wanted = {p.name for p in files}
    for path in raw.iterdir():
        if path.is_file() and path.name not in wanted:
            path.unlink()
    for path in files:
        target = raw / path.name
        if not target.is_file() or target.stat().st_size != path.stat().st_size:
            shutil.copyfile(path, target)


def run_pipeline(raw: Path, out: Path, jobs: int) -> None:
    from pipeline import package

    package.build(config.Options(raw=raw, out=out, jobs=jobs))


def _line(name: str, s: Score, width: int = 24) -> str:
    return f"{name:<{width}} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:4d} {s.fn:4d}"


def report_dev(gold_files: list[dict], found: dict[int, Found], names: Names, verbose: bool,
               label: str = "dev") -> list[str]:
    totals: dict[str, Score] = defaultdict(Score)
    facts = defaultdict(int)
    lines, details = [], []
    for gold in gold_files:
        article_id = gold["article_id"]
        got = found.get(article_id, Found())
        scores = score_article(gold, got, names)
        for name, s in scores.items():
            totals[name].count(s)
        for fact, ok in score_facts(gold, got).items():
            facts[fact] += ok
            if not ok:
                details.append(f"    {fact}: expected {gold.get(fact, '')!r}, got {got.article.get(fact, '')!r}")
        if verbose:
            details.insert(len(details), f"article {article_id}: " + "  ".join(
                f"{n} P={scores[n].precision:.2f} R={scores[n].recall:.2f}" for n in ("people", "subsystems", "relations")))
            details += [f"    {e}" for n in ("people", "subsystems", "relations") for e in scores[n].errors]
    lines.append(f"{label} set: {len(gold_files)} labelled real articles")
    lines.append(f"{'table':<24} {'precision':>9} {'recall':>7} {'f1':>6}    tp   fp   fn")
    for name in ("people", "subsystems", "central_subsystems", "relations", *(f"relations:{k}" for k in RELATION_KINDS),
                 "networking relations"):
        lines.append(_line(name, totals[name]))
    lines.append("facts right: " + ", ".join(f"{k} {v}/{len(gold_files)}" for k, v in facts.items()))
    return lines + details


def _keyed(labels: dict, names: Names) -> list[tuple[dict, frozenset[str]]]:
    """Each labelled relation with the subsystem keys it is scored by: every taxonomy name its item's forms
    resolve to, else the item's own name after "?"."""
    items = {item["name"]: item for item in labels.get("subsystems", [])}
    keyed = []
    for rel in labels.get("relations", []):
        item = items.get(rel["subsystem"], {"name": rel["subsystem"]})
        keyed.append((rel, names.subsystems(item) or frozenset({f"?{item['name']}"})))
    return keyed


def labels_as_found(labels: dict, names: Names) -> Found:
    """A reader's relation labels in the form of a run's output, so that one reader is scored against another
    the way a run is: each labelled subsystem as every taxonomy name its forms resolve to, else as itself."""
    found = Found()
    for rel, keys in _keyed(labels, names):
        found.relations |= {(rel["person"], key, rel["relation"]) for key in keys}
    return found


def nameable(labels: dict, names: Names) -> dict:
    """The labels without the relations to something the taxonomy cannot name: all that a run can find."""
    kept = [rel for rel, keys in _keyed(labels, names) if not any(key.startswith("?") for key in keys)]
    return {**labels, "relations": kept}


def pooled(gold: dict, second: dict, names: Names) -> tuple[dict, dict]:
    """Two readers' labels of one article pooled: the relations either reader has (what a run may rightly
    find; the second reader's only where the first has not the pair), and the first reader's that the second
    has too (what no careful reader would miss)."""
    def pairs(labels: dict) -> list[tuple[dict, set[tuple[str, str]]]]:
        return [(rel, {(person_key(names.person(rel["person"])), key) for key in keys})
                for rel, keys in _keyed(labels, names)]

    ours, theirs = pairs(gold), pairs(second)
    ours_keys = set().union(*(keys for _, keys in ours))
    theirs_keys = set().union(*(keys for _, keys in theirs))
    extra = [rel for rel, keys in theirs if not keys & ours_keys]
    renamed = [{**item, "name": f"second reader: {item['name']}"} for item in second.get("subsystems", [])]
    either = {**gold, "subsystems": gold.get("subsystems", []) + renamed,
              "relations": gold.get("relations", []) + [
                  {**rel, "subsystem": f"second reader: {rel['subsystem']}"} for rel in extra]}
    both = {**gold, "relations": [rel for rel, keys in ours if keys & theirs_keys]}
    return either, both


def agreement_report(second: list[dict], gold_files: list[dict], found: dict[int, Found] | None,
                     names: Names, label: str = "dev") -> list[str]:
    """How far a second reader, labelling blind, agrees with the labels of a set on who works on what, scored
    as a run is (the labels as truth); beside it, the run in ``found`` on the same articles: what two careful
    readers reach against each other, next to the bar of issue 12. Also on the relations the taxonomy can name,
    which is all a run can find, and against the first labels alone (without those added after pooling with a
    run's output); and the run against both readers pooled (``pooled``): right where either reader has the pair,
    and how many of the pairs both have it finds. Aggregates only: nothing of a held-out article's labels is
    shown."""
    by_id = {g["article_id"]: g for g in gold_files}
    pairs = [(by_id[s["article_id"]], s) for s in second if s["article_id"] in by_id]
    if not pairs:
        return [f"agreement: no second reader's labels of {label} articles"]
    first = [({**g, "relations": [r for r in g.get("relations", []) if not r.get("adjudicated")]}, s)
             for g, s in pairs]
    views = [("all relations", pairs), ("first labels", first),
             ("nameable", [(nameable(g, names), nameable(s, names)) for g, s in pairs])]
    lines = [f"agreement: a second reader on {len(pairs)} {label} articles, against the {label} labels"]
    lines.append(f"{'':<40} {'precision':>9} {'recall':>7} {'f1':>6}    tp   fp   fn")
    kinds = [("relations", "")] + [(f"relations:{k}", f", {k}") for k in RELATION_KINDS]
    for view_label, view in views:
        for who, get in (("second reader", lambda g, s: labels_as_found(s, names)),
                         ("run", lambda g, s: (found or {}).get(g["article_id"], Found()))):
            if who == "run" and found is None:
                continue
            totals: dict[str, Score] = defaultdict(Score)
            for g, s in view:
                for measure, score in score_article(g, get(g, s), names).items():
                    totals[measure].count(score)
            # by kind on all relations only: the other views differ from it in which pairs they keep, not how
            for measure, suffix in kinds if view is pairs else kinds[:1]:
                lines.append(_line(f"{view_label}{suffix}: {who}", totals[measure], 40))
    if found is not None:
        # the two readers pooled: the run's precision against what either has, its recall of what both have
        pools = [(g["article_id"], pooled(g, s, names)) for g, s in pairs]
        for pool_label, index in (("either reader: run", 0), ("both readers: run", 1)):
            total = Score()
            for article_id, pool in pools:
                total.count(score_article(pool[index], found.get(article_id, Found()), names)["relations"])
            lines.append(_line(pool_label, total, 40))
    return lines


def talks_report(gold_files: list[dict], found: dict[int, Found], names: Names, verbose: bool = False,
                 label: str = "set N") -> list[str]:
    """Who works on what in a labelled set whose labels hold relations only (no people, facts or every
    subsystem): the run's links against them, in all, by kind and on the relations the taxonomy can name, with
    how many labelled pairs it cannot name (a reader names a feature: "BPF static keys", "labeled NFS")."""
    totals: dict[str, Score] = defaultdict(Score)
    named, details = Score(), []
    for gold in gold_files:
        got = found.get(gold["article_id"], Found())
        scores = score_article(gold, got, names)
        for measure in ("relations", *(f"relations:{k}" for k in RELATION_KINDS)):
            totals[measure].count(scores[measure])
        named.count(score_article(nameable(gold, names), got, names)["relations"])
        if verbose:
            details += [f"article {gold['article_id']}:"] + [f"    {e}" for e in scores["relations"].errors]
    unnamed = totals["relations"].tp + totals["relations"].fn - named.tp - named.fn
    lines = [f"{label}: {len(gold_files)} labelled articles; {unnamed} of the "
             f"{totals['relations'].tp + totals['relations'].fn} labelled pairs name what the taxonomy cannot",
             f"{'':<32} {'precision':>9} {'recall':>7} {'f1':>6}    tp   fp   fn"]
    lines += [_line(f"{label} {measure}", totals[measure], 32) for measure in totals]
    return lines + [_line(f"{label} nameable", named, 32)] + details


def report_topics(folder: Path, out: Path, mapping: dict[str, list[str]], names: Names) -> list[str]:
    """Recall of LWN's networking index entries (those that stand for a subsystem) as subsystem mentions."""
    topics: dict[int, list[str]] = defaultdict(list)
    for row in _rows(out / "article_topics.csv"):
        topics[int(row["article_id"])].append(row["topic"])
    found = read_found(out)
    score, unmapped, misses = Score(), set(), []
    for article_id, entries in sorted(topics.items()):
        for topic in networking_topics([("Kernel", t) for t in entries]):
            if topic not in mapping:
                unmapped.add(topic)
                continue
            wanted = frozenset(filter(None, (names.subsystem(s) for s in mapping[topic]))) or (
                frozenset({f"?{mapping[topic][0]}"}) if mapping[topic] else frozenset())
            if not wanted:
                continue
            if wanted & found[article_id].subsystems:
                score.tp += 1
            else:
                score.fn += 1
                misses.append(f"    {article_id} {topic}")
    lines = [f"LWN index topics: {score.tp + score.fn} networking index entries that name a subsystem over "
             f"{len(topics)} networking articles; recall {score.recall:.3f} ({score.tp} found)"]
    if unmapped:
        lines.append(f"    index entries without a mapping in {INDEX_TOPICS.name}: {', '.join(sorted(unmapped))}")
    return lines + misses


def judged_links_report(out: Path, judged_path: Path | None = None) -> list[str]:
    """Precision over the links of a whole-knowbase run in ``out`` that readers judged (dev/links/judged.tsv):
    of the judged links the run still makes, how many the readers found stated (right, or the pair right
    with another kind), in all, by kind, by how far the person's mention is from the subsystem's and by
    sample. Links the run makes that nobody judged are counted, not scored."""
    rows = _judged_rows(judged_path or JUDGED_LINKS)
    judged = {(int(r["article_id"]), r["person"], r["subsystem"], r["relation"]): r["verdict"] for r in rows}
    sample = {(int(r["article_id"]), r["person"], r["subsystem"], r["relation"]): r["sample"] for r in rows}
    spans: dict[tuple, int] = {}
    with open(out / "person_subsystem.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            link = (int(r["article_id"]), r["person"], r["subsystem"], r["relation"])
            spans[link] = min(spans.get(link, len(SPANS) - 1), _span(r))
    counts = defaultdict(int)
    for link, verdict in judged.items():
        counts[(verdict, link in spans)] += 1
    kept = sum(n for (_, present), n in counts.items() if present)
    right, kind, wrong = (counts[(v, True)] for v in ("right", "kind", "wrong"))
    lines = [f"judged links: {len(judged)} judged, {kept} still made: right {right}, kind {kind}, wrong {wrong}; "
             f"precision {_share(right + kind, kept)} (pair), {_share(right, kept)} (pair and kind)",
             f"no longer made: {counts[('wrong', False)]} judged wrong, {counts[('right', False)] + counts[('kind', False)]}"
             f" judged right; links made that nobody judged: {len({l for l in spans if l[0] not in RESERVED} - set(judged))}"]
    made = [(link, verdict) for link, verdict in judged.items() if link in spans]
    groups = [(k, [v for link, v in made if link[3] == k]) for k in RELATION_KINDS]
    groups += [(s, [v for link, v in made if spans[link] == i]) for i, s in enumerate(SPANS)]
    # each sample apart: the latest is the one whose verdicts nobody has yet tuned the rules to
    groups += [(f"sample {s}", [v for link, v in made if sample[link] == s]) for s in sorted(set(sample.values()))]
    for label, group in groups:
        if group:
            lines.append(f"  {label}: {len(group)} still made, precision "
                         f"{_share(len(group) - group.count('wrong'), len(group))} (pair), "
                         f"{_share(group.count('right'), len(group))} (pair and kind)")
    return lines


def cooccurrence_report(out: Path, judged_path: Path | None = None) -> list[str]:
    """Recall where a person and a networking subsystem share a sentence: of the co-occurrences a past run
    left unlinked and readers judged (dev/links/cooccurrence.tsv), how many of those that state a relation
    the run in ``out`` now links, and how many of those that do not; the same, apart, for facilities outside
    networking."""
    judged = _judged_rows(judged_path or JUDGED_COOCCURRENCES)
    rows = [r for r in judged if r["category"] != OUTSIDE_CATEGORY]
    with open(out / "person_subsystem.csv", newline="", encoding="utf-8") as handle:
        linked = {(int(r["article_id"]), r["person"], r["subsystem"]) for r in csv.DictReader(handle)}
    def counts(rows: list[dict]) -> tuple[int, int, int, int]:
        stated = sum(r["verdict"] == "yes" for r in rows)
        found = [r for r in rows if (int(r["article_id"]), r["person"], r["subsystem"]) in linked]
        found_stated = sum(r["verdict"] == "yes" for r in found)
        return len(rows), stated, found_stated, len(found) - found_stated

    total, stated, found, wrong = counts(rows)
    lines = [f"unlinked co-occurrences judged: {total} with a networking subsystem, {stated} state a relation "
             f"({_share(stated, total)}); this run links {found} of those and {wrong} of the {total - stated} that do not"]
    samples = sorted({r["sample"] for r in rows})
    for sample in samples if len(samples) > 1 else []:
        total, stated, found, wrong = counts([r for r in rows if r["sample"] == sample])
        lines.append(f"  sample {sample}: {total} judged, {stated} state a relation; links {found} of those and "
                     f"{wrong} of the {total - stated} others")
    total, stated, found, wrong = counts([r for r in judged if r["category"] == OUTSIDE_CATEGORY])
    if total:
        lines.append(f"  with a facility outside networking: {total} judged, {stated} state a relation; links {found} "
                     f"of those and {wrong} of the {total - stated} others")
    return lines


def features_report(out: Path, judged_path: Path | None = None) -> list[str]:
    """Precision of the features of a whole-knowbase run's links in ``out`` that a reader judged
    (dev/links/features.tsv): of the judged (article, person, subsystem, feature) the run still gives, how many
    name a part or a kind of the subsystem that the evidence links the person to. Features nobody judged are
    counted, not scored."""
    rows = _judged_rows(judged_path or JUDGED_FEATURES)
    judged = {(int(r["article_id"]), r["person"], r["subsystem"], r["feature"]): r["verdict"] for r in rows}
    with open(out / "person_subsystem.csv", newline="", encoding="utf-8") as handle:
        given = {(int(r["article_id"]), r["person"], r["subsystem"], r["feature"]) for r in csv.DictReader(handle)
                 if r.get("feature")}
    kept = Counter(verdict for key, verdict in judged.items() if key in given)
    total = sum(kept.values())
    open_ones = {key for key in given if key[0] not in RESERVED}
    return [f"judged features: {len(judged)} judged, {total} still given: "
            + ", ".join(f"{v} {kept[v]}" for v in FEATURE_VERDICTS)
            + f"; precision {_share(kept['part'], total)}; given in all {len(open_ones)},"
            f" {len(open_ones - set(judged))} that nobody judged"]


SPANS = ("same sentence", "same paragraph", "another paragraph")


def _span(row: dict) -> int:
    """How far a link's person is from its subsystem: 0 in the same sentence, 1 in the same paragraph, 2 in
    another paragraph (a talk or a piece of work carried on)."""
    if row["person_paragraph"] not in ("", row["paragraph"]):
        return 2
    return 0 if row["person_sentence"] in ("", row["sentence"]) else 1


def _share(part: int, whole: int) -> str:
    """``part`` as a share of ``whole``, to three places."""
    return f"{part / whole:.3f}" if whole else "n/a"


def _judged_rows(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def judged_people_report(out: Path, judged_path: Path | None = None) -> list[str]:
    """How many rows of people.csv that readers judged (dev/people/judged.tsv: a random sample of a
    whole-knowbase run's people) are a person under a right name, of those the run still lists."""
    judged = {r["person"]: r["verdict"] for r in _judged_rows(judged_path or JUDGED_PEOPLE)}
    listed = {r["person"] for r in _rows(out / "people.csv")}
    counts = Counter(verdict for person, verdict in judged.items() if person in listed)
    kept = sum(counts.values())
    return [f"judged people: {len(judged)} judged, {kept} still listed: "
            + ", ".join(f"{v} {counts[v]}" for v in PEOPLE_VERDICTS)
            + f"; a person under a right name {_share(counts['person'], kept)}"]


def judged_mentions_report(out: Path, judged_path: Path | None = None) -> list[str]:
    """How many rows of subsystem_mentions.csv that a reader judged (dev/mentions/judged.tsv: a random sample of
    a whole-knowbase run's mentions) refer to the subsystem they claim, of those the run still makes."""
    judged = {(int(r["article_id"]), int(r["paragraph"]), int(r["start"]), r["subsystem"]): r["verdict"]
              for r in _judged_rows(judged_path or JUDGED_MENTIONS)}
    made = {(int(r["article_id"]), int(r["paragraph"]), int(r["start"]), r["subsystem"])
            for r in _rows(out / "subsystem_mentions.csv")}
    counts = Counter(verdict for key, verdict in judged.items() if key in made)
    kept = sum(counts.values())
    return [f"judged subsystem mentions: {len(judged)} judged, {kept} still made: "
            + ", ".join(f"{v} {counts[v]}" for v in MENTION_VERDICTS)
            + f"; precision {_share(counts['right'], kept)}"]


def judged_keywords_report(out: Path, judged_path: Path | None = None, top: int = 10,
                           per_article: bool = False, label: str = "judged keywords") -> list[str]:
    """How many of the top ``top`` keywords of the articles readers judged (dev/keywords/judged.tsv) they
    would keep, from a whole-knowbase run in ``out``: the share over the judged rows, the drops by reason,
    and the rows nobody judged (counted, not scored); then the same for each sample whose articles no other
    sample judged (a fresh draw: what the lists are worth on articles nobody tuned them to); with
    ``per_article``, one line per article. A verdict holds for the phrase however it is capitalised
    ("asynchronous i/o" judged, "asynchronous I/O" listed), hyphenated, open or closed, and with its last word
    plural or singular ("VMAs" judged, "VMA" listed)."""
    judged, by_singular = {}, {}
    samples: dict[int, set[str]] = defaultdict(set)
    for r in _judged_rows(judged_path or JUDGED_KEYWORDS):
        verdict = (r["verdict"], r["reason"])
        article_id = int(r["article_id"])
        judged[(article_id, r["keyword"])] = judged[(article_id, r["keyword"].lower())] = verdict
        if not r["reason"].startswith("mangled"):  # "netoop" is mangled, not "netoops"
            by_singular.setdefault((article_id, _singular(r["keyword"])), verdict)
        samples[article_id].add(r["sample"])
    articles = set(samples)
    lists: dict[int, list[str]] = defaultdict(list)
    with open(out / "keywords.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            if int(r["article_id"]) in articles and int(r["rank"]) <= top:
                lists[int(r["article_id"])].append(r["keyword"])
    counts: dict[int, tuple[int, list[str], int]] = {}
    lines = []
    for article_id in sorted(articles):
        verdicts = [judged.get((article_id, k), judged.get((article_id, k.lower()),
                                                           by_singular.get((article_id, _singular(k)))))
                    for k in lists[article_id]]
        drops = [next((r for r in DROP_REASONS if reason.lower().startswith(r)), "other")
                 for verdict, reason in filter(None, verdicts) if verdict != "keep"]
        keep = sum(1 for v in verdicts if v and v[0] == "keep")
        counts[article_id] = (keep, drops, verdicts.count(None))
        if per_article:
            lines.append(f"    {article_id}: would keep {keep} of its top {len(verdicts)}"
                         + (f" ({verdicts.count(None)} not judged)" if None in verdicts else ""))
    own = sorted({s for a in articles for s in samples[a]
                  if all(samples[b] == {s} for b in articles if s in samples[b])})
    summary = [f"{label}: {_keyword_line(sorted(articles), counts, lists, top)}"]
    summary += [f"  sample {s}, articles of its own: "
                f"{_keyword_line([a for a in sorted(articles) if samples[a] == {s}], counts, lists, top)}"
                for s in own if len(own) < len({x for a in articles for x in samples[a]})]
    return summary + lines


def _singular(phrase: str) -> str:
    """A phrase in lower case, its words run together, with its last word's plural "s" taken off: "VMAs" and
    "VMA", "VMs" and "VM", "user-space APIs" and "user space API" are judged as one (not "-es" or "-ies")."""
    last = phrase.rsplit(" ", 1)[-1]
    phrase = phrase[:-1] if last.endswith("s") and (len(last) > 3 or ACRONYM_PLURAL_RE.fullmatch(last)) else phrase
    return phrase.lower().replace("-", "").replace(" ", "")


def _keyword_line(articles: list[int], counts: dict, lists: dict, top: int) -> str:
    """The judged-keyword figures of some articles, in one line."""
    kept = sum(counts[a][0] for a in articles)
    reasons: dict[str, int] = defaultdict(int)
    for a in articles:
        for reason in counts[a][1]:
            reasons[reason] += 1
    rows = kept + sum(reasons.values())
    listed = sum(len(lists[a]) for a in articles)
    by_reason = ", ".join(f"{r} {reasons[r]}" for r in (*DROP_REASONS, "other") if reasons[r])
    return (f"{len(articles)} articles, top {top}s of {listed / len(articles):.2f} phrases on average: "
            f"readers keep {kept} of {rows} judged ({_share(kept, rows)}); dropped: {by_reason}; "
            f"not judged: {sum(counts[a][2] for a in articles)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.realeval", description=__doc__.split("\n")[0])
    parser.add_argument("--knowbase", default="", help="a checkout of HAOYZ886/LWN-Kernel-Knowbase (or its Kernel folder)")
    parser.add_argument("--work", default=str(config.PROJECT_DIR / "build" / "eval-real"), help="work folder")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="per-article errors")
    parser.add_argument("--no-topics", action="store_true", help="skip the run over all networking articles")
    parser.add_argument("--holdout", action="store_true",
                        help="score the held-out articles (dev/holdout/) instead of the dev set; never tune to them")
    parser.add_argument("--judged", action="store_true",
                        help="instead, run over the whole knowbase (but the reserved articles) and score its links "
                             "against the readers' verdicts in dev/links/judged.tsv, its keywords against "
                             "dev/keywords/judged.tsv, its people against dev/people/judged.tsv, and its links of "
                             "set M against two readers' labels (dev/pairs/), and its links of set N "
                             "against one reader's an article (dev/talks/)")
    parser.add_argument("--agreement", action="store_true",
                        help="also score a second reader's labels (dev/agreement/, or dev/holdout/agreement/ with "
                             "--holdout) against the set's labels, beside the run on the same articles (without a "
                             "knowbase, the second reader alone)")
    args = parser.parse_args(argv)
    folder = knowbase_articles(Path(args.knowbase)) if args.knowbase else None
    if folder is None:
        if args.agreement:  # labels only: no knowbase needed
            second, gold_dir, name = (HOLDOUT_AGREEMENT, HOLDOUT_GOLD, "holdout") if args.holdout else (
                AGREEMENT, DEV_GOLD, "dev")
            print("\n".join(agreement_report(_labels(second), _labels(gold_dir), None, Names(config.Options()), name)))
        print("eval-real: skipped, no knowbase given or found (make eval-real KNOWBASE=<checkout of "
              "HAOYZ886/LWN-Kernel-Knowbase>)")
        return 0
    work = Path(args.work)
    available = files_by_id(folder)
    if args.judged:
        stage([path for article_id, path in sorted(available.items()) if article_id not in RESERVED], work / "all" / "raw")
        run_pipeline(work / "all" / "raw", work / "all" / "out", args.jobs)
        print("\n".join(judged_links_report(work / "all" / "out")))
        print("\n".join(cooccurrence_report(work / "all" / "out")))
        print("\n".join(features_report(work / "all" / "out")))
        print("\n".join(judged_keywords_report(work / "all" / "out", per_article=args.verbose)))
        print("\n".join(judged_keywords_report(work / "all" / "out", JUDGED_SUBJECTS, per_article=args.verbose,
                                                label="judged keywords where the title names a subject (K40)")))
        print("\n".join(judged_keywords_report(work / "all" / "out", JUDGED_OWN_NAMES, per_article=args.verbose,
                                                label="judged keywords of paired checks (K43 to K71)")))
        print("\n".join(judged_people_report(work / "all" / "out")))
        print("\n".join(judged_mentions_report(work / "all" / "out")))
        print("\n".join(agreement_report(_labels(PAIRS_SECOND), _labels(PAIRS_FIRST), read_found(work / "all" / "out"),
                                         Names(config.Options()), "set M")))
        print("\n".join(talks_report(_labels(TALKS), read_found(work / "all" / "out"), Names(config.Options()),
                                      args.verbose)))
        return 0
    ids_file, gold_dir, second, name = (HOLDOUT_IDS, HOLDOUT_GOLD, HOLDOUT_AGREEMENT, "holdout") if args.holdout \
        else (DEV_IDS, DEV_GOLD, AGREEMENT, "dev")
    ids = dev_ids(ids_file)
    reserved = sorted(set(ids) & RESERVED)
    if reserved:
        sys.exit(f"eval-real: {ids_file.name} lists articles reserved for independent evaluation: {reserved}")
    missing = [i for i in ids if i not in available]
    stage([available[i] for i in ids if i in available], work / name / "raw")
    run_pipeline(work / name / "raw", work / name / "out", args.jobs)
    names = Names(config.Options())
    gold = [g for g in _labels(gold_dir) if g["article_id"] in available]
    lines = report_dev(gold, read_found(work / name / "out"), names, args.verbose, name)
    if args.agreement:  # aggregates only, so that the held-out labels are never read through it
        lines += agreement_report(_labels(second), gold, read_found(work / name / "out"), names, name)
    covered, total, misses = keyword_topic_coverage(work / name / "out", names, {g["article_id"] for g in gold})
    lines.append(f"keywords: the top 15 cover {covered} of {total} of LWN's specific index entries of these "
                 f"articles ({covered / total if total else 0:.3f})")
    if args.verbose:
        lines += misses
    if missing:
        lines.append(f"not in the knowbase: {missing}")
    if not args.no_topics:
        from pipeline.sources.knowbase import split_front_matter, read_front_matter
        from pipeline.sources.topics import topics_from_category

        networking = []
        for article_id, path in sorted(available.items()):
            if article_id in RESERVED:
                continue
            try:
                meta = read_front_matter(split_front_matter(path.read_text(encoding="utf-8"))[0])
            except Exception:  # noqa: BLE001 - a file the reader refuses is not a networking article here
                continue
            if networking_topics(topics_from_category(meta.get("category"))):
                networking.append(path)
        stage(networking, work / "net" / "raw")
        run_pipeline(work / "net" / "raw", work / "net" / "out", args.jobs)
        lines += report_topics(folder, work / "net" / "out", index_topic_subsystems(), names)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
