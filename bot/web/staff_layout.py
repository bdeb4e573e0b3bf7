"""Passing: the page helper of the staff pages not yet written as templates (bot/web/templates/staff/).

The shell itself (header, navigation by role, sign-out form) is staff/layout.html, written once; this module
only hands such a page's body to it, until the page becomes a template of its own. New pages use
bot.web.templating.render.
"""

from __future__ import annotations

import html

from aiohttp import web
from markupsafe import Markup

from bot.web.templating import CSRF_FIELD, nav_links, render_text

__all__ = ["csrf_field", "e", "nav_links", "page", "render"]


def e(text: object) -> str:
    """HTML-escape any value for text or an attribute (the unconverted pages' escaping)."""
    return html.escape(str(text), quote=True)


def csrf_field(request: web.Request) -> str:
    """The hidden input every staff form carries."""
    return f'<input type="hidden" name="{CSRF_FIELD}" value="{e(request.get("csrf_token", ""))}">'


def render(request: web.Request, title: str, body_html: str) -> str:
    """The whole page as HTML; `title` is plain text, `body_html` is HTML already escaped by the caller."""
    return render_text(request, "staff/legacy.html", title=title, body=Markup(body_html))


def page(request: web.Request, title: str, body_html: str, status: int = 200) -> web.Response:
    """A staff page: the shell (skip link, header with this user's links and Sign out) around `body_html`."""
    return web.Response(text=render(request, title, body_html), status=status, content_type="text/html",
                        charset="utf-8")
