"""Coding done in another tool comes back: `imsa-voices import-coding FILE.qdpx [--apply]`.

Reads a REFI-QDA project (.qdpx) that `imsa-voices export --format qdpx` wrote and analysts then coded
in NVivo, MAXQDA, ATLAS.ti or QualCoder, and places each of its text codings on the answer it codes:

- the document by its GUID (the export derives it from the respondent, the same in every export); a
  document the tool gave a new GUID (QualCoder does) by its answers: the respondent whose answers are
  all in it; failing that, each coding by its words, when they are in exactly one answer of the dataset;
- the answer and the span by the coded WORDS, not the numbers alone (an answer exported while it waited for
  review showed its doubtful words held, [NAME?] ...: they are held again the same way to find the words, and
  a coding over a placeholder covers the word it held: bot/export/held.py): tools count offsets differently
  (Windows line endings, UTF-16 units after an emoji, ATLAS.ti's \\n inside \\r\\n files), so the words
  are read at the selection in each of those ways and looked for in the respondent's answers; the
  occurrence nearest the selection wins. Words that are the whole answer make a whole-answer coding.
- the code by its GUID (the export derives it from the code id), else by its name; a code the analysts
  made becomes a topic code of the codebook under the theme it was made in (or the theme of the answers
  it codes), created by "imported from FILE".

Without `apply` nothing is written: the report says what would be added, what would change (a keyword
suggestion that becomes a staff coding) and every coding it could not place, and why. With `apply`, the
placed codings are added as staff codings by "imported from FILE" and the import is audited. A coding
already in the dataset (the same code on the same words, whoever made it) is left alone, so importing
the same file twice changes nothing the second time.

A file that is not a .qdpx (not a zip, no project.qde, not valid against the REFI-QDA 1.0 schema, too
large, or a zip bomb) is refused with a plain message before anything is read into the dataset.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree
from sqlalchemy import select

from bot.coding import PROFILE_THEME
from bot.export.held import HELD_ANY, fragments, hold, unhold
from bot.export.qdpx import CASES_CATEGORY, code_guid, code_names, respondent_guid, short_theme, unify_newlines
from bot.store.models import Answer, Code, Respondent

NS = "urn:QDA-XML:project:1.0"
XSD = Path(__file__).parent / "data" / "Project-mrt2019.xsd"
MAX_BYTES = 200 * 1024 * 1024  # the .qdpx itself
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # what it may unpack to
MAX_RATIO = 200  # a member that unpacks to more than 200 times its packed size is a zip bomb
MAX_MEMBERS = 500_000
MAX_LABEL = 80
EXCERPT = 60


class CodingFileError(ValueError):
    """A file import-coding cannot read; the message says why in plain words. Nothing was changed."""


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


# --- reading the file ------------------------------------------------------------------------------------
@dataclass
class FileCode:
    guid: str
    name: str
    parent: str | None  # the parent code's guid
    description: str


@dataclass
class Selection:
    source_guid: str
    source_name: str
    start: int
    end: int
    code_guids: list[str]


@dataclass
class Project:
    origin: str
    codes: dict[str, FileCode]
    documents: dict[str, str | None]  # source guid -> its text as the tool wrote it (None: not in the file)
    names: dict[str, str]  # source guid -> its name
    selections: list[Selection]


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as entry:  # zipfile stops at the declared size, which was checked
        return entry.read()


def read_project(path: Path, data: bytes | None = None) -> Project:
    """The project's codes, documents and text codings; CodingFileError when it is not a readable .qdpx.
    `data`: the file's bytes, already in memory (the staff area's upload); `path` then only names it."""
    path = Path(path)
    if data is None and not path.is_file():
        raise CodingFileError(f"There is no file {path}.")
    if (len(data) if data is not None else path.stat().st_size) > MAX_BYTES:
        raise CodingFileError(f"The file is larger than {MAX_BYTES // 2**20} MB; a .qdpx of this dataset is far "
                              "smaller. Check that it is the project you meant.")
    opened: Path | io.BytesIO = path if data is None else io.BytesIO(data)
    if not zipfile.is_zipfile(opened):
        raise CodingFileError("This is not a .qdpx project (a .qdpx is a zip file). In your QDA tool, export the "
                              "project as REFI-QDA (.qdpx) and import that file.")
    try:
        archive = zipfile.ZipFile(opened)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CodingFileError(f"The file is a damaged zip ({exc}); export the project again.") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise CodingFileError(f"The file holds more than {MAX_MEMBERS} entries; it is not a project of this "
                                  "dataset.")
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise CodingFileError(f"The file would unpack to more than {MAX_UNPACKED_BYTES // 2**20} MB "
                                  "(a zip bomb?); nothing was read.")
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise CodingFileError(f"The entry {info.filename!r} unpacks to {MAX_RATIO} times its size "
                                      "(a zip bomb?); nothing was read.")
        names = {i.filename: i for i in infos}
        qde = "project.qde" if "project.qde" in names else next(
            (n for n in names if n.lower().endswith(".qde") and "/" not in n), None)
        if qde is None:
            raise CodingFileError("The zip holds no project.qde, so it is not a REFI-QDA project. Export the "
                                  "project from your QDA tool as REFI-QDA (.qdpx).")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
        try:
            root = etree.fromstring(_member(archive, qde), parser)
        except etree.XMLSyntaxError as exc:
            raise CodingFileError(f"{qde} is not well-formed XML ({exc}); export the project again.") from exc
        if root.tag != q("Project"):
            raise CodingFileError(f"{qde} is not a REFI-QDA 1.0 project (its root is {root.tag!r}).")
        validator = schema()
        if not validator.validate(root):
            error = validator.error_log.last_error
            raise CodingFileError(f"{qde} does not follow the REFI-QDA 1.0 schema (line {error.line}: "
                                  f"{error.message}). Nothing was changed.")
        codes: dict[str, FileCode] = {}

        def walk(element: etree._Element, parent: str | None) -> None:
            for code in element.iterfind(q("Code")):
                guid = code.get("guid").strip("{}").lower()
                codes[guid] = FileCode(guid, " ".join((code.get("name") or "").split()), parent,
                                       code.findtext(q("Description")) or "")
                walk(code, guid)

        book = root.find(q("CodeBook"))
        if book is not None:
            walk(book.find(q("Codes")), None)
        documents: dict[str, str | None] = {}
        doc_names: dict[str, str] = {}
        selections: list[Selection] = []
        lower_names = {n.lower(): n for n in names}
        for source in root.iterfind(f"{q('Sources')}/{q('TextSource')}"):
            guid = source.get("guid").strip("{}").lower()
            doc_names[guid] = source.get("name") or guid
            where = source.get("plainTextPath") or ""
            text = None
            if where.startswith("internal://"):
                member = lower_names.get("sources/" + where[len("internal://"):].lower())
                if member is not None:
                    text = _member(archive, member).decode("utf-8", errors="replace").lstrip("\ufeff")
            documents[guid] = text
            for selection in source.iterfind(q("PlainTextSelection")):
                refs = [c.find(q("CodeRef")).get("targetGUID").strip("{}").lower()
                        for c in selection.iterfind(q("Coding"))]
                if refs:
                    selections.append(Selection(guid, doc_names[guid], int(selection.get("startPosition")),
                                                int(selection.get("endPosition")), refs))
    return Project(root.get("origin") or "", codes, documents, doc_names, selections)


# --- placing the codings ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewCode:
    theme: str
    label: str


@dataclass
class Placed:
    answer_id: int
    code: str | NewCode  # a code id, or a code to be made
    span: tuple[int, int] | None  # into answers.text; None = the whole answer
    words: str
    document: str
    note: str = ""


@dataclass
class Unplaced:
    document: str
    start: int
    end: int
    code: str
    reason: str


@dataclass
class CodingImport:
    path: Path
    origin: str = ""
    coder: str = ""
    selections: int = 0
    new_codes: list[NewCode] = field(default_factory=list)
    add: list[Placed] = field(default_factory=list)
    confirm: list[Placed] = field(default_factory=list)  # a suggestion becomes a staff coding
    already: int = 0
    cases: int = 0  # the export's own case links, not codings
    unplaced: list[Unplaced] = field(default_factory=list)
    applied: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # code id -> name, for the report

    def lines(self) -> list[str]:
        verb = "Added" if self.applied else "Would add"
        out = [f"{self.path.name}: {self.selections} coded selection(s) read"
               + (f" (made with {self.origin})" if self.origin else "") + "."]
        if self.new_codes:
            out.append(f"{verb} {len(self.new_codes)} new code(s) to the codebook, created by \"{self.coder}\":")
            out += [f"  + \"{c.label}\" under the theme {c.theme}" for c in self.new_codes]
        out.append(f"{verb} {len(self.add)} coding(s) as staff codings by \"{self.coder}\""
                   + (":" if self.add else "."))
        out += [f"  + {self.describe(p)}" for p in self.add]
        if self.confirm:
            out.append(f"{'Changed' if self.applied else 'Would change'} {len(self.confirm)} keyword suggestion(s) "
                       "into staff codings (the analysts coded the same):")
            out += [f"  ~ {self.describe(p)}" for p in self.confirm]
        out.append(f"Already in the dataset, left alone: {self.already} coding(s).")
        if self.unplaced:
            out.append(f"Could not place {len(self.unplaced)} coding(s); nothing was done with them:")
            out += [f"  - {u.document}, characters {u.start}-{u.end}, code \"{u.code}\": {u.reason}"
                    for u in self.unplaced]
        else:
            out.append("Every coding was placed.")
        if not self.applied:
            out.append("Nothing was changed. Run again with --apply to add them.")
        return out

    def describe(self, placed: Placed) -> str:
        if isinstance(placed.code, NewCode):
            name = f"\"{placed.code.label}\" (new)"
        else:
            name = f"\"{self.labels.get(placed.code, placed.code)}\""
        where = "the whole answer" if placed.span is None else f"\"{excerpt(placed.words)}\""
        return f"{placed.document}: {name} on {where}" + (f" ({placed.note})" if placed.note else "")


def excerpt(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= EXCERPT else words[:EXCERPT - 1] + "…"


def _norm(text: str) -> str:
    return unify_newlines(text)[0]


SCHEMES = (  # how tools count offsets: (the text they count in, the unit)
    ("as_is", "cp"), ("flat", "cp"), ("as_is", "u16"), ("flat", "u16"), ("crlf", "cp"), ("crlf", "u16"),
)


def _variant(doc: str, how: str) -> str:
    if how == "as_is":
        return doc
    flat = _norm(doc)
    return flat if how == "flat" else flat.replace("\n", "\r\n")


def _length(doc: str, scheme: tuple[str, str]) -> int:
    text = _variant(doc, scheme[0])
    return len(text.encode("utf-16-le")) // 2 if scheme[1] == "u16" else len(text)


def _slice(doc: str, scheme: tuple[str, str], start: int, end: int) -> tuple[str, int] | None:
    """The words at start..end counted as `scheme` says, and where they start in the document with \n line
    breaks counted in code points (None when the selection does not fit)."""
    text = _variant(doc, scheme[0])
    if scheme[1] == "u16":
        raw = text.encode("utf-16-le")
        if not 0 <= start < end <= len(raw) // 2:
            return None
        before = raw[:2 * start].decode("utf-16-le", errors="ignore")
        words = raw[2 * start:2 * end].decode("utf-16-le", errors="ignore")
    else:
        if not 0 <= start < end <= len(text):
            return None
        before, words = text[:start], text[start:end]
    return _norm(words), len(_norm(before))


def _aligned(flat: str, at: int, words: str) -> bool:
    """The words start and end at word boundaries (analysts select whole words)."""
    end = at + len(words)
    starts = at == 0 or not (flat[at - 1].isalnum() and flat[at:at + 1].isalnum())
    ends = end >= len(flat) or not (flat[end - 1].isalnum() and flat[end].isalnum())
    return starts and ends and bool(words.strip())


def choose_scheme(doc: str, selections: list[Selection], whole: int | None) -> tuple[str, str]:
    """How the tool counted this document's offsets: from the length it gives the whole document (the
    export's case coding), else the way that puts most of its selections on word boundaries."""
    if whole is not None:
        for scheme in SCHEMES:
            if _length(doc, scheme) == whole:
                return scheme
    flat = _norm(doc)

    def score(scheme: tuple[str, str]) -> int:
        hits = 0
        for selection in selections:
            piece = _slice(doc, scheme, selection.start, selection.end)
            hits += piece is not None and _aligned(flat, piece[1], piece[0])
        return hits

    return max(SCHEMES, key=score)  # the first of the best: code points, as the standard says


class Placer:
    """Finds the answer and span of each selection, and the code of each CodeRef."""

    def __init__(self, store, path: Path) -> None:  # noqa: ANN001
        self.store = store
        with store.session() as s:
            self.codes = list(s.execute(select(Code.id, Code.parent_id, Code.level, Code.label, Code.description,
                                               Code.retired).order_by(Code.id)))
            rids = list(s.execute(select(Respondent.id)).scalars())
        self.by_guid = {code_guid(c.id): c.id for c in self.codes}
        self.by_name = {name.casefold(): cid for cid, name in code_names(self.codes, (CASES_CATEGORY,)).items()}
        living = [c for c in self.codes if not c.retired]
        counts: dict[str, int] = {}
        for c in living:
            counts[c.label.casefold()] = counts.get(c.label.casefold(), 0) + 1
        for c in living:  # a code's own label, when no other code has it
            if counts[c.label.casefold()] == 1:
                self.by_name.setdefault(c.label.casefold(), c.id)
        self.known = {c.id: c for c in self.codes}
        self.labels = code_names(self.codes, (CASES_CATEGORY,))
        self.sources = {respondent_guid(rid, "source"): rid for rid in rids}
        self.case_guids = {respondent_guid(rid, "case") for rid in rids}
        self.answers_of: dict[str, list[Answer]] = {}
        self.held_of: dict[int, tuple[str | None, list]] = {}  # answer id -> its text with its doubtful words held

    # codes
    def code_of(self, project: Project, guid: str) -> str | NewCode | None:
        """Our code id, a NewCode whose theme is still to find (theme ""), or None for a case code."""
        if guid in self.case_guids:
            return None
        if guid in self.by_guid:
            return self.by_guid[guid]
        code = project.codes.get(guid)
        if code is None:
            return NewCode("", "")  # a CodeRef to no code of the file: cannot be placed (no label)
        if code.parent is not None and project.codes.get(code.parent) is not None \
                and project.codes[code.parent].name == CASES_CATEGORY:
            return None
        match = re.match(r"id: ([\w.]+)", code.description)
        if match and match.group(1) in self.known:
            return match.group(1)
        if code.name.casefold() in self.by_name:
            return self.by_name[code.name.casefold()]
        theme, parent = "", code.parent
        while parent is not None and parent in project.codes:
            known = self.code_of(project, parent)
            if isinstance(known, str):
                theme = known.split(".")[0]
                break
            parent = project.codes[parent].parent
        return NewCode(theme, code.name)  # an empty name: cannot be placed

    def label_for(self, code: NewCode, theme: str) -> str:
        """The new code's label without a theme prefix the analysts may have copied ("Health ...: dentists")."""
        label = code.label
        row = self.known.get(theme)
        if row is not None:
            for prefix in (short_theme(theme, row.label), row.label):
                if label.casefold().startswith(prefix.casefold() + ":"):
                    label = label[len(prefix) + 1:].strip()
                    break
        return (label[:1].upper() + label[1:])[:MAX_LABEL] if label else code.label[:MAX_LABEL]

    # answers
    def answers(self, rid: str) -> list[Answer]:
        if rid not in self.answers_of:
            self.answers_of[rid] = [a for a in self.store.answers(rid) if a.text]
        return self.answers_of[rid]

    def answers_holding(self, words: str) -> list[Answer]:
        """Answers anywhere in the dataset whose text holds the words (for a document the tool re-keyed); of
        words with a held placeholder, the longest part between them."""
        needle = max(fragments(words), key=len).strip()
        if len(needle) < 12:  # too short to say which answer
            return []
        with self.store.session() as s:
            rows = list(s.execute(select(Answer).where(Answer.text.contains(needle, autoescape=True)).limit(2))
                        .scalars())
        return rows

    def respondent_of(self, doc: str) -> str | None:
        """The respondent a document the tool re-keyed holds (QualCoder writes new GUIDs): the one whose
        answers are all in it, found from its "Answer: " lines (the export's layout)."""
        flat = _norm(doc)
        lines = [max(fragments(line[len("Answer: "):]), key=len).strip()  # a held answer: its longest plain part
                 for line in flat.split("\n") if line.startswith("Answer: ")]
        lines = sorted((line for line in lines if len(line) >= 4), key=len, reverse=True)[:3]
        found: set[str] | None = None
        with self.store.session() as s:
            for line in lines:
                rids = set(s.execute(select(Answer.respondent_id).where(
                    Answer.text.contains(line[:200], autoescape=True)).limit(50)).scalars())
                found = rids if found is None else found & rids
        matches = [rid for rid in found or () if all(self.shown(flat, a)[1] >= 0 for a in self.answers(rid))]
        return matches[0] if len(matches) == 1 else None

    def shown(self, flat_doc: str, answer: Answer) -> tuple[str, int, list]:
        """(the answer's text as the document shows it, where it starts there or -1, the moves of its held
        words): an answer exported while it waited for review shows its doubtful words held ([NAME?] ...:
        bot/export/held.py), whether or not a person has reviewed it since."""
        text_n = _norm(answer.text)
        base = flat_doc.find(text_n)
        if base >= 0 or not HELD_ANY.search(flat_doc):
            return text_n, base, []
        if answer.id not in self.held_of:
            self.held_of[answer.id] = hold(text_n, answer.language)
        held, moves = self.held_of[answer.id]
        at = flat_doc.find(held) if held and moves else -1
        return (held, at, moves) if held and at >= 0 else (text_n, -1, [])

    def place(self, doc: str | None, rid: str | None, selection: Selection,
              scheme: tuple[str, str] = SCHEMES[0]) -> tuple[Answer, tuple | None, str] | str:
        """(answer, span or None for the whole answer, the words), or why it cannot be placed."""
        if doc is None:
            return "the document's text is not in the file, so its coded words cannot be read"
        candidates = []
        for how in (scheme, *[s for s in SCHEMES if s != scheme]):
            piece = _slice(doc, how, selection.start, selection.end)
            if piece and piece[0].strip() and piece not in candidates:
                candidates.append(piece)
        if not candidates:
            return "the selection lies outside the document"
        flat_doc = _norm(doc)
        best = None  # (distance, answer, start, end, words)
        for words, at in candidates:  # the tool's way of counting first; the others should it fail
            words_n = words.strip()
            at += len(words) - len(words.lstrip())
            pool = self.answers(rid) if rid else self.answers_holding(words_n)
            if not rid and len(pool) != 1:
                continue
            for answer in pool:
                text_n = _norm(answer.text)
                shown, base, moves = self.shown(flat_doc, answer)
                for found in re.finditer(re.escape(words_n), shown):
                    distance = abs(base + found.start() - at) if base >= 0 else 10**9
                    if best is None or distance < best[0]:
                        start, end = found.start(), found.end()
                        if moves:  # offsets into the held text -> into the stored one (a placeholder: its word)
                            start, end = unhold(start, moves, is_end=False), unhold(end, moves, is_end=True)
                        best = (distance, answer, start, end, words_n)
                if best is None and base >= 0 and at <= base and base + len(shown) <= at + len(words_n):
                    best = (10**8, answer, 0, len(text_n), shown)  # the selection holds the whole answer and more
            if best is not None:
                break
        if best is None and rid:  # the words of an English translation: the answer as a whole
            for words, _ in candidates:
                for answer in self.answers(rid):
                    english, plain = answer.text_en, _norm(words).strip()
                    if english and plain and (plain in _norm(english) or HELD_ANY.search(plain)
                                              and plain in _norm(hold(english, "en")[0] or "")):
                        return answer, None, plain
        if best is None:
            if not rid:
                return "the document is not one of this dataset's, and its words are in no single answer"
            return f"the coded words \"{excerpt(candidates[0][0])}\" are in no answer of this respondent"
        _, answer, start, end, words = best
        text_n = _norm(answer.text)
        if text_n[:start].strip() == "" and text_n[end:].strip() == "":
            return answer, None, words
        _, where = unify_newlines(answer.text)
        if where is not None:  # back to offsets into the stored text (\r\n counts two there)
            back = {new: old for old, new in enumerate(where)}  # a character's own offset (after a \r\n: its \n's)
            start, end = back[start], back[end - 1] + 1
        return answer, (start, end), words


def _existing(store, answer_id: int, code_id: str, span: tuple | None) -> str | None:  # noqa: ANN001
    """'already' when the answer has this code there (an active coding, whoever made it), 'suggested' when
    only a keyword suggestion of it is there, else None."""
    suggested = False
    for row in store.codings(answer_id):
        if row.code_id != code_id or row.status != "active":
            continue
        row_span = (row.span_start, row.span_end) if row.span_start is not None else None
        if row.source == "suggested":
            if row_span == span:
                return "already"
            suggested = True
        elif row_span == span or span is None:
            return "already"
    return "suggested" if suggested else None


def import_coding(store, path: Path | str, *, apply: bool = False, actor: str = "cli",  # noqa: ANN001
                  data: bytes | None = None) -> CodingImport:
    """Read FILE.qdpx and place its codings; with `apply`, add them (see the module's docstring).
    `data`: the file's bytes when they are in memory (an upload); `path` then only gives the name.

    Raises CodingFileError, before anything is written, for a file that is not a readable .qdpx.
    """
    path = Path(path)
    project = read_project(path, data)
    placer = Placer(store, path)
    report = CodingImport(path, project.origin, f"imported from {path.name}"[:64],
                          selections=sum(len(s.code_guids) for s in project.selections), labels=placer.labels)
    seen: set[tuple] = set()
    new_codes: dict[tuple[str, str], NewCode] = {}
    by_document: dict[str, list[Selection]] = {}
    whole: dict[str, int] = {}  # the length the tool gives a document: its case coding spans it all
    for selection in project.selections:
        by_document.setdefault(selection.source_guid, []).append(selection)
        if selection.start == 0 and any(placer.code_of(project, g) is None for g in selection.code_guids):
            whole[selection.source_guid] = max(whole.get(selection.source_guid, 0), selection.end)
    schemes = {guid: choose_scheme(doc, by_document.get(guid, []), whole.get(guid))
               for guid, doc in project.documents.items() if doc is not None}
    rekeyed: dict[str, str | None] = {}  # documents the tool gave new GUIDs -> their respondent
    for guid, doc in project.documents.items():
        if guid not in placer.sources and doc is not None:
            rekeyed[guid] = placer.respondent_of(doc)
    for selection in project.selections:
        rid = placer.sources.get(selection.source_guid) or rekeyed.get(selection.source_guid)
        where = placer.place(project.documents.get(selection.source_guid), rid, selection,
                             schemes.get(selection.source_guid, SCHEMES[0]))
        for guid in selection.code_guids:
            code = placer.code_of(project, guid)
            if code is None:
                report.cases += 1
                continue
            name = project.codes[guid].name if guid in project.codes else guid
            problem = where if isinstance(where, str) else None
            if isinstance(code, NewCode) and not code.label:
                problem = "its code is not in the file's codebook, or has no name"
            if problem or isinstance(where, str):
                report.unplaced.append(Unplaced(selection.source_name, selection.start, selection.end, name,
                                                problem or str(where)))
                continue
            answer, span, words = where
            if isinstance(code, NewCode):
                theme = code.theme or answer.theme or PROFILE_THEME
                label = placer.label_for(code, theme)
                existing = next((c.id for c in placer.codes if c.parent_id == theme and not c.retired
                                 and c.label.casefold() == label.casefold()), None)
                if existing is None:
                    code = new_codes.setdefault((theme, label.casefold()), NewCode(theme, label))
                else:
                    code = existing
            key = (answer.id, code, span)
            if key in seen:
                continue
            seen.add(key)
            placed = Placed(answer.id, code, span, words, selection.source_name)
            state = None if isinstance(code, NewCode) else _existing(store, answer.id, code, span)
            if state == "already":
                report.already += 1
            elif state == "suggested":
                report.confirm.append(placed)
            else:
                report.add.append(placed)
    report.new_codes = list(new_codes.values())
    if apply and (report.add or report.confirm):
        _apply(store, report, actor)
    report.applied = apply  # nothing to add: nothing written, not even an audit entry
    return report


def _apply(store, report: CodingImport, actor: str) -> None:  # noqa: ANN001
    from bot.staff.coding_ops import new_code

    made: dict[NewCode, str] = {}
    for code in report.new_codes:
        made[code] = new_code(store, code.theme, code.label, actor=report.coder,
                              description=f"made by the analysts in another tool; {report.coder}")
    for placed in [*report.add, *report.confirm]:
        code_id = made[placed.code] if isinstance(placed.code, NewCode) else placed.code
        store.add_staff_coding(placed.answer_id, code_id, report.coder, span=placed.span)
    report.applied = True
    store.audit(actor, "import_coding", len(report.add) + len(report.confirm),
                detail=(f"{report.coder}: {len(report.add)} added, {len(report.confirm)} suggestions confirmed, "
                        f"{len(report.new_codes)} new codes, {len(report.unplaced)} not placed")[:255])
