"""Chat page speed: time from page load to the first bot message, and page weight.

Starts IMSA Voices (Rasa, the action server and the page) on free ports with a
temporary var dir and SQLite database, then opens the chat page in Debian's
Chromium (Playwright) several times, each in a fresh browser context (a cold
first load: nothing cached). Only 127.0.0.1 is contacted.

- first message: from navigation start to the first bot message shown in the
  conversation (performance.now() when it appears), median and spread over the loads;
- page weight: the bytes on the wire for the first load (HTML, CSS, JS and the
  texts JSON, compressed as served) as Chromium reports them, plus the bot's
  first answer for information.

- embed.js: the size of the script a partner's page loads (uncompressed and gzipped).

Goals: first message under 1 s on loopback; assets under 150 KB compressed; embed.js under 10 KB.
Figures go to stdout, ending with a markdown table. Nothing is asserted.

    .venv/bin/python benchmarks/widget.py            # 15 loads
    .venv/bin/python benchmarks/widget.py --loads 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# a private var dir (model, secret key, database): the developer's var/ is never touched
os.environ.setdefault("IMSA_VAR_DIR", tempfile.mkdtemp(prefix="imsa-widget-bench-var-"))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("IMSA_EMBED_ORIGINS", "https://partner.example")  # so /embed.js is served and measured

from tests.browser import PHONE, Offsite, chromium  # noqa: E402
from tests.servers import running_bot  # noqa: E402

GOAL_FIRST_MESSAGE_S = 1.0
GOAL_ASSETS_KB = 150
GOAL_EMBED_KB = 10


def embed_size(base: str) -> tuple[int, int]:
    """(bytes, gzipped bytes) of /embed.js, the script a partner's page loads."""
    import gzip
    import urllib.request

    with urllib.request.urlopen(base + "/embed.js", timeout=30) as response:
        body = response.read()
    return len(body), len(gzip.compress(body))

FIRST_MESSAGE = """() => new Promise((resolve) => {
  const seen = () => document.querySelector('#log .msg.bot');
  if (seen()) { resolve(performance.now()); return; }
  new MutationObserver((_, observer) => {
    if (seen()) { observer.disconnect(); resolve(performance.now()); }
  }).observe(document, {childList: true, subtree: true});
})"""


def one_load(browser, base: str) -> tuple[float, dict[str, int]]:
    context = browser.new_context(viewport=PHONE)
    offsite = Offsite()
    offsite.attach(context)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base + "/", wait_until="commit")
    shown_ms = page.evaluate(FIRST_MESSAGE)
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = {}
    for request in finished:
        s = request.sizes()
        sizes[request.url.replace(base, "")] = s["responseBodySize"] + s["responseHeadersSize"]
    context.close()
    if offsite.refused:
        raise RuntimeError(f"requests left the machine: {offsite.refused}")
    return shown_ms / 1000.0, sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=15, help="page loads to time (default 15)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="imsa-widget-bench-"))
    with running_bot(f"sqlite:///{tmp / 'answers.db'}", tmp / "logs") as services, chromium() as browser:
        base = f"http://127.0.0.1:{services.ports.web}"
        one_load(browser, base)  # warm-up: the first turn loads the action server's caches
        embed_bytes, embed_gzip = embed_size(base)
        times, sizes = [], {}
        for _ in range(args.loads):
            seconds, sizes = one_load(browser, base)
            times.append(seconds)
    assets = {path: n for path, n in sizes.items() if not path.startswith("/webhooks/")}
    chat = sum(n for path, n in sizes.items() if path.startswith("/webhooks/"))
    assets_kb = sum(assets.values()) / 1024
    median = statistics.median(times)
    print(f"first bot message after page load, {len(times)} cold loads: median {median * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"(goal < {GOAL_FIRST_MESSAGE_S * 1000:.0f} ms)")
    print("first load, bytes on the wire (headers + compressed body):")
    for path, n in sorted(assets.items()):
        print(f"  {path:<28} {n / 1024:6.1f} KB")
    print(f"  {'assets total':<28} {assets_kb:6.1f} KB (goal < {GOAL_ASSETS_KB} KB)")
    print(f"  {'(bot first answer)':<28} {chat / 1024:6.1f} KB")
    print(f"embed.js (a partner's page): {embed_bytes / 1024:.1f} KB, {embed_gzip / 1024:.1f} KB gzipped "
          f"(goal < {GOAL_EMBED_KB} KB)")
    print()
    print("| figure | measured | goal |")
    print("| --- | --- | --- |")
    print(f"| first bot message after page load (median of {len(times)}) | {median * 1000:.0f} ms | < 1000 ms |")
    print(f"| page weight, first load, compressed | {assets_kb:.1f} KB | < {GOAL_ASSETS_KB} KB |")
    print(f"| embed.js on a partner's page (uncompressed / gzipped) | {embed_bytes / 1024:.1f} / "
          f"{embed_gzip / 1024:.1f} KB | < {GOAL_EMBED_KB} KB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
