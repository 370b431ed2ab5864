"""A batch the store refuses costs only the article it refuses: the rest of the batch is stored."""

from __future__ import annotations

from pathlib import Path

from conftest import make_reading
from sitreps.model import Reading, Relation, Span
from sitreps.pipeline.run import Ingest
from sitreps.store import Store


def _refused(reading: Reading) -> Reading:
    """The reading with its first relation repeated on other evidence: two rows under one store key."""
    first = reading.relations[0]
    text = reading.article.text
    other = Span(article_id=reading.article.id, start=0, end=len(text.split()[0]), text=text.split()[0])
    twin = Relation(kind=first.kind, from_=first.from_, to=first.to, evidence=other)
    return reading.model_copy(update={"relations": [*reading.relations, twin]})


def test_a_refused_article_is_rejected_and_its_batch_is_stored(tmp_path: Path) -> None:
    readings = [make_reading(n) for n in range(4)]
    readings[2] = _refused(readings[2])
    with Store(tmp_path / "s.db") as store:
        run = Ingest(store)
        run._store([r.article for r in readings], readings, None)
        stored = store.known_ids(r.article.id for r in readings)
    assert stored == {r.article.id for i, r in enumerate(readings) if i != 2}
    assert run.report.outcomes["stored"] == 3 and run.report.outcomes["rejected"] == 1
    (rejected,) = run.report.rejected
    assert rejected.reason.code == "R022" and "UNIQUE" in rejected.message
    assert run.report.exit_code == 1
