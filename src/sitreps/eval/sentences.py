"""Our own gold (`--format gold`): short annotated sentences (tests/gold/sentences.jsonl), each read by
sitreps and checked against only what a careful analyst would insist on.

Each line of the gold file is one item: ``id``, ``text``, ``published`` (YYYY-MM-DD), ``outlet``, ``tags``
and expectations in ``events``, ``figures``, ``no_figures``, ``claims``, ``denials``, ``actors`` and
``times``. Fields left out are not checked. Names, triggers and the choice among candidates follow
:mod:`sitreps.eval.matching`; what each expectation asks:

- A *name* matches an actor when it (or one of its ``|``-separated alternatives) is, case-insensitively,
  a substring of the actor's name, one of its aliases or one of its mention texts ("Russian forces"
  matches "Armed Forces of Russia" through its mention "Russian forces"; ``name_contains``).
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
- An *actor* spec matches an actor by name; country and kind compare exactly, role as the seed's roles do
  (``roles_match``: "Minister of Defense" = "Defence Minister").
- A *time* spec matches a time whose mention contains the expected text or lies inside it; start, end
  and precision compare exactly.

Items that fail today are listed, one ``id  reason`` a line, in ``known_failures.txt`` beside the gold
file. :func:`evaluate_sentences` reads every item and returns a :class:`SentencesResult`: pass rates by
tag, by category and by phenomenon, every failed expectation, and which failures are new.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitreps.errors import SitrepsError
from sitreps.eval.corpus import GoldFormatError, json_lines, read_gold_text
from sitreps.eval.matching import Check, FieldCheck, Json, ReadingIndex, closest, roles_match
from sitreps.model import Article, Reading
from sitreps.pipeline import read

KNOWN_FAILURES_FILE = "known_failures.txt"
ITEM_KEYS = frozenset(
    {"id", "text", "published", "outlet", "events", "figures", "no_figures", "claims", "denials"}
    | {"actors", "times", "tags"}
)
SPEC_KEYS: dict[str, frozenset[str]] = {
    "events": frozenset(
        {"plover", "trigger", "actor1", "actor2", "negated", "hypothetical", "habitual", "date"}
        | {"date_start", "date_end", "acled_sub_event_type"}
    ),
    "figures": frozenset(
        {"kind", "count", "count_min", "count_max", "qualifier", "population", "party_country"}
        | {"as_of", "span_contains"}
    ),
    "claims": frozenset({"about_trigger", "about_figure", "claimant", "relay", "stance", "quoted"}),
    "denials": frozenset({"denier", "denied_trigger", "original_claimant"}),
    "actors": frozenset({"name", "country", "role", "kind"}),
    "times": frozenset({"text", "start", "end", "precision"}),
}


# ---------------------------------------------------------------- the gold files


def read_sentences(path: Path) -> list[dict[str, Any]]:
    """The items of a gold sentences file, or a GoldFormatError that names the line."""
    items = []
    for _, where, item in json_lines(path):
        if not isinstance(item, dict):
            raise GoldFormatError(f"{where}: expected a JSON object")
        missing = [key for key in ("id", "text", "published") if not isinstance(item.get(key), str)]
        if missing:
            raise GoldFormatError(f"{where}: no {', '.join(missing)} (strings)")
        unknown = sorted(set(item) - ITEM_KEYS)
        if unknown:
            raise GoldFormatError(
                f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(sorted(ITEM_KEYS))}"
            )
        for section, keys in SPEC_KEYS.items():
            specs = item.get(section, [])
            if not isinstance(specs, list) or not all(isinstance(spec, dict) for spec in specs):
                raise GoldFormatError(f"{where}: {section!r} must be a list of objects")
            for spec in specs:
                if unknown := sorted(set(spec) - keys):
                    raise GoldFormatError(f"{where}: {section} has unknown key {unknown[0]!r}")
        items.append(item)
    return items


def read_known_failures(path: Path) -> dict[str, str]:
    """Item id -> reason, from a known_failures.txt ("id  reason", '#' starts a comment line); {} when the
    file is missing."""
    if not path.is_file():
        return {}
    known: dict[str, str] = {}
    for line in read_gold_text(path).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item_id, _, reason = line.strip().partition(" ")
        known[item_id] = reason.strip() or "known failure"
    return known


def read_item(item: Json) -> Reading:
    """The Reading of one gold item: its text, published on its date by its outlet."""
    article = Article.from_text(item["text"], published=item["published"], outlet=item.get("outlet"))
    return read(article)


# ---------------------------------------------------------------- matching one item


def _who(index: ReadingIndex, actor_id: str | None) -> str:
    actor = index.actors.get(actor_id or "")
    return "none" if actor is None else repr(actor.get("name"))


def _event_phenomena(spec: Json) -> frozenset[str]:
    return frozenset({f"plover:{spec['plover']}"} if "plover" in spec else ())


def _field_phenomena(key: str, wanted: Any) -> frozenset[str]:
    return frozenset(
        {
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
    )


def _event_checks(index: ReadingIndex, spec: Json) -> list[Check]:
    label = f"event {spec.get('plover', '?')} {spec['trigger']!r}"
    by_trigger = index.events_with_trigger(spec["trigger"])
    candidates = [e for e in by_trigger if "plover" not in spec or e.get("plover") == spec["plover"]]
    fields = [k for k in spec if k not in {"plover", "trigger"}]
    if not candidates:
        if by_trigger:
            why = "trigger coded as " + ", ".join(sorted({str(e.get("plover")) for e in by_trigger}))
        else:
            why = "no event with this trigger"
        return [Check(f"{label} found", False, why, "events", _event_phenomena(spec))] + [
            Check(f"{label} {k}", False, "event not found", "events", _field_phenomena(k, spec[k]))
            for k in fields
        ]

    def judge(event: Json) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in fields:
            wanted = spec[key]
            if key in {"actor1", "actor2"}:
                got = event.get(key)
                ok, why = index.actor_named(got, wanted), f"got {_who(index, got)}"
            elif key in {"negated", "hypothetical", "habitual", "acled_sub_event_type"}:
                got = event.get(key)
                ok, why = got == wanted, f"got {got!r}"
            else:  # date, date_start, date_end
                time = index.time_of(event)
                mention = (time.get("mention") or {}).get("text")
                if not time:
                    ok, why = wanted is None, "event has no time"
                elif key == "date":
                    span = (str(time.get("start")), str(time.get("end")))
                    ok = wanted is not None and span == (wanted, wanted)
                    why = f"got {span[0]}..{span[1]} from {mention!r}"
                else:
                    got = str(time.get("start") if key == "date_start" else time.get("end"))
                    ok, why = got == wanted, f"got {got} from {mention!r}"
            out.append(FieldCheck(f"{key} = {wanted!r}", ok, why, _field_phenomena(key, wanted)))
        return out

    _, checks = closest(candidates, judge)
    return [Check(f"{label} found", True, "", "events", _event_phenomena(spec))] + [
        Check(f"{label} {fc.what}", fc.ok, fc.why, "events", fc.phenomena) for fc in checks
    ]


def _figure_checks(index: ReadingIndex, spec: Json) -> list[Check]:
    number = next((spec[k] for k in ("count", "count_min", "count_max") if k in spec), None)
    label = f"figure {spec.get('kind', '?')} {number if number is not None else spec.get('span_contains')}"
    candidates = [
        f
        for f in index.figures
        if ("kind" not in spec or f.get("kind") == spec["kind"])
        and (number is None or number in (f.get("count"), f.get("count_min"), f.get("count_max")))
        and spec.get("span_contains", "").lower() in _span_text(f).lower()
    ]
    fields = [k for k in spec if k not in {"kind", "span_contains"}]
    phenomena = {"casualties"}
    phenomena |= {"qualifier"} if spec.get("qualifier", "exact") != "exact" else set()
    phenomena |= {"casualty-party"} if "party_country" in spec else set()
    if not candidates:
        seen = ", ".join(
            f"{f.get('kind')} {f.get('count') or f.get('count_min') or f.get('count_max')} {_span_text(f)!r}"
            for f in index.figures
        )
        return [Check(f"{label} found", False, f"figures: {seen or 'none'}", "figures", frozenset(phenomena))]

    def judge(figure: Json) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in fields:
            wanted = spec[key]
            if key == "party_country":
                party = index.actors.get(figure.get("party") or "")
                got: Any = party.get("country") if party else None
            else:
                got = figure.get(key)
                got = str(got) if key == "as_of" and got is not None else got
            extra = {"qualifier"} if key == "qualifier" and wanted != "exact" else set()
            extra |= {"casualty-party"} if key == "party_country" else set()
            why = f"got {got!r} ({_span_text(figure)!r})"
            out.append(FieldCheck(f"{key} = {wanted!r}", got == wanted, why, frozenset(extra)))
        return out

    _, checks = closest(candidates, judge)
    return [Check(f"{label} found", True, "", "figures", frozenset(phenomena))] + [
        Check(f"{label} {fc.what}", fc.ok, fc.why, "figures", frozenset({"casualties"}) | fc.phenomena)
        for fc in checks
    ]


def _span_text(record: Json, key: str = "span") -> str:
    return str((record.get(key) or {}).get("text") or "")


def _subjects(index: ReadingIndex, spec: Json) -> tuple[str, set[str]]:
    if "about_trigger" in spec:
        events = index.events_with_trigger(spec["about_trigger"])
        return f"claim about {spec['about_trigger']!r}", {e["id"] for e in events}
    wanted = spec["about_figure"].lower()
    figures = {f["id"] for f in index.figures if wanted in _span_text(f).lower()}
    return f"claim about figure {spec['about_figure']!r}", figures


def _claim_checks(index: ReadingIndex, spec: Json) -> list[Check]:
    label, subjects = _subjects(index, spec)
    stance = spec.get("stance", "asserts")
    label += f" ({stance})"
    phenomena = {"claims"} | ({"relay"} if len(spec.get("relay", [])) > 1 else set())
    phenomena |= {"quote"} if spec.get("quoted") else set()
    if not subjects:
        why = "no such event or figure to claim about"
        return [Check(label, False, why, "claims", frozenset(phenomena))]
    about = [c for c in index.claims if c.get("subject") in subjects]
    candidates = [c for c in about if c.get("stance") == stance]
    if not candidates:
        seen = ", ".join(f"{c.get('stance')} by {_who(index, c.get('claimant'))}" for c in about)
        return [Check(label, False, f"claims: {seen or 'none'}", "claims", frozenset(phenomena))]

    def judge(claim: Json) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        claimant = claim.get("claimant")
        if "claimant" in spec:
            ok = index.actor_named(claimant, spec["claimant"])
            out.append(FieldCheck(f"claimant ~ {spec['claimant']!r}", ok, f"got {_who(index, claimant)}"))
        if "relay" in spec:
            wanted, relay = spec["relay"], list(claim.get("relay") or [])
            ok = len(relay) == len(wanted) and all(
                index.actor_named(r, w) for r, w in zip(relay, wanted, strict=False)
            )
            got = [_who(index, r) for r in relay]
            out.append(FieldCheck(f"relay = {wanted!r}", ok, f"got {got}"))
        if "quoted" in spec:
            quoted = claim.get("quoted")
            out.append(FieldCheck(f"quoted = {spec['quoted']}", quoted == spec["quoted"], f"got {quoted}"))
        return out

    _, checks = closest(candidates, judge)
    return [
        Check(f"{label} {fc.what}", fc.ok, fc.why, "claims", frozenset(phenomena) | fc.phenomena)
        for fc in checks
    ] or [Check(label, True, "", "claims", frozenset(phenomena))]


def _denial_checks(index: ReadingIndex, spec: Json) -> list[Check]:
    label = f"denial by {spec['denier']!r} of {spec['denied_trigger']!r}"
    phenomena = frozenset({"denial"})
    events = {e["id"] for e in index.events_with_trigger(spec["denied_trigger"])}
    if not events:
        return [Check(label, False, "the denied content is not kept as an event", "denials", phenomena)]
    about = [c for c in index.claims if c.get("subject") in events]
    denials = [
        c
        for c in about
        if c.get("stance") == "denies" and index.actor_named(c.get("claimant"), spec["denier"])
    ]
    seen = ", ".join(f"{c.get('stance')} by {_who(index, c.get('claimant'))}" for c in about)
    if not denials:
        why = f"no denying claim by the denier; claims: {seen or 'none'}"
        return [Check(label, False, why, "denials", phenomena)]
    targets = events | {c["id"] for c in about}
    denial_ids = {c["id"] for c in denials}
    linked = any(
        r.get("kind") == "denies" and r.get("from") in denial_ids and r.get("to") in targets
        for r in index.relations
    )
    checks = [
        Check(f"{label}: denying claim", True, "", "denials", phenomena),
        Check(
            f"{label}: denies relation", linked, "no denies relation from the denial", "denials", phenomena
        ),
    ]
    if "original_claimant" in spec:
        original = [
            c
            for c in about
            if c.get("stance") == "asserts"
            and index.actor_named(c.get("claimant"), spec["original_claimant"])
        ]
        name = f"{label}: original claimant ~ {spec['original_claimant']!r}"
        checks.append(Check(name, bool(original), f"claims: {seen}", "denials", phenomena))
    return checks


def _actor_checks(index: ReadingIndex, spec: Json) -> list[Check]:
    label = f"actor {spec['name']!r}"
    phenomena = frozenset({"actors"})
    candidates = [a for a in index.actors.values() if index.actor_named(a["id"], spec["name"])]
    if not candidates:
        names = ", ".join(repr(a.get("name")) for a in index.actors.values())
        return [Check(f"{label} found", False, f"actors: {names}", "actors", phenomena)]

    def judge(actor: Json) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in ("country", "kind", "role"):
            if key in spec:
                got = actor.get(key)
                ok = roles_match(spec[key], got) if key == "role" else got == spec[key]
                extra = frozenset({"role"} if key == "role" else ())
                why = f"got {got!r} ({actor.get('name')!r})"
                out.append(FieldCheck(f"{key} = {spec[key]!r}", ok, why, extra))
        return out

    _, checks = closest(candidates, judge)
    return [Check(f"{label} found", True, "", "actors", phenomena)] + [
        Check(f"{label} {fc.what}", fc.ok, fc.why, "actors", phenomena | fc.phenomena) for fc in checks
    ]


def _time_checks(index: ReadingIndex, spec: Json) -> list[Check]:
    label = f"time {spec['text']!r}"
    wanted = spec["text"].lower()
    candidates = [
        t
        for t in index.times.values()
        if wanted in _span_text(t, "mention").lower() or _span_text(t, "mention").lower() in wanted
    ]
    phenomena = frozenset({"times"})
    if not candidates:
        seen = ", ".join(repr(_span_text(t, "mention")) for t in index.times.values())
        return [Check(f"{label} found", False, f"times: {seen or 'none'}", "times", phenomena)]

    def judge(time: Json) -> list[FieldCheck]:
        out: list[FieldCheck] = []
        for key in ("start", "end", "precision"):
            if key in spec:
                got = time.get(key)
                got = str(got) if got is not None and key != "precision" else got
                why = f"got {got!r} ({_span_text(time, 'mention')!r})"
                out.append(FieldCheck(f"{key} = {spec[key]!r}", got == spec[key], why))
        return out

    _, checks = closest(candidates, judge)
    return [Check(f"{label} found", True, "", "times", phenomena)] + [
        Check(f"{label} {fc.what}", fc.ok, fc.why, "times", phenomena | fc.phenomena) for fc in checks
    ]


def _no_figures_check(index: ReadingIndex) -> Check:
    spans = [_span_text(f) for f in index.figures]
    return Check("no casualty figures", not spans, f"got {spans}", "figures", frozenset({"casualties"}))


# Each section of an item and its checks, in the order they are reported.
CHECKS: dict[str, Callable[[ReadingIndex, Json], list[Check]]] = {
    "events": _event_checks,
    "figures": _figure_checks,
    "claims": _claim_checks,
    "denials": _denial_checks,
    "actors": _actor_checks,
    "times": _time_checks,
}


def check_item(item: Json, reading: Reading | Json) -> list[Check]:
    """Every expectation of one gold item against its Reading (the model or its JSON)."""
    index = ReadingIndex(reading)
    checks: list[Check] = []
    for section, check in CHECKS.items():
        for spec in item.get(section, []):
            checks += check(index, spec)
        if section == "figures" and item.get("no_figures"):
            checks.append(_no_figures_check(index))
    return checks


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Rate:
    """How many of a group passed."""

    passed: int
    total: int

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def to_json_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "total": self.total, "rate": round(self.rate, 4)}


def _rates(groups: Iterable[tuple[str, bool]]) -> dict[str, Rate]:
    outcomes: dict[str, list[bool]] = defaultdict(list)
    for name, ok in groups:
        outcomes[name].append(ok)
    return {name: Rate(sum(oks), len(oks)) for name, oks in sorted(outcomes.items())}


@dataclass(frozen=True)
class ItemResult:
    """One gold item's expectations and their verdicts."""

    id: str
    tags: tuple[str, ...]
    checks: tuple[Check, ...]

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    @property
    def passed(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class SentencesResult:
    """Every item's verdicts, the known failures they are held against, and the time taken to read them."""

    items: tuple[ItemResult, ...]
    known: Mapping[str, str]
    seconds: float = 0.0

    @property
    def failing(self) -> tuple[ItemResult, ...]:
        return tuple(i for i in self.items if not i.passed)

    @property
    def new_failures(self) -> tuple[str, ...]:
        """Failing items that known_failures.txt does not list."""
        return tuple(i.id for i in self.failing if i.id not in self.known)

    @property
    def fixed(self) -> tuple[str, ...]:
        """Items known_failures.txt lists that pass now (their lines should be removed)."""
        return tuple(sorted(i.id for i in self.items if i.passed and i.id in self.known))

    @property
    def passed(self) -> bool:
        """No item fails that known_failures.txt does not list."""
        return not self.new_failures

    @property
    def items_passing(self) -> Rate:
        return Rate(sum(i.passed for i in self.items), len(self.items))

    @property
    def expectations_met(self) -> Rate:
        checks = [c for i in self.items for c in i.checks]
        return Rate(sum(c.ok for c in checks), len(checks))

    def by_tag(self) -> dict[str, Rate]:
        """Items passing, by tag."""
        return _rates((tag, i.passed) for i in self.items for tag in i.tags)

    def by_category(self) -> dict[str, Rate]:
        """Expectations met, by category (the item's section: events, figures, ...)."""
        return _rates((c.kind, c.ok) for i in self.items for c in i.checks)

    def by_phenomenon(self) -> dict[str, Rate]:
        """Expectations met, by the phenomenon they test."""
        return _rates((p, c.ok) for i in self.items for c in i.checks for p in c.phenomena)

    def known_failures_body(self) -> list[str]:
        """A body for known_failures.txt: each failing item's id and its first failed expectation."""
        return [f"{i.id}  {i.failed[0]}" for i in self.failing]

    def to_json_dict(self) -> dict[str, Any]:
        def rates(found: Mapping[str, Rate]) -> dict[str, Any]:
            return {name: rate.to_json_dict() for name, rate in found.items()}

        return {
            "items": self.items_passing.to_json_dict(),
            "expectations": self.expectations_met.to_json_dict(),
            "passed": self.passed,
            "by_tag": rates(self.by_tag()),
            "by_category": rates(self.by_category()),
            "by_phenomenon": rates(self.by_phenomenon()),
            "failures": [
                {
                    "id": i.id,
                    "known": i.id in self.known,
                    "failed": [{"category": c.kind, "name": c.name, "detail": c.detail} for c in i.failed],
                }
                for i in self.failing
            ],
            "new_failures": list(self.new_failures),
            "fixed": list(self.fixed),
        }


def evaluate_sentences(
    path: Path, *, only: Sequence[str] = (), known_failures: Path | None = None
) -> SentencesResult:
    """Read and check every item of a gold sentences file (or only the items with these ids), held
    against the known failures (by default ``known_failures.txt`` beside the gold file)."""
    items = read_sentences(path)
    if unknown := sorted(set(only) - {item["id"] for item in items}):
        raise SitrepsError(f"{path} has no item {', '.join(unknown)}")
    known = read_known_failures(known_failures or path.parent / KNOWN_FAILURES_FILE)
    started = time.perf_counter()
    results = []
    for item in items:
        if only and item["id"] not in only:
            continue
        checks = check_item(item, read_item(item))
        results.append(ItemResult(item["id"], tuple(item.get("tags", [])), tuple(checks)))
    return SentencesResult(tuple(results), known, time.perf_counter() - started)
