"""Readings of the sentences of the extract tests, each text read once, and small views of them.

Every text is read through the public seam (``sitreps.pipeline.read``), so the tests hold while the
extractors' internals move. The sentences are written for these tests: fictional or generic situations.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sitreps.model import Actor, Article, CasualtyFigure, Claim, Event, Reading
from sitreps.pipeline import read

PUBLISHED = date(2023, 5, 10)  # a Wednesday
OUTLET = "Harbour Times"


@cache
def reading(text: str, published: date | None = PUBLISHED, outlet: str | None = None) -> Reading:
    """The Reading of one text, read once per test session."""
    return read(Article.from_text(text, published=published, outlet=outlet, language="en"))


def spans_are_exact(r: Reading) -> bool:
    """Every span of the Reading is the text it points at."""
    return all(r.article.text[s.start : s.end] == s.text for s in r.spans())


def names(r: Reading) -> dict[str, str]:
    """Actor id -> name."""
    return {a.id: a.name for a in r.actors}


def name_of(r: Reading, actor_id: str | None) -> str | None:
    return names(r).get(actor_id or "")


def actor(r: Reading, name: str) -> Actor:
    """The actor of that canonical name (the test fails with the names found when there is none)."""
    found = [a for a in r.actors if a.name == name]
    assert found, f"no actor {name!r}; actors: {[a.name for a in r.actors]}"
    return found[0]


def event(r: Reading, trigger: str) -> Event:
    """The first event with that trigger text."""
    found = [e for e in r.events if e.trigger.text == trigger]
    assert found, f"no event {trigger!r}; events: {[e.trigger.text for e in r.events]}"
    return found[0]


def figure(r: Reading, text: str) -> CasualtyFigure:
    """The figure whose span reads exactly ``text``."""
    found = [f for f in r.figures if f.span.text == text]
    assert found, f"no figure {text!r}; figures: {[f.span.text for f in r.figures]}"
    return found[0]


def claims_about(r: Reading, subject: str) -> list[Claim]:
    """The claims about one event or figure id, in the Reading's order."""
    return [c for c in r.claims if c.subject == subject]


def claim(r: Reading, subject: str, stance: str = "asserts") -> Claim:
    """The one claim with that stance about an event or figure id."""
    found = [c for c in claims_about(r, subject) if c.stance == stance]
    assert len(found) == 1, f"{len(found)} {stance} claims about {subject}"
    return found[0]
