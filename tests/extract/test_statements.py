"""Reported requests and outlets' own reports (sentences written for these tests)."""
from __future__ import annotations

import pytest

# (sentence, speaker, words the statement text starts with) -- None: no statement
CASES = [
    ("Colombia has asked Cuba to hand over the rebels who were in Havana for peace talks.",
     "Colombia", "Cuba to hand over the rebels"),
    ("President Ivan Duque urged the Cuban government to arrest the leaders of the group.",
     "Ivan Duque", "the Cuban government to arrest"),
    ("The United Nations called on both sides to respect the ceasefire in the city.",
     "United Nations", "both sides to respect the ceasefire"),
    ("Al-Monitor reported that the general was killed by a roadside bomb near the city.",
     "Al-Monitor", "that the general was killed"),
    # a reported question is what was asked, not a request for an act
    ("The minister asked whether the talks would resume.", "minister", "whether the talks would resume"),
    ("Residents were asked to leave their homes before the shelling began.", None, None),
]


@pytest.mark.parametrize("sentence,speaker,starts", CASES)
def test_requests_and_outlet_reports(parse_text, sentence, speaker, starts):
    p = parse_text(sentence)
    if speaker is None:
        assert not p.statements, [(s.speaker and s.speaker.name, s.text) for s in p.statements]
        return
    got = [(s.speaker.name if s.speaker else None, s.text, s.kind) for s in p.statements]
    assert any(sp == speaker and text.startswith(starts) and kind == "indirect" for sp, text, kind in got), got
    st = p.statements[0]
    assert sentence[st.start:st.end] == st.text  # offsets bound the words


def test_outlet_is_only_the_speaker_of_its_own_report(parse_text):
    """When someone speaks through an outlet, the outlet is the medium, not the speaker."""
    p = parse_text("The army's general command said in a statement carried by Al-Monitor that "
                   "the town had been recaptured.")
    names = {s.speaker.name for s in p.statements if s.speaker}
    assert "Al-Monitor" not in names and names


def test_a_dateline_is_no_part_of_what_a_source_said(parse_text):
    p = parse_text("MOPTI, Mali — Soldiers detained 30 villagers at a market on Sunday, a local official said.")
    (st,) = [s for s in p.statements if s.kind == "indirect"]
    assert st.text.startswith("Soldiers detained 30 villagers") and "MOPTI" not in st.text


def test_clauses_joined_by_and_are_one_statement(parse_text):
    p = parse_text("Three guards were killed and a driver was wounded when gunmen stormed the depot, police said.")
    (st,) = [s for s in p.statements if s.kind == "indirect"]
    assert st.text.startswith("Three guards were killed") and "stormed the depot" in st.text
