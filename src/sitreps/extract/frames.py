"""Reporting frames: who says what, through whom. Used by the events and claims extractors.

A frame is a reporting verb with a speaker ("the ministry said", "Azernews reports, citing the
ministry", "according to X", "X wrote on its social media accounts"); a denial verb ("denied",
"dismissed", "refuted") is a frame with the stance ``denies``. Quotations take the frame that closes or
opens them, so every sentence of a multi-sentence quote has its speaker. A pronoun speaker ("he added")
is the last person named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.reference import actor_of
from sitreps.model import Actor, Stance
from sitreps.nlp.wordlists import word_list, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

WORDS = "frame_words.toml"  # what each list is for: see the file
REPORTING_VERBS = word_set(WORDS, "reporting_verbs")
DENIAL_VERBS = word_set(WORDS, "denial_verbs")
PERSONAL_PRONOUNS = word_set(WORDS, "personal_pronouns")
_QUOTE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Frame:
    verb: Token
    speaker: Actor | None  # None: a source the text does not name ("critics said", "sources said")
    cited: Actor | None
    stance: Stance

    @property
    def depth(self) -> int:
        """How deep the frame's verb sits in its sentence's tree (outer frames first)."""
        return sum(1 for _ in self.verb.ancestors)


def last_person_before(position: int, found: Found) -> Actor | None:
    """The person mentioned last before a character position."""
    best: tuple[int, Actor] | None = None
    for actor in found.actors:
        if actor.kind != "person":
            continue
        for m in actor.mentions:
            if m.end <= position and (best is None or m.start > best[0]):
                best = (m.start, actor)
    return best[1] if best else None


def _speaker(verb: Token, found: Found) -> Actor | None:
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return _speaker_before(verb, found)
    if subject.lower_ in PERSONAL_PRONOUNS:
        return last_person_before(subject.idx, found)
    return actor_of(subject, found)


def _speaker_before(verb: Token, found: Found) -> Actor | None:
    """ "..., the Committee to Protect Journalists said.": when the parser gives a closing reporting verb
    no subject, the actor named right before it (after the last comma) is the speaker."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start and doc[start - 1].text not in {",", ";", "“", '"', "”"}:
        start -= 1
    if start == verb.i:
        return None
    begin, end = doc[start].idx, doc[verb.i - 1].idx + len(doc[verb.i - 1].text)
    return found.actor_within(begin, end)


def frames_in(sentence: DocSpan, found: Found) -> list[Frame]:
    """The reporting frames of one sentence, outer first."""
    frames = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in REPORTING_VERBS and lemma != "cite":
            speaker = _speaker(token, found)
            subject_less = not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
            if speaker is None and subject_less:
                continue
            cited = None
            # "X reports, citing Y, that ...": the parser may hang "citing" on the reported clause.
            for child in token.sent:
                if child.lemma_.lower() == "cite" and (
                    child.head == token or token in child.ancestors or child.head in token.subtree
                ):
                    obj = next((g for g in child.children if g.dep_ == "dobj"), None)
                    cited = actor_of(obj, found) if obj is not None else None
                    break
            frames.append(Frame(token, speaker, cited, "denies" if lemma in DENIAL_VERBS else "asserts"))
        elif token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            obj = next((g for g in token.nbor(1).children if g.dep_ == "pobj"), None)
            speaker = actor_of(obj, found) if obj is not None else None
            if speaker is not None:
                frames.append(Frame(token, speaker, None, "asserts"))
    return sorted(frames, key=lambda f: f.depth)


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, from an opening to its closing mark."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _QUOTE.finditer(text):
        mark = m.group()
        if opened is None and mark != "”":
            opened = m.start()
        elif opened is not None and mark != "“":
            regions.append((opened, m.end()))
            opened = None
    return regions


def quote_speakers(doc: Doc, found: Found) -> dict[tuple[int, int], Frame]:
    """The frame of each quotation: the reporting verb outside it in the sentence that closes or opens it."""
    out: dict[tuple[int, int], Frame] = {}
    previous: tuple[int, Frame] | None = None  # where the last quotation with a speaker ended, and its frame
    text = doc.text  # spaCy joins the tokens again on every access
    for start, end in quote_regions(text):
        # A quotation right after a framed one, with nothing but its frame between them, continues it:
        # "“...,” said Hakobyan, a spokesman. “Two soldiers were wounded.”"
        if previous is not None and _only_frame_between(text, previous, start):
            out[(start, end)] = previous[1]
            previous = (end, previous[1])
            continue
        closing = doc.char_span(end - 1, end, alignment_mode="expand")
        opening = doc.char_span(start, start + 1, alignment_mode="expand")
        for edge in (closing, opening):
            if edge is None:
                continue
            outside = [
                f
                for f in frames_in(edge.sent, found)
                if not start <= f.verb.idx < end and f.speaker is not None
            ]
            if outside:
                out[(start, end)] = outside[-1]
                previous = (end, outside[-1])
                break
    return out


def _only_frame_between(text: str, previous: tuple[int, Frame], start: int) -> bool:
    """Whether the text between a framed quotation's end and the next quotation is its frame alone."""
    end, frame = previous
    if not end <= frame.verb.idx < start:
        return False
    gap = text[end:start]
    return gap.count(".") <= 1 and "\n\n" not in gap and len(gap) < 200


def quote_frame_at(position: int, quotes: dict[tuple[int, int], Frame]) -> Frame | None:
    """The frame of the quotation a character position lies in, if any."""
    return next((f for (s, e), f in quotes.items() if s <= position < e), None)


CONTINUATIONS = word_list(WORDS, "continuations")


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n\n", position)
    return len(text) if end < 0 else end


class FrameIndex:
    """The frames of every sentence and quotation of a document, and which ones govern a token."""

    def __init__(self, doc: Doc, found: Found) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy joins the tokens again on every access
        self.sentences = list(doc.sents)
        self.index_of = {s.start: i for i, s in enumerate(self.sentences)}
        self.by_sentence = {s.start: frames_in(s, found) for s in self.sentences}
        self.quotes = quote_speakers(doc, found)
        self._tokens = {t.idx: t for t in doc}

    def token_at(self, offset: int) -> Token | None:
        """The token that starts at a character offset (records' spans start on tokens)."""
        token = self._tokens.get(offset)
        if token is None:
            span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
            token = span[0] if span is not None and len(span) else None
        return token

    def governing(self, token: Token) -> list[Frame]:
        """The frames that govern a token, outer first, excluding one whose verb is the token itself.

        A quotation takes the frame that closes it. A sentence with no frame of its own takes the frame
        of the sentence before when it opens with a continuation ("Moreover"), else the frame at the end
        of its paragraph.
        """
        own = [f for f in self.by_sentence.get(token.sent.start, []) if f.verb != token]
        frames = [f for f in own if token in f.verb.subtree] or own
        quoted = quote_frame_at(token.idx, self.quotes)
        if quoted is not None and quoted.verb != token and not frames:
            frames = [quoted]
        return frames or self._borrowed(token.sent)

    def _borrowed(self, sentence: DocSpan) -> list[Frame]:
        index = self.index_of[sentence.start]
        if sentence.text.strip().lower().startswith(CONTINUATIONS) and index > 0:
            previous = self.governing_sentence(self.sentences[index - 1])
            if previous:
                return previous
        end = _paragraph_end(self.text, sentence.start_char)
        later = [s for s in self.sentences[index + 1 :] if s.start_char < end]
        if later and self.by_sentence.get(later[-1].start):
            return self.by_sentence[later[-1].start]
        return []

    def governing_sentence(self, sentence: DocSpan) -> list[Frame]:
        """The frames of a sentence: its own, else those it borrows."""
        return self.by_sentence.get(sentence.start) or self._borrowed(sentence)


def frame_index(doc: Doc, found: Found) -> FrameIndex:
    """The FrameIndex of a document, built once for the extractors that need it where possible.

    Building one reads ``found.actors`` (and may add a state actor to them), so an earlier build is
    reused only when it changed no actor and none has changed since: it is then the index a new build
    would make.
    """
    actors = tuple(found.actors)
    memo = found.frames_memo
    if (
        memo is not None
        and memo[0] is doc
        and _same_actors(memo[1], actors)
        and isinstance(memo[2], FrameIndex)
    ):
        return memo[2]
    index = FrameIndex(doc, found)
    found.frames_memo = (doc, actors, index) if _same_actors(actors, tuple(found.actors)) else None
    return index


def _same_actors(first: tuple[Actor, ...], second: tuple[Actor, ...]) -> bool:
    """The same actor records in the same order (records are replaced, never changed, when they grow)."""
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))
