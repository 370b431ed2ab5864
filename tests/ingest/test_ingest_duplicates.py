"""Near-duplicates by MinHash LSH: edited copies found, unrelated texts not, signatures stored as bytes."""

from __future__ import annotations

import pytest

from sitreps.ingest import NearDuplicateIndex, signature_from_bytes, signature_to_bytes
from sitreps.ingest.duplicates import shingles

ORIGINAL = " ".join(
    [
        "The defence ministry said on Tuesday that its positions near the northern villages came under fire",
        "from mortars and large-calibre machine guns during the night, and that its units took adequate",
        "retaliatory measures. According to the statement, two servicemen were wounded and taken to a",
        "military hospital, where their condition was described as stable. The ministry accused the other",
        "side of trying to escalate the situation ahead of talks planned for next week, and said that",
        "civilian infrastructure in three villages had been damaged. Local officials said residents spent",
        "the night in basements and that schools in the district would stay closed until the end of the",
        "week. The foreign ministry called on international mediators to respond to what it described as",
        "a deliberate provocation, while the opposing side denied opening fire first and said its own",
        "positions had been attacked. Observers from a regional security organisation were expected to",
        "visit the area on Wednesday to assess the damage and to speak with residents and local officials.",
    ]
)
EDITED = ORIGINAL.replace("two servicemen", "three servicemen") + " Updated at 10:40."
UNRELATED = (
    "The national football team won its qualifying match on Saturday evening after a late goal from a "
    "substitute, sending thousands of supporters into the streets of the capital to celebrate until dawn."
)


def test_lightly_edited_copy_is_found_and_unrelated_text_is_not() -> None:
    index = NearDuplicateIndex()
    index.add("original", index.signature(ORIGINAL))
    found = index.find(index.signature(EDITED))
    assert found is not None
    assert found[0] == "original"
    assert 0.8 <= found[1] <= 1.0
    assert index.find(index.signature(UNRELATED)) is None


def test_signatures_are_deterministic_across_indexes() -> None:
    a, b = NearDuplicateIndex(), NearDuplicateIndex()
    assert signature_to_bytes(a.signature(ORIGINAL)) == signature_to_bytes(b.signature(ORIGINAL))


def test_signature_bytes_round_trip() -> None:
    index = NearDuplicateIndex()
    signature = index.signature(ORIGINAL)
    data = signature_to_bytes(signature)
    assert len(data) == 128 * 8
    restored = signature_from_bytes(data)
    assert (restored.hashvalues == signature.hashvalues).all()
    assert restored.jaccard(signature) == 1.0
    index.add("stored", restored)
    assert index.find(index.signature(EDITED)) is not None
    assert NearDuplicateIndex.signature_from_bytes(data).jaccard(signature) == 1.0


@pytest.mark.parametrize("data", [b"", b"\x00" * 7, b"\xff" * 8])
def test_bad_signature_bytes_raise(data: bytes) -> None:
    with pytest.raises(ValueError):
        signature_from_bytes(data)


def test_ties_go_to_the_smallest_id() -> None:
    index = NearDuplicateIndex()
    signature = index.signature(ORIGINAL)
    for article_id in ("c", "a", "b"):
        index.add(article_id, signature)
    assert index.find(signature) == ("a", 1.0)
    index.add("a", index.signature(UNRELATED))  # a second add keeps the first signature
    assert index.find(signature) == ("a", 1.0)
    assert len(index) == 3 and "b" in index


def test_short_texts_use_their_words() -> None:
    assert shingles("Ceasefire holds, officials say") == {"ceasefire", "holds", "officials", "say"}
    index = NearDuplicateIndex()
    index.add("short", index.signature("Ceasefire holds, officials say"))
    assert index.find(index.signature("officials say: ceasefire holds")) is not None
    assert index.find(index.signature("")) is None


def test_signature_of_another_size_is_refused() -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(num_perm=64).find(NearDuplicateIndex(num_perm=128).signature(ORIGINAL))


def test_pairs_just_above_the_threshold_are_not_lost_by_lsh() -> None:
    # One word in fifty changed: true Jaccard about 0.82. LSH banded for 0.8 itself would let about
    # half of these pairs through as candidates; every pair estimated at 0.8 or more must be found.
    checked = 0
    for variant in range(20):
        words = [f"w{variant}x{i}" for i in range(300)]
        edited = [f"changed{i}" if i % 50 == variant % 50 else word for i, word in enumerate(words)]
        index = NearDuplicateIndex()
        original = index.signature(" ".join(words))
        index.add("original", original)
        signature = index.signature(" ".join(edited))
        if signature.jaccard(original) >= index.threshold:
            checked += 1
            assert index.find(signature) == ("original", signature.jaccard(original))
    assert checked >= 5
