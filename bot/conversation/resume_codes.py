"""Resume and withdrawal codes: random, easy to read aloud, stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from functools import lru_cache

from bot.paths import var_dir
from bot.settings import get_settings

# No 0/O, 1/I/L: codes are read from a screen and typed on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_SHAPE = re.compile(r"^\s*([A-Za-z2-9]{4})[\s-]?([A-Za-z2-9]{4})\s*$")


def new_code() -> str:
    """A fresh code such as ``K7PM-4QXR`` (about 40 bits of randomness)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise(text: str) -> str | None:
    """The canonical form of a typed code, or None when it does not look like one."""
    match = CODE_SHAPE.match(text)
    if not match:
        return None
    code = (match.group(1) + match.group(2)).upper().replace("0", "O")
    if any(c not in ALPHABET for c in code):
        return None
    return f"{code[:4]}-{code[4:]}"


@lru_cache(maxsize=1)
def secret_key() -> bytes:
    """The key of this installation's keyed hashes and encryption: IMSA_SECRET_KEY, else var/secret.key
    (made once, readable by its owner only)."""
    key = get_settings().secret_key
    if key:
        return key.encode()
    path = var_dir() / "secret.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def code_hash(code: str, purpose: str) -> str:
    """Keyed hash of a normalised code; `purpose` keeps resume and withdrawal codes apart."""
    return hmac.new(secret_key(), f"{purpose}:{code}".encode(), hashlib.sha256).hexdigest()
