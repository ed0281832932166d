"""The learned role model: sentences written for these tests, the packaged model's file, and the
training script's determinism on a tiny dataset written here."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from graph.core.errors import ConfigError
from graph.extract.role_model import FORMAT, LABELS, DenseWeights, RoleModel, default_model, dense_inputs

ROOT = Path(__file__).resolve().parents[2]


def _names(refs):
    return {r.name for r in refs}


def _event(parsed, trigger):
    evs = [e for e in parsed.events if e.trigger.lower() == trigger]
    assert evs, f"no event {trigger!r} in {[e.trigger for e in parsed.events]}"
    return evs[0]


def test_packaged_model_loads_and_serves_attacks():
    m = default_model()
    assert "ASSAULT" in m.event_types
    assert len(m.weights) > 100
    assert all(len(w) == len(LABELS) for w in m.weights.values())


def test_a_broken_model_file_is_refused():
    with pytest.raises(ConfigError):
        RoleModel.from_json({"format": "something else", "labels": list(LABELS), "weights": {}}, "x.json")
    with pytest.raises(ConfigError):
        RoleModel.from_json({"format": FORMAT, "labels": list(LABELS), "weights": {"bias": [1.0, 2.0]}}, "x.json")


def test_probabilities_sum_to_one_and_unknown_features_are_neutral():
    m = RoleModel(weights={"a": (0.0, 2.0, 0.0, 0.0)}, event_types=frozenset({"ASSAULT"}))
    p = m.probabilities(["a", "never-seen"])
    assert abs(sum(p) - 1.0) < 1e-9
    assert max(range(len(LABELS)), key=lambda k: p[k]) == LABELS.index("agent")


@pytest.mark.parametrize("text, trigger, agent, target, place", [
    ("Gunmen shot three villagers in Kandahar on Monday.", "shot", "militants", "civilians", "Kandahar"),
    ("A shopkeeper was killed by two gunmen in Mosul on Friday.", "killed", "militants", "shopkeeper", "Mosul"),
    ("Michael Grant shot his neighbour outside a bar in Dayton, police said.", "shot", "Michael Grant", "neighbour",
     "Dayton"),
    ("Daniel Hoyle opened fire at a bus stop in Leeds, wounding two teenagers.", "wounding", "Daniel Hoyle",
     "teenagers", "Leeds"),
])
def test_who_did_what_to_whom_and_where(parse_text, text, trigger, agent, target, place):
    ev = _event(parse_text(text), trigger)
    assert any(agent in n for n in _names(ev.agents)), _names(ev.agents)
    assert any(target in n for n in _names(ev.targets)), _names(ev.targets)
    assert not (_names(ev.agents) & _names(ev.targets))
    assert ev.place is not None and ev.place.text == place


def test_the_speaker_is_not_the_attacker(parse_text):
    ev = _event(parse_text("Armed men attacked a police post near Gao overnight, the army said."), "attacked")
    assert not any("army" in n.lower() or "military" in n.lower() for n in _names(ev.agents)), _names(ev.agents)


def test_the_model_names_the_agent_of_a_passive_by_phrase(extractor):
    """The model alone (not the rules) labels the "by" phrase as the agent and the subject as the target."""
    from graph.core.model import Article
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder

    text = "The convoy was ambushed by fighters near the river."
    doc = extractor.nlp(text)
    ents = ArticleEntities.build(doc, Article(article_id="t", text=text, path="t"), extractor.resolver)
    finder = EventFinder(doc, ents, extractor.lexicon)
    trig = next(t for s in doc.sents for t in finder.triggers(s) if t.head.lower_ == "ambushed")
    assert [t.text for t in finder.learned(trig, "agent", 2)] == ["fighters"]
    assert [t.text for t in finder.learned(trig, "target", 3)] == ["convoy"]


def _train_module():
    spec = importlib.util.spec_from_file_location("train_roles", ROOT / "scripts" / "train_roles.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# a tiny annotated dataset written for this test: text, then (trigger, type, [(role, argument)])
TINY = {
    "tiny_a": ("Rebels attacked a checkpoint in Aleppo on Sunday.\nThe army shelled the village of Kafr Nabl.\n",
               [("attacked", "Conflict.Attack", [("Attacker", "Rebels"), ("Target", "checkpoint"), ("Place", "Aleppo")]),
                ("shelled", "Conflict.Attack", [("Attacker", "army"), ("Target", "village")])]),
    "tiny_b": ("A farmer was killed by soldiers near Hama.\nPolice arrested two men in Homs.\n",
               [("killed", "Life.Die", [("Victim", "farmer"), ("Killer", "soldiers"), ("Place", "Hama")]),
                ("arrested", "Justice.ArrestJailDetain", [("Jailer", "Police"), ("Detainee", "men"), ("Place", "Homs")])]),
}


def _write_tiny(folder: Path) -> Path:
    lines = []
    for doc, (text, events) in sorted(TINY.items()):
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        mentions, evs = [], []
        for k, (trig, typ, args) in enumerate(events):
            t0 = text.index(trig)
            arguments = []
            for role, arg in args:
                a0 = text.index(arg)
                mid = f"{doc}-A{len(mentions)}"
                mentions.append({"id": mid, "text": arg, "char_start": a0, "char_end": a0 + len(arg)})
                arguments.append({"role": role, "entity_id": mid, "text": arg})
            evs.append({"id": f"{doc}-E{k}", "type": typ, "arguments": arguments,
                        "trigger": {"text": trig, "char_start": t0, "char_end": t0 + len(trig)}})
        lines.append(json.dumps({"doc": doc, "entity_mentions": mentions, "events": evs}))
    gold = folder / "tiny.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gold


def test_training_is_deterministic_and_learns_the_tiny_set(tmp_path, extractor):
    mod = _train_module()
    gold = _write_tiny(tmp_path)
    files = []
    for run in ("one", "two"):
        examples = mod.examples_of(tmp_path, gold, {"tuning", "check"}, extractor=extractor)
        assert {ex["label"] for ex in examples} == set(LABELS)
        out = tmp_path / f"{run}.json"
        mod.write_model(mod.train(examples, epochs=5, min_triggers=1), out)
        files.append(out.read_bytes())
    assert files[0] == files[1]
    model = RoleModel.from_json(json.loads(files[0]), "one.json")
    assert "ASSAULT" in model.event_types or "COERCE" in model.event_types
    # what it learned holds on the examples it was trained on
    right = sum(LABELS[max(range(4), key=lambda k: p[k])] == ex["label"]
                for ex in examples for p in [model.probabilities(ex["features"])])
    assert right / len(examples) > 0.9


@pytest.mark.parametrize("text, trigger, target", [
    ("Militants killed a soldier at a checkpoint near Idlib.", "killed", "soldier"),
    ("Police detained a journalist in Minsk on Tuesday.", "detained", "journalist"),
])
def test_an_object_is_never_the_models_agent(extractor, text, trigger, target):
    """The agent's threshold is low (recall), but a word the model holds likelier a target is no agent."""
    from graph.core.model import Article
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder

    doc = extractor.nlp(text)
    ents = ArticleEntities.build(doc, Article(article_id="t", text=text, path="t"), extractor.resolver)
    finder = EventFinder(doc, ents, extractor.lexicon)
    trig = next(t for s in doc.sents for t in finder.triggers(s) if t.head.lower_ == trigger)
    agents = [t.text for t in finder.learned(trig, "agent", 2)]
    targets = [t.text for t in finder.learned(trig, "target", 3)]
    assert target not in agents, agents
    assert not set(agents) & set(targets)


@pytest.mark.parametrize("text, trigger, site", [
    ("Rebels bombed the Hotel Serena in Kabul on Monday.", "bombed", "Hotel Serena"),
    ("The bombing targeted Brussels and its airport, the prosecutor said.", "targeted", "Brussels"),
])
def test_a_named_place_attacked_is_a_target_that_ties_no_merge(parse_text, text, trigger, site):
    ev = _event(parse_text(text), trigger)
    refs = [r for r in ev.targets if r.name == site]
    assert refs, _names(ev.targets)
    assert refs[0].key in ev.learned  # shown, but it neither ties nor parts events when they are merged


def test_the_place_where_people_were_killed_is_no_target(parse_text):
    ev = _event(parse_text("Gunmen killed two farmers in Kandahar on Monday."), "killed")
    assert "Kandahar" not in _names(ev.targets)
    assert ev.place is not None and ev.place.text == "Kandahar"


def test_the_models_attacker_named_by_a_common_noun_stands_for_itself(parse_text):
    ev = _event(parse_text("Three masked brothers ambushed a police patrol near the border on Sunday."), "ambushed")
    assert any("brothers" in n for n in _names(ev.agents)), _names(ev.agents)


def test_the_models_likeliest_attacker_fills_a_role_the_rules_left_empty(extractor):
    """Where the rules find no attacker and no word reaches the model's usual threshold, its likeliest
    candidate of the trigger's own sentence is the attacker; where the rules found one, nothing is added."""
    from graph.core.model import Article
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder

    text = "Investigators said the fire at the depot in Mosul was set by the militia's men and killed four guards."
    doc = extractor.nlp(text)
    ents = ArticleEntities.build(doc, Article(article_id="t", text=text, path="t"), extractor.resolver)
    finder = EventFinder(doc, ents, extractor.lexicon)
    trig = next(t for s in doc.sents for t in finder.triggers(s) if t.head.lower_ == "killed")
    assert finder.learned(trig, "agent", 2) == []
    assert [t.text for t in finder.learned(trig, "agent", 2, empty=True)] == ["men"]
    agents, targets, learned = finder.roles_and_learned(trig)
    assert [a.text for a in agents] == ["men"] and {a.key for a in agents} <= learned
    assert "guards" in _names(targets)


def test_dense_training_is_deterministic_and_learns_the_tiny_set(tmp_path, extractor):
    """With spaCy's token vectors as dense inputs (linear, and through a small hidden layer), the same
    examples give the same file byte for byte, and the file loads with its dense weights."""
    mod = _train_module()
    gold = _write_tiny(tmp_path)
    blocks = ("cand", "trig", "prod")
    for hidden in (0, 4):
        files = []
        for run in ("one", "two"):
            examples = mod.examples_of(tmp_path, gold, {"tuning", "check"}, extractor=extractor, dense=blocks)
            assert all(len(ex["dense"]) == 3 * extractor.nlp("x").tensor.shape[1] for ex in examples)
            out = tmp_path / f"{run}-{hidden}.json"
            mod.write_model(mod.train(examples, epochs=5, min_triggers=1, blocks=blocks, hidden=hidden, dense_scale=3.0), out)
            files.append(out.read_bytes())
        assert files[0] == files[1]
        model = RoleModel.from_json(json.loads(files[0]), "one.json")
        assert model.dense is not None and model.dense.blocks == blocks
        assert (model.dense.hidden_matrix is not None) == bool(hidden)
        extra = model.dense.scores(np.asarray([ex["dense"] for ex in examples]))
        right = sum(LABELS[max(range(4), key=lambda k: p[k])] == ex["label"]
                    for ex, e in zip(examples, extra) for p in [model.probabilities(ex["features"], e)])
        assert right / len(examples) > 0.9


def _finder(extractor, text):
    from graph.core.model import Article
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder

    doc = extractor.nlp(text)
    ents = ArticleEntities.build(doc, Article(article_id="t", text=text, path="t"), extractor.resolver)
    return EventFinder(doc, ents, extractor.lexicon)


def test_a_models_dense_weights_are_used_when_present(extractor):
    """A model whose dense part favours "agent" whatever the word makes every candidate an agent; the same
    model without its dense part does not."""
    finder = _finder(extractor, "Gunmen stormed a hotel in Bamako on Friday.")
    trig = next(t for s in finder.doc.sents for t in finder.triggers(s) if t.head.lower_ == "stormed")
    width = finder.doc.tensor.shape[1]
    bias = np.array([0.0, 6.0, 0.0, 0.0])
    dense = DenseWeights(("cand", "trig"), np.zeros((2 * width, len(LABELS))), bias)
    finder.role_model = RoleModel(weights={}, event_types=frozenset({"ASSAULT"}), dense=dense)
    scored = finder.scored(trig)
    assert scored and all(p[LABELS.index("agent")] > 0.9 for _, p in scored)
    other = _finder(extractor, "Gunmen stormed a hotel in Bamako on Friday.")
    other.role_model = RoleModel(weights={}, event_types=frozenset({"ASSAULT"}))
    assert all(abs(p[1] - 0.25) < 1e-9 for _, p in other.scored(trig))


def test_dense_inputs_do_not_depend_on_how_articles_are_batched(extractor):
    """The token vectors of an article are the same parsed alone or in a batch with others (build's
    workers parse batches of articles), so the roles do not depend on the batches."""
    text = "Soldiers opened fire on protesters in the capital, killing three, witnesses said."
    alone = extractor.nlp(text)
    batched = list(extractor.nlp.pipe(["A long other article about the harvest in the north.", text,
                                       "Police arrested a man."], batch_size=3))[1]
    assert np.array_equal(alone.tensor, batched.tensor)
    rows = dense_inputs(alone, 1, [0, 6], ("cand", "trig", "prod"))
    assert rows.shape == (2, 3 * alone.tensor.shape[1])
    assert np.array_equal(rows, dense_inputs(batched, 1, [0, 6], ("cand", "trig", "prod")))


def test_a_dense_model_refuses_a_parse_without_token_vectors(extractor):
    from spacy.tokens import Doc

    doc = Doc(extractor.nlp.vocab, words=["Gunmen", "attacked", "a", "bus"])
    with pytest.raises(ConfigError):
        dense_inputs(doc, 1, [0, 3], ("cand",))
    with pytest.raises(ConfigError):  # dense weights of the wrong shape
        RoleModel.from_json({"format": FORMAT, "labels": list(LABELS), "weights": {},
                             "dense": {"blocks": ["cand"], "weights": [[0.0, 1.0]], "bias": [0.0] * 4}}, "x.json")
