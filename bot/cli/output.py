"""Where a command writes a file: beside it first, renamed over it when complete, so never a half file."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import IO


def part_beside(out: Path, example: Path, nothing: str) -> IO[bytes] | None:
    """A new temporary file beside `out`, or None after telling the person why not (`out` is a folder: `example`
    is a file name that would do; the folder is missing or not writable) and that `nothing` happened."""
    if out.is_dir():
        print(f"imsa-voices: {out} is a folder; give a file name, e.g. {example}", file=sys.stderr)
        return None
    try:
        return tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.name}.", suffix=".part", delete=False)
    except OSError as exc:
        why = "that folder does not exist" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc)).lower()
        print(f"imsa-voices: cannot write {out}: {why}. {nothing}", file=sys.stderr)
        return None
