"""`ctkg push`: Graph Store Protocol PUT into a real Oxigraph server, and failures against a local
server that misbehaves on purpose. Every server here listens on 127.0.0.1 and is stopped by the test."""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli import main
from graph.core.errors import ConfigError
from graph.query.push import (
    Credentials,
    PushError,
    RetryPolicy,
    _same_value,
    credentials_from_env,
    get_graph,
    graph_store_url,
    push_build,
    put_graph,
)
from graph.query.sparql import run_query
from helpers import ROOT, free_port, readme_queries, stop_server

FAST = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.05, timeout=5.0)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    for var in ("CTKG_SPARQL_USER", "CTKG_SPARQL_PASSWORD", "CTKG_SPARQL_TOKEN"):
        monkeypatch.delenv(var, raising=False)


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server on a free loopback port: its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the oxigraph server did not start")
                time.sleep(0.2)
        yield url
    finally:
        stop_server(proc, timeout=10)


def select(url: str, query: str, default_graph: str | None = None) -> list[dict]:
    """A SPARQL SELECT over HTTP (SPARQL 1.1 protocol, JSON results) as plain rows."""
    params = {"query": query}
    if default_graph:
        params["default-graph-uri"] = default_graph
    req = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode(params).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    import json

    with urllib.request.urlopen(req, timeout=30) as resp:
        data = json.load(resp)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def count(url: str, graph: str) -> int:
    return int(select(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"])


def local_count(out: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))


# --- against a real Oxigraph server ------------------------------------------------------

def test_push_query_and_repush_without_duplicates(oxigraph, seed_build):
    _, out = seed_build
    store = f"{oxigraph}/store"
    result = push_build(out, store, policy=FAST)
    n = local_count(out)
    assert result.verified and result.triples == n and result.graph == "https://ctkg.example.org/id/dataset"
    assert count(oxigraph, result.graph) == n
    # the README's analyst questions answer over HTTP with the pushed graph as default graph, the same
    # rows in the same order as `ctkg query`
    for q in readme_queries():
        ours = [{k: v for k, v in row.items() if v is not None} for row in run_query(q, out).values()]
        assert ours and select(oxigraph, q, default_graph=result.graph) == ours, q
    # pushing again replaces the graph: no duplicates, nothing else touched
    again = push_build(out, store, policy=FAST)
    assert again.graph == result.graph and count(oxigraph, result.graph) == n
    other = push_build(out, store, graph="https://example.org/graph/second", policy=FAST)
    assert count(oxigraph, other.graph) == n and count(oxigraph, result.graph) == n


def test_repush_of_a_smaller_build_leaves_nothing_behind(oxigraph, seed_build, extractor, tmp_path):
    from graph.pipeline import run_build

    _, out = seed_build
    graph = "https://example.org/graph/replaced"
    push_build(out, f"{oxigraph}/store", graph=graph, policy=FAST)
    one = sorted((ROOT / "seeds").glob("*.txt"))[0]
    run_build([one], tmp_path, extractor=extractor, formats=["graph.ttl"])
    push_build(tmp_path, f"{oxigraph}/store", graph=graph, policy=FAST)
    assert count(oxigraph, graph) == local_count(tmp_path) < local_count(out)
    stored = get_graph(f"{oxigraph}/store", graph, policy=FAST)
    local = {q.triple for q in ox.parse(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert {t.subject for t in stored} == {t.subject for t in local}


def test_failed_push_leaves_the_graph_as_it_was(oxigraph, seed_build):
    _, out = seed_build
    graph = "https://example.org/graph/intact"
    store = f"{oxigraph}/store"
    push_build(out, store, graph=graph, policy=FAST)
    before = get_graph(store, graph, policy=FAST)
    body = (out / "graph.ttl").read_bytes()
    # a replacement that breaks off in the middle of the Turtle: the store refuses it whole
    with pytest.raises(PushError, match=r"HTTP 400") as err:
        put_graph(store, graph, body[: len(body) // 2] + b" <<< cut", policy=FAST)
    assert store in str(err.value)
    assert get_graph(store, graph, policy=FAST) == before
    # a connection that drops half-way through the upload
    host, port = urllib.parse.urlsplit(oxigraph).netloc.split(":")
    path = urllib.parse.urlsplit(graph_store_url(store, graph))
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(f"PUT {path.path}?{path.query} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/turtle\r\n"
                  f"Content-Length: {len(body)}\r\n\r\n".encode() + body[: len(body) // 2])
    time.sleep(0.3)
    assert get_graph(store, graph, policy=FAST) == before


def test_cli_push(oxigraph, seed_build, capsys):
    _, out = seed_build
    assert main(["push", "--endpoint", f"{oxigraph}/store", "--out", str(out), "--graph",
                 "https://example.org/graph/cli"]) == 0
    assert "checked" in capsys.readouterr().out
    assert count(oxigraph, "https://example.org/graph/cli") == local_count(out)
    assert main(["push", "--endpoint", f"{oxigraph}/no-such-service", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{oxigraph}/no-such-service" in err and "404" in err


# --- against a server that misbehaves on purpose ------------------------------------------

def expected_digest(fields: dict[str, str], password: str, method: str) -> str:
    """The response a Digest client must send (RFC 7616 section 3.4.1, qop=auth), computed on the
    server's side of the test from the fields the client sent."""
    algorithm = fields.get("algorithm", "MD5").upper()
    h = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}[algorithm.removesuffix("-SESS")]

    def hx(text: str) -> str:
        return h(text.encode()).hexdigest()

    ha1 = hx(f"{fields['username']}:{fields['realm']}:{password}")
    if algorithm.endswith("-SESS"):
        ha1 = hx(f"{ha1}:{fields['nonce']}:{fields['cnonce']}")
    ha2 = hx(f"{method}:{fields['uri']}")
    return hx(f"{ha1}:{fields['nonce']}:{fields['nc']}:{fields['cnonce']}:auth:{ha2}")


def digest_fields(header: str) -> dict[str, str]:
    return {k: v.strip('"') for k, v in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', header.removeprefix("Digest "))}


class FakeStore:
    """A Graph Store endpoint on 127.0.0.1 whose answers a test scripts: each entry of ``script``
    answers one PUT ("ok", an HTTP status, "hang", "drop"); then it answers "ok". GET returns
    what was stored (or ``get_body``). With a user or password it demands ``scheme``: "basic",
    "digest" (``algorithm`` MD5, SHA-256...; a nonce serves ``nonce_uses`` requests, then is
    stale) or "none" (a 401 that names no scheme). ``seen`` keeps every request's method and
    Authorization header."""

    def __init__(self, script: list, *, user: str = "", password: str = "", get_body: bytes | None = None,
                 headers: dict | None = None, hang: float = 2.0, scheme: str = "basic", algorithm: str = "MD5",
                 nonce_uses: int = 100, challenge_extra: str = "", realm: str = "fake store"):
        self.script, self.puts, self.stored, self.get_body = list(script), 0, b"", get_body
        self.headers, self.hang, self.auth = headers or {}, hang, bool(user or password)
        self.user, self.password, self.scheme, self.algorithm = user, password, scheme, algorithm
        self.nonce_uses, self.challenge_extra, self.realm = nonce_uses, challenge_extra, realm
        self.nonces: dict[str, int] = {}
        self.seen: list[tuple[str, str | None]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _challenge(self, stale: bool = False) -> str:
                if fake.scheme in ("basic", "bearer"):
                    return f'{fake.scheme.title()} realm="{fake.realm}"'
                nonce = os.urandom(12).hex()
                fake.nonces[nonce] = 0
                return (f'Digest realm="{fake.realm}", nonce="{nonce}", qop="auth", algorithm={fake.algorithm}, '
                        f'opaque="op4que"{", stale=true" if stale else ""}{fake.challenge_extra}')

            def _check(self, header: str | None) -> str:
                """"ok", "stale" or "no"."""
                if header is None:
                    return "no"
                if fake.scheme == "basic":
                    good = "Basic " + base64.b64encode(f"{fake.user}:{fake.password}".encode()).decode()
                    return "ok" if header == good else "no"
                if fake.scheme == "bearer":
                    return "ok" if header == f"Bearer {fake.password}" else "no"
                if fake.scheme != "digest" or not header.startswith("Digest "):
                    return "no"
                f = digest_fields(header)
                if f.get("username") != fake.user or f.get("uri") != self.path or f.get("opaque") != "op4que" \
                        or f.get("response") != expected_digest(f, fake.password, self.command):
                    return "no"
                if f["nonce"] not in fake.nonces:
                    return "no"
                fake.nonces[f["nonce"]] += 1
                return "ok" if fake.nonces[f["nonce"]] <= fake.nonce_uses else "stale"

            def _authorised(self) -> bool:
                header = self.headers.get("Authorization")
                fake.seen.append((self.command, header))
                if not fake.auth:
                    return True
                verdict = self._check(header)
                if verdict == "ok":
                    return True
                self.send_response(401)
                if fake.scheme != "none":
                    self.send_header("WWW-Authenticate", self._challenge(stale=verdict == "stale"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return False

            def do_HEAD(self):
                if self._authorised():
                    self.send_response(200 if fake.stored else 404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def do_PUT(self):
                fake.puts += 1
                step = fake.script.pop(0) if fake.script else "ok"
                if step == "hang":
                    time.sleep(fake.hang)
                    return
                if step == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not self._authorised():
                    return
                if step != "ok":
                    self.send_response(int(step))
                    for k, v in fake.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                fake.stored = body
                self.send_response(204)
                self.end_headers()

            def do_GET(self):
                if not self._authorised():
                    return
                if fake.get_body is not None:
                    data = fake.get_body
                else:
                    data = ox.serialize(ox.parse(fake.stored, format=ox.RdfFormat.TURTLE),
                                        format=ox.RdfFormat.N_TRIPLES)
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_server_errors_are_retried_then_reported(seed_build):
    _, out = seed_build
    waits: list[float] = []
    with FakeStore(["500", "500", "500", "500"]) as fake:
        with pytest.raises(PushError) as err:
            push_build(out, fake.url, policy=FAST, sleep=waits.append)
        assert fake.puts == 3 and fake.stored == b""
    msg = str(err.value)
    assert fake.url in msg and "HTTP 500" in msg and "after 3 attempts" in msg
    assert waits == [0.01, 0.02]


def test_transient_failures_recover(seed_build):
    _, out = seed_build
    with FakeStore(["503", "drop", "ok"]) as fake:
        result = push_build(out, fake.url, policy=FAST, sleep=lambda s: None)
        assert result.attempts == 3 and result.verified and fake.puts == 3
        assert fake.stored == (out / "graph.ttl").read_bytes()


@pytest.mark.slow
def test_slow_server_times_out(seed_build):
    _, out = seed_build
    policy = RetryPolicy(attempts=2, backoff=0.01, max_backoff=0.01, timeout=0.5)
    with FakeStore(["hang", "hang"], hang=2.0) as fake:
        t0 = time.monotonic()
        with pytest.raises(PushError, match=r"no answer within 0\.5 s") as err:
            push_build(out, fake.url, policy=policy, sleep=lambda s: None)
        assert time.monotonic() - t0 < 5 and fake.puts == 2
    assert fake.url in str(err.value)


def test_dropped_connections_are_reported(seed_build):
    _, out = seed_build
    with FakeStore(["drop"] * 5) as fake:
        with pytest.raises(PushError, match="dropped the connection") as err:
            push_build(out, fake.url, policy=FAST, sleep=lambda s: None)
        assert fake.puts == 3
    assert fake.url in str(err.value)


def test_server_down(seed_build):
    _, out = seed_build
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match="connection refused") as err:
        push_build(out, url, policy=FAST, sleep=lambda s: None)
    assert url in str(err.value) and "after 3 attempts" in str(err.value)


def test_client_errors_are_not_retried(seed_build):
    _, out = seed_build
    with FakeStore(["404"]) as fake:
        with pytest.raises(PushError, match="HTTP 404") as err:
            push_build(out, fake.url, policy=FAST, sleep=lambda s: None)
        assert fake.puts == 1
    assert "Graph Store endpoint" in str(err.value)


def test_retry_after_is_honoured_but_bounded(seed_build):
    _, out = seed_build
    waits: list[float] = []
    with FakeStore(["429", "ok"], headers={"Retry-After": "120"}) as fake:
        push_build(out, fake.url, policy=FAST, sleep=waits.append)
        assert fake.puts == 2
    assert waits == [FAST.max_backoff]


def test_a_graph_that_does_not_read_back_is_an_error(seed_build):
    _, out = seed_build
    with FakeStore([], get_body=b"<urn:a> <urn:b> <urn:c> .\n") as fake:
        with pytest.raises(PushError, match=r"holds 1 triples") as err:
            push_build(out, fake.url, policy=FAST, sleep=lambda s: None)
    assert fake.url in str(err.value)
    with FakeStore([], get_body=b"<urn:a> <urn:b> <urn:c> .\n") as fake:
        assert push_build(out, fake.url, policy=FAST, verify=False).verified is False


def test_credentials_come_from_the_environment(seed_build, monkeypatch, capsys):
    _, out = seed_build
    with FakeStore([], user="analyst", password="s3cret:pw") as fake:
        assert main(["push", "--endpoint", fake.url, "--out", str(out), "--retries", "1"]) == 2
        err = capsys.readouterr().err
        assert "401" in err and "CTKG_SPARQL_USER" in err
        monkeypatch.setenv("CTKG_SPARQL_USER", "analyst")
        monkeypatch.setenv("CTKG_SPARQL_PASSWORD", "s3cret:pw")
        assert main(["push", "--endpoint", fake.url, "--out", str(out)]) == 0
        assert fake.stored == (out / "graph.ttl").read_bytes()
    assert "s3cret" not in capsys.readouterr().out
    with pytest.raises(SystemExit):  # there is no option to give a password on the command line
        main(["push", "--endpoint", "http://127.0.0.1:1/store", "--password", "x"])
    creds = credentials_from_env({"CTKG_SPARQL_TOKEN": "zq9secret"})
    assert creds.token == "zq9secret" and "zq9secret" not in repr(creds)
    assert "s3cret" not in repr(Credentials(user="u", password="s3cret"))


SECRET = "s3cret:pw"


def no_secret_in(fake: FakeStore) -> bool:
    clear = base64.b64encode(f"analyst:{SECRET}".encode()).decode()
    return all(SECRET not in h and clear not in h for _, h in fake.seen if h)


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256", "SHA-256-sess", "MD5-sess"])
def test_digest_challenge_is_answered_without_sending_the_password(seed_build, algorithm):
    _, out = seed_build
    with FakeStore([], user="analyst", password=SECRET, scheme="digest", algorithm=algorithm) as fake:
        result = push_build(out, fake.url, credentials=Credentials("analyst", SECRET), policy=FAST,
                            sleep=lambda s: None)
        assert result.verified and result.attempts == 1
        assert fake.stored == (out / "graph.ttl").read_bytes()
    # nothing is sent before the server asks; the graph is uploaded once, with its answer
    assert fake.seen[0] == ("HEAD", None) and fake.puts == 1
    assert [m for m, _ in fake.seen] == ["HEAD", "HEAD", "PUT", "GET"]
    assert all(h.startswith("Digest ") for _, h in fake.seen[1:]) and no_secret_in(fake)
    # one nonce for the push: the counts go up
    assert [digest_fields(h)["nc"] for _, h in fake.seen[1:]] == ["00000001", "00000002", "00000003"]


def test_digest_is_preferred_to_basic_when_the_server_offers_both(seed_build):
    _, out = seed_build
    with FakeStore([], user="analyst", password=SECRET, scheme="digest", algorithm="SHA-256",
                   challenge_extra=', Basic realm="fake store"') as fake:
        push_build(out, fake.url, credentials=Credentials("analyst", SECRET), policy=FAST)
        assert fake.stored and no_secret_in(fake)


def test_a_stale_nonce_is_answered_again(seed_build):
    _, out = seed_build
    with FakeStore([], user="analyst", password=SECRET, scheme="digest", nonce_uses=1) as fake:
        result = push_build(out, fake.url, credentials=Credentials("analyst", SECRET), policy=FAST,
                            sleep=lambda s: None)
        assert result.verified and result.attempts == 1 and fake.stored
    assert [m for m, _ in fake.seen] == ["HEAD", "HEAD", "PUT", "PUT", "GET", "GET"]


def test_a_401_says_which_scheme_the_server_asked_for(seed_build, monkeypatch, capsys):
    _, out = seed_build
    with FakeStore([], user="analyst", password=SECRET, scheme="digest", realm="SPARQL") as fake:
        # no credentials: the scheme, the realm and what to set
        assert main(["push", "--endpoint", fake.url, "--out", str(out), "--retries", "1"]) == 2
        err = capsys.readouterr().err
        assert 'asks for Digest (realm "SPARQL", MD5)' in err and "set CTKG_SPARQL_USER" in err
        # a wrong password: refused after one answer, and the graph was never uploaded
        monkeypatch.setenv("CTKG_SPARQL_USER", "analyst")
        monkeypatch.setenv("CTKG_SPARQL_PASSWORD", "wrong")
        assert main(["push", "--endpoint", fake.url, "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "refused the credentials" in err and "Digest" in err and "wrong" not in err
        assert fake.puts == 0 and sum(1 for _, h in fake.seen if h) == 1
        # a token cannot answer Digest: said so, and nothing is sent
        monkeypatch.delenv("CTKG_SPARQL_USER")
        monkeypatch.delenv("CTKG_SPARQL_PASSWORD")
        monkeypatch.setenv("CTKG_SPARQL_TOKEN", "zq9secret")
        before = len(fake.seen)
        assert main(["push", "--endpoint", fake.url, "--out", str(out)]) == 2
        assert "cannot answer" in capsys.readouterr().err
        assert all(h is None for _, h in fake.seen[before:])


def test_no_credentials_go_to_a_server_that_names_no_scheme(seed_build):
    _, out = seed_build
    with FakeStore([], user="analyst", password=SECRET, scheme="none") as fake:
        with pytest.raises(PushError, match="names no authentication scheme"):
            push_build(out, fake.url, credentials=Credentials("analyst", SECRET), policy=FAST)
        assert fake.seen and all(h is None for _, h in fake.seen) and fake.puts == 0


def test_basic_and_bearer_only_when_asked(seed_build):
    _, out = seed_build
    with FakeStore([], user="analyst", password=SECRET, scheme="basic") as fake:
        push_build(out, fake.url, credentials=Credentials("analyst", SECRET), policy=FAST)
        assert fake.stored and fake.seen[0] == ("HEAD", None)
        assert all(h.startswith("Basic ") for _, h in fake.seen[1:])
    with FakeStore([], password="zq9secret", scheme="bearer") as fake:
        push_build(out, fake.url, credentials=Credentials(token="zq9secret"), policy=FAST)
        assert fake.stored and fake.seen[0] == ("HEAD", None)
        assert {h for _, h in fake.seen[1:]} == {"Bearer zq9secret"}
    # a store that asks for nothing gets nothing, whatever is set
    with FakeStore([]) as fake:
        push_build(out, fake.url, credentials=Credentials("analyst", SECRET, "zq9secret"), policy=FAST)
        assert fake.stored and all(h is None for _, h in fake.seen)


def test_redirects_are_reported_not_followed(seed_build):
    _, out = seed_build
    with FakeStore([]) as elsewhere:
        with FakeStore(["307"], headers={"Location": elsewhere.url}) as fake:
            with pytest.raises(PushError, match="redirects to") as err:
                push_build(out, fake.url, credentials=Credentials("analyst", SECRET), policy=FAST)
        assert elsewhere.url in str(err.value) and elsewhere.seen == []


def test_bad_endpoints_and_graphs_are_refused(seed_build, tmp_path):
    _, out = seed_build
    for url in ("ftp://127.0.0.1/store", "127.0.0.1:7878/store", "http://user:pw@127.0.0.1:7878/store",
                "http:///store"):
        with pytest.raises(ConfigError):
            push_build(out, url)
    for graph in ("not an iri", "relative/graph", "http://example.org/a b"):
        with pytest.raises(ConfigError):
            push_build(out, "http://127.0.0.1:1/store", graph=graph)
    with pytest.raises(PushError, match="ctkg build"):
        push_build(tmp_path, "http://127.0.0.1:1/store")
    assert graph_store_url("http://h:1/store", "https://e.org/g?x=1&y=#z") == \
        "http://h:1/store?graph=https%3A%2F%2Fe.org%2Fg%3Fx%3D1%26y%3D%23z"
    assert graph_store_url("http://h:1/ds?x=1", "urn:g") == "http://h:1/ds?x=1&graph=urn%3Ag"


class CuttingProxy:
    """A TCP proxy to a real store that, for its first ``cuts`` PUT connections, forwards only the first
    ``limit`` bytes of the request (headers and part of the body) and then drops both sides; later
    connections, and those of other methods, are forwarded whole. ``connections`` counts the PUTs."""

    def __init__(self, upstream: str, cuts: int, limit: int):
        host, port = urllib.parse.urlsplit(upstream).netloc.split(":")
        self.upstream, self.cuts, self.limit, self.connections = (host, int(port)), cuts, limit, 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            # only uploads are cut and counted: the body-less HEAD a push sends first passes whole
            client.settimeout(10)
            try:
                put = client.recv(4, socket.MSG_PEEK | socket.MSG_WAITALL) == b"PUT "
            except OSError:
                put = False
            client.settimeout(None)
            self.connections += put
            threading.Thread(target=self._handle, args=(client, put and self.connections <= self.cuts),
                             daemon=True).start()

    def _handle(self, client, cut: bool):
        up = socket.create_connection(self.upstream, timeout=10)
        if cut:
            sent = 0
            with client, up:
                while sent < self.limit:
                    data = client.recv(min(65536, self.limit - sent))
                    if not data:
                        break
                    up.sendall(data)
                    sent += len(data)
                time.sleep(0.1)
                up.shutdown(socket.SHUT_RDWR)
                client.shutdown(socket.SHUT_RDWR)
            return

        def pipe(src, dst):
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        t = threading.Thread(target=pipe, args=(up, client), daemon=True)
        t.start()
        pipe(client, up)
        t.join(timeout=30)
        client.close()
        up.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.sock.close()


@pytest.mark.slow
def test_uploads_cut_midway_never_leave_a_half_replaced_graph(oxigraph, seed_build, tmp_path, extractor):
    """Against the real store: PUTs whose body is cut off midway are retried; the named graph
    holds the old graph until a PUT arrives whole, then exactly the new one, never a mix."""
    from graph.pipeline import run_build

    _, out = seed_build
    graph = "https://example.org/graph/cut"
    store = f"{oxigraph}/store"
    push_build(out, store, graph=graph, policy=FAST)
    old = get_graph(store, graph, policy=FAST)
    first = sorted((ROOT / "seeds").glob("*.txt"))[0]
    run_build([first], tmp_path, extractor=extractor, formats=["graph.ttl"])
    new = {q.triple for q in ox.parse(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    assert new != old
    size = (tmp_path / "graph.ttl").stat().st_size
    # every attempt cut: a clear error, and the store still holds the old graph
    with CuttingProxy(oxigraph, cuts=10, limit=size // 2) as proxy:
        with pytest.raises(PushError, match=r"after 3 attempts") as err:
            push_build(tmp_path, f"{proxy.url}/store", graph=graph, policy=FAST, sleep=lambda s: None)
        assert proxy.connections == 3
    assert f"{proxy.url}/store" in str(err.value)
    assert get_graph(store, graph, policy=FAST) == old
    # two attempts cut, the third whole: exactly the new graph
    with CuttingProxy(oxigraph, cuts=2, limit=size // 2) as proxy:
        result = push_build(tmp_path, f"{proxy.url}/store", graph=graph, policy=FAST, sleep=lambda s: None)
        assert result.attempts == 3 and result.verified
    assert {_same_value(t) for t in get_graph(store, graph, policy=FAST)} == {_same_value(t) for t in new}
