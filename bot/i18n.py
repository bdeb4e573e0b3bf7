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


from bot.paths import HELPLINES_FILE, TRANSLATIONS, load_yaml

SOURCE = "en"
FSI, PDI = "\u2068", "\u2069"
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
    raw = load_yaml(path)
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
    raw = load_yaml(HELPLINES_FILE)
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
    if language.rtl:
        # Numbers, codes and names keep their own direction inside right-to-left
        # text: first-strong isolate ... pop directional isolate (Unicode UAX #9).
        values = _Params({k: f"{FSI}{v}{PDI}" for k, v in values.items()})
    return string.Formatter().vformat(template, (), values)


def has_text(key: str) -> bool:
    return key in languages()[SOURCE].texts


def placeholders(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))


def check_language(code: str) -> list[str]:
    """Problems with one language's file: missing or empty keys, placeholders unlike English."""
    source = languages()[SOURCE].texts
    texts = languages()[code].texts
    problems = []
    for key, english in source.items():
        value = texts.get(key)
        if not value:
            problems.append(f"{key}: missing" if value is None else f"{key}: empty")
        elif placeholders(value) != placeholders(english):
            problems.append(f"{key}: placeholders {sorted(placeholders(value))} but English has {sorted(placeholders(english))}")
    problems += [f"{key}: not in English" for key in texts if key not in source]
    return problems


def coverage_report() -> str:
    """A table: per language, how many English keys it has, how many are reviewed or draft."""
    source = languages()[SOURCE].texts
    lines = [f"{'code':6} {'language':24} {'dir':4} {'keys':>9} {'reviewed':>9} {'draft':>6} problems"]
    for code, lang in languages().items():
        have = sum(1 for k in source if lang.texts.get(k))
        reviewed = sum(1 for k in source if lang.statuses.get(k) in ("reviewed", "source"))
        draft = sum(1 for k in source if lang.statuses.get(k) == "draft")
        problems = len(check_language(code))
        lines.append(
            f"{code:6} {lang.name[:24]:24} {lang.direction:4} {have:>4}/{len(source):<4} {reviewed:>9} {draft:>6} {problems}"
        )
    return "\n".join(lines)


def all_draft(code: str) -> bool:
    """True when no text of this language has been checked by a fluent speaker."""
    statuses = languages()[code].statuses
    return bool(statuses) and all(v == "draft" for v in statuses.values())
