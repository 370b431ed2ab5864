"""`sitreps serve`: check the address and the database, then run the application under uvicorn.

The server binds to loopback unless told otherwise: another address needs ``allow_public`` (the CLI's
``--public``) and prints a warning, since the page and API have no authentication.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from pathlib import Path

from sitreps.errors import SitrepsError
from sitreps.serve.app import create_app
from sitreps.store.event_index import EventIndex
from sitreps.store.migrate import prepare_database

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class UnsafeAddress(SitrepsError):
    """A non-loopback address was asked for without saying it is meant."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(host: str, allow_public: bool) -> str | None:
    """None for a loopback address; a warning for another one when allowed; else raises UnsafeAddress."""
    if is_loopback(host):
        return None
    if not allow_public:
        raise UnsafeAddress(
            f"refusing to listen on {host}: the page and API have no authentication, so anyone who can"
            " reach this address could read the database. Use --public to do it anyway."
        )
    return (
        f"warning: listening on {host}: anyone who can reach this address can read the whole database"
        " (no authentication)."
    )


def run_server(
    db: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    allow_public: bool = False,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the database at ``db`` until interrupted. Raises SitrepsError before binding when the
    address or the database is refused."""
    # heavy-ish, and needed only to run the server: imported here, so that `sitreps --help` and the app's
    # tests do not load it
    import uvicorn

    started = time.perf_counter()
    warning = check_address(host, allow_public)
    if warning:
        say(warning)
    note = prepare_database(db)
    if note:
        say(f"warning: {note}")
    shown = f"[{host}]" if ":" in host else host

    def ready(index: EventIndex) -> None:
        say(
            f"sitreps: serving {db} at http://{shown}:{port}/ (API docs at /docs);"
            f" {index.size()} events indexed, ready in {time.perf_counter() - started:.1f} s"
        )

    app = create_app(db, on_ready=ready)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
