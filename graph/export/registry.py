"""Export formats looked up by file name, as rdflib looks up its serializer plugins.

``FORMATS`` maps each file a build writes (``events.csv``, ``graph.ttl``...) to its
generator, a function ``G -> str``. An entry is either the function itself or a
``"module:function"`` string naming it, imported on first use, so that loading the
registry does not load rdflib, pyvis or plotly. :func:`register` adds or replaces a
format; :func:`generate` produces a text and :func:`stage_many` writes several to temporary
files, one at a time (the tables, graph.json, GraphML and GEXF in pieces, see ``STREAMS``); an unknown name raises
:class:`~graph.core.errors.UnknownFormat`. Writing a whole set of files is
:mod:`graph.export.writer`'s job.
"""
from __future__ import annotations

import importlib
import multiprocessing as mp
import re
import signal
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx

from graph.core.errors import UnknownFormat
from graph.core.files import stage, unlink_quietly

Generator = Callable[[nx.MultiDiGraph], str]

FORMATS: dict[str, Generator | str] = {
    "articles.csv": "graph.export.tables:generate_articles_csv",
    "events.csv": "graph.export.tables:generate_events_csv",
    "mentions.csv": "graph.export.tables:generate_mentions_csv",
    "statements.csv": "graph.export.tables:generate_statements_csv",
    "timexes.csv": "graph.export.tables:generate_timexes_csv",
    "actors.csv": "graph.export.tables:generate_actors_csv",
    "places.csv": "graph.export.tables:generate_places_csv",
    "graph.json": "graph.export.tables:generate_json",
    "graph.graphml": "graph.export.interchange:generate_graphml",
    "graph.gexf": "graph.export.interchange:generate_gexf",
    "graph.ttl": "graph.export.rdf:generate_turtle",
    "graph.trig": "graph.export.rdf:generate_trig",
    "graph.jsonld": "graph.export.rdf:generate_jsonld",
    "graph.html": "graph.export.html:generate_html",
    "timeline.html": "graph.export.timeline:generate_timeline",
}

# The linked-data formats: while registered as here, they share one computation of the quads,
# and are written in pieces by these generators (``(G, data=...) -> Iterator[str]``).
LINKED_DATA = {name: FORMATS[name] for name in ("graph.ttl", "graph.trig", "graph.jsonld")}
LINKED_STREAMS = {"graph.ttl": "graph.export.rdf:iter_turtle", "graph.trig": "graph.export.rdf:iter_trig",
                  "graph.jsonld": "graph.export.rdf:iter_jsonld"}

_SURROGATE = re.compile("[\ud800-\udfff]")


def register(name: str, generator: Generator | str) -> None:
    """Add or replace the format ``name``: a generator function or a ``"module:function"`` string."""
    FORMATS[name] = generator


def _resolve(entry: str) -> Generator:
    """The function a ``"module:function"`` entry names; the module is imported on first use,
    the function looked up each time (so a patched module attribute is the one called)."""
    module, _, function = entry.partition(":")
    return getattr(importlib.import_module(module), function)


def generator(name: str) -> Generator:
    """The generator of the format ``name``; UnknownFormat if there is none."""
    if name not in FORMATS:
        raise UnknownFormat(f"unknown export format {name!r}; known: {', '.join(sorted(FORMATS))}")
    entry = FORMATS[name]
    return _resolve(entry) if isinstance(entry, str) else entry


def generate(G: nx.MultiDiGraph, name: str) -> str:
    """The text of one format."""
    gen = generator(name)
    # a lone surrogate (from a caller's own records) cannot be written as UTF-8: U+FFFD instead
    return _SURROGATE.sub("\ufffd", gen(G))


# Formats whose default generator also comes in pieces (``G -> Iterator[str]``), so that the set
# writer never holds their text whole; a format registered anew is generated whole.
STREAMS: dict[str, str] = {
    **{f"{t}.csv": f"graph.export.tables:iter_{t}_csv"
       for t in ("articles", "events", "mentions", "statements", "timexes", "actors", "places")},
    "graph.json": "graph.export.tables:iter_json",
    "graph.graphml": "graph.export.interchange:iter_graphml",
    "graph.gexf": "graph.export.interchange:iter_gexf",
}
_STREAMED = {name: FORMATS[name] for name in STREAMS}


def _gathered(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Small pieces (a row, a node) joined into pieces of about ``size`` characters."""
    buf: list[str] = []
    n = 0
    for piece in pieces:
        buf.append(piece)
        n += len(piece)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


def _pieces(G: nx.MultiDiGraph, names: list[str]) -> Iterator[tuple[str, Iterable[str]]]:
    """Each format's text, one format at a time (whole, or in pieces for STREAMS); the
    linked-data formats share one computation of the quads, dropped after the last of them."""
    data = None
    for i, name in enumerate(names):
        if name in LINKED_DATA and FORMATS.get(name) == LINKED_DATA[name]:
            from graph.export.rdf import linked_data

            data = data or linked_data(G)
            pieces = _gathered(_resolve(LINKED_STREAMS[name])(G, data=data))
            if not any(n in LINKED_DATA for n in names[i + 1:]):
                data = None  # (the pieces' generator holds the quads until it is done)
            yield name, pieces
        elif name in STREAMS and FORMATS.get(name) == _STREAMED[name]:
            yield name, (_SURROGATE.sub("\ufffd", piece) for piece in _gathered(_resolve(STREAMS[name])(G)))
        else:
            yield name, (generate(G, name),)


Staged = list[tuple[Path, Path]]  # (hidden temporary file, the file it becomes)


def _stage_group(G: nx.MultiDiGraph, names: list[str], out: Path, staged: Staged) -> None:
    for name, pieces in _pieces(G, names):
        staged.append((stage(out / name, pieces), out / name))


# The graph a forked export process works on, and the shared count of the formats taken (inherited
# through fork, never pickled): the state of that one child process, not configuration.
_CHILD: dict[str, object] = {}

# the formats that take longest after the linked data (at 2,000 articles, 4 to 6 s each): taken first,
# so that the two processes end at about the same time
HEAVY_FIRST = ("graph.gexf", "graph.graphml", "graph.html", "graph.json", "timeline.html")


def _init_child(G: nx.MultiDiGraph, taken) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _CHILD["G"] = G
    _CHILD["taken"] = taken


def _take(taken, n: int) -> int | None:
    """The index of the next format of a list of ``n`` that no process has taken, or None."""
    with taken.get_lock():
        i = taken.value
        if i >= n:
            return None
        taken.value = i + 1
        return i


def _stage_taken(G: nx.MultiDiGraph, rest: list[str], taken, out: Path, staged: Staged) -> None:
    """Write the formats of ``rest`` that this process takes, one at a time, until none is left."""
    while (i := _take(taken, len(rest))) is not None:
        _stage_group(G, [rest[i]], out, staged)


def _child_stage(names: list[str], rest: list[str], out: Path) -> Staged:
    staged: Staged = []
    try:
        _stage_group(_CHILD["G"], names, out, staged)
        _stage_taken(_CHILD["G"], rest, _CHILD["taken"], out, staged)
    except BaseException:
        for tmp, _ in staged:
            unlink_quietly(tmp)
        raise
    return staged


def check_names(names: Iterable[str]) -> list[str]:
    names = list(names)
    for name in names:
        if name not in FORMATS:
            raise UnknownFormat(f"unknown export format {name!r}; known: {', '.join(sorted(FORMATS))}")
    return names


def stage_many(G: nx.MultiDiGraph, names: list[str], out: Path, staged: Staged, *, workers: int = 1) -> None:
    """Write several formats to hidden temporary files in ``out``, one format at a time (a
    file's text, or its pieces, is dropped once written), appending ``(temporary, final)`` to
    ``staged`` as each is complete, so that the caller can remove them if a later one fails.
    With ``workers`` > 1 (and the fork start method), a forked process writes the linked-data
    formats and then, like this one, takes the other formats one by one (the longest first) until
    none is left: the two end at about the same time."""
    names = check_names(names)
    ld = [n for n in names if n in LINKED_DATA]
    rest = [n for n in names if n not in LINKED_DATA]
    if workers <= 1 or not ld or not rest or "fork" not in mp.get_all_start_methods():
        _stage_group(G, names, out, staged)
        return
    from concurrent.futures import ProcessPoolExecutor

    rest.sort(key=lambda n: HEAVY_FIRST.index(n) if n in HEAVY_FIRST else len(HEAVY_FIRST))
    ctx = mp.get_context("fork")
    taken = ctx.Value("i", 0)
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_child, initargs=(G, taken)) as pool:
        future = pool.submit(_child_stage, ld, rest, out)
        try:
            _stage_taken(G, rest, taken, out, staged)
        except BaseException:
            with taken.get_lock():
                taken.value = len(rest)  # the other process takes no more
            raise
        finally:  # (the other process's files too, so that the caller removes them if one failed)
            staged.extend(future.result())
    order = {n: i for i, n in enumerate(names)}
    staged.sort(key=lambda tf: order.get(tf[1].name, len(order)))
