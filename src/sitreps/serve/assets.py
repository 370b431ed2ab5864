"""Front-end files from npm packages (package.json at the repository root; `make setup` runs `npm ci`).

Only the files listed in :data:`VENDOR` are served, under ``/vendor/<name>``: never a whole package
folder, and nothing from a CDN. The packages are looked for in ``$SITREPS_NODE_MODULES``, then in the
repository the package runs from, then in the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitreps.errors import SitrepsError

# URL name -> path inside node_modules.
VENDOR: dict[str, str] = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "swagger-favicon.png": "swagger-ui-dist/favicon-32x32.png",
}

_REPOSITORY = Path(__file__).resolve().parents[3]


class AssetsMissing(SitrepsError):
    """The npm packages the page needs are not installed."""


def node_modules_candidates() -> list[Path]:
    found = []
    if env := os.environ.get("SITREPS_NODE_MODULES"):
        found.append(Path(env))
    found += [_REPOSITORY / "node_modules", Path.cwd() / "node_modules"]
    return found


def find_vendor_files(node_modules: Path | None = None) -> dict[str, Path]:
    """Every vendor file by its URL name; raises :class:`AssetsMissing` naming what is absent."""
    candidates = [node_modules] if node_modules is not None else node_modules_candidates()
    for folder in candidates:
        files = {name: folder / relative for name, relative in VENDOR.items()}
        if all(path.is_file() for path in files.values()):
            return files
    where = ", ".join(str(c) for c in candidates)
    raise AssetsMissing(
        "the page's npm packages (leaflet, world-atlas, topojson-client, swagger-ui-dist) are not in"
        f" {where}: run `make setup` (npm ci) in the repository,"
        " or set SITREPS_NODE_MODULES to a node_modules folder"
    )
