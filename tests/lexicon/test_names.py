"""Slugs and name keys (graph.lexicon.names): pinned, since graph ids are made of them."""
from __future__ import annotations

import pycountry
import pytest

from graph.lexicon.gazetteer import COUNTRY_KEYS, EXTRA_COUNTRIES, default_gazetteer
from graph.lexicon.names import (
    COUNTRY_NAMES,
    PLACE_COUNTRY_NAMES,
    alias_key,
    clean_name,
    slug,
    strip_accents,
    strip_titles,
)


@pytest.mark.parametrize("text, expected", [
    ("U.S.", "u_s"),  # periods separate (actor and place ids depend on it)
    ("Côte d'Ivoire", "cote_divoire"),
    ("Hay’at Tahrir al-Sham", "hayat_tahrir_al_sham"),
    ("Erdoğan", "erdogan"),
    ("  John  Kirby ", "john_kirby"),
    ("", "x"),
    ("!!!", "x"),
    ("rebels", "rebels"),
])
def test_slug(text, expected):
    assert slug(text) == expected


def test_country_keys_are_slugs_of_their_names():
    g = default_gazetteer()
    for c in pycountry.countries:
        if c.alpha_3 in COUNTRY_KEYS:
            continue
        name = COUNTRY_NAMES.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        entry = next(e for e in g.entries if e.type == "country" and e.country == c.alpha_3)
        assert entry.key in (slug(name), slug(name) + "_country")
    assert slug(EXTRA_COUNTRIES["XKX"][0]) == "kosovo"


def test_place_country_names_are_a_subset():
    assert PLACE_COUNTRY_NAMES.items() <= COUNTRY_NAMES.items()


def test_strip_accents_and_actor_names():
    assert strip_accents("Erdoğan Düzce") == "Erdogan Duzce"
    assert alias_key("the U.S.'s") == "US" and alias_key("Erdoğan") == "erdogan"
    assert clean_name("the Syrian army’s,") == "Syrian army"
    assert strip_titles("Lt. Gen. Stephen Townsend") == "Stephen Townsend"
    assert strip_titles("President") == "President"
