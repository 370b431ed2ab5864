"""Cue features: regular expressions for words that decide between neighbouring labels.

Each cue is one feature column (1.0 when its pattern matches the text, else 0.0) appended to the TF-IDF
features; the linear SVM learns from the training text how much each cue counts for each label.
Cues are named after what they detect, not after a label, because one cue can matter to several labels
(tear gas is a sign of a protest with intervention, and a weapon of chemical attacks only when it is not
tear gas).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

_I = re.IGNORECASE

# name -> pattern. Order is the column order; keep names stable (tests and Prediction.cues use them).
CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, _I)
    for name, pattern in [
        ("grenade", r"\bgrenades?\b"),
        ("suicide", r"\bsuicide\b|\bblew (him|her|them)sel(f|ves) up\b|\bexplosive (vest|belt)\b|\bsvbied\b"),
        (
            "ied_mine",
            r"\b(ieds?|improvised explosive|roadside bomb|land ?mines?|mines?\b(?! workers| site)|"
            r"car bomb|explosive device|booby.?trap|unexploded|planted (a |the )?bomb|bomb (was )?planted)",
        ),
        (
            "air",
            r"\b(air ?strikes?|air raids?|warplanes?|jets?|aircraft|drones?|helicopters?|gunships?|"
            r"air force|aerial|uav)\b",
        ),
        (
            "artillery",
            r"\b(shell(s|ed|ing)?|artillery|mortars?|rockets?|missiles?|howitzers?|katyusha|grad|"
            r"barrage|bombard(ed|ment)?)\b",
        ),
        (
            "chemical",
            r"\b(chemical|chlorine|sarin|mustard (gas|agent)|nerve agent|toxic gas|poison(ous)? gas|"
            r"chloropicrin)\b",
        ),
        ("tear_gas", r"\btear[- ]?gas(sed)?\b|\bwater cannons?\b|\brubber bullets?\b|\bpepper spray\b"),
        (
            "protest",
            r"\b(protest(s|ers?|ed|ing)?|demonstrat(ion|ions|ors?|ed|ing)|rall(y|ies|ied)|march(ed|es)?|"
            r"sit-in|marchers)\b",
        ),
        ("disperse", r"\b(dispers(e|ed|ing)|broke up|break up|cleared the)\b"),
        (
            "live_fire",
            r"\b(live (ammunition|rounds|fire|bullets)|opened fire|shot dead|fatally shot|"
            r"killed|killing)\b",
        ),
        (
            "riot",
            r"\b(riot(s|ers|ing|ed)?|torch(ed)?|set (on )?fire|burn(ed|t|ing)|stones?|rocks|"
            r"molotov|petrol bombs?|vandalis(ed|ing)|ransacked|looted)\b",
        ),
        ("mob", r"\b(mob|lynch(ed|ing)?|vigilantes?|witchcraft|sorcery|beat (him|her|them) to death)\b"),
        (
            "claim",
            r"\b(claimed|claims?|claiming) (responsibility|the attack|credit)|\bresponsib(le|ility)\b|"
            r"\bblamed\b|\baccused\b|\bwas behind\b|\bhallmarks\b",
        ),
        (
            "defuse",
            r"\b(defus(ed|ing)|intercept(ed|ion)|shot down|downed|foil(ed)?|thwart(ed)?|"
            r"seized .{0,40}(weapons?|arms|ammunition|explosives?)|(weapons?|arms) cache|neutrali[sz]ed|"
            r"bomb disposal|bomb squad|deminers?|sappers?)\b",
        ),
        ("base", r"\b(headquarters|base|camp|outpost|command (post|centre|center))\b"),
        ("set_up", r"\b(set up|established?|establishing|install(ed)?|built|opened a)\b"),
        (
            "handover",
            r"\b(handed over|hand over|handover|withdr(ew|awn)|pulled out|without (a fight|resistance|"
            r"fighting|clashes)|unopposed|abandoned|vacated|ceded)\b",
        ),
        (
            "recapture",
            r"\b(recaptur(ed|e)|retook|retake|regain(ed)?|liberat(ed|e)|took back|restored control|"
            r"reclaimed)\b",
        ),
        (
            "capture",
            r"\b(captur(ed|e)|seized (control|the town|the city)|overr(an|un)|took (over|control)|"
            r"taken (over|control))\b",
        ),
        (
            "rebel",
            r"\b(rebels?|insurgents?|militants?|militias?|jihadists?|separatists?|taliban|"
            r"al-shabaab|boko haram|islamic state|isis|isil|m23|houthis?)\b",
        ),
        ("government", r"\b(army|troops|soldiers|government forces|military|security forces)\b"),
        (
            "natural",
            r"\b(earthquakes?|quakes?|floods?|flooding|cyclones?|hurricanes?|typhoons?|storms?|"
            r"landslides?|mudslides?|droughts?|volcan(o|ic)|tsunami|wildfires?|heavy rains?|torrential)\b",
        ),
        (
            "accident",
            r"\b(factory|plant|refinery|warehouse|gas (leak|cylinder|explosion)|collapsed?|"
            r"derail(ed|ment)|capsized|crash(ed)?|fire broke out|blaze|spill)\b",
        ),
        (
            "crime",
            r"\b(cartels?|gangs?|drugs?|cocaine|heroin|narcotics?|trafficking|traffickers|smuggl(ing|ers?)|"
            r"mafia|extortion|ransom)\b",
        ),
        ("kidnap", r"\b(kidnap(ped|ping|pers)?|abduct(ed|ion)?|hostages?|disappear(ed|ance)|missing)\b"),
        ("arrest", r"\b(arrest(ed|s)?|detain(ed)?|custody|rounded up|apprehended)\b"),
        ("sexual", r"\b(rap(e|ed|es|ing)|sexual(ly)?)\b"),
        (
            "diplomacy",
            r"\b(talks|met|meeting|visit(ed)?|summit|counterpart|ambassador|foreign minist(er|ry)|"
            r"envoy|diplomatic|phone call|condemn(ed|s)?)\b",
        ),
        (
            "agreement",
            r"\b(agree(d|ment)|ceasefire|truce|accord|deal|signed|peace (deal|agreement)|"
            r"prisoner (swap|exchange))\b",
        ),
        ("negation", r"\b(not|no|never|denied|without)\b"),
    ]
}


# Each pattern without IGNORECASE, where its source is ASCII and lower-case (no \W, \S or capitals): on
# ASCII text lowered first it finds exactly what the case-insensitive one finds on the text (re only adds
# non-ASCII equivalents such as "ſ" for "s"), at about half the cost.
_ASCII_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (p, re.compile(p.pattern) if p.pattern.isascii() and p.pattern == p.pattern.lower() else None)
    for p in CUES.values()
)


def _hits(text: str) -> list[bool]:
    """Whether each cue matches ``text``, in CUES order."""
    if not text.isascii():
        return [pattern.search(text) is not None for pattern in CUES.values()]
    lowered = text.lower()
    return [
        (pattern.search(text) if plain is None else plain.search(lowered)) is not None
        for pattern, plain in _ASCII_CUES
    ]


def cue_matrix(texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """A (len(texts), len(CUES)) matrix of 0/1 cue indicators."""
    out = np.zeros((len(texts), len(CUES)), dtype=np.float64)
    for i, text in enumerate(texts):
        for j, hit in enumerate(_hits(text)):
            if hit:
                out[i, j] = 1.0
    return out


def cues_in(text: str) -> tuple[str, ...]:
    """The names of the cues that match ``text``, in CUES order."""
    return tuple(name for name, hit in zip(CUES, _hits(text), strict=True) if hit)
