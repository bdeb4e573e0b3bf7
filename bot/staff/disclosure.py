"""Small-number protection (statistical disclosure control) for figures that may leave the team.

As the ONS and NHS Digital practise it: a count of 1 to 4 respondents is never shown (primary suppression,
written "fewer than 5"), and in every table whose totals are shown, more cells are withheld (secondary
suppression, written "withheld") until no hidden cell can be worked out by subtracting the cells shown from a
row or column total. Zero is shown as 0.

A findings table is nations x channels with its margins: each nation's total over the channels, each channel's
total over the nations, and the grand total (the code's respondents). Every "line" (a row of cells with its row
total, a column with its column total, and the margins with the grand total) must hide no cell or at least two;
when a line hides exactly one, the smallest other non-zero entry of that line is hidden too (cells before
totals), and this is repeated until every line is safe. The answers of a cell are hidden whenever its
respondents are (answers are additive the same way, so the same pattern protects them).
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = "all"
THRESHOLD = 5
SMALL = "fewer than 5"
WITHHELD = "withheld"
PRIMARY, SECONDARY = "primary", "secondary"
NOTE = ("Small numbers are protected: a count of 1 to 4 respondents is shown as “fewer than 5”, and some other "
        "counts are “withheld” so that a small number cannot be worked out from a total.")


@dataclass
class Protected:
    """Figures of a rows x columns table with its margins, and which of them are hidden."""

    values: dict[tuple[str, str], int]  # (row, col), (row, ALL), (ALL, col), (ALL, ALL)
    hidden: dict[tuple[str, str], str]  # key -> primary | secondary

    def shown(self, row: str = ALL, col: str = ALL) -> str:
        """The figure as it may be published: the number, "fewer than 5" or "withheld"."""
        key = (row, col)
        if key in self.hidden:
            return SMALL if self.hidden[key] == PRIMARY else WITHHELD
        return str(self.values.get(key, 0))

    def is_hidden(self, row: str = ALL, col: str = ALL) -> bool:
        return (row, col) in self.hidden

    def value(self, row: str = ALL, col: str = ALL) -> int | None:
        """The number, or None when it is hidden."""
        return None if (row, col) in self.hidden else self.values.get((row, col), 0)


def lines(rows: tuple[str, ...] | list[str], cols: tuple[str, ...] | list[str]) -> list[list[tuple[str, str]]]:
    """Every set of entries that adds up: each row with its total, each column with its total, the margins."""
    out = [[(r, c) for c in cols] + [(r, ALL)] for r in rows]
    out.append([(ALL, c) for c in cols] + [(ALL, ALL)])
    out += [[(r, c) for r in rows] + [(ALL, c)] for c in cols]
    out.append([(r, ALL) for r in rows] + [(ALL, ALL)])
    return out


def protect(cells: dict[tuple[str, str], int], rows, cols, threshold: int = THRESHOLD) -> Protected:
    """Hide every count from 1 to threshold-1, then enough others that no hidden count can be derived."""
    rows, cols = list(rows), list(cols)
    values: dict[tuple[str, str], int] = {(r, c): int(cells.get((r, c), 0)) for r in rows for c in cols}
    for r in rows:
        values[(r, ALL)] = sum(values[(r, c)] for c in cols)
    for c in cols:
        values[(ALL, c)] = sum(values[(r, c)] for r in rows)
    values[(ALL, ALL)] = sum(values[(r, ALL)] for r in rows)
    hidden = {k: PRIMARY for k, v in values.items() if 0 < v < threshold}
    all_lines = lines(rows, cols)
    changed = True
    while changed:
        changed = False
        for line in all_lines:
            if sum(1 for k in line if k in hidden) != 1:
                continue
            candidates = [k for k in line if k not in hidden and values[k] > 0]
            if not candidates:  # only zeros left beside one hidden entry: cannot happen (the total >= the cell)
                continue
            pick = min(candidates, key=lambda k: (ALL in k, values[k], line.index(k)))
            hidden[pick] = SECONDARY
            changed = True
    return Protected(values, hidden)


def derivable(protected: Protected, rows, cols) -> list[tuple[str, str]]:
    """Hidden entries that some line gives away (the line hides only that one). Empty when protection holds."""
    out = []
    for line in lines(list(rows), list(cols)):
        hidden = [k for k in line if k in protected.hidden]
        if len(hidden) == 1:
            out.append(hidden[0])
    return out
