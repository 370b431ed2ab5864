"""The toponym component: a spaCy pipe that fixes the small model's toponym errors before any extractor
reads the entities.

:class:`ToponymMarker` runs right after ``ner`` (``pipeline.load_pipeline`` adds it). It looks every
capitalised word sequence up in the gazetteer (exact folded names, no loose matches) and, where the
context vouches for a place, relabels the model's reading ("Lachin" PERSON, "Dashkasan" ORG) as GPE or
adds the toponym it missed ("Basarkechar", "Gegharkunik"). The context: a kind-of-place word ("X region",
"X district", "in X direction", "village of X"), a locative preposition ("in X", "near X"), a bracketed
alternative ("Basarkechar [Gegharkunik]"), or a list with other places ("in Dashkasan, Kalbajar, and
Lachin directions"). A name that is not an English word, tagged as a proper noun, and known as a sizeable
place needs no cue. Demonyms ("Azerbaijani") are never places. The model's own GPE/LOC/FAC entities are
checked too: a full person's name elsewhere in the article makes "Buhari" a PERSON, and a name no
gazetteer lists, with no cue and no geographic word ("Orange County", "Mount X") or facility word ("X
Street"), is dropped, as is a plain English word ("March", "August").

The cues (:func:`toponym_cues`) are shared with the places extractor, which reads them again to resolve
each toponym.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitreps.geo.countries import by_demonym, by_name
from sitreps.geo.gazetteer import Candidate, Gazetteer, open_gazetteer
from sitreps.geo.geocode import Hint
from sitreps.model import PlaceFeature
from sitreps.nlp.wordlists import word_kinds, word_set

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan


WORDS = "toponym_words.toml"  # what each list is for: see the file
GEO_LAST_WORDS = word_set(WORDS, "geo_last_words")
GEO_FIRST_WORDS = word_set(WORDS, "geo_first_words")
FACILITY_WORDS = word_set(WORDS, "facility_words")
PLACE_LABELS: dict[str, PlaceFeature] = {"GPE": "settlement", "LOC": "region", "FAC": "facility"}
TOPONYM_COMPONENT = "sitreps_toponyms"
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# A place this large outweighs the model's reading of its name as a person or an organisation.
PROMINENT = 100_000
MAX_NAME_WORDS = 5

# Words after a toponym that say what kind of place it is; "village of X": the noun before "of".
KIND_AFTER: dict[str, Hint] = word_kinds(WORDS, "kind_after", Hint)
KIND_BEFORE: dict[str, Hint] = word_kinds(WORDS, "kind_before", Hint)
NEAR_BEFORE = word_set(WORDS, "near_before")
LOCATIVE = word_set(WORDS, "locative")
LIST_GLUE = frozenset({",", "and", "or", "&"})
NAME_GLUE = word_set(WORDS, "name_glue")
OPEN, CLOSE = frozenset({"[", "("}), frozenset({"]", ")"})


@dataclass(frozen=True)
class Cue:
    """What the words around a toponym say: its kind, a locative or "near" use, a bracketed partner."""

    hint: Hint | None = None
    locative: bool = False
    near: bool = False
    partner: tuple[int, int] | None = None
    in_list: bool = False

    @property
    def vouches(self) -> bool:
        """True when the context alone says this is a place."""
        return self.hint is not None or self.locative or self.near or self.partner is not None


def register_component() -> None:
    """Make ``sitreps_toponyms`` known to spaCy (``pipeline.load_pipeline`` adds it after ``ner``)."""
    from spacy.language import Language  # heavy: imported on first use, so that sitreps --help stays fast

    if not Language.has_factory(TOPONYM_COMPONENT):
        Language.factory(TOPONYM_COMPONENT, func=_make_marker)


def _make_marker(nlp: Language, name: str) -> ToponymMarker:
    return ToponymMarker(nlp)


class ToponymMarker:
    """The spaCy component (see the module docstring); reads the gazetteer, never writes it.

    The gazetteer is opened when the pipeline is built, so a missing one fails at load, not mid-batch.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or open_gazetteer()
        # Famous places are names first, though WordNet lists them ("london"); smaller namesakes of
        # words ("March", "Bath") stay words.
        self.english = _english_words(nlp, self.gazetteer.prominent_keys(PROMINENT))

    def __call__(self, doc: Doc) -> Doc:
        # heavy: imported on first use, so that importing sitreps.nlp stays fast
        from spacy.tokens import Span as DocSpan
        from spacy.util import filter_spans

        ents = list(doc.ents)
        owner = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        matches = {(s, e): c for s, e, c in _gazetteer_spans(doc, self.gazetteer)}
        model_places = [x for x in ents if x.label_ in PLACE_LABELS]
        cues = toponym_cues(doc, [*matches, *((x.start, x.end) for x in model_places)])
        people = _person_words(ents)
        labels: dict[tuple[int, int], str] = {}  # spans to (re)label
        removed: set[tuple[int, int]] = set()  # the model's entities to drop or replace
        for ent in model_places:
            verdict = self._model_place(ent, cues.get((ent.start, ent.end), Cue()), people)
            if verdict != "keep":
                removed.add((ent.start, ent.end))
                if verdict == "PERSON":
                    labels[(ent.start, ent.end)] = "PERSON"
        for (start, end), candidates in matches.items():
            covering = {owner[i] for i in range(start, end) if i in owner}
            if any(c.label_ in PLACE_LABELS for c in covering):
                continue
            cue = cues.get((start, end), Cue())
            label = "LOC" if candidates[0].feature in {"region", "water"} else "GPE"
            span = doc[start:end]
            if not covering:
                if cue.vouches or self._notable(span, candidates):
                    labels[(start, end)] = label
                continue
            single = next(iter(covering)) if len(covering) == 1 else None
            whole = (
                single is not None
                and single.end == end
                and (
                    single.start == start or (single.start == start - 1 and doc[single.start].lower_ == "the")
                )
            )
            if single is None or not whole:
                continue  # a word inside a longer name: "Hulusi Akar", "the Consulate General of Turkiye"
            if single.label_ == "NORP":
                accept = by_demonym(span.text) is None and self._notable(span, candidates)
            elif single.label_ in {"PERSON", "ORG"}:
                accept = (
                    cue.vouches
                    or candidates[0].feature == "country"
                    or self._prominent(span, candidates, people)
                )
            elif single.label_ in NUMERIC_LABELS:
                accept = False  # "in March": a date, whatever towns are called March
            else:
                accept = cue.hint is not None or cue.partner is not None
            if accept:
                removed.add((single.start, single.end))
                labels[(single.start, single.end)] = label
        # A list is as good as its best member: "in Dashkasan, Kalbajar, and Lachin directions".
        for group in _lists(doc, [*matches, *((x.start, x.end) for x in model_places)]):
            if any(
                labels.get(b) in {"GPE", "LOC"} or (_is_place_ent(b, ents) and b not in removed)
                for b in group
            ):
                for b in group:
                    if b in matches and b not in labels and not _inside_other_ent(*b, owner):
                        labels[b] = "LOC" if matches[b][0].feature in {"region", "water"} else "GPE"
                        removed.update((e.start, e.end) for e in ents if (e.start, e.end) == b)
        if not labels and not removed:
            return doc
        kept = [e for e in ents if (e.start, e.end) not in removed]
        added = [DocSpan(doc, s, e, label=label) for (s, e), label in labels.items()]
        doc.ents = filter_spans([*added, *kept])
        return doc

    def _model_place(self, ent: DocSpan, cue: Cue, people: frozenset[str]) -> str:
        """What to do with the model's GPE/LOC/FAC: "keep", "PERSON" (a person's name), or "drop"."""
        text = bare(ent.text)
        if by_name(text) is not None or cue.vouches:
            return "keep"
        if text in people:
            return "PERSON"  # "Buhari" after "Muhammadu Buhari": the model's GPE is the person
        candidates = self.gazetteer.candidates(text, loose=False)
        if ent.label_ == "FAC" and not candidates:
            words = text.lower().split()
            return "keep" if words[-1].rstrip(".") in FACILITY_WORDS | GEO_LAST_WORDS else "drop"
        if not candidates:
            # Not a place anyone lists, and nothing around it says it is one ("Yulia", "Ocean Infinity"),
            # unless its own words say what it is ("Orange County", "Mount Chaambi").
            words = text.lower().split()
            geographic = len(words) > 1 and (words[-1] in GEO_LAST_WORDS or words[0] in GEO_FIRST_WORDS)
            return "keep" if geographic else "drop"
        if len(ent) == 1 and text.lower() in self.english and not any(_major(c) for c in candidates):
            return "drop"  # "March", "August": words first, unless a major place or the context says place
        return "keep"

    def _notable(self, span: DocSpan, candidates: Sequence[Candidate]) -> bool:
        """A name that needs no cue: a proper noun, not an English word, a sizeable or administrative
        place."""
        best = candidates[0]
        english = all(t.lower_ in self.english or t.is_stop for t in span if t.is_alpha)
        if best.feature == "country" and best.match in {"name", "alias"}:
            return not (english and span[0].is_sent_start)
        if (span[0].is_sent_start and not _dateline(span)) or span.root.pos_ != "PROPN" or english:
            return False
        return best.match in {"name", "alias"} and (
            best.population >= 10_000 or best.feature in {"province", "district", "region", "water"}
        )

    def _prominent(self, span: DocSpan, candidates: Sequence[Candidate], people: frozenset[str]) -> bool:
        """A person or organisation reading that a large place outweighs ("Tamil Nadu" read as PERSON)."""
        best = candidates[0]
        if span.text in people or best.match not in {"name", "alias"}:
            return False
        if all(t.lower_ in self.english or t.is_stop for t in span if t.is_alpha):
            return False
        return best.population >= PROMINENT or best.feature in {"region", "water"}


def bare(text: str) -> str:
    """The name without a leading "the" ("the Gaza Strip" -> "Gaza Strip")."""
    return text[4:] if text[:4].lower() == "the " else text


def _major(candidate: Candidate) -> bool:
    return (
        candidate.feature in {"country", "province", "region", "water"} or candidate.population >= PROMINENT
    )


def _dateline(span: DocSpan) -> bool:
    """A place opening a story: "DUBAI, March 5 -", "LONDON (Reuters) -"."""
    return (
        span.start == 0 and span.end < len(span.doc) and span.doc[span.end].text in {",", "(", "-", "—", "–"}
    )


def _person_words(ents: Iterable[DocSpan]) -> frozenset[str]:
    """The words of full person names in the doc ("Muhammadu Buhari" gives "Buhari" and "Muhammadu")."""
    return frozenset(t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_alpha)


def _is_place_ent(bounds: tuple[int, int], ents: Iterable[DocSpan]) -> bool:
    return any((e.start, e.end) == bounds and e.label_ in PLACE_LABELS for e in ents)


def _inside_other_ent(start: int, end: int, owner: dict[int, DocSpan]) -> bool:
    covering = {owner[i] for i in range(start, end) if i in owner}
    return any(not (e.label_ in PLACE_LABELS or (e.start >= start - 1 and e.end == end)) for e in covering)


def _english_words(nlp: Language, names: frozenset[str]) -> frozenset[str]:
    """Lower-case English words, from the lemmatizer's WordNet tables (empty for a pipeline without them).

    WordNet's nouns include famous proper names ("london", "mississippi"): nouns in ``names`` are left
    out, so those read as names; adjectives, adverbs and verbs stay words ("Mobile", "Nice", "Split").
    """
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return frozenset()
    noun = nlp.vocab.strings.as_int("noun") if "noun" in nlp.vocab.strings else None
    return frozenset(w for pos in table for w in table[pos] if pos != noun or w not in names)


def _name_shaped(span: DocSpan) -> bool:
    """Capitalised first and last word, joined by capitalised words or name glue ("Deir ez-Zor")."""
    first, last = span[0], span[-1]
    if not (first.text[:1].isupper() and last.text[:1].isupper() and first.is_alpha and last.is_alpha):
        return False
    return all(t.text[:1].isupper() or t.lower_ in NAME_GLUE for t in span[1:-1]) and "\n" not in span.text


def _gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> Iterable[tuple[int, int, list[Candidate]]]:
    """Longest capitalised word sequences that name a place exactly, left to right, not overlapping."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if not (token.text[:1].isupper() and token.is_alpha) or (token.is_stop and token.is_sent_start):
            i += 1
            continue
        for n in range(min(MAX_NAME_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if not _name_shaped(span):
                continue
            text = span.text
            if by_demonym(text) is not None and by_name(text) is None:
                continue
            candidates = gazetteer.candidates(text, loose=False)
            if text.isupper() and len(text.replace(".", "")) <= 4:
                # An acronym ("BA", "AI") is not a town's name in capitals; ours and countries' are.
                candidates = [
                    c for c in candidates if c.match == "alias" or c.feature in {"country", "region"}
                ]
            if candidates:
                candidates.sort(
                    key=lambda c: (c.feature != "country", c.match not in {"name", "alias"}, -c.population)
                )
                yield i, i + n, candidates
                i += n
                break
        else:
            i += 1


def toponym_cues(doc: Doc, bounds: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Cue]:
    """The cue of each (start, end) token range, with lists and brackets sharing theirs."""
    known = sorted(set(bounds))
    cues = {b: _own_cue(doc, *b) for b in known}
    starts = {s: (s, e) for s, e in known}
    for s, e in known:
        # "A [B]": B is A's alternative; the kind word after the bracket describes both.
        if e < len(doc) - 2 and doc[e].text in OPEN and e + 1 in starts:
            other = starts[e + 1]
            if other[1] < len(doc) and doc[other[1]].text in CLOSE:
                after = _kind_after(doc, other[1] + 1)
                for this, partner in (((s, e), other), (other, (s, e))):
                    cue = cues[this]
                    cues[this] = Cue(after or cue.hint, cue.locative, cue.near, partner, cue.in_list)
    for group in _lists(doc, known):
        hint = next((cues[b].hint for b in reversed(group) if cues[b].hint), None)
        first = cues[group[0]]
        for b in group:
            cue = cues[b]
            cues[b] = Cue(
                cue.hint or hint, cue.locative or first.locative, cue.near or first.near, cue.partner, True
            )
    return cues


def _own_cue(doc: Doc, start: int, end: int) -> Cue:
    hint = _kind_after(doc, end)
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    locative = near = False
    if before >= 1 and doc[before].lower_ == "of":
        noun = doc[before - 1].lower_
        hint = hint or KIND_BEFORE.get(noun) or KIND_BEFORE.get(noun.rstrip("s"))
        near = noun in NEAR_BEFORE
    elif before >= 0:
        word = doc[before].lower_
        locative = word in LOCATIVE
        near = word in NEAR_BEFORE
    return Cue(hint, locative, near)


def _kind_after(doc: Doc, i: int) -> Hint | None:
    if i >= len(doc):
        return None
    word = doc[i].lower_
    if doc[i].pos_ not in {"NOUN", "PROPN"}:
        return None
    return KIND_AFTER.get(word) or (KIND_AFTER.get(word[:-1]) if word.endswith("s") else None)


def _lists(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of toponyms joined only by commas and and/or: "Dashkasan, Kalbajar, and Lachin"."""
    groups: list[list[tuple[int, int]]] = []
    for b in sorted(set(bounds)):
        if groups:
            last = groups[-1][-1]
            between = doc[last[1] : b[0]]
            if 0 < len(between) <= 3 and all(t.lower_ in LIST_GLUE for t in between):
                groups[-1].append(b)
                continue
        groups.append([b])
    return [g for g in groups if len(g) > 1]
