"""The staff area's translations pages (admins): coverage, English and translation side by side, edit, mark reviewed.

Saving goes through the same checks as `imsa-voices translations import` (placeholders, empty, HTML, bidi
controls, typed-in helpline numbers) and writes only that entry's block of translations/<lang>.yml, with the
admin's name as reviewer, the date and the fingerprint of the English shown. Every save is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import re

from aiohttp import web

from bot import i18n
from bot.paths import TRANSLATIONS
from bot.staff.auth import staff_only, store_of
from bot.translation_review import check_entry, helpline_digits
from bot.translation_yaml import update_file
from bot.web.staff_layout import csrf_field, e, page

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


@staff_only("admin")
async def overview(request: web.Request) -> web.Response:
    langs = _langs(request)
    table = i18n.coverage(langs)
    rows = "".join(
        f'<tr><th scope="row"><a href="/staff/translations/{e(code)}">{e(lang.name)}</a> '
        f'<span lang="{e(code)}" dir="{e(lang.direction)}">({e(lang.native_name)})</span></th>'
        f'<td class="num">{table[code]["reviewed"]}</td><td class="num">{table[code]["draft"]}</td>'
        f'<td class="num">{table[code]["needs_review"]}</td><td class="num">{table[code]["problems"]}</td></tr>'
        for code, lang in langs.items() if code != i18n.SOURCE
    )
    body = (
        "<p>Every text of the bot, per language. <em>Needs review</em>: the English changed after the text was "
        "translated or reviewed; survivors still see it. Fluent reviewers can also work in their own tools: "
        "<code>imsa-voices translations export</code> and <code>import</code> (PO or XLIFF).</p>"
        '<div class="table-wrap" role="region" aria-labelledby="tr-caption" tabindex="0">'
        '<table><caption id="tr-caption">Translations</caption><thead><tr><th scope="col">Language</th>'
        '<th scope="col" class="num">Reviewed</th><th scope="col" class="num">Draft</th>'
        '<th scope="col" class="num">Needs review</th><th scope="col" class="num">Problems</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
    return page(request, "Translations", body)


@staff_only("admin")
async def language_page(request: web.Request) -> web.Response:
    langs, lang = _language(request)
    show = request.query.get("show", "attention")
    show = show if show in SHOWS else "attention"
    english = langs[i18n.SOURCE].texts
    keys = [k for k in english if show == "all"
            or (show == "attention" and lang.statuses.get(k) != "reviewed") or lang.statuses.get(k) == show]
    current = ' aria-current="page"'
    filters = "".join(f'<li><a href="?show={name}"{current if name == show else ""}>{e(label)}</a></li>'
                      for name, label in SHOWS.items())
    rows = "".join(
        f'<tr><th scope="row"><a href="/staff/translations/{e(lang.code)}/{e(k)}">{e(k)}</a></th>'
        f'<td lang="en">{e(english[k])}</td>'
        f'<td lang="{e(lang.code)}" dir="{e(lang.direction)}">{e(lang.texts.get(k, ""))}</td>'
        f'<td>{e(STATUS_NAMES.get(lang.statuses.get(k, "draft"), "draft"))}</td></tr>'
        for k in keys
    ) or '<tr><td colspan="4">Nothing here.</td></tr>'
    body = (
        f'<nav aria-label="Which texts"><ul class="pager">{filters}</ul></nav>'
        f"<p>{len(keys)} texts: {e(SHOWS[show].lower())}.</p>"
        '<div class="table-wrap" role="region" aria-labelledby="texts-caption" tabindex="0">'
        f'<table><caption id="texts-caption">{e(lang.name)}: English and translation</caption><thead><tr>'
        '<th scope="col">Key</th><th scope="col">English</th>'
        f'<th scope="col">{e(lang.name)}</th><th scope="col">Status</th></tr></thead>'
        f'<tbody>{rows}</tbody></table></div>'
    )
    return page(request, f"Translations: {lang.name}", body)


def _entry_page(request: web.Request, langs, lang, key: str, *, text: str | None = None,
                errors: tuple[str, ...] | list[str] = (), saved: bool = False, status: int = 200) -> web.Response:
    english = langs[i18n.SOURCE].texts[key]
    current = lang.texts.get(key, "")
    text = current if text is None else text
    state = lang.statuses.get(key, "draft")
    error_html = ""
    if errors:
        items = "".join(f'<li><a href="#text">{e(p.split(": ", 1)[-1])}</a></li>' for p in errors)
        error_html = ('<div class="error-summary" role="alert" aria-labelledby="errors" tabindex="-1" autofocus>'
                      f'<h2 id="errors">The text was not saved</h2><ul>{items}</ul></div>')
    notice = '<div class="notice" role="status"><p>Saved.</p></div>' if saved else ""
    names = sorted(i18n.placeholders(english))
    invalid = ' aria-invalid="true" aria-describedby="errors"'
    who, when = lang_meta(request, lang.code, key, "reviewer"), lang_meta(request, lang.code, key, "date")
    keep = (f"<p>Keep {e(', '.join('{' + n + '}' for n in names))} exactly as written.</p>" if names else "")
    body = (
        f"{error_html}{notice}"
        f"<p>Status now: <strong>{e(STATUS_NAMES.get(state, state))}</strong>."
        + (f" Last changed by {e(who)} on {e(when)}." if who else "")
        + "</p>"
        '<div class="side-by-side">'
        f'<section aria-labelledby="en-h"><h2 id="en-h">English</h2><p lang="en">{e(english)}</p></section>'
        f'<section aria-labelledby="seen-h"><h2 id="seen-h">As the survivor sees it</h2>'
        f'<div class="bubble" lang="{e(lang.code)}" dir="{e(lang.direction)}">{e(_sample(current, lang.rtl))}</div>'
        "</section></div>"
        f'<form method="post" action="/staff/translations/{e(lang.code)}/{e(key)}">{csrf_field(request)}'
        f'<label for="text">{e(lang.name)}</label>{keep}'
        f'<textarea id="text" name="text" rows="5" lang="{e(lang.code)}" dir="{e(lang.direction)}"'
        f'{invalid if errors else ""}>{e(text)}</textarea>'
        '<fieldset><legend>Checked by a fluent speaker?</legend>'
        f'<p><input type="radio" id="st-reviewed" name="status" value="reviewed"'
        f'{" checked" if state == "reviewed" else ""}> <label for="st-reviewed">Reviewed: this says what the '
        f'English says</label></p>'
        f'<p><input type="radio" id="st-draft" name="status" value="draft"'
        f'{"" if state == "reviewed" else " checked"}> <label for="st-draft">Draft: needs a fluent speaker</label>'
        "</p></fieldset>"
        f'<input type="hidden" name="english" value="{e(i18n.fingerprint(english))}">'
        '<button type="submit">Save</button></form>'
        f'<p><a href="/staff/translations/{e(lang.code)}">Back to {e(lang.name)}</a></p>'
    )
    return page(request, f"{lang.name}: {key}", body, status=status)


def lang_meta(request: web.Request, code: str, key: str, name: str) -> str:
    from bot.paths import load_yaml

    raw = (load_yaml(_folder(request) / f"{code}.yml").get("texts") or {}).get(key)
    return str(raw.get(name) or "") if isinstance(raw, dict) else ""


def _key(request: web.Request, langs) -> str:
    key = request.match_info["key"]
    if not _KEY.match(key) or key not in langs[i18n.SOURCE].texts:
        raise web.HTTPNotFound(text="No such text.")
    return key


@staff_only("admin")
async def entry_page(request: web.Request) -> web.Response:
    langs, lang = _language(request)
    return _entry_page(request, langs, lang, _key(request, langs), saved=request.query.get("saved") == "1")


@staff_only("admin")
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
