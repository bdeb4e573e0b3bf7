"""Recorded audio of the bot's texts, a human voice per language: translations/audio/<lang>/<key>.<fingerprint>.<ext>.

- ``<fingerprint>`` is ``i18n.fingerprint`` of the text the recording speaks: the language's own text of that key, as
  the survivor sees it (the same fingerprint translation review records for the English, taken here of the
  translation). When that text changes (an edit on the staff page, an imported review), the file name no longer
  matches: the recording is *stale*, never played to a survivor, and listed for recording again. A change of the
  English alone does not make it stale: the survivor still sees, and hears, the same words.
- ``<ext>`` is ``webm`` or ``ogg``: Opus audio, as browsers record it (MediaRecorder: Chromium writes WebM, Firefox
  Ogg). A file is checked before it is kept: its container's signature, the Opus codec, at most MAX_BYTES.
- Only texts the bot sends as messages, whose words are the same for everyone, can be recorded: a text holding a
  value that changes per person ({code}, {topic} ...) is read by the phone's voice. Helpline numbers are the same
  for everyone, so a text holding one can be recorded (the recording says the number).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.conversation import i18n
from bot.paths import TRANSLATIONS
from bot.settings import get_settings

MAX_BYTES = 2 * 1024 * 1024  # about 8 minutes of voice at 32 kbit/s; the longest text takes under a minute
TYPES = {"webm": "audio/webm", "ogg": "audio/ogg"}
FILE_NAME = re.compile(r"^(?P<key>[a-z0-9_]+(?:\.[a-z0-9_]+)*)\.(?P<fp>[0-9a-f]{12})\.(?P<ext>webm|ogg)$")
LANG_CODE = re.compile(r"^[a-z]{2,3}$")
# texts of the page itself and its panels, not bot messages: the read-aloud button is on the bot's messages
NOT_MESSAGES = ("widget.", "embed.", "safety.", "privacy.")


class RecordingError(ValueError):
    """A recording that cannot be kept; the message says why, in plain words."""


def audio_dir(folder: Path | None = None) -> Path:
    """translations/audio (or `folder`/audio); IMSA_AUDIO_DIR moves it (tests, or a volume of its own)."""
    configured = get_settings().audio_dir
    if folder is None and configured is not None:
        return configured
    return (folder or TRANSLATIONS) / "audio"


def fnv1a(text: str) -> str:
    """FNV-1a (32 bit) over the UTF-16 code units of `text`, as 8 hex digits: the chat page computes the same in
    plain ES5 to find the recording of a message by its text, without the texts themselves in GET /i18n."""
    h = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def _button_keys(english: i18n.Language) -> set[str]:
    """Keys whose English is only ever a button's title (the prompts' buttons, every step): not messages."""
    from bot.translations.preview import prompts

    by_text: dict[str, list[str]] = {}
    for key, text in english.texts.items():
        by_text.setdefault(text, []).append(key)
    messages = prompts(i18n.SOURCE)
    keys = set()
    for message in messages.values():
        for button in message.buttons:
            title = button["title"]
            for key in by_text.get(title, []) + by_text.get(re.sub(r"^\d+\. ", "", title), []):
                if key not in messages:
                    keys.add(key)
    return keys


def recordable_keys(langs: dict[str, i18n.Language] | None = None) -> list[str]:
    """The keys a recording can be made of, in the order of en.yml."""
    langs = langs or i18n.languages()
    english = langs[i18n.SOURCE]
    fixed = set(i18n.helpline_numbers())
    buttons = _button_keys(english)
    return [key for key, text in english.texts.items()
            if not key.startswith(NOT_MESSAGES) and key not in buttons and i18n.placeholders(text) <= fixed]


def spoken_fingerprint(lang: i18n.Language, key: str) -> str | None:
    """The fingerprint of the words a recording of `key` in `lang` must speak (None: the language has no text)."""
    text = lang.texts.get(key)
    return i18n.fingerprint(text) if text else None


@dataclass(frozen=True)
class Recording:
    key: str
    fingerprint: str
    ext: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def version(self) -> str:
        """Changes when the same words are recorded again (same name): from the file's size and time, without
        reading it (GET /i18n asks for every recording of a language)."""
        stat = self.path.stat()
        return hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:10]


def found(code: str, folder: Path | None = None) -> dict[str, Recording]:
    """Every recording kept for a language, by key (the newest file when a key has several)."""
    directory = audio_dir(folder) / code
    if not LANG_CODE.match(code) or not directory.is_dir():
        return {}
    out: dict[str, Recording] = {}
    for path in sorted(directory.iterdir(), key=lambda p: p.stat().st_mtime):
        match = FILE_NAME.match(path.name)
        if match and path.is_file():
            out[match["key"]] = Recording(match["key"], match["fp"], match["ext"], path)
    return out


def statuses(code: str, langs: dict[str, i18n.Language] | None = None,
             folder: Path | None = None) -> dict[str, tuple[str, Recording | None]]:
    """Per recordable key: ("recorded" | "stale" | "missing", the recording kept, if any)."""
    langs = langs or i18n.languages()
    lang = langs[code]
    kept = found(code, folder)
    out = {}
    for key in recordable_keys(langs):
        recording = kept.get(key)
        if recording is None or spoken_fingerprint(lang, key) is None:
            out[key] = ("missing", recording)
        elif recording.fingerprint == spoken_fingerprint(lang, key):
            out[key] = ("recorded", recording)
        else:
            out[key] = ("stale", recording)
    return out


def current(code: str, langs: dict[str, i18n.Language] | None = None,
            folder: Path | None = None) -> dict[str, Recording]:
    """The recordings that speak today's wording (the ones a survivor may hear), by key."""
    return {key: rec for key, (state, rec) in statuses(code, langs, folder).items() if state == "recorded" and rec}


def counts(code: str, langs: dict[str, i18n.Language] | None = None, folder: Path | None = None) -> dict[str, int]:
    table = {"recordable": 0, "recorded": 0, "stale": 0, "missing": 0}
    for state, _ in statuses(code, langs, folder).values():
        table["recordable"] += 1
        table[state] += 1
    return table


def for_page(code: str, langs: dict[str, i18n.Language] | None = None, folder: Path | None = None) -> dict[str, str]:
    """What GET /i18n/<lang>.json says of recordings: {fnv1a(the message as sent): "<file name>?v=<version>"}.
    Empty when the language has none, so a page without recordings weighs nothing more."""
    if not found(code, folder):
        return {}
    langs = langs or i18n.languages()
    out = {}
    for key, recording in current(code, langs, folder).items():
        out[fnv1a(i18n.text(code, key))] = f"{recording.name}?v={recording.version()}"
    return out


def sniff(data: bytes) -> str:
    """The extension of Opus audio in WebM or Ogg, from the bytes themselves; RecordingError otherwise."""
    if data[:4] == b"\x1a\x45\xdf\xa3":  # EBML: Matroska / WebM
        if b"webm" not in data[:64]:
            raise RecordingError("This file is Matroska video, not WebM audio. Record it on this page instead.")
        if b"A_OPUS" not in data[:8192]:
            raise RecordingError("This WebM file is not Opus audio. Record it on this page instead.")
        return "webm"
    if data[:4] == b"OggS":
        if b"OpusHead" not in data[:512]:
            raise RecordingError("This Ogg file is not Opus audio (perhaps Vorbis). Record it on this page, or "
                                 "save it as Ogg Opus.")
        return "ogg"
    raise RecordingError("This is not a recording this page can keep: it takes Opus audio in WebM or Ogg (what the "
                         "Record button makes).")


def save(code: str, key: str, data: bytes, langs: dict[str, i18n.Language] | None = None,
         folder: Path | None = None, *, expected: str | None = None) -> Recording:
    """Keep a recording of `key` in `code` for today's wording; older recordings of that key are removed.

    `expected`: the fingerprint of the text the person saw while recording: when the text changed meanwhile the
    recording is refused (it speaks the old words). Nothing is changed when anything is wrong.
    """
    langs = langs or i18n.languages()
    if code not in langs:
        raise RecordingError("There is no such language.")
    if key not in recordable_keys(langs):
        raise RecordingError("This text cannot be recorded: it is not a message of the bot, or it holds a value that "
                             "changes for each person.")
    spoken = spoken_fingerprint(langs[code], key)
    if spoken is None:
        raise RecordingError("This language has no text for this key yet: translate it first, then record it.")
    if expected is not None and expected != spoken:
        raise RecordingError("The text changed while you were recording. Read the new text, then record again.")
    if not data:
        raise RecordingError("The recording is empty. Record again, and speak after pressing Record.")
    if len(data) > MAX_BYTES:
        raise RecordingError(f"The recording is too big (over {MAX_BYTES // (1024 * 1024)} MB). Keep it under a few "
                             "minutes.")
    ext = sniff(data)
    directory = audio_dir(folder) / code
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{key}.{spoken}.{ext}"
    handle, tmp = tempfile.mkstemp(dir=directory, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for path in directory.iterdir():  # the old takes of this key (older wording, or the other format)
        match = FILE_NAME.match(path.name)
        if match and match["key"] == key and path != target:
            path.unlink(missing_ok=True)
    return Recording(key, spoken, ext, target)


def coverage_columns(langs: dict[str, i18n.Language] | None = None, folder: Path | None = None) -> dict[str, dict]:
    """Per language: recorded (today's wording) and stale recordings, for `imsa-voices translations`."""
    langs = langs or i18n.languages()
    return {code: counts(code, langs, folder) for code in langs}
