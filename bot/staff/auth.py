"""Staff login sessions, CSRF tokens, login rate limiting and the `staff_only` guard for aiohttp handlers.

- A session is a row in ``staff_sessions`` (so several web processes share it): the cookie ``imsa_staff`` holds a
  random token; only its SHA-256 is stored. Idle expiry slides (IMSA_STAFF_SESSION_MINUTES, default 30); a
  session ends 12 hours after login whatever happens.
- Every POST, PUT, PATCH and DELETE must carry the session's CSRF token (form field ``csrf_token`` or header
  ``X-CSRF-Token``), compared in constant time.
- Failed logins are rows in ``login_failures`` keyed by a keyed hash of the name or of the address: 5 per name or
  20 per address in 15 minutes, then logins wait without the password being checked. Wrong second-factor codes
  are counted in the same rows.
- Second factor (bot.staff.second_factor): a right password starts a session that has passed the password only
  (``second_factor`` False, ending 10 minutes after sign-in). It opens nothing but the second-factor pages and
  sign-out; every other page sends it to /staff/second-factor. A right code (or recovery code) ends it and starts
  a new session with a new token (the token changes when the level of authentication does).

Roles: ``support_worker`` (their own hand-over links only, nothing of the answers), ``translator`` (the translations
and recordings pages of their own languages only: ``require_language``), ``staff`` (answers, review, coding, exports)
and ``admin`` (everything staff can, plus users, the audit log and every language).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Awaitable, Callable
from urllib.parse import quote

from aiohttp import web

from bot.settings import get_settings
from bot.staff.users import ROLES, StaffUser, as_staff_user, normalise_name, verify_login
from bot.store import accounts
from bot.web.templating import CSRF_FIELD, render

COOKIE = "imsa_staff"
COOKIE_PATH = "/staff"
LOGIN_COOKIE = "imsa_staff_login"  # a pre-login CSRF token for the login form (double submit)
CSRF_HEADER = "X-CSRF-Token"
ABSOLUTE_HOURS = 12
PENDING_MINUTES = 10  # a password-only session must answer the second factor within this time
SECOND_FACTOR_PATH = "/staff/second-factor"
SLIDE_AFTER = dt.timedelta(minutes=1)  # the expiry is written again at most once a minute
FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
STORE_KEY = "staff_store"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def now() -> dt.datetime:
    """The time in UTC, without a zone (as stored)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def idle_minutes() -> int:
    return get_settings().staff_session_minutes


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _key(kind: str, value: str) -> str:
    """A keyed hash of a name or address: rate limiting works without storing either."""
    from bot.conversation.resume_codes import secret_key

    return hmac.new(secret_key(), f"login:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


# --- sessions ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Session:
    user: StaffUser
    token_hash: str
    csrf_token: str
    expires_at: dt.datetime
    second_factor: bool = False  # this session answered a second factor (or needed none: policy optional)
    enrolled: bool = False  # the user has a second factor set up
    enrol_secret: str | None = None  # an authenticator key being set up (encrypted)

    @property
    def passed(self) -> bool:
        """True when this session may open staff pages: a second factor answered, or none needed."""
        from bot.staff.second_factor import policy

        return self.second_factor and (self.enrolled or policy() == "optional")


def _absolute(created_at: dt.datetime, second_factor: bool) -> dt.datetime:
    return created_at + (dt.timedelta(hours=ABSOLUTE_HOURS) if second_factor
                         else dt.timedelta(minutes=PENDING_MINUTES))


def start_session(store, user: StaffUser, *, second_factor: bool = False) -> tuple[str, Session]:
    """A new session for `user`: (the cookie's token, the session). Expired sessions are cleared on the way.

    `second_factor` False: the password only so far (it ends after PENDING_MINUTES and opens the second-factor
    pages only)."""
    from bot.staff.second_factor import is_enrolled

    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    started = now()
    expires = min(started + dt.timedelta(minutes=idle_minutes()), _absolute(started, second_factor))
    accounts.start_session(store, _hash(token), user.id, csrf, started=started, expires=expires,
                           second_factor=second_factor)
    return token, Session(user, _hash(token), csrf, expires, second_factor, is_enrolled(store, user.id))


def load_session(store, token: str | None) -> Session | None:
    """The live session of this cookie token (its idle expiry slid forward), or None."""
    if not token or len(token) > 128:
        return None
    at = now()

    def expiry(row, active: bool) -> dt.datetime | None:
        absolute = _absolute(row.created_at, row.second_factor)
        if row.expires_at <= at or absolute <= at or not active:
            return None  # ended
        slid = min(at + dt.timedelta(minutes=idle_minutes()), absolute)
        return slid if slid - row.expires_at >= SLIDE_AFTER else row.expires_at

    found = accounts.load_session(store, _hash(token), expiry)
    if found is None:
        return None
    row, account = found
    return Session(as_staff_user(account), row.token_hash, row.csrf_token, row.expires_at, bool(row.second_factor),
                   account.enrolled, row.enrol_secret)


def set_enrol_secret(store, token_hash: str, encrypted: str) -> None:
    accounts.set_session_values(store, token_hash, enrol_secret=encrypted)


def upgrade_session(store, session: Session, how: str) -> tuple[str, Session]:
    """The second factor was answered (`how`: for the audit log): the password-only session ends and a new one,
    with a new token, starts. Failures of this name no longer count."""
    end_session(store, session.token_hash)
    clear_failures(store, session.user.name)
    token, new = start_session(store, session.user, second_factor=True)
    store.audit(session.user.name, how, 1)
    return token, new


def end_session(store, token_hash: str) -> int:
    return accounts.end_session(store, token_hash)


# --- login rate limiting ----------------------------------------------------------------------------------------
def too_many_failures(store, name: str, address: str) -> bool:
    by_name, by_address = accounts.failures_since(store, now() - FAILURE_WINDOW, _key("name", normalise_name(name)),
                                                  _key("address", address))
    return by_name >= MAX_FAILURES_PER_NAME or by_address >= MAX_FAILURES_PER_ADDRESS


def record_failure(store, name: str, address: str) -> None:
    at = now()
    accounts.add_failures(store, at, _key("name", normalise_name(name)), _key("address", address),
                          forget_before=at - FAILURE_WINDOW)


def clear_failures(store, name: str) -> None:
    accounts.clear_failures(store, _key("name", normalise_name(name)))


@dataclass(frozen=True)
class LoginResult:
    user: StaffUser | None = None
    token: str | None = None
    session: Session | None = None
    limited: bool = False

    @property
    def needs_second_factor(self) -> bool:
        return self.session is not None and not self.session.passed


def login(store, name: str, password: str, address: str) -> LoginResult:
    """Check a login (rate limited first, then the password); audit it; start a session when right."""
    name = normalise_name(name)
    known = accounts.name_taken(store, name)
    if too_many_failures(store, name, address):
        store.audit(name if known else "unknown", "login_refused", 0, "too many tries")
        return LoginResult(limited=True)
    user = verify_login(store, name, password)
    if user is None:
        record_failure(store, name, address)
        # an unknown name is not written: it may be a password typed in the wrong box
        store.audit(name if known else "unknown", "login_failed", 0)
        return LoginResult()
    # failures of this name still count until the second factor is answered too: a right password followed by
    # wrong codes is not a fresh start
    from bot.staff.second_factor import is_enrolled, policy

    full = policy() == "optional" and not is_enrolled(store, user.id)
    if full:
        clear_failures(store, name)
    token, session = start_session(store, user, second_factor=full)
    store.audit(user.name, "login", 1)
    return LoginResult(user=user, token=token, session=session)


# --- aiohttp glue ----------------------------------------------------------------------------------------------
def store_of(request: web.Request):
    """The app's Store: app["staff_store"] when set (tests), else bot.store.get_store() (DATABASE_URL)."""
    store = request.app.get(STORE_KEY) if STORE_KEY in request.app else None
    if store is None:
        from bot.store import get_store

        store = get_store()
    return store


def proxy_hops() -> int:
    """How many reverse proxies of our own stand in front: IMSA_PROXY_HOPS (as the chat page's rate limit
    reads it), or 1 when IMSA_TRUST_PROXY=1. With 0, X-Forwarded-* headers are ignored (anyone can send them)."""
    return get_settings().proxy_hops


def client_address(request: web.Request) -> str:
    """The browser's address: the peer, or behind n proxies of our own the n-th X-Forwarded-For entry from the
    right (the one our outermost proxy saw; entries further left can be forged)."""
    hops = proxy_hops()
    if hops:
        chain = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops]
    return request.remote or "unknown"


def is_https(request: web.Request) -> bool:
    """True when the browser's connection is HTTPS: here, or at our own proxy (X-Forwarded-Proto)."""
    if request.secure:
        return True
    return bool(proxy_hops()) and request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower() == "https"


def set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str, path: str) -> None:
    response.set_cookie(name, value, path=path, httponly=True, samesite="Strict", secure=is_https(request))


def clear_cookie(request: web.Request, response: web.StreamResponse, name: str, path: str) -> None:
    response.del_cookie(name, path=path)


def safe_next(target: str | None) -> str:
    """Where to go after login: a path in the staff area only, never another site."""
    if not target or not target.startswith("/staff") or target.startswith("//") or "\\" in target:
        return "/staff"
    if any(ord(c) < 0x20 for c in target):
        return "/staff"
    return target


def _wants_json(request: web.Request) -> bool:
    return ("application/json" in request.headers.get("Accept", "")
            or request.content_type == "application/json")


def refuse(request: web.Request, status: int, title: str, message: str) -> web.Response:
    """A kind refusal: JSON for scripts, a staff page for browsers."""
    if _wants_json(request):
        return web.json_response({"error": message}, status=status)
    return render(request, "staff/message.html", status=status, title=title, message=message)


async def csrf_ok(request: web.Request, expected: str) -> bool:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()  # aiohttp keeps the parsed form: the handler can read it again
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    return sent is not None and sent != "" and hmac.compare_digest(sent.encode(), expected.encode())


def require_language(request: web.Request, code: str) -> None:
    """Refuse (403, the kind page) a language the signed-in user may not review or record: a translator's own
    languages only, every language for an admin."""
    user = request["user"]
    if not user.can_language(code):
        mine = ", ".join(user.languages) or "none"
        message = f"This language is not open to you (your languages: {mine}). Ask an admin if you need it."
        refusal = refuse(request, 403, "Not available to you", message)
        raise web.HTTPForbidden(text=refusal.text, content_type=refusal.content_type)


def staff_only(*roles: str, pending_ok: bool = False) -> Callable[[Handler], Handler]:
    """Guard an aiohttp handler: a live session, one of `roles` (admins always pass) and, on changes, CSRF.

    No session: GET/HEAD -> 303 to /staff/login?next=<path>; anything else -> 403. Wrong role -> 403.
    A session that has passed the password only: GET/HEAD -> 303 to /staff/second-factor?next=<path>; anything
    else -> 403; unless `pending_ok` (the second-factor pages and sign-out).
    Sets request["user"] (a StaffUser: .id .name .role) and request["csrf_token"].
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; roles are {ROLES}")

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: web.Request) -> web.StreamResponse:
            store = store_of(request)
            session = await asyncio.to_thread(load_session, store, request.cookies.get(COOKIE))
            if session is None:
                if request.method in ("GET", "HEAD") and not _wants_json(request):
                    raise web.HTTPSeeOther(f"/staff/login?next={quote(request.path_qs, safe='/')}")
                return refuse(request, 403, "Please sign in",
                              "Your session has ended. Sign in again, then try once more.")
            if not session.passed and not pending_ok:
                if request.method in ("GET", "HEAD") and not _wants_json(request):
                    raise web.HTTPSeeOther(f"{SECOND_FACTOR_PATH}?next={quote(request.path_qs, safe='/')}")
                return refuse(request, 403, "Finish signing in",
                              "Enter the code from your authenticator app first. Nothing was changed.")
            request["user"] = session.user
            request["csrf_token"] = session.csrf_token
            request["staff_session"] = session
            request["second_factor_passed"] = session.passed
            if roles and not session.user.can(*roles):
                return refuse(request, 403, "Not available to you",
                              f"This page is not open to the {session.user.role_name} role. "
                              "Ask an admin if you need it.")
            if request.method in UNSAFE_METHODS and not await csrf_ok(request, session.csrf_token):
                return refuse(request, 403, "Form expired",
                              "This form has expired or did not come from this site. Nothing was changed. "
                              "Go back, reload the page and try again.")
            return await handler(request)

        guarded.staff_roles = roles or ROLES  # type: ignore[attr-defined]  # for tests and the nav
        guarded.pending_ok = pending_ok  # type: ignore[attr-defined]  # open to a password-only session
        return guarded

    return decorate
