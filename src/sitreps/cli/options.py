"""Options of the commands that read articles (`read`, `ingest`, `spark`): which JSON fields hold what,
which files to take in folders, how big an input may be; :func:`ingest_options` makes them the library's
:class:`~sitreps.ingest.IngestOptions`."""

from __future__ import annotations

from typing import Annotated

import typer

from sitreps.ingest import IngestOptions

TextField = Annotated[str, typer.Option(help="JSON/JSONL field holding the article text.")]
TitleField = Annotated[str, typer.Option(help="JSON/JSONL field holding the title.")]
UrlField = Annotated[str, typer.Option(help="JSON/JSONL field holding the URL.")]
DateField = Annotated[str, typer.Option(help="JSON/JSONL field holding the publication date.")]
OutletField = Annotated[str, typer.Option(help="JSON/JSONL field holding the outlet name.")]
AuthorField = Annotated[str, typer.Option(help="JSON/JSONL field holding the author.")]
Include = Annotated[
    list[str], typer.Option("--include", help="Glob of files to take in folders (repeatable).")
]
Exclude = Annotated[
    list[str], typer.Option("--exclude", help="Glob of files to skip in folders (repeatable).")
]
MaxBytes = Annotated[int, typer.Option(help="Reject inputs larger than this many bytes.")]


def ingest_options(
    text_field: str,
    title_field: str,
    url_field: str,
    date_field: str,
    outlet_field: str,
    author_field: str,
    include: list[str],
    exclude: list[str],
    max_bytes: int,
) -> IngestOptions:
    return IngestOptions(
        text_field=text_field,
        title_field=title_field,
        url_field=url_field,
        date_field=date_field,
        outlet_field=outlet_field,
        author_field=author_field,
        include=tuple(include),
        exclude=tuple(exclude),
        max_bytes=max_bytes,
    )
