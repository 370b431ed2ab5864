"""Bytes to clean text: refuse binary files, find the encoding, normalise what the readers see.

Every reader gets its text from :func:`decode_bytes` (files) or :func:`clean_text` (strings found inside
JSON and feeds), so the same characters reach the article id whatever the source format.
"""

from __future__ import annotations

import re
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
# UTF-16 without a byte order mark: the share of NUL bytes in one column (every other byte) above
# which, with almost none in the other, the bytes are read as UTF-16.
_UTF16_MIN_BYTES = 8
_UTF16_NUL_SHARE = 0.4
_UTF16_STRAY_NUL_SHARE = 0.02
# Western European text has a few accented letters among plain ones (French about 4%, German 2%);
# Cyrillic or Greek read through Windows-1252 is nearly all non-ASCII.
_WESTERN_MAX_ACCENT_SHARE = 0.3
_WESTERN_PUNCTUATION = frozenset("\u00a0«»°§£€¢¥©®±·¿¡–—‘’‚“”„…•†‰‹›™")
# Bytes that are not UTF-8, as ``surrogateescape`` decoding leaves them.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]+")
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
            text = _utf16_without_bom(data)
            if text is None:
                raise Refusal(Reason.BINARY, kind="unknown binary data with NUL bytes")
        elif sum(b in _CONTROL_BYTES for b in sample) > _MAX_CONTROL_RATIO * len(sample):
            raise Refusal(Reason.BINARY, kind="unknown binary data with control bytes")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_western(data) or _detect_and_decode(data)
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


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte order mark, told by its NUL bytes: mostly-Latin text in
    UTF-16 has a NUL in every other byte (the high byte of each character), and almost never elsewhere.
    None when the NUL bytes do not fall that way (binary data) or the bytes do not decode."""
    sample = data[:_SAMPLE]
    if len(data) % 2 or len(sample) < _UTF16_MIN_BYTES:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd >= _UTF16_NUL_SHARE and even <= _UTF16_STRAY_NUL_SHARE:
        codec = "utf-16-le"
    elif even >= _UTF16_NUL_SHARE and odd <= _UTF16_STRAY_NUL_SHARE:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_western(data: bytes) -> str | None:
    """Text that is not all UTF-8: UTF-8 where it is, Windows-1252 for the bytes that are not, when those
    read as Western European text (a few accented letters or typographic marks among plain letters).

    This reads Latin-1 and Windows-1252 files, and files of mixed encodings (a UTF-8 article with a
    pasted Windows-1252 paragraph), which a whole-file guess would turn into another script. None when
    the stray bytes do not read that way (Cyrillic in Windows-1251, say: nearly every letter is one).
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = bytes(ord(c) - 0xDC00 for run in _ESCAPED_BYTE.findall(text) for c in run)
    try:
        repaired = stray.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = sum(c.isalpha() for c in text)
    if len(stray) > _WESTERN_MAX_ACCENT_SHARE * letters:
        return None
    if not all(c.isalpha() or c in _WESTERN_PUNCTUATION for c in repaired):
        return None
    return _ESCAPED_BYTE.sub(lambda m: bytes(ord(c) - 0xDC00 for c in m.group()).decode("cp1252"), text)


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
