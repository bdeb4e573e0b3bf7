"""Every table of the staff area is readable at 1280 px and at 390 px (issue 18: the last column of the answers list
and "Stopped after this question" on the dashboard were cut off at 1280 px).

An admin (who sees every page) walks the staff area in Chromium from /staff, following its links to every kind of
page (one page per kind: /staff/answers/12 stands for every answer), plus the import's check pages. On every page
with a table, at both widths: no table's region scrolls sideways (scrollWidth beyond clientWidth), and no cell's
right edge lies beyond its table's visible region or the window. A screenshot of each page goes to
test-artifacts/screenshots/. The data holds long words, long question wordings, many languages and people who
stopped part way, so every column has something wide to show.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from bot.staff import users
from bot.store import Store
from tests.browser import ARTIFACTS
from tests.servers import web_process
from tests.staff_helpers import browser_sign_in
from tests.test_staff_import import long_xlsx, wide_csv

PASSWORD = "correct horse battery"
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})
LONG = ("Die Krankenversicherungsbescheinigungsausstellungsbehörde hat meine Unterlagen nicht angenommen, "
        "und der Hausarzt sagte, ohne Meldebescheinigung keine Behandlung.")
SKIP = re.compile(r"/(logout|export|download|audio)\b|/second-factor|/login")
MAX_PAGES = 40

CLIPPED = """() => {
  const bad = [];
  const view = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll('main table')) {
    const box = table.closest('.table-wrap') || table.parentElement;
    if (box.getBoundingClientRect().width === 0) continue;  // not shown (a closed details)
    const caption = (table.caption ? table.caption.textContent : '').trim().slice(0, 60);
    if (box.scrollWidth > box.clientWidth + 1)
      bad.push(`${caption}: scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
    const limit = Math.min(box.getBoundingClientRect().right, view) + 1;
    for (const cell of table.querySelectorAll('th, td')) {
      const head = cell.closest('thead');
      if (head && getComputedStyle(head).position === 'absolute') continue;  // the stacked layout's hidden heads
      const r = cell.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > limit)
        bad.push(`${caption}: "${cell.textContent.trim().slice(0, 40)}" ends at ${Math.round(r.right)}`
                 + ` > ${Math.round(limit)}`);
    }
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff-tables")
    url = f"sqlite:///{tmp / 'staff.db'}"
    store = Store(url)
    users.add_user(store, "the-admin", "admin", PASSWORD)
    users.add_user(store, "a-translator-with-a-long-name", "translator", PASSWORD, languages=("pl", "ar"))
    people = [
        ("de", "england", True, [("health.barriers", LONG), ("health.solutions", LONG), ("housing.barriers", LONG)]),
        ("ar", "scotland", False, [("health.barriers", "لم يكن هناك مترجم في العيادة ولم أفهم ما قاله الطبيب")]),
        ("pl", "northern_ireland", False, [("housing.barriers", "Nie miałem pieniędzy na jedzenie ani na bilet."),
                                           ("housing.solutions", "Więcej tłumaczy.")]),
        ("en", "more_than_one", False, []),
        ("en", "wales", True, [("nrm.barriers", "Waiting " * 40), ("nrm.solutions", "Faster decisions.")]),
    ]
    for lang, nation, completed, answers in people:
        rid = store.create_respondent(lang)
        store.update_respondent(rid, nation=nation, assisted="interpreter")
        for question_id, text in answers:
            store.save_answer(rid, question_id, lang, text=text)
        if completed:
            store.update_respondent(rid, completed=True)
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store}
    store.engine.dispose()


def kind_of(path: str) -> tuple:
    """Pages of one kind: the same first two segments and depth (/staff/answers/12 ~ /staff/answers/13)."""
    parts = [p for p in path.split("/") if p]
    return (*parts[:2], len(parts))


def clipped(page) -> list[str]:
    return page.evaluate(CLIPPED)


def shot(page, name: str) -> None:
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(shots / f"staff-tables-{name}-{width}.png"), full_page=True)


@pytest.mark.servers
def test_no_column_is_cut_off_at_1280_or_390_px(site, open_page, tmp_path):
    base = site["base"]
    survey, workbook = tmp_path / "survey.csv", tmp_path / "response.xlsx"
    survey.write_bytes(wide_csv())
    workbook.write_bytes(long_xlsx())
    problems: list[str] = []
    for viewport in WIDTHS:
        page = open_page(viewport)
        browser_sign_in(page, base, "the-admin", PASSWORD)
        seen, queue, with_tables = set(), ["/staff"], []
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if kind_of(path) in seen:
                continue
            seen.add(kind_of(path))
            page.goto(base + path)
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
            for href in hrefs:
                target = urlsplit(urljoin(base + path, href))
                if (target.netloc == urlsplit(base).netloc and target.path.startswith("/staff")
                        and not SKIP.search(target.path) and not target.query and kind_of(target.path) not in seen):
                    queue.append(target.path)
            if page.locator("main table").count():
                with_tables.append(path)
                name = "-".join("n" if p.isdigit() else p for p in path.split("/") if p) or "home"
                shot(page, name)
                problems += [f"{viewport['width']} px {path}: {p}" for p in clipped(page)]
        assert {"/staff/dashboard", "/staff/answers", "/staff/users", "/staff/audit"} <= set(with_tables), with_tables
        assert any(p.startswith("/staff/answers/") for p in with_tables), with_tables
        # the import's check pages (reached by a form, not a link)
        for file, name in ((survey, "import-check-wide"), (workbook, "import-check-long")):
            page.goto(base + "/staff/import")
            page.set_input_files("#file", str(file))
            page.click("text=Upload and check")
            page.wait_for_selector("text=Confirm import")
            shot(page, name)
            problems += [f"{viewport['width']} px {name}: {p}" for p in clipped(page)]
    assert problems == [], "\n".join(problems)
