"""graph/export/labels.py: event labels from roles, mode and date, and the phrase table they read."""
from __future__ import annotations

import csv

import pytest

from graph.core.errors import ConfigError
from graph.export.labels import COLUMNS, Role, date_label, event_label, load_phrases, what_happened
from helpers import ROOT


def test_every_mode_of_the_event_lexicon_has_a_phrase():
    with (ROOT / "graph" / "data" / "event_lexicon.csv").open(encoding="utf-8", newline="") as f:
        modes = {r["mode"] for r in csv.DictReader(f)}
    assert modes and modes <= set(load_phrases())


@pytest.mark.parametrize("mode, agents, targets, place, expected", [
    ("capture", [Role("Syrian Army", "military")], [], Role("Aleppo"), "Syrian Army captures Aleppo"),
    ("capture", [], [], Role("Aleppo"), "Capture of Aleppo"),
    ("evacuation", [Role("Syrian civilians", "civilians")], [], Role("Aleppo"), "Syrian civilians evacuate Aleppo"),
    ("arrival", [Role("John Kirby", "person")], [], Role("Geneva"), "John Kirby arrives in Geneva"),
    ("shelling", [Role("Russia", "country"), Role("Iran", "country")], [Role("rebels", "armed_group")], Role("Idlib"),
     "Russia and Iran shell rebels in Idlib"),
    ("death", [], [Role("civilians", "civilians")], None, "Deaths of civilians"),
    ("surrender", [Role("Syrian rebels", "armed_group")], [], Role("Aleppo"), "Syrian rebels surrender in Aleppo"),
    ("killing", [Role("A", "person"), Role("B", "person"), Role("C", "person")], [], None, "A, B +1 kill"),
    ("arrest", [Role("Chicago police", "other")], [Role("John Doe", "person")], None, "Chicago police arrest John Doe"),
    ("arrest", [Role("Associated Press", "media")], [], None, "Associated Press arrests"),
    ("visit", [Role("United States", "country")], [], Role("Geneva"), "United States visits Geneva"),
    ("no_such_mode", [], [], Role("Aleppo"), "No such mode in Aleppo"),
    ("outrage", [], [Role("Iran", "country")], Role("Iran"), "Outrage at Iran"),
    ("support", [Role("Iran", "country"), Role("Russia", "country")], [Role("Syrian government", "government")],
     Role("Iran"), "Iran and Russia support Syrian government"),  # " in Iran" would not fit
])
def test_what_happened(mode, agents, targets, place, expected):
    assert what_happened(mode, "ASSAULT", agents, targets, place) == expected


def test_modality_is_said():
    capture = ("capture", "ASSAULT", [Role("Syrian Army")], [], Role("Aleppo"))
    assert what_happened(*capture, modality="negated") == "Not: Syrian Army captures Aleppo"
    assert what_happened(*capture, modality="hypothetical").startswith("Possible: ")


@pytest.mark.parametrize("start, end, year, expected", [
    ("2016-12-22", "2016-12-22", False, "22 Dec"),
    ("2016-12-22", "2016-12-22", True, "22 Dec 2016"),
    ("2016-12-19", "2016-12-25", False, "19\u201325 Dec"),
    ("2016-11-22", "2016-12-22", False, "22 Nov\u201322 Dec"),
    ("2016-12-01", "2016-12-31", False, "Dec 2016"),
    ("2015-01-01", "2015-12-31", False, "2015"),
    ("2015-12-30", "2016-01-02", False, "30 Dec 2015\u20132 Jan 2016"),
    ("", "", True, ""),
    ("not a date", "", True, ""),
])
def test_date_label(start, end, year, expected):
    assert date_label(start, end, year=year) == expected


def test_event_label_keeps_the_date_whole_on_its_line():
    label = event_label("capture", "ASSAULT", [Role("Syrian Army")], [], Role("Aleppo"), "asserted",
                        "2016-12-15", "2016-12-22", "range", year=True, width=24)
    assert label == "Syrian Army captures\nAleppo, 15\u201322 Dec 2016"
    label = event_label("capture", "ASSAULT", [Role("Syrian Army")], [], Role("Aleppo al-Jadida"), "asserted",
                        "2016-12-15", "2016-12-22", "range", year=True, width=24)
    assert label == "Syrian Army captures\nAleppo al-Jadida,\n15\u201322 Dec 2016"
    assert event_label("capture", "ASSAULT", [Role("Syrian Army")], [], None, "asserted", "", "") == "Syrian Army captures"


def test_a_broken_phrase_table_is_refused(tmp_path):
    bad = tmp_path / "phrases.csv"
    bad.write_text("mode,verb\ncapture,captures\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="columns"):
        load_phrases(str(bad))
    row = "capture,captures,capture,,,Capture,of,of\n"
    bad.write_text(",".join(COLUMNS) + "\n" + row + row, encoding="utf-8")
    with pytest.raises(ConfigError, match="twice"):
        load_phrases(str(bad))
    bad.write_text(",".join(COLUMNS) + "\ncapture,,capture,,,Capture,of,of\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="required"):
        load_phrases(str(bad))
