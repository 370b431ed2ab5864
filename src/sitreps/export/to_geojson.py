"""Events on a map: a GeoJSON FeatureCollection with one Point per event that has a place with coordinates.

Coordinates are [longitude, latitude] (RFC 7946); properties are the flat event row. Events without
coordinates are left out and counted in the top-level ``sitreps`` member.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sitreps.export.clusters import ClusterIndex
from sitreps.export.event_rows import event_rows
from sitreps.model import Reading


def write_geojson(readings: Iterable[Reading], out: Path, clusters: ClusterIndex | None = None) -> int:
    """Write the FeatureCollection to ``out``; returns the number of features."""
    out.parent.mkdir(parents=True, exist_ok=True)
    features = without_coordinates = 0
    with out.open("w", encoding="utf-8") as f:
        f.write('{"type": "FeatureCollection", "features": [')
        for reading in readings:
            for row in event_rows(reading, clusters.cluster_of if clusters else None):
                lat, lon = row["latitude"], row["longitude"]
                if lat is None or lon is None:
                    without_coordinates += 1
                    continue
                feature = {
                    "type": "Feature",
                    "id": row["event_id"],
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": row,
                }
                f.write(("\n" if features == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
                features += 1
        meta = {"features": features, "events_without_coordinates": without_coordinates}
        f.write('\n], "sitreps": ' + json.dumps(meta) + "}\n")
    return features
