"""What the serve tests share: one database made by the real `sitreps ingest` (which also clusters) from
examples/ plus an article carrying script payloads, built once per test process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PASHINYAN = "2022-09-13-pashinyan-49-soldiers-killed.md"

# Markup in the title, the outlet, the URL and the text: the page must show all of it as text.
HOSTILE_ARTICLE = """---
title: Shelling reported near Goris <img src=x onerror="window.__xss_title=1">
outlet: Test <script>window.__xss_outlet=1</script> Wire
date: 2022-09-20
url: javascript:window.__xss_url=1
---
Armenian officials said Azerbaijani forces shelled positions near Goris on Monday, killing 3 soldiers. \
<script>window.__xss = 1; document.title = "pwned";</script> The ministry added that \
<img src=x onerror="window.__xss = 2"> more details would follow, and called the attack "<b>unprovoked</b>".
"""
HOSTILE_MARKERS = (
    '<script>window.__xss = 1; document.title = "pwned";</script>',
    '<img src=x onerror="window.__xss = 2">',
)

_built: dict[str, Path] = {}


def example_database(folder: Path) -> Path:
    """``folder/sitreps.db``, ingested (and clustered) by the CLI from examples/ and the hostile article.
    Built once per test process; later calls return the first database."""
    if "db" in _built:
        return _built["db"]
    folder.mkdir(parents=True, exist_ok=True)
    hostile = folder / "2022-09-20-hostile-payload.md"
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = folder / "sitreps.db"
    result = subprocess.run(
        [sys.executable, "-m", "sitreps.cli", "ingest", str(EXAMPLES), str(hostile), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode in (0, 1), result.stderr
    _built["db"] = db
    return db


def article_id_with_title(db: Path, fragment: str) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT id FROM articles WHERE title LIKE ?", (f"%{fragment}%",)).fetchone()
    assert row is not None, fragment
    return str(row[0])


def september_2022_cluster(db: Path) -> str:
    """The cluster of the September 2022 Armenia-Azerbaijan border fighting: the ASSAULT cluster starting
    12-13 September 2022 with the most articles."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT id FROM clusters WHERE plover = 'ASSAULT' AND start BETWEEN '2022-09-12' AND '2022-09-13'"
            " ORDER BY n_articles DESC, id LIMIT 1"
        ).fetchone()
    assert row is not None, "clustering found no September 2022 cluster"
    return str(row[0])
