"""Fetch the full GeoNames dumps, for users with internet who want every village GeoNames knows.

Optional: the default gazetteer is built from packaged data and never needs the network. The files go
to a folder that ``sitreps gazetteer build --geonames FOLDER`` then reads. Each file is streamed to a
temporary name and moved into place when complete, so an interrupted download leaves no half file.
"""

from __future__ import annotations

import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urljoin, urlparse

from sitreps.errors import GazetteerBuildError
from sitreps.geo.build import DUMP_FILES, OPTIONAL_DUMP_FILES
from sitreps.geo.gazetteer import default_path

DEFAULT_URL = "https://download.geonames.org/export/dump/"
CHUNK = 1 << 20


def download_dumps(
    url: str = DEFAULT_URL,
    out: Path | None = None,
    files: Sequence[str] = DUMP_FILES + OPTIONAL_DUMP_FILES,
    *,
    timeout: float = 60.0,
    progress: Callable[[str, int], None] | None = None,
) -> list[Path]:
    """Download ``files`` from the folder at ``url`` into ``out``; the paths written, in order.

    A missing optional file (alternateNamesV2.zip) is skipped; any other failure raises
    :class:`GazetteerBuildError` naming the file and the URL.
    """
    if urlparse(url).scheme not in {"http", "https"}:
        raise GazetteerBuildError(f"--url must be an http(s) address of a folder, got {url!r}")
    out = out or default_dumps_folder()
    out.mkdir(parents=True, exist_ok=True)
    base = url if url.endswith("/") else url + "/"
    written: list[Path] = []
    for name in files:
        source = urljoin(base, name)
        target = out / name
        partial = out / f".{name}.{os.getpid()}.part"
        try:
            with urllib.request.urlopen(source, timeout=timeout) as response, partial.open("wb") as sink:
                expected = response.headers.get("Content-Length")
                size = 0
                while chunk := response.read(CHUNK):
                    sink.write(chunk)
                    size += len(chunk)
                    if progress is not None:
                        progress(name, size)
            if expected is not None and int(expected) != size:
                raise GazetteerBuildError(f"{source}: got {size} bytes of {expected}; try again")
            shutil.move(partial, target)
            written.append(target)
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and name in OPTIONAL_DUMP_FILES:
                continue
            raise GazetteerBuildError(f"cannot download {name} from {source}: HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise GazetteerBuildError(f"cannot download {name} from {source}: {exc}") from exc
        finally:
            partial.unlink(missing_ok=True)
    return written


def default_dumps_folder() -> Path:
    """Where downloaded dumps go by default: a ``geonames`` folder beside the gazetteer."""
    return default_path().parent / "geonames"
