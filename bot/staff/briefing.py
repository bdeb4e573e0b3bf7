"""The workshop briefing: the findings of one theme (or all), protected for small numbers, as CSV, printable
HTML or a Word document a facilitator can edit (python-docx).

Per theme: the top barriers, solutions and good practice with respondents by nation and by channel, the
variation across the UK (worked out only from figures that are shown), and the marked quotes. Every count goes
through bot.staff.disclosure; only reviewed, marked quotes appear (bot.staff.quotes).

    imsa-voices findings --theme health --format docx --out health.docx
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from bot.export.tabular import neutralise
from bot.staff import disclosure
from bot.staff import findings as fnd
from bot.staff import quotes as qt
from bot.staff.disclosure import ALL, Protected
from bot.templating import render_document

FORMATS = ("html", "docx", "csv")
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
CSV_COLUMNS = ("theme", "kind", "code", "label", "nation", "channel", "respondents", "answers", "source")
TOP = 10  # codes per kind in the HTML and Word briefing (the CSV has every code)


@dataclass
class ProtectedCode:
    finding: fnd.CodeFinding
    respondents: Protected
    answers: dict[tuple[str, str], int]  # exact; shown only where respondents are

    def shown(self, nation: str = ALL, channel: str = ALL) -> str:
        return self.respondents.shown(nation, channel)

    def shown_answers(self, nation: str = ALL, channel: str = ALL) -> str:
        if self.respondents.is_hidden(nation, channel):
            return self.respondents.shown(nation, channel)
        return str(self.answers.get((nation, channel), 0))


@dataclass
class ProtectedKind:
    kind: fnd.KindFindings
    base: Protected
    codes: list[ProtectedCode]


@dataclass
class ProtectedTheme:
    theme: fnd.ThemeFindings
    kinds: list[ProtectedKind]
    variation: list[fnd.Variation]
    quotes: list[qt.Quote] = field(default_factory=list)


@dataclass
class Briefing:
    findings: fnd.Findings
    themes: list[ProtectedTheme]
    made_on: dt.date

    @property
    def channels(self) -> tuple[str, ...]:
        return self.findings.channels or ("chatbot",)


def _protect(table: fnd.Table, channels: tuple[str, ...]) -> tuple[Protected, dict]:
    cells = {(n, c): table.respondents(n, c) for n in fnd.NATIONS for c in channels}
    answers = {(n, c): table.answers(n, c) for n in (*fnd.NATIONS, ALL) for c in (*channels, ALL)}
    return disclosure.protect(cells, fnd.NATIONS, channels), answers


def build(store, filters: Any = None, *, theme: str | None = None,
          codings: str = "confirmed") -> Briefing:
    """The protected briefing of one theme (or every theme: None or "all")."""
    found = fnd.findings(store, filters, theme=theme, codings=codings)
    channels = found.channels or ("chatbot",)
    marked = qt.quotes(store, filters, themes=[t.theme for t in found.themes], codings=codings)
    themes = []
    for tf in found.themes:
        kinds, protected_codes = [], {}
        for kf in tf.kinds:
            base, _ = _protect(kf.base, channels)
            codes = []
            for cf in kf.codes:
                p, answers = _protect(cf.table, channels)
                codes.append(ProtectedCode(cf, p, answers))
                protected_codes[(kf.kind, cf.code)] = p
            # a hidden total is not ranked by its value: shown totals first (most first), then hidden ones by name
            codes.sort(key=lambda pc: (pc.respondents.is_hidden(), -(pc.respondents.value() or 0),
                                       pc.finding.label.lower()))
            kinds.append(ProtectedKind(kf, base, codes))
        bases = {k.kind.kind: k.base for k in kinds}

        def shown(kf, cf, nation, bases=bases, protected_codes=protected_codes) -> bool:
            return (not bases[kf.kind].is_hidden(nation)
                    and not protected_codes[(kf.kind, cf.code)].is_hidden(nation))

        themes.append(ProtectedTheme(tf, kinds, fnd.variation(tf, shown),
                                     [q for q in marked if q.theme == tf.theme]))
    return Briefing(found, themes, dt.date.today())


def describe(briefing: Briefing) -> str:
    f = briefing.findings.filters
    filters = f.describe() if f is not None and hasattr(f, "describe") else "none"
    return (f"Made on {briefing.made_on.isoformat()} from {briefing.findings.codings_label}. "
            f"Filters: {filters}. Counts are of respondents (people or organisations), not answers.")


# --- CSV -------------------------------------------------------------------------------------------------------
def write_csv(briefing: Briefing, out: BinaryIO) -> int:
    """One row per theme, kind, code, nation and channel (and their totals, `all`); returns the rows written."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    n = 0
    source = briefing.findings.codings
    for pt in briefing.themes:
        for pk in pt.kinds:
            for pc in pk.codes:
                cf = pc.finding
                for nation in (*fnd.NATIONS, ALL):
                    for channel in (*briefing.channels, ALL):
                        writer.writerow(tuple(neutralise(v) for v in (
                            pt.theme.theme, pk.kind.kind, cf.code, cf.label, nation, channel,
                            pc.shown(nation, channel), pc.shown_answers(nation, channel), source)))
                        n += 1
    out.write(("\ufeff" + text.getvalue()).encode("utf-8"))
    return n


# --- HTML ------------------------------------------------------------------------------------------------------
def nation_columns() -> list[tuple[str, str, str]]:
    return [(fnd.NATION_LABELS[n], n, ALL) for n in fnd.NATIONS] + [("All", ALL, ALL)]


def channel_columns(briefing: Briefing) -> list[tuple[str, str, str]]:
    return [(fnd.channel_label(c), ALL, c) for c in briefing.channels] + [("All", ALL, ALL)]


def _quote_line(q: qt.Quote) -> str:
    where = f"{fnd.channel_label(q.channel)}, {fnd.NATION_LABELS.get(q.nation, q.nation)}"
    return where


def _title(briefing: Briefing) -> str:
    return ("Workshop briefing: " + briefing.themes[0].theme.label if len(briefing.themes) == 1
            else "Workshop briefing: all themes")


def write_html(briefing: Briefing, out: BinaryIO) -> None:
    """The printable page: the template bot/web/templates/briefing/briefing.html (every value escaped)."""
    out.write(render_document(
        "briefing/briefing.html", title=_title(briefing), described=describe(briefing), note=disclosure.NOTE,
        briefing=briefing, top=TOP, nation_columns=nation_columns(), channel_columns=channel_columns(briefing),
        quotes_by_code=lambda found: list(qt.by_code(found).items()), quote_line=_quote_line,
    ).encode("utf-8"))


# --- Word ------------------------------------------------------------------------------------------------------
def _docx_table(document, caption: str, pk: ProtectedKind, columns: list[tuple[str, str, str]]) -> None:
    document.add_paragraph(caption, style="Caption") if "Caption" in [s.name for s in document.styles] \
        else document.add_paragraph(caption)
    table = document.add_table(rows=1, cols=1 + len(columns))
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text = "Code"
    for i, (h, _, _) in enumerate(columns, start=1):
        head[i].text = h
    for pc in pk.codes[:TOP]:
        cells = table.add_row().cells
        cells[0].text = pc.finding.label
        for i, (_, n, c) in enumerate(columns, start=1):
            cells[i].text = pc.shown(n, c)
    cells = table.add_row().cells
    cells[0].text = "Respondents who answered"
    for i, (_, n, c) in enumerate(columns, start=1):
        cells[i].text = pk.base.shown(n, c)


def write_docx(briefing: Briefing, out: BinaryIO) -> None:
    from docx import Document

    document = Document()
    title = _title(briefing)
    document.core_properties.title = title
    document.core_properties.author = "IMSA Voices"
    document.add_heading(title, level=0)
    document.add_paragraph(describe(briefing))
    document.add_paragraph(disclosure.NOTE)
    for n, pt in enumerate(briefing.themes):
        if n:
            document.add_page_break()
        document.add_heading(pt.theme.label, level=1)
        for pk in pt.kinds:
            label = pk.kind.label
            document.add_heading(label, level=2)
            if not pk.codes:
                document.add_paragraph("No coded answers yet.")
                continue
            _docx_table(document, f"{label}: respondents by UK nation (top {min(TOP, len(pk.codes))})", pk,
                        nation_columns())
            _docx_table(document, f"{label}: respondents by channel", pk, channel_columns(briefing))
        document.add_heading("Variation across the UK", level=2)
        if pt.variation:
            for v in pt.variation:
                document.add_paragraph(v.sentence(), style="List Bullet")
        else:
            document.add_paragraph("Not enough figures to compare the nations (or the shares are the same).")
        document.add_heading("Quotes", level=2)
        if not pt.quotes:
            document.add_paragraph("No quotes have been marked for this theme yet.")
        for (code, label), found in qt.by_code(pt.quotes).items():
            document.add_heading(label, level=3)
            for q in found:
                document.add_paragraph(q.text, style="Quote")
                if q.text_en:
                    document.add_paragraph(f"In English: {q.text_en}", style="Quote")
                document.add_paragraph(f"{_quote_line(q)}. Question: {q.question}")
    document.save(out)


def write(briefing: Briefing, fmt: str, out: BinaryIO) -> None:
    if fmt == "csv":
        write_csv(briefing, out)
    elif fmt == "html":
        write_html(briefing, out)
    elif fmt == "docx":
        write_docx(briefing, out)
    else:
        raise fnd.FindingsError(f"There is no briefing format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")


def suggested_filename(fmt: str, theme: str | None) -> str:
    return f"imsa-findings-{theme or 'all'}-{dt.date.today().isoformat()}.{fmt}"


def make(store, fmt: str, out: BinaryIO, filters: Any = None, *, theme: str | None = None,
         codings: str = "confirmed", actor: str = "cli") -> Briefing:
    """Check, build and write a briefing, and record it in the audit log (who, the format, never a figure)."""
    from bot.staff import filtering

    if fmt not in FORMATS:
        raise fnd.FindingsError(f"There is no briefing format {fmt!r}. Choose one of: {', '.join(FORMATS)}.")
    if filters is not None:
        filtering.check(store, filters)
    briefing = build(store, filters, theme=theme, codings=codings)
    write(briefing, fmt, out)
    described = filters.describe() if filters is not None and hasattr(filters, "describe") else "none"
    store.audit(actor, "findings_export", len(briefing.themes),
                f"{fmt}; theme={theme or 'all'}; {codings}; filters: {described}"[:255])
    return briefing
