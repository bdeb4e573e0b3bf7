"""Translation review in the translators' own tools: export to PO or XLIFF, check and import back.

- PO (gettext; Weblate, Poedit, Pontoon, Crowdin): msgctxt = key, msgid = English,
  msgstr = the translation, `#.` comments = the key's purpose and the advice of
  docs/TRANSLATIONS.md, `fuzzy` = draft or needs_review, no `fuzzy` = reviewed.
- XLIFF 1.2 (CAT tools: memoQ, Trados, OmegaT, Phrase): trans-unit id = key, source,
  target with state `needs-review-translation` (draft) or `final` (reviewed), notes.

`import_file` checks every entry first and changes nothing when one is wrong
(`ImportRefused` names them all); a good file changes only the entries that differ,
each recording its reviewer, the date and the fingerprint of the English it was made from.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from bot.conversation import i18n
from bot.paths import ROOT, TRANSLATIONS, load_yaml
from bot.translations.yaml_file import update_file

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
REVIEWED_STATES = {"translated", "final", "signed-off"}
PLACEHOLDER_NAMES = ("", "FULL NAME <EMAIL@ADDRESS>")
ADVICE_FILE = ROOT / "docs" / "TRANSLATIONS.md"

# gettext's Plural-Forms for each language (the bot has no plural messages yet; editors expect the header)
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "sq": "nplurals=2; plural=(n != 1);",
    "vi": "nplurals=1; plural=0;",
    "ti": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "so": "nplurals=2; plural=(n != 1);",
    "am": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "fa": "nplurals=2; plural=(n > 1);",
    "prs": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
    "ckb": "nplurals=2; plural=(n != 1);",
    "ur": "nplurals=2; plural=(n != 1);",
    "bn": "nplurals=2; plural=(n != 1);",
    "zh": "nplurals=1; plural=0;",
    "pa": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
}

HTML = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
OPENERS, PDI = set("\u2066\u2067\u2068"), "\u2069"
EMBEDDINGS = set("\u202a\u202b\u202c\u202d\u202e")


class ImportRefused(Exception):
    """The file was not imported; `problems` names every bad entry (or what is wrong with the file)."""

    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{self.path.name}: refused, nothing changed ({len(self.problems)} "
                 f"problem{'s' if len(self.problems) != 1 else ''}):"]
        return "\n".join(lines + [f"  {p}" for p in self.problems])


@dataclass
class Entry:
    key: str
    english: str  # the English the translator saw (msgid / source)
    text: str
    reviewed: bool


@dataclass
class TranslationFile:
    language: str
    entries: list[Entry]
    reviewer: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Summary:
    language: str
    changed: list[str] = field(default_factory=list)
    newly_reviewed: list[str] = field(default_factory=list)
    unchanged: int = 0
    older_english: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"{self.language}: {len(self.changed)} changed, {len(self.newly_reviewed)} newly reviewed, "
                 f"{self.unchanged} unchanged"]
        lines += [f"  changed: {key}" + (" (now reviewed)" if key in self.newly_reviewed else "")
                  for key in self.changed]
        if self.untranslated:
            lines.append(f"  {len(self.untranslated)} still untranslated (English shows): "
                         f"{', '.join(self.untranslated)}")
        if self.older_english:
            lines.append(f"  {len(self.older_english)} made from an older English text: still needs review "
                         f"({', '.join(self.older_english)})")
        return "\n".join(lines)


# --- the advice sent along with each text ------------------------------------------------------------


def _sections(directory: Path) -> dict[str, str]:
    """The heading (`# --- The chat page (widget) ---`) each English key sits under in en.yml."""
    sections, current = {}, ""
    for line in (directory / f"{i18n.SOURCE}.yml").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^\s*#\s*-+\s*(.+?)\s*-*\s*$", line)
        if heading:
            current = heading.group(1)
            continue
        key = re.match(r"^  ([^\s#][^:]*):", line)
        if key and current:
            sections[key.group(1)] = current
    return sections


def _bullets(markdown: str, heading: str) -> list[str]:
    """The bullets (joined lines) under one `## heading` of docs/TRANSLATIONS.md."""
    part = re.split(r"^## ", markdown, flags=re.M)
    body = next((p for p in part if p.startswith(heading)), "")
    bullets: list[str] = []
    for line in body.splitlines()[1:]:
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif line.startswith("  ") and bullets:
            bullets[-1] += " " + line.strip()
    return bullets


@dataclass
class Advice:
    by_key: dict[str, list[str]]
    language: list[str]


def advice(lang: str, english: dict[str, str], advice_file: Path = ADVICE_FILE) -> Advice:
    """docs/TRANSLATIONS.md's advice: per key (named in backticks, or its bold term found in the English)
    and for the whole language (its own bullet, and the general points that name no text)."""
    by_key: dict[str, list[str]] = {}
    general: list[str] = []
    markdown = advice_file.read_text(encoding="utf-8") if advice_file.exists() else ""
    for bullet in _bullets(markdown, "Across languages"):
        plain = bullet.replace("**", "").replace("*", "")
        keys = [k for k in re.findall(r"`([\w.]+)`", bullet) if k in english]
        term = re.match(r"\*\*\"?([^*\"]+?)\"?\*\*", bullet)
        if not keys and term:
            words = [w.strip().lower() for w in re.split(r"\band\b|,", term.group(1)) if len(w.strip()) > 2]
            keys = [k for k, text in english.items() if any(re.search(rf"\b{re.escape(w)}\b", text.lower())
                                                            for w in words)]
        if keys:
            for k in keys:
                by_key.setdefault(k, []).append(plain)
        else:
            general.append(plain)
    own = []
    for bullet in _bullets(markdown, "Per language"):
        codes = re.match(r"\*\*([^*]+)\*\*:?", bullet)
        if codes and lang in [c.strip() for c in codes.group(1).split("/")]:
            own.append(bullet.replace("**", "").replace("*", ""))
    return Advice(by_key=by_key, language=own + general)


def _notes(key: str, english: str, lang: i18n.Language, sections: dict[str, str], tips: Advice) -> list[str]:
    notes = [f"Key: {key}" + (f" ({sections[key]})" if key in sections else "")]
    names = sorted(i18n.placeholders(english))
    if names:
        notes.append("Keep " + ", ".join("{" + n + "}" for n in names) + " exactly as written: the bot puts a "
                     "number, code or name there" + (" and keeps its direction in right-to-left text." if lang.rtl
                                                      else "."))
    if lang.statuses.get(key) == i18n.NEEDS_REVIEW:
        notes.append("The English changed after this was translated or reviewed: check it still says the same.")
    notes += tips.by_key.get(key, [])
    return notes


# --- export ---------------------------------------------------------------------------------------------


def _language(code: str, directory: Path) -> tuple[dict[str, i18n.Language], i18n.Language]:
    langs = i18n.load_languages(directory)
    if code not in langs:
        raise ValueError(f"no language {code!r} in {directory} (have: {', '.join(langs)})")
    if code == i18n.SOURCE:
        raise ValueError("English is the source: edit translations/en.yml itself")
    return langs, langs[code]


def _reviewed(lang: i18n.Language, key: str) -> bool:
    return lang.statuses.get(key) == "reviewed"


def export_po(code: str, out: Path, directory: Path = TRANSLATIONS, advice_file: Path = ADVICE_FILE) -> int:
    """Write one language as a PO file; returns the number of entries."""
    import polib

    langs, lang = _language(code, directory)
    english = langs[i18n.SOURCE].texts
    sections, tips = _sections(directory), advice(code, english, advice_file)
    po = polib.POFile(wrapwidth=0)
    po.header = "\n".join([
        f"IMSA Voices: every text of the chatbot in {lang.name} ({lang.native_name}).",
        "msgctxt is the key in translations/*.yml; msgid is the English source; msgstr is the translation.",
        "Fuzzy = draft (not checked by a fluent speaker yet). Clear the fuzzy mark of each text you have",
        "checked and agree with; then send the file back (imsa-voices translations import FILE).",
        *[f"Advice: {tip}" for tip in tips.language],
    ])
    po.metadata = {
        "Project-Id-Version": "IMSA Voices",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000"),
        "PO-Revision-Date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "",
        "Language-Team": f"{lang.name} <>",
        "Language": code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(code, "nplurals=2; plural=(n != 1);"),
        "X-Text-Direction": lang.direction,
    }
    for key, source in english.items():
        # untranslated (a key English gained since): empty and not fuzzy, as gettext tools expect
        flags = [] if _reviewed(lang, key) or not lang.texts.get(key) else ["fuzzy"]
        if i18n.placeholders(source):
            flags.append("python-brace-format")
        po.append(polib.POEntry(
            msgctxt=key, msgid=source, msgstr=lang.texts.get(key, ""), flags=flags,
            comment="\n".join(_notes(key, source, lang, sections, tips)),
            occurrences=[(f"translations/{code}.yml", "")],
        ))
    po.save(str(out))
    return len(po)


def export_xliff(code: str, out: Path, directory: Path = TRANSLATIONS, advice_file: Path = ADVICE_FILE) -> int:
    """Write one language as an XLIFF 1.2 file; returns the number of trans-units."""
    from lxml import etree

    langs, lang = _language(code, directory)
    english = langs[i18n.SOURCE].texts
    sections, tips = _sections(directory), advice(code, english, advice_file)
    x = "{%s}" % XLIFF_NS
    root = etree.Element(x + "xliff", nsmap={None: XLIFF_NS}, version="1.2")
    file = etree.SubElement(root, x + "file", original=f"translations/{code}.yml", datatype="plaintext")
    file.set("source-language", i18n.SOURCE)
    file.set("target-language", code)
    header = etree.SubElement(file, x + "header")
    tool = etree.SubElement(header, x + "tool")
    tool.set("tool-id", "imsa-voices")
    tool.set("tool-name", "IMSA Voices")
    for tip in ["state needs-review-translation = draft; set final (or translated, signed-off) when checked.",
                *tips.language]:
        etree.SubElement(header, x + "note").text = tip
    body = etree.SubElement(file, x + "body")
    for key, source in english.items():
        unit = etree.SubElement(body, x + "trans-unit", id=key, resname=key)
        unit.set(f"{{{XML_NS}}}space", "preserve")
        if _reviewed(lang, key):
            unit.set("approved", "yes")
        etree.SubElement(unit, x + "source").text = source
        state = ("final" if _reviewed(lang, key) else "needs-review-translation" if lang.texts.get(key)
                 else "needs-translation")
        target = etree.SubElement(unit, x + "target", state=state)
        target.text = lang.texts.get(key, "")
        for note in _notes(key, source, lang, sections, tips):
            etree.SubElement(unit, x + "note", {"from": "developer"}).text = note
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return len(body)


def export(code: str, fmt: str, out: Path, directory: Path = TRANSLATIONS) -> int:
    if fmt == "po":
        return export_po(code, out, directory)
    if fmt == "xliff":
        return export_xliff(code, out, directory)
    raise ValueError(f"unknown format {fmt!r}: po or xliff")


# --- reading a file back ----------------------------------------------------------------------------


def read_po(path: Path) -> TranslationFile:
    import polib

    try:
        po = polib.pofile(str(path), wrapwidth=0)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return TranslationFile("", [], problems=[f"not a readable PO file: {exc}"])
    problems = []
    language = (po.metadata.get("Language") or "").strip().replace("-", "_").split("_")[0].lower()
    if not language:
        problems.append("the header names no Language")
    entries = []
    for e in po:
        if e.obsolete:
            continue
        if not e.msgctxt:
            problems.append(f"{e.msgid[:40]!r}: no msgctxt (the key); export the file again from imsa-voices")
            continue
        if e.msgid_plural:
            problems.append(f"{e.msgctxt}: a plural entry; the bot has no plural texts")
            continue
        entries.append(Entry(e.msgctxt, e.msgid, e.msgstr, reviewed="fuzzy" not in e.flags))
    reviewer = (po.metadata.get("Last-Translator") or "").strip()
    return TranslationFile(language, entries, None if reviewer in PLACEHOLDER_NAMES else reviewer, problems)


def read_xliff(path: Path) -> TranslationFile:
    """Read an XLIFF 1.2 file, checking the structure this importer relies on."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        return TranslationFile("", [], problems=[f"not well-formed XML: {exc}"])
    x = "{%s}" % XLIFF_NS
    if root.tag != x + "xliff" or root.get("version") != "1.2":
        return TranslationFile("", [], problems=[
            f"not XLIFF 1.2 (root element {root.tag}, version {root.get('version')}; "
            f"expected xliff 1.2 in {XLIFF_NS})"])
    files = root.findall(x + "file")
    if len(files) != 1:
        return TranslationFile("", [], problems=[f"expected one <file> element, found {len(files)}"])
    file = files[0]
    problems = []
    language = (file.get("target-language") or "").strip().replace("-", "_").split("_")[0].lower()
    if not language:
        problems.append("<file> has no target-language")
    if (file.get("source-language") or "").split("-")[0].lower() != i18n.SOURCE:
        problems.append(f"source-language is {file.get('source-language')!r}, expected {i18n.SOURCE!r}")
    body = file.find(x + "body")
    if body is None:
        problems.append("<file> has no <body>")
        return TranslationFile(language, [], problems=problems)
    entries = []
    for unit in body.iter(x + "trans-unit"):
        key = unit.get("resname") or unit.get("id")
        source, target = unit.find(x + "source"), unit.find(x + "target")
        if not key:
            problems.append(f"line {unit.sourceline}: a trans-unit without an id")
            continue
        if source is None or target is None:
            problems.append(f"{key}: no <{'source' if source is None else 'target'}>")
            continue
        inline = [*target, *source]
        if inline:
            tag = inline[0].tag
            name = etree.QName(tag).localname if isinstance(tag, str) else "a comment"
            problems.append(f"{key}: inline markup (<{name}>) in the text; the bot shows plain text only")
            continue
        reviewed = unit.get("approved") == "yes" or target.get("state") in REVIEWED_STATES
        entries.append(Entry(key, source.text or "", target.text or "", reviewed))
    reviewer = None
    for phase in file.iter(x + "phase"):
        reviewer = phase.get("contact-name") or reviewer
    return TranslationFile(language, entries, reviewer, problems)


def read_file(path: Path) -> TranslationFile:
    head = path.read_bytes()[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if path.suffix.lower() in (".xlf", ".xliff", ".xml") or head.startswith(b"<"):
        return read_xliff(path)
    return read_po(path)


# --- checks ---------------------------------------------------------------------------------------------


def _isolates_balanced(text: str) -> bool:
    depth = 0
    for c in text:
        if c in OPENERS:
            depth += 1
        elif c == PDI:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def check_entry(key: str, text: str, english: str, rtl: bool, numbers: list[str]) -> list[str]:
    """Everything wrong with one translated text (empty list: fine)."""
    if not text.strip():
        return [f"{key}: empty"]
    problems = []
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        fields = None
        problems.append(f"{key}: a brace out of place ({exc}); placeholders are written {{name}}")
    if fields is not None:
        if any(not re.fullmatch(r"\w+", f) for f in fields):
            problems.append(f"{key}: placeholders are a single word in braces, like {{code}}")
        if i18n.placeholders(text) != i18n.placeholders(english):
            problems.append(f"{key}: placeholders {sorted(i18n.placeholders(text))} but English has "
                            f"{sorted(i18n.placeholders(english))}")
    tag = HTML.search(text)
    if tag:
        problems.append(f"{key}: HTML ({tag.group(0)}); the bot shows plain text only")
    if EMBEDDINGS & set(text):
        problems.append(f"{key}: bidi embedding or override characters (U+202A-U+202E); they break the isolates "
                        "the bot puts around numbers and codes")
    if not _isolates_balanced(text):
        problems.append(f"{key}: a direction isolate (U+2066-U+2068) without its closing U+2069, or the reverse")
    compact = re.sub(r"\s", "", text)
    for number in numbers:
        if number not in re.sub(r"\s", "", english) and re.search(rf"(?<!\d){re.escape(number)}(?!\d)", compact):
            problems.append(f"{key}: the phone number {number} typed in; use the placeholder as in English "
                            "(numbers live in data/helplines.yml"
                            f"{' and are isolated in right-to-left text' if rtl else ''})")
    return problems


def helpline_digits() -> list[str]:
    """The helpline numbers (without spaces) that a text must name by placeholder, never type in."""
    return sorted({re.sub(r"\s", "", n) for n in i18n.helpline_numbers().values() if len(re.sub(r"\D", "", n)) >= 3})


def check_file(tf: TranslationFile, langs: dict[str, i18n.Language]) -> list[str]:
    problems = list(tf.problems)
    if tf.language and tf.language not in langs:
        problems.append(f"language {tf.language!r} is not one of the bot's ({', '.join(langs)})")
        return problems
    if tf.language == i18n.SOURCE:
        problems.append("English is the source: edit translations/en.yml itself")
        return problems
    if not tf.language:
        return problems
    english = langs[i18n.SOURCE].texts
    rtl = langs[tf.language].rtl
    numbers = helpline_digits()
    seen = set()
    for entry in tf.entries:
        if entry.key in seen:
            problems.append(f"{entry.key}: twice in the file")
            continue
        seen.add(entry.key)
        if entry.key not in english:
            problems.append(f"{entry.key}: not a key of translations/{i18n.SOURCE}.yml")
            continue
        if not entry.text.strip() and not langs[tf.language].texts.get(entry.key):
            continue  # still untranslated: nothing to import (a text the language has may not be emptied)
        problems += check_entry(entry.key, i18n.normalise(entry.text), english[entry.key], rtl, numbers)
    return problems


# --- import ---------------------------------------------------------------------------------------------


def import_file(path: Path, reviewer: str | None = None, directory: Path = TRANSLATIONS,
                today: dt.date | None = None) -> Summary:
    """Check every entry, then write only what changed. Raises ImportRefused (nothing written)."""
    tf = read_file(path)
    langs = i18n.load_languages(directory)
    problems = check_file(tf, langs)
    if problems:
        raise ImportRefused(path, problems)
    english = langs[i18n.SOURCE].texts
    lang = langs[tf.language]
    summary = Summary(tf.language)
    changes: dict[str, dict] = {}
    for entry in tf.entries:
        text = i18n.normalise(entry.text)
        if not text and not lang.texts.get(entry.key):
            summary.untranslated.append(entry.key)
            continue
        made_from = i18n.fingerprint(entry.english)
        current_english = i18n.normalise(entry.english) == english[entry.key]
        status = "reviewed" if entry.reviewed else "draft"
        now = lang.statuses.get(entry.key)  # draft, reviewed, or needs_review (the English changed since)
        same = lang.texts.get(entry.key) == text and (
            (not entry.reviewed and now != "reviewed")
            or (entry.reviewed and now == "reviewed" and lang.sources.get(entry.key) == made_from))
        if not current_english:
            summary.older_english.append(entry.key)
        if same:
            summary.unchanged += 1
            continue
        changes[entry.key] = {"text": text, "status": status, "source": made_from}
        summary.changed.append(entry.key)
        if entry.reviewed and now != "reviewed" and current_english:
            summary.newly_reviewed.append(entry.key)
    if changes:
        who = (reviewer or tf.reviewer or "").strip()
        if not who:
            raise ImportRefused(path, ["no reviewer: give --reviewer NAME (or set Last-Translator in the PO header)"])
        day = (today or dt.date.today()).isoformat()
        for fields in changes.values():
            fields.update(reviewer=who, date=day)
        update_file(directory / f"{tf.language}.yml", changes, order=list(english))
        i18n.languages.cache_clear()
    return summary


def fill_fingerprints(directory: Path = TRANSLATIONS) -> dict[str, int]:
    """Record the current English's fingerprint on every entry that has none (a one-off, after upgrading).

    Entries that have one keep it: their English may have changed since, which is what it is there to show.
    """
    english = i18n.load_languages(directory)[i18n.SOURCE].texts
    filled = {}
    for path in sorted(directory.glob("*.yml")):
        if path.stem == i18n.SOURCE:
            continue
        raw = load_yaml(path).get("texts") or {}
        changes = {}
        for key, value in raw.items():
            if key not in english:
                continue
            entry = value if isinstance(value, dict) else {"text": value}
            if not entry.get("source"):
                changes[key] = {"source": i18n.fingerprint(english[key])}
        if changes:
            update_file(path, changes, order=list(english))
        filled[path.stem] = len(changes)
    i18n.languages.cache_clear()
    return filled
