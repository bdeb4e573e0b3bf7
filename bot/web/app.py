"""Serves the chat page and passes its messages to Rasa's REST channel.

The page talks to the same origin only; this server forwards
``/webhooks/rest/webhook`` to the Rasa server, so no cross-origin access to
Rasa is needed and the page works on a closed network.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import re
from pathlib import Path

import aiohttp
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from bot import settings
from bot.conversation import handover, i18n, partners
from bot.signals import TRY_AGAIN
from bot.translations import recordings
from bot.web import embed, pages, ratelimit, staff
from bot.web.incoming import public_base

STATIC = Path(__file__).parent / "static"
MAX_BODY = 64 * 1024
SENDER = re.compile(r"^[0-9a-f]{32}$")
ASSETS = {  # the only files served under /static/, with their types
    "chat.css": "text/css",
    "chat.js": "application/javascript",
    "worker.js": "application/javascript",
    "staff.css": "text/css",
    "staff_review.js": "application/javascript",
    "staff_webauthn.js": "application/javascript",
    "staff_recorder.js": "application/javascript",
    "staff_queue.js": "application/javascript",
}
log = logging.getLogger(__name__)

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP.format(ancestors="'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


RECORDING_PAGES = "/staff/recordings"  # the one place a microphone is asked for, and a fresh take played (blob:)


def _security_headers(path: str) -> dict[str, str]:
    """The strict headers; the chat's pages may be framed by the invited partner sites only (IMSA_EMBED_ORIGINS)."""
    headers = dict(SECURITY_HEADERS)
    framing = embed.frame_headers(path)
    headers["Content-Security-Policy"] = CSP.format(ancestors=framing["frame-ancestors"])
    if path == RECORDING_PAGES or path.startswith(RECORDING_PAGES + "/"):
        headers["Permissions-Policy"] = headers["Permissions-Policy"].replace("microphone=()", "microphone=(self)")
        headers["Content-Security-Policy"] += "; media-src 'self' blob:"
    if "X-Frame-Options" not in framing:
        del headers["X-Frame-Options"]  # it cannot name origins; frame-ancestors says who may frame
    return headers


@web.middleware
async def security_headers(request: web.Request, handler):
    headers = _security_headers(request.path)
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # 404s and redirects carry the headers too
        exc.headers.update(headers)
        raise
    own = {}
    if request.path == "/embed.js":  # loaded by partner sites, and may be cached: it says so itself
        own = {k: v for k, v in response.headers.items() if k in ("Cross-Origin-Resource-Policy", "Cache-Control")}
    response.headers.update(headers)
    response.headers.update(own)
    if (isinstance(response, web.Response) and isinstance(response.body, bytes) and len(response.body) > 512
            and not response.content_type.startswith("audio/")):  # Opus is compressed already
        response.enable_compression()  # gzip or deflate when the browser accepts it
    return response


@web.middleware
async def unreadable_input(request: web.Request, handler):
    """A form or body that is not UTF-8 (aiohttp raises while decoding it): a clear 400, nothing changed."""
    try:
        return await handler(request)
    except UnicodeDecodeError:
        log.warning("a request to %s was not UTF-8 text", route_pattern(request))
        return web.Response(status=400, text="This request could not be read: it is not UTF-8 text. Nothing was "
                            "changed. Go back, reload the page and try again.")


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html", charset="utf-8")


def _lang(request: web.Request) -> str:
    lang = request.match_info.get("lang", i18n.SOURCE)
    if pages.language_or_none(lang) is None:
        raise web.HTTPNotFound()
    return lang


async def index(request: web.Request) -> web.Response:
    """The chat page; a support worker's hand-over link (?start=<token>) opens it in the chosen language.

    ?lang=<code> opens it in that language, ?embed=1 inside a partner's page (embed.js),
    ?kiosk=1 on a shared screen (cleared after each person), ?partner=<id> on a partner's site (an id
    on the admin's list, IMSA_PARTNERS: answers are then "reached through" that organisation)."""
    preset = handover.read(request.query.get("start", ""))
    asked = request.query.get("lang", "")
    lang = preset.lang if preset else (asked if pages.language_or_none(asked) else i18n.SOURCE)
    return _html(pages.index_page(lang, embedded=request.query.get("embed") == "1",
                                  kiosk=request.query.get("kiosk") == "1",
                                  partner=partners.known(request.query.get("partner"))))


async def embed_script(request: web.Request) -> web.Response:
    """The one script a partner puts on its site: a launcher that opens the chat in a frame."""
    if not embed.origins():
        raise web.HTTPNotFound(text="No partner site is invited: set IMSA_EMBED_ORIGINS.")
    response = web.Response(text=embed.script(), content_type="application/javascript", charset="utf-8")
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"  # a partner's page loads it
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


async def static_asset(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in ASSETS:
        raise web.HTTPNotFound()
    return web.Response(body=(STATIC / name).read_bytes(), content_type=ASSETS[name], charset="utf-8")


async def recording(request: web.Request) -> web.Response:
    """A recorded voice for a text (bot/translations/recordings.py), fetched only when Read aloud is pressed. Only a
    recording of today's wording is served: the name carries the fingerprint of the words it speaks, and ?v= the take,
    so a stale or replaced recording is never played. Cache-Control stays no-store, as for every page of the chat: the
    survivor's browser keeps no trace of what was listened to (the page keeps a take in memory while it is open)."""
    lang, name = request.match_info["lang"], request.match_info["name"]
    match = recordings.FILE_NAME.match(name)
    if pages.language_or_none(lang) is None or match is None:
        raise web.HTTPNotFound()
    kept = recordings.current(lang).get(match["key"])
    if kept is None or kept.name != name or request.query.get("v", kept.version()) != kept.version():
        raise web.HTTPNotFound()
    etag = f'"{kept.fingerprint}-{kept.version()}"'
    if request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers={"ETag": etag})
    body = await asyncio.to_thread(kept.path.read_bytes)
    return web.Response(body=body, content_type=recordings.TYPES[kept.ext], headers={"ETag": etag})


async def widget_texts(request: web.Request) -> web.Response:
    return web.json_response(pages.widget_texts(_lang(request)))


async def safety(request: web.Request) -> web.Response:
    return _html(pages.safety_page(_lang(request)))


async def privacy(request: web.Request) -> web.Response:
    return _html(pages.privacy_page(_lang(request)))


async def worker(request: web.Request) -> web.Response:
    lang = request.query.get("lang", i18n.SOURCE)
    return _html(pages.worker_page(lang if pages.language_or_none(lang) else i18n.SOURCE))


async def make_handover(request: web.Request) -> web.Response:
    """A support worker's choices -> a hand-over link and the address of its QR code."""
    try:
        body = await request.json()
        token = handover.make(str(body["lang"]), [str(t) for t in body["themes"]], str(body["assisted"]))
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError):
        return web.json_response({"error": "choose a language, at least one topic and how you help"}, status=400)
    return web.json_response(
        {"token": token, "link": f"{public_base(request)}/?start={token}", "qr": f"/handover/qr.svg?start={token}"}
    )


async def handover_qr(request: web.Request) -> web.Response:
    """The QR code of a hand-over link, drawn here (segno), never by an outside service."""
    import io

    import segno

    token = request.query.get("start", "")
    if handover.read(token) is None:
        raise web.HTTPNotFound()
    out = io.BytesIO()
    segno.make(f"{public_base(request)}/?start={token}", error="m").save(out, kind="svg", scale=6, border=4)
    return web.Response(body=out.getvalue(), content_type="image/svg+xml")


async def exit_chat(request: web.Request) -> web.Response:
    """Quick exit: forget this chat on the Rasa server (sent with navigator.sendBeacon)."""
    sender = (await request.text()).strip()
    if not SENDER.match(sender):
        return web.Response(status=400)
    try:
        # Rasa's built-in restart intent: action_restart resets the conversation and every slot.
        await forward_to_rasa(request.app, {"sender": sender, "message": "/restart"})
    except (aiohttp.ClientError, TimeoutError):
        log.warning("the Rasa server did not answer a quick exit")
        return web.Response(status=503, headers={"Clear-Site-Data": '"storage"'})
    # the browser also drops anything this site ever stored (the chat stores nothing itself)
    return web.Response(status=204, headers={"Clear-Site-Data": '"storage"'})


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


STARTING = "the chat service is starting"


def _sorry(lang: str, status: int, error: str, key: str = "error.general") -> web.Response:
    """A kind reply in the person's language (the page shows its own copy of the text, with "Try again")."""
    return web.json_response({"error": error, "text": i18n.text(lang, key)}, status=status)


async def rest_webhook(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError, RecursionError):  # not JSON, not UTF-8, nested too deep
        return web.json_response({"error": "invalid JSON"}, status=400)
    if not isinstance(body, dict) or not isinstance(body.get("sender"), str) or \
            not isinstance(body.get("message"), str):
        return web.json_response({"error": "expected {sender: string, message: string}"}, status=400)
    lang = body.get("lang")  # the page's language, for a kind error in it
    lang = lang if isinstance(lang, str) and pages.language_or_none(lang) else i18n.SOURCE
    payload = {"sender": body["sender"][:64], "message": body["message"]}
    address = ratelimit.client_address(request.remote, request.headers.get("X-Forwarded-For"))
    if not request.app["rate_limiter"].allow(address, payload["sender"]):
        response = _sorry(lang, 429, "too many messages from this address", "widget.error.busy")
        response.headers["Retry-After"] = "60"
        return response
    try:
        status, data = await forward_to_rasa(request.app, payload)
    except aiohttp.ClientConnectorError:
        if not request.app["rasa_answered"]:
            # `imsa-voices run` starts the page first, while Rasa loads its model: say so, and when to try again
            response = _sorry(lang, 503, STARTING, "widget.error.starting")
            response.headers["Retry-After"] = "5"
            return response
        log.warning("the Rasa server did not answer")
        return _sorry(lang, 503, "the chat service is not available")
    except (aiohttp.ClientError, TimeoutError, ValueError):
        log.warning("the Rasa server did not answer")
        return _sorry(lang, 503, "the chat service is not available")
    request.app["rasa_answered"] = True
    if status != 200 or not isinstance(data, list) or not data:
        # Rasa answers 200 with no messages when the action server is down (or failed): say so kindly.
        log.warning("the Rasa server gave no reply (status %s)", status)
        return _sorry(lang, 503, "the chat service gave no reply")
    if any(isinstance(m, dict) and m.get("custom") == TRY_AGAIN for m in data):
        # the action server could not save (database away, disk full): the page's "Try again" sends the same words
        return _sorry(lang, 503, "the answer could not be saved")
    return web.json_response(data)


async def forward_to_rasa(app: web.Application, payload: dict) -> tuple[int, object]:
    """POST a message to the Rasa instances in turn (round robin): (status, reply).

    With several instances (`imsa-voices run --workers N`) they share conversations through
    Redis, so any of them can take any message. One that refuses the connection (down, or
    restarting) never received the message, so the next one is tried.
    """
    session: aiohttp.ClientSession = app["client"]
    urls: list[str] = app["rasa_urls"]
    first = next(app["rasa_turn"]) % len(urls)
    for tried, base in enumerate(urls[first:] + urls[:first], start=1):
        try:
            async with session.post(base + "/webhooks/rest/webhook", json=payload) as upstream:
                return upstream.status, await upstream.json(content_type=None)
        except aiohttp.ClientConnectorError:
            if tried == len(urls):
                raise
    raise AssertionError("unreachable")


async def _client(app: web.Application):
    app["client"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    yield
    await app["client"].close()


def make_app(rasa_url: str | list[str]) -> web.Application:
    """The page and its forwarding to Rasa: one URL, or a list of Rasa instances taken in turn."""
    app = web.Application(middlewares=[security_headers, unreadable_input], client_max_size=MAX_BODY)
    app["rasa_urls"] = [u.rstrip("/") for u in ([rasa_url] if isinstance(rasa_url, str) else rasa_url)]
    app["rasa_turn"] = itertools.count()
    app["rasa_answered"] = False  # until Rasa first answers, a refused connection means it is still starting
    app["rate_limiter"] = ratelimit.RateLimiter()  # IMSA_RATE_* (bot/web/ratelimit.py)
    app.cleanup_ctx.append(_client)
    app.router.add_get("/", index)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/embed.js", embed_script)
    app.router.add_post("/webhooks/rest/webhook", rest_webhook)
    app.router.add_get("/static/{name}", static_asset)
    app.router.add_get("/i18n/{lang}.json", widget_texts)
    app.router.add_get("/audio/{lang}/{name}", recording)
    app.router.add_get("/safety", safety)
    app.router.add_get("/safety/{lang}", safety)
    app.router.add_get("/privacy", privacy)
    app.router.add_get("/privacy/{lang}", privacy)
    app.router.add_get("/worker", worker)
    app.router.add_post("/handover", make_handover)
    app.router.add_get("/handover/qr.svg", handover_qr)
    app.router.add_post("/exit", exit_chat)
    staff.add_routes(app)  # /staff: sign in, users, audit log, hand-over links (bot/web/staff.py)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="IMSA Voices web page")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", action="append",
                        help="a Rasa server; repeat for several, taken in turn (default http://127.0.0.1:5005)")
    parser.add_argument("--exit-url", help=f"where Exit this page goes (env IMSA_EXIT_URL; {pages.DEFAULT_EXIT_URL})")
    args = parser.parse_args()
    if args.exit_url:
        settings.override(exit_url=args.exit_url)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    settings.get_settings()  # a mistyped setting stops the page at once, with the reason
    web.run_app(make_app(args.rasa_url or ["http://127.0.0.1:5005"]), host=args.host, port=args.port, print=None,
                access_log_class=PrivateAccessLogger)


class PrivateAccessLogger(AbstractAccessLogger):
    """The page server's access log keeps no trace of a visitor: method, the route's pattern (no query
    string, no id or token from the path), status and duration only. aiohttp's default line also logs
    the client's address, the referring page (a partner's page, for the embedded widget) and the
    browser's User-Agent, which together can point at one person."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info("%s %s %s %.1f ms", request.method, route_pattern(request), response.status, time * 1000)


def route_pattern(request: web.BaseRequest) -> str:
    """What a log may say of a request's address: the route's pattern ("/staff/users/{name}"), never
    the path itself with its name, id or token, nor the query string."""
    route = getattr(request, "match_info", None)
    resource = route.route.resource if route is not None and route.route is not None else None
    return resource.canonical if resource is not None else "(no route)"
