"""The staff data pages as templates render them (bot/web/templates/staff/data, macros/chart.html), over real HTTP
against the real page server and in Debian's Chromium: questions are named by their wording with the id in small
print, an answer's text is escaped wherever it shows, and the answers list, the drop-off table and the findings
tables are not cut at a desktop's 1280 px or a phone's 390 px.

The site (one web process, one SQLite database) is tests/test_staff_pages.py's, populated the same way.
"""

from __future__ import annotations

import lxml.html
import pytest

from bot.conversation.catalogue import catalogue
from bot.staff import stats
from tests.test_staff_pages import Staff, sign_in, site  # noqa: F401 - `site` is the module's fixture

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> <b>bold</b>'

# Every cell of every table in main that a person can see: its box inside the table's region and the window.
# Below 1024 px a findings crosstab (a column per nation) scrolls inside its own focusable region, by design.
CUT_CELLS = """() => Array.from(document.querySelectorAll('main table')).filter(table =>
    !(table.classList.contains('findings') && window.innerWidth < 1024)).flatMap(table => {
  const region = (table.closest('.table-wrap') || table.parentElement).getBoundingClientRect();
  return Array.from(table.querySelectorAll('th, td')).filter(cell => {
    const box = cell.getBoundingClientRect();
    if (box.width < 2 || box.height < 2 || cell.closest('thead')?.getBoundingClientRect().width < 2) return false;
    return box.right > Math.min(region.right, window.innerWidth) + 1 || box.left < region.left - 1;
  }).map(cell => (table.id || table.className) + ': ' + cell.textContent.trim().slice(0, 40));
})"""


@pytest.fixture(scope="module")
def staff(site) -> Staff:  # noqa: F811
    return Staff(site["base"])


def wording(question_id: str) -> str:
    return " ".join(catalogue().question(question_id).written.split())


def test_the_question_labels_are_the_wording_not_the_ids():
    labels = stats.question_labels()
    assert set(labels) == {q.id for q in catalogue().all_questions()}
    assert all(label != question_id and len(label) > len(question_id) for question_id, label in labels.items())
    assert labels["health.barriers"] == wording("health.barriers")


def test_pages_name_questions_by_their_wording_with_the_id_in_small_print(site, staff):  # noqa: F811
    answer_id = site["ids"][0]["health.barriers"]
    flagged = site["ids"][1]["health.barriers"]  # waits for review (the planted word)
    for path, where in (("/staff/answers", "//table[contains(@class, 'answers-table')]//td"),
                        (f"/staff/answers/{answer_id}", "//dl[@class='facts']/dd"),
                        ("/staff/review", f"//li[@id='answer-{flagged}']/p[@class='hint']"),
                        ("/staff/dashboard", "//table[@id='by-question-table']//th[@scope='row']")):
        doc = lxml.html.fromstring(staff.get(path).text)
        shown = [" ".join(node.text_content().split()) for node in doc.xpath(where)]
        small = doc.xpath(f"{where}/span[contains(@class, 'question-id')]")
        assert f"{wording('health.barriers')} health.barriers" in shown, (path, shown)
        assert "health.barriers" in [s.text_content() for s in small], path
        assert "health.barriers" not in shown, path  # never the id alone
    options = lxml.html.fromstring(staff.get("/staff/answers").text).xpath("//select[@id='f-question']/option")
    assert f"{wording('health.barriers')} (health.barriers)" in [o.text_content() for o in options]


def test_an_answer_shows_as_text_wherever_it_appears(site, staff):  # noqa: F811
    store = site["store"]
    rid = store.create_respondent("en")
    store.save_answer(rid, "housing.barriers", "en", text=HOSTILE)
    answer_id = store.answers(rid)[0].id
    stored = store.answers(rid)[0].text
    assert "<script>" in stored  # the test can fail: the markup reaches the pages
    for path in ("/staff/answers", f"/staff/answers/{answer_id}"):
        html = staff.get(path).text
        doc = lxml.html.fromstring(html)
        assert not doc.xpath("//img") and not doc.xpath("//main//b")
        assert [s.get("src") for s in doc.xpath("//script")] in (
            [], ["/static/staff_review.js", "/static/staff_queue.js"])
        assert "&lt;script&gt;" in html
    text = lxml.html.fromstring(staff.get(f"/staff/answers/{answer_id}").text).get_element_by_id(f"text-{answer_id}")
    assert text.text_content() == stored  # exactly as stored: the offsets staff select are the stored ones


@pytest.mark.servers
@pytest.mark.parametrize("width", [1280, 390])
def test_no_column_is_cut(site, open_page, width):  # noqa: F811
    page = open_page({"width": width, "height": 900})
    sign_in(page, site["base"])
    for path in ("/staff/answers", "/staff/dashboard", "/staff/findings?codings=suggested"):
        page.goto(site["base"] + path)
        assert page.locator("main table").count() > 0, path  # the test can fail: there are tables to cut
        assert page.evaluate(CUT_CELLS) == [], (path, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
    # on a narrow screen the rows of the answers list stack, each value after its column's name
    label = page.goto(site["base"] + "/staff/answers") and page.evaluate(
        "() => getComputedStyle(document.querySelector('.answers-table td[data-label]'), '::before').content")
    assert (label not in ("none", "normal", "")) == (width < 1024), label
