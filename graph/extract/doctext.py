"""The text of a parsed document, joined once.

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
