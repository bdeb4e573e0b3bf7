"""Screenshots of the launcher and the open panel on a sample partner page, for the README.

    .venv/bin/python docs/screenshots/embed.py      # writes docs/screenshots/embed-*.png (about a minute)

Starts the bot on free ports with a temporary var dir and database, serves a sample partner page from
another port on 127.0.0.1 (tests/test_embed.py's), and photographs it in Debian's Chromium.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("IMSA_VAR_DIR", tempfile.mkdtemp(prefix="imsa-embed-shots-var-"))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from tests.browser import DESKTOP, PHONE, chromium  # noqa: E402
from tests.servers import free_port, running_bot  # noqa: E402
from tests.test_embed import host_page, host_site  # noqa: E402

OUT = Path(__file__).resolve().parent


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="imsa-embed-shots-"))
    port = free_port()
    os.environ["IMSA_EMBED_ORIGINS"] = f"http://127.0.0.1:{port}"
    with running_bot(f"sqlite:///{tmp / 'answers.db'}", tmp / "logs") as services, chromium() as browser:
        base = f"http://127.0.0.1:{services.ports.web}"
        with host_site(port, base, {"/": host_page(base)}) as host:
            for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
                page = browser.new_context(viewport=viewport).new_page()
                page.goto(host + "/")
                launcher = page.get_by_role("button", name="Share your experience")
                launcher.wait_for()
                if name == "desktop":
                    page.screenshot(path=str(OUT / "embed-launcher.png"))
                launcher.click()
                frame = None
                while frame is None:
                    frame = next((f for f in page.frames if f.url.startswith(base)), None)
                    page.wait_for_timeout(100)
                frame.wait_for_selector("#log .msg.bot")
                frame.locator("#replies").get_by_role("button", name="English", exact=True).click()
                frame.wait_for_selector("#log >> text=Shall we go on?")
                page.screenshot(path=str(OUT / f"embed-open-{name}.png"))
                page.context.close()
    print("written:", *sorted(p.name for p in OUT.glob("embed-*.png")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
