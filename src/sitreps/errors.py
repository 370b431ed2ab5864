"""Every reason sitreps gives for rejecting an input, in one table, and the library's exceptions.

A rejected input never stops a batch: it becomes a :class:`Rejected` line in the run report,
with a stable code and a one-line message that says what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Reason(Enum):
    """Why an input was not stored. Values are (code, message template)."""

    EMPTY = ("R001", "empty input: the file or record holds no text")
    WHITESPACE = ("R002", "no text: only whitespace or invisible characters")
    BINARY = ("R003", "binary content ({kind}): not a text, HTML, JSON or feed file")
    UNDECODABLE = ("R004", "cannot decode the bytes as text in any known encoding")
    TOO_LARGE = ("R005", "too large: {size} bytes, the limit is {limit} (raise --max-bytes to accept it)")
    NO_MAIN_TEXT = ("R006", "HTML with no main text to extract (empty body, only scripts or navigation)")
    BAD_JSON = ("R007", "line {line}: not valid JSON ({detail})")
    NO_TEXT_FIELD = ("R008", "record has no text in field {field!r} (set --text-field)")
    WRONG_TYPE = ("R009", "field {field!r} should be {expected}, got {got}")
    FEED_EMPTY = ("R010", "feed has no entries")
    FEED_INVALID = ("R011", "not a readable RSS/Atom feed ({detail})")
    UNREADABLE = ("R012", "cannot read: {detail}")
    UNSUPPORTED = ("R013", "unsupported file type {suffix!r} (use --include to select files)")
    OUTSIDE_ROOT = ("R014", "symbolic link points outside the input folder; not followed")
    UNSAFE_XML = ("R015", "XML with entity declarations or external references; refused for safety")
    TOO_DEEP = ("R016", "document nested too deeply ({depth} levels) to parse safely")
    NO_BODY = ("R017", "no article text left after the front matter and header lines")
    TOO_COMPLEX = ("R018", "HTML too complex to extract safely: {elements} elements, the limit is {limit}")
    TOO_LONG = ("R019", "text too long to read: {chars} characters, the limit is {limit} (split the article)")
    PIPELINE_ERROR = ("R020", "reading failed: {detail} (please report this with the input)")
    BAD_ROWS = ("R021", "cannot load the article from its table rows: {detail}")
    NOT_STORED = (
        "R022",
        "the store refused the article's records: {detail} (please report this with the input)",
    )

    @property
    def code(self) -> str:
        return self.value[0]

    def format(self, **details: object) -> str:
        """The one-line message with its details filled in."""
        return " ".join(self.value[1].format(**details).split())


@dataclass(frozen=True)
class Rejected:
    """An input that was not stored, with the reason shown in the run report."""

    source: str
    reason: Reason
    message: str

    @classmethod
    def because(cls, source: str, reason: Reason, **details: object) -> Rejected:
        return cls(source=source, reason=reason, message=reason.format(**details))

    def line(self) -> str:
        """One line for the run report: source, code, message."""
        return f"{self.source}: [{self.reason.code}] {self.message}"


class SitrepsError(Exception):
    """Base of the library's exceptions; the CLI turns them into messages and exit code 2."""


class PipelineUnavailable(SitrepsError):
    """The spaCy pipeline cannot be loaded or failed its checksum check."""


class GazetteerUnavailable(SitrepsError):
    """The place index is missing, unreadable or built by another version: rebuild it."""


class GazetteerBuildError(SitrepsError):
    """The place index cannot be built from its inputs (a bad data file, a missing dump)."""


class StoreError(SitrepsError):
    """The database cannot be opened, migrated or written."""


class NoDatabase(StoreError):
    """A command that reads the store was given a path where no database is."""

    def __init__(self, path: object) -> None:
        super().__init__(f"no database at {path}: run `sitreps ingest PATH --db {path}` first")
