"""The matching rules of the evaluations against hand-written expectations (the seed's expected.json and
our gold sentences): how an expected name, role, place or trigger is found in a Reading, and what one
expectation's verdict looks like.

The Reading is taken as its JSON (DESIGN.md, "The Reading, as JSON"), so a Reading from any tool can be
scored. The rules:
- names are looked up in an actor's name, aliases and mention texts, by one of two rules. The seed's
  (:func:`expected_matches`) is case- and accent-insensitive and knows countries: country names, aliases
  and demonyms stand for their country ("Turkiye" = "Turkey", "Azerbaijani" = "Azerbaijan"); a shorter
  canonical name matches a longer expected one ("Armenia" for "Government of Armenia", "the ministry" for
  "Ministry of Defense of Azerbaijan"), except that a bare state never stands for media, civilians or
  other non-state actors of that country. The gold sentences' (:func:`name_contains`) asks that the
  expected text, or one of its ``|``-separated alternatives, lie in one of the names, ignoring case;
  their annotations are written for it ("Ukrain" names Ukraine's actors and the Ukrainians alike);
- roles match as sets of words ("Minister of Defense" = "Defence Minister", :func:`roles_match`);
- place names match once "the" and words like "region" or "direction" are set aside
  (:func:`place_names_match`), coordinates within a tolerance (:func:`km_between`);
- a trigger matches when it equals the expected text or one is a whole word of the other
  (:func:`trigger_matches`);
- among records that could meet an expectation, the one that meets most of it is judged (:func:`closest`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from sitreps.geo.countries import fold_name, lookup
from sitreps.model import Reading

Json = Mapping[str, Any]
T = TypeVar("T")
# Words that carry no identity in a name.
_STOPWORDS = frozenset({"the", "of", "a", "an", "its", "his", "her", "their", "on", "in"})
_SPELLINGS = {"defence": "defense", "armour": "armor", "programme": "program"}
# A bare state name stands for its government and forces, never for these.
_NON_STATE_WORDS = frozenset(
    {
        "media",
        "press",
        "newspaper",
        "newspapers",
        "outlet",
        "outlets",
        "agency",
        "social",
        "opposition",
        "rebels",
        "civilians",
        "civilian",
        "residents",
        "people",
        "community",
        "diaspora",
        "activists",
        "protesters",
        "journalists",
        "party",
    }
)
# Words a place mention may add to a place's name ("Kalbajar direction", "the Basarkechar region").
_PLACE_WORDS = frozenset(
    {"region", "district", "province", "city", "town", "village", "direction", "directions", "area", "rayon"}
)
_ROLE_FILLERS = frozenset({"of", "the", "for", "affairs", "and"})
_POSSESSIVE = re.compile(r"['\u2019]s\b")


# ---------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Check:
    """One expectation (or one must_not rule) and whether the reading meets it.

    ``kind`` says what sort of expectation it is: for the seed ``expectation`` or ``must_not``, for the
    gold sentences the section of the item (``events``, ``figures``, ``claims``, ``denials``, ``actors``,
    ``times``). ``phenomena`` are the phenomena it tests (gold sentences only).
    """

    name: str
    ok: bool
    detail: str = ""
    kind: str = "expectation"
    phenomena: frozenset[str] = frozenset()

    def line(self) -> str:
        """``ok   NAME`` or ``MISS NAME  (why)``; must_not rules print ``held``/``BROKEN``."""
        if self.kind == "must_not":
            mark = "held  " if self.ok else "BROKEN"
        else:
            mark = "ok  " if self.ok else "MISS"
        return f"{mark} {self.name}" + (f"  ({self.detail})" if self.detail and not self.ok else "")

    def __str__(self) -> str:
        """``[KIND] NAME`` and, when it failed, ``: why``."""
        return f"[{self.kind}] {self.name}" + ("" if self.ok else f": {self.detail}")


class FieldCheck(NamedTuple):
    """One field of an expectation checked against one candidate record."""

    what: str
    ok: bool
    why: str = ""
    phenomena: frozenset[str] = frozenset()


def closest(candidates: Sequence[T], judge: Callable[[T], list[FieldCheck]]) -> tuple[T, list[FieldCheck]]:
    """The candidate with the fewest failed field checks (the first of them on a tie), and its checks."""
    judged = [(c, judge(c)) for c in candidates]
    return min(judged, key=lambda cj: sum(not fc.ok for fc in cj[1]))


# ---------------------------------------------------------------- names


def _tokens(name: str) -> frozenset[str]:
    """A name as a set of identity tokens; a run of words naming a country becomes ``=ALPHA3``."""
    words = fold_name(_POSSESSIVE.sub("", name)).split()
    tokens: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            country = lookup(" ".join(words[i : i + n]))
            if country is not None and not (n == 1 and words[i] in _STOPWORDS):
                tokens.append("=" + country.alpha3)
                i += n
                break
        else:
            word = words[i]
            if word not in _STOPWORDS:
                tokens.append(_SPELLINGS.get(word, word))
            i += 1
    return frozenset(tokens)


def _is_countries(tokens: frozenset[str]) -> bool:
    return bool(tokens) and all(t.startswith("=") for t in tokens)


def expected_matches(expected: str, canonical: str | None, others: Iterable[str] = ()) -> bool:
    """Whether an actor with this canonical name (and other names) is the expected one.

    The expected name's tokens within any of the names match; so does a canonical name whose tokens lie
    within the expected ones, unless it is a bare state and the expected name is a non-state actor.
    """
    want = _tokens(expected)
    if not want:
        return False
    names = [canonical, *others] if canonical else list(others)
    if any(want <= _tokens(n) for n in names if n):
        return True
    if canonical:
        have = _tokens(canonical)
        if have and have <= want:
            return not (_is_countries(have) and want & _NON_STATE_WORDS)
    return False


def country_code(name: str) -> str | None:
    """The alpha-3 code of a name that names a country and nothing else ("Azerbaijani" -> AZE)."""
    tokens = _tokens(name)
    if len(tokens) == 1 and _is_countries(tokens):
        return next(iter(tokens))[1:]
    return None


def _role_tokens(role: str) -> frozenset[str]:
    return frozenset(_SPELLINGS.get(w, w) for w in fold_name(role).split() if w not in _ROLE_FILLERS)


def roles_match(expected: str, got: str | None) -> bool:
    """ "Minister of Defense" = "Defence Minister"; "Foreign Minister" = "Minister of Foreign Affairs"."""
    if not got:
        return False
    want, have = _role_tokens(expected), _role_tokens(got)
    return bool(want) and (want <= have or (len(have) > 1 and have <= want))


def _place_tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in _tokens(name) if t not in _PLACE_WORDS)


def place_names_match(expected: str, got: str | None) -> bool:
    """Same name once case, accents, "the" and words like "region" or "direction" are set aside."""
    return bool(got) and bool(_place_tokens(expected)) and _place_tokens(expected) == _place_tokens(got or "")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def name_contains(wanted: str, names: Iterable[str]) -> bool:
    """The wanted text (or one of its ``|``-separated alternatives) is, case-insensitively, a substring of
    one of the names ("Russian forces" lies in the mention "Russian forces" of "Armed Forces of Russia")."""
    lowered = [n.lower() for n in names]
    return any(w in n for w in wanted.lower().split("|") for n in lowered)


def trigger_matches(text: str, wanted: str) -> bool:
    """The trigger text equals the expected one (or one of its ``|``-separated alternatives), or one is a
    whole word of the other ("held talks" matches "talks"); case-insensitive."""
    got = text.lower()
    for alternative in wanted.lower().split("|"):
        if got == alternative:
            return True
        if re.search(rf"\b{re.escape(got)}\b", alternative) or re.search(
            rf"\b{re.escape(alternative)}\b", got
        ):
            return True
    return False


# ---------------------------------------------------------------- the reading, indexed


def _by_id(records: Any) -> dict[str, Json]:
    """Records that are objects with an id, by id (anything else in the list is ignored)."""
    if not isinstance(records, list):
        return {}
    return {str(r["id"]): r for r in records if isinstance(r, Mapping) and r.get("id")}


def overlaps(span: Json | None, places: Sequence[tuple[int, int]]) -> bool:
    """Whether a span of the Reading JSON overlaps any of these (start, end) stretches."""
    if not span:
        return False
    start, end = int(span.get("start", -1)), int(span.get("end", -1))
    return any(start < e and s < end for s, e in places)


class ReadingIndex:
    """The Reading JSON (or the model, taken as its JSON) with look-ups by id."""

    def __init__(self, reading: Reading | Json) -> None:
        data = reading.to_json_dict() if isinstance(reading, Reading) else reading
        self.article: Json = data.get("article") or {}
        self.text: str = self.article.get("text") or ""
        self.actors: dict[str, Json] = _by_id(data.get("actors"))
        self.places: dict[str, Json] = _by_id(data.get("places"))
        self.times: dict[str, Json] = _by_id(data.get("times"))
        self.events: list[Json] = list(_by_id(data.get("events")).values())
        self.figures: list[Json] = list(_by_id(data.get("figures")).values())
        self.claims: list[Json] = list(_by_id(data.get("claims")).values())
        self.relations: list[Json] = [r for r in data.get("relations") or [] if isinstance(r, Mapping)]
        self.claims_on: dict[str, list[Json]] = defaultdict(list)
        for claim in self.claims:
            if claim.get("subject"):
                self.claims_on[claim["subject"]].append(claim)

    def actor_is(self, actor_id: str | None, expected: str) -> bool:
        """Whether this actor goes by the expected name (:func:`expected_matches`: the seed's rule)."""
        actor = self.actors.get(actor_id or "")
        if actor is None:
            return False
        others = [*(actor.get("aliases") or []), *(m.get("text") for m in actor.get("mentions") or [])]
        return expected_matches(expected, actor.get("name"), [o for o in others if o])

    def actor_named(self, actor_id: str | None, wanted: str) -> bool:
        """Whether the wanted text (or one of its ``|``-separated alternatives) lies, case-insensitively, in
        this actor's name, one of its aliases or one of its mention texts (the gold sentences' rule)."""
        actor = self.actors.get(actor_id or "")
        if actor is None:
            return False
        names = [actor.get("name") or "", *(actor.get("aliases") or [])]
        names += [m.get("text") or "" for m in actor.get("mentions") or []]
        return name_contains(wanted, names)

    def place_is(self, place_id: str, names: Sequence[str]) -> bool:
        place = self.places.get(place_id)
        if place is None:
            return False
        mention = (place.get("mention") or {}).get("text")
        return any(place_names_match(n, place.get("name")) or place_names_match(n, mention) for n in names)

    def chain(self, claim: Json) -> list[str]:
        """A claim's relay chain from the outlet to the speaker, ending with the claimant."""
        relay = [r for r in claim.get("relay") or [] if r]
        claimant = claim.get("claimant")
        return relay + ([claimant] if claimant and claimant not in relay else [])

    def voices(self, subject_id: str) -> list[str]:
        """Every actor in the claims about a record: claimants and relays."""
        return [a for claim in self.claims_on.get(subject_id, []) for a in self.chain(claim)]

    def time_of(self, event: Json) -> Json:
        """The event's time ({} when it has none)."""
        return self.times.get(event.get("time") or "") or {}

    def events_with_trigger(self, wanted: str) -> list[Json]:
        """The events whose trigger matches (:func:`trigger_matches`)."""
        return [e for e in self.events if trigger_matches((e.get("trigger") or {}).get("text") or "", wanted)]

    def with_claims(self, event_id: str) -> set[str]:
        """An event's id and the ids of the claims about it."""
        return {event_id} | {c["id"] for c in self.claims_on.get(event_id, []) if c.get("id")}

    def is_denied(self, event_id: str, by: str | None = None) -> bool:
        """Whether a denial is linked to this event (by the event ``by``, when given).

        A denial is a `denies` relation to the event or a claim about it (from ``by`` or a claim about
        ``by``), or a claim about the event with stance `denies`.
        """
        targets = self.with_claims(event_id)
        sources = self.with_claims(by) | {None} if by else None
        for relation in self.relations:
            linked = relation.get("kind") == "denies" and relation.get("to") in targets
            if linked and (sources is None or relation.get("from") in sources):
                return True
        return any(c.get("stance") == "denies" for c in self.claims_on.get(event_id, []))

    def spans_of(self, phrase: str) -> list[tuple[int, int]]:
        """Where a phrase occurs in the article text (exactly, else ignoring case)."""
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), self.text)]
        if not found:
            found = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), self.text, re.IGNORECASE)]
        return found
