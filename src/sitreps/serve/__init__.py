"""The web page and REST API over a sitreps database (DESIGN.md, "serve").

``create_app(db)`` builds the FastAPI application; ``run_server`` is what `sitreps serve` calls. The
server only reads: every request gets a read-only SQLite connection, and events are aggregated on the
server (:mod:`sitreps.serve.event_index`) so that the browser never receives every event.
"""

from sitreps.serve.app import create_app
from sitreps.serve.server import run_server

__all__ = ["create_app", "run_server"]
