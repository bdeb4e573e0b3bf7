"""The findings pages of the staff area: what was learnt per theme, by nation or channel, the passages behind
every number, the quote bank and the workshop briefing downloads.

Routes (staff and admins):

    GET  /staff/findings                   per theme and kind: codes ranked by respondents, by nation or channel;
                                           charts with tables; variation across the UK; marked quotes
    GET  /staff/findings/passages          the coded answers behind one cell, paged
    GET  /staff/findings/download          the briefing (html, docx, csv), small numbers protected
    POST /staff/answers/{id}/quotable      mark (or unmark) a reviewed answer as quotable

The page shows exact figures (it is for signed-in staff, and says so); every download is protected
(bot.staff.disclosure). The filters are the dashboard's and the export's own (bot.staff.filtering).
"""

from __future__ import annotations

import asyncio
import tempfile
from typing import Any

from aiohttp import web

from bot.export import ExportError
from bot.staff import briefing, coding_ops, filtering
from bot.staff import findings as fnd
from bot.staff import quotes as qt
from bot.staff.auth import staff_only, store_of
from bot.staff.review import AnswerGone, ReviewError
from bot.web.charts import Series, bar_chart
from bot.web.staff_layout import csrf_field, e, page

PASSAGES_PAGE_SIZE = 10
CHART_TOP = 8
CHUNK = 64 * 1024
VIEWS = {"nation": "By UK nation", "channel": "By channel"}
VIEW_PHRASES = {"nation": "by UK nation", "channel": "by channel"}
FORMAT_NAMES = {"docx": "Word document (.docx), to edit", "html": "Printable page (.html)",
                "csv": "Figures (.csv): one row per theme, kind, code, nation and channel"}
DONE = {"quoted": "The passage is in the quote bank.", "unquoted": "The passage was taken out of the quote bank."}


def _choice(query, name: str, options, default: str) -> str:
    got = query.get(name, default)
    return got if got in options else default


def _state(request: web.Request) -> tuple[str, str]:
    return (_choice(request.query, "codings", fnd.CODINGS, "confirmed"),
            _choice(request.query, "view", VIEWS, "nation"))


def _query(f: Any, **extra: Any) -> str:
    return filtering.to_query(f, **extra)


def _columns(view: str, channels: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(heading, nation, channel) of each column of a findings table."""
    if view == "channel":
        return [(fnd.channel_label(c), fnd.ALL, c) for c in channels] + [("All", fnd.ALL, fnd.ALL)]
    return [(fnd.NATION_LABELS[n], n, fnd.ALL) for n in fnd.NATIONS] + [("All", fnd.ALL, fnd.ALL)]


def _cell_link(f: Any, codings: str, tf: fnd.ThemeFindings, kf: fnd.KindFindings, cf: fnd.CodeFinding,
               heading: str, nation: str, channel: str) -> str:
    respondents, answers = cf.table.get(nation, channel)
    if not respondents:
        return f'<td class="num" data-nation="{e(nation)}" data-channel="{e(channel)}">0</td>'
    href = "/staff/findings/passages?" + _query(f, codings=codings, of_theme=tf.theme, kind=kf.kind, of_code=cf.code,
                                                of_nation=nation, of_channel=channel)
    return (f'<td class="num" data-nation="{e(nation)}" data-channel="{e(channel)}">'
            f'<a href="{e(href)}">{respondents:,}<span class="vh"> '
            f'{"respondent" if respondents == 1 else "respondents"}'
            f' ({answers:,} {"answer" if answers == 1 else "answers"}): {e(cf.label)}, {e(heading)}. '
            'See the passages</span></a></td>')


def _kind_section(f: Any, codings: str, view: str, channels: tuple[str, ...], tf: fnd.ThemeFindings,
                  kf: fnd.KindFindings) -> str:
    table_id = f"{tf.theme}-{kf.kind}"
    title = f"{tf.label}: {kf.label}"
    if not kf.codes:
        answered = kf.base.respondents()
        return (f'<h3 id="{e(table_id)}-heading">{e(kf.label)}</h3><p>No {e(kf.label.lower())} coded yet'
                + (f" ({answered:,} respondents answered these questions)." if answered else ".") + "</p>")
    columns = _columns(view, channels)
    head = "".join(f'<th scope="col" class="num">{e(h)}</th>' for h, _, _ in columns)
    rows = []
    for rank, cf in enumerate(kf.codes, start=1):
        cells = "".join(_cell_link(f, codings, tf, kf, cf, h, n, c) for h, n, c in columns)
        rows.append(f'<tr data-code="{e(cf.code)}"><td class="num">{rank}</td><th scope="row">{e(cf.label)}</th>'
                    f'{cells}<td class="num" data-figure="answers">{cf.answers:,}</td></tr>')
    base = "".join(f'<td class="num">{kf.base.respondents(n, c):,}</td>' for _, n, c in columns)
    rows.append(f'<tr class="base"><td></td><th scope="row">Respondents who answered these questions</th>{base}'
                f'<td class="num">{kf.base.answers():,}</td></tr>')
    crosstab = (
        f'<h3 id="{e(table_id)}-heading">{e(kf.label)}</h3>'
        f'<div class="table-wrap" role="region" aria-labelledby="{e(table_id)}-caption" tabindex="0">'
        f'<table class="findings" id="{e(table_id)}" data-view="{e(view)}">'
        f'<caption id="{e(table_id)}-caption">{e(title)}: respondents who raised each code, '
        f'{e(VIEW_PHRASES[view])}. Select a number to read the passages.</caption>'
        f'<thead><tr><th scope="col" class="num">Rank</th><th scope="col">Code</th>{head}'
        f'<th scope="col" class="num">Answers</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    top = kf.codes[:CHART_TOP]
    shown = [(h, n, c) for h, n, c in columns[:-1] if any(cf.table.respondents(n, c) for cf in top)]
    description = (f"Respondents who raised each of the top {len(top)} codes, {VIEW_PHRASES[view]}. "
                   + "; ".join(f"{cf.label}: " + ", ".join(f"{h} {cf.table.respondents(n, c)}" for h, n, c in shown)
                               for cf in top))
    chart = bar_chart(f"chart-{table_id}", f"{title} ({VIEW_PHRASES[view]})", description,
                      [cf.label for cf in top],
                      [Series(h, tuple(cf.table.respondents(n, c) for cf in top)) for h, n, c in shown],
                      keys=[cf.code for cf in top])
    return crosstab + chart


def _variation(tf: fnd.ThemeFindings) -> str:
    if not tf.variation:
        return ("<p>There is not enough to compare the nations yet: a code needs respondents from at least two "
                "nations who answered these questions.</p>")
    return ('<ul class="variation">' + "".join(f'<li data-code="{e(v.code)}">{e(v.sentence())}</li>'
                                              for v in tf.variation) + "</ul>")


def _quotes(found: list[qt.Quote]) -> str:
    if not found:
        return ("<p>No quotes marked yet. Open the passages behind a number, and mark a reviewed passage as "
                "quotable.</p>")
    out = []
    for (code, label), items in qt.by_code(found).items():
        out.append(f"<h4>{e(label)}</h4>")
        for q in items:
            english = (f'<p class="english" lang="en"><span class="vh">In English: </span>{e(q.text_en)}</p>'
                       if q.text_en else "")
            out.append(f'<blockquote class="quote" data-answer="{q.answer_id}"><p lang="{e(q.language)}">'
                       f'{e(q.text)}</p>{english}<p class="hint">{e(fnd.channel_label(q.channel))}, '
                       f'{e(fnd.NATION_LABELS.get(q.nation, q.nation))}. '
                       f'<a href="/staff/answers/{q.answer_id}">Open answer {q.answer_id}</a></p></blockquote>')
    return "".join(out)


def _switches(f: Any, codings: str, view: str) -> str:
    def radios(name: str, options: dict[str, str], chosen: str, legend: str) -> str:
        items = "".join(
            f'<div class="radio"><input type="radio" id="{name}-{k}" name="{name}" value="{k}"'
            f'{" checked" if k == chosen else ""}><label for="{name}-{k}">{e(v)}</label></div>'
            for k, v in options.items())
        return f'<fieldset class="field"><legend>{e(legend)}</legend>{items}</fieldset>'

    hidden = "".join(f'<input type="hidden" name="{e(k)}" value="{e(v)}">'
                     for k, v in filtering_pairs(f))
    return (f'<form method="get" action="/staff/findings" class="filters" aria-label="What to count">{hidden}'
            + radios("codings", {"confirmed": "Confirmed codings", "suggested": "Suggestions not yet confirmed"},
                     codings, "Count")
            + radios("view", VIEWS, view, "Columns")
            + '<div class="field filter-buttons"><button type="submit" class="primary">Show</button></div></form>')


def filtering_pairs(f: Any) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(filtering.to_query(f))


def _body(result: fnd.Findings, marked: list[qt.Quote], f: Any, view: str, options, error: str,
          notice: str) -> str:
    from bot.web.staff_data import _error_box, _filter_form

    codings = result.codings
    downloads = "".join(
        f'<li><a href="/staff/findings/download?{e(_query(f, format=fmt, codings=codings))}" download>'
        f'{e(name)}</a></li>' for fmt, name in FORMAT_NAMES.items())
    themes = []
    for tf in result.themes:
        sections = "".join(_kind_section(f, codings, view, result.channels, tf, kf) for kf in tf.kinds)
        themes.append(
            f'<section class="theme" aria-labelledby="theme-{e(tf.theme)}"><h2 id="theme-{e(tf.theme)}">'
            f'{e(tf.label)}</h2>{sections}<h3>Variation across the UK</h3>{_variation(tf)}'
            f'<h3>Quotes</h3>{_quotes([q for q in marked if q.theme == tf.theme])}</section>')
    contents = "".join(f'<li><a href="#theme-{e(tf.theme)}">{e(tf.label)}</a></li>' for tf in result.themes)
    return (
        notice + (_error_box(error, "f-theme") if error else "")
        + '<div class="notice" role="note"><p><strong>Exact figures.</strong> This page is for signed-in staff and '
        'shows every count, small ones too. The briefing downloads below protect small numbers: 1 to 4 '
        'respondents read “fewer than 5”, and other figures are withheld where a total would give one away.</p></div>'
        f'<p data-figure="codings">Counting <strong>{e(result.codings_label)}</strong>, over the answers that match '
        'the filters. Numbers are respondents (people or organisations) who raised a code, not answers; select a '
        'number to read the passages behind it.</p>'
        + _switches(f, codings, view)
        + _filter_form("/staff/findings", f, options, keep={"codings": codings, "view": view})
        + '<h2 id="downloads">Workshop briefing</h2><p>Per theme: the top barriers, solutions and good practice by '
        'nation and channel, the variation across the UK and the marked quotes, for the filters above. Each '
        f'download is written to the audit log.</p><ul class="downloads">{downloads}</ul>'
        + f'<nav aria-label="Themes on this page"><ul class="contents">{contents}</ul></nav>'
        + "".join(themes)
    )


@staff_only("staff")
async def findings_page(request: web.Request) -> web.Response:
    from bot.web.staff_data import _checked_filter

    store = store_of(request)
    codings, view = _state(request)
    f, error = await _checked_filter(request)
    if error:
        f = filtering.from_query({})
    theme = filtering.value(f, "theme")
    if theme == "profile":
        theme = None
    result = await asyncio.to_thread(fnd.findings, store, f, theme=theme, codings=codings)
    marked = await asyncio.to_thread(qt.quotes, store, f, themes=[t.theme for t in result.themes], codings=codings)
    options = await asyncio.to_thread(coding_ops.code_options, store)
    text = DONE.get(request.query.get("done", ""))
    notice = f'<div class="notice" role="status"><p>{e(text)}</p></div>' if text else ""
    return page(request, "Findings", _body(result, marked, f, view, options, error, notice),
                status=400 if error else 200)


# --- the passages behind a cell ----------------------------------------------------------------------------------
def _quote_form(request: web.Request, p: fnd.Passage, back: str) -> str:
    if p.review_status != "reviewed":
        return (f'<p class="hint">Not quotable yet: <a href="/staff/answers/{p.answer_id}">review its redaction'
                f'<span class="vh"> (answer {p.answer_id})</span></a> first.</p>')
    label = "Take out of the quote bank" if p.quotable else "Mark as quotable"
    return (f'<form method="post" action="/staff/answers/{p.answer_id}/quotable" class="inline">'
            + csrf_field(request) + f'<input type="hidden" name="back" value="{e(back)}">'
            f'<input type="hidden" name="quotable" value="{"0" if p.quotable else "1"}">'
            f'<button type="submit">{label}<span class="vh"> (answer {p.answer_id})</span></button></form>')


@staff_only("staff")
async def passages_page(request: web.Request) -> web.Response:
    from bot.web.staff_data import _checked_filter, _error_box, _int, _language_name, _pager

    store = store_of(request)
    codings, _ = _state(request)
    f, error = await _checked_filter(request)
    q = request.query
    cell = {"theme": q.get("of_theme", ""), "kind": q.get("kind", ""), "code": q.get("of_code", ""),
            "nation": q.get("of_nation", fnd.ALL), "channel": q.get("of_channel", fnd.ALL)}
    number = _int(q.get("page"))
    if not error:
        try:
            listed, total = await asyncio.to_thread(fnd.passages, store, f, codings=codings, page=number,
                                                    per_page=PASSAGES_PAGE_SIZE, **cell)
        except fnd.FindingsError as exc:
            error = str(exc)
    if error:
        return page(request, "Passages", _error_box(error, "main")
                    + '<p><a href="/staff/findings">Back to the findings</a></p>', status=400)
    options = {o.id: o.label for o in await asyncio.to_thread(coding_ops.code_options, store)}
    label = options.get(cell["code"], cell["code"])
    from bot import coding

    kind = coding.KIND_LABELS.get(cell["kind"], cell["kind"])
    nation = "all nations" if cell["nation"] == fnd.ALL else fnd.NATION_LABELS.get(cell["nation"], cell["nation"])
    where = f'{nation}, {fnd.channel_label(cell["channel"]).lower()}'

    extra = {"codings": codings, "of_theme": cell["theme"], "kind": cell["kind"], "of_code": cell["code"],
             "of_nation": cell["nation"], "of_channel": cell["channel"]}
    base_query = _query(f, **extra)
    back = f"/staff/findings/passages?{base_query}&page={number}"
    items = []
    for p in listed:
        english = (f'<h4 class="vh">In English</h4><p class="answer-text english" lang="en">'
                   f'<span class="label">In English: </span>{e(p.text_en)}</p>' if p.text_en else "")
        spans = ("<p><strong>Coded words:</strong> " + "; ".join(f"“{e(s)}”" for s in p.spans) + "</p>"
                 if p.spans else "")
        review = {"reviewed": "reviewed", "needs_review": "waiting for review"}.get(p.review_status or "",
                                                                                 "not flagged")
        items.append(
            f'<li class="passage" data-answer="{p.answer_id}"><h3>Answer {p.answer_id}</h3>'
            f'<p class="hint">{e(p.question)}</p>'
            f'<dl class="facts"><dt>Channel</dt><dd>{e(fnd.channel_label(p.channel))}</dd>'
            f'<dt>UK nation</dt><dd>{e(fnd.NATION_LABELS.get(p.nation, p.nation))}</dd>'
            f'<dt>Language</dt><dd>{e(_language_name(p.language))}</dd>'
            f'<dt>Redaction review</dt><dd>{e(review)}</dd>'
            f'<dt>Quote bank</dt><dd>{"quotable" if p.quotable else "not marked"}</dd></dl>'
            f'<div class="side-by-side"><p class="answer-text" lang="{e(p.language)}">{e(p.text)}</p>{english}</div>'
            + spans
            + f'<p><a href="/staff/answers/{p.answer_id}">Code or re-code answer {p.answer_id}</a></p>'
            + _quote_form(request, p, back) + "</li>")
    text = DONE.get(q.get("done", ""))
    body = (
        (f'<div class="notice" role="status"><p>{e(text)}</p></div>' if text else "")
        + f'<p data-figure="matching">{total:,} {"answer" if total == 1 else "answers"} coded “{e(label)}” as '
        f'{e(kind.lower())} ({e(where)}), counting {e(fnd.CODINGS_LABELS[codings])}. The text is redacted; '
        'oldest first.</p>'
        + (f'<ol class="passages">{"".join(items)}</ol>' if items else "<p>No passages.</p>")
        + _pager("/staff/findings/passages", base_query, number, total, PASSAGES_PAGE_SIZE, "Passage pages")
        + f'<p><a href="/staff/findings?{e(_query(f, codings=codings))}">Back to the findings</a></p>'
    )
    return page(request, f"Passages: {label}", body)


@staff_only("staff")
async def mark_quotable(request: web.Request) -> web.StreamResponse:
    from bot.web.staff_data import _answer_id, _back_target, _error_box, _form_text, _with_done

    answer_id = _answer_id(request)
    form = await request.post()
    back = _back_target(form, f"/staff/answers/{answer_id}")
    wanted = _form_text(form, "quotable", 2) != "0"
    try:
        await asyncio.to_thread(qt.mark, store_of(request), answer_id, actor=request["user"].name, quotable=wanted)
    except AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return page(request, "Quote bank", _error_box(str(exc), "main")
                    + f'<p><a href="{e(back)}">Go back</a></p>', status=400)
    raise web.HTTPSeeOther(_with_done(back, "quoted" if wanted else "unquoted"))


# --- the briefing download ---------------------------------------------------------------------------------------
@staff_only("staff")
async def download(request: web.Request) -> web.StreamResponse:
    from bot.web.staff_data import _error_box

    fmt = request.query.get("format", "")
    codings, _ = _state(request)
    f = filtering.from_query(request.query)
    theme = filtering.value(f, "theme")
    theme = None if theme in (None, "profile") else theme
    spool = tempfile.TemporaryFile(prefix="imsa-findings-")
    try:
        try:
            await asyncio.to_thread(briefing.make, store_of(request), fmt, spool, f, theme=theme, codings=codings,
                                    actor=request["user"].name)
        except (fnd.FindingsError, ExportError) as exc:
            return page(request, "Briefing", _error_box(str(exc), "main")
                        + '<p><a href="/staff/findings">Back to the findings</a></p>', status=400)
        size = spool.tell()
        spool.seek(0)
        from bot.web.app import SECURITY_HEADERS

        response = web.StreamResponse(headers={
            **SECURITY_HEADERS, "Content-Type": briefing.MEDIA_TYPES[fmt],
            "Content-Disposition": f'attachment; filename="{briefing.suggested_filename(fmt, theme)}"',
            "Content-Length": str(size)})
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


def add_routes(app: web.Application) -> None:
    app.router.add_get("/staff/findings", findings_page)
    app.router.add_get("/staff/findings/passages", passages_page)
    app.router.add_get("/staff/findings/download", download)
    app.router.add_post(r"/staff/answers/{id:\d+}/quotable", mark_quotable)

