"""The ``ctkg`` command: a thin layer over graph.pipeline. Only this module prints or exits."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph import __version__
from graph.core.errors import ConfigError, CtkgError

DEFAULT_INPUT = "seeds"
DEFAULT_OUT = "exports"
UNDATED_SHOWN = 3  # article ids named in the undated notice


def _source_options(p: argparse.ArgumentParser, what: str) -> None:
    """The build folder a command reads: a positional FOLDER or --from (--out, its old name)."""
    p.add_argument("folder", nargs="?", default=None, metavar="FOLDER",
                   help=f"the build folder to {what} (default: exports/)")
    p.add_argument("--from", "--out", dest="source", default=None, metavar="FOLDER",
                   help="the same as FOLDER (--out is its old name)")


def _source(p: argparse.ArgumentParser, args) -> str:
    if args.folder is not None and args.source is not None and args.folder != args.source:
        p.error(f"two build folders given: {args.folder} and {args.source}; give one")
    return args.folder or args.source or DEFAULT_OUT


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
    b.add_argument("--force", action="store_true",
                   help="build into an existing folder that holds files but no ctkg build (same-named files "
                        "are replaced)")
    q = sub.add_parser("query", help="run a SPARQL query over the last build (embedded Oxigraph store)")
    q.add_argument("sparql", help="the SPARQL 1.1 query ('-' reads it from standard input); ctkg's prefixes "
                                  "(sem, ctkg, prov, geo, plover, actortype, rdfs, xsd...) are predeclared")
    _source_options(q, "query")
    q.add_argument("--format", default="table", choices=["table", "csv", "json"],
                   help="table (default), SPARQL CSV or SPARQL JSON results")
    u = sub.add_parser("push", help="load the last build into a SPARQL 1.1 store (Graph Store Protocol PUT)")
    u.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's Graph Store endpoint (Oxigraph: http://HOST:PORT/store, Virtuoso: "
                        "http://HOST:8890/sparql-graph-crud-auth); credentials come from CTKG_SPARQL_USER/"
                        "CTKG_SPARQL_PASSWORD or CTKG_SPARQL_TOKEN, never the command line, and are sent only when "
                        "the store asks (HTTP Digest, Basic or Bearer)")
    u.add_argument("--graph", default=None, metavar="IRI",
                   help="the named graph to replace (default: the build's dataset IRI, <base>dataset)")
    _source_options(u, "push")
    u.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for each answer")
    u.add_argument("--retries", type=int, default=4, metavar="N", help="attempts per request (default: 4)")
    u.add_argument("--no-verify", action="store_true", help="do not read the graph back to check it")
    return p


def _build(args) -> int:
    from graph.pipeline import plural, run_build
    from graph.read import EXTENSIONS, unread_files

    if not args.inputs and not Path(DEFAULT_INPUT).is_dir():
        raise ConfigError(f"no articles given (and no {DEFAULT_INPUT}/ folder here to build by default): "
                          "give article files or folders: ctkg build ARTICLES... --out DIR")
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
                           workers=workers, scheduler=args.scheduler, base_iri=args.base, add=args.add,
                           force=args.force)
    finally:
        if bar is not None:
            bar.close()
    for f in result.failures:
        print(f"error: {f.path}: {f.reason}", file=sys.stderr)
    if result.undated:
        names = ", ".join(result.undated[:UNDATED_SHOWN]) + (", ..." if len(result.undated) > UNDATED_SHOWN else "")
        print(f"note: {plural(len(result.undated), 'article')} without a publication date ({names}): their relative "
              "dates are left unresolved; give a 'published' date (NAME.meta.json sidecar or JSON Lines field)",
              file=sys.stderr)
    unread = unread_files(inputs)
    if unread:
        names = ", ".join(f.name for f in unread[:UNDATED_SHOWN]) + (", ..." if len(unread) > UNDATED_SHOWN else "")
        print(f"note: {plural(len(unread), 'file')} not read ({names}): ctkg reads "
              f"{', '.join(sorted(EXTENSIONS))} files", file=sys.stderr)
    if result.wrote:
        print(f"{result.summary()} -> {Path(args.out)}/")
    else:
        print(f"ctkg: {result.summary()}: nothing written, {Path(args.out)}/ left as it was", file=sys.stderr)
    if args.timings:
        print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    return 0 if result.ok else 1


def _query(args) -> int:
    from graph.query.sparql import format_result, run_query

    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    sys.stdout.write(format_result(run_query(text, args.source), args.format))
    return 0


def _push(args) -> int:
    from graph.query.push import RetryPolicy, credentials_from_env, push_build

    result = push_build(args.source, args.endpoint, graph=args.graph, credentials=credentials_from_env(),
                        policy=RetryPolicy(attempts=args.retries, timeout=args.timeout), verify=not args.no_verify)
    checked = ", checked" if result.verified else ""
    print(f"{result.triples} triples -> graph <{result.graph}> at {result.endpoint}{checked}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command in ("query", "push"):
        args.source = _source(parser, args)
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
