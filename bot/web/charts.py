"""Bar charts drawn on the server as SVG, each with the same figures in a table beside it.

No script, no style attribute or element (the Content-Security-Policy forbids inline style): colours are SVG
presentation attributes. The SVG is an image with a title and a description (role="img", aria-labelledby);
the table is what a screen reader, a keyboard user and anyone zooming in reads. Bars are not told apart by
colour alone: each bar's value is written at its end, and each series has its own fill and outline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

WIDTH = 640  # the viewBox width; the SVG scales to its container
LABEL_HEIGHT = 22
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
VALUE_ROOM = 64  # room at the right for the value written after the longest bar
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Arial, sans-serif"
TEXT_COLOUR = "#0b0c0c"
# (fill, outline) per series: dark blue, then white with a black outline and a hatch-free light grey inside;
# both reach 3:1 against the white page with their outline (WCAG 1.4.11).
SERIES_STYLE = (("#1d5c99", "#1d5c99"), ("#b1b4b6", "#0b0c0c"), ("#00703c", "#00703c"), ("#ffdd00", "#0b0c0c"),
                ("#4c2c92", "#4c2c92"), ("#ffffff", "#0b0c0c"))
SVG_LABEL = 72  # characters of a group's label drawn in the SVG (the table beside it has the whole label)


@dataclass(frozen=True)
class Series:
    name: str  # "Respondents", "Answers"
    values: tuple[int, ...]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _short(label: str) -> str:
    return label if len(label) <= SVG_LABEL else label[:SVG_LABEL - 1].rstrip() + "…"


def _fmt(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def bar_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series],
              *, keys: list[str] | None = None, extra_columns: list[tuple[str, list[str]]] | None = None) -> str:
    """A <figure> with a horizontal bar chart (SVG) and a table of the same figures.

    `labels` name the groups (rows); each Series gives one value per group. `keys` (default: the labels) are
    written as data-key on each bar so tests and scripts can find them. `extra_columns` add table columns
    (heading, one text per group) that are not drawn.
    """
    keys = keys or labels
    for s in series:
        if len(s.values) != len(labels):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(labels)} labels")
    biggest = max([v for s in series for v in s.values] + [1])
    bar_room = WIDTH - VALUE_ROOM
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts: list[str] = []
    y = 0
    if len(series) > 1:  # the legend
        x = 0
        for n, s in enumerate(series):
            fill, stroke = SERIES_STYLE[n % len(SERIES_STYLE)]
            if x and x + 34 + 9 * len(s.name) > WIDTH:  # the legend wraps rather than running off the image
                x, y = 0, y + LABEL_HEIGHT
            parts.append(f'<rect x="{x}" y="{y + 3}" width="16" height="16" fill="{fill}" stroke="{stroke}" '
                         'stroke-width="2"/>')
            parts.append(f'<text x="{x + 22}" y="{y + 16}" font-size="15" fill="{TEXT_COLOUR}">{_e(s.name)}</text>')
            x += 34 + 9 * len(s.name)
        y += LABEL_HEIGHT + 8
    for row, (label, key) in enumerate(zip(labels, keys)):
        parts.append(f'<text x="0" y="{y + 16}" font-size="15" font-weight="700" fill="{TEXT_COLOUR}">'
                     f'{_e(_short(label))}</text>')
        y += LABEL_HEIGHT
        for n, s in enumerate(series):
            value = s.values[row]
            fill, stroke = SERIES_STYLE[n % len(SERIES_STYLE)]
            width = round(bar_room * value / biggest, 1) if value else 0
            parts.append(
                f'<rect x="1" y="{y}" width="{max(width, 1)}" height="{BAR_HEIGHT}" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="2" data-series="{_e(s.name)}" data-key="{_e(key)}" data-value="{value}"/>'
            )
            parts.append(f'<text x="{width + 8}" y="{y + BAR_HEIGHT - 4}" font-size="14" fill="{TEXT_COLOUR}">'
                         f'{_fmt(value)}</text>')
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    height = max(y, 40)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" preserveAspectRatio="xMinYMin meet" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="{FONT}" focusable="false">'
        f'<title id="{title_id}">{_e(title)}</title><desc id="{desc_id}">{_e(description)}</desc>'
        + "".join(parts) + "</svg>"
    )
    head = "".join(f'<th scope="col" class="num">{_e(s.name)}</th>' for s in series)
    head += "".join(f'<th scope="col" class="num">{_e(name)}</th>' for name, _ in (extra_columns or []))
    body = []
    for row, (label, key) in enumerate(zip(labels, keys)):
        cells = "".join(f'<td class="num" data-series="{_e(s.name)}">{_fmt(s.values[row])}</td>' for s in series)
        cells += "".join(f'<td class="num">{_e(values[row])}</td>' for _, values in (extra_columns or []))
        body.append(f'<tr data-key="{_e(key)}"><th scope="row">{_e(label)}</th>{cells}</tr>')
    if not body:
        body.append(f'<tr><td colspan="{1 + len(series) + len(extra_columns or [])}">None yet.</td></tr>')
    table = (
        f'<div class="table-wrap" role="region" aria-labelledby="{chart_id}-caption" tabindex="0">'
        f'<table id="{chart_id}-table"><caption id="{chart_id}-caption">{_e(title)}: the figures</caption>'
        f'<thead><tr><th scope="col">{_e("Group")}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
    )
    return (f'<figure class="chart-figure" id="{chart_id}" aria-labelledby="{chart_id}-heading">'
            f'<figcaption id="{chart_id}-heading" class="chart-heading">{_e(title)}</figcaption>'
            f'<div class="chart-pair"><div class="chart-image">{svg}</div>{table}</div></figure>')
