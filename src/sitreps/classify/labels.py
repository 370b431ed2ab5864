"""The classifier's labels: ``labels.tsv`` read into :class:`LabelInfo` rows (label, ACLED event and
sub-event type, PLOVER type, definition), and :func:`read_tsv`, the reader of the package's TSV files
(``labels.tsv`` and the training files) that skips blank lines and ``#`` comments."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class LabelInfo:
    """One row of ``labels.tsv``: a label, its ACLED event and sub-event type, PLOVER type and definition."""

    label: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str
    definition: str


def read_tsv(name: str) -> list[list[str]]:
    """The rows of a TSV file of the package (a path under ``sitreps/classify/``), less blank and
    ``#`` comment lines."""
    rows: list[list[str]] = []
    text = resources.files("sitreps.classify").joinpath(name).read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        rows.append(row)
    return rows


@lru_cache(maxsize=1)
def label_table() -> tuple[LabelInfo, ...]:
    """The classifier's label table (``labels.tsv``), in its file order."""
    table = []
    for row in read_tsv("labels.tsv"):
        padded = [*row, "", "", "", ""][:5]
        table.append(LabelInfo(*(cell.strip() for cell in padded)))
    return tuple(table)


LABELS: tuple[str, ...] = tuple(info.label for info in label_table())
