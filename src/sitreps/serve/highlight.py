"""An article's text cut into pieces at every span boundary, each piece knowing which records cover it.

The article view draws each piece as one element (escaped by the template, never parsed as HTML), so
overlapping spans (a figure that holds a trigger, an actor inside a claim's evidence) all stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from sitreps.model import Reading, Span

Kind = Literal["actor", "place", "time", "figure", "trigger", "claim"]
KINDS: tuple[Kind, ...] = ("actor", "place", "time", "figure", "trigger", "claim")


@dataclass(frozen=True)
class Mark:
    """One span to highlight: what kind of record, which record."""

    kind: Kind
    record: str
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    """A stretch of text with the marks that cover all of it (none for plain text)."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]

    @property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.marks}, key=KINDS.index)

    @property
    def records(self) -> list[str]:
        return list(dict.fromkeys(m.record for m in self.marks))


def marks(reading: Reading) -> list[Mark]:
    """Every highlighted span of a Reading: actor mentions, places, times, figures, event triggers and
    the evidence of claims (not whole event sentences, which would cover everything)."""

    def mark(kind: Kind, record: str, span: Span) -> Mark:
        return Mark(kind=kind, record=record, start=span.start, end=span.end)

    found = [mark("actor", a.id, m) for a in reading.actors for m in a.mentions]
    found += [mark("place", p.id, p.mention) for p in reading.places]
    found += [mark("time", t.id, t.mention) for t in reading.times]
    found += [mark("figure", f.id, f.span) for f in reading.figures]
    found += [mark("trigger", e.id, e.trigger) for e in reading.events]
    found += [mark("claim", c.id, c.evidence) for c in reading.claims]
    return [m for m in found if m.end > m.start]


def pieces(text: str, found: list[Mark]) -> list[Piece]:
    """``text`` cut at every mark boundary; the pieces joined give ``text`` back exactly."""
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    by_start = sorted(found, key=lambda m: (m.start, -m.end))
    result: list[Piece] = []
    open_marks: list[Mark] = []
    next_mark = 0
    for start, end in pairwise(cuts):
        while next_mark < len(by_start) and by_start[next_mark].start <= start:
            open_marks.append(by_start[next_mark])
            next_mark += 1
        open_marks = [m for m in open_marks if m.end > start]
        covering = tuple(m for m in open_marks if m.start <= start and m.end >= end)
        result.append(Piece(start=start, end=end, text=text[start:end], marks=covering))
    return result
