"""The chat on a partner's website: the invited origins and the one-tag embed script.

``IMSA_EMBED_ORIGINS`` lists the partner sites that may show the chat in a frame
(``https://charity.example, https://www.hostel.example``). The chat's pages then send
``frame-ancestors`` with exactly those origins; with the list empty they send
``frame-ancestors 'none'`` and ``X-Frame-Options: DENY`` as before. The staff area is
never framed, whatever the list says.

``/embed.js`` is ``static/embed.js`` with the few texts the partner's page shows (the
launcher's name, "Close") for every language, and the invited origins, written in.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

from bot.conversation import i18n
from bot.settings import get_settings, parse_origins  # noqa: F401 - parse_origins: re-exported

STATIC = Path(__file__).parent / "static"
HOST_TEXTS = ("embed.launcher", "embed.close", "widget.title")  # the only texts shown on the partner's page itself
log = logging.getLogger(__name__)


def origins() -> tuple[str, ...]:
    """The invited origins, from IMSA_EMBED_ORIGINS."""
    return get_settings().embed_origins


def kiosk_seconds() -> tuple[int, int]:
    """(idle, warning): a kiosk clears itself after `idle` seconds without input, warning `warning` seconds first."""
    settings = get_settings()
    return settings.kiosk_idle_seconds, settings.kiosk_warning_seconds


def frame_headers(path: str) -> dict[str, str]:
    """frame-ancestors (and X-Frame-Options) for a response to this path."""
    invited = origins()
    if not invited or path == "/staff" or path.startswith("/staff/"):
        return {"frame-ancestors": "'none'", "X-Frame-Options": "DENY"}
    return {"frame-ancestors": " ".join(invited)}


def host_texts() -> dict[str, dict[str, str]]:
    """{lang: {"dir": ..., key: text}} for the launcher, in every language."""
    table = {}
    for code, language in i18n.languages().items():
        entry = {"dir": language.direction}
        entry.update({key.split(".", 1)[1]: i18n.text(code, key) for key in HOST_TEXTS})
        table[code] = entry
    return table


def _compact(source: str) -> str:
    """The source without its indentation and whole-line comments (kept readable in static/, small on the wire)."""
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


@lru_cache(maxsize=4)
def _script(invited: tuple[str, ...], exit_url: str) -> str:
    source = _compact((STATIC / "embed.js").read_text(encoding="utf-8"))
    data = json.dumps(host_texts(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for marker, value in (("/*TEXTS*/{}", data), ("/*ORIGINS*/[]", json.dumps(list(invited))),
                          ('/*EXIT*/""', json.dumps(exit_url))):
        assert source.count(marker) == 1, marker
        source = source.replace(marker, value)
    return source


def script() -> str:
    """embed.js as served: the launcher's texts, the invited origins and the exit address written in."""
    from bot.web import pages

    return _script(origins(), pages.exit_url())
