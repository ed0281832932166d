"""SPARQL over a build, in an embedded Oxigraph store (pyoxigraph).

:func:`open_store` loads a build folder's ``graph.trig`` (one named graph per article, the
merged events, actors and places in the default graph) or, for an older build, its
``graph.ttl``. :func:`run_query` runs a SPARQL 1.1 query with the union of all graphs as
the default graph (``GRAPH ?g { ... }`` still reaches one article's graph) and ctkg's
prefixes (``sem:``, ``ctkg:``, ``prov:``, ``geo:``, ``plover:``, ``actortype:``, ``rdfs:``,
``xsd:``, ...) predeclared. Results are plain records; :func:`format_result` prints them as
an aligned table, SPARQL 1.1 CSV or SPARQL 1.1 JSON.

>>> result = run_query("SELECT ?name WHERE { ?a a sem:Actor ; rdfs:label ?name } LIMIT 3", "exports")  # doctest: +SKIP
>>> print(format_result(result, "table"))                                                        # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.core.errors import CtkgError, UnknownFormat
from graph.core.vocab import PREFIXES

# the files a build folder may hold its linked data in, best first
BUILD_FILES: tuple[tuple[str, ox.RdfFormat], ...] = (
    ("graph.trig", ox.RdfFormat.TRIG),
    ("graph.ttl", ox.RdfFormat.TURTLE),
)
TABLE_CELL_WIDTH = 80


class QueryError(CtkgError):
    """A SPARQL query is invalid or the build it runs over cannot be loaded."""


@dataclass(frozen=True)
class Term:
    """One RDF term of a result: ``kind`` is ``uri``, ``literal``, ``bnode`` or ``triple``."""

    kind: str
    value: str
    datatype: str = ""
    lang: str = ""


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query. ``form``: ``select`` (``variables`` and ``rows``, None for an
    unbound cell), ``ask`` (``boolean``) or ``graph`` (CONSTRUCT/DESCRIBE: ``triples``)."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Term, Term, Term], ...] = ()

    def __len__(self) -> int:
        return len(self.rows) if self.form == "select" else len(self.triples) if self.form == "graph" else 1

    def values(self) -> list[dict[str, str | None]]:
        """SELECT rows as plain dicts of lexical values (for pandas.DataFrame)."""
        return [{v: (c.value if c is not None else None) for v, c in zip(self.variables, row)} for row in self.rows]


def build_file(out: str | os.PathLike) -> tuple[Path, ox.RdfFormat]:
    """The linked-data file of a build folder (graph.trig, else graph.ttl)."""
    out = Path(out)
    for name, fmt in BUILD_FILES:
        if (out / name).is_file():
            return out / name, fmt
    raise QueryError(f"{out}: no graph.trig or graph.ttl here; run `ctkg build --out {out}` first")


def open_store(out: str | os.PathLike) -> ox.Store:
    """An in-memory Oxigraph store holding a build's linked data."""
    path, fmt = build_file(out)
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"{path}: cannot load it ({exc}); rebuild with `ctkg build`") from exc
    return store


def _term(t) -> Term:
    if isinstance(t, ox.NamedNode):
        return Term("uri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        lang = t.language or ""
        return Term("literal", t.value, "" if lang else t.datatype.value, lang)
    if isinstance(t, ox.Triple):
        return Term("triple", str(t))
    raise QueryError(f"unexpected term in a query result: {t!r}")


_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)
_KEYWORD = re.compile(r"[A-Za-z][A-Za-z_]*|'[^']{1,3}'")
EXPECTED_SHOWN = 6  # alternatives named in a syntax error


def syntax_message(query: str, message: str) -> str:
    """A parser's syntax error, short: where (line, column, the line with a caret under the
    column) and why, in at most a few lines. Oxigraph's own messages ("error at 1:28: expected
    one of ...") can list every Unicode range a name may use; those lists are cut down to the
    words and punctuation they name, and a prefix it does not know is named."""
    m = _POSITION.match(message.strip())
    if not m:
        return " ".join(message.split())[:200]
    line_no, col, reason = int(m[1]), int(m[2]), " ".join(m[3].split())
    lines = query.replace("\r\n", "\n").split("\n")
    text = lines[line_no - 1] if 1 <= line_no <= len(lines) else ""
    col = max(1, min(col, len(text) + 1))
    if "Prefix not found" in reason:
        pm = re.search(r"([A-Za-z][\w.-]*)?:[\w-]*$", text[:col - 1])
        prefix = (pm[1] or "") if pm else ""
        why = f"unknown prefix {prefix}: (declare it: PREFIX {prefix}: <...>)"
    elif reason.startswith("expected"):
        body = reason.removeprefix("expected").removeprefix(" one of").strip()
        given = [a.strip() for a in re.split(r",\s*(?![^\[]*\])", body)]  # commas outside [...] classes
        words = [a for a in given if _KEYWORD.fullmatch(a)]
        shown = words[:EXPECTED_SHOWN]
        if shown:
            why = "expected " + (shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1])
            if len(shown) < len(given):
                why += " (among others)"
        else:
            why = "unexpected text here"
    else:
        why = reason[:120]
    return f"line {line_no}, column {col}: {why}\n  {text}\n  {' ' * (col - 1)}^"


def run_query(query: str, out: str | os.PathLike = "exports", *, store: ox.Store | None = None) -> QueryResult:
    """Run a SPARQL 1.1 query over a build (or over ``store`` when given)."""
    if not query or not query.strip():
        raise QueryError("the query is empty; give a SPARQL query such as 'SELECT * WHERE { ?s ?p ?o } LIMIT 10'")
    st = store if store is not None else open_store(out)
    try:
        res = st.query(query, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {syntax_message(query, str(exc))}") from exc
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from exc
    if isinstance(res, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        return QueryResult("graph", triples=tuple((_term(t.subject), _term(t.predicate), _term(t.object))
                                                  for t in res))
    variables = tuple(v.value for v in res.variables)
    rows = tuple(tuple(None if sol[i] is None else _term(sol[i]) for i in range(len(variables))) for sol in res)
    return QueryResult("select", variables=variables, rows=rows)


# --- printing -------------------------------------------------------------------------

def _compact(iri: str) -> str:
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default="")
    if best and iri[len(best):] and all(c.isalnum() or c in "_-." for c in iri[len(best):]):
        prefix = next(p for p, ns in PREFIXES.items() if ns == best)
        return f"{prefix}:{iri[len(best):]}"
    return f"<{iri}>"


def _show(t: Term | None) -> str:
    if t is None:
        return ""
    text = _compact(t.value) if t.kind == "uri" else f"_:{t.value}" if t.kind == "bnode" else t.value
    text = " ".join(text.split())  # one line per row: newlines and tabs inside values become spaces
    return text if len(text) <= TABLE_CELL_WIDTH else text[:TABLE_CELL_WIDTH - 1] + "\u2026"


def _nt(t: Term) -> str:
    if t.kind == "uri":
        return f"<{t.value}>"
    if t.kind == "bnode":
        return f"_:{t.value}"
    if t.kind == "triple":
        return f"<< {t.value} >>"
    lex = json.dumps(t.value, ensure_ascii=False)
    return f"{lex}@{t.lang}" if t.lang else f"{lex}^^<{t.datatype}>" if t.datatype else lex


def to_table(result: QueryResult) -> str:
    """An aligned text table (IRIs shortened with ctkg's prefixes, long values cut)."""
    if result.form == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.form == "graph":
        return "".join(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in result.triples)
    cells = [list(result.variables)] + [[_show(c) for c in row] for row in result.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(result.variables))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    n = len(result.rows)
    return "\n".join(lines) + f"\n({n} row{'s' if n != 1 else ''})\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (plain values); CONSTRUCT gives N-Triples."""
    if result.form == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    if result.form == "graph":
        return to_table(result)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow(["" if c is None else f"_:{c.value}" if c.kind == "bnode" else c.value for c in row])
    return buf.getvalue()


def _json_term(t: Term) -> dict:
    out = {"type": t.kind if t.kind != "triple" else "literal", "value": t.value}
    if t.lang:
        out["xml:lang"] = t.lang
    elif t.kind == "literal" and t.datatype:
        out["datatype"] = t.datatype
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON; CONSTRUCT gives a list of {subject, predicate, object}."""
    if result.form == "ask":
        data: object = {"head": {}, "boolean": bool(result.boolean)}
    elif result.form == "graph":
        data = [{"subject": _json_term(s), "predicate": _json_term(p), "object": _json_term(o)}
                for s, p, o in result.triples]
    else:
        data = {"head": {"vars": list(result.variables)},
                "results": {"bindings": [{v: _json_term(c) for v, c in zip(result.variables, row) if c is not None}
                                         for row in result.rows]}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


FORMATTERS: dict[str, Callable[[QueryResult], str]] = {"table": to_table, "csv": to_csv, "json": to_json}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if fmt not in FORMATTERS:
        raise UnknownFormat(f"unknown result format {fmt!r}; known: {', '.join(FORMATTERS)}")
    return FORMATTERS[fmt](result)
