"""The dataset's commands: `imsa-voices db upgrade`, `import-written`, `import-coding`, `written-template`,
`withdraw`, `purge`, `export`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import BinaryIO, cast

from bot.settings import SettingsError, get_settings, parse_duration


def retention_days() -> int:
    """IMSA_RETENTION_DAYS (default 365): how long data is kept before `purge` deletes it."""
    return get_settings().retention_days


def parse_days(text: str) -> int:
    """'365d', '52w', '1y' or '90' (days) -> whole days (the same periods as IMSA_RETENTION_DAYS)."""
    try:
        days = parse_duration(text, "d", "--older-than")
    except SettingsError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a period such as 365d, 52w or 1y") from exc
    if days != int(days):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days")
    return int(days)


def _actor(args: argparse.Namespace) -> str:
    return (args.by or f"cli:{getpass.getuser()}")[:64]


def cmd_db(args: argparse.Namespace) -> int:
    from bot.store import database_url
    from bot.store.schema import SchemaError, current_revision, downgrade, head_revision, upgrade
    from bot.store.store import Store

    store = Store(database_url(), upgrade=False)
    shown = store.engine.url.render_as_string(hide_password=True)
    try:
        if args.action == "upgrade":
            before, after = upgrade(store.engine, args.revision)
            store.sync_reference()
            print(f"{shown}: {before or 'empty'} -> {after}" if before != after else f"{shown}: already at {after}")
        elif args.action == "downgrade":
            downgrade(store.engine, args.revision)
            print(f"{shown}: downgraded to {args.revision}")
        else:
            with store.engine.connect() as connection:
                print(f"{shown}: at {current_revision(connection) or 'empty'}; newest is {head_revision()}")
    except SchemaError as exc:
        print(f"{shown}: {exc}", file=sys.stderr)
        return 1
    finally:
        store.engine.dispose()
    return 0


def cmd_import_written(args: argparse.Namespace) -> int:
    from bot.importers import import_file
    from bot.importers.matching import QuestionMatcher
    from bot.store import get_store

    store, matcher, failed = get_store(), QuestionMatcher(), 0
    for path in args.files:
        report = import_file(store, path, actor=_actor(args), respondent_type=args.respondent_type, matcher=matcher)
        failed += not report.ok
        for line in report.lines():
            print(line, file=sys.stdout if report.ok else sys.stderr)
    return 1 if failed else 0


def cmd_import_coding(args: argparse.Namespace) -> int:
    from bot.importers.coding import CodingFileError, import_coding
    from bot.store import get_store

    try:
        report = import_coding(get_store(), args.file, apply=args.apply, actor=_actor(args))
    except CodingFileError as exc:
        print(f"{args.file}: NOT imported: {exc}", file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


def cmd_written_template(args: argparse.Namespace) -> int:
    from bot.importers import write_template

    out = write_template(args.format, args.out)
    print(f"Wrote {out}. Fill it in, then: imsa-voices import-written {out}")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from bot.store import get_store

    deleted = get_store().withdraw_all(args.code, actor=_actor(args))
    if deleted is None:
        print("No respondent has that withdrawal code. Nothing was deleted.", file=sys.stderr)
        return 1
    print(f"Withdrawn: deleted {deleted}.")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from bot.store import get_store

    days = args.older_than if args.older_than is not None else retention_days()
    deleted = get_store().purge(days, actor=_actor(args))
    print(f"Purged data older than {days} days: deleted {deleted}.")
    return 0


def cmd_redact_stored(args: argparse.Namespace) -> int:
    """Redact everything already stored again with today's rules (docs/REDACTION.md)."""
    from bot.staff.review import redact_stored
    from bot.store import get_store

    done = redact_stored(get_store(), actor=_actor(args))
    found = ", ".join(f"{k} {v}" for k, v in done.types.items()) or "nothing new"
    print(f"Checked {done.answers_checked} answers: {done.answers_changed} redacted further ({found}); "
          f"{done.translations_changed} English translations and {done.transcript_lines_changed} transcript "
          "lines too. Changed answers wait in the staff review queue.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write an anonymised export to a temp file beside --out, renamed at the end (never a half file)."""
    from pathlib import Path

    from bot.cli.output import part_beside
    from bot.export import ExportError, ExportFilter, export, suggested_filename
    from bot.store import get_store

    out = Path(args.out)
    filters = ExportFilter(theme=args.theme, question=args.question, channel=args.channel, language=args.language,
                           nation=args.nation, code=args.code,
                           assisted=None if args.assisted is None else args.assisted == "yes")
    part = part_beside(out, out / suggested_filename(args.format, filters), "Nothing was exported.")
    if part is None:
        return 1
    bar = None
    if args.progress or sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit=" transcripts" if args.format == "transcripts" else " answers", file=sys.stderr,
                   dynamic_ncols=True)

    def progress(done: int, total: int) -> None:
        assert bar is not None
        bar.total = total
        bar.update(done - bar.n)

    try:
        with part:
            written = export(get_store(), args.format, cast(BinaryIO, part), filters, actor=_actor(args),
                             progress=progress if bar is not None else None)
        os.replace(part.name, out)
    except ExportError as exc:
        print(f"imsa-voices: {exc} Nothing was exported.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"imsa-voices: cannot write {out}: {(exc.strerror or str(exc)).lower()}. Nothing was exported.",
              file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
        if os.path.exists(part.name):
            os.unlink(part.name)
    what = "transcripts" if args.format == "transcripts" else "answers"
    print(f"Wrote {written} {what} to {out} ({args.format}; filters: {filters.describe()}).")
    if written.held:
        print(f"Held back {written.held} word{'s' if written.held != 1 else ''} of answers still waiting for a "
              "redaction review: written as [NAME?], [NUMBER?] or [HANDLE?] until someone reviews them.")
    else:
        print("No words were held back: no answer in this export is waiting with a possible name, long number "
              "or handle.")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    from bot.importers import FORMATS

    p = sub.add_parser("db", help="database schema: upgrade (also done on start), status, downgrade")
    p.add_argument("action", choices=("upgrade", "status", "downgrade"))
    p.add_argument("revision", nargs="?", default="head", help="target revision (default head; downgrade: e.g. base)")
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("import-written", help="import written responses (.docx, .csv, .xlsx) into the dataset")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--respondent-type", default="organisation",
                   choices=("organisation", "professional", "lived_experience"),
                   help="when the file does not say (default organisation)")
    p.add_argument("--by", help="who is importing, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_import_written)

    p = sub.add_parser("import-coding", help="bring back coding done in NVivo, MAXQDA, ATLAS.ti or QualCoder on a "
                       ".qdpx this dataset exported (a report; --apply adds it)")
    p.add_argument("file", metavar="FILE.qdpx")
    p.add_argument("--apply", action="store_true", help="add the placed codings (without it: only the report)")
    p.add_argument("--by", help="who is importing, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_import_coding)

    p = sub.add_parser("written-template", help="write a blank written-response template that import-written reads")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(func=cmd_written_template)

    p = sub.add_parser("withdraw", help="delete everything of the respondent holding a withdrawal code")
    p.add_argument("code")
    p.add_argument("--by", help="who is acting, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_withdraw)

    p = sub.add_parser("redact-stored", help="redact every stored answer, translation and transcript line again "
                       "with today's rules (run after upgrading; audited)")
    p.add_argument("--by", help="who is acting, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_redact_stored)

    p = sub.add_parser("purge", help="delete data older than the retention period (IMSA_RETENTION_DAYS, default 365)")
    p.add_argument("--older-than", type=parse_days, metavar="PERIOD", help="e.g. 365d, 52w, 1y (default: the "
                   "retention period)")
    p.add_argument("--by", help="who is acting, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_purge)

    from bot.export import FORMATS as EXPORT_FORMATS

    p = sub.add_parser("export", help="write the anonymised dataset: csv, xlsx, json, qdpx (REFI-QDA) or transcripts")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="where to write (replaced only when the export worked)")
    p.add_argument("--theme", help="only this theme, e.g. health")
    p.add_argument("--question", help="only this question, e.g. health.barriers")
    p.add_argument("--channel", help="chatbot, written or workshop")
    p.add_argument("--language", help="only answers in this language, e.g. ar")
    p.add_argument("--nation", help="england, scotland, wales, northern_ireland, more_than_one, prefer_not_to_say")
    p.add_argument("--assisted", choices=("yes", "no"), help="only respondents helped by someone (yes) or not (no)")
    p.add_argument("--code", help="only answers coded with this code (or a code under it)")
    p.add_argument("--progress", action="store_true", help="show a progress bar (shown anyway on a terminal)")
    p.add_argument("--by", help="who is exporting, for the audit log (default cli:<login>)")
    p.set_defaults(func=cmd_export)
