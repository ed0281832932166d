"""The event lexicon (graph.extract.event_lexicon): conditions are a registry checked at load."""
from __future__ import annotations

import pytest

from graph.core.errors import ConfigError
from graph.extract.event_lexicon import CONDITIONS, condition, default_lexicon, load_lexicon

HEADER = "lemma,pos,plover,mode,cameo,condition\n"


def test_every_packaged_condition_is_registered():
    used = {e.condition for e in default_lexicon().values() if e.condition}
    assert used and used <= set(CONDITIONS)
    assert {"take_territory", "fire_weapon", "call_for", "violent_strike", "not_celebratory", "movement",
            "plural", "dead_state", "wound_object", "open_fire", "down_particle", "up_particle", "not_escape"} == set(CONDITIONS)


def test_a_lexicon_file_loads(tmp_path):
    p = tmp_path / "event_lexicon.csv"
    p.write_text(HEADER + "attack,any,ASSAULT,attack,19,\nstrike,N,ASSAULT,air_strike,19,violent_strike\n",
                 encoding="utf-8")
    lex = load_lexicon(p)
    assert set(lex) == {("attack", "V"), ("attack", "N"), ("strike", "N")}
    assert lex[("strike", "N")].condition == "violent_strike" and lex[("attack", "V")].cameo == "19"


def test_an_unknown_condition_names_file_and_line(tmp_path):
    p = tmp_path / "event_lexicon.csv"
    p.write_text(HEADER + "attack,any,ASSAULT,attack,19,\nstrike,N,ASSAULT,air_strike,19,violent_strik\n",
                 encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_lexicon(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}:3: unknown condition 'violent_strik'; known: ")
    assert "event_lexicon.csv:3: unknown condition" in msg and "violent_strike" in msg


def test_an_unknown_plover_type_names_file_and_line(tmp_path):
    p = tmp_path / "lex.csv"
    p.write_text(HEADER + "attack,any,ASSAULTT,attack,19,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lex\.csv:2: unknown PLOVER type 'ASSAULTT'"):
        load_lexicon(p)


def test_a_condition_name_is_registered_once():
    with pytest.raises(ValueError, match="registered twice"):
        condition("plural")(lambda finder, tok: True)
    assert CONDITIONS["plural"].__name__ == "_plural"
