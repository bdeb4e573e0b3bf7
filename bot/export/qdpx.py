"""A REFI-QDA project (.qdpx) that NVivo, ATLAS.ti, MAXQDA and QualCoder open: the coded dataset.

The .qdpx is a zip of `project.qde` (QDA-XML 1.0, urn:QDA-XML:project:1.0; it validates against
Project-mrt2019.xsd) and `Sources/<guid>.txt`:

- CodeBook: the code tree (theme -> kind, theme -> topic) as nested Codes. Code GUIDs are derived from
  the code id, so the same code has the same GUID in every export (projects can be merged).
- Variables and Cases: one Case per respondent ("Respondent 12") holding its attributes as
  VariableValues, and a SourceRef to its source.
- Sources: one TextSource per respondent, a plain UTF-8 text with `\\n` line endings: each answer under
  its question (chat answers also under the chat's wording), then its English translation when there
  is one. Codings are PlainTextSelections with a Coding and CodeRef: the whole answer when the coding
  has no span, else the span shifted by the answer's offset in the source. Offsets count Unicode code
  points (characters), as the standard says.

Written a respondent at a time with lxml's incremental writer: 100,000 answers never sit in memory.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from functools import lru_cache
from typing import BinaryIO

from lxml import etree

from bot import i18n
from bot.export.archive import DayZipFile
from bot.export.rows import RespondentRow, Snapshot, chat_texts_draft
from bot.export.tabular import NEVER

NS = "urn:QDA-XML:project:1.0"
NSMAP = {None: NS}
CODE_NAMESPACE = uuid.UUID("5b0e3c1c-6f0a-4b8e-9a51-6c1d2f0e9a11")  # for stable code GUIDs
VARIABLES = (  # name, type, description
    ("Channel", "Text", "chatbot, written or workshop"),
    ("Respondent type", "Text", "lived_experience, organisation or professional"),
    ("Language", "Text", "the language the respondent chose (a code such as en, ar, ti)"),
    ("UK nation", "Text", "where in the UK the answers are about"),
    ("Assisted", "Text", "none, support_worker_beside, support_worker_typing or interpreter"),
    ("Completed", "Boolean", "the respondent reached the end"),
    ("Month", "Text", "the month the respondent began (YYYY-MM); never a finer date"),
    ("Reached through", "Text", "the partner organisation whose website the chat was opened on"),
    ("Chat texts draft", "Boolean", "the chat's texts in this language were draft translations"),
)
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def xml_text(value: str) -> str:
    return XML_ILLEGAL.sub("", value)


class Guids:
    """Fresh GUIDs for this export: a random uuid4 with its last 48 bits counting up (unique, and fast).

    `source(n)` is respondent n's source GUID, the same when the Cases and then the Sources are written.
    """

    def __init__(self) -> None:
        self.prefix = str(uuid.uuid4())[:24]  # xxxxxxxx-xxxx-4xxx-yxxx-
        self.source_prefix = str(uuid.uuid4())[:24]
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:012x}"

    def source(self, number: int) -> str:
        return f"{self.source_prefix}{number:012x}"


@lru_cache(maxsize=None)
def code_guid(code_id: str) -> str:
    """The same GUID for a code in every export, so projects from two exports can be merged."""
    return str(uuid.uuid5(CODE_NAMESPACE, code_id))


def variable_guid(name: str) -> str:
    return str(uuid.uuid5(CODE_NAMESPACE, "variable:" + name))


# --- sources -----------------------------------------------------------------------------------------
def unify_newlines(text: str) -> tuple[str, list[int] | None]:
    """The text with \\r\\n and \\r turned into \\n, and where each old offset went (None when unchanged)."""
    if "\r" not in text:
        return text, None
    out: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        where.append(len(out))
        if text[i] == "\r":
            out.append("\n")
            if text[i + 1:i + 2] == "\n":  # \r\n: one character now
                where.append(len(out))
                i += 1
        else:
            out.append(text[i])
        i += 1
    where.append(len(out))
    return "".join(out), where


class SourceText:
    """A respondent's source document, built answer by answer, with each answer's offset."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def line(self, text: str = "") -> None:
        self.add(text + "\n")

    def value(self) -> str:
        return "".join(self.parts)


@lru_cache(maxsize=4096)
def chat_wording(language: str, chat_key: str) -> str | None:
    """The question as the chat asked it, in the answer's language."""
    try:
        return i18n.text(language, chat_key)
    except KeyError:
        return None


def build_source(person: RespondentRow) -> tuple[str, dict[tuple[int, int], list[str]], dict[tuple[int, int], str]]:
    """The source text, and its selections: (start, end) -> code ids, and (start, end) -> question id."""
    doc = SourceText()
    kind = "chat" if person.chat else person.channel
    doc.line(f"Respondent {person.number} ({kind}, {person.respondent_type}, language {person.language})")
    selections: dict[tuple[int, int], list[str]] = {}
    names: dict[tuple[int, int], str] = {}
    for answer in person.answers:
        doc.line()
        doc.line(f"{answer.question_id}: {unify_newlines(answer.written)[0]}")
        wording = chat_wording(answer.language, answer.chat_key) if person.chat else None
        if wording:
            doc.line(f"In the chat ({answer.language}): {unify_newlines(wording)[0]}")
        raw = answer.text if answer.text else answer.choice
        if not raw:
            doc.line("(no answer)")
            continue
        doc.add("Answer: ")
        text, where = unify_newlines(raw)
        start = doc.add(text)
        doc.line()
        if answer.text_en and answer.language != "en":
            doc.line(f"English: {unify_newlines(answer.text_en)[0]}")
        for coding in answer.codings:
            span = (0, len(text))
            if answer.text and coding.start is not None and coding.end is not None \
                    and 0 <= coding.start < coding.end <= len(raw):  # a span that no longer fits: the whole answer
                span = (where[coding.start], where[coding.end]) if where else (coding.start, coding.end)
            if span[1] <= span[0]:
                continue
            key = (start + span[0], start + span[1])
            selections.setdefault(key, [])
            if coding.code_id not in selections[key]:
                selections[key].append(coding.code_id)
            names.setdefault(key, answer.question_id)
    return doc.value(), selections, names


# --- the project ---------------------------------------------------------------------------------------
def code_element(code, children: dict) -> etree._Element:
    element = etree.Element(q("Code"), nsmap=NSMAP, guid=code_guid(code.id), name=xml_text(code.label) or code.id,
                            isCodable="true")
    notes = [f"id: {code.id}", f"level: {code.level}"]
    if code.description:
        notes.append(code.description)
    if code.retired:
        notes.append("retired: no longer in the codebook; kept so earlier codings keep their meaning")
    etree.SubElement(element, q("Description")).text = xml_text("; ".join(notes))
    for child in children.get(code.id, []):
        element.append(code_element(child, children))
    return element


def variable_values(parent: etree._Element, person: RespondentRow) -> None:
    values = {
        "Channel": person.channel, "Respondent type": person.respondent_type, "Language": person.language,
        "UK nation": person.nation, "Assisted": person.assisted, "Completed": person.completed,
        "Month": person.month, "Reached through": person.reached_through,
        "Chat texts draft": chat_texts_draft(person.language) if person.chat else None,
    }
    for name, kind, _ in VARIABLES:
        value = values[name]
        if value is None or value == "":
            continue
        vv = etree.SubElement(parent, q("VariableValue"))
        etree.SubElement(vv, q("VariableRef"), targetGUID=variable_guid(name))
        if kind == "Boolean":
            etree.SubElement(vv, q("BooleanValue")).text = "true" if value else "false"
        else:
            etree.SubElement(vv, q("TextValue")).text = xml_text(str(value))


def source_name(person: RespondentRow) -> str:
    return f"Respondent {person.number} ({'chat' if person.chat else person.channel})"


def write_qdpx(snapshot: Snapshot, out: BinaryIO, progress=None) -> int:
    guids = Guids()
    total, written = snapshot.count_answers(), 0
    if progress:
        progress(0, total)
    with DayZipFile(out, snapshot.today, compresslevel=1) as archive, tempfile.TemporaryFile() as qde:
        with etree.xmlfile(qde, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(q("Project"), nsmap=NSMAP, name="IMSA Voices consultation: anonymised answers",
                            origin="IMSA Voices"):
                codes = snapshot.codebook()
                children: dict = {}
                for code in codes:
                    children.setdefault(code.parent_id, []).append(code)
                with xf.element(q("CodeBook")):
                    with xf.element(q("Codes")):
                        for code in children.get(None, []):
                            xf.write(code_element(code, children), pretty_print=True)
                with xf.element(q("Variables")):
                    for name, kind, description in VARIABLES:
                        variable = etree.Element(q("Variable"), nsmap=NSMAP, guid=variable_guid(name), name=name,
                                                 typeOfVariable=kind)
                        etree.SubElement(variable, q("Description")).text = description
                        xf.write(variable, pretty_print=True)
                if total:  # the schema wants at least one Case and one Source when the lists are there
                    with xf.element(q("Cases")):
                        for page in snapshot.respondent_pages(with_answers=False):
                            for person in page:
                                case = etree.Element(q("Case"), nsmap=NSMAP, guid=guids(),
                                                     name=f"Respondent {person.number}")
                                variable_values(case, person)
                                etree.SubElement(case, q("SourceRef"), targetGUID=guids.source(person.number))
                                xf.write(case, pretty_print=True)
                    with xf.element(q("Sources")):
                        for page in snapshot.respondent_pages():
                            for person in page:
                                written += write_source(xf, archive, person, guids)
                            if progress:
                                progress(written, total)
                description = etree.Element(q("Description"), nsmap=NSMAP)
                description.text = (f"Exported on {snapshot.today.isoformat()}; "
                                    f"filters: {snapshot.filters.describe()}. "
                                    f"Never included: {NEVER}.")
                xf.write(description)
        qde.seek(0)
        with archive.open("project.qde", "w") as entry:
            shutil.copyfileobj(qde, entry, 1 << 20)
    return written


TEXT_SOURCE, SELECTION, CODING, CODE_REF = q("TextSource"), q("PlainTextSelection"), q("Coding"), q("CodeRef")


def write_source(xf, archive: DayZipFile, person: RespondentRow, guids: Guids) -> int:
    text, selections, names = build_source(person)
    guid = guids.source(person.number)
    archive.writestr(f"Sources/{guid}.txt", text.encode("utf-8"))
    source = etree.Element(TEXT_SOURCE, nsmap=NSMAP, guid=guid, name=source_name(person),
                           plainTextPath=f"internal://{guid}.txt")
    sub = etree.SubElement
    for (start, end), code_ids in sorted(selections.items()):
        selection = sub(source, SELECTION, guid=guids(), name=names[(start, end)], startPosition=str(start),
                        endPosition=str(end))
        for code_id in code_ids:
            sub(sub(selection, CODING, guid=guids()), CODE_REF, targetGUID=code_guid(code_id))
    xf.write(source, pretty_print=True)
    return len(person.answers)
