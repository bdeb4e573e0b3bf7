"""The staff area's access layer: accounts, sign-in sessions, CSRF, roles, expiry, rate limiting, audit.

HTTP tests run the real aiohttp app (bot.web.app.make_app) on a real port (aiohttp's TestServer) against SQLite
and PostgreSQL; the browser tests run the real web process (python -m bot.web) with Debian's Chromium + axe-core.
Every /staff route (also ones added later) is checked for refusal without a session and without a CSRF token.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update

from bot.cli import commands as cli
from bot.staff import auth, users
from bot.store import Store, get_store
from bot.store.models import AuditEntry, HandoverLink, LoginFailure, StaffSession, User
from bot.web import app as web_app
from tests.servers import web_process
from tests.staff_helpers import answer_in_browser, csrf_from, second_factor_step, sign_in
from tests.staff_helpers import browser_sign_in as helper_browser_sign_in

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
OTHER_PASSWORD = "purple monkey dishwasher"
LOGIN_OPEN = {("GET", "/staff/login"), ("POST", "/staff/login")}
# what a support worker may open: nothing of the answers
SUPPORT_WORKER_PAGES = {"/staff", "/staff/handover", "/staff/account/second-factor"}
# what a translator may open: the translations and recordings of their own languages (here ti), nothing else
TRANSLATOR_LANGUAGES = ("ti",)
TRANSLATOR_PAGES = {"/staff", "/staff/account/second-factor", "/staff/translations", "/staff/recordings"}
# open to a session that has passed the password only (tests/test_second_factor.py walks the rest)
SECOND_FACTOR_PAGES = {"/staff/second-factor", "/staff/second-factor/recovery"}


# --- helpers ----------------------------------------------------------------------------------------------------
def make_app(store: Store):
    app = web_app.make_app("http://127.0.0.1:9")
    app["staff_store"] = store
    return app


def run(store: Store, scenario):
    """Run `scenario(client)` against the real app on a free port; returns what it returns."""

    async def go():
        async with TestClient(TestServer(make_app(store))) as client:
            return await scenario(client)

    return asyncio.run(go())


def staff_routes(store: Store) -> list[tuple[str, str]]:
    """(method, path) of every /staff route in the app, placeholders filled, HEAD left out."""
    found = set()
    for route in make_app(store).router.routes():
        path = route.resource.canonical if route.resource is not None else ""
        if path.startswith("/staff") and route.method != "HEAD":
            found.add((route.method, re.sub(r"\{[^}]+\}", "1", path)))
    return sorted(found)


def cookies(response) -> dict[str, dict]:
    """Set-Cookie headers -> {name: {"value": ..., attribute: ...}} (flags such as httponly as True)."""
    out = {}
    for header in response.headers.getall("Set-Cookie", []):
        jar = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            attrs = {k: v for k, v in morsel.items() if v}
            out[name] = {"value": morsel.value, **attrs, "raw": header}
    return out


def audit_actions(store: Store) -> list[tuple[str, str, int]]:
    return [(a.actor, a.action, a.row_count) for a in store.audit_log()]


def sessions(store: Store) -> list[StaffSession]:
    with store.session() as s:
        return list(s.execute(select(StaffSession)).scalars())


async def login_post(client, name: str, password: str, *, headers=None, next_path: str | None = None):
    form = await client.get("/staff/login")
    data = {"name": name, "password": password, "csrf_token": csrf_from(await form.text())}
    if next_path is not None:
        data["next"] = next_path
    return await client.post("/staff/login", data=data, headers=headers or {}, allow_redirects=False)


def make_people(store: Store) -> dict[str, users.StaffUser]:
    """One user of each role (hashing costs about 0.1 s each); the translator translates Tigrinya."""
    return {role: users.add_user(store, f"the-{role.replace('_', '-')}", role, PASSWORD,
                                 languages=TRANSLATOR_LANGUAGES if role == "translator" else ())
            for role in users.ROLES}


@pytest.fixture
def people(store):
    return make_people(store)


# --- accounts ---------------------------------------------------------------------------------------------------
def test_passwords_are_argon2id_hashes_and_weak_ones_are_refused(store, tmp_path):
    user = users.add_user(store, "  Alice ", "admin", PASSWORD, actor="setup")
    assert (user.name, user.role, user.active) == ("alice", "admin", True)
    with store.session() as s:
        row = s.execute(select(User)).scalar_one()
        stored = [str(v) for v in (row.name, row.role, row.password_hash)]
        audit = [(a.detail or "") + a.actor for a in s.execute(select(AuditEntry)).scalars()]
    assert row.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert not any(PASSWORD in value or "horse" in value for value in stored + audit)
    if store.url.startswith("sqlite"):  # nothing on disk holds the password, WAL included
        database = Path(store.url.removeprefix("sqlite:///"))
        for path in database.parent.glob(database.name + "*"):
            assert b"horse" not in path.read_bytes()

    with pytest.raises(users.UserError, match="at least 12 characters"):
        users.add_user(store, "bob", "staff", "short pass")
    with pytest.raises(users.UserError, match="same as the name"):
        users.add_user(store, "bobbybobbybob", "staff", "BobbyBobbyBob")
    with pytest.raises(users.UserError, match="already a user called 'alice'"):
        users.add_user(store, "ALICE", "staff", OTHER_PASSWORD)
    with pytest.raises(users.UserError, match="no spaces"):
        users.add_user(store, "bob smith", "staff", OTHER_PASSWORD)
    with pytest.raises(users.UserError, match="role must be one of"):
        users.add_user(store, "bob", "boss", OTHER_PASSWORD)
    assert [u.name for u in users.list_users(store)] == ["alice"]  # nothing half-made

    assert users.verify_login(store, "ALICE", PASSWORD) == user
    assert users.verify_login(store, "alice", PASSWORD + "!") is None
    assert users.verify_login(store, "nobody", PASSWORD) is None
    assert users.verify_login(store, "alice", "x" * 5000) is None

    users.add_user(store, "bob", "staff", OTHER_PASSWORD)
    users.set_password(store, "bob", "a brand new passphrase", actor="alice")
    assert users.verify_login(store, "bob", OTHER_PASSWORD) is None
    assert users.verify_login(store, "bob", "a brand new passphrase").name == "bob"
    users.deactivate(store, "bob", actor="alice")
    assert users.verify_login(store, "bob", "a brand new passphrase") is None
    with pytest.raises(users.UserError, match="last active admin"):
        users.deactivate(store, "alice")
    assert [(a, w, n) for a, w, n in audit_actions(store)] == [
        ("setup", "user_add", 1), ("system", "user_add", 1), ("alice", "user_password", 1),
        ("alice", "user_deactivate", 1),
    ]


# --- the command line -------------------------------------------------------------------------------------------
@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_store.cache_clear()
    yield Store(url)
    get_store.cache_clear()


def cli_run(monkeypatch, capsys, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_user_commands(cli_db, monkeypatch, capsys):
    # the installed command, as an admin would run it from a script: the password twice on stdin
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "imsa-voices"), "user", "add", "Root-Admin", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "DATABASE_URL": cli_db.url},
    )
    assert result.returncode == 0, result.stderr
    assert "Added root-admin (admin)" in result.stdout
    assert PASSWORD not in result.stdout + result.stderr

    add_sam = ["user", "add", "sam", "--role", "staff"]
    code, _, err = cli_run(monkeypatch, capsys, add_sam, f"{PASSWORD}\nsomething else\n")
    assert code == 1 and "not the same" in err
    code, _, err = cli_run(monkeypatch, capsys, ["user", "add", "sam", "--role", "staff"], "too short\ntoo short\n")
    assert code == 1 and "at least 12 characters" in err
    code, out, _ = cli_run(monkeypatch, capsys, ["user", "add", "sam", "--role", "support_worker", "--by",
                                                 "root-admin"], f"{OTHER_PASSWORD}\n{OTHER_PASSWORD}\n")
    assert code == 0 and "Added sam (support worker)" in out
    code, _, err = cli_run(monkeypatch, capsys, ["user", "add", "sam", "--role", "staff"], f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 1 and "already a user called 'sam'" in err

    code, out, _ = cli_run(monkeypatch, capsys, ["user", "list"])
    today = dt.date.today().isoformat()
    assert out.splitlines() == [f"root-admin\tadmin\tactive\t{today}", f"sam\tsupport_worker\tactive\t{today}"]

    code, _, err = cli_run(monkeypatch, capsys, ["user", "set-password", "nobody"], f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 1 and "no user called 'nobody'" in err
    code, out, _ = cli_run(monkeypatch, capsys, ["user", "set-password", "sam"],
                           "sam's new password\nsam's new password\n")
    assert code == 0 and users.verify_login(cli_db, "sam", "sam's new password") is not None

    code, out, _ = cli_run(monkeypatch, capsys, ["user", "deactivate", "sam"])
    assert code == 0 and users.verify_login(cli_db, "sam", "sam's new password") is None
    code, _, err = cli_run(monkeypatch, capsys, ["user", "deactivate", "root-admin"])
    assert code == 1 and "last active admin" in err
    assert [(w, n) for _, w, n in audit_actions(cli_db)] == [
        ("user_add", 1), ("user_add", 1), ("user_password", 1), ("user_deactivate", 1)]
    assert audit_actions(cli_db)[1][0] == "root-admin"  # --by
    assert audit_actions(cli_db)[0][0].startswith("cli:")


def test_translator_commands(cli_db, monkeypatch, capsys):
    """`user add --role translator --languages ti,am`, `user languages`, `user list`: languages checked first."""
    twice = f"{PASSWORD}\n{PASSWORD}\n"
    code, _, err = cli_run(monkeypatch, capsys, ["user", "add", "tina", "--role", "translator"], twice)
    assert code == 1 and "at least one language" in err
    code, _, err = cli_run(monkeypatch, capsys, ["user", "add", "tina", "--role", "translator", "--languages", "xx"],
                           twice)
    assert code == 1 and "Not a language of the bot: xx" in err
    code, _, err = cli_run(monkeypatch, capsys, ["user", "add", "sam", "--role", "staff", "--languages", "ti"], twice)
    assert code == 1 and "Only a translator has languages" in err
    code, out, _ = cli_run(monkeypatch, capsys, ["user", "add", "tina", "--role", "translator", "--languages",
                                                 "ti,am"], twice)
    assert code == 0 and "Added tina (translator for am, ti)" in out
    code, out, _ = cli_run(monkeypatch, capsys, ["user", "languages", "tina", "so"])
    assert code == 0 and "tina now reviews and records: so." in out
    code, out, _ = cli_run(monkeypatch, capsys, ["user", "list"])
    assert out.split("\t")[:3] == ["tina", "translator:so", "active"]
    assert [a for _, a, _ in audit_actions(cli_db)] == ["user_add", "user_languages"]


# --- signing in and out over HTTP --------------------------------------------------------------------------------
def test_sign_in_and_out_with_safe_cookies(store, people):
    async def scenario(client):
        response = await client.get("/staff/users?x=1", allow_redirects=False)
        assert response.status == 303
        location = urlsplit(response.headers["Location"])
        assert location.path == "/staff/login" and parse_qs(location.query) == {"next": ["/staff/users?x=1"]}

        form = await client.get("/staff/login?next=/staff/users")
        assert form.status == 200 and 'value="/staff/users"' in await form.text()
        login_cookie = cookies(form)[auth.LOGIN_COOKIE]
        assert login_cookie["httponly"] and login_cookie["samesite"] == "Strict"
        assert login_cookie["path"] == "/staff/login"

        wrong = await login_post(client, "the-admin", "not the password at all")
        assert wrong.status == 401 and "The name or the password is not right" in await wrong.text()
        assert auth.COOKIE not in cookies(wrong)

        response = await login_post(client, "The-Admin", PASSWORD, next_path="/staff/users")
        # the password opens the second-factor page only (tests/test_second_factor.py)
        assert response.status == 303 and response.headers["Location"] == "/staff/second-factor?next=/staff/users"
        password_only = cookies(response)[auth.COOKIE]["value"]
        (row,) = sessions(store)
        assert row.second_factor is False
        response = await second_factor_step(client, "the-admin", response.headers["Location"])
        cookie = cookies(response)[auth.COOKIE]
        assert cookie["httponly"] is True and cookie["samesite"] == "Strict" and cookie["path"] == "/staff"
        assert "secure" not in cookie  # plain http here; see the proxy test for https
        assert "expires" not in cookie and "max-age" not in cookie  # gone when the browser closes
        token = cookie["value"]
        assert len(token) >= 40 and token != password_only  # a new token once the second factor is passed
        (row,) = sessions(store)
        assert row.token_hash != token and token not in row.token_hash  # only a hash of the token is kept
        assert row.second_factor is True

        home = await client.get("/staff")
        text = await home.text()
        assert home.status == 200 and "Signed in as <strong>the-admin</strong>" in text
        csrf = csrf_from(text)
        assert csrf == row.csrf_token

        refused = await client.post("/staff/logout", allow_redirects=False)
        assert refused.status == 403 and len(sessions(store)) == 1  # no token: still signed in
        out = await client.post("/staff/logout", data={"csrf_token": csrf}, allow_redirects=False)
        assert out.status == 303 and out.headers["Location"] == "/staff/login?signed_out=1"
        assert cookies(out)[auth.COOKIE]["value"] == "" and sessions(store) == []
        assert "You have signed out." in await (await client.get(out.headers["Location"])).text()

        client.session.cookie_jar.update_cookies({auth.COOKIE: token})  # the old cookie, replayed
        again = await client.get("/staff", allow_redirects=False)
        assert again.status == 303 and again.headers["Location"].startswith("/staff/login")

    run(store, scenario)
    assert audit_actions(store)[-4:] == [("the-admin", "login_failed", 0), ("the-admin", "login", 1),
                                         ("the-admin", "second_factor_set_up", 1), ("the-admin", "logout", 1)]
    assert all(a.done_on == dt.date.today() for a in store.audit_log())


def test_login_needs_its_own_form_and_goes_only_to_staff_pages(sqlite_store):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)

    async def scenario(client):
        # a login posted from another site carries no login cookie: refused, nothing checked
        forged = await client.post("/staff/login", data={"name": "kim", "password": PASSWORD, "csrf_token": "x" * 43},
                                   allow_redirects=False)
        assert forged.status == 403 and "sign-in form had expired" in await forged.text()
        assert sessions(sqlite_store) == []
        for target, expected in [("https://evil.example/", "/staff"), ("//evil.example/staff", "/staff"),
                                 ("/staff/audit?page=2", "/staff/audit?page=2"), ("/elsewhere", "/staff")]:
            response = await login_post(client, "kim", PASSWORD, next_path=target)  # through the second factor
            location = urlsplit(response.headers["Location"])
            assert location.path == "/staff/second-factor", target
            assert parse_qs(location.query)["next"] == [expected], target
        location = response.headers["Location"]  # the second factor sends on to the same place, and only there
        answered = await second_factor_step(client, "kim", location.replace("next=/staff", "next=https://evil.example"))
        assert "Your recovery codes" in await answered.text()
        assert 'href="/staff" class="button-link"' in await answered.text()
        empty = await login_post(client, "", "")
        assert empty.status == 400 and "Enter your name" in await empty.text()

    run(sqlite_store, scenario)


def test_cookie_is_secure_over_https_behind_a_trusted_proxy(sqlite_store, monkeypatch):
    users.add_user(sqlite_store, "kim", "staff", PASSWORD)
    https = {"X-Forwarded-Proto": "https"}

    async def scenario(client):
        monkeypatch.delenv("IMSA_TRUST_PROXY", raising=False)
        untrusted = await login_post(client, "kim", PASSWORD, headers=https)
        assert "secure" not in cookies(untrusted)[auth.COOKIE]  # a header anyone can send is not trusted
        monkeypatch.setenv("IMSA_TRUST_PROXY", "1")
        trusted = await login_post(client, "kim", PASSWORD, headers=https)
        assert cookies(trusted)[auth.COOKIE].get("secure") is True

    run(sqlite_store, scenario)


# --- every route is guarded ---------------------------------------------------------------------------------------
def test_every_staff_route_refuses_without_a_session_or_csrf_token(sqlite_store):
    make_people(sqlite_store)
    routes = [r for r in staff_routes(sqlite_store) if r not in LOGIN_OPEN]
    assert ("POST", "/staff/logout") in routes and ("GET", "/staff/audit") in routes

    async def scenario(client):
        for method, path in routes:
            response = await client.request(method, path, allow_redirects=False, data={"name": "x"})
            if method == "GET":
                assert response.status == 303, path
                assert response.headers["Location"].startswith("/staff/login?next=/staff"), path
            else:
                assert response.status == 403, (method, path)
            json_response = await client.request(method, path, allow_redirects=False,
                                                 headers={"Accept": "application/json"})
            assert json_response.status == 403, (method, path)

        await sign_in(client, "the-admin", PASSWORD)  # admins pass every role check: CSRF is what is tested
        before = (len(audit_actions(sqlite_store)), users.list_users(sqlite_store), len(sessions(sqlite_store)))
        for method, path in routes:
            if method == "GET":
                continue
            for attempt in ({"data": {"name": "new-one", "role": "staff", "password": PASSWORD, "confirm": PASSWORD}},
                            {"data": {"csrf_token": "wrong" * 9, "name": "new-one"}},
                            {"data": {"csrf_token": ""}},
                            {"json": {"name": "x"}, "headers": {"X-CSRF-Token": "wrong" * 9}},
                            {"data": b"csrf_token=", "headers": {"Content-Type": "text/plain"}}):
                response = await client.request(method, path, allow_redirects=False, **attempt)
                assert response.status == 403, (method, path, attempt)
                text = await response.text()
                assert "Nothing was changed" in text, (method, path)
        assert (len(audit_actions(sqlite_store)), users.list_users(sqlite_store), len(sessions(sqlite_store))) == before

    run(sqlite_store, scenario)


def test_roles_see_only_their_own_pages(store, people):
    get_paths = sorted({p for m, p in staff_routes(store)
                        if m == "GET" and p != "/staff/login" and p not in SECOND_FACTOR_PAGES})

    async def scenario(client):
        seen = {}
        for role in ("support_worker", "translator", "staff", "admin"):
            client.session.cookie_jar.clear()
            await sign_in(client, people[role].name, PASSWORD)
            for path in get_paths:
                response = await client.get(path, allow_redirects=False)
                seen[role, path] = response.status
                if response.status == 403:
                    assert "not open to" in await response.text()  # the role, or (translators) the language
            home = await (await client.get("/staff")).text()
            seen[role, "links"] = set(re.findall(r'<a href="(/staff[^"]*)"', home))
        return seen

    seen = run(store, scenario)
    for path in get_paths:
        assert seen["admin", path] not in (303, 403) and seen["admin", path] < 500, path
        assert seen["support_worker", path] == (200 if path in SUPPORT_WORKER_PAGES else 403), path
        # every page of another role refuses a translator, and so does every page of a language not theirs ("1")
        assert seen["translator", path] == (200 if path in TRANSLATOR_PAGES else 403), path
    for path in ("/staff/users", "/staff/audit", "/staff/users/1", "/staff/handover"):
        assert seen["staff", path] == 403
    assert seen["staff", "/staff"] == 200
    assert seen["support_worker", "links"] == {"/staff", "/staff/handover", "/staff/account/second-factor"}
    assert {"/staff/users", "/staff/audit"} <= seen["admin", "links"]
    assert not {"/staff/users", "/staff/audit", "/staff/handover"} & seen["staff", "links"]
    assert seen["translator", "links"] == {"/staff", "/staff/translations", "/staff/recordings",
                                           "/staff/account/second-factor"}
    assert not {"/staff/translations", "/staff/recordings"} & (seen["staff", "links"] | seen["support_worker", "links"])


def test_a_translator_reaches_only_their_own_languages(store, people):
    """A translator for ti: ti's translations and recordings open; am's refuse (reading and saving), and the
    overview pages list ti only. An admin sees every language."""
    translator = people["translator"]
    assert translator.languages == ("ti",) and translator.can_language("ti") and not translator.can_language("am")

    async def scenario(client):
        csrf = await sign_in(client, translator.name, PASSWORD)
        seen = {}
        for path in ("/staff/translations/ti", "/staff/translations/ti/consent.question", "/staff/recordings/ti",
                     "/staff/recordings/ti/consent.question", "/staff/translations/am",
                     "/staff/translations/am/consent.question", "/staff/recordings/am",
                     "/staff/recordings/am/consent.question", "/staff/recordings/am/consent.question/audio",
                     "/staff/translations/en"):
            response = await client.get(path, allow_redirects=False)
            seen[path] = (response.status, await response.text())
        edit = await client.post("/staff/translations/am/consent.question",
                                 data={"csrf_token": csrf, "text": "x", "status": "reviewed"}, allow_redirects=False)
        upload = await client.post("/staff/recordings/am/consent.question", data=b"OggS" + b"\0" * 64,
                                   headers={"X-CSRF-Token": csrf, "Content-Type": "audio/ogg",
                                            "Accept": "application/json"})
        overview = await (await client.get("/staff/translations")).text()
        recordings_overview = await (await client.get("/staff/recordings")).text()
        client.session.cookie_jar.clear()
        await sign_in(client, people["admin"].name, PASSWORD)
        admin_overview = await (await client.get("/staff/recordings")).text()
        admin_am = (await client.get("/staff/recordings/am")).status
        return seen, edit.status, upload.status, await upload.json(), overview, recordings_overview, admin_overview, \
            admin_am

    seen, edit, upload, upload_body, overview, recordings_overview, admin_overview, admin_am = run(store, scenario)
    for path, (status, text) in seen.items():
        if "/ti" in path:
            assert status == 200, path
        else:
            assert status == 403, path
            assert "This language is not open to you (your languages: ti)" in text, path
    assert (edit, upload) == (403, 403) and "not open to you" in upload_body["error"]
    for page in (overview, recordings_overview):
        assert 'href="/staff/translations/ti"' in page or 'href="/staff/recordings/ti"' in page
        assert "/am\"" not in page and "/ar\"" not in page
    assert 'href="/staff/recordings/am"' in admin_overview and admin_am == 200
    assert ("the-translator", "translation_edit", 1) not in audit_actions(store)


# --- expiry ---------------------------------------------------------------------------------------------------------
def test_sessions_expire_when_idle_and_after_twelve_hours(store, people, monkeypatch):
    def set_times(**values):
        with store.session() as s:
            s.execute(update(StaffSession).values(**values))

    async def scenario(client):
        now = auth.now()
        await sign_in(client, "the-staff", PASSWORD)
        (row,) = sessions(store)
        assert dt.timedelta(minutes=29) < row.expires_at - row.created_at <= dt.timedelta(minutes=30)

        set_times(expires_at=now + dt.timedelta(minutes=2))  # active again: the idle expiry slides forward
        assert (await client.get("/staff")).status == 200
        assert sessions(store)[0].expires_at >= now + dt.timedelta(minutes=29)

        set_times(expires_at=now - dt.timedelta(seconds=1))  # idle too long
        response = await client.get("/staff", allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/staff/login?next=/staff"
        assert sessions(store) == []

        await sign_in(client, "the-staff", PASSWORD)  # busy all day: still ends 12 hours after sign-in
        set_times(created_at=now - dt.timedelta(hours=12, seconds=1), expires_at=now + dt.timedelta(minutes=20))
        assert (await client.get("/staff", allow_redirects=False)).status == 303
        assert sessions(store) == []

        await sign_in(client, "the-staff", PASSWORD)  # near the 12 hours the idle expiry stops at the limit
        set_times(created_at=now - dt.timedelta(hours=11, minutes=50), expires_at=now + dt.timedelta(minutes=1))
        assert (await client.get("/staff")).status == 200
        (row,) = sessions(store)
        assert now + dt.timedelta(minutes=5) < row.expires_at <= row.created_at + dt.timedelta(hours=12)

        monkeypatch.setenv("IMSA_STAFF_SESSION_MINUTES", "5")
        client.session.cookie_jar.clear()
        await sign_in(client, "the-staff", PASSWORD)
        newest = max(sessions(store), key=lambda r: r.created_at)
        assert newest.expires_at - newest.created_at <= dt.timedelta(minutes=5)

        users.deactivate(store, "the-staff", actor="the-admin")  # deactivating ends every session at once
        assert (await client.get("/staff", allow_redirects=False)).status == 303

    run(store, scenario)


# --- rate limiting --------------------------------------------------------------------------------------------------
def test_too_many_failed_logins_wait_without_the_password_being_checked(store, people, monkeypatch):
    monkeypatch.setenv("IMSA_TRUST_PROXY", "1")
    calls = []
    real_verify = auth.verify_login
    monkeypatch.setattr(auth, "verify_login", lambda *a: calls.append(a[1]) or real_verify(*a))

    def at(address: str) -> dict:
        return {"X-Forwarded-For": f"203.0.113.50, {address}"}

    async def scenario(client):
        for _ in range(5):
            wrong = await login_post(client, "the-staff", "wrong guess number", headers=at("198.51.100.1"))
            assert wrong.status == 401
        # the right password, from another address: still refused for this name, and not even checked
        checked = len(calls)
        limited = await login_post(client, "the-staff", PASSWORD, headers=at("198.51.100.2"))
        assert limited.status == 429 and limited.headers["Retry-After"] == "900"
        assert "too many tries. Wait 15 minutes" in await limited.text()
        assert len(calls) == checked and sessions(store) == []
        # others can still sign in from that address
        assert (await login_post(client, "the-admin", PASSWORD, headers=at("198.51.100.1"))).status == 303

        # 20 failures from one address, whatever the names, close that address (only): 19 written directly
        # (each real one costs an argon2 check), the 20th over HTTP
        for n in range(19):
            auth.record_failure(store, f"guess-{n}", "198.51.100.9")
        assert (await login_post(client, "guess-19", "wrong guess number", headers=at("198.51.100.9"))).status == 401
        assert (await login_post(client, "the-admin", PASSWORD, headers=at("198.51.100.9"))).status == 429
        assert (await login_post(client, "the-admin", PASSWORD, headers=at("198.51.100.10"))).status == 303

        with store.session() as s:  # 15 minutes later the tries no longer count
            s.execute(update(LoginFailure).values(failed_at=auth.now() - dt.timedelta(minutes=16)))
        assert (await login_post(client, "the-staff", PASSWORD, headers=at("198.51.100.9"))).status == 303

    run(store, scenario)
    with store.session() as s:
        keys = [f.key for f in s.execute(select(LoginFailure)).scalars()]
    assert all(re.fullmatch(r"[0-9a-f]{64}", k) for k in keys)  # keyed hashes only: no names, no addresses
    import hashlib

    assert hashlib.sha256(b"the-staff").hexdigest() not in keys
    actions = audit_actions(store)
    assert ("the-staff", "login_refused", 0) in actions and ("the-staff", "login_failed", 0) in actions
    assert ("unknown", "login_failed", 0) in actions  # an unknown name is never written down
    assert not any("guess" in actor for actor, _, _ in actions)


# --- audit log page -----------------------------------------------------------------------------------------------
def test_audit_log_is_paged_newest_first_for_admins(sqlite_store):
    make_people(sqlite_store)
    with sqlite_store.session() as s:
        s.add_all(AuditEntry(done_on=dt.date.today(), actor="robot", action="export", row_count=n, detail=f"entry {n}")
                  for n in range(120))

    async def scenario(client):
        await sign_in(client, "the-admin", PASSWORD)
        first = await (await client.get("/staff/audit")).text()
        assert first.count("<tr>") == 51  # the header row and 50 entries
        assert "login" in first and "Older entries" in first and "Newer entries" not in first
        last = await (await client.get("/staff/audit?page=3")).text()
        assert "entry 0<" in last and "Older entries" not in last and 'href="/staff/audit?page=2"' in last
        assert (await client.get("/staff/audit?page=999")).status == 200
        assert (await client.get("/staff/audit?page=abc")).status == 200

    run(sqlite_store, scenario)


# --- users page (admin) ---------------------------------------------------------------------------------------------
def test_admin_adds_a_translator_with_languages_and_changes_them_on_the_page(sqlite_store):
    make_people(sqlite_store)

    async def scenario(client):
        csrf = await sign_in(client, "the-admin", PASSWORD)
        add = {"csrf_token": csrf, "name": "volunteer", "role": "translator", "password": PASSWORD,
               "confirm": PASSWORD}
        form = await (await client.get("/staff/users")).text()
        assert '<option value="translator">translator</option>' in form and 'name="languages" value="ti"' in form
        none = await client.post("/staff/users", data=add)
        text = await none.text()
        assert none.status == 400 and "A translator needs at least one language" in text
        assert 'href="#new-languages"' in text and 'value="volunteer"' in text  # the rest of the form is kept
        staff_with = await client.post("/staff/users", data=[*{**add, "name": "x.staff", "role": "staff"}.items(),
                                                               ("languages", "ti")])
        assert staff_with.status == 400 and "Only a translator has languages" in await staff_with.text()
        added = await client.post("/staff/users", data=[*add.items(), ("languages", "ti"), ("languages", "am")],
                                  allow_redirects=False)
        assert added.status == 303
        listed = await (await client.get("/staff/users")).text()
        assert "translator: am, ti" in listed
        detail = await (await client.get("/staff/users/volunteer")).text()
        assert "<dt>Languages</dt><dd>am, ti</dd>" in detail
        changed = await client.post("/staff/users/volunteer/languages",
                                    data=[("csrf_token", csrf), ("languages", "so")], allow_redirects=False)
        assert changed.status == 303
        emptied = await client.post("/staff/users/volunteer/languages", data={"csrf_token": csrf})
        assert emptied.status == 400 and "at least one language" in await emptied.text()
        bogus = await client.post("/staff/users/volunteer/languages",
                                  data=[("csrf_token", csrf), ("languages", "xx")])
        assert bogus.status == 400 and "Not a language of the bot: xx" in await bogus.text()

    run(sqlite_store, scenario)
    volunteer = next(u for u in users.list_users(sqlite_store) if u.name == "volunteer")
    assert (volunteer.role, volunteer.languages) == ("translator", ("so",))
    actions = audit_actions(sqlite_store)
    assert ("the-admin", "user_add", 1) in actions and ("the-admin", "user_languages", 1) in actions
    with sqlite_store.session() as s:
        details = [a.detail for a in s.execute(select(AuditEntry).where(AuditEntry.action.in_(
            ("user_add", "user_languages")))).scalars()]
    assert "volunteer (translator: ti,am)" in details and "volunteer: so" in details


def test_admin_adds_resets_and_deactivates_users_on_the_page(store, people):
    async def scenario(client):
        csrf = await sign_in(client, "the-admin", PASSWORD)
        add = {"csrf_token": csrf, "name": "new.person", "role": "staff", "password": PASSWORD, "confirm": PASSWORD}

        mismatch = await client.post("/staff/users", data={**add, "confirm": "not the same one"})
        text = await mismatch.text()
        assert mismatch.status == 400 and "not the same" in text and 'value="new.person"' in text
        assert PASSWORD not in text  # a password is never sent back
        short = await client.post("/staff/users", data={**add, "password": "short", "confirm": "short"})
        assert short.status == 400 and "at least 12 characters" in await short.text()
        added = await client.post("/staff/users", data=add, allow_redirects=False)
        assert added.status == 303
        listed = await (await client.get(added.headers["Location"])).text()
        assert "new.person was added" in listed and 'href="/staff/users/new.person"' in listed
        again = await client.post("/staff/users", data=add)
        assert again.status == 400 and "already a user" in await again.text()

        # the staff member signs in elsewhere; a reset ends that session
        async with TestClient(TestServer(make_app(store))) as other:
            await sign_in(other, "new.person", PASSWORD)
            reset = await client.post("/staff/users/new.person/password",
                                      data={"csrf_token": csrf, "password": OTHER_PASSWORD, "confirm": OTHER_PASSWORD},
                                      allow_redirects=False)
            assert reset.status == 303
            assert (await other.get("/staff", allow_redirects=False)).status == 303
            assert users.verify_login(store, "new.person", OTHER_PASSWORD) is not None
            await sign_in(other, "new.person", OTHER_PASSWORD)
            gone = await client.post("/staff/users/new.person/deactivate", data={"csrf_token": csrf},
                                     allow_redirects=False)
            assert gone.status == 303
            assert (await other.get("/staff", allow_redirects=False)).status == 303
            assert (await login_post(other, "new.person", OTHER_PASSWORD)).status == 401

        assert (await client.get("/staff")).status == 200  # the admin's own session lives on
        last = await client.post("/staff/users/the-admin/deactivate", data={"csrf_token": csrf})
        assert last.status == 400 and "last active admin" in await last.text()
        missing = await client.get("/staff/users/nobody")
        assert missing.status == 404 and "There is no user called nobody" in await missing.text()

    run(store, scenario)
    assert [a for a in audit_actions(store) if a[1].startswith("user_")][-3:] == [
        ("the-admin", "user_add", 1), ("the-admin", "user_password", 1), ("the-admin", "user_deactivate", 1)]


# --- hand-over links (support workers) -----------------------------------------------------------------------------
def test_support_workers_see_only_their_own_hand_over_links(store, people):
    users.add_user(store, "worker-two", "support_worker", PASSWORD)

    async def make(client, csrf: str, lang: str = "ar", themes=("health", "housing")):
        data = [("csrf_token", csrf), ("lang", lang), ("assisted", "interpreter")] + [("themes", t) for t in themes]
        return await client.post("/staff/handover", data=data, allow_redirects=False)

    async def scenario(client):
        csrf = await sign_in(client, "the-support-worker", PASSWORD)
        made = await make(client, csrf)
        assert made.status == 303 and made.headers["Location"] == "/staff/handover?made=1#links"
        mine = await (await client.get("/staff/handover?made=1")).text()
        no_theme = await make(client, csrf, themes=[])
        assert no_theme.status == 400 and "Choose at least one topic" in await no_theme.text()
        bad = await make(client, csrf, lang="xx")
        assert bad.status == 400

        client.session.cookie_jar.clear()
        csrf2 = await sign_in(client, "worker-two", PASSWORD)
        await make(client, csrf2, lang="pl", themes=["nrm"])
        theirs = await (await client.get("/staff/handover")).text()
        return mine, theirs

    mine, theirs = run(store, scenario)
    two = next(u for u in users.list_users(store) if u.name == "worker-two")
    with store.session() as s:
        links = {link.user_id: link.token for link in s.execute(select(HandoverLink)).scalars()}
    assert set(links) == {people["support_worker"].id, two.id}  # the two failed forms stored nothing
    first, second = links[people["support_worker"].id], links[two.id]
    assert first.startswith("ar.health-housing.interpreter.") and second.startswith("pl.nrm.")
    assert first in mine and second not in mine and "Arabic" in mine and 'alt="QR code that opens this link"' in mine
    assert second in theirs and first not in theirs
    assert [a for a in audit_actions(store) if a[1] == "handover_link"] == [
        ("the-support-worker", "handover_link", 1), ("worker-two", "handover_link", 1)]


# --- in a real browser -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff-site")
    url = f"sqlite:///{tmp / 'staff.db'}"
    store = Store(url)
    make_people(store)
    with web_process(url, tmp / "web.log") as base:
        yield {"base": base, "store": store}
    store.engine.dispose()


def checked(page, state: str) -> None:
    """axe-core at WCAG 2.2 AA, no sideways scrolling, and a screenshot (tests/browser.py)."""
    from tests.browser import checked as axe_checked

    axe_checked(page, "staff-" + state)


def browser_sign_in(page, base: str, name: str) -> None:
    helper_browser_sign_in(page, base, name, PASSWORD)


@pytest.mark.servers
def test_pages_pass_axe_and_reflow_on_a_phone_and_a_desktop(site, open_page):
    from tests.browser import DESKTOP

    base = site["base"]
    for viewport in ({"width": 320, "height": 640}, DESKTOP):
        page = open_page(viewport)
        page.goto(base + "/staff/login")
        assert page.title() == "Sign in - IMSA Voices staff area"
        checked(page, "login")
        page.fill("#name", "the-admin")
        page.fill("#password", "not the password at all")
        page.click("button[type=submit]")
        page.wait_for_selector(".error-summary")
        assert page.locator("#password").get_attribute("aria-invalid") == "true"
        checked(page, "login-error")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor"))
        answer_in_browser(page, base, "the-admin")  # tests/test_second_factor.py checks these pages
        page.wait_for_url(base + "/staff")
        checked(page, "home")
        page.goto(base + "/staff/users")
        checked(page, "users")
        page.get_by_role("button", name="Add user").click()  # nothing filled in: the error summary and field errors
        page.wait_for_selector(".error-summary")
        checked(page, "users-error")
        page.goto(base + "/staff/users/the-staff")
        checked(page, "user")
        page.goto(base + "/staff/audit")
        checked(page, "audit")
        page.goto(base + "/staff/handover")
        checked(page, "handover")
        page.get_by_role("button", name="Make the link").click()  # no topic chosen
        page.wait_for_selector(".error-summary")
        # focus goes to the problem: the browser applies autofocus in its next rendering step, not at once
        page.wait_for_function("document.activeElement && document.activeElement.className == 'error-summary'")
        checked(page, "handover-error")
        page.check("#theme-health")
        page.get_by_role("button", name="Make the link").click()
        page.wait_for_selector("img[alt='QR code that opens this link']")
        checked(page, "handover-made")
        page.context.clear_cookies()
    page = open_page()
    browser_sign_in(page, base, "the-support-worker")
    assert page.locator("nav a").all_inner_texts() == ["Home", "Hand-over links"]
    checked(page, "home-support-worker")
    page.goto(base + "/staff/users")
    assert page.locator("h1").inner_text() == "Not available to you"
    checked(page, "refused")


@pytest.mark.servers
def test_sign_in_and_out_with_the_keyboard_alone(site, open_page):
    base = site["base"]
    page = open_page()
    page.goto(base + "/staff/login?next=/staff/audit")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")  # the skip link moves focus to the main content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "name"
    page.keyboard.type("the-admin")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(base) + "/staff/second-factor"))
    answer_in_browser(page, base, "the-admin")  # (tests/test_second_factor.py does this by keyboard)
    page.wait_for_url(base + "/staff/audit")
    assert page.locator("h1").inner_text() == "Audit log"
    for _ in range(10):  # on to Sign out in the header
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Sign out":
            break
    assert page.evaluate("document.activeElement.textContent") == "Sign out"
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/staff/login?signed_out=1")
    assert "You have signed out." in page.locator("main").inner_text()
    page.goto(base + "/staff")
    assert page.url.startswith(base + "/staff/login?next=/staff")
    # the shared session table: what the browser did is in the database the web process uses
    assert ("the-admin", "logout", 1) in audit_actions(site["store"])
