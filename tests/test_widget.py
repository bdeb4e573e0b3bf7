"""The chat page in a real browser (Debian's Chromium) against the real running bot.

Every state that matters passes axe-core at WCAG 2.2 AA; a whole conversation
works with the keyboard alone; Exit this page leaves nothing behind; bot and
user text is shown as text, never as HTML. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request

import pytest

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.store import Store
from bot.store.models import Respondent
from tests.browser import ARTIFACTS, DESKTOP, PHONE, axe_violations, neutral_site, page_opener
from tests.servers import running_bot

pytestmark = pytest.mark.servers
t = lambda key, **kw: i18n.text("en", key, **kw)  # noqa: E731
SHOTS = ARTIFACTS / "screenshots"
# Predicates are functions: a string expression would need eval, which the page's CSP forbids.
MORE_THAN = "(n) => document.querySelectorAll('#log .msg').length > n"
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    '<a href="javascript:window.__pwned=1">tap</a>',
    "[tap here](javascript:window.__pwned=1)",
    '" onmouseover="window.__pwned=1" x="',
    "<svg onload=window.__pwned=1>",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("widget")
    url = f"sqlite:///{tmp / 'answers.db'}"
    with neutral_site() as (neutral, neutral_seen):
        old = os.environ.get("IMSA_EXIT_URL")
        os.environ["IMSA_EXIT_URL"] = neutral
        try:
            with running_bot(url, tmp / "logs") as services:
                yield {
                    "base": f"http://127.0.0.1:{services.ports.web}",
                    "rasa": services.ports.rasa,
                    "neutral": neutral,
                    "neutral_seen": neutral_seen,
                    "store": Store(url),
                }
        finally:
            if old is None:
                os.environ.pop("IMSA_EXIT_URL", None)
            else:
                os.environ["IMSA_EXIT_URL"] = old


@pytest.fixture
def open_page(browser):
    """A fresh browser context per test; every request that would leave the machine is refused and recorded."""
    with page_opener(browser) as _open:
        yield _open


def start(page, base: str):
    page.goto(base + "/")
    page.wait_for_selector(".msg.bot")
    return page


def bot_texts(page) -> list[str]:
    return page.locator("#log .msg.bot > p, #log .msg.step > p").all_inner_texts()


def tap(page, name: str, wait_for: str | None = None):
    count = page.locator("#log .msg").count()
    page.locator("#replies").get_by_role("button", name=name, exact=True).click()
    page.wait_for_function(MORE_THAN, arg=count + 1)
    if wait_for:
        page.wait_for_selector(f"#log >> text={wait_for}")


def say(page, text: str):
    count = page.locator("#log .msg").count()
    page.fill("#message", text)
    page.keyboard.press("Enter") if page.evaluate("document.activeElement.id") == "message" else page.click(
        "button[type=submit]")
    page.wait_for_function(MORE_THAN, arg=count + 1)


def no_violations(page, state: str):
    violations = axe_violations(page)
    assert violations == [], f"{state}: " + json.dumps(violations, indent=1)


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def to_first_question(page, theme_name: str = "8. Advocates"):
    tap(page, "English", t("about.question"))
    tap(page, t("about.continue"), t("consent.question"))
    tap(page, t("consent.yes"), t("age.question"))
    tap(page, t("age.yes"), t("assisted.question"))
    tap(page, t("assisted.none"), t("nation.question"))
    tap(page, t("nation.wales"), t("themes.question"))
    tap(page, theme_name)
    tap(page, t("themes.done"))


# ---------------------------------------------------------------- accessibility in every state
@pytest.mark.parametrize("viewport, label", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_every_state_has_no_axe_violations_at_wcag_22_aa(site, open_page, viewport, label):
    page = open_page(viewport)
    page.goto(site["base"] + "/")
    no_violations(page, "start, before the first message")
    page.wait_for_selector(".msg.bot")
    no_violations(page, "language menu")
    shot(page, f"{label}-1-languages")
    tap(page, "English", t("about.question"))
    tap(page, t("about.continue"), t("consent.question"))
    no_violations(page, "consent, a question with buttons")
    shot(page, f"{label}-2-consent")
    for name, wait in ((t("consent.yes"), t("age.question")), (t("age.yes"), t("assisted.question")),
                       (t("assisted.none"), t("nation.question")), (t("nation.wales"), t("themes.question"))):
        tap(page, name, wait)
    no_violations(page, "topic menu")
    tap(page, "8. Advocates")
    tap(page, t("themes.done"))
    page.wait_for_selector("#progress:not([hidden])")
    no_violations(page, "a question")
    shot(page, f"{label}-3-question")
    page.click("#contrast")
    no_violations(page, "high contrast")
    shot(page, f"{label}-4-high-contrast")
    page.click("#contrast")
    for _ in range(4):
        page.click("#text-bigger")
    assert "size-200" in page.evaluate("document.documentElement.className")
    no_violations(page, "200% text")
    shot(page, f"{label}-5-text-200")
    for _ in range(4):
        page.click("#text-smaller")
    page.locator("footer a[data-panel=safety]").click()
    no_violations(page, "safety panel")
    shot(page, f"{label}-6-safety")
    page.click("#panel-back")
    for _ in catalogue().questions_for(["advocacy"]):
        say(page, "They should listen to me and explain my rights.")
    page.wait_for_selector(f"#log >> text={t('end.thanks')}")
    no_violations(page, "end screen")
    shot(page, f"{label}-7-end")


def test_a_right_to_left_language_lays_out_right_to_left_with_isolated_numbers(site, open_page):
    page = start(open_page(PHONE), site["base"])
    count = page.locator("#log .msg").count()
    page.locator("#replies button", has_text="العربية").click()
    page.wait_for_function(MORE_THAN, arg=count + 3)
    page.wait_for_function("() => document.documentElement.dir === 'rtl'")
    assert page.get_attribute("#log", "dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.querySelector('#log .msg.bot p')).direction") == "rtl"
    # "15 to 20 minutes" and the like: digits sit in <bdi dir=ltr>
    assert page.locator("#log bdi[dir=ltr]").count() >= 2
    page.locator("#replies").get_by_role("button", name=i18n.text("ar", "control.help"), exact=True).click()
    helpline = i18n.helpline_numbers()["helpline"]
    page.wait_for_selector(f"#log bdi >> text={helpline}")
    assert helpline in page.locator("#log bdi[dir=ltr]").all_inner_texts()
    no_violations(page, "right-to-left")
    assert page.evaluate("() => [document.documentElement.scrollWidth, window.scrollX]") == [PHONE["width"], 0]
    shot(page, "phone-8-rtl")


def test_every_button_is_at_least_44_by_44_with_a_name_and_a_visible_focus_ring(site, open_page):
    page = start(open_page(PHONE), site["base"])
    tap(page, "English", t("about.question"))
    tap(page, t("about.continue"), t("consent.question"))
    buttons = page.locator("button:visible, [role=button]:visible")
    assert buttons.count() > 8
    for i in range(buttons.count()):
        b = buttons.nth(i)
        box = b.bounding_box()
        name = b.inner_text().strip()
        assert name, "a button without a name"
        assert box["width"] >= 44 and box["height"] >= 44, f"{name}: {box}"
    exit_button = page.get_by_role("button", name="Emergency Exit this page", exact=True)
    assert exit_button.count() == 1
    page.locator("#replies button").first.focus()
    page.keyboard.press("Tab")
    ring = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                         "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    assert ring[0] == "solid" and ring[1] != "0px" and ring[2] != "none"


def test_the_exit_button_stays_at_the_top_while_scrolling_and_the_skip_link_reaches_it(site, open_page):
    page = start(open_page(PHONE), site["base"])
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 300")
    box = page.locator("#exit").bounding_box()
    assert 0 <= box["y"] < 30
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "exit-skip"
    assert page.locator("#exit-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "exit"
    assert "#" not in page.url  # the skip link leaves no history entry


def test_text_at_200_percent_reflows_at_320_px(site, open_page):
    page = start(open_page({"width": 320, "height": 640}), site["base"])
    tap(page, "English", t("about.question"))
    for _ in range(6):
        page.click("#text-bigger")
    assert page.inner_text("#text-size") == t("widget.text_size_now", size=200)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for b in page.locator("#replies button").all():
        box = b.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_reduced_motion_and_no_time_limits(site, open_page):
    page = start(open_page(PHONE, reduced_motion="reduce"), site["base"])
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    animated = page.evaluate("[...document.querySelectorAll('*')].filter(e => { const s = getComputedStyle(e); "
                             "return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0; }).length")
    assert animated == 0
    page.wait_for_timeout(1500)  # nothing advances on its own
    assert page.locator("#log .msg").count() == 1


# ---------------------------------------------------------------- keyboard only
def _tab_to(page, name: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(document.activeElement.innerText || '').trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _key_reply(page, key: str, expect: str):
    count = page.locator("#log .msg").count()
    page.keyboard.press(key)
    page.wait_for_function(MORE_THAN, arg=count + 1)
    page.wait_for_selector(f"#log >> text={expect}")


def test_a_whole_short_conversation_with_the_keyboard_alone(site, open_page):
    page = start(open_page(DESKTOP), site["base"])
    _tab_to(page, "English")
    _key_reply(page, "Enter", t("about.question"))
    # after a button reply focus moves to the first new choice
    assert page.evaluate("document.activeElement.innerText") == t("about.continue")
    _key_reply(page, "Space", t("consent.question"))
    _key_reply(page, "Enter", t("age.question"))        # Yes, I agree
    _key_reply(page, "Enter", t("assisted.question"))   # Yes (18 or over)
    _key_reply(page, "Enter", t("nation.question"))     # Just me
    _tab_to(page, t("nation.wales"))
    _key_reply(page, "Space", t("themes.question"))
    _tab_to(page, "8. Advocates")
    _key_reply(page, "Enter", t("themes.picked", themes=t("theme.advocacy.name")))
    _tab_to(page, t("themes.done"))
    _key_reply(page, "Enter", t("progress", topic=1, topics=1, question=1, questions=3))
    # a question has only control buttons: focus goes to the answer box
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.locator("#progress").text_content() == t("widget.progress.label") + " " + t(
        "progress", topic=1, topics=1, question=1, questions=3)
    answers = ["They should listen to me and explain my rights.", "They always do what they say they will do.",
               "They should never share my story without asking me."]
    for n, answer in enumerate(answers, start=1):
        page.keyboard.type(answer)
        expect = t("end.thanks") if n == 3 else t("progress", topic=1, topics=1, question=n + 1, questions=3)
        _key_reply(page, "Enter", expect)
        assert page.evaluate("document.activeElement.id") == "message"  # focus stays in the input
    assert re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", page.inner_text("#log"))
    assert page.locator("#replies").get_by_role("button", name=t("end.restart")).count() == 1
    assert page.inner_text("#progress") == t("widget.ended")


def test_the_log_announces_politely_and_keeps_the_order(site, open_page):
    page = start(open_page(PHONE), site["base"])
    assert page.get_attribute("#log", "role") == "log"
    assert page.get_attribute("#log", "aria-live") == "polite"
    tap(page, "English", t("about.question"))
    texts = bot_texts(page)
    keys = ["welcome.text", "about.what", "about.time", "about.controls", "about.not", "about.no_story",
            "about.question"]
    assert texts == [t(k) for k in keys]
    assert page.locator("#log .msg.you p").all_inner_texts() == ["English"]
    assert page.locator("#log .msg.you .vh").all_text_contents() == [t("widget.you_said") + " "]


def test_the_language_menu_switches_the_chat_and_the_page_at_any_step(site, open_page):
    page = start(open_page(PHONE), site["base"])
    tap(page, "English", t("about.question"))
    tap(page, t("about.continue"), t("consent.question"))
    count = page.locator("#log .msg").count()
    page.select_option("#language", "fa")
    page.get_by_role("button", name=t("widget.language.change")).click()
    page.wait_for_function(MORE_THAN, arg=count + 1)
    page.wait_for_selector(f"#log >> text={i18n.text('fa', 'consent.question')}")
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
    assert page.locator("#log .msg.you p").last.get_attribute("lang") == "fa"
    no_violations(page, "after the language menu")


def test_a_language_typed_by_name_switches_the_page_labels_too(site, open_page):
    """The bot tells the page when a turn changed the language (here a typed name, also a resume code)."""
    page = start(open_page(PHONE), site["base"])
    say(page, "Shqip")
    page.wait_for_selector(f"#log >> text={i18n.text('sq', 'about.question')}")
    page.wait_for_function("() => document.documentElement.lang === 'sq'")
    assert page.locator("#language").input_value() == "sq"
    page.get_by_role("button", name=i18n.text("sq", "widget.language.change")).wait_for()
    assert all(text.strip() for text in page.locator("#log .msg.bot > p").all_inner_texts())  # no empty bubble
    no_violations(page, "after a typed language name")


# ---------------------------------------------------------------- read aloud
def test_read_aloud_is_not_offered_where_there_is_no_voice_and_no_recording(site, open_page):
    """No dead button: without a voice for the language nor a recording of the message, no Read aloud. A voice
    that arrives later (voiceschanged) brings the buttons (tests/test_recordings_browser.py plays recordings)."""
    page = open_page(PHONE)
    page.add_init_script("window.__voices = []; Object.defineProperty(speechSynthesis, 'getVoices', "
                         "{value: () => window.__voices});")
    start(page, site["base"])
    assert page.locator("#log .msg.bot").count() >= 1
    assert page.locator("#log .msg.bot button.say").count() == 0
    page.evaluate("() => { window.__voices = [{lang: 'en-GB', name: 'Daniel'}]; "
                  "speechSynthesis.dispatchEvent(new Event('voiceschanged')); }")
    page.locator("#log .msg.bot").first.get_by_role("button", name=t("widget.read_aloud")).wait_for()
    assert page.locator("#log .msg.bot button.say").count() == page.locator("#log .msg.bot").count()


def test_read_aloud_speaks_the_message_in_the_chosen_language(site, open_page):
    page = open_page(PHONE)
    page.add_init_script("""
        window.__spoken = [];
        Object.defineProperty(speechSynthesis, 'getVoices', {value: () => [{lang: 'fr-FR', name: 'Amélie'}]});
        Object.defineProperty(speechSynthesis, 'speak', {value: (u) => window.__spoken.push([u.text, u.lang])});
        window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    """)
    start(page, site["base"])
    count = page.locator("#log .msg").count()
    page.locator("#replies button", has_text="Français").click()
    page.wait_for_function(MORE_THAN, arg=count + 3)
    page.locator("#log .msg.bot").last.get_by_role("button", name=i18n.text("fr", "widget.read_aloud")).click()
    assert page.evaluate("window.__spoken") == [[i18n.text("fr", "about.question"), "fr-FR"]]
    assert page.inner_text("#notice") == i18n.text("fr", "widget.reading")


# ---------------------------------------------------------------- text, never HTML
def test_what_a_person_types_is_shown_as_text(site, open_page):
    page = start(open_page(PHONE), site["base"])
    for text in HOSTILE:
        say(page, text)
    assert page.locator("#log .msg.you p").all_inner_texts() == HOSTILE
    assert page.locator("#log script, #log img, #log svg, #log a[href^=javascript]").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_bot_text_and_button_titles_are_shown_as_text(site, open_page):
    """The renderer itself, fed hostile bot messages (as a bad translation could carry)."""
    page = open_page(PHONE)
    hostile = [{"text": h, "buttons": [{"title": h, "payload": "/choose{\"choice\":\"x\"}"}]} for h in HOSTILE]
    page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(hostile)))
    start(page, site["base"])
    page.wait_for_function("(n) => document.querySelectorAll('#log .msg.bot').length >= n", arg=len(HOSTILE))
    assert [p.strip() for p in bot_texts(page)] == [h.strip() for h in HOSTILE]
    assert page.locator("#replies button").all_inner_texts() == HOSTILE
    assert page.locator("script:not([src]), #log img, #replies img, svg, a[href^=javascript]").count() == 0
    page.locator("#replies button").first.click()
    assert page.evaluate("window.__pwned") is None


# ---------------------------------------------------------------- quick exit
def _sender(page) -> list[str]:
    senders: list[str] = []
    page.on("request", lambda r: senders.append(json.loads(r.post_data)["sender"])
            if r.url.endswith("/webhooks/rest/webhook") else None)
    return senders


def _rasa_says(port: int, sender: str, message: str) -> list[str]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return [m.get("text") for m in json.loads(response.read())]


def _assert_left_nothing(page, site, history_before: int):
    page.wait_for_url(site["neutral"])
    assert page.url == site["neutral"]
    assert page.evaluate("history.length") == history_before  # replaced, not added
    assert page.context.cookies() == []
    state = page.context.storage_state()
    assert state["cookies"] == [] and all(not o.get("localStorage") for o in state["origins"])
    assert site["neutral_seen"][-1]["referer"] is None  # the neutral site is not told where the person came from
    page.go_back()
    assert site["base"] not in page.url  # back does not return to the chat
    chat = page.context.new_page()
    chat.goto(site["base"] + "/healthz")
    assert chat.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    chat.close()


def test_shift_three_times_leaves_for_the_neutral_site_and_forgets_the_chat(site, open_page):
    page = open_page(PHONE)
    page.goto("about:blank")
    senders = _sender(page)
    start(page, site["base"])
    tap(page, "English", t("about.question"))
    tap(page, t("about.continue"), t("consent.question"))
    history = page.evaluate("history.length")
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    page.keyboard.press("Shift")
    assert page.inner_text("#exit-status") == t("widget.exit.press_2")
    page.keyboard.press("Shift")
    assert page.inner_text("#exit-status") == t("widget.exit.press_1")
    with page.expect_request(lambda r: r.url.endswith("/exit")) as beacon:
        page.keyboard.press("Shift")
    assert beacon.value.post_data == senders[-1]
    _assert_left_nothing(page, site, history)
    # the server forgot the conversation: the same sender starts at the welcome again
    assert _rasa_says(site["rasa"], senders[-1], "yes") == [t("welcome.text")]


def test_the_exit_overlay_blanks_the_page_and_announces_loading(site, open_page):
    page = start(open_page(PHONE), site["base"])
    # the page as it is the moment after the click, before the browser leaves
    after = page.evaluate("""() => {
        document.getElementById('exit').click();
        const overlay = document.querySelector('.exit-overlay');
        return [overlay.getAttribute('role'), overlay.textContent, document.querySelectorAll('#log .msg').length,
                getComputedStyle(document.querySelector('main')).visibility, getComputedStyle(overlay).visibility];
    }""")
    assert after == ["alert", t("widget.exit.loading"), 0, "hidden", "visible"]
    page.wait_for_url(site["neutral"])


def test_another_key_or_five_seconds_start_the_shift_count_again(site, open_page):
    page = open_page(PHONE)
    page.clock.install()
    start(page, site["base"])
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert page.inner_text("#exit-status") == t("widget.exit.press_2")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    assert page.inner_text("#exit-status") == t("widget.exit.expired")
    page.keyboard.press("Shift")
    assert page.inner_text("#exit-status") == t("widget.exit.press_2")
    page.keyboard.type("Hello")  # capitals typed with Shift held do not count
    page.keyboard.press("Shift+A")
    assert site["base"] in page.url
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert site["base"] in page.url
    page.keyboard.press("Shift")
    page.wait_for_url(site["neutral"])


def test_the_exit_button_with_the_keyboard(site, open_page):
    page = open_page(PHONE)
    page.goto("about:blank")
    start(page, site["base"])
    history = page.evaluate("history.length")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")   # skip link -> the button
    page.keyboard.press("Enter")   # the button
    _assert_left_nothing(page, site, history)


# ---------------------------------------------------------------- memory only; reload
def test_a_reload_offers_the_resume_code_and_keeps_nothing_in_the_browser(site, open_page):
    page = start(open_page(PHONE), site["base"])
    tap(page, "English", t("about.question"))
    page.reload()
    page.wait_for_selector(".msg.bot")
    page.wait_for_selector(f"#notice >> text={t('widget.reloaded')}")
    assert page.locator("#log .msg").count() == 1  # the old conversation is gone
    assert page.locator("#replies").get_by_role("button", name=t("resume.button")).count() == 1
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def test_the_privacy_notice_is_linked_at_consent_and_shows_in_place(site, open_page):
    page = start(open_page(PHONE), site["base"])
    tap(page, "English", t("about.question"))
    tap(page, t("about.continue"), t("consent.question"))
    page.locator("#log").get_by_role("link", name=t("widget.privacy.link")).click()
    assert page.evaluate("document.activeElement.id") == "panel-title"
    assert page.inner_text("#panel-title") == t("privacy.title")
    assert t("privacy.withdraw") in page.inner_text("#panel-body")
    no_violations(page, "privacy panel")
    page.click("#panel-back")
    assert page.locator("#log .msg.bot").count() > 5  # the conversation is still there
    assert page.url == site["base"] + "/"


# ---------------------------------------------------------------- support workers
def test_a_support_worker_hands_over_a_link_that_opens_the_chat_pre_set(site, open_page):
    page = open_page(PHONE)
    page.goto(site["base"] + "/worker")
    no_violations(page, "support worker page")
    page.select_option("#lang", "ar")
    page.check("#theme-housing")
    page.check("#assisted-interpreter")
    page.get_by_role("button", name=t("widget.worker.make")).click()
    page.wait_for_selector("#result:not([hidden])")
    page.wait_for_function("() => document.getElementById('result-qr').naturalWidth > 0")
    no_violations(page, "hand-over link ready")
    shot(page, "phone-9-worker")
    link = page.inner_text("#result-link")
    assert link.startswith(site["base"] + "/?start=ar.housing.interpreter.")
    chat = open_page(PHONE)
    chat.goto(link)
    chat.wait_for_selector(".msg.bot")
    assert chat.url == site["base"] + "/"  # the link's choices leave the address bar
    assert chat.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    chat.wait_for_selector(f"#log >> text={i18n.text('ar', 'about.question')}")
    for key, wait in (("about.continue", "consent.question"), ("consent.yes", "age.question"),
                      ("age.yes", "nation.question"), ("nation.wales", None)):
        tap(chat, i18n.text("ar", key), i18n.text("ar", wait) if wait else None)
    chat.wait_for_selector("#progress:not([hidden])")
    isolates = re.compile("[\u2066-\u2069]")
    expected = isolates.sub("", i18n.text("ar", "progress", topic=1, topics=1, question=1, questions=3))
    assert isolates.sub("", chat.locator("#progress").text_content()).endswith(expected)
    with site["store"].session() as s:
        assisted = [r.assisted for r in s.query(Respondent).all()]
    assert "interpreter" in assisted


def test_a_worker_must_choose_a_topic(site, open_page):
    page = open_page(PHONE)
    page.goto(site["base"] + "/worker")
    page.get_by_role("button", name=t("widget.worker.make")).click()
    assert page.locator("#themes-error").is_visible()
    assert page.locator("#result").is_hidden()


# ---------------------------------------------------------------- pages
def test_the_safety_and_privacy_pages_exist_in_every_language_and_pass_axe(site, open_page):
    page = open_page(DESKTOP)
    for code, language in i18n.languages().items():
        for kind in ("privacy", "safety"):
            response = page.goto(f"{site['base']}/{kind}/{code}")
            assert response.status == 200
            assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
                code, language.direction]
            assert page.inner_text("h1") == i18n.text(code, f"{kind}.title")
    no_violations(page, "safety page")
    page.goto(f"{site['base']}/privacy/en")
    assert t("privacy.contact") in page.inner_text("main")
    no_violations(page, "privacy page")
    assert page.goto(f"{site['base']}/privacy/xx").status == 404


def test_the_page_sends_strict_security_headers(site, open_page):
    page = open_page(PHONE)
    response = page.goto(site["base"] + "/")
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'", "base-uri 'none'"):
        assert directive in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["cache-control"] == "no-store"
    assert "set-cookie" not in headers
    assert page.locator("script:not([src]), style, [style]").count() == 0
