"""Network: nothing in sitreps touches the network but the explicit `sitreps gazetteer download`.

The whole pipeline (read, ingest with clustering, stats, search, every export) runs in this process with
every way of opening a connection or resolving a name patched to raise.
"""

from __future__ import annotations

import ast
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sitreps
from sitreps.cli import app
from sitreps.export import EXPORTERS
from sitreps.ingest import iter_articles
from sitreps.model import Article
from sitreps.pipeline import read

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SRC = Path(sitreps.__file__).parent
NETWORK_MODULES = (
    "socket",
    "urllib.request",
    "http.client",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
)
# The one module allowed to reach the network: the gazetteer download the user asks for by name.
DOWNLOADER = "geo/download.py"


class NetworkUsed(AssertionError):
    """Raised by the patched socket functions."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def guard(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network access attempted: {name}")

        return guard

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    monkeypatch.setattr(socket, "gethostbyname_ex", refuse("gethostbyname_ex"))
    return attempts


def test_the_guard_works(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(NetworkUsed), socket.socket() as s:
        s.connect(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    assert len(no_network) == 3
    no_network.clear()


def test_the_whole_pipeline_runs_offline(no_network: list[str], tmp_path: Path) -> None:
    articles = [a for a in iter_articles([EXAMPLES]) if isinstance(a, Article)]
    assert len(articles) >= 30
    readings = [read(article) for article in articles[:5]]
    assert all(r.events or r.actors for r in readings)

    runner = CliRunner()
    one = next(EXAMPLES.glob("*.md"))
    done = runner.invoke(app, ["read", str(one), "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["article"]["id"]

    db = tmp_path / "offline.db"
    done = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert done.exit_code in (0, 1), done.output
    assert "clusters (" in done.stdout
    for command in (["stats", "--db", str(db)], ["search", "ceasefire", "--db", str(db)]):
        done = runner.invoke(app, command)
        assert done.exit_code == 0, done.output
    for name in sorted(EXPORTERS):
        out = tmp_path / f"export-{name}"
        done = runner.invoke(app, ["export", "--db", str(db), "--format", name, "--out", str(out)])
        assert done.exit_code == 0, done.output
        assert out.exists()
    assert no_network == []


def test_only_the_gazetteer_download_imports_network_modules() -> None:
    users: set[str] = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            else:
                continue
            if any(
                name == module or name.startswith(f"{module}.")
                for name in names
                for module in NETWORK_MODULES
            ):
                users.add(path.relative_to(SRC).as_posix())
    assert users == {DOWNLOADER}
