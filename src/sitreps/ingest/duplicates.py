"""Near-duplicate articles by MinHash LSH (datasketch) over word 5-shingles.

Signatures are deterministic (a fixed seed and datasketch's SHA-1 based hash), so the store can keep
them as bytes and a later run finds the same duplicates. datasketch (and scipy behind it) is imported
on first use: it would double the import time of :mod:`sitreps.ingest`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

SEED = 1
# datasketch's default since 2.0: 32-bit hash values (stored here widened to 64 bits, as the store expects).
SCHEME = "affine32"
SHINGLE_WORDS = 5
CANDIDATE_MARGIN = 0.2
# Estimated Jaccard at which an article is a near-duplicate. On examples/ a syndicated copy with a new
# headline and one sentence dropped or changed scores 0.80-0.85, and unrelated articles (even follow-ups
# of one story by one outlet) at most 0.2; 0.7 leaves room for a heavier edit of the same copy.
NEAR_DUPLICATE_THRESHOLD = 0.7
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word ``size``-grams of ``text`` (NFC, lower-cased, punctuation ignored); its words if shorter."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) < size:
        return set(words)
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature_to_bytes(signature: MinHash) -> bytes:
    """The signature's hash values as little-endian unsigned 64-bit integers."""
    return bytes(np.asarray(signature.hashvalues, dtype="<u8").tobytes())


def signature_from_bytes(data: bytes) -> MinHash:
    """The signature stored by :func:`signature_to_bytes`."""
    if not data or len(data) % 8:
        raise ValueError(f"a signature is a non-empty run of 8-byte values, got {len(data)} bytes")
    from datasketch import LeanMinHash  # heavy (0.4 s to import): only storing runs compare texts

    values = np.frombuffer(data, dtype="<u8")
    if int(values.max()) > np.iinfo(np.uint32).max:
        raise ValueError("signature values do not fit the 32-bit MinHash scheme")
    # Lean: only the seed and the values, not the permutations, so 100k stored signatures load in a
    # fraction of a second (0.003 ms each, against 0.23 ms) and take 0.7 KB each (1.9 KB).
    return LeanMinHash(seed=SEED, hashvalues=values.astype(np.uint32), scheme=SCHEME)


class NearDuplicateIndex:
    """Articles seen so far, to find the one a new article nearly repeats (estimated Jaccard ≥ threshold)."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD, num_perm: int = 128) -> None:
        from datasketch import MinHashLSH  # heavy: see signature_from_bytes

        self.threshold = threshold
        self.num_perm = num_perm
        # LSH banded for the decision threshold itself finds a pair at exactly that similarity only 40%
        # of the time (b=9, r=13 for 0.8); banded 0.2 lower it finds it 99% of the time, and the few
        # extra candidates are settled by the estimate below.
        candidate_threshold = max(0.1, threshold - CANDIDATE_MARGIN)
        self._lsh = MinHashLSH(threshold=candidate_threshold, num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    @property
    def bands(self) -> tuple[tuple[int, int], ...]:
        """The LSH bands as (start, end) slices of the hash values: two signatures are candidates exactly
        when some band of theirs is equal (what a second implementation, such as Spark's, must match)."""
        return tuple((i * self._lsh.r, (i + 1) * self._lsh.r) for i in range(self._lsh.b))

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def signature(self, text: str) -> MinHash:
        """The MinHash of ``text``'s word 5-shingles (of its words, when it has fewer than five)."""
        from datasketch import MinHash  # heavy: see signature_from_bytes

        signature = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME)
        signature.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
        return signature

    def add(self, article_id: str, signature: MinHash) -> None:
        """Remember an article; adding an id a second time keeps the first signature."""
        if article_id in self._signatures:
            return
        from datasketch import LeanMinHash  # heavy: see signature_from_bytes

        self._check(signature)
        lean = signature if isinstance(signature, LeanMinHash) else LeanMinHash(signature)
        self._signatures[article_id] = lean
        self._lsh.insert(article_id, lean)

    def find(self, signature: MinHash) -> tuple[str, float] | None:
        """The added article most like ``signature`` with estimated Jaccard ≥ threshold, and that estimate.

        Ties go to the smallest id, so the answer does not depend on the order of insertion.
        """
        self._check(signature)
        if signature.is_empty():
            return None
        scored = [
            (float(signature.jaccard(self._signatures[key])), str(key)) for key in self._lsh.query(signature)
        ]
        matches = [(score, key) for score, key in scored if score >= self.threshold]
        if not matches:
            return None
        score, key = min(matches, key=lambda match: (-match[0], match[1]))
        return key, score

    def _check(self, signature: MinHash) -> None:
        if len(signature.hashvalues) != self.num_perm:
            raise ValueError(
                f"signature has {len(signature.hashvalues)} permutations, the index {self.num_perm}"
            )

    # The byte form, also reachable from an index for convenience.
    signature_to_bytes = staticmethod(signature_to_bytes)
    signature_from_bytes = staticmethod(signature_from_bytes)
