"""The storing loop shared by `sitreps ingest` and `sitreps load`: what it admits, links and stores, how
it counts every input, and how a batch the store refuses costs only the article it refuses (R022)."""

from __future__ import annotations

from pathlib import Path

from conftest import make_reading
from sitreps.errors import Reason, Rejected
from sitreps.ingest import NearDuplicateIndex
from sitreps.ingest.duplicates import signature_to_bytes
from sitreps.model import Article, Reading, Relation, Span
from sitreps.pipeline.storing import StoringRun, batches
from sitreps.store import BatchItem, Store


def _refused(reading: Reading) -> Reading:
    """The reading with its first relation repeated on other evidence: two rows under one store key."""
    first = reading.relations[0]
    text = reading.article.text
    other = Span(article_id=reading.article.id, start=0, end=len(text.split()[0]), text=text.split()[0])
    twin = Relation(kind=first.kind, from_=first.from_, to=first.to, evidence=other)
    return reading.model_copy(update={"relations": [*reading.relations, twin]})


def _read(article: Article) -> Reading:
    """The hand-made Reading of the article (its text picks it), as the pipeline would read it."""
    reading = make_reading(int(article.text.rsplit(" ", 1)[1].rstrip(".")))
    return reading.model_copy(update={"article": article})


def _signature(reading: Reading) -> bytes:
    return signature_to_bytes(NearDuplicateIndex().signature(reading.article.text))


def test_a_refused_article_is_rejected_and_its_batch_is_stored(tmp_path: Path) -> None:
    readings = [make_reading(n) for n in range(4)]
    readings[2] = _refused(readings[2])
    with Store(tmp_path / "s.db") as store:
        run = StoringRun(store)
        run.store(readings)
        stored = store.known_ids(r.article.id for r in readings)
    assert stored == {r.article.id for i, r in enumerate(readings) if i != 2}
    assert run.report.outcomes["stored"] == 3 and run.report.outcomes["rejected"] == 1
    (rejected,) = run.report.rejected
    assert rejected.reason.code == "R022" and "UNIQUE" in rejected.message
    assert run.report.exit_code == 1


def test_articles_are_admitted_once_linked_to_the_first_they_repeat_and_counted(tmp_path: Path) -> None:
    articles = [make_reading(n).article for n in range(3)]
    bad = Rejected.because("bad.txt", Reason.EMPTY)
    with Store(tmp_path / "s.db") as store:
        run = StoringRun(store)
        admitted = [run.admit(item) for item in [articles[0], bad, articles[1], articles[0], articles[2]]]
        assert admitted[1] is None and admitted[3] is None
        read = [a for a in admitted if a is not None]
        assert read[0].duplicate_of is None and read[1].duplicate_of == articles[0].id
        assert read[2].duplicate_of in {articles[0].id, articles[1].id}  # its nearest earlier article
        progress: list[str] = []
        run.store(map(_read, read), progress.append)
        assert progress == [a.id for a in read]
        assert store.known_ids(a.id for a in articles) == {a.id for a in articles}
        assert {a: b for a, b in store.signatures()}.keys() == {a.id for a in articles}
        assert run.admit(articles[1]) is None  # stored now
    assert run.report.outcomes == {"stored": 3, "near-duplicate": 2, "already stored": 2, "rejected": 1}
    assert run.report.rejected == [bad]


def test_readings_of_the_job_keep_its_links_and_meet_only_earlier_runs(tmp_path: Path) -> None:
    """The job linked its articles among themselves: an article it linked to none is compared with the
    articles stored before the run, not with the others of the run."""
    first, second, third = (make_reading(n) for n in range(3))
    with Store(tmp_path / "s.db") as store:
        earlier = StoringRun(store)
        earlier.admit(first.article)
        earlier.store([first])
        run = StoringRun(store)
        linked_by_job = third.model_copy(
            update={"article": third.article.model_copy(update={"duplicate_of": second.article.id})}
        )
        items = [
            BatchItem(first, _signature(first)),  # stored before: already stored
            BatchItem(second, _signature(second)),  # no link from the job: linked to the stored article
            BatchItem(linked_by_job, _signature(third), 0.9),  # the job's link kept
        ]
        readings = [run.admit_reading(item) for item in items]
        assert readings[0] is None
        assert [r.article.duplicate_of for r in readings if r is not None] == [
            first.article.id,
            second.article.id,
        ]
        run.store([r for r in readings if r is not None])
    assert run.report.outcomes == {"stored": 2, "near-duplicate": 2, "already stored": 1}


def test_readings_of_the_job_are_not_linked_among_themselves_again(tmp_path: Path) -> None:
    first, second = make_reading(0), make_reading(1)
    with Store(tmp_path / "s.db") as store:
        run = StoringRun(store)
        readings = [run.admit_reading(BatchItem(r, _signature(r))) for r in (first, second)]
    assert [r.article.duplicate_of for r in readings if r is not None] == [None, None]


def test_batches_hold_at_most_their_size_in_order() -> None:
    assert list(batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batches([], 3)) == []
