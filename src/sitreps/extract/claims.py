"""Claims: every event and figure is a claim by someone, and a denial is a claim against another.

The claimant of an event or figure is the speaker of the innermost reporting frame that governs it;
the frames around it, from the outlet inwards, are its relay chain ("Azernews reports, citing the
Turkish media" + "Cavusoglu stressed that ..." gives Cavusoglu relayed by Azernews <- Turkish media).
A quotation takes the frame that closes it. A sentence with no frame of its own takes the frame at the
end of its paragraph, or, when it opens with a continuation ("Moreover", "In addition"), the frame of the
sentence before; with none at all, the outlet is the claimant.

A denial frame ("dismissed the information circulated in Armenian social media concerning the supposed
shelling ...") makes the events in its object denied content: each keeps a claim by its original source
(here Armenian social media, or no known claimant) and gets a claim with stance ``denies`` by the
denier, linked by a ``denies`` Relation. A later denial of "this information" is linked the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.frames import Frame, FrameIndex, quote_frame_at
from sitreps.extract.spans import of_doc_span, of_subtree
from sitreps.model import Actor, Article, Claim, Relation, Span, Stance, SubjectKind, record_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SOURCE_VERBS = {"circulate", "spread", "publish", "post", "report", "disseminate", "share", "claim"}
ANAPHORIC_CONTENT = {"information", "report", "reports", "claim", "claims", "allegation", "allegations"}


@dataclass
class _Context:
    article: Article
    doc: Doc
    found: Found
    outlet: Actor | None
    frames: FrameIndex
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    denied: list[Claim] = field(default_factory=list)  # assertion claims of denied content so far


def _chain(ctx: _Context, frames: list[Frame]) -> tuple[Actor | None, list[str], Stance, Frame | None]:
    """(claimant, relay, stance, innermost frame) from frames outer first."""
    chain: list[Actor] = []
    for frame in frames:
        chain.append(frame.speaker)
        if frame.cited is not None:
            chain.append(frame.cited)
    if ctx.outlet is not None and (not chain or chain[0] != ctx.outlet):
        chain.insert(0, ctx.outlet)
    unique = list({a.id: a for a in chain}.values())
    claimant = unique[-1] if unique else None
    relay = [a.id for a in unique[:-1]]
    inner = frames[-1] if frames else None
    return claimant, relay, (inner.stance if inner else "asserts"), inner


def _statement(ctx: _Context, frame: Frame | None) -> Span | None:
    if frame is None:
        return None
    content = next((c for c in frame.verb.children if c.dep_ in {"ccomp", "dobj"}), None)
    return of_subtree(ctx.article, content) if content is not None else None


def _said_on(ctx: _Context, frame: Frame | None) -> date | None:
    """When the claim was made: a day attached to the reporting verb ("said on Thursday"), else the
    publication date."""
    if frame is not None:
        start, end = frame.verb.idx, frame.verb.idx + len(frame.verb.text)
        for child in frame.verb.children:
            words = list(child.subtree)
            if child.dep_ in {"prep", "npadvmod"}:
                start, end = min(start, words[0].idx), max(end, words[-1].idx + len(words[-1].text))
        for time in ctx.found.times:
            if start <= time.mention.start < end and time.precision == "day" and time.start is not None:
                return time.start
    return ctx.article.published


def _claim(
    ctx: _Context,
    subject: str,
    kind: SubjectKind,
    claimant: Actor | None,
    relay: list[str],
    stance: Stance,
    statement: Span | None,
    evidence: Span,
    quoted: bool,
    frame: Frame | None = None,
) -> Claim:
    claim = Claim(
        id=record_id("cl", ctx.article.id, subject, claimant.id if claimant else "", stance),
        subject=subject,
        subject_kind=kind,
        statement=statement,
        claimant=claimant.id if claimant else None,
        relay=[r for r in relay if not claimant or r != claimant.id],
        stance=stance,
        quoted=quoted,
        said_on=_said_on(ctx, frame),
        evidence=evidence,
    )
    if all(c.id != claim.id for c in ctx.claims):  # a second denial of the same content by the same body
        ctx.claims.append(claim)
    return claim


def _original_source(content: Token, ctx: _Context) -> Actor | None:
    """Who put denied content about: "information circulated in X", "reports by X", "X's claims"."""
    for t in content.subtree:
        if t.lemma_.lower() in SOURCE_VERBS and t.dep_ in {"acl", "relcl"}:
            for prep in t.children:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if prep.dep_ in {"prep", "agent"} and obj is not None:
                    words = list(obj.subtree)
                    actor = ctx.found.actor_within(words[0].idx, words[-1].idx + len(words[-1].text))
                    if actor is not None:
                        return actor
    poss = next((c for c in content.children if c.dep_ == "poss"), None)
    if poss is not None:
        return ctx.found.actor_within(poss.idx, poss.idx + len(poss.text))
    return None


def _denials(ctx: _Context, subjects: dict[int, tuple[str, SubjectKind]]) -> set[str]:
    """Claims and relations for denied content; returns the subjects they cover."""
    covered: set[str] = set()
    for sentence in ctx.doc.sents:
        frames = ctx.frames.by_sentence.get(sentence.start, [])
        for token in sentence:
            if token.lemma_.lower() not in {"deny", "dismiss", "refute", "reject"} or token.pos_ != "VERB":
                continue
            frame = next((f for f in frames if f.verb == token), None)
            if frame is None:
                quoted = quote_frame_at(token.idx, ctx.frames.quotes)
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if quoted is None or subject is None or subject.lower_ not in {"we", "i"}:
                    continue
                frame = Frame(token, quoted.speaker, None, "denies")
            content = next((c for c in token.children if c.dep_ == "dobj"), None)
            if content is None:
                continue
            evidence = of_doc_span(ctx.article, sentence)
            if evidence is None:
                continue
            span = of_subtree(ctx.article, content)
            inner = [(i, s) for i, s in subjects.items() if i in {t.idx for t in content.subtree}]
            if inner:
                source = _original_source(content, ctx)
                for _, (subject_id, kind) in inner:
                    relay = [ctx.outlet.id] if ctx.outlet else []
                    assertion = _claim(ctx, subject_id, kind, source, relay, "asserts", span, evidence, False)
                    denial = _claim(
                        ctx,
                        subject_id,
                        kind,
                        frame.speaker,
                        relay,
                        "denies",
                        span,
                        evidence,
                        quote_frame_at(token.idx, ctx.frames.quotes) is not None,
                    )
                    ctx.relations.append(
                        Relation(kind="denies", **{"from": denial.id}, to=assertion.id, evidence=evidence)
                    )
                    ctx.denied.append(assertion)
                    covered.add(subject_id)
            elif content.lemma_.lower() in ANAPHORIC_CONTENT and ctx.denied:
                # "We categorically deny this information": the content denied just before.
                for assertion in ctx.denied:
                    denial = _claim(
                        ctx,
                        assertion.subject or "",
                        assertion.subject_kind,
                        frame.speaker,
                        [ctx.outlet.id] if ctx.outlet else [],
                        "denies",
                        span,
                        evidence,
                        quote_frame_at(token.idx, ctx.frames.quotes) is not None,
                    )
                    relation = Relation(
                        kind="denies", **{"from": denial.id}, to=assertion.id, evidence=evidence
                    )
                    if relation not in ctx.relations:
                        ctx.relations.append(relation)
    return covered


def extract_claims(doc: Doc, article: Article, found: Found) -> list[Claim]:
    """Claims for every event and figure (and denial relations, added to ``found.relations``)."""
    outlet = next((a for a in found.actors if a.kind == "media" and a.name == article.outlet), None)
    ctx = _Context(article, doc, found, outlet, FrameIndex(doc, found))
    subjects: dict[int, tuple[str, SubjectKind]] = {e.trigger.start: (e.id, "event") for e in found.events}
    figures: dict[int, tuple[str, SubjectKind]] = {f.span.start: (f.id, "figure") for f in found.figures}
    covered = _denials(ctx, subjects | figures)
    for at, (subject, kind) in sorted((subjects | figures).items()):
        if subject in covered:
            continue
        token = next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)
        if token is None:
            continue
        evidence = of_doc_span(article, token.sent)
        if evidence is None:
            continue
        claimant, relay, stance, inner = _chain(ctx, ctx.frames.governing(token))
        quoted = quote_frame_at(token.idx, ctx.frames.quotes) is not None
        _claim(ctx, subject, kind, claimant, relay, stance, _statement(ctx, inner), evidence, quoted, inner)
    found.relations.extend(ctx.relations)
    return ctx.claims
