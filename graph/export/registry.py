"""Export formats looked up by file name, as rdflib looks up its serializer plugins.

``FORMATS`` maps each file a build writes (``events.csv``, ``graph.ttl``...) to its
generator, a function ``G -> str``. An entry is either the function itself or a
``"module:function"`` string naming it, imported on first use, so that loading the
registry does not load rdflib, pyvis or plotly. :func:`register` adds or replaces a
format; :func:`generate` and :func:`generate_many` produce the texts; an unknown name
raises :class:`~graph.core.errors.UnknownFormat`. Writing a whole set of files is
:mod:`graph.export.writer`'s job.
"""
from __future__ import annotations

import importlib
import multiprocessing as mp
import re
import signal
from collections.abc import Callable

import networkx as nx

from graph.core.errors import UnknownFormat

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

# The linked-data formats: while registered as here, they share one computation of the quads.
LINKED_DATA = {name: FORMATS[name] for name in ("graph.ttl", "graph.trig", "graph.jsonld")}

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


def _generate_group(G: nx.MultiDiGraph, names: list[str]) -> dict[str, str]:
    """The texts of several formats; the linked-data formats share one computation of the quads."""
    texts, data = {}, None
    for name in names:
        if name in LINKED_DATA and FORMATS.get(name) == LINKED_DATA[name]:
            from graph.export.rdf import linked_data

            data = data or linked_data(G)
            texts[name] = _resolve(LINKED_DATA[name])(G, data=data)
        else:
            texts[name] = generate(G, name)
    return texts


# The graph a forked export process works on (inherited through fork, never pickled): the
# state of that one child process, not configuration.
_CHILD: dict[str, nx.MultiDiGraph] = {}


def _init_child(G: nx.MultiDiGraph) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
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
