"""The data dictionary: every output table's columns, in order, with type and description.

This one definition drives the CSV writers, the pandas dtypes used to read tables back,
and ``processed/datapackage.json`` (Frictionless Data Package with Table Schemas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.sources.article import BLOCK_KINDS


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless Table Schema type: string, integer, number, boolean, date
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = field(default=())

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name, type_, description, required=False, enum=None):
    return Column(name, type_, description, required, enum)


ARTICLE_ID = _c("article_id", "integer", "LWN article number (https://lwn.net/Articles/<article_id>/).", True)
PARAGRAPH = _c("paragraph", "integer", "0-based index of the body block within the article, in reading order.", True)
SENTENCE = _c("sentence", "integer", "0-based index of the sentence within the paragraph.", True)
START = _c("start", "integer", "Character offset where the mention starts in the paragraph's text.", True)
END = _c("end", "integer", "Character offset just past the mention's end in the paragraph's text.", True)
YEAR_FIRST = _c("first_year", "integer", "Publication year of the earliest article that mentions it.")
YEAR_LAST = _c("last_year", "integer", "Publication year of the latest article that mentions it.")
N_ARTICLES = _c("n_articles", "integer", "Number of articles that mention it.", True)
N_MENTIONS = _c("n_mentions", "integer", "Number of mentions in all articles.", True)
TO_ARTICLES = ((("article_id",), "articles", ("article_id",)),)
TO_PARAGRAPHS = ((("article_id", "paragraph"), "paragraphs", ("article_id", "paragraph")),)


TABLES: dict[str, Table] = {}


def _register(table: Table) -> Table:
    TABLES[table.name] = table
    return table


ARTICLES = _register(Table(
    "articles", "One row per article.",
    (
        ARTICLE_ID,
        _c("url", "string", "Canonical URL of the article.", True),
        _c("title", "string", "Headline, without the ' [LWN.net]' suffix.", True),
        _c("published", "date", "Publication date (ISO 8601) from the page or the Markdown front matter, else from raw/sources.csv; empty if unknown (the build names such files)."),
        _c("year", "integer", "Publication year; empty if unknown."),
        _c("author", "string", "Author from the byline (staff, guest or news-brief form); empty if none."),
        _c("guest", "boolean", "Whether the byline says a guest contributed the article ('This article was contributed by NAME'); false for staff bylines, news briefs and pages without one.", True),
        _c("event", "string", "The meeting reported on, as LWN's conference index writes it, e.g. 'Kernel Summit 2005', 'Netconf/Netdev 2017', 'Netdev 2022'; empty if none."),
        _c("event_series", "string", "The meeting series, for grouping: 'Netconf', 'Netdev', 'Netconf/Netdev' (joint meetings), 'Kernel Summit', 'Linux Plumbers Conference', 'LSFMM', …; empty if none."),
        _c("event_year", "integer", "The meeting's year (from the link, title or coverage line, else the publication year); empty if none."),
        _c("word_count", "integer", "Words in the body text (paragraphs.csv), split on whitespace.", True),
        _c("source_file", "string",
           "Path of the page inside the raw folder: its file name, after the folders it is in, if any.", True),
        _c("sha256", "string", "SHA-256 of the raw page's bytes.", True),
    ),
    ("article_id",),
))

PARAGRAPHS = _register(Table(
    "paragraphs", "One row per block of body text, in reading order.",
    (
        ARTICLE_ID, PARAGRAPH,
        _c("kind", "string", "Block type: p (paragraph), li (list item), h4 (subheading), quote (quoted mail), pre (code), row (a table row, its cells separated by ' | ').", True, BLOCK_KINDS),
        _c("text", "string", "Block text; whitespace normalised (line breaks kept in pre), inline code and link text kept, struck-through text (what the author took back) left out.", True),
    ),
    ("article_id", "paragraph"), TO_ARTICLES,
))

ARTICLE_TOPICS = _register(Table(
    "article_topics", "One row per (article, topic): LWN's index entries for the article (a page's 'Index entries for this article' table, or a knowbase file's category field).",
    (
        ARTICLE_ID,
        _c("index_name", "string", "The LWN index the entry belongs to, e.g. 'Kernel', 'Conference'; empty if not given."),
        _c("topic", "string", "Index entry with '/' between its levels, spelt as LWN's index anchors keep it (no punctuation, '_' as a space), so a page and a knowbase file agree: 'Networking/Protocols', 'Networking/eXpress Data Path XDP'.", True),
    ),
    ("article_id", "index_name", "topic"), TO_ARTICLES,
))

SKIPPED = _register(Table(
    "skipped", "One row per raw file that was not processed, with the reason.",
    (
        _c("source_file", "string",
           "Path of the file inside the raw folder: its file name, after the folders it is in, if any.", True),
        _c("reason", "string", "Why the file was skipped, e.g. 'subscriber-only page (free from 2026-12-03)'.", True),
    ),
    ("source_file",),
))

PERSON_MENTIONS = _register(Table(
    "person_mentions", "One row per mention of a person in body text, table rows included (the development statistics' lists of the most active developers and reviewers: paragraphs.kind 'row'; join on article_id and paragraph to leave them out).",
    (
        ARTICLE_ID, PARAGRAPH, SENTENCE, START, END,
        _c("text", "string", "The mention as written, e.g. 'Dave Miller', \"Herbert's\", 'DaveM'.", True),
        _c("person", "string", "Canonical name, e.g. 'David S. Miller'.", True),
    ),
    ("article_id", "paragraph", "start"), TO_ARTICLES + TO_PARAGRAPHS,
))

# A guest author writing of their own work as "I" is linked to it without being named (person_subsystem).
PERSON_ARTICLES = _c("n_articles", "integer", "Number of articles that mention the person, or that the person wrote as a guest and where they state their own work in the first person.", True)

PEOPLE = _register(Table(
    "people", "One row per canonical person mentioned anywhere, or linked to a subsystem as a guest article's author writing of their own work ('I implemented ...'; n_mentions counts names only).",
    (_c("person", "string", "Canonical name: the alias table's, else the kernel's records' (MAINTAINERS, CREDITS, .mailmap), else the fullest spelling seen.", True),
     PERSON_ARTICLES, N_MENTIONS, YEAR_FIRST, YEAR_LAST,
     _c("in_kernel_records", "boolean", "Whether the person is named in the kernel's MAINTAINERS, CREDITS or .mailmap (many people LWN writes about are not).", True)),
    ("person",),
))

PERSON_ALIASES = _register(Table(
    "person_aliases", "One row per (person, surface form) seen in the corpus.",
    (
        _c("person", "string", "Canonical name.", True),
        _c("alias", "string", "Surface form as written (possessive 's removed).", True),
        N_MENTIONS,
    ),
    ("person", "alias"), ((("person",), "people", ("person",)),),
))

SUBSYSTEM_MENTIONS = _register(Table(
    "subsystem_mentions", "One row per mention of a networking subsystem, protocol, feature or tool (or of a kernel facility outside networking the taxonomy names: category kernel) in body text, code blocks included, unlike terms.csv (paragraphs.kind 'pre': join on article_id and paragraph to leave them out).",
    (
        ARTICLE_ID, PARAGRAPH, SENTENCE, START, END,
        _c("text", "string", "The mention as written, e.g. 'IPSec/XFRM', 'socket buffer'.", True),
        _c("subsystem", "string", "Canonical subsystem name from the taxonomy, e.g. 'IPsec/XFRM'.", True),
        _c("category", "string", "Taxonomy category (protocol, core, offload, qos, filtering, security, wireless, driver, hardware, virtualization, routing, bpf, tooling, performance, programmability, storage, kernel).", True),
    ),
    ("article_id", "paragraph", "start"), TO_ARTICLES + TO_PARAGRAPHS,
))

SUBSYSTEMS = _register(Table(
    "subsystems", "One row per subsystem mentioned anywhere.",
    (
        _c("subsystem", "string", "Canonical subsystem name.", True),
        _c("category", "string", "Taxonomy category (protocol, core, offload, qos, filtering, security, wireless, driver, hardware, virtualization, routing, bpf, tooling, performance, programmability, storage, kernel).", True),
        N_ARTICLES, N_MENTIONS, YEAR_FIRST, YEAR_LAST,
        _c("kernel_entry", "string", "The subsystem's entry in the kernel's MAINTAINERS file, e.g. 'NETWORKING [TCP]'; empty if it has none."),
        _c("source", "string", "Where the taxonomy has it from: curated (kept by hand), kernel (imported from the kernel's records) or uapi (a constant of the kernel's networking user-space API headers, such as SO_RCVLOWAT).", True, ("curated", "kernel", "uapi")),
    ),
    ("subsystem",),
))

MAINTAINERS = _register(Table(
    "maintainers", "One row per (subsystem, person, role): who maintains or reviews each subsystem mentioned in the corpus, from the kernel's MAINTAINERS file (not from the text).",
    (
        _c("subsystem", "string", "Canonical subsystem name.", True),
        _c("person", "string", "Canonical person name (the same spelling as in people.csv where the person is mentioned).", True),
        _c("role", "string", "maintainer (an M: line) or reviewer (an R: line).", True, ("maintainer", "reviewer")),
        _c("kernel_entry", "string", "The MAINTAINERS entry, e.g. 'NETWORKING [TCP]'.", True),
    ),
    ("subsystem", "person", "role"), ((("subsystem",), "subsystems", ("subsystem",)),),
))

KEYWORDS = _register(Table(
    "keywords", "One row per (article, keyword): the phrases that best say what each article is about, up to 20; "
                "phrases scoring under a fifth of the article's best (its title's subject aside) are left out, and a "
                "phrase the article says once (not the title's, nor code or a name with a number) only fills a list "
                "of fewer than five, except in a meeting's report, which names each of its topics once or twice. "
                "Never where a program runs ('user space', 'kernel space'). Never a "
                "name (of a person, place, organisation or the meeting the article reports on, which articles.csv "
                "gives, or a part of that meeting: 'the filesystem track session'), but the title's subject is a "
                "keyword however the model labels it (Btrfs, Greybus). An acronym and the phrase it abbreviates "
                "('THP', 'transparent huge page') are one keyword, told by the better-ranked.",
    (
        ARTICLE_ID,
        _c("rank", "integer", "1 for the best keyword of the article.", True),
        _c("keyword", "string", "Noun phrase, lower case except names, acronyms and identifiers; its last word "
                                "singular where English or some article has the singular ('module' for 'modules', "
                                "'inode' for 'inodes', 'VMA' for 'VMAs'), else as written ('xfstests', 'data'); "
                                "spelt one way across the corpus, as most keyword lists write it ('page cache' for "
                                "'pagecache' and 'page-cache'); a name followed by its kind is the name where some "
                                "list has the name alone ('XFS' for 'XFS filesystem', 'RISC-V' for 'RISC-V "
                                "architecture').", True),
        _c("score", "number", "TF-IDF style score against the rest of the corpus (higher is better).", True),
    ),
    ("article_id", "rank"), TO_ARTICLES,
))

PERSON_SUBSYSTEM = _register(Table(
    "person_subsystem", "One row per link the text states between a person and a networking subsystem, or a kernel facility outside networking (the taxonomy's category kernel) where a sentence names the person with it: who presented, works on, maintains or proposed what, with the sentences that say so (paragraph and sentence of the subsystem's sentence, and of the person's where that is another one). A pair stated in several sentences, or as two kinds, has a row for each (a link only carried on, through sentences of a talk or a patch set's description that name nobody, has one: its first): count articles (article_id.nunique()), not rows.",
    (
        ARTICLE_ID,
        _c("paragraph", "integer", "Paragraph of the sentence naming the subsystem.", True),
        _c("sentence", "integer", "0-based sentence, within that paragraph, naming the subsystem.", True),
        _c("person", "string", "Canonical person name.", True),
        _c("subsystem", "string", "Canonical subsystem name.", True),
        _c("relation", "string", "The kind of link: presented (talked about, showed, described), works_on (develops, implemented, wrote, is working on), maintains (is a maintainer of), proposed (suggested, posted a patch for, wants, asked for).", True, ("presented", "works_on", "maintains", "proposed")),
        _c("feature", "string", "The part or kind of the subsystem the link is about, in the article's words, where the sentence stating the link names one: the noun phrase the subsystem's mention qualifies ('BPF static keys', 'loopback NFS mounts', 'resilient queued spinlocks' for BPF, 'unprivileged BPF'). Otherwise the name the person's sentence gives a piece of work ('a custom tool called Agni', 'a new feature called kptrs'), or the thing it says the person works on ('a resilient queued spinlock that X has been working on'), also for a link carried from it; or the identifier of the subsystem's code the sentence names ('BPF_PROG_TYPE_UBLK', 'bpf_spin_lock()'; of a subsystem the article names in words somewhere), for a link it states or one it carries by that identifier alone (never a maintainer's role). Empty where the sentence names the subsystem alone, or only what is done with it or said of it ('NFS testing', 'the BPF community'), and for a link carried from an earlier sentence that names nothing so."),
        _c("person_paragraph", "integer", "Paragraph of the sentence naming the person (or the pronoun, talk or patch set standing for them).", True),
        _c("person_sentence", "integer", "Sentence, within person_paragraph, naming the person.", True),
        _c("evidence", "string", "The sentence that says so; when the person is named in another sentence, that one first, then ' … ' and the subsystem's (usually the person's sentence is the earlier one; it is the later one where it refers back to what an earlier sentence named ('led a session which looked at this issue') or to the subject the title names). Spaces are collapsed, and LWN's link tags ('[PDF]', '[KSDB]') left out.", True),
    ),
    ("article_id", "paragraph", "sentence", "person", "subsystem", "relation"),
    TO_ARTICLES + TO_PARAGRAPHS + (
        (("person",), "people", ("person",)),
        (("subsystem",), "subsystems", ("subsystem",)),
    ),
))

TERMS = _register(Table(
    "terms", "One row per term in body text that no list may have yet: an acronym defined in the text, a code identifier, or a config symbol (code blocks excluded).",
    (
        ARTICLE_ID, PARAGRAPH, START, END,
        _c("term", "string", "The term as written, e.g. 'FOU', 'SO_REUSEPORT', 'struct sockaddr', 'CONFIG_NET_FOU'.", True),
        _c("kind", "string", "acronym (defined as 'Long form (ACRONYM)'), identifier (by its shape: underscores, 'struct x', 'name()'), or config (a CONFIG_ symbol).", True, ("acronym", "identifier", "config")),
        _c("definition", "string", "For an acronym, the long form the text gives; else empty."),
        _c("subsystem", "string", "The subsystem the term stands for, by the taxonomy's names or, for a config symbol, its Kconfig file's MAINTAINERS entry; empty if unknown."),
    ),
    ("article_id", "paragraph", "start", "kind"), TO_ARTICLES + TO_PARAGRAPHS,
))

PERSON_YEAR = _register(Table(
    "person_year", "One row per (person, year): how often a person was mentioned in that year's articles.",
    (_c("person", "string", "Canonical name.", True), _c("year", "integer", "Publication year.", True), N_MENTIONS,
     PERSON_ARTICLES),
    ("person", "year"), ((("person",), "people", ("person",)),),
))

SUBSYSTEM_YEAR = _register(Table(
    "subsystem_year", "One row per (subsystem, year): how often a subsystem was mentioned in that year's articles.",
    (_c("subsystem", "string", "Canonical subsystem name.", True), _c("year", "integer", "Publication year.", True),
     N_MENTIONS, N_ARTICLES),
    ("subsystem", "year"), ((("subsystem",), "subsystems", ("subsystem",)),),
))

PARSE_TABLES = ("articles", "paragraphs", "article_topics", "skipped")
EXTRACT_TABLES = (
    "person_mentions", "people", "person_aliases", "subsystem_mentions", "subsystems", "maintainers",
    "keywords", "person_subsystem", "terms", "person_year", "subsystem_year",
)

_PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean", "date": "string"}


def pandas_dtypes(table: Table) -> dict[str, str]:
    """The dtype of each column when read with pandas (dates are parsed separately)."""
    return {c.name: _PANDAS_TYPES[c.type] for c in table.columns}


def read_table(path: Path | str, table: Table | str | None = None):
    """Read an output CSV into a pandas DataFrame with the dtypes the data dictionary gives (dates as datetime64)."""
    import pandas as pd

    path = Path(path)
    if table is None:
        table = TABLES[path.stem]
    elif isinstance(table, str):
        table = TABLES[table]
    frame = pd.read_csv(path, dtype=pandas_dtypes(table), keep_default_na=False, na_values=[""])
    for column in table.columns:
        if column.type == "date":
            frame[column.name] = pd.to_datetime(frame[column.name], format="%Y-%m-%d")
    return frame


def table_schema(table: Table) -> dict:
    """The Frictionless Table Schema of a table."""
    fields = []
    for c in table.columns:
        spec = {"name": c.name, "type": c.type, "description": c.description}
        constraints = {}
        if c.required:
            constraints["required"] = True
        if c.enum:
            constraints["enum"] = list(c.enum)
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(local), "reference": {"resource": resource, "fields": list(remote)}}
            for local, resource, remote in table.foreign_keys
        ]
    return schema


def datapackage(table_names, provenance: dict) -> dict:
    """A Frictionless Data Package describing the named tables."""
    resources = []
    for name in table_names:
        table = TABLES[name]
        resources.append({
            "name": table.name,
            "path": table.filename,
            "profile": "tabular-data-resource",
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
            "schema": table_schema(table),
        })
    return {
        "name": "netsummit",
        "title": "Linux networking-summit reports from LWN.net, mined",
        "profile": "tabular-data-package",
        "netsummit": provenance,
        "resources": resources,
    }


def markdown() -> str:
    """The data dictionary as Markdown (DATA_DICTIONARY.md is this text; a test keeps them equal)."""
    lines = ["# Data dictionary", "",
             "Generated from `pipeline/schema.py` by `python -m pipeline dictionary > DATA_DICTIONARY.md`.",
             "Every table is a UTF-8 CSV in `processed/` with a header row; empty cells are missing values;",
             "dates are ISO 8601 (YYYY-MM-DD). `processed/datapackage.json` says the same for tools.", ""]
    for table in TABLES.values():
        lines += [f"## {table.filename}", "", table.description, "",
                  f"Primary key: {', '.join(table.primary_key)}."]
        for local, resource, remote in table.foreign_keys:
            lines.append(f"Foreign key: {', '.join(local)} → {resource}.csv ({', '.join(remote)}).")
        lines += ["", "| column | type | required | description |", "|---|---|---|---|"]
        for c in table.columns:
            description = c.description + (f" One of: {', '.join(c.enum)}." if c.enum else "")
            lines.append(f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | {description} |")
        lines.append("")
    return "\n".join(lines)
