"""The staff area's data pages: dashboard (with export downloads), redaction review queue, answers and coding.

Routes (staff and admins; bot.staff.auth.staff_only checks the session, the role and, on every POST, the
CSRF token):

    GET  /staff/dashboard                        figures and charts for a filter; links to its downloads
    GET  /staff/export?format=csv&theme=..       the filtered export, streamed as an attachment
    GET  /staff/review                           answers waiting for a redaction review, oldest first
    GET  /staff/answers                          answers matching a filter, newest first
    GET  /staff/answers/{id}                     one answer: redacted text, English, codings; coding forms
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
from typing import Any

from aiohttp import web

from bot import i18n
from bot.catalogue import catalogue
from bot.export import FORMATS, MEDIA_TYPES, ExportError, export, suggested_filename
from bot.staff import coding_ops, filtering, review, stats
from bot.staff.auth import staff_only, store_of
from bot.staff.review import ReviewError
from bot.web.charts import Series, bar_chart
from bot.web.staff_layout import csrf_field, e, page

REVIEW_PAGE_SIZE = 10
ANSWERS_PAGE_SIZE = 25
CHUNK = 64 * 1024
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
}
YES_NO = (("", "Either"), ("yes", "Assisted (support worker or interpreter)"), ("no", "Not assisted"))


# --- small helpers -----------------------------------------------------------------------------------------------
def _int(text: str | None, default: int = 1) -> int:
    try:
        return max(1, int(text or default))
    except ValueError:
        return default


def _form_text(form, name: str, limit: int = 4096) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def _notice(request: web.Request) -> str:
    text = DONE.get(request.query.get("done", ""))
    return f'<div class="notice" role="status"><p>{e(text)}</p></div>' if text else ""


def _error_box(message: str, target: str) -> str:
    return ('<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">'
            f'<h2 id="error-title">There is a problem</h2><ul><li><a href="#{e(target)}">{e(message)}</a></li>'
            '</ul></div>')


def _pager(base: str, query: str, number: int, total: int, size: int, label: str) -> str:
    pages = max(1, -(-total // size))
    links = []
    joiner = "&" if query else ""
    if number > 1:
        links.append(f'<li><a href="{base}?{e(query)}{joiner}page={number - 1}" rel="prev">Previous page</a></li>')
    if number < pages:
        links.append(f'<li><a href="{base}?{e(query)}{joiner}page={number + 1}" rel="next">Next page</a></li>')
    return (f'<p>Page {number} of {pages}.</p>'
            + (f'<nav aria-label="{e(label)}"><ul class="pager">{"".join(links)}</ul></nav>' if links else ""))


def _theme_names() -> dict[str, str]:
    return stats.theme_labels()


def _language_name(code: str) -> str:
    language = i18n.languages().get(code)
    return f"{language.name} ({code})" if language else code


def _back_target(form, default: str) -> str:
    """Where a form goes back to after its action: a staff path only."""
    target = _form_text(form, "back", 512)
    return target if target.startswith("/staff/") and not target.startswith("//") and "\\" not in target else default


def _with_done(target: str, done: str, anchor: str = "") -> str:
    path, _, fragment = target.partition("#")
    path = path + ("&" if "?" in path else "?") + f"done={done}"
    return path + ("#" + (anchor or fragment) if (anchor or fragment) else "")


# --- filters form ------------------------------------------------------------------------------------------------
def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(f'<option value="{e(v)}"{" selected" if v == chosen else ""}>{e(text)}</option>'
                    for v, text in options)
    return (f'<div class="field"><label for="f-{name}">{e(label)}</label>'
            f'<select id="f-{name}" name="{name}">{items}</select></div>')


def _filter_form(action: str, f: Any, code_choices: list[coding_ops.CodeOption],
                 keep: dict[str, str] | None = None) -> str:
    """The filters form; `keep` are other choices of the page (hidden fields) that applying filters keeps."""
    chosen = {name: "" for name in filtering.FIELDS}
    for name in filtering.FIELDS:
        got = filtering.value(f, name)
        if name == "assisted":
            got = filtering.yes_no(filtering.assisted_value(f))
        chosen[name] = "" if got is None else str(got)
    themes = _theme_names()
    wording = stats.question_labels()
    questions = [(q.id, wording[q.id]) for q in catalogue().all_questions()]
    languages = [(code, f"{lang.name} ({code})") for code, lang in i18n.languages().items()]
    nations = [(n, stats.NATION_LABELS.get(n, n)) for n in catalogue().nation_choices]
    codes = [(o.id, f"{o.label} ({o.id})") for o in code_choices]
    return (
        f'<form method="get" action="{action}" class="filters" aria-label="Filters">'
        + "".join(f'<input type="hidden" name="{e(k)}" value="{e(v)}">' for k, v in (keep or {}).items())
        + _select("theme", "Theme", [("", "All themes")] + list(themes.items()), chosen["theme"])
        + _select("question", "Question", [("", "All questions")] + questions, chosen["question"])
        + _select("channel", "Channel", [("", "All channels")] + list(stats.CHANNEL_LABELS.items()), chosen["channel"])
        + _select("language", "Language", [("", "All languages")] + languages, chosen["language"])
        + _select("nation", "UK nation", [("", "All nations")] + nations, chosen["nation"])
        + _select("assisted", "Assisted", list(YES_NO), chosen["assisted"])
        + _select("code", "Code", [("", "Any code")] + codes, chosen["code"])
        + '<div class="field filter-buttons"><button type="submit" class="primary">Apply filters</button> '
        f'<a href="{action}">Clear filters</a></div></form>'
    )


async def _checked_filter(request: web.Request) -> tuple[Any, str]:
    """(the filter from the query string, an error message or "")."""
    f = filtering.from_query(request.query)
    try:
        await asyncio.to_thread(filtering.check, store_of(request), f)
    except ExportError as exc:
        return f, str(exc)
    return f, ""


# --- dashboard ---------------------------------------------------------------------------------------------------
def _row_chart(chart_id: str, title: str, what: str, rows: list[stats.Row]) -> str:
    description = (f"Respondents and answers {what}. "
                   + "; ".join(f"{r.label}: {r.respondents} respondents, {r.answers} answers" for r in rows)
                   if rows else f"No answers yet {what}.")
    return bar_chart(chart_id, title, description, [r.label for r in rows],
                     [Series("Respondents", tuple(r.respondents for r in rows)),
                      Series("Answers", tuple(r.answers for r in rows))], keys=[r.key for r in rows])


def _dashboard_body(board: stats.Dashboard, f: Any, code_choices, error: str) -> str:
    query = filtering.to_query(f)
    downloads = "".join(
        f'<li><a href="/staff/export?{e(filtering.to_query(f, format=fmt))}" download>'
        f'{e(FORMAT_NAMES.get(fmt, fmt))}</a></li>' for fmt in FORMATS
    )
    questions = board.by_question
    share = [f"{q.stopped_share:.0%}" for q in questions]
    filtered = "" if filtering.is_empty(f) else " (filtered)"
    summary = (
        '<dl class="facts summary">'
        f'<dt>Respondents{filtered}</dt><dd data-figure="respondents">{board.respondents:,}</dd>'
        f'<dt>Answers</dt><dd data-figure="answers">{board.answers:,}</dd>'
        f'<dt>Completed the chat or form</dt><dd data-figure="completed">{board.completed:,}</dd>'
        f'<dt>Stopped before the end</dt><dd data-figure="not-completed">{board.not_completed:,}</dd>'
        f'<dt>Answers waiting for English</dt><dd data-figure="awaiting-translation">{board.awaiting_translation:,}'
        + (f' ({board.translation_failed:,} could not be translated)' if board.translation_failed else "")
        + '</dd>'
        f'<dt>Answers waiting for a redaction review</dt><dd data-figure="awaiting-review">'
        f'<a href="/staff/review">{board.awaiting_review:,}</a></dd></dl>'
    )
    return (
        (_error_box(error, "f-theme") if error else "")
        + "<p>Figures count the answers that match the filters, and the people who gave them. "
        "Dates are kept by day only.</p>"
        + _filter_form("/staff/dashboard", f, code_choices)
        + '<h2 id="downloads">Download these answers</h2>'
        f'<p>Anonymised exports of the answers that match the filters. Each download is written to the audit log.</p>'
        f'<ul class="downloads">{downloads}</ul>'
        + '<h2>Summary</h2>' + summary
        + _row_chart("by-theme", "By theme", "per theme", board.by_theme)
        + _row_chart("by-language", "By language", "per language the answers were written in", board.by_language)
        + _row_chart("by-channel", "By channel", "per channel (chatbot or written)", board.by_channel)
        + _row_chart("by-nation", "By UK nation", "per UK nation the respondent chose", board.by_nation)
        + _row_chart("by-partner", "Reached through", "per partner organisation whose website the chat was opened on",
                     board.by_partner)
        + bar_chart(
            "by-question", "Completion and drop-off per question",
            "For each question: how many answered it, and how many people who did not finish stopped after it. "
            + "; ".join(f"{q.label}: {q.answered} answered, {q.stopped} stopped here" for q in questions),
            [q.label for q in questions],
            [Series("Answered", tuple(q.answered for q in questions)),
             Series("Stopped after this question", tuple(q.stopped for q in questions))],
            keys=[q.question_id for q in questions],
            extra_columns=[("Share who stopped here", share)],
        )
        + f'<p><a href="/staff/answers?{e(query)}">See these answers</a></p>'
    )


@staff_only("staff")
async def dashboard(request: web.Request) -> web.Response:
    store = store_of(request)
    f, error = await _checked_filter(request)
    if error:
        f = filtering.from_query({})
    board = await asyncio.to_thread(stats.dashboard, store, f)
    options = await asyncio.to_thread(coding_ops.code_options, store)
    return page(request, "Dashboard", _dashboard_body(board, f, options, error), status=400 if error else 200)


# --- export download ---------------------------------------------------------------------------------------------
@staff_only("staff")
async def download(request: web.Request) -> web.StreamResponse:
    """The filtered export as an attachment: written to an unnamed temporary file (flat memory), then streamed."""
    fmt = request.query.get("format", "")
    if fmt not in FORMATS:
        return page(request, "Download", _error_box(
            f"Choose one of the formats: {', '.join(FORMATS)}.", "main") + '<p><a href="/staff/dashboard">Back to '
            'the dashboard</a></p>', status=400)
    f = filtering.from_query(request.query)
    store, actor = store_of(request), request["user"].name
    spool = tempfile.TemporaryFile(prefix="imsa-export-")  # unlinked at once: gone when closed, even on a crash
    try:
        try:
            await asyncio.to_thread(export, store, fmt, spool, f, actor=actor)
        except ExportError as exc:
            return page(request, "Download", _error_box(str(exc), "main")
                        + f'<p><a href="/staff/dashboard?{e(filtering.to_query(f))}">Back to the dashboard</a></p>',
                        status=400)
        size = spool.tell()
        spool.seek(0)
        from bot.web.app import SECURITY_HEADERS  # the middleware cannot add them once a stream has started

        response = web.StreamResponse(headers={
            **SECURITY_HEADERS,
            "Content-Type": MEDIA_TYPES.get(fmt, "application/octet-stream"),
            "Content-Disposition": f'attachment; filename="{suggested_filename(fmt, f)}"',
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
    finally:
        spool.close()


# --- the answer text and its forms ---------------------------------------------------------------------------------
def _answer_text(item_id: int, text: str, version: str,
                 doubts: tuple[tuple[int, int, str], ...] = ()) -> str:
    """The redacted text, exactly as stored (spaces and line ends kept), for reading and selecting; the
    words redaction was unsure about are marked (the text the page shows is unchanged)."""
    parts, at = [], 0
    for start, end, _kind in sorted(doubts):
        if start < at:
            continue
        parts.append(e(text[at:start]))
        parts.append(f'<mark class="doubt">{e(text[start:end])}</mark>')
        at = end
    parts.append(e(text[at:]))
    return (f'<p class="answer-text" id="text-{item_id}" data-answer="{item_id}" data-version="{e(version)}">'
            f'{"".join(parts)}</p>')


DOUBT_KINDS = {
    "possible name": "may be a name",
    "capitalised word": "a capital in the middle of a sentence",
    "long number": "a long number",
    "handle": "a social media name",
}


def _doubt_forms(request: web.Request, item_id: int, text: str, version: str, back: str,
                 doubts: tuple[tuple[int, int, str], ...]) -> str:
    """One button per word redaction was unsure about: redact it in one click (or leave it)."""
    if not doubts:
        return ""
    rows = []
    for n, (start, end, kind) in enumerate(sorted(doubts)):
        word = text[start:end]
        rows.append(
            f'<li><form method="post" action="/staff/answers/{item_id}/redact" class="doubt-form">'
            + csrf_field(request)
            + f'<input type="hidden" name="version" value="{e(version)}">'
            f'<input type="hidden" name="back" value="{e(back)}">'
            f'<input type="hidden" name="start" value="{start}"><input type="hidden" name="end" value="{end}">'
            f'<input type="hidden" name="selected" value="{e(word)}">'
            f'<button type="submit" class="warning" id="doubt-{item_id}-{n}">Redact “{e(word)}”</button> '
            f'<span class="hint">{e(DOUBT_KINDS.get(kind, kind))}</span></form></li>'
        )
    return (f'<h4 id="doubts-{item_id}">Redaction was unsure about these words</h4>'
            f'<p class="hint">They are marked in the answer. Redact each one that could identify someone; '
            f'leave the others.</p><ul class="doubt-list" aria-labelledby="doubts-{item_id}">{"".join(rows)}</ul>')


def _redact_forms(request: web.Request, item_id: int, version: str, back: str, error: str = "") -> str:
    field = f"words-{item_id}"
    error_html = (f'<p class="field-error" id="{field}-error"><span class="vh">Error:</span> {e(error)}</p>'
                  if error else "")
    aria = f' aria-describedby="{field}-hint{" " + field + "-error" if error else ""}"'
    aria += ' aria-invalid="true"' if error else ""
    common = (csrf_field(request) + f'<input type="hidden" name="version" value="{e(version)}">'
              f'<input type="hidden" name="back" value="{e(back)}">')
    return (
        # with JavaScript: select words in the text above, then this button (staff_review.js fills the offsets)
        f'<form method="post" action="/staff/answers/{item_id}/redact" class="selection-form" '
        f'data-selection-for="{item_id}" hidden>' + common
        + '<input type="hidden" name="start" value=""><input type="hidden" name="end" value="">'
        '<input type="hidden" name="selected" value="">'
        f'<p class="selection-status" id="selection-{item_id}" aria-live="polite">Select words in the answer to '
        'redact them.</p><p><button type="submit" class="warning" disabled>Redact the selected words</button></p>'
        '</form>'
        # without JavaScript, or by keyboard: type the words
        f'<form method="post" action="/staff/answers/{item_id}/redact" class="form redact-words" novalidate>'
        + common
        + f'<div class="field"><label for="{field}">Words to redact</label>'
        f'<p class="hint" id="{field}-hint">Type or paste them as they appear in the answer. They are replaced by '
        '[REDACTED] everywhere in this answer and its transcript. This cannot be undone.</p>'
        + error_html
        + f'<input type="text" id="{field}" name="words" autocomplete="off" spellcheck="false"{aria}></div>'
        '<p><button type="submit" class="warning">Redact these words</button></p></form>'
    )


def _reviewed_form(request: web.Request, item_id: int, version: str, back: str) -> str:
    return (f'<form method="post" action="/staff/answers/{item_id}/reviewed" class="reviewed-form">'
            + csrf_field(request) + f'<input type="hidden" name="version" value="{e(version)}">'
            f'<input type="hidden" name="back" value="{e(back)}">'
            f'<button type="submit" class="primary" id="reviewed-{item_id}">Mark reviewed'
            f'<span class="vh"> (answer {item_id})</span></button></form>')


def _types(found: dict) -> str:
    if not found:
        return "nothing redacted yet (something may have been missed: read it closely)"
    return ", ".join(f"{k.replace('_', ' ').lower()} × {v}" for k, v in sorted(found.items()))


# --- review queue ------------------------------------------------------------------------------------------------
async def _review_page(request: web.Request, *, errors: dict[int, str] | None = None,
                       status: int = 200) -> web.Response:
    number = _int(request.query.get("page"))
    items, total = await asyncio.to_thread(review.queue, store_of(request), number, REVIEW_PAGE_SIZE)
    if not items and number > 1 and total:
        number = max(1, -(-total // REVIEW_PAGE_SIZE))
        items, total = await asyncio.to_thread(review.queue, store_of(request), number, REVIEW_PAGE_SIZE)
    errors = errors or {}
    back = f"/staff/review?page={number}"
    blocks = []
    for item in items:
        english = (f'<h4>In English</h4><p class="answer-text english" lang="en">{e(item.text_en)}</p>'
                   if item.text_en else "")
        blocks.append(
            f'<li class="review-item" id="answer-{item.id}" aria-labelledby="answer-{item.id}-title">'
            f'<h3 id="answer-{item.id}-title">Answer {item.id}: {e(item.question_id)}</h3>'
            f'<p class="hint">{e(item.question)}</p>'
            f'<dl class="facts"><dt>Language</dt><dd>{e(_language_name(item.language))}</dd>'
            f'<dt>Given on</dt><dd>{e(item.created_on.isoformat())}</dd>'
            f'<dt>Redacted so far</dt><dd>{e(_types(item.redacted_types))}</dd></dl>'
            + (_error_box(errors[item.id], f"words-{item.id}") if item.id in errors else "")
            + f'<h4>The answer as stored</h4>{_answer_text(item.id, item.text, item.version, item.doubts)}'
            + _doubt_forms(request, item.id, item.text, item.version, f"{back}#answer-{item.id}", item.doubts)
            + english
            + _redact_forms(request, item.id, item.version, f"{back}#answer-{item.id}", errors.get(item.id, ""))
            + _reviewed_form(request, item.id, item.version, back)
            + f'<p><a href="/staff/answers/{item.id}">Code this answer</a></p></li>'
        )
    body = (
        _notice(request)
        + "<p>Answers where redaction found personal details, or left something that may be one (a capitalised "
        "word inside a sentence, a long number), oldest first. Only the redacted text is shown: the original "
        "was never stored. Read each one; redact anything that could identify someone; then mark it reviewed.</p>"
        f'<p data-figure="waiting">{total:,} {"answer" if total == 1 else "answers"} waiting.</p>'
        + (f'<ol class="review-list">{"".join(blocks)}</ol>' if blocks else "<p>Nothing is waiting for review.</p>")
        + _pager("/staff/review", "", number, total, REVIEW_PAGE_SIZE, "Review queue pages")
        + '<script src="/static/staff_review.js" defer></script>'
    )
    return page(request, "Review queue", body, status=status)


@staff_only("staff")
async def review_queue(request: web.Request) -> web.Response:
    return await _review_page(request)


def _answer_id(request: web.Request) -> int:
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
    answer_id = _answer_id(request)
    form = await request.post()
    back = _back_target(form, f"/staff/answers/{answer_id}")
    seen, actor = _form_text(form, "version", 64), request["user"].name
    store = store_of(request)
    try:
        if _form_text(form, "start") and _form_text(form, "end"):
            try:
                start, end = int(_form_text(form, "start", 12)), int(_form_text(form, "end", 12))
            except ValueError:
                raise ReviewError("Select the words to redact in the answer first.") from None
            await asyncio.to_thread(review.redact_span, store, answer_id, start, end, actor=actor, seen=seen,
                                    selected=_form_text(form, "selected", review.MAX_SELECTION + 1))
        else:
            await asyncio.to_thread(review.redact_words, store, answer_id, _form_text(form, "words"),
                                    actor=actor, seen=seen)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _after_error(request, answer_id, back, str(exc))
    raise web.HTTPSeeOther(_with_done(back, "redacted"))


@staff_only("staff")
async def mark_reviewed(request: web.Request) -> web.StreamResponse:
    answer_id = _answer_id(request)
    form = await request.post()
    back = _back_target(form, "/staff/review")
    try:
        await asyncio.to_thread(review.mark_reviewed, store_of(request), answer_id, actor=request["user"].name,
                                seen=_form_text(form, "version", 64) or None)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _after_error(request, answer_id, back, str(exc))
    raise web.HTTPSeeOther(_with_done(back.split("#")[0], "reviewed"))


# --- answers: list and one answer ------------------------------------------------------------------------------------
@staff_only("staff")
async def answers_list(request: web.Request) -> web.Response:
    store = store_of(request)
    f, error = await _checked_filter(request)
    if error:
        f = filtering.from_query({})
    number = _int(request.query.get("page"))
    rows, total = await asyncio.to_thread(coding_ops.browse, store, f, number, ANSWERS_PAGE_SIZE)
    options = await asyncio.to_thread(coding_ops.code_options, store)
    themes = _theme_names()
    body_rows = "".join(
        f'<tr><th scope="row"><a href="/staff/answers/{r.id}">Answer {r.id}</a></th>'
        f'<td>{e(r.question_id)}</td><td>{e(themes.get(r.theme, r.theme))}</td><td>{e(r.language)}</td>'
        f'<td>{e(stats.CHANNEL_LABELS.get(r.channel, r.channel))}</td><td>{e(r.created_on.isoformat())}</td>'
        f'<td class="excerpt">{e(r.excerpt)}</td>'
        f'<td>{"waiting for review" if r.review_status == "needs_review" else e(r.review_status or "")}</td>'
        f'<td class="num">{r.staff_codings}</td></tr>'
        for r in rows
    ) or '<tr><td colspan="9">No answers match these filters.</td></tr>'
    query = filtering.to_query(f)
    body = (
        (_error_box(error, "f-theme") if error else "")
        + _filter_form("/staff/answers", f, options)
        + f'<p data-figure="matching">{total:,} {"answer matches" if total == 1 else "answers match"}. '
        'Newest first.</p>'
        '<div class="table-wrap" role="region" aria-labelledby="answers-caption" tabindex="0">'
        '<table class="answers-table"><caption id="answers-caption">Answers (redacted text)</caption><thead><tr>'
        '<th scope="col">Answer</th><th scope="col">Question</th><th scope="col">Theme</th>'
        '<th scope="col">Language</th><th scope="col">Channel</th><th scope="col">Given on</th>'
        '<th scope="col">Text</th><th scope="col">Redaction</th><th scope="col" class="num">Staff codes</th>'
        f'</tr></thead><tbody>{body_rows}</tbody></table></div>'
        + _pager("/staff/answers", query, number, total, ANSWERS_PAGE_SIZE, "Answer pages")
    )
    return page(request, "Answers", body, status=400 if error else 200)


def _coding_rows(request: web.Request, view: coding_ops.AnswerView, back: str) -> str:
    rows = []
    for c in view.codings:
        actions = ""
        if c.status == "active" and c.source == "suggested":
            actions = (
                f'<form method="post" action="/staff/answers/{view.id}/codings/{c.id}/confirm" class="inline">'
                + csrf_field(request) + f'<input type="hidden" name="back" value="{e(back)}">'
                f'<button type="submit">Confirm<span class="vh"> {e(c.label)}</span></button></form> '
            )
        if c.status == "active" and c.source != "structural":
            actions += (
                f'<form method="post" action="/staff/answers/{view.id}/codings/{c.id}/reject" class="inline">'
                + csrf_field(request) + f'<input type="hidden" name="back" value="{e(back)}">'
                f'<button type="submit">Reject<span class="vh"> {e(c.label)}</span></button></form>'
            )
        where = f"“{e(c.quote)}”" if c.quote is not None else "the whole answer"
        source = {"structural": "questionnaire", "suggested": "suggested by keywords", "staff": "staff"}[c.source]
        state = "rejected" if c.status == "rejected" else "active"
        rows.append(
            f'<tr class="coding {e(c.source)} {state}" data-coding="{c.id}"><th scope="row">{e(c.label)}'
            f'<br><span class="code-id">{e(c.code_id)}</span></th><td>{e(source)}</td><td>{state}</td>'
            f'<td>{where}</td><td>{e(c.coder)}</td><td>{e(c.created_on.isoformat())}</td><td>{actions}</td></tr>'
        )
    return "".join(rows)


def _code_select(options: list[coding_ops.CodeOption], theme: str, select_id: str) -> str:
    themes = _theme_names()
    groups: dict[str, list[coding_ops.CodeOption]] = {}
    for o in options:
        groups.setdefault(o.theme, []).append(o)
    ordered = sorted(groups, key=lambda t: (t != theme, list(themes).index(t) if t in themes else 99))
    html_groups = "".join(
        f'<optgroup label="{e(themes.get(t, t))}">'
        + "".join(f'<option value="{e(o.id)}">{e(o.label)} ({e(o.id)})</option>' for o in groups[t])
        + "</optgroup>"
        for t in ordered
    )
    return f'<select id="{select_id}" name="code">{html_groups}</select>'


async def _answer_page(request: web.Request, answer_id: int, *, error: str = "", status: int = 200,
                       error_field: str = "") -> web.Response:
    store = store_of(request)
    try:
        view = await asyncio.to_thread(coding_ops.answer, store, answer_id)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    options = await asyncio.to_thread(coding_ops.code_options, store)
    back = f"/staff/answers/{view.id}"
    themes = _theme_names()
    target = error_field or f"words-{view.id}"
    english = {"done": "translated", "not_needed": "written in English", "pending": "waiting for translation",
               "failed": "translation failed"}.get(view.translation_status, view.translation_status)
    review_state = {"needs_review": "waiting for review", "reviewed": "reviewed"}.get(view.review_status or "",
                                                                                      "not flagged")
    if view.review_status == "reviewed" and view.reviewed_by:
        review_state += f" by {view.reviewed_by} on {view.reviewed_on.isoformat() if view.reviewed_on else ''}"
    theme_options = "".join(f'<option value="{e(t)}"{" selected" if t == view.theme else ""}>{e(label)}</option>'
                            for t, label in themes.items())
    body = (
        _notice(request)
        + (_error_box(error, target) if error else "")
        + f'<p class="hint">{e(view.question)}</p>'
        f'<dl class="facts"><dt>Question</dt><dd>{e(view.question_id)}</dd>'
        f'<dt>Theme</dt><dd>{e(themes.get(view.theme, view.theme))}</dd>'
        f'<dt>Channel</dt><dd>{e(stats.CHANNEL_LABELS.get(view.channel, view.channel))}</dd>'
        f'<dt>Language</dt><dd>{e(_language_name(view.language))}</dd>'
        f'<dt>Given on</dt><dd>{e(view.created_on.isoformat())}</dd>'
        f'<dt>English</dt><dd>{e(english)}</dd><dt>Redaction review</dt><dd>{e(review_state)}</dd></dl>'
        '<h2 id="text-heading">The answer (redacted)</h2>'
        + _answer_text(view.id, view.text, view.version)
        + (f'<h2>In English</h2><p class="answer-text english" lang="en">{e(view.text_en)}</p>'
           if view.text_en and view.text_en != view.text else "")
        + '<h2 id="codes-heading">Codes</h2>'
        '<div class="table-wrap" role="region" aria-labelledby="codes-caption" tabindex="0">'
        '<table class="codings"><caption id="codes-caption">Codes on this answer</caption><thead><tr>'
        '<th scope="col">Code</th><th scope="col">From</th><th scope="col">Status</th><th scope="col">Where</th>'
        '<th scope="col">Coder</th><th scope="col">Date</th><th scope="col">Actions</th></tr></thead>'
        f'<tbody>{_coding_rows(request, view, back)}</tbody></table></div>'
        '<h2 id="add-heading">Add a code from the codebook</h2>'
        f'<form method="post" action="/staff/answers/{view.id}/codes" class="form add-code" '
        f'data-selection-for="{view.id}" data-selection-optional="1" aria-labelledby="add-heading" novalidate>'
        + csrf_field(request) + f'<input type="hidden" name="version" value="{e(view.version)}">'
        '<input type="hidden" name="start" value=""><input type="hidden" name="end" value="">'
        '<input type="hidden" name="selected" value="">'
        f'<div class="field"><label for="add-code">Code</label>{_code_select(options, view.theme, "add-code")}</div>'
        f'<div class="field"><label for="add-words">Words to code (optional)</label>'
        '<p class="hint" id="add-words-hint">Leave empty to code the whole answer. Type words from the answer, or '
        'select them in the text above, to code just those words.</p>'
        '<input type="text" id="add-words" name="words" autocomplete="off" spellcheck="false" '
        'aria-describedby="add-words-hint"></div>'
        f'<p class="selection-status" id="selection-code-{view.id}" aria-live="polite" hidden></p>'
        '<p><button type="submit" class="primary">Add the code</button></p></form>'
        '<h2 id="new-heading">Add a new code under a theme</h2>'
        '<form method="post" action="/staff/codes" class="form" aria-labelledby="new-heading" novalidate>'
        + csrf_field(request) + f'<input type="hidden" name="answer" value="{view.id}">'
        f'<div class="field"><label for="new-theme">Theme</label><select id="new-theme" name="theme">'
        f'{theme_options}</select></div>'
        '<div class="field"><label for="new-label">Name of the code</label>'
        f'<input type="text" id="new-label" name="label" maxlength="{coding_ops.MAX_LABEL}" autocomplete="off"></div>'
        '<div class="field"><label for="new-description">What it covers (optional)</label>'
        f'<textarea id="new-description" name="description" rows="3" maxlength="{coding_ops.MAX_DESCRIPTION}">'
        '</textarea></div>'
        '<div class="check"><input type="checkbox" id="new-apply" name="apply" value="1" checked>'
        '<label for="new-apply">Also put it on this answer</label></div>'
        '<p><button type="submit" class="primary">Add the new code</button></p></form>'
        '<h2 id="redact-heading">Redact further</h2>'
        + _redact_forms(request, view.id, view.version, back, error if target == f"words-{view.id}" else "")
        + ('<h2>Redaction review</h2>' + _reviewed_form(request, view.id, view.version, back)
           if view.review_status != "reviewed" else "")
        + _quote_section(request, view, back)
        + '<p><a href="/staff/answers">Back to all answers</a></p>'
        '<script src="/static/staff_review.js" defer></script>'
    )
    return page(request, f"Answer {view.id}", body, status=status)


def _quote_section(request: web.Request, view: coding_ops.AnswerView, back: str) -> str:
    """Mark a reviewed answer as quotable in workshop briefings (bot.staff.quotes), or take it out."""
    if view.review_status != "reviewed":
        return ('<h2>Quote bank</h2><p>Only an answer whose redaction has been reviewed can be quoted. '
                'Mark it reviewed above first.</p>')
    label = "Take out of the quote bank" if view.quotable else "Mark as quotable"
    state = "It is in the quote bank." if view.quotable else "It is not in the quote bank."
    return (f'<h2>Quote bank</h2><p>{state}</p><form method="post" action="/staff/answers/{view.id}/quotable">'
            + csrf_field(request) + f'<input type="hidden" name="back" value="{e(back)}">'
            f'<input type="hidden" name="quotable" value="{"0" if view.quotable else "1"}">'
            f'<button type="submit">{label}</button></form>')


@staff_only("staff")
async def answer_detail(request: web.Request) -> web.Response:
    return await _answer_page(request, _answer_id(request))


async def _coding_action(request: web.Request, action) -> web.StreamResponse:
    answer_id = _answer_id(request)
    try:
        coding_id = int(request.match_info["cid"])
    except ValueError:
        raise web.HTTPNotFound() from None
    form = await request.post()
    back = _back_target(form, f"/staff/answers/{answer_id}")
    try:
        await asyncio.to_thread(action, store_of(request), coding_id, actor=request["user"].name,
                                answer_id=answer_id)
    except ReviewError as exc:
        return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="codes-heading")
    raise web.HTTPSeeOther(_with_done(back, "confirmed" if action is coding_ops.confirm else "rejected",
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
    shown, _ = review._dom_map(text)
    match = review._loose_pattern(words).search(shown)
    if match is None:
        raise coding_ops.CodingError("Those words are not in this answer. Copy them exactly as they appear; "
                                     "capitals do not matter.")
    return match.start(), match.end()


@staff_only("staff")
async def add_code(request: web.Request) -> web.StreamResponse:
    answer_id = _answer_id(request)
    form = await request.post()
    store = store_of(request)
    seen = _form_text(form, "version", 64)
    try:
        span = None
        if _form_text(form, "start") and _form_text(form, "end"):
            try:
                span = int(_form_text(form, "start", 12)), int(_form_text(form, "end", 12))
            except ValueError:
                raise coding_ops.CodingError("Select the words to code in the answer first.") from None
        elif _form_text(form, "words").strip():
            view = await asyncio.to_thread(coding_ops.answer, store, answer_id)
            if view.version != seen:
                raise coding_ops.CodingError("This answer changed after you opened it. Nothing was changed: look "
                                             "at it again, then choose the words once more.")
            span = _span_of_words(view.text, _form_text(form, "words"))
        await asyncio.to_thread(coding_ops.add_code, store, answer_id, _form_text(form, "code", 96),
                                actor=request["user"].name, span=span, seen=seen,
                                selected=_form_text(form, "selected", review.MAX_SELECTION + 1) or None)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="add-code")
    raise web.HTTPSeeOther(f"/staff/answers/{answer_id}?done=coded#codes-heading")


@staff_only("staff")
async def new_code(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    store, actor = store_of(request), request["user"].name
    try:
        answer_id = int(_form_text(form, "answer", 12) or 0)
    except ValueError:
        answer_id = 0
    try:
        code_id = await asyncio.to_thread(coding_ops.new_code, store, _form_text(form, "theme", 96),
                                          _form_text(form, "label", 200), actor=actor,
                                          description=_form_text(form, "description", 2000))
        if answer_id and _form_text(form, "apply"):
            await asyncio.to_thread(coding_ops.add_code, store, answer_id, code_id, actor=actor)
    except review.AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        if answer_id:
            return await _answer_page(request, answer_id, error=str(exc), status=400, error_field="new-label")
        return page(request, "New code", _error_box(str(exc), "main"), status=400)
    target = f"/staff/answers/{answer_id}?done=new_code#codes-heading" if answer_id else "/staff/answers"
    raise web.HTTPSeeOther(target)


def add_routes(app: web.Application) -> None:
    """The dashboard, export download, review queue, answers and coding pages."""
    app.router.add_get("/staff/dashboard", dashboard)
    app.router.add_get("/staff/export", download)
    app.router.add_get("/staff/review", review_queue)
    app.router.add_get("/staff/answers", answers_list)
    app.router.add_get(r"/staff/answers/{id:\d+}", answer_detail)
    app.router.add_post(r"/staff/answers/{id:\d+}/redact", redact)
    app.router.add_post(r"/staff/answers/{id:\d+}/reviewed", mark_reviewed)
    app.router.add_post(r"/staff/answers/{id:\d+}/codes", add_code)
    app.router.add_post(r"/staff/answers/{id:\d+}/codings/{cid:\d+}/confirm", confirm_coding)
    app.router.add_post(r"/staff/answers/{id:\d+}/codings/{cid:\d+}/reject", reject_coding)
    app.router.add_post("/staff/codes", new_code)
    from bot.web import staff_findings  # findings per theme, the passages behind them, quote bank, briefing

    staff_findings.add_routes(app)

