"""HTTP authentication for ``ctkg push``: answer the server's challenge, never volunteer a secret.

A store says how it wants to be authenticated in the ``WWW-Authenticate`` header of a
``401 Unauthorized`` answer (RFC 7235). :class:`Authenticator` sends no credentials until it
has seen such a challenge, then answers the best one it can with the :class:`Credentials`:

- ``Digest`` (RFC 7616, and RFC 2617's form without ``qop``): ``MD5``, ``SHA-256``,
  ``SHA-512-256`` and their ``-sess`` variants, ``qop=auth``, ``userhash``; the password never
  crosses the network. Virtuoso's ``/sparql-graph-crud-auth`` asks for it.
- ``Basic`` (RFC 7617): user and password, sent only to a server that asked for Basic.
- ``Bearer`` (RFC 6750): the token, sent only to a server that asked for a bearer token.

Once a server has asked, the following requests to it carry the answer straight away (Digest
with the next nonce count), and a Digest nonce the server calls ``stale`` is answered afresh.
:func:`explain_401` says in one sentence which scheme(s) a server asked for and what to set.

>>> [(c.scheme, c.get("realm")) for c in parse_challenges(['Digest realm="SPARQL", qop="auth", Basic realm="x"'])]
[('digest', 'SPARQL'), ('basic', 'x')]
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from graph.core.errors import ConfigError, CtkgError

ENV_USER = "CTKG_SPARQL_USER"
ENV_PASSWORD = "CTKG_SPARQL_PASSWORD"
ENV_TOKEN = "CTKG_SPARQL_TOKEN"

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_SEPARATORS = re.compile(r"[\s,]*")
_SCHEME = re.compile(rf"({_TOKEN})")
_PARAM = re.compile(rf"\s*({_TOKEN})\s*=\s*({_TOKEN}|{_QUOTED})\s*")
_TOKEN68 = re.compile(r"\s+([A-Za-z0-9._~+/-]+=*)\s*(?=,|$)")
_COMMA = re.compile(r"\s*,")
_CONTROL = re.compile("[\x00-\x1f\x7f]")

# Digest algorithms by name (RFC 7616 section 6.1), strongest first: the order a client prefers them in
_DIGESTS = {
    "SHA-512-256": lambda b: hashlib.new("sha512_256", b).hexdigest(),
    "SHA-256": lambda b: hashlib.sha256(b).hexdigest(),
    "MD5": lambda b: hashlib.md5(b, usedforsecurity=False).hexdigest(),
}


class AuthError(CtkgError):
    """A challenge ctkg cannot answer (an unknown Digest algorithm, qop without ``auth``...)."""


@dataclass(frozen=True)
class Credentials:
    user: str = ""
    password: str = ""
    token: str = ""

    def __post_init__(self):
        # a line break in a header would split it (and urllib refuses it with a bare ValueError)
        for name, value in ((ENV_USER, self.user), (ENV_TOKEN, self.token)):
            if _CONTROL.search(value):
                raise ConfigError(f"{name} holds a control character (a line break?); set it again")

    def __repr__(self) -> str:  # never show secrets in logs or tracebacks
        return f"Credentials(user={self.user!r}, password={'***' if self.password else ''!r}, " \
               f"token={'***' if self.token else ''!r})"

    @property
    def has_password(self) -> bool:
        return bool(self.user or self.password)

    def __bool__(self) -> bool:
        return self.has_password or bool(self.token)


def credentials_from_env(env: Mapping[str, str] | None = None) -> Credentials:
    """Credentials from CTKG_SPARQL_USER / CTKG_SPARQL_PASSWORD or CTKG_SPARQL_TOKEN."""
    env = os.environ if env is None else env
    return Credentials(user=env.get(ENV_USER, ""), password=env.get(ENV_PASSWORD, ""), token=env.get(ENV_TOKEN, ""))


@dataclass(frozen=True)
class Challenge:
    """One challenge of a ``WWW-Authenticate`` header: its scheme (lower case) and parameters
    (names in lower case, values unquoted; a ``token68`` is the parameter ``""``)."""

    scheme: str
    params: tuple[tuple[str, str], ...] = ()

    def get(self, name: str, default: str = "") -> str:
        for key, value in self.params:
            if key == name:
                return value
        return default

    @property
    def algorithm(self) -> str:
        return self.get("algorithm", "MD5").upper()

    def describe(self) -> str:
        """``Digest (realm "SPARQL", MD5)``: the scheme as a person reads it."""
        name = {"digest": "Digest", "basic": "Basic", "bearer": "Bearer"}.get(self.scheme, self.scheme)
        details = [f'realm "{self.get("realm")}"'] if self.get("realm") else []
        if self.scheme == "digest":
            details.append(self.algorithm)
        return name + (f" ({', '.join(details)})" if details else "")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_challenges(values: Iterable[str]) -> list[Challenge]:
    """The challenges of one or more ``WWW-Authenticate`` header values, in order. Several
    challenges may share one value (``Digest realm="a", qop="auth", Basic realm="b"``); a part
    that is not a challenge ends the parsing of its value."""
    found = []
    for value in values:
        pos = 0
        while True:
            pos = _SEPARATORS.match(value, pos).end()
            scheme = _SCHEME.match(value, pos)
            if scheme is None:
                break
            pos = scheme.end()
            params: list[tuple[str, str]] = []
            t68 = _TOKEN68.match(value, pos)
            if t68 is not None and _PARAM.match(value, pos) is None:
                params.append(("", t68.group(1)))
                pos = t68.end()
            else:
                while (param := _PARAM.match(value, pos)) is not None:
                    params.append((param.group(1).lower(), _unquote(param.group(2))))
                    pos = param.end()
                    comma = _COMMA.match(value, pos)
                    if comma is None:
                        break
                    pos = comma.end()
            found.append(Challenge(scheme.group(1).lower(), tuple(params)))
    return found


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def request_target(url: str) -> str:
    """The request-target a client sends for ``url`` (path and query), which Digest signs."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def digest_authorization(challenge: Challenge, user: str, password: str, method: str, uri: str, *,
                         cnonce: str, nc: int) -> str:
    """The ``Authorization`` value answering a Digest ``challenge`` (RFC 7616, section 3.4).

    The example of RFC 7616 section 3.9.1 (SHA-256):

    >>> ch = parse_challenges(['Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, '
    ...                        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", '
    ...                        'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"'])[0]
    >>> value = digest_authorization(ch, "Mufasa", "Circle of Life", "GET", "/dir/index.html",
    ...                              cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", nc=1)
    >>> re.search(r'response="([0-9a-f]+)"', value).group(1)
    '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'
    """
    algorithm = challenge.algorithm
    base, sess = (algorithm[:-5], True) if algorithm.endswith("-SESS") else (algorithm, False)
    if base not in _DIGESTS:
        raise AuthError(f"the server asks for Digest with the algorithm {challenge.get('algorithm')}, "
                        f"which ctkg does not know (it knows {', '.join(sorted(_DIGESTS))} and their -sess forms)")
    nonce, realm = challenge.get("nonce"), challenge.get("realm")
    if not nonce:
        raise AuthError("the server's Digest challenge has no nonce")
    qops = [q.strip().lower() for q in challenge.get("qop").split(",") if q.strip()]
    if qops and "auth" not in qops:
        raise AuthError(f"the server asks for Digest with qop={','.join(qops)} only; ctkg answers qop=auth")

    def h(text: str) -> str:
        return _DIGESTS[base](text.encode("utf-8"))

    ha1 = h(f"{user}:{realm}:{password}")
    if sess:
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    count = f"{nc:08x}"
    response = h(f"{ha1}:{nonce}:{count}:{cnonce}:auth:{ha2}") if qops else h(f"{ha1}:{nonce}:{ha2}")
    userhash = challenge.get("userhash").lower() == "true"
    if userhash:
        fields = [f"username={_quoted(h(f'{user}:{realm}'))}"]
    elif user.isascii():
        fields = [f"username={_quoted(user)}"]
    else:  # RFC 7616 section 3.4.4: a name beyond ASCII goes as username*
        fields = [f"username*=UTF-8''{quote(user, safe='')}"]
    fields += [f"realm={_quoted(realm)}", f"nonce={_quoted(nonce)}", f"uri={_quoted(uri)}"]
    if challenge.get("algorithm"):
        fields.append(f"algorithm={challenge.get('algorithm')}")
    if qops:
        fields += ["qop=auth", f"nc={count}", f"cnonce={_quoted(cnonce)}"]
    fields.append(f"response={_quoted(response)}")
    if challenge.get("opaque"):
        fields.append(f"opaque={_quoted(challenge.get('opaque'))}")
    if userhash:
        fields.append("userhash=true")
    return "Digest " + ", ".join(fields)


def _rank(challenge: Challenge) -> int:
    """How much a client prefers a Digest challenge: the strongest algorithm first, plain over -sess;
    100 for one ctkg cannot answer (an unknown algorithm, no nonce, a qop without ``auth``)."""
    algorithm = challenge.algorithm
    names = list(_DIGESTS)
    base = algorithm[:-5] if algorithm.endswith("-SESS") else algorithm
    qops = [q.strip().lower() for q in challenge.get("qop").split(",") if q.strip()]
    if base not in _DIGESTS or not challenge.get("nonce") or (qops and "auth" not in qops):
        return 100
    return names.index(base) * 2 + (algorithm != base)


def usable(challenges: Iterable[Challenge], credentials: Credentials) -> list[Challenge]:
    """The challenges these credentials can answer, best first: Digest (strongest algorithm first)
    before Basic for a user and password, Bearer for a token."""
    out = []
    if credentials.has_password:
        digests = [c for c in challenges if c.scheme == "digest" and _rank(c) < 100]
        out += sorted(digests, key=_rank)
        out += [c for c in challenges if c.scheme == "basic"]
    if credentials.token:
        out += [c for c in challenges if c.scheme == "bearer"]
    return out


class Authenticator:
    """Answers one server's challenges with ``credentials`` across the requests of one push.

    ``authorization(method, url)`` is the header to send (None until the server has asked);
    ``learn(challenges, ...)`` takes a 401's challenges and says whether to send the request again.
    """

    def __init__(self, credentials: Credentials):
        self.credentials = credentials
        self.challenge: Challenge | None = None
        self.nc = 0
        self.cnonce = secrets.token_hex(16)

    def authorization(self, method: str, url: str) -> str | None:
        ch, creds = self.challenge, self.credentials
        if ch is None:
            return None
        if ch.scheme == "bearer":
            return f"Bearer {creds.token}"
        if ch.scheme == "basic":
            return "Basic " + base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode("ascii")
        self.nc += 1
        return digest_authorization(ch, creds.user, creds.password, method, request_target(url),
                                    cnonce=self.cnonce, nc=self.nc)

    def learn(self, challenges: list[Challenge], *, answered: bool) -> bool:
        """Take the challenges of a 401; True when the request should be sent again with an answer.

        Not answered yet: True when a challenge can be answered. Answered already: True only when
        the server calls the Digest nonce stale, or refused a nonce that was being reused (some
        servers accept a nonce once), so that wrong credentials are never sent twice."""
        best = usable(challenges, self.credentials)
        if not best:
            return False
        if answered:
            ch = self.challenge
            reused = ch is not None and ch.scheme == "digest" and self.nc > 1
            stale = best[0].scheme == "digest" and best[0].get("stale").lower() == "true"
            if not (stale or reused):
                return False
        self.challenge, self.nc, self.cnonce = best[0], 0, secrets.token_hex(16)
        return True


def explain_401(challenges: list[Challenge], credentials: Credentials, *, answered: bool) -> str:
    """Why a request ended in 401, naming the scheme(s) the server asked for and what to set."""
    if not challenges:
        return ("the server names no authentication scheme (no WWW-Authenticate header), so ctkg sent no "
                "credentials")
    asked = " or ".join(c.describe() for c in challenges)
    if answered:
        secret = ENV_TOKEN if credentials.token and not credentials.has_password else f"{ENV_USER}/{ENV_PASSWORD}"
        return f"the server asks for {asked} and refused the credentials sent: check {secret}"
    if not credentials:
        needs = {c.scheme for c in challenges}
        what = (f"{ENV_TOKEN}" if needs == {"bearer"} else f"{ENV_USER} and {ENV_PASSWORD}"
                + (f" (or {ENV_TOKEN})" if "bearer" in needs else ""))
        return f"the server asks for {asked}; set {what} in the environment"
    have = ENV_TOKEN if not credentials.has_password else f"{ENV_USER}/{ENV_PASSWORD}"
    return f"the server asks for {asked}, which the credentials set ({have}) cannot answer"
