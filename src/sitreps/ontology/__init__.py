"""Event ontologies as data: PLOVER (primary), with CAMEO roots and ACLED types derived by mapping.

The tables are TSV files beside this module; this code only loads them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Trigger:
    """What a trigger word signals: a PLOVER type and its mappings to CAMEO and ACLED."""

    lemma: str
    pos: str
    plover: str
    mode: str | None
    cameo_root: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None


def _rows(name: str) -> list[list[str]]:
    text = resources.files("sitreps.ontology").joinpath(name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t")]


@cache
def triggers() -> dict[tuple[str, str], Trigger]:
    """The trigger lexicon, keyed by (lemma, coarse part of speech)."""
    table: dict[tuple[str, str], Trigger] = {}
    for row in _rows("triggers.tsv"):
        lemma, pos, plover, mode, cameo, acled, acled_sub = (row + [""] * 7)[:7]
        table[(lemma, pos)] = Trigger(
            lemma, pos, plover, mode or None, cameo or None, acled or None, acled_sub or None
        )
    return table


@cache
def acled_types_for() -> dict[str, frozenset[str]]:
    """What ACLED types each PLOVER type may take (``acled_by_plover.tsv``): event types, or
    "event type:sub-event type" where only one sub-event type of an event type fits."""
    return {row[0]: frozenset(row[1].split("|")) for row in _rows("acled_by_plover.tsv")}


def acled_allows(plover: str, event_type: str | None, sub_event_type: str | None) -> bool:
    """Whether an event of this PLOVER type may carry this ACLED event and sub-event type."""
    allowed = acled_types_for().get(plover, frozenset())
    return event_type in allowed or f"{event_type}:{sub_event_type}" in allowed


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type: its quad class, its modes and our definition of it."""

    name: str
    quad_class: str
    modes: frozenset[str]
    definition: str


@cache
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER types (``plover.tsv``)."""
    table = {}
    for name, quad, modes, definition in _rows("plover.tsv"):
        table[name] = PloverType(name, quad, frozenset(m for m in modes.split("|") if m), definition)
    return table


# ACLED event types whose events are one family whatever their PLOVER type (families.tsv's header).
ACLED_FAMILIES = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstration",
    "Riots": "demonstration",
}


@cache
def _families() -> dict[tuple[str, str], str]:
    return {(row[0], row[1]): row[2] for row in _rows("families.tsv")}


def event_family(plover: str, mode: str | None, acled_event_type: str | None) -> str:
    """The clustering family of an event (``families.tsv``): events of different families never join."""
    if acled_event_type in ACLED_FAMILIES:
        return ACLED_FAMILIES[acled_event_type]
    families = _families()
    return families.get((plover, mode or ""), families.get((plover, ""), plover.lower()))
