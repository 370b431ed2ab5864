"""The FastAPI application: the API, the pages, static files, local Swagger UI, and security headers.

Every response carries a strict Content-Security-Policy: scripts and styles only from this server, no
inline script (the one exception is the Swagger UI page, whose start-up script is allowed by its hash),
no framing, and no connections elsewhere. The basemap and Leaflet come from local npm packages.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import metadata, resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from sitreps.serve import api, pages
from sitreps.serve.assets import find_vendor_files
from sitreps.store import read_only_reader
from sitreps.store.event_filter import EventFilter
from sitreps.store.event_index import EventIndex

CSP = (
    "default-src 'none'; script-src 'self'{script_hashes}; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DOCS_PATH = "/docs"
# A longer query string is refused (414) before any handler runs: no filter needs more.
MAX_QUERY_BYTES = 8192
COMPRESSIBLE = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}


class VendorCache:
    """Vendor files gzipped once, on first request: the basemap is 740 kB of JSON, and compressing it
    for every page load would cost more than sending it."""

    def __init__(self, files: dict[str, Path]) -> None:
        self._files = files
        self._gzipped: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def gzipped(self, name: str) -> bytes:
        with self._lock:
            if name not in self._gzipped:
                self._gzipped[name] = gzip.compress(self._files[name].read_bytes(), compresslevel=6, mtime=0)
            return self._gzipped[name]


def _docs_page() -> tuple[bytes, str]:
    """The Swagger UI page on local assets, and the CSP source that allows its one inline script."""
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="sitreps API",
        swagger_js_url="/vendor/swagger-ui-bundle.js",
        swagger_css_url="/vendor/swagger-ui.css",
        swagger_favicon_url="/vendor/swagger-favicon.png",
    )
    body = bytes(page.body)
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", body.decode("utf-8"), flags=re.S)
    ]
    return body, " ".join(hashes)


def create_app(
    db_path: str | Path,
    *,
    node_modules: Path | None = None,
    on_ready: Callable[[EventIndex], None] | None = None,
) -> FastAPI:
    """The application serving the database at ``db_path`` (read-only; it must exist and be migrated:
    `sitreps serve` calls :func:`sitreps.store.migrate.prepare_database` first).

    The event index is built when the application starts (in its lifespan), so a test client or
    server that starts the app pays for it once; ``on_ready`` is then called with it.
    """
    db = Path(db_path)
    vendor = find_vendor_files(node_modules)
    docs_body, docs_hashes = _docs_page()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        index = EventIndex(db)
        index.refresh()
        # What every first page load asks, counted now rather than on the first request.
        with read_only_reader(db) as reader:
            api.kept_store_stats(reader, index)
        index.summary(EventFilter())
        app.state.event_index = index
        if on_ready is not None:
            on_ready(index)
        try:
            yield
        finally:
            index.close()

    app = FastAPI(
        title="sitreps",
        version=metadata.version("sitreps"),
        description="Sourced, claim-aware event data from news articles. Read-only. "
        "Lists are paged by cursor: pass a page's `next` as `cursor`.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db_path = db

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        query_bytes = len(request.scope.get("query_string", b""))
        if query_bytes > MAX_QUERY_BYTES:
            detail = f"query string too long: {query_bytes} bytes, the limit is {MAX_QUERY_BYTES}"
            response: Response = JSONResponse({"detail": detail}, status_code=414)
        else:
            response = await call_next(request)
        hashes = f" {docs_hashes}" if request.url.path == DOCS_PATH and docs_hashes else ""
        response.headers["Content-Security-Policy"] = CSP.format(script_hashes=hashes)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(GZipMiddleware, minimum_size=1024)

    @app.get(DOCS_PATH, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_body)

    compressed = VendorCache(vendor)

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor_file(name: str, request: Request) -> Response:
        path = vendor.get(name)
        if path is None:
            raise HTTPException(404, f"no vendor file {name}")
        headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", "") and path.suffix in COMPRESSIBLE:
            body = compressed.gzipped(name)
            media_type = COMPRESSIBLE[path.suffix]
            return Response(body, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
        return FileResponse(path, headers=headers)

    static = resources.files("sitreps.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
