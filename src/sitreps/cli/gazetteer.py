"""`sitreps gazetteer build`, `lookup` and `download`: build the place index, look names up, fetch the full
GeoNames dumps.

Thin commands over :mod:`sitreps.geo.build`, :mod:`sitreps.geo.geocode` and
:mod:`sitreps.geo.download`. Library errors (:class:`~sitreps.errors.SitrepsError`) become a message and
exit code 2 in ``sitreps.cli.main``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitreps.cli.common import out, print_wide, table_or_json
from sitreps.geo.build import build as build_gazetteer
from sitreps.geo.download import default_dumps_folder, download_dumps
from sitreps.geo.gazetteer import open_gazetteer
from sitreps.geo.geocode import rank_candidates

OutPath = Annotated[Path | None, typer.Option("--out", help="Where to write (default: see `build --help`).")]


def build(
    out_path: OutPath = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when the file is up to date.")] = False,
    geonames: Annotated[
        Path | None,
        typer.Option("--geonames", help="A folder of GeoNames dumps (`gazetteer download`) to build from."),
    ] = None,
) -> None:
    """Compile the gazetteer (default <venv>/share/sitreps/gazetteer.sqlite, or $SITREPS_GAZETTEER).

    Skipped when the file was built from the same inputs (packages, data files, options).
    """
    report = build_gazetteer(out_path, force=force, geonames=geonames)
    state = f"built in {report.seconds:.1f} s" if report.built else "up to date"
    out.print(
        f"gazetteer {report.path}: {state}; {report.places:,} places, {report.names:,} names, "
        f"{report.size_bytes / 1e6:.1f} MB",
        markup=False,
    )
    if report.skipped_aliases:
        out.print(
            f"{len(report.skipped_aliases)} aliases name places the dumps do not hold, e.g. "
            f"{report.skipped_aliases[0]}",
            markup=False,
        )


def lookup(
    name: Annotated[str, typer.Argument(help="A place name, in any spelling or transliteration.")],
    country: Annotated[
        str | None, typer.Option("--country", help="Only places in this country (ISO alpha-2).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many candidates to list.")] = 10,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """List the places a name may refer to, best first, with each one's share of the confidence."""
    table_or_json(format)
    code = country.upper() if country else None
    ranked = rank_candidates(name, open_gazetteer(), countries={code: 1.0} if code else None)
    if code:
        ranked = [(c, s) for c, s in ranked if c.country == code or code in c.members]
    ranked = ranked[:limit]
    if format == "json":
        print(
            json.dumps(
                [{**c.to_json(), "share": round(s, 4)} for c, s in ranked], ensure_ascii=False, indent=2
            )
        )
        return
    if not ranked:
        out.print(f"no place named {name!r}" + (f" in {code}" if code else ""), markup=False)
        raise typer.Exit(1)
    table = Table(
        "share", "name", "country", "admin1", "feature", "population", "lat", "lon", "place_id", "match"
    )
    for candidate, share in ranked:
        table.add_row(
            f"{share:.3f}",
            candidate.name,
            candidate.country or "|".join(candidate.members),
            candidate.admin1 or "",
            candidate.feature,
            f"{candidate.population:,}",
            f"{candidate.lat:.4f}",
            f"{candidate.lon:.4f}",
            candidate.place_id,
            candidate.match,
        )
    # Piped output has no terminal width; a candidate row needs about 150 columns.
    print_wide(table, 160)


def download(
    url: Annotated[str, typer.Option("--url", help="The folder that holds the GeoNames dumps.")] = (
        "https://download.geonames.org/export/dump/"
    ),
    out_path: OutPath = None,
) -> None:
    """Fetch the full GeoNames dumps (allCountries, alternate names, admin codes); needs internet.

    Then `sitreps gazetteer build --geonames FOLDER` builds from them. The default gazetteer never
    needs this.
    """
    folder = out_path or default_dumps_folder()
    written = download_dumps(url, folder)
    for path in written:
        out.print(f"downloaded {path} ({path.stat().st_size:,} bytes)", markup=False)
    out.print(f"next: sitreps gazetteer build --geonames {folder}", markup=False)
