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

from bot.store import accounts
from bot.store.accounts import ROLES, Account, LastAdmin, NoSuchUser

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


def as_staff_user(account: Account) -> StaffUser:
    """The store's account (no password hash, no second-factor secret) as the staff area sees it."""
    return StaffUser(id=account.id, name=account.name, role=account.role, active=account.active,
                     created_on=account.created_on, languages=account.languages)


def _no_such_user(name: str) -> UserError:
    return UserError(f"There is no user called {normalise_name(name)!r}.")


def add_user(store, name: str, role: str, password: str, *, actor: str = "system",
             languages=()) -> StaffUser:
    """A new active user; UserError (with a plain message) when the name, role, languages (a translator's: at least
    one) or password will not do."""
    name, role = check_name(name), check_role(role)
    codes = check_languages(role, languages)
    check_password(password, name)
    if accounts.name_taken(store, name):  # said before the slow hash; the unique name column still guards a race
        raise UserError(f"There is already a user called {name!r}.")
    added = accounts.add_user(store, name, role, hasher().hash(password), codes, actor=actor,
                              detail=f"{name} ({role}{': ' + ','.join(codes) if codes else ''})")
    if added is None:  # added by someone else a moment ago
        raise UserError(f"There is already a user called {name!r}.")
    return as_staff_user(added)


def verify_login(store, name: str, password: str) -> StaffUser | None:
    """The active user with this name and password, or None. Takes as long for an unknown name."""
    name = normalise_name(name)
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return None
    found = accounts.login_row(store, name)
    stored = found[1] if found is not None else _dummy_hash()
    try:
        hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if found is None or not found[0].active:
        return None
    if hasher().check_needs_rehash(stored):  # parameters raised since it was set
        accounts.set_password_hash(store, found[0].id, hasher().hash(password))
    return as_staff_user(found[0])


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash("not a password of anyone " * 2)


def set_password(store, name: str, password: str, *, actor: str = "system",
                 keep_session: str | None = None) -> StaffUser:
    """A new password; every login session of that user ends (except `keep_session`, a token hash)."""
    name = check_name(name)
    check_password(password, name)
    hashed = hasher().hash(password)
    try:
        return as_staff_user(accounts.set_password(store, name, hashed, actor=actor, keep_session=keep_session))
    except NoSuchUser:
        raise _no_such_user(name) from None


def set_languages(store, name: str, languages, *, actor: str = "system") -> StaffUser:
    """A translator's languages, replaced (at least one); their sessions stay (the next page they open checks)."""
    found = accounts.login_row(store, normalise_name(name))
    if found is None:
        raise _no_such_user(name)
    user = found[0]
    if user.role != "translator":  # a role never changes, so this still holds when the languages are written
        raise UserError(f"{user.name!r} is not a translator: only translators have languages.")
    codes = check_languages(user.role, languages)
    return as_staff_user(accounts.set_languages(store, user.id, codes, actor=actor))


def deactivate(store, name: str, *, actor: str = "system") -> StaffUser:
    """The user can no longer log in and is logged out everywhere. The last active admin stays."""
    try:
        return as_staff_user(accounts.deactivate(store, normalise_name(name), actor=actor))
    except NoSuchUser:
        raise _no_such_user(name) from None
    except LastAdmin:
        raise UserError(f"{normalise_name(name)!r} is the last active admin; add another admin first.") from None


def reset_second_factor(store, name: str, *, actor: str = "system") -> StaffUser:
    """Forget the user's authenticator key and recovery codes and end every session of theirs: they set up a second
    factor again at their next sign-in. For an admin acting on someone else (the page refuses one's own: that
    takes a code, on one's own second-factor page) or for the command line."""
    try:
        return as_staff_user(accounts.reset_second_factor(store, normalise_name(name), actor=actor))
    except NoSuchUser:
        raise _no_such_user(name) from None


def list_users(store) -> list[StaffUser]:
    return [as_staff_user(a) for a in accounts.accounts(store)]


def get_user(store, user_id: int) -> StaffUser | None:
    found = accounts.account(store, user_id)
    return as_staff_user(found) if found is not None else None
