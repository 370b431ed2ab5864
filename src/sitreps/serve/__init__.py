"""The web page and REST API over a sitreps database (DESIGN.md, "serve").

In: a database path, read through :class:`sitreps.store.Reader` (a read-only one per request) and the
store's in-memory event index (:mod:`sitreps.store.event_index`), so that events are aggregated on the
server and the browser never receives every event. Out: HTTP: the JSON of the API (the shapes of
:mod:`sitreps.serve.schemas`, made from what the store returns by :mod:`sitreps.serve.items`) and the
HTML pages. ``create_app(db)`` builds the FastAPI application; ``run_server`` is what `sitreps serve`
calls. No SQL here: the server only asks the store.
"""

from sitreps.serve.app import create_app
from sitreps.serve.server import run_server

__all__ = ["create_app", "run_server"]
