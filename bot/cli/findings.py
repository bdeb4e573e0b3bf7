"""`imsa-voices findings --theme THEME|all --format html|docx|csv --out FILE`: the workshop briefing."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import BinaryIO, cast


def cmd_findings(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.cli.output import part_beside
    from bot.export import ExportError, ExportFilter
    from bot.staff import briefing
    from bot.staff.findings import FindingsError
    from bot.store import get_store

    out = Path(args.out)
    theme = None if args.theme in (None, "all") else args.theme
    filters = ExportFilter(channel=args.channel, language=args.language, nation=args.nation, code=args.code,
                           assisted=None if args.assisted is None else args.assisted == "yes")
    part = part_beside(out, out / briefing.suggested_filename(args.format, theme), "Nothing was written.")
    if part is None:
        return 1
    try:
        with part:
            made = briefing.make(get_store(), args.format, cast(BinaryIO, part), filters, theme=theme,
                                 codings=args.codings, actor=(args.by or f"cli:{getpass.getuser()}")[:64])
        os.replace(part.name, out)
    except (FindingsError, ExportError) as exc:
        print(f"imsa-voices: {exc} Nothing was written.", file=sys.stderr)
        return 1
    finally:
        if os.path.exists(part.name):
            os.unlink(part.name)
    print(f"Wrote the briefing of {len(made.themes)} theme(s) to {out} ({args.format}; {args.codings} codings; "
          f"small numbers protected).")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    from bot.staff.briefing import FORMATS
    from bot.staff.findings import CODINGS

    p = sub.add_parser("findings", help="the workshop briefing of a theme (or all): html, docx or csv, small "
                                        "numbers protected")
    p.add_argument("--theme", default="all", help="a theme id, e.g. health, or all (default)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="where to write (replaced only when it worked)")
    p.add_argument("--codings", choices=tuple(CODINGS), default="confirmed",
                   help="count confirmed codings (default) or suggestions not yet confirmed")
    p.add_argument("--channel", help="chatbot, written or workshop")
    p.add_argument("--language", help="only answers in this language, e.g. ar")
    p.add_argument("--nation", help="england, scotland, wales, northern_ireland, more_than_one, prefer_not_to_say")
    p.add_argument("--assisted", choices=("yes", "no"), help="only respondents helped by someone (yes) or not (no)")
    p.add_argument("--code", help="only answers coded with this code (or a code under it)")
    p.add_argument("--by", help="who is making it, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_findings)
