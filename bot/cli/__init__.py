"""The `imsa-voices` command line (bot.cli.commands)."""

from bot.cli.commands import main

__all__ = ["main"]
