"""Every HTML page is a Jinja2 template under bot/web/templates/, rendered with autoescape on by the one
environment of bot.templating; this module adds what a page of the web server needs (the request, the signed-in
user, the staff navigation, the CSRF field).

- ``base.html``: the document (doctype, lang/dir, head) and the quick exit bar, once, for the public pages.
- ``staff/layout.html``: the staff area's shell (header, navigation by role, sign-out form), extending base.
- ``macros/components.html``: small components in the manner of the GOV.UK Design System (error summary,
  field with its error, button, table, pager, notice).

Python code hands templates plain values; nothing builds HTML from strings. A value is escaped where the
template shows it, so a name or an answer holding ``<script>`` shows as text. ``t(key, **values)`` gives a
translated text of the page's language (translations/), also escaped: a translation can hold no HTML.

Values are checked (StrictUndefined): a template that shows a value nobody passed fails at once; an optional one
is tested with ``is defined``. Pass objects, namespaces or tuples rather than dicts whose keys are named like
dict methods (``d.keys`` in a template is the method, not the item).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.templating import TEMPLATES as TEMPLATES  # the folder, for tests
from bot.templating import environment, language_context

CSRF_FIELD = "csrf_token"  # the hidden field every staff form carries (checked by bot.staff.auth.csrf_ok)
STAFF_SITE = "IMSA Voices staff area"
# (path, label, roles that see it; admins see everything). A link shows only when its page exists in the app.
STAFF_NAV = (
    ("/staff", "Home", ("support_worker", "translator", "staff")),
    ("/staff/dashboard", "Dashboard", ("staff",)),
    ("/staff/findings", "Findings", ("staff",)),
    ("/staff/review", "Review", ("staff",)),
    ("/staff/answers", "Answers", ("staff",)),
    ("/staff/import", "Import", ("staff",)),
    ("/staff/handover", "Hand-over links", ("support_worker",)),
    ("/staff/users", "Users", ()),
    ("/staff/translations", "Translations", ("translator",)),
    ("/staff/recordings", "Recordings", ("translator",)),
    ("/staff/audit", "Audit log", ()),
)


def has_route(app: web.Application, path: str) -> bool:
    """Whether the app serves `path` (a page left out of this deployment gets no link)."""
    return any(resource.canonical == path for resource in app.router.resources())


def nav_links(request: web.Request) -> list[tuple[str, str]]:
    """(path, label) of the staff pages this user may open, in menu order."""
    user = request.get("user")
    if user is None or request.get("second_factor_passed") is False:  # the password only: no page opens yet
        return []
    return [(path, label) for path, label, roles in STAFF_NAV if user.can(*roles) and has_route(request.app, path)]


environment.globals.update(nav_links=nav_links, has_route=has_route, CSRF_FIELD=CSRF_FIELD, STAFF_SITE=STAFF_SITE)


def context_for(request: web.Request | None, **context: Any) -> dict[str, Any]:
    """The values every template may use, then the page's own: user, csrf_token, request, lang and dir."""
    common: dict[str, Any] = {
        "request": request,
        "user": request.get("user") if request is not None else None,
        "csrf_token": request.get("csrf_token") if request is not None else None,
    }
    common.update(language_context(**context))
    return common


def render_text(request: web.Request | None, name: str, /, **context: Any) -> str:
    """The page `name` (a path under bot/web/templates/) as HTML text."""
    return environment.get_template(name).render(context_for(request, **context))


def render(request: web.Request, name: str, /, *, status: int = 200, **context: Any) -> web.Response:
    """The page `name` as a text/html response (the security headers come from bot.web.app's middleware)."""
    return web.Response(text=render_text(request, name, **context), status=status, content_type="text/html",
                        charset="utf-8")
