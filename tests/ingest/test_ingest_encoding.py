"""Bytes to text: binary refused by signature or content, encodings found, text normalised."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_support import REPORT, put, run

from sitreps.errors import Reason, Rejected
from sitreps.ingest.encoding import binary_kind, clean_text, decode_bytes, has_visible_text
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article

SAMPLE = "Ceasefire talks resumed in the capital on Monday, officials said."


def refusal_of(data: bytes) -> Refusal:
    with pytest.raises(Refusal) as caught:
        decode_bytes(data)
    return caught.value


def test_empty_bytes_are_refused_as_empty() -> None:
    assert refusal_of(b"").reason is Reason.EMPTY


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", "\u200b \u2060\ufeff\n".encode(), b"\x0c\x0c\n"])
def test_whitespace_and_invisible_characters_only_are_refused(data: bytes) -> None:
    assert refusal_of(data).reason is Reason.WHITESPACE


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(56), "ELF"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "gzip"),
    ],
)
def test_binary_formats_are_refused_by_signature(data: bytes, kind: str) -> None:
    refusal = refusal_of(data)
    assert refusal.reason is Reason.BINARY
    assert kind in str(refusal.details["kind"])
    assert binary_kind(data) is not None


def test_nul_bytes_mean_binary() -> None:
    refusal = refusal_of(b"some words\x00\x00\x00\x01\x02 more words")
    assert refusal.reason is Reason.BINARY
    assert "NUL" in str(refusal.details["kind"])


def test_many_control_bytes_mean_binary() -> None:
    assert refusal_of(bytes(range(1, 9)) * 20 + b"text").reason is Reason.BINARY


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8")) == SAMPLE
    assert decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")) == SAMPLE


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_read_by_their_bom(codec: str) -> None:
    text = "Перемирие нарушено ночью, сообщили в министерстве."
    data = text.encode(codec)
    if codec.endswith(("-le", "-be")):  # these codecs write no BOM themselves
        data = ("\ufeff" + text).encode(codec)
    assert decode_bytes(data) == text


def test_invalid_utf8_that_is_mostly_text_decodes_or_is_refused_cleanly() -> None:
    data = ("Le café du quartier a rouvert après les combats. " * 5).encode("cp1252")
    try:
        text = decode_bytes(data)
    except Refusal as refusal:
        assert refusal.reason is Reason.UNDECODABLE
    else:
        assert "quartier" in text


def test_broken_utf16_after_a_bom_is_undecodable() -> None:
    assert refusal_of(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00").reason is Reason.UNDECODABLE


def test_clean_text_normalises_line_ends_controls_and_invisible_characters() -> None:
    raw = "Line one\r\nLine\u200b two\rLine\x07 three\x0cpage\u00a0four\u0085"
    assert clean_text(raw) == "Line one\nLine two\nLine three\npage\u00a0four"


def test_clean_text_composes_to_nfc() -> None:
    assert clean_text("Kəlbəcər, Go\u0308ygöl") == "Kəlbəcər, Göygöl"
    assert clean_text("e\u0301") == "\u00e9"


def test_clean_text_keeps_persian_zero_width_non_joiner() -> None:
    assert "\u200c" in clean_text("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")


def test_visible_text() -> None:
    assert not has_visible_text(" \n\t\u200c\u200d")
    assert has_visible_text("  a ")


def test_bad_files_become_rejections_with_the_file_as_source(tmp_path: Path) -> None:
    paths = [
        put(tmp_path, "empty.txt", b""),
        put(tmp_path, "blank.txt", "   \n\n  "),
        put(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(32)),
        put(tmp_path, "doc.txt", b"%PDF-1.4\n"),
        put(tmp_path, "prog.txt", b"\x7fELF" + bytes(32)),
    ]
    results = run(*paths)
    assert all(isinstance(r, Rejected) for r in results)
    assert [(r.source, r.reason) for r in results if isinstance(r, Rejected)] == [
        (str(paths[0]), Reason.EMPTY),
        (str(paths[1]), Reason.WHITESPACE),
        (str(paths[2]), Reason.BINARY),
        (str(paths[3]), Reason.BINARY),
        (str(paths[4]), Reason.BINARY),
    ]
    assert all("\n" not in r.line() for r in results if isinstance(r, Rejected))


def test_utf16_file_becomes_an_article(tmp_path: Path) -> None:
    [result] = run(put(tmp_path, "report.txt", REPORT.encode("utf-16")))
    assert isinstance(result, Article)
    assert result.text == REPORT
    assert result.language == "en"
