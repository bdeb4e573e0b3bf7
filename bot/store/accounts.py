"""The store's door for the staff area's accounts: users and their languages, login sessions, failed logins,
second factors (authenticator key, recovery codes) and security keys.

bot.staff (auth, users, second_factor, security_keys) decides the rules (who may sign in, how long a session
lives, what a code is worth); this module only reads and writes the rows, each function in one transaction.
Secrets arrive already hashed or encrypted: nothing here sees a password, a code or a key in plain text.
A function that changes an account writes its audit line in the same transaction (`actor`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import ROLES as ROLES  # the roles, for bot.staff.users
from bot.store.models import LoginFailure, RecoveryCode, StaffSession, User, UserLanguage, WebAuthnCredential
from bot.store.store import Store, record_audit

SESSION_FIELDS = frozenset({"enrol_secret", "webauthn_challenge"})  # what set_session_values may change


class NoSuchUser(LookupError):
    """No user has this name (or id)."""


class LastAdmin(ValueError):
    """The change would leave no active admin."""


@dataclass(frozen=True)
class Account:
    """A users row as the staff area may see it: no password hash, no second-factor secret."""

    id: int
    name: str
    role: str
    active: bool
    created_on: dt.date | None
    languages: tuple[str, ...]  # a translator's languages; empty for every other role
    enrolled: bool  # an authenticator key is set up


@dataclass(frozen=True)
class FactorCounts:
    enrolled: bool
    since: dt.date | None
    recovery_left: int
    security_keys: int


def _account(s: Session, row: User) -> Account:
    languages: tuple[str, ...] = ()
    if row.role == "translator":
        languages = tuple(s.execute(select(UserLanguage.language).where(UserLanguage.user_id == row.id)
                                    .order_by(UserLanguage.language)).scalars())
    return Account(row.id, row.name, row.role, bool(row.active), row.created_on, languages, bool(row.totp_secret))


def _by_name(s: Session, name: str) -> User:
    row = s.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if row is None:
        raise NoSuchUser(name)
    return row


# --- users ---------------------------------------------------------------------------------------------------------
def name_taken(store: Store, name: str) -> bool:
    with store.session() as s:
        return s.execute(select(User.id).where(User.name == name)).first() is not None


def add_user(store: Store, name: str, role: str, password_hash: str, languages: tuple[str, ...], *,
             actor: str, detail: str) -> Account | None:
    """A new active user with a translator's languages (audited); None when the name was taken meanwhile."""
    try:
        with store.session() as s:
            row = User(name=name, role=role, password_hash=password_hash, active=True, created_on=dt.date.today())
            s.add(row)
            s.flush()
            s.add_all(UserLanguage(user_id=row.id, language=code) for code in languages)
            s.flush()
            record_audit(s, actor, "user_add", 1, detail)
            return _account(s, row)
    except IntegrityError:  # the unique name column: added by someone else a moment ago
        return None


def login_row(store: Store, name: str) -> tuple[Account, str] | None:
    """(the account, its password hash) of this name, or None."""
    with store.session() as s:
        row = s.execute(select(User).where(User.name == name)).scalar_one_or_none()
        return (_account(s, row), row.password_hash) if row is not None else None


def set_password_hash(store: Store, user_id: int, password_hash: str) -> None:
    """A password hashed again with new parameters (the same password): not a change to audit."""
    with store.session() as s:
        s.execute(update(User).where(User.id == user_id).values(password_hash=password_hash))


def set_password(store: Store, name: str, password_hash: str, *, actor: str,
                 keep_session: str | None = None) -> Account:
    """A new password; every session of the user ends except `keep_session` (a token hash). NoSuchUser."""
    with store.session() as s:
        row = _by_name(s, name)
        row.password_hash = password_hash
        ended = delete(StaffSession).where(StaffSession.user_id == row.id)
        if keep_session:
            ended = ended.where(StaffSession.token_hash != keep_session)
        s.execute(ended)
        record_audit(s, actor, "user_password", 1, name)
        return _account(s, row)


def set_languages(store: Store, user_id: int, languages: tuple[str, ...], *, actor: str) -> Account:
    """Replace a user's languages (audited). NoSuchUser."""
    with store.session() as s:
        row = s.get(User, user_id)
        if row is None:
            raise NoSuchUser(str(user_id))
        s.execute(delete(UserLanguage).where(UserLanguage.user_id == row.id))
        s.add_all(UserLanguage(user_id=row.id, language=code) for code in languages)
        s.flush()
        record_audit(s, actor, "user_languages", 1, f"{row.name}: {','.join(languages)}")
        return _account(s, row)


def deactivate(store: Store, name: str, *, actor: str) -> Account:
    """The user can no longer sign in and every session of theirs ends (audited). NoSuchUser; LastAdmin when they
    are the last active admin."""
    with store.session() as s:
        row = _by_name(s, name)
        if not row.active:
            return _account(s, row)
        if row.role == "admin":
            admins = s.execute(
                select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
            ).scalar_one()
            if admins <= 1:
                raise LastAdmin(name)
        row.active = False
        s.execute(delete(StaffSession).where(StaffSession.user_id == row.id))
        record_audit(s, actor, "user_deactivate", 1, row.name)
        return _account(s, row)


def reset_second_factor(store: Store, name: str, *, actor: str) -> Account:
    """Forget the user's second factor and end every session of theirs (audited). NoSuchUser."""
    with store.session() as s:
        row = _by_name(s, name)
        _remove_factor(s, row.id)
        ended = s.execute(delete(StaffSession).where(StaffSession.user_id == row.id)).rowcount
        record_audit(s, actor, "second_factor_reset", 1, f"{row.name}; {ended} sessions ended")
        return _account(s, row)


def accounts(store: Store) -> list[Account]:
    with store.session() as s:
        return [_account(s, r) for r in s.execute(select(User).order_by(User.name)).scalars()]


def account(store: Store, user_id: int) -> Account | None:
    with store.session() as s:
        row = s.get(User, user_id)
        return _account(s, row) if row is not None else None


# --- login sessions ------------------------------------------------------------------------------------------------
def start_session(store: Store, token_hash: str, user_id: int, csrf_token: str, *, started: dt.datetime,
                  expires: dt.datetime, second_factor: bool) -> None:
    """A new session row; sessions already expired at `started` are cleared on the way."""
    with store.session() as s:
        s.execute(delete(StaffSession).where(StaffSession.expires_at < started))
        s.add(StaffSession(token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, created_at=started,
                           expires_at=expires, second_factor=second_factor))


def load_session(store: Store, token_hash: str,
                 expiry: Callable[[StaffSession, bool], dt.datetime | None]) -> tuple[StaffSession, Account] | None:
    """The session of `token_hash` with its user's account, in one transaction. `expiry(row, user_active)` gives
    the session's end from now on (written when it moved), or None: the session has ended and is deleted."""
    with store.session() as s:
        found = s.execute(
            select(StaffSession, User).join(User, User.id == StaffSession.user_id)
            .where(StaffSession.token_hash == token_hash)
        ).first()
        if found is None:
            return None
        row, user = found
        ends = expiry(row, bool(user.active))
        if ends is None:
            s.delete(row)
            return None
        if ends != row.expires_at:
            row.expires_at = ends
        return row, _account(s, user)


def set_session_values(store: Store, token_hash: str, **values: str | None) -> None:
    """Keep a ceremony's value on a session: `enrol_secret` (encrypted) or `webauthn_challenge`."""
    if set(values) - SESSION_FIELDS:
        raise ValueError(f"cannot set {sorted(set(values) - SESSION_FIELDS)}")
    with store.session() as s:
        s.execute(update(StaffSession).where(StaffSession.token_hash == token_hash).values(**values))


def take_challenge(store: Store, token_hash: str) -> str | None:
    """The session's security-key challenge, cleared at once (a ceremony is answered once)."""
    with store.session() as s:
        row = s.get(StaffSession, token_hash)
        if row is None or not row.webauthn_challenge:
            return None
        challenge, row.webauthn_challenge = row.webauthn_challenge, None
    return challenge


def end_session(store: Store, token_hash: str) -> int:
    with store.session() as s:
        return s.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash)).rowcount


# --- failed logins (keys are keyed hashes of a name or an address) ---------------------------------------------------
def failures_since(store: Store, since: dt.datetime, *keys: str) -> list[int]:
    """How many failures each key has after `since`."""
    with store.session() as s:
        return [s.execute(select(func.count()).select_from(LoginFailure)
                          .where(LoginFailure.key == key, LoginFailure.failed_at > since)).scalar_one()
                for key in keys]


def add_failures(store: Store, at: dt.datetime, *keys: str, forget_before: dt.datetime) -> None:
    """One failure for each key at `at`; failures before `forget_before` are cleared on the way."""
    with store.session() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.failed_at < forget_before))
        s.add_all(LoginFailure(key=key, failed_at=at) for key in keys)


def clear_failures(store: Store, key: str) -> None:
    with store.session() as s:
        s.execute(delete(LoginFailure).where(LoginFailure.key == key))


# --- second factor -------------------------------------------------------------------------------------------------
def factor_counts(store: Store, user_id: int) -> FactorCounts:
    with store.session() as s:
        row = s.get(User, user_id)
        left = s.execute(select(func.count()).select_from(RecoveryCode)
                         .where(RecoveryCode.user_id == user_id)).scalar_one()
        keys = s.execute(select(func.count()).select_from(WebAuthnCredential)
                         .where(WebAuthnCredential.user_id == user_id)).scalar_one()
        return FactorCounts(bool(row is not None and row.totp_secret), row.second_factor_on if row else None, left,
                            keys)


def is_enrolled(store: Store, user_id: int) -> bool:
    with store.session() as s:
        return bool(s.execute(select(User.totp_secret).where(User.id == user_id)).scalar_one_or_none())


def totp_of(store: Store, user_id: int) -> tuple[str | None, int | None] | None:
    """(the encrypted authenticator key, the last time step accepted) of an active user, else None."""
    with store.session() as s:
        row = s.get(User, user_id)
        if row is None or not row.active:
            return None
        return row.totp_secret, row.totp_last_step


def advance_totp_step(store: Store, user_id: int, step: int) -> bool:
    """Move the user's last accepted step forward to `step`; False when it is already there or later. One
    conditional UPDATE: two requests racing with one code cannot both move it."""
    with store.session() as s:
        return s.execute(
            update(User).where(User.id == user_id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
            .values(totp_last_step=step)
        ).rowcount == 1


def enrol(store: Store, user_id: int, encrypted_secret: str, step: int, recovery_hashes: list[str]) -> bool:
    """Set up the factor with its recovery codes (hashes), only over no factor: a second password-only session
    racing an enrolment cannot replace it. False when the user already has one."""
    today = dt.date.today()
    with store.session() as s:
        done = s.execute(update(User).where(User.id == user_id, User.totp_secret.is_(None)).values(
            totp_secret=encrypted_secret, totp_last_step=step, second_factor_on=today)).rowcount
        if done != 1:
            return False
        s.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
        s.add_all(RecoveryCode(user_id=user_id, code_hash=h, created_on=today) for h in recovery_hashes)
    return True


def use_recovery_code(store: Store, user_id: int, code_hash: str) -> bool:
    """True when the user had this recovery code (by hash); it is deleted, so it works once."""
    with store.session() as s:
        return s.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id,
                                                    RecoveryCode.code_hash == code_hash)).rowcount == 1


def _remove_factor(s: Session, user_id: int) -> None:
    s.execute(update(User).where(User.id == user_id)
              .values(totp_secret=None, totp_last_step=None, second_factor_on=None))
    s.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    s.execute(delete(WebAuthnCredential).where(WebAuthnCredential.user_id == user_id))


def reset_own_factor(store: Store, user_id: int, keep_session: str, at: dt.datetime) -> None:
    """Remove the user's own factor, end their other sessions, and send `keep_session` back to setting up (it
    counts as a password-only session started at `at`)."""
    with store.session() as s:
        _remove_factor(s, user_id)
        s.execute(delete(StaffSession).where(StaffSession.user_id == user_id, StaffSession.token_hash != keep_session))
        s.execute(update(StaffSession).where(StaffSession.token_hash == keep_session)
                  .values(second_factor=False, enrol_secret=None, created_at=at))


# --- security keys -------------------------------------------------------------------------------------------------
def security_keys(store: Store, user_id: int) -> list[WebAuthnCredential]:
    with store.session() as s:
        rows = list(s.execute(select(WebAuthnCredential).where(WebAuthnCredential.user_id == user_id)
                              .order_by(WebAuthnCredential.id)).scalars())
        s.expunge_all()
        return rows


def count_security_keys(store: Store, user_id: int) -> int:
    with store.session() as s:
        return s.execute(select(func.count()).select_from(WebAuthnCredential)
                         .where(WebAuthnCredential.user_id == user_id)).scalar_one()


def add_security_key(store: Store, user_id: int, credential_id: str, public_key: str, sign_count: int,
                     label: str) -> bool:
    """Keep a verified credential; False when that credential is already kept."""
    with store.session() as s:
        if s.execute(select(WebAuthnCredential.id).where(WebAuthnCredential.credential_id == credential_id)).first():
            return False
        s.add(WebAuthnCredential(user_id=user_id, credential_id=credential_id, public_key=public_key,
                                 sign_count=sign_count, label=label, created_on=dt.date.today()))
    return True


def security_key(store: Store, user_id: int, credential_id: str) -> tuple[int, str, int] | None:
    """(row id, public key, signature counter) of one of the user's keys, or None."""
    with store.session() as s:
        key = s.execute(select(WebAuthnCredential).where(
            WebAuthnCredential.user_id == user_id, WebAuthnCredential.credential_id == credential_id,
        )).scalar_one_or_none()
        return (key.id, key.public_key, key.sign_count) if key is not None else None


def set_sign_count(store: Store, key_id: int, sign_count: int) -> None:
    with store.session() as s:
        s.execute(update(WebAuthnCredential).where(WebAuthnCredential.id == key_id).values(sign_count=sign_count))
