"""The staff area's import pages (bot/web/staff_import.py), over real HTTP against the real page server
(python -m bot.web) on SQLite: written responses (.csv, .xlsx, .docx made here with openpyxl and python-docx)
uploaded, checked and confirmed; bad files; roles and CSRF; the audit log; coding from another tool brought back
twice. In Chromium: axe-core on every new page at a phone's and a desktop's width, and the import by keyboard.
"""

from __future__ import annotations

import io
import re

import pytest
import requests
from sqlalchemy import func, select

from bot.export.qdpx import code_guid
from bot.staff import stats, users
from bot.store import Store
from bot.store.models import AuditEntry, Respondent
from tests.export_helpers import export_bytes
from tests.servers import web_process
from tests.staff_helpers import browser_sign_in, sign_in_requests
from tests.test_import_coding import coded_elsewhere, staff_codings

PASSWORD = "correct horse battery"
HEALTH = "health.barriers"
HOUSING = "housing.barriers"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff-import")
    url = f"sqlite:///{tmp / 'staff.db'}"
    store = Store(url)
    users.add_user(store, "the-staff", "staff", PASSWORD)
    users.add_user(store, "the-admin", "admin", PASSWORD)
    users.add_user(store, "the-translator", "translator", PASSWORD, languages=("pl",))
    users.add_user(store, "the-worker", "support_worker", PASSWORD)
    rid = store.create_respondent("en")
    store.save_answer(rid, HEALTH, "en", text="The receptionist at the surgery sent me away twice.")
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store, "log": tmp / "web.log"}
    store.engine.dispose()


class Staff:
    def __init__(self, base: str, name: str) -> None:
        self.base, self.http = base, requests.Session()
        self.csrf = sign_in_requests(self.http, base, name, PASSWORD)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False)

    def post(self, path: str, data: dict, *, csrf: bool = True) -> requests.Response:
        return self.http.post(self.base + path, data={**({"csrf_token": self.csrf} if csrf else {}), **data},
                              allow_redirects=False)

    def upload(self, path: str, name: str, body: bytes, kind: str, *, csrf: bool = True,
               **fields: str) -> requests.Response:
        return self.http.post(self.base + path, data={**({"csrf_token": self.csrf} if csrf else {}), **fields},
                              files={"file": (name, body, kind)}, allow_redirects=False)


@pytest.fixture(scope="module")
def staff(site) -> Staff:
    return Staff(site["base"], "the-staff")


def token_of(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "no token on the check page"
    return match.group(1)


def counts(store: Store) -> tuple[int, list[tuple]]:
    with store.session() as s:
        respondents = s.execute(select(func.count()).select_from(Respondent)).scalar_one()
        audit = [(a.actor, a.action, a.row_count, a.detail) for a in s.execute(select(AuditEntry)).scalars()
                 if a.action.startswith("import")]
    return respondents, audit


def text_of(html: str) -> str:
    import lxml.html

    return " ".join(" ".join(lxml.html.fromstring(html).itertext()).split())


# --- the files, made as people make them -------------------------------------------------------------------------
def wide_csv() -> bytes:
    """A survey export: a row per response, an e-mail column (never imported), a row with no answer."""
    rows = [
        ["Timestamp", "Email address", HEALTH, HOUSING, "language", "nation"],
        ["2026-01-02", "a@example.org", "Waiting lists for a GP are long.", "Hostels are cold.", "en", "england"],
        ["2026-01-03", "b@example.org", "Brak tłumacza w przychodni.", "", "pl", "scotland"],
        ["2026-01-04", "c@example.org", "", "", "en", "wales"],
        ["2026-01-05", "", "No interpreters for Tigrinya.", "Too few places.", "en", "atlantis"],
    ]
    out = io.StringIO()
    import csv

    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def long_xlsx() -> bytes:
    """The template's layout: one response, a question a row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Response"
    sheet.append(["question_id", "question", "answer"])
    sheet.append(["about.language", "Language", "ar"])
    sheet.append(["about.nation", "UK nation", "northern_ireland"])
    sheet.append([HEALTH, stats.question_labels()[HEALTH], "لم يكن هناك مترجم في العيادة"])
    sheet.append([None, "Our favourite colour", "Blue"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_file() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Response from a charity", 0)
    document.add_paragraph("Please answer the questions below.")
    document.add_heading(stats.question_labels()[HEALTH], 2)
    document.add_paragraph("Survivors we support wait months to register with a GP.")
    document.add_heading(stats.question_labels()[HOUSING], 2)
    document.add_paragraph("Move-on accommodation is scarce in Cardiff.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- written responses -------------------------------------------------------------------------------------------
@pytest.mark.servers
@pytest.mark.parametrize("name, body, kind, respondents, answers, facts, problems", [
    ("survey.csv", wide_csv, CSV, 3, 5,
     ["Rows read 4", "English (en): 2", "Polish (pl): 1", "England: 1", "Scotland: 1", "Not given: 1"],
     ["column 1 'Timestamp' not a question of the survey, not imported", "column 2 'Email address'",
      "row 4 no answer to any question", "row 5 UK nation not one of"]),
    ("response.xlsx", long_xlsx, XLSX, 1, 1, ["Rows read 4", "Arabic (ar): 1", "Northern Ireland: 1"],
     ["row 5 'Our favourite colour'"]),
    ("response.docx", docx_file, DOCX, 1, 2, ["English (en): 1", "Not given: 1", "Layout a Word document"],
     ["1 paragraph(s) before the first question not imported"]),
])
def test_upload_check_then_confirm_stores_once_and_is_audited(site, staff, name, body, kind, respondents, answers,
                                                              facts, problems):
    store = site["store"]
    before, audit_before = counts(store)
    checked = staff.upload("/staff/import", name, body(), kind, respondent_type="professional")
    assert checked.status_code == 200, checked.text[:3000]
    page = text_of(checked.text)
    assert f"Respondents {respondents}" in page and f"Answers {answers}" in page, page
    for fact in facts:
        assert fact in page, (fact, page)
    for problem in problems:
        assert problem in page.replace(":", ""), (problem, page)
    assert "Confirm import" in page
    assert counts(store) == (before, audit_before)  # nothing stored before the confirmation

    token = token_of(checked.text)
    done = staff.post("/staff/import/confirm", {"token": token})
    assert done.status_code == 200, done.text[:3000]
    assert f"{respondents} response(s) with {answers} answer(s)" in text_of(done.text)
    after, audit = counts(store)
    assert after == before + respondents
    new = audit[len(audit_before):]
    assert [(a, action, rows) for a, action, rows, _ in new] == [("the-staff", "import_written", respondents + answers)]
    assert re.search(r"file sha256:[0-9a-f]{12} \(staff area\)$", new[0][3]) and name not in new[0][3]
    with store.session() as s:
        kinds = set(s.execute(select(Respondent.respondent_type).where(Respondent.channel == "written")).scalars())
    assert "professional" in kinds  # the form's choice where the file does not say

    again = staff.post("/staff/import/confirm", {"token": token})  # a double click, the back button
    assert again.status_code == 200 and "already imported" in text_of(again.text)
    assert counts(store) == (after, audit)

    twice = staff.upload("/staff/import", name, body(), kind, respondent_type="professional")  # the same file again
    done = staff.post("/staff/import/confirm", {"token": token_of(twice.text)})
    assert "had been imported before" in text_of(done.text)
    assert counts(store)[0] == after


@pytest.mark.servers
@pytest.mark.parametrize("name, body, message", [
    ("notes.txt", b"health.barriers,answer\n", "only .docx, .csv and .xlsx can be imported"),
    ("broken.xlsx", b"PK\x03\x04 this is not really a workbook", "not a readable .xlsx workbook"),
    ("broken.docx", b"\x00\x01 nothing", "not a readable .docx document"),
    ("empty.csv", b"", "The file is empty"),
    ("blank.csv", b"\n,,\n", "the file is empty"),
    ("colours.csv", b"name,colour\nAmina,blue\n", "the first row names no questions"),
    ("", b"", "Choose a file to upload"),
])
def test_bad_files_get_a_kind_error_and_nothing_is_stored(site, staff, name, body, message):
    before = counts(site["store"])
    got = staff.upload("/staff/import", name, body, "application/octet-stream")
    assert got.status_code == 400
    page = text_of(got.text)
    assert "There is a problem" in page and message in page, page
    assert 'name="token"' not in got.text and "Amina" not in got.text
    assert counts(site["store"]) == before


@pytest.mark.servers
def test_a_file_over_the_limit_is_refused_kindly(site, staff):
    from bot.importers import MAX_BYTES

    before = counts(site["store"])
    got = staff.upload("/staff/import", "huge.csv", b"health.barriers\n" + b"x" * MAX_BYTES, CSV)
    assert got.status_code == 400
    assert f"bigger than {MAX_BYTES // 2**20} MB" in text_of(got.text)
    assert counts(site["store"]) == before


@pytest.mark.servers
def test_only_staff_and_admins_may_import(site):
    base = site["base"]
    for name in ("the-translator", "the-worker"):
        other = Staff(base, name)
        assert other.get("/staff/import").status_code == 403
        assert other.get("/staff/import/coding").status_code == 403
        refused = other.upload("/staff/import", "survey.csv", wide_csv(), CSV)
        assert refused.status_code == 403 and "Not available to you" in refused.text
        assert other.upload("/staff/import/coding", "x.qdpx", b"PK", "application/zip").status_code == 403
        assert 'href="/staff/import"' not in other.get("/staff").text  # no link to it either
    admin = Staff(base, "the-admin")
    assert admin.get("/staff/import").status_code == 200
    assert admin.upload("/staff/import", "survey.csv", wide_csv(), CSV).status_code == 200
    assert requests.get(base + "/staff/import", allow_redirects=False).status_code == 303  # signed out: sign in


@pytest.mark.servers
def test_csrf_on_every_post_and_a_check_is_only_for_its_own_session(site, staff):
    before = counts(site["store"])
    refused = staff.upload("/staff/import", "survey.csv", wide_csv(), CSV, csrf=False)
    assert refused.status_code == 403 and "Form expired" in refused.text
    wrong = staff.http.post(staff.base + "/staff/import", data={"csrf_token": "not-the-token"},
                            files={"file": ("survey.csv", wide_csv(), CSV)}, allow_redirects=False)
    assert wrong.status_code == 403
    checked = staff.upload("/staff/import", "survey.csv", wide_csv(), CSV)
    token = token_of(checked.text)
    assert staff.post("/staff/import/confirm", {"token": token}, csrf=False).status_code == 403
    assert staff.post("/staff/import/coding/apply", {"token": token}, csrf=False).status_code == 403
    assert staff.post("/staff/import/cancel", {"token": token}, csrf=False).status_code == 403
    other = Staff(site["base"], "the-staff")  # the same person, another session: not theirs to confirm
    assert other.post("/staff/import/confirm", {"token": token}).status_code == 410
    assert counts(site["store"]) == before
    cancelled = staff.post("/staff/import/cancel", {"token": token, "kind": "written"})
    assert cancelled.status_code == 303
    gone = staff.post("/staff/import/confirm", {"token": token})
    assert gone.status_code == 410 and "Nothing was stored" in gone.text
    assert counts(site["store"]) == before


@pytest.mark.servers
def test_two_confirmations_at_once_import_once(site, staff):
    from concurrent.futures import ThreadPoolExecutor

    store = site["store"]
    body = wide_csv()  # three responses no other test imports
    for words in ("Waiting lists for a GP are long.", "Brak tłumacza w przychodni.", "No interpreters for Tigrinya."):
        body = body.replace(words.encode(), (words + " Two clicks at once.").encode())
    token = token_of(staff.upload("/staff/import", "clicks.csv", body, CSV).text)
    before, audit = counts(store)
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: staff.post("/staff/import/confirm", {"token": token}), range(2)))
    assert sorted(a.status_code for a in answers) in ([200, 200], [200, 409])
    after, audit_after = counts(store)
    assert after == before + 3 and len(audit_after) == len(audit) + 1


# --- coding from another tool ------------------------------------------------------------------------------------
@pytest.mark.servers
def test_bring_back_coding_twice_changes_nothing_the_second_time(site, staff):
    store = site["store"]
    exported = export_bytes(store, "qdpx")
    coded = coded_elsewhere(exported, [
        ("sent me away twice", code_guid("health.trust_and_respect"), None),
        ("The receptionist", "Receptionists at the surgery", code_guid("health")),
    ])
    bad = staff.upload("/staff/import/coding", "coded.qdpx", b"not a zip", "application/zip")
    assert bad.status_code == 400 and "not a .qdpx project" in text_of(bad.text)
    wrong_type = staff.upload("/staff/import/coding", "coded.csv", coded, CSV)
    assert wrong_type.status_code == 400 and "This is not a .qdpx file" in text_of(wrong_type.text)

    before = staff_codings(store)
    checked = staff.upload("/staff/import/coding", "coded.qdpx", coded, "application/zip")
    assert checked.status_code == 200, checked.text[:3000]
    page = text_of(checked.text)
    assert "Would add 1 new code(s)" in page and "Receptionists at the surgery" in page
    assert "Would add 2 coding(s)" in page and "sent me away twice" in page and "Add the coding" in page
    assert staff_codings(store) == before  # nothing yet
    token = token_of(checked.text)
    applied = staff.post("/staff/import/coding/apply", {"token": token})
    assert applied.status_code == 200, applied.text[:3000]
    assert "2 coding(s) added as staff codings by “imported from coded.qdpx”" in text_of(applied.text)
    added = staff_codings(store) - before
    assert len(added) == 2 and {c[4] for c in added} == {"imported from coded.qdpx"}
    audit = [a for a in counts(store)[1] if a[1] == "import_coding"]
    assert [(a[0], a[2]) for a in audit] == [("the-staff", 2)]

    again = staff.post("/staff/import/coding/apply", {"token": token})  # the same confirmation twice
    assert "already added" in text_of(again.text)
    second = staff.upload("/staff/import/coding", "coded.qdpx", coded, "application/zip")  # the same file again
    page = text_of(second.text)
    assert second.status_code == 200 and "Nothing to add" in page and "changes nothing" in page
    assert "Add the coding" not in page and 'name="token"' not in second.text
    assert staff_codings(store) - before == added
    assert [a for a in counts(store)[1] if a[1] == "import_coding"] == audit


# --- in a real browser -------------------------------------------------------------------------------------------
def checked(page, state: str) -> None:
    from tests.browser import checked as axe_checked

    axe_checked(page, "staff-import-" + state)


@pytest.mark.servers
def test_the_pages_pass_axe_and_work_by_keyboard(site, open_page, tmp_path):
    from tests.browser import DESKTOP

    base, store = site["base"], site["store"]
    survey = tmp_path / "keyboard.csv"
    survey.write_bytes(wide_csv().replace(b"Hostels are cold.", b"Hostels are cold and damp."))
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"hello")
    qdpx = tmp_path / "coded.qdpx"
    qdpx.write_bytes(coded_elsewhere(export_bytes(store, "qdpx"), [
        ("surgery", code_guid("health.gp_registration"), None)]))
    for viewport in ({"width": 390, "height": 844}, DESKTOP):
        page = open_page(viewport)
        browser_sign_in(page, base, "the-staff", PASSWORD, next_path="/staff/import")
        page.goto(base + "/staff/import")
        checked(page, "upload")
        page.set_input_files("#file", str(bad))
        page.click("text=Upload and check")
        page.wait_for_selector(".error-summary")
        checked(page, "upload-error")
        before = counts(store)[0]
        # by keyboard: the file chosen (a file dialog is the system's), then Tab to the button and Enter
        page.set_input_files("#file", str(survey))
        page.focus("#file")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Upload and check"
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Confirm import")
        checked(page, "check")
        for _ in range(40):  # Tab through the page to the confirmation
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "Confirm import":
                break
        else:
            raise AssertionError("Confirm import is not reachable by Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector(".notice")
        checked(page, "done")
        assert counts(store)[0] > before or "imported before" in page.inner_text("main")
        page.goto(base + "/staff/import/coding")
        checked(page, "coding-upload")
        page.set_input_files("#file", str(qdpx))
        page.click("text=Upload and check")
        page.wait_for_selector("h1")
        checked(page, "coding-check")
        if page.locator("text=Add the coding").count():
            page.click("text=Add the coding")
            page.wait_for_selector(".notice")
            checked(page, "coding-done")


# --- the upload never reaches the disk -----------------------------------------------------------------------------
def test_an_upload_is_read_in_memory_never_spooled_to_a_temporary_file(tmp_path, monkeypatch):
    """aiohttp's own form parser writes a file part to tempfile.TemporaryFile (on disk, unredacted); the import pages
    read the body themselves. Any temporary file made while serving the upload fails this test."""
    import asyncio
    import tempfile

    from aiohttp import FormData, web_request
    from aiohttp.test_utils import TestClient, TestServer

    from bot.web import app as web_app
    from tests.staff_helpers import sign_in

    store = Store(f"sqlite:///{tmp_path / 'memory.db'}")
    users.add_user(store, "the-staff", "staff", PASSWORD)
    spooled: list[str] = []

    def no_temporary_file(*args, **kwargs):
        spooled.append("a temporary file")
        return tempfile.SpooledTemporaryFile(max_size=10**9)  # kept in memory here, but the test fails

    monkeypatch.setattr(web_request.tempfile, "TemporaryFile", no_temporary_file)

    async def scenario() -> tuple[int, str]:
        app = web_app.make_app("http://127.0.0.1:9")
        app["staff_store"] = store
        async with TestClient(TestServer(app)) as client:
            csrf = await sign_in(client, "the-staff", PASSWORD)
            form = FormData()
            form.add_field("csrf_token", csrf)
            form.add_field("file", wide_csv(), filename="survey.csv", content_type=CSV)
            response = await client.post("/staff/import", data=form)
            return response.status, await response.text()

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # its own thread: a browser test before may have left a loop in this one
        status, html = pool.submit(lambda: asyncio.run(scenario())).result()
    store.engine.dispose()
    assert status == 200 and "Confirm import" in html
    assert spooled == []
