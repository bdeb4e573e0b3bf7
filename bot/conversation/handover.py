"""Hand-over links: a support worker pre-sets the language, topics and kind of help.

A hand-over token carries the choices in the clear (nothing secret, nothing
personal) plus a keyed MAC, so the link cannot be altered on its way and no
server-side storage is needed: ``ar.health-nrm.support_worker_beside.K3M9...``.
The widget sends it as its first message, ``/choose{"choice":"preset:<token>"}``,
and bot.conversation.flow starts the conversation in that state. The person is still asked
for consent and age themselves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from bot.conversation import i18n
from bot.conversation import resume_codes as codes
from bot.conversation.catalogue import catalogue

PREFIX = "preset:"
WORKER_ASSISTED = ("support_worker_beside", "support_worker_typing", "interpreter")
TOKEN_SHAPE = re.compile(r"^[a-z]{2,3}\.[a-z-]+\.[a-z_]+\.[A-Z2-7]{16}$")


@dataclass(frozen=True)
class Preset:
    lang: str
    themes: tuple[str, ...]
    assisted: str

    def as_state(self) -> dict:
        return {"themes": list(self.themes), "assisted": self.assisted}


def _mac(body: str) -> str:
    digest = hmac.new(codes.secret_key(), f"handover:{body}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode()


def make(lang: str, themes: list[str] | tuple[str, ...], assisted: str) -> str:
    """A token for these choices; ValueError when a choice is not a known one."""
    if lang not in i18n.languages():
        raise ValueError(f"unknown language {lang!r}")
    known = catalogue().theme_ids
    chosen = [t for t in known if t in set(themes)]
    if not chosen or len(chosen) != len(set(themes)):
        raise ValueError("choose at least one known topic")
    if assisted not in WORKER_ASSISTED:
        raise ValueError(f"unknown kind of help {assisted!r}")
    body = f"{lang}.{'-'.join(chosen)}.{assisted}"
    return f"{body}.{_mac(body)}"


def read(token: str) -> Preset | None:
    """The choices in a token, or None when it is malformed, altered or out of date."""
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        return None
    body, mac = token.rsplit(".", 1)
    if not hmac.compare_digest(mac, _mac(body)):
        return None
    lang, themes, assisted = body.split(".")
    known = catalogue().theme_ids
    chosen = tuple(themes.split("-"))
    if lang not in i18n.languages() or assisted not in WORKER_ASSISTED or not set(chosen) <= set(known):
        return None
    return Preset(lang, chosen, assisted)
