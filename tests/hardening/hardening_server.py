"""A database of hostile articles made by the real `sitreps ingest`, and a real `sitreps serve` over it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Markup and SQL in every field an article has. Each payload sets its own window.__xss_* when it runs.
HOSTILE = """---
title: Goris shelled <img src=x onerror="window.__xss_title=1"> '; DROP TABLE articles; --
outlet: Wire <script>window.__xss_outlet=1</script> "O'Hara" 100% _news_
author: <svg onload="window.__xss_author=1">Staff</svg>
date: 2022-09-20
url: javascript:window.__xss_url=1
---
Armenian officials said Azerbaijani forces shelled positions near Goris on Monday, killing 3 soldiers. \
<script>window.__xss_text = 1; document.title = "pwned";</script> The <b onmouseover="window.__xss_b=1">\
Ministry of Defense</b> of Armenia added that <img src=x onerror="window.__xss_img=1"> more details \
would follow, and called the attack "unprovoked" in a statement ending with '); DELETE FROM events; -- \
and "><svg onload="window.__xss_svg=1"> and <a href="javascript:window.__xss_link=1">a link</a>.
"""
SECOND = """---
title: Shelling near Goris <iframe src="javascript:window.__xss_frame=1"></iframe>
outlet: Other <style>body{display:none}</style> Agency
date: 2022-09-20
---
Azerbaijani forces shelled Armenian positions near Goris on Monday, killing three soldiers, the \
Armenian Defense Ministry said in a statement <script>window.__xss_second=1</script> on Tuesday. \
Azerbaijan denied the report and said its forces had only returned fire near Goris.
"""
MARKERS = (
    '<script>window.__xss_text = 1; document.title = "pwned";</script>',
    '<img src=x onerror="window.__xss_img=1">',
    "'); DELETE FROM events; --",
)
XSS_FLAGS = (
    "title",
    "outlet",
    "author",
    "url",
    "text",
    "b",
    "img",
    "svg",
    "link",
    "frame",
    "second",
)


def hostile_database(folder: Path) -> Path:
    """``folder/sitreps.db`` with the two hostile articles, ingested (and clustered) by the CLI."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (folder / "second.md").write_text(SECOND, encoding="utf-8")
    db = folder / "sitreps.db"
    done = subprocess.run(
        [sys.executable, "-m", "sitreps.cli", "ingest", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    return db
