"""Debian's Chromium driven by Playwright, and axe-core, for the chat page tests."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

CHROMIUM = os.environ.get("IMSA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_VERSION = "4.14.1"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def axe_path() -> Path:
    """axe.min.js as scripts/setup fetched it from the npm registry into the cache."""
    if os.environ.get("IMSA_AXE_JS"):
        return Path(os.environ["IMSA_AXE_JS"])
    cache = os.environ.get("IMSA_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "imsa-voices"
    )
    return Path(cache) / f"axe-core-{AXE_VERSION}" / "axe.min.js"


@lru_cache(maxsize=1)
def axe_source() -> str:
    path = axe_path()
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: ./scripts/setup fetches axe-core {AXE_VERSION} from npm")
    return path.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """axe-core's violations for the page as it is now, at WCAG 2.2 AA."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;0")  # through the DevTools protocol: the page's CSP stays strict
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["html"][:200] + " :: " + n.get("failureSummary", "")[:300] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator:
    """Debian's headless Chromium through Playwright; `extra_args` add switches (a fake microphone)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args), headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Offsite:
    """Records (and refuses) every request that would leave 127.0.0.1."""

    def __init__(self) -> None:
        self.refused: list[str] = []

    def attach(self, context) -> None:
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


@contextmanager
def page_opener(browser, *, console_errors: bool = False) -> Iterator:
    """open(viewport, **context options) -> a page in a fresh context. On leaving: no request left
    the machine, no script error (and, with console_errors, no console error: CSP violations show
    there; "Failed to load resource" is left out because 401 and 403 answers are expected)."""
    made = []

    def _open(viewport=PHONE, **options):
        context = browser.new_context(viewport=viewport, **options)
        offsite = Offsite()
        offsite.attach(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("dialog", lambda d: (page.errors.append("dialog: " + d.message), d.dismiss()))
        if console_errors:
            page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource")
                    and page.errors.append(m.text))
        made.append((context, offsite, page))
        return page

    yield _open
    for context, offsite, page in made:
        assert offsite.refused == [], f"requests that left the machine: {offsite.refused}"
        assert page.errors == [], page.errors
        context.close()


def checked(page, state: str) -> None:
    """axe-core at WCAG 2.2 AA, no sideways scrolling at this width, and a screenshot named after the state."""
    import json

    violations = axe_violations(page)
    assert violations == [], f"{state}: " + json.dumps(violations, indent=1)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{state}: scrolls sideways"
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{state}-{width}.png"), full_page=True)


NEUTRAL_HTML = b"<!doctype html><html lang='en'><head><title>Weather</title></head><body><h1>Weather</h1></body></html>"


class _Neutral(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_GET(self) -> None:  # http.server's name
        type(self).seen.append({"path": self.path, "referer": self.headers.get("Referer"),
                                "cookie": self.headers.get("Cookie")})
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(NEUTRAL_HTML)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def neutral_site() -> Iterator[tuple[str, list[dict]]]:
    """A local stand-in for the neutral site Exit this page goes to (no request leaves the machine)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Neutral)
    _Neutral.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/weather", _Neutral.seen
    finally:
        server.shutdown()
        server.server_close()
