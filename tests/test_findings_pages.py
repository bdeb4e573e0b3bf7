"""The findings pages (/staff/findings, the passages behind a number, the quote bank, the briefing downloads)
over real HTTP against the real page server, and in Debian's Chromium with axe-core. The dataset is the one
tests/test_findings.py builds (the store's public API and the written importer, coded by staff), and every
figure is checked against counts worked out there from the raw rows."""

from __future__ import annotations

import csv
import io
import re

import docx
import lxml.html
import pytest
from sqlalchemy import text

from bot.staff import review, users
from bot.store import Store
from tests.servers import web_process
from tests.test_findings import build, expected, more_interpreters

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("findings-pages")
    url = f"sqlite:///{tmp / 'findings.db'}"
    store = Store(url)
    for name, role in (("the-staff", "staff"), ("the-admin", "admin"), ("the-worker", "support_worker")):
        users.add_user(store, name, role, PASSWORD)
    state = build(store, tmp)
    more_interpreters(store, [("england", "chatbot")] * 6 + [("england", "written")])  # more than a page of them
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store, "state": state}
    store.engine.dispose()


class Staff:
    def __init__(self, base: str, name: str = "the-staff") -> None:
        import requests

        from tests.staff_helpers import sign_in_requests

        self.base, self.http = base, requests.Session()
        self.csrf = sign_in_requests(self.http, base, name, PASSWORD)  # the password, then a real TOTP code

    def get(self, path: str):
        return self.http.get(self.base + path, allow_redirects=False)

    def post(self, path: str, data: dict):
        return self.http.post(self.base + path, data={"csrf_token": self.csrf, **data}, allow_redirects=False)


@pytest.fixture(scope="module")
def staff(site) -> Staff:
    return Staff(site["base"])


def crosstab(html: str) -> dict:
    """{(theme, kind, code): {(nation, channel): respondents}} as the page's tables show them."""
    doc = lxml.html.fromstring(html)
    out = {}
    for table in doc.xpath("//table[contains(@class, 'findings')]"):
        theme, kind = table.get("id").split("-", 1)
        for row in table.xpath("./tbody/tr[@data-code]"):
            cells = {}
            for td in row.xpath("./td[@data-nation]"):
                link = td.find("a")
                cells[(td.get("data-nation"), td.get("data-channel"))] = int((link.text if link is not None
                                                                             else td.text).replace(",", ""))
            out[(theme, kind, row.get("data-code"))] = cells
    return out


def summed(exact: dict, nation: str, channel: str) -> int:
    return sum(r for (n, c), (r, _) in exact.items() if nation in ("all", n) and channel in ("all", c))


def test_only_staff_and_admins_open_the_findings(site, staff):
    worker, admin = Staff(site["base"], "the-worker"), Staff(site["base"], "the-admin")
    for path in ("/staff/findings", "/staff/findings/download?format=csv",
                 "/staff/findings/passages?of_theme=health&kind=barriers&of_code=health.interpreters"):
        assert staff.get(path).status_code == 200, path
        assert admin.get(path).status_code == 200, path
        assert worker.get(path).status_code == 403, path
    assert 'href="/staff/findings"' in staff.get("/staff").text  # in the menu
    assert worker.post("/staff/answers/1/quotable", {"quotable": "1"}).status_code == 403


def test_every_number_on_the_page_is_counted_from_the_tables(site, staff):
    store = site["store"]
    for query, sources, keep in (
        ("", ("staff",), lambda r, a: True),
        ("?codings=suggested", ("suggested",), lambda r, a: True),
        ("?view=channel&channel=chatbot", ("staff",), lambda r, a: r.channel == "chatbot"),
        ("?theme=health&language=en&view=channel", ("staff",), lambda r, a: a.language == "en"),
    ):
        html = staff.get("/staff/findings" + query).text
        shown = crosstab(html)
        exact = expected(store, sources, keep)
        if "theme=health" in query:
            exact = {k: v for k, v in exact.items() if k[0] == "health"}
        assert set(shown) == set(exact), query
        for key, cells in shown.items():
            for (nation, channel), value in cells.items():
                assert value == summed(exact[key], nation, channel), (query, key, nation, channel)
        assert ("Counting <strong>confirmed" in html) == ("suggested" not in query)
    kept = lxml.html.fromstring(staff.get("/staff/findings?codings=suggested&view=channel").text)
    filters = kept.xpath("//form[@aria-label='Filters']")[0]  # applying filters keeps what is counted
    assert {i.get("name"): i.get("value") for i in filters.xpath("./input[@type='hidden']")} == {
        "codings": "suggested", "view": "channel"}
    html = staff.get("/staff/findings?theme=health").text
    doc = lxml.html.fromstring(html)
    assert "Exact figures" in html  # the page says it shows small numbers
    # the chart of each kind draws the same respondents as its table, and is an image with a name
    figure = doc.get_element_by_id("chart-health-barriers")
    svg = next(figure.iter("svg"))
    assert svg.get("role") == "img" and svg.get("aria-labelledby")
    bars = {(r.get("data-key"), r.get("data-series")): int(r.get("data-value")) for r in figure.iter("rect")
            if r.get("data-key")}
    table = crosstab(html)
    for (code, series), value in bars.items():
        nation = {"England": "england", "Scotland": "scotland", "Wales": "wales", "Northern Ireland":
                  "northern_ireland", "More than one nation": "more_than_one", "Not given": "not given"}[series]
        assert table[("health", "barriers", code)][(nation, "all")] == value
    assert "style=" not in html and "<style" not in html and "<script>" not in html


def test_a_number_opens_its_passages_paged_without_a_respondent_id(site, staff):
    store = site["store"]
    html = staff.get("/staff/findings?theme=health").text
    doc = lxml.html.fromstring(html)
    exact = expected(store, ("staff",))[("health", "barriers", "health.interpreters")]
    row = doc.xpath("//table[@id='health-barriers']/tbody/tr[@data-code='health.interpreters']")[0]
    with store.engine.connect() as c:
        respondent_ids = set(c.execute(text("SELECT id FROM respondents")).scalars())
    for td in row.xpath("./td[@data-nation]"):
        link = td.find("a")
        if link is None:
            continue
        nation, channel = td.get("data-nation"), td.get("data-channel")
        answers = sum(a for (n, c), (_, a) in exact.items() if nation in ("all", n) and channel in ("all", c))
        page = staff.get(link.get("href").replace("&amp;", "&"))
        assert page.status_code == 200
        listed = lxml.html.fromstring(page.text)
        figure = listed.xpath("//p[@data-figure='matching']")[0].text_content()
        assert figure.startswith(f"{answers} answer"), (nation, figure)
        assert len(listed.xpath("//li[@class='passage']")) == min(answers, 10)
        assert not any(rid in page.text for rid in respondent_ids)
        assert "What are the key barriers" in page.text  # the question it answered
    everything = staff.get("/staff/findings/passages?of_theme=health&kind=barriers&of_code=health.interpreters").text
    assert 'rel="next"' in everything  # more than ten: paged
    second = staff.get("/staff/findings/passages?of_theme=health&kind=barriers&of_code=health.interpreters&page=2")
    first_ids = set(re.findall(r'data-answer="(\d+)"', everything))
    assert first_ids and not first_ids & set(re.findall(r'data-answer="(\d+)"', second.text))
    bad = staff.get("/staff/findings/passages?of_theme=health&kind=nonsense&of_code=x")
    assert bad.status_code == 400 and "There is a problem" in bad.text


def test_quote_bank_only_reviewed_passages_and_into_the_briefing(site, staff):
    store, ids = site["store"], site["state"]["ids"]
    answer_id = ids["health.solutions"][0]  # "Interpreters at every appointment."
    path = "/staff/findings/passages?of_theme=health&kind=solutions&of_code=health.interpreters"
    before = staff.get(path).text
    assert "Not quotable yet" in before
    refused = staff.post(f"/staff/answers/{answer_id}/quotable", {"quotable": "1", "back": path})
    assert refused.status_code == 400 and "reviewed" in refused.text
    assert "Only an answer whose redaction has been reviewed" in staff.get(f"/staff/answers/{answer_id}").text
    review.mark_reviewed(store, answer_id, actor="the-staff")
    assert "Mark as quotable" in staff.get(f"/staff/answers/{answer_id}").text  # on the answer page too
    shown = staff.get(path).text
    assert f'action="/staff/answers/{answer_id}/quotable"' in shown
    done = staff.post(f"/staff/answers/{answer_id}/quotable", {"quotable": "1", "back": path})
    assert done.status_code == 303 and "done=quoted" in done.headers["Location"]
    findings_page = staff.get("/staff/findings?theme=health").text
    assert f'<blockquote class="quote" data-answer="{answer_id}">' in findings_page
    word = staff.get("/staff/findings/download?format=docx&theme=health")
    assert word.status_code == 200 and "attachment" in word.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(word.content))
    assert "Interpreters at every appointment." in "\n".join(p.text for p in document.paragraphs)
    assert str(answer_id) not in "\n".join(p.text for p in document.paragraphs if "Question" in p.text)
    out = staff.post(f"/staff/answers/{answer_id}/quotable", {"quotable": "0", "back": path})
    assert out.status_code == 303
    assert f'data-answer="{answer_id}">' not in staff.get("/staff/findings?theme=health").text.split("Quotes")[-1]


def test_the_csv_download_protects_small_numbers(site, staff):
    store = site["store"]
    response = staff.get("/staff/findings/download?format=csv&theme=health")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    exact = expected(store, ("staff",))
    small = 0
    for row in rows:
        r = summed(exact.get((row["theme"], row["kind"], row["code"]), {}), row["nation"], row["channel"])
        if 0 < r < 5:
            small += 1
            assert row["respondents"] == "fewer than 5"
        elif row["respondents"].isdigit():
            assert int(row["respondents"]) == r
    assert small
    bad = staff.get("/staff/findings/download?format=pdf")
    assert bad.status_code == 400 and "There is no briefing format" in bad.text
    with store.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM audit_log WHERE action = 'findings_export'")).scalar_one() >= 1


def test_the_dashboard_names_questions_by_their_wording(site, staff):
    doc = lxml.html.fromstring(staff.get("/staff/dashboard").text)
    rows = doc.xpath("//table[@id='by-question-table']/tbody/tr[@data-key='health.barriers']/th")
    assert rows and rows[0].text_content().startswith("What are the key barriers")
    options = doc.xpath("//select[@id='f-question']/option[@value='health.barriers']")
    assert options[0].text_content().startswith("What are the key barriers")


# --- in a real browser -------------------------------------------------------------------------------------------
def sign_in(page, base: str) -> None:
    from tests.staff_helpers import browser_sign_in

    browser_sign_in(page, base, "the-staff", PASSWORD)


@pytest.mark.servers
def test_findings_pages_pass_axe_and_work_by_keyboard(site, open_page):
    from tests.browser import DESKTOP, checked

    base = site["base"]
    for viewport in ({"width": 320, "height": 640}, DESKTOP):
        page = open_page(viewport)
        sign_in(page, base)
        for path, state in (("/staff/findings?theme=health", "findings"),
                            ("/staff/findings?view=channel&codings=suggested", "findings-channel"),
                            ("/staff/findings/passages?of_theme=health&kind=barriers&of_code=health.interpreters",
                             "passages")):
            page.goto(base + path)
            checked(page, "staff-" + state)
    # the printable briefing is checked the same way (opened as the file it is)
    briefing_html = Staff(base).get("/staff/findings/download?format=html").text
    page = open_page()
    page.set_content(briefing_html)
    checked(page, "briefing-html")
    page = open_page()
    sign_in(page, base)
    page.goto(base + "/staff/findings?theme=health")
    target = "table#health-barriers tr[data-code='health.interpreters'] td[data-nation='england'] a"
    for _ in range(600):  # Tab until the England cell of "Interpreters" has focus, then Enter
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector(\"{target}\")"):
            break
    assert page.evaluate(f"document.activeElement === document.querySelector(\"{target}\")")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/staff/findings/passages\?.*"))
    assert "answers coded “Interpreters and language”" in page.locator("main").inner_text()
