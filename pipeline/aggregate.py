"""The corpus tables from per-article extraction results; pure.

Per-article results name people as each article resolved them; here the names of people no table
knows are grouped across the corpus (one spelling per person), the people table says who is in the
kernel's records, and the subsystems mentioned get their MAINTAINERS entry and its maintainers.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pipeline import schema
from pipeline.config import KEYWORDS_PER_ARTICLE
from pipeline.keywords import rank
from pipeline.knowledge import Knowledge
from pipeline.knowledge.persons import group_unknown, strip_possessive

TOP_UNKNOWN_TERMS = 10


def person_spellings(results: dict[int, dict], knowledge: Knowledge) -> dict[str, str]:
    """Each person name in the results → its one spelling in the tables."""
    counts: Counter = Counter(m[5] for r in results.values() for m in r["persons"])
    unknown = {name: n for name, n in counts.items() if name not in knowledge.persons.known}
    spelling = group_unknown(unknown, knowledge.persons.nicknames)
    return {name: spelling.get(name, name) for name in counts}


def aggregate(results: dict[int, dict], years: dict[int, int | None], knowledge: Knowledge,
              keyword_memo: dict | None = None) -> dict:
    """Every extraction table from the per-article results (``keyword_memo``: see keywords.rank)."""
    spelling = person_spellings(results, knowledge)
    person_rows, subsystem_rows, relation_rows, term_rows = [], [], [], []
    people_stats: dict[str, dict] = defaultdict(lambda: {"articles": set(), "n": 0})
    alias_counts: Counter = Counter()
    sub_stats: dict[str, dict] = defaultdict(lambda: {"articles": set(), "n": 0})
    per_article_phrases = {}

    for article_id, result in results.items():
        for p, s, start, end, text, person in result["persons"]:
            person = spelling[person]
            person_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "start": start,
                                "end": end, "text": text, "person": person})
            alias_counts[(person, strip_possessive(text))] += 1
        for person, n in Counter(spelling[m[5]] for m in result["persons"]).items():
            entry = people_stats[person]
            entry["articles"].add(article_id)
            entry["n"] += n
        for p, s, start, end, text, sub, category in result["subsystems"]:
            subsystem_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "start": start,
                                   "end": end, "text": text, "subsystem": sub, "category": category})
        for sub, n in Counter(m[5] for m in result["subsystems"]).items():
            entry = sub_stats[sub]
            entry["articles"].add(article_id)
            entry["n"] += n
        seen = set()
        for p, s, person, sub, kind, pp, ps, evidence in result["relations"]:
            person = spelling.get(person, person)
            if (p, s, person, sub, kind) in seen:
                continue
            seen.add((p, s, person, sub, kind))
            relation_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "person": person,
                                  "subsystem": sub, "relation": kind, "person_paragraph": pp,
                                  "person_sentence": ps, "evidence": evidence})
        for p, start, end, term, kind, definition, sub in result.get("terms", []):
            term_rows.append({"article_id": article_id, "paragraph": p, "start": start, "end": end, "term": term,
                              "kind": kind, "definition": definition or None, "subsystem": sub or None})
        per_article_phrases[article_id] = result["phrases"]

    def span_years(articles):
        ys = [years.get(a) for a in articles if years.get(a)]
        return (min(ys), max(ys)) if ys else (None, None)

    def by_year(stats):
        counts: dict = {}
        for (key, article_id), n in stats.items():
            year = years.get(article_id)
            if year:
                entry = counts.setdefault((key, year), [0, set()])
                entry[0] += n
                entry[1].add(article_id)
        return counts

    person_year = by_year(Counter((r["person"], r["article_id"]) for r in person_rows))
    subsystem_year = by_year(Counter((r["subsystem"], r["article_id"]) for r in subsystem_rows))

    people_rows = []
    for person, st in people_stats.items():
        first, last = span_years(st["articles"])
        people_rows.append({"person": person, "n_articles": len(st["articles"]), "n_mentions": st["n"],
                            "first_year": first, "last_year": last,
                            "in_kernel_records": person in knowledge.in_records})
    subsystems_rows, maintainer_rows = [], []
    for sub, st in sub_stats.items():
        first, last = span_years(st["articles"])
        meta = knowledge.subsystems[sub]
        subsystems_rows.append({"subsystem": sub, "category": meta.category, "n_articles": len(st["articles"]),
                                "n_mentions": st["n"], "first_year": first, "last_year": last,
                                "kernel_entry": meta.kernel_entry or None, "source": meta.source})
        for person, role in knowledge.maintainers.get(meta.kernel_entry, []) if meta.kernel_entry else []:
            maintainer_rows.append({"subsystem": sub, "person": person, "role": role, "kernel_entry": meta.kernel_entry})
    keyword_rows = [
        {"article_id": a, "rank": r, "keyword": k, "score": sc}
        for a, ranked in rank(per_article_phrases, top=KEYWORDS_PER_ARTICLE, memo=keyword_memo).items()
        for r, (k, sc) in enumerate(ranked, 1)
    ]
    unique_maintainers = {(r["subsystem"], r["person"], r["role"]): r for r in maintainer_rows}
    return {
        schema.PERSON_MENTIONS: person_rows,
        schema.PEOPLE: people_rows,
        schema.PERSON_ALIASES: [{"person": p, "alias": a, "n_mentions": n} for (p, a), n in alias_counts.items()],
        schema.SUBSYSTEM_MENTIONS: subsystem_rows,
        schema.SUBSYSTEMS: subsystems_rows,
        schema.MAINTAINERS: list(unique_maintainers.values()),
        schema.KEYWORDS: keyword_rows,
        schema.PERSON_SUBSYSTEM: relation_rows,
        schema.TERMS: term_rows,
        schema.PERSON_YEAR: [{"person": p, "year": y, "n_mentions": n, "n_articles": len(a)}
                             for (p, y), (n, a) in person_year.items()],
        schema.SUBSYSTEM_YEAR: [{"subsystem": s, "year": y, "n_mentions": n, "n_articles": len(a)}
                                for (s, y), (n, a) in subsystem_year.items()],
    }


def unknown_terms(term_rows: list[dict], top: int = TOP_UNKNOWN_TERMS) -> list[tuple[str, int]]:
    """The terms with no subsystem found in the most articles: candidates for the taxonomy."""
    articles: dict[str, set] = defaultdict(set)
    for row in term_rows:
        if not row["subsystem"] and row["kind"] != "config":
            articles[row["term"]].add(row["article_id"])
    ranked = sorted(articles.items(), key=lambda x: (-len(x[1]), x[0]))
    return [(term, len(ids)) for term, ids in ranked[:top] if len(ids) > 1]
