"""Written consultation responses (.docx, .csv, .xlsx) into the same dataset as the chat: `imsa-voices import-written`.

Each file is read, mapped to catalogue question ids, then written in ONE transaction (redacted and
coded at the Store's door, channel = written): a file is imported whole or not at all. A response
imported before (same content) is skipped, so importing a file twice does not duplicate it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from bot.importers.matching import QuestionMatcher
from bot.importers.readers import MAX_BYTES, MalformedFile, Parsed, read, read_data
from bot.importers.templates import FORMATS, write_template
from bot.store.store import Store

__all__ = ["FORMATS", "MAX_BYTES", "ImportReport", "MalformedFile", "Parsed", "file_digest", "import_file", "read_data",
           "store_parsed", "write_template"]


@dataclass
class ImportReport:
    path: Path
    layout: str = ""
    respondents: int = 0
    answers: int = 0
    duplicates: int = 0
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def lines(self) -> list[str]:
        if self.error:
            return [f"{self.path}: NOT imported: {self.error}. Nothing of this file was written."]
        out = [f"{self.path}: {self.respondents} response(s), {self.answers} answer(s) imported ({self.layout})"
               + (f"; {self.duplicates} already imported before, skipped" if self.duplicates else "")]
        out += [f"  not mapped to a question (not imported): {u}" for u in self.unmapped]
        out += [f"  note: {n}" for n in self.notes]
        return out


def import_file(store: Store, path: Path | str, *, actor: str, respondent_type: str = "organisation",
                matcher: QuestionMatcher | None = None) -> ImportReport:
    path = Path(path)
    report = ImportReport(path)
    try:
        parsed = read(path, respondent_type=respondent_type, matcher=matcher)
    except MalformedFile as exc:
        report.error = str(exc)
        return report
    return store_parsed(store, parsed, report, actor=actor, digest=file_digest(path.read_bytes()))


def file_digest(data: bytes) -> str:
    """How the audit log names a file: a short hash, never its name (names can identify organisations)."""
    return hashlib.sha256(data).hexdigest()[:12]


def store_parsed(store: Store, parsed: Parsed, report: ImportReport, *, actor: str, digest: str,
                 where: str = "") -> ImportReport:
    """Write a parsed file in ONE transaction (redacted and coded at the Store's door), audited; fills `report`.
    The command line and the staff area's import page (bot/web/staff_import.py) both end here."""
    report.layout, report.unmapped, report.notes = parsed.layout, parsed.unmapped, parsed.notes
    try:
        created, report.answers, report.duplicates = store.import_written(
            parsed.responses, actor=actor, detail=f"{parsed.layout} file sha256:{digest}{where}"
        )
    except Exception as exc:  # the transaction is rolled back: nothing half-imported
        report.error = f"could not be written ({type(exc).__name__}); the database is unchanged"
        return report
    report.respondents = len(created)
    return report
