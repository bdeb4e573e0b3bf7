"""Serves the chat page and passes its messages to Rasa's REST channel.

The page talks to the same origin only; this server forwards
``/webhooks/rest/webhook`` to the Rasa server, so no cross-origin access to
Rasa is needed and the page works on a closed network.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import aiohttp
from aiohttp import web

STATIC = Path(__file__).parent / "static"
MAX_BODY = 64 * 1024
log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}


@web.middleware
async def security_headers(request: web.Request, handler):
    response = await handler(request)
    response.headers.update(SECURITY_HEADERS)
    return response


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html")


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def rest_webhook(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return web.json_response({"error": "invalid JSON"}, status=400)
    if not isinstance(body, dict) or not isinstance(body.get("sender"), str) or not isinstance(body.get("message"), str):
        return web.json_response({"error": "expected {sender: string, message: string}"}, status=400)
    payload = {"sender": body["sender"][:64], "message": body["message"]}
    session: aiohttp.ClientSession = request.app["client"]
    try:
        async with session.post(request.app["rasa_url"] + "/webhooks/rest/webhook", json=payload) as upstream:
            data = await upstream.json(content_type=None)
            return web.json_response(data, status=upstream.status)
    except (aiohttp.ClientError, TimeoutError):
        log.warning("the Rasa server did not answer")
        return web.json_response({"error": "the chat service is not available"}, status=503)


async def _client(app: web.Application):
    app["client"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    yield
    await app["client"].close()


def make_app(rasa_url: str) -> web.Application:
    app = web.Application(middlewares=[security_headers], client_max_size=MAX_BODY)
    app["rasa_url"] = rasa_url.rstrip("/")
    app.cleanup_ctx.append(_client)
    app.router.add_get("/", index)
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/webhooks/rest/webhook", rest_webhook)
    app.router.add_static("/static/", STATIC)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="IMSA Voices web page")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    # aiohttp's access log prints paths only (never bodies), so it is safe to keep.
    web.run_app(make_app(args.rasa_url), host=args.host, port=args.port, print=None)
