"""Shared fixtures: one extractor and one seed build per test session. Shared helpers that are not
fixtures (paths, sample graphs) live in helpers.py."""
from __future__ import annotations

import pytest

from helpers import SEEDS


@pytest.fixture(scope="session")
def extractor():
    from graph.extract.extractor import Extractor

    return Extractor.create()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, extractor):
    """The seeds built once into a temporary folder: (result, folder)."""
    from graph.pipeline import run_build

    out = tmp_path_factory.mktemp("seed_exports")
    return run_build([SEEDS], out, extractor=extractor), out


@pytest.fixture(scope="session")
def parse_text(extractor):
    """Parse one short article text published on a given date."""
    from datetime import date

    from graph.core.model import Article
    from graph.read.common import furniture_spans

    def parse(text: str, published: date | None = date(2016, 12, 22), article_id: str = "t"):
        return extractor.parse(Article(article_id=article_id, text=text, published=published,
                                       skip=furniture_spans(text)))

    return parse
