"""Keywords: lemmatised noun phrases per article, ranked against the rest of the corpus.

Candidates are the parser's noun chunks, trimmed of determiners, pronouns and vague modifiers,
with the head noun lemmatised ("congestion avoidance modules" → "congestion avoidance module").
Scores are TF-IDF with a bonus for multi-word phrases, so that phrases every article uses lose.
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
    "further", "additional", "more", "less", "only", "key", "specific", "general", "usual", "nice",
    "venerable", "multiple", "similar", "obvious", "recent", "following", "above", "below", "another", "any",
    "each", "every", "all", "both", "either", "neither", "no", "this", "that", "these", "those",
})
_DROP_POS = frozenset({"DET", "PRON", "PUNCT", "NUM", "SYM", "CCONJ", "ADP", "PART", "SPACE", "X", "INTJ", "ADV"})
MAX_WORDS = 3
# Heads that add nothing to what precedes them: "IPsec/XFRM area" says "IPsec/XFRM".
GENERIC_HEADS = frozenset({"patch", "area", "stuff", "thing", "code", "work", "kind", "sort", "type", "set", "series", "project", "issue", "stage"})


def _is_term(text: str) -> bool:
    """Acronyms, mixed case and identifiers (IPv6, XDP, sk_buff): specific even alone."""
    return any(c.isupper() for c in text[1:]) or (text.isupper() and len(text) > 1) or "_" in text


def _form(token) -> str:
    text = token.text
    if any(c.isupper() for c in text[1:]) or (text.isupper() and len(text) > 1):
        return text  # acronyms and mixed case (IPv6, XDP, sk_buff stays as written)
    return text.lower()


def _head_form(token) -> str:
    if any(c.isupper() for c in token.text[1:]) or (token.text.isupper() and len(token.text) > 1):
        return token.text
    return token.lemma_.lower() if token.lemma_ and token.lemma_ != "-PRON-" else token.text.lower()


def candidates(doc: Doc, excluded: set[int], stopphrases: frozenset[str]) -> list[str]:
    """Keyword candidates of one paragraph, in order; ``excluded`` holds token indices of person mentions."""
    found = []
    for chunk in doc.noun_chunks:
        tokens = list(chunk)
        while tokens and (tokens[0].pos_ in _DROP_POS or tokens[0].lower_ in VAGUE_MODIFIERS
                          or tokens[0].is_stop or tokens[0].tag_ == "POS" or not tokens[0].text.strip('"\'()')):
            tokens.pop(0)
        while tokens and (tokens[-1].pos_ in _DROP_POS or tokens[-1].tag_ == "POS" or not tokens[-1].text.strip('"\'()')):
            tokens.pop()
        if not tokens:
            continue
        left = tokens[0].i - 1
        if left >= 0 and doc[left].text in "-/" and not doc[left].whitespace_:
            continue  # the tail of a hyphenated compound ("64-bit systems")
        while len(tokens) > 1 and tokens[-1].lemma_.lower() in GENERIC_HEADS:
            tokens.pop()
        if any(t.i in excluded for t in tokens) or tokens[-1].pos_ not in ("NOUN", "PROPN"):
            continue
        if any(t.like_url or t.like_email or t.like_num or t.is_punct and t.text not in "-/" for t in tokens):
            continue
        if not any(sum(c.isalpha() for c in t.text) >= 3 for t in tokens):
            continue
        phrase = "".join([_form(t) + t.whitespace_ for t in tokens[:-1]] + [_head_form(tokens[-1])])
        phrase = " ".join(phrase.split()[-MAX_WORDS:])
        if phrase.lower() in stopphrases or all(t.is_stop for t in tokens):
            continue
        found.append(phrase)
    return found


def rank(per_article: dict[int, Counter], *, top: int = 20) -> dict[int, list[tuple[str, float]]]:
    """Top phrases per article by TF-IDF × length bonus; ties broken alphabetically (deterministic)."""
    n_docs = len(per_article)
    df: Counter = Counter()
    for counts in per_article.values():
        df.update(counts.keys())
    ranked = {}
    for article_id, counts in per_article.items():
        scored = []
        for phrase, count in counts.items():
            if " " not in phrase and count < 2 and not _is_term(phrase):
                continue  # a lone common noun said once says little about the article
            idf = math.log((1 + n_docs) / (1 + df[phrase])) + 1.0
            words = phrase.count(" ") + 1
            score = (1.0 + math.log(count)) * idf * (1.0 + 0.5 * min(words - 1, 2))
            scored.append((round(score, 6), phrase))
        scored.sort(key=lambda x: (-x[0], x[1]))
        ranked[article_id] = [(p, s) for s, p in scored[:top]]
    return ranked
