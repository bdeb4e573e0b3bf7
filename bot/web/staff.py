"""The staff area's access pages: sign in and out, home, users (admin), audit log (admin), hand-over links.

Every page but /staff/login is guarded by bot.staff.auth.staff_only (session, role, CSRF). Pages are English
only, templates under bot/web/templates/staff/ (autoescaped); the database is read and written in a worker
thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from urllib.parse import quote

from aiohttp import web

from bot.conversation import handover, i18n
from bot.conversation.catalogue import catalogue
from bot.staff import auth, second_factor, users
from bot.staff.auth import staff_only, store_of
from bot.store.models import ROLES
from bot.web.incoming import form_text, public_base
from bot.web.templating import has_route, render, render_text

AUDIT_PAGE_SIZE = 50
HANDOVER_LIST_SIZE = 100
LOGIN_PATH = "/staff/login"
ROLE_HELP = {
    "support_worker": "makes hand-over links for the people they support; sees nothing of the answers",
    "translator": "reviews and records the bot's texts in their own languages only; sees nothing of the answers",
    "staff": "sees progress and answers, reviews redaction, codes and exports",
    "admin": "everything staff can do, and manages users and reads the audit log",
}
# what each role finds on the home page: (path, title, description, roles; admins see all)
HOME_LINKS = (
    ("/staff/dashboard", "Dashboard", "Progress: respondents and answers by theme, language, channel and nation.",
     ("staff",)),
    ("/staff/review", "Review queue", "Answers where redaction found something: check them and redact more.",
     ("staff",)),
    ("/staff/answers", "Answers and coding", "Browse answers and confirm, reject or add codes.", ("staff",)),
    ("/staff/handover", "Hand-over links", "Make a link or QR code that opens the chat for the person you support.",
     ("support_worker",)),
    ("/staff/users", "Users", "Add people, reset passwords, deactivate accounts.", ()),
    ("/staff/translations", "Translations", "Every text of the bot per language: check, edit, mark reviewed.",
     ("translator",)),
    ("/staff/recordings", "Recordings", "Record each text in a human voice, for people who cannot read it.",
     ("translator",)),
    ("/staff/audit", "Audit log", "Who did what, and when: logins, exports, imports, deletions.", ()),
    ("/staff/account/second-factor", "Your second factor",
     "Your authenticator app and recovery codes: how many are left, or set up a new phone.",
     ("support_worker", "translator", "staff")),
)


# --- sign in and out -------------------------------------------------------------------------------------------
def _login_page(request: web.Request, *, status: int = 200, name: str = "", errors=(), notice: str = "",
                next_path: str = "/staff") -> web.Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "staff/login.html", status=status, title="Sign in", errors=list(errors),
                      notice=notice, name=name, next_path=next_path, login_token=token)
    auth.set_cookie(request, response, auth.LOGIN_COOKIE, token, LOGIN_PATH)
    return response


async def login_form(request: web.Request) -> web.Response:
    notice = "You have signed out." if request.query.get("signed_out") else ""
    return _login_page(request, notice=notice, next_path=auth.safe_next(request.query.get("next")))


async def login_submit(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    name, password = form_text(form, "name", 256), form_text(form, "password", users.MAX_PASSWORD + 1)
    next_path = auth.safe_next(form_text(form, "next"))
    expected, sent = request.cookies.get(auth.LOGIN_COOKIE, ""), form_text(form, auth.CSRF_FIELD, 128)
    if not expected or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        # a login form from another site, or one older than this browser's cookie: nothing is checked
        return _login_page(request, status=403, name=name, next_path=next_path,
                           errors=[("name", "The sign-in form had expired. Enter your name and password again.")])
    errors = []
    if not name.strip():
        errors.append(("name", "Enter your name"))
    if not password:
        errors.append(("password", "Enter your password"))
    if errors:
        return _login_page(request, status=400, name=name, errors=errors, next_path=next_path)
    result = await asyncio.to_thread(auth.login, store_of(request), name, password, auth.client_address(request))
    if result.limited:
        minutes = int(auth.FAILURE_WINDOW.total_seconds() // 60)
        response = _login_page(
            request, status=429, name=name, next_path=next_path,
            errors=[("name", f"There have been too many tries. Wait {minutes} minutes, then try again. "
                             "If you have forgotten your password, an admin can reset it.")])
        response.headers["Retry-After"] = str(int(auth.FAILURE_WINDOW.total_seconds()))
        return response
    if result.user is None:
        return _login_page(request, status=401, name=name, next_path=next_path,
                           errors=[("password", "The name or the password is not right. Check both and try again.")])
    target = next_path
    if result.needs_second_factor:  # the password alone opens nothing: on to the code (or setting one up)
        target = f"{auth.SECOND_FACTOR_PATH}?next={quote(next_path, safe='/')}"
    response = web.HTTPSeeOther(target)
    auth.set_cookie(request, response, auth.COOKIE, result.token or "", auth.COOKIE_PATH)
    auth.clear_cookie(request, response, auth.LOGIN_COOKIE, LOGIN_PATH)
    return response


def _sign_out(store, session: auth.Session) -> None:
    auth.end_session(store, session.token_hash)
    store.audit(session.user.name, "logout", 1)


@staff_only(pending_ok=True)
async def logout(request: web.Request) -> web.StreamResponse:
    await asyncio.to_thread(_sign_out, store_of(request), request["staff_session"])
    response = web.HTTPSeeOther(f"{LOGIN_PATH}?signed_out=1")
    auth.clear_cookie(request, response, auth.COOKIE, auth.COOKIE_PATH)
    return response


# --- home ------------------------------------------------------------------------------------------------------
@staff_only()
async def home(request: web.Request) -> web.Response:
    user = request["user"]
    cards = [(path, title, text) for path, title, text, roles in HOME_LINKS
             if user.can(*roles) and has_route(request.app, path)]
    return render(request, "staff/home.html", title="Staff area", cards=cards, role_help=ROLE_HELP[user.role])


# --- users (admin) ---------------------------------------------------------------------------------------------
DONE_MESSAGES = {
    "added": "{name} was added. Tell them their password in person or by phone, never by email.",
    "password": "The password of {name} was changed. Their other sessions have ended.",
    "deactivated": "{name} was deactivated and signed out everywhere.",
    "languages": "The languages of {name} were changed.",
    "second_factor": "The second factor of {name} was reset and they are signed out everywhere. They set up "
                     "a new one at their next sign-in.",
}


def _translated_languages() -> list[i18n.Language]:
    """The languages a translator can be given: every one but English."""
    return [lang for code, lang in i18n.languages().items() if code != i18n.SOURCE]


async def _users_page(request: web.Request, *, status: int = 200, errors=(), name: str = "", role: str = "staff",
                      notice: str = "", languages=()) -> web.Response:  # noqa: ANN001
    everyone = await asyncio.to_thread(users.list_users, store_of(request))
    rows = [
        [{"text": u.name, "href": f"/staff/users/{quote(u.name)}", "header": True},
         u.role_name + (": " + ", ".join(u.languages) if u.languages else ""),
         "active" if u.active else "deactivated", u.created_on.isoformat() if u.created_on else ""]
        for u in everyone
    ]
    return render(request, "staff/users.html", status=status, title="Users", errors=list(errors), notice=notice,
                  rows=rows, name=name, role=role, roles=[(r, users.ROLE_NAMES[r]) for r in ROLES],
                  role_help=[(users.ROLE_NAMES[r], ROLE_HELP[r]) for r in ROLES],
                  minimum_password=users.MIN_PASSWORD, languages=_translated_languages(), chosen=list(languages))


def _done_notice(request: web.Request) -> str:
    done, name = request.query.get("done", ""), request.query.get("name", "")
    return DONE_MESSAGES[done].format(name=name[:64]) if done in DONE_MESSAGES else ""


def _password_errors(password: str, confirm: str, name: str) -> list[tuple[str, str]]:
    try:
        users.check_password(password, name)
    except users.UserError as exc:
        return [("new-password", str(exc))]
    if password != confirm:
        return [("new-confirm", "The two passwords are not the same. Type the same password twice.")]
    return []


@staff_only("admin")
async def users_list(request: web.Request) -> web.Response:
    return await _users_page(request, notice=_done_notice(request))


@staff_only("admin")
async def users_add(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    name, role = form_text(form, "name", 256), form_text(form, "role", 32)
    password, confirm = form_text(form, "password"), form_text(form, "confirm")
    languages = [v for v in form.getall("languages", []) if isinstance(v, str)][:64]
    errors = []
    try:
        users.check_name(name)
    except users.UserError as exc:
        errors.append(("new-name", str(exc)))
    if role not in ROLES:
        errors.append(("new-role", "Choose a role."))
        role = "staff"
    else:
        try:
            users.check_languages(role, languages)
        except users.UserError as exc:
            errors.append(("new-languages", str(exc)))
    errors += _password_errors(password, confirm, name)
    if not errors:
        try:
            added = await asyncio.to_thread(users.add_user, store_of(request), name, role, password,
                                            actor=request["user"].name, languages=languages)
        except users.UserError as exc:
            errors.append(("new-name", str(exc)))
        else:
            raise web.HTTPSeeOther(f"/staff/users?done=added&name={quote(added.name)}")
    return await _users_page(request, status=400, errors=errors, name=name, role=role, languages=languages)


async def _one_user(request: web.Request) -> users.StaffUser:
    name = users.normalise_name(request.match_info["name"])
    for user in await asyncio.to_thread(users.list_users, store_of(request)):
        if user.name == name:
            return user
    raise web.HTTPNotFound(text=render_text(request, "staff/message.html", title="No such user",
                                            message=f"There is no user called {name}.",
                                            link={"href": "/staff/users", "text": "See all users"}),
                           content_type="text/html")


async def _user_page(request: web.Request, user: users.StaffUser, *, status: int = 200, errors=()) -> web.Response:
    factor = await asyncio.to_thread(second_factor.state, store_of(request), user.id)
    return render(request, "staff/user.html", status=status, title=f"User {user.name}", errors=list(errors),
                  person=user, factor=factor, recovery_codes=second_factor.RECOVERY_CODES,
                  minimum_password=users.MIN_PASSWORD, languages=_translated_languages())


@staff_only("admin")
async def user_second_factor(request: web.Request) -> web.StreamResponse:
    user = await _one_user(request)
    if user.id == request["user"].id:  # nobody removes their own second factor without a code
        return await _user_page(request, user, status=400, errors=[(
            "second-factor-title", "You cannot reset your own second factor here. Use your second factor page, "
            "with a code from your app or a recovery code, or ask another admin.")])
    await asyncio.to_thread(users.reset_second_factor, store_of(request), user.name, actor=request["user"].name)
    raise web.HTTPSeeOther(f"/staff/users?done=second_factor&name={quote(user.name)}")


@staff_only("admin")
async def user_detail(request: web.Request) -> web.Response:
    return await _user_page(request, await _one_user(request))


@staff_only("admin")
async def user_password(request: web.Request) -> web.StreamResponse:
    user = await _one_user(request)
    form = await request.post()
    password, confirm = form_text(form, "password"), form_text(form, "confirm")
    errors = _password_errors(password, confirm, user.name)
    if errors:
        return await _user_page(request, user, status=400, errors=errors)
    await asyncio.to_thread(users.set_password, store_of(request), user.name, password, actor=request["user"].name,
                            keep_session=request["staff_session"].token_hash)
    raise web.HTTPSeeOther(f"/staff/users?done=password&name={quote(user.name)}")


@staff_only("admin")
async def user_languages(request: web.Request) -> web.StreamResponse:
    user = await _one_user(request)
    form = await request.post()
    chosen = [v for v in form.getall("languages", []) if isinstance(v, str)][:64]
    try:
        await asyncio.to_thread(users.set_languages, store_of(request), user.name, chosen, actor=request["user"].name)
    except users.UserError as exc:
        return await _user_page(request, user, status=400, errors=[("languages", str(exc))])
    raise web.HTTPSeeOther(f"/staff/users?done=languages&name={quote(user.name)}")


@staff_only("admin")
async def user_deactivate(request: web.Request) -> web.StreamResponse:
    user = await _one_user(request)
    try:
        await asyncio.to_thread(users.deactivate, store_of(request), user.name, actor=request["user"].name)
    except users.UserError as exc:
        return await _user_page(request, user, status=400, errors=[("deactivate-title", str(exc))])
    if user.id == request["user"].id:  # an admin who deactivated themselves is signed out
        raise web.HTTPSeeOther(f"{LOGIN_PATH}?signed_out=1")
    raise web.HTTPSeeOther(f"/staff/users?done=deactivated&name={quote(user.name)}")


# --- audit log (admin) -----------------------------------------------------------------------------------------
def _audit_page(store, number: int) -> tuple[int, int, int, list[list]]:
    """(entries in all, pages, this page's number, its rows as table cells), newest first."""
    entries, number, pages, total = store.audit_page(number, AUDIT_PAGE_SIZE)
    rows = [[a.done_on.isoformat(), a.actor, a.action, {"text": a.row_count, "class": "num"}, a.detail or ""]
            for a in entries]
    return total, pages, number, rows


@staff_only("admin")
async def audit_log(request: web.Request) -> web.Response:
    try:
        number = max(1, int(request.query.get("page", "1")))
    except ValueError:
        number = 1
    total, pages, number, rows = await asyncio.to_thread(_audit_page, store_of(request), number)
    return render(request, "staff/audit.html", title="Audit log", total=total, pages=pages, number=number, rows=rows)


# --- hand-over links (support workers) --------------------------------------------------------------------------
async def _handover_page(request: web.Request, *, status: int = 200, errors=(), lang: str = "en",
                         themes: set[str] | None = None,
                         assisted: str = handover.WORKER_ASSISTED[0]) -> web.Response:
    user, base = request["user"], public_base(request)
    links = []
    for link in await asyncio.to_thread(store_of(request).handover_links, user.id, HANDOVER_LIST_SIZE):
        token, made_on = link.token, link.created_on
        preset = handover.read(token)
        if preset is None:  # made with an older key: it no longer opens anything
            continue
        links.append({
            "url": f"{base}/?start={token}",
            "qr": f"/handover/qr.svg?start={quote(token)}",
            "language": i18n.languages()[preset.lang].name,
            "topics": ", ".join(i18n.text("en", f"theme.{t}.name") for t in preset.themes),
            "assisted": i18n.text("en", f"assisted.{preset.assisted}"),
            "made_on": made_on.isoformat(),
        })
    made = bool(request.query.get("made"))
    return render(request, "staff/handover.html", status=status, title="Hand-over links", errors=list(errors),
                  notice="The link is ready: it is the first one below." if made else "", made=made, links=links,
                  languages=list(i18n.languages().values()), chat_lang=lang, themes=catalogue().themes,
                  chosen=themes or set(), assisted_ways=handover.WORKER_ASSISTED, assisted=assisted)


@staff_only("support_worker")
async def handover_list(request: web.Request) -> web.Response:
    return await _handover_page(request)


@staff_only("support_worker")
async def handover_make(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    lang = form_text(form, "lang", 16)
    themes = [v for v in form.getall("themes", []) if isinstance(v, str)][:20]
    assisted = form_text(form, "assisted", 64)
    try:
        token = handover.make(lang, themes, assisted)
    except ValueError:
        errors = [("themes", "Choose at least one topic.")] if not themes else [
            ("themes", "Choose a language, at least one topic and how you will help.")]
        return await _handover_page(request, status=400, errors=errors,
                                    lang=lang if lang in i18n.languages() else "en", themes=set(themes),
                                    assisted=assisted if assisted in handover.WORKER_ASSISTED
                                    else handover.WORKER_ASSISTED[0])
    user = request["user"]
    await asyncio.to_thread(store_of(request).add_handover_link, user.id, user.name, token)
    raise web.HTTPSeeOther("/staff/handover?made=1#links")


def add_routes(app: web.Application) -> None:
    """The access pages of the staff area (bot.web.staff_data adds the dashboard, review and coding pages)."""
    app.router.add_get(LOGIN_PATH, login_form)
    app.router.add_post(LOGIN_PATH, login_submit)
    app.router.add_post("/staff/logout", logout)
    app.router.add_get("/staff", home)
    app.router.add_get("/staff/users", users_list)
    app.router.add_post("/staff/users", users_add)
    app.router.add_get("/staff/users/{name}", user_detail)
    app.router.add_post("/staff/users/{name}/password", user_password)
    app.router.add_post("/staff/users/{name}/deactivate", user_deactivate)
    app.router.add_post("/staff/users/{name}/languages", user_languages)
    app.router.add_post("/staff/users/{name}/second-factor", user_second_factor)
    app.router.add_get("/staff/audit", audit_log)
    app.router.add_get("/staff/handover", handover_list)
    app.router.add_post("/staff/handover", handover_make)
    from bot.web import staff_data  # the dashboard, export downloads, review queue and coding pages

    staff_data.add_routes(app)
    from bot.web import staff_second_factor  # setting up and answering the second factor

    staff_second_factor.add_routes(app)
    from bot.web import staff_translations  # the bot's texts per language, side by side with English

    staff_translations.add_routes(app)
    from bot.web import staff_recordings  # a human voice per text and language (templates/staff/recordings/)

    staff_recordings.add_routes(app)
    from bot.web import staff_import  # written responses and coding from other tools (templates/staff/import/)

    staff_import.add_routes(app)
