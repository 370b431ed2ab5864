"""Geoparsing evaluation on GeoWebNews-style XML: toponym detection and resolution against gold.

The file holds ``<article>`` elements with ``<text>`` and ``<toponyms>``; each ``<toponym>`` has
``extractedName``, ``type``, ``start``/``end`` and, for places, ``latitude``/``longitude``.

What counts as a gold toponym: a span with coordinates, except adjectival uses ("Irish", "Syrian
Observatory") when ``noun_toponyms_only`` (the default for detection): sitreps reads demonyms as
actors' countries, never as places. Offsets in some files are shifted by a character or two, so each
gold span is aligned by its name near the given offsets (``unaligned`` counts those that could not be).

Two evaluations:
- with gold spans (``resolution``): every aligned gold toponym is resolved in its article's context (a
  demonym to its country); accuracy@161 km, mean and median error, and the AUC of the error curve
  (Gritta et al.: the area under ln(1+error)/ln(20039) over the sorted errors, lower is better; an
  unresolved span counts as 20,039 km, half the Earth's circumference);
- end to end (``detection``): sitreps' own places against the gold spans, matched one to one by
  overlapping spans; precision, recall, F1, and accuracy@161 km of the matched pairs. Predicted places
  that overlap a gold span of an excluded kind (adjectival use, demonym, language, homonym) are ignored.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from sitreps.eval.corpus import GoldFormatError, read_gold_text
from sitreps.extract.found import Found
from sitreps.extract.places import resolve_spans
from sitreps.geo.geocode import km
from sitreps.model import Article, Place
from sitreps.nlp import parse
from sitreps.pipeline import read_doc

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACCURATE_KM = 161.0
ALIGN_WINDOW = 30
EXCLUDED_TYPES = frozenset({"Demonym", "Language", "Homonym", "Non_Toponym"})
EXPRESSION_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression"})


@dataclass(frozen=True)
class GoldToponym:
    """One annotated span, aligned to the article text (start/end are None when it could not be)."""

    name: str
    kind: str
    adjective: bool
    start: int | None
    end: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


# The family of geoparsing XML formats: GeoWebNews names a toponym <toponym> with <extractedName> and
# <latitude>/<longitude>; others use <location>, <phrase> or <name>, and <lat>/<lon>, either directly or
# inside a <gaztag>. The text is <text> (or <page> for a web page).
TOPONYM_TAGS = ("toponym", "location")
NAME_PATHS = ("extractedName", "phrase", "name", "gaztag/name")
LAT_PATHS = ("latitude", "lat", "gaztag/lat", "gaztag/latitude")
LON_PATHS = ("longitude", "lon", "gaztag/lon", "gaztag/longitude")


def _first_text(item: Any, paths: tuple[str, ...]) -> str | None:
    for path in paths:
        value = item.findtext(path)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def read_geo_xml(path: Path) -> list[GoldArticle]:
    """The articles of a geoparsing XML file (GeoWebNews and its family), toponyms aligned to the text."""
    from defusedxml import ElementTree  # imported on first use: only this evaluation reads XML

    try:
        root = ElementTree.fromstring(read_gold_text(path))
    except Exception as exc:  # defusedxml raises its own and ElementTree's errors; all mean "not this format"
        raise GoldFormatError(f"{path} is not readable geoparsing XML: {exc}") from exc
    articles = []
    for element in root.iter("article"):
        text = element.findtext("text") or element.findtext("page") or ""
        toponyms = []
        items = [item for tag in TOPONYM_TAGS for item in element.iter(tag)]
        for item in items:
            name = _first_text(item, NAME_PATHS) or ""
            try:
                start, end = int(item.findtext("start") or ""), int(item.findtext("end") or "")
            except ValueError as exc:
                raise GoldFormatError(f"{path}: toponym {name!r} has no numeric start/end") from exc
            lat, lon = _first_text(item, LAT_PATHS), _first_text(item, LON_PATHS)
            at = _align(text, name or text[start:end], start, end)
            toponyms.append(
                GoldToponym(
                    name=name or text[start:end],
                    kind=item.findtext("type") or "",
                    adjective=(item.findtext("modifierType") or "") == "Adjective",
                    start=at[0] if at else None,
                    end=at[1] if at else None,
                    lat=float(lat) if lat else None,
                    lon=float(lon) if lon else None,
                )
            )
        articles.append(GoldArticle(text, tuple(toponyms)))
    if not articles:
        raise GoldFormatError(f"{path} holds no <article> elements")
    return articles


def _align(text: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """The offsets of ``name`` in ``text`` nearest to start:end, within ALIGN_WINDOW characters."""
    if not name:
        return None
    if text[start:end] == name:
        return start, end
    best: tuple[int, int] | None = None
    lo = max(0, start - ALIGN_WINDOW)
    at = text.find(name, lo)
    while at != -1 and at <= start + ALIGN_WINDOW:
        if best is None or abs(at - start) < abs(best[0] - start):
            best = (at, at + len(name))
        at = text.find(name, at + 1)
    return best


def error_figures(errors: Sequence[float]) -> dict[str, float | int | None]:
    """accuracy@161 km, mean and median error (km) and the AUC of the error curve."""
    if not errors:
        return {"n": 0, "acc161": None, "mean_km": None, "median_km": None, "auc": None}
    ordered = sorted(errors)
    scaled = [math.log(1 + e) / math.log(EARTH_HALF_CIRCUMFERENCE_KM) for e in ordered]
    # The trapezoid rule over equally spaced points; one point is its own area.
    pairs = list(pairwise(scaled))
    auc = sum((a + b) / 2 for a, b in pairs) / len(pairs) if pairs else scaled[0]
    return {
        "n": len(errors),
        "acc161": round(sum(e <= ACCURATE_KM for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(auc, 4),
    }


def _gold_toponym(t: GoldToponym, *, noun_only: bool) -> bool:
    return (
        t.lat is not None
        and t.kind not in EXCLUDED_TYPES | EXPRESSION_TYPES
        and not (noun_only and t.adjective)
    )


def evaluate_geo(
    path: Path, *, noun_toponyms_only: bool = True, predictions: Path | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Detection and resolution figures for a geoparsing XML file (see the module docstring).

    ``predictions``: write one JSON object per gold toponym with coordinates, resolved with gold spans:
    ``{"doc", "start", "end", "lat", "lon"}`` (lat/lon null when unresolved). ``limit``: the first N
    articles only.
    """
    started = time.perf_counter()
    articles = read_geo_xml(path)[:limit]
    resolution_errors: list[float] = []
    matched_errors: list[float] = []
    true_positive = false_positive = false_negative = 0
    unaligned = failures = 0
    rows: list[dict[str, Any]] = []
    for number, gold in enumerate(articles):
        for t in gold.toponyms:
            if t.lat is not None and t.start is None:
                unaligned += 1
        article = Article.from_text(gold.text, language="en")
        try:
            doc = parse(article.text)
            reading = read_doc(doc, article)
        except Exception:  # one article's failure must not stop the evaluation: count it
            failures += 1
            continue
        located = [t for t in gold.toponyms if t.lat is not None and t.start is not None]
        resolved = _resolve_gold(doc, article, reading, located)
        for t, place in zip(located, resolved, strict=True):
            error = _error(t, place)
            resolution_errors.append(error)
            rows.append(
                {
                    "doc": number,
                    "start": t.start,
                    "end": t.end,
                    "lat": place.lat if place is not None else None,
                    "lon": place.lon if place is not None else None,
                }
            )
        gold_spans = [
            t for t in gold.toponyms if t.start is not None and _gold_toponym(t, noun_only=noun_toponyms_only)
        ]
        ignored = [
            t
            for t in gold.toponyms
            if t.start is not None
            and not _gold_toponym(t, noun_only=noun_toponyms_only)
            and t.kind not in EXPRESSION_TYPES
            and t.kind != "Non_Toponym"
        ]
        tp, fp, fn, pairs = _match(reading.places, gold_spans, ignored)
        true_positive, false_positive, false_negative = (
            true_positive + tp,
            false_positive + fp,
            false_negative + fn,
        )
        matched_errors.extend(_error(t, p) for t, p in pairs)
    if predictions is not None:
        predictions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    resolution = error_figures(resolution_errors)
    return {
        "articles": len(articles),
        "unaligned": unaligned,
        "failures": failures,
        **{k: v for k, v in resolution.items() if k != "n"},
        "resolution": resolution,
        "detection": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "true_positives": true_positive,
            "false_positives": false_positive,
            "false_negatives": false_negative,
            "noun_toponyms_only": noun_toponyms_only,
            "matched": error_figures(matched_errors),
        },
        "detection_f1": round(f1, 4),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _error(gold: GoldToponym, place: Place | None) -> float:
    if place is None or place.lat is None or place.lon is None or gold.lat is None or gold.lon is None:
        return EARTH_HALF_CIRCUMFERENCE_KM
    return km(gold.lat, gold.lon, place.lat, place.lon)


def _resolve_gold(
    doc: Any, article: Article, reading: Any, located: Sequence[GoldToponym]
) -> list[Place | None]:
    spans = []
    keep = []
    for t in located:
        span = doc.char_span(t.start, t.end, label="GPE", alignment_mode="expand")
        keep.append(span is not None)
        if span is not None:
            spans.append(span)
    found = Found(actors=list(reading.actors))
    places = iter(resolve_spans(doc, article, found, spans, demonyms=True))
    return [next(places) if ok else None for ok in keep]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(
    places: Sequence[Place], gold: Sequence[GoldToponym], ignored: Sequence[GoldToponym]
) -> tuple[int, int, int, list[tuple[GoldToponym, Place]]]:
    """One-to-one matching of predicted places and gold spans by overlap, in text order."""
    used: set[int] = set()
    pairs: list[tuple[GoldToponym, Place]] = []
    false_positive = 0
    for place in sorted(places, key=lambda p: p.mention.start):
        span = (place.mention.start, place.mention.end)
        hit = next(
            (i for i, t in enumerate(gold) if i not in used and _overlaps(span, (t.start or 0, t.end or 0))),
            None,
        )
        if hit is not None:
            used.add(hit)
            pairs.append((gold[hit], place))
        elif not any(_overlaps(span, (t.start or 0, t.end or 0)) for t in ignored):
            false_positive += 1
    return len(pairs), false_positive, len(gold) - len(used), pairs


def iter_predictions(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a ``--predictions`` file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)
