"""The staff area's people and access: accounts (users), login sessions, CSRF and roles (auth)."""

from bot.staff.users import (
    ROLES,
    StaffUser,
    UserError,
    add_user,
    deactivate,
    get_user,
    list_users,
    set_password,
    verify_login,
)

__all__ = [
    "ROLES", "StaffUser", "UserError", "add_user", "deactivate", "get_user", "list_users", "set_password",
    "verify_login",
]
