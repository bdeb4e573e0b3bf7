"""Where the project's files live, found from the repository root."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.settings import get_settings, project_root

# libyaml's C loader when present: the 20 translation files load many times faster
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ROOT = project_root()  # IMSA_ROOT, else this checkout
DATA = ROOT / "data"
TRANSLATIONS = ROOT / "translations"
QUESTIONS_FILE = DATA / "questions.yml"
HELPLINES_FILE = DATA / "helplines.yml"


def var_dir() -> Path:
    """Runtime state (SQLite database, secret key, trained models' logs)."""
    path = get_settings().runtime_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_yaml(path: Path) -> Any:
    """Read one of the project's YAML files (UTF-8, safe loading)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
