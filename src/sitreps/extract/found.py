"""What the extractors have found so far in one article; later extractors read earlier results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitreps.geo.countries import by_code
from sitreps.model import (
    Actor,
    Article,
    CasualtyFigure,
    Claim,
    Event,
    Place,
    Relation,
    Span,
    TimeRef,
    record_id,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Found:
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[CasualtyFigure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    article: Article | None = None
    # The reporting frames of the document and the actors they were read from: kept here, read and
    # checked by frames.frame_index (typed loosely so that this module, which frames imports, needs
    # nothing from frames).
    frames_memo: tuple[Doc, tuple[Actor, ...], object] | None = field(default=None, repr=False, compare=False)

    def actor_within(self, start: int, end: int) -> Actor | None:
        """The actor with a mention inside start:end (the longest such mention wins)."""
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            for m in actor.mentions:
                if start <= m.start and m.end <= end and (best is None or m.end - m.start > best[0]):
                    best = (m.end - m.start, actor)
        return best[1] if best else None

    def state_actor(self, alpha3: str, article: Article, mention: Span | None = None) -> Actor:
        """The state actor of a country, added when the text never names it as an actor: a figure's
        party or an act's author is an actor even when only a demonym ("Israeli strikes") or "its own"
        says whose it is. The demonym, when given, becomes one of its mentions."""
        for i, actor in enumerate(self.actors):
            if actor.kind == "state" and actor.country == alpha3:
                if mention is not None and mention not in actor.mentions:
                    mentions = sorted([*actor.mentions, mention], key=lambda m: (m.start, m.end))
                    aliases = sorted({*actor.aliases, mention.text} - {actor.name})
                    self.actors[i] = actor = actor.model_copy(
                        update={"mentions": mentions, "aliases": aliases}
                    )
                return actor
        country = by_code(alpha3)
        name = country.name if country else alpha3
        actor = Actor(
            id=record_id("ac", article.id, name.lower()),
            name=name,
            kind="state",
            country=alpha3,
            sector="government",
            aliases=[mention.text] if mention is not None and mention.text != name else [],
            mentions=[mention] if mention is not None else [],
        )
        self.actors.append(actor)
        return actor
