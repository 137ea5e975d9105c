"""`make report`: an offline HTML page with charts of the corpus (processed/report/index.html + PNGs).

Every chart says in one line what it shows and which CSV it comes from. matplotlib with the Agg
backend; no server, no internet, no JavaScript.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from pipeline.config import Options
from pipeline.log import say
from pipeline.schema import read_table
from pipeline.tables import atomic_write_bytes

TOP_PEOPLE = 15
TOP_SUBSYSTEMS = 25
TOP_PAIRS = 20


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"figure.dpi": 100, "font.size": 9, "svg.hashsalt": "netsummit"})
    return plt


def matplotlib_ticker():
    import matplotlib.ticker

    return matplotlib.ticker


def _save(fig, path: Path) -> None:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    atomic_write_bytes(path, buffer.getvalue())
    fig.clear()


def _event_series(event: str) -> str:
    return re.sub(r"\s*\d{4}$", "", event or "").strip() or "unknown"


def chart_articles(articles, plt, path: Path) -> None:
    frame = articles.dropna(subset=["year"]).assign(series=lambda f: f["event"].fillna("").map(_event_series))
    table = frame.pivot_table(index="year", columns="series", values="article_id", aggfunc="count", fill_value=0)
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if table.empty:
        ax.text(0.5, 0.5, "no dated articles", ha="center", va="center")
    else:
        table.index = table.index.astype(int)
        table.plot(kind="bar", stacked=True, ax=ax, width=0.8, colormap="tab20")
        ax.legend(title="event", fontsize=8, frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_xlabel("year")
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    _save(fig, path)


def chart_top_people(people, plt, path: Path) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.3 * TOP_PEOPLE + 1.2))
    for ax, column, label in ((axes[0], "n_articles", "articles mentioning"), (axes[1], "n_mentions", "mentions")):
        top = people.sort_values([column, "person"], ascending=[False, True]).head(TOP_PEOPLE).iloc[::-1]
        ax.barh(top["person"], top[column], color="#4477aa")
        ax.set_xlabel(label)
        ax.xaxis.get_major_locator().set_params(integer=True)
    axes[0].set_title("by articles")
    axes[1].set_title("by mentions")
    fig.tight_layout()
    _save(fig, path)


def _heatmap(matrix, plt, path: Path, xlabel: str, ylabel: str, cmap: str = "Blues") -> None:
    import numpy as np

    rows, cols = matrix.shape
    fig, ax = plt.subplots(figsize=(max(4, 0.45 * cols + 3), max(2.5, 0.28 * rows + 1.5)))
    if matrix.empty:
        ax.text(0.5, 0.5, "nothing to show", ha="center", va="center")
    else:
        image = ax.imshow(matrix.to_numpy(dtype=float), aspect="auto", cmap=cmap, interpolation="nearest")
        ax.set_xticks(range(cols), [str(c) for c in matrix.columns], rotation=60, ha="right")
        ax.set_yticks(range(rows), [str(r) for r in matrix.index])
        bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02, label="count")
        bar.locator = matplotlib_ticker().MaxNLocator(integer=True)
        bar.update_ticks()
        if rows * cols <= 900:
            values = matrix.to_numpy(dtype=float)
            top = values.max() or 1
            for (r, c), value in np.ndenumerate(values):
                if value:
                    ax.text(c, r, f"{value:.0f}", ha="center", va="center", fontsize=7,
                            color="white" if value > top * 0.6 else "black")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _save(fig, path)


def _by_year(frame, key: str, top: int):
    if frame.empty:
        return frame
    totals = frame.groupby(key)["n_mentions"].sum().sort_values(ascending=False, kind="stable")
    keep = sorted(totals.index[:top], key=lambda k: (-totals[k], k))
    matrix = frame[frame[key].isin(keep)].pivot_table(index=key, columns="year", values="n_mentions", aggfunc="sum", fill_value=0)
    matrix.columns = [int(c) for c in matrix.columns]
    return matrix.reindex(keep)


def _pairs_matrix(relations):
    """Articles that link each person to each subsystem (one, however many sentences and kinds say so), for the
    busiest people and subsystems."""
    if relations.empty:
        return relations
    counts = relations.groupby(["person", "subsystem"])["article_id"].nunique()
    people = counts.groupby("person").sum().sort_values(ascending=False, kind="stable").index[:TOP_PAIRS]
    among = counts[counts.index.get_level_values("person").isin(people)]
    subsystems = among.groupby("subsystem").sum().sort_values(ascending=False, kind="stable").index[:TOP_PAIRS]
    return counts.unstack(fill_value=0).reindex(index=sorted(people), columns=sorted(subsystems), fill_value=0)


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def build_page(sections: list[tuple[str, str, str]], relations, keywords, articles, counts: dict) -> str:
    """The report HTML: chart sections (title, image file, caption), evidence and keyword tables."""
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', "<title>netsummit report</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
        "img{max-width:100%}figure{margin:2em 0}figcaption{color:#555;font-size:90%}"
        "table{border-collapse:collapse;font-size:90%}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
        "details{margin:2px 0}summary{cursor:pointer}</style></head><body>",
        "<h1>LWN networking-summit reports: the corpus at a glance</h1>",
        f"<p>{counts['articles']} articles, {counts['people']} people, {counts['subsystems']} subsystems, "
        f"{counts['relations']} who-works-on-what sentences. Tables: <code>processed/*.csv</code>, described in "
        "<code>processed/datapackage.json</code>.</p>",
    ]
    for title, image, caption in sections:
        parts.append(f'<figure><h2>{_esc(title)}</h2><img src="{_esc(image)}" alt="{_esc(title)}">'
                     f"<figcaption>{_esc(caption)}</figcaption></figure>")
    parts.append("<h2>Who works on what: the evidence</h2>")
    parts.append("<p>Each pair found in <code>person_subsystem.csv</code>; open one to read the sentences that say so.</p>")
    if relations.empty:
        parts.append("<p>No person-subsystem sentences yet.</p>")
    for (person, subsystem), group in relations.groupby(["person", "subsystem"], sort=True):
        items = "".join(f"<li>{_esc(r.evidence)} <small>(article {int(r.article_id)})</small></li>"
                        for r in group.itertuples())
        parts.append(f"<details><summary>{_esc(person)} — {_esc(subsystem)} ({len(group)})</summary><ul>{items}</ul></details>")
    parts.append("<h2>Top keywords of each article</h2>")
    parts.append("<p>The ten best phrases per article from <code>keywords.csv</code>, ranked against the rest of the corpus.</p>")
    parts.append("<table><tr><th>article</th><th>year</th><th>title</th><th>keywords</th></tr>")
    titles = articles.set_index("article_id")
    for article_id, group in keywords.groupby("article_id", sort=True):
        row = titles.loc[article_id] if article_id in titles.index else None
        words = ", ".join(_esc(k) for k in group.sort_values("rank")["keyword"].head(10))
        year = "" if row is None or row["year"] is None or str(row["year"]) == "<NA>" else int(row["year"])
        title = "" if row is None else row["title"]
        parts.append(f'<tr><td><a href="https://lwn.net/Articles/{int(article_id)}/">{int(article_id)}</a></td>'
                     f"<td>{year}</td><td>{_esc(title)}</td><td>{words}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"


def run(opts: Options) -> Path:
    """Draw every chart from the tables in opts.out and write opts.out/report/index.html."""
    out = Path(opts.out)
    folder = out / "report"
    folder.mkdir(parents=True, exist_ok=True)
    plt = _plt()
    articles = read_table(out / "articles.csv")
    people = read_table(out / "people.csv")
    person_year = read_table(out / "person_year.csv")
    subsystem_year = read_table(out / "subsystem_year.csv")
    relations = read_table(out / "person_subsystem.csv")
    keywords = read_table(out / "keywords.csv")
    sections = []

    chart_articles(articles, plt, folder / "articles_per_year.png")
    sections.append(("Articles per year and event", "articles_per_year.png",
                     "Number of articles per publication year, stacked by the meeting they report on (articles.csv: year, event)."))
    chart_top_people(people, plt, folder / "top_people.png")
    sections.append(("Most-mentioned people", "top_people.png",
                     f"The {TOP_PEOPLE} people in the most articles (left) and with the most mentions (right) (people.csv)."))
    _heatmap(_by_year(person_year, "person", TOP_PEOPLE), plt, folder / "people_by_year.png", "year", "person", "Purples")
    sections.append(("People over the years", "people_by_year.png",
                     f"Mentions per year of the {TOP_PEOPLE} most-mentioned people (person_year.csv)."))
    _heatmap(_by_year(subsystem_year, "subsystem", TOP_SUBSYSTEMS), plt, folder / "subsystems_by_year.png", "year", "subsystem")
    sections.append(("Subsystems over the years", "subsystems_by_year.png",
                     f"Mentions per year of the {TOP_SUBSYSTEMS} most-mentioned subsystems (subsystem_year.csv)."))
    _heatmap(_pairs_matrix(relations), plt, folder / "who_works_on_what.png", "subsystem", "person", "Greens")
    sections.append(("Who works on what", "who_works_on_what.png",
                     "Articles saying a person presented, works on, maintains or proposed a subsystem, per pair; "
                     "the busiest 20 people and subsystems (person_subsystem.csv). The sentences are listed below."))
    plt.close("all")
    counts = {"articles": len(articles), "people": len(people), "subsystems": subsystem_year["subsystem"].nunique(),
              "relations": len(relations)}
    index = folder / "index.html"
    atomic_write_bytes(index, build_page(sections, relations, keywords, articles, counts).encode("utf-8"))
    say(f"report: {index} with {len(sections)} charts")
    return index
