"""The staff area's recordings pages (translators for their own languages, admins for all): a human voice per text.

- /staff/recordings: per language, how many texts are recorded for today's wording, stale, missing.
- /staff/recordings/<lang>: the texts of a language with their state (missing and stale first).
- /staff/recordings/<lang>/<key>: the text to read, the recording kept (stale ones too, marked), and a recorder:
  Record, Stop, play the take back, Save or Record again (MediaRecorder in the browser, static/staff_recorder.js),
  or choose a file. Saving POSTs the audio itself (audio/webm or audio/ogg, at most recordings.MAX_BYTES) with the
  session's CSRF token and the fingerprint of the text shown; bot.translations.recordings checks it is Opus and that
  the text did not change meanwhile. Every save is in the audit log.

The pages are Jinja2 templates under templates/staff/recordings/. The microphone is allowed on these pages only
(Permissions-Policy in bot/web/app.py), and a fresh take plays from a blob: address there only.
"""

from __future__ import annotations

import asyncio
import re

from aiohttp import web

from bot.conversation import i18n
from bot.staff.auth import require_language, staff_only, store_of
from bot.translations import recordings
from bot.web.templating import render

STATES = {"recorded": "Recorded", "stale": "Stale: the text changed since", "missing": "Not recorded yet"}
SHOWS = {"todo": "Missing or stale", "missing": "Missing", "stale": "Stale", "recorded": "Recorded", "all": "All"}
UPLOAD_TYPES = ("audio/webm", "audio/ogg", "video/webm", "audio/opus", "application/octet-stream")
_KEY = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)*$")


def _language(request: web.Request) -> tuple[dict[str, i18n.Language], i18n.Language]:
    code = request.match_info["lang"]
    require_language(request, code)
    langs = i18n.languages()
    if code not in langs:
        raise web.HTTPNotFound(text="No such language.")
    return langs, langs[code]


def _key(request: web.Request, langs: dict[str, i18n.Language]) -> str:
    key = request.match_info["key"]
    if not _KEY.match(key) or key not in recordings.recordable_keys(langs):
        raise web.HTTPNotFound(text="No such text to record.")
    return key


def _next_to_record(statuses: dict, after: str) -> str | None:
    """The next key after `after` that is missing or stale (then from the start), or None when all are done."""
    keys = list(statuses)
    start = keys.index(after) + 1 if after in keys else 0
    for key in keys[start:] + keys[:start]:
        if key != after and statuses[key][0] != "recorded":
            return key
    return None


@staff_only("translator")
async def overview(request: web.Request) -> web.Response:
    langs = i18n.languages()
    user = request["user"]
    rows = []
    for code, lang in langs.items():
        if not user.can_language(code):
            continue
        counts = await asyncio.to_thread(recordings.counts, code, langs)
        rows.append({"code": code, "lang": lang, **counts})
    return render(request, "staff/recordings/index.html", title="Recordings", rows=rows,
                  max_mb=recordings.MAX_BYTES // (1024 * 1024))


@staff_only("translator")
async def language_page(request: web.Request) -> web.Response:
    langs, lang = _language(request)
    show = request.query.get("show", "todo")
    show = show if show in SHOWS else "todo"
    statuses = await asyncio.to_thread(recordings.statuses, lang.code, langs)
    counts = {state: sum(1 for s, _ in statuses.values() if s == state) for state in STATES}
    keys = [k for k, (state, _) in statuses.items()
            if show == "all" or state == show or (show == "todo" and state != "recorded")]
    rows = [{"key": k, "text": i18n.text(lang.code, k), "state": statuses[k][0], "state_name": STATES[statuses[k][0]]}
            for k in keys]
    return render(request, "staff/recordings/language.html", title=f"Recordings: {lang.name}", language=lang,
                  rows=rows, show=show, shows=SHOWS, counts=counts, total=len(statuses))


def _entry(request: web.Request, langs, lang, key: str, *, status: int = 200) -> web.Response:  # noqa: ANN001
    statuses = recordings.statuses(lang.code, langs)
    state, kept = statuses[key]
    following = _next_to_record(statuses, key)
    return render(
        request, "staff/recordings/entry.html", status=status, title=f"Record: {lang.name}, {key}", language=lang,
        key=key, text=i18n.text(lang.code, key), english=i18n.text(i18n.SOURCE, key),
        translated=key in lang.texts, state=state, state_name=STATES[state], kept=kept,
        kept_version=kept.version() if kept else "", fingerprint=recordings.spoken_fingerprint(lang, key) or "",
        following=following, max_bytes=recordings.MAX_BYTES, max_mb=recordings.MAX_BYTES // (1024 * 1024),
        text_status=lang.statuses.get(key, "draft"), saved=request.query.get("saved") == "1",
    )


@staff_only("translator")
async def entry_page(request: web.Request) -> web.Response:
    langs, lang = _language(request)
    key = _key(request, langs)
    return await asyncio.to_thread(_entry, request, langs, lang, key)


def _refuse(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@staff_only("translator")
async def entry_save(request: web.Request) -> web.StreamResponse:
    """The audio itself as the body (not a form): JSON back, {"saved": ..., "next": ...} or {"error": ...}."""
    langs, lang = _language(request)
    key = _key(request, langs)
    if request.content_type not in UPLOAD_TYPES:
        return _refuse(415, "This is not a recording this page can keep: it takes Opus audio in WebM or Ogg (what "
                            "the Record button makes).")
    if (request.content_length or 0) > recordings.MAX_BYTES:
        return _refuse(413, f"The recording is too big (over {recordings.MAX_BYTES // (1024 * 1024)} MB). "
                            "Keep it under a few minutes.")
    data = bytearray()
    while True:  # read by hand: the app's 64 KB body limit is for forms, a recording is bigger
        chunk = await request.content.read(64 * 1024)
        if not chunk:
            break
        data += chunk
        if len(data) > recordings.MAX_BYTES:
            return _refuse(413, f"The recording is too big (over {recordings.MAX_BYTES // (1024 * 1024)} MB). "
                                "Keep it under a few minutes.")
    try:
        kept = await asyncio.to_thread(recordings.save, lang.code, key, bytes(data), langs,
                                       expected=request.headers.get("X-Text-Fingerprint") or "")
    except recordings.RecordingError as exc:
        return _refuse(400, str(exc))
    user = request["user"]
    store_of(request).audit(user.name, "recording_save", 1, f"{lang.code} {key} {kept.fingerprint} {len(data)} bytes")
    statuses = recordings.statuses(lang.code, langs)
    following = _next_to_record(statuses, key)
    return web.json_response({
        "saved": f"/staff/recordings/{lang.code}/{key}/audio?v={kept.version()}",
        "next": f"/staff/recordings/{lang.code}/{following}" if following else None,
    })


@staff_only("translator")
async def kept_audio(request: web.Request) -> web.Response:
    """The recording kept for a text, stale or not, for the translator to hear (the public /audio/ route serves
    today's wording only)."""
    langs, lang = _language(request)
    key = _key(request, langs)
    kept = recordings.found(lang.code).get(key)
    if kept is None:
        raise web.HTTPNotFound(text="Nothing is recorded for this text yet.")
    body = await asyncio.to_thread(kept.path.read_bytes)
    return web.Response(body=body, content_type=recordings.TYPES[kept.ext])


def add_routes(app: web.Application) -> None:
    app.router.add_get("/staff/recordings", overview)
    app.router.add_get("/staff/recordings/{lang}", language_page)
    app.router.add_get("/staff/recordings/{lang}/{key}", entry_page)
    app.router.add_post("/staff/recordings/{lang}/{key}", entry_save)
    app.router.add_get("/staff/recordings/{lang}/{key}/audio", kept_audio)
