"""The public pages and the texts the chat page needs, all from translations/.

The pages are templates (bot/web/templates/public/, on bot/web/templates/base.html with the quick exit bar),
rendered with autoescape by bot.web.templating: they hold no words of their own, only ``t("key")`` texts, and
every value is escaped where it is shown.
"""

from __future__ import annotations

from pathlib import Path

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.settings import DEFAULT_EXIT_URL, get_settings  # noqa: F401 - DEFAULT_EXIT_URL: re-exported
from bot.translations import recordings
from bot.web.templating import render_text

STATIC = Path(__file__).parent / "static"

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


def _page(name: str, lang: str, **values: object) -> str:
    """A public page in `lang` with the values every public page uses: the languages and the exit address."""
    return render_text(None, name, lang=lang, languages=list(i18n.languages().values()), exit_url=exit_url(),
                       **values)


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
        # recordings of today's wording (bot/translations/recordings.py):
        # {hash of the message: file under /audio/<lang>/}
        "recordings": recordings.for_page(lang),
    }


def index_page(lang: str, *, embedded: bool = False, kiosk: bool = False, partner: str | None = None) -> str:
    """The chat page. Embedded (in a partner's page by embed.js) it talks to that page by postMessage, with
    the invited origins only; on a kiosk it clears itself after each person and offers no resume codes."""
    from bot.web import embed

    idle, warning = embed.kiosk_seconds() if kiosk else (0, 0)
    return _page("public/chat.html", lang, embedded=embedded, embed_origins=embed.origins() if embedded else [],
                 kiosk=kiosk, kiosk_idle=idle, kiosk_warning=warning, partner=partner)


def safety_page(lang: str) -> str:
    return _page("public/safety.html", lang, title=i18n.text(lang, "safety.title"), path="safety", keys=SAFETY_KEYS)


def privacy_page(lang: str) -> str:
    return _page("public/privacy.html", lang, title=i18n.text(lang, "privacy.title"), path="privacy",
                 sections=PRIVACY_SECTIONS, contact=privacy_contact())


def worker_page(lang: str) -> str:
    from bot.conversation.handover import WORKER_ASSISTED

    return _page("public/worker.html", lang, themes=catalogue().themes, assisted=WORKER_ASSISTED)
