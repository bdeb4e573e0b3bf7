"""The staff area's data pages: dashboard (with export downloads), redaction review queue, answers and coding.

Routes (staff and admins; bot.staff.auth.staff_only checks the session, the role and, on every POST, the
CSRF token):

    GET  /staff/dashboard                        figures and charts for a filter; links to its downloads
    GET  /staff/export?format=csv&theme=..       the filtered export, streamed as an attachment
    GET  /staff/review                           answers waiting for a redaction review, oldest first
    GET  /staff/answers                          answers matching a filter (and words searched for), newest first
    POST /staff/answers/bulk                     confirm or reject the suggestions of the selected answers
    GET  /staff/answers/{id}?<filter>            one answer: redacted text, English, codings; coding forms; its
                                                 place in the filtered list ("12 of 340") with next and previous
    POST /staff/answers/{id}/english             a person's English for the answer (typed or corrected)
    POST /staff/answers/{id}/redact              redact further (selected offsets, or the words typed)
    POST /staff/answers/{id}/reviewed            mark the redaction reviewed
    POST /staff/answers/{id}/codes               add a codebook code (whole answer, or selected / typed words)
    POST /staff/answers/{id}/codings/{cid}/confirm | reject
    POST /staff/codes                            a new topic code under a theme (and put it on the answer)

There is no route that un-redacts: only redacted text is ever stored. Pages show the redacted text only.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.export import FORMATS, MEDIA_TYPES, ExportError, export, suggested_filename
from bot.staff import coding_ops, filtering, review, stats
from bot.staff.auth import staff_only, store_of
from bot.staff.review import ReviewError
from bot.web.charts import Chart, Series, bar_chart
from bot.web.incoming import form_text
from bot.web.templating import render

REVIEW_PAGE_SIZE = 10
ANSWERS_PAGE_SIZE = 25
CHUNK = 64 * 1024
WORDS_LIMIT = 4096  # characters of words typed to redact or code
FORMAT_NAMES = {
    "csv": "CSV (Excel, SPSS, R)", "xlsx": "Excel workbook (.xlsx)", "json": "JSON with the codebook",
    "qdpx": "REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)",
    "transcripts": "Chat transcripts (.zip of text files)",
}
DONE = {
    "redacted": "The words were redacted, here and in the transcript. This cannot be undone.",
    "reviewed": "The answer was marked as reviewed.",
    "confirmed": "The suggested code was confirmed.",
    "rejected": "The code was rejected. It will not be suggested for this answer again.",
    "coded": "The code was added.",
    "new_code": "The new code was added to the codebook.",
    "quoted": "The answer is in the quote bank.",
    "unquoted": "The answer was taken out of the quote bank.",
    "english": "Your English was saved as translated by a person. Machine translation will not replace it.",
    "english_removed": "Your English was taken away. The answer waits for English again.",
}
BULK_DONE = {"confirm": "confirmed", "reject": "rejected"}
YES_NO = (("", "Either"), ("yes", "Assisted (support worker or interpreter)"), ("no", "Not assisted"))


# --- small helpers -----------------------------------------------------------------------------------------------
def page_number(text: str | None, default: int = 1) -> int:
    try:
        return max(1, int(text or default))
    except ValueError:
        return default


def _done(request: web.Request) -> str:
    """The notice after an action (?done=...), or ""."""
    return DONE.get(request.query.get("done", ""), "")


def problem(request: web.Request, title: str, message: str, *, target: str = "main", back_href: str = "",
            back_text: str = "", status: int = 400) -> web.Response:
    """A page that only says what went wrong, and where to go back to."""
    return render(request, "staff/data/problem.html", status=status, title=title, message=message, target=target,
                  back_href=back_href, back_text=back_text)


def _theme_names() -> dict[str, str]:
    return stats.theme_labels()


def language_name(code: str) -> str:
    language = i18n.languages().get(code)
    return f"{language.name} ({code})" if language else code


def back_target(form, default: str) -> str:
    """Where a form goes back to after its action: a staff path only."""
    target = form_text(form, "back", 512)
    return target if target.startswith("/staff/") and not target.startswith("//") and "\\" not in target else default


def with_done(target: str, done: str, anchor: str = "") -> str:
    path, _, fragment = target.partition("#")
    path = path + ("&" if "?" in path else "?") + f"done={done}"
    return path + ("#" + (anchor or fragment) if (anchor or fragment) else "")


# --- filters form ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Select:
    name: str
    label: str
    options: list[tuple[str, str]]  # (value, text)
    chosen: str


@dataclass(frozen=True)
class FilterForm:
    """What the template macro data.filter_form draws: the page it goes to, the hidden choices it keeps, the selects."""

    action: str
    keep: list[tuple[str, str]]
    selects: list[Select]


def filter_form(action: str, f: Any, code_choices: list[coding_ops.CodeOption],
                keep: dict[str, str] | None = None) -> FilterForm:
    """The filters form; `keep` are other choices of the page (hidden fields) that applying filters keeps."""
    chosen = {name: "" for name in filtering.FIELDS}
    for name in filtering.FIELDS:
        got = filtering.value(f, name)
        if name == "assisted":
            got = filtering.yes_no(filtering.assisted_value(f))
        chosen[name] = "" if got is None else str(got)
    themes = _theme_names()
    wording = stats.question_labels()
    questions = [(q.id, f"{wording[q.id]} ({q.id})") for q in catalogue().all_questions()]
    languages = [(code, f"{lang.name} ({code})") for code, lang in i18n.languages().items()]
    nations = [(n, stats.NATION_LABELS.get(n, n)) for n in catalogue().nation_choices]
    codes = [(o.id, f"{o.label} ({o.id})") for o in code_choices]
    return FilterForm(action, list((keep or {}).items()), [
        Select("theme", "Theme", [("", "All themes")] + list(themes.items()), chosen["theme"]),
        Select("question", "Question", [("", "All questions")] + questions, chosen["question"]),
        Select("channel", "Channel", [("", "All channels")] + list(stats.CHANNEL_LABELS.items()), chosen["channel"]),
        Select("language", "Language", [("", "All languages")] + languages, chosen["language"]),
        Select("nation", "UK nation", [("", "All nations")] + nations, chosen["nation"]),
        Select("assisted", "Assisted", list(YES_NO), chosen["assisted"]),
        Select("code", "Code", [("", "Any code")] + codes, chosen["code"]),
    ])


async def checked_filter(request: web.Request) -> tuple[Any, str]:
    """(the filter from the query string, an error message or "")."""
    f = filtering.from_query(request.query)
    try:
        await asyncio.to_thread(filtering.check, store_of(request), f)
    except ExportError as exc:
        return f, str(exc)
    return f, ""


async def filter_or_none(request: web.Request) -> tuple[Any, str, list[coding_ops.CodeOption]]:
    """(the query's filter, or no filter when it is wrong; the error message or ""; the codes to filter by),
    for a page that shows everything, with the message, rather than nothing when a filter is wrong."""
    f, error = await checked_filter(request)
    if error:
        f = filtering.from_query({})
    return f, error, await asyncio.to_thread(coding_ops.code_options, store_of(request))


# --- dashboard ---------------------------------------------------------------------------------------------------
def _row_chart(chart_id: str, title: str, what: str, rows: list[stats.Row]) -> Chart:
    description = (f"Respondents and answers {what}. "
                   + "; ".join(f"{r.label}: {r.respondents} respondents, {r.answers} answers" for r in rows)
                   if rows else f"No answers yet {what}.")
    return bar_chart(chart_id, title, description, [r.label for r in rows],
                     [Series("Respondents", tuple(r.respondents for r in rows)),
                      Series("Answers", tuple(r.answers for r in rows))], keys=[r.key for r in rows])


def _charts(board: stats.Dashboard) -> list[Chart]:
    questions = board.by_question
    return [
        _row_chart("by-theme", "By theme", "per theme", board.by_theme),
        _row_chart("by-language", "By language", "per language the answers were written in", board.by_language),
        _row_chart("by-channel", "By channel", "per channel (chatbot or written)", board.by_channel),
        _row_chart("by-nation", "By UK nation", "per UK nation the respondent chose", board.by_nation),
        _row_chart("by-partner", "Reached through", "per partner organisation whose website the chat was opened on",
                   board.by_partner),
        bar_chart(
            "by-question", "Completion and drop-off per question",
            "For each question: how many answered it, and how many people who did not finish stopped after it. "
            + "; ".join(f"{q.label}: {q.answered} answered, {q.stopped} stopped here" for q in questions),
            [q.label for q in questions],
            [Series("Answered", tuple(q.answered for q in questions)),
             Series("Stopped after this question", tuple(q.stopped for q in questions))],
            keys=[q.question_id for q in questions],
            extra_columns=[("Share who stopped here", [f"{q.stopped_share:.0%}" for q in questions])],
            notes=[q.question_id if q.label != q.question_id else "" for q in questions], wide=True,
        ),
    ]


@staff_only("staff")
async def dashboard(request: web.Request) -> web.Response:
    f, error, options = await filter_or_none(request)
    board = await asyncio.to_thread(stats.dashboard, store_of(request), f)
    return render(request, "staff/data/dashboard.html", status=400 if error else 200, title="Dashboard",
                  error=error, board=board, filters=filter_form("/staff/dashboard", f, options),
                  filtered=not filtering.is_empty(f), query=filtering.to_query(f), charts_shown=_charts(board),
                  downloads=[(f"/staff/export?{filtering.to_query(f, format=fmt)}", FORMAT_NAMES.get(fmt, fmt))
                             for fmt in FORMATS])


# --- export download ---------------------------------------------------------------------------------------------
async def send_spooled(request: web.Request, spool: Any, content_type: str, filename: str) -> web.StreamResponse:
    """A file written to `spool` (a temporary file, at its end), streamed as an attachment in chunks."""
    size = spool.tell()
    spool.seek(0)
    from bot.web.app import SECURITY_HEADERS  # the middleware cannot add them once a stream has started

    response = web.StreamResponse(headers={
        **SECURITY_HEADERS,
        "Content-Type": content_type,
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Content-Length": str(size),
    })
    await response.prepare(request)
    while True:
        chunk = await asyncio.to_thread(spool.read, CHUNK)
        if not chunk:
            break
        await response.write(chunk)
    await response.write_eof()
    return response


@staff_only("staff")
async def download(request: web.Request) -> web.StreamResponse:
    """The filtered export as an attachment: written to an unnamed temporary file (flat memory), then streamed."""
    fmt = request.query.get("format", "")
    if fmt not in FORMATS:
        return problem(request, "Download", f"Choose one of the formats: {', '.join(FORMATS)}.",
                       back_href="/staff/dashboard", back_text="Back to the dashboard")
    f = filtering.from_query(request.query)
    store, actor = store_of(request), request["user"].name
    spool = tempfile.TemporaryFile(prefix="imsa-export-")  # unlinked at once: gone when closed, even on a crash
    try:
        try:
            await asyncio.to_thread(export, store, fmt, spool, f, actor=actor)
        except ExportError as exc:
            return problem(request, "Download", str(exc), back_href=f"/staff/dashboard?{filtering.to_query(f)}",
                           back_text="Back to the dashboard")
        return await send_spooled(request, spool, MEDIA_TYPES.get(fmt, "application/octet-stream"),
                                  suggested_filename(fmt, f))
    finally:
        spool.close()


# --- the answer text and its forms ---------------------------------------------------------------------------------
def text_parts(text: str, doubts: tuple[tuple[int, int, str], ...] = ()) -> list[tuple[str, bool]]:
    """The redacted text, exactly as stored, in pieces: (text, whether redaction was unsure about it). The
    template marks the unsure words; the text the page shows is unchanged."""
    parts, at = [], 0
    for start, end, _kind in sorted(doubts):
        if start < at:
            continue
        parts.append((text[at:start], False))
        parts.append((text[start:end], True))
        at = end
    parts.append((text[at:], False))
    return parts


DOUBT_KINDS = {
    "possible name": "may be a name",
    "capitalised word": "a capital in the middle of a sentence",
    "long number": "a long number",
    "handle": "a social media name",
}


@dataclass(frozen=True)
class Doubt:
    start: int
    end: int
    word: str
    kind: str  # what the page says about it


def doubts(text: str, found: tuple[tuple[int, int, str], ...]) -> list[Doubt]:
    """One entry per word redaction was unsure about, for its one-click "Redact" button."""
    return [Doubt(start, end, text[start:end], DOUBT_KINDS.get(kind, kind)) for start, end, kind in sorted(found)]


def _types(found: dict) -> str:
    if not found:
        return "nothing redacted yet (something may have been missed: read it closely)"
    return ", ".join(f"{k.replace('_', ' ').lower()} × {v}" for k, v in sorted(found.items()))


# --- review queue ------------------------------------------------------------------------------------------------
async def _review_page(request: web.Request, *, errors: dict[int, str] | None = None,
                       status: int = 200) -> web.Response:
    number = page_number(request.query.get("page"))
    items, total = await asyncio.to_thread(review.queue, store_of(request), number, REVIEW_PAGE_SIZE)
    if not items and number > 1 and total:
        number = max(1, -(-total // REVIEW_PAGE_SIZE))
        items, total = await asyncio.to_thread(review.queue, store_of(request), number, REVIEW_PAGE_SIZE)
    return render(request, "staff/data/review.html", status=status, title="Review queue", done=_done(request),
                  items=items, total=total, number=number, page_size=REVIEW_PAGE_SIZE, errors=errors or {},
                  back=f"/staff/review?page={number}", language_name=language_name, redacted_types=_types,
                  text_parts=text_parts, doubts=doubts)


@staff_only("staff")
async def review_queue(request: web.Request) -> web.Response:
    return await _review_page(request)


def answer_id_of(request: web.Request) -> int:
    try:
        return int(request.match_info["id"])
    except (KeyError, ValueError):
        raise web.HTTPNotFound() from None


async def _after_error(request: web.Request, answer_id: int, back: str, message: str) -> web.Response:
    """Show the page the form came from again, with the message beside the answer (status 400)."""
    if back.startswith("/staff/review"):
        return await _review_page(request, errors={answer_id: message}, status=400)
    return await _answer_page(request, answer_id, error=message, status=400)


@staff_only("staff")
async def redact(request: web.Request) -> web.StreamResponse:
    answer_id = answer_id_of(request)
    form = await request.post()
    back = back_target(form, f"/staff/answers/{answer_id}")
    seen, actor = form_text(form, "version", 64), request["user"].name
    store = store_of(request)
    try:
        if form_text(form, "start") and form_text(form, "end"):
            try:
                start, end = int(form_text(form, "start", 12)), int(form_text(form, "end", 12))
            except ValueError:
                raise ReviewError("Select the words to redact in the answer first.") from None
            await asyncio.to_thread(review.redact_span, store, answer_id, start, end, actor=actor, seen=seen,
                                    selected=form_text(form, "selected", review.MAX_SELECTION + 1))
        else:
            await asyncio.to_thread(review.redact_words, store, answer_id, form_text(form, "words", WORDS_LIMIT),
                                    actor=actor, seen=seen)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _after_error(request, answer_id, back, str(exc))
    raise web.HTTPSeeOther(with_done(back, "redacted"))


@staff_only("staff")
async def mark_reviewed(request: web.Request) -> web.StreamResponse:
    answer_id = answer_id_of(request)
    form = await request.post()
    back = back_target(form, "/staff/review")
    try:
        await asyncio.to_thread(review.mark_reviewed, store_of(request), answer_id, actor=request["user"].name,
                                seen=form_text(form, "version", 64) or None)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _after_error(request, answer_id, back, str(exc))
    raise web.HTTPSeeOther(with_done(back.split("#")[0], "reviewed"))


# --- answers: list and one answer ------------------------------------------------------------------------------------
async def answer_filter(request: web.Request, query: Any = None) -> tuple[Any, str]:
    """The answers list's and queue's filter (with words and "waiting for English"), from the query string (or
    `query`); when a choice is wrong, no filter and the message."""
    f = filtering.answer_filter_from_query(request.query if query is None else query)
    try:
        await asyncio.to_thread(filtering.check, store_of(request), f)
    except ExportError as exc:
        return filtering.AnswerFilter(), str(exc)
    return f, ""


def _bulk_notice(request: web.Request) -> str:
    """After a bulk confirm or reject: how many suggestions on how many answers (?bulk=confirm&n=7&of=3)."""
    done = BULK_DONE.get(request.query.get("bulk", ""))
    if not done:
        return ""
    n, of = page_number(request.query.get("n"), 0), page_number(request.query.get("of"), 0)
    if request.query.get("n") == "0":
        return "None of the selected answers had a suggested code: nothing changed."
    codes = "suggested code" if n == 1 else "suggested codes"
    answers = "answer" if of == 1 else "answers"
    return f"{n} {codes} {done} on {of} {answers}."


async def _answers_page(request: web.Request, *, error: str = "", status: int = 200,
                        query_of: Any = None) -> web.Response:
    given = request.query if query_of is None else query_of
    f, filter_error = await answer_filter(request, given)
    options = await asyncio.to_thread(coding_ops.code_options, store_of(request))
    number = page_number(given.get("page"))
    rows, total = await asyncio.to_thread(coding_ops.browse, store_of(request), f, number, ANSWERS_PAGE_SIZE)
    query = filtering.to_query(f)
    paged = filtering.to_query(f, page=number if number > 1 else None)
    return render(request, "staff/data/answers.html", status=400 if filter_error else status, title="Answers",
                  error=filter_error, bulk_error=error, done=_bulk_notice(request) or _done(request),
                  filters=filter_form("/staff/answers", f, options), words=f.words or "",
                  waiting=bool(f.waiting_for_english), rows=rows, total=total, number=number,
                  page_size=ANSWERS_PAGE_SIZE, query=query, back="/staff/answers" + (f"?{paged}" if paged else ""),
                  answer_query=f"?{query}" if query else "", themes=_theme_names(),
                  questions=stats.question_labels(), channels=stats.CHANNEL_LABELS, english_by=ENGLISH_BY,
                  max_words=filtering.MAX_WORDS)


@staff_only("staff")
async def answers_list(request: web.Request) -> web.Response:
    return await _answers_page(request)


@staff_only("staff")
async def bulk_codings(request: web.Request) -> web.StreamResponse:
    """Confirm or reject every suggested code of the answers ticked on the list; back to the list with the count."""
    form = await request.post()
    back = back_target(form, "/staff/answers")
    action = form_text(form, "action", 16)
    ids = []
    for raw in form.getall("answer", [])[:coding_ops.MAX_BULK + 1]:
        try:
            ids.append(int(str(raw)[:12]))
        except ValueError:
            continue
    try:
        done = await asyncio.to_thread(coding_ops.bulk, store_of(request), ids, action, actor=request["user"].name)
    except ReviewError as exc:
        from urllib.parse import parse_qsl

        query = dict(parse_qsl(back.partition("?")[2].partition("#")[0]))
        return await _answers_page(request, error=str(exc), status=400, query_of=query)
    path = back.partition("#")[0]
    target = path + ("&" if "?" in path else "?") + f"bulk={action}&n={done.codings}&of={done.answers}"
    raise web.HTTPSeeOther(target + "#results")


SOURCES = {"structural": "questionnaire", "suggested": "suggested by keywords", "staff": "staff"}
ENGLISH_BY = {"person": "translated by a person", "machine": "machine translation", "original": "written in English",
              "none": "no English yet"}
TRANSLATION_STATES = {"done": "translated", "not_needed": "written in English", "pending": "waiting for translation",
                      "failed": "translation failed"}


def _code_groups(options: list[coding_ops.CodeOption], theme: str) -> list[tuple[str, list[coding_ops.CodeOption]]]:
    """(theme label, its codes), the answer's own theme first, then in catalogue order."""
    themes = _theme_names()
    groups: dict[str, list[coding_ops.CodeOption]] = {}
    for o in options:
        groups.setdefault(o.theme, []).append(o)
    ordered = sorted(groups, key=lambda t: (t != theme, list(themes).index(t) if t in themes else 99))
    return [(themes.get(t, t), groups[t]) for t in ordered]


async def _answer_page(request: web.Request, answer_id: int, *, error: str = "", status: int = 200,
                       error_field: str = "", english_typed: str | None = None) -> web.Response:
    store = store_of(request)
    try:
        view = await asyncio.to_thread(coding_ops.answer, store, answer_id)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    options = await asyncio.to_thread(coding_ops.code_options, store)
    f, _ = await answer_filter(request)
    place = await asyncio.to_thread(coding_ops.position, store, f, answer_id)
    query = filtering.to_query(f)
    keep = f"?{query}" if query else ""
    review_state = {"needs_review": "waiting for review", "reviewed": "reviewed"}.get(view.review_status or "",
                                                                                      "not flagged")
    if view.review_status == "reviewed" and view.reviewed_by:
        review_state += f" by {view.reviewed_by} on {view.reviewed_on.isoformat() if view.reviewed_on else ''}"
    found = filtering.terms(f.words)
    return render(request, "staff/data/answer.html", status=status, title=f"Answer {view.id}", view=view,
                  done=_done(request), error=error, error_target=error_field or f"words-{view.id}",
                  back=f"/staff/answers/{view.id}{keep}", keep=keep, place=place, filtered=not filtering.is_empty(f),
                  list_href=f"/staff/answers{keep}", english_parts=filtering.highlight(view.text_en, found),
                  english_by=ENGLISH_BY.get(view.english_by, view.english_by), max_english=coding_ops.MAX_ENGLISH,
                  english_typed=view.text_en if english_typed is None else english_typed,
                  suggestions=[c for c in view.codings if c.source == "suggested" and c.status == "active"],
                  themes=_theme_names(), channels=stats.CHANNEL_LABELS,
                  language_name=language_name, review_state=review_state, sources=SOURCES,
                  english=TRANSLATION_STATES.get(view.translation_status, view.translation_status),
                  code_groups=_code_groups(options, view.theme), max_label=coding_ops.MAX_LABEL,
                  max_description=coding_ops.MAX_DESCRIPTION)


@staff_only("staff")
async def answer_detail(request: web.Request) -> web.Response:
    return await _answer_page(request, answer_id_of(request))


async def _coding_action(request: web.Request, action) -> web.StreamResponse:
    answer_id = answer_id_of(request)
    try:
        coding_id = int(request.match_info["cid"])
    except ValueError:
        raise web.HTTPNotFound() from None
    form = await request.post()
    back = back_target(form, f"/staff/answers/{answer_id}")
    try:
        await asyncio.to_thread(action, store_of(request), coding_id, actor=request["user"].name,
                                answer_id=answer_id)
    except ReviewError as exc:
        return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="codes-heading")
    raise web.HTTPSeeOther(with_done(back, "confirmed" if action is coding_ops.confirm else "rejected",
                                      "codes-heading"))


@staff_only("staff")
async def confirm_coding(request: web.Request) -> web.StreamResponse:
    return await _coding_action(request, coding_ops.confirm)


@staff_only("staff")
async def reject_coding(request: web.Request) -> web.StreamResponse:
    return await _coding_action(request, coding_ops.reject)


def _span_of_words(text: str, words: str) -> tuple[int, int] | None:
    """Offsets (in the text as a page shows it) of the first place the typed words occur, any case."""
    words = " ".join(words.split())
    if not words:
        return None
    shown, _ = review.dom_map(text)
    match = review.loose_pattern(words).search(shown)
    if match is None:
        raise coding_ops.CodingError("Those words are not in this answer. Copy them exactly as they appear; "
                                     "capitals do not matter.")
    return match.start(), match.end()


@staff_only("staff")
async def add_code(request: web.Request) -> web.StreamResponse:
    answer_id = answer_id_of(request)
    form = await request.post()
    store = store_of(request)
    seen = form_text(form, "version", 64)
    try:
        span = None
        if form_text(form, "start") and form_text(form, "end"):
            try:
                span = int(form_text(form, "start", 12)), int(form_text(form, "end", 12))
            except ValueError:
                raise coding_ops.CodingError("Select the words to code in the answer first.") from None
        elif form_text(form, "words", WORDS_LIMIT).strip():
            view = await asyncio.to_thread(coding_ops.answer, store, answer_id)
            if view.version != seen:
                raise coding_ops.CodingError("This answer changed after you opened it. Nothing was changed: look "
                                             "at it again, then choose the words once more.")
            span = _span_of_words(view.text, form_text(form, "words", WORDS_LIMIT))
        await asyncio.to_thread(coding_ops.add_code, store, answer_id, form_text(form, "code", 96),
                                actor=request["user"].name, span=span, seen=seen,
                                selected=form_text(form, "selected", review.MAX_SELECTION + 1) or None)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="add-code")
    raise web.HTTPSeeOther(with_done(back_target(form, f"/staff/answers/{answer_id}"), "coded", "codes-heading"))


@staff_only("staff")
async def person_english(request: web.Request) -> web.StreamResponse:
    """Staff type or correct the English of an answer: kept as translated by a person (empty: taken away)."""
    answer_id = answer_id_of(request)
    form = await request.post()
    back = back_target(form, f"/staff/answers/{answer_id}")
    typed = form_text(form, "english", coding_ops.MAX_ENGLISH + 1)
    try:
        stored = await asyncio.to_thread(coding_ops.set_english, store_of(request), answer_id, typed,
                                         actor=request["user"].name)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="english-text",
                                  english_typed=typed)
    raise web.HTTPSeeOther(with_done(back, "english" if stored else "english_removed", "english-heading"))


@staff_only("staff")
async def new_code(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    store, actor = store_of(request), request["user"].name
    try:
        answer_id = int(form_text(form, "answer", 12) or 0)
    except ValueError:
        answer_id = 0
    try:
        code_id = await asyncio.to_thread(coding_ops.new_code, store, form_text(form, "theme", 96),
                                          form_text(form, "label", 200), actor=actor,
                                          description=form_text(form, "description", 2000))
        if answer_id and form_text(form, "apply"):
            await asyncio.to_thread(coding_ops.add_code, store, answer_id, code_id, actor=actor)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        if answer_id:
            return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="new-label")
        return problem(request, "New code", str(exc))
    target = f"/staff/answers/{answer_id}?done=new_code#codes-heading" if answer_id else "/staff/answers"
    raise web.HTTPSeeOther(target)


def add_routes(app: web.Application) -> None:
    """The dashboard, export download, review queue, answers and coding pages."""
    app.router.add_get("/staff/dashboard", dashboard)
    app.router.add_get("/staff/export", download)
    app.router.add_get("/staff/review", review_queue)
    app.router.add_get("/staff/answers", answers_list)
    app.router.add_post("/staff/answers/bulk", bulk_codings)
    app.router.add_get(r"/staff/answers/{id:\d+}", answer_detail)
    app.router.add_post(r"/staff/answers/{id:\d+}/redact", redact)
    app.router.add_post(r"/staff/answers/{id:\d+}/reviewed", mark_reviewed)
    app.router.add_post(r"/staff/answers/{id:\d+}/codes", add_code)
    app.router.add_post(r"/staff/answers/{id:\d+}/english", person_english)
    app.router.add_post(r"/staff/answers/{id:\d+}/codings/{cid:\d+}/confirm", confirm_coding)
    app.router.add_post(r"/staff/answers/{id:\d+}/codings/{cid:\d+}/reject", reject_coding)
    app.router.add_post("/staff/codes", new_code)
    from bot.web import staff_findings  # findings per theme, the passages behind them, quote bank, briefing

    staff_findings.add_routes(app)

