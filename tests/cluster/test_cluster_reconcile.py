"""Reconciliation on hand-made Readings: claimants' versions, clashing and contradicting figures."""

from __future__ import annotations

from datetime import date

from conftest import ReadingFactory
from sitreps.cluster.actors import ActorIndex
from sitreps.cluster.keys import EventKey, event_keys
from sitreps.cluster.reconcile import reconcile
from sitreps.model import Reading
from sitreps.store.cluster_tables import facts_of


def keys_of(*readings: Reading) -> list[EventKey]:
    found = []
    for r in readings:
        actors = ActorIndex((a.name, a.country, a.role, a.kind) for a in r.actors)
        keys = event_keys(facts_of(r), actors, undated_days=2, max_window_days=10)
        found += [k for k in keys if k.family == "violence"]
    return found


def with_figure(reading: Reading, count: int, claimant_name: str | None = None) -> Reading:
    """The reading with its figure changed to ``count``, claimed by the actor named ``claimant_name``."""
    figure = reading.figures[0].model_copy(update={"count": count})
    claims = list(reading.claims)
    if claimant_name is not None:
        claimant = next(a for a in reading.actors if a.name == claimant_name)
        claims = [
            c.model_copy(update={"claimant": claimant.id}) if c.subject == figure.id else c for c in claims
        ]
    return reading.model_copy(update={"figures": [figure], "claims": claims})


def test_each_claimant_keeps_its_version_and_a_denial_contradicts(reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    cluster = reconcile("cluster-x", keys_of(reading), [reading])
    by_key = {v.claimant_key: v for v in cluster.versions}
    assert set(by_key) == {"official:AZE", "official:ARM"}
    azerbaijan = by_key["official:AZE"]
    assert azerbaijan.claimant == "Azerbaijan (officials)" and azerbaijan.country == "AZE"
    fields = {(a.field, a.value) for a in azerbaijan.accounts}
    assert ("initiator", "Armenia") in fields and ("place", "Kalbajar") in fields
    assert ("date", "2022-09-12/2022-09-13") in fields
    assert [a.field for a in by_key["official:ARM"].accounts] == ["denial"]
    (denial,) = cluster.contradictions
    assert denial.about == "denial" and denial.second.claimant_key == "official:ARM"
    assert (cluster.start, cluster.end, cluster.place) == (
        reading.times[0].start,
        reading.times[0].end,
        "Kalbajar",
    )


def blamed_on_azerbaijan(reading: Reading) -> Reading:
    """The reading as Armenia tells it: Azerbaijan shelled (where Azerbaijan says Armenian forces did)."""
    by_name = {a.name: a for a in reading.actors}
    shelling = reading.events[0].model_copy(update={"actor1": by_name["Azerbaijan"].id})
    claims = [
        c.model_copy(update={"claimant": by_name["Armenia"].id}) if c.stance == "asserts" else c
        for c in reading.claims
    ]
    return reading.model_copy(update={"events": [shelling, *reading.events[1:]], "claims": claims})


def test_claimants_blaming_each_others_side_contradict(reading_factory: ReadingFactory) -> None:
    azerbaijani, armenian = reading_factory(1), blamed_on_azerbaijan(reading_factory(2))
    cluster = reconcile("cluster-x", keys_of(azerbaijani, armenian), [azerbaijani, armenian])
    (blame,) = [c for c in cluster.contradictions if c.about == "initiator"]
    said = {blame.first.claimant_key: blame.first.value, blame.second.claimant_key: blame.second.value}
    assert said == {"official:AZE": "Armenia", "official:ARM": "Azerbaijan"}
    assert {blame.first.article_id, blame.second.article_id} == {azerbaijani.article.id, armenian.article.id}
    alone = reconcile("cluster-y", keys_of(azerbaijani), [azerbaijani])
    assert not [c for c in alone.contradictions if c.about == "initiator"]


def test_the_cluster_does_not_depend_on_the_order_of_its_members(reading_factory: ReadingFactory) -> None:
    readings = [reading_factory(1), blamed_on_azerbaijan(reading_factory(2)), reading_factory(3)]
    keys = keys_of(*readings)
    expected = reconcile("cluster-x", keys, readings)
    assert len(expected.events) == 3 and expected.contradictions
    assert reconcile("cluster-x", keys[::-1], readings[::-1]) == expected
    assert reconcile("cluster-x", keys[1:] + keys[:1], readings[2:] + readings[:2]) == expected


def test_clashing_figures_from_one_claimant_are_kept_without_an_update(
    reading_factory: ReadingFactory,
) -> None:
    first, second = reading_factory(1), with_figure(reading_factory(2), 85)
    cluster = reconcile("cluster-x", keys_of(first, second), [first, second])
    (series,) = cluster.figures
    assert sorted(p.count for p in series.points) == [79, 85] and (series.low, series.high) == (79, 85)
    assert not [r for r in cluster.relations if r.kind == "updates"]  # same day, same paper date: no order
    assert not [c for c in cluster.contradictions if c.about == "figure"]


def test_different_claimants_figures_for_one_party_and_day_contradict(
    reading_factory: ReadingFactory,
) -> None:
    first, second = reading_factory(1), with_figure(reading_factory(2), 12, claimant_name="Armenia")
    cluster = reconcile("cluster-x", keys_of(first, second), [first, second])
    assert {s.claimant_key for s in cluster.figures} == {"official:AZE", "official:ARM"}
    (clash,) = [c for c in cluster.contradictions if c.about == "figure"]
    assert {clash.first.record, clash.second.record} == {first.figures[0].id, second.figures[0].id}
    assert "79" in clash.detail and "12" in clash.detail
    assert any(
        r.kind == "contradicts" and {r.from_, r.to} == {clash.first.record, clash.second.record}
        for r in cluster.relations
    )
    assert any("79" in line and "12" in line for line in cluster.summary)


def test_compatible_figures_do_not_contradict(reading_factory: ReadingFactory) -> None:
    first = reading_factory(1)
    second = with_figure(reading_factory(2), 70, claimant_name="Armenia")
    second = second.model_copy(
        update={"figures": [second.figures[0].model_copy(update={"qualifier": "at_least"})]}
    )  # "at least 70" and 79 can both be true
    cluster = reconcile("cluster-x", keys_of(first, second), [first, second])
    assert not [c for c in cluster.contradictions if c.about == "figure"]


def test_nothing_to_reconcile(reading_factory: ReadingFactory) -> None:
    cluster = reconcile("cluster-x", [], [reading_factory(1)])
    assert (cluster.events, cluster.versions, cluster.figures, cluster.contradictions) == ([], [], [], [])


def test_a_timeline_steps_by_day_and_skips_late_restatements(reading_factory: ReadingFactory) -> None:
    def on(n: int, day: date, count: int, as_of: date | None) -> Reading:
        r = with_figure(reading_factory(n, published=day), count)
        return r.model_copy(update={"figures": [r.figures[0].model_copy(update={"as_of": as_of})]})

    first = on(1, date(2022, 9, 13), 79, date(2022, 9, 13))
    second = on(2, date(2022, 9, 14), 85, date(2022, 9, 14))
    undated = on(3, date(2022, 9, 15), 70, None)  # "in an earlier update": no day given
    restated = on(4, date(2022, 12, 13), 79, date(2022, 12, 13))  # the first figure, told months later
    readings = [restated, undated, second, first]
    cluster = reconcile("cluster-x", keys_of(*readings), readings)
    (series,) = cluster.figures
    assert len(series.points) == 4 and series.latest == 85 and (series.low, series.high) == (70, 85)
    (update,) = [r for r in cluster.relations if r.kind == "updates"]
    assert (update.from_, update.to) == (second.figures[0].id, first.figures[0].id)
    assert "79 (2022-09-13) -> 85 (2022-09-14)" in cluster.summary[0]
