"""Keywords: lemmatised noun phrases per article, ranked against the rest of the corpus.

Candidates are the parser's noun chunks, cut at coordinations and possessives, trimmed of
determiners and vague modifiers, with a common-noun head lemmatised ("congestion avoidance
modules" → "congestion avoidance module"). Scores are TF-IDF with a preference for multi-word
phrases and for phrases that name a subsystem, so that words every article uses lose.
"""

from __future__ import annotations

import math
from collections import Counter

from spacy.tokens import Doc

VAGUE_MODIFIERS = frozenset({
    "new", "old", "current", "other", "various", "several", "such", "same", "existing", "many",
    "much", "little", "some", "first", "last", "next", "real", "similar", "certain", "different",
    "whole", "entire", "more", "most", "few", "good", "great", "big", "small", "large", "own",
    "particular", "main", "major", "minor", "simple", "possible", "important", "interesting",
    "further", "additional", "less", "only", "key", "specific", "general", "usual", "nice",
    "venerable", "multiple", "obvious", "recent", "following", "above", "below", "another", "any",
    "each", "every", "all", "both", "either", "neither", "no", "this", "that", "these", "those",
    "long", "short", "active", "original", "better", "best", "worse", "familiar", "formal",
})
_DROP_POS = frozenset({"DET", "PRON", "PUNCT", "NUM", "SYM", "CCONJ", "ADP", "PART", "SPACE", "X", "INTJ", "ADV", "VERB", "AUX"})
MAX_WORDS = 3
# Heads that add nothing to what precedes them: "IPsec/XFRM area" says "IPsec/XFRM".
GENERIC_HEADS = frozenset({"patch", "area", "stuff", "thing", "code", "work", "kind", "sort", "type", "set",
                           "series", "project", "issue", "stage"})
LENGTH_FACTOR = {1: 0.6, 2: 1.0, 3: 1.2}
TERM_FACTOR = 1.3


def is_term(text: str) -> bool:
    """Acronyms, mixed case and identifiers (IPv6, XDP, sk_buff): specific even alone."""
    return any(c.isupper() for c in text[1:]) or (text.isupper() and len(text) > 1) or "_" in text


def _form(token) -> str:
    return token.text if is_term(token.text) or token.pos_ == "PROPN" else token.lower_


def _head_form(token, keep: bool) -> str:
    if keep or is_term(token.text) or token.pos_ == "PROPN" or not token.lemma_:
        return _form(token)
    return token.lemma_.lower()


def verb_only_words(nlp) -> frozenset[str]:
    """Words the lemmatizer knows only as verbs ("configure"): inside a noun phrase they betray a mis-parse."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index["verb"]) - frozenset(index["noun"])
    except (KeyError, ValueError, AttributeError):
        return frozenset()


def _ranges(doc: Doc, term_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Noun chunks, each widened over the subsystem names it cuts ("offload" → "generic receive offload",
    where the parser took "receive" for a verb), plus the names no chunk touches."""
    ranges = []
    for chunk in doc.noun_chunks:
        start, end = chunk.start, chunk.end
        for t_start, t_end in term_spans:
            if t_start < end and start < t_end:
                start, end = min(start, t_start), max(end, t_end)
        ranges.append((start, end))
    ranges += [(a, b) for a, b in term_spans if not any(a < e and s < b for s, e in ranges)]
    return sorted(set(ranges))


def candidates(doc: Doc, excluded: set[int], term_spans: list[tuple[int, int]], stopphrases: frozenset[str],
               verb_only: frozenset[str] = frozenset()) -> list[tuple[str, bool]]:
    """(phrase, names a subsystem) for each keyword candidate of one paragraph, in order.

    ``excluded``: token indices of person mentions; ``term_spans``: (start, end) token ranges of subsystem
    mentions. A one-word subsystem name is kept as written ("nftables", not "nftable").
    """
    terms = {i: end - start for start, end in term_spans for i in range(start, end)}
    found = []
    for start, end in _ranges(doc, term_spans):
        tokens = list(doc[start:end])
        cut = max((k for k, t in enumerate(tokens) if t.pos_ == "CCONJ" or t.tag_ == "POS" or t.text == ","), default=-1)
        tokens = tokens[cut + 1:]
        while tokens and tokens[0].i not in terms and (
                tokens[0].pos_ in _DROP_POS or tokens[0].lower_ in VAGUE_MODIFIERS or tokens[0].tag_ in ("JJR", "JJS")
                or tokens[0].is_stop or not tokens[0].text.strip('"\'()')):
            tokens.pop(0)
        while tokens and tokens[-1].i not in terms and (tokens[-1].pos_ in _DROP_POS or not tokens[-1].text.strip('"\'()')):
            tokens.pop()
        if not tokens:
            continue
        left = tokens[0].i - 1
        if left >= 0 and doc[left].text in "-/" and not doc[left].whitespace_:
            continue  # the tail of a hyphenated compound ("64-bit systems")
        while len(tokens) > 1 and tokens[-1].lemma_.lower() in GENERIC_HEADS:
            tokens.pop()
        head = tokens[-1]
        if any(t.i in excluded for t in tokens) or (head.pos_ not in ("NOUN", "PROPN") and head.i not in terms):
            continue
        if any(t.like_url or t.like_email or t.like_num or (t.is_punct and t.text not in "-/") for t in tokens):
            continue
        if any(t.lower_ in verb_only and t.i not in terms for t in tokens[1:-1]):
            continue  # "user space configure hardware": a clause the parser took for a noun phrase
        if not any(sum(c.isalpha() for c in t.text) >= 3 for t in tokens):
            continue
        phrase = "".join([_form(t) + t.whitespace_ for t in tokens[:-1]] + [_head_form(head, terms.get(head.i) == 1)])
        phrase = " ".join(phrase.split()[-MAX_WORDS:])
        if phrase.lower() in stopphrases or all(t.is_stop for t in tokens):
            continue
        found.append((phrase, any(t.i in terms for t in tokens)))
    return found


def rank(per_article: dict[int, list], *, top: int = 20) -> dict[int, list[tuple[str, float]]]:
    """Top phrases per article by TF-IDF × length and subsystem preference; ties broken alphabetically.

    ``per_article`` maps an article to [(phrase, count, names_subsystem)].
    """
    n_docs = len(per_article)
    df: Counter = Counter()
    for phrases in per_article.values():
        df.update({p.lower() for p, _, _ in phrases})
    ranked = {}
    for article_id, phrases in per_article.items():
        scored = []
        for phrase, count, names_term in phrases:
            words = phrase.count(" ") + 1
            if words == 1 and count < 2 and not (names_term or is_term(phrase)):
                continue  # a lone common noun said once says little about the article
            idf = math.log((1 + n_docs) / (1 + df[phrase.lower()])) + 1.0
            length = LENGTH_FACTOR[min(words, 3)] * (1.5 if words == 1 and is_term(phrase) else 1.0)
            score = (1.0 + math.log(count)) * idf * length * (TERM_FACTOR if names_term else 1.0)
            scored.append((round(score, 6), phrase))
        scored.sort(key=lambda x: (-x[0], x[1]))
        ranked[article_id] = [(p, s) for s, p in scored[:top]]
    return ranked
