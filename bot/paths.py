"""Where the project's files live, found from the repository root."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("IMSA_ROOT", Path(__file__).resolve().parent.parent))
DATA = ROOT / "data"
TRANSLATIONS = ROOT / "translations"
QUESTIONS_FILE = DATA / "questions.yml"
HELPLINES_FILE = DATA / "helplines.yml"


def var_dir() -> Path:
    """Runtime state (SQLite database, secret key, trained models' logs)."""
    path = Path(os.environ.get("IMSA_VAR_DIR", ROOT / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path
