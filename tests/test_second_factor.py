"""The staff second factor: set up after the password, a real code at every sign-in, replay refused, wrong codes
rate limited, recovery codes once each, admin reset, the `optional` policy, and nothing of it in logs.

Codes are real RFC 6238 codes made with pyotp from the key the set-up page shows (as a person's app would); the
app runs for real (aiohttp TestServer) on SQLite and PostgreSQL; the browser tests run the web process with
Debian's Chromium and axe-core.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update

from bot.cli import commands as cli
from bot.staff import auth, second_factor, users
from bot.staff.second_factor import grouped
from bot.store import Store, get_store
from bot.store.models import RecoveryCode, StaffSession, User
from bot.web import app as web_app
from tests.servers import web_process
from tests.staff_helpers import KEY, RECOVERY, browser_sign_in, csrf_from, sign_in

PASSWORD = "correct horse battery"
OPEN_BEFORE_THE_SECOND_FACTOR = {
    ("GET", "/staff/login"), ("POST", "/staff/login"), ("POST", "/staff/logout"),
    ("GET", "/staff/second-factor"), ("POST", "/staff/second-factor"),
    ("GET", "/staff/second-factor/recovery"), ("POST", "/staff/second-factor/recovery"),
    ("POST", "/staff/second-factor/key/options"), ("POST", "/staff/second-factor/key"),
}


# --- helpers ----------------------------------------------------------------------------------------------------------
def make_app(store: Store):
    app = web_app.make_app("http://127.0.0.1:9")
    app["staff_store"] = store
    return app


def run(store: Store, scenario):
    async def go():
        async with TestClient(TestServer(make_app(store))) as client:
            return await scenario(client)

    return asyncio.run(go())


def staff_routes(store: Store) -> list[tuple[str, str]]:
    found = set()
    for route in make_app(store).router.routes():
        path = route.resource.canonical if route.resource is not None else ""
        if path.startswith("/staff") and route.method != "HEAD":
            found.add((route.method, re.sub(r"\{[^}]+\}", "1", path)))
    return sorted(found)


def actions(store: Store) -> list[tuple[str, str]]:
    return [(a.actor, a.action) for a in store.audit_log()]


class Person:
    """Someone's authenticator app: the key read from the set-up page, real codes for any time step."""

    def __init__(self, key_text: str) -> None:
        self.secret = key_text.replace(" ", "")
        self.totp = pyotp.TOTP(self.secret)

    def step(self) -> int:
        return self.totp.timecode(dt.datetime.now(dt.timezone.utc))

    def code(self, step: int) -> str:
        return self.totp.generate_otp(step)


async def password(client, name: str, next_path: str = "/staff"):
    form = await client.get("/staff/login")
    return await client.post("/staff/login", allow_redirects=False, data={
        "name": name, "password": PASSWORD, "csrf_token": csrf_from(await form.text()), "next": next_path})


async def enrol(client, name: str) -> tuple[Person, list[str]]:
    """Password, then set up: the key from the page, a real code; returns the app and the recovery codes."""
    response = await password(client, name)
    assert response.headers["Location"] == "/staff/second-factor?next=/staff"
    page = await (await client.get(response.headers["Location"])).text()
    person = Person(KEY.search(page).group(1))
    done = await client.post("/staff/second-factor", allow_redirects=False, data={
        "csrf_token": csrf_from(page), "next": "/staff", "code": person.code(person.step())})
    text = await done.text()
    assert done.status == 200 and "Your recovery codes" in text
    return person, RECOVERY.findall(text)


async def answer(client, code: str, path: str = "/staff/second-factor"):
    page = await (await client.get(path + "?next=/staff")).text()
    return await client.post(path, allow_redirects=False,
                             data={"csrf_token": csrf_from(page), "next": "/staff", "code": code})


async def sign_out(client) -> None:
    page = await (await client.get("/staff/second-factor")).text()
    await client.post("/staff/logout", data={"csrf_token": csrf_from(page)}, allow_redirects=False)
    client.session.cookie_jar.clear()


@pytest.fixture
def people(store):
    return {role: users.add_user(store, f"the-{role.replace('_', '-')}", role, PASSWORD,
                                 languages=("ti",) if role == "translator" else ()) for role in users.ROLES}


# --- a password alone opens nothing -----------------------------------------------------------------------------------
def test_a_password_alone_reaches_no_staff_page_and_no_export(store, people):
    routes = [r for r in staff_routes(store) if r not in OPEN_BEFORE_THE_SECOND_FACTOR]
    assert ("GET", "/staff/export") in routes and ("GET", "/staff/users") in routes and len(routes) >= 20
    # the guard is the only way in: every route but the listed ones refuses a password-only session
    app = make_app(store)
    open_routes = {(r.method, r.resource.canonical) for r in app.router.routes()
                   if getattr(r.handler, "pending_ok", False) and r.method != "HEAD"}
    assert open_routes == OPEN_BEFORE_THE_SECOND_FACTOR - {("GET", "/staff/login"), ("POST", "/staff/login")}

    async def walk(client, csrf: str) -> None:
        for method, path in routes:
            target = path + ("?format=csv" if path == "/staff/export" else "")
            response = await client.request(method, target, allow_redirects=False,
                                            data={"csrf_token": csrf, "name": "x", "password": PASSWORD,
                                                  "confirm": PASSWORD, "role": "admin"})
            if method == "GET":
                assert response.status == 303, (method, path)
                location = urlsplit(response.headers["Location"])
                assert location.path == "/staff/second-factor", path
                assert parse_qs(location.query)["next"] == [target], path
            else:  # a valid CSRF token: refused because of the missing second factor, nothing else
                assert response.status == 403, (method, path)
                assert "Finish signing in" in await response.text(), (method, path)
            as_json = await client.request(method, target, allow_redirects=False,
                                           headers={"Accept": "application/json", "X-CSRF-Token": csrf})
            assert as_json.status == 403, (method, path)

    async def scenario(client):
        for role in ("admin", "staff"):  # not set up yet: the set-up page is all there is
            client.session.cookie_jar.clear()
            await password(client, people[role].name)
            page = await (await client.get("/staff/second-factor")).text()
            assert "Set up your authenticator app" in page and '<nav aria-label="Staff area">' not in page
            await walk(client, csrf_from(page))
        client.session.cookie_jar.clear()
        await enrol(client, "the-admin")
        await sign_out(client)
        await password(client, "the-admin")  # set up now: the code is asked, and still nothing else opens
        page = await (await client.get("/staff/second-factor")).text()
        assert "Enter your code" in page
        await walk(client, csrf_from(page))

    before = len(store.audit_log())
    run(store, scenario)
    changes = [a for a in actions(store)[before:] if a[1] not in (
        "login", "second_factor_set_up", "logout")]
    assert changes == []  # no export, no user added, nothing changed
    assert [u.name for u in users.list_users(store)] == sorted(u.name for u in people.values())


# --- set up, sign in, replay ------------------------------------------------------------------------------------------
def test_set_up_then_a_code_at_every_sign_in_and_a_used_code_is_refused(store, people):
    async def scenario(client):
        response = await password(client, "the-staff", "/staff/answers")
        assert response.headers["Location"] == "/staff/second-factor?next=/staff/answers"
        page = await (await client.get(response.headers["Location"])).text()
        assert '<svg role="img" aria-label="QR code for your authenticator app"' in page  # drawn here, inline
        assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
        again = await (await client.get(response.headers["Location"])).text()
        assert KEY.search(again).group(1) == KEY.search(page).group(1)  # a reload shows the same key
        person = Person(KEY.search(page).group(1))
        assert len(person.secret) == 32  # 160 bits
        # the QR code is the otpauth:// address of that key for this person (the same drawing segno makes of it)
        uri = second_factor.provisioning_uri(person.secret, "the-staff")
        assert uri == f"otpauth://totp/IMSA%20Voices:the-staff?secret={person.secret}&issuer=IMSA%20Voices"
        assert second_factor.qr_svg(uri) in page
        csrf = csrf_from(page)

        async def post(code: str):
            return await client.post("/staff/second-factor", allow_redirects=False,
                                     data={"csrf_token": csrf, "next": "/staff/answers", "code": code})

        empty = await post("")
        assert empty.status == 400 and "Enter the 6-digit code" in await empty.text()
        wrong = await post(person.code(person.step() + 5))  # a real code, but not for now
        assert wrong.status == 401 and "The code is not right" in await wrong.text()
        assert not second_factor.is_enrolled(store, people["staff"].id)  # not set up before a right code
        step = person.step()
        done = await post(" ".join([person.code(step)[:3], person.code(step)[3:]]))  # "123 456" is fine
        text = await done.text()
        assert done.status == 200 and "This is the only time they are shown" in text
        codes = RECOVERY.findall(text)
        assert len(codes) == 10 == len(set(codes))
        assert 'href="/staff/answers"' in text
        assert (await client.get("/staff/answers")).status == 200

        await sign_out(client)
        await password(client, "the-staff")
        replay = await answer(client, person.code(step))  # the code that set it up: used once already
        assert replay.status == 401 and "used already" in await replay.text()
        too_old = await answer(client, person.code(step - 2))
        assert too_old.status == 401
        ahead = await answer(client, person.code(step + 1))  # a phone clock a step ahead is fine
        assert ahead.status == 303 and ahead.headers["Location"] == "/staff"
        assert (await client.get("/staff")).status == 200

        await sign_out(client)  # the same code, in another sign-in within its 30 seconds: refused
        await password(client, "the-staff")
        assert (await answer(client, person.code(step + 1))).status == 401
        assert (await answer(client, person.code(step))).status == 401  # older than the last one: refused too
        return person, codes

    person, codes = run(store, scenario)
    with store.session() as s:
        row = s.execute(select(User).where(User.name == "the-staff")).scalar_one()
        hashes = [r.code_hash for r in s.execute(select(RecoveryCode)).scalars()]
    assert row.totp_secret and person.secret not in row.totp_secret  # encrypted at rest
    assert second_factor.decrypt(row.totp_secret) == person.secret
    assert row.second_factor_on == dt.date.today()
    assert len(hashes) == 10 and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    assert not any(c.replace("-", "") in h or c in h for c in codes for h in hashes)
    assert [a for a in actions(store) if a[1].startswith("second_factor")] == [
        ("the-staff", "second_factor_failed"), ("the-staff", "second_factor_set_up"),
        ("the-staff", "second_factor_failed"), ("the-staff", "second_factor_failed"),
        ("the-staff", "second_factor"), ("the-staff", "second_factor_failed"),
        ("the-staff", "second_factor_failed")]


def test_one_code_racing_in_two_requests_signs_in_once(sqlite_store):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)

    async def scenario(client):
        person, _ = await enrol(client, "kim")
        step = person.step() + 1
        async with TestClient(TestServer(make_app(sqlite_store))) as other:
            await sign_out(client)
            await password(client, "kim")
            await password(other, "kim")
            pages = [await (await c.get("/staff/second-factor")).text() for c in (client, other)]
            results = await asyncio.gather(*[
                c.post("/staff/second-factor", allow_redirects=False,
                       data={"csrf_token": csrf_from(p), "next": "/staff", "code": person.code(step)})
                for c, p in zip((client, other), pages)])
            return sorted(r.status for r in results)

    assert run(sqlite_store, scenario) == [303, 401]


def test_a_second_password_only_session_cannot_replace_a_factor_set_up_meanwhile(sqlite_store):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)

    async def scenario(client):
        async with TestClient(TestServer(make_app(sqlite_store))) as intruder:
            await password(intruder, "kim")  # someone else with kim's password opens the set-up page first
            theirs_page = await (await intruder.get("/staff/second-factor")).text()
            theirs = Person(KEY.search(theirs_page).group(1))
            person, _ = await enrol(client, "kim")  # kim sets up
            late = await intruder.post("/staff/second-factor", allow_redirects=False, data={
                "csrf_token": csrf_from(theirs_page), "next": "/staff", "code": theirs.code(theirs.step())})
            assert late.status == 401  # now a code of kim's app is asked, and theirs is not one
            assert (await intruder.get("/staff", allow_redirects=False)).status == 303
            with sqlite_store.session() as s:
                stored = s.execute(select(User.totp_secret)).scalar_one()
            assert second_factor.decrypt(stored) == person.secret
        # and at the lowest level: setting up over an existing factor does nothing
        assert second_factor.confirm_enrolment(sqlite_store, 1, theirs.secret, theirs.code(theirs.step())) is None
        assert second_factor.decrypt(stored) == person.secret

    run(sqlite_store, scenario)


# --- rate limit -------------------------------------------------------------------------------------------------------
def test_wrong_codes_count_toward_the_sign_in_rate_limit(store, people):
    async def scenario(client):
        person, _ = await enrol(client, "the-staff")
        await sign_out(client)
        await password(client, "the-staff")
        for n in range(auth.MAX_FAILURES_PER_NAME):
            wrong = await answer(client, f"{(int(person.code(person.step())) + 1 + n) % 1000000:06d}")
            assert wrong.status == 401, n
        limited = await answer(client, person.code(person.step() + 1))  # the right code, too late
        assert limited.status == 429 and limited.headers["Retry-After"] == "900"
        assert "too many tries. Wait 15 minutes" in await limited.text()
        assert (await client.get("/staff", allow_redirects=False)).headers["Location"].startswith("/staff/login")
        again = await password(client, "the-staff")  # the password now waits too
        assert again.status == 429
        with store.session() as s:  # 15 minutes later the tries no longer count
            from bot.store.models import LoginFailure

            s.execute(update(LoginFailure).values(failed_at=auth.now() - dt.timedelta(minutes=16)))
        await password(client, "the-staff")
        assert (await answer(client, person.code(person.step() + 1))).status == 303

    run(store, scenario)
    assert ("the-staff", "login_refused") in actions(store)


# --- recovery codes ---------------------------------------------------------------------------------------------------
def test_recovery_codes_work_once_each(store, people):
    async def scenario(client):
        _, codes = await enrol(client, "the-admin")
        for code in codes[:3]:
            await sign_out(client)
            await password(client, "the-admin")
            used = await answer(client, code.lower(), "/staff/second-factor/recovery")  # case does not matter
            assert used.status == 303, code
            assert (await client.get("/staff")).status == 200
        await sign_out(client)
        await password(client, "the-admin")
        for code in codes[:3] + ["ABCDE-23456"]:
            refused = await answer(client, code, "/staff/second-factor/recovery")
            assert refused.status == 401 and "each code works once" in await refused.text()
        assert (await client.get("/staff", allow_redirects=False)).status == 303
        assert (await answer(client, codes[3], "/staff/second-factor/recovery")).status == 303
        return await (await client.get("/staff/account/second-factor")).text()

    account = run(store, scenario)
    assert "6 of 10" in account
    assert [a for a in actions(store) if a[1] == "recovery_code_used"] == [("the-admin", "recovery_code_used")] * 4


# --- resets -----------------------------------------------------------------------------------------------------------
def test_an_admin_resets_someone_elses_second_factor_and_their_sessions_end(store, people):
    async def scenario(client):
        await sign_in(client, "the-admin", PASSWORD)
        async with TestClient(TestServer(make_app(store))) as other:
            await enrol(other, "the-staff")
            assert (await other.get("/staff")).status == 200
            page = await (await client.get("/staff/users/the-staff")).text()
            assert "Set up on " in page and "10 of 10 recovery codes left" in page
            csrf = csrf_from(page)
            reset = await client.post("/staff/users/the-staff/second-factor", data={"csrf_token": csrf},
                                      allow_redirects=False)
            assert reset.status == 303
            assert "second factor of the-staff was reset" in await (await client.get(reset.headers["Location"])).text()
            assert (await other.get("/staff", allow_redirects=False)).headers["Location"].startswith("/staff/login")
            other.session.cookie_jar.clear()
            await password(other, "the-staff")  # set up again at the next sign-in
            assert "Set up your authenticator app" in await (await other.get("/staff/second-factor")).text()

        own = await client.post("/staff/users/the-admin/second-factor", data={"csrf_token": csrf})
        assert own.status == 400 and "cannot reset your own second factor here" in await own.text()
        assert second_factor.is_enrolled(store, people["admin"].id)
        assert (await client.get("/staff")).status == 200

    run(store, scenario)
    assert ("the-admin", "second_factor_reset") in actions(store)
    (entry,) = [a for a in store.audit_log() if a.action == "second_factor_reset"]
    assert entry.detail == "the-staff; 1 sessions ended"


def test_nobody_removes_their_own_second_factor_without_a_code(sqlite_store):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)

    async def scenario(client):
        person, codes = await enrol(client, "kim")
        page = await (await client.get("/staff/account/second-factor")).text()
        csrf = csrf_from(page)
        for code in ("", "000000", codes[0][:4]):
            refused = await client.post("/staff/account/second-factor/reset", data={"csrf_token": csrf, "code": code})
            assert refused.status in (400, 401) and "Nothing was changed" in await refused.text()
        assert second_factor.is_enrolled(sqlite_store, 1)
        done = await client.post("/staff/account/second-factor/reset", allow_redirects=False,
                                 data={"csrf_token": csrf, "code": codes[0]})
        assert done.status == 303 and done.headers["Location"].startswith("/staff/second-factor")
        assert not second_factor.is_enrolled(sqlite_store, 1)
        assert (await client.get("/staff", allow_redirects=False)).headers["Location"].startswith(
            "/staff/second-factor")  # back to setting up: nothing else opens meanwhile
        page = await (await client.get(done.headers["Location"])).text()
        new = Person(KEY.search(page).group(1))
        assert new.secret != person.secret
        set_up = await client.post("/staff/second-factor", data={
            "csrf_token": csrf_from(page), "next": "/staff", "code": new.code(new.step())})
        assert "Your recovery codes" in await set_up.text()
        with sqlite_store.session() as s:
            assert s.execute(select(RecoveryCode.id)).all().__len__() == 10  # the old ten are gone

    run(sqlite_store, scenario)
    assert ("kim", "second_factor_removed") in actions(sqlite_store)


def test_reset_second_factor_on_the_command_line(sqlite_store, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", sqlite_store.url)
    get_store.cache_clear()
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)

    async def scenario(client):
        await enrol(client, "kim")
        code = cli.main(["user", "reset-second-factor", "KIM", "--by", "root"])
        assert code == 0
        assert (await client.get("/staff", allow_redirects=False)).headers["Location"].startswith("/staff/login")

    try:
        run(sqlite_store, scenario)
        out = capsys.readouterr()
        assert "second factor of kim is reset" in out.out
        assert cli.main(["user", "reset-second-factor", "nobody"]) == 1
        assert "no user called 'nobody'" in capsys.readouterr().err
    finally:
        get_store.cache_clear()
    assert not second_factor.is_enrolled(sqlite_store, 1)
    assert ("root", "second_factor_reset") in actions(sqlite_store)


# --- the policy -------------------------------------------------------------------------------------------------------
def test_optional_policy_lets_people_without_a_factor_in_and_still_asks_those_with_one(sqlite_store, monkeypatch):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)
    monkeypatch.setenv("IMSA_STAFF_SECOND_FACTOR", "optional")

    async def scenario(client):
        response = await password(client, "kim", "/staff/answers")
        assert response.status == 303 and response.headers["Location"] == "/staff/answers"
        assert (await client.get("/staff/answers")).status == 200
        account = await (await client.get("/staff/account/second-factor")).text()
        assert "You have not set up a second factor" in account

        monkeypatch.setenv("IMSA_STAFF_SECOND_FACTOR", "required")  # (anything unknown stops the start: test_settings)
        assert second_factor.policy() == "required"
        moved = await client.get("/staff/answers", allow_redirects=False)  # the open session no longer opens
        assert moved.status == 303 and moved.headers["Location"].startswith("/staff/second-factor")
        monkeypatch.setenv("IMSA_STAFF_SECOND_FACTOR", "optional")

        page = await (await client.get("/staff/second-factor?next=/staff/account/second-factor")).text()
        person = Person(KEY.search(page).group(1))  # set up by choice
        done = await client.post("/staff/second-factor", data={
            "csrf_token": csrf_from(page), "next": "/staff", "code": person.code(person.step())})
        assert "Your recovery codes" in await done.text()
        await sign_out(client)
        asked = await password(client, "kim")  # set up: asked even though the policy is optional
        assert asked.headers["Location"].startswith("/staff/second-factor")
        assert (await client.get("/staff", allow_redirects=False)).status == 303

    run(sqlite_store, scenario)


# --- nothing of the factor in logs, or in the audit log ---------------------------------------------------------------
def test_nothing_of_the_factor_reaches_the_logs(sqlite_store, caplog):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)
    caplog.set_level(logging.DEBUG)

    async def scenario(client):
        person, codes = await enrol(client, "kim")
        await sign_out(client)
        await password(client, "kim")
        await answer(client, "123456")
        await answer(client, codes[0], "/staff/second-factor/recovery")
        return person, codes

    person, codes = run(sqlite_store, scenario)
    logged = caplog.text + "".join(f"{a.actor} {a.action} {a.detail}" for a in sqlite_store.audit_log())
    assert "kim" in logged  # the logs were captured
    for secret in [person.secret, *codes, *[c.replace("-", "") for c in codes], "123456"]:
        assert secret not in logged


def test_a_session_from_before_the_upgrade_must_answer_the_second_factor(sqlite_store):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)
    user = users.list_users(sqlite_store)[0]
    token, _ = auth.start_session(sqlite_store, user, second_factor=True)  # as if opened before: passed ...
    with sqlite_store.session() as s:  # ... but the migration writes False into every existing session
        s.execute(update(StaffSession).values(second_factor=False))

    async def scenario(client):
        client.session.cookie_jar.update_cookies({auth.COOKIE: token})
        response = await client.get("/staff/answers", allow_redirects=False)
        assert response.headers["Location"] == "/staff/second-factor?next=/staff/answers"

    run(sqlite_store, scenario)


def test_keys_are_unreadable_under_another_server_secret(monkeypatch):
    token = second_factor.encrypt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert second_factor.decrypt(token) == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    from bot.conversation import resume_codes as codes

    monkeypatch.setenv("IMSA_SECRET_KEY", "another secret entirely")
    codes.secret_key.cache_clear()
    try:
        assert second_factor.decrypt(token) is None
    finally:
        monkeypatch.undo()
        codes.secret_key.cache_clear()


def test_a_security_key_that_does_not_verify_is_refused_and_counted(sqlite_store):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)

    async def scenario(client):
        await enrol(client, "kim")
        await sign_out(client)
        await password(client, "kim")
        csrf = csrf_from(await (await client.get("/staff/second-factor")).text())
        headers = {"X-CSRF-Token": csrf, "Accept": "application/json"}
        none = await client.post("/staff/second-factor/key/options", headers=headers)
        assert none.status == 400  # kim has no key: nothing to ask for
        forged = await client.post("/staff/second-factor/key", headers=headers, json={
            "credential": {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}, "next": "/staff"})
        assert forged.status == 401 and "not accepted" in (await forged.json())["error"]
        assert (await client.get("/staff", allow_redirects=False)).status == 303
        adding = await client.post("/staff/account/second-factor/keys/options", headers=headers)
        assert adding.status == 403  # adding a key needs a full sign-in

    run(sqlite_store, scenario)
    assert ("kim", "security_key_failed") in actions(sqlite_store)


# --- in a real browser ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("second-factor-site")
    url = f"sqlite:///{tmp / 'staff.db'}"
    store = Store(url)
    users.add_user(store, "the-admin", "admin", PASSWORD)
    users.add_user(store, "browser-staff", "staff", PASSWORD)
    users.add_user(store, "key-person", "staff", PASSWORD)
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store, "log": tmp / "web.log"}
    store.engine.dispose()


def checked(page, state: str) -> None:
    from tests.browser import checked as axe_checked

    axe_checked(page, "second-factor-" + state)


@pytest.mark.servers
def test_set_up_and_sign_in_in_a_browser_pass_axe(site, open_page):
    from tests.browser import DESKTOP

    base = site["base"]
    person = None
    for viewport in ({"width": 320, "height": 640}, DESKTOP):
        page = open_page(viewport)
        page.goto(base + "/staff/login?next=/staff/answers")
        page.fill("#name", "browser-staff")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor"))
        code_box = page.get_by_label("Code from your authenticator app")
        if person is None:  # the first time: set up
            assert page.locator("h1").inner_text() == "Set up your authenticator app"
            assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
            assert code_box.get_attribute("autocomplete") == "one-time-code"
            assert code_box.get_attribute("inputmode") == "numeric"
            checked(page, "set-up")
            code_box.fill("12345")
            page.click("main button[type=submit]")
            page.wait_for_selector(".error-summary")
            assert "Enter the code as 6 digits" in page.locator(".error-summary").inner_text()
            assert code_box.get_attribute("aria-invalid") == "true"
            checked(page, "set-up-error")
            person = Person(page.locator("#key").inner_text())
            code_box.fill(person.code(person.step()))
            page.click("main button[type=submit]")
            page.wait_for_selector("ol.recovery-codes")
            assert page.locator("ol.recovery-codes li").count() == 10
            checked(page, "recovery-codes")
            page.get_by_role("link", name="I have kept my recovery codes: continue").click()
            page.wait_for_url(base + "/staff/answers")
        else:  # later: a code, typed with the keyboard alone
            assert page.locator("h1").inner_text() == "Enter your code"
            checked(page, "enter-code")
            page.fill("#code", "000000")
            page.keyboard.press("Enter")
            page.wait_for_selector(".error-summary")
            assert "Enter the newest 6-digit code" in page.locator(".error-summary").inner_text()
            # autofocus is applied in the browser's next rendering step: wait for it, not just for the element
            page.wait_for_function("document.activeElement && document.activeElement.className == 'error-summary'")
            checked(page, "enter-code-error")
            for _ in range(5):  # from the summary on to the field, by keyboard
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.id") == "code":
                    break
            assert page.evaluate("document.activeElement.id") == "code"
            page.keyboard.type(person.code(person.step() + 1))
            page.keyboard.press("Enter")
            page.wait_for_url(base + "/staff/answers")
            page.goto(base + "/staff/account/second-factor")
            assert "10 of 10" in page.locator("main").inner_text()
            checked(page, "account")
        page.context.clear_cookies()
    page = open_page()
    page.goto(base + "/staff/login")
    page.fill("#name", "browser-staff")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor"))
    page.get_by_role("link", name="Use a recovery code instead").click()
    page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor/recovery"))
    checked(page, "recovery")
    log = site["log"].read_text()
    assert person.secret not in log and grouped(person.secret) not in log


@pytest.mark.servers
def test_a_security_key_added_in_the_browser_signs_in_instead_of_a_code(site, open_page):
    """Chromium's virtual authenticator (CDP WebAuthn.addVirtualAuthenticator) plays the security key. WebAuthn
    needs a host name, not an IP address, as the relying party: the page is opened as localhost."""
    base = site["base"].replace("127.0.0.1", "localhost")
    page = open_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "usb", "hasResidentKey": False, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})["authenticatorId"]
    browser_sign_in(page, base, "key-person", PASSWORD)  # the authenticator app first (tests/staff_helpers.py)
    page.goto(base + "/staff/account/second-factor")
    checked(page, "keys")
    page.get_by_label("Name for the new key").fill("blue key")
    page.get_by_role("button", name="Add a security key or passkey").click()
    page.wait_for_url(base + "/staff/account/second-factor?added=1")
    assert "blue key, added on" in page.locator("main").inner_text()
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(".*signed_out=1"))
    page.goto(base + "/staff/login?next=/staff/answers")
    page.fill("#name", "key-person")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor"))
    checked(page, "enter-code-or-key")
    page.get_by_role("button", name="Use my security key or passkey").click()
    page.wait_for_url(base + "/staff/answers")  # no code typed: the key was enough

    page.get_by_role("button", name="Sign out").click()  # the key gone from the authenticator: nothing signs in
    page.wait_for_url(re.compile(".*signed_out=1"))
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator})
    page.goto(base + "/staff/login")
    page.fill("#name", "key-person")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor"))
    page.get_by_role("button", name="Use my security key or passkey").click()
    page.locator(".key-status", has_text="use a code from your app").wait_for()
    assert page.url.startswith(base + "/staff/second-factor")

    store = site["store"]
    from bot.store.models import WebAuthnCredential

    with store.session() as s:
        (key,) = s.execute(select(WebAuthnCredential)).scalars().all()
    assert key.label == "blue key" and key.public_key
    assert ("key-person", "security_key_added") in actions(store) and ("key-person", "security_key") in actions(store)
