"""The text of a parsed document, joined once, and its sentences, found once.

spaCy rebuilds ``Doc.text`` from every token on each access (a few milliseconds for a long
article); the extractors ask for it many times per article, so it is kept in the document's
``user_data`` the first time it is asked for.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "ctkg.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined on the first call for this document and kept."""
    got = doc.user_data.get(_KEY)
    if got is None:
        got = doc.user_data[_KEY] = doc.text
    return got


def cache_sentences(doc: Doc) -> None:
    """Make ``Token.sent`` a look-up in a table of the document's sentences, built once.

    spaCy finds a token's sentence by walking to its boundaries and making a new span on each
    access (about 2.5 microseconds); the extractors ask for it some 250 times per article. The
    table holds the spans ``doc.sents`` gives, which are those the walk finds.
    """
    by_token: list = [None] * len(doc)
    for sent in doc.sents:
        by_token[sent.start:sent.end] = [sent] * (sent.end - sent.start)
    doc.user_token_hooks["sent"] = lambda tok: by_token[tok.i]
