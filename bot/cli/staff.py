"""`imsa-voices user add|list|languages|deactivate|set-password|reset-second-factor`: staff accounts from the
command line."""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.store.models import ROLES


def _actor(args: argparse.Namespace) -> str:
    return (getattr(args, "by", None) or f"cli:{getpass.getuser()}")[:64]


def read_new_password(stdin=None, prompt: str = "Password: ") -> str | None:
    """The new password, typed twice: with getpass on a terminal; two lines of stdin otherwise (scripts).

    None (after saying why on stderr) when the two differ or nothing came.
    """
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass(prompt)
        second = getpass.getpass("The same password again: ")
    else:
        first, second = stdin.readline().rstrip("\r\n"), stdin.readline().rstrip("\r\n")
    if not first:
        print("No password was given. Nothing was changed.", file=sys.stderr)
        return None
    if first != second:
        print("The two passwords are not the same. Nothing was changed; please try again.", file=sys.stderr)
        return None
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from bot.staff import users
    from bot.store import get_store

    try:
        if args.action == "list":
            found = users.list_users(get_store())
            if not found:
                print("No users yet. Add the first admin: imsa-voices user add NAME --role admin")
            for u in found:
                added = u.created_on.isoformat() if u.created_on else ""
                role = f"{u.role}:{','.join(u.languages)}" if u.languages else u.role
                print(f"{u.name}\t{role}\t{'active' if u.active else 'deactivated'}\t{added}")
            return 0
        if args.action == "deactivate":
            user = users.deactivate(get_store(), args.name, actor=_actor(args))
            print(f"{user.name} is deactivated and signed out everywhere.")
            return 0
        if args.action == "reset-second-factor":
            user = users.reset_second_factor(get_store(), args.name, actor=_actor(args))
            print(f"The second factor of {user.name} is reset and their sessions have ended. They set up a new "
                  "one at their next sign-in.")
            return 0
        # add and set-password check the name (and role) before asking for a password
        if args.action == "languages":
            user = users.set_languages(get_store(), args.name, args.languages, actor=_actor(args))
            print(f"{user.name} now reviews and records: {', '.join(user.languages)}.")
            return 0
        if args.action == "add":
            users.check_name(args.name)
            users.check_role(args.role)
            users.check_languages(args.role, args.languages or ())
        else:
            users.check_name(args.name)
            if not any(u.name == users.normalise_name(args.name) for u in users.list_users(get_store())):
                raise users.UserError(f"There is no user called {users.normalise_name(args.name)!r}.")
        password = read_new_password()
        if password is None:
            return 1
        if args.action == "add":
            user = users.add_user(get_store(), args.name, args.role, password, actor=_actor(args),
                                  languages=args.languages or ())
            languages = f" for {', '.join(user.languages)}" if user.languages else ""
            print(f"Added {user.name} ({user.role_name}{languages}). They can sign in at /staff/login.")
        else:
            user = users.set_password(get_store(), args.name, password, actor=_actor(args))
            print(f"The password of {user.name} is changed; their sessions have ended.")
        return 0
    except users.UserError as exc:
        print(f"imsa-voices: {exc}", file=sys.stderr)
        return 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("user", help="staff accounts: add, list, deactivate, set-password, reset-second-factor")
    actions = p.add_subparsers(dest="action", required=True)
    a = actions.add_parser("add", help="add a user (the password is asked twice; from a script: two lines on stdin)")
    a.add_argument("name")
    a.add_argument("--role", choices=ROLES, required=True)
    a.add_argument("--languages", help="a translator's languages, e.g. ti,am (they see only these)")
    actions.add_parser("list", help="every user: name, role, status, date added")
    d = actions.add_parser("deactivate", help="stop a user signing in and end their sessions")
    d.add_argument("name")
    s = actions.add_parser("set-password", help="set a new password (asked twice) and end the user's sessions")
    s.add_argument("name")
    r = actions.add_parser("reset-second-factor",
                           help="forget a user's authenticator app and recovery codes and end their sessions "
                                "(they set up again at their next sign-in)")
    r.add_argument("name")
    lang = actions.add_parser("languages", help="set a translator's languages, e.g. ti,am (replaces the old list)")
    lang.add_argument("name")
    lang.add_argument("languages")
    for parser in (a, d, s, r, lang):
        parser.add_argument("--by", help="who is acting, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_user)
