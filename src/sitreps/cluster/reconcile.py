"""Reconcile one cluster: each claimant's version, figure timelines, and where claimants disagree.

Nothing is merged across claimants. For each member event, every claim about it (or, when nobody is
quoted, the outlet's own report) gives that claimant's accounts of the initiator, the target, the places
and the date, each with the span that says it; a denial is an account of its own. Casualty figures are
kept per claimant, party, population and kind as a timeline (a later figure ``updates`` the earlier
one: 49 -> 105 -> 135), never summed across claimants. Claimants disagree (``contradicts``) when:

- **initiator**: in a violent event, two named claimants each blame a different side (the one each
  names most often as the attacker);
- **figure**: two named claimants give figures for the same party, population and kind, as of the same
  day, whose ranges cannot both be true ("at least 100" and 135 can);
- **denial**: a named claimant denies what another named claimant asserts about the event.

The result depends only on the member events and their articles, never on the order they came in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from sitreps.cluster.actors import STATE_KINDS, ActorIndex, Identity, outlet_identity
from sitreps.cluster.keys import EventKey
from sitreps.geo.countries import by_code, fold_name
from sitreps.model import (
    QUALIFIER_WORDS,
    Account,
    Actor,
    Article,
    CasualtyFigure,
    Claim,
    ClaimantVersion,
    Contradiction,
    Event,
    EventCluster,
    FigurePoint,
    FigureSeries,
    Place,
    Reading,
    Relation,
    Span,
)
from sitreps.ontology import event_family

_BLAME_FAMILIES = frozenset({"violence", "coercion"})
_SPEECH_ACTS = frozenset({"REQUEST", "REJECT", "ACCUSE", "THREATEN"})
_OPEN_END = 10**12  # the top of "at least N": no upper bound


@dataclass(frozen=True)
class _Member:
    event: Event
    reading: Reading

    @property
    def article(self) -> Article:
        return self.reading.article

    def order(self) -> tuple[str, str, int]:
        published = self.article.published.isoformat() if self.article.published else "9999"
        return published, self.article.id, self.event.trigger.start


@dataclass(frozen=True)
class _Said:
    """One claimant's word on one member event: its identity, stance and the claim (None: the outlet)."""

    who: Identity
    name: str | None
    claim: Claim | None
    member: _Member


def reconcile(cluster_id: str, keys: Sequence[EventKey], readings: Sequence[Reading]) -> EventCluster:
    """The EventCluster of these member events (``keys``) read from their articles (``readings``)."""
    wanted = {k.event_id for k in keys}
    members = sorted(
        (_Member(e, r) for r in readings for e in r.events if e.id in wanted), key=lambda m: m.order()
    )
    actors = ActorIndex((a.name, a.country, a.role, a.kind) for r in readings for a in r.actors)
    said = [s for m in members for s in _claims_on(m, actors)]
    versions = _versions(said, actors)
    series = _figure_series(members, actors)
    contradictions = [
        *_initiator_contradictions(versions, members),
        *_figure_contradictions(series),
        *_denial_contradictions(said, versions, actors),
    ]
    relations = [*_updates(series), *(_contradicts(c) for c in contradictions)]
    # Days from the text; else the month or year the text names ("the 2020 war"); else none.
    dated = [k for k in keys if k.dated] or [k for k in keys if k.vague]
    place = _main_place(members)
    plover, acled, acled_sub = _main_type(members)
    article_ids = sorted({m.article.id for m in members})
    originals = {m.article.duplicate_of or m.article.id for m in members}
    return EventCluster(
        id=cluster_id,
        events=sorted(wanted & {m.event.id for m in members}),
        articles=article_ids,
        sources=len(originals),
        plover=plover,
        acled_event_type=acled,
        acled_sub_event_type=acled_sub,
        start=date.fromordinal(min(k.first_day for k in dated)) if dated else None,
        end=date.fromordinal(max(k.last_day for k in dated)) if dated else None,
        first_reported=min((m.article.published for m in members if m.article.published), default=None),
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        place=(place.name or place.mention.text) if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        precision=place.precision if place else None,
        versions=versions,
        figures=series,
        relations=relations,
        contradictions=contradictions,
        summary=_summary(series),
    )


def _claims_on(member: _Member, actors: ActorIndex) -> list[_Said]:
    reading = member.reading
    by_id = {a.id: a for a in reading.actors}
    found = [c for c in reading.claims if c.subject == member.event.id and c.subject_kind == "event"]
    if not found:
        return [_Said(outlet_identity(reading.article.outlet), reading.article.outlet, None, member)]
    said = []
    for claim in sorted(found, key=lambda c: (c.evidence.start, c.id)):
        claimant = by_id.get(claim.claimant or "")
        if claimant is None:
            said.append(_Said(outlet_identity(reading.article.outlet), reading.article.outlet, claim, member))
        else:
            said.append(_Said(actors.identity(claimant), claimant.name, claim, member))
    return said


def party(actor: Actor, actors: ActorIndex) -> Identity:
    """An actor as a party to an event or a figure: its state when it is one, else its name."""
    country = actors.country(actor)
    if country and (actor.kind in STATE_KINDS or actor.kind == "population"):
        found = by_code(country)
        return Identity(f"state:{country}", found.name if found else country, country)
    return Identity(f"name:{fold_name(actor.name)}", actor.name, None)


def _account(s: _Said, field: str, value: str, record: str, evidence: Span) -> Account:
    return Account.model_validate(
        {
            "claimant": s.name,
            "claimant_key": s.who.key,
            "field": field,
            "value": value,
            "record": record,
            "article_id": s.member.article.id,
            "published": s.member.article.published,
            "evidence": evidence,
        }
    )


def _accounts(s: _Said, actors: ActorIndex) -> list[Account]:
    event, reading = s.member.event, s.member.reading
    if s.claim is not None and s.claim.stance == "denies":
        value = f"denies {event.plover.lower()} ({event.trigger.text})"
        return [_account(s, "denial", value, s.claim.id, s.claim.evidence)]
    by_id = {a.id: a for a in reading.actors}
    found: list[Account] = []
    for field, actor_id in (("initiator", event.actor1), ("target", event.actor2)):
        actor = by_id.get(actor_id or "")
        if actor is not None:  # the whole sentence: who did what to whom, as the claimant put it
            found.append(_account(s, field, party(actor, actors).label, event.id, event.sentence))
    places = {p.id: p for p in reading.places}
    for place_id in event.places:
        place = places.get(place_id)
        if place is not None and not place.metonymic:
            found.append(_account(s, "place", place.name or place.mention.text, event.id, place.mention))
    time = next((t for t in reading.times if t.id == event.time), None)
    if time is not None and time.start is not None:
        value = time.start.isoformat() if time.end in (None, time.start) else f"{time.start}/{time.end}"
        found.append(_account(s, "date", value, event.id, time.mention))
    return found


def _versions(said: Sequence[_Said], actors: ActorIndex) -> list[ClaimantVersion]:
    grouped: dict[str, list[_Said]] = defaultdict(list)
    for s in said:
        grouped[s.who.key].append(s)
    versions = []
    for key in sorted(grouped):
        group = grouped[key]
        accounts = [a for s in group for a in _accounts(s, actors)]
        names = Counter(s.name for s in group if s.name)
        versions.append(
            ClaimantVersion(
                claimant=group[0].who.label if key.startswith("official:") else _most(names),
                claimant_key=key,
                country=group[0].who.country,
                events=sorted({s.member.event.id for s in group}),
                articles=sorted({s.member.article.id for s in group}),
                accounts=accounts,
            )
        )
    return versions


def _most(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


# Figures


@dataclass(frozen=True)
class _Figure:
    figure: CasualtyFigure
    member: _Member
    who: Identity
    claimant: str | None
    party: Identity | None

    @property
    def as_of(self) -> date | None:
        return self.figure.as_of  # None: the text says the figure is older but not when it was given


def _figures_of(members: Sequence[_Member], actors: ActorIndex) -> list[_Figure]:
    found: list[_Figure] = []
    seen: set[str] = set()
    for m in members:
        reading = m.reading
        by_id = {a.id: a for a in reading.actors}
        for figure in reading.figures:
            if figure.event != m.event.id or figure.id in seen:
                continue
            seen.add(figure.id)
            claim = next((c for c in reading.claims if c.subject == figure.id), None)
            if claim is None:  # the figure's event's claimant, else the outlet
                claim = next((c for c in reading.claims if c.subject == m.event.id), None)
            claimant = by_id.get(claim.claimant or "") if claim else None
            who = actors.identity(claimant) if claimant else outlet_identity(reading.article.outlet)
            name = claimant.name if claimant else reading.article.outlet
            party_actor = by_id.get(figure.party or "")
            found.append(_Figure(figure, m, who, name, party(party_actor, actors) if party_actor else None))
    return found


def _figure_series(members: Sequence[_Member], actors: ActorIndex) -> list[FigureSeries]:
    figures = _figures_of(members, actors)
    # A figure that does not say whose dead, or which population, joins its claimant's only series of
    # that kind that does (Pashinyan's "49 killed" after "Armenian servicemen"); otherwise it stays apart.
    known_parties: dict[tuple[str, str], set[str]] = defaultdict(set)
    known_populations: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for f in figures:
        if f.party is not None:
            known_parties[(f.who.key, f.figure.kind)].add(f.party.key)
    labels = {f.party.key: f.party.label for f in figures if f.party is not None}

    def party_key(f: _Figure) -> str:
        if f.party is not None:
            return f.party.key
        options = known_parties[(f.who.key, f.figure.kind)]
        return next(iter(options)) if len(options) == 1 else "unknown"

    for f in figures:
        if f.figure.population != "unknown":
            known_populations[(f.who.key, f.figure.kind, party_key(f))].add(f.figure.population)

    def population(f: _Figure) -> str:
        if f.figure.population != "unknown":
            return f.figure.population
        options = known_populations[(f.who.key, f.figure.kind, party_key(f))]
        return next(iter(options)) if len(options) == 1 else "unknown"

    grouped: dict[tuple[str, str, str, str], list[_Figure]] = defaultdict(list)
    for f in figures:
        grouped[(f.who.key, f.figure.kind, party_key(f), population(f))].append(f)
    series = []
    for (who_key, kind, pkey, pop), group in sorted(grouped.items()):
        group.sort(key=lambda f: (f.as_of or date.max, *f.member.order(), f.figure.span.start))
        points = [_point(f) for f in group]
        values = [v for v in (_value(p) for p in points) if v is not None]
        steps = _steps(points)
        series.append(
            FigureSeries.model_validate(
                {
                    "claimant": group[0].who.label if who_key.startswith("official:") else group[0].claimant,
                    "claimant_key": who_key,
                    "kind": kind,
                    "party": labels.get(pkey),
                    "party_key": pkey,
                    "population": pop,
                    "points": points,
                    "low": min(values) if values else None,
                    "high": max(values) if values else None,
                    "steps": [p.figure for p in steps],
                    "latest": _value(steps[-1]) if steps else None,
                }
            )
        )
    return series


def _point(f: _Figure) -> FigurePoint:
    return FigurePoint(
        figure=f.figure.id,
        count=f.figure.count,
        count_min=f.figure.count_min,
        count_max=f.figure.count_max,
        qualifier=f.figure.qualifier,
        as_of=f.as_of,
        published=f.member.article.published,
        article_id=f.member.article.id,
        claimant=f.claimant,
        evidence=f.figure.span,
    )


def _value(point: FigurePoint) -> int | None:
    for value in (point.count, point.count_min, point.count_max):
        if value is not None:
            return value
    return None


def _range(point: FigurePoint) -> tuple[float, float] | None:
    """The values a figure allows: 135 is [135, 135], "at least 100" [100, inf), "about 80" [72, 88]."""
    if point.count_min is not None or point.count_max is not None:
        low, high = point.count_min or 0, point.count_max if point.count_max is not None else _OPEN_END
        return float(low), float(high)
    if point.count is None:
        return None
    n = float(point.count)
    return {
        "exact": (n, n),
        "at_least": (n, _OPEN_END),
        "more_than": (n + 1, _OPEN_END),
        "about": (n * 0.9, n * 1.1),
        "up_to": (0.0, n),
        "at_most": (0.0, n),
        "fewer_than": (0.0, max(n - 1, 0.0)),
    }[point.qualifier]


def _steps(points: Sequence[FigurePoint]) -> list[FigurePoint]:
    """A claimant's timeline: per day of reporting (as of, then published) the highest figure given, in
    order, each kept only when it changes. A lower figure beside a higher one the same day is almost always
    the earlier figure restated ("up from 49"); a figure revised down on a later day still shows."""
    groups: dict[tuple[date, date], list[FigurePoint]] = defaultdict(list)
    for p in points:
        if p.as_of is not None and _value(p) is not None:
            groups[(p.as_of, p.published or p.as_of)].append(p)
    steps: list[FigurePoint] = []
    for day in sorted(groups):
        top = max(groups[day], key=lambda p: _value(p) or 0)
        if steps and _value(top) in {_value(p) for p in steps} and top.as_of == top.published:
            continue  # an earlier figure restated later, without the day it was given ("49 on the first day")
        if not steps or _value(steps[-1]) != _value(top):
            steps.append(top)
    return steps


def _updates(series: Iterable[FigureSeries]) -> list[Relation]:
    """A claimant's later, different figure ``updates`` its earlier one (from the later, to the earlier)."""
    relations = []
    for s in series:
        steps = _steps(s.points)
        for earlier, later in pairwise(steps):
            relations.append(
                Relation.model_validate(
                    {
                        "kind": "updates",
                        "from": later.figure,
                        "to": earlier.figure,
                        "evidence": later.evidence,
                    }
                )
            )
    return relations


def _figure_account(s: FigureSeries, point: FigurePoint) -> Account:
    value = f"{s.kind} {_value(point)} ({s.party or 'party not said'}, {s.population}, as of {point.as_of})"
    return Account.model_validate(
        {
            "claimant": point.claimant if not s.claimant_key.startswith("official:") else s.claimant,
            "claimant_key": s.claimant_key,
            "field": "figure",
            "value": value,
            "record": point.figure,
            "article_id": point.article_id,
            "published": point.published,
            "evidence": point.evidence,
        }
    )


def _figure_contradictions(series: Sequence[FigureSeries]) -> list[Contradiction]:
    found = []
    for i, a in enumerate(series):
        for b in series[i + 1 :]:
            if a.claimant_key == b.claimant_key or (a.kind, a.party_key) != (b.kind, b.party_key):
                continue
            if any(k.startswith(("outlet:", "generic:")) for k in (a.claimant_key, b.claimant_key)):
                continue  # an outlet's own figure is most often a ministry's, relayed without attribution
            if a.party_key == "unknown" or (
                "unknown" not in (a.population, b.population) and a.population != b.population
            ):
                continue
            clash = _first_clash(a, b)
            if clash is not None:
                pa, pb = clash
                detail = f"{a.kind}, {a.party}, {a.population}: {_value(pa)} against {_value(pb)}"
                found.append(
                    Contradiction(
                        about="figure",
                        detail=detail,
                        first=_figure_account(a, pa),
                        second=_figure_account(b, pb),
                    )
                )
    return found


def _first_clash(a: FigureSeries, b: FigureSeries) -> tuple[FigurePoint, FigurePoint] | None:
    for pa in a.points:
        for pb in b.points:
            if pa.as_of is None or pa.as_of != pb.as_of:  # tolls move daily: compare the same day only
                continue
            ra, rb = _range(pa), _range(pb)
            if ra is not None and rb is not None and (ra[1] < rb[0] or rb[1] < ra[0]):
                return pa, pb
    return None


# Initiators and denials


def _named(version: ClaimantVersion) -> bool:
    """Claimants who can contradict each other: not outlets, not organs of an unknown state."""
    return not version.claimant_key.startswith(("outlet:", "generic:"))


def _initiator_contradictions(
    versions: Sequence[ClaimantVersion], members: Sequence[_Member]
) -> list[Contradiction]:
    family = {
        m.event.id: event_family(m.event.plover, m.event.mode, m.event.acled_event_type) for m in members
    }
    # Civilians, protesters: victims or crowds, not a side that starts a fight.
    crowd = {
        m.event.id
        for m in members
        if any(a.id == m.event.actor1 and a.kind == "population" for a in m.reading.actors)
    }
    denied = {
        (a.evidence.article_id, a.evidence.start) for v in versions for a in v.accounts if a.field == "denial"
    }
    blamed: list[tuple[ClaimantVersion, str, Account]] = []
    for v in versions:
        accounts = [
            a
            for a in v.accounts
            if a.field == "initiator" and family.get(a.record) in _BLAME_FAMILIES and a.record not in crowd
        ]
        if not _named(v) or not accounts:
            continue
        counts = Counter(fold_name(a.value) for a in accounts)
        top = min(counts.items(), key=lambda item: (-item[1], item[0]))[0]
        # In the claimant's own words: not a sentence where another side denies it.
        own = [a for a in accounts if fold_name(a.value) == top]
        own.sort(key=lambda a: (a.evidence.article_id, a.evidence.start) in denied)
        blamed.append((v, top, own[0]))
    found = []
    for i, (va, side_a, account_a) in enumerate(blamed):
        for vb, side_b, account_b in blamed[i + 1 :]:
            if side_a != side_b:
                detail = f"{va.claimant} blames {account_a.value}; {vb.claimant} blames {account_b.value}"
                found.append(
                    Contradiction(about="initiator", detail=detail, first=account_a, second=account_b)
                )
    return found


def _denial_contradictions(
    said: Sequence[_Said], versions: Sequence[ClaimantVersion], actors: ActorIndex
) -> list[Contradiction]:
    """Each named denier against each named claimant who asserts what it denies: that the side the denied
    event blames (the denier's own side when it names none) did it, or the denied event itself."""
    found = []
    paired: set[tuple[str, str]] = set()
    named = [v for v in versions if _named(v)]
    for s in said:
        if s.claim is None or s.claim.stance != "denies" or s.who.key.startswith("outlet:"):
            continue
        event, reading = s.member.event, s.member.reading
        if event.plover in _SPEECH_ACTS:
            continue  # denying a demand or an accusation is a reply, not a contradiction of facts
        blamed = next((a for a in reading.actors if a.id == event.actor1), None)
        if blamed is not None:
            side: str | None = fold_name(party(blamed, actors).label)
        else:  # "the ministry denied that its forces shelled X": a state denies its own side's deeds
            home = by_code(s.who.country) if s.who.country else None
            side = fold_name(home.name) if home else None
        denial = _accounts(s, actors)[0]
        for v in named:
            if v.claimant_key == s.who.key or (s.who.key, v.claimant_key) in paired:
                continue
            asserted = [
                a
                for a in v.accounts
                if (a.field == "initiator" and side is not None and fold_name(a.value) == side)
                or (a.record == event.id and a.field != "denial")
            ]
            if asserted:
                # Best in the asserter's own words: another article, else another sentence than the denial's.
                asserted.sort(
                    key=lambda a: (a.article_id == denial.article_id, a.evidence == denial.evidence)
                )
                paired.add((s.who.key, v.claimant_key))
                denier = s.who.label if s.who.key.startswith("official:") else s.name
                detail = f"{denier} denies what {v.claimant} asserts"
                found.append(Contradiction(about="denial", detail=detail, first=asserted[0], second=denial))
    return found


def _contradicts(c: Contradiction) -> Relation:
    return Relation.model_validate(
        {"kind": "contradicts", "from": c.second.record, "to": c.first.record, "evidence": c.second.evidence}
    )


# The cluster's headline fields


def _main_place(members: Sequence[_Member]) -> Place | None:
    places: list[Place] = []
    for m in members:
        by_id = {p.id: p for p in m.reading.places}
        places.extend(by_id[p] for p in m.event.places if p in by_id and not by_id[p].metonymic)
    if not places:
        return None
    countries = Counter(p.country for p in places if p.country)
    country = _most(countries)
    named = Counter(
        (p.place_id or p.name or p.mention.text) for p in places if p.country == country or not country
    )

    def rank(p: Place) -> tuple[int, int, str]:
        return -named[p.place_id or p.name or p.mention.text], p.precision or 5, p.name or p.mention.text

    return min((p for p in places if p.country == country or not country), key=rank)


def _main_type(members: Sequence[_Member]) -> tuple[str | None, str | None, str | None]:
    if not members:
        return None, None, None
    plover = _most(Counter(m.event.plover for m in members))
    acled = Counter(
        f"{m.event.acled_event_type}\x1f{m.event.acled_sub_event_type or ''}"
        for m in members
        if m.event.plover == plover and m.event.acled_event_type
    )
    top = _most(acled)
    if top is None:
        return plover, None, None
    event_type, sub_event_type = top.split("\x1f")
    return plover, event_type, sub_event_type or None


def _summary(series: Sequence[FigureSeries]) -> list[str]:
    """One line per party, population and kind: each claimant's figures, oldest first, and their range."""
    grouped: dict[tuple[str, str, str], list[FigureSeries]] = defaultdict(list)
    for s in series:
        grouped[(s.kind, s.party or "party not said", s.population)].append(s)
    lines = []
    for (kind, party_label, population), group in sorted(grouped.items()):
        parts = []
        for s in group:
            steps = [f"{_figure_words(p)} ({p.as_of})" for p in _steps(s.points)] or [
                _figure_words(p) for p in s.points[:1]
            ]
            span = f" (range {s.low}-{s.high})" if s.low is not None and s.low != s.high else ""
            parts.append(f"{s.claimant or s.claimant_key}: {' -> '.join(steps)}{span}")
        lines.append(f"{kind}, {party_label}, {population}: " + "; ".join(parts))
    return lines


def _figure_words(point: FigurePoint) -> str:
    return f"{QUALIFIER_WORDS[point.qualifier]}{_value(point)}"
