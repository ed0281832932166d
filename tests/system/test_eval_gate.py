"""Evaluation gate on the development corpus (../shared/corpus): measures may only rise.

The corpus and its gold annotations are evaluation material kept outside the project;
this test builds them into a temporary folder and skips when they are absent.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import ROOT, SHARED

pytestmark = pytest.mark.slow  # builds and scores the evaluation corpus

GOLD = ["wikievents.dev.jsonl", "ecbplus.dev.jsonl", "tbaq_aquaint_timeml.dev.jsonl"]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir() or not all((SHARED / "gold" / g).exists() for g in GOLD),
                    reason="../shared/corpus or its gold files are absent")
def test_dataset_floor(tmp_path, extractor):
    from graph.pipeline import run_build

    out = tmp_path / "corpus"
    result = run_build([SHARED / "corpus"], out, extractor=extractor)
    assert result.failed == 0, [(f.article_id, f.reason) for f in result.failures]
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "score_datasets.py"), str(out),
                          *[str(SHARED / "gold" / g) for g in GOLD], "--json"],
                         capture_output=True, text=True, check=True)
    got = json.loads(res.stdout)
    floor = json.loads((ROOT / "tests" / "system" / "eval_floor.json").read_text())["datasets"]
    low = {k: (got.get(k), v) for k, v in floor.items() if got.get(k, 0.0) < v}
    assert not low, f"below the floor (got, floor): {low}"


@pytest.mark.skipif(not (SHARED / "tools").is_dir() or not (SHARED / "datasets").is_dir(),
                    reason="../shared's datasets or scorers are absent")
def test_check_part_floor(tmp_path):
    """The check part of every dataset (scripts/evaluate.py's split), built and scored by one evaluate run;
    each measure stays at or above its floor in eval_floor.json's `check` section. About 5 minutes on 2 CPUs."""
    floor = {k: v for k, v in json.loads((ROOT / "tests" / "system" / "eval_floor.json").read_text())["check"].items()
             if not k.startswith("_")}
    table = tmp_path / "check.json"
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "evaluate.py"), "--parts", "check", "--workers", "2",
                          "--datasets", *floor, "--json", str(table)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-2000:]
    got = json.loads(table.read_text())["datasets"]
    low = {(name, m): (got[name]["metrics"].get(m, {}).get("check"), v) for name, ms in floor.items()
           for m, v in ms.items() if (got[name]["metrics"].get(m, {}).get("check") or 0.0) < v}
    assert not low, f"check parts below the floor (got, floor): {low}"
