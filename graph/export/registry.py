"""Tables and graph files written from the graph (CONTRACT.md).

Each format has ``generate_<name>(G) -> str`` and is registered by file name in
``FORMATS``; :func:`write_exports` writes them all atomically (temporary file in the
same folder, then ``os.replace``), so every file is complete or absent.
"""
from __future__ import annotations

import csv
import glob
import io
import json
import multiprocessing as mp
import os
import re
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graph.core.errors import ExportError, UnknownFormat
from graph.core.files import TMP_SUFFIX, stage, sync_dir, unlink_quietly, write_text_atomic
from graph.core.schema import Kind, Rel

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None

EVENT_COLUMNS = ["event_id", "date", "date_start", "date_end", "date_precision", "event_type", "label", "agents",
                 "targets", "place", "latitude", "longitude", "articles", "mode", "cameo", "modality", "killed",
                 "injured", "displaced", "sources", "n_mentions", "merge_reason"]
MENTION_COLUMNS = ["event_id", "article", "sentence", "char_start", "char_end", "trigger", "trigger_start",
                   "trigger_end", "modality", "date", "date_start", "date_end", "time_text"]
STATEMENT_COLUMNS = ["statement_id", "speaker", "article", "kind", "text", "char_start", "char_end", "date",
                     "date_start", "date_end", "date_precision", "about_events", "medium"]
TIMEX_COLUMNS = ["article", "text", "char_start", "char_end", "type", "value", "date_start", "date_end",
                 "precision"]
ACTOR_COLUMNS = ["actor_id", "name", "type", "country", "affiliation", "aliases", "articles"]
PLACE_COLUMNS = ["place_id", "name", "country", "latitude", "longitude", "aliases", "articles", "geonameid"]
ARTICLE_COLUMNS = ["article_id", "title", "publisher", "published", "path", "status", "error", "n_events",
                   "n_statements", "published_source"]


def _join(items) -> str:
    return ";".join(str(x).replace(";", ",") for x in items)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _cell(v) -> str:
    """A CSV cell: control characters (NUL, escape...) and lone surrogates become spaces,
    one for one, so text keeps its length and offsets, and every CSV reader can read it."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.5f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return _CONTROL.sub(" ", _join(v))
    return _CONTROL.sub(" ", str(v))


def _csv(columns: list[str], rows: list[dict]) -> str:
    """CSV with "\n" line ends. The csv module only quotes a cell for the line terminator's own
    characters, so a row with a bare "\r" in a cell (old Mac line ends in an article) has every
    cell quoted: otherwise a reader would end the row there."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(columns)
    for r in rows:
        cells = [_cell(r.get(k)) for k in columns]
        (quoted if any("\r" in c for c in cells) else w).writerow(cells)
    return buf.getvalue()


def nodes_of(G: nx.MultiDiGraph, kind: Kind) -> list[tuple[str, dict]]:
    return sorted(((n, d) for n, d in G.nodes(data=True) if d.get("kind") == kind.value), key=lambda x: x[0])


def out_edges(G: nx.MultiDiGraph, n: str, rel: Rel) -> list[tuple[str, dict]]:
    return sorted(((v, d) for _, v, d in G.out_edges(n, data=True) if d.get("relation") == rel.value),
                  key=lambda x: (x[0], x[1].get("trigger_start", 0)))


def generate_events_csv(G: nx.MultiDiGraph) -> str:
    rows = []
    for n, d in nodes_of(G, Kind.EVENT):
        agents = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.AGENT)]
        targets = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.TARGET)]
        places = [G.nodes[v] for v, _ in out_edges(G, n, Rel.PLACE)]
        sources = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.SOURCE)]
        mentions = out_edges(G, n, Rel.MENTIONED_IN)
        p = places[0] if places else {}
        rows.append({**d, "agents": agents, "targets": targets, "place": p.get("name", ""),
                     "latitude": p.get("latitude"), "longitude": p.get("longitude"), "sources": sorted(set(sources)),
                     "articles": d.get("articles", []), "n_mentions": len(mentions)})
    rows.sort(key=lambda r: (r.get("date_start") or "9999", r["event_id"]))
    return _csv(EVENT_COLUMNS, rows)


def generate_mentions_csv(G: nx.MultiDiGraph) -> str:
    rows = []
    for n, d in nodes_of(G, Kind.EVENT):
        for v, e in out_edges(G, n, Rel.MENTIONED_IN):
            rows.append({**e, "event_id": d["event_id"], "article": G.nodes[v]["article_id"]})
    rows.sort(key=lambda r: (r["article"], int(r["trigger_start"]), r["event_id"]))
    return _csv(MENTION_COLUMNS, rows)


def generate_statements_csv(G: nx.MultiDiGraph) -> str:
    rows = []
    for n, d in nodes_of(G, Kind.STATEMENT):
        about = [G.nodes[v]["event_id"] for v, _ in out_edges(G, n, Rel.ABOUT)]
        rows.append({**d, "kind": d.get("kind_of", ""), "speaker": d.get("speaker_name", ""),
                     "about_events": sorted(set(about))})
    rows.sort(key=lambda r: (r["article"], int(r["char_start"]), r["statement_id"]))
    return _csv(STATEMENT_COLUMNS, rows)


def generate_timexes_csv(G: nx.MultiDiGraph) -> str:
    rows = list(G.graph.get("timexes", []))
    rows.sort(key=lambda r: (r["article"], int(r["char_start"]), int(r["char_end"])))
    return _csv(TIMEX_COLUMNS, rows)


def generate_actors_csv(G: nx.MultiDiGraph) -> str:
    rows = []
    for n, d in nodes_of(G, Kind.ACTOR):
        aff = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.AFFILIATION)]
        rows.append({**d, "affiliation": aff[0] if aff else ""})
    return _csv(ACTOR_COLUMNS, rows)


def generate_places_csv(G: nx.MultiDiGraph) -> str:
    return _csv(PLACE_COLUMNS, [d for _, d in nodes_of(G, Kind.PLACE)])


def generate_articles_csv(G: nx.MultiDiGraph) -> str:
    return _csv(ARTICLE_COLUMNS, [d for _, d in nodes_of(G, Kind.ARTICLE)])


def generate_json(G: nx.MultiDiGraph) -> str:
    """Node-link JSON (networkx.node_link_data) for notebooks and other tools."""
    data = nx.node_link_data(G, edges="links")
    data["graph"] = {k: v for k, v in data.get("graph", {}).items() if k != "timexes"}
    data["nodes"].sort(key=lambda d: d["id"])
    data["links"].sort(key=lambda d: (d["source"], d["target"], str(d.get("key"))))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, default=str) + "\n"


def generate_turtle(G: nx.MultiDiGraph) -> str:
    from graph.export.rdf import generate_turtle as gen

    return gen(G)


def generate_trig(G: nx.MultiDiGraph) -> str:
    from graph.export.rdf import generate_trig as gen

    return gen(G)


def generate_jsonld(G: nx.MultiDiGraph) -> str:
    from graph.export.rdf import generate_jsonld as gen

    return gen(G)


def generate_html(G: nx.MultiDiGraph) -> str:
    from graph.export.html import generate_html as gen

    return gen(G)


def generate_timeline(G: nx.MultiDiGraph) -> str:
    from graph.export.timeline import generate_timeline as gen

    return gen(G)


FORMATS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "articles.csv": generate_articles_csv,
    "events.csv": generate_events_csv,
    "mentions.csv": generate_mentions_csv,
    "statements.csv": generate_statements_csv,
    "timexes.csv": generate_timexes_csv,
    "actors.csv": generate_actors_csv,
    "places.csv": generate_places_csv,
    "graph.json": generate_json,
    "graph.ttl": generate_turtle,
    "graph.trig": generate_trig,
    "graph.jsonld": generate_jsonld,
    "graph.html": generate_html,
    "timeline.html": generate_timeline,
}
_DEFAULTS = dict(FORMATS)


_SURROGATE = re.compile("[\ud800-\udfff]")
JOURNAL = ".ctkg-commit.json"  # the renames of a set of exports that was being put in place
LOCK = ".ctkg-lock"  # held (flock) by the build writing the folder


def recover_exports(out: str | os.PathLike) -> None:
    """Finish or clean up after a build that was killed while writing ``out``.

    A killed build can leave hidden temporary files (removed here), and, if it was killed
    while renaming a complete set of new files into place, a journal of those renames:
    they are completed, so the folder holds one build's files, never a mix of two.
    """
    out = Path(out)
    journal = out / JOURNAL
    if journal.is_file():
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pairs = []  # a journal cut short: it was written before any rename, so nothing moved
        for tmp, final in pairs if isinstance(pairs, list) else []:
            src, dst = out / str(tmp), out / str(final)
            if src.parent == out and dst.parent == out and src.is_file():
                os.replace(src, dst)
        unlink_quietly(journal)
    for name in FORMATS:
        for stale in out.glob(f".{glob.escape(name)}.*{TMP_SUFFIX}"):
            unlink_quietly(stale)
    for stale in out.glob(f"{JOURNAL}.*{TMP_SUFFIX}"):
        unlink_quietly(stale)


def generate(G: nx.MultiDiGraph, name: str) -> str:
    if name not in FORMATS:
        raise UnknownFormat(f"unknown export format {name!r}; known: {', '.join(sorted(FORMATS))}")
    # a lone surrogate (from a caller's own records) cannot be written as UTF-8: U+FFFD instead
    return _SURROGATE.sub("\ufffd", FORMATS[name](G))


LINKED_DATA = {"graph.ttl": "generate_turtle", "graph.trig": "generate_trig", "graph.jsonld": "generate_jsonld"}


def _generate_group(G: nx.MultiDiGraph, names: list[str]) -> dict[str, str]:
    """The texts of several formats; the linked-data formats share one computation of the quads."""
    from graph.export import rdf

    texts, data = {}, None
    for name in names:
        if name in LINKED_DATA and FORMATS.get(name) is _DEFAULTS.get(name):
            data = data or rdf.linked_data(G)
            texts[name] = getattr(rdf, LINKED_DATA[name])(G, data=data)
        else:
            texts[name] = generate(G, name)
    return texts


# The graph a forked export process works on (inherited through fork, never pickled): the
# state of that one child process, not configuration.
_CHILD: dict[str, nx.MultiDiGraph] = {}


def _init_child(G: nx.MultiDiGraph) -> None:
    _CHILD["G"] = G


def _child_generate(names: list[str]) -> dict[str, str]:
    return _generate_group(_CHILD["G"], names)


def generate_many(G: nx.MultiDiGraph, names: list[str], *, workers: int = 1) -> dict[str, str]:
    """The texts of several formats. With ``workers`` > 1 (and the fork start method), the
    linked-data formats are generated in a forked process while this one writes the rest:
    the two halves take about as long, so the export stage takes about half the time."""
    names = list(names)
    for name in names:
        if name not in FORMATS:
            raise UnknownFormat(f"unknown export format {name!r}; known: {', '.join(sorted(FORMATS))}")
    ld = [n for n in names if n in LINKED_DATA]
    rest = [n for n in names if n not in LINKED_DATA]
    if workers <= 1 or not ld or not rest or "fork" not in mp.get_all_start_methods():
        return _generate_group(G, names)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"), initializer=_init_child,
                             initargs=(G,)) as pool:
        future = pool.submit(_child_generate, ld)
        texts = _generate_group(G, rest)
        texts.update(future.result())
    return {n: texts[n] for n in names}


def write_exports(G: nx.MultiDiGraph, out: str | os.PathLike, names: list[str] | None = None, *,
                  workers: int = 1) -> list[Path]:
    """Write the exports as one set; returns the paths written.

    Every format is generated first (an error there leaves ``out`` untouched; ``workers`` > 1
    generates the linked data in a forked process, see :func:`generate_many`), then written
    to hidden temporary files, and only when all are complete on disk are they renamed into
    place, one quick rename each, with a journal so that a build killed during the renames
    is completed by the next one (:func:`recover_exports`). So a failed or interrupted build
    leaves the previous exports as they were, as a set.
    """
    out = Path(out)
    texts = generate_many(G, names or list(FORMATS), workers=workers)
    staged: list[tuple[Path, Path]] = []
    journal = out / JOURNAL
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            return _write_set(out, texts, staged, journal)
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from exc


@contextmanager
def _locked(out: Path):
    """One build at a time writes a folder (a second one waits): recovery never takes another
    live build's temporary files for leftovers. The lock goes with the process, even when killed."""
    with open(out / LOCK, "a+b") as f:
        if fcntl is not None:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        yield


def _write_set(out: Path, texts: dict[str, str], staged: list[tuple[Path, Path]], journal: Path) -> list[Path]:
    try:
        recover_exports(out)
        for name, text in texts.items():
            staged.append((stage(out / name, text), out / name))
        write_text_atomic(journal, json.dumps([[t.name, f.name] for t, f in staged]))
        try:
            for tmp, final in staged:
                os.replace(tmp, final)
        except KeyboardInterrupt:
            recover_exports(out)  # every new file is complete: finish the set rather than leave a mix
            raise
        unlink_quietly(journal)
        sync_dir(out)
    finally:
        if not journal.exists():  # nothing half-renamed: drop what was staged and not used
            for tmp, _ in staged:
                unlink_quietly(tmp)
    return [final for _, final in staged]
