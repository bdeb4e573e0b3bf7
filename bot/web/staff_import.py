"""The staff area's import pages (staff and admins): written responses, and coding done in another tool.

    GET  /staff/import                  upload a written response (.docx, .csv, .xlsx)
    POST /staff/import                  read it and show the CHECK page: rows, respondents, languages, nations,
                                        every problem with its row; nothing is stored yet
    POST /staff/import/confirm          store what the check page showed (once), audited
    POST /staff/import/cancel           forget the upload
    GET  /staff/import/coding           "Bring back coding": upload a coded .qdpx
    POST /staff/import/coding           the check page: what it would add, change, and could not place
    POST /staff/import/coding/apply     add the placed codings as "imported from FILE", audited

The reading, checks and limits are bot.importers' own, the same as `imsa-voices import-written` and
`import-coding` (bot/cli/dataset.py): bot.importers.read_data / store_parsed and bot.importers.coding.import_coding.

Anonymity: an upload holds people's words before redaction, so it never touches the disk. The multipart body is
read here into memory (aiohttp's own form parser would spool a file part to a temporary file), parsed in memory,
and the parse is held in this process's memory only, under a random token bound to the staff session that made
it, for at most PENDING_MINUTES: confirming or cancelling drops it at once, the time running out drops it, and
after signing out no other session can reach it. It is held
BEFORE redaction because the Store redacts at its door: redacting here first would hide from the review queue
what redaction found, and break the check that a response was imported before. The check page shows counts,
question wordings and the file's own headings, never an answer's words. The audit log names the file by a short
hash. Several web processes do not share pending uploads: a confirmation that reaches another process gets
"upload the file again", and nothing is stored.

Confirming twice (a double click, the back button) imports once: the token is marked taken before the import
starts, and a second confirmation shows the first one's result.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from aiohttp import BodyPartReader, web
from multidict import CIMultiDict

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.importers import ImportReport, MalformedFile, Parsed, file_digest, read_data, readers, store_parsed
from bot.importers import coding as coding_import
from bot.staff import stats
from bot.staff.auth import COOKIE, CSRF_HEADER, load_session, staff_only, store_of
from bot.web.incoming import form_text
from bot.web.templating import CSRF_FIELD, render

PENDING_MINUTES = 30
PENDING_KEY: web.AppKey[dict[str, Pending]] = web.AppKey("staff_import_pending", dict)
WRITTEN_TYPES = (".docx", ".csv", ".xlsx")
TYPE_CHOICES = (("organisation", "An organisation"), ("professional", "A professional"),
                ("lived_experience", "A person with lived experience"))
FIELD_LIMIT = 4096  # a text field of the upload form
DRAIN_LIMIT = 1024 * 1024 * 1024  # after a file over the limit: read and drop up to this much, then close


# --- uploads, read into memory ------------------------------------------------------------------------------------
@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    filename: str = ""
    data: bytes = b""
    too_big: bool = False


async def _drop(part: BodyPartReader | Any) -> None:
    """Read and drop what is left of a part (a browser shows our answer, not a broken connection)."""
    dropped = 0
    while dropped < DRAIN_LIMIT:
        chunk = await part.read_chunk(256 * 1024)
        if not chunk:
            return
        dropped += len(chunk)


async def read_upload(request: web.Request, limit: int) -> Upload:
    """The multipart form in memory: its text fields, and the one file (at most `limit` bytes)."""
    upload = Upload()
    reader = await request.multipart()
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):  # a nested multipart: no form of ours sends one
            continue
        if part.filename is not None:
            if upload.filename or upload.too_big:
                await _drop(part)
                continue
            upload.filename = PurePath(part.filename.replace("\\", "/")).name[:200]
            data = bytearray()
            while True:
                chunk = await part.read_chunk(256 * 1024)
                if not chunk:
                    break
                data += chunk
                if len(data) > limit:
                    upload.too_big = True
                    await _drop(part)
                    data = bytearray()
                    break
            upload.data = bytes(data)
        else:
            value = bytearray()
            while len(value) <= FIELD_LIMIT:
                chunk = await part.read_chunk(FIELD_LIMIT)
                if not chunk:
                    break
                value += chunk
            await _drop(part)
            if part.name:
                upload.fields[part.name] = bytes(value[:FIELD_LIMIT]).decode("utf-8", errors="replace")
    return upload


def _with_csrf(request: web.Request, token: str) -> CIMultiDict[str]:
    headers = CIMultiDict(request.headers)
    headers[CSRF_HEADER] = token
    return headers


def with_upload(limit: Any):  # noqa: ANN401 - a callable giving the limit, read at each request (tests may set it)
    """Wrap a staff_only POST handler that takes a file: for a signed-in member of staff, the multipart body is read
    into memory first, and its csrf_token field is handed to staff_only as the X-CSRF-Token header (so aiohttp's
    form parser, which writes file parts to disk, never runs). Anyone else is refused by staff_only as usual,
    before the body is read."""

    def decorate(guarded):  # noqa: ANN001, ANN202
        async def handler(request: web.Request) -> web.StreamResponse:
            if request.content_type == "multipart/form-data":
                store = store_of(request)
                session = await asyncio.to_thread(load_session, store, request.cookies.get(COOKIE))
                if session is not None and session.passed and session.user.can("staff"):
                    upload = await read_upload(request, limit())
                    request = request.clone(headers=_with_csrf(request, upload.fields.get(CSRF_FIELD, "")))
                    request["upload"] = upload
                else:  # staff_only refuses it, before any CSRF check that would read the body as a form
                    request = request.clone(headers=_with_csrf(request, ""))
            return await guarded(request)

        handler.staff_roles = getattr(guarded, "staff_roles", ())
        return handler

    return decorate


# --- what is waiting for a confirmation ----------------------------------------------------------------------------
@dataclass
class Pending:
    kind: str  # "written" or "coding"
    session: str  # the staff session's token hash: only that session may confirm
    filename: str
    digest: str
    made: float
    parsed: Parsed | None = None  # written: the parse (in memory only)
    data: bytes = b""  # coding: the .qdpx's bytes (in memory only)
    state: str = "waiting"  # waiting, running, done
    result: Any = None


def _pending(request: web.Request) -> dict[str, Pending]:
    held = request.app[PENDING_KEY]
    now = time.monotonic()
    for token in [t for t, p in held.items() if now - p.made > PENDING_MINUTES * 60]:
        del held[token]  # the time ran out: the upload is forgotten
    return held


def _hold(request: web.Request, pending: Pending) -> str:
    held = _pending(request)
    for token in [t for t, p in held.items() if p.session == pending.session and p.kind == pending.kind
                  and p.state == "waiting"]:
        del held[token]  # one upload waiting per session and kind: a new upload replaces the old
    token = secrets.token_urlsafe(24)
    held[token] = pending
    # forgotten when the time runs out even if nobody opens an import page again
    asyncio.get_running_loop().call_later(PENDING_MINUTES * 60, _forget, held, token, pending)
    return token


def _forget(held: dict[str, Pending], token: str, pending: Pending) -> None:
    if held.get(token) is pending and pending.state != "running":
        del held[token]


def _find(request: web.Request, kind: str, token: str) -> Pending | None:
    pending = _pending(request).get(token)
    if pending is None or pending.kind != kind or pending.session != request["staff_session"].token_hash:
        return None
    return pending


# --- written responses -------------------------------------------------------------------------------------------
def _form_page(request: web.Request, *, status: int = 200, errors: list[tuple[str, str]] | None = None,
               respondent_type: str = "organisation") -> web.Response:
    return render(request, "staff/import/upload.html", status=status, title="Import written responses",
                  errors=errors or [], types=TYPE_CHOICES, chosen=respondent_type,
                  max_mb=readers.MAX_BYTES // 2**20, has_coding=True)


@staff_only("staff")
async def upload_form(request: web.Request) -> web.Response:
    return _form_page(request)


def _split(problem: str) -> tuple[str, str]:
    """("row 4", "what is wrong") from a reader's "row 4: ..." (or "column 2: ...", "heading ..."); else ("", ...)."""
    head, sep, rest = problem.partition(": ")
    if sep and head.split(" ")[0] in ("row", "column", "sheet"):
        return head, rest
    return "", problem


def check_summary(parsed: Parsed) -> dict[str, Any]:
    """What the check page shows: counts, languages, nations, questions and every problem (no answer's words)."""
    languages: dict[str, int] = {}
    nations: dict[str, int] = {}
    kinds: dict[str, int] = {}
    questions: dict[str, int] = {}
    for response in parsed.responses:
        languages[response.language] = languages.get(response.language, 0) + 1
        nation = response.nation or ""
        nations[nation] = nations.get(nation, 0) + 1
        kinds[response.respondent_type] = kinds.get(response.respondent_type, 0) + 1
        for answer in response.answers:
            questions[answer.question_id] = questions.get(answer.question_id, 0) + 1
    names = i18n.languages()
    wording = stats.question_labels()
    type_names = dict(TYPE_CHOICES)
    problems = [_split(u) for u in parsed.unmapped]
    problems = [(where, f"{what}: not a question of the survey, not imported") for where, what in problems]
    problems += [_split(n) for n in parsed.notes if not n.startswith("sheet ")]
    order = {q.id: n for n, q in enumerate(catalogue().all_questions())}
    return {
        "layout": {"long": "one response, a question a row (the template)", "wide": "a response a row",
                   "docx": "a Word document"}.get(parsed.layout, parsed.layout),
        "sheet": next((n for n in parsed.notes if n.startswith("sheet ")), ""),
        "rows": parsed.rows,
        "respondents": len(parsed.responses),
        "answers": sum(len(r.answers) for r in parsed.responses),
        "languages": [(f"{names[c].name} ({c})" if c in names else c, n) for c, n in sorted(languages.items())],
        "nations": [(stats.NATION_LABELS.get(k, k) if k else "Not given", n) for k, n in sorted(nations.items())],
        "kinds": [(type_names.get(k, k), n) for k, n in sorted(kinds.items())],
        "questions": [(wording.get(q, q), q, n)
                      for q, n in sorted(questions.items(), key=lambda i: order.get(i[0], 0))],
        "problems": [{"where": w, "what": what} for w, what in problems],
    }


async def _parse(upload: Upload, respondent_type: str) -> Parsed:
    suffix = PurePath(upload.filename).suffix.lower()
    if suffix not in WRITTEN_TYPES:
        raise MalformedFile(f"it is a {suffix or 'file with no extension'}; only .docx, .csv and .xlsx can be "
                            "imported")
    return await asyncio.to_thread(read_data, upload.data, suffix, respondent_type=respondent_type)


@staff_only("staff")
async def _upload_submit(request: web.Request) -> web.Response:
    upload: Upload | None = request.get("upload")
    if upload is None:
        return _form_page(request, status=400, errors=[("file", "Choose a file to upload.")])
    respondent_type = upload.fields.get("respondent_type", "organisation")
    if respondent_type not in dict(TYPE_CHOICES):
        respondent_type = "organisation"
    mb = readers.MAX_BYTES // 2**20
    if upload.too_big:
        message = f"The file is bigger than {mb} MB. Split it into smaller files and import each one."
    elif not upload.filename:
        message = "Choose a file to upload."
    elif not upload.data:
        message = "The file is empty. Check that you chose the right file."
    else:
        try:
            parsed = await _parse(upload, respondent_type)
        except MalformedFile as exc:
            message = (f"This file cannot be imported: {exc}. Nothing was stored. Check the file (the template from "
                       "imsa-voices written-template shows the layout) and upload it again.")
        else:
            session = request["staff_session"].token_hash
            token = _hold(request, Pending("written", session, upload.filename, file_digest(upload.data),
                                           time.monotonic(), parsed=parsed))
            return render(request, "staff/import/check.html", title="Check the import", token=token,
                          filename=upload.filename, summary=check_summary(parsed), minutes=PENDING_MINUTES)
    return _form_page(request, status=400, errors=[("file", message)], respondent_type=respondent_type)


upload_submit = with_upload(lambda: readers.MAX_BYTES)(_upload_submit)


def _expired(request: web.Request, back: str) -> web.Response:
    return render(request, "staff/message.html", status=410, title="Upload the file again",
                  message=f"This check has expired (after {PENDING_MINUTES} minutes, or on signing out) or was "
                          "cancelled. Nothing was stored.", link={"href": back, "text": "Upload the file again"})


def _result(request: web.Request, pending: Pending, *, again: bool) -> web.Response:
    report: ImportReport = pending.result
    return render(request, "staff/import/done.html", status=200 if report.ok else 500,
                  title="Import finished" if report.ok else "Import failed", report=report,
                  filename=pending.filename, again=again)


@staff_only("staff")
async def confirm(request: web.Request) -> web.Response:
    form = await request.post()
    pending = _find(request, "written", form_text(form, "token", 64))
    if pending is None:
        return _expired(request, "/staff/import")
    if pending.state != "waiting":  # confirmed before: show what that did, import nothing
        if pending.state == "running":
            return render(request, "staff/message.html", status=409, title="Import in progress",
                          message="This file is being imported now. Nothing more was done.",
                          link={"href": "/staff/answers?channel=written", "text": "See the written answers"})
        return _result(request, pending, again=True)
    pending.state = "running"  # before any await: a second confirmation sees it
    assert pending.parsed is not None
    user = request["user"]
    report = ImportReport(Path(pending.filename))  # a name only: no file is opened
    try:
        pending.result = await asyncio.to_thread(store_parsed, store_of(request), pending.parsed, report,
                                                 actor=user.name, digest=pending.digest, where=" (staff area)")
    finally:
        pending.state = "done"
        pending.parsed = None  # the words are not needed any more: let them go
    return _result(request, pending, again=False)


@staff_only("staff")
async def cancel(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    token = form_text(form, "token", 64)
    kind = "coding" if form_text(form, "kind", 16) == "coding" else "written"
    if _find(request, kind, token) is not None:
        del request.app[PENDING_KEY][token]
    raise web.HTTPSeeOther("/staff/import/coding?cancelled=1" if kind == "coding" else "/staff/import?cancelled=1")


# --- coding from another tool ------------------------------------------------------------------------------------
def _coding_form(request: web.Request, *, status: int = 200, errors: list[tuple[str, str]] | None = None):
    return render(request, "staff/import/coding_upload.html", status=status, title="Bring back coding",
                  errors=errors or [], max_mb=coding_import.MAX_BYTES // 2**20,
                  cancelled=request.query.get("cancelled") == "1")


@staff_only("staff")
async def coding_form(request: web.Request) -> web.Response:
    return _coding_form(request)


def coding_view(report: coding_import.CodingImport) -> dict[str, Any]:
    """The report as rows for the page's tables."""
    def row(placed: coding_import.Placed) -> dict[str, str]:
        if isinstance(placed.code, coding_import.NewCode):
            code = f"{placed.code.label} (new)"
        else:
            code = report.labels.get(placed.code, placed.code)
        where = "the whole answer" if placed.span is None else f"“{coding_import.excerpt(placed.words)}”"
        return {"document": placed.document, "code": code, "where": where, "note": placed.note}

    themes = stats.theme_labels()
    return {
        "selections": report.selections, "origin": report.origin, "coder": report.coder,
        "new_codes": [{"label": c.label, "theme": themes.get(c.theme, c.theme)} for c in report.new_codes],
        "add": [row(p) for p in report.add], "confirm": [row(p) for p in report.confirm],
        "already": report.already, "applied": report.applied,
        "unplaced": [{"document": u.document, "where": f"{u.start}-{u.end}", "code": u.code, "why": u.reason}
                     for u in report.unplaced],
        "changes": len(report.add) + len(report.confirm),
    }


@staff_only("staff")
async def _coding_submit(request: web.Request) -> web.Response:
    upload: Upload | None = request.get("upload")
    mb = coding_import.MAX_BYTES // 2**20
    if upload is None or not upload.filename:
        return _coding_form(request, status=400, errors=[("file", "Choose a .qdpx file to upload.")])
    if upload.too_big:
        message = f"The file is bigger than {mb} MB; a .qdpx of this dataset is far smaller. Check it is the project."
    elif not upload.data:
        message = "The file is empty. Check that you chose the right file."
    elif PurePath(upload.filename).suffix.lower() != ".qdpx":
        message = ("This is not a .qdpx file. In your QDA tool (NVivo, MAXQDA, ATLAS.ti, QualCoder), export the "
                   "project as REFI-QDA (.qdpx) and upload that.")
    else:
        try:
            report = await asyncio.to_thread(coding_import.import_coding, store_of(request), upload.filename,
                                             apply=False, actor=request["user"].name, data=upload.data)
        except coding_import.CodingFileError as exc:
            message = f"{exc} Nothing was changed."
        else:
            session = request["staff_session"].token_hash
            view = coding_view(report)
            token = _hold(request, Pending("coding", session, upload.filename, file_digest(upload.data),
                                           time.monotonic(), data=upload.data)) if view["changes"] else ""
            return render(request, "staff/import/coding_check.html", title="Check the coding to bring back",
                          token=token, filename=upload.filename, report=view, minutes=PENDING_MINUTES)
    return _coding_form(request, status=400, errors=[("file", message)])


coding_submit = with_upload(lambda: coding_import.MAX_BYTES)(_coding_submit)


@staff_only("staff")
async def coding_apply(request: web.Request) -> web.Response:
    form = await request.post()
    pending = _find(request, "coding", form_text(form, "token", 64))
    if pending is None:
        return _expired(request, "/staff/import/coding")
    if pending.state == "waiting":
        pending.state = "running"
        try:
            report = await asyncio.to_thread(coding_import.import_coding, store_of(request), pending.filename,
                                             apply=True, actor=request["user"].name, data=pending.data)
            pending.result = coding_view(report)
        except coding_import.CodingFileError as exc:  # read a moment ago; only a change of code could do this
            pending.result = None
            return render(request, "staff/message.html", status=400, title="Coding not brought back",
                          message=f"{exc} Nothing was changed.")
        finally:
            pending.state, pending.data = "done", b""
        again = False
    elif pending.state == "running":
        return render(request, "staff/message.html", status=409, title="Coding being added",
                      message="The coding of this file is being added now. Nothing more was done.")
    else:
        again = True
    return render(request, "staff/import/coding_done.html", title="Coding brought back", report=pending.result,
                  filename=pending.filename, again=again)


def add_routes(app: web.Application) -> None:
    app[PENDING_KEY] = {}
    app.router.add_get("/staff/import", upload_form)
    app.router.add_post("/staff/import", upload_submit)
    app.router.add_post("/staff/import/confirm", confirm)
    app.router.add_post("/staff/import/cancel", cancel)
    app.router.add_get("/staff/import/coding", coding_form)
    app.router.add_post("/staff/import/coding", coding_submit)
    app.router.add_post("/staff/import/coding/apply", coding_apply)

