"""One row per answer: CSV (UTF-8 with BOM, for Excel), XLSX (openpyxl, write-only) and JSON (with the codebook).

Every text cell that a spreadsheet could take for a formula (it begins with = + - @, a tab or a carriage
return) is neutralised the OWASP way: a single quote is put in front of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import BinaryIO, Iterator

from bot.conversation import i18n
from bot.export.archive import DayZipFile
from bot.export.held import NOTE as HELD_NOTE
from bot.export.rows import AnswerRow, RespondentRow, Snapshot, chat_texts_draft

COLUMNS = (
    "respondent", "channel", "respondent_type", "respondent_language", "nation", "assisted", "completed",
    "created_month", "reached_through", "question_id", "theme", "kind", "question", "answer_language",
    "language_detected",
    "chat_texts_draft", "text", "choice", "text_en", "translation_status", "english_by", "codes",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767  # characters Excel keeps in one cell
CUT_NOTE = " [cut here: Excel holds 32,767 characters in a cell; the CSV and JSON exports hold it all]"
NEVER = ("withdrawal codes or their hashes, source hashes, chat session ids, stored respondent ids, "
         "dates finer than a month, staff names")


def neutralise(value: object) -> object:
    """A text a spreadsheet could run as a formula gets a leading single quote (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def person_values(person: RespondentRow) -> list:
    """The respondent's part of a row (the first 9 columns), typed."""
    return [person.number, person.channel, person.respondent_type, person.language, person.nation, person.assisted,
            person.completed, person.month, person.reached_through]


def answer_values(person: RespondentRow, answer: AnswerRow) -> list:
    """The answer's part of a row (the other 13 columns), typed: booleans, `codes` as a list of active code ids,
    english_by as person, machine, original (written in English) or none."""
    return [answer.question_id, answer.theme, answer.kind, answer.written, answer.language, answer.language_detected,
            chat_texts_draft(answer.language) if person.chat else None, answer.text, answer.choice, answer.text_en,
            answer.translation_status, answer.english_by, answer.code_ids]


def row(person: RespondentRow, answer: AnswerRow) -> dict:
    """One answer with its respondent's attributes, as {column: typed value}."""
    return dict(zip(COLUMNS, person_values(person) + answer_values(person, answer)))


def pages(snapshot: Snapshot, progress) -> Iterator[list[RespondentRow]]:
    """The respondents with their answers, a page at a time, telling `progress` (answers done, total)."""
    total, done = snapshot.count_answers(), 0
    if progress:
        progress(0, total)
    for page in snapshot.respondent_pages():
        yield page
        done += sum(len(person.answers) for person in page)
        if progress:
            progress(done, total)


def rows(snapshot: Snapshot, progress) -> Iterator[tuple[RespondentRow, AnswerRow]]:
    for page in pages(snapshot, progress):
        for person in page:
            for answer in person.answers:
                yield person, answer


def flat(value: object) -> object:
    """A typed value as one spreadsheet cell: lists joined with '; ', booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value


def csv_cell(value: object) -> object:
    """flat(), then neutralise(): one call per cell, for speed (exact type tests: isinstance costs
    about 0.2 s over the 600,000 cells of a large export, benchmarks/README.md)."""
    if type(value) is str:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is list:
        return neutralise("; ".join(value))
    return value


# --- CSV -----------------------------------------------------------------------------------------------
def write_csv(snapshot: Snapshot, out: BinaryIO, progress=None) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    written = 0
    try:
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        for page in pages(snapshot, progress):
            for person in page:
                head = [csv_cell(v) for v in person_values(person)]
                writer.writerows([head + [csv_cell(v) for v in answer_values(person, a)] for a in person.answers])
                written += len(person.answers)
        text.flush()
    finally:
        text.detach()  # the caller owns `out`
    return written


# --- JSON ----------------------------------------------------------------------------------------------
def about(snapshot: Snapshot) -> dict:
    return {
        "dataset": "IMSA Voices consultation: anonymised answers (chat and written)",
        "exported_on": snapshot.today.isoformat(),
        "filters": snapshot.filters.describe(),
        "respondents": "numbered 1, 2, 3 ... in this export only",
        "never_included": NEVER,
        "held_back": HELD_NOTE,
    }


def languages() -> list[dict]:
    """Per chat language: whether all its texts were draft translations (not checked by a fluent speaker)."""
    return [{"code": code, "name": lang.name, "chat_texts_draft": i18n.all_draft(code)}
            for code, lang in i18n.languages().items()]


def codebook_rows(snapshot: Snapshot) -> list[dict]:
    return [{"id": c.id, "parent": c.parent_id, "level": c.level, "label": c.label, "description": c.description,
             "retired": bool(c.retired)} for c in snapshot.codebook()]


def write_json(snapshot: Snapshot, out: BinaryIO, progress=None) -> int:
    """{"export": {...}, "languages": [...], "codebook": [...], "answers": [...]}, written answer by answer."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)
    written = 0

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    try:
        text.write("{\n" + f'"export": {dump(about(snapshot))},\n"languages": {dump(languages())},\n"codebook": [')
        text.write(",".join("\n  " + dump(code) for code in codebook_rows(snapshot)))
        text.write('\n],\n"answers": [')
        for person, answer in rows(snapshot, progress):
            item = row(person, answer)
            item["codings"] = [{"code": c.code_id, "start": c.start, "end": c.end, "source": c.source}
                               for c in answer.codings]
            text.write(("\n  " if not written else ",\n  ") + dump(item))
            written += 1
        text.write("\n]\n}\n")
        text.flush()
    finally:
        text.detach()
    return written


# --- XLSX ----------------------------------------------------------------------------------------------
def cell(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, bool) or value is None:  # TRUE / FALSE / an empty cell
        return value
    value = flat(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(text) > XLSX_CELL_LIMIT:
            text = text[: XLSX_CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE
        return neutralise(text)
    return value


def write_xlsx(snapshot: Snapshot, out: BinaryIO, progress=None) -> int:
    """Sheets `answers` (one row per answer), `codebook` and `about`; streamed (openpyxl write-only)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    midnight = dt.datetime.combine(snapshot.today, dt.time())  # the export's day; never a time of day
    book.properties.created = book.properties.modified = midnight
    book.properties.creator = "IMSA Voices"
    sheet = book.create_sheet("answers")
    sheet.append(COLUMNS)
    written = 0
    for page in pages(snapshot, progress):
        for person in page:
            head = [cell(v) for v in person_values(person)]
            for answer in person.answers:
                sheet.append(head + [cell(v) for v in answer_values(person, answer)])
            written += len(person.answers)
    codes = book.create_sheet("codebook")
    codes.append(("id", "parent", "level", "label", "description", "retired"))
    for code in codebook_rows(snapshot):
        codes.append([cell(v) for v in code.values()])
    info = book.create_sheet("about")
    for key, value in about(snapshot).items():
        info.append([key, cell(value)])
    info.append([])
    info.append(["language", "name", "chat_texts_draft"])
    for lang in languages():
        info.append([cell(v) for v in lang.values()])
    with DayZipFile(out, snapshot.today) as archive:
        ExcelWriter(book, archive).write_data()
    return written
