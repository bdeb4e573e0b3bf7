"""The staff area's access pages: sign in and out, home, users (admin), audit log (admin), hand-over links.

Every page but /staff/login is guarded by bot.staff.auth.staff_only (session, role, CSRF). Pages are English
only; every value shown is HTML-escaped with `e`.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from urllib.parse import quote

from aiohttp import web

from bot import handover, i18n
from bot.catalogue import catalogue
from bot.settings import get_settings
from bot.staff import auth, users
from bot.staff.auth import staff_only, store_of
from bot.store.models import ROLES
from bot.web.staff_layout import csrf_field, e, page, render

AUDIT_PAGE_SIZE = 50
HANDOVER_LIST_SIZE = 100
LOGIN_PATH = "/staff/login"
ROLE_HELP = {
    "support_worker": "makes hand-over links for the people they support; sees nothing of the answers",
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
    ("/staff/translations", "Translations", "Every text of the bot per language: check, edit, mark reviewed.", ()),
    ("/staff/audit", "Audit log", "Who did what, and when: logins, exports, imports, deletions.", ()),
    ("/staff/account/second-factor", "Your second factor",
     "Your authenticator app and recovery codes: how many are left, or set up a new phone.",
     ("support_worker", "staff")),
)


# --- helpers ---------------------------------------------------------------------------------------------------
def _errors(errors: list[tuple[str, str]]) -> str:
    """The GOV.UK error summary: a heading and a link to each field with a problem."""
    if not errors:
        return ""
    items = "".join(f'<li><a href="#{e(field)}">{e(message)}</a></li>' for field, message in errors)
    # autofocus: the summary is the first thing a screen reader or keyboard user meets (no script needed)
    return ('<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1" autofocus>'
            f'<h2 id="error-title">There is a problem</h2><ul>{items}</ul></div>')


def _notice(text: str) -> str:
    return f'<div class="notice" role="status"><p>{e(text)}</p></div>' if text else ""


def _field_error(errors: list[tuple[str, str]], field: str) -> tuple[str, str]:
    """(the message paragraph, aria attributes) for one field."""
    for name, message in errors:
        if name == field:
            return (f'<p class="field-error" id="{field}-error"><span class="vh">Error:</span> {e(message)}</p>',
                    f' aria-describedby="{field}-error" aria-invalid="true"')
    return "", ""


def _has_route(request: web.Request, path: str) -> bool:
    return any(r.canonical == path for r in request.app.router.resources())


def _public_base(request: web.Request) -> str:
    return (get_settings().public_url or f"{request.scheme}://{request.host}").rstrip("/")


def _form_text(form, name: str, limit: int = 2048) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


# --- sign in and out -------------------------------------------------------------------------------------------
def _login_page(request: web.Request, *, status: int = 200, name: str = "", errors=(), notice: str = "",
                next_path: str = "/staff") -> web.Response:
    token = secrets.token_urlsafe(32)
    name_error, name_aria = _field_error(list(errors), "name")
    password_error, password_aria = _field_error(list(errors), "password")
    body = (
        _errors(list(errors)) + _notice(notice)
        + '<form method="post" action="/staff/login" class="form" novalidate>'
        f'<input type="hidden" name="{auth.CSRF_FIELD}" value="{e(token)}">'
        f'<input type="hidden" name="next" value="{e(next_path)}">'
        '<div class="field"><label for="name">Name</label>' + name_error
        + f'<input id="name" name="name" type="text" autocomplete="username" spellcheck="false" '
        f'autocapitalize="none" value="{e(name)}"{name_aria}></div>'
        '<div class="field"><label for="password">Password</label>' + password_error
        + f'<input id="password" name="password" type="password" autocomplete="current-password"{password_aria}>'
        '</div><p><button type="submit" class="primary">Sign in</button></p></form>'
        '<p>Forgotten your password, or locked out? Ask an admin to reset it.</p>'
    )
    response = page(request, "Sign in", body, status=status)
    auth.set_cookie(request, response, auth.LOGIN_COOKIE, token, LOGIN_PATH)
    return response


async def login_form(request: web.Request) -> web.Response:
    notice = "You have signed out." if request.query.get("signed_out") else ""
    return _login_page(request, notice=notice, next_path=auth.safe_next(request.query.get("next")))


async def login_submit(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    name, password = _form_text(form, "name", 256), _form_text(form, "password", users.MAX_PASSWORD + 1)
    next_path = auth.safe_next(_form_text(form, "next"))
    expected, sent = request.cookies.get(auth.LOGIN_COOKIE, ""), _form_text(form, auth.CSRF_FIELD, 128)
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


@staff_only(pending_ok=True)
async def logout(request: web.Request) -> web.StreamResponse:
    store, session = store_of(request), request["staff_session"]
    auth.end_session(store, session.token_hash)
    store.audit(session.user.name, "logout", 1)
    response = web.HTTPSeeOther(f"{LOGIN_PATH}?signed_out=1")
    auth.clear_cookie(request, response, auth.COOKIE, auth.COOKIE_PATH)
    return response


# --- home ------------------------------------------------------------------------------------------------------
@staff_only()
async def home(request: web.Request) -> web.Response:
    user = request["user"]
    cards = "".join(
        f'<li><h2><a href="{path}">{e(title)}</a></h2><p>{e(text)}</p></li>'
        for path, title, text, roles in HOME_LINKS
        if user.can(*roles) and _has_route(request, path)
    )
    body = (f'<p>You are signed in as {e(user.name)}, with the {e(user.role_name)} role: '
            f'{e(ROLE_HELP[user.role])}.</p><ul class="cards">{cards}</ul>')
    return page(request, "Staff area", body)


# --- users (admin) ---------------------------------------------------------------------------------------------
def _role_options(selected: str) -> str:
    return "".join(
        f'<option value="{r}"{" selected" if r == selected else ""}>{e(users.ROLE_NAMES[r])}</option>' for r in ROLES
    )


DONE_MESSAGES = {
    "added": "{name} was added. Tell them their password in person or by phone, never by email.",
    "password": "The password of {name} was changed. Their other sessions have ended.",
    "deactivated": "{name} was deactivated and signed out everywhere.",
    "second_factor": "The second factor of {name} was reset and they are signed out everywhere. They set up "
                     "a new one at their next sign-in.",
}


def _users_page(request: web.Request, *, status: int = 200, errors=(), name: str = "", role: str = "staff",
                notice: str = "") -> web.Response:
    rows = "".join(
        f'<tr><th scope="row"><a href="/staff/users/{quote(u.name)}">{e(u.name)}</a></th>'
        f'<td>{e(u.role_name)}</td><td>{"active" if u.active else "deactivated"}</td>'
        f'<td>{e(u.created_on.isoformat() if u.created_on else "")}</td></tr>'
        for u in users.list_users(store_of(request))
    )
    name_error, name_aria = _field_error(list(errors), "new-name")
    password_error, password_aria = _field_error(list(errors), "new-password")
    confirm_error, confirm_aria = _field_error(list(errors), "new-confirm")
    body = (
        _errors(list(errors)) + _notice(notice)
        + '<div class="table-wrap" role="region" aria-labelledby="users-caption" tabindex="0">'
        '<table><caption id="users-caption">Everyone who can sign in to the staff area</caption>'
        '<thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Status</th>'
        f'<th scope="col">Added on</th></tr></thead><tbody>{rows}</tbody></table></div>'
        '<h2 id="add-title">Add a user</h2>'
        '<form method="post" action="/staff/users" class="form" aria-labelledby="add-title" novalidate>'
        + csrf_field(request)
        + '<div class="field"><label for="new-name">Name</label>'
        '<p class="hint" id="new-name-hint">2 to 64 characters: letters, digits, dots, dashes or @. No spaces.</p>'
        + name_error
        + f'<input id="new-name" name="name" type="text" autocomplete="off" spellcheck="false" value="{e(name)}"'
        + (name_aria.replace('aria-describedby="', 'aria-describedby="new-name-hint ')
           if name_aria else ' aria-describedby="new-name-hint"') + '></div>'
        f'<div class="field"><label for="new-role">Role</label><select id="new-role" name="role">'
        f'{_role_options(role)}</select></div>'
        + _password_fields(password_error, password_aria, confirm_error, confirm_aria)
        + '<p><button type="submit" class="primary">Add user</button></p></form>'
        '<h2>Roles</h2><dl class="roles">'
        + "".join(f"<dt>{e(users.ROLE_NAMES[r])}</dt><dd>{e(ROLE_HELP[r])}</dd>" for r in ROLES)
        + "</dl>"
    )
    return page(request, "Users", body, status=status)


def _password_fields(password_error: str, password_aria: str, confirm_error: str, confirm_aria: str) -> str:
    hint = f"At least {users.MIN_PASSWORD} characters. A few unrelated words are easy to remember and hard to guess."
    described = ' aria-describedby="new-password-hint"'
    if password_aria:
        described = password_aria.replace('aria-describedby="', 'aria-describedby="new-password-hint ')
    return (
        f'<div class="field"><label for="new-password">Password</label>'
        f'<p class="hint" id="new-password-hint">{e(hint)}</p>{password_error}'
        f'<input id="new-password" name="password" type="password" autocomplete="new-password"{described}></div>'
        f'<div class="field"><label for="new-confirm">Password again</label>{confirm_error}'
        f'<input id="new-confirm" name="confirm" type="password" autocomplete="new-password"{confirm_aria}></div>'
    )


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
    return _users_page(request, notice=_done_notice(request))


@staff_only("admin")
async def users_add(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    name, role = _form_text(form, "name", 256), _form_text(form, "role", 32)
    password, confirm = _form_text(form, "password"), _form_text(form, "confirm")
    errors = []
    try:
        users.check_name(name)
    except users.UserError as exc:
        errors.append(("new-name", str(exc)))
    if role not in ROLES:
        errors.append(("new-role", "Choose a role."))
        role = "staff"
    errors += _password_errors(password, confirm, name)
    if not errors:
        try:
            added = await asyncio.to_thread(users.add_user, store_of(request), name, role, password,
                                            actor=request["user"].name)
        except users.UserError as exc:
            errors.append(("new-name", str(exc)))
        else:
            raise web.HTTPSeeOther(f"/staff/users?done=added&name={quote(added.name)}")
    return _users_page(request, status=400, errors=errors, name=name, role=role)


def _one_user(request: web.Request) -> users.StaffUser:
    name = users.normalise_name(request.match_info["name"])
    for user in users.list_users(store_of(request)):
        if user.name == name:
            return user
    raise web.HTTPNotFound(text=render(request, "No such user", f"<p>There is no user called {e(name)}. "
                                       '<a href="/staff/users">See all users</a>.</p>'), content_type="text/html")


def _user_page(request: web.Request, user: users.StaffUser, *, status: int = 200, errors=()) -> web.Response:
    password_error, password_aria = _field_error(list(errors), "new-password")
    confirm_error, confirm_aria = _field_error(list(errors), "new-confirm")
    path = f"/staff/users/{quote(user.name)}"
    body = (
        _errors(list(errors))
        + f'<dl class="facts"><dt>Role</dt><dd>{e(user.role_name)}</dd>'
        f'<dt>Status</dt><dd>{"active" if user.active else "deactivated"}</dd>'
        f'<dt>Added on</dt><dd>{e(user.created_on.isoformat() if user.created_on else "")}</dd></dl>'
        '<h2 id="reset-title">Reset the password</h2>'
        '<p>Their other sessions end at once. Tell them the new password in person or by phone.</p>'
        f'<form method="post" action="{path}/password" class="form" aria-labelledby="reset-title" novalidate>'
        + csrf_field(request)
        + _password_fields(password_error, password_aria, confirm_error, confirm_aria)
        + '<p><button type="submit" class="primary">Set the password</button></p></form>'
    )
    body += _second_factor_section(request, user, path)
    if user.active:
        body += (
            '<h2 id="deactivate-title">Deactivate</h2>'
            '<p>They can no longer sign in and are signed out everywhere. Their hand-over links, codings and '
            'audit entries stay.</p>'
            f'<form method="post" action="{path}/deactivate" aria-labelledby="deactivate-title">'
            + csrf_field(request)
            + f'<p><button type="submit" class="warning">Deactivate {e(user.name)}</button></p></form>'
        )
    body += '<p><a href="/staff/users">Back to all users</a></p>'
    return page(request, f"User {user.name}", body, status=status)


def _second_factor_section(request: web.Request, user: users.StaffUser, path: str) -> str:
    from bot.staff import second_factor

    now = second_factor.state(store_of(request), user.id)
    if now.enrolled:
        status = (f"Set up on {e(now.since.isoformat() if now.since else '')}; "
                  f"{now.recovery_left} of {second_factor.RECOVERY_CODES} recovery codes left.")
    else:
        status = "Not set up: they set it up at their next sign-in."
    if user.id == request["user"].id:
        action = ('<p>To change your own, use <a href="/staff/account/second-factor">your second factor page</a>: '
                  'it asks for a code from your app or a recovery code.</p>')
    else:
        action = (
            '<p>For someone who lost their phone and their recovery codes. Check who is asking (in person or by '
            'phone) first. Their sessions end at once and they set up a new one at their next sign-in.</p>'
            f'<form method="post" action="{path}/second-factor" aria-labelledby="second-factor-title">'
            + csrf_field(request)
            + f'<p><button type="submit" class="warning">Reset the second factor of {e(user.name)}</button></p>'
            '</form>'
        )
    return f'<h2 id="second-factor-title">Second factor</h2><p>{status}</p>{action}'


@staff_only("admin")
async def user_second_factor(request: web.Request) -> web.StreamResponse:
    user = _one_user(request)
    if user.id == request["user"].id:  # nobody removes their own second factor without a code
        return _user_page(request, user, status=400, errors=[(
            "second-factor-title", "You cannot reset your own second factor here. Use your second factor page, "
            "with a code from your app or a recovery code, or ask another admin.")])
    await asyncio.to_thread(users.reset_second_factor, store_of(request), user.name, actor=request["user"].name)
    raise web.HTTPSeeOther(f"/staff/users?done=second_factor&name={quote(user.name)}")


@staff_only("admin")
async def user_detail(request: web.Request) -> web.Response:
    return _user_page(request, _one_user(request))


@staff_only("admin")
async def user_password(request: web.Request) -> web.StreamResponse:
    user = _one_user(request)
    form = await request.post()
    password, confirm = _form_text(form, "password"), _form_text(form, "confirm")
    errors = _password_errors(password, confirm, user.name)
    if errors:
        return _user_page(request, user, status=400, errors=errors)
    await asyncio.to_thread(users.set_password, store_of(request), user.name, password, actor=request["user"].name,
                            keep_session=request["staff_session"].token_hash)
    raise web.HTTPSeeOther(f"/staff/users?done=password&name={quote(user.name)}")


@staff_only("admin")
async def user_deactivate(request: web.Request) -> web.StreamResponse:
    user = _one_user(request)
    try:
        users.deactivate(store_of(request), user.name, actor=request["user"].name)
    except users.UserError as exc:
        return _user_page(request, user, status=400, errors=[("deactivate-title", str(exc))])
    if user.id == request["user"].id:  # an admin who deactivated themselves is signed out
        raise web.HTTPSeeOther(f"{LOGIN_PATH}?signed_out=1")
    raise web.HTTPSeeOther(f"/staff/users?done=deactivated&name={quote(user.name)}")


# --- audit log (admin) -----------------------------------------------------------------------------------------
@staff_only("admin")
async def audit_log(request: web.Request) -> web.Response:
    try:
        number = max(1, int(request.query.get("page", "1")))
    except ValueError:
        number = 1
    store = store_of(request)
    entries, number, pages, total = store.audit_page(number, AUDIT_PAGE_SIZE)
    rows = "".join(
        f"<tr><td>{e(a.done_on.isoformat())}</td><td>{e(a.actor)}</td><td>{e(a.action)}</td>"
        f'<td class="num">{a.row_count}</td><td>{e(a.detail or "")}</td></tr>'
        for a in entries
    ) or '<tr><td colspan="5">Nothing yet.</td></tr>'
    links = []
    if number > 1:
        links.append(f'<li><a href="/staff/audit?page={number - 1}" rel="prev">Newer entries</a></li>')
    if number < pages:
        links.append(f'<li><a href="/staff/audit?page={number + 1}" rel="next">Older entries</a></li>')
    body = (
        f"<p>{total} entries, newest first. Dates only: no times are kept. Page {number} of {pages}.</p>"
        '<div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0">'
        '<table><caption id="audit-caption">Audit log</caption><thead><tr><th scope="col">Date</th>'
        '<th scope="col">Who</th><th scope="col">What</th><th scope="col" class="num">Rows</th>'
        f'<th scope="col">Detail</th></tr></thead><tbody>{rows}</tbody></table></div>'
        + (f'<nav aria-label="Audit log pages"><ul class="pager">{"".join(links)}</ul></nav>' if links else "")
    )
    return page(request, "Audit log", body)


# --- hand-over links (support workers) --------------------------------------------------------------------------
def _handover_form(request: web.Request, errors: list[tuple[str, str]], lang: str, themes: set[str],
                   assisted: str) -> str:
    languages = "".join(
        f'<option value="{code}"{" selected" if code == lang else ""}>{e(lg.name)}'
        f'{"" if lg.native_name == lg.name else " (" + e(lg.native_name) + ")"}</option>'
        for code, lg in i18n.languages().items()
    )
    theme_error, theme_aria = _field_error(errors, "themes")
    theme_aria = theme_aria.replace(' aria-invalid="true"', ' class="invalid"')
    boxes = "".join(
        f'<div class="check"><input type="checkbox" name="themes" value="{th.id}" id="theme-{th.id}"'
        f'{" checked" if th.id in themes else ""}><label for="theme-{th.id}">{th.number}. '
        f'{e(i18n.text("en", f"theme.{th.id}.name"))}</label></div>'
        for th in catalogue().themes
    )
    radios = "".join(
        f'<div class="check"><input type="radio" name="assisted" value="{v}" id="assisted-{v}"'
        f'{" checked" if v == assisted else ""}><label for="assisted-{v}">{e(i18n.text("en", f"assisted.{v}"))}'
        "</label></div>"
        for v in handover.WORKER_ASSISTED
    )
    return (
        '<form method="post" action="/staff/handover" class="form" novalidate>' + csrf_field(request)
        + f'<div class="field"><label for="lang">Language of the chat</label><select id="lang" name="lang">'
        f'{languages}</select></div>'
        f'<fieldset id="themes"{theme_aria}><legend>Topics</legend>{theme_error}{boxes}</fieldset>'
        f'<fieldset><legend>How will you help?</legend>{radios}</fieldset>'
        '<p><button type="submit" class="primary">Make the link</button></p></form>'
    )


def _handover_page(request: web.Request, *, status: int = 200, errors=(), lang: str = "en",
                   themes: set[str] | None = None, assisted: str = handover.WORKER_ASSISTED[0]) -> web.Response:
    user, base = request["user"], _public_base(request)
    links = store_of(request).handover_links(user.id, HANDOVER_LIST_SIZE)
    items = []
    for n, link in enumerate(links):
        preset = handover.read(link.token)
        if preset is None:  # made with an older key: it no longer opens anything
            continue
        url = f"{base}/?start={link.token}"
        topics = ", ".join(i18n.text("en", f"theme.{t}.name") for t in preset.themes)
        qr = (f'<p><img src="/handover/qr.svg?start={e(quote(link.token))}" width="246" height="246" '
              'alt="QR code that opens this link"></p>' if n == 0 and request.query.get("made") else "")
        items.append(
            f'<li><p><a href="{e(url)}" class="handover-link">{e(url)}</a></p>'
            f'<p>{e(i18n.languages()[preset.lang].name)}; {e(topics)}; '
            f'{e(i18n.text("en", f"assisted.{preset.assisted}"))}. Made on {e(link.created_on.isoformat())}. '
            f'<a href="/handover/qr.svg?start={e(quote(link.token))}">QR code<span class="vh"> for this link'
            "</span></a></p>" + qr + "</li>"
        )
    listing = (f'<ul class="links">{"".join(items)}</ul>' if items else "<p>You have not made a link yet.</p>")
    notice = "The link is ready: it is the first one below." if request.query.get("made") else ""
    body = (
        _errors(list(errors)) + _notice(notice)
        + "<p>A hand-over link opens the chat in the language and topics you choose. The person still gives "
        "their own consent. The link holds no answers and no names.</p>"
        + _handover_form(request, list(errors), lang, themes or set(), assisted)
        + f'<h2 id="links">Your links</h2><p>Only you see these links.</p>{listing}'
    )
    return page(request, "Hand-over links", body, status=status)


@staff_only("support_worker")
async def handover_list(request: web.Request) -> web.Response:
    return _handover_page(request)


@staff_only("support_worker")
async def handover_make(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    lang = _form_text(form, "lang", 16)
    themes = [v for v in form.getall("themes", []) if isinstance(v, str)][:20]
    assisted = _form_text(form, "assisted", 64)
    try:
        token = handover.make(lang, themes, assisted)
    except ValueError:
        errors = [("themes", "Choose at least one topic.")] if not themes else [
            ("themes", "Choose a language, at least one topic and how you will help.")]
        return _handover_page(request, status=400, errors=errors,
                              lang=lang if lang in i18n.languages() else "en", themes=set(themes),
                              assisted=assisted if assisted in handover.WORKER_ASSISTED
                              else handover.WORKER_ASSISTED[0])
    store, user = store_of(request), request["user"]
    store.add_handover_link(user.id, user.name, token)
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
