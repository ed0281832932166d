"""Modality that holds: what is denied, negated, possible or planned is never an asserted event with its
actor (sentences written for these tests)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,trigger,modality", [
    ("The Taliban denied responsibility for the bombing.", "bombing", "denied"),
    ("Police denied that officers fired on the crowd.", "fired", "denied"),
    ("The rebels did not attack the convoy.", "attack", "negated"),
    ("Syrian troops may have shelled the hospital.", "shelled", "hypothetical"),
    ("Rebels may attack the airport.", "attack", "hypothetical"),
    ("Russia plans to bomb the rebel positions.", "bomb", "future"),
    ("The militia plans to storm the town.", "storm", "future"),
])
def test_not_asserted(parse_text, text, trigger, modality):
    p = parse_text(text)
    ev = [e for e in p.events if e.trigger == trigger]
    assert ev, [e.trigger for e in p.events]
    assert ev[0].modality == modality


@pytest.mark.parametrize("text", [
    "French troops were not involved in the raid on the village.",
    "The army denied involvement in the attack on the convoy.",
    "The Taliban denied responsibility for the bombing.",
    "French forces did not take part in the bombing of the camp.",
])
def test_a_denied_part_is_never_an_asserted_event_with_that_actor(parse_text, text):
    p = parse_text(text)
    assert p.events
    assert not any(e.modality == "asserted" and (e.agents or e.targets) for e in p.events), \
        [(e.trigger, e.modality, [a.name for a in e.agents]) for e in p.events]


def test_claimed_responsibility_stays_asserted(parse_text):
    p = parse_text("The Taliban claimed responsibility for the bombing.")
    ev = next(e for e in p.events if e.trigger == "bombing")
    assert ev.modality == "asserted" and {a.key for a in ev.agents} == {"taliban"}
