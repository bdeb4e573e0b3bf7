"""The staff area's page shell: one HTML layout for every staff page (English only, WCAG 2.2 AA).

No inline script or style (the Content-Security-Policy forbids both): styles come from /static/staff.css.
"""

from __future__ import annotations

import html

from aiohttp import web

from bot.staff.auth import CSRF_FIELD

SITE = "IMSA Voices staff area"
# (path, label, roles that see it; admins see everything). A link shows only when its page exists in the app.
NAV = (
    ("/staff", "Home", ("support_worker", "translator", "staff")),
    ("/staff/dashboard", "Dashboard", ("staff",)),
    ("/staff/findings", "Findings", ("staff",)),
    ("/staff/review", "Review", ("staff",)),
    ("/staff/answers", "Answers", ("staff",)),
    ("/staff/handover", "Hand-over links", ("support_worker",)),
    ("/staff/users", "Users", ()),
    ("/staff/translations", "Translations", ("translator",)),
    ("/staff/recordings", "Recordings", ("translator",)),
    ("/staff/audit", "Audit log", ()),
)


def e(text: object) -> str:
    """HTML-escape any value for text or an attribute."""
    return html.escape(str(text), quote=True)


def csrf_field(request: web.Request) -> str:
    """The hidden input every staff form carries."""
    return f'<input type="hidden" name="{CSRF_FIELD}" value="{e(request.get("csrf_token", ""))}">'


def _has_route(app: web.Application, path: str) -> bool:
    for resource in app.router.resources():
        if resource.canonical == path:
            return True
    return False


def nav_links(request: web.Request) -> list[tuple[str, str]]:
    """(path, label) of the pages this user may open, in menu order."""
    user = request.get("user")
    if user is None or request.get("second_factor_passed") is False:  # the password only: no page opens yet
        return []
    return [(path, label) for path, label, roles in NAV if user.can(*roles) and _has_route(request.app, path)]


def _header(request: web.Request) -> str:
    user = request.get("user")
    if user is None:
        return f'<header class="staff-header"><div class="wrap"><p class="brand">{SITE}</p></div></header>'
    items = []
    for path, label in nav_links(request):
        current = ' aria-current="page"' if request.path == path else ""
        items.append(f'<li><a href="{path}"{current}>{e(label)}</a></li>')
    nav = (f'<nav aria-label="Staff area"><div class="wrap"><ul class="nav">{"".join(items)}</ul></div></nav>'
           if items else "")
    return (
        '<header class="staff-header"><div class="wrap">'
        f'<p class="brand"><a href="/staff">{SITE}</a></p>'
        f'<p class="who">Signed in as <strong>{e(user.name)}</strong> ({e(user.role_name)})</p>'
        '<form method="post" action="/staff/logout" class="logout">'
        f'{csrf_field(request)}<button type="submit">Sign out</button></form>'
        '</div>'
        f'{nav}</header>'
    )


def render(request: web.Request, title: str, body_html: str) -> str:
    """The whole page as HTML; `title` is plain text, `body_html` is HTML already escaped by the caller."""
    return (
        '<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<title>{e(title)} - {SITE}</title>\n<link rel="icon" href="data:,">\n'
        '<link rel="stylesheet" href="/static/staff.css">\n</head>\n<body>\n'
        '<a href="#main" class="skip">Skip to main content</a>\n'
        f'{_header(request)}\n'
        f'<main id="main" tabindex="-1" class="wrap">\n<h1>{e(title)}</h1>\n{body_html}\n</main>\n'
        '</body>\n</html>\n'
    )


def page(request: web.Request, title: str, body_html: str, status: int = 200) -> web.Response:
    """A staff page: the shell (skip link, header with this user's links and Sign out) around `body_html`."""
    return web.Response(text=render(request, title, body_html), status=status, content_type="text/html",
                        charset="utf-8")
