"""Bytes to clean text: refuse binary files, find the encoding, normalise what the readers see.

Every reader gets its text from :func:`decode_bytes` (files) or :func:`clean_text` (strings found inside
JSON and feeds), so the same characters reach the article id whatever the source format.
"""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from sitreps.errors import Reason
from sitreps.ingest.refusal import Refusal

# Signatures of common binary formats, checked before anything is decoded.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_SAMPLE = 8192
# Share of control characters above which a file is taken for binary data.
_MAX_CONTROL_RATIO = 0.10
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_CONTROL_BYTES = frozenset(b for b in range(32) if chr(b) not in _TEXT_CONTROLS) | {0x7F}

# Invisible characters dropped from all text. ZWNJ and ZWJ stay: Persian spelling and emoji need them.
_INVISIBLE = (
    "\u00ad\u180e\u200b\u200e\u200f\u061c\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_DROP: dict[int, str | None] = {
    **{c: None for c in range(32) if chr(c) not in "\t\n\f\v"},
    **{c: None for c in range(0x7F, 0xA0)},
    **{c: None for c in range(0xD800, 0xE000)},  # lone surrogates (from JSON escapes) cannot be stored
    **{ord(c): None for c in _INVISIBLE},
    ord("\f"): "\n",
    ord("\v"): "\n",
}


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` looks like, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "RIFF media"
    if data.startswith(b"ID3") and data[3:4] in (b"\x02", b"\x03", b"\x04"):
        return "MP3 audio"
    if data[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes into clean text, or raise :class:`Refusal` saying why it cannot be read.

    UTF-8 (with or without BOM) is tried first, UTF-16/32 are recognised by their BOM, anything else is
    left to charset-normalizer. The result has passed :func:`clean_text` and holds visible characters.
    """
    if not data:
        raise Refusal(Reason.EMPTY)
    kind = binary_kind(data)
    if kind is not None:
        raise Refusal(Reason.BINARY, kind=kind)
    text = _decode_by_bom(data)
    if text is None:
        sample = data[:_SAMPLE]
        if b"\x00" in sample:
            raise Refusal(Reason.BINARY, kind="unknown binary data with NUL bytes")
        if sum(b in _CONTROL_BYTES for b in sample) > _MAX_CONTROL_RATIO * len(sample):
            raise Refusal(Reason.BINARY, kind="unknown binary data with control bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect_and_decode(data)
    head = text[:_SAMPLE]
    if sum(unicodedata.category(c) == "Cc" and c not in _TEXT_CONTROLS for c in head) > (
        _MAX_CONTROL_RATIO * len(head)
    ):
        raise Refusal(Reason.BINARY, kind="control characters after decoding")
    text = clean_text(text)
    if not has_visible_text(text):
        raise Refusal(Reason.WHITESPACE)
    return text


def _decode_by_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise Refusal(Reason.UNDECODABLE) from None
    return None


def _detect_and_decode(data: bytes) -> str:
    try:
        best = from_bytes(data).best()
    except Exception:  # charset-normalizer is a heuristic; any failure means "cannot decode"
        best = None
    if best is None:
        raise Refusal(Reason.UNDECODABLE)
    return str(best)


def clean_text(text: str) -> str:
    """The text every article is made of: no control or invisible characters, \\n line ends, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP)
    return unicodedata.normalize("NFC", text)


def has_visible_text(text: str) -> bool:
    """Whether ``text`` holds anything but whitespace and invisible format characters."""
    return any(not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf") for c in text)
