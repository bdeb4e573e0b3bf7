"""Every text the bot shows, from translations/<lang>.yml, in the chosen language.

English (en.yml) is the source. A value is either a plain string or a mapping
``{text: ..., status: reviewed|draft}``. A key missing in a language falls
back to English, so a survivor never sees a bare key.
"""

from __future__ import annotations

import logging
import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.paths import HELPLINES_FILE, TRANSLATIONS

SOURCE = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    native_name: str
    direction: str = "ltr"
    status: str = "draft"
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    statuses: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def _load_language(path: Path) -> Language:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = raw["meta"]
    texts: dict[str, str] = {}
    statuses: dict[str, str] = {}
    for key, value in (raw.get("texts") or {}).items():
        if isinstance(value, dict):
            texts[key] = " ".join(str(value.get("text", "")).split())
            statuses[key] = value.get("status", "draft")
        else:
            texts[key] = " ".join(str(value).split())
            statuses[key] = meta.get("status", "draft")
    return Language(
        code=meta["code"],
        name=meta["name"],
        native_name=meta["native_name"],
        direction=meta.get("direction", "ltr"),
        status=meta.get("status", "draft"),
        texts=texts,
        statuses=statuses,
    )


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """All languages in translations/, English first, then by code."""
    found = {p.stem: _load_language(p) for p in sorted(TRANSLATIONS.glob("*.yml"))}
    if SOURCE not in found:
        raise RuntimeError(f"translations/{SOURCE}.yml is missing")
    return {SOURCE: found.pop(SOURCE), **found}


@lru_cache(maxsize=1)
def helpline_numbers() -> dict[str, str]:
    raw = yaml.safe_load(HELPLINES_FILE.read_text(encoding="utf-8"))
    return {name: str(entry["number"]) for name, entry in raw.items()}


class _Params(dict):
    def __missing__(self, key: str) -> str:  # a placeholder nobody filled stays visible
        return "{" + key + "}"


def text(lang: str, key: str, **params: object) -> str:
    """The text for `key` in `lang` (English when missing), placeholders filled.

    Helpline numbers ({helpline}, {emergency} ...) are always available.
    """
    langs = languages()
    language = langs.get(lang) or langs[SOURCE]
    template = language.texts.get(key)
    if not template:
        template = langs[SOURCE].texts.get(key)
        if template is None:
            raise KeyError(f"no text {key!r} in translations/{SOURCE}.yml")
        log.warning("text %s missing in %s; showing English", key, language.code)
    values = _Params(helpline_numbers())
    values.update({k: str(v) for k, v in params.items()})
    return string.Formatter().vformat(template, (), values)


def has_text(key: str) -> bool:
    return key in languages()[SOURCE].texts


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))
