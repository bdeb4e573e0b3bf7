"""The second-factor pages: set up an authenticator app, answer a code, use a recovery code, start again.

- /staff/second-factor (GET, POST): after the password. Someone without a factor sets one up (QR code drawn here,
  the key as text, confirmed with one code; then the ten recovery codes, shown once); someone with one enters
  a code. Open to a session that has passed the password only (and to a full one setting up under `optional`).
- /staff/second-factor/recovery (GET, POST): a recovery code instead of a code from the app.
- /staff/account/second-factor (GET) and /reset (POST): one's own factor; starting again with a new phone needs a
  code from the app or a recovery code first. Security keys and passkeys (WebAuthn, bot.staff.security_keys) are
  added there, and then work at sign-in instead of a code (JSON endpoints under /staff/second-factor/key and
  /staff/account/second-factor/keys, driven by /static/staff_webauthn.js).
Wrong codes count toward the sign-in rate limit (bot.staff.auth). Nothing of a code or key is logged.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from urllib.parse import quote

from aiohttp import web
from markupsafe import Markup

from bot.staff import auth, second_factor, security_keys
from bot.staff.auth import staff_only, store_of
from bot.web.incoming import form_text
from bot.web.staff import LOGIN_PATH
from bot.web.templating import render

PATH = auth.SECOND_FACTOR_PATH
RECOVERY_PATH = PATH + "/recovery"
KEY_PATH = PATH + "/key"
ACCOUNT_PATH = "/staff/account/second-factor"
KEYS_PATH = ACCOUNT_PATH + "/keys"
WRONG_CODE = ("The code is not right, or it was used already. Enter the newest 6-digit code your app shows. "
              "If it is still refused, check that your phone's clock is set automatically.")
WRONG_RECOVERY = ("That recovery code is not right, or it was used already. Check it against your list and try "
                  "again; each code works once.")


# the addresses the templates link and post to (a namespace: in a template paths.keys of a dict is its method)
PATHS = SimpleNamespace(verify=PATH, recovery=RECOVERY_PATH, key=KEY_PATH, account=ACCOUNT_PATH, keys=KEYS_PATH)


def _next(request: web.Request, form=None) -> str:
    value = form_text(form, "next") if form is not None else request.query.get("next")
    return auth.safe_next(value)


def _page(request: web.Request, name: str, title: str, *, status: int = 200, **context: object) -> web.Response:
    """A second-factor page (templates/staff/second_factor/`name`.html)."""
    return render(request, f"staff/second_factor/{name}.html", status=status, title=title, paths=PATHS, **context)


def _code_errors(code: str) -> list[tuple[str, str]]:
    cleaned = second_factor.clean_code(code)
    if not cleaned:
        return [("code", "Enter the 6-digit code from your authenticator app.")]
    if not second_factor.CODE_SHAPE.match(cleaned):
        return [("code", "Enter the code as 6 digits, for example 123456.")]
    return []


async def _limited(request: web.Request, session: auth.Session) -> web.Response:
    """Too many wrong tries: the password-only session ends; they start again after the wait."""
    minutes = int(auth.FAILURE_WINDOW.total_seconds() // 60)
    if not session.passed:
        await asyncio.to_thread(auth.end_session, store_of(request), session.token_hash)
    request["user"] = None
    response = _page(request, "too_many", "Too many tries", status=429, minutes=minutes, login_path=LOGIN_PATH)
    response.headers["Retry-After"] = str(int(auth.FAILURE_WINDOW.total_seconds()))
    if not session.passed:
        auth.clear_cookie(request, response, auth.COOKIE, auth.COOKIE_PATH)
    return response


def _signed_in(request: web.Request, response: web.StreamResponse, token: str) -> web.StreamResponse:
    auth.set_cookie(request, response, auth.COOKIE, token, auth.COOKIE_PATH)
    return response


# --- answering a code -------------------------------------------------------------------------------------------
async def _verify_page(request: web.Request, next_path: str, *, status: int = 200, errors=()) -> web.Response:
    """The code from the app; with the security-key button (shown by the script when the browser can use one)
    for someone who has a key."""
    has_key = bool(await asyncio.to_thread(security_keys.count, store_of(request), request["user"].id))
    return _page(request, "verify", "Enter your code", status=status, errors=list(errors), next_path=next_path,
                 has_key=has_key)


# --- setting up ---------------------------------------------------------------------------------------------------
def _enrol_secret(request: web.Request, session: auth.Session) -> str:
    """This session's new key: made once per session (a reload shows the same QR code)."""
    secret = second_factor.decrypt(session.enrol_secret)
    if secret is None:
        secret = second_factor.new_secret()
        auth.set_enrol_secret(store_of(request), session.token_hash, second_factor.encrypt(secret))
    return secret


def _enrol_page(request: web.Request, secret: str, next_path: str, *, status: int = 200, errors=()) -> web.Response:
    uri = second_factor.provisioning_uri(secret, request["user"].name)
    # the QR code as inline SVG, drawn by segno (bot.staff.second_factor.qr_svg): markup made by the library, not text
    return _page(request, "enrol", "Set up your authenticator app", status=status, errors=list(errors),
                 next_path=next_path, qr_svg=Markup(second_factor.qr_svg(uri)), key=second_factor.grouped(secret))


def _recovery_codes_page(request: web.Request, codes: list[str], next_path: str) -> web.Response:
    return _page(request, "recovery_codes", "Your recovery codes", codes=codes, next_path=next_path)


# --- the handlers -------------------------------------------------------------------------------------------------
@staff_only(pending_ok=True)
async def second_factor_form(request: web.Request) -> web.StreamResponse:
    session, next_path = request["staff_session"], _next(request)
    if session.enrolled:
        if session.passed:
            raise web.HTTPSeeOther(next_path)
        return await _verify_page(request, next_path)
    if session.passed and second_factor.policy() == "required":  # (cannot happen: a full session has a factor)
        raise web.HTTPSeeOther(next_path)
    secret = await asyncio.to_thread(_enrol_secret, request, session)
    return _enrol_page(request, secret, next_path)


@staff_only(pending_ok=True)
async def second_factor_submit(request: web.Request) -> web.StreamResponse:
    store, session = store_of(request), request["staff_session"]
    form = await request.post()
    next_path, code = _next(request, form), form_text(form, "code", 64)
    if session.enrolled and session.passed:
        raise web.HTTPSeeOther(next_path)
    name, address = session.user.name, auth.client_address(request)
    if await asyncio.to_thread(auth.too_many_failures, store, name, address):
        return await _limited(request, session)
    errors = _code_errors(code)
    if session.enrolled:
        if errors:
            return await _verify_page(request, next_path, status=400, errors=errors)
        if not await asyncio.to_thread(second_factor.check_code, store, session.user.id, code):
            await asyncio.to_thread(_failed, store, name, address, "second_factor_failed")
            return await _verify_page(request, next_path, status=401, errors=[("code", WRONG_CODE)])
        token, _ = await asyncio.to_thread(auth.upgrade_session, store, session, "second_factor")
        return _signed_in(request, web.HTTPSeeOther(next_path), token)

    secret = second_factor.decrypt(session.enrol_secret)
    if secret is None:  # the set-up page was never shown in this session: show it (with a key) now
        secret = await asyncio.to_thread(_enrol_secret, request, session)
        return _enrol_page(request, secret, next_path, status=400, errors=[
            ("code", "Scan the QR code below with your app first, then enter the code it shows.")])
    if errors:
        return _enrol_page(request, secret, next_path, status=400, errors=errors)
    codes = await asyncio.to_thread(second_factor.confirm_enrolment, store, session.user.id, secret, code)
    if codes is None:
        await asyncio.to_thread(_failed, store, name, address, "second_factor_failed")
        return _enrol_page(request, secret, next_path, status=401, errors=[(
            "code", "The code is not right. Check that you scanned the QR code on this page (or typed this key), "
            "then enter the newest code the app shows.")])
    token, new = await asyncio.to_thread(auth.upgrade_session, store, session, "second_factor_set_up")
    request["csrf_token"], request["staff_session"], request["second_factor_passed"] = new.csrf_token, new, True
    return _signed_in(request, _recovery_codes_page(request, codes, next_path), token)


def _failed(store, name: str, address: str, action: str) -> None:
    from bot.store import record_audit

    auth.record_failure(store, name, address)
    with store.session() as s:
        record_audit(s, name, action, 0)


def _recovery_page(request: web.Request, next_path: str, *, status: int = 200, errors=()) -> web.Response:
    return _page(request, "recovery", "Use a recovery code", status=status, errors=list(errors), next_path=next_path)


@staff_only(pending_ok=True)
async def recovery_form(request: web.Request) -> web.StreamResponse:
    session, next_path = request["staff_session"], _next(request)
    if not session.enrolled or session.passed:
        raise web.HTTPSeeOther(f"{PATH}?next={quote(next_path, safe='/')}")
    return _recovery_page(request, next_path)


@staff_only(pending_ok=True)
async def recovery_submit(request: web.Request) -> web.StreamResponse:
    store, session = store_of(request), request["staff_session"]
    form = await request.post()
    next_path, code = _next(request, form), form_text(form, "code", 64)
    if not session.enrolled or session.passed:
        raise web.HTTPSeeOther(f"{PATH}?next={quote(next_path, safe='/')}")
    name, address = session.user.name, auth.client_address(request)
    if await asyncio.to_thread(auth.too_many_failures, store, name, address):
        return await _limited(request, session)
    if not code.strip():
        return _recovery_page(request, next_path, status=400, errors=[("code", "Enter one of your recovery codes.")])
    if not await asyncio.to_thread(second_factor.use_recovery_code, store, session.user.id, code):
        await asyncio.to_thread(_failed, store, name, address, "recovery_code_failed")
        return _recovery_page(request, next_path, status=401, errors=[("code", WRONG_RECOVERY)])
    token, _ = await asyncio.to_thread(auth.upgrade_session, store, session, "recovery_code_used")
    return _signed_in(request, web.HTTPSeeOther(next_path), token)


# --- one's own factor ---------------------------------------------------------------------------------------------
def _account_facts(store, user_id: int) -> tuple[second_factor.FactorState, list]:
    factor = second_factor.state(store, user_id)
    return factor, (security_keys.keys_of(store, user_id) if factor.enrolled else [])


async def _account_page(request: web.Request, *, status: int = 200, errors=()) -> web.Response:
    factor, keys = await asyncio.to_thread(_account_facts, store_of(request), request["user"].id)
    notice = "Your security key was added. You can use it at your next sign-in." if request.query.get("added") else ""
    return _page(request, "account", "Your second factor", status=status, errors=list(errors), factor=factor,
                 keys=keys, can_add_key=len(keys) < security_keys.MAX_KEYS, notice=notice,
                 recovery_codes=second_factor.RECOVERY_CODES)


@staff_only()
async def account(request: web.Request) -> web.Response:
    return await _account_page(request)


@staff_only()
async def account_reset(request: web.Request) -> web.StreamResponse:
    store, session = store_of(request), request["staff_session"]
    form = await request.post()
    code = form_text(form, "code", 64)
    if not session.enrolled:
        raise web.HTTPSeeOther(ACCOUNT_PATH)
    name, address = session.user.name, auth.client_address(request)
    if await asyncio.to_thread(auth.too_many_failures, store, name, address):
        return await _limited(request, session)
    if not code.strip():
        return await _account_page(request, status=400, errors=[(
            "code", "Enter a code from your app or a recovery code. Nothing was changed.")])
    cleaned = second_factor.clean_code(code)
    proved = await asyncio.to_thread(
        second_factor.check_code if second_factor.CODE_SHAPE.match(cleaned) else second_factor.use_recovery_code,
        store, session.user.id, code)
    if not proved:
        await asyncio.to_thread(_failed, store, name, address, "second_factor_failed")
        return await _account_page(request, status=401, errors=[(
            "code", "That code is not right, or it was used already. Nothing was changed. Enter the newest code "
            "your app shows, or an unused recovery code.")])
    await asyncio.to_thread(second_factor.reset_own, store, session.user.id, session.token_hash)
    await asyncio.to_thread(store.audit, name, "second_factor_removed", 1, "by the person, with a code")
    raise web.HTTPSeeOther(f"{PATH}?next={ACCOUNT_PATH}")


# --- security keys and passkeys (JSON, from /static/staff_webauthn.js) ---------------------------------------------
def _rp(request: web.Request) -> tuple[str, str]:
    return security_keys.relying_party("https" if auth.is_https(request) else "http", request.host)


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@staff_only(pending_ok=True)
async def key_options(request: web.Request) -> web.Response:
    session = request["staff_session"]
    if session.passed or not session.enrolled or not await asyncio.to_thread(security_keys.count, store_of(request),
                                                                             session.user.id):
        return _json_error(400, "There is no security key to use here. Enter a code from your app.")
    rp_id, _ = _rp(request)
    options = await asyncio.to_thread(security_keys.authentication_options, store_of(request), session, rp_id)
    return web.Response(text=options, content_type="application/json")


@staff_only(pending_ok=True)
async def key_sign_in(request: web.Request) -> web.Response:
    store, session = store_of(request), request["staff_session"]
    body = security_keys.parse(await request.read()) or {}
    next_path = auth.safe_next(body.get("next") if isinstance(body.get("next"), str) else None)
    if session.passed:
        return web.json_response({"next": next_path})
    name, address = session.user.name, auth.client_address(request)
    if await asyncio.to_thread(auth.too_many_failures, store, name, address):
        minutes = int(auth.FAILURE_WINDOW.total_seconds() // 60)
        if not session.passed:
            await asyncio.to_thread(auth.end_session, store, session.token_hash)
        return _json_error(429, f"There have been too many tries. Wait {minutes} minutes, then sign in again.")
    rp_id, origin = _rp(request)
    credential = body.get("credential")
    ok = isinstance(credential, dict) and await asyncio.to_thread(
        security_keys.authenticate, store, session, credential, rp_id, origin)
    if not ok:
        await asyncio.to_thread(_failed, store, name, address, "security_key_failed")
        return _json_error(401, "That security key was not accepted. Try again with a key you added, or enter a "
                                "code from your app.")
    token, _ = await asyncio.to_thread(auth.upgrade_session, store, session, "security_key")
    response = web.json_response({"next": next_path})
    auth.set_cookie(request, response, auth.COOKIE, token, auth.COOKIE_PATH)
    return response


@staff_only()
async def keys_options(request: web.Request) -> web.Response:
    session = request["staff_session"]
    if not session.enrolled:
        return _json_error(400, "Set up your authenticator app first, then add a security key.")
    if await asyncio.to_thread(security_keys.count, store_of(request), session.user.id) >= security_keys.MAX_KEYS:
        return _json_error(400, "You have the most keys allowed.")
    rp_id, _ = _rp(request)
    options = await asyncio.to_thread(security_keys.registration_options, store_of(request), session, rp_id)
    return web.Response(text=options, content_type="application/json")


@staff_only()
async def keys_add(request: web.Request) -> web.Response:
    store, session = store_of(request), request["staff_session"]
    body = security_keys.parse(await request.read()) or {}
    credential, label = body.get("credential"), body.get("label")
    rp_id, origin = _rp(request)
    ok = session.enrolled and isinstance(credential, dict) and await asyncio.to_thread(
        security_keys.register, store, session, credential, label if isinstance(label, str) else "", rp_id, origin)
    if not ok:
        return _json_error(400, "The key could not be added. Try again, or try another key.")
    await asyncio.to_thread(store.audit, session.user.name, "security_key_added", 1)
    return web.json_response({"next": ACCOUNT_PATH + "?added=1"})


def add_routes(app: web.Application) -> None:
    app.router.add_get(PATH, second_factor_form)
    app.router.add_post(PATH, second_factor_submit)
    app.router.add_get(RECOVERY_PATH, recovery_form)
    app.router.add_post(RECOVERY_PATH, recovery_submit)
    app.router.add_get(ACCOUNT_PATH, account)
    app.router.add_post(ACCOUNT_PATH + "/reset", account_reset)
    app.router.add_post(KEY_PATH + "/options", key_options)
    app.router.add_post(KEY_PATH, key_sign_in)
    app.router.add_post(KEYS_PATH + "/options", keys_options)
    app.router.add_post(KEYS_PATH, keys_add)
