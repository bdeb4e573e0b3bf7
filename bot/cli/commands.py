"""The `imsa-voices` command."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

from bot.rasa import project as rasa_project
from bot.settings import SettingsError, get_settings


def cmd_train(args: argparse.Namespace) -> int:
    rasa_project.train(force=args.force)
    from bot.anonymise import tagger

    path = tagger.build(force=args.force)   # the learned name tagger redaction uses beside its rules
    print(f"Name tagger: {path}" if path else "Name tagger: no corpus to learn from; the rules work alone")
    return 0


def build_tagger_in_background() -> subprocess.Popen | None:
    """The learned name tagger (bot.anonymise.tagger) trained if the cache has none for this corpus and code,
    in a process of its own at low priority once Rasa's model is ready (not beside its training: on two cores
    that cost a fresh clone 10 s to its first answer). A survivor's answer saved before it is built is redacted
    by the rules alone and waits in the review queue (bot.anonymise.tagger.get_tagger)."""
    try:
        return subprocess.Popen([sys.executable, "-m", "bot.anonymise.tagger", "--quiet"],
                                preexec_fn=lambda: os.nice(10), cwd=rasa_project.ROOT,
                                env=rasa_project.rasa_env())
    except OSError:
        return None     # redaction then builds it on first use


def check_workers(workers: int) -> str | None:
    """Why `run --workers N` cannot start (None when it can); warnings go to stderr."""
    settings = get_settings()
    if workers < 1:
        return "--workers must be 1 or more"
    redis = settings.redis
    if workers == 1 and redis is None:
        return None
    if redis is None:
        return (f"--workers {workers} needs Redis, shared by the Rasa instances: set REDIS_URL, "
                "for example REDIS_URL=redis://127.0.0.1:6379/0 (see 'Running at scale' in the README)")
    import redis as redis_client

    try:
        redis_client.Redis.from_url(settings.redis_url, socket_timeout=settings.redis_timeout_seconds,
                                    socket_connect_timeout=settings.redis_timeout_seconds).ping()
    except redis_client.RedisError as exc:
        return f"Redis at {redis['host']}:{redis['port']} does not answer ({type(exc).__name__}); is it running?"
    if workers > 1 and not (settings.database_url or "").startswith("postgresql"):
        print("imsa-voices: warning: several workers writing to SQLite wait for each other's locks; "
              "set DATABASE_URL to PostgreSQL for more than one worker", file=sys.stderr)
    return None


def cmd_run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    problem = check_workers(args.workers)
    if problem:
        print(f"imsa-voices: {problem}", file=sys.stderr)
        return 2
    ports = rasa_project.Ports(workers=args.workers)
    busy = rasa_project.ports_in_use(ports)
    if busy:
        print(f"imsa-voices: port {', '.join(map(str, busy))} is already in use; stop what uses it, or set "
              "RASA_PORT, ACTION_PORT and WEB_PORT (with --workers N, N ports from each up are used)", file=sys.stderr)
        return 2
    print("Starting IMSA Voices ...", flush=True)
    services = rasa_project.Services(ports)
    stopping = False

    def _stop(signum, _frame):
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    import threading

    stop_job = threading.Event()
    tagger_build = None
    try:
        # Everything starts at once, while the model is made ready (reused, or trained): the page (it says
        # "starting" until Rasa answers), the action server, and Rasa, which imports what it needs and then
        # waits for the model of this fingerprint (bot/rasa/server.py).
        fingerprint = rasa_project.training_fingerprint()
        os.environ["IMSA_MODEL_FINGERPRINT"] = fingerprint  # for the Rasa processes started below
        services.start()
        # checked once they are starting: bot.translate imports the store (and spaCy), 4 s of CPU
        from bot.translate import ConfigurationError, provider_from_env

        try:
            provider_from_env()
        except ConfigurationError as exc:
            print(f"imsa-voices: {exc}", file=sys.stderr)
            return 2
        threading.Thread(target=_translation_job, args=(stop_job,), daemon=True, name="translate").start()
        rasa_project.train()
        tagger_build = build_tagger_in_background()   # after Rasa's training: the two would share the cores
        print(f"Model ready after {time.monotonic() - started:.1f} s; Rasa is loading it ...", flush=True)
        if rasa_project.training_fingerprint() != fingerprint:  # the training data changed meanwhile
            os.environ["IMSA_MODEL_FINGERPRINT"] = rasa_project.training_fingerprint()
            for name in [n for n in services.processes if n.startswith("rasa")]:
                services.restart(name)
        services.wait_ready()
        ports = services.ports
        print(
            f"IMSA Voices is ready after {time.monotonic() - started:.0f} s:\n"
            f"  chat page       http://{ports.host}:{ports.web}\n"
            + "".join(
                f"  Rasa REST       http://127.0.0.1:{rasa}/webhooks/rest/webhook\n"
                + ("" if rasa_project.actions_in_process() else f"  action server   http://127.0.0.1:{actions}/webhook\n")
                for _suffix, rasa, actions in ports.instances()
            )
            + "Press Ctrl-C to stop.",
            flush=True,
        )
        while all(p.poll() is None for p in services.processes.values()):
            time.sleep(0.5)
        dead = [name for name, p in services.processes.items() if p.poll() is not None]
        print(f"Stopped because {', '.join(dead)} exited.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        stop_job.set()
        services.stop()
        if tagger_build is not None and tagger_build.poll() is None:
            tagger_build.terminate()


def cmd_detect_language(args: argparse.Namespace) -> int:
    from bot.conversation.language import detect

    guess = detect(" ".join(args.text))
    also = f" (or {', '.join(guess.also)})" if guess.also else ""
    print(f"{guess.code or 'unknown'}\t{guess.confidence:.2f}\t{guess.method}{also}")
    return 0 if guess.code else 1


def cmd_translate_pending(args: argparse.Namespace) -> int:
    from bot.store import get_store
    from bot.translate import ConfigurationError, provider_from_env, translate_pending

    try:
        provider = provider_from_env()
    except ConfigurationError as exc:
        print(f"imsa-voices: {exc}", file=sys.stderr)
        return 2
    print(translate_pending(get_store(), provider, limit=args.limit))
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    from bot.conversation.i18n import coverage_report

    print(coverage_report())
    return 0


def cmd_translations_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.translations.review import export

    out = Path(args.out or f"imsa-voices-{args.language}.{'xlf' if args.format == 'xliff' else 'po'}")
    try:
        count = export(args.language, args.format, out)
    except ValueError as exc:
        print(f"imsa-voices translations export: {exc}", file=sys.stderr)
        return 2
    print(f"{out}: {count} texts in {args.language} ({args.format})")
    return 0


def cmd_translations_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.translations.review import ImportRefused, import_file

    path = Path(args.file)
    if not path.is_file():
        print(f"imsa-voices translations import: no file {path}", file=sys.stderr)
        return 2
    try:
        summary = import_file(path, reviewer=args.reviewer)
    except ImportRefused as refused:
        print(refused.report(), file=sys.stderr)
        return 1
    print(summary.report())
    return 0


def cmd_translations_fingerprint(args: argparse.Namespace) -> int:
    from bot.translations.review import fill_fingerprints

    filled = fill_fingerprints()
    print(f"recorded the English fingerprint of {sum(filled.values())} entries "
          f"({', '.join(f'{k} {v}' for k, v in filled.items() if v) or 'all had one'})")
    return 0


def _translation_job(stop) -> None:
    """`imsa-voices run`'s background job: English for staff, off the hot path."""
    import logging

    from bot.store import get_store
    from bot.translate import Backoff, provider_from_env, translate_pending

    log = logging.getLogger("bot.translate")
    interval = get_settings().translation_interval_seconds
    provider = provider_from_env()
    backoff = Backoff()
    while not stop.wait(interval):
        try:
            translate_pending(get_store(), provider, backoff=backoff)
        except Exception as exc:  # the kind of error only: a message could quote an answer
            log.error("the translation job failed (%s); it will try again", type(exc).__name__)


def cmd_nlu_accuracy(args: argparse.Namespace) -> int:
    from bot.rasa import nlu_accuracy
    from bot.rasa import project as rasa_project

    results = nlu_accuracy.score(rasa_project.train(), args.language or None)
    print(nlu_accuracy.table(results))
    if args.misses:
        for s in results.values():
            for text, expected, predicted in s.misses:
                print(f"{s.language}\t{expected}\t{predicted}\t{text}")
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    from bot.anonymise import cli_redact

    return cli_redact(sys.stdin, sys.stdout, args.json)


# Commands whose parser needs none of the data commands' modules (they import the store, and with it the
# redaction engine and spaCy: 4 s of CPU, before `imsa-voices run` could start anything).
QUICK_COMMANDS = ("run", "train")


def build_parser(full: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imsa-voices", description="IMSA Voices: the survivors' consultation chat.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="train if needed, then start Rasa, the action server and the web page")
    p.add_argument("--workers", type=int, default=1,
                   help="Rasa servers (each with its own action server) behind the page; more than 1 needs REDIS_URL")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("train", help="train the Rasa model and the learned name tagger when their data changed")
    p.add_argument("--force", action="store_true", help="train even when nothing changed")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("detect-language", help="suggest the language of a text: code, confidence, method")
    p.add_argument("text", nargs="+")
    p.set_defaults(func=cmd_detect_language)

    p = sub.add_parser("translate-pending", help="translate pending answers into English once (see bot/translate.py)")
    p.add_argument("--limit", type=int, default=500, help="answers per run")
    p.set_defaults(func=cmd_translate_pending)

    p = sub.add_parser("translations", help="coverage of every language in translations/ (keys, drafts, reviewed); "
                       "export and import for review")
    p.set_defaults(func=cmd_translations)
    review = p.add_subparsers(dest="action", metavar="{export,import,fingerprint}")
    q = review.add_parser("export", help="one language as a PO (Weblate, Poedit) or XLIFF 1.2 (CAT tools) file")
    q.add_argument("--language", required=True, help="language code, e.g. ar")
    q.add_argument("--format", choices=["po", "xliff"], default="po")
    q.add_argument("--out", help="file to write (default imsa-voices-LANG.po or .xlf)")
    q.set_defaults(func=cmd_translations_export)
    q = review.add_parser("import", help="check a reviewed PO or XLIFF file and write what changed into translations/")
    q.add_argument("file")
    q.add_argument("--reviewer", help="who reviewed (default: the PO file's Last-Translator)")
    q.set_defaults(func=cmd_translations_import)
    q = review.add_parser("fingerprint", help="record the English each entry was made from, where none is recorded")
    q.set_defaults(func=cmd_translations_fingerprint)

    p = sub.add_parser("nlu-accuracy", help="per-language accuracy on typed control words the model never saw")
    p.add_argument("--language", action="append", help="only this language (repeatable)")
    p.add_argument("--misses", action="store_true", help="also list every phrase it got wrong")
    p.set_defaults(func=cmd_nlu_accuracy)

    p = sub.add_parser("redact", help="redact personal details: text on stdin, redacted text on stdout")
    p.add_argument("--json", action="store_true", help="print JSON with the entity types and offsets found")
    p.set_defaults(func=cmd_redact)

    if not full:
        return parser
    from bot.cli.dataset import add_commands

    add_commands(sub)  # db, import-written, written-template, withdraw, purge

    from bot.cli.staff import add_commands as add_user_commands

    add_user_commands(sub)  # user add|list|deactivate|set-password

    from bot.cli.findings import add_commands as add_findings_commands

    add_findings_commands(sub)  # findings (the workshop briefing)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = build_parser(full=not (words and words[0] in QUICK_COMMANDS)).parse_args(argv)
    try:
        get_settings()  # every setting checked once, before anything starts
    except SettingsError as exc:
        print(f"imsa-voices: {exc}", file=sys.stderr)
        return 2
    keep_bytecode()
    return args.func(args)


def keep_bytecode() -> None:
    """With PYTHONDONTWRITEBYTECODE set, this process and the ones it starts (Rasa, the page, training) keep
    the bytecode they compile in IMSA_CACHE/pycache instead of compiling every module again each time
    (bot/rasa/startup.py keep_bytecode: 6 s of CPU per Rasa process, 3-4 s for the page and this one)."""
    from bot.rasa.startup import keep_bytecode as keep

    folder = keep()
    if folder is not None:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(folder)


if __name__ == "__main__":
    sys.exit(main())
