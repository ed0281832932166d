"""scripts/train_merge.py on reports written for this test: the weights file it fits is the same on every
run of the same input (in any order), and the fitted score learns which evidence ties two reports of one
shooting."""
from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

from graph.build.merge_model import FEATURES, parse_weights
from graph.core.model import ActorRef, EventMention, PlaceMatch, PlaceRef, TimeValue

ROOT = Path(__file__).resolve().parents[2]
DAYTON = PlaceMatch(name="Dayton", country="USA", latitude=39.759, longitude=-84.192, feature="city")
AKRON = PlaceMatch(name="Akron", country="USA", latitude=41.081, longitude=-81.519, feature="city")
MONDAY, FRIDAY = date(2026, 3, 2), date(2026, 3, 6)


def train_merge():
    spec = importlib.util.spec_from_file_location("train_merge", ROOT / "scripts" / "train_merge.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def person(name: str) -> ActorRef:
    return ActorRef(key=name.lower().replace(" ", "_"), name=name, type="person", text=name, start=0, end=len(name))


def bystander(text: str) -> ActorRef:
    return ActorRef(key="unnamed_" + text.split()[-1], name=text, type="civilians", text=text, start=0, end=len(text))


def report(article: str, sentence: str, trigger: str, mode: str, place: PlaceMatch, day: date, victim: str | ActorRef,
           at: int = 0) -> EventMention:
    i, j = sentence.index(trigger), sentence.index(place.name)
    ref = PlaceRef(key=place.name.lower(), place=place, text=place.name, start=at + j, end=at + j + len(place.name))
    return EventMention(article_id=article, event_type="ASSAULT", mode=mode, cameo="18", trigger=trigger,
                        trigger_start=at + i, trigger_end=at + i + len(trigger), sentence=sentence, sentence_start=at,
                        sentence_end=at + len(sentence), targets=(person(victim) if isinstance(victim, str) else victim,),
                        place=ref,
                        time=TimeValue(value=day.isoformat(), start=day, end=day, precision="day"))


def corpus() -> tuple[list[EventMention], dict]:
    """Three shootings (two in Dayton on Monday, one in Akron on Friday) in eight reports; the gold units are
    the triggers, labelled with their shooting (the first letter of the article)."""
    mentions = [
        report("a1", "A gunman shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
               DAYTON, MONDAY, "Carla Holt"),
        report("a2", "Carla Holt was wounded in the Dayton shooting on Monday morning.", "shooting", "shooting",
               DAYTON, MONDAY, "Carla Holt"),
        report("a3", "Police in Dayton are still looking for the man who shot Carla Holt on Monday.", "shot",
               "shooting", DAYTON, MONDAY, "Carla Holt"),
        report("b1", "A gunman shot Dana Greer at a petrol station in Akron on Friday.", "shot", "shooting",
               AKRON, FRIDAY, "Dana Greer"),
        report("b2", "Dana Greer survived the Akron shooting on Friday, her family said.", "shooting", "shooting",
               AKRON, FRIDAY, "Dana Greer"),
        report("b3", "Akron police have arrested a man who shot Dana Greer on Friday.", "shot", "shooting",
               AKRON, FRIDAY, "Dana Greer"),
        report("c1", "Later on Monday a gunman shot a barman at a tavern in Dayton.", "shot", "shooting",
               DAYTON, MONDAY, bystander("a barman")),
        report("c2", "The barman hurt in Monday's tavern shooting in Dayton is recovering.", "shooting", "shooting",
               DAYTON, MONDAY, bystander("The barman")),
    ]
    units: dict[str, list[tuple[int, int, str]]] = {}
    for m in mentions:
        units.setdefault(m.article_id, []).append((m.trigger_start, m.trigger_end, m.article_id[0]))
    return mentions, units


def test_the_same_input_gives_the_same_weights_file():
    tm = train_merge()
    mentions, units = corpus()
    first = tm.weights_text(tm.fitted(mentions, units, articles=8, min_precision=0.0))
    again = tm.weights_text(tm.fitted(list(reversed(mentions)), dict(reversed(units.items())), articles=8,
                                      min_precision=0.0))
    assert first == again
    data = parse_weights(json.loads(first), "fitted")
    assert data.threshold in tm.THRESHOLDS and len(data.weights) == len(FEATURES)
    refined = tm.weights_text(tm.refined(mentions, units, json.loads(first), min_precision=0.0))
    assert refined == tm.weights_text(tm.refined(mentions, units, json.loads(first), min_precision=0.0))


def test_the_fit_learns_what_ties_two_reports_of_one_shooting():
    """Both Dayton shootings share the place, the day and the mode; only the victim tells the reports of one
    from those of the other, so the fit gives a shared victim a positive weight."""
    tm = train_merge()
    mentions, units = corpus()
    X, y = tm.examples(mentions, units)
    assert 0 < y.sum() < len(y)  # candidates of the other Dayton shooting are the negative examples
    data = tm.fitted(mentions, units, articles=8, min_precision=0.0)
    w = dict(zip(FEATURES, parse_weights(data, "fitted").weights))
    assert w["targets"] > 0
    assert data["fit"]["examples"] == len(y) and data["fit"]["positive"] == int(y.sum())
