"""The staff area's translations pages, over real HTTP against the real page server (python -m bot.web) whose
project root (IMSA_ROOT) is a temporary copy, so saving writes a copy of translations/, and in Chromium with axe."""

from __future__ import annotations

import re
import shutil

import lxml.html
import pytest
import requests
import yaml

from bot.conversation import i18n
from bot.paths import ROOT
from bot.staff import users
from bot.store import Store
from tests.servers import web_process
from tests.staff_helpers import browser_sign_in, sign_in_requests

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff-translations")
    root = tmp / "project"
    for part in ("translations", "data"):
        shutil.copytree(ROOT / part, root / part)
    url = f"sqlite:///{tmp / 'staff.db'}"
    store = Store(url)
    users.add_user(store, "the-admin", "admin", PASSWORD)
    users.add_user(store, "the-staff", "staff", PASSWORD)
    with web_process(url, tmp / "web.log", env={"IMSA_ROOT": str(root)}) as base:
        yield {"base": base, "store": store, "folder": root / "translations"}
    store.engine.dispose()


class Client:
    def __init__(self, base: str, name: str) -> None:
        self.base, self.http = base, requests.Session()
        self.csrf = sign_in_requests(self.http, base, name, PASSWORD)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False)

    def post(self, path: str, data: dict) -> requests.Response:
        return self.http.post(self.base + path, data={"csrf_token": self.csrf, **data}, allow_redirects=False)


@pytest.fixture(scope="module")
def admin(site) -> Client:
    return Client(site["base"], "the-admin")


def entry(folder, lang: str, key: str) -> dict:
    return yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))["texts"][key]


def test_only_admins_open_the_translation_pages(site, admin):
    overview = admin.get("/staff/translations")
    assert overview.status_code == 200
    doc = lxml.html.fromstring(overview.text)
    row = doc.xpath("//tr[th/a[@href='/staff/translations/ar']]")[0]
    assert [td.text_content() for td in row.xpath("td")] == ["0", str(len(i18n.languages()["en"].texts)), "0", "0"]
    assert 'href="/staff/translations"' in admin.get("/staff").text
    staff = Client(site["base"], "the-staff")
    for path in ("/staff/translations", "/staff/translations/ar", "/staff/translations/ar/end.code"):
        assert staff.get(path).status_code == 403, path
    assert staff.post("/staff/translations/ar/end.code", {"text": "x", "status": "reviewed"}).status_code == 403


def test_side_by_side_in_the_languages_direction(admin):
    listing = lxml.html.fromstring(admin.get("/staff/translations/ar?show=all").text)
    cell = listing.xpath("//tr[th/a[text()='help.helpline']]/td")
    assert cell[0].get("lang") == "en" and cell[1].get("dir") == "rtl" and cell[1].get("lang") == "ar"
    page = admin.get("/staff/translations/ar/help.helpline")
    doc = lxml.html.fromstring(page.text)
    bubble = doc.xpath("//div[@class='bubble']")[0]
    assert bubble.get("dir") == "rtl"
    assert "\u2068" + i18n.helpline_numbers()["helpline"] + "\u2069" in bubble.text_content()
    assert doc.xpath("//textarea[@id='text']")[0].text == i18n.languages()["ar"].texts["help.helpline"]
    assert doc.xpath("//ul[contains(@class, 'preview-buttons')]") == []  # said on the way: no buttons of its own
    assert admin.get("/staff/translations/ar/no.such.key").status_code == 404
    assert admin.get("/staff/translations/en/help.helpline").status_code == 404


def test_the_preview_shows_the_message_with_its_buttons_in_the_languages_direction(admin):
    """The message as the survivor sees it: the bubble, then the step's choices and the controls, labelled as the
    chat labels them, right to left in Arabic."""
    doc = lxml.html.fromstring(admin.get("/staff/translations/ar/consent.question").text)
    preview = doc.xpath("//div[contains(@class, 'preview')]")[0]
    assert (preview.get("dir"), preview.get("lang")) == ("rtl", "ar")
    assert preview.xpath(".//div[@class='bubble']")[0].text_content() == i18n.text("ar", "consent.question")
    labels = [p.text_content() for p in preview.xpath(".//p[@class='preview-label']")]
    assert labels == [i18n.text("ar", "widget.choices.label"), i18n.text("ar", "widget.controls.label")]
    choices, controls = [[b.text_content() for b in ul.xpath(".//span")]
                         for ul in preview.xpath(".//ul[contains(@class, 'preview-buttons')]")]
    assert choices == [i18n.text("ar", "consent.yes"), i18n.text("ar", "consent.no")]
    assert controls[0] == i18n.text("ar", "control.skip") and i18n.text("ar", "control.help") in controls
    assert not preview.xpath(".//button")  # shown, not pressable
    english = lxml.html.fromstring(admin.get("/staff/translations/fr/themes.question").text)
    titles = english.xpath("//ul[contains(@class, 'choices')]//span/text()")
    assert titles[0] == i18n.text("fr", "themes.all") and titles[-1] == i18n.text("fr", "themes.done")
    assert english.xpath("//div[contains(@class, 'preview')]")[0].get("dir") == "ltr"


def test_a_bad_text_is_refused_and_a_good_one_saved_reviewed_and_audited(site, admin):
    folder = site["folder"]
    assert requests.get(site["base"] + "/i18n/ar.json").json()["draft"] is True
    before = (folder / "ar.yml").read_bytes()
    form = lxml.html.fromstring(admin.get("/staff/translations/ar/end.code").text)
    fingerprint = form.xpath("//input[@name='english']/@value")[0]
    good = i18n.languages()["ar"].texts["end.code"]
    refused = admin.post("/staff/translations/ar/end.code",
                         {"text": good.replace("{code}", "{kod}"), "status": "reviewed", "english": fingerprint})
    assert refused.status_code == 400 and "placeholders" in refused.text and "not saved" in refused.text
    assert (folder / "ar.yml").read_bytes() == before
    stale = admin.post("/staff/translations/ar/end.code", {"text": good, "status": "reviewed", "english": "0" * 12})
    assert stale.status_code == 400 and "English changed" in stale.text

    saved = admin.post("/staff/translations/ar/end.code", {"text": good + " ", "status": "reviewed",
                                                           "english": fingerprint})
    assert saved.status_code == 303 and saved.headers["Location"].endswith("/staff/translations/ar/end.code?saved=1")
    stored = entry(folder, "ar", "end.code")
    assert stored["status"] == "reviewed" and stored["reviewer"] == "the-admin" and stored["text"] == good
    assert stored["source"] == i18n.fingerprint(i18n.languages()["en"].texts["end.code"])
    changed = [line for line in (folder / "ar.yml").read_text(encoding="utf-8").splitlines()
               if line not in before.decode("utf-8").splitlines()]
    assert len(changed) == 2 + 1  # reviewer and date added, status changed (the line `status: reviewed`)
    page = admin.get("/staff/translations/ar/end.code?saved=1").text
    assert "Saved." in page and "Last changed by the-admin" in page
    overview = lxml.html.fromstring(admin.get("/staff/translations").text)
    assert overview.xpath("//tr[th/a[@href='/staff/translations/ar']]/td")[0].text_content() == "1"
    # the page server reads the new file at once: Arabic has a reviewed text now, so it is no longer all draft
    assert requests.get(site["base"] + "/i18n/ar.json").json()["draft"] is False
    audit = admin.get("/staff/audit").text
    assert re.search(r"translation_edit</td><td class=\"num\">1</td><td>ar end\.code reviewed", audit)


@pytest.mark.servers
def test_translation_pages_pass_axe(site):
    from tests.browser import checked, chromium, page_opener

    with chromium() as browser, page_opener(browser, console_errors=True) as open_page:
        page = open_page()
        browser_sign_in(page, site["base"], "the-admin", PASSWORD)
        for path, state in (("/staff/translations", "overview"), ("/staff/translations/fa", "language"),
                            ("/staff/translations/fa/consent.question", "entry-buttons"),
                            ("/staff/translations/fa/help.helpline", "entry")):
            page.goto(site["base"] + path)
            checked(page, "staff-translations-" + state)
        page.fill("#text", "")
        page.get_by_role("button", name="Save").click()
        page.wait_for_selector(".error-summary")
        checked(page, "staff-translations-error")
