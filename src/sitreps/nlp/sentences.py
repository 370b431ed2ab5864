"""A spaCy component that keeps bracketed insertions inside their sentence.

The small English model starts a new sentence at "[" ("the Basarkechar [Gegharkunik] region"), which
cuts the clause in two and breaks its dependency tree. Run before the parser, this marks every token
inside brackets, and the one after a closing bracket, as not starting a sentence; the parser respects it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

BRACKET_COMPONENT = "sitreps_bracket_sentences"
OPENING, CLOSING = {"[", "("}, {"]", ")"}
# An insertion longer than this, or one that a paragraph break interrupts, is not treated as one:
# an unclosed bracket must not glue the rest of the article into one sentence.
MAX_INSERTION = 40


def register_component() -> None:
    """Make ``sitreps_bracket_sentences`` known to spaCy (``pipeline.load_pipeline`` adds it before the
    parser)."""
    from spacy.language import Language  # heavy: imported on first use, so that sitreps --help stays fast

    if not Language.has_factory(BRACKET_COMPONENT):
        Language.component(BRACKET_COMPONENT, func=keep_brackets_in_sentence)


def keep_brackets_in_sentence(doc: Doc) -> Doc:
    depth, opened = 0, 0
    for token in doc:
        if depth > 0 and (token.i - opened > MAX_INSERTION or "\n" in token.text):
            depth = 0
        if depth > 0 or (token.i > 0 and doc[token.i - 1].text in CLOSING and token.is_lower):
            token.is_sent_start = False
        if token.text in OPENING:
            depth, opened = depth + 1, token.i
            if token.i > 0:
                token.is_sent_start = False
        elif token.text in CLOSING and depth > 0:
            depth -= 1
    return doc
