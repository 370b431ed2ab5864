"""`sitreps gazetteer download` against GeoNames-shaped dumps served on 127.0.0.1, then a build from them."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, cc2, admin1..4, population,
# elevation, dem, timezone, modified: the allCountries.txt columns.
ROWS = [
    (
        "616108",
        "Vardenis",
        "Vardenis",
        "Basargechar,Vardenis",
        "40.1827",
        "45.73156",
        "P",
        "PPLA2",
        "AM",
        "04",
        "12651",
    ),
    (
        "616635",
        "Gavarr",
        "Gavarr",
        "Gavar,Nor Bayazet",
        "40.35398",
        "45.12386",
        "P",
        "PPLA",
        "AM",
        "04",
        "20765",
    ),
    (
        "828262",
        "Gegharkunik",
        "Gegharkunik",
        "Gegharkunik Province",
        "40.35",
        "45.25",
        "A",
        "ADM1",
        "AM",
        "04",
        "0",
    ),
    (
        "616052",
        "Yerevan",
        "Yerevan",
        "Erevan,Erivan",
        "40.18111",
        "44.51361",
        "P",
        "PPLC",
        "AM",
        "11",
        "1093485",
    ),
    ("174991", "Lake Sevan", "Lake Sevan", "Sevan Lich", "40.33", "45.33", "H", "LK", "AM", "04", "0"),
    ("9999999", "Some Stream", "Some Stream", "", "40.0", "45.0", "H", "STM", "AM", "04", "0"),
]
ALIAS_TARGETS = ["Goris", "Kapan", "Gyumri", "Vanadzor", "Ijevan", "Sevan", "Chambarak"]


def dump_line(row: tuple[str, ...]) -> str:
    gid, name, ascii_name, alternates, lat, lon, fclass, fcode, country, admin1, population = row
    cells = [
        gid,
        name,
        ascii_name,
        alternates,
        lat,
        lon,
        fclass,
        fcode,
        country,
        "",
        admin1,
        "",
        "",
        "",
        population,
    ]
    return "\t".join([*cells, "", "1000", "Asia/Yerevan", "2024-01-01"]) + "\n"


@pytest.fixture(scope="module")
def dumps_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("geonames-server")
    rows = ROWS + [
        (str(700000 + i), n, n, "", "40.5", "45.0", "P", "PPL", "AM", "04", "5000")
        for i, n in enumerate(ALIAS_TARGETS)
    ]
    with zipfile.ZipFile(folder / "allCountries.zip", "w") as archive:
        archive.writestr("allCountries.txt", "".join(dump_line(r) for r in rows))
    with zipfile.ZipFile(folder / "alternateNamesV2.zip", "w") as archive:
        archive.writestr(
            "alternateNamesV2.txt",
            "1\t616108\taz\tBasarkeçər\t\t\t\t\t\t\n2\t616108\tlink\thttps://x\t\t\t\t\t\t\n",
        )
    (folder / "admin1CodesASCII.txt").write_text(
        "AM.04\tGegharkunik\tGegharkunik\t828262\nAM.11\tYerevan\tYerevan\t616052\n"
    )
    (folder / "admin2Codes.txt").write_text("")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def sitreps(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitreps.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=300,
        check=False,
    )


def test_download_then_build_from_the_dumps(dumps_server: str, tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    fetched = sitreps("gazetteer", "download", "--url", dumps_server, "--out", str(dumps))
    assert fetched.returncode == 0, fetched.stderr
    assert {p.name for p in dumps.iterdir()} == {
        "allCountries.zip",
        "admin1CodesASCII.txt",
        "admin2Codes.txt",
        "alternateNamesV2.zip",
    }
    assert f"sitreps gazetteer build --geonames {dumps}" in fetched.stdout
    out = tmp_path / "from-dumps.sqlite"
    built = sitreps("gazetteer", "build", "--geonames", str(dumps), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "aliases name places the dumps do not hold" in built.stdout  # only Armenia was served
    looked_up = sitreps(
        "gazetteer", "lookup", "Basarkeçər", "--format", "json", env={"SITREPS_GAZETTEER": str(out)}
    )
    assert looked_up.returncode == 0, looked_up.stderr
    assert (
        '"place_id": "geonames:616108"' in looked_up.stdout and '"admin1": "Gegharkunik"' in looked_up.stdout
    )
    lake = sitreps(
        "gazetteer", "lookup", "Lake Sevan", "--country", "AM", env={"SITREPS_GAZETTEER": str(out)}
    )
    assert "water" in lake.stdout
    stream = sitreps("gazetteer", "lookup", "Some Stream", env={"SITREPS_GAZETTEER": str(out)})
    assert stream.returncode == 1 and "no place named" in stream.stdout


def test_a_missing_dump_is_an_error_that_names_it(dumps_server: str, tmp_path: Path) -> None:
    result = sitreps(
        "gazetteer", "download", "--url", dumps_server + "nowhere/", "--out", str(tmp_path / "d")
    )
    assert result.returncode == 2
    assert "allCountries.zip" in result.stderr and "HTTP 404" in result.stderr
    assert not list((tmp_path / "d").glob("*"))  # no half-written files


def test_only_http_addresses_are_fetched(tmp_path: Path) -> None:
    result = sitreps("gazetteer", "download", "--url", "file:///etc/", "--out", str(tmp_path / "d"))
    assert result.returncode == 2 and "http" in result.stderr


def test_build_from_a_folder_without_dumps_says_to_download(tmp_path: Path) -> None:
    result = sitreps("gazetteer", "build", "--geonames", str(tmp_path), "--out", str(tmp_path / "g.sqlite"))
    assert result.returncode == 2 and "sitreps gazetteer download" in result.stderr
