"""The staff area's translations pages (admins, and translators for their own languages): coverage, English and
translation side by side, edit, mark reviewed.

Saving goes through the same checks as `imsa-voices translations import` (placeholders, empty, HTML, bidi
controls, typed-in helpline numbers) and writes only that entry's block of translations/<lang>.yml, with the
admin's name as reviewer, the date and the fingerprint of the English shown. Every save is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import re

from aiohttp import web

from bot.conversation import i18n
from bot.paths import TRANSLATIONS
from bot.staff.auth import require_language, staff_only, store_of
from bot.translations.preview import preview_context
from bot.translations.review import check_entry, helpline_digits
from bot.translations.yaml_file import update_file
from bot.web.templating import render

SHOWS = {"attention": "Needs review or draft", "needs_review": "Needs review (English changed)",
         "draft": "Draft", "reviewed": "Reviewed", "all": "All"}
STATUS_NAMES = {"draft": "draft", "reviewed": "reviewed", i18n.NEEDS_REVIEW: "needs review (English changed)"}
_KEY = re.compile(r"^[\w.]+$")


def _folder(request: web.Request):
    return request.app.get("translations_dir", TRANSLATIONS)


def _langs(request: web.Request) -> dict[str, i18n.Language]:
    return i18n.load_languages(_folder(request))


def _language(request: web.Request) -> tuple[dict[str, i18n.Language], i18n.Language]:
    langs = _langs(request)
    code = request.match_info["lang"]
    require_language(request, code)
    if code not in langs or code == i18n.SOURCE:
        raise web.HTTPNotFound(text="No such language.")
    return langs, langs[code]


def _sample(template: str, rtl: bool) -> str:
    """The text as a survivor sees it: helpline numbers filled, other placeholders shown by name."""
    values = i18n._Params(i18n.helpline_numbers())
    if rtl:
        values = i18n._Params({k: f"{i18n.FSI}{v}{i18n.PDI}" for k, v in values.items()})
    try:
        return template.format_map(values)
    except (ValueError, IndexError, KeyError):
        return template


@staff_only("translator")
async def overview(request: web.Request) -> web.Response:
    langs = _langs(request)
    return render(request, "staff/translations/overview.html", title="Translations", coverage=i18n.coverage(langs),
                  languages=[(code, lang) for code, lang in langs.items()
                             if code != i18n.SOURCE and request["user"].can_language(code)])


@staff_only("translator")
async def language_page(request: web.Request) -> web.Response:
    langs, lang = _language(request)
    show = request.query.get("show", "attention")
    show = show if show in SHOWS else "attention"
    english = langs[i18n.SOURCE].texts
    keys = [k for k in english if show == "all"
            or (show == "attention" and lang.statuses.get(k) != "reviewed") or lang.statuses.get(k) == show]
    return render(request, "staff/translations/language.html", title=f"Translations: {lang.name}",
                  language=lang, shows=SHOWS, show=show, keys=keys, english=english, status_names=STATUS_NAMES)


def _entry_page(request: web.Request, langs, lang, key: str, *, text: str | None = None,
                errors: tuple[str, ...] | list[str] = (), saved: bool = False, status: int = 200) -> web.Response:
    english = langs[i18n.SOURCE].texts[key]
    current = lang.texts.get(key, "")
    text = current if text is None else text
    state = lang.statuses.get(key, "draft")
    return render(request, "staff/translations/entry.html", status=status, title=f"{lang.name}: {key}",
                  language=lang, key=key, english=english, text=text, state=state, errors=list(errors), saved=saved,
                  status_names=STATUS_NAMES, sample=_sample(current, lang.rtl),
                  preview=preview_context(lang.code, key, text=_sample(current, lang.rtl)),
                  placeholders=["{" + n + "}" for n in sorted(i18n.placeholders(english))],
                  who=lang_meta(request, lang.code, key, "reviewer"),
                  when=lang_meta(request, lang.code, key, "date"),
                  fingerprint=i18n.fingerprint(english))


def lang_meta(request: web.Request, code: str, key: str, name: str) -> str:
    from bot.paths import load_yaml

    raw = (load_yaml(_folder(request) / f"{code}.yml").get("texts") or {}).get(key)
    return str(raw.get(name) or "") if isinstance(raw, dict) else ""


def _key(request: web.Request, langs) -> str:
    key = request.match_info["key"]
    if not _KEY.match(key) or key not in langs[i18n.SOURCE].texts:
        raise web.HTTPNotFound(text="No such text.")
    return key


@staff_only("translator")
async def entry_page(request: web.Request) -> web.Response:
    langs, lang = _language(request)
    return _entry_page(request, langs, lang, _key(request, langs), saved=request.query.get("saved") == "1")


@staff_only("translator")
async def entry_save(request: web.Request) -> web.StreamResponse:
    langs, lang = _language(request)
    key = _key(request, langs)
    form = await request.post()
    text = i18n.normalise(str(form.get("text", ""))[:4000])
    reviewed = form.get("status") == "reviewed"
    english = langs[i18n.SOURCE].texts[key]
    problems = check_entry(key, text, english, lang.rtl, helpline_digits())
    if form.get("english") != i18n.fingerprint(english):
        problems.append(f"{key}: the English changed while you were editing: read it again, then save")
    if problems:
        return _entry_page(request, langs, lang, key, text=text, errors=problems, status=400)
    state = "reviewed" if reviewed else "draft"
    if text != lang.texts.get(key) or state != lang.statuses.get(key) or (
            reviewed and lang.sources.get(key) != i18n.fingerprint(english)):
        user = request["user"]
        update_file(_folder(request) / f"{lang.code}.yml",
                    {key: {"text": text, "status": state, "source": i18n.fingerprint(english),
                           "reviewer": user.name, "date": dt.date.today().isoformat()}},
                    order=list(langs[i18n.SOURCE].texts))
        i18n.languages.cache_clear()
        store_of(request).audit(user.name, "translation_edit", 1, f"{lang.code} {key} {state}")
    raise web.HTTPSeeOther(f"/staff/translations/{lang.code}/{key}?saved=1")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/staff/translations", overview)
    app.router.add_get("/staff/translations/{lang}", language_page)
    app.router.add_get("/staff/translations/{lang}/{key}", entry_page)
    app.router.add_post("/staff/translations/{lang}/{key}", entry_save)
