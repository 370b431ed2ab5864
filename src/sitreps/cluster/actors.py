"""Actors across articles: who an actor of one article is in the corpus, and whose voice a claimant is.

One article may say "Pashinyan" where another says "Armenian Prime Minister Nikol Pashinyan". The
:class:`ActorIndex` remembers, per folded name, the country, role and kind that articles give most often,
so an actor with no country in its own article borrows it from the others.

Claimants are grouped by the side they speak for: every organ or office holder of a state (its
government, ministries, armed forces, and persons with a government role) speaks as ``official:<ISO3>``,
so the prime minister's 49 and the government's 135 fall on one timeline. Other claimants keep their own
name (``org:united nations``, ``group:m23``, ``person:...``), and a fact nobody is quoted for is the
outlet's own claim (``outlet:<outlet>``). A state organ whose state is unknown ("the government") is
``generic:``: kept, but never set against another claimant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sitreps.geo.countries import by_code, fold_name


class Actor(Protocol):
    """What this module reads of an actor (a model.Actor, or the store's lighter ActorFacts)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def role(self) -> str | None: ...


STATE_KINDS = frozenset({"state", "government", "military"})
_PREFIX = {
    "organisation": "org",
    "armed group": "group",
    "media": "outlet",  # another outlet relays; like the article's own outlet, it is not a party's voice
    "population": "population",
    "person": "person",
}


@dataclass(frozen=True)
class Known:
    """What the corpus most often says about one actor name."""

    country: str | None
    role: str | None
    kind: str


@dataclass(frozen=True)
class Identity:
    """A claimant or party as one identity across articles: a stable key and a readable label."""

    key: str
    label: str
    country: str | None  # ISO 3166-1 alpha-3, for identities that speak for a state


class ActorIndex:
    """Most frequent country, role and kind per folded actor name, over the actors it was given."""

    def __init__(self, actors: Iterable[tuple[str, str | None, str | None, str | None]] = ()) -> None:
        countries: dict[str, Counter[str]] = {}
        roles: dict[str, Counter[str]] = {}
        kinds: dict[str, Counter[str]] = {}
        for name, country, role, kind in actors:
            key = fold_name(name)
            if country:
                countries.setdefault(key, Counter())[country] += 1
            if role:
                roles.setdefault(key, Counter())[role] += 1
            if kind:
                kinds.setdefault(key, Counter())[kind] += 1
        self._known = {
            key: Known(_top(countries.get(key)), _top(roles.get(key)), _top(kinds.get(key)) or "person")
            for key in set(countries) | set(roles) | set(kinds)
        }

    def known(self, name: str) -> Known | None:
        return self._known.get(fold_name(name))

    def country(self, actor: Actor) -> str | None:
        """The actor's country: its own, else the one other articles give its name."""
        if actor.country:
            return actor.country
        known = self.known(actor.name)
        return known.country if known else None

    def speaks_for_state(self, actor: Actor) -> bool:
        """Whether the actor is an organ of a state or holds a government role (here or elsewhere)."""
        if actor.kind in STATE_KINDS:
            return True
        known = self.known(actor.name)
        role = actor.role or (known.role if known else None)
        return actor.kind == "person" and role is not None

    def identity(self, actor: Actor) -> Identity:
        """The actor as a claimant or party: its state (``official:ARM``) or its own name."""
        country = self.country(actor)
        if country and self.speaks_for_state(actor):
            return Identity(f"official:{country}", state_label(country), country)
        if actor.kind in STATE_KINDS:  # "the government", "the ministry": whose, the corpus cannot say
            return Identity(f"generic:{fold_name(actor.name)}", actor.name, None)
        prefix = _PREFIX.get(actor.kind or "", "actor")
        return Identity(f"{prefix}:{fold_name(actor.name)}", actor.name, None)

    def keys(self, actor: Actor) -> frozenset[str]:
        """What identifies the actor when comparing two events' actors: its name, and its state when it
        is one (or stands for one), so "Azerbaijani forces" and "Azerbaijan" meet."""
        keys = {f"name:{fold_name(actor.name)}"}
        country = self.country(actor)
        if country and (actor.kind in STATE_KINDS or self.speaks_for_state(actor)):
            keys.add(f"state:{country}")
        return frozenset(keys)


def outlet_identity(outlet: str | None) -> Identity:
    """The outlet itself as the claimant of what it reports in its own voice."""
    name = outlet or "unattributed"
    return Identity(f"outlet:{fold_name(name)}", name, None)


def state_label(alpha3: str) -> str:
    """ "Armenia (officials)": the label of a state's official voice."""
    country = by_code(alpha3)
    return f"{country.name if country else alpha3} (officials)"


def _top(counter: Counter[str] | None) -> str | None:
    if not counter:
        return None
    # Most frequent; ties go to the alphabetically first, so the answer never depends on input order.
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]
