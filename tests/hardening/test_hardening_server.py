"""The server facing hostile requests: SQL meta-characters are data, sizes are capped, it listens on loopback
only, exposes no write endpoint, serves nothing outside its static folders, and XML is parsed safely."""

from __future__ import annotations

import ast
import hashlib
import http.client
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hardening_server import HOSTILE, hostile_database
from starlette.routing import Mount

import sitreps
from server_support import serving
from sitreps.errors import Reason, Rejected
from sitreps.ingest import iter_articles
from sitreps.serve.api import MAX_LIMIT, MAX_SEARCH_CHARS, MAX_SEARCH_WORDS, search_words
from sitreps.serve.app import MAX_QUERY_BYTES, create_app

SQL_PAYLOADS = (
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE articles; --",
    "1); DELETE FROM events; --",
    "%",
    "_",
    "\\",
    "*",
    'NEAR("a" "b")',
    "a OR b AND NOT c",
    "' UNION SELECT id, text FROM articles --",
    "\x00",
)
TEXT_PARAMETERS = {
    "/api/articles": ("q", "outlet"),
    "/api/events": ("q", "actor", "claimant", "article", "country", "plover", "acled"),
    "/api/events/map": ("q", "actor", "country"),
    "/api/events/timeline": ("q", "claimant", "plover"),
    "/api/figures": ("kind", "population", "claimant", "article"),
    "/api/clusters": ("country", "plover"),
    "/api/contradictions": ("cluster", "claimant"),
}
SRC = Path(sitreps.__file__).parent


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_database(tmp_path_factory.mktemp("hostile-db"))


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as opened:
        yield opened


def digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_sql_meta_characters_in_parameters_are_data(client: TestClient, db: Path) -> None:
    before = digest(db)
    for path, names in TEXT_PARAMETERS.items():
        for name in names:
            for payload in SQL_PAYLOADS:
                response = client.get(path, params={name: payload})
                assert response.status_code == 200, (path, name, payload, response.text)
                body = response.json()
                # No wildcard, no injected OR: nothing matches (a NUL alone folds to no filter at all).
                if "total" in body and name != "q" and payload != "\x00":
                    assert body["total"] == 0, (path, name, payload)
    for payload in SQL_PAYLOADS[:5]:
        for path in ("/api/articles/", "/api/events/", "/api/clusters/", "/articles/", "/clusters/"):
            assert client.get(path + payload.replace("/", "%2F")).status_code in (404, 422)
    # SQL written in an article is text like any other: found by search, shown as stored.
    found = client.get("/api/articles", params={"q": "DROP TABLE articles"}).json()
    assert found["total"] == 1 and "DROP TABLE articles" in found["items"][0]["title"]
    outlet = found["items"][0]["outlet"]
    assert '"O\'Hara" 100% _news_' in outlet
    assert client.get("/api/articles", params={"outlet": outlet}).json()["total"] == 1
    assert client.get("/api/stats").json()["counts"]["articles"] == 2
    assert digest(db) == before


def test_oversized_parameters_and_pages_are_capped(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": MAX_LIMIT}).status_code == 200
    for limit in (MAX_LIMIT + 1, 10**12, -1, 0):
        assert client.get("/api/events", params={"limit": limit}).status_code == 422
        assert client.get("/api/articles", params={"limit": limit}).status_code == 422
    assert client.get("/api/articles", params={"q": "a" * (MAX_SEARCH_CHARS + 1)}).status_code == 422
    assert client.get("/api/events", params={"q": "a" * (MAX_SEARCH_CHARS + 1)}).status_code == 422
    started = time.monotonic()  # the longest search allowed, every word repeated: answered at once
    assert client.get("/api/articles", params={"q": "a " * (MAX_SEARCH_CHARS // 2)}).status_code == 200
    assert time.monotonic() - started < 2
    long_query = client.get("/api/events", params={"actor": "x" * (MAX_QUERY_BYTES + 1)})
    assert long_query.status_code == 414 and str(MAX_QUERY_BYTES) in long_query.json()["detail"]
    assert "default-src 'none'" in long_query.headers["content-security-policy"]
    assert client.get("/api/events", params={"country": ",".join(["AM"] * 3000)}).status_code == 414
    assert client.get("/api/events/" + "x" * 201).status_code == 422
    assert client.get("/api/events/map", params={"zoom": 23}).status_code == 422
    assert client.get("/api/events", params={"cursor": "x" * 1000}).status_code == 400


def test_search_words_are_deduplicated_and_capped() -> None:
    assert search_words("  ") is None
    assert search_words("Goris goris GORIS shelled") == "Goris shelled"
    many = " ".join(f"w{n}" for n in range(MAX_SEARCH_WORDS + 10))
    assert search_words(many) == " ".join(f"w{n}" for n in range(MAX_SEARCH_WORDS))


def listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets listening on ``port`` (Linux /proc/net), as dotted or hex text."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                if len(address) == 8:
                    found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
                else:
                    found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_the_server_listens_on_loopback_unless_told_otherwise(db: Path) -> None:
    with serving(db) as (_url, port):
        assert listening_addresses(port) == {"127.0.0.1"}
    refused = subprocess.run(
        [sys.executable, "-m", "sitreps.cli", "serve", "--db", str(db), "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2 and "refusing to listen on 0.0.0.0" in refused.stderr


def test_there_is_no_write_endpoint(client: TestClient, db: Path) -> None:
    before = digest(db)
    app = client.app
    for route in app.routes:  # type: ignore[attr-defined]
        if isinstance(route, APIRoute):
            assert route.methods <= {"GET", "HEAD"}, route.path
        else:
            assert isinstance(route, Mount) or set(getattr(route, "methods", None) or {"GET"}) <= {
                "GET",
                "HEAD",
            }
    spec: dict[str, Any] = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        assert set(operations) == {"get"}, path
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert client.request(method, concrete, json={"text": "x"}).status_code == 405, (method, path)
    for method in ("POST", "PUT", "DELETE"):
        assert client.request(method, "/static/css/sitreps.css").status_code == 405
    assert digest(db) == before


TRAVERSALS = (
    "/static/../app.py",
    "/static/../../sitreps/serve/app.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/..%2fapp.py",
    "/static/%252e%252e/app.py",
    "/static/css/../../app.py",
    "/static/css/..%2f..%2fapp.py",
    "/static//etc/passwd",
    "/static/..\\app.py",
    "/static/....//app.py",
    "/static/%2fetc%2fpasswd",
    "/vendor/..%2fpackage.json",
    "/vendor/../package.json",
    "/vendor/%2e%2e%2fpackage.json",
    "/vendor/package.json",
)


def test_static_paths_cannot_escape_the_static_folders(db: Path) -> None:
    secret_markers = ("def create_app", "root:x:0:0", '"name": "sitreps', '"dependencies"')
    with serving(db) as (_url, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", "/static/css/sitreps.css")
            response = connection.getresponse()
            assert response.status == 200 and response.read()
            for path in TRAVERSALS:
                connection.request("GET", path)  # sent as written, not normalised by a client
                response = connection.getresponse()
                body = response.read().decode("utf-8", "replace")
                assert response.status in (400, 404), (path, response.status)
                assert not any(marker in body for marker in secret_markers), path
        finally:
            connection.close()


XML_MODULES = re.compile(r"^(xml\.(etree|dom|sax|parsers)|lxml\.etree|lxml\.objectify|xmltodict|pyexpat)\b")


def test_xml_is_only_parsed_through_defusedxml() -> None:
    """No sitreps module imports a standard XML parser; feeds are checked by defusedxml before feedparser."""
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not XML_MODULES.match(name), f"{path.relative_to(SRC)} imports {name}"
    feeds = (SRC / "ingest" / "feeds.py").read_text(encoding="utf-8")
    assert "from defusedxml import" in feeds and "forbid_entities=True" in feeds


def test_an_external_entity_never_reads_the_file_it_names(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("TOP-SECRET-7f3a", encoding="utf-8")
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for n, prolog in enumerate(
        (
            f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>',
            f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>',
            f'<!DOCTYPE rss SYSTEM "{secret.as_uri()}">',
        )
    ):
        (feeds / f"feed{n}.xml").write_text(
            f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>&x;</title>'
            "<item><title>t</title><description>&x; troops shelled the village</description></item>"
            "</channel></rss>",
            encoding="utf-8",
        )
    results = list(iter_articles([feeds]))
    assert len(results) == 3
    for result in results:
        assert isinstance(result, Rejected) and result.reason is Reason.UNSAFE_XML
        assert "TOP-SECRET" not in result.line()


def test_the_hostile_article_is_stored_as_written(client: TestClient, db: Path) -> None:
    """The payloads are kept as text (nothing is silently dropped) and served as JSON strings."""
    items = client.get("/api/articles", params={"q": "unprovoked"}).json()["items"]
    [item] = items
    reading = client.get(f"/api/articles/{item['id']}").json()
    assert '<script>window.__xss_text = 1; document.title = "pwned";</script>' in reading["article"]["text"]
    assert reading["article"]["url"] == "javascript:window.__xss_url=1"
    assert HOSTILE.count("DELETE FROM events") == 1 and "DELETE FROM events" in reading["article"]["text"]
