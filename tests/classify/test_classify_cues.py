"""Cue matching: the fast path for ASCII text (patterns without IGNORECASE on lowered text) finds exactly
what the case-insensitive patterns find."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitreps.classify import training_snippets
from sitreps.classify.cues import CUES, _hits, cue_matrix, cues_in


def _slow(text: str) -> list[bool]:
    return [pattern.search(text) is not None for pattern in CUES.values()]


def test_ascii_path_on_the_training_text_in_any_case() -> None:
    for _, text in training_snippets():
        for variant in (text, text.upper(), text.swapcase(), text.title()):
            assert _hits(variant) == _slow(variant), variant


@given(
    st.lists(
        st.sampled_from(
            [
                "Tear-Gas",
                "SHELLED",
                "Suicide",
                "blew himself up",
                "mines",
                "Mine workers",
                "ſtones",
                "İED",
                "K",
                "killed",
                "M23",
                "riot",
                "RIOTS",
                " ",
                ",",
                "-",
                "x",
                "\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_fast_path_equals_case_insensitive_search(text: str) -> None:
    assert _hits(text) == _slow(text)
    assert list(cue_matrix([text])[0] == 1.0) == _slow(text)
    assert cues_in(text) == tuple(name for name, hit in zip(CUES, _slow(text), strict=True) if hit)
