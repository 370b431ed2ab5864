"""Files and folders to inputs: walking, selecting, size checks, and the format each file is read as.

Folders are walked recursively in sorted order of their relative paths, hidden entries skipped, and so
are a folder's own documents (README, LICENSE, CHANGELOG, CONTRIBUTING: they describe the folder, they
are not articles) unless ``--include`` names them.
Symbolic links are followed only while they stay inside the folder. Nothing here raises for a bad
path: it becomes a :class:`Rejected` and the walk goes on.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal

from sitreps.errors import Reason, Rejected
from sitreps.ingest.options import IngestOptions

Kind = Literal["text", "markdown", "html", "json", "jsonl", "feed"]

SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
}
STDIN = "-"
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True)
class Input:
    """The bytes of one file (or of stdin) and the format to read them as (None: sniff it)."""

    source: str
    kind: Kind | None
    data: bytes


def kind_for(path: str | Path) -> Kind | None:
    """The format a file is read as, from its suffix (case-insensitive); None when unsupported."""
    return SUFFIX_KINDS.get(Path(path).suffix.lower())


def iter_inputs(path: str | Path, options: IngestOptions) -> Iterator[Input | Rejected]:
    """The inputs named by one command-line path: ``-`` (stdin), a file, or a folder walked."""
    if str(path) == STDIN:
        yield read_stdin(options)
        return
    try:
        is_folder = Path(path).is_dir()
    except (OSError, ValueError) as error:  # a name too long, a NUL byte in it
        yield Rejected.because(str(path), Reason.UNREADABLE, detail=_describe(error))
        return
    if is_folder:
        yield from walk_folder(Path(path), options)
    else:
        yield read_named_file(Path(path), options)


def read_stdin(options: IngestOptions) -> Input | Rejected:
    try:
        data = sys.stdin.buffer.read(options.max_bytes + 1)
    except (OSError, ValueError, AttributeError) as error:
        return Rejected.because(STDIN_SOURCE, Reason.UNREADABLE, detail=_describe(error))
    if len(data) > options.max_bytes:
        return _too_large(STDIN_SOURCE, len(data), options)
    return Input(STDIN_SOURCE, None, data)


def read_named_file(path: Path, options: IngestOptions) -> Input | Rejected:
    """A file named on the command line: read whatever its name, but only in a supported format."""
    source = str(path)
    try:
        if not path.exists():
            detail = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            return Rejected.because(source, Reason.UNREADABLE, detail=detail)
    except (OSError, ValueError) as error:
        return Rejected.because(source, Reason.UNREADABLE, detail=_describe(error))
    kind = kind_for(path)
    if kind is None:
        return Rejected.because(source, Reason.UNSUPPORTED, suffix=path.suffix)
    return read_file(path, source, kind, options)


def read_file(path: Path, source: str, kind: Kind, options: IngestOptions) -> Input | Rejected:
    """The bytes of a regular file, refused unread when larger than ``options.max_bytes``."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device could block forever or never end.
            return Rejected.because(source, Reason.UNREADABLE, detail="not a regular file")
        if info.st_size > options.max_bytes:
            return _too_large(source, info.st_size, options)
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except OSError as error:
        return Rejected.because(source, Reason.UNREADABLE, detail=_describe(error))
    if len(data) > options.max_bytes:  # it grew after the check
        return _too_large(source, len(data), options)
    return Input(source, kind, data)


def _too_large(source: str, size: int, options: IngestOptions) -> Rejected:
    return Rejected.because(source, Reason.TOO_LARGE, size=size, limit=options.max_bytes)


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return type(error).__name__


def matches(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether a relative POSIX path matches any glob (fnmatch; ``*`` crosses folders).

    A pattern without ``/`` also matches the last part of the path, as in .gitignore, and a leading
    ``**/`` may match nothing.
    """
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if fnmatchcase(relative, pattern):
            return True
        if "/" not in pattern and fnmatchcase(name, pattern):
            return True
        if pattern.startswith("**/") and fnmatchcase(relative, pattern[3:]):
            return True
    return False


FOLDER_DOCUMENTS = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING"})


def walk_folder(root: Path, options: IngestOptions) -> Iterator[Input | Rejected]:
    """Every selected file under ``root``, in sorted order of relative path, read one at a time."""
    found = sorted(_Walk(root, options).run(), key=lambda item: item[0])
    for _relative, item in found:
        if isinstance(item, Path):
            kind = kind_for(item)
            if kind is None:
                yield Rejected.because(str(item), Reason.UNSUPPORTED, suffix=item.suffix)
            else:
                yield read_file(item, str(item), kind, options)
        else:
            yield item


class _Walk:
    """One folder walk: what it found (paths to read, or rejections), keyed by relative path."""

    def __init__(self, root: Path, options: IngestOptions) -> None:
        self.root = root
        self.options = options
        self.found: list[tuple[str, Path | Rejected]] = []
        self.real_root = root.resolve()
        self.seen_folders = {self.real_root}

    def run(self) -> list[tuple[str, Path | Rejected]]:
        self._visit(self.root, "")
        return self.found

    def _visit(self, folder: Path, relative: str) -> None:
        try:
            with os.scandir(folder) as scan:
                names = sorted(entry.name for entry in scan)
        except OSError as error:
            self._reject(relative or ".", folder, Reason.UNREADABLE, detail=_describe(error))
            return
        for name in names:
            if name.startswith("."):
                continue
            child_relative = f"{relative}/{name}" if relative else name
            if matches(child_relative, self.options.exclude):
                continue
            try:
                self._consider(folder / name, child_relative)
            except (OSError, RuntimeError, ValueError) as error:  # RuntimeError: a symbolic link loop
                self._reject(child_relative, folder / name, Reason.UNREADABLE, detail=_describe(error))

    def _consider(self, path: Path, relative: str) -> None:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                if self._selected(relative):
                    self._reject(relative, path, Reason.UNREADABLE, detail="broken symbolic link")
                return
            if not target.is_relative_to(self.real_root):
                if target.is_dir() or self._selected(relative):
                    self._reject(relative, path, Reason.OUTSIDE_ROOT)
                return
        if path.is_dir():
            real = path.resolve()
            if real not in self.seen_folders:  # a link back up the tree must not loop
                self.seen_folders.add(real)
                self._visit(path, relative)
        elif self._selected(relative):
            self.found.append((relative, path))

    def _selected(self, relative: str) -> bool:
        """Included files: those matching --include, else those of a supported type but folder documents."""
        if self.options.include:
            return matches(relative, self.options.include)
        stem = relative.rsplit("/", 1)[-1].split(".", 1)[0].upper()
        return kind_for(relative) is not None and stem not in FOLDER_DOCUMENTS

    def _reject(self, relative: str, path: Path, reason: Reason, **details: object) -> None:
        self.found.append((relative, Rejected.because(str(path), reason, **details)))
