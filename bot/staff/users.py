"""Staff accounts: add, check a password, change it, deactivate, list.

Passwords are hashed with argon2id (argon2-cffi's PasswordHasher, RFC 9106 low-memory profile); the plain
password is never stored or logged. Every change is written to the audit log (who, what, date, rows).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import object_session

from bot.store import record_audit
from bot.store.models import ROLES, StaffSession, User, UserLanguage

MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # argon2 takes any length; a cap stops a megabyte "password" being hashed
NAME_SHAPE = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
ROLE_NAMES = {"support_worker": "support worker", "translator": "translator", "staff": "staff", "admin": "admin"}

__all__ = [
    "ROLES", "StaffUser", "UserError", "add_user", "check_languages", "deactivate", "get_user", "list_users",
    "reset_second_factor", "set_languages", "set_password", "verify_login",
]


class UserError(ValueError):
    """A request about a user that cannot be done; the message says why, in plain words."""


@dataclass(frozen=True)
class StaffUser:
    id: int
    name: str
    role: str
    active: bool = True
    created_on: dt.date | None = None
    languages: tuple[str, ...] = ()  # a translator's languages (codes); empty for every other role

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def can(self, *roles: str) -> bool:
        """True when this user has one of `roles`; admins can do everything."""
        return self.role == "admin" or self.role in roles

    def can_language(self, code: str) -> bool:
        """True when this user may review and record `code`: admins every language, translators their own."""
        return self.role == "admin" or (self.role == "translator" and code in self.languages)


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id, time cost 3, 64 MiB, 4 lanes


def normalise_name(name: str) -> str:
    return (name or "").strip().lower()


def check_name(name: str) -> str:
    name = normalise_name(name)
    if not NAME_SHAPE.match(name):
        raise UserError(
            "A name must be 2 to 64 characters: letters, digits, dots, dashes, underscores or @, with no spaces."
        )
    return name


def check_password(password: str, name: str = "") -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise UserError(f"The password is too short: use at least {MIN_PASSWORD} characters (a few words work well).")
    if len(password) > MAX_PASSWORD:
        raise UserError(f"The password is too long: use at most {MAX_PASSWORD} characters.")
    if not password.strip():
        raise UserError("The password cannot be only spaces.")
    if name and normalise_name(password) == normalise_name(name):
        raise UserError("The password cannot be the same as the name.")


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"The role must be one of: {', '.join(ROLES)}.")
    return role


def check_languages(role: str, languages) -> tuple[str, ...]:
    """A translator's languages, checked: at least one, each a language of translations/ other than English (the
    source). Other roles have none. Accepts a list or a string such as "ti,am"."""
    from bot.conversation import i18n

    if isinstance(languages, str):
        languages = languages.replace(" ", ",").split(",")
    codes = tuple(dict.fromkeys(c.strip().lower() for c in (languages or ()) if c and c.strip()))
    if role != "translator":
        if codes:
            raise UserError("Only a translator has languages: leave them out for this role.")
        return ()
    if not codes:
        raise UserError("A translator needs at least one language, for example: ti,am.")
    known = [code for code in i18n.languages() if code != i18n.SOURCE]
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise UserError(f"Not a language of the bot: {', '.join(unknown)}. The languages are: {', '.join(known)}.")
    return codes


def as_staff_user(row: User) -> StaffUser:
    """A users row as the staff area sees it (no password hash, no second-factor secret), with a translator's
    languages."""
    languages: tuple[str, ...] = ()
    session = object_session(row)
    if row.role == "translator" and session is not None:
        languages = tuple(session.execute(select(UserLanguage.language).where(UserLanguage.user_id == row.id)
                                          .order_by(UserLanguage.language)).scalars())
    return StaffUser(id=row.id, name=row.name, role=row.role, active=row.active, created_on=row.created_on,
                     languages=languages)


def _find(s, name: str) -> User:
    row = s.execute(select(User).where(User.name == normalise_name(name))).scalar_one_or_none()
    if row is None:
        raise UserError(f"There is no user called {normalise_name(name)!r}.")
    return row


def add_user(store, name: str, role: str, password: str, *, actor: str = "system",
             languages=()) -> StaffUser:
    """A new active user; UserError (with a plain message) when the name, role, languages (a translator's: at least
    one) or password will not do."""
    name, role = check_name(name), check_role(role)
    codes = check_languages(role, languages)
    check_password(password, name)
    with store.session() as s:
        taken = s.execute(select(User.id).where(User.name == name)).first() is not None
    if taken:  # said before the slow hash; the unique name column still guards a race
        raise UserError(f"There is already a user called {name!r}.")
    hashed = hasher().hash(password)
    try:
        with store.session() as s:
            row = User(name=name, role=role, password_hash=hashed, active=True, created_on=dt.date.today())
            s.add(row)
            s.flush()
            s.add_all(UserLanguage(user_id=row.id, language=code) for code in codes)
            s.flush()
            record_audit(s, actor, "user_add", 1, f"{name} ({role}{': ' + ','.join(codes) if codes else ''})")
            added = as_staff_user(row)
    except IntegrityError:  # added by someone else a moment ago
        raise UserError(f"There is already a user called {name!r}.") from None
    return added


def verify_login(store, name: str, password: str) -> StaffUser | None:
    """The active user with this name and password, or None. Takes as long for an unknown name."""
    name = normalise_name(name)
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return None
    with store.session() as s:
        row = s.execute(select(User).where(User.name == name)).scalar_one_or_none()
        stored = row.password_hash if row is not None else _dummy_hash()
        try:
            hasher().verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None or not row.active:
            return None
        if hasher().check_needs_rehash(row.password_hash):  # parameters raised since it was set
            row.password_hash = hasher().hash(password)
        return as_staff_user(row)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash("not a password of anyone " * 2)


def set_password(store, name: str, password: str, *, actor: str = "system",
                 keep_session: str | None = None) -> StaffUser:
    """A new password; every login session of that user ends (except `keep_session`, a token hash)."""
    name = check_name(name)
    check_password(password, name)
    hashed = hasher().hash(password)
    with store.session() as s:
        row = _find(s, name)
        row.password_hash = hashed
        ended = delete(StaffSession).where(StaffSession.user_id == row.id)
        if keep_session:
            ended = ended.where(StaffSession.token_hash != keep_session)
        s.execute(ended)
        record_audit(s, actor, "user_password", 1, name)
        return as_staff_user(row)


def set_languages(store, name: str, languages, *, actor: str = "system") -> StaffUser:
    """A translator's languages, replaced (at least one); their sessions stay (the next page they open checks)."""
    with store.session() as s:
        row = _find(s, name)
        if row.role != "translator":
            raise UserError(f"{row.name!r} is not a translator: only translators have languages.")
        codes = check_languages(row.role, languages)
        s.execute(delete(UserLanguage).where(UserLanguage.user_id == row.id))
        s.add_all(UserLanguage(user_id=row.id, language=code) for code in codes)
        s.flush()
        record_audit(s, actor, "user_languages", 1, f"{row.name}: {','.join(codes)}")
        return as_staff_user(row)


def deactivate(store, name: str, *, actor: str = "system") -> StaffUser:
    """The user can no longer log in and is logged out everywhere. The last active admin stays."""
    with store.session() as s:
        row = _find(s, name)
        if not row.active:
            return as_staff_user(row)
        if row.role == "admin":
            admins = s.execute(
                select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
            ).scalar_one()
            if admins <= 1:
                raise UserError(f"{row.name!r} is the last active admin; add another admin first.")
        row.active = False
        s.execute(delete(StaffSession).where(StaffSession.user_id == row.id))
        record_audit(s, actor, "user_deactivate", 1, row.name)
        return as_staff_user(row)


def reset_second_factor(store, name: str, *, actor: str = "system") -> StaffUser:
    """Forget the user's authenticator key and recovery codes and end every session of theirs: they set up a second
    factor again at their next sign-in. For an admin acting on someone else (the page refuses one's own: that
    takes a code, on one's own second-factor page) or for the command line."""
    from bot.staff import second_factor

    with store.session() as s:
        row = _find(s, name)
        second_factor.remove(s, row.id)
        ended = s.execute(delete(StaffSession).where(StaffSession.user_id == row.id)).rowcount
        record_audit(s, actor, "second_factor_reset", 1, f"{row.name}; {ended} sessions ended")
        return as_staff_user(row)


def list_users(store) -> list[StaffUser]:
    with store.session() as s:
        return [as_staff_user(r) for r in s.execute(select(User).order_by(User.name)).scalars()]


def get_user(store, user_id: int) -> StaffUser | None:
    with store.session() as s:
        row = s.get(User, user_id)
        return as_staff_user(row) if row is not None else None
