"""The coding queue: an answer's place in the filtered list ("12 of 340") with next and previous, bulk confirm or
reject of the selected answers' suggested codes (counted, audited, CSRF-protected), a person's English on the
answer page, search results marked; on real SQLite and PostgreSQL (data), over HTTP against the real page server,
and in Chromium: 20 answers coded by keyboard alone, and axe-core on the pages."""

from __future__ import annotations

import re

import pytest
import requests
from sqlalchemy import func, select

from bot.staff import coding_ops, filtering, users
from bot.store import Store
from bot.store.models import Answer, Coding
from tests.servers import web_process
from tests.staff_helpers import browser_sign_in, sign_in_requests

PASSWORD = "correct horse battery"
HOUSING = "The hostel was cold and damp, the landlord ignored us. Answer number {n}."
ARABIC = "لم أستطع الذهاب إلى الطبيب بسبب اللغة"


def add(store, lang, question, words) -> int:
    rid = store.create_respondent(lang)
    store.save_answer(rid, question, lang, text=words)
    return store.answers(rid)[0].id


def suggestions(store, answer_ids) -> dict[int, list[tuple[str, str, str]]]:
    with store.session() as s:
        rows = s.execute(select(Coding.answer_id, Coding.code_id, Coding.source, Coding.status)
                         .where(Coding.answer_id.in_(answer_ids), Coding.source != "structural")).all()
    out: dict[int, list] = {a: [] for a in answer_ids}
    for r in rows:
        out[r.answer_id].append((r.code_id, r.source, r.status))
    return out


# --- data layer, SQLite and PostgreSQL ----------------------------------------------------------------------------
def test_position_next_and_previous_follow_the_filter_and_the_words(store):
    housing = [add(store, "en", "housing.barriers", HOUSING.format(n=n)) for n in range(5)]
    other = add(store, "en", "health.barriers", "No interpreter at the GP surgery.")
    f = filtering.AnswerFilter(theme="housing")
    newest_first = sorted(housing, reverse=True)  # same day: the higher id is newer
    place = coding_ops.position(store, f, newest_first[0])
    assert (place.number, place.total, place.previous, place.next) == (1, 5, None, newest_first[1])
    place = coding_ops.position(store, f, newest_first[2])
    assert (place.number, place.previous, place.next) == (3, newest_first[1], newest_first[3])
    place = coding_ops.position(store, f, newest_first[-1])
    assert (place.number, place.next) == (5, None)
    assert coding_ops.position(store, f, other).number == 0  # not in the filter: no place, the total stays
    words = filtering.AnswerFilter(words="interpreter")
    assert (coding_ops.position(store, words, other).number, coding_ops.position(store, words, other).total) == (1, 1)
    everything = coding_ops.position(store, filtering.AnswerFilter(), other)
    assert (everything.number, everything.total, everything.next) == (1, 6, newest_first[0])


def test_bulk_confirm_and_reject_count_what_changed_and_audit_it(store):
    ids = [add(store, "en", "housing.barriers", HOUSING.format(n=n)) for n in range(3)]
    ids.append(add(store, "en", "health.barriers", "No interpreter at the GP surgery and long waits for a dentist."))
    plain = add(store, "en", "housing.solutions", "Nothing the codebook knows.")
    before = suggestions(store, ids)
    assert all(before[a] for a in ids) and not suggestions(store, [plain])[plain]
    n_health = len(before[ids[3]])

    done = coding_ops.bulk(store, [ids[0], ids[3], plain], "confirm", actor="the-staff")
    assert (done.codings, done.answers) == (1 + n_health, 2)
    after = suggestions(store, ids)
    assert all(source == "staff" and status == "active" for _, source, status in after[ids[0]] + after[ids[3]])
    done = coding_ops.bulk(store, [ids[1], ids[2], ids[0]], "reject", actor="the-staff")
    assert (done.codings, done.answers) == (2, 2)  # answer 0's codes are staff's now: left alone
    after = suggestions(store, ids)
    assert after[ids[1]] == [("housing.accommodation", "staff", "rejected")]
    assert coding_ops.bulk(store, [plain], "confirm", actor="the-staff").codings == 0
    audit = [(e.actor, e.action, e.row_count, e.detail) for e in store.audit_log() if e.action.startswith("code_")]
    assert audit == [("the-staff", "code_confirm", 1 + n_health, "bulk: 2 answers"),
                     ("the-staff", "code_reject", 2, "bulk: 2 answers")]
    for wrong in ([], ["nope"]):
        with pytest.raises(coding_ops.CodingError):
            coding_ops.bulk(store, [ids[0]] if wrong else [], "delete" if wrong else "confirm", actor="x")
    with pytest.raises(coding_ops.CodingError):
        coding_ops.bulk(store, list(range(1, coding_ops.MAX_BULK + 2)), "confirm", actor="x")
    # a rejected suggestion is not suggested again when the answer is coded again
    store.code_answer(ids[1])
    assert suggestions(store, [ids[1]])[ids[1]] == [("housing.accommodation", "staff", "rejected")]


# --- over HTTP, against the real page server (SQLite) --------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coding-queue")
    url = f"sqlite:///{tmp / 'queue.db'}"
    store = Store(url)
    users.add_user(store, "the-staff", "staff", PASSWORD)
    ids = {"housing": [add(store, "en", "housing.barriers", HOUSING.format(n=n)) for n in range(20)],
           "arabic": add(store, "ar", "health.barriers", ARABIC),
           "markup": add(store, "en", "health.solutions", "<script>alert(1)</script> more interpreters please")}
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store, "ids": ids}
    store.engine.dispose()


class Staff:
    def __init__(self, base: str) -> None:
        self.base, self.http = base, requests.Session()
        self.csrf = sign_in_requests(self.http, base, "the-staff", PASSWORD)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False)

    def post(self, path: str, data, csrf: bool = True) -> requests.Response:
        data = list(data.items()) if isinstance(data, dict) else list(data)
        return self.http.post(self.base + path, data=([("csrf_token", self.csrf)] if csrf else []) + data,
                              allow_redirects=False)


@pytest.fixture(scope="module")
def staff(site):
    return Staff(site["base"])


@pytest.mark.servers
def test_search_results_mark_the_words_and_escape_the_text(site, staff):
    page = staff.get("/staff/answers?words=" + requests.utils.quote("الطبيب"))
    assert page.status_code == 200
    assert "<mark>الطبيب</mark>" in page.text and "1 answer matches" in page.text
    assert f'href="/staff/answers/{site["ids"]["arabic"]}?words=' in page.text  # the queue keeps the search
    page = staff.get("/staff/answers?words=interpreters")
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<mark>interpreters</mark>" in page.text
    page = staff.get("/staff/answers?words=" + requests.utils.quote("<mark>x</mark>"))
    assert "<mark>x" not in page.text and "0 answers match" in page.text
    # questions by their wording, the id in small print
    page = staff.get("/staff/answers?theme=housing")
    assert '<span class="code-id question-id">housing.barriers</span>' in page.text
    assert "housing.barriers</td>" not in page.text


@pytest.mark.servers
def test_the_answer_page_knows_its_place_in_the_queue(site, staff):
    newest_first = sorted(site["ids"]["housing"], reverse=True)
    page = staff.get(f"/staff/answers/{newest_first[11]}?theme=housing")
    assert page.status_code == 200
    assert "Answer <strong>12 of 20</strong> matching your search and filters" in page.text
    assert f'href="/staff/answers/{newest_first[12]}?theme=housing" id="queue-next"' in page.text
    assert f'href="/staff/answers/{newest_first[10]}?theme=housing" id="queue-previous"' in page.text
    for key in ("<kbd>j</kbd> next answer", "<kbd>c</kbd> confirm", "<kbd>x</kbd> reject", "<kbd>a</kbd> add a code",
                "<kbd>r</kbd> mark the redaction reviewed"):
        assert key in page.text
    # a form on the page keeps the queue: after confirming, the same answer with the same filter
    coding = re.search(r'action="(/staff/answers/\d+/codings/\d+/confirm\?theme=housing)"', page.text)
    assert coding
    back = re.search(r'name="back" value="([^"]+)"', page.text).group(1)
    answer = staff.post(coding.group(1), {"back": back})
    assert answer.status_code == 303
    assert answer.headers["Location"].startswith(f"/staff/answers/{newest_first[11]}?theme=housing&done=confirmed")


@pytest.mark.servers
def test_bulk_needs_csrf_and_says_how_many_changed(site, staff):
    store = site["store"]
    chosen = sorted(site["ids"]["housing"])[:3]
    refused = staff.post("/staff/answers/bulk", [("action", "confirm")] + [("answer", str(a)) for a in chosen],
                         csrf=False)
    assert refused.status_code == 403
    assert all(source == "suggested" for a in chosen for _, source, _ in suggestions(store, [a])[a])
    done = staff.post("/staff/answers/bulk", [("action", "reject"), ("back", "/staff/answers?theme=housing")]
                      + [("answer", str(a)) for a in chosen])
    assert done.status_code == 303
    assert done.headers["Location"] == "/staff/answers?theme=housing&bulk=reject&n=3&of=3#results"
    page = staff.get(done.headers["Location"].split("#")[0])
    assert "3 suggested codes rejected on 3 answers." in page.text
    assert all(status == "rejected" for a in chosen for _, _, status in suggestions(store, [a])[a])
    assert [e.row_count for e in store.audit_log() if e.action == "code_reject"][-1] == 3
    nothing = staff.post("/staff/answers/bulk", [("action", "confirm")])
    assert nothing.status_code == 400 and "Select at least one answer" in nothing.text


@pytest.mark.servers
def test_a_persons_english_on_the_answer_page(site, staff):
    store, arabic = site["store"], site["ids"]["arabic"]
    assert str(arabic) in re.findall(r'href="/staff/answers/(\d+)\?english=waiting"',
                                     staff.get("/staff/answers?english=waiting").text)
    page = staff.get(f"/staff/answers/{arabic}")
    assert "This answer has no English yet." in page.text and 'id="english-text"' in page.text
    refused = staff.post(f"/staff/answers/{arabic}/english", {"english": "x"}, csrf=False)
    assert refused.status_code == 403
    saved = staff.post(f"/staff/answers/{arabic}/english",
                       {"english": "I could not see the doctor. Call 07700 900123.",
                        "back": f"/staff/answers/{arabic}"})
    assert saved.status_code == 303 and "done=english" in saved.headers["Location"]
    page = staff.get(saved.headers["Location"].split("#")[0])
    assert "Translated by a person." in page.text and "07700 900123" not in page.text
    with store.session() as s:
        assert s.get(Answer, arabic).translation_provider == "person"
    assert str(arabic) not in staff.get("/staff/answers?english=waiting").text.split("answers match")[-1]
    too_long = staff.post(f"/staff/answers/{arabic}/english", {"english": "x" * (coding_ops.MAX_ENGLISH + 1)})
    assert too_long.status_code == 400 and "at most" in too_long.text
    with store.session() as s:
        assert "doctor" in s.get(Answer, arabic).text_en  # a refused change lost nothing


# --- in Chromium ----------------------------------------------------------------------------------------------------
@pytest.mark.servers
def test_twenty_answers_coded_by_keyboard_alone_and_axe_finds_nothing(site, open_page):
    from tests.browser import DESKTOP, checked

    store, base = site["store"], site["base"]
    words = "landlord ignored"
    queue = f"?words={requests.utils.quote(words)}"
    page = open_page(DESKTOP)
    browser_sign_in(page, base, "the-staff", PASSWORD)
    page.goto(base + "/staff/answers" + queue)
    checked(page, "coding-queue-search")
    assert page.locator("mark").first.inner_text().lower() in ("landlord", "ignored")
    first = page.locator("table.answers-table tbody th a").first
    first.focus()  # from the list by keyboard: focus is on the first answer's link
    with page.expect_navigation():
        page.keyboard.press("Enter")
    checked(page, "coding-queue-answer")
    ids = sorted(site["ids"]["housing"], reverse=True)
    seen = []
    for n in range(20):
        current = int(re.search(r"/staff/answers/(\d+)", page.url).group(1))
        seen.append(current)
        assert f"Answer {n + 1} of 20" in page.locator("#queue-place").inner_text()
        if page.locator("form.confirm-form").count():
            with page.expect_navigation():
                page.keyboard.press("c" if n % 2 == 0 else "x")
            assert ("confirmed" if n % 2 == 0 else "rejected") in page.locator(".notice").inner_text()
        if n < 19:
            with page.expect_navigation():
                page.keyboard.press("j")
    assert seen == ids
    page.keyboard.press("j")  # the last: nothing happens, and the page says so
    assert "last answer" in page.locator("#shortcut-status").inner_text()
    page.focus("#english-text")
    page.keyboard.type("jjj")  # typing in a field: no shortcut fires
    assert f"/staff/answers/{ids[-1]}?" in page.url
    assert page.input_value("#english-text") == "jjj"
    page.keyboard.press("Shift+Tab")  # out of the box, to the link or button before it
    with page.expect_navigation():
        page.keyboard.press("k")
    assert f"/staff/answers/{ids[-2]}?" in page.url
    with store.session() as s:
        left = s.execute(select(func.count(Coding.id)).where(Coding.answer_id.in_(ids), Coding.source == "suggested",
                                                               Coding.status == "active")).scalar_one()
    assert left == 0  # every suggestion of the 20 was confirmed or rejected
    checked(page, "coding-queue-answer-after")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/staff/answers" + queue)
    checked(page, "coding-queue-search-phone")
    page.click("#bulk-confirm")  # nothing ticked: a clear error, on the list
    page.wait_for_selector(".error-summary")
    assert "Select at least one answer" in page.locator(".error-summary").inner_text()
    checked(page, "coding-queue-bulk-error-phone")
    page.goto(base + f"/staff/answers/{ids[0]}" + queue)
    checked(page, "coding-queue-answer-phone")
