"""Loading the trained spaCy model with only the components extraction needs."""

from __future__ import annotations

import bisect
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from pipeline.errors import PipelineError

# LWN writes after a link's text where it leads when that is not a web page: "slides [PDF]", "Eric Biggers
# [KSDB]", "a talk [YouTube]". The model reads such a tag as a word of the sentence ("an article [PDF] by X"
# hides X from it), so it reads each paragraph without them.
LINK_TAG_RE = re.compile(r" ?\[(?:PDF|PS|PPT|ODP|KSDB|YouTube|[Vv]ideo|[Ss]lides)\](?=[\s.,;:)]|$)")

# tagger+attribute_ruler+lemmatizer give lemmas, the parser gives sentences, noun chunks and
# dependencies, ner gives PERSON entities; all of them are used.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@lru_cache(maxsize=4)
def load_model(name: str):
    """Load the model once per process; a missing model is a one-line error saying how to install it."""
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - only without the project's dependencies
        raise PipelineError("spaCy is not installed: run `make` (or pip install -e .) first") from err
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise PipelineError(
            f"spaCy model {name!r} is not installed: run `make` to install the pinned model, "
            f"or `pip install {name.replace('_', '-')}` and set SPACY_MODEL={name}"
        ) from err
    disable = [p for p in nlp.pipe_names if p not in COMPONENTS]
    for pipe in disable:
        nlp.disable_pipe(pipe)
    return nlp


def model_version_key(model: str) -> str:
    """Model name and installed version without importing spaCy (for cache keys and provenance)."""
    from importlib import metadata

    try:
        return f"{model}=={metadata.version(model)}"
    except metadata.PackageNotFoundError:
        path = Path(model) / "meta.json"
        return f"{model}:{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}" if path.is_file() else model


def english_words(nlp) -> frozenset[str]:
    """Ordinary English words: the lemmatizer's WordNet index of the model (about 90,000 words)."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError, AttributeError):
        return frozenset()
    return frozenset(w.lower() for pos in ("noun", "verb", "adj", "adv") for w in index[pos] if "_" not in w)


def model_text(text: str) -> tuple[str, list[tuple[int, int]]]:
    """A paragraph as the model reads it, without LWN's link tags, and the cuts made: (offset in the text the
    model reads, characters cut there), in order."""
    cuts, kept, last, removed = [], [], 0, 0
    for match in LINK_TAG_RE.finditer(text):
        kept.append(text[last:match.start()])
        cuts.append((match.start() - removed, match.end() - match.start()))
        removed += match.end() - match.start()
        last = match.end()
    return "".join(kept) + text[last:], cuts


def text_offset(cuts: list[tuple[int, int]], offset: int, end: bool = False) -> int:
    """Where an offset in the text the model read falls in the paragraph as written: a start after a cut
    made there, an ``end`` before it."""
    return offset + sum(n for _, n in cuts[:bisect.bisect_left(cuts, (offset + (not end), 0))])
