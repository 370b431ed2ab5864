"""The records of sitreps (DESIGN.md, "Records" and "The Reading, as JSON").

Every record is a frozen pydantic model. Field names are part of the public schema: the Reading JSON,
the exports and the REST API all use them. Absent values are ``None`` (serialised as ``null``), never "".
Every extracted record carries at least one :class:`Span`, and ``span.text == article.text[start:end]``
always holds: spans are made with :meth:`Span.of`, and :class:`Reading` checks every span it holds.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ActorKind = Literal[
    "person", "state", "government", "military", "armed group", "organisation", "media", "population"
]
PlaceFeature = Literal[
    "settlement", "district", "province", "country", "region", "water", "landmark", "facility", "other"
]
TimePrecision = Literal["day", "range", "month", "year", "habitual", "unknown"]
FigureKind = Literal["killed", "wounded", "captured", "missing", "losses", "displaced", "arrested"]
Qualifier = Literal["exact", "at_least", "about", "up_to", "at_most", "more_than", "fewer_than"]
Population = Literal["military", "civilian", "unknown"]
# How a qualifier reads before its number: "at least 100".
QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "about": "about ",
    "up_to": "up to ",
    "at_most": "at most ",
    "more_than": "more than ",
    "fewer_than": "fewer than ",
}

Stance = Literal["asserts", "denies", "questions"]
SubjectKind = Literal["event", "figure", "statement"]
RelationKind = Literal["denies", "contradicts", "same_event", "updates"]


class Record(BaseModel):
    """Base of every record: frozen, no unknown fields, "" read as None."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_strings_are_absent(cls, data: Any) -> Any:
        if isinstance(data, dict) and "" in data.values():
            return {k: (None if v == "" else v) for k, v in data.items()}
        return data


def normalise_text(text: str) -> str:
    """The form an article's identity is computed from: NFC, unified line ends, collapsed blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return " ".join(text.split())


def article_id_for(text: str) -> str:
    """Article id: the first 16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def record_id(prefix: str, *parts: object) -> str:
    """A deterministic record id: the same input gives the same id in a loop, a pool or Spark."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


class Article(Record):
    """One news article as stored: the body text (dateline and byline removed) and its metadata."""

    id: str
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    text: str
    # Where it came from and which article it repeats: stored, but not part of the Reading JSON.
    source: str | None = Field(default=None, exclude=True)
    duplicate_of: str | None = Field(default=None, exclude=True)

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Article:
        """Make an article whose id is the hash of its normalised text."""
        return cls(id=article_id_for(text), text=text, **meta)


class Span(Record):
    """A stretch of an article's stored text: the evidence for an extracted field."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Span:
        """The only sanctioned way to make a span: its text is cut from the article itself."""
        if not 0 <= start <= end <= len(article.text):
            raise ValueError(f"span {start}:{end} lies outside the article ({len(article.text)} chars)")
        return cls(article_id=article.id, start=start, end=end, text=article.text[start:end])


class Actor(Record):
    id: str
    name: str
    kind: ActorKind | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    sector: str | None = None
    role: str | None = None
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _alpha3(cls, v: str | None) -> str | None:
        if v is not None and (len(v) != 3 or not v.isalpha() or not v.isupper()):
            raise ValueError(f"country must be ISO 3166-1 alpha-3, got {v!r}")
        return v


class Place(Record):
    id: str
    mention: Span
    name: str | None = None
    place_id: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    feature: PlaceFeature | None = None
    precision: int | None = Field(
        default=None, ge=1, le=4, description="1 town, 2 district, 3 province, 4 wider"
    )
    metonymic: bool = False
    confidence: float | None = Field(default=None, ge=0, le=1)


class TimeRef(Record):
    id: str
    mention: Span
    start: date | None = None
    end: date | None = None
    precision: TimePrecision = "unknown"
    anchor: date | None = Field(default=None, description="the publication date it was resolved against")

    @model_validator(mode="after")
    def _ordered(self) -> TimeRef:
        if self.start and self.end and self.end < self.start:
            raise ValueError("time end is before its start")
        return self


class Event(Record):
    id: str
    plover: str
    mode: str | None = Field(default=None, description="PLOVER mode of the event type")
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    associated: list[str] = Field(default_factory=list)
    time: str | None = None
    places: list[str] = Field(default_factory=list)
    habitual: bool = False
    negated: bool = False
    hypothetical: bool = False
    trigger: Span
    sentence: Span
    confidence: float | None = Field(default=None, ge=0, le=1)


class CasualtyFigure(Record):
    id: str
    kind: FigureKind
    count: int | None = Field(default=None, ge=0)
    count_min: int | None = Field(default=None, ge=0)
    count_max: int | None = Field(default=None, ge=0)
    qualifier: Qualifier = "exact"
    party: str | None = None
    population: Population = "unknown"
    event: str | None = None
    as_of: date | None = None
    span: Span


class Claim(Record):
    id: str
    subject: str | None = Field(
        default=None, description="the event or figure id claimed; None for a bare statement"
    )
    subject_kind: SubjectKind
    statement: Span | None = Field(default=None, description="what is claimed, as said")
    claimant: str | None = None
    relay: list[str] = Field(
        default_factory=list, description="actor ids from the outlet to the original speaker"
    )
    stance: Stance = "asserts"
    quoted: bool = False
    said_on: date | None = None
    evidence: Span


class Relation(Record):
    kind: RelationKind
    from_: str = Field(alias="from")
    to: str
    evidence: Span | None = None


class Reading(Record):
    """Everything sitreps read in one article. Its JSON is the contract of DESIGN.md."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeRef] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[CasualtyFigure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _spans_are_exact(self) -> Reading:
        for span in self.spans():
            if span.article_id != self.article.id:
                raise ValueError(f"span {span.start}:{span.end} points to another article")
            if self.article.text[span.start : span.end] != span.text:
                raise ValueError(f"span {span.start}:{span.end} does not match the article text")
        return self

    def spans(self) -> Iterator[Span]:
        """Every span held by any record of this reading."""
        for actor in self.actors:
            yield from actor.mentions
        for place in self.places:
            yield place.mention
        for time in self.times:
            yield time.mention
        for event in self.events:
            yield event.trigger
            yield event.sentence
        for figure in self.figures:
            yield figure.span
        for claim in self.claims:
            yield claim.evidence
            if claim.statement is not None:
                yield claim.statement
        for relation in self.relations:
            if relation.evidence is not None:
                yield relation.evidence

    def to_json_dict(self) -> dict[str, Any]:
        """The Reading JSON: DESIGN.md's names, ISO dates, null for absent values."""
        return self.model_dump(mode="json", by_alias=True)


ClusterField = Literal["initiator", "target", "place", "date", "figure", "denial"]
Disagreement = Literal["initiator", "figure", "denial"]


class Account(Record):
    """What one claimant said about one field of a clustered event, and the span that says it.

    ``claimant_key`` identifies the claimant across articles (``official:ARM`` for any organ or office
    holder of Armenia's state, ``org:united nations``, ``outlet:global desk`` when the outlet itself
    asserts it); ``claimant`` is the name as the article gives it.
    """

    claimant: str | None
    claimant_key: str
    field: ClusterField
    value: str
    record: str  # id of the event, figure or claim that carries the value
    article_id: str
    published: date | None = None
    evidence: Span


class ClaimantVersion(Record):
    """One claimant's version of a clustered event: each field it gave, with evidence."""

    claimant: str | None
    claimant_key: str
    country: str | None = None  # ISO 3166-1 alpha-3, for claimants that speak for a state
    events: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    accounts: list[Account] = Field(default_factory=list)


class FigurePoint(Record):
    """One figure as one article reports it, placed on its claimant's timeline."""

    figure: str
    count: int | None = None
    count_min: int | None = None
    count_max: int | None = None
    qualifier: Qualifier = "exact"
    as_of: date | None = None
    published: date | None = None
    article_id: str
    claimant: str | None = None
    evidence: Span


class FigureSeries(Record):
    """One claimant's figures for one party, population and kind, oldest first (never summed)."""

    claimant: str | None
    claimant_key: str
    kind: FigureKind
    party: str | None  # the party's name as first reported ("Armenia"), None when not said
    party_key: str
    population: Population = "unknown"
    points: list[FigurePoint] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)  # the figures of the timeline: one per change, in order
    low: int | None = None
    high: int | None = None
    latest: int | None = None


class Contradiction(Record):
    """Two claimants who disagree about one field of the same event, each with its evidence."""

    about: Disagreement
    detail: str
    first: Account
    second: Account


class EventCluster(Record):
    """Events from many articles that report one real-world event (corpus level).

    ``versions`` keeps each claimant's account apart; ``figures`` holds one timeline per claimant,
    party and kind; ``relations`` holds ``updates`` (a claimant's later figure to its earlier one) and
    ``contradicts`` links between records, and ``contradictions`` the same disagreements with both sides'
    evidence. ``summary`` states the range of figures per party and kind, by claimant.
    """

    id: str
    events: list[str]
    articles: list[str] = Field(default_factory=list)
    sources: int = 0  # articles that are not near-duplicates of another member
    plover: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    start: date | None = None  # the days its members are dated to by the text (None: none is)
    end: date | None = None
    first_reported: date | None = None  # the earliest publication date of a member article
    country: str | None = None  # ISO 3166-1 alpha-2, as Place.country
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = Field(default=None, ge=1, le=4)
    versions: list[ClaimantVersion] = Field(default_factory=list)
    figures: list[FigureSeries] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    summary: list[str] = Field(default_factory=list)


RECORDS: dict[str, type[Record]] = {
    "Article": Article,
    "Span": Span,
    "Actor": Actor,
    "Place": Place,
    "TimeRef": TimeRef,
    "Event": Event,
    "CasualtyFigure": CasualtyFigure,
    "Claim": Claim,
    "Relation": Relation,
    "Reading": Reading,
    "Account": Account,
    "ClaimantVersion": ClaimantVersion,
    "FigurePoint": FigurePoint,
    "FigureSeries": FigureSeries,
    "Contradiction": Contradiction,
    "EventCluster": EventCluster,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the Reading (with every record under ``$defs``), as `sitreps schema` prints it."""
    schema = Reading.model_json_schema(mode="serialization", by_alias=True)
    cluster = EventCluster.model_json_schema(mode="serialization", by_alias=True)
    schema["$defs"].update(cluster.pop("$defs", {}))
    schema["$defs"]["EventCluster"] = cluster
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sitreps Reading"
    return schema
