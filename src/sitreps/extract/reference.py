"""Which actor a noun phrase refers to, shared by the events, frames and claims extractors.

The head noun decides first: a mention that covers the head ("Foreign Ministry spokesman Karimi" is
Karimi), then a country named or implied by a modifier of the head ("Russian missiles", "Israeli
strikes": that country's state), then any mention inside the phrase, leaving out conjoined phrases
("Russia and Ukraine": Russia) and clauses that modify it ("the information circulated in X": not X).
A named apposition ("his counterpart Hulusi Akar") comes right after the head.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.spans import of_token
from sitreps.geo.countries import by_demonym, by_name
from sitreps.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}


def _covering(token: Token, found: Found) -> Actor | None:
    for actor in found.actors:
        if any(m.start <= token.idx < m.end for m in actor.mentions):
            return actor
    return None


def _runs(words: list[Token]) -> list[tuple[int, int]]:
    """Character ranges of the contiguous runs of these tokens, in text order."""
    runs: list[tuple[int, int]] = []
    indices = {w.i for w in words}
    for t in sorted(words, key=lambda w: w.i):
        end = t.idx + len(t.text)
        if runs and t.i - 1 in indices:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((t.idx, end))
    return runs


def actor_of(token: Token, found: Found) -> Actor | None:
    """The actor the phrase headed by ``token`` refers to, if any (see the module docstring)."""
    if (actor := _covering(token, found)) is not None:
        return actor
    for child in token.children:  # "his Turkish counterpart Hulusi Akar": the name, not Turkey
        if child.dep_ not in {"appos", "compound", "nmod"}:
            continue
        actor = _covering(child, found)
        if actor is not None and (child.dep_ == "appos" or actor.kind == "person"):
            return actor
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS:
            if (actor := _covering(child, found)) is not None:
                return actor
            country = by_demonym(child.text) or (by_name(child.text) if child.text[:1].isupper() else None)
            if country is not None and found.article is not None:
                return found.state_actor(country.alpha3, found.article, of_token(found.article, child))
    for leave_out in ({"relcl", "acl", "appos", "conj", "cc"}, {"relcl", "acl", "conj", "cc"}):
        skipped = {t.i for c in token.children if c.dep_ in leave_out for t in c.subtree}
        words = [t for t in token.subtree if t.i not in skipped]
        for start, end in _runs(words):
            if (actor := found.actor_within(start, end)) is not None:
                return actor
    return None
