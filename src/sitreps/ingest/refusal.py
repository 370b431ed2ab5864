"""The internal signal a reader raises for a bad input; the boundary turns it into a Rejected."""

from __future__ import annotations

from sitreps.errors import Reason, Rejected


class Refusal(Exception):
    """An input cannot be read, for a reason from the table in :mod:`sitreps.errors`."""

    def __init__(self, reason: Reason, **details: object) -> None:
        super().__init__(reason.format(**details))
        self.reason = reason
        self.details = details

    def rejected(self, source: str) -> Rejected:
        return Rejected.because(source, self.reason, **self.details)
