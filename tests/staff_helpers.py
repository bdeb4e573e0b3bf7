"""Signing in to the staff area from tests, over real HTTP: the password, then the second factor with real codes.

    from tests.staff_helpers import sign_in
    csrf = await sign_in(client, "alice", "correct horse battery")       # an aiohttp TestClient
    csrf = sign_in_requests(http, base, "alice", "correct horse battery")  # a requests.Session
    browser_sign_in(page, base, "alice", "correct horse battery")        # a Playwright page
    await client.post("/staff/...", data={"csrf_token": csrf, ...})      # or headers={"X-CSRF-Token": csrf}

The first sign-in of a person sets up their authenticator app the way a person does: the key is read from the
set-up page (the text shown beside the QR code), a real pyotp code confirms it, and the ten recovery codes shown
are kept. Later sign-ins answer a real code. The server accepts each 30-second time step once per person, and one
step either side of now: when a test signs the same person in more often than that allows, a recovery code is
used, and when none is left the helper waits for the next step. Keys are kept per server address and name, and
replaced whenever a person sets up again (a fresh database on a reused port starts with nobody set up).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from urllib.parse import urlsplit

import pyotp

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY = re.compile(r'<code class="key" id="key">([A-Z2-7 ]+)</code>')
RECOVERY = re.compile(r"<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")
SECOND_FACTOR = "/staff/second-factor"
SAFETY_SECONDS = 3  # a code chosen now must still be in the server's window a moment later

SECRETS: dict[tuple[str, str], str] = {}
RECOVERY_CODES: dict[tuple[str, str], list[str]] = {}
LAST_STEP: dict[tuple[str, str], int] = {}


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1)


def _origin(url: str) -> str:
    parts = urlsplit(str(url))
    return f"{parts.scheme}://{parts.netloc}"


def remember_enrolment(origin: str, name: str, page_html: str) -> str:
    """The key on a set-up page, kept for later sign-ins of `name` at `origin`; returns it."""
    match = KEY.search(page_html)
    assert match, "no key on the set-up page"
    key = (_origin(origin), name)
    SECRETS[key] = match.group(1).replace(" ", "")
    LAST_STEP.pop(key, None)
    RECOVERY_CODES.pop(key, None)
    return SECRETS[key]


def remember_recovery_codes(origin: str, name: str, page_html: str) -> list[str]:
    codes = RECOVERY.findall(page_html)
    assert len(codes) == 10, "the recovery codes page should show ten codes"
    RECOVERY_CODES[(_origin(origin), name)] = list(codes)
    return codes


def next_code(origin: str, name: str) -> str | None:
    """A code for a time step the server has not accepted yet for this person and still accepts, or None."""
    key = (_origin(origin), name)
    totp = pyotp.TOTP(SECRETS[key])
    now = dt.datetime.now(dt.timezone.utc)
    low = totp.timecode(now + dt.timedelta(seconds=SAFETY_SECONDS)) - 1
    high = totp.timecode(now) + 1
    last = LAST_STEP.get(key)
    for step in range(low, high + 1):
        if last is None or step > last:
            LAST_STEP[key] = step
            return totp.generate_otp(step)
    return None


def _answer(origin: str, name: str, page_html: str, path: str) -> tuple[str, dict]:
    """(where to post, the form) that answers the second-factor page in `page_html`."""
    key = (_origin(origin), name)
    next_path = re.search(r'name="next" value="([^"]*)"', page_html)
    form = {"csrf_token": csrf_from(page_html), "next": next_path.group(1) if next_path else "/staff"}
    if 'id="key"' in page_html:  # setting up: the key shown as text, then a code from it
        remember_enrolment(origin, name, page_html)
        code = next_code(origin, name)
        return SECOND_FACTOR, {**form, "code": code}
    assert key in SECRETS, f"{name} has a second factor this helper never saw set up"
    code = next_code(origin, name)
    if code is None and RECOVERY_CODES.get(key):
        return SECOND_FACTOR + "/recovery", {**form, "code": RECOVERY_CODES[key].pop()}
    if code is None:  # every step in the window used, no recovery code left: the next step comes
        return "", form
    return SECOND_FACTOR, {**form, "code": code}


def _wait_for_next_step() -> float:
    return 30 - (time.time() % 30) + 0.5


async def second_factor_step(client, name: str, location: str):
    """Answer the second-factor page at `location` (where the password sent the browser) with a real code, or set
    up first; returns the last response (a 303 to the next page, or the page of recovery codes, with the cookie)."""
    origin = str(client.make_url("/"))
    page = await client.get(location, allow_redirects=False)
    text = await page.text()
    path, form = _answer(origin, name, text, SECOND_FACTOR)
    while not path:
        await asyncio.sleep(_wait_for_next_step())
        path, form = _answer(origin, name, text, SECOND_FACTOR)
    answered = await client.post(path, data=form, allow_redirects=False)
    body = await answered.text()
    if answered.status == 200 and "Your recovery codes" in body:
        remember_recovery_codes(origin, name, body)
    else:
        assert answered.status == 303, f"second factor failed: {answered.status} {body[:2000]}"
    return answered


async def sign_in(client, name: str, password: str) -> str:
    """Sign in through the login form and the second factor; returns the session's CSRF token (the cookie stays
    in the client, an aiohttp TestClient)."""
    response = await client.get("/staff/login")
    token = csrf_from(await response.text())
    response = await client.post("/staff/login", data={"name": name, "password": password, "csrf_token": token},
                                 allow_redirects=False)
    assert response.status == 303, f"sign-in failed: {response.status} {await response.text()}"
    if response.headers["Location"].startswith(SECOND_FACTOR):
        await second_factor_step(client, name, response.headers["Location"])
    response = await client.get("/staff")
    assert response.status == 200
    return csrf_from(await response.text())


def sign_in_requests(http, base: str, name: str, password: str) -> str:
    """The same with a requests.Session against a running page server at `base`; returns the CSRF token."""
    page = http.get(base + "/staff/login").text
    signed = http.post(base + "/staff/login", data={"name": name, "password": password,
                                                    "csrf_token": csrf_from(page)}, allow_redirects=False)
    assert signed.status_code == 303, signed.text[:2000]
    if signed.headers["Location"].startswith(SECOND_FACTOR):
        text = http.get(base + signed.headers["Location"], allow_redirects=False).text
        path, form = _answer(base, name, text, SECOND_FACTOR)
        while not path:
            time.sleep(_wait_for_next_step())
            path, form = _answer(base, name, text, SECOND_FACTOR)
        answered = http.post(base + path, data=form, allow_redirects=False)
        if answered.status_code == 200 and "Your recovery codes" in answered.text:
            remember_recovery_codes(base, name, answered.text)
        else:
            assert answered.status_code == 303, answered.text[:2000]
    return csrf_from(http.get(base + "/staff").text)


def answer_in_browser(page, base: str, name: str) -> None:
    """On a second-factor page in a Playwright page: set up (reading the key shown) or type a code."""
    html = page.content()
    if 'id="key"' in html:
        remember_enrolment(base, name, html)
        page.fill("#code", next_code(base, name))
        page.click("main button[type=submit]")
        page.wait_for_selector("ol.recovery-codes")
        remember_recovery_codes(base, name, page.content())
        page.click("text=I have kept my recovery codes: continue")
        return
    code = next_code(base, name)
    while code is None:
        key = (_origin(base), name)
        if RECOVERY_CODES.get(key):
            page.click("text=Use a recovery code instead")
            page.wait_for_url(re.compile(re.escape(base) + r"/staff/second-factor/recovery"))
            page.fill("#code", RECOVERY_CODES[key].pop())
            page.click("main button[type=submit]")
            return
        time.sleep(_wait_for_next_step())
        code = next_code(base, name)
    page.fill("#code", code)
    page.click("main button[type=submit]")


def browser_sign_in(page, base: str, name: str, password: str, next_path: str = "/staff") -> None:
    """Sign in in a real browser: the login form, then the second-factor page; ends on `next_path`."""
    page.goto(base + "/staff/login" + (f"?next={next_path}" if next_path != "/staff" else ""))
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + r"/staff/second-factor"))
    answer_in_browser(page, base, name)
    page.wait_for_url(base + next_path)
