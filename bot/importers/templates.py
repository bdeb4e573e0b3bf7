"""Blank written-response templates that the importer reads back: `imsa-voices written-template`."""

from __future__ import annotations

import csv
from pathlib import Path

from bot.conversation.catalogue import Question, catalogue

FORMATS = ("csv", "xlsx", "docx")
TITLE = "IMSA Model consultation: written response"
INSTRUCTIONS = (
    "Write your organisation's answer to each question in the answer space. Leave a question blank to skip it. "
    "Please do not name survivors or staff, or give addresses, phone numbers or case references: anything "
    "personal is removed on import, but it is safest never to write it. Do not change the question wording."
)
META_ROWS = (  # (id, label, default answer, hint)
    ("about.respondent_type", "Respondent type", "organisation", "organisation, professional or lived_experience"),
    ("about.nation", "UK nation", "", "england, scotland, wales, northern_ireland or more_than_one"),
    ("about.language", "Language", "en", "language code of your answers, e.g. en, cy, fr"),
)


def _sections() -> list[tuple[str, list[Question]]]:
    cat = catalogue()
    return [(t.name, list(t.questions)) for t in cat.themes] + [("Variation across the UK", [cat.profile])]


def write_template(fmt: str, out: Path | str) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    {"csv": _csv, "xlsx": _xlsx, "docx": _docx}[fmt](out)
    return out


def _rows() -> list[list[str]]:
    rows = [["question_id", "theme", "question", "answer"]]
    rows += [[qid, "about this response", f"{label} ({hint})", default] for qid, label, default, hint in META_ROWS]
    rows += [[q.id, name, q.written, ""] for name, questions in _sections() for q in questions]
    return rows


def _csv(out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8-sig") as f:  # the BOM lets Excel open it as UTF-8
        csv.writer(f).writerows(_rows())


def _xlsx(out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Response"
    for row in _rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCD", (24, 26, 70, 90)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("Instructions")
    notes.append([TITLE])
    notes.append([INSTRUCTIONS])
    notes.column_dimensions["A"].width = 120
    notes["A2"].alignment = Alignment(wrap_text=True)
    workbook.save(out)


def _docx(out: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(INSTRUCTIONS)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for _qid, label, default, hint in META_ROWS:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = default
    document.add_paragraph("Respondent type: " + META_ROWS[0][3] + ". UK nation: " + META_ROWS[1][3] + ".")
    for name, questions in _sections():
        document.add_heading(name, level=1)
        for q in questions:
            document.add_heading(q.written, level=2)
            document.add_paragraph("")
    document.save(str(out))
