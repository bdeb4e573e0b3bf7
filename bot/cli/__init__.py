"""The `imsa-voices` command line (bot.cli.main)."""

from bot.cli.main import main

__all__ = ["main"]
