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
