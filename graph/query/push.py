"""Load a build into a SPARQL 1.1 store through the Graph Store HTTP Protocol.

:func:`push_build` sends the build's ``graph.ttl`` with one ``PUT`` to the store's Graph
Store endpoint, into one named graph (by default the build's ``void:Dataset`` IRI,
``<base>dataset``). ``PUT`` replaces the named graph as a whole, so pushing again never
duplicates triples, and a store applies it in one transaction: a failed or cut-off request
leaves the graph as it was. Afterwards the graph is read back (``GET``) and compared with
what was sent.

Failures (server down, no answer in time, 5xx, dropped connection) are retried a bounded
number of times with exponential backoff; a 4xx other than 408/425/429 is not retried.
Every failure raises :class:`PushError` naming the endpoint and the reason.

Credentials come from :class:`Credentials`, which the CLI fills from the environment
(``CTKG_SPARQL_USER``/``CTKG_SPARQL_PASSWORD``, or ``CTKG_SPARQL_TOKEN`` for a bearer token), never
from the command line, and are sent only after the store asked for them: a ``401`` with a
``WWW-Authenticate`` challenge, answered with HTTP Digest, Basic or Bearer as the store asks
(:mod:`graph.query.httpauth`). A password goes in the clear (Basic) only to a store that asked for
Basic. Before a ``PUT`` with credentials set, a body-less ``HEAD`` learns the challenge, so the graph
is sent once, with its answer (Virtuoso drops a connection that sends a large body unauthenticated).
Redirects are not followed (they would carry the answer to another address): the error names the
new address. Only the standard library speaks HTTP.
"""
from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from graph.core.errors import ConfigError, CtkgError
from graph.query.httpauth import (
    ENV_PASSWORD,
    ENV_TOKEN,
    ENV_USER,
    Authenticator,
    AuthError,
    Credentials,
    credentials_from_env,
    explain_401,
    parse_challenges,
)

__all__ = ["Credentials", "PushError", "PushResult", "RetryPolicy", "credentials_from_env", "get_graph",
           "graph_store_url", "push_build", "put_graph"]
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
PROBE_TIMEOUT = 10.0  # seconds for the HEAD before an upload: a stuck server costs the push little more
_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_VOID_DATASET = ox.NamedNode("http://rdfs.org/ns/void#Dataset")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


class PushError(CtkgError):
    """The graph could not be loaded into the store (the message names the endpoint and why)."""


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries per request; waits ``backoff``, 2x, 4x... seconds between them, at most
    ``max_backoff``; ``timeout`` seconds for the server to answer each request."""

    attempts: int = 4
    backoff: float = 0.5
    max_backoff: float = 8.0
    timeout: float = 60.0

    def __post_init__(self):
        if self.attempts < 1:
            raise ConfigError("retry attempts must be at least 1")
        if self.timeout <= 0 or self.backoff < 0 or self.max_backoff < 0:
            raise ConfigError("timeout must be positive and backoff not negative")

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        delay = self.backoff * 2 ** (attempt - 1)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.max_backoff)


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graph: str
    triples: int
    attempts: int
    verified: bool


def check_endpoint(endpoint: str) -> str:
    """The endpoint if it is an http(s) URL without credentials in it; ConfigError otherwise."""
    parts = urlsplit(endpoint or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"endpoint {endpoint!r} must be an http:// or https:// URL of the store's Graph Store "
                          "endpoint (Oxigraph: http://HOST:PORT/store, Fuseki: http://HOST:PORT/DATASET/data)")
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"put no credentials in the endpoint URL; set {ENV_USER} and {ENV_PASSWORD} "
                          f"(or {ENV_TOKEN}) in the environment")
    if parts.fragment:
        raise ConfigError(f"endpoint {endpoint!r} must not have a #fragment")
    return endpoint


def check_graph_iri(graph: str) -> str:
    if not isinstance(graph, str) or not _IRI.fullmatch(graph):
        raise ConfigError(f"graph {graph!r} must be an absolute IRI such as https://example.org/graph/ctkg")
    return graph


def graph_store_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol address of a named graph: ``endpoint?graph=<encoded IRI>``."""
    sep = "&" if urlsplit(endpoint).query else "?"
    return f"{check_endpoint(endpoint)}{sep}graph={quote(check_graph_iri(graph), safe='')}"


def _reason(exc: BaseException, timeout: float) -> tuple[str, bool]:
    """A short reason for a failed request, and whether trying again may help."""
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read(300).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            body = ""
        body = " ".join(body.split())
        reason = f"HTTP {exc.code} {exc.reason}" + (f": {body}" if body else "")
        if exc.code == 403:
            reason += f" (check {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}: the store refuses this account)"
        elif 300 <= exc.code < 400:
            where = exc.headers.get("Location", "") if exc.headers is not None else ""
            reason += (f" (the store redirects to {where}: give that address as --endpoint; ctkg does not "
                       "follow redirects)" if where else " (a redirect without a Location)")
        elif exc.code in (404, 405):
            reason += " (is this the store's Graph Store endpoint, e.g. http://HOST:PORT/store for Oxigraph?)"
        return reason, exc.code in RETRY_STATUS
    if isinstance(exc, urllib.error.URLError):
        inner = exc.reason
        if isinstance(inner, BaseException):
            if isinstance(inner, ssl.SSLError):
                return f"TLS error: {inner}", False
            return _reason(inner, timeout)
        return f"cannot reach the server: {inner}", True
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s (server too slow or stuck)", True
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)", True
    if isinstance(exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                        ConnectionAbortedError, http.client.IncompleteRead)):
        return f"the server dropped the connection ({type(exc).__name__})", True
    if isinstance(exc, socket.gaierror):
        return f"unknown host ({exc})", True
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP answer ({type(exc).__name__}: {exc})", True
    return f"{type(exc).__name__}: {exc}", True


def _retry_after(exc: BaseException) -> float | None:
    if isinstance(exc, urllib.error.HTTPError) and exc.headers is not None:
        value = exc.headers.get("Retry-After", "")
        if value.strip().isdigit():
            return float(value.strip())
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as errors: following one would carry the credentials' answer elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _open(req: urllib.request.Request, timeout: float):
    # built per request, so that the proxy settings of the environment are read when pushing
    return urllib.request.build_opener(_NoRedirect()).open(req, timeout=timeout)


def _probe(method: str, url: str, endpoint: str, auth: Authenticator, policy: RetryPolicy) -> None:
    """Before a request with a body: a body-less HEAD learns the store's challenge and checks the
    answer, so that the body is sent once, with credentials the store accepts. A store that
    drops the connection of an unauthenticated upload (Virtuoso does) would otherwise give no
    reason. Any outcome but a 401 (no authentication asked, HEAD not allowed, no answer) is left
    to the request itself."""
    for _ in range(3):
        try:
            answer = auth.authorization("HEAD", url)
        except AuthError as exc:
            raise PushError(f"{method} {endpoint} failed: {exc}") from exc
        try:
            with _open(urllib.request.Request(url, method="HEAD", headers={"Authorization": answer} if answer
                                              else {}), min(policy.timeout, PROBE_TIMEOUT)):
                return
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                return
            challenges = parse_challenges(exc.headers.get_all("WWW-Authenticate") or [])
            if not auth.learn(challenges, answered=answer is not None):
                raise PushError(f"{method} {endpoint} failed: HTTP 401 {exc.reason}: "
                                f"{explain_401(challenges, auth.credentials, answered=answer is not None)}") from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            return


def _request(method: str, url: str, endpoint: str, *, data: bytes | None, headers: dict[str, str],
             auth: Authenticator, policy: RetryPolicy, sleep: Callable[[float], None]) -> tuple[bytes, int]:
    """One HTTP request with bounded retries: (response body, attempts used). A 401 whose
    challenge the credentials can answer is sent again with the answer (not counted as a retry)."""
    if data is not None and auth.challenge is None:
        _probe(method, url, endpoint, auth, policy)
    last, attempt, answers = "", 0, 0
    while attempt < policy.attempts:
        attempt += 1
        try:
            answer = auth.authorization(method, url)
        except AuthError as exc:
            raise PushError(f"{method} {endpoint} failed: {exc}") from exc
        sent = {**headers, "Authorization": answer} if answer else headers
        req = urllib.request.Request(url, data=data, method=method, headers=sent)
        try:
            with _open(req, policy.timeout) as resp:
                return resp.read(), attempt
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                last, retry = _reason(exc, policy.timeout)
                if not retry:
                    raise PushError(f"{method} {endpoint} failed: {last}") from exc
                if attempt < policy.attempts:
                    sleep(policy.wait(attempt, _retry_after(exc)))
                continue
            challenges = parse_challenges(exc.headers.get_all("WWW-Authenticate") or [])
            if answers < 2 and auth.learn(challenges, answered=answer is not None):
                answers, attempt = answers + 1, attempt - 1
                continue
            raise PushError(f"{method} {endpoint} failed: HTTP 401 {exc.reason}: "
                            f"{explain_401(challenges, auth.credentials, answered=answer is not None)}") from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            last, retry = _reason(exc, policy.timeout)
            if not retry:
                raise PushError(f"{method} {endpoint} failed: {last}") from exc
            if attempt < policy.attempts:
                sleep(policy.wait(attempt, _retry_after(exc)))
    raise PushError(f"{method} {endpoint} failed after {policy.attempts} attempts: {last}")


def put_graph(endpoint: str, graph: str, data: bytes, *, content_type: str = "text/turtle; charset=utf-8",
              credentials: Credentials = Credentials(), policy: RetryPolicy = RetryPolicy(),
              sleep: Callable[[float], None] = time.sleep, auth: Authenticator | None = None) -> int:
    """Replace the named graph ``graph`` with ``data`` (PUT); returns the attempts used. ``auth``
    carries what the store asked for from one request to the next (default: a new one for
    ``credentials``)."""
    _, attempts = _request("PUT", graph_store_url(endpoint, graph), endpoint, data=data,
                           headers={"Content-Type": content_type}, auth=auth or Authenticator(credentials),
                           policy=policy, sleep=sleep)
    return attempts


def get_graph(endpoint: str, graph: str, *, credentials: Credentials = Credentials(),
              policy: RetryPolicy = RetryPolicy(), sleep: Callable[[float], None] = time.sleep,
              auth: Authenticator | None = None) -> set[ox.Triple]:
    """The triples the store holds in the named graph ``graph`` (GET, as N-Triples)."""
    body, _ = _request("GET", graph_store_url(endpoint, graph), endpoint, data=None,
                       headers={"Accept": "application/n-triples"}, auth=auth or Authenticator(credentials),
                       policy=policy, sleep=sleep)
    try:
        return {q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    except SyntaxError as exc:
        raise PushError(f"GET {endpoint}: the store's answer is not N-Triples ({exc})") from exc


def _local_triples(path: Path) -> set[ox.Triple]:
    try:
        return {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
    except (SyntaxError, OSError) as exc:
        raise PushError(f"{path}: cannot read the build's graph ({exc}); run `ctkg build` again") from exc


_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "decimal", "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def _same_value(t: ox.Triple) -> tuple:
    """A key equal for triples a store may write differently (``"35.97500"`` and ``"35.975"``)."""
    o = t.object
    if isinstance(o, ox.Literal) and o.datatype.value in _NUMERIC:
        try:
            return t.subject, t.predicate, "number", Decimal(o.value).normalize()
        except ArithmeticError:
            pass
    return t.subject, t.predicate, o


def default_graph_iri(triples: set[ox.Triple]) -> str:
    """The build's ``void:Dataset`` IRI, which names its graph in the store by default."""
    names = sorted(t.subject.value for t in triples
                   if t.predicate == _RDF_TYPE and t.object == _VOID_DATASET and isinstance(t.subject, ox.NamedNode))
    if len(names) != 1:
        raise PushError("the build names no single void:Dataset; give the graph IRI with --graph")
    return names[0]


def push_build(out: str | os.PathLike, endpoint: str, *, graph: str | None = None,
               credentials: Credentials = Credentials(), policy: RetryPolicy = RetryPolicy(), verify: bool = True,
               sleep: Callable[[float], None] = time.sleep) -> PushResult:
    """Replace the named graph ``graph`` of the store at ``endpoint`` with a build's graph.ttl."""
    check_endpoint(endpoint)
    path = Path(out) / "graph.ttl"
    if not path.is_file():
        raise PushError(f"{Path(out)}: no graph.ttl here; run `ctkg build --out {out}` first")
    data = path.read_bytes()
    triples = _local_triples(path)
    graph = check_graph_iri(graph) if graph else default_graph_iri(triples)
    auth = Authenticator(credentials)  # what the store asks for in the PUT is answered in the GET too
    attempts = put_graph(endpoint, graph, data, policy=policy, sleep=sleep, auth=auth)
    if verify:
        stored = get_graph(endpoint, graph, policy=policy, sleep=sleep, auth=auth)
        sent = {_same_value(t) for t in triples}
        held = {_same_value(t) for t in stored}
        if held != sent:
            raise PushError(f"{endpoint}: after the PUT, graph <{graph}> holds {len(stored)} triples "
                            f"({len(held - sent)} not sent, {len(sent - held)} missing) instead of the "
                            f"{len(triples)} sent; push again")
    return PushResult(endpoint=endpoint, graph=graph, triples=len(triples), attempts=attempts, verified=verify)
