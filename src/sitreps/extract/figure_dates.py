"""When a casualty figure held: the day it was given, not the day a later article restates it.

A figure's date is read from the time words that belong to its report, nearest first: words right
after the count ("50 dead on 13 September", "71 a day later"), a reporting clause on the count or its
noun ("19 reported on Monday", "the 60 deaths the ministry reported on 2 October"), then the time
words of the reporting or tally verbs above it ("told reporters on 2 May that 8 ... had died").
Time words of the outcome itself ("killed on Sunday") date the event, not the report, and are skipped.
A relative day ("a day later", "the next day", "a day earlier") counts from the figure before it (or,
going back, from the publication date); an earlier report with no day ("in an earlier update", "on
the first day") has no known date. With no time words at all, the figure holds on the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitreps.model import Article, TimeRef
from sitreps.nlp.wordlists import word_list, word_set, word_table

if TYPE_CHECKING:
    from spacy.tokens import Token

WORDS = "figure_date_words.toml"  # what each list is for: see the file
# Verbs whose time words date a report or an update of a tally.
REPORTING = word_set(WORDS, "reporting_verbs")
TIME_DEPS = {"prep", "npadvmod", "advmod", "tmod"}
# Prepositions that open a stretch or the circumstances of the deaths, not the day of the report.
NOT_REPORT_DAY = word_set(WORDS, "not_report_day")
_STEP: dict[str, int] = word_table(WORDS, "day_counts")
DAYS_LATER = word_list(WORDS, "days_later")
_COUNT = "|".join(_STEP)
_DIRECTION = "|".join((*DAYS_LATER, *word_list(WORDS, "days_earlier")))
RELATIVE = re.compile(
    rf"^(?:(?P<n>{_COUNT}|\d)\s+days?\s+(?P<dir>{_DIRECTION})"
    r"|the\s+(?P<next>next|following)\s+day|the\s+(?P<prev>previous)\s+day|the\s+day\s+before)\b",
    re.I,
)
# An earlier report whose day the text does not give.
_UNDATED = "|".join(word_list(WORDS, "undated_earlier"))
UNDATED_EARLIER = re.compile(rf"\b(?:{_UNDATED})\b", re.I)
UNDATED_ADVERBS = word_set(WORDS, "undated_adverbs")


@dataclass(frozen=True)
class _Decision:
    when: date | None


def _is_count(token: Token) -> bool:
    return token.like_num and token.ent_type_ not in {"DATE", "TIME"}


def _text_decision(
    tokens: list[Token], times: list[TimeRef], previous: date | None, anchor: date | None
) -> _Decision | None:
    """What one stretch of time words says about the figure's date, or None when it says nothing."""
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    first = tokens[0].lower_
    words = " ".join(t.text for t in tokens)
    relative = RELATIVE.match(words)
    if relative is not None:
        later = relative["next"] or (relative["dir"] or "").lower() in DAYS_LATER
        step = _STEP.get(
            (relative["n"] or "a").lower(), int(relative["n"]) if (relative["n"] or "").isdigit() else 1
        )
        if later:
            return _Decision(previous + timedelta(days=step) if previous else None)
        base = previous or anchor
        return _Decision(base - timedelta(days=step) if base else None)
    if first in NOT_REPORT_DAY:
        return None
    if first in {"in", "on"} and UNDATED_EARLIER.search(words) and not RELATIVE.search(words):
        return _Decision(None)  # "in an earlier update", "on the first day"
    for time in times:
        inside = start <= time.mention.start and time.mention.end <= end
        if inside and time.precision == "day" and time.start is not None and time.start == time.end:
            return _Decision(time.start)
    if len(tokens) == 1 and first in UNDATED_ADVERBS:
        return _Decision(None)
    if any(t.ent_type_ == "DATE" for t in tokens) and UNDATED_EARLIER.search(words):
        return _Decision(None)  # "on the first day": a day the text does not put on the calendar
    return None


def _window_after(token: Token) -> list[Token]:
    """The few words right after a count, up to a comma, a conjunction or the next count."""
    out: list[Token] = []
    for word in token.doc[token.i + 1 : token.i + 8]:
        if word.is_punct or word.dep_ == "cc" or _is_count(word) or word.is_sent_start:
            break
        out.append(word)
    starts_well = out and (out[0].lower_ in {"on", "in"} or RELATIVE.match(" ".join(t.text for t in out)))
    return out if starts_well else []


def _time_children(head: Token, count: Token) -> list[list[Token]]:
    """The time-word phrases attached to a word, leaving out any that hold a count of their own."""
    phrases = []
    for child in head.children:
        if child.dep_ not in TIME_DEPS:
            continue
        words = list(child.subtree)
        if count in words or any(_is_count(w) for w in words):
            continue
        phrases.append(words)
    return phrases


def _report_clauses(noun: Token) -> list[Token]:
    """Reporting clauses on a noun: "19 reported on Monday", "the deaths the ministry reported"."""
    return [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in REPORTING]


def figure_as_of(
    count: Token, noun: Token, article: Article, times: list[TimeRef], previous: date | None
) -> date | None:
    """The date a figure held (see the module docstring). ``count`` is the number, ``noun`` the word
    it counts (the number itself for a bare count), ``previous`` the date of the figure just before it."""
    anchor = article.published
    verb = next((a for a in count.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    reported = verb is None or verb.lemma_.lower() in REPORTING  # not "arrested 45 protesters on ..."
    after = _window_after(noun if noun.i > count.i else count) if reported else []
    stretches: list[list[Token]] = [after]
    for owner in dict.fromkeys((count, noun)):
        stretches += [
            words
            for w in owner.children
            if w.dep_ in TIME_DEPS and w.dep_ != "advmod"
            for words in [list(w.subtree)]
            if not any(_is_count(t) for t in words)
        ]
        for clause in _report_clauses(owner):
            stretches += _time_children(clause, count)
    for ancestor in count.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            if ancestor.lemma_.lower() in REPORTING:
                stretches += _time_children(ancestor, count)
        elif ancestor.pos_ in {"NOUN", "PROPN"}:
            for clause in _report_clauses(ancestor):
                stretches += _time_children(clause, count)
        else:  # "up from 41 in an earlier update"
            stretches += _time_children(ancestor, count)
    for words in stretches:
        decision = _text_decision(words, times, previous, anchor)
        if decision is not None:
            # A day after publication is a misreading ("the next day" after a figure of that day).
            late = decision.when is not None and anchor is not None and decision.when > anchor
            return None if late else decision.when
    return anchor
