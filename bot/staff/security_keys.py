"""Security keys and passkeys (WebAuthn level 2, with the `webauthn` library) as a second factor for staff.

- A person who has set up their authenticator app can add security keys or passkeys on "Your second factor";
  at sign-in, after the password, either a code or a key is enough.
- The relying party is the page server: its id is the host name the browser used (or the host of
  IMSA_PUBLIC_URL), the expected origin that scheme, host and port. The challenge (32 random bytes) is kept on the
  session row and is used once: it is cleared before a response is checked, whatever the result.
- Only the credential's id, its public key and its signature counter are stored: nothing secret. A counter that
  goes backwards (a cloned key) is refused by the library.
- User verification is "preferred" (a PIN or fingerprint where the key has one): the password is the first factor.
"""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlsplit

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from bot.settings import get_settings
from bot.store import accounts

RP_NAME = "IMSA Voices staff area"
MAX_KEYS = 10
MAX_LABEL = 64


def relying_party(scheme: str, host: str) -> tuple[str, str]:
    """(rp id, expected origin): from IMSA_PUBLIC_URL when set, else the address the browser used."""
    public = get_settings().public_url
    if public:
        parts = urlsplit(public)
        return parts.hostname or "", f"{parts.scheme}://{parts.netloc}"
    return urlsplit(f"{scheme}://{host}").hostname or "", f"{scheme}://{host}"


def _set_challenge(store, token_hash: str, challenge: bytes | None) -> None:
    accounts.set_session_values(store, token_hash,
                                webauthn_challenge=bytes_to_base64url(challenge) if challenge else None)


def _take_challenge(store, token_hash: str) -> bytes | None:
    """This session's challenge, cleared at once: a ceremony is answered once."""
    challenge = accounts.take_challenge(store, token_hash)
    return base64url_to_bytes(challenge) if challenge else None


def keys_of(store, user_id: int) -> list:
    """The user's security keys (rows with .label, .created_on, .credential_id), oldest first."""
    return accounts.security_keys(store, user_id)


def count(store, user_id: int) -> int:
    return accounts.count_security_keys(store, user_id)


def registration_options(store, session, rp_id: str) -> str:
    """The options for navigator.credentials.create(), as JSON; the challenge is kept on the session."""
    challenge = secrets.token_bytes(32)
    options = generate_registration_options(
        rp_id=rp_id, rp_name=RP_NAME, user_name=session.user.name, user_id=f"imsa-staff-{session.user.id}".encode(),
        challenge=challenge,
        authenticator_selection=AuthenticatorSelectionCriteria(resident_key=ResidentKeyRequirement.DISCOURAGED,
                                                               user_verification=UserVerificationRequirement.PREFERRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(k.credential_id))
                             for k in keys_of(store, session.user.id)],
    )
    _set_challenge(store, session.token_hash, challenge)
    return options_to_json(options)


def register(store, session, credential: dict, label: str, rp_id: str, origin: str) -> bool:
    """Check the new credential against this session's challenge and keep it; False when it does not verify."""
    challenge = _take_challenge(store, session.token_hash)
    if challenge is None or count(store, session.user.id) >= MAX_KEYS:
        return False
    try:
        verified = verify_registration_response(credential=credential, expected_challenge=challenge,
                                                expected_rp_id=rp_id, expected_origin=origin)
    except (WebAuthnException, ValueError, KeyError, TypeError):
        return False
    label = " ".join((label or "").split())[:MAX_LABEL] or "Security key"
    return accounts.add_security_key(store, session.user.id, bytes_to_base64url(verified.credential_id),
                                     bytes_to_base64url(verified.credential_public_key), verified.sign_count, label)


def authentication_options(store, session, rp_id: str) -> str:
    challenge = secrets.token_bytes(32)
    options = generate_authentication_options(
        rp_id=rp_id, challenge=challenge, user_verification=UserVerificationRequirement.PREFERRED,
        allow_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(k.credential_id))
                           for k in keys_of(store, session.user.id)],
    )
    _set_challenge(store, session.token_hash, challenge)
    return options_to_json(options)


def authenticate(store, session, credential: dict, rp_id: str, origin: str) -> bool:
    """True when `credential` is a signature by one of the user's keys over this session's challenge."""
    challenge = _take_challenge(store, session.token_hash)
    if challenge is None or not isinstance(credential, dict):
        return False
    raw_id = credential.get("rawId") or credential.get("id")
    if not isinstance(raw_id, str):
        return False
    key = accounts.security_key(store, session.user.id, raw_id)
    if key is None:
        return False
    key_id, public_key, counter = key
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp_id, expected_origin=origin,
            credential_public_key=base64url_to_bytes(public_key), credential_current_sign_count=counter)
    except (WebAuthnException, ValueError, KeyError, TypeError):
        return False
    accounts.set_sign_count(store, key_id, verified.new_sign_count)
    return True


def parse(body: bytes) -> dict | None:
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None
