"""Anonymised exports of the coded dataset: CSV, XLSX, JSON, REFI-QDA (.qdpx) and chat transcripts.

>>> from bot.export import ExportFilter, export, suggested_filename
>>> with open(suggested_filename("csv", ExportFilter(theme="health")), "wb") as out:  # doctest: +SKIP
...     export(store, "csv", out, ExportFilter(theme="health"), actor="analyst-1")

Every format is written from one consistent snapshot of the database, a page of respondents at a
time, so memory stays flat however large the dataset. Exports never hold withdrawal or source
hashes, session ids, the stored respondent ids (respondents are numbered 1, 2, 3 ... in each
export) or any time finer than a month (`created_month`, e.g. 2026-11); zip entries carry the
export's date with the time at midnight. Every export is written to the audit log.

An answer still waiting for a redaction review has the words redaction was unsure of held back: a possible
name is written [NAME?], a long number [NUMBER?], a handle [HANDLE?] (bot/export/held.py), in every format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import BinaryIO, Callable

FORMATS = ("csv", "xlsx", "json", "qdpx", "transcripts")
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "json": "json", "qdpx": "qdpx", "transcripts": "zip"}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "qdpx": "application/zip",
    "transcripts": "application/zip",
}

Progress = Callable[[int, int], None]


class Exported(int):
    """How many answers (or transcripts) an export wrote; `held` says how many words of answers still waiting
    for review it held back as [NAME?], [NUMBER?] or [HANDLE?] (bot/export/held.py)."""

    held: int

    def __new__(cls, written: int, held: int = 0) -> "Exported":
        value = super().__new__(cls, written)
        value.held = held
        return value


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown format or filter value); the message says why."""


@dataclass(frozen=True)
class ExportFilter:
    """Which answers to export. Every field is optional; None means all."""

    theme: str | None = None
    question: str | None = None
    channel: str | None = None
    language: str | None = None
    nation: str | None = None
    assisted: bool | None = None
    code: str | None = None

    def describe(self) -> str:
        """`theme=health, channel=chatbot`, or `none` (for the audit log and the files' headers)."""
        parts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self) if getattr(self, f.name) is not None]
        return ", ".join(parts) if parts else "none"

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


def export(
    store,  # bot.store.Store
    fmt: str,
    out: BinaryIO,
    filters: ExportFilter = ExportFilter(),
    *,
    actor: str = "cli",
    progress: Progress | None = None,
) -> Exported:
    """Write the filtered dataset to `out` in format `fmt`; returns the number of answers written
    (for `transcripts`: the number of transcripts), whose `held` is the number of words held back (answers
    waiting for review: bot/export/held.py). Writes an audit-log entry that says both.

    Raises ExportError (a ValueError) for an unknown format or filter value, before writing anything.
    """
    from bot.export.rows import Snapshot

    if fmt not in FORMATS:
        raise ExportError(f"There is no export format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
    with Snapshot(store, filters) as snapshot:
        if fmt in ("csv", "xlsx", "json"):
            from bot.export import tabular

            written = getattr(tabular, f"write_{fmt}")(snapshot, out, progress)
        elif fmt == "qdpx":
            from bot.export.qdpx import write_qdpx

            written = write_qdpx(snapshot, out, progress)
        else:
            from bot.export.transcripts import write_transcripts

            written = write_transcripts(snapshot, out, progress)
        held = snapshot.held
    store.audit(actor, "export", written,
                detail=f"format={fmt}; held={held}; filters={filters.describe()}"[:255])
    return Exported(written, held)


def suggested_filename(fmt: str, filters: ExportFilter, today: dt.date | None = None) -> str:
    """A file name for an export: `imsa-answers-2026-11-26.csv`, `imsa-answers-health-chatbot-2026-11-26.qdpx`,
    `imsa-transcripts-2026-11-26.zip`. Only the date, never a time."""
    if fmt not in FORMATS:
        raise ExportError(f"There is no export format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
    what = "transcripts" if fmt == "transcripts" else "answers"
    parts = []
    for f in fields(filters):
        value = getattr(filters, f.name)
        if value is None:
            continue
        if isinstance(value, bool):
            value = "assisted" if value else "not-assisted"
        slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
        if slug:
            parts.append(slug[:40])
    day = (today or dt.date.today()).isoformat()
    return "-".join(["imsa", what, *parts, day]) + "." + EXTENSIONS[fmt]


__all__ = ["EXTENSIONS", "ExportError", "ExportFilter", "Exported", "FORMATS", "MEDIA_TYPES", "export",
           "suggested_filename"]
