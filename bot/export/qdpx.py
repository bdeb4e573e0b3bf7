"""A REFI-QDA project (.qdpx) that NVivo, ATLAS.ti, MAXQDA and QualCoder open: the coded dataset.

The .qdpx is a zip of `project.qde` (QDA-XML 1.0, urn:QDA-XML:project:1.0; it validates against
Project-mrt2019.xsd) and `Sources/<guid>.txt`:

- Users: pseudonymous, never a staff name: "Structural coding (from the questionnaire)", "Keyword
  suggestion (not confirmed)", and "Coder 1", "Coder 2" ... for the staff members who made or confirmed
  codings (numbered by their first coding, so the same person keeps the same number across exports).
- CodeBook: the code tree (theme -> kind, theme -> topic) as nested Codes, each named so that it reads
  alone and no two share a name ("Health and Social Care: barriers and challenges"; QualCoder keeps code
  names unique and drops repeats). Code GUIDs are derived from the code id, so the same code has the same
  GUID in every export (projects can be merged, and `imsa-voices import-coding` finds them again). Under
  "Respondents (cases)" one code per respondent whose GUID is its Case's: the whole document is coded
  with it: a code sharing its Case's GUID is how QualCoder's importer links a case to its text (it reads
  no SourceRef in a Case).
- Variables and Cases: one Case per respondent ("Respondent 12") holding its attributes as
  VariableValues (only the variables some respondent has a value for; yes/no ones are Boolean), a
  CodeRef to its case code and a SourceRef to its document.
- Sources: one TextSource per respondent, "Respondent 12 (chat)" (or "(written)", "(workshop)"), a plain
  UTF-8 text with `\\n` line endings: each answer under its question (chat answers also under the chat's
  wording), then its English translation when there is one. Codings are PlainTextSelections with a
  Coding and CodeRef: the whole answer when the coding has no span, else the span shifted by the
  answer's offset in the source; one selection per span and user, with the user and the month
  (creatingUser, creationDateTime at midnight on the 1st) on both, and for suggested and staff
  coding the provenance in its Description. Offsets count Unicode code points (characters), as the
  standard says.

Case and source GUIDs are derived one way (uuid5) from the respondent's random stored id, so the same
respondent has the same GUIDs in every export; the stored id itself is never written.

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

from bot.conversation import i18n
from bot.export.archive import DayZipFile
from bot.export.held import NOTE as HELD_NOTE
from bot.export.rows import NOT_ASSISTED, RespondentRow, Snapshot, chat_texts_draft
from bot.export.tabular import NEVER

NS = "urn:QDA-XML:project:1.0"
NSMAP = {None: NS}
CODE_NAMESPACE = uuid.UUID("5b0e3c1c-6f0a-4b8e-9a51-6c1d2f0e9a11")  # for stable code GUIDs
VARIABLES = (  # name, type, description
    ("Channel", "Text", "chatbot, written or workshop"),
    ("Respondent type", "Text", "lived_experience, organisation or professional"),
    ("Language", "Text", "the language the respondent chose (a code such as en, ar, ti)"),
    ("UK nation", "Text", "where in the UK the answers are about"),
    ("Assisted", "Boolean", "someone helped the respondent answer (see How assisted)"),
    ("How assisted", "Text", "none, support_worker_beside, support_worker_typing or interpreter"),
    ("Completed", "Boolean", "the respondent reached the end"),
    ("Month", "Text", "the month the respondent began (YYYY-MM); never a finer date"),
    ("Reached through", "Text", "the partner organisation whose website the chat was opened on"),
    ("Chat texts draft", "Boolean", "the chat's texts in this language were draft translations"),
)
CASES_CATEGORY = "Respondents (cases)"
THEME_SHORT = {  # a theme's name in front of its codes, short enough to read in a code tree
    "advocacy": "Advocacy", "multiagency": "Multi-Agency", "nrm": "NRM and Support",
    "resilience": "Risk and Resilience", "profile": "Respondent",
}
MAX_THEME_PREFIX = 24
USER_STRUCTURAL = "Structural coding (from the questionnaire)"
USER_SUGGESTED = "Keyword suggestion (not confirmed by staff)"
PROVENANCE = {
    "structural": "structural: theme and question, from the questionnaire",
    "suggested": "suggested by keywords; nobody has confirmed it",
    "staff": "staff coding (made or confirmed by {user})",
}
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def xml_text(value: str) -> str:
    return XML_ILLEGAL.sub("", value)


class Guids:
    """Fresh GUIDs for this export's selections and codings: a random uuid4 with its last 48 bits counting up."""

    def __init__(self) -> None:
        self.prefix = str(uuid.uuid4())[:24]  # xxxxxxxx-xxxx-4xxx-yxxx-
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count:012x}"


@lru_cache(maxsize=None)
def code_guid(code_id: str) -> str:
    """The same GUID for a code in every export, so projects from two exports can be merged."""
    return str(uuid.uuid5(CODE_NAMESPACE, code_id))


def variable_guid(name: str) -> str:
    return str(uuid.uuid5(CODE_NAMESPACE, "variable:" + name))


def respondent_guid(respondent_id: str, what: str) -> str:
    """The respondent's case ("case") or document ("source") GUID, the same in every export; one way."""
    return str(uuid.uuid5(CODE_NAMESPACE, f"{what}:{respondent_id}"))


@lru_cache(maxsize=256)
def user_guid(name: str) -> str:
    return str(uuid.uuid5(CODE_NAMESPACE, "user:" + name))


@lru_cache(maxsize=512)
def month_time(day) -> str:  # noqa: ANN001 - a date or None
    """A date as an xsd:dateTime of its month only: 2026-11-01T00:00:00Z."""
    return f"{day:%Y-%m}-01T00:00:00Z" if day else ""


class Users:
    """The project's pseudonymous users: who made each coding, by kind, and staff as Coder 1, 2 ..."""

    def __init__(self, staff_coders: list[str]) -> None:
        self.names = {"structural": USER_STRUCTURAL, "suggested": USER_SUGGESTED}
        self.coders: dict[str, str] = {}
        for number, coder in enumerate(staff_coders, 1):
            self.coders[coder] = f"Coder {number}"

    def name(self, source: str, coder: str) -> str:
        if source == "staff":
            return self.coders.get(coder) or "Coder (unknown)"
        return self.names.get(source, USER_STRUCTURAL)

    def all(self) -> list[str]:
        return [USER_STRUCTURAL, USER_SUGGESTED, *self.coders.values()]


def short_theme(theme_id: str, label: str) -> str:
    if theme_id in THEME_SHORT:
        return THEME_SHORT[theme_id]
    if len(label) <= MAX_THEME_PREFIX:
        return label
    words, out = label.split(), ""
    for word in words:
        if len(out) + len(word) + 1 > MAX_THEME_PREFIX:
            break
        out = f"{out} {word}".strip()
    return out or label[:MAX_THEME_PREFIX]


def lower_first(label: str) -> str:
    """"Barriers and challenges" -> "barriers and challenges"; "GP registration" stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def code_names(codes: list, reserved: tuple[str, ...] = ()) -> dict[str, str]:
    """Every code's name in the project: unique in the whole codebook (ignoring case) and readable alone.

    A theme keeps its label; a code under it reads "Health and Social Care: barriers and challenges" (the
    theme's short name in front). Should two still meet, the second (a retired one first) gets its id in
    brackets.
    """
    by_id = {code.id: code for code in codes}
    taken = {name.casefold() for name in reserved}
    names: dict[str, str] = {}
    for code in sorted(codes, key=lambda c: bool(c.retired)):  # a living code keeps the plain name
        label = " ".join(xml_text(code.label or "").split()) or code.id
        theme = code
        while theme.parent_id is not None and theme.parent_id in by_id:
            theme = by_id[theme.parent_id]
        name = label if theme is code else f"{short_theme(theme.id, theme.label or theme.id)}: {lower_first(label)}"
        if name.casefold() in taken:
            name = f"{name} ({code.id})"
        n = 2
        while name.casefold() in taken:
            name, n = f"{name} {n}", n + 1
        taken.add(name.casefold())
        names[code.id] = name
    return names


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


Selections = dict[tuple[int, int], list]  # (start, end) -> [CodingRow] (one per code)


def build_source(person: RespondentRow) -> tuple[str, Selections, dict[tuple[int, int], str]]:
    """The source text, and its selections: (start, end) -> codings, and (start, end) -> question id."""
    doc = SourceText()
    kind = "chat" if person.chat else person.channel
    doc.line(f"Respondent {person.number} ({kind}, {person.respondent_type}, language {person.language})")
    selections: Selections = {}
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
            whose = {"person": "translated by a person", "machine": "machine translation"}.get(answer.english_by, "")
            doc.line(f"English ({whose}): {unify_newlines(answer.text_en)[0]}" if whose
                     else f"English: {unify_newlines(answer.text_en)[0]}")
        for coding in answer.codings:
            span = (0, len(text))
            if answer.text and coding.start is not None and coding.end is not None \
                    and 0 <= coding.start < coding.end <= len(raw):  # a span that no longer fits: the whole answer
                span = (where[coding.start], where[coding.end]) if where else (coding.start, coding.end)
            if span[1] <= span[0]:
                continue
            key = (start + span[0], start + span[1])
            selections.setdefault(key, [])
            if all(c.code_id != coding.code_id for c in selections[key]):
                selections[key].append(coding)
            names.setdefault(key, answer.question_id)
    return doc.value(), selections, names


# --- the project ---------------------------------------------------------------------------------------
def code_element(code, children: dict, names: dict[str, str]) -> etree._Element:
    element = etree.Element(q("Code"), nsmap=NSMAP, guid=code_guid(code.id), name=names[code.id], isCodable="true")
    notes = [f"id: {code.id}", f"level: {code.level}"]
    if code.description:
        notes.append(code.description)
    if code.label and code.label != names[code.id]:
        notes.append(f"label: {code.label}")
    if code.retired:
        notes.append("retired: no longer in the codebook; kept so earlier codings keep their meaning")
    etree.SubElement(element, q("Description")).text = xml_text("; ".join(notes))
    for child in children.get(code.id, []):
        element.append(code_element(child, children, names))
    return element


def values_of(person: RespondentRow) -> dict[str, object]:
    """The respondent's attributes by variable name; None or "" when it has none."""
    return {
        "Channel": person.channel, "Respondent type": person.respondent_type, "Language": person.language,
        "UK nation": person.nation,
        "Assisted": None if person.assisted is None else person.assisted != NOT_ASSISTED,
        "How assisted": person.assisted, "Completed": person.completed,
        "Month": person.month, "Reached through": person.reached_through,
        "Chat texts draft": chat_texts_draft(person.language) if person.chat else None,
    }


def variable_values(parent: etree._Element, person: RespondentRow, used: set[str]) -> None:
    values = values_of(person)
    for name, kind, _ in VARIABLES:
        value = values[name]
        if value is None or value == "" or name not in used:
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
    users = Users(snapshot.staff_coders())
    used: set[str] = set()  # variables some respondent has a value for (the others are left out)
    with DayZipFile(out, snapshot.today, compresslevel=1) as archive, tempfile.TemporaryFile() as qde:
        with etree.xmlfile(qde, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element(q("Project"), nsmap=NSMAP, name="IMSA Voices consultation: anonymised answers",
                            origin="IMSA Voices"):
                with xf.element(q("Users")):
                    for name in users.all():
                        xf.write(etree.Element(q("User"), nsmap=NSMAP, guid=user_guid(name), name=name))
                codes = snapshot.codebook()
                children: dict = {}
                for code in codes:
                    children.setdefault(code.parent_id, []).append(code)
                names = code_names(codes, reserved=(CASES_CATEGORY,))
                with xf.element(q("CodeBook")):
                    with xf.element(q("Codes")):
                        for code in children.get(None, []):
                            xf.write(code_element(code, children, names), pretty_print=True)
                        if total:
                            write_case_codes(xf, snapshot, used)
                variables = [v for v in VARIABLES if v[0] in used]
                if variables:
                    with xf.element(q("Variables")):
                        for name, kind, description in variables:
                            variable = etree.Element(q("Variable"), nsmap=NSMAP, guid=variable_guid(name), name=name,
                                                     typeOfVariable=kind)
                            etree.SubElement(variable, q("Description")).text = description
                            xf.write(variable, pretty_print=True)
                if total:  # the schema wants at least one Case and one Source when the lists are there
                    with xf.element(q("Cases")):
                        for page in snapshot.pages_by_id(with_answers=False):
                            for rid, person in page.items():
                                case_guid = respondent_guid(rid, "case")
                                case = etree.Element(q("Case"), nsmap=NSMAP, guid=case_guid,
                                                     name=f"Respondent {person.number}")
                                etree.SubElement(case, q("CodeRef"), targetGUID=case_guid)
                                variable_values(case, person, used)
                                etree.SubElement(case, q("SourceRef"), targetGUID=respondent_guid(rid, "source"))
                                xf.write(case, pretty_print=True)
                    with xf.element(q("Sources")):
                        for page in snapshot.pages_by_id():
                            for rid, person in page.items():
                                written += write_source(xf, archive, rid, person, guids, users)
                            if progress:
                                progress(written, total)
                description = etree.Element(q("Description"), nsmap=NSMAP)
                description.text = (f"Exported on {snapshot.today.isoformat()}; "
                                    f"filters: {snapshot.filters.describe()}. "
                                    "Who coded: the users say it (structural coding from the questionnaire, "
                                    "keyword suggestions nobody confirmed, and staff as Coder 1, Coder 2 ...); "
                                    "each coding is dated by its month. "
                                    f"{HELD_NOTE}; words held back in this project: {snapshot.held}. "
                                    f"Never included: {NEVER}.")
                xf.write(description)
        qde.seek(0)
        with archive.open("project.qde", "w") as entry:
            shutil.copyfileobj(qde, entry, 1 << 20)
    return written


def write_case_codes(xf, snapshot: Snapshot, used: set[str]) -> None:  # noqa: ANN001
    """"Respondents (cases)": one code per respondent, its GUID its Case's, coding its whole document.
    On the way, `used` gathers the variables some respondent has a value for."""
    with xf.element(q("Code"), guid=str(uuid.uuid5(CODE_NAMESPACE, "category:cases")), name=CASES_CATEGORY,
                    isCodable="false"):
        description = etree.Element(q("Description"), nsmap=NSMAP)
        description.text = ("One code per respondent, coding the respondent's whole document: how QualCoder "
                            "and NVivo link a case to its text. Not a code of the codebook.")
        xf.write(description)
        for page in snapshot.pages_by_id(with_answers=False):
            for rid, person in page.items():
                used.update(name for name, value in values_of(person).items() if value is not None and value != "")
                xf.write(etree.Element(q("Code"), nsmap=NSMAP, guid=respondent_guid(rid, "case"),
                                       name=f"Respondent {person.number}", isCodable="true"), pretty_print=True)


TEXT_SOURCE, SELECTION, CODING, CODE_REF = q("TextSource"), q("PlainTextSelection"), q("Coding"), q("CodeRef")
DESCRIPTION = q("Description")


@lru_cache(maxsize=256)
def provenance(source: str, user: str) -> str:
    """How a selection was coded, in words (the tools show it as the selection's memo)."""
    return PROVENANCE.get(source, source).format(user=user)


def write_source(xf, archive: DayZipFile, rid: str, person: RespondentRow, guids: Guids,
                 users: Users) -> int:
    text, selections, names = build_source(person)
    guid = respondent_guid(rid, "source")
    archive.writestr(f"Sources/{guid}.txt", text.encode("utf-8"))
    source = etree.Element(TEXT_SOURCE, nsmap=NSMAP, guid=guid, name=source_name(person),
                           plainTextPath=f"internal://{guid}.txt")
    sub = etree.SubElement
    if text:  # the whole document coded with the respondent's case code (see write_case_codes)
        when = {"creationDateTime": f"{person.month}-01T00:00:00Z"} if person.month else {}
        whole = sub(source, SELECTION, guid=guids(), name=f"Respondent {person.number}", startPosition="0",
                    endPosition=str(len(text)), creatingUser=user_guid(USER_STRUCTURAL), **when)
        sub(whole, DESCRIPTION).text = "the respondent's whole document (links the case to its text)"
        sub(sub(whole, CODING, guid=guids(), creatingUser=user_guid(USER_STRUCTURAL), **when), CODE_REF,
            targetGUID=respondent_guid(rid, "case"))
    for (start, end), codings in sorted(selections.items()):
        by_user: dict[str, list] = {}
        for coding in codings:
            by_user.setdefault(users.name(coding.source, coding.coder), []).append(coding)
        for user, mine in by_user.items():  # one selection per span and user: QualCoder reads the user there
            dates = [c.created_on for c in mine if c.created_on]
            selection = sub(source, SELECTION, guid=guids(), name=names[(start, end)], startPosition=str(start),
                            endPosition=str(end), creatingUser=user_guid(user))
            if dates:
                selection.set("creationDateTime", month_time(min(dates)))
            if mine[0].source != "structural":  # the user's name says it for structural coding
                sub(selection, DESCRIPTION).text = provenance(mine[0].source, user)
            user_id = user_guid(user)
            for coding in mine:
                element = sub(selection, CODING, guid=guids(), creatingUser=user_id)
                if coding.created_on:
                    element.set("creationDateTime", month_time(coding.created_on))
                sub(element, CODE_REF, targetGUID=code_guid(coding.code_id))
    xf.write(source, pretty_print=True)
    return len(person.answers)
