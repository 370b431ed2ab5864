"""Score one Reading against an expected.json of the seed's shape: what a correct reading must contain.

The expected file holds ``article`` (metadata), ``relays`` (outlet <- cited source), ``events`` (PLOVER and
ACLED types, participants, speaker, claimant, stance, dates, places, habitual, denials, nested figures, and
the evidence that names the event), ``casualties`` (kind, count, party, population, claimant, event),
``places`` (country, and coordinates within a tolerance), ``actors`` (country and role) and ``must_not``
(sentences; the ones this module knows how to check are checked mechanically, the others are listed as
unchecked and count for nothing).

The Reading is taken as its JSON (DESIGN.md, "The Reading, as JSON"), so a Reading from any tool can be
scored. Semantics, from the expected file's ``about``:
- names, roles and places match by the rules of :mod:`sitreps.eval.matching` (case- and
  accent-insensitive, countries by their names and demonyms, a bare state never for non-state actors);
- coordinates match within the tolerance ``about`` states (25 km) or a place's own ``tolerance_km``;
- dates are ISO 8601 strings and match exactly;
- a correct reading may hold more than expected, so each expectation asks only that some record meets it,
  and distinct expected events must be met by distinct events of the reading.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitreps.errors import Rejected, SitrepsError
from sitreps.eval.corpus import GoldFormatError
from sitreps.eval.matching import (
    Check,
    FieldCheck,
    Json,
    ReadingIndex,
    closest,
    country_code,
    km_between,
    overlaps,
    roles_match,
)
from sitreps.geo.countries import by_code
from sitreps.ingest import iter_articles
from sitreps.model import Reading
from sitreps.pipeline import read

DEFAULT_TOLERANCE_KM = 25.0

_STANCES = {"asserted": "asserts", "denied": "denies", "questioned": "questions"}
_COMPATIBLE_KINDS = {"killed": {"killed", "losses"}, "missing": {"missing", "losses"}}
_TYPE_FIELDS = ("plover", "acled_event_type", "acled_sub_event_type")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class SeedResult:
    """Every expectation's verdict, the mechanical must_not verdicts, and the must_not left unchecked."""

    expectations: tuple[Check, ...]
    must_not: tuple[Check, ...] = ()
    unchecked: tuple[str, ...] = ()

    @property
    def met(self) -> int:
        return sum(c.ok for c in self.expectations)

    @property
    def total(self) -> int:
        return len(self.expectations)

    @property
    def broken(self) -> int:
        """How many mechanically checked must_not rules the reading breaks."""
        return sum(not c.ok for c in self.must_not)

    @property
    def passed(self) -> bool:
        """Every expectation met and no must_not rule broken."""
        return self.met == self.total and self.broken == 0

    def lines(self) -> list[str]:
        """One line per expectation, then per must_not rule, then the unchecked ones, then the totals."""
        out = [c.line() for c in (*self.expectations, *self.must_not)]
        out += [f"?      must_not not checked mechanically: {text}" for text in self.unchecked]
        out.append(self.summary())
        return out

    def summary(self) -> str:
        percent = 100 * self.met / self.total if self.total else 100.0
        rules = (
            f"; must_not: {self.broken} of {len(self.must_not)} checked rules broken" if self.must_not else ""
        )
        return f"seed: {self.met}/{self.total} expectations met ({percent:.0f}%){rules}"

    def to_json_dict(self) -> dict[str, Any]:
        def rows(checks: Iterable[Check]) -> list[dict[str, Any]]:
            return [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in checks]

        return {
            "met": self.met,
            "total": self.total,
            "passed": self.passed,
            "expectations": rows(self.expectations),
            "must_not": rows(self.must_not),
            "must_not_broken": self.broken,
            "must_not_unchecked": list(self.unchecked),
        }


# ---------------------------------------------------------------- events


def _event_field_checks(
    index: ReadingIndex, ev: Json, exp: Json, aliases: Mapping[str, list[str]]
) -> list[FieldCheck]:
    """Each field of an expected event, checked against one event of the reading."""
    checks: list[FieldCheck] = []
    participants = [ev.get("actor1"), ev.get("actor2"), *(ev.get("associated") or [])]
    for key in _TYPE_FIELDS:
        if exp.get(key):
            checks.append(
                FieldCheck(f"{key} {exp[key]}", str(ev.get(key) or "").casefold() == str(exp[key]).casefold())
            )
    for name in exp.get("actors") or []:
        checks.append(FieldCheck(f"actor {name}", any(index.actor_is(a, name) for a in participants)))
    if exp.get("source"):
        checks.append(FieldCheck(f"source {exp['source']}", index.actor_is(ev.get("actor1"), exp["source"])))
    if exp.get("target"):
        targets = [ev.get("actor2"), *(ev.get("associated") or [])]
        checks.append(
            FieldCheck(f"target {exp['target']}", any(index.actor_is(a, exp["target"]) for a in targets))
        )
    voices = index.voices(ev.get("id") or "")
    if exp.get("speaker"):
        # The speaker is whoever voices the event: a claimant or relay of its claims, or a participant.
        speakers = voices + participants
        checks.append(
            FieldCheck(f"speaker {exp['speaker']}", any(index.actor_is(a, exp["speaker"]) for a in speakers))
        )
    if exp.get("claimant"):
        checks.append(
            FieldCheck(f"claimant {exp['claimant']}", any(index.actor_is(a, exp["claimant"]) for a in voices))
        )
    if exp.get("stance"):
        stance = _STANCES.get(exp["stance"], exp["stance"])
        stances = {c.get("stance") for c in index.claims_on.get(ev.get("id") or "", [])}
        checks.append(FieldCheck(f"stance {stance}", stance in stances))
    time = index.time_of(ev)
    if exp.get("date"):
        end = time.get("end") or time.get("start")
        checks.append(
            FieldCheck(f"date {exp['date']}", time.get("start") == exp["date"] and end == exp["date"])
        )
    if exp.get("date_start") or exp.get("date_end"):
        want = (exp.get("date_start"), exp.get("date_end") or exp.get("date_start"))
        checks.append(FieldCheck(f"dates {want[0]}..{want[1]}", (time.get("start"), time.get("end")) == want))
    place_names = ([exp["place"]] if exp.get("place") else []) + list(exp.get("places") or [])
    for name in place_names:
        names = [name, *aliases.get(name.casefold(), [])]
        checks.append(
            FieldCheck(f"place {name}", any(index.place_is(p, names) for p in ev.get("places") or []))
        )
    for flag in ("habitual", "negated", "hypothetical"):
        if flag in exp:
            checks.append(
                FieldCheck(f"{flag} {str(exp[flag]).lower()}", bool(ev.get(flag)) == bool(exp[flag]))
            )
    return checks


def _shows_evidence(index: ReadingIndex, ev: Json, phrase: str) -> bool:
    """Whether the event's trigger, sentence or claims cover the phrase."""
    where = index.spans_of(phrase)
    spans = [ev.get("trigger"), ev.get("sentence")]
    for claim in index.claims_on.get(ev.get("id") or "", []):
        spans += [claim.get("evidence"), claim.get("statement")]
    return any(overlaps(span, where) for span in spans)


def _bipartite(options: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """A largest matching of expected events to distinct reading events (augmenting paths)."""
    owner: dict[str, str] = {}

    def place(exp_id: str, seen: set[str]) -> bool:
        for ev_id in options[exp_id]:
            if ev_id in seen:
                continue
            seen.add(ev_id)
            if ev_id not in owner or place(owner[ev_id], seen):
                owner[ev_id] = exp_id
                return True
        return False

    for exp_id in options:
        place(exp_id, set())
    return {exp_id: ev_id for ev_id, exp_id in owner.items()}


@dataclass
class _EventMatch:
    """What the reading's events offer one expected event."""

    exp: Json
    scores: dict[str, list[FieldCheck]] = field(default_factory=dict)  # reading event id -> field checks
    # Events at the expected evidence: the evidence names which event is meant, so these are preferred,
    # but a denial or a statement spans several sentences, so it is not required.
    at_evidence: set[str] = field(default_factory=set)
    assigned: str | None = None

    def full(self) -> list[str]:
        """The events meeting every field, those at the expected evidence first."""
        met = [ev_id for ev_id, checks in self.scores.items() if all(fc.ok for fc in checks)]
        return sorted(met, key=lambda ev_id: ev_id not in self.at_evidence)

    def best(self, taken: set[str]) -> list[str]:
        """The reading events closest to this expectation, among those no other expectation took."""
        if self.assigned:
            return [self.assigned]
        ranked: dict[str, tuple[int, int, int]] = {}
        for ev_id, checks in self.scores.items():
            if ev_id in taken:
                continue
            if self.exp.get("plover") and not checks[0].ok:  # the PLOVER type, when given, is checked first
                continue
            # An event is known first by its types, then by everything else it gets right.
            types = sum(fc.ok for fc in checks if fc.what.split(" ", 1)[0] in _TYPE_FIELDS)
            ranked[ev_id] = (types, sum(fc.ok for fc in checks), int(ev_id in self.at_evidence))
        if not ranked:
            return []
        top = max(ranked.values())
        return [ev_id for ev_id, score in ranked.items() if score == top and score[1] > 0]


def _match_events(
    index: ReadingIndex, expected: Sequence[Json], aliases: Mapping[str, list[str]]
) -> dict[str, _EventMatch]:
    matches = {}
    for n, exp in enumerate(expected):
        exp_id = str(exp.get("id") or f"event-{n + 1}")
        match = _EventMatch(exp)
        for ev in index.events:
            match.scores[ev["id"]] = _event_field_checks(index, ev, exp, aliases)
            if exp.get("evidence") and _shows_evidence(index, ev, str(exp["evidence"])):
                match.at_evidence.add(ev["id"])
        matches[exp_id] = match
    assigned = _bipartite({exp_id: m.full() for exp_id, m in matches.items()})
    for exp_id, ev_id in assigned.items():
        matches[exp_id].assigned = ev_id
    return matches


def _event_check(index: ReadingIndex, exp_id: str, match: _EventMatch, taken: set[str]) -> Check:
    name = f"event {exp_id}"
    if match.assigned:
        return Check(name, True)
    if match.full():
        return Check(name, False, "its only matching events are taken by other expected events")
    candidates = match.best(taken) or match.best(set())
    if not candidates:
        what = match.exp.get("plover") or "matching"
        return Check(name, False, f"no {what} event")
    ev_id = candidates[0]
    misses = [fc.what for fc in match.scores[ev_id] if not fc.ok]
    trigger = next((e.get("trigger", {}).get("text") for e in index.events if e.get("id") == ev_id), "")
    return Check(name, False, f"closest is {trigger!r}: missing {', '.join(misses)}")


# ---------------------------------------------------------------- the other expectations


def _article_checks(index: ReadingIndex, exp: Json) -> list[Check]:
    checks = []
    for key, want in exp.items():
        got = index.article.get(key)
        ok = got is not None and str(got).casefold() == str(want).casefold()
        checks.append(Check(f"article.{key}", ok, f"got {got!r}"))
    return checks


def _relay_check(index: ReadingIndex, exp: Json) -> Check:
    name = f"relay {exp.get('outlet')} <- {exp.get('citing')}"
    where = index.spans_of(exp["evidence"]) if exp.get("evidence") else []
    if exp.get("evidence") and not where:
        return Check(name, False, "the evidence is not in the article text")
    for claim in index.claims:
        chain = index.chain(claim)
        outlets = [i for i, a in enumerate(chain) if index.actor_is(a, str(exp.get("outlet")))]
        cited = [i for i, a in enumerate(chain) if index.actor_is(a, str(exp.get("citing")))]
        if not outlets or not any(c > min(outlets) for c in cited):
            continue
        if not where or overlaps(claim.get("evidence"), where) or overlaps(claim.get("statement"), where):
            return Check(name, True)
    return Check(name, False, "no claim relayed this way at the evidence")


def _figure_field_checks(
    index: ReadingIndex, fig: Json, exp: Json, event_ids: Callable[[str], list[str]]
) -> list[FieldCheck]:
    kinds = _COMPATIBLE_KINDS.get(exp["kind"], {exp["kind"]})
    checks: list[FieldCheck] = [FieldCheck(f"kind {exp['kind']}", fig.get("kind") in kinds)]
    if exp.get("party"):
        party = fig.get("party")
        code = country_code(exp["party"])
        actor_country = (index.actors.get(party or "") or {}).get("country")
        checks.append(
            FieldCheck(
                f"party {exp['party']}",
                index.actor_is(party, exp["party"]) or bool(code and actor_country == code),
            )
        )
    if exp.get("population"):
        checks.append(
            FieldCheck(f"population {exp['population']}", fig.get("population") == exp["population"])
        )
    if exp.get("claimant"):
        voices = index.voices(fig.get("id") or "")
        checks.append(
            FieldCheck(f"claimant {exp['claimant']}", any(index.actor_is(a, exp["claimant"]) for a in voices))
        )
    if exp.get("event"):
        checks.append(FieldCheck(f"event {exp['event']}", fig.get("event") in event_ids(exp["event"])))
    return checks


def _denial_check(
    index: ReadingIndex, exp_id: str, denied_id: str, matches: Mapping[str, _EventMatch]
) -> Check:
    """Both the denial and what it denies are found, and the denial is linked to it."""
    name = f"denial {exp_id} -> {denied_id}"
    denier, denied = matches[exp_id].assigned, matches[denied_id].assigned if denied_id in matches else None
    if denier is None or denied is None:
        missing = [e for e, ev in ((exp_id, denier), (denied_id, denied)) if ev is None]
        return Check(name, False, f"event {' and '.join(missing)} not found")
    if not index.is_denied(denied, by=denier):
        return Check(name, False, "no denial linked to the denied event")
    return Check(name, True)


def _count_of(fig: Json) -> int | None:
    if fig.get("count") is not None:
        return int(fig["count"])
    if fig.get("count_min") is not None and fig.get("count_min") == fig.get("count_max"):
        return int(fig["count_min"])
    return None


def _figure_check(
    index: ReadingIndex, exp: Json, event_ids: Callable[[str], list[str]], within: str | None = None
) -> Check:
    name = f"figure {exp['kind']} {exp['count']} {exp.get('party') or ''}".rstrip()
    if within:
        name += f" (in event {within})"
    same_count = [f for f in index.figures if _count_of(f) == int(exp["count"])]
    if not same_count:
        return Check(name, False, f"no figure of {exp['count']}")
    _, checks = closest(same_count, lambda fig: _figure_field_checks(index, fig, exp, event_ids))
    misses = [fc.what for fc in checks if not fc.ok]
    return Check(name, not misses, "" if not misses else "missing " + ", ".join(misses))


def _place_check(index: ReadingIndex, exp: Json, tolerance: float) -> Check:
    name = f"place {exp['name']}"
    names = [exp["name"]] + ([exp["resolves_to"]] if exp.get("resolves_to") else [])
    found = [p for p in index.places.values() if index.place_is(p["id"], names)]
    if not found:
        return Check(name, False, "not found")
    limit = float(exp.get("tolerance_km") or tolerance)
    problems = []
    for place in found:
        wrong = []
        if exp.get("country") and str(place.get("country") or "").upper() != str(exp["country"]).upper():
            wrong.append(f"country {place.get('country')}")
        if exp.get("lat") is not None and exp.get("lon") is not None:
            if place.get("lat") is None or place.get("lon") is None:
                wrong.append("no coordinates")
            else:
                km = km_between(
                    float(exp["lat"]), float(exp["lon"]), float(place["lat"]), float(place["lon"])
                )
                if km > limit:
                    wrong.append(f"{km:.0f} km away (tolerance {limit:.0f})")
        if not wrong:
            return Check(name, True)
        problems.append(", ".join(wrong))
    return Check(name, False, min(problems, key=len))


def _actor_check(index: ReadingIndex, exp: Json) -> Check:
    name = f"actor {exp['name']}"
    names = [exp["name"]] + ([exp["same_as"]] if exp.get("same_as") else [])
    found = [a for a in index.actors if any(index.actor_is(a, n) for n in names)]
    if not found:
        return Check(name, False, "not found")
    problems = []
    for actor_id in found:
        actor = index.actors[actor_id]
        wrong = []
        if exp.get("country") and actor.get("country") != str(exp["country"]).upper():
            wrong.append(f"country {actor.get('country')}")
        if exp.get("role") and not roles_match(exp["role"], actor.get("role")):
            wrong.append(f"role {actor.get('role')}")
        if not wrong:
            return Check(name, True)
        problems.append(", ".join(wrong))
    return Check(name, False, min(problems, key=len))


# ---------------------------------------------------------------- must_not


@dataclass
class _Context:
    index: ReadingIndex
    expected: Json
    matches: dict[str, _EventMatch]
    event_ids: Callable[[str], list[str]]


def _rule_publication_date(ctx: _Context, text: str) -> Check:
    """No event is dated the publication day when the expected date of its event is another day."""
    published = str(ctx.index.article.get("published") or ctx.expected.get("article", {}).get("published"))
    wrong = []
    for exp_id, match in ctx.matches.items():
        want = match.exp.get("date") or match.exp.get("date_start")
        if not want or want == published:
            continue
        for ev_id in ctx.event_ids(exp_id):
            ev = next(e for e in ctx.index.events if e["id"] == ev_id)
            if ctx.index.time_of(ev).get("start") == published:
                wrong.append(f"{exp_id} dated {published}")
    return Check(f"must_not: {text}", not wrong, "; ".join(wrong), "must_not")


def _rule_attribution(ctx: _Context, text: str) -> Check:
    """No figure of an expected count is given to another country's side than the expected party's."""
    wrong = []
    for exp in ctx.expected.get("casualties") or []:
        code = country_code(str(exp.get("party") or ""))
        if code is None:
            continue
        kinds = _COMPATIBLE_KINDS.get(exp["kind"], {exp["kind"]})
        for fig in ctx.index.figures:
            if _count_of(fig) != int(exp["count"]) or fig.get("kind") not in kinds:
                continue
            got = (ctx.index.actors.get(fig.get("party") or "") or {}).get("country")
            if got and got != code:
                country = by_code(got)
                wrong.append(f"{exp['count']} {exp['kind']} given to {country.name if country else got}")
    return Check(f"must_not: {text}", not wrong, "; ".join(wrong), "must_not")


def _rule_denied_as_fact(ctx: _Context, text: str) -> Check:
    """The event that stands for a denied expected event has a denial linked to it.

    When the denied event is not found exactly, the reading events closest to it stand for it, and one of
    them carrying a denial is enough.
    """
    wrong = []
    for match in ctx.matches.values():
        target = match.exp.get("denies")
        if not target:
            continue
        candidates = ctx.event_ids(str(target))
        if candidates and not any(ctx.index.is_denied(ev_id) for ev_id in candidates):
            triggers = [
                str(e.get("trigger", {}).get("text")) for e in ctx.index.events if e["id"] in candidates
            ]
            wrong.append(f"{target} ({', '.join(map(repr, triggers))}) has no denial linked")
    return Check(f"must_not: {text}", not wrong, "; ".join(wrong), "must_not")


def _rule_metonymy(ctx: _Context, text: str) -> Check:
    """Places inside the quoted phrase are metonymic (governments), and no event happens at them."""
    wrong = []
    # Quotes open and close at word edges, so apostrophes inside names ("N'Djamena") stay in the phrase.
    for phrase in re.findall(r"(?<!\w)'(.+?)'(?!\w)", text):
        for start, end in ctx.index.spans_of(phrase):
            inside = [
                p
                for p in ctx.index.places.values()
                if start <= int((p.get("mention") or {}).get("start", -1)) < end
            ]
            for place in inside:
                mention = (place.get("mention") or {}).get("text")
                if not place.get("metonymic"):
                    wrong.append(f"{mention} is not marked metonymic")
                if any(place["id"] in (e.get("places") or []) for e in ctx.index.events):
                    wrong.append(f"an event happens at {mention}")
    return Check(f"must_not: {text}", not wrong, "; ".join(wrong), "must_not")


# Each mechanical rule: the pattern that recognises its must_not sentence, and the check.
MUST_NOT_RULES: tuple[tuple[re.Pattern[str], Callable[[_Context, str], Check]], ...] = (
    (re.compile(r"publication date is not the event date", re.I), _rule_publication_date),
    (re.compile(r"not attributed to", re.I), _rule_attribution),
    (re.compile(r"not recorded as an undisputed fact|denial linked", re.I), _rule_denied_as_fact),
    (re.compile(r"metonym", re.I), _rule_metonymy),
)


# ---------------------------------------------------------------- scoring


def _tolerance(expected: Json) -> float:
    found = re.search(r"within\s+(\d+(?:\.\d+)?)\s*km", str(expected.get("about") or ""))
    return float(found.group(1)) if found else DEFAULT_TOLERANCE_KM


def _place_aliases(expected: Json) -> dict[str, list[str]]:
    """Names the expected places say are one place ("Basarkechar" resolves to "Vardenis")."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for place in expected.get("places") or []:
        if place.get("resolves_to"):
            aliases[str(place["name"]).casefold()].append(place["resolves_to"])
            aliases[str(place["resolves_to"]).casefold()].append(place["name"])
    return aliases


def score_reading(reading: Reading | Json, expected: Json) -> SeedResult:
    """Score a Reading (the model or its JSON) against an expected.json of the seed's shape."""
    index = ReadingIndex(reading)
    exp_events = list(expected.get("events") or [])
    matches = _match_events(index, exp_events, _place_aliases(expected))
    taken = {m.assigned for m in matches.values() if m.assigned}

    def event_ids(exp_id: str) -> list[str]:
        match = matches.get(exp_id)
        return match.best(taken) if match else []

    checks: list[Check] = _article_checks(index, expected.get("article") or {})
    checks += [_relay_check(index, relay) for relay in expected.get("relays") or []]
    checks += [_event_check(index, exp_id, match, taken) for exp_id, match in matches.items()]
    for exp_id, match in matches.items():
        if match.exp.get("denies"):
            checks.append(_denial_check(index, exp_id, str(match.exp["denies"]), matches))
    checks += [_figure_check(index, exp, event_ids) for exp in expected.get("casualties") or []]
    for exp_id, match in matches.items():
        for exp in match.exp.get("casualties") or []:
            checks.append(_figure_check(index, exp, event_ids, within=exp_id))
    tolerance = _tolerance(expected)
    checks += [_place_check(index, exp, tolerance) for exp in expected.get("places") or []]
    checks += [_actor_check(index, exp) for exp in expected.get("actors") or []]

    ctx = _Context(index, expected, matches, event_ids)
    rules: list[Check] = []
    unchecked: list[str] = []
    for text in expected.get("must_not") or []:
        rule = next((check for pattern, check in MUST_NOT_RULES if pattern.search(text)), None)
        if rule is None:
            unchecked.append(text)
        else:
            rules.append(rule(ctx, text))
    return SeedResult(tuple(checks), tuple(rules), tuple(unchecked))


# ---------------------------------------------------------------- files


def reading_json_for(file: Path) -> dict[str, Any]:
    """The Reading JSON of ``file``: the file itself when it holds a Reading, else ``sitreps.read`` of it."""
    if file.suffix.lower() == ".json":
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if isinstance(data, dict) and "article" in data and "events" in data:
            return data  # a Reading JSON, perhaps from another tool: scored as it is
    articles = []
    for item in iter_articles([file]):
        if isinstance(item, Rejected):
            raise SitrepsError(f"cannot read {file}: {item.line()}")
        articles.append(item)
    if len(articles) != 1:
        raise SitrepsError(f"{file} holds {len(articles)} articles; the seed evaluation reads exactly one")
    return read(articles[0]).to_json_dict()


def read_expected(path: Path) -> dict[str, Any]:
    """An expected.json of the seed's shape, or a GoldFormatError that names the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read the expectations {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: expected a JSON object of the seed's shape")
    return data


def evaluate_seed(file: Path, expected: Path) -> SeedResult:
    """Score the Reading of ``file`` (an article or a Reading JSON) against the expectations file."""
    reading = reading_json_for(file)
    try:
        return score_reading(reading, read_expected(expected))
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldFormatError(f"{expected} is not of the seed's shape ({type(exc).__name__}: {exc})") from exc
