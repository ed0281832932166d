"""The parse stage on several processes and on Dask gives the same graph as one process."""
from __future__ import annotations

import pytest

from graph.build.parallel import default_workers, parse_stream
from graph.core.errors import ConfigError, InputError
from graph.core.model import Article
from graph.pipeline import run_build
from helpers import ROOT

TABLES = ["events.csv", "mentions.csv", "statements.csv", "actors.csv", "places.csv", "timexes.csv", "articles.csv"]


def _articles(n: int) -> list[Article]:
    from datetime import date, timedelta

    out = []
    for i in range(n):
        day = date(2020, 1, 1) + timedelta(days=i)
        out.append(Article(article_id=f"a{i:03d}", path=f"a{i:03d}.txt", published=day, text=(
            f"Rebels shelled the town of Idlib on Monday, killing {i + 2} civilians, the army said.\n\n"
            f"\"We will respond,\" General Ali Hassan said on Tuesday.")))
    return out


def _tables(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in TABLES}


@pytest.mark.slow
def test_two_workers_give_the_same_files_as_one(tmp_path, extractor):
    a = run_build([ROOT / "seeds"], tmp_path / "one", extractor=extractor, workers=1)
    b = run_build([ROOT / "seeds"], tmp_path / "two", extractor=extractor, workers=2)
    assert a.failed == b.failed == 0
    assert _tables(tmp_path / "one") == _tables(tmp_path / "two")
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.json", "graph.graphml", "graph.gexf", "graph.html",
                 "timeline.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_results_keep_input_order_and_failures_pass_through(extractor):
    from graph.core.model import ArticleFailure

    items = _articles(5)
    items.insert(2, ArticleFailure("broken", "broken.txt", "not UTF-8"))
    got = list(parse_stream(items, extractor=extractor, workers=2, batch_size=2))
    ids = [g.article_id if isinstance(g, ArticleFailure) else g.article.article_id for g in got]
    assert ids == ["a000", "a001", "broken", "a002", "a003", "a004"]
    assert all(g.events for g in got if not isinstance(g, ArticleFailure))


class _Breaks:
    """An extractor that fails on one article: the others of its batch must survive."""

    def __init__(self, inner, bad: str):
        self.inner, self.bad = inner, bad

    def parse_many(self, batch, batch_size=16):
        for a in batch:
            yield self.parse(a)

    def parse(self, a):
        if a.article_id == self.bad:
            raise ValueError("boom")
        return self.inner.parse(a)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_that_breaks_the_extractor_fails_alone(extractor, workers):
    from graph.core.model import ArticleFailure

    got = list(parse_stream(_articles(4), extractor=_Breaks(extractor, "a001"), workers=workers, batch_size=4))
    fails = [g for g in got if isinstance(g, ArticleFailure)]
    assert [f.article_id for f in fails] == ["a001"]
    assert "ValueError: boom" in fails[0].reason
    assert len(got) == 4


def test_strict_stops_at_the_first_failure(tmp_path, extractor):
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    with pytest.raises(InputError) as err:
        run_build([bad.parent], tmp_path / "out", extractor=extractor, strict=True, workers=1)
    assert "empty.txt" in str(err.value)


def test_bad_worker_counts_are_refused(extractor):
    with pytest.raises(ConfigError, match="at least 1"):
        list(parse_stream(_articles(1), extractor=extractor, workers=0))
    assert default_workers() >= 1


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_files(tmp_path, extractor):
    distributed = pytest.importorskip("distributed")
    a = run_build([ROOT / "seeds"], tmp_path / "local", extractor=extractor, workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        b = run_build([ROOT / "seeds"], tmp_path / "dask", workers=1, scheduler=cluster.scheduler_address)
    assert a.failed == b.failed == 0
    assert _tables(tmp_path / "local") == _tables(tmp_path / "dask")


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    pytest.importorskip("distributed")
    with pytest.raises(ConfigError, match="Dask scheduler"):
        run_build([ROOT / "seeds"], tmp_path / "x", scheduler="tcp://127.0.0.1:9")
