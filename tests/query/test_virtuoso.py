"""`ctkg push` into a real Virtuoso (Debian's `virtuoso-opensource`, which .ci/run installs), as a
user would: its default authenticated Graph Store endpoint `/sparql-graph-crud-auth` asks for HTTP
Digest. The server is private to the test: its own database folder and loopback ports from a
virtuoso.ini written here, the `dba` account with the password a new database has, and it is
stopped when the module's tests end. Skips where `virtuoso-t` is not installed."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli import main
from graph.query.push import Credentials, RetryPolicy, _same_value, get_graph, push_build
from graph.query.sparql import run_query
from helpers import ROOT, free_port, readme_queries, stop_server

DBA = Credentials(user="dba", password="dba")  # the account and password of a new Virtuoso database
POLICY = RetryPolicy(attempts=2, backoff=0.1, max_backoff=0.5, timeout=60.0)
GRAPH = "https://ctkg.example.org/id/dataset"

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {d}, {allowed}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 5
ServerThreads = 5
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, seed_build):
    """A private Virtuoso on loopback ports, allowed to read the seed build's folder: (its base URL
    http://127.0.0.1:PORT, its SQL port)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed (virtuoso-t not found; Debian: apt-get install virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    port, sql = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql=sql, http=port, allowed=seed_build[1]), encoding="utf-8")
    log = open(folder / "stdout.log", "wb")
    # +foreground: the process is the server, so the test stops it by its own id
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                select(url, "ASK {}")
                break
            except (OSError, ValueError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    text = (folder / "virtuoso.log").read_text(errors="replace") if (folder / "virtuoso.log").exists() \
                        else ""
                    pytest.fail(f"Virtuoso did not start (exit {proc.poll()}): {text[-1500:]}")
                time.sleep(0.3)
        yield url, sql
    finally:
        stop_server(proc)
        log.close()


def select(url: str, query: str, default_graph: str | None = None) -> list[dict[str, str]]:
    """A SPARQL query over Virtuoso's public /sparql endpoint (SPARQL 1.1 protocol, JSON results)."""
    params = {"query": query, **({"default-graph-uri": default_graph} if default_graph else {})}
    req = urllib.request.Request(f"{url}/sparql", data=urllib.parse.urlencode(params).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        data = json.load(resp)
    if "boolean" in data:
        return [{"boolean": str(data["boolean"])}]
    variables = data["head"]["vars"]
    return [{v: b[v]["value"] if v in b else "" for v in variables} for b in data["results"]["bindings"]]


def count(url: str) -> int:
    return int(select(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")[0]["n"])


def local_triples(out: Path) -> set:
    return {q.triple for q in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}


@pytest.mark.slow  # a new Virtuoso database takes 3 to 9 s to start on a busy two-core machine
def assert_readme_queries_agree(url: str, out: Path) -> None:
    """The README's queries give the same rows in the same order on Virtuoso as `ctkg query`."""
    for n, query in enumerate(readme_queries(), 1):
        ours = [{k: v or "" for k, v in row.items()} for row in run_query(query, out).values()]
        theirs = select(url, query, default_graph=GRAPH)
        assert ours, f"README query {n} gives no row"
        assert theirs == ours, f"README query {n}: Virtuoso and ctkg query differ"


def test_push_with_digest_read_back_repush_and_the_readme_queries(virtuoso, seed_build, monkeypatch, capsys):
    virtuoso, _ = virtuoso
    _, out = seed_build
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    local = local_triples(out)
    before = count(virtuoso)
    # the endpoint as installed asks for Digest: without credentials, the message says so
    assert main(["push", "--endpoint", endpoint, "--out", str(out), "--retries", "1"]) == 2
    err = capsys.readouterr().err
    assert 'asks for Digest (realm "SPARQL"' in err and "CTKG_SPARQL_USER" in err
    monkeypatch.setenv("CTKG_SPARQL_USER", "dba")
    monkeypatch.setenv("CTKG_SPARQL_PASSWORD", "not the password")
    assert main(["push", "--endpoint", endpoint, "--out", str(out), "--retries", "1"]) == 2
    assert "refused the credentials" in capsys.readouterr().err
    assert count(virtuoso) == before  # nothing was written
    # the right password, from the environment as a user sets it
    monkeypatch.setenv("CTKG_SPARQL_PASSWORD", DBA.password)
    assert main(["push", "--endpoint", endpoint, "--out", str(out)]) == 0
    assert f"{len(local)} triples -> graph <{GRAPH}>" in capsys.readouterr().out
    # read back complete, through the Graph Store Protocol and through SPARQL
    stored = get_graph(endpoint, GRAPH, credentials=DBA, policy=POLICY)
    assert {_same_value(t) for t in stored} == {_same_value(t) for t in local}
    assert count(virtuoso) == len(local)
    # pushing again replaces the graph: no duplicate
    again = push_build(out, endpoint, credentials=DBA, policy=POLICY)
    assert again.verified and again.triples == len(local) and count(virtuoso) == len(local)
    assert_readme_queries_agree(virtuoso, out)


@pytest.mark.slow
def test_the_readme_bulk_load_replaces_the_graph(virtuoso, seed_build):
    """The README's `isql-vt` bulk load, as printed there, run twice: the graph complete, no duplicate."""
    url, sql = virtuoso
    _, out = seed_build
    isql = shutil.which("isql-vt")
    if isql is None:
        pytest.skip("isql-vt is not installed (Debian: virtuoso-opensource-7-bin)")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r'^isql-vt 1111 dba dba exec="(.*)"$', readme, re.M)
    assert command, "the README shows no isql-vt bulk load"
    statements = command.group(1).replace("$PWD/exports", str(out))
    local = local_triples(out)
    for _ in range(2):
        subprocess.run([isql, str(sql), DBA.user, DBA.password, f"exec={statements}"], check=True, timeout=120,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        assert count(url) == len(local)
    stored = get_graph(f"{url}/sparql-graph-crud-auth", GRAPH, credentials=DBA, policy=POLICY)
    assert {_same_value(t) for t in stored} == {_same_value(t) for t in local}
    assert_readme_queries_agree(url, out)
