"""Property: whatever text a file or a JSON record holds, ingest yields Articles or Rejections."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitreps.errors import Rejected
from sitreps.ingest import iter_articles
from sitreps.model import Article, article_id_for


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_any_text_gives_articles_or_rejections(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "article.txt").write_bytes(text.encode("utf-8"))
        (root / "records.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
        results = list(iter_articles([root]))
    assert len(results) == 2
    for result in results:
        assert isinstance(result, Article | Rejected)
        if isinstance(result, Article):
            assert result.text.strip()
            assert result.id == article_id_for(result.text)
        else:
            assert result.message and "\n" not in result.line()
