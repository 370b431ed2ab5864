"""Decoding what scrapers return: UTF-16 without a BOM, mixed and legacy encodings, and texts too long."""

from __future__ import annotations

import pytest

from sitreps.errors import Reason
from sitreps.ingest import read_stream
from sitreps.ingest.article import MAX_TEXT_CHARS, Metadata, finish_article
from sitreps.ingest.encoding import decode_bytes
from sitreps.ingest.refusal import Refusal
from sitreps.model import Article

SAMPLE = "Ceasefire talks resumed in the capital on Monday, officials said."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(codec: str) -> None:
    assert decode_bytes(SAMPLE.encode(codec)) == SAMPLE


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-16-le")[:-1],  # an odd number of bytes is not UTF-16
        b"words\x00\x00\x00\x01\x02\x00more words\x00",  # NUL bytes in no pattern
        b"\x00\x00\x00\x01" * 64,  # NUL bytes in both columns
    ],
)
def test_nul_bytes_that_are_not_utf16_stay_binary(data: bytes) -> None:
    with pytest.raises(Refusal) as caught:
        decode_bytes(data)
    assert caught.value.reason is Reason.BINARY


def test_a_windows_1252_paragraph_in_a_utf8_file_keeps_both() -> None:
    data = "Kəlbəcər, Lachin — “shelling”.\n".encode() + "Les blessés à Goris, “dit” le ministère.\n".encode(
        "cp1252"
    )
    assert decode_bytes(data) == "Kəlbəcər, Lachin — “shelling”.\nLes blessés à Goris, “dit” le ministère.\n"


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister sagte, die Truppen seien über die Grenze gegangen; die Gespräche würden fortgesetzt.",
        "Le café du quartier a rouvert après les combats, a déclaré le maire à la presse.",
        "El ministro dijo que las tropas habían cruzado el río; «no hubo heridos», añadió.",
    ],
)
def test_western_european_windows_1252_is_read_as_such(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")) == text


def test_cyrillic_windows_1251_is_still_left_to_detection() -> None:
    text = "Солдаты были ранены возле Гориса, сообщило министерство обороны в понедельник."
    assert decode_bytes(text.encode("cp1251")) == text


def test_a_text_over_the_length_limit_is_refused_before_it_is_read() -> None:
    with pytest.raises(Refusal) as caught:
        finish_article("word " * (MAX_TEXT_CHARS // 5 + 1), "long.txt", Metadata())
    assert caught.value.reason is Reason.TOO_LONG
    exact = ("word " * (MAX_TEXT_CHARS // 5))[: MAX_TEXT_CHARS - 1] + "."
    assert isinstance(finish_article(exact, "limit.txt", Metadata()), Article)


def test_a_long_json_record_is_refused_alone() -> None:
    long = '{"text": "' + "a" * (MAX_TEXT_CHARS + 1) + '"}'
    short = '{"text": "' + SAMPLE + '"}'
    long_record, short_record = read_stream(f"{long}\n{short}\n".encode(), "records.jsonl")
    assert getattr(long_record, "reason", None) is Reason.TOO_LONG
    assert isinstance(short_record, Article)
