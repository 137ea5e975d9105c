"""The corpus tables from per-article extraction results; pure.

Per-article results name people as each article resolved them; here the names of people no table
knows are grouped across the corpus (one spelling per person), the people table says who is in the
kernel's records, and the subsystems mentioned get their MAINTAINERS entry and its maintainers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from pipeline import schema
from pipeline.config import KEYWORDS_PER_ARTICLE
from pipeline.errors import PipelineError
from pipeline.keywords.ranking import Ranking, scoring
from pipeline.keywords.vocabulary import KIND_NOUNS
from pipeline.knowledge import Knowledge
from pipeline.knowledge.persons import group_unknown, strip_possessive
from pipeline.tables import Fragments, csv_field, csv_lines
from pipeline.terms import is_term

TOP_UNKNOWN_TERMS = 10


def name_counts(result: dict) -> dict[str, int]:
    """How often the article names each person, as it resolved them (in the order first named)."""
    return dict(Counter(m[5] for m in result["persons"]))


def person_spellings(counts: Mapping[str, int], knowledge: Knowledge) -> dict[str, str]:
    """Each person name (with its mentions in the corpus) → its one spelling in the tables."""
    unknown = {name: n for name, n in counts.items() if name not in knowledge.persons.known}
    spelling = group_unknown(unknown, knowledge.persons.nicknames, knowledge.persons.spellings)
    return {name: spelling.get(name, name) for name in counts}


def _names(result: dict) -> list[str]:
    return sorted({m[5] for m in result["persons"]} | {r[2] for r in result["relations"]})


def article_part(article_id: int, result: dict, spelling: dict[str, str]) -> dict:
    """One article's share of the corpus tables: its rows of the per-article tables, rendered as CSV
    lines, and the counts the corpus tables add up. Pure; it depends on the corpus only through how the
    article's people are spelt (``names`` and ``spelt`` say how), so an unchanged article's part is reused."""
    names = _names(result)
    spelling = {n: spelling.get(n, n) for n in names}
    person_rows, subsystem_rows, relation_rows, term_rows = [], [], [], []
    persons: Counter = Counter()
    aliases: Counter = Counter()
    for p, s, start, end, text, person in result["persons"]:
        person = spelling[person]
        person_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "start": start,
                            "end": end, "text": text, "person": person})
        persons[person] += 1
        aliases[(person, strip_possessive(text))] += 1
    subsystems: Counter = Counter()
    for p, s, start, end, text, sub, category in result["subsystems"]:
        subsystem_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "start": start,
                               "end": end, "text": text, "subsystem": sub, "category": category})
        subsystems[sub] += 1
    seen = set()
    for p, s, person, sub, kind, pp, ps, evidence, feature in result["relations"]:
        person = spelling.get(person, person)
        if (p, s, person, sub, kind) in seen:
            continue
        seen.add((p, s, person, sub, kind))
        relation_rows.append({"article_id": article_id, "paragraph": p, "sentence": s, "person": person,
                              "subsystem": sub, "relation": kind, "feature": feature or None, "person_paragraph": pp,
                              "person_sentence": ps, "evidence": evidence})
    for row in relation_rows:  # a guest author linked by their "I" is one of the article's people, unnamed
        persons.setdefault(row["person"], 0)
    for p, start, end, term, kind, definition, sub in result.get("terms", []):
        term_rows.append({"article_id": article_id, "paragraph": p, "start": start, "end": end, "term": term,
                          "kind": kind, "definition": definition or None, "subsystem": sub or None})
    rows = {schema.PERSON_MENTIONS: person_rows, schema.SUBSYSTEM_MENTIONS: subsystem_rows,
            schema.PERSON_SUBSYSTEM: relation_rows, schema.TERMS: term_rows}
    for table, table_rows in rows.items():
        keys = [tuple(r[k] for k in table.primary_key) for r in table_rows]
        if len(keys) != len(set(keys)):
            raise PipelineError(f"consistency check failed (a bug, please report it): {table.filename}: "
                                f"duplicate primary key {table.primary_key} in article {article_id}")
    return {
        "csv": {t.name: csv_lines(t, r) for t, r in rows.items()},
        "rows": {t.name: len(r) for t, r in rows.items()},
        "persons": dict(persons), "subsystems": dict(subsystems),
        "aliases": [[person, alias, n] for (person, alias), n in aliases.items()],
        "links": sorted({(r["person"], r["subsystem"]) for r in relation_rows}),
        "open_terms": sorted({r["term"] for r in term_rows if not r["subsystem"] and r["kind"] != "config"}),
        "scoring": scoring(result["phrases"], result.get("ordinary", ()), result.get("report", False)),
        "workplaces": result.get("workplaces", []),
        "plurals": result.get("plurals", []), "unlisted": result.get("unlisted", ""),
        # the title's subjects, names the model takes for a company's ("One year of Coverity work")
        "subjects": sorted(p[0] for p in result["phrases"] if len(p) > 7 and p[7]),
        "names": names, "spelt": [spelling[n] for n in names], "name_counts": name_counts(result),
    }


def _own_names(part: dict) -> set[str]:
    """How an article writes its people, and their surnames, in lower case: what none of its keywords may be."""
    return {form.lower() for _, form, _ in part["aliases"]} | {
        name.lower().split()[-1] for name in part["persons"] if " " in name}


def _a_keyword(keyword: str, own: set[str], everyone: set[str], employers: set[str], subjects,
               surnames: frozenset[str] = frozenset()) -> bool:
    """No person: neither the full name of someone the corpus names ("Jon Masters", where the article's mention
    went unrecognised) nor a name or surname of someone the article names ("Torvalds"), nor a lone capitalised
    word that is the surname of someone the corpus names ("Poettering", where the article never gives his full
    name); and no company: no word any article writes as where people work ("Facebook"). A surname or a company
    the article's title is about is a keyword ("One year of Coverity work")."""
    word = strip_possessive(keyword)
    surname = word in surnames and all(part[1:].islower() for part in word.split("-")) and keyword not in subjects
    return word.lower() not in everyone and word.lower() not in own and not surname \
        and (word not in employers or keyword in subjects)


def _as_written(keyword: str, plurals: dict[str, str], written_singulars: set[str]) -> str:
    """A keyword whose head is a singular the article made from a plural (``unwritten_singulars``) that no
    article of the corpus writes (not in ``written_singulars``, in lower case) takes the plural back:
    "xfstests", "binutils", "userns" are names, not plurals; where any article writes "inode", "inodes" stays
    "inode", one keyword with it."""
    head = keyword.rsplit(" ", 1)[-1]
    if head in plurals and head.lower() not in written_singulars:
        return keyword[: len(keyword) - len(head)] + plurals[head]
    return keyword


def _named_kind(keyword: str) -> str | None:
    """The name a keyword says what kind of thing it is ("XFS filesystem", "RISC-V architecture", "ext4 file
    system"): a name (an acronym, a capitalised word, an identifier, a word with a digit) before a word of
    ``KIND_NOUNS``; else None."""
    words = keyword.split()
    if len(words) == 3 and " ".join(words[1:]).lower() == "file system":
        words = [words[0], "filesystem"]
    if len(words) != 2:
        return None
    kind = words[1].lower()
    kind = kind[:-1] if kind.endswith("s") and kind[:-1] in KIND_NOUNS else kind
    name = words[0]
    named = is_term(name) or name[:1].isupper() or any(c.isdigit() for c in name)
    return name if kind in KIND_NOUNS and named else None


def _one_head(ranked: dict[int, list[tuple[str, float]]]) -> dict[int, list[tuple[str, float]]]:
    """A name and the name with what kind of thing it is, one keyword across the corpus, told by the name where
    some article's list has it ("XFS" for "XFS filesystem", as 78 lists had "XFS" and 25 "XFS filesystem")."""
    keywords = {keyword for kws in ranked.values() for keyword, _ in kws}
    names = {keyword.lower() for keyword in keywords}
    heads = {keyword: name for keyword in keywords if (name := _named_kind(keyword)) and name.lower() in names}
    return _retold(ranked, lambda keyword: heads.get(keyword, keyword))


def _retold(ranked: dict[int, list[tuple[str, float]]], tell) -> dict[int, list[tuple[str, float]]]:
    """Every article's list with each keyword as ``tell`` gives it, told once, at the better rank."""
    one = {}
    for article_id, kws in ranked.items():
        told: dict[str, float] = {}
        for keyword, score in kws:
            told.setdefault(tell(keyword), score)
        one[article_id] = list(told.items())
    return one


def _spelling_key(keyword: str) -> str:
    """What tells two spellings of one keyword: "page cache", "pagecache" and "Page-cache"; "XFS" and "xfs"; but
    C's identifiers as written ("BPF_PROG_ATTACH" is a command, "bpf_prog_attach" a function)."""
    key = keyword.replace("-", "").replace(" ", "")
    return key if "_" in keyword else key.lower()


def _one_spelling(ranked: dict[int, list[tuple[str, float]]]) -> dict[int, list[tuple[str, float]]]:
    """Each keyword as the corpus's keyword lists most often write it, in every article's list ("pagecache",
    "page cache" and "page-cache" are one keyword; "XFS" and "xfs"), a compound open rather than hyphenated
    where both are written ("memory management", though "memory-management" heads 57 lists: the hyphen joins a
    modifier); ties go to the first in code-point order. A list that held two spellings keeps the
    better-ranked."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for kws in ranked.values():
        for keyword, _ in kws:
            forms[_spelling_key(keyword)][keyword] += 1
    spelt = {}
    for key, counts in forms.items():
        for form in [f for f in counts if "-" in f and f.replace("-", " ") in counts]:
            counts[form.replace("-", " ")] += counts.pop(form)  # "memory-management" qualifies; as a tag it is open
        spelt[key] = min(counts, key=lambda form: (-counts[form], form))
    return _retold(ranked, lambda keyword: spelt[_spelling_key(keyword)])


def misplaced_mentions(result: dict, texts: dict[int, str]) -> list[str]:
    """Mentions whose offsets do not point at their text in the paragraph (a bug). Checked when a result
    is made: a stored result is keyed by its paragraphs' text, so it stays right while it is used."""
    problems = []
    for name, mentions in (("person_mentions", result["persons"]), ("subsystem_mentions", result["subsystems"])):
        for p, _s, start, end, text, *_ in mentions:
            if texts.get(p, "")[start:end] != text:
                problems.append(f"{name}.csv: paragraph {p} offsets {start}-{end} do not point at {text!r}")
    return problems


FRAGMENT_TABLES = (schema.PERSON_MENTIONS, schema.SUBSYSTEM_MENTIONS, schema.PERSON_SUBSYSTEM, schema.TERMS)


def part_key(article_id: int, key: str) -> str:
    """Where an article's part is memoised: its id and what its result depends on."""
    return f"{article_id}:{key}"


def aggregate(results: Mapping[int, dict], years: dict[int, int | None], knowledge: Knowledge,
              keyword_memo: dict | None = None, part_memo: dict | None = None,
              keys: dict[int, str] | None = None, ranking: Ranking | None = None) -> tuple[dict, dict[int, dict]]:
    """Every extraction table from the per-article results, and each article's part (article_part).

    ``keyword_memo``: see keywords.ranking.rank. ``part_memo`` (read, then replaced by the parts this corpus
    uses) holds each article's part under part_key(article_id, keys[article_id]) (an article without a
    key is not memoised). An article whose part is memoised, with its people spelt as the corpus spells
    them now, is not read from ``results`` at all (which may be a lazy mapping). ``ranking``: a
    keywords.ranking.Ranking of this corpus begun with some of its articles."""
    memo = part_memo if part_memo is not None else {}
    found, counts = {}, Counter()
    for article_id in results:
        memo_key = part_key(article_id, keys[article_id]) if keys is not None and article_id in keys else None
        cached = memo.get(memo_key) if memo_key else None
        found[article_id] = (memo_key, cached)
        counts.update(cached["name_counts"] if cached else name_counts(results[article_id]))
    spelling = person_spellings(counts, knowledge)
    parts, used = {}, {}
    for article_id, (memo_key, cached) in found.items():
        if cached is not None and [spelling.get(n, n) for n in cached["names"]] == cached["spelt"]:
            part = cached
        else:
            part = article_part(article_id, results[article_id], spelling)
        if memo_key:
            used[memo_key] = part
        parts[article_id] = part
    if part_memo is not None:
        part_memo.clear()
        part_memo.update(used)

    people_stats: dict[str, dict] = defaultdict(lambda: {"articles": set(), "n": 0})
    sub_stats: dict[str, dict] = defaultdict(lambda: {"articles": set(), "n": 0})
    alias_counts: Counter = Counter()
    person_year: dict = {}
    subsystem_year: dict = {}
    for article_id, part in parts.items():
        year = years.get(article_id)
        for stats, by_year, counts in ((people_stats, person_year, part["persons"]),
                                       (sub_stats, subsystem_year, part["subsystems"])):
            for key, n in counts.items():
                entry = stats[key]
                entry["articles"].add(article_id)
                entry["n"] += n
                if year:
                    cell = by_year.setdefault((key, year), [0, 0])
                    cell[0] += n
                    cell[1] += 1
        for person, alias, n in part["aliases"]:
            alias_counts[(person, alias)] += n

    def span_years(articles):
        ys = [years.get(a) for a in articles if years.get(a)]
        return (min(ys), max(ys)) if ys else (None, None)

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
    if ranking is None or ranking.n_docs != len(parts) or not set(ranking.scorings) <= set(parts):
        ranking = Ranking(len(parts), top=KEYWORDS_PER_ARTICLE, memo=keyword_memo)
    ranked = ranking.finish({a: part["scoring"] for a, part in parts.items() if a not in ranking.scorings})
    # full names of people the records know or more than one article names (one article's stray "Kexec HandOver"
    # is no person elsewhere)
    known = [person for person, st in people_stats.items()
             if " " in person and (person in knowledge.in_records or len(st["articles"]) > 1)]
    everyone = {person.lower() for person in known}
    surnames = frozenset(person.rsplit(" ", 1)[-1] for person in known)
    # where any article says people work ("developers at Facebook"): a company, a name in every article (as
    # written: "Devs" somewhere is no WMI method "DEVS")
    employers = {place for part in parts.values() for place in part.get("workplaces", ())}
    # the singulars of plurals that some article writes as such ("inode"): the others are names ("xfstests")
    singulars = {s.lower() for part in parts.values() for s, _ in part.get("plurals", ())}
    written_singulars = {w for part in parts.values() for w in part.get("unlisted", "").split() if w in singulars}
    for article_id, kws in ranked.items():
        own, subjects = _own_names(parts[article_id]), parts[article_id].get("subjects", ())
        plurals = dict(parts[article_id].get("plurals", ()))
        ranked[article_id] = [(_as_written(k, plurals, written_singulars), sc) for k, sc in kws
                              if _a_keyword(k, own, everyone, employers, subjects, surnames)]
    ranked = _one_spelling(_one_head(ranked))
    keyword_lines = {a: "".join(f"{a},{i},{csv_field(k)},{sc:.6f}\n" for i, (k, sc) in enumerate(kws, 1)).encode("utf-8")
                     for a, kws in ranked.items()}
    unique_maintainers = {(r["subsystem"], r["person"], r["role"]): r for r in maintainer_rows}
    tables = {t: Fragments(t, {a: part["csv"][t.name] for a, part in parts.items()},
                           sum(part["rows"][t.name] for part in parts.values())) for t in FRAGMENT_TABLES}
    return {
        schema.PERSON_MENTIONS: tables[schema.PERSON_MENTIONS],
        schema.PEOPLE: people_rows,
        schema.PERSON_ALIASES: [{"person": p, "alias": a, "n_mentions": n} for (p, a), n in alias_counts.items()],
        schema.SUBSYSTEM_MENTIONS: tables[schema.SUBSYSTEM_MENTIONS],
        schema.SUBSYSTEMS: subsystems_rows,
        schema.MAINTAINERS: list(unique_maintainers.values()),
        schema.KEYWORDS: Fragments(schema.KEYWORDS, keyword_lines, sum(map(len, ranked.values()))),
        schema.PERSON_SUBSYSTEM: tables[schema.PERSON_SUBSYSTEM],
        schema.TERMS: tables[schema.TERMS],
        schema.PERSON_YEAR: [{"person": p, "year": y, "n_mentions": n, "n_articles": k}
                             for (p, y), (n, k) in person_year.items()],
        schema.SUBSYSTEM_YEAR: [{"subsystem": s, "year": y, "n_mentions": n, "n_articles": k}
                                for (s, y), (n, k) in subsystem_year.items()],
    }, parts


def unknown_terms(parts: dict[int, dict], top: int = TOP_UNKNOWN_TERMS) -> list[tuple[str, int]]:
    """The terms with no subsystem found in the most articles: candidates for the taxonomy."""
    articles: Counter = Counter(term for part in parts.values() for term in part["open_terms"])
    ranked = sorted(articles.items(), key=lambda x: (-x[1], x[0]))
    return [(term, n) for term, n in ranked[:top] if n > 1]
