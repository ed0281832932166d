"""scripts/evaluate.py: the one tuning/check split of every dataset, and the command on a small run.

The datasets and scorers are evaluation material kept outside the project (../shared); the tests that
read them skip when it is absent.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from helpers import ROOT, SHARED

HAVE_SHARED = (SHARED / "tools").is_dir() and (SHARED / "gold").is_dir()


def load_evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_split_rule_is_pinned():
    """The rule may never change silently: a changed split would mix tuned documents into the check part."""
    ev = load_evaluate()
    got = {i: ev.part_of(i) for i in ["a", "b", "g", "doc-1", "ecbplus__3_1ecb", "ecbplus__41_6ecb"]}
    assert got == {"a": "tuning", "b": "check", "g": "tuning", "doc-1": "tuning", "ecbplus__3_1ecb": "check",
                   "ecbplus__41_6ecb": "tuning"}
    assert ev.unit_of("ecbplus__12_3ecbplus") == "ecbplus__12" and ev.unit_of("gvdb__1") == "gvdb__1"


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_SHARED, reason="../shared is absent")
def test_split_is_stable_disjoint_and_covers_every_document():
    ev = load_evaluate()
    total = check = 0
    for name in ev.DATASETS:
        docs = ev.documents(SHARED, name)
        assert docs, name
        parts = ev.split(docs)
        assert parts == ev.split(list(reversed(docs))), f"{name}: the split depends on the order"
        ids = {p: {d.stem for d in parts[p]} for p in ev.PARTS}
        assert not ids["tuning"] & ids["check"], name
        assert ids["tuning"] | ids["check"] == {d.stem for d in docs}, name
        assert sum(len(v) for v in parts.values()) == len(docs), name
        total, check = total + len(docs), check + len(ids["check"])
        if name == "ecbplus":  # whole topics: cross-document coreference needs them together
            topics = {p: {ev.unit_of(d) for d in ids[p]} for p in ev.PARTS}
            assert topics["check"] and not topics["check"] & topics["tuning"]
    assert 0.2 < check / total < 0.4, check / total


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_SHARED, reason="../shared is absent")
def test_command_prints_both_parts(tmp_path):
    out = tmp_path / "table.json"
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "evaluate.py"), "--datasets", "seeds", "gvdb",
                          "--limit", "6", "--workers", "1", "--out", str(tmp_path / "builds"), "--json", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.splitlines()[0].split() == ["dataset", "metric", "tuning", "n", "check", "n"]
    got = json.loads(out.read_text())
    gvdb = got["datasets"]["gvdb"]
    assert gvdb["docs"] == {"tuning": 6, "check": 6}
    row = gvdb["metrics"]["gvdb_event_rate"]
    assert row["tuning_n"] == 6 and row["check_n"] == 6
    assert 0 <= row["tuning"] <= 1 and 0 <= row["check"] <= 1
    assert any(line.startswith("gvdb") and "gvdb_victim_acc" in line for line in res.stdout.splitlines())
    seeds = got["datasets"]["seeds"]  # both seed articles fall in the tuning part
    assert seeds["docs"] == {"tuning": 2, "check": 0}
    assert seeds["metrics"]["score"]["tuning"] >= 0.9 and seeds["metrics"]["score"]["check"] is None
