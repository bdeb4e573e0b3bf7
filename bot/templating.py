"""The one Jinja2 environment of every template (bot/web/templates/), with autoescape on: for the web pages
(bot.web.templating adds the staff area's helpers and the request) and for documents made outside a request,
such as the workshop briefing (bot.staff.briefing). Nothing here knows about the web server.

Values are checked (StrictUndefined): a template that shows a value nobody passed fails at once. A value is
escaped where the template shows it; ``t(key, **values)`` gives a translated text of the page's language
(translations/), escaped too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from bot.conversation import i18n

TEMPLATES = Path(__file__).parent / "web" / "templates"


@jinja2.pass_context
def _t(context: jinja2.runtime.Context, key: str, **values: object) -> str:
    """A translated text in the page's language; the template escapes it (and the values in it)."""
    return i18n.text(context.get("lang") or i18n.SOURCE, key, **values)


environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(["html", "svg", "xml"]),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)
environment.globals.update(t=_t)


def language_context(**context: Any) -> dict[str, Any]:
    """`context` with the language's `lang` and `dir` (the source language's when none is given)."""
    lang = context.get("lang") or i18n.SOURCE
    language = i18n.languages().get(lang) or i18n.languages()[i18n.SOURCE]
    return {"lang": language.code, "dir": language.direction, **context}


def render_document(name: str, /, **context: Any) -> str:
    """The template `name` (a path under bot/web/templates/) as text, outside any request."""
    return environment.get_template(name).render(language_context(**context))
