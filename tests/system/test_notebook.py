"""notebooks/explore.ipynb: saved without outputs, and executed (nbclient, a real IPython kernel) against
a seed build so it never goes stale; its answers by the query functions and by SPARQL must agree."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow  # a real IPython kernel

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"

nbformat = pytest.importorskip("nbformat")

# appended to the executed copy only: what the notebook computed, as JSON on stdout
REPORT = """
import json as _json
print("CTKG-REPORT" + _json.dumps({
    "build": str(BUILD), "actor": ACTOR, "speaker": SPEAKER, "start": str(START), "end": str(END),
    "actor_timeline": actor_timeline.event_id.tolist() if "event_id" in actor_timeline else [],
    "actor_timeline_rows": len(actor_timeline),
    "who_did_what": sorted({(r.event_id, r.agent, r.target) for r in in_range.itertuples()}),
    "range_sparql": sorted({(r.event_id, r.agent, r.target if isinstance(r.target, str) else "")
                            for r in range_sparql.itertuples()}),
    "said": sorted(said.text.tolist()), "said_sparql": sorted(said_sparql.text.tolist()),
    "multi": sorted(multi.label.tolist()), "multi_sparql": sorted(multi_sparql.label.tolist()),
    "multi_sparql_articles": [int(x) for x in multi_sparql.articles],
    "ties": len(ties),
}))
"""


def test_saved_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "the notebook has no code"
    for c in code:
        assert c.outputs == [] and c.execution_count is None, c.id
    assert nb.metadata.kernelspec.name == "python3"
    # it reads the build folder from CTKG_BUILD (default exports/), never from a fixed path
    setup = "\n".join(c.source for c in code)
    assert 'os.environ.get("CTKG_BUILD")' in setup and "/tmp" not in setup


@pytest.fixture(scope="module")
def executed(seed_build):
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    _, out = seed_build
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(REPORT, id="ctkg-test-report"))
    old = os.environ.get("CTKG_BUILD")
    os.environ["CTKG_BUILD"] = str(out)  # the kernel inherits the environment
    try:
        nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        if old is None:
            os.environ.pop("CTKG_BUILD", None)
        else:
            os.environ["CTKG_BUILD"] = old
    report = None
    for o in nb.cells[-1].outputs:
        if o.get("name") == "stdout" and "CTKG-REPORT" in o.get("text", ""):
            report = json.loads(o["text"].split("CTKG-REPORT", 1)[1])
    assert report is not None, nb.cells[-1].outputs
    return nb, report, out


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cell(nb, cid: str):
    return next(c for c in nb.cells if c.get("id") == cid)


def test_runs_on_the_given_build(executed):
    nb, report, out = executed
    assert Path(report["build"]) == out.resolve()
    for c in nb.cells:
        if c.cell_type == "code":
            assert not [o for o in c.outputs if o.output_type == "error"], c.id
    # the overview counts what the build holds
    md = "".join(o["data"].get("text/markdown", "") for o in cell(nb, "setup").outputs if "data" in o)
    assert f"{len(rows(out / 'events.csv'))} events" in md


def test_actor_timeline_is_every_event_of_the_actor(executed):
    nb, report, out = executed
    actor = report["actor"]
    assert actor
    want = {r["event_id"] for r in rows(out / "events.csv")
            if actor in r["agents"].split(";") + r["targets"].split(";")}
    assert want and set(report["actor_timeline"]) == want and report["actor_timeline_rows"] == len(want)
    html = "".join(o["data"].get("text/html", "") for o in cell(nb, "actor-timeline").outputs if "data" in o)
    assert "<table" in html


def test_query_functions_and_sparql_agree(executed):
    _, report, _ = executed
    # who did what to whom in the date range
    assert report["who_did_what"] and report["who_did_what"] == report["range_sparql"]
    # what the busiest speaker said
    assert report["speaker"] and report["said"] and report["said"] == report["said_sparql"]
    # events several articles report
    assert report["multi"] == report["multi_sparql"] and all(n >= 2 for n in report["multi_sparql_articles"])
    assert report["ties"] > 0


def test_timeline_and_graph_are_shown_inline(executed):
    nb, _, out = executed
    for cid, name in (("timeline-view", "timeline.html"), ("graph-view", "graph.html")):
        html = "".join(o["data"].get("text/html", "") for o in cell(nb, cid).outputs if "data" in o)
        assert "<iframe" in html and name in html, (cid, html)
        assert (out / name).is_file()
