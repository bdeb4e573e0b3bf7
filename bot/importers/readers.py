"""Reading written responses from .docx, .csv and .xlsx into WrittenResponse objects (no database here).

Layouts understood:

- .csv / .xlsx "long" (the template): a header with `answer` and `question` and/or `question_id`
  columns, one row per question. Rows `about.respondent_type`, `about.nation`, `about.language`
  describe the response. The whole file is ONE response.
- .csv / .xlsx "wide" (a survey export): a header of question wordings (or ids), one row per
  response. Columns that are not questions (timestamps, e-mail addresses, organisation names) are
  never imported; they are reported as unmapped.
- .docx: question wording as headings (or any paragraph that is exactly a question) followed by the
  answer's paragraphs, and/or tables whose rows hold a question in one cell and the answer in the
  next cell (or in the rows below).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from bot.conversation.catalogue import catalogue
from bot.importers.matching import RESPONDENT_TYPES, Match, QuestionMatcher, normalise
from bot.store.store import WrittenAnswer, WrittenResponse

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx or .xlsx is a zip: what it may unpack to (a zip bomb is refused)


class MalformedFile(ValueError):
    """The file cannot be read as a written response; nothing of it is imported."""


@dataclass
class Parsed:
    responses: list[WrittenResponse]
    layout: str
    unmapped: list[str] = field(default_factory=list)  # headings/columns/rows that are not questions
    notes: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read (.csv/.xlsx, after the heading row); 0 for a .docx


class _Collector:
    """Gathers one response's answers and facts; repeated questions are joined with a blank line."""

    def __init__(self) -> None:
        self.answers: dict[str, list[str]] = {}
        self.meta: dict[str, str] = {}
        self.notes: list[str] = []

    def add(self, question_id: str, text: str) -> None:
        text = (text or "").strip()
        if text:
            self.answers.setdefault(question_id, []).append(text)

    def response(self, default_type: str) -> WrittenResponse | None:
        if not self.answers:
            return None
        kind = default_type
        raw_type = normalise(self.meta.get("respondent_type", ""))  # "lived_experience" -> "lived experience"
        if raw_type:
            if raw_type in RESPONDENT_TYPES:
                kind = RESPONDENT_TYPES[raw_type]
            else:
                self.notes.append(f"respondent type {self.meta['respondent_type'][:40]!r} not known; used {kind}")
        nation = normalise(self.meta.get("nation", "")).replace(" ", "_") or None
        if nation and nation not in catalogue().nation_choices:
            self.notes.append("UK nation not one of " + ", ".join(catalogue().nation_choices) + "; left empty")
            nation = None
        language = (self.meta.get("language") or "en").strip().lower()[:16] or "en"
        answers = [WrittenAnswer(qid, "\n\n".join(parts)) for qid, parts in self.answers.items()]
        return WrittenResponse(answers=answers, respondent_type=kind, language=language, nation=nation)


def read(path: Path, *, respondent_type: str = "organisation", matcher: QuestionMatcher | None = None) -> Parsed:
    """A file on disk (the command line)."""
    path = Path(path)
    if not path.is_file():
        raise MalformedFile("no such file")
    if path.stat().st_size > MAX_BYTES:
        raise MalformedFile(f"larger than {MAX_BYTES // 2**20} MB")
    return read_data(path.read_bytes(), path.suffix, respondent_type=respondent_type, matcher=matcher)


def read_data(data: bytes, suffix: str, *, respondent_type: str = "organisation",
              matcher: QuestionMatcher | None = None) -> Parsed:
    """The file's bytes, read in memory (the staff area's upload never touches the disk); `suffix` is its
    extension, e.g. ".xlsx". The same checks and limits as `read`."""
    if len(data) > MAX_BYTES:
        raise MalformedFile(f"larger than {MAX_BYTES // 2**20} MB")
    if not data:
        raise MalformedFile("the file is empty")
    matcher = matcher or QuestionMatcher()
    suffix = suffix.lower()
    if suffix in (".docx", ".xlsx", ".xlsm"):
        _check_unpacked_size(data)
    try:
        if suffix == ".docx":
            parsed = read_docx(io.BytesIO(data), matcher, respondent_type)
        elif suffix == ".csv":
            parsed = read_rows(_csv_rows(data), matcher, respondent_type)
        elif suffix in (".xlsx", ".xlsm"):
            parsed = _read_xlsx(data, matcher, respondent_type)
        else:
            raise MalformedFile(f"{suffix or 'no extension'}: only .docx, .csv and .xlsx can be imported")
    except SyntaxError as exc:  # broken XML inside, or an entity bomb (expat and libxml2 refuse to expand it)
        raise MalformedFile(f"the file's XML cannot be read ({type(exc).__name__})") from None
    if not parsed.responses:
        raise MalformedFile("no answers to any catalogue question found"
                            + (f" (not questions: {'; '.join(parsed.unmapped[:5])})" if parsed.unmapped else ""))
    return parsed


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a .docx/.xlsx that would unpack to more than MAX_UNPACKED_BYTES (Python's zipfile never
    unpacks more than a part's declared size, so the declared sizes are the bound)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the reader says so in its own words
    if unpacked > MAX_UNPACKED_BYTES:
        raise MalformedFile(f"it would unpack to more than {MAX_UNPACKED_BYTES // 2**20} MB")


# --- tables: .csv and .xlsx ------------------------------------------------------
def _csv_rows(raw: bytes) -> list[list[str]]:
    if b"\x00" in raw[:4096]:
        raise MalformedFile("not a text file (is it an .xlsx or .docx renamed to .csv?)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise MalformedFile("not UTF-8 or Windows-1252 text")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise MalformedFile(f"CSV cannot be read: {exc}") from None


def _read_xlsx(data: bytes, matcher: QuestionMatcher, respondent_type: str) -> Parsed:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise MalformedFile(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        problems = []
        for sheet in workbook.worksheets:
            rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            try:
                parsed = read_rows(rows, matcher, respondent_type)
            except MalformedFile as exc:
                problems.append(f"sheet {sheet.title!r}: {exc}")
                continue
            parsed.notes.insert(0, f"sheet {sheet.title!r}")
            return parsed
        raise MalformedFile("; ".join(problems) or "the workbook has no sheets")
    finally:
        workbook.close()


def read_rows(rows: list[list[str]], matcher: QuestionMatcher, respondent_type: str) -> Parsed:
    # (row number in the file, cells): blank rows are left out, but every problem names the file's own row number
    numbered = [(n, [c.strip() for c in row]) for n, row in enumerate(rows, start=1)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        raise MalformedFile("the file is empty")
    header = [normalise(c) for c in numbered[0][1]]
    if "answer" in header and ("question" in header or "question id" in header):
        parsed = _long(numbered, header, matcher, respondent_type)
    else:
        matches = [matcher.match(c) for c in numbered[0][1]]
        if not any(m.question_id for m in matches):
            raise MalformedFile("the first row names no questions: expected the template's columns "
                                "(question_id, question, answer) or question wordings as column headings")
        parsed = _wide(numbered, matches, matcher, respondent_type)
    parsed.rows = len(numbered) - 1
    return parsed


def _long(rows: list[tuple[int, list[str]]], header: list[str], matcher: QuestionMatcher,
          respondent_type: str) -> Parsed:
    col = {name: header.index(name) for name in ("question id", "question", "answer") if name in header}
    collector, unmapped = _Collector(), []
    for number, row in rows[1:]:
        cell = lambda name: row[col[name]] if name in col and col[name] < len(row) else ""  # noqa: E731
        answer = cell("answer")
        match = Match()
        for name in ("question id", "question"):
            if cell(name):
                match = matcher.match(cell(name).removeprefix("about."))
                if match.question_id or match.meta:
                    break
        if match.meta:
            collector.meta[match.meta] = answer
        elif match.question_id:
            collector.add(match.question_id, answer)
        elif answer:
            label = cell("question") or cell("question id")
            unmapped.append(f"row {number}: {label[:80]!r}" if label else f"row {number}: no question")
    response = collector.response(respondent_type)
    return Parsed([response] if response else [], "long", unmapped, collector.notes)


def _wide(rows: list[tuple[int, list[str]]], matches: list[Match], matcher: QuestionMatcher,
          respondent_type: str) -> Parsed:
    header = rows[0][1]
    responses, unmapped, notes = [], [], []
    for column, (title, match) in enumerate(zip(header, matches)):
        if not (match.question_id or match.meta) and any(column < len(r) and r[column] for _, r in rows[1:]):
            unmapped.append(f"column {column + 1}: {title[:80]!r}" if title else f"column {column + 1}: no heading")
    for number, row in rows[1:]:
        collector = _Collector()
        for column, match in enumerate(matches):
            value = row[column] if column < len(row) else ""
            if match.meta:
                collector.meta[match.meta] = value
            elif match.question_id:
                collector.add(match.question_id, value)
        response = collector.response(respondent_type)
        if response:
            responses.append(response)
        else:
            notes.append(f"row {number}: no answer to any question; not imported")
        notes += [f"row {number}: {note}" for note in collector.notes]
    return Parsed(responses, "wide", unmapped, notes)


# --- .docx -----------------------------------------------------------------------
def read_docx(source: Path | BinaryIO, matcher: QuestionMatcher, respondent_type: str) -> Parsed:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(source) if isinstance(source, Path) else source)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise MalformedFile(f"not a readable .docx document ({type(exc).__name__})") from None

    collector = _Collector()
    unmapped: dict[str, int] = {}
    state: dict[str, Any] = {"current": None, "preamble": 0}  # current: a question id, ("heading", text) or None

    def take(text: str, is_heading: bool) -> None:
        text = text.strip()
        if not text:
            return
        match = matcher.match(text)
        if match.question_id:
            state["current"] = match.question_id
        elif match.meta:
            state["current"] = ("meta", match.meta)
        elif is_heading:
            state["current"] = ("heading", text)
        elif isinstance(state["current"], str):
            collector.add(state["current"], text)
        elif state["current"] and state["current"][0] == "meta":
            collector.meta[state["current"][1]] = text
            state["current"] = None
        elif state["current"]:
            unmapped[state["current"][1]] = unmapped.get(state["current"][1], 0) + 1
        else:
            state["preamble"] += 1

    try:
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    seen: list[Any] = []
                    for cell in row.cells:  # merged cells repeat: take each once
                        if all(cell._tc is not s._tc for s in seen):
                            seen.append(cell)
                    for cell in seen:
                        take(cell.text, is_heading=False)
                    if state["current"] and not isinstance(state["current"], str) and state["current"][0] == "meta":
                        state["current"] = None  # a meta label with an empty value cell
            else:
                style = ((block.style.name if block.style is not None else "") or "").lower()
                if style.startswith(("title", "subtitle")):
                    state["current"] = None  # the document's title: what follows is instructions
                    continue
                take(block.text, is_heading=style.startswith("heading"))
    except (KeyError, ValueError, AttributeError) as exc:
        raise MalformedFile(f"the document's structure cannot be read ({type(exc).__name__})") from None

    notes = collector.notes
    if state["preamble"]:
        notes.append(f"{state['preamble']} paragraph(s) before the first question not imported (instructions)")
    response = collector.response(respondent_type)
    listed = [f"heading {h[:80]!r} ({n} paragraph(s))" for h, n in unmapped.items()]
    return Parsed([response] if response else [], "docx", listed, notes)
