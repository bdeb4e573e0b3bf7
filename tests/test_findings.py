"""Findings (bot.staff.findings), small-number protection (bot.staff.disclosure), the quote bank and the workshop
briefing (CSV, HTML, Word) on real SQLite and PostgreSQL, with every figure checked against counts worked out
here, in plain Python, from the rows of the tables."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict

import docx
import lxml.html
import pytest
from sqlalchemy import text, update

from bot.cli import commands as cli
from bot.export import ExportFilter
from bot.importers import import_file
from bot.staff import briefing, coding_ops, disclosure, findings, quotes, review
from bot.staff.coding_ops import CodingError
from bot.store.models import Answer

KINDS = ("barriers", "solutions", "good_practice")
MAIN = ("england", "scotland", "wales", "northern_ireland", "more_than_one")

# (language, nation, assisted, {question id: text}): chat respondents, in several nations and languages
CHAT = [
    ("en", "england", "none", {"health.barriers": "No interpreter at the GP surgery and I could not register.",
                               "health.solutions": "Interpreters at every appointment.",
                               "housing.barriers": "The hostel was cold and I was homeless after."}),
    ("en", "england", "support_worker", {"health.barriers": "The GP did not have an interpreter.",
                                         "health.good_practice": "My GP gave me longer appointments."}),
    ("en", "england", "none", {"health.barriers": "I could not register with a GP, no address for the doctor."}),
    ("sq", "scotland", "interpreter", {"health.barriers": "Nuk kishte përkthyes (interpreter) tek GP."}),
    ("en", "scotland", "none", {"health.barriers": "Trauma and nightmares, no counselling.",
                                "housing.barriers": "Evicted from the safe house."}),
    ("en", "scotland", "none", {"health.barriers": "I waited a long time for mental health help and the GP."}),
    ("ar", "wales", "none", {"health.barriers": "لا يوجد مترجم interpreter"}),
    ("en", "northern_ireland", "none", {"health.barriers": "Nobody to interpret at the GP."}),
    ("en", "more_than_one", "none", {"health.barriers": "GP registration was refused twice."}),
    ("en", "prefer_not_to_say", "none", {"health.barriers": "The GP asked for papers."}),
    ("en", None, None, {"health.barriers": "Depression and no interpreter."}),
]
# organisations' written responses, read by the real importer (a "wide" CSV, one row per response)
WRITTEN = [
    ("england", "Clients cannot register with a GP without an address. Interpreters are rarely booked.",
     "Fund interpreters for GP appointments."),
    ("scotland", "Survivors wait months for mental health services.", "Trauma-informed GP practices."),
    ("wales", "Interpreters are not available in rural areas.", ""),
]


def build(store, tmp_path) -> dict:
    for lang, nation, assisted, answers in CHAT:
        rid = store.create_respondent(lang)
        store.update_respondent(rid, **{k: v for k, v in (("nation", nation), ("assisted", assisted)) if v})
        for qid, words in answers.items():
            store.save_answer(rid, qid, lang, text=words)
    path = tmp_path / "written.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Timestamp", "UK nation", "health.barriers", "health.solutions"])
        for n, (nation, barriers, solutions) in enumerate(WRITTEN):
            writer.writerow([f"2026-11-0{n + 1}", nation, barriers, solutions])
    report = import_file(store, path, actor="test")
    assert report.ok and report.answers == 5, report.lines()
    return code_them(store)


def answer_ids(store) -> dict[str, list[int]]:
    with store.engine.connect() as c:
        rows = c.execute(text("SELECT id, question_id FROM answers ORDER BY id")).all()
    out: dict[str, list[int]] = defaultdict(list)
    for answer_id, qid in rows:
        out[qid].append(answer_id)
    return out


def suggestions(store, answer_id: int) -> dict[str, int]:
    view = coding_ops.answer(store, answer_id)
    return {c.code_id: c.id for c in view.codings if c.source == "suggested" and c.status == "active"}


def code_them(store) -> dict:
    """Confirm most suggestions, reject one, add staff codes (one on a span), leave a few only suggested."""
    ids = answer_ids(store)
    barriers = ids["health.barriers"]
    left_suggested = set(barriers[-3:])  # the last three (written) keep their suggestions unconfirmed
    rejected = None
    for answer_id in barriers:
        if answer_id in left_suggested:
            continue
        for code_id, coding_id in suggestions(store, answer_id).items():
            if rejected is None and code_id == "health.gp_registration":
                coding_ops.reject(store, coding_id, actor="analyst")
                rejected = answer_id
            else:
                coding_ops.confirm(store, coding_id, actor="analyst")
    # staff add a code the keywords missed, on the words that say it
    view = coding_ops.answer(store, barriers[5])  # "I waited a long time for mental health help and the GP."
    start = view.text.index("waited a long time")
    coding_ops.add_code(store, barriers[5], "health.gp_registration", actor="analyst",
                        span=(start, start + len("waited a long time")), seen=view.version)
    new = coding_ops.new_code(store, "health", "Papers asked for", actor="analyst")
    coding_ops.add_code(store, barriers[9], new, actor="analyst")
    for answer_id in ids["health.solutions"] + ids["health.good_practice"]:
        for coding_id in suggestions(store, answer_id).values():
            coding_ops.confirm(store, coding_id, actor="analyst")
    return {"ids": ids, "rejected": rejected, "new": new, "left_suggested": left_suggested}


def more_interpreters(store, places: list[tuple[str, str]]) -> None:
    """One respondent per (nation, channel) whose health barrier is a confirmed "Interpreters and language"."""
    for nation, channel in places:
        rid = store.create_respondent("en", channel=channel)
        store.update_respondent(rid, nation=nation)
        store.save_answer(rid, "health.barriers", "en", text="There was no interpreter.")
        answer_id = store.answers(rid)[0].id
        coding_ops.confirm(store, suggestions(store, answer_id)["health.interpreters"], actor="analyst")


def expected(store, sources: tuple[str, ...], keep=lambda r, a: True) -> dict:
    """{(theme, kind, code): {(nation column, channel): (respondents, answers)}} from the raw rows."""
    with store.engine.connect() as c:
        people = {r.id: r for r in c.execute(text("SELECT * FROM respondents"))}
        answers = {a.id: a for a in c.execute(text("SELECT * FROM answers"))}
        levels = dict(c.execute(text("SELECT id, level FROM codes")).all())
        codings = c.execute(text("SELECT answer_id, code_id, source, status FROM codings")).all()
    cells: dict = defaultdict(lambda: defaultdict(lambda: (set(), set())))
    for answer_id, code_id, source, status in codings:
        a = answers[answer_id]
        r = people[a.respondent_id]
        if status != "active" or source not in sources or levels[code_id] != "topic" or a.kind not in KINDS:
            continue
        if not keep(r, a):
            continue
        column = r.nation if r.nation in MAIN else "not given"
        who, which = cells[(a.theme, a.kind, code_id)][(column, r.channel)]
        who.add(r.id)
        which.add(a.id)
    return {key: {cell: (len(w), len(x)) for cell, (w, x) in by.items()} for key, by in cells.items()}


def got(result: findings.Findings) -> dict:
    return {(t.theme, k.kind, c.code): {cell: v for cell, v in c.table.cells.items()}
            for t in result.themes for k in t.kinds for c in k.codes}


@pytest.fixture
def coded(store, tmp_path):
    return store, build(store, tmp_path)


# --- findings ----------------------------------------------------------------------------------------------------
def test_every_cell_is_the_respondents_and_answers_counted_from_the_tables(coded):
    store, _ = coded
    cases = [
        (ExportFilter(), lambda r, a: True),
        (ExportFilter(channel="written"), lambda r, a: r.channel == "written"),
        (ExportFilter(language="en"), lambda r, a: a.language == "en"),
        (ExportFilter(assisted=True), lambda r, a: r.assisted not in (None, "none")),
        (ExportFilter(nation="scotland"), lambda r, a: r.nation == "scotland"),
    ]
    for codings, sources in (("confirmed", ("staff",)), ("suggested", ("suggested",))):
        for f, keep in cases:
            result = findings.findings(store, f, codings=codings)
            assert got(result) == expected(store, sources, keep), (codings, f)
    result = findings.findings(store)
    health = result.theme("health").kind("barriers")
    totals = [c.respondents for c in health.codes]
    assert totals == sorted(totals, reverse=True) and totals[0] >= 5  # ranked by respondents
    for c in health.codes:  # a row's cells add up to its total: each respondent has one nation and one channel
        assert c.respondents == sum(c.table.respondents(n) for n in findings.NATIONS)
        assert c.respondents == sum(c.table.respondents(channel=ch) for ch in ("chatbot", "written"))
    assert result.channels == ("chatbot", "written")
    # "prefer not to say" and no nation at all are both "not given"
    interp = next(c for c in health.codes if c.code == "health.interpreters")
    assert interp.table.respondents("not given") == 1  # the respondent with no nation
    assert health.base.respondents() == len(CHAT) + len(WRITTEN)


def test_confirmed_and_suggested_codings_are_counted_apart(coded):
    store, state = coded
    confirmed = got(findings.findings(store, codings="confirmed"))
    suggested = got(findings.findings(store, codings="suggested"))
    # the written barriers were left as suggestions: they count only as suggestions
    written_only = ExportFilter(channel="written")
    assert not [k for k in got(findings.findings(store, written_only)) if k[1] == "barriers"]
    assert [k for k in got(findings.findings(store, written_only, codings="suggested")) if k[1] == "barriers"]
    # the staff-added code and the span count as confirmed, never as suggested
    assert ("health", "barriers", state["new"]) in confirmed
    assert ("health", "barriers", state["new"]) not in suggested
    # a rejected suggestion counts nowhere
    rejected = state["rejected"]
    behind, _ = findings.passages(store, theme="health", kind="barriers", code="health.gp_registration",
                                  per_page=100)
    behind_s, _ = findings.passages(store, theme="health", kind="barriers", code="health.gp_registration",
                                    codings="suggested", per_page=100)
    assert rejected not in [p.answer_id for p in behind + behind_s]
    # confirming one more moves it from suggested to confirmed
    answer_id = sorted(state["left_suggested"])[0]
    before = findings.findings(store).theme("health").kind("barriers")
    coding_id = suggestions(store, answer_id)["health.interpreters"]
    coding_ops.confirm(store, coding_id, actor="analyst")
    after = findings.findings(store).theme("health").kind("barriers")
    count = lambda k: next(c.respondents for c in k.codes if c.code == "health.interpreters")  # noqa: E731
    assert count(after) == count(before) + 1


def test_the_passages_behind_a_cell_are_its_answers_paged_and_never_name_a_respondent(coded):
    store, _ = coded
    result = findings.findings(store)
    interp = next(c for c in result.theme("health").kind("barriers").codes if c.code == "health.interpreters")
    for nation, channel in list(interp.table.cells) + [("all", "all"), ("england", "all"), ("all", "chatbot")]:
        listed, total = findings.passages(store, theme="health", kind="barriers", code="health.interpreters",
                                          nation=nation, channel=channel, per_page=100)
        assert total == len(listed) == interp.table.answers(nation, channel), (nation, channel)
        for p in listed:
            assert (nation in ("all", p.nation)) and (channel in ("all", p.channel))
            assert p.question.startswith("What are the key barriers")
    first, total = findings.passages(store, theme="health", kind="barriers", code="health.interpreters", per_page=2)
    second, _ = findings.passages(store, theme="health", kind="barriers", code="health.interpreters", page=2,
                                  per_page=2)
    assert len(first) == 2 and not {p.answer_id for p in first} & {p.answer_id for p in second}
    with store.engine.connect() as c:
        respondent_ids = set(c.execute(text("SELECT id FROM respondents")).scalars())
    everything = repr(findings.passages(store, theme="health", kind="barriers", code="health.interpreters",
                                        per_page=100))
    assert not any(rid in everything for rid in respondent_ids)
    # a span coding lists the coded words; English is beside a translated answer
    spans, _ = findings.passages(store, theme="health", kind="barriers", code="health.gp_registration",
                                 nation="scotland", per_page=100)
    assert any("waited a long time" in p.spans for p in spans)
    with store.session() as s:
        s.execute(update(Answer).where(Answer.language == "ar").values(text_en="No interpreter.",
                                                                       translation_status="done"))
    wales, _ = findings.passages(store, theme="health", kind="barriers", code="health.interpreters", nation="wales",
                                 channel="chatbot")
    assert [p.text_en for p in wales] == ["No interpreter."]


def test_variation_names_the_codes_whose_share_differs_most_with_a_caution_for_small_numbers(coded):
    store, _ = coded
    found = findings.findings(store).theme("health")
    assert found.variation
    top = found.variation[0]
    # differences resting on enough respondents come first, each group by the size of the difference
    assert not top.small or all(v.small for v in found.variation)
    assert top.spread == max(v.spread for v in found.variation if v.small == top.small)
    kf = found.kind(top.kind)
    cf = next(c for c in kf.codes if c.code == top.code)
    for share in top.shares:  # the counts behind each share are the cell and the base
        assert share.respondents == cf.table.respondents(share.nation)
        assert share.base == kf.base.respondents(share.nation)
    assert all(("Caution" in v.sentence()) == v.small for v in found.variation)
    assert top.small  # fewer than 10 respondents per nation here
    more_interpreters(store, [("england", "chatbot")] * 12 + [("scotland", "chatbot")] * 2)
    for _ in range(10):  # Scots who answered but raised no interpreters
        rid = store.create_respondent("en")
        store.update_respondent(rid, nation="scotland")
        store.save_answer(rid, "health.barriers", "en", text="The waiting was long.")
    big = findings.findings(store).theme("health").variation[0]
    assert not big.small and "Caution" not in big.sentence()
    england, scotland = (next(s for s in big.shares if s.nation == n) for n in ("england", "scotland"))
    assert big.code == "health.interpreters" and big.spread == england.value - scotland.value > 0.4
    kf = findings.findings(store).theme("health").kind("barriers")
    assert (england.respondents, england.base) == (kf.codes[0].table.respondents("england"),
                                                   kf.base.respondents("england"))
    assert "rough guide" in big.sentence()  # Wales and Northern Ireland have fewer than 10
    assert "percentage points" in top.sentence()


# --- small-number protection ---------------------------------------------------------------------------------------
def safe(p: disclosure.Protected, rows, cols) -> None:
    """No line (cells and their total) hides exactly one entry, and every 1-4 is hidden (checked here directly)."""
    for key, v in p.values.items():
        if 0 < v < 5:
            assert p.shown(*key) == "fewer than 5", key
    everything = [[(r, c) for c in cols] + [(r, "all")] for r in [*rows, "all"]]
    everything += [[(r, c) for r in rows] + [("all", c)] for c in [*cols, "all"]]
    for line in everything:
        assert sum(1 for k in line if not p.shown(*k).isdigit()) != 1, line


def test_a_cell_of_three_is_hidden_and_no_total_gives_it_away():
    rows, cols = ("england", "scotland", "wales"), ("chatbot", "written")
    p = disclosure.protect({("england", "chatbot"): 20, ("scotland", "chatbot"): 3, ("wales", "chatbot"): 9,
                            ("england", "written"): 6, ("scotland", "written"): 7, ("wales", "written"): 8},
                           rows, cols)
    assert p.shown("scotland", "chatbot") == "fewer than 5"
    safe(p, rows, cols)
    assert p.shown() == "53"  # the grand total stays: two cells in every line are hidden
    rng = random.Random(14)
    for _ in range(300):
        cells = {(r, c): rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 15]) for r in rows for c in cols}
        safe(disclosure.protect(cells, rows, cols), rows, cols)
    one = disclosure.protect({("england", "chatbot"): 3}, rows, ("chatbot",))
    safe(one, rows, ("chatbot",))


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_briefing_protects_every_small_number_and_shows_the_rest_exactly(coded):
    store, _ = coded
    # big cells beside small ones, so a total could give one away: England's chat 8, its written responses 1
    more_interpreters(store, [("england", "chatbot")] * 6 + [("scotland", "chatbot")] * 5 + [("england", "written")])
    out = io.BytesIO()
    briefing.make(store, "csv", out, theme="health", actor="test")
    rows = csv_rows(out.getvalue())
    assert list(rows[0]) == list(briefing.CSV_COLUMNS)
    exact = expected(store, ("staff",))
    seen_small = 0
    by_code: dict = defaultdict(dict)
    for row in rows:
        key = (row["theme"], row["kind"], row["code"])
        cells = exact.get(key, {})
        r = sum(v[0] for (n, c), v in cells.items() if row["nation"] in ("all", n) and row["channel"] in ("all", c))
        a = sum(v[1] for (n, c), v in cells.items() if row["nation"] in ("all", n) and row["channel"] in ("all", c))
        if 0 < r < 5:
            assert row["respondents"] == row["answers"] == "fewer than 5", row
            seen_small += 1
        elif row["respondents"].isdigit():
            assert (int(row["respondents"]), int(row["answers"])) == (r, a), row
        else:
            assert row["respondents"] == row["answers"] == "withheld", row
        assert row["source"] == "confirmed"
        by_code[key][(row["nation"], row["channel"])] = row["respondents"]
    assert seen_small > 3
    withheld = [r for r in rows if r["respondents"] == "withheld"]
    assert withheld, "the figures should need secondary suppression"
    for shown in by_code.values():  # no line of any code's table hides exactly one figure
        for line in disclosure.lines(findings.NATIONS, ("chatbot", "written")):
            assert sum(1 for k in line if not shown[k].isdigit()) != 1, line
    assert {r["theme"] for r in rows} == {"health"}


def test_quotes_only_reviewed_and_marked_answers_in_the_word_and_html_briefing(coded):
    store, state = coded
    ids = state["ids"]
    reviewed, unreviewed = ids["health.solutions"][0], ids["health.good_practice"][0]
    with pytest.raises(CodingError):
        quotes.mark(store, unreviewed, actor="analyst")  # not reviewed: refused
    review.mark_reviewed(store, reviewed, actor="analyst")
    quotes.mark(store, reviewed, actor="analyst")
    with store.session() as s:  # even a mark set behind the page's back does not quote an unreviewed answer
        s.execute(update(Answer).where(Answer.id == unreviewed).values(quotable=True))
    out = io.BytesIO()
    briefing.make(store, "docx", out, theme="health", actor="test")
    document = docx.Document(io.BytesIO(out.getvalue()))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "Interpreters at every appointment." in words
    assert "My GP gave me longer appointments." not in words
    # the Word tables hold the protected figures of the top codes, by nation
    made = briefing.build(store, theme="health")
    barriers = made.themes[0].kinds[0]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Code"] + [h for h, _, _ in briefing.nation_columns()]
    exact = expected(store, ("staff",))
    for row, pc in zip(table.rows[1:], barriers.codes[:briefing.TOP]):
        cells = exact[("health", "barriers", pc.finding.code)]
        assert row.cells[0].text == pc.finding.label
        for cell, (_, nation, _) in zip(row.cells[1:], briefing.nation_columns()):
            r = sum(v[0] for (n, _c), v in cells.items() if nation in ("all", n))
            if 0 < r < 5:
                assert cell.text == "fewer than 5", (pc.finding.code, nation, r)
            elif cell.text == "withheld":
                assert r >= 5
            else:
                assert cell.text == str(r), (pc.finding.code, nation, r)
    html_out = io.BytesIO()
    briefing.make(store, "html", html_out, theme="health", actor="test")
    page = lxml.html.fromstring(html_out.getvalue())
    shown = page.text_content()
    assert "Interpreters at every appointment." in shown and "My GP gave me longer appointments." not in shown
    assert page.xpath("//table/caption")[0].text_content().startswith("Barriers and challenges")
    # a new text for the answer clears the mark
    rid = store_respondent(store, reviewed)
    store.save_answer(rid, "health.solutions", "en", text="Something else entirely.")
    assert not [q for q in quotes.quotes(store) if q.answer_id == reviewed]


def store_respondent(store, answer_id: int) -> str:
    with store.engine.connect() as c:
        return c.execute(text("SELECT respondent_id FROM answers WHERE id = :i"), {"i": answer_id}).scalar_one()


def test_the_findings_command_writes_each_format_and_refuses_bad_requests(coded, monkeypatch, tmp_path, capsys):
    store, _ = coded
    from bot.store import get_store

    monkeypatch.setenv("DATABASE_URL", store.engine.url.render_as_string(hide_password=False))
    get_store.cache_clear()
    try:
        for fmt in ("csv", "html", "docx"):
            path = tmp_path / f"b.{fmt}"
            assert cli.main(["findings", "--theme", "all", "--format", fmt, "--out", str(path)]) == 0
            assert path.stat().st_size > 0
        assert {r["theme"] for r in csv_rows((tmp_path / "b.csv").read_bytes())} == {"health"}  # housing: unconfirmed
        suggested = ["findings", "--format", "csv", "--codings", "suggested", "--out", str(tmp_path / "s.csv")]
        assert cli.main(suggested) == 0
        rows = csv_rows((tmp_path / "s.csv").read_bytes())
        assert {r["theme"] for r in rows} == {"health", "housing"} and {r["source"] for r in rows} == {"suggested"}
        assert cli.main(["findings", "--theme", "nope", "--format", "csv", "--out", str(tmp_path / "x.csv")]) == 1
        assert "There is no theme" in capsys.readouterr().err and not (tmp_path / "x.csv").exists()
        assert cli.main(["findings", "--format", "csv", "--nation", "mars", "--out", str(tmp_path / "y.csv")]) == 1
    finally:
        get_store.cache_clear()
    actions = [e.action for e in store.audit_log()]
    assert actions.count("findings_export") == 4


def test_variation_in_a_briefing_uses_only_figures_it_shows(coded):
    store, _ = coded
    more_interpreters(store, [("england", "chatbot")] * 12 + [("scotland", "chatbot")] * 6)
    made = briefing.build(store, theme="health")
    pt = made.themes[0]
    assert pt.variation
    for v in pt.variation:
        pk = next(k for k in pt.kinds if k.kind.kind == v.kind)
        pc = next(c for c in pk.codes if c.finding.code == v.code)
        for share in v.shares:
            assert pk.base.shown(share.nation) == str(share.base)
            assert pc.shown(share.nation) == str(share.respondents)
    exact = findings.findings(store, theme="health").theme("health").variation
    assert len({s.nation for v in exact for s in v.shares}) > len({s.nation for v in pt.variation for s in v.shares})


def test_a_code_label_a_spreadsheet_could_run_is_neutralised_in_the_csv(coded):
    store, state = coded
    code = coding_ops.new_code(store, "health", "=HYPERLINK(1)", actor="analyst")
    coding_ops.add_code(store, state["ids"]["health.barriers"][0], code, actor="analyst")
    out = io.BytesIO()
    briefing.make(store, "csv", out, theme="health", actor="test")
    labels = {r["code"]: r["label"] for r in csv_rows(out.getvalue())}
    assert labels[code] == "'=HYPERLINK(1)"
