"""The vocabulary is defined once: word lists in graph/lexicon/words.py, name keys and slugs
in graph/lexicon/names.py; the extractors import them."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graph.lexicon import words

GRAPH = Path(__file__).resolve().parents[2] / "graph"
LEXICON = GRAPH / "lexicon"
# the one table of time words (months, units, holidays, ...) that the temporal finder and
# normalizer both build their patterns from; it imports the lists it shares from lexicon/words.py
TIME_VOCABULARY = GRAPH / "extract" / "temporal" / "vocabulary.py"
NOT_SCANNED = ()


def _modules():
    for p in sorted(GRAPH.rglob("*.py")):
        if not any(p.is_relative_to(d) for d in NOT_SCANNED):
            yield p, ast.parse(p.read_text(encoding="utf-8"))


def _string_collection(node: ast.AST) -> bool:
    """A set literal of strings, or set(...)/frozenset(...) of one or of a "...".split()."""
    if isinstance(node, ast.Set):
        return all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("set", "frozenset"):
        return len(node.args) == 1 and (_string_collection(node.args[0]) or (
            isinstance(node.args[0], ast.Call) and isinstance(node.args[0].func, ast.Attribute)
            and node.args[0].func.attr == "split"))
    return False


def test_no_word_set_outside_the_lexicon():
    found = []
    for path, tree in _modules():
        if path.is_relative_to(LEXICON) or path == TIME_VOCABULARY:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None \
                    and _string_collection(node.value):
                found.append(f"{path.relative_to(GRAPH.parent)}:{node.lineno}")
    assert not found, "word lists belong in graph/lexicon/words.py: " + ", ".join(found)


def test_each_name_in_words_is_bound_once_and_no_two_lists_are_equal():
    tree = ast.parse((LEXICON / "words.py").read_text(encoding="utf-8"))
    names = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
    assert len(names) == len(set(names))
    values = {n: getattr(words, n) for n in names if isinstance(getattr(words, n), (frozenset, dict, tuple))}
    seen: dict[object, str] = {}
    for name, v in values.items():
        key = frozenset(v.items()) if isinstance(v, dict) else frozenset(v)
        assert key not in seen, f"{name} equals {seen.get(key)}"
        seen[key] = name


@pytest.mark.parametrize("fn", ["slug", "name_key", "loose_key", "fold", "alias_key", "normalize", "clean_name",
                                "strip_titles", "strip_accents", "_fold"])
def test_name_functions_are_defined_only_in_names(fn):
    where = [f"{p.relative_to(GRAPH.parent)}:{n.lineno}" for p, tree in _modules() for n in ast.walk(tree)
             if isinstance(n, ast.FunctionDef) and n.name == fn and p != LEXICON / "names.py"]
    assert not where, where


def test_temporal_lists_keep_their_content():
    # graph/extract/temporal imports these six names; their content is what it needs
    assert words.SMALL_NUMBERS["zero"] == 0 and words.SMALL_NUMBERS["nineteen"] == 19 and len(words.SMALL_NUMBERS) == 20
    assert words.TENS["ninety"] == 90 and len(words.TENS) == 8
    assert words.ORDINALS["twenty first"] == 21 and len(words.ORDINALS) == 22
    assert len(words.SPEECH_VERBS) == 46 and {"say", "brief", "testify"} <= words.SPEECH_VERBS
    assert len(words.LIGHT_VERBS) == 38 and {"launch", "unfold", "witness"} <= words.LIGHT_VERBS
    assert len(words.PERSON_NOUNS) == 64 and {"civilians", "granddaughter"} <= words.PERSON_NOUNS


def test_derived_lists():
    assert words.REPORT_VERBS <= words.SPEECH_VERBS & words.QUOTE_VERBS
    assert words.INDIRECT_VERBS < words.QUOTE_VERBS and "believe" not in words.INDIRECT_VERBS
    assert "testify" in words.SPEECH_VERBS and "testify" not in words.QUOTE_VERBS
    assert "call" in words.QUOTE_VERBS and "call" not in words.SPEECH_VERBS
    assert "suffer" in words.LIGHT_VERBS and "suffer" not in words.AGENT_VERBS
    assert {"launch", "detonate", "call", "step"} <= words.AGENT_VERBS
    assert words.MILITARY_NOUNS <= words.HUMAN_NOUNS
    assert words.CASUALTY_VERBS < words.HARM_VERBS
    assert words.PART_NOUNS < words.OF_PHRASE_HEADS
    assert set(words.TIME_ZONES) < words.NOT_NAMES
    assert words.MODALS < words.HYPO_AUX and words.MODALS < words.TENSE_MODALS
    assert words.ANAPHORIC_PLACES < words.NAMED_AREA_NOUNS
    assert words.NUMBER_WORDS["twelve"] == 12 and words.NUMBER_WORDS["dozens"] == 24
    assert "zero" not in words.NUMBER_WORDS and words.NUMBER_WORDS["millions"] == 2_000_000
