"""Evaluation: precision, recall and F1 of the extraction tables against hand-written gold files.

A gold file (tests/gold/*.json) describes one article: the people, subsystems and person ↔
subsystem relations it names (each [person, subsystem, [kinds the text states]]), keywords that must rank
and phrases that must not.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.tables import read_rows

TABLES = ("people", "subsystems", "relations", "keywords")
KINDS = ("presented", "works_on", "maintains", "proposed")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def count(self, other: "Score") -> None:
        """Add another score's counts to these (a total over articles; its errors stay with it)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def add(self, gold: set, found: set, label: str) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)
        self.errors += [f"{label}: unexpected {x}" for x in sorted(map(str, found - gold))]
        self.errors += [f"{label}: missing {x}" for x in sorted(map(str, gold - found))]


def load_gold(gold_dir: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) | {"_file": p.name} for p in sorted(Path(gold_dir).glob("*.json"))]


def extracted(out: Path) -> dict[int, dict[str, set]]:
    """Per article: the sets of people, subsystems, relations and keywords found in a table folder."""
    found: dict[int, dict[str, set]] = defaultdict(lambda: {t: set() for t in (*TABLES, "kinds")})
    for r in read_rows(out / "person_mentions.csv"):
        found[int(r["article_id"])]["people"].add(r["person"])
    for r in read_rows(out / "subsystem_mentions.csv"):
        found[int(r["article_id"])]["subsystems"].add(r["subsystem"])
    for r in read_rows(out / "person_subsystem.csv"):
        found[int(r["article_id"])]["relations"].add((r["person"], r["subsystem"]))
        found[int(r["article_id"])]["kinds"].add((r["person"], r["subsystem"], r.get("relation", "")))
    for r in read_rows(out / "keywords.csv"):
        found[int(r["article_id"])]["keywords"].add(r["keyword"])
    return found


def _named(text: str, knowledge) -> str | None:
    return knowledge.subsystem_named(text) or (text if text in knowledge.subsystems else None)


def keyword_found(expected: str, keywords: set[str], knowledge=None) -> bool:
    """An expected keyword is found inside a longer one ("feature flag" in "netdevice feature flag"), or as
    the subsystem it names ("receive packet steering" is the keyword "RPS")."""
    if any(f" {expected.lower()} " in f" {o.lower()} " for o in keywords):
        return True
    subsystem = _named(expected, knowledge) if knowledge is not None else None
    return subsystem is not None and any(_named(o, knowledge) == subsystem for o in keywords)


def evaluate(gold: list[dict], outs: list[Path]) -> tuple[dict[str, Score], dict[int, dict[str, Score]], list[str]]:
    """Micro-averaged scores per table (and per relation kind, "relations:presented", over the gold that gives
    kinds), scores per article, and gold articles not found in any folder."""
    found: dict[int, dict[str, set]] = {}
    for out in outs:
        if (out / "person_mentions.csv").is_file():
            found.update(extracted(out))
    from pipeline import config
    from pipeline.knowledge import Knowledge

    knowledge = Knowledge.load(config.Options())
    total = {t: Score() for t in TABLES} | {f"relations:{k}": Score() for k in KINDS}
    per_article: dict[int, dict[str, Score]] = {}
    missing = []
    for g in gold:
        article_id = g["article"]["article_id"]
        if article_id not in found:
            missing.append(f"{g['_file']} (article {article_id})")
            continue
        f = found[article_id]
        scores = {t: Score() for t in TABLES}
        scores["people"].add(set(g["people"]), f["people"], "person")
        scores["subsystems"].add(set(g["subsystems"]), f["subsystems"], "subsystem")
        scores["relations"].add({tuple(x[:2]) for x in g["relations"]}, f["relations"], "relation")
        if all(len(x) > 2 for x in g["relations"]):
            for kind in KINDS:
                total[f"relations:{kind}"].add({(p, s, kind) for p, s, kinds in g["relations"] if kind in kinds},
                                               {x for x in f["kinds"] if x[2] == kind}, f"relation {kind}")
        # Keywords: recall of the expected phrases; precision counts forbidden phrases as false positives.
        kw = scores["keywords"]
        expected, forbidden = set(g.get("keywords", [])), {k.lower() for k in g.get("keywords_not", [])}
        # an expected phrase counts as found inside a longer keyword ("feature flag" in "netdevice feature flag")
        hit = {k for k in expected if keyword_found(k, f["keywords"], knowledge)}
        kw.tp += len(hit)
        kw.fn += len(expected - hit)
        bad = {k for k in f["keywords"] if k.lower() in forbidden}
        kw.fp += len(bad)
        kw.errors += [f"keyword: missing {k}" for k in sorted(expected - hit)]
        kw.errors += [f"keyword: forbidden {k}" for k in sorted(bad)]
        per_article[article_id] = scores
        for t in TABLES:
            total[t].count(scores[t])
    return total, per_article, missing


def report(total, per_article, missing) -> str:
    lines = [f"{'table':<20} {'precision':>9} {'recall':>7} {'f1':>6}   tp  fp  fn"]
    for t, s in total.items():
        if t not in TABLES and not s.tp + s.fp + s.fn:
            continue
        lines.append(f"{t:<20} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:3d} {s.fn:3d}")
    for article_id, scores in sorted(per_article.items()):
        summary = "  ".join(f"{t} P={s.precision:.2f} R={s.recall:.2f}" for t, s in scores.items())
        lines.append(f"article {article_id}: {summary}")
        for s in scores.values():
            lines += [f"    {e}" for e in s.errors]
    lines += [f"not evaluated (article not in the tables): {m}" for m in missing]
    return "\n".join(lines)


def main(gold_dir: Path, *outs: Path) -> int:
    gold_dir = Path(gold_dir)
    if gold_dir.is_file():
        gold_dir = gold_dir.parent
    total, per_article, missing = evaluate(load_gold(gold_dir), [Path(o) for o in outs])
    print(report(total, per_article, missing))
    return 0
