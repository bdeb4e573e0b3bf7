"""The staff area's second factor: authenticator-app codes (TOTP, RFC 6238) and one-time recovery codes.

- Policy: IMSA_STAFF_SECOND_FACTOR=required (the default; any other value than `optional` counts as required) makes
  every person set up and answer a second factor after their password. `optional` (for a closed test) lets people
  without one in on the password alone; people who set one up are still asked for it.
- The authenticator key (160 random bits, base32) is stored only as a Fernet token (AES-128-CBC + HMAC-SHA256)
  under a key derived with HKDF-SHA256 from the server secret (IMSA_SECRET_KEY or var/secret.key). Changing that
  secret makes every key unreadable: then an admin resets each person's second factor.
- A code is accepted for the time step before, at or after now (30 s steps, valid_window=1), and only for a step
  later than the last one accepted for that person: a code, once used, is refused (replay). The check and the
  write of the step are one conditional UPDATE, so two requests racing with one code cannot both pass.
- Ten recovery codes (50 random bits each) are shown once when the factor is set up and stored only as keyed
  hashes; a used code's row is deleted.
- Nothing of a key or a code is ever logged or written to the audit log.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.settings import get_settings
from bot.store import accounts

POLICIES = ("required", "optional")
ISSUER = "IMSA Voices"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read from paper, typed by hand
RECOVERY_LENGTH = 10  # 31**10: about 50 bits
VALID_WINDOW = 1  # one 30-second step either side of now, for a phone clock a little off
CODE_SHAPE = re.compile(r"^[0-9]{6}$")


def policy() -> str:
    """`required` (default) or `optional`, from IMSA_STAFF_SECOND_FACTOR (any other value stops the start)."""
    return get_settings().staff_second_factor


# --- the key, encrypted at rest -------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _fernet_for(secret: bytes) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"imsa-voices staff second factor v1").derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def _fernet() -> Fernet:
    from bot.conversation.resume_codes import secret_key

    return _fernet_for(secret_key())


def new_secret() -> str:
    """A fresh authenticator key: 32 base32 characters (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(32)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str | None) -> str | None:
    """The plain key, or None when there is none or it cannot be read (the server secret changed)."""
    if not token:
        return None
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def provisioning_uri(secret: str, name: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of `uri` as inline SVG (drawn here with segno; no outside service, no script)."""
    import segno

    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, title=None, dark="#0b0c0c", light="#ffffff")
    # an image with a name for screen readers; the key is also shown as text beside it
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1)


def grouped(secret: str) -> str:
    """The key in groups of four, easier to type: ABCD EFGH ..."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def clean_code(text: str) -> str:
    """A typed code with spaces and dashes taken out (people copy "123 456")."""
    return re.sub(r"[\s-]", "", text or "")


def _step_now(totp: pyotp.TOTP) -> int:
    return totp.timecode(dt.datetime.now(dt.timezone.utc))


def matching_step(secret: str, code: str, after: int | None) -> int | None:
    """The time step `code` belongs to (now, or one step either side), if later than `after`; else None."""
    code = clean_code(code)
    if not CODE_SHAPE.match(code):
        return None
    totp = pyotp.TOTP(secret)
    now = _step_now(totp)
    found = None
    for step in range(now - VALID_WINDOW, now + VALID_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code) and (after is None or step > after):
            found = step  # every step is compared, so the time taken does not say which matched
    return found


# --- state of a user ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FactorState:
    enrolled: bool
    since: dt.date | None
    recovery_left: int
    security_keys: int = 0


def state(store, user_id: int) -> FactorState:
    counts = accounts.factor_counts(store, user_id)
    return FactorState(counts.enrolled, counts.since, counts.recovery_left, counts.security_keys)


def is_enrolled(store, user_id: int) -> bool:
    return accounts.is_enrolled(store, user_id)


# --- checking codes -----------------------------------------------------------------------------------------------
def check_code(store, user_id: int, code: str) -> bool:
    """True when `code` is the user's current authenticator code and was never used before (it is used now)."""
    found = accounts.totp_of(store, user_id)  # None: no such user, or deactivated
    if found is None:
        return False
    secret, last = decrypt(found[0]), found[1]
    if secret is None:
        return False
    step = matching_step(secret, code, last)
    if step is None:
        return False
    return accounts.advance_totp_step(store, user_id, step)  # only one request can move the step forward


def confirm_enrolment(store, user_id: int, secret: str, code: str) -> list[str] | None:
    """Set up the factor when `code` matches the new `secret`: returns the ten recovery codes (shown once), or None."""
    step = matching_step(secret, code, None)
    if step is None:
        return None
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    # only over no factor: a second password-only session racing an enrolment cannot replace the factor
    if not accounts.enrol(store, user_id, encrypt(secret), step, [_recovery_hash(c) for c in codes]):
        return None
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def _new_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))


def _normal_recovery(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())[:64]


def _recovery_hash(code: str) -> str:
    from bot.conversation.resume_codes import secret_key

    return hmac.new(secret_key(), f"staff-recovery:{_normal_recovery(code)}".encode(), hashlib.sha256).hexdigest()


def use_recovery_code(store, user_id: int, code: str) -> bool:
    """True when `code` is one of the user's unused recovery codes; it can never be used again."""
    if len(_normal_recovery(code)) != RECOVERY_LENGTH:
        return False
    return accounts.use_recovery_code(store, user_id, _recovery_hash(code))


def reset_own(store, user_id: int, keep_session: str) -> None:
    """After a code proved it is them: remove their own factor, end their other sessions, and send this session
    back to setting up (it no longer counts as having passed a second factor)."""
    accounts.reset_own_factor(store, user_id, keep_session, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
