"""HTTP authentication of `ctkg push`: challenges parsed as servers write them, Digest answers equal to
the published examples of RFC 2617 and RFC 7616, and the choice of what to answer."""
from __future__ import annotations

import hashlib
import re

import pytest

from graph.core.errors import ConfigError
from graph.query.httpauth import (
    Authenticator,
    Challenge,
    Credentials,
    credentials_from_env,
    digest_authorization,
    explain_401,
    parse_challenges,
    usable,
)


def response_of(value: str) -> str:
    return re.search(r'response="([0-9a-f]+)"', value).group(1)


def test_challenges_as_servers_write_them():
    virtuoso = ('Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="545f2a8b", '
                'opaque="5ebe2294", stale="false", qop="auth", algorithm="MD5"')
    [ch] = parse_challenges([virtuoso])
    assert ch.scheme == "digest" and ch.get("realm") == "SPARQL" and ch.get("qop") == "auth"
    assert ch.algorithm == "MD5" and ch.describe() == 'Digest (realm "SPARQL", MD5)'
    # several challenges in one header and in several headers; quoted commas, escapes and token68
    found = parse_challenges(['Newauth realm="apps", type=1, title="Login to \\"apps\\", please", '
                              'Basic realm="simple"', 'Bearer abc.DEF-12==', 'Digest realm="x, y", nonce=n1'])
    assert [c.scheme for c in found] == ["newauth", "basic", "bearer", "digest"]
    assert found[0].get("title") == 'Login to "apps", please' and found[0].get("type") == "1"
    assert found[2].get("") == "abc.DEF-12==" and found[3].get("realm") == "x, y" and found[3].get("nonce") == "n1"
    assert parse_challenges([]) == [] and parse_challenges([""]) == [] and parse_challenges(["@@"]) == []


def test_digest_answers_match_the_rfc_examples():
    # RFC 2617 section 3.5 (MD5, qop=auth)
    ch = parse_challenges(['Digest realm="testrealm@host.com", qop="auth,auth-int", '
                           'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'])[0]
    value = digest_authorization(ch, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", cnonce="0a4f113b", nc=1)
    assert response_of(value) == "6629fae49393a05397450978507c4ef1"
    assert 'opaque="5ccc069c403ebaf9f0171e9517f40e41"' in value and "qop=auth," in value and "nc=00000001" in value
    # RFC 7616 section 3.9.1, MD5 and SHA-256
    params = ('realm="http-auth@example.org", qop="auth, auth-int", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",'
              ' opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')
    cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    for algorithm, expected in (("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
                                ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")):
        ch = parse_challenges([f"Digest {params}, algorithm={algorithm}"])[0]
        value = digest_authorization(ch, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce=cnonce, nc=1)
        assert response_of(value) == expected and f"algorithm={algorithm}" in value
        assert "Circle" not in value


def test_digest_userhash_and_names_beyond_ascii():
    # RFC 7616 section 3.4.4: the username hashed with the realm; the algorithm SHA-512-256 of section 3.9.2
    # (whose printed example values are known to be wrong: computed here from the definition)
    ch = Challenge("digest", (("realm", "api@example.org"), ("nonce", "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK"),
                              ("qop", "auth"), ("algorithm", "SHA-512-256"), ("userhash", "true")))
    value = digest_authorization(ch, "J\u00e4s\u00f8n Doe", "Secret, or not?", "GET", "/doe.json",
                                 cnonce="NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", nc=1)
    def h(text: str) -> str:
        return hashlib.new("sha512_256", text.encode()).hexdigest()

    name = "J\u00e4s\u00f8n Doe"
    assert f'username="{h(name + ":api@example.org")}"' in value and name not in value
    ha1, ha2 = h(f"{name}:api@example.org:Secret, or not?"), h("GET:/doe.json")
    assert response_of(value) == h(f"{ha1}:5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK:00000001:"
                                   f"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v:auth:{ha2}")
    assert "userhash=true" in value
    plain = Challenge("digest", (("realm", "r"), ("nonce", "n"), ("qop", "auth")))
    assert "username*=UTF-8''J%C3%A4s%C3%B8n%20Doe" in digest_authorization(
        plain, "J\u00e4s\u00f8n Doe", "pw", "GET", "/", cnonce="c", nc=1)


def test_what_is_answered():
    digest_md5 = Challenge("digest", (("realm", "r"), ("nonce", "n1"), ("qop", "auth")))
    digest_sha = Challenge("digest", (("realm", "r"), ("nonce", "n2"), ("qop", "auth"), ("algorithm", "SHA-256")))
    basic, bearer = Challenge("basic", (("realm", "r"),)), Challenge("bearer")
    unknown = Challenge("digest", (("realm", "r"), ("nonce", "n3"), ("algorithm", "SHA-1")))
    auth_int = Challenge("digest", (("realm", "r"), ("nonce", "n4"), ("qop", "auth-int")))
    password = Credentials("u", "p")
    assert usable([basic, digest_md5, digest_sha, bearer], password) == [digest_sha, digest_md5, basic]
    assert usable([basic, digest_md5, bearer], Credentials(token="t")) == [bearer]
    assert usable([unknown, auth_int], password) == [] and usable([basic], Credentials()) == []
    a = Authenticator(password)
    assert a.authorization("GET", "http://h/x") is None  # nothing before the server asks
    assert a.learn([basic, digest_md5], answered=False)
    first = a.authorization("PUT", "http://h/store?graph=urn%3Ag")
    assert first.startswith("Digest ") and 'uri="/store?graph=urn%3Ag"' in first and "nc=00000001" in first
    # refused on a first use of the nonce: the credentials are wrong, never sent again
    b = Authenticator(password)
    b.learn([digest_md5], answered=False)
    b.authorization("GET", "http://h/")
    assert not b.learn([digest_md5], answered=True)
    # a stale nonce, or a reused nonce refused, is answered afresh
    assert a.learn([Challenge("digest", (*digest_md5.params, ("stale", "true")))], answered=True)
    a.authorization("GET", "http://h/")
    a.authorization("GET", "http://h/")
    assert a.learn([digest_md5], answered=True)
    assert "nc=00000001" in a.authorization("GET", "http://h/")


def test_the_401_message_names_the_scheme():
    ch = parse_challenges(['Digest realm="SPARQL", nonce="n", qop="auth", Basic realm="SPARQL"'])
    msg = explain_401(ch, Credentials(), answered=False)
    assert msg == ('the server asks for Digest (realm "SPARQL", MD5) or Basic (realm "SPARQL"); '
                   "set CTKG_SPARQL_USER and CTKG_SPARQL_PASSWORD in the environment")
    assert "refused" in explain_401(ch, Credentials("u", "p"), answered=True)
    assert "CTKG_SPARQL_TOKEN" in explain_401([Challenge("bearer")], Credentials(), answered=False)
    assert "no WWW-Authenticate" in explain_401([], Credentials("u", "p"), answered=False)


def test_a_line_break_in_a_credential_is_refused_without_showing_it():
    for env in ({"CTKG_SPARQL_TOKEN": "zq9secret\r\nX-Injected: 1"}, {"CTKG_SPARQL_USER": "me\nX-Injected: 1"}):
        with pytest.raises(ConfigError, match="control character") as err:
            credentials_from_env(env)
        assert "zq9secret" not in str(err.value) and "Injected" not in str(err.value)
    # a password is only ever hashed or base64-encoded: any character will do
    assert credentials_from_env({"CTKG_SPARQL_USER": "me", "CTKG_SPARQL_PASSWORD": "p\tw\n"}).password == "p\tw\n"
