"""Counts given through a tally rather than a verb of what happened, for the casualties extractor.

News reports update a toll more often than they narrate deaths: "put its losses at 71 killed", "raised
the toll to 77, to 79 and finally to 80", "the number of sailors killed or missing has risen to 37", "a
figure of 135". Here: which tally noun a bare count is the value of, the outcome words that follow a
count ("14 wounded", "as killed or missing"), and whose tally it is ("its toll", "his country's losses":
the subject of the verb that gives it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.model import FigureKind
from sitreps.nlp.wordlists import word_list, word_set, word_values

if TYPE_CHECKING:
    from spacy.tokens import Token

WORDS = "toll_words.toml"  # what each list is for: see the file
# Nouns that name a tally, and the kind a bare one counts ("the toll" is a death toll in news usage).
TOLL_NOUNS: dict[str, FigureKind | None] = {
    **word_values(WORDS, "toll_kinds", FigureKind),
    **dict.fromkeys(word_list(WORDS, "tally_nouns")),
}
# Outcome words that can follow a count or a group of people ("71 killed", "servicemen as missing").
AFTER_WORDS: dict[str, FigureKind] = word_values(WORDS, "after_words", FigureKind)
OWNER_PRONOUNS = word_set(WORDS, "owner_pronouns")
CORE_DEPS_ORDER = ("dobj", "attr", "nsubjpass", "nsubj")
CORE_DEPS = set(CORE_DEPS_ORDER)


def outcome_after(token: Token) -> tuple[FigureKind, Token] | None:
    """The outcome named right after a count or a group, and its last word: "71 killed", "14 wounded",
    "207 servicemen as killed or missing". Two different outcomes joined ("killed or missing", "killed
    and wounded") make one combined count, which is a count of losses."""
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and i <= token.i + 2 and doc[i].lower_ in {"as", "more", "others"}:
        i += 1  # "as killed or missing", "41 more detained"
    if i >= len(doc) or doc[i].lower_ not in AFTER_WORDS:
        return None
    kind = AFTER_WORDS[doc[i].lower_]
    joined = i + 2 < len(doc) and doc[i + 1].lower_ in {"or", "and"}
    if joined and AFTER_WORDS.get(doc[i + 2].lower_, kind) != kind:
        return "losses", doc[i + 2]
    return kind, doc[i]


def toll_noun(count: Token) -> Token | None:
    """The tally a count is the value of, found among the words above it: "a figure of 135", "raised
    its toll to 71", "the toll has risen to 45", "put the number of sailors killed at 37"."""
    for ancestor in count.ancestors:
        if ancestor.lemma_.lower() in TOLL_NOUNS and ancestor.pos_ in {"NOUN", "PROPN"}:
            return ancestor
        if ancestor.pos_ not in {"VERB", "AUX"}:
            continue
        verbs = [ancestor, ancestor.head] if ancestor.dep_ == "conj" else [ancestor]
        for verb in verbs:
            tallies = [
                c
                for c in verb.children
                if c.dep_ in CORE_DEPS and c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() in TOLL_NOUNS
            ]
            if tallies:  # the object first: "counts by the navy put the number of sailors at 37"
                return min(tallies, key=lambda c: CORE_DEPS_ORDER.index(c.dep_))
    return None


def toll_owner(toll: Token) -> Token | None:
    """The subject that gives a tally said to be its own ("the ministry put its losses at ...", "the
    minister put his country's losses at ..."), or None when the tally has no such owner word."""
    owned = False
    for left in toll.lefts:
        if left.dep_ == "poss" and left.lower_ in OWNER_PRONOUNS:
            owned = True
        if left.dep_ == "poss" and left.lemma_.lower() == "country":
            owned = any(g.lower_ in OWNER_PRONOUNS for g in left.lefts)
        if left.lower_ == "own":
            owned = True
    if not owned or toll.dep_ not in CORE_DEPS:
        return None
    return next((c for c in toll.head.children if c.dep_ == "nsubj" and c != toll), None)
