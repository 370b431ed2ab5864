"""What the page and the API can ask of events, and that request as a SQL condition over the event index.

One :class:`EventFilter` serves the list, the map and the timeline, so that the three always agree.
Every value goes into the SQL as a parameter; only fixed column names are written into the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sitreps.store.search import fts_query

# Degrees added around a bounding box when asking the R*Tree, whose 32-bit floats round coordinates.
_MARGIN = 0.001
BBox = tuple[float, float, float, float]  # west, south, east, north (degrees)

# Boxes up to this many square degrees (a country or region, not a continent) use the R*Tree.
_SMALL_BOX = 60.0 * 30.0


def _box_area(bbox: BBox) -> float:
    """Square degrees of a (west, south, east, north) box; one crossing the antimeridian wraps."""
    west, south, east, north = bbox
    width = east - west if west <= east else 360.0 - (west - east)
    return width * max(0.0, north - south)


def fold(text: str) -> str:
    """How names are compared: case-folded, so 'ARMENIA', 'Armenia' and 'armenia' meet (any script)."""
    return text.casefold()


def like_pattern(text: str) -> str:
    """A LIKE pattern that finds ``text`` anywhere, with LIKE's own wildcards taken literally."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class EventFilter:
    """Which events to show. Empty fields do not filter.

    ``start``/``end`` bound the event's date (its time's start, else its article's publication date),
    both days included. ``country`` is ISO 3166-1 alpha-2 of the place the event is mapped to.
    ``actor`` and ``claimant`` match part of a name, ignoring case; ``q`` is full-text search over the
    article's title and text (every word required). Near-duplicate articles' events are left out unless
    ``duplicates`` is set, so that a repost is not counted twice.
    """

    start: date | None = None
    end: date | None = None
    country: tuple[str, ...] = ()
    bbox: BBox | None = None
    plover: tuple[str, ...] = ()
    acled: tuple[str, ...] = ()
    actor: str | None = None
    claimant: str | None = None
    q: str | None = None
    article: str | None = None
    duplicates: bool = False

    def where(self, alias: str = "f") -> tuple[str, list[object]]:
        """This filter as a SQL condition on the event index (``alias`` names the ``facts`` table)."""
        f = alias
        clauses: list[str] = []
        params: list[object] = []
        if not self.duplicates:
            clauses.append(f"{f}.duplicate = 0")
        if self.start is not None or self.end is not None:
            # On sortday (the day, or '' when undated), so the list's index serves the range too; '0'
            # sorts after '' and before every date, so undated events stay out.
            clauses.append(f"{f}.sortday >= ?")
            params.append(self.start.isoformat() if self.start is not None else "0")
        if self.end is not None:
            clauses.append(f"{f}.sortday <= ?")
            params.append(self.end.isoformat())
        for column, values in (("country", self.country), ("plover", self.plover), ("acled", self.acled)):
            if values:
                clauses.append(f"{f}.{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        if self.bbox is not None:
            west, south, east, north = self.bbox
            clauses.append(f"{f}.lat BETWEEN ? AND ?")
            params.extend((south, north))
            if west <= east:
                clauses.append(f"{f}.lon BETWEEN ? AND ?")
            else:  # the box crosses the antimeridian
                clauses.append(f"({f}.lon >= ? OR {f}.lon <= ?)")
            params.extend((west, east))
            # A small box takes its candidates from the index's R*Tree of points (facts_box) rather than
            # a scan of every event; for a box of most of the world the other filters lead. The R*Tree
            # keeps 32-bit floats, so it is asked for a slightly larger box; the exact test is above.
            if _box_area(self.bbox) <= _SMALL_BOX:
                inside = "b.south >= ? AND b.north <= ?"
                inside += (
                    " AND b.west >= ? AND b.east <= ?"
                    if west <= east
                    else " AND (b.west >= ? OR b.east <= ?)"
                )
                params.extend((south - _MARGIN, north + _MARGIN, west - _MARGIN, east + _MARGIN))
                clauses.append(f"{f}.seq IN (SELECT b.seq FROM facts_box AS b WHERE {inside})")
        for column, text in (("actors", self.actor), ("claimants", self.claimant)):
            if text:
                clauses.append(f"{f}.{column} LIKE ? ESCAPE '\\'")
                params.append(like_pattern(text))
        if self.q:
            match = fts_query(self.q)
            if match:
                clauses.append(
                    f"{f}.article_seq IN (SELECT rowid FROM store.articles_fts WHERE articles_fts MATCH ?)"
                )
                params.append(match)
            else:  # nothing searchable in the text: nothing matches
                clauses.append("0")
        if self.article:
            clauses.append(f"{f}.article_id = ?")
            params.append(self.article)
        return (" AND ".join(clauses) or "1"), params
