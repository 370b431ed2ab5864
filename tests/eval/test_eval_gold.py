"""Our own gold: the short annotated sentences of tests/gold/sentences.jsonl, each a test case, read by
sitreps and checked by sitreps.eval.sentences (its docstring gives the fields and the matching rules).

Items that fail today are listed in tests/gold/known_failures.txt and run as strict xfails, so a fix
shows up as a failure until its line is removed. The report, from the repository root:

    sitreps eval --format gold tests/gold/sentences.jsonl            # pass rates, every failed expectation
    sitreps eval --format gold tests/gold/sentences.jsonl --known    # a known_failures.txt body for today
    sitreps eval --format gold tests/gold/sentences.jsonl --item ID  # only this item (repeatable)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sitreps.eval.sentences import (
    ITEM_KEYS,
    KNOWN_FAILURES_FILE,
    SPEC_KEYS,
    check_item,
    read_item,
    read_known_failures,
    read_sentences,
)
from sitreps.ontology import plover_types

GOLD = Path(__file__).resolve().parents[1] / "gold" / "sentences.jsonl"
ITEMS = read_sentences(GOLD)
ITEMS_BY_ID = {item["id"]: item for item in ITEMS}
KNOWN = read_known_failures(GOLD.parent / KNOWN_FAILURES_FILE)
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
    item = ITEMS_BY_ID[item_id]
    failed = [str(c) for c in check_item(item, read_item(item)) if not c.ok]
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
