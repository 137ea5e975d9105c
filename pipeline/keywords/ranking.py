"""Keyword ranking: each article's candidates scored by TF-IDF against the corpus, with the preferences
readers' verdicts taught (subsystems, the title, the lead; against what is said once or by the way); pure."""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections import Counter

from pipeline.keywords.merging import distinct
from pipeline.terms import is_term


# By words: readers keep about 6 in 10 of one- and two-word phrases in a top 10, and under 4 in 10 of
# three-word ones ("high-performance network stack"); a lone term (1.5 more) beats a lone common noun.
LENGTH_FACTOR = {1: 0.8, 2: 1.0, 3: 1.0}
TERM_FACTOR = 1.3
TITLE_FACTOR = 1.5  # the title says it: readers kept 45 of 73 such phrases, against 373 of 1,005 others
# A corpus this large can say that a phrase most articles use names nothing in particular.
MIN_DOCS_FOR_DF_CUT = 20
LEAD_BONUS = 0.3
MAX_CANDIDATES = 80
MAX_DF_SHARE = 0.5
MIN_SCORE_SHARE = 0.2  # of the article's best score
# Phrases of ordinary words ("page cache", "huge page", "test run", "good idea"): a topic's name comes back
# again and again where an article is about it, a phrase that names nothing in particular is said once or twice
# wherever it is said. Across the knowbase "page cache" is said 3.1 times in each article that says it, "huge
# page" 6.2, "memory barrier" 4.6, against "good idea" 1.1, "use case" 1.7, "audience member" 1.5: such a
# phrase, said twice or more in the article, is a candidate where the corpus says it this often. A lone word
# ("object", "tag", "counter") is bursty as often as it names nothing in particular: never a candidate.
ORDINARY_SAID = 2
BURSTINESS = 2.0
MAX_ORDINARY = 20
ONCE_FACTOR = 0.7  # a phrase said once: readers kept 41 of 296 such, against 229 of 379 said again
# said once, with no acronym, identifier or subsystem in it: "cross-container communication",
# "valuable CPU time"; of the top-ten phrases this sent under the cut, readers had dropped 39 of 45
ONCE_PLAIN = 0.4
# A lone acronym said once, and as such ("DNS", "ECN", "RIAA": a short word of capitals), is one as plain: the
# article refers to a protocol or a body everyone knows, and moves on; readers dropped 27 of 32 such top-ten
# phrases, where they kept all 8 code identifiers said once ("SO_TXTIME", "SIOCSOUTSEQ"): the article's new
# interface. A subsystem written out in full ("receive packet steering" for "RPS") is not passed by so lightly.
ACRONYM_RE = re.compile(r"(?=.*[A-Z].*[A-Z])[A-Z][A-Z0-9]{1,5}")
# A subsystem named by one bare word ("TCP", "NAT", "qdisc") and said just twice is the background of an
# article about something else: readers dropped 43 of 62 such top-ten phrases (and 34 of 67 longer phrases or
# identifiers naming a subsystem twice). It counts a little more than said once, as a plain phrase: without
# the subsystem preference, unless the title says it or the article writes it out in full.
BACKGROUND_COUNT = 2
# said once, and by the way ("tools like NetworkManager", "handles TCP and UDP", in parentheses): of the 20
# top-ten phrases this sent under the cut, readers had dropped 18 as passing mentions
ASIDE_FACTOR = 0.5
# A phrase an article says once fills its list up to this many phrases, unless it is the title's or an identifier
# (code, or a name with a number in it: "mmap()", "NFSv4.2"): an article that returns to several topics is not
# tagged by what it names on the way. Readers kept 145 of 608 such phrases they judged, against 1,233 of 1,891
# said again; of the phrases this took from 24 articles' top tens (K54), 13 of 51. A meeting's report is exempt:
# it names each of its many topics once or twice, and readers kept 109 of 292 of its phrases said once.
FILL = 5
CODE_RE = re.compile(r"[_()]|->|\d")
FACTORS = 10  # doubles per phrase in a scoring


def scoring(phrases: list, ordinary: list = (), report: bool = False
            ) -> tuple[list[str], list[str], bytes, dict[str, int]]:
    """What ranking needs of one article's phrases, apart from the corpus: every phrase in lower case (the
    document frequencies), the candidates worth scoring, their own factors (first paragraph, count, length,
    subsystem, lead and title factors, whether it is a candidate only as the title's subject, whether it is a
    subsystem's own name, whether it is made of ordinary words, and whether it only fills a list (``FILL``):
    ten doubles each), and how often it says each phrase of ordinary words (``ordinary``: [phrase, count, first
    paragraph]; those said twice or more are candidates, kept where the corpus finds them bursty). ``report``:
    the article reports a meeting. Pure, and compact: it is kept per article so that a bigger corpus only
    recomputes the corpus factors."""
    said_ordinary = {}
    for phrase, count, _ in ordinary:
        said_ordinary[phrase.lower()] = said_ordinary.get(phrase.lower(), 0) + count
    known = {p[0].lower() for p in phrases}
    ordinary_candidates = sorted(([phrase, count, False, first, False, False, False, 0, False, True]
                                  for phrase, count, first in ordinary
                                  if count >= ORDINARY_SAID and " " in phrase and phrase.lower() not in known),
                                 key=lambda x: (-x[1], x[3], x[0]))[:MAX_ORDINARY]
    lowered = sorted(known | set(said_ordinary))
    if len(phrases) > MAX_CANDIDATES:  # only the likeliest are scored against the corpus
        phrases = sorted(phrases, key=lambda x: (-x[1] * (2 if x[2] else 1), x[3], x[0]))[:MAX_CANDIDATES]
    phrases = [*phrases, *ordinary_candidates]  # apart from the others: the corpus turns most of them down
    kept, factors = [], array("d")
    for phrase, count, names_term, first, *flags in phrases:
        titled, by_the_way, spelled, as_subject, label, ordinary_words = (flags + [False, False, False, 0, False,
                                                                                   False])[:6]
        words = phrase.count(" ") + 1
        if words == 1 and count < 2 and not (names_term or is_term(phrase)):
            continue  # a lone common noun said once says little about the article
        length = LENGTH_FACTOR[min(words, 3)] * (1.5 if words == 1 and is_term(phrase) else 1.0)
        kept.append(phrase)
        background = names_term and count == BACKGROUND_COUNT and not (titled or spelled) \
            and not any(c in phrase for c in " _(")
        said = 1.0 if background else _said(phrase, count, names_term, spelled)
        said *= ASIDE_FACTOR if count == 1 and by_the_way else 1.0
        factors.extend((first, said, length, TERM_FACTOR if names_term and not background else 1.0,
                        1.0 + LEAD_BONUS / (1 + first), TITLE_FACTOR if titled else 1.0, float(as_subject > 0),
                        float(label), float(ordinary_words),
                        float(count == 1 and not titled and not report and not CODE_RE.search(phrase))))
    return lowered, kept, factors.tobytes(), said_ordinary


def _said(phrase: str, count: int, names_term: bool, spelled: bool) -> float:
    """What being said ``count`` times is worth: more for each repeat, less for once, and least for a plain
    phrase or an acronym said once (not a subsystem written out in full)."""
    if count > 1:
        return 1.0 + math.log(count)
    if ACRONYM_RE.fullmatch(phrase) and not spelled:
        return ONCE_PLAIN
    return ONCE_FACTOR if names_term or any(is_term(w) or "->" in w for w in phrase.split()) else ONCE_PLAIN


def rank(per_article: dict[int, list], *, top: int = 20, memo: dict | None = None) -> dict[int, list[tuple[str, float]]]:
    """Top phrases per article by TF-IDF × length and subsystem preference; ties broken alphabetically.

    ``per_article`` maps an article to [(phrase, count, names_subsystem, first paragraph[, in the title, only
    said by the way, a subsystem written out in full, times a candidate only as the title's subject, a
    subsystem's own name])], its near-duplicates already merged: what an article says early (its lead) counts
    a little more, and decides between equal scores; what it says only once counts less, what its title says
    more, and phrases scoring under a fifth of the best of the others than such a subject (the title's help
    aside) are left out. ``memo`` (article → what ``distinct`` chose, by the order it saw) is read and
    updated: a corpus that grows by one article changes every score a little but few orders.
    """
    return rank_scored({a: scoring(phrases) for a, phrases in per_article.items()}, top=top, memo=memo)


def rank_scored(scorings: dict[int, tuple], *, top: int = 20, memo: dict | None = None) -> dict[int, list[tuple[str, float]]]:
    """``rank`` from each article's ``scoring`` of its phrases, computed before."""
    return Ranking(len(scorings), top=top, memo=memo).finish(scorings)


class Ranking:
    """``rank`` for a corpus whose size is known before all its articles are: the articles known first are
    ranked at once (``add``), and when the rest come (``finish``) only the articles that share a phrase with
    them are ranked again, since no other score can have changed. A build ranks the stored articles while
    the model analyses the new ones."""

    def __init__(self, n_docs: int, *, top: int = 20, memo: dict | None = None):
        self.n_docs, self.top, self.memo = n_docs, top, memo
        self.cut = MAX_DF_SHARE * n_docs if n_docs >= MIN_DOCS_FOR_DF_CUT else math.inf
        self.df: Counter = Counter()
        self.ordinary_said: Counter = Counter()  # times the corpus says each phrase of ordinary words
        self.ordinary_df: Counter = Counter()  # and in how many articles
        self.idf: dict[int, float] = {}
        self.scorings: dict[int, tuple] = {}
        self.ranked: dict[int, list[tuple[str, float]]] = {}
        self.best: dict[int, float] = {}

    def add(self, scorings: dict[int, tuple]) -> None:
        for lowered, _, _, said in scorings.values():
            self.df.update(lowered)
            self.ordinary_said.update(said)
            self.ordinary_df.update(said.keys())
        self.scorings.update(scorings)
        for article_id, scoring in scorings.items():
            self.ranked[article_id] = self._rank(article_id, scoring)

    def finish(self, scorings: dict[int, tuple]) -> dict[int, list[tuple[str, float]]]:
        """Add the remaining articles; the final ranking of every article."""
        changed = {phrase for lowered, *_ in scorings.values() for phrase in lowered}
        earlier = [(a, s) for a, s in self.scorings.items() if any(p.lower() in changed for p in s[1])]
        self.add(scorings)
        for article_id, scoring in earlier:
            self.ranked[article_id] = self._rank(article_id, scoring)
        ranked = {}
        for article_id, kept in self.ranked.items():  # far below the article's best, readers keep one in ten
            ranked[article_id] = [(p, s) for p, s in kept if s >= MIN_SCORE_SHARE * self.best[article_id]]
        if self.memo is not None:
            for stale in set(self.memo) - {str(a) for a in self.scorings}:
                del self.memo[stale]
        return ranked

    def _bursty(self, lowered: str) -> bool:
        """Whether the corpus says a phrase of ordinary words again and again wherever it says it."""
        return self.ordinary_said[lowered] >= BURSTINESS * self.ordinary_df[lowered]

    def _rank(self, article_id: int, scoring: tuple) -> list[tuple[str, float]]:
        _, phrases, packed, _ = scoring
        factors = array("d")
        factors.frombytes(packed)
        each = iter(factors)
        scored = []
        best = 0.0
        naming = set()
        own_names = set()  # a subsystem's, or what the title names ("BPF token" in a title on them)
        passing = set()  # said once, where that only fills a short list (FILL)
        for phrase, first, tf, length, term, lead, title, subject, label, ordinary, once in zip(
                phrases, *[each] * FACTORS):
            if once:
                passing.add(phrase)
            if term > 1.0:
                naming.add(phrase)
            if label or title > 1.0:
                own_names.add(phrase)
            n = self.df[phrase.lower()]
            if n > self.cut or ordinary and not self._bursty(phrase.lower()):
                continue
            factor = self.idf.get(n)
            if factor is None:
                factor = self.idf[n] = math.log((1 + self.n_docs) / (1 + n)) + 0.5
            score = tf * factor * length * term
            score *= lead
            if not subject:  # the title's subject, said throughout, would leave little else above the cut
                best = max(best, score)
            scored.append((round(score * title, 6), first, phrase))
        self.best[article_id] = round(best, 6)  # the cut is a share of the best score without the title's help
        named, own = frozenset(naming), frozenset(own_names)
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        ordered = [(p, s) for s, _, p in scored]
        if self.memo is None:
            return _backfilled(distinct(ordered, self.top, named, own), passing)
        seen = _order_signature(ordered, named, own)
        known = self.memo.get(str(article_id))
        if known is None or known[0] != seen:
            position = {p: i for i, (p, _) in enumerate(ordered)}
            known = self.memo[str(article_id)] = (
                seen, [position[p] for p, _ in distinct(ordered, self.top, named, own)])
        return _backfilled([ordered[i] for i in known[1]], passing)


def _backfilled(ranked: list[tuple[str, float]], passing: set[str]) -> list[tuple[str, float]]:
    """The ranked phrases, those said once (``passing``) only while fewer than ``FILL`` are listed: an
    article that returns to several topics is not tagged by what it names on the way."""
    kept = []
    for phrase, score in ranked:
        if phrase not in passing or len(kept) < FILL:
            kept.append((phrase, score))
    return kept


def _order_signature(ordered: list[tuple[str, float]], named: frozenset[str], own: frozenset[str]) -> str:
    """What ``distinct`` depends on: the phrases in order, which neighbours tie (not the scores), which name a
    subsystem and which are names of their own."""
    ties = "".join("=" if a[1] == b[1] else ">" for a, b in zip(ordered, ordered[1:]))
    return hashlib.blake2b("\x1f".join([ties, *(p for p, _ in ordered), "\x1e", *sorted(named), "\x1e",
                                        *sorted(own)]).encode("utf-8"), digest_size=16).hexdigest()
