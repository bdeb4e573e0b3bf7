"""The staff area's dashboard, export downloads, review queue and coding pages, over real HTTP against the real
page server (python -m bot.web) with a signed-in staff member, and in Debian's Chromium with axe-core.

One web process and one SQLite database serve the whole module (the data layer itself is tested on SQLite and
PostgreSQL in tests/test_staff_data.py).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import lxml.html
import pytest
import requests
from sqlalchemy import text

from bot.export import FORMATS, ExportFilter, suggested_filename
from bot.staff import users
from bot.staff.review import PLACEHOLDER
from bot.store import Store
from bot.web import app as web_app
from tests.servers import web_process
from tests.staff_helpers import browser_sign_in, sign_in_requests

PASSWORD = "correct horse battery"
PLANTED = "Zoltanek"  # a word no list knows, starting a sentence with nothing that says "person": redaction
# leaves it but is unsure of it, so the answer waits for review with the word marked
CHARTS = ("by-theme", "by-language", "by-channel", "by-nation", "by-question")


# --- the site ------------------------------------------------------------------------------------------------
def populate(store: Store) -> dict:
    """Respondents over channels, languages, nations and help; some finish, some stop part way."""
    for name, role in (("the-staff", "staff"), ("the-admin", "admin"), ("the-worker", "support_worker")):
        users.add_user(store, name, role, PASSWORD)
    people = [
        # (language, channel, nation, assisted, completed, answers)
        ("en", "chatbot", "england", "none", True, [("health.barriers", "No interpreter at the GP surgery."),
                                                    ("health.solutions", "Longer appointments.")]),
        ("en", "chatbot", "scotland", "interpreter", False,
         [("health.barriers", f"{PLANTED} is where they kept us, above the shop."),
          ("housing.barriers", "The hostel was cold.")]),
        ("sq", "chatbot", None, "support_worker_beside", False, [("nrm.barriers", "Prita shumë gjatë për vendimin.")]),
        ("en", "written", "wales", None, True, [("housing.barriers", "Clients wait months for housing."),
                                                ("housing.solutions", "Faster decisions on move-on.")]),
        ("en", "chatbot", "england", "none", False, []),  # stopped before answering anything
    ]
    ids = {}
    for n, (lang, channel, nation, assisted, completed, answers) in enumerate(people):
        rid = store.create_respondent(lang, channel=channel)
        store.update_respondent(rid, **{k: v for k, v in (("nation", nation), ("assisted", assisted)) if v})
        for question_id, answer in answers:
            store.save_answer(rid, question_id, lang, text=answer)
            if channel == "chatbot":
                store.add_transcript_message(f"chat-{n}", "bot", text_key=f"q.{question_id}", respondent_id=rid)
                store.add_transcript_message(f"chat-{n}", "person", text=answer, language=lang, respondent_id=rid)
        if completed:
            store.update_respondent(rid, completed=True)
        ids[n] = {a.question_id: a.id for a in store.answers(rid)}
    return ids


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff-pages")
    url = f"sqlite:///{tmp / 'staff.db'}"
    store = Store(url)
    ids = populate(store)
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store, "ids": ids, "log": tmp / "web.log"}
    store.engine.dispose()


class Staff:
    """A browser-like HTTP client signed in through the login form (cookies kept)."""

    def __init__(self, base: str, name: str = "the-staff") -> None:
        self.base, self.http = base, requests.Session()
        self.csrf = sign_in_requests(self.http, base, name, PASSWORD)  # the password, then a real TOTP code

    def get(self, path: str, **kw) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False, **kw)

    def post(self, path: str, data: dict) -> requests.Response:
        return self.http.post(self.base + path, data={"csrf_token": self.csrf, **data}, allow_redirects=False)


@pytest.fixture(scope="module")
def staff(site) -> Staff:
    return Staff(site["base"])


def version_of(html: str, answer_id: int) -> str:
    match = re.search(rf'id="text-{answer_id}" data-answer="{answer_id}" data-version="([0-9a-f]+)"', html)
    assert match, f"answer {answer_id} is not on the page"
    return match.group(1)


def everything_in(content: bytes) -> str:
    """An export's text: a zip (xlsx, qdpx, transcripts) opened member by member, nested zips too."""
    if content[:2] != b"PK":
        return content.decode("utf-8-sig")
    out = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            out.append(everything_in(archive.read(name)) if archive.read(name)[:2] == b"PK"
                       else archive.read(name).decode("utf-8", "replace"))
    return "\n".join(out)


def figures(store: Store, where: str = "1=1") -> dict:
    """The dashboard's figures straight from the tables, in plain SQL (not through bot.staff.stats)."""
    join = "answers a JOIN respondents r ON r.id = a.respondent_id"
    with store.engine.connect() as c:
        def grouped(column: str) -> dict:
            rows = c.execute(text(f"SELECT COALESCE({column}, 'not given'), COUNT(DISTINCT a.respondent_id), "
                                  f"COUNT(a.id) FROM {join} WHERE {where} GROUP BY 1")).all()
            return {(k, "Respondents"): n for k, n, _ in rows} | {(k, "Answers"): m for k, _, m in rows}

        out = {"by-theme": grouped("a.theme"), "by-language": grouped("a.language"),
               "by-channel": grouped("r.channel"), "by-nation": grouped("r.nation")}
        answered = dict(c.execute(text(f"SELECT a.question_id, COUNT(*) FROM {join} WHERE {where} GROUP BY 1")).all())
        last = c.execute(text(
            "SELECT MAX(a.id) FROM answers a JOIN respondents r ON r.id = a.respondent_id "
            "WHERE NOT r.completed GROUP BY a.respondent_id")).scalars().all()
        stopped = dict(c.execute(text(
            f"SELECT a.question_id, COUNT(*) FROM {join} WHERE {where} AND a.id IN ({','.join(map(str, last)) or 0}) "
            "GROUP BY 1")).all())
        out["by-question"] = ({(q, "Answered"): n for q, n in answered.items()}
                              | {(q, "Stopped after this question"): stopped.get(q, 0) for q in answered})
        out["answers"] = c.execute(text(f"SELECT COUNT(*) FROM {join} WHERE {where}")).scalar_one()
    return out


def chart_numbers(html: str, chart: str) -> tuple[dict, dict]:
    """({(key, series): value} drawn as bars, the same from the table beside the chart)."""
    doc = lxml.html.fromstring(html)
    figure = doc.get_element_by_id(chart)
    bars = {(r.get("data-key"), r.get("data-series")): int(r.get("data-value"))
            for r in figure.iter("rect") if r.get("data-key") is not None}
    table = {}
    for row in figure.xpath(f".//table[@id='{chart}-table']/tbody/tr[@data-key]"):
        for cell in row.xpath("./td[@data-series]"):
            table[(row.get("data-key"), cell.get("data-series"))] = int(cell.text_content().replace(",", ""))
    return bars, table


# --- tests -----------------------------------------------------------------------------------------------------
def test_only_staff_and_admins_open_these_pages(site, staff):
    worker = Staff(site["base"], "the-worker")
    admin = Staff(site["base"], "the-admin")
    for path in ("/staff/dashboard", "/staff/review", "/staff/answers", "/staff/answers/1", "/staff/export?format=csv"):
        assert staff.get(path).status_code == 200, path
        assert admin.get(path).status_code == 200, path
        assert worker.get(path).status_code == 403, path
    assert requests.get(site["base"] + "/staff/dashboard", allow_redirects=False).status_code == 303  # sign in first
    assert worker.post("/staff/answers/1/reviewed", {}).status_code == 403


def test_the_charts_numbers_are_the_rows(site, staff):
    store = site["store"]
    for query, where in (("", "1=1"), ("?channel=chatbot", "r.channel = 'chatbot'"),
                         ("?theme=housing&assisted=no", "a.theme = 'housing' AND (r.assisted IS NULL "
                                                        "OR r.assisted = 'none')")):
        html = staff.get("/staff/dashboard" + query).text
        expected = figures(store, where)
        for chart in CHARTS:
            bars, table = chart_numbers(html, chart)
            assert bars == table == expected[chart], (query, chart)
        answers = lxml.html.fromstring(html).xpath("//dd[@data-figure='answers']")[0].text_content()
        assert int(answers.replace(",", "")) == expected["answers"]
    html = staff.get("/staff/dashboard").text
    doc = lxml.html.fromstring(html)
    for chart in CHARTS:  # an image with a name and a description, and a table beside it
        svg = next(doc.get_element_by_id(chart).iter("svg"))
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{chart}-title {chart}-desc"
    assert "style=" not in html and "<style" not in html and "<script>" not in html


def test_drop_off_shows_where_people_stopped(site, staff):
    bars, _ = chart_numbers(staff.get("/staff/dashboard").text, "by-question")
    # respondent 1 stopped after housing.barriers, respondent 2 after nrm.barriers; the others finished
    assert bars[("housing.barriers", "Stopped after this question")] >= 1
    assert bars[("nrm.barriers", "Stopped after this question")] == 1
    assert bars[("health.solutions", "Stopped after this question")] == 0


def test_a_bad_filter_gets_a_kind_message(site, staff):
    response = staff.get("/staff/dashboard?theme=no-such-theme")
    assert response.status_code == 400
    assert "There is no theme" in response.text and "There is a problem" in response.text


def test_downloads_of_the_filtered_export_in_every_format(site, staff):
    html = staff.get("/staff/dashboard?theme=housing").text
    links = re.findall(r'href="(/staff/export\?[^"]+)"', html)
    assert len(links) == len(FORMATS)
    for link in links:
        link = link.replace("&amp;", "&")
        fmt = re.search(r"format=(\w+)", link).group(1)
        assert "theme=housing" in link
        response = staff.get(link)
        assert response.status_code == 200, response.text
        disposition = response.headers["Content-Disposition"]
        assert disposition == f'attachment; filename="{suggested_filename(fmt, ExportFilter(theme="housing"))}"'
        assert response.headers["Cache-Control"] == "no-store"
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
            assert len(rows) == figures(site["store"], "a.theme = 'housing'")["answers"]
    assert [a for a in site["store"].audit_log() if a.action == "export" and a.actor == "the-staff"]
    for query, where in (("?theme=housing", "theme = 'housing'"), ("", "1=1")):  # how many of these answers
        with site["store"].engine.connect() as c:                           # wait, and what their exports hold
            waiting = c.execute(text(f"SELECT COUNT(*) FROM answers WHERE {where} "
                                     "AND review_status = 'needs_review'")).scalar_one()
        said = " ".join(lxml.html.fromstring(staff.get("/staff/dashboard" + query).text)
                        .xpath("//p[@data-figure='held-answers']")[0].text_content().split())
        assert said.startswith({0: "None of these answers waits for a redaction review, so",
                                1: "1 of these answers still waits for a redaction review. In an answer"}
                               .get(waiting, f"{waiting} of these answers still wait for a redaction review. In"))
        assert "[NAME?]" in said and "[NUMBER?]" in said and "[HANDLE?]" in said
        assert waiting or query  # PLANTED's answer waits (a health one)
    bad = staff.get("/staff/export?format=pdf")
    assert bad.status_code == 400 and "Choose one of the formats" in bad.text


def test_the_review_queue_marks_the_words_redaction_was_unsure_of(site, staff):
    """The planted word was kept but doubted: it is marked in the answer, and its one-click form
    carries exactly its place in the stored text (the same redact route as a selection)."""
    store, answer_id = site["store"], site["ids"][1]["health.barriers"]
    queue = staff.get("/staff/review").text
    block = queue[queue.index(f'id="answer-{answer_id}"'):]
    block = block[:block.index("</li>", block.index('class="doubt-list"')) + 5]
    assert f'<mark class="doubt">{PLANTED}</mark>' in block
    assert f"Redact “{PLANTED}”" in block
    stored = store.answers(store_respondent(store, answer_id))[0].text
    start = int(re.search(r'name="start" value="(\d+)"', block.split('class="doubt-form"')[1]).group(1))
    end = int(re.search(r'name="end" value="(\d+)"', block.split('class="doubt-form"')[1]).group(1))
    assert stored[start:end] == PLANTED
    other = site["ids"][0]["health.barriers"]        # "No interpreter at the GP surgery.": nothing doubted
    assert f'id="answer-{other}"' not in queue or \
        'class="doubt"' not in queue.split(f'id="answer-{other}"')[1].split("</li>")[0]


def test_further_redaction_removes_the_words_from_answers_transcripts_and_every_export(site, staff):
    store, answer_id = site["store"], site["ids"][1]["health.barriers"]
    before = everything_in(staff.get("/staff/export?format=csv").content)
    # until a person has reviewed the answer, exports hold the doubted word back (bot/export/held.py)
    assert PLANTED not in before and "[NAME?] is where they kept us, above the shop." in before
    queue = staff.get("/staff/review").text
    assert f'id="answer-{answer_id}"' in queue
    stored = store.answers(store_respondent(store, answer_id))[0].text
    start = stored.index(PLANTED) + 2  # part of the word is enough: the whole word goes
    done = staff.post(f"/staff/answers/{answer_id}/redact", {
        "version": version_of(queue, answer_id), "start": start, "end": start + 3,
        "selected": stored[start:start + 3], "back": f"/staff/review?page=1#answer-{answer_id}"})
    assert done.status_code == 303 and "done=redacted" in done.headers["Location"]
    with store.engine.connect() as c:
        for table, column in (("answers", "text"), ("answers", "text_en"), ("transcript_messages", "text")):
            hits = c.execute(text(f"SELECT COUNT(*) FROM {table} WHERE LOWER({column}) LIKE :v"),
                             {"v": f"%{PLANTED.lower()}%"}).scalar_one()
            assert hits == 0, (table, column)
        assert c.execute(text("SELECT text FROM answers WHERE id = :i"), {"i": answer_id}).scalar_one() == \
            f"{PLACEHOLDER} is where they kept us, above the shop."
    for fmt in FORMATS:
        content = everything_in(staff.get(f"/staff/export?format={fmt}").content)
        assert PLANTED.lower() not in content.lower(), fmt
        assert PLACEHOLDER in content, fmt
    assert ("the-staff", "redact", 1) in [(a.actor, a.action, a.row_count) for a in store.audit_log()]


def store_respondent(store: Store, answer_id: int) -> str:
    with store.engine.connect() as c:
        return c.execute(text("SELECT respondent_id FROM answers WHERE id = :i"), {"i": answer_id}).scalar_one()


def test_nothing_un_redacts(site, staff):
    app = web_app.make_app("http://127.0.0.1:9")
    answer_posts = sorted(r.resource.canonical for r in app.router.routes()
                          if r.method == "POST" and r.resource.canonical.startswith("/staff/answers"))
    assert answer_posts == ["/staff/answers/bulk", "/staff/answers/{id}/codes",
                            "/staff/answers/{id}/codings/{cid}/confirm", "/staff/answers/{id}/codings/{cid}/reject",
                            "/staff/answers/{id}/english", "/staff/answers/{id}/quotable",
                            "/staff/answers/{id}/redact", "/staff/answers/{id}/reviewed"]
    for path in ("unredact", "restore", "undo", "original"):
        assert staff.post(f"/staff/answers/1/{path}", {}).status_code in (404, 405)


def test_review_queue_redact_by_typed_words_and_mark_reviewed(site, staff):
    store = site["store"]
    answer_id = site["ids"][3]["housing.barriers"]
    with store.engine.connect() as c:
        flagged = c.execute(text("SELECT COUNT(*) FROM answers WHERE review_status = 'needs_review'")).scalar_one()
    queue = staff.get("/staff/review").text
    assert f"{flagged:,} {'answer' if flagged == 1 else 'answers'} waiting." in queue
    # words not in the answer: a kind message beside it, nothing changed
    page = staff.get(f"/staff/answers/{answer_id}").text
    wrong = staff.post(f"/staff/answers/{answer_id}/redact", {"version": version_of(page, answer_id),
                                                              "words": "Gjergj", "back": f"/staff/answers/{answer_id}"})
    assert wrong.status_code == 400 and "not in this answer" in wrong.text
    ok = staff.post(f"/staff/answers/{answer_id}/redact", {"version": version_of(page, answer_id),
                                                           "words": "months", "back": f"/staff/answers/{answer_id}"})
    assert ok.status_code == 303
    stale = staff.post(f"/staff/answers/{answer_id}/redact", {
        "version": version_of(page, answer_id), "words": "housing", "back": f"/staff/answers/{answer_id}"})
    assert stale.status_code == 400 and "changed after you opened it" in stale.text
    with store.engine.connect() as c:
        row = c.execute(text("SELECT text, review_status, redacted_count FROM answers WHERE id = :i"),
                        {"i": answer_id}).one()
    assert row.text == f"Clients wait {PLACEHOLDER} for housing." and row.redacted_count == 1
    assert row.review_status is None or row.review_status == "needs_review"
    done = staff.post(f"/staff/answers/{answer_id}/reviewed", {"back": "/staff/review?page=1"})
    assert done.status_code == 303
    with store.engine.connect() as c:
        row = c.execute(text("SELECT review_status, reviewed_by, reviewed_on FROM answers WHERE id = :i"),
                        {"i": answer_id}).one()
    assert (row.review_status, row.reviewed_by) == ("reviewed", "the-staff") and row.reviewed_on is not None
    assert f'id="answer-{answer_id}"' not in staff.get("/staff/review").text


def test_coding_on_the_answer_page(site, staff):
    store = site["store"]
    answer_id = site["ids"][0]["health.barriers"]
    page = staff.get(f"/staff/answers/{answer_id}").text
    suggested = dict(re.findall(r'data-coding="(\d+)"><th scope="row">[^<]*<br><span class="code-id">([^<]+)', page))
    by_code = {code: int(cid) for cid, code in suggested.items()}
    assert staff.post(f"/staff/answers/{answer_id}/codings/{by_code['health.gp_registration']}/confirm", {}) \
        .status_code == 303
    assert staff.post(f"/staff/answers/{answer_id}/codings/{by_code['health.interpreters']}/reject", {}) \
        .status_code == 303
    version = version_of(page, answer_id)
    start = "No interpreter at the GP surgery.".index("GP surgery")
    assert staff.post(f"/staff/answers/{answer_id}/codes", {
        "code": "health.information", "version": version, "start": start, "end": start + 10,
        "selected": "GP surgery"}).status_code == 303
    assert staff.post(f"/staff/answers/{answer_id}/codes", {"code": "health.trust_and_respect", "version": version,
                                                            "words": "no interpreter"}).status_code == 303
    unknown = staff.post(f"/staff/answers/{answer_id}/codes", {"code": "health.nope", "version": version})
    assert unknown.status_code == 400 and "Choose a code from the codebook" in unknown.text
    assert staff.post("/staff/codes", {"theme": "health", "label": "Appointment length", "answer": answer_id,
                                       "apply": "1"}).status_code == 303
    empty = staff.post("/staff/codes", {"theme": "health", "label": " ", "answer": answer_id})
    assert empty.status_code == 400 and "Give the new code a name" in empty.text
    with store.engine.connect() as c:
        rows = {r.code_id: r for r in c.execute(text(
            "SELECT code_id, source, status, coder, created_on, span_start, span_end FROM codings "
            "WHERE answer_id = :i"), {"i": answer_id})}
        created_by = c.execute(text("SELECT created_by FROM codes WHERE id = 'health.appointment_length'")).scalar()
    assert (rows["health.gp_registration"].source, rows["health.gp_registration"].coder) == ("staff", "the-staff")
    assert (rows["health.interpreters"].status, rows["health.interpreters"].coder) == ("rejected", "the-staff")
    assert (rows["health.information"].span_start, rows["health.information"].span_end) == (start, start + 10)
    assert (rows["health.trust_and_respect"].span_start, rows["health.trust_and_respect"].span_end) == (0, 14)
    assert rows["health.appointment_length"].coder == "the-staff" and created_by == "the-staff"
    assert all(r.created_on is not None for r in rows.values())
    shown = staff.get(f"/staff/answers/{answer_id}").text
    assert "Appointment length" in shown and "“GP surgery”" in shown and "rejected" in shown
    listing = staff.get("/staff/answers?code=health.appointment_length").text
    # the link keeps the filter: the answer's page goes to the next and previous answers of the same list
    assert f'href="/staff/answers/{answer_id}?code=health.appointment_length"' in listing
    assert "1 answer matches" in listing
    assert staff.get("/staff/answers/999999").status_code == 404


# --- in a real browser -------------------------------------------------------------------------------------------
def sign_in(page, base: str) -> None:
    browser_sign_in(page, base, "the-staff", PASSWORD)


def checked(page, state: str) -> None:
    """axe-core at WCAG 2.2 AA, no sideways scrolling, and a screenshot (tests/browser.py)."""
    from tests.browser import checked as axe_checked

    axe_checked(page, "staff-data-" + state)


@pytest.mark.servers
def test_pages_pass_axe_on_a_phone_and_a_desktop(site, open_page):
    from tests.browser import DESKTOP

    base, answer_id = site["base"], site["ids"][0]["health.barriers"]
    for viewport in ({"width": 320, "height": 640}, DESKTOP):
        page = open_page(viewport)
        sign_in(page, base)
        for path, state in (("/staff/dashboard", "dashboard"), ("/staff/dashboard?theme=health", "dashboard-filtered"),
                            ("/staff/review", "review"), ("/staff/answers", "answers"),
                            (f"/staff/answers/{answer_id}", "answer")):
            page.goto(base + path)
            checked(page, state)
        page.fill(f"#words-{answer_id}", "words that are not there")
        page.click("text=Redact these words")
        page.wait_for_selector(".error-summary")
        checked(page, "answer-error")


@pytest.mark.servers
def test_select_words_to_redact_them_in_the_browser(site, open_page):
    store = site["store"]
    rid = store.create_respondent("en")
    store.save_answer(rid, "civil.barriers", "en", text="😀 We lived at the farm by the mill, far from any town.")
    answer_id = store.answers(rid)[0].id
    page = open_page()
    sign_in(page, site["base"])
    page.goto(f"{site['base']}/staff/answers/{answer_id}")
    button = page.get_by_role("button", name="Redact the selected words")
    assert button.is_disabled()
    page.evaluate("""(id) => {
        const node = document.getElementById('text-' + id).firstChild;
        const at = node.data.indexOf('mill');
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 4);
        const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
    }""", answer_id)
    page.wait_for_function("() => !document.querySelector('form.selection-form button').disabled")
    assert "mill" in page.locator(f"#selection-{answer_id}").inner_text()
    button.click()
    page.wait_for_selector(".notice")
    assert store.answers(rid)[0].text == f"😀 We lived at the farm by the {PLACEHOLDER}, far from any town."
    assert "mill" not in page.locator("main").inner_text()


@pytest.mark.servers
def test_mark_reviewed_with_the_keyboard_alone(site, open_page):
    store = site["store"]
    rid = store.create_respondent("en")
    store.save_answer(rid, "criminal.barriers", "en", text="Call me on 07700 900456 about the court.")
    answer_id = store.answers(rid)[0].id
    page = open_page()
    sign_in(page, site["base"])
    page.goto(site["base"] + "/staff/review")
    target = f"reviewed-{answer_id}"
    for _ in range(400):  # Tab through the page until the answer's "Mark reviewed" button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == target:
            break
    assert page.evaluate("document.activeElement.id") == target
    assert page.evaluate("document.activeElement.textContent").startswith("Mark reviewed")
    page.keyboard.press("Enter")
    page.wait_for_selector(".notice")
    assert "marked as reviewed" in page.locator(".notice").inner_text()
    assert page.locator(f"#answer-{answer_id}").count() == 0
    with store.engine.connect() as c:
        assert c.execute(text("SELECT review_status, reviewed_by FROM answers WHERE id = :i"),
                         {"i": answer_id}).one() == ("reviewed", "the-staff")
