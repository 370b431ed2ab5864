"""The serve package's small parts: span pieces, cursors, addresses, timeline trimming, page filters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import make_reading
from sitreps.serve.highlight import Mark, marks, pieces
from sitreps.serve.pages import count_text, web_url
from sitreps.serve.server import UnsafeAddress, check_address, is_loopback
from sitreps.store.cursors import BadCursor, decode_cursor, encode_cursor
from sitreps.store.event_filter import EventFilter, like_pattern
from sitreps.store.event_index import trim_outlying_days


def test_pieces_cover_the_text_and_know_every_span_over_them() -> None:
    reading = make_reading(3)
    found = marks(reading)
    cut = pieces(reading.article.text, found)
    assert "".join(p.text for p in cut) == reading.article.text
    for mark in found:
        inside = [p for p in cut if mark.start <= p.start and p.end <= mark.end]
        assert "".join(p.text for p in inside) == reading.article.text[mark.start : mark.end]
        assert all(mark in p.marks for p in inside)
    kinds = {k for p in cut for k in p.kinds}
    assert kinds == {"actor", "place", "time", "figure", "trigger", "claim"}
    # "Ministry of Defense of Azerbaijan" is an actor inside the claim's evidence: both marks cover it.
    ministry = next(p for p in cut if p.text.startswith("Ministry of Defense"))
    assert {"actor", "claim"} <= set(ministry.kinds)


@given(
    st.text(min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8),
)
def test_pieces_always_join_back_to_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    found = [
        Mark(kind="actor", record=f"r{i}", start=min(a, b, len(text)), end=min(max(a, b), len(text)))
        for i, (a, b) in enumerate(spans)
    ]
    found = [m for m in found if m.end > m.start]
    cut = pieces(text, found)
    assert "".join(p.text for p in cut) == text
    for piece in cut:
        assert {m.record for m in piece.marks} == {
            m.record for m in found if m.start <= piece.start and piece.end <= m.end
        }


def test_cursors_round_trip_and_refuse_what_they_did_not_make() -> None:
    cursor = encode_cursor("events-newest", ["2022-09-13", "ev-1"])
    assert decode_cursor("events-newest", cursor, (str, str)) == ["2022-09-13", "ev-1"]
    with pytest.raises(BadCursor):
        decode_cursor("events-oldest", cursor, (str, str))
    with pytest.raises(BadCursor):
        decode_cursor("events-newest", cursor, (str, int))
    for junk in ("", "%%%", "bm90IGpzb24", encode_cursor("events-newest", ["only one"])):
        with pytest.raises(BadCursor):
            decode_cursor("events-newest", junk, (str, str))


def test_only_loopback_is_served_without_asking() -> None:
    for host in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"):
        assert is_loopback(host) and check_address(host, allow_public=False) is None
    for host in ("0.0.0.0", "192.168.1.4", "::", "example.org"):
        assert not is_loopback(host)
        with pytest.raises(UnsafeAddress, match="--public"):
            check_address(host, allow_public=False)
        warning = check_address(host, allow_public=True)
        assert warning and "warning" in warning


def test_the_cli_refuses_a_public_address_without_the_flag(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "sitreps.cli", "serve", "--db", str(db), "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and "--public" in result.stderr


def test_isolated_far_off_days_are_left_off_the_timeline() -> None:
    from datetime import date

    day = date(2022, 9, 13).toordinal()
    days = {date(1600, 1, 1).toordinal(): 1, **{day + i: 20 for i in range(30)}, day + 2000: 1}
    shown, before, after = trim_outlying_days(days)
    assert (before, after) == (1, 1) and shown[0] == day and shown[-1] == day + 29
    # Many events long before are data, not a slip: they stay.
    crowded = {date(2000, 1, 1).toordinal(): 50, **{day + i: 20 for i in range(30)}}
    assert trim_outlying_days(crowded)[1] == 0


def test_like_patterns_take_wildcards_literally() -> None:
    assert like_pattern("50%_x") == "%50\\%\\_x%"
    assert like_pattern("ARMENIA") == "%armenia%"
    where, params = EventFilter(actor="a%b", q="!!!").where()
    assert "%a\\%b%" in params and where.endswith("AND 0")  # nothing searchable: nothing matches


def test_only_web_addresses_become_links() -> None:
    assert web_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "", None, "//evil"):
        assert web_url(bad) is None


def test_counts_read_as_reported() -> None:
    assert count_text({"count": 135, "count_min": None, "count_max": None, "qualifier": "exact"}) == "135"
    assert count_text({"count": None, "count_min": 135, "count_max": None, "qualifier": "at_least"}) == (
        "at least 135"
    )
    assert (
        count_text({"count": None, "count_min": 10, "count_max": 20, "qualifier": "about"}) == "about 10–20"
    )
