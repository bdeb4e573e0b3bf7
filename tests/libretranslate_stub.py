"""A local stand-in for a LibreTranslate server, speaking its real HTTP API.

POST /translate (q, source, target, format, api_key as query, form or JSON)
answers {"translatedText": ...}; GET /languages lists languages. `mode` makes
it fail the ways real servers do: "ok", "slow" (answers after `delay` s),
"error" (HTTP 500), "garbage" (200 with a body that is not the API's).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

from aiohttp import web

from tests.servers import free_port


@dataclass
class LibreTranslateStub:
    mode: str = "ok"
    delay: float = 5.0
    port: int = field(default_factory=free_port)
    received: list[dict] = field(default_factory=list)
    known: dict[str, str] = field(default_factory=dict)  # q -> English, like a real engine would answer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    async def _translate(self, request: web.Request) -> web.Response:
        params = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(dict(await request.post()))
        self.received.append(params)
        if not params.get("q") or not params.get("target"):
            return web.json_response({"error": "Invalid request: missing q or target"}, status=400)
        if self.mode == "slow":
            await asyncio.sleep(self.delay)
        if self.mode == "error":
            return web.json_response({"error": "Internal error"}, status=500)
        if self.mode == "garbage":
            return web.Response(text="<html>proxy error</html>", content_type="text/html")
        english = self.known.get(params["q"]) or f"EN({params.get('source')}): {params['q']}"
        return web.json_response({"translatedText": english})

    async def _languages(self, request: web.Request) -> web.Response:
        return web.json_response([{"code": c, "name": c, "targets": ["en"]} for c in ("en", "ar", "fr", "pl", "vi")])

    def __enter__(self) -> "LibreTranslateStub":
        self._loop = asyncio.new_event_loop()
        app = web.Application()
        app.router.add_post("/translate", self._translate)
        app.router.add_get("/languages", self._languages)
        self._runner = web.AppRunner(app)
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._runner.setup())
            self._loop.run_until_complete(web.TCPSite(self._runner, "127.0.0.1", self.port).start())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        async def stop() -> None:
            await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
