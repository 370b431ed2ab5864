"""Two denials of the same claim by the same claimant make one `denies` relation, as the store keys it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitreps.model import Article
from sitreps.pipeline import read
from sitreps.store import BatchItem, Store

# Both sentences deny the ministry's report, and both are read as one denial claim: before the fix the
# Reading held two relations under one key (kind, from, to), and the store refused the whole batch.
TEXT = (
    "BAKU - Azerbaijani troops shelled positions near Jermuk, the Armenian defence ministry said. "
    "He dismissed Armenia's accusations as groundless. "
    "The army dismissed the claims as lies and said its forces remained in control of key sites."
)


def test_one_relation_per_key_and_the_article_is_stored(tmp_path: Path) -> None:
    reading = read(Article.from_text(TEXT, published=date(2022, 9, 14)))
    keys = [(r.kind, r.from_, r.to) for r in reading.relations]
    assert keys and len(keys) == len(set(keys))
    (denial,) = reading.relations
    assert denial.evidence is not None and denial.evidence.text.startswith("He dismissed")  # the first kept
    with Store(tmp_path / "s.db") as store:
        assert store.add_batch([BatchItem(reading)]).added == 1
