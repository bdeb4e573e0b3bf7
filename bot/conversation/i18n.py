"""Every text the bot shows, from translations/<lang>.yml, in the chosen language.

English (en.yml) is the source. A value is either a plain string or a mapping
``{text: ..., status: reviewed|draft, source: FINGERPRINT, reviewer: ..., date: ...}``.
``source`` is the fingerprint of the English the entry was translated or reviewed from:
when the English changes, the entry counts as ``needs_review`` (still shown, counted
by ``imsa-voices translations``). A key missing in a language falls back to English,
so a survivor never sees a bare key.
"""

from __future__ import annotations

import hashlib
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
NEEDS_REVIEW = "needs_review"
log = logging.getLogger(__name__)


def normalise(text: object) -> str:
    """A text as the bot shows it: runs of white space (YAML's folded lines) become one space."""
    return " ".join(str(text).split())


def fingerprint(english: str) -> str:
    """A short, stable fingerprint of an English text (as shown), kept as each translation's `source`."""
    return hashlib.sha256(normalise(english).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    native_name: str
    direction: str = "ltr"
    status: str = "draft"
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # draft | reviewed | needs_review (reviewed or draft, but made from an English text that has changed since)
    statuses: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # the fingerprint of the English each entry was made from (None: not recorded yet)
    sources: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def _load_language(path: Path, english: dict[str, str] | None = None) -> Language:
    """One file of translations/; `english` (the source's texts) marks entries made from older English."""
    raw = load_yaml(path)
    meta = raw["meta"]
    texts: dict[str, str] = {}
    statuses: dict[str, str] = {}
    sources: dict[str, str | None] = {}
    for key, value in (raw.get("texts") or {}).items():
        if isinstance(value, dict):
            texts[key] = normalise(value.get("text", ""))
            statuses[key] = value.get("status", "draft")
            sources[key] = str(value["source"]) if value.get("source") else None
        else:
            texts[key] = normalise(value)
            statuses[key] = meta.get("status", "draft")
            sources[key] = None
        if english is not None and sources[key] and key in english and sources[key] != fingerprint(english[key]):
            statuses[key] = NEEDS_REVIEW
    return Language(
        code=meta["code"],
        name=meta["name"],
        native_name=meta["native_name"],
        direction=meta.get("direction", "ltr"),
        status=meta.get("status", "draft"),
        texts=texts,
        statuses=statuses,
        sources=sources,
    )


def load_languages(directory: Path) -> dict[str, Language]:
    """Every language in a translations folder, English first, then by code."""
    source_file = directory / f"{SOURCE}.yml"
    if not source_file.exists():
        raise RuntimeError(f"{source_file} is missing")
    english = _load_language(source_file)
    found = {p.stem: _load_language(p, english.texts) for p in sorted(directory.glob("*.yml")) if p.stem != SOURCE}
    return {SOURCE: english, **found}


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """All languages in translations/, English first, then by code."""
    return load_languages(TRANSLATIONS)


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


def check_language(code: str, langs: dict[str, Language] | None = None) -> list[str]:
    """Problems with one language's file: missing or empty keys, placeholders unlike English."""
    langs = langs or languages()
    source = langs[SOURCE].texts
    texts = langs[code].texts
    problems = []
    for key, english in source.items():
        value = texts.get(key)
        if not value:
            problems.append(f"{key}: missing" if value is None else f"{key}: empty")
        elif placeholders(value) != placeholders(english):
            problems.append(f"{key}: placeholders {sorted(placeholders(value))} "
                            f"but English has {sorted(placeholders(english))}")
    problems += [f"{key}: not in English" for key in texts if key not in source]
    return problems


def coverage(langs: dict[str, Language] | None = None) -> dict[str, dict[str, int]]:
    """Per language: keys present, reviewed, draft, needs_review (English changed since), unmarked, problems.

    `unmarked` entries record no fingerprint of their English (`imsa-voices translations fingerprint`
    fills them in), so nobody can tell whether the English changed under them.
    """
    from bot.translations import recordings  # it reads this module

    langs = langs or languages()
    source = langs[SOURCE].texts
    table = {}
    for code, lang in langs.items():
        voices = recordings.counts(code, langs)
        table[code] = {
            "keys": sum(1 for k in source if lang.texts.get(k)),
            "reviewed": sum(1 for k in source if lang.statuses.get(k) in ("reviewed", "source")),
            "draft": sum(1 for k in source if lang.statuses.get(k) == "draft"),
            "needs_review": sum(1 for k in source if lang.statuses.get(k) == NEEDS_REVIEW),
            "unmarked": 0 if code == SOURCE else sum(1 for k in source if k in lang.texts and not lang.sources.get(k)),
            "problems": len(check_language(code, langs)),
            # a human voice (translations/audio/): recordings of today's wording, and of wording changed since
            "recordable": voices["recordable"],
            "recorded": voices["recorded"],
            "stale_recordings": voices["stale"],
        }
    return table


def coverage_report(langs: dict[str, Language] | None = None) -> str:
    """A table: per language, how many English keys it has, how many are reviewed, draft or need a new review."""
    langs = langs or languages()
    total = len(langs[SOURCE].texts)
    lines = [f"{'code':6} {'language':24} {'dir':4} {'keys':>9} {'reviewed':>9} {'draft':>6} {'needs_review':>12} "
             f"{'unmarked':>8} {'problems':>8} {'recorded':>9} {'stale':>5}"]
    table = coverage(langs)
    for code, row in table.items():
        lang = langs[code]
        recorded = f"{row['recorded']}/{row['recordable']}"
        lines.append(
            f"{code:6} {lang.name[:24]:24} {lang.direction:4} {row['keys']:>4}/{total:<4} {row['reviewed']:>9} "
            f"{row['draft']:>6} {row['needs_review']:>12} {row['unmarked']:>8} {row['problems']:>8} {recorded:>9} "
            f"{row['stale_recordings']:>5}"
        )
    lines.append("needs_review: the English changed after the entry was translated or reviewed (still shown).")
    lines.append("recorded: texts with a human voice for today's wording (translations/audio/); stale: recordings of "
                 "wording changed since (not played).")
    if any(row["unmarked"] for row in table.values()):
        lines.append("unmarked: no fingerprint of its English yet: run `imsa-voices translations fingerprint`.")
    return "\n".join(lines)


def all_draft(code: str) -> bool:
    """True when no text of this language has been checked by a fluent speaker against the current English.
    English is the source: never a draft."""
    if code == SOURCE:
        return False
    statuses = languages()[code].statuses
    return bool(statuses) and not any(v == "reviewed" for v in statuses.values())
