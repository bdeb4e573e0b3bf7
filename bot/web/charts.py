"""Bar charts drawn on the server as SVG, each with the same figures in a table beside it.

This module works out the geometry (bot.web.charts.bar_chart returns a Chart); the markup is the template
macro `figure` in bot/web/templates/macros/chart.html, so every label and figure is escaped by Jinja2.

No script, no style attribute or element (the Content-Security-Policy forbids inline style): colours are SVG
presentation attributes. The SVG is an image with a title and a description (role="img", aria-labelledby);
the table is what a screen reader, a keyboard user and anyone zooming in reads. Bars are not told apart by
colour alone: each bar's value is written at its end, and each series has its own fill and outline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Swatch:
    """One entry of the legend: a square in the series' colours and its name."""

    x: int
    y: int
    fill: str
    stroke: str
    name: str


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    fill: str
    stroke: str
    series: str
    key: str
    value: int
    shown: str  # the value as written after the bar and in the table


@dataclass(frozen=True)
class Group:
    """One row of the chart and of its table: the label drawn, the bars, and the table's cells."""

    key: str
    label: str  # the whole label (the table)
    short: str  # what the SVG draws
    y: int  # the baseline of the label in the SVG
    bars: tuple[Bar, ...]
    extra: tuple[str, ...]  # texts of the extra columns
    note: str = ""  # small print under the label in the table (a question's id)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    legend: tuple[Swatch, ...]
    groups: tuple[Group, ...]
    series: tuple[str, ...]  # names, the table's columns
    extra_headings: tuple[str, ...] = field(default=())
    wide: bool = False  # the table below the chart at full width, its rows stacked on a narrow screen
    font: str = FONT
    text_colour: str = TEXT_COLOUR


def _short(label: str) -> str:
    return label if len(label) <= SVG_LABEL else label[:SVG_LABEL - 1].rstrip() + "…"


def _fmt(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def bar_chart(chart_id: str, title: str, description: str, labels: list[str], series: list[Series],
              *, keys: list[str] | None = None, extra_columns: list[tuple[str, list[str]]] | None = None,
              notes: list[str] | None = None, wide: bool = False) -> Chart:
    """A horizontal bar chart and the table of the same figures, for the template macro `figure`.

    `labels` name the groups (rows); each Series gives one value per group. `keys` (default: the labels) are
    written as data-key on each bar so tests and scripts can find them. `extra_columns` add table columns
    (heading, one text per group) that are not drawn; `notes` add small print under each group's label in
    the table. `wide` puts the table below the chart (for long labels such as a question's wording).
    """
    keys = keys or labels
    for s in series:
        if len(s.values) != len(labels):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(labels)} labels")
    biggest = max([v for s in series for v in s.values] + [1])
    bar_room = WIDTH - VALUE_ROOM
    legend: list[Swatch] = []
    y = 0
    if len(series) > 1:  # the legend
        x = 0
        for n, s in enumerate(series):
            fill, stroke = SERIES_STYLE[n % len(SERIES_STYLE)]
            if x and x + 34 + 9 * len(s.name) > WIDTH:  # the legend wraps rather than running off the image
                x, y = 0, y + LABEL_HEIGHT
            legend.append(Swatch(x, y, fill, stroke, s.name))
            x += 34 + 9 * len(s.name)
        y += LABEL_HEIGHT + 8
    groups = []
    extra = extra_columns or []
    for row, (label, key) in enumerate(zip(labels, keys)):
        label_y = y
        y += LABEL_HEIGHT
        bars = []
        for n, s in enumerate(series):
            value = s.values[row]
            fill, stroke = SERIES_STYLE[n % len(SERIES_STYLE)]
            width = round(bar_room * value / biggest, 1) if value else 0
            bars.append(Bar(y, width, fill, stroke, s.name, key, value, _fmt(value)))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
        groups.append(Group(key, label, _short(label), label_y, tuple(bars),
                            tuple(str(values[row]) for _, values in extra), notes[row] if notes else ""))
    return Chart(chart_id, title, description, WIDTH, max(y, 40), tuple(legend), tuple(groups),
                 tuple(s.name for s in series), tuple(name for name, _ in extra), wide=wide)
