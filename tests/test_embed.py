"""The chat on a partner's website (embed.js), in a real browser against the real running bot.

The partner's page is served from another origin (another port on 127.0.0.1) with a strict CSP of
its own, as a careful charity would have it: the launcher opens the chat, a whole conversation runs
with the keyboard alone, axe-core finds nothing on the partner's page with the panel closed and open,
quick exit leaves the partner's page and leaves no storage behind, a site that is not invited cannot
frame the chat, and nothing of the partner's page (address, referrer, title, cookie) reaches a file,
a table or a log (only the partner's id from the admin's list, as "reached through"). The kiosk clears
itself after a conversation and after the idle time.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.conversation import i18n
from tests.browser import DESKTOP, PHONE, axe_violations, neutral_site
from tests.servers import free_port, running_bot

pytestmark = pytest.mark.servers
t = lambda key, **kw: i18n.text("en", key, **kw)  # noqa: E731
MARKER = "partnerpage" + secrets.token_hex(6)  # in the partner page's address, title and cookie
MORE_THAN = "(n) => document.querySelectorAll('#log .msg').length > n"
KIOSK_IDLE, KIOSK_WARNING = 60, 20


def host_page(base: str, lang: str = "en", direction: str = "ltr", attributes: str = "") -> str:
    return f"""<!doctype html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Get involved {MARKER}</title></head>
<body><header><a href="/">Home</a></header>
<main><h1>Get involved</h1><p>Our advocates want to hear from you.</p><p><a href="/contact">Contact us</a></p></main>
<script src="{base}/embed.js" {attributes} defer></script>
</body></html>"""


class _Host(BaseHTTPRequestHandler):
    pages: dict[str, str] = {}
    chat = ""

    def do_GET(self) -> None:  # http.server's name
        body = type(self).pages.get(self.path.split("?")[0])
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        # a partner's own strict policy: the chat's server is the only other origin it names
        self.send_header("Content-Security-Policy", f"default-src 'self'; script-src 'self' {type(self).chat}; "
                         f"frame-src {type(self).chat}; style-src 'self'; img-src 'self'; object-src 'none'")
        # a careless partner: its full address goes with every request it makes (to embed.js too)
        self.send_header("Referrer-Policy", "unsafe-url")
        self.send_header("Set-Cookie", f"visitor={MARKER}; Path=/; SameSite=Lax")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args) -> None:
        pass


@contextmanager
def host_site(port: int, chat: str, pages: dict[str, str]):
    handler = type("Host", (_Host,), {"pages": pages, "chat": chat})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("embed")
    url = f"sqlite:///{tmp / 'answers.db'}"
    host_port, stranger_port = free_port(), free_port()
    host = f"http://127.0.0.1:{host_port}"
    env = {"IMSA_EMBED_ORIGINS": f"https://charity.example, {host}", "IMSA_KIOSK_IDLE_SECONDS": str(KIOSK_IDLE),
           "IMSA_KIOSK_WARNING_SECONDS": str(KIOSK_WARNING),
           "IMSA_PARTNERS": "unseen=Unseen UK"}
    with neutral_site() as (neutral, neutral_seen):
        env["IMSA_EXIT_URL"] = neutral
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            with running_bot(url, tmp / "logs") as services:
                base = f"http://127.0.0.1:{services.ports.web}"
                pages = {
                    f"/get-involved/{MARKER}": host_page(base, attributes='data-partner="unseen"'),
                    "/rtl": host_page(base, "ar", "rtl"),
                    "/tigrinya": host_page(base, attributes='data-language="ti" data-position="left"'),
                    "/kiosk": host_page(base, attributes="data-kiosk"),
                    # an invited site that frames the chat itself, forbidding top navigation
                    "/sandboxed": f'<!doctype html><html lang="en"><head><title>x</title></head><body>'
                                  f'<iframe title="chat" sandbox="allow-scripts allow-same-origin allow-forms" '
                                  f'src="{base}/"></iframe></body></html>',
                }
                stranger_pages = {"/": host_page(base), "/raw": f'<!doctype html><html lang="en"><head><title>x</title>'
                                  f'</head><body><iframe title="chat" src="{base}/"></iframe></body></html>'}
                with host_site(host_port, base, pages) as host_url, \
                        host_site(stranger_port, base, stranger_pages) as stranger:
                    yield {"base": base, "host": host_url, "stranger": stranger, "neutral": neutral,
                           "neutral_seen": neutral_seen, "db": url, "tmp": tmp}
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


# browser and open_page (console errors, such as CSP refusals, fail a test): tests/conftest.py


# ---------------------------------------------------------------- helpers
def partner(site) -> str:
    return f"{site['host']}/get-involved/{MARKER}?case={MARKER}"


def focus(page) -> str:
    """Where the keyboard is on the partner's page: 'frame', a widget button's text, or a page element."""
    return page.evaluate("""() => {
        const a = document.activeElement;
        if (a && a.shadowRoot) {
            const s = a.shadowRoot.activeElement;
            return s ? (s.tagName === 'IFRAME' ? 'frame' : s.textContent.trim()) : 'widget';
        }
        return a ? a.tagName + ':' + (a.textContent || '').trim() : 'none';
    }""")


def chat_frame(page, base: str):
    page.wait_for_function("(base) => { const h = document.querySelector('[data-imsa-voices]');"
                           " const f = h && h.shadowRoot.querySelector('iframe');"
                           " return f && f.src.startsWith(base); }", arg=base)
    for _ in range(200):
        frames = [f for f in page.frames if f.url.startswith(base)]
        if frames:
            frames[0].wait_for_selector("#log .msg.bot")
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError("the chat's frame never loaded")


def launcher(page):
    return page.get_by_role("button", name=t("embed.launcher"), exact=True)


def no_violations(page_or_frame, state: str) -> None:
    violations = axe_violations(page_or_frame)
    assert violations == [], f"{state}: {violations}"


def tab_to(page, frame, name: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if frame.evaluate("(document.activeElement.innerText || '').trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def key_reply(page, frame, key: str, expect: str) -> None:
    count = frame.locator("#log .msg").count()
    page.keyboard.press(key)
    frame.wait_for_function(MORE_THAN, arg=count + 1)
    frame.wait_for_selector(f"#log >> text={expect}")


def open_with_keyboard(page, site):
    for _ in range(10):
        page.keyboard.press("Tab")
        if focus(page) == t("embed.launcher"):
            break
    else:
        raise AssertionError("Tab never reached the launcher")
    page.keyboard.press("Enter")
    return chat_frame(page, site["base"])


# ---------------------------------------------------------------- the launcher and a whole conversation
def test_the_launcher_opens_the_chat_and_a_whole_conversation_runs_with_the_keyboard(site, open_page):
    page = open_page(DESKTOP)
    page.goto(partner(site))
    button = launcher(page)
    button.wait_for()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("getComputedStyle(document.querySelector('[data-imsa-voices]').shadowRoot"
                         ".querySelector('.launcher')).position") == "fixed"  # styled under the partner's CSP
    no_violations(page, "partner page, panel closed")
    # the focus order: the partner's own links, then the launcher
    page.keyboard.press("Tab")
    assert focus(page) == "A:Home"
    page.keyboard.press("Tab")
    assert focus(page) == "A:Contact us"
    frame = open_with_keyboard(page, site)
    dialog = page.get_by_role("dialog", name=t("embed.launcher"))
    assert dialog.get_attribute("aria-modal") == "true"
    assert button.get_attribute("aria-expanded") == "true"
    assert focus(page) == "frame"
    # inside, focus is on the first choice once it is there
    frame.wait_for_function("() => document.activeElement.tagName === 'BUTTON'")
    assert frame.evaluate("document.activeElement.innerText") == "English"
    frame_el = page.locator("[data-imsa-voices] iframe")
    assert frame_el.get_attribute("referrerpolicy") == "no-referrer"
    assert sorted(frame_el.get_attribute("sandbox").split()) == ["allow-forms", "allow-same-origin", "allow-scripts"]
    # nothing of the partner's page in the address: the language, and the partner's id from the admin's list
    assert frame.url == f"{site['base']}/?embed=1&lang=en&partner=unseen"
    no_violations(page, "partner page, panel open")
    no_violations(frame, "the chat inside the panel")
    assert frame.locator("#worker-link").count() == 0  # hand-over links are made on the chat's own site

    key_reply(page, frame, "Enter", t("about.question"))
    key_reply(page, frame, "Space", t("consent.question"))
    key_reply(page, frame, "Enter", t("age.question"))
    key_reply(page, frame, "Enter", t("assisted.question"))
    key_reply(page, frame, "Enter", t("nation.question"))
    tab_to(page, frame, t("nation.wales"))
    key_reply(page, frame, "Space", t("themes.question"))
    tab_to(page, frame, "8. Advocates")
    key_reply(page, frame, "Enter", t("themes.picked", themes=t("theme.advocacy.name")))
    tab_to(page, frame, t("themes.done"))
    key_reply(page, frame, "Enter", t("progress", topic=1, topics=1, question=1, questions=3))
    assert frame.evaluate("document.activeElement.id") == "message"
    # Escape closes the panel; focus goes back to the launcher; the conversation is kept
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelector('[data-imsa-voices]').shadowRoot"
                           ".querySelector('[role=dialog]').hidden")
    assert focus(page) == t("embed.launcher") and button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert focus(page) == "frame"
    frame.wait_for_function("() => document.activeElement.id === 'message'")
    for n, answer in enumerate(["They should listen to me and explain my rights.",
                                "They always do what they say they will do.",
                                "They should never share my story without asking me."], start=1):
        page.keyboard.type(answer)
        expect = t("end.thanks") if n == 3 else t("progress", topic=1, topics=1, question=n + 1, questions=3)
        key_reply(page, frame, "Enter", expect)
    # Tab never leaves the open dialog for the partner's page, forwards or backwards
    for _ in range(40):
        page.keyboard.press("Tab")
        assert focus(page) in ("frame", t("embed.close")), focus(page)
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        assert focus(page) in ("frame", t("embed.close")), focus(page)
    # Close with the keyboard: back to the launcher
    for _ in range(40):
        if focus(page) == t("embed.close"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focus(page) == t("embed.launcher")
    no_violations(page, "partner page, panel closed again")
    assert page.evaluate("document.title") == f"Get involved {MARKER}"


def test_a_phone_gets_a_full_screen_sheet_and_a_right_to_left_page_a_right_to_left_launcher(site, open_page):
    page = open_page(PHONE)
    page.goto(site["host"] + "/rtl")
    button = page.get_by_role("button", name=i18n.text("ar", "embed.launcher"))
    button.wait_for()
    box = button.bounding_box()
    assert box["x"] + box["width"] / 2 < PHONE["width"] / 2  # at the start side of a right-to-left page: the left
    assert page.evaluate("document.querySelector('[data-imsa-voices]').dir") == "rtl"
    assert page.evaluate("document.querySelector('[data-imsa-voices]').lang") == "ar"
    no_violations(page, "rtl partner page, closed")
    button.click()
    frame = chat_frame(page, site["base"])
    assert frame.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    sheet = page.get_by_role("dialog").bounding_box()
    assert sheet == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    no_violations(page, "rtl partner page, open")
    page.get_by_role("button", name=i18n.text("ar", "embed.close")).click()
    assert page.get_by_role("dialog").is_hidden()

    other = open_page(PHONE)
    other.goto(site["host"] + "/tigrinya")  # data-language and data-position win over the page
    tigrinya = other.get_by_role("button", name=i18n.text("ti", "embed.launcher"))
    tigrinya.wait_for()
    assert tigrinya.bounding_box()["x"] < PHONE["width"] / 2


# ---------------------------------------------------------------- quick exit
def _left_for_the_neutral_site(page, site) -> None:
    page.wait_for_url(site["neutral"])
    assert site["neutral_seen"][-1]["referer"] is None  # the exit address is not told where the person was
    state = page.context.storage_state()
    assert all(not o.get("localStorage") for o in state["origins"]), state["origins"]
    chat = page.context.new_page()
    chat.goto(site["base"] + "/healthz")
    assert chat.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    chat.close()


def test_exit_this_page_inside_the_chat_leaves_the_partner_page(site, open_page):
    page = open_page(PHONE)
    page.goto(partner(site))
    launcher(page).click()
    frame = chat_frame(page, site["base"])
    with page.expect_request(lambda r: r.url == site["base"] + "/exit"):  # the server forgets the chat
        frame.get_by_role("button", name=t("widget.exit.prefix") + " " + t("widget.exit.button")).click()
        _left_for_the_neutral_site(page, site)


def test_a_resume_code_still_works_after_a_quick_exit(site, open_page):
    page = open_page(PHONE)
    page.goto(partner(site))
    launcher(page).click()
    frame = chat_frame(page, site["base"])
    for name in ("English", t("about.continue"), t("consent.yes"), t("age.yes"), t("assisted.none"),
                 t("nation.wales"), "8. Advocates", t("themes.done"), t("control.pause")):
        count = frame.locator("#log .msg").count()
        frame.locator("#replies").get_by_role("button", name=name, exact=True).click()
        frame.wait_for_function(MORE_THAN, arg=count + 1)
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}", frame.inner_text("#log")).group(0)
    frame.get_by_role("button", name=t("widget.exit.prefix") + " " + t("widget.exit.button")).click()
    _left_for_the_neutral_site(page, site)
    again = open_page(PHONE)
    again.goto(partner(site))
    launcher(again).click()
    frame = chat_frame(again, site["base"])
    # as a person would: the chat has greeted (its language buttons are there) before the code is typed; under
    # load the count could otherwise be taken while the greeting was still arriving
    frame.locator("#replies").get_by_role("button", name="English", exact=True).wait_for()
    count = frame.locator("#log .msg").count()
    frame.fill("#message", code)
    frame.press("#message", "Enter")
    frame.wait_for_function(MORE_THAN, arg=count + 1)
    frame.wait_for_selector(f"#log >> text={t('resume.found')}")


def test_where_the_framing_page_forbids_leaving_the_chat_clears_itself_and_says_so(site, open_page):
    page = open_page(PHONE)
    page.goto(site["host"] + "/sandboxed")
    frame = chat_frame_of(page, site["base"])
    frame.locator("#replies").get_by_role("button", name="English", exact=True).click()
    frame.wait_for_selector(f"#log >> text={t('about.question')}")
    frame.get_by_role("button", name=t("widget.exit.prefix") + " " + t("widget.exit.button")).click()
    frame.wait_for_selector(f".exit-overlay >> text={t('widget.embed.cleared')}")
    assert page.url == site["host"] + "/sandboxed"  # the page itself stayed: it forbids it
    assert frame.locator("#log .msg").count() == 0
    assert frame.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    page.errors[:] = [e for e in page.errors if "navigat" not in e.lower()]  # Chromium reports the refusal


def chat_frame_of(page, base: str):
    """The chat's frame on a page that frames it without embed.js."""
    for _ in range(200):
        frames = [f for f in page.frames if f.url.startswith(base)]
        if frames:
            frames[0].wait_for_selector("#log .msg.bot")
            return frames[0]
        page.wait_for_timeout(50)
    raise AssertionError("the chat's frame never loaded")


def test_shift_three_times_inside_the_chat_leaves_the_partner_page(site, open_page):
    page = open_page(PHONE)
    page.goto(partner(site))
    frame = open_with_keyboard(page, site)
    frame.wait_for_function("() => document.activeElement.tagName === 'BUTTON'")
    for _ in range(3):
        page.keyboard.press("Shift")
    _left_for_the_neutral_site(page, site)


def test_shift_three_times_on_the_launcher_and_escape_three_times_on_the_page_leave_it(site, open_page):
    page = open_page(DESKTOP)
    page.goto(partner(site))
    launcher(page).focus()
    for _ in range(3):
        page.keyboard.press("Shift")
    _left_for_the_neutral_site(page, site)

    page = open_page(DESKTOP)
    page.goto(partner(site))
    launcher(page).click()
    chat_frame(page, site["base"])
    page.keyboard.press("Escape")  # in the chat: closes the panel
    page.get_by_role("dialog").wait_for(state="hidden")
    page.keyboard.press("Escape")  # on the partner's page, at the launcher
    assert partner(site) == page.url
    page.keyboard.press("Escape")
    _left_for_the_neutral_site(page, site)


def test_a_message_that_is_not_from_the_chat_frame_is_ignored(site, open_page):
    page = open_page(DESKTOP)
    page.goto(partner(site))
    launcher(page).click()
    chat_frame(page, site["base"])
    # the partner's page itself, or anything else in it, cannot make the widget leave
    page.evaluate("() => window.postMessage({imsa: 'exit'}, '*')")
    page.evaluate("() => new Promise((r) => setTimeout(r, 300))")
    assert page.url == partner(site)
    assert page.get_by_role("dialog").is_visible()


# ---------------------------------------------------------------- only invited sites
def test_a_site_that_is_not_invited_cannot_frame_the_chat(site, open_page):
    page = open_page(DESKTOP)
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text):
        page.goto(site["stranger"] + "/raw")
    frames = [f for f in page.frames if f != page.main_frame]
    assert frames and all(f.locator("#log").count() == 0 for f in frames)
    # the launcher does not appear there either
    page.goto(site["stranger"] + "/")
    page.wait_for_load_state("load")
    assert page.locator("[data-imsa-voices]").count() == 0
    page.errors.clear()


def test_frame_ancestors_names_the_invited_sites_and_the_staff_area_stays_unframed(site, open_page):
    page = open_page(DESKTOP)
    chat = page.request.get(site["base"] + "/")
    assert f"frame-ancestors https://charity.example {site['host']};" in chat.headers["content-security-policy"]
    assert "x-frame-options" not in chat.headers
    staff = page.request.get(site["base"] + "/staff/login")
    assert "frame-ancestors 'none'" in staff.headers["content-security-policy"]
    assert staff.headers["x-frame-options"] == "DENY"
    script = page.request.get(site["base"] + "/embed.js")
    assert script.status == 200 and script.headers["cross-origin-resource-policy"] == "cross-origin"
    body = script.body()
    assert len(body) < 10 * 1024
    # the only addresses in it: the invited origins and the exit address (no third-party request)
    named = set(re.findall(rb"https?://[a-z0-9.:-]+", body))
    assert named <= {b"https://charity.example", site["host"].encode(), site["neutral"].rsplit("/", 1)[0].encode()}


# ---------------------------------------------------------------- nothing of the partner's page is kept
def test_nothing_of_the_partner_page_reaches_a_file_a_table_or_a_log(site, open_page):
    page = open_page(DESKTOP)
    page.goto(partner(site))
    assert MARKER in page.evaluate("document.cookie")
    launcher(page).click()
    frame = chat_frame(page, site["base"])
    assert frame.evaluate("document.referrer") == ""
    for name in ("English", t("about.continue"), t("consent.yes"), t("age.yes"), t("assisted.none"),
                 t("nation.wales"), "8. Advocates", t("themes.done")):
        count = frame.locator("#log .msg").count()
        frame.locator("#replies").get_by_role("button", name=name, exact=True).click()
        frame.wait_for_function(MORE_THAN, arg=count + 1)
    frame.fill("#message", "They should listen to me.")
    frame.press("#message", "Enter")
    frame.wait_for_selector(f"#log >> text={t('progress', topic=1, topics=1, question=2, questions=3)}")
    page.close()
    found = []
    for path in Path(site["tmp"]).rglob("*"):
        if path.is_file() and MARKER.encode() in path.read_bytes():
            found.append(str(path))
    var = Path(os.environ["IMSA_VAR_DIR"])
    for path in var.rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000 and MARKER.encode() in path.read_bytes():
            found.append(str(path))
    assert found == []
    from bot.store import Store

    store = Store(site["db"])
    with store.engine.connect() as conn:
        tables = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
        assert "answers" in tables
        for table in tables:
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                assert MARKER not in repr(tuple(row)) and site["host"] not in repr(tuple(row)), table
        assert conn.execute(text("SELECT count(*) FROM answers")).scalar() >= 1  # the answer itself was saved
        # the one thing about the partner that is kept: the organisation the chat was reached through
        assert "unseen" in {r[0] for r in conn.execute(text("SELECT reached_through FROM respondents"))}
    store.engine.dispose()
    logs = "".join(p.read_text(errors="replace") for p in (Path(site["tmp"]) / "logs").rglob("*") if p.is_file())
    assert "GET /embed.js" in logs  # the log is there and does name the script's request
    assert site["host"] not in logs


# ---------------------------------------------------------------- kiosk
def test_a_kiosk_clears_itself_after_a_conversation_and_after_the_idle_time(site, open_page):
    page = open_page(PHONE)
    page.clock.install()
    page.goto(site["base"] + "/?kiosk=1")
    page.wait_for_selector("#log .msg.bot")
    assert page.locator("#replies").get_by_role("button", name=t("resume.button")).count() == 0

    def tap(name):
        count = page.locator("#log .msg").count()
        page.locator("#replies").get_by_role("button", name=name, exact=True).click()
        page.wait_for_function(MORE_THAN, arg=count + 1)

    for name in ("English", t("about.continue"), t("consent.yes"), t("age.yes"), t("assisted.none"),
                 t("nation.wales")):
        tap(name)
    assert page.locator("#replies").get_by_role("button", name=t("control.pause")).count() == 0
    # no input for a while: a gentle warning first, and "I am still here" keeps everything
    page.clock.run_for((KIOSK_IDLE - KIOSK_WARNING) * 1000 + 100)
    page.wait_for_selector(f"#notice >> text={t('widget.kiosk.warning', seconds=KIOSK_WARNING)}")
    page.get_by_role("button", name=t("widget.kiosk.stay")).click()
    assert page.locator("#notice").inner_text() == ""
    assert page.locator("#log .msg").count() > 5
    page.clock.run_for((KIOSK_IDLE - KIOSK_WARNING) * 1000 + 100)
    page.wait_for_selector(f"#notice >> text={t('widget.kiosk.warning', seconds=KIOSK_WARNING)}")
    with page.expect_navigation():
        page.clock.run_for(KIOSK_WARNING * 1000 + 100)
    page.wait_for_selector("#log .msg.bot")
    assert page.locator("#log .msg").count() == 1  # the next person starts at the beginning
    assert page.locator("#log .msg.bot p").inner_text() == t("welcome.text")
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.locator("#notice").inner_text() == ""  # no "reloaded, use your code" notice on a kiosk

    # after a whole conversation: one button clears the screen for the next person
    tap("English")
    tap(t("about.continue"))
    tap(t("consent.yes"))
    tap(t("age.no"))  # under 18: the chat ends kindly
    clear = page.locator("#replies").get_by_role("button", name=t("widget.kiosk.clear"))
    assert clear.count() == 1
    with page.expect_navigation():
        clear.click()
    page.wait_for_selector("#log .msg.bot")
    assert page.locator("#log .msg").count() == 1
    assert page.locator("#replies").get_by_role("button", name=t("resume.button")).count() == 0


def test_data_kiosk_on_the_partner_page_opens_a_kiosk_chat(site, open_page):
    page = open_page(PHONE)
    page.goto(site["host"] + "/kiosk")
    launcher(page).click()
    frame = chat_frame(page, site["base"])
    assert frame.url == f"{site['base']}/?embed=1&lang=en&kiosk=1"
    assert frame.locator("#replies").get_by_role("button", name=t("resume.button")).count() == 0
