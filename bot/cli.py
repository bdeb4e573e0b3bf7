"""The `imsa-voices` command."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from bot import rasa_project


def cmd_train(args: argparse.Namespace) -> int:
    rasa_project.train(force=args.force)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    rasa_project.train()
    services = rasa_project.Services(rasa_project.Ports())
    stopping = False

    def _stop(signum, _frame):
        nonlocal stopping
        if not stopping:
            stopping = True
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        services.start()
        services.wait_ready()
        ports = services.ports
        print(
            f"IMSA Voices is ready after {time.monotonic() - started:.0f} s:\n"
            f"  chat page       http://{ports.host}:{ports.web}\n"
            f"  Rasa REST       http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook\n"
            f"  action server   http://127.0.0.1:{ports.actions}/webhook\n"
            "Press Ctrl-C to stop.",
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
        services.stop()


def cmd_redact(args: argparse.Namespace) -> int:
    from bot.anonymise import cli_redact

    return cli_redact(sys.stdin, sys.stdout, args.json)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imsa-voices", description="IMSA Voices: the survivors' consultation chat.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="train if needed, then start Rasa, the action server and the web page")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("train", help="train the Rasa model when its data changed")
    p.add_argument("--force", action="store_true", help="train even when nothing changed")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("redact", help="redact personal details: text on stdin, redacted text on stdout")
    p.add_argument("--json", action="store_true", help="print JSON with the entity types and offsets found")
    p.set_defaults(func=cmd_redact)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
