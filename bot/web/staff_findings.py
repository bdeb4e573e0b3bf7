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
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from bot.export import ExportError
from bot.staff import briefing, coding_ops, filtering
from bot.staff import findings as fnd
from bot.staff import quotes as qt
from bot.staff.auth import staff_only, store_of
from bot.staff.review import AnswerGone, ReviewError
from bot.web.charts import Chart, Series, bar_chart
from bot.web.incoming import form_text
from bot.web.staff_data import (
    answer_id_of,
    back_target,
    checked_filter,
    filter_form,
    filter_or_none,
    language_name,
    page_number,
    problem,
    send_spooled,
    with_done,
)
from bot.web.templating import render

PASSAGES_PAGE_SIZE = 10
CHART_TOP = 8
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


@dataclass(frozen=True)
class Cell:
    """One number of a findings table: respondents who raised a code in one column, and the passages' link."""

    heading: str
    nation: str
    channel: str
    respondents: int
    answers: int
    href: str


@dataclass(frozen=True)
class CodeRow:
    code: fnd.CodeFinding
    cells: list[Cell]


@dataclass(frozen=True)
class KindSection:
    findings: fnd.KindFindings
    table_id: str
    rows: list[CodeRow]
    chart: Chart | None


@dataclass(frozen=True)
class ThemeSection:
    findings: fnd.ThemeFindings
    kinds: list[KindSection]
    quotes: list[tuple[tuple[str, str], list[qt.Quote]]]


def _cell(f: Any, codings: str, tf: fnd.ThemeFindings, kf: fnd.KindFindings, cf: fnd.CodeFinding,
          heading: str, nation: str, channel: str) -> Cell:
    respondents, answers = cf.table.get(nation, channel)
    href = "/staff/findings/passages?" + _query(f, codings=codings, of_theme=tf.theme, kind=kf.kind, of_code=cf.code,
                                                of_nation=nation, of_channel=channel)
    return Cell(heading, nation, channel, respondents, answers, href)


def _kind_section(f: Any, codings: str, view: str, channels: tuple[str, ...], tf: fnd.ThemeFindings,
                  kf: fnd.KindFindings) -> KindSection:
    table_id = f"{tf.theme}-{kf.kind}"
    if not kf.codes:
        return KindSection(kf, table_id, [], None)
    columns = _columns(view, channels)
    rows = [CodeRow(cf, [_cell(f, codings, tf, kf, cf, h, n, c) for h, n, c in columns]) for cf in kf.codes]
    top = kf.codes[:CHART_TOP]
    shown = [(h, n, c) for h, n, c in columns[:-1] if any(cf.table.respondents(n, c) for cf in top)]
    description = (f"Respondents who raised each of the top {len(top)} codes, {VIEW_PHRASES[view]}. "
                   + "; ".join(f"{cf.label}: " + ", ".join(f"{h} {cf.table.respondents(n, c)}" for h, n, c in shown)
                               for cf in top))
    chart = bar_chart(f"chart-{table_id}", f"{tf.label}: {kf.label} ({VIEW_PHRASES[view]})", description,
                      [cf.label for cf in top],
                      [Series(h, tuple(cf.table.respondents(n, c) for cf in top)) for h, n, c in shown],
                      keys=[cf.code for cf in top], wide=len(shown) > 2)
    return KindSection(kf, table_id, rows, chart)


def filtering_pairs(f: Any) -> list[tuple[str, str]]:
    return parse_qsl(filtering.to_query(f))


@staff_only("staff")
async def findings_page(request: web.Request) -> web.Response:
    store = store_of(request)
    codings, view = _state(request)
    f, error, options = await filter_or_none(request)
    theme = filtering.value(f, "theme")
    if theme == "profile":
        theme = None
    result = await asyncio.to_thread(fnd.findings, store, f, theme=theme, codings=codings)
    marked = await asyncio.to_thread(qt.quotes, store, f, themes=[t.theme for t in result.themes], codings=codings)
    themes = [ThemeSection(tf, [_kind_section(f, result.codings, view, result.channels, tf, kf) for kf in tf.kinds],
                           list(qt.by_code([q for q in marked if q.theme == tf.theme]).items()))
              for tf in result.themes]
    return render(
        request, "staff/findings/findings.html", status=400 if error else 200, title="Findings",
        done=DONE.get(request.query.get("done", ""), ""), error=error, result=result, view=view,
        view_phrase=VIEW_PHRASES[view], columns=_columns(view, result.channels), themes=themes,
        filter_pairs=filtering_pairs(f),
        switches=[("codings", "Count", {"confirmed": "Confirmed codings",
                                        "suggested": "Suggestions not yet confirmed"}, result.codings),
                  ("view", "Columns", VIEWS, view)],
        filters=filter_form("/staff/findings", f, options, keep={"codings": result.codings, "view": view}),
        downloads=[(f"/staff/findings/download?{_query(f, format=fmt, codings=result.codings)}", name)
                   for fmt, name in FORMAT_NAMES.items()],
        channel_label=fnd.channel_label, nations=fnd.NATION_LABELS)


# --- the passages behind a cell ----------------------------------------------------------------------------------
REVIEW_STATES = {"reviewed": "reviewed", "needs_review": "waiting for review"}


@staff_only("staff")
async def passages_page(request: web.Request) -> web.Response:
    from bot import coding

    store = store_of(request)
    codings, _ = _state(request)
    f, error = await checked_filter(request)
    q = request.query
    cell = {"theme": q.get("of_theme", ""), "kind": q.get("kind", ""), "code": q.get("of_code", ""),
            "nation": q.get("of_nation", fnd.ALL), "channel": q.get("of_channel", fnd.ALL)}
    number = page_number(q.get("page"))
    if not error:
        try:
            listed, total = await asyncio.to_thread(fnd.passages, store, f, codings=codings, page=number,
                                                    per_page=PASSAGES_PAGE_SIZE, **cell)
        except fnd.FindingsError as exc:
            error = str(exc)
    if error:
        return problem(request, "Passages", error, back_href="/staff/findings", back_text="Back to the findings")
    options = {o.id: o.label for o in await asyncio.to_thread(coding_ops.code_options, store)}
    label = options.get(cell["code"], cell["code"])
    nation = "all nations" if cell["nation"] == fnd.ALL else fnd.NATION_LABELS.get(cell["nation"], cell["nation"])
    extra = {"codings": codings, "of_theme": cell["theme"], "kind": cell["kind"], "of_code": cell["code"],
             "of_nation": cell["nation"], "of_channel": cell["channel"]}
    base_query = _query(f, **extra)
    return render(
        request, "staff/findings/passages.html", title=f"Passages: {label}",
        done=DONE.get(q.get("done", ""), ""), passages=listed, total=total, number=number,
        page_size=PASSAGES_PAGE_SIZE, query=base_query, back=f"/staff/findings/passages?{base_query}&page={number}",
        label=label, kind=coding.KIND_LABELS.get(cell["kind"], cell["kind"]),
        where=f'{nation}, {fnd.channel_label(cell["channel"]).lower()}', codings_label=fnd.CODINGS_LABELS[codings],
        findings_href=f"/staff/findings?{_query(f, codings=codings)}", channel_label=fnd.channel_label,
        nations=fnd.NATION_LABELS, language_name=language_name, review_states=REVIEW_STATES)


@staff_only("staff")
async def mark_quotable(request: web.Request) -> web.StreamResponse:
    answer_id = answer_id_of(request)
    form = await request.post()
    back = back_target(form, f"/staff/answers/{answer_id}")
    wanted = form_text(form, "quotable", 2) != "0"
    try:
        await asyncio.to_thread(qt.mark, store_of(request), answer_id, actor=request["user"].name, quotable=wanted)
    except AnswerGone:
        raise web.HTTPNotFound() from None
    except ReviewError as exc:
        return problem(request, "Quote bank", str(exc), back_href=back, back_text="Go back")
    raise web.HTTPSeeOther(with_done(back, "quoted" if wanted else "unquoted"))


# --- the briefing download ---------------------------------------------------------------------------------------
@staff_only("staff")
async def download(request: web.Request) -> web.StreamResponse:
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
            return problem(request, "Briefing", str(exc), back_href="/staff/findings",
                           back_text="Back to the findings")
        return await send_spooled(request, spool, briefing.MEDIA_TYPES[fmt],
                                  briefing.suggested_filename(fmt, theme))
    finally:
        spool.close()


def add_routes(app: web.Application) -> None:
    app.router.add_get("/staff/findings", findings_page)
    app.router.add_get("/staff/findings/passages", passages_page)
    app.router.add_get("/staff/findings/download", download)
    app.router.add_post(r"/staff/answers/{id:\d+}/quotable", mark_quotable)

