"""Our own gold: short annotated sentences (tests/gold/sentences.jsonl), read by sitreps and checked.

Each line of the gold file is one item: a text, its publication date and outlet, and only what a careful
analyst would insist on. Fields left out are not checked. The matching rules:

- A *name* matches an actor when it (or one of its ``|``-separated alternatives) is, case-insensitively,
  a substring of the actor's name, one of its aliases or one of its mention texts ("Russian forces"
  matches "Armed Forces of Russia" through its mention "Russian forces").
- An *event* spec matches an event with the same ``plover`` type (when given) and a trigger that matches:
  the expected trigger (or one of its ``|``-separated alternatives) equals the trigger span's text, or one is
  a whole word of the other ("held talks" matches a trigger "talks"). Among matching events the one that
  meets most of the spec is judged. ``actor1``/``actor2`` are names; ``negated``, ``hypothetical``,
  ``habitual`` and ``acled_sub_event_type`` compare exactly; ``date`` is a day the event's time must start
  and end on (``null``: the event must have no time), ``date_start``/``date_end`` its bounds.
- A *figure* spec matches a figure of the same ``kind`` whose count, count_min or count_max equals the
  expected number (and whose span contains ``span_contains``); then count, count_min, count_max,
  qualifier, population, ``party_country`` (the alpha-3 of the party actor) and as_of compare exactly.
  Vague quantities are read as their least value: "dozens" is at least 24, "hundreds" at least 200.
  ``no_figures: true`` says the text reports no casualty figure at all.
- A *claim* spec names its subject by ``about_trigger`` (any event with that trigger) or ``about_figure``
  (a figure whose span contains the text); a claim about it with the stance (default ``asserts``) must
  have a matching claimant, the exact ``relay`` (names, outlet first, claimant excluded) and ``quoted``.
- A *denial* needs a claim with stance ``denies`` by the denier about the denied event, a ``denies``
  Relation from that claim (to the event or to a claim about it), and, when ``original_claimant`` is
  given, an asserting claim about the event by that claimant.
- An *actor* spec matches an actor by name; country, kind and role (case-insensitive) compare exactly.
- A *time* spec matches a time whose mention contains the expected text or lies inside it; start, end
  and precision compare exactly.

Items that fail today are listed in tests/gold/known_failures.txt and run as strict xfails, so a fix
shows up as a failure until its line is removed. Run this file as a script for a report:

    .venv/bin/python tests/test_gold_sentences.py            # pass rates and every failed expectation
    .venv/bin/python tests/test_gold_sentences.py --known    # a known_failures.txt body for today's failures
    .venv/bin/python tests/test_gold_sentences.py ID ...     # only these items
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from sitreps.model import Actor, Article, CasualtyFigure, Claim, Event, Reading, TimeRef
from sitreps.ontology import plover_types
from sitreps.pipeline import read

GOLD_DIR = Path(__file__).parent / "gold"
GOLD = GOLD_DIR / "sentences.jsonl"
KNOWN_FAILURES = GOLD_DIR / "known_failures.txt"

PLOVER_TYPES = tuple(plover_types())
# Phenomena the extraction issue names, and how many items must show each.
REQUIRED_TAGS = {
    "negation": 3,
    "habitual": 3,
    "modal": 3,
    "quote": 3,
    "relay": 3,
    "according-to": 2,
    "denial": 3,
    "casualty-list": 3,
    "qualifier": 3,
    "number-word": 3,
    "relative-date": 3,
    "date-range": 3,
    "night-of": 2,
    "role": 3,
    "counterpart": 2,
}
ITEM_KEYS = {"id", "text", "published", "outlet", "events", "figures", "no_figures", "claims", "denials"}
ITEM_KEYS |= {"actors", "times", "tags"}
SPEC_KEYS = {
    "events": {"plover", "trigger", "actor1", "actor2", "negated", "hypothetical", "habitual", "date"}
    | {"date_start", "date_end", "acled_sub_event_type"},
    "figures": {"kind", "count", "count_min", "count_max", "qualifier", "population", "party_country"}
    | {"as_of", "span_contains"},
    "claims": {"about_trigger", "about_figure", "claimant", "relay", "stance", "quoted"},
    "denials": {"denier", "denied_trigger", "original_claimant"},
    "actors": {"name", "country", "role", "kind"},
    "times": {"text", "start", "end", "precision"},
}


# -- the gold data ------------------------------------------------------------------------------------
def load_items() -> list[dict[str, Any]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_known_failures() -> dict[str, str]:
    """Item id -> reason, from known_failures.txt ("id  reason", '#' starts a comment line)."""
    known: dict[str, str] = {}
    for line in KNOWN_FAILURES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item_id, _, reason = line.strip().partition(" ")
        known[item_id] = reason.strip() or "known failure"
    return known


@cache
def reading_of(item_id: str) -> Reading:
    item = ITEMS_BY_ID[item_id]
    article = Article.from_text(item["text"], published=item["published"], outlet=item.get("outlet"))
    return read(article)


# -- matching -------------------------------------------------------------------------------------------
@dataclass
class Check:
    """One expectation of one item: what was expected, whether it held, and why not."""

    category: str  # events, figures, claims, denials, actors, times
    what: str
    ok: bool
    why: str = ""
    phenomena: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        return f"[{self.category}] {self.what}" + ("" if self.ok else f": {self.why}")


class Matcher:
    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.actors = {a.id: a for a in reading.actors}
        self.times = {t.id: t for t in reading.times}
        self.events = {e.id: e for e in reading.events}
        self.figures = {f.id: f for f in reading.figures}

    # names
    @staticmethod
    def names(actor: Actor) -> list[str]:
        return [actor.name, *actor.aliases, *(m.text for m in actor.mentions)]

    def is_named(self, actor_id: str | None, wanted: str) -> bool:
        actor = self.actors.get(actor_id or "")
        if actor is None:
            return False
        names = [n.lower() for n in self.names(actor)]
        return any(w in n for w in wanted.lower().split("|") for n in names)

    def describe(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id or "")
        return "none" if actor is None else repr(actor.name)

    # events
    @staticmethod
    def trigger_matches(text: str, wanted: str) -> bool:
        got = text.lower()
        for alternative in wanted.lower().split("|"):
            if got == alternative:
                return True
            if re.search(rf"\b{re.escape(got)}\b", alternative) or re.search(
                rf"\b{re.escape(alternative)}\b", got
            ):
                return True
        return False

    def events_with_trigger(self, wanted: str) -> list[Event]:
        return [e for e in self.reading.events if self.trigger_matches(e.trigger.text, wanted)]

    def time_of(self, event: Event) -> TimeRef | None:
        return self.times.get(event.time or "")


FieldCheck = tuple[str, bool, str, set[str]]  # what, ok, why not, phenomena


def _best(candidates: list[Any], judge: Any) -> tuple[Any, list[FieldCheck]]:
    """The candidate with the fewest failed field checks, and its checks."""
    judged = [(c, judge(c)) for c in candidates]
    return min(judged, key=lambda cj: sum(not ok for _, ok, _, _ in cj[1]))


def _event_checks(m: Matcher, spec: dict[str, Any]) -> list[Check]:
    label = f"event {spec.get('plover', '?')} {spec['trigger']!r}"
    by_trigger = m.events_with_trigger(spec["trigger"])
    candidates = [e for e in by_trigger if "plover" not in spec or e.plover == spec["plover"]]
    fields = [k for k in spec if k not in {"plover", "trigger"}]
    if not candidates:
        if by_trigger:
            why = "trigger coded as " + ", ".join(sorted({e.plover for e in by_trigger}))
        else:
            why = "no event with this trigger"
        return [Check("events", f"{label} found", False, why, _event_phenomena(spec))] + [
            Check("events", f"{label} {k}", False, "event not found", _field_phenomena(k, spec[k]))
            for k in fields
        ]

    def judge(event: Event) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in fields:
            wanted = spec[key]
            if key in {"actor1", "actor2"}:
                got = getattr(event, key)
                ok, why = m.is_named(got, wanted), f"got {m.describe(got)}"
            elif key in {"negated", "hypothetical", "habitual", "acled_sub_event_type"}:
                got = getattr(event, key)
                ok, why = got == wanted, f"got {got!r}"
            else:  # date, date_start, date_end
                time = m.time_of(event)
                if time is None:
                    ok, why = wanted is None, "event has no time"
                elif key == "date":
                    span = (str(time.start), str(time.end))
                    ok = wanted is not None and span == (wanted, wanted)
                    why = f"got {span[0]}..{span[1]} from {time.mention.text!r}"
                else:
                    got = str(time.start if key == "date_start" else time.end)
                    ok, why = got == wanted, f"got {got} from {time.mention.text!r}"
            out.append((f"{key} = {wanted!r}", ok, why, _field_phenomena(key, wanted)))
        return out

    _, checks = _best(candidates, judge)
    return [Check("events", f"{label} found", True, "", _event_phenomena(spec))] + [
        Check("events", f"{label} {what}", ok, why, ph) for what, ok, why, ph in checks
    ]


def _event_phenomena(spec: dict[str, Any]) -> set[str]:
    return {f"plover:{spec['plover']}"} if "plover" in spec else set()


def _field_phenomena(key: str, wanted: Any) -> set[str]:
    return {
        "negated": {"negation"} if wanted else set(),
        "hypothetical": {"modal"} if wanted else set(),
        "habitual": {"habitual"} if wanted else set(),
        "actor1": {"event-actors"},
        "actor2": {"event-actors"},
        "date": {"event-time"},
        "date_start": {"event-time"},
        "date_end": {"event-time"},
        "acled_sub_event_type": {"acled"},
    }.get(key, set())


def _figure_checks(m: Matcher, spec: dict[str, Any]) -> list[Check]:
    number = next((spec[k] for k in ("count", "count_min", "count_max") if k in spec), None)
    label = f"figure {spec.get('kind', '?')} {number if number is not None else spec.get('span_contains')}"
    candidates = [
        f
        for f in m.reading.figures
        if ("kind" not in spec or f.kind == spec["kind"])
        and (number is None or number in (f.count, f.count_min, f.count_max))
        and spec.get("span_contains", "").lower() in f.span.text.lower()
    ]
    fields = [k for k in spec if k not in {"kind", "span_contains"}]
    phenomena = {"casualties"}
    phenomena |= {"qualifier"} if spec.get("qualifier", "exact") != "exact" else set()
    phenomena |= {"casualty-party"} if "party_country" in spec else set()
    if not candidates:
        seen = ", ".join(
            f"{f.kind} {f.count or f.count_min or f.count_max} {f.span.text!r}" for f in m.figures.values()
        )
        return [Check("figures", f"{label} found", False, f"figures: {seen or 'none'}", phenomena)]

    def judge(figure: CasualtyFigure) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in fields:
            wanted = spec[key]
            if key == "party_country":
                party = m.actors.get(figure.party or "")
                got: Any = party.country if party else None
            else:
                got = getattr(figure, key)
                got = str(got) if key == "as_of" and got is not None else got
            extra = {"qualifier"} if key == "qualifier" and wanted != "exact" else set()
            extra |= {"casualty-party"} if key == "party_country" else set()
            out.append((f"{key} = {wanted!r}", got == wanted, f"got {got!r} ({figure.span.text!r})", extra))
        return out

    _, checks = _best(candidates, judge)
    return [Check("figures", f"{label} found", True, "", phenomena)] + [
        Check("figures", f"{label} {what}", ok, why, {"casualties"} | ph) for what, ok, why, ph in checks
    ]


def _subjects(m: Matcher, spec: dict[str, Any]) -> tuple[str, set[str]]:
    if "about_trigger" in spec:
        return f"claim about {spec['about_trigger']!r}", {
            e.id for e in m.events_with_trigger(spec["about_trigger"])
        }
    wanted = spec["about_figure"].lower()
    return f"claim about figure {spec['about_figure']!r}", {
        f.id for f in m.reading.figures if wanted in f.span.text.lower()
    }


def _claim_checks(m: Matcher, spec: dict[str, Any]) -> list[Check]:
    label, subjects = _subjects(m, spec)
    stance = spec.get("stance", "asserts")
    label += f" ({stance})"
    phenomena = {"claims"} | ({"relay"} if len(spec.get("relay", [])) > 1 else set())
    phenomena |= {"quote"} if spec.get("quoted") else set()
    if not subjects:
        return [Check("claims", f"{label}", False, "no such event or figure to claim about", phenomena)]
    about = [c for c in m.reading.claims if c.subject in subjects]
    candidates = [c for c in about if c.stance == stance]
    if not candidates:
        seen = ", ".join(f"{c.stance} by {m.describe(c.claimant)}" for c in about)
        return [Check("claims", f"{label}", False, f"claims: {seen or 'none'}", phenomena)]

    def judge(claim: Claim) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        if "claimant" in spec:
            ok = m.is_named(claim.claimant, spec["claimant"])
            out.append((f"claimant ~ {spec['claimant']!r}", ok, f"got {m.describe(claim.claimant)}", set()))
        if "relay" in spec:
            wanted = spec["relay"]
            ok = len(claim.relay) == len(wanted) and all(
                m.is_named(r, w) for r, w in zip(claim.relay, wanted, strict=False)
            )
            got = [m.describe(r) for r in claim.relay]
            out.append((f"relay = {wanted!r}", ok, f"got {got}", set()))
        if "quoted" in spec:
            out.append(
                (f"quoted = {spec['quoted']}", claim.quoted == spec["quoted"], f"got {claim.quoted}", set())
            )
        return out

    _, checks = _best(candidates, judge)
    return [Check("claims", f"{label} {what}", ok, why, phenomena | ph) for what, ok, why, ph in checks] or [
        Check("claims", label, True, "", phenomena)
    ]


def _denial_checks(m: Matcher, spec: dict[str, Any]) -> list[Check]:
    label = f"denial by {spec['denier']!r} of {spec['denied_trigger']!r}"
    phenomena = {"denial"}
    events = {e.id for e in m.events_with_trigger(spec["denied_trigger"])}
    if not events:
        return [Check("denials", label, False, "the denied content is not kept as an event", phenomena)]
    about = [c for c in m.reading.claims if c.subject in events]
    denials = [c for c in about if c.stance == "denies" and m.is_named(c.claimant, spec["denier"])]
    if not denials:
        seen = ", ".join(f"{c.stance} by {m.describe(c.claimant)}" for c in about)
        return [
            Check(
                "denials",
                label,
                False,
                f"no denying claim by the denier; claims: {seen or 'none'}",
                phenomena,
            )
        ]
    targets = events | {c.id for c in about}
    denial_ids = {c.id for c in denials}
    linked = any(
        r.kind == "denies" and r.from_ in denial_ids and r.to in targets for r in m.reading.relations
    )
    checks = [
        Check("denials", f"{label}: denying claim", True, "", phenomena),
        Check(
            "denials", f"{label}: denies relation", linked, "no denies relation from the denial", phenomena
        ),
    ]
    if "original_claimant" in spec:
        original = [
            c for c in about if c.stance == "asserts" and m.is_named(c.claimant, spec["original_claimant"])
        ]
        seen = ", ".join(f"{c.stance} by {m.describe(c.claimant)}" for c in about)
        checks.append(
            Check(
                "denials",
                f"{label}: original claimant ~ {spec['original_claimant']!r}",
                bool(original),
                f"claims: {seen}",
                phenomena,
            )
        )
    return checks


def _actor_checks(m: Matcher, spec: dict[str, Any]) -> list[Check]:
    label = f"actor {spec['name']!r}"
    phenomena = {"actors"}
    candidates = [a for a in m.reading.actors if m.is_named(a.id, spec["name"])]
    if not candidates:
        names = ", ".join(repr(a.name) for a in m.reading.actors)
        return [Check("actors", f"{label} found", False, f"actors: {names}", phenomena)]

    def judge(actor: Actor) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in ("country", "kind", "role"):
            if key in spec:
                got = getattr(actor, key)
                ok = (got or "").lower() == spec[key].lower() if key == "role" else got == spec[key]
                extra = {"role"} if key == "role" else set()
                out.append((f"{key} = {spec[key]!r}", ok, f"got {got!r} ({actor.name!r})", extra))
        return out

    _, checks = _best(candidates, judge)
    return [Check("actors", f"{label} found", True, "", phenomena)] + [
        Check("actors", f"{label} {what}", ok, why, phenomena | ph) for what, ok, why, ph in checks
    ]


def _time_checks(m: Matcher, spec: dict[str, Any]) -> list[Check]:
    label = f"time {spec['text']!r}"
    wanted = spec["text"].lower()
    candidates = [
        t for t in m.reading.times if wanted in t.mention.text.lower() or t.mention.text.lower() in wanted
    ]
    phenomena = {"times"}
    if not candidates:
        seen = ", ".join(repr(t.mention.text) for t in m.reading.times)
        return [Check("times", f"{label} found", False, f"times: {seen or 'none'}", phenomena)]

    def judge(time: TimeRef) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in ("start", "end", "precision"):
            if key in spec:
                got = getattr(time, key)
                got = str(got) if got is not None and key != "precision" else got
                out.append(
                    (
                        f"{key} = {spec[key]!r}",
                        got == spec[key],
                        f"got {got!r} ({time.mention.text!r})",
                        set(),
                    )
                )
        return out

    _, checks = _best(candidates, judge)
    return [Check("times", f"{label} found", True, "", phenomena)] + [
        Check("times", f"{label} {what}", ok, why, phenomena | ph) for what, ok, why, ph in checks
    ]


def check_item(item: dict[str, Any], reading: Reading) -> list[Check]:
    """Every expectation of one gold item against its reading."""
    m = Matcher(reading)
    checks: list[Check] = []
    for spec in item.get("events", []):
        checks += _event_checks(m, spec)
    for spec in item.get("figures", []):
        checks += _figure_checks(m, spec)
    if item.get("no_figures"):
        spans = [f.span.text for f in reading.figures]
        checks.append(Check("figures", "no casualty figures", not spans, f"got {spans}", {"casualties"}))
    for spec in item.get("claims", []):
        checks += _claim_checks(m, spec)
    for spec in item.get("denials", []):
        checks += _denial_checks(m, spec)
    for spec in item.get("actors", []):
        checks += _actor_checks(m, spec)
    for spec in item.get("times", []):
        checks += _time_checks(m, spec)
    return checks


# -- pytest -----------------------------------------------------------------------------------------------
ITEMS = load_items()
ITEMS_BY_ID = {item["id"]: item for item in ITEMS}
KNOWN = load_known_failures()


def _params() -> list[Any]:
    params = []
    for item in ITEMS:
        marks = []
        if item["id"] in KNOWN:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[item["id"]]))
        params.append(pytest.param(item["id"], id=item["id"], marks=marks))
    return params


@pytest.mark.parametrize("item_id", _params())
def test_gold_item(item_id: str) -> None:
    checks = check_item(ITEMS_BY_ID[item_id], reading_of(item_id))
    failed = [str(c) for c in checks if not c.ok]
    assert not failed, "\n".join(failed)


def test_gold_items_are_well_formed() -> None:
    ids = [item["id"] for item in ITEMS]
    assert len(ids) == len(set(ids)), "duplicate item ids"
    assert len(ITEMS) >= 60
    for item in ITEMS:
        assert set(item) <= ITEM_KEYS, (item["id"], set(item) - ITEM_KEYS)
        assert item["text"].strip() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["published"]), item["id"]
        assert item.get("tags"), item["id"]
        for section, keys in SPEC_KEYS.items():
            for spec in item.get(section, []):
                assert set(spec) <= keys, (item["id"], section, set(spec) - keys)
        for spec in item.get("events", []):
            assert spec.get("plover") in PLOVER_TYPES and spec.get("trigger"), (item["id"], spec)
        for spec in item.get("claims", []):
            assert ("about_trigger" in spec) != ("about_figure" in spec), (item["id"], spec)


def test_gold_covers_every_plover_type_twice() -> None:
    counts = {t: 0 for t in PLOVER_TYPES}
    for item in ITEMS:
        for spec in item.get("events", []):
            counts[spec["plover"]] += 1
    assert all(n >= 2 for n in counts.values()), counts


def test_gold_covers_each_phenomenon() -> None:
    counts = {tag: sum(tag in item["tags"] for item in ITEMS) for tag in REQUIRED_TAGS}
    short = {tag: n for tag, n in counts.items() if n < REQUIRED_TAGS[tag]}
    assert not short, short


def test_known_failures_name_gold_items() -> None:
    stale = sorted(set(KNOWN) - set(ITEMS_BY_ID))
    assert not stale, f"known_failures.txt names items that are not in the gold file: {stale}"


# -- report mode ----------------------------------------------------------------------------------------
def _rate(passed: int, total: int) -> str:
    return f"{passed:3d}/{total:<3d} {100 * passed / total:5.1f}%" if total else "  -"


def report(only: list[str], known_body: bool) -> int:
    items = [i for i in ITEMS if not only or i["id"] in only]
    results = {item["id"]: check_item(item, reading_of(item["id"])) for item in items}
    failing = {i: [c for c in cs if not c.ok] for i, cs in results.items() if any(not c.ok for c in cs)}
    if known_body:
        for item_id, failed in failing.items():
            print(f"{item_id}  {failed[0]}")
        return 0

    by_tag: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        for tag in item["tags"]:
            by_tag[tag].append(item["id"] not in failing)
    by_phenomenon: dict[str, list[bool]] = defaultdict(list)
    by_category: dict[str, list[bool]] = defaultdict(list)
    for checks in results.values():
        for c in checks:
            by_category[c.category].append(c.ok)
            for p in c.phenomena:
                by_phenomenon[p].append(c.ok)

    total = [c.ok for cs in results.values() for c in cs]
    print(f"items passing: {_rate(len(items) - len(failing), len(items))}")
    print(f"expectations met: {_rate(sum(total), len(total))}\n")
    print("items passing, by tag:")
    for tag, oks in sorted(by_tag.items()):
        print(f"  {tag:<22} {_rate(sum(oks), len(oks))}")
    print("\nexpectations met, by category:")
    for category, oks in sorted(by_category.items()):
        print(f"  {category:<22} {_rate(sum(oks), len(oks))}")
    print("\nexpectations met, by phenomenon:")
    for phenomenon, oks in sorted(by_phenomenon.items()):
        print(f"  {phenomenon:<22} {_rate(sum(oks), len(oks))}")
    print("\nfailed expectations:")
    for item_id, failed in failing.items():
        print(f"  {item_id}  ({'known' if item_id in KNOWN else 'NEW'})")
        for c in failed:
            print(f"      {c}")
    fixed = sorted(i for i in KNOWN if i in results and i not in failing)
    if fixed:
        print("\npassing now, remove from known_failures.txt:", ", ".join(fixed))
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(report([a for a in args if not a.startswith("--")], "--known" in args))
