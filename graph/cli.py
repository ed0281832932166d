"""The ``ctkg`` command: a thin layer over graph.pipeline. Only this module prints or exits."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph import __version__
from graph.core.errors import CtkgError

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "exports"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ctkg", description="Conflict event timeline knowledge graph from news articles.")
    p.add_argument("--version", action="version", version=f"ctkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="read articles and write the graph and tables")
    b.add_argument("inputs", nargs="*", help="files, folders (recursive) or globs; default: seeds/")
    b.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: exports/)")
    b.add_argument("--actors", action="append", default=[], metavar="CSV",
                   help="extra actor gazetteer CSV (key,name,type,country,affiliation,aliases); repeatable")
    b.add_argument("--strict", action="store_true", help="stop at the first unreadable article")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--workers", type=int, default=None, metavar="N",
                   help="parse in N processes (default: the number of CPUs; 1 = in this process)")
    b.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="parse on a Dask distributed cluster (needs the 'dask' extra)")
    b.add_argument("--timings", action="store_true", help="print the seconds spent per stage")
    b.add_argument("--add", action="store_true",
                   help="add the inputs to the articles already built into --out (one-by-one gives the same "
                        "graph as all at once; adding an article again changes nothing)")
    b.add_argument("--base", default=None, metavar="IRI",
                   help="base of the linked data's IRIs (default: https://ctkg.example.org/id/)")
    q = sub.add_parser("query", help="run a SPARQL query over the last build (embedded Oxigraph store)")
    q.add_argument("sparql", help="the SPARQL 1.1 query ('-' reads it from standard input); ctkg's prefixes "
                                  "(sem, ctkg, prov, geo, plover, actortype, rdfs, xsd...) are predeclared")
    q.add_argument("--out", default=DEFAULT_OUT, help="the build folder to query (default: exports/)")
    q.add_argument("--format", default="table", choices=["table", "csv", "json"],
                   help="table (default), SPARQL CSV or SPARQL JSON results")
    u = sub.add_parser("push", help="load the last build into a SPARQL 1.1 store (Graph Store Protocol PUT)")
    u.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's Graph Store endpoint (Oxigraph: http://HOST:PORT/store); credentials come "
                        "from CTKG_SPARQL_USER/CTKG_SPARQL_PASSWORD or CTKG_SPARQL_TOKEN, never the command line")
    u.add_argument("--graph", default=None, metavar="IRI",
                   help="the named graph to replace (default: the build's dataset IRI, <base>dataset)")
    u.add_argument("--out", default=DEFAULT_OUT, help="the build folder to push (default: exports/)")
    u.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for each answer")
    u.add_argument("--retries", type=int, default=4, metavar="N", help="attempts per request (default: 4)")
    u.add_argument("--no-verify", action="store_true", help="do not read the graph back to check it")
    return p


def _build(args) -> int:
    from graph.pipeline import run_build

    inputs = args.inputs or [DEFAULT_INPUT]
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="article", desc="ctkg build", file=sys.stderr)

    def progress(item) -> None:
        if bar is not None:
            bar.update(1)

    try:
        from graph.build.parallel import default_workers

        workers = args.workers if args.workers is not None else default_workers()
        result = run_build(inputs, args.out, actor_files=args.actors, strict=args.strict, progress=progress,
                           workers=workers, scheduler=args.scheduler, base_iri=args.base, add=args.add)
    finally:
        if bar is not None:
            bar.close()
    for f in result.failures:
        print(f"error: {f.path}: {f.reason}", file=sys.stderr)
    print(f"{result.summary()} -> {Path(args.out)}/")
    if args.timings:
        print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    return 1 if result.failed else 0


def _query(args) -> int:
    from graph.query.sparql import format_result, run_query

    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    sys.stdout.write(format_result(run_query(text, args.out), args.format))
    return 0


def _push(args) -> int:
    from graph.query.push import RetryPolicy, credentials_from_env, push_build

    result = push_build(args.out, args.endpoint, graph=args.graph, credentials=credentials_from_env(),
                        policy=RetryPolicy(attempts=args.retries, timeout=args.timeout), verify=not args.no_verify)
    checked = ", checked" if result.verified else ""
    print(f"{result.triples} triples -> graph <{result.graph}> at {result.endpoint}{checked}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "query":
            return _query(args)
        if args.command == "push":
            return _push(args)
    except CtkgError as exc:
        print(f"ctkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ctkg: interrupted; existing exports were left as they were", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
