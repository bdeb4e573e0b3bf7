"""The HTML pages and the texts the chat page needs, all from translations/.

Every text is HTML-escaped here; the templates in static/ hold no words of
their own, only ``{{t:key}}`` (a translated text) and ``{{name}}`` (a value
given by the server) placeholders.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from bot import i18n
from bot.catalogue import catalogue
from bot.settings import DEFAULT_EXIT_URL, get_settings  # noqa: F401 - DEFAULT_EXIT_URL: re-exported

STATIC = Path(__file__).parent / "static"
PLACEHOLDER = re.compile(r"\{\{(t:)?([\w.]+)\}\}")

# Texts the chat page shows besides the bot's own messages.
WIDGET_PREFIXES = ("widget.", "safety.", "privacy.")
WIDGET_KEYS = ("consent.question", "end.restart", "resume.button", "help.danger", "themes.none")
SAFETY_KEYS = ("safety.exit", "safety.shift", "safety.where", "safety.memory", "safety.cannot", "safety.private",
               "safety.private_how", "safety.shared", "help.danger")
PRIVACY_SECTIONS = ("who", "why", "what", "how_long", "withdraw", "contact")


def exit_url() -> str:
    return get_settings().exit_url


def privacy_contact() -> str:
    return get_settings().privacy_contact


def language_or_none(lang: str) -> i18n.Language | None:
    return i18n.languages().get(lang)


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def render(name: str, lang: str, **values: str) -> str:
    """A template with its placeholders filled and escaped: ``{{t:key}}`` texts, ``{{name}}`` values."""
    language = i18n.languages()[lang]
    base = {"lang": language.code, "dir": language.direction, "exit_url": exit_url()}

    def fill(match: re.Match) -> str:
        if match.group(1):
            return html.escape(i18n.text(lang, match.group(2)), quote=True)
        key = match.group(2)
        if key in values:
            return values[key]  # already HTML (built below with escape)
        return html.escape(base[key], quote=True)

    return PLACEHOLDER.sub(fill, _template(name))


def language_options(selected: str) -> str:
    """<option>s for the page's language menu, each name in its own language."""
    return "".join(
        f'<option value="{code}" lang="{code}" dir="{lg.direction}"{" selected" if code == selected else ""}>'
        f"{_e(lg.native_name)}</option>"
        for code, lg in i18n.languages().items()
    )


def widget_texts(lang: str) -> dict:
    """What GET /i18n/<lang>.json returns: the language, the page's texts, the progress pattern."""
    language = i18n.languages()[lang]
    source = i18n.languages()[i18n.SOURCE].texts
    keys = [k for k in source if k.startswith(WIDGET_PREFIXES)] + list(WIDGET_KEYS)
    texts = {key: i18n.text(lang, key, contact=privacy_contact()) for key in keys}
    if not privacy_contact():
        texts.pop("privacy.contact_detail", None)
    texts.update({f"theme.{th.id}.name": i18n.text(lang, f"theme.{th.id}.name") for th in catalogue().themes})
    return {
        "lang": language.code,
        "dir": language.direction,
        "name": language.native_name,
        "texts": texts,
        # texts not yet translated (shown in English): the page marks them lang="en" for screen readers
        "english": sorted(k for k in texts if k not in language.texts) if lang != i18n.SOURCE else [],
        # the raw template: the page recognises progress messages and shows them as the progress line
        "progress": language.texts.get("progress") or source["progress"],
        "draft": lang != i18n.SOURCE and i18n.all_draft(lang),
        # every language, marked draft when no fluent speaker has checked any of its texts yet
        "languages": [
            {"code": lg.code, "name": lg.native_name, "dir": lg.direction,
             "draft": lg.code != i18n.SOURCE and i18n.all_draft(lg.code)}
            for lg in i18n.languages().values()
        ],
        "themes": [th.id for th in catalogue().themes],
    }


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraphs(lang: str, keys: tuple[str, ...]) -> str:
    return "\n".join(f"<p>{_e(i18n.text(lang, key))}</p>" for key in keys)


def _language_links(lang: str, path: str) -> str:
    items = []
    for code, lg in i18n.languages().items():
        if code == lang:
            continue
        items.append(
            f'<li><a href="/{path}/{code}" hreflang="{code}" lang="{code}" dir="{lg.direction}">'
            f'{_e(lg.native_name)}</a></li>'
        )
    return '<nav aria-labelledby="other-languages"><h2 id="other-languages">' \
           f'{_e(i18n.text(lang, "privacy.languages"))}' \
           f'</h2><ul class="languages">{"".join(items)}</ul></nav>'


def safety_body(lang: str) -> str:
    return _paragraphs(lang, SAFETY_KEYS)


def privacy_body(lang: str) -> str:
    parts = []
    for section in PRIVACY_SECTIONS:
        parts.append(f"<h2>{_e(i18n.text(lang, f'privacy.{section}.title'))}</h2>")
        parts.append(f"<p>{_e(i18n.text(lang, f'privacy.{section}'))}</p>")
    contact = privacy_contact()
    if contact:
        parts.append(f"<p>{_e(i18n.text(lang, 'privacy.contact_detail', contact=contact))}</p>")
    return "\n".join(parts)


def index_page(lang: str, *, embedded: bool = False, kiosk: bool = False, partner: str | None = None) -> str:
    """The chat page. Embedded (in a partner's page by embed.js) it talks to that page by postMessage, with
    the invited origins only; on a kiosk it clears itself after each person and offers no resume codes."""
    from bot.web import embed

    flags = ""
    if embedded:
        flags += f' data-embed="1" data-embed-origins="{_e(" ".join(embed.origins()))}"'
    if kiosk:
        idle, warning = embed.kiosk_seconds()
        flags += f' data-kiosk="1" data-kiosk-idle="{idle}" data-kiosk-warning="{warning}"'
    if partner:
        flags += f' data-partner="{_e(partner)}"'
    return render("index.html", lang, language_options=language_options(lang), page_flags=flags)


def safety_page(lang: str) -> str:
    body = safety_body(lang) + _language_links(lang, "safety")
    return render("page.html", lang, title=_e(i18n.text(lang, "safety.title")), body=body)


def privacy_page(lang: str) -> str:
    body = privacy_body(lang) + _language_links(lang, "privacy")
    return render("page.html", lang, title=_e(i18n.text(lang, "privacy.title")), body=body)


def worker_page(lang: str) -> str:
    languages = "".join(
        f'<option value="{code}" lang="{code}"{" selected" if code == lang else ""}>{_e(lg.native_name)}'
        f'{"" if lg.native_name == lg.name else " (" + _e(lg.name) + ")"}</option>'
        for code, lg in i18n.languages().items()
    )
    themes = "".join(
        f'<div class="check"><input type="checkbox" name="themes" value="{th.id}" id="theme-{th.id}">'
        f'<label for="theme-{th.id}">{th.number}. {_e(i18n.text(lang, f"theme.{th.id}.name"))}</label></div>'
        for th in catalogue().themes
    )
    from bot.handover import WORKER_ASSISTED

    assisted = "".join(
        f'<div class="check"><input type="radio" name="assisted" value="{v}" id="assisted-{v}"'
        f'{" checked" if i == 0 else ""}><label for="assisted-{v}">{_e(i18n.text(lang, f"assisted.{v}"))}</label></div>'
        for i, v in enumerate(WORKER_ASSISTED)
    )
    return render("worker.html", lang, languages=languages, themes=themes, assisted=assisted)
