"""What the consultation learnt: per theme, the topic codes raised as barriers, solutions and good practice,
ranked by the respondents (not answers) who raised them, by UK nation and by channel.

A matrix coding query in NVivo's sense: codes x case attributes, each cell the respondents (and answers) of one
nation and one channel whose answers to that theme's questions of that kind carry the code. Every figure is
over the answers matching the dashboard's and the export's own filter (bot.staff.filtering), so a cell and the
rows of its download are the same answers.

Confirmed codings (source `staff`: a suggestion staff confirmed, or a code staff added, span or whole answer)
and suggestions not yet confirmed (source `suggested`) are counted apart: `codings="confirmed"` or
`codings="suggested"`. Rejected codings never count.

A respondent has one nation and one channel, so the cells of a code partition its respondents: a row's
cells add up to its total. Small numbers are protected (bot.staff.disclosure) in whatever leaves the team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot import coding
from bot.conversation.catalogue import catalogue
from bot.staff import filtering
from bot.staff.stats import CHANNEL_LABELS, NOT_GIVEN, theme_labels
from bot.store import staff_queries
from bot.store.staff_queries import CHANNELS

ALL = "all"
KINDS_SHOWN = ("barriers", "solutions", "good_practice")
NATIONS = ("england", "scotland", "wales", "northern_ireland", "more_than_one", NOT_GIVEN)
UK_NATIONS = NATIONS[:4]  # the four nations compared for variation across the UK
NATION_LABELS = {
    "england": "England", "scotland": "Scotland", "wales": "Wales", "northern_ireland": "Northern Ireland",
    "more_than_one": "More than one nation", NOT_GIVEN: "Not given", ALL: "All",
}
CODINGS = {"confirmed": ("staff",), "suggested": ("suggested",)}
CODINGS_LABELS = {
    "confirmed": "confirmed codings (checked or added by staff)",
    "suggested": "suggested codes not yet confirmed by staff (from the codebook's keywords)",
}
VARIATION_TOP = 5
SMALL_BASE = 10  # a share resting on fewer respondents than this gets a caution


class FindingsError(ValueError):
    """Findings that cannot be made as asked; the message says why."""


def nation_key(nation: str | None) -> str:
    """The findings column of a respondent's nation ("prefer not to say" and no answer are both not given)."""
    return nation if nation in NATIONS[:5] else NOT_GIVEN


@dataclass
class Table:
    """Figures by (nation, channel): respondents and answers. Margins are sums (each respondent has one nation
    and one channel, so nothing is counted twice)."""

    cells: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def add(self, nation: str, channel: str, respondents: int, answers: int) -> None:
        r, a = self.cells.get((nation, channel), (0, 0))
        self.cells[(nation, channel)] = (r + respondents, a + answers)

    def get(self, nation: str = ALL, channel: str = ALL) -> tuple[int, int]:
        r = a = 0
        for (n, c), (cr, ca) in self.cells.items():
            if nation in (ALL, n) and channel in (ALL, c):
                r, a = r + cr, a + ca
        return r, a

    def respondents(self, nation: str = ALL, channel: str = ALL) -> int:
        return self.get(nation, channel)[0]

    def answers(self, nation: str = ALL, channel: str = ALL) -> int:
        return self.get(nation, channel)[1]


@dataclass
class CodeFinding:
    theme: str
    kind: str
    code: str
    label: str
    table: Table = field(default_factory=Table)

    @property
    def respondents(self) -> int:
        return self.table.respondents()

    @property
    def answers(self) -> int:
        return self.table.answers()


@dataclass
class KindFindings:
    kind: str
    label: str
    codes: list[CodeFinding]  # most respondents first
    base: Table  # respondents (and answers) who answered this theme's questions of this kind


@dataclass(frozen=True)
class Share:
    nation: str
    respondents: int
    base: int

    @property
    def value(self) -> float:
        return self.respondents / self.base if self.base else 0.0


@dataclass(frozen=True)
class Variation:
    """A code whose share of respondents differs between the UK nations."""

    kind: str
    code: str
    label: str
    shares: tuple[Share, ...]  # the nations compared, highest share first
    spread: float  # highest share minus lowest (among nations with SMALL_BASE respondents or more when two have)
    small: bool  # fewer than two nations have SMALL_BASE respondents: the difference rests on small numbers

    def sentence(self) -> str:
        parts = [f"{NATION_LABELS[s.nation]} {s.value:.0%} ({s.respondents} of {s.base})" for s in self.shares]
        kind = coding.KIND_LABELS.get(self.kind, self.kind).lower()
        text = (f"“{self.label}” ({kind}) was raised by a share of respondents that differs by "
                f"{self.spread * 100:.0f} percentage points between nations: " + ", ".join(parts) + ".")
        few = [NATION_LABELS[s.nation] for s in self.shares if s.base < SMALL_BASE]
        if self.small:
            text += (f" Caution: these shares rest on fewer than {SMALL_BASE} respondents in a nation, so a "
                     "difference this size can come from one or two people; treat it as a question for the "
                     "workshop, not a finding.")
        elif few:
            text += (f" The difference is between nations with at least {SMALL_BASE} respondents; "
                     f"{' and '.join(few)} had fewer, so their shares are a rough guide only.")
        return text


@dataclass
class ThemeFindings:
    theme: str
    label: str
    kinds: list[KindFindings]
    variation: list[Variation] = field(default_factory=list)

    def kind(self, kind: str) -> KindFindings:
        return next(k for k in self.kinds if k.kind == kind)


@dataclass
class Findings:
    filters: Any
    codings: str  # confirmed | suggested
    channels: tuple[str, ...]  # the channels with answers in the filter, in CHANNELS order
    themes: list[ThemeFindings]

    def theme(self, theme_id: str) -> ThemeFindings:
        return next(t for t in self.themes if t.theme == theme_id)

    @property
    def codings_label(self) -> str:
        return CODINGS_LABELS[self.codings]


def _themes(theme: str | None) -> list[str]:
    ids = list(catalogue().theme_ids)
    if theme in (None, "", ALL):
        return ids
    if theme not in ids:
        raise FindingsError(f"There is no theme {theme!r}. Themes: {', '.join(ids)} (or all).")
    return [theme]


def check_codings(codings: str) -> tuple[str, ...]:
    if codings not in CODINGS:
        raise FindingsError(f"Codings must be one of: {', '.join(CODINGS)}.")
    return CODINGS[codings]


def findings(store, filters: Any = None, *, theme: str | None = None,
             codings: str = "confirmed") -> Findings:
    """The findings of one theme (or every theme) for the answers matching `filters`."""
    sources = check_codings(codings)
    theme_ids = _themes(theme)
    # the filter's own theme already limits the answers: the same condition twice makes SQLite scan the codings
    # in code order (0.7 s instead of 0.08 s at 100,000 answers)
    chosen = filtering.value(filters, "theme")
    base_rows, code_rows, labels = staff_queries.findings_counts(
        store, filtering.conditions(filters), themes=None if chosen is not None and chosen in theme_ids else theme_ids,
        kinds=KINDS_SHOWN, sources=sources)
    # a respondent counted under two stored nations that share a column (none and prefer_not_to_say) is still
    # one respondent: each respondent has exactly one stored nation, so adding the groups never counts twice
    bases: dict[tuple[str, str], Table] = {}
    channels: set[str] = set()
    for theme_id, kind, nation, channel, respondents, answers in base_rows:
        bases.setdefault((theme_id, kind), Table()).add(nation_key(nation), channel, respondents, answers)
        channels.add(channel)
    found: dict[tuple[str, str, str], CodeFinding] = {}
    for theme_id, kind, code_id, nation, channel, respondents, answers in code_rows:
        key = (theme_id, kind, code_id)
        if key not in found:
            found[key] = CodeFinding(theme_id, kind, code_id, labels.get(code_id, code_id))
        found[key].table.add(nation_key(nation), channel, respondents, answers)
    names = theme_labels()
    themes = []
    for theme_id in theme_ids:
        kinds = []
        for kind in KINDS_SHOWN:
            codes = sorted((f for (t, k, _), f in found.items() if t == theme_id and k == kind),
                           key=lambda f: (-f.respondents, -f.answers, f.label.lower(), f.code))
            kinds.append(KindFindings(kind, coding.KIND_LABELS[kind], codes, bases.get((theme_id, kind), Table())))
        tf = ThemeFindings(theme_id, names.get(theme_id, theme_id), kinds)
        tf.variation = variation(tf)
        themes.append(tf)
    return Findings(filters, codings, tuple(c for c in CHANNELS if c in channels), themes)


def variation(tf: ThemeFindings, shown=None, top: int = VARIATION_TOP) -> list[Variation]:
    """The codes whose share of respondents differs most between England, Scotland, Wales and Northern Ireland.

    A share is the code's respondents in a nation over the respondents of that nation who answered the theme's
    questions of that kind. `shown(kind_findings, code_finding_or_None, nation)` says whether a nation's figures
    may be used (a protected briefing leaves out nations whose count or base is withheld)."""
    out = []
    for kf in tf.kinds:
        for cf in kf.codes:
            shares = []
            for nation in UK_NATIONS:
                base = kf.base.respondents(nation)
                if base == 0 or (shown is not None and not shown(kf, cf, nation)):
                    continue
                shares.append(Share(nation, cf.table.respondents(nation), base))
            if len(shares) < 2:
                continue
            shares.sort(key=lambda s: (-s.value, UK_NATIONS.index(s.nation)))
            # the difference is measured between nations with enough respondents when two have; otherwise it
            # rests on small numbers and says so
            reliable = [s for s in shares if s.base >= SMALL_BASE]
            measured = reliable if len(reliable) >= 2 else shares
            spread = measured[0].value - measured[-1].value
            if spread <= 0:
                continue
            out.append(Variation(kf.kind, cf.code, cf.label, tuple(shares), spread, len(reliable) < 2))
    # differences resting on enough respondents first: a share of 1 in 1 against 0 in 2 says little
    out.sort(key=lambda v: (v.small, -v.spread, v.label.lower(), v.kind))
    return out[:top]


# --- the passages behind a cell --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Passage:
    answer_id: int  # for the link to code or re-code it; never a respondent id
    question_id: str
    question: str
    channel: str
    nation: str  # a findings column key
    language: str
    text: str
    text_en: str | None
    spans: tuple[str, ...]  # the coded words, when the code is on part of the answer
    review_status: str | None
    quotable: bool


def passages(store, filters: Any = None, *, theme: str, kind: str, code: str,
             nation: str = ALL, channel: str = ALL, codings: str = "confirmed",
             page: int = 1, per_page: int = 20) -> tuple[list[Passage], int]:
    """The coded answers behind one cell (theme, kind, code, nation, channel), oldest first: (a page, how many)."""
    sources = check_codings(codings)
    _themes(theme)
    if kind not in KINDS_SHOWN:
        raise FindingsError(f"Kind must be one of: {', '.join(KINDS_SHOWN)}.")
    if nation not in (ALL, *NATIONS):
        raise FindingsError(f"Nation must be one of: {', '.join((ALL, *NATIONS))}.")
    if channel not in (ALL, *CHANNELS):
        raise FindingsError(f"Channel must be one of: {', '.join((ALL, *CHANNELS))}.")
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 100))
    rows, spans, total = staff_queries.coded_passages(
        store, filtering.conditions(filters), theme=theme, kind=kind, code=code, sources=sources,
        nation=None if nation == ALL else nation, known_nations=NATIONS[:5],  # NOT_GIVEN: none of the five
        channel=None if channel == ALL else channel, offset=(page - 1) * per_page, limit=per_page)
    cat = catalogue()
    out = []
    for r in rows:
        text = r.text or r.choice or ""
        try:
            wording = cat.question(r.question_id).written
        except KeyError:
            wording = r.question_id
        out.append(Passage(r.id, r.question_id, wording, r.channel, nation_key(r.nation), r.language, text,
                           r.text_en if r.text_en and r.text_en != r.text else None,
                           tuple(text[a:b] for a, b in sorted(spans.get(r.id, []))), r.review_status,
                           bool(r.quotable) and r.review_status == "reviewed"))
    return out, total


def channel_label(channel: str) -> str:
    return {"chatbot": "Survivors' chat", "written": "Written responses", "workshop": "Workshop notes",
            ALL: "All channels"}.get(channel, CHANNEL_LABELS.get(channel, channel))
