"""A human voice, end to end, in Debian's Chromium against the real running bot (Rasa, the action server, the page):
a translator records a text on the staff page through a fake microphone (Chromium's --use-fake-device-for-media-stream
with a WAV this test makes), saves it, and the chat's Read aloud plays it (the audio element reaches `ended`), in
Tigrinya and in Arabic (right to left). Messages with neither a recording nor a voice show no Read aloud button.
The new pages pass axe-core at WCAG 2.2 AA; a translator for ti cannot open am's pages nor any other staff page.
"""

from __future__ import annotations

import math
import os
import re
import struct
import wave

import pytest

from bot.conversation import i18n
from bot.staff import users
from bot.store import Store
from tests.browser import PHONE, checked, chromium, page_opener
from tests.servers import running_bot
from tests.staff_helpers import browser_sign_in

pytestmark = pytest.mark.servers
PASSWORD = "correct horse battery"
KEY = "about.question"  # the first question after the language is chosen: it comes with its buttons
MORE_THAN = "(n) => document.querySelectorAll('#log .msg').length > n"


def make_wav(path, seconds: float = 3.0, rate: int = 48000) -> None:
    """A spoken-voice stand-in: a tone that rises and falls, 16-bit mono, made with the wave module."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = bytearray()
        for n in range(int(seconds * rate)):
            pitch = 220 + 80 * math.sin(2 * math.pi * n / rate)
            frames += struct.pack("<h", int(9000 * math.sin(2 * math.pi * pitch * n / rate)))
        out.writeframes(bytes(frames))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("voices")
    url = f"sqlite:///{tmp / 'answers.db'}"
    audio = tmp / "audio"
    old = os.environ.get("IMSA_AUDIO_DIR")
    os.environ["IMSA_AUDIO_DIR"] = str(audio)  # the page server keeps recordings here, not in translations/
    try:
        store = Store(url)
        users.add_user(store, "voice-ti-ar", "translator", PASSWORD, languages=("ti", "ar"))
        users.add_user(store, "voice-ti", "translator", PASSWORD, languages=("ti",))
        with running_bot(url, tmp / "logs") as services:
            yield {"base": f"http://127.0.0.1:{services.ports.web}", "audio": audio, "store": store}
        store.engine.dispose()
    finally:
        if old is None:
            os.environ.pop("IMSA_AUDIO_DIR", None)
        else:
            os.environ["IMSA_AUDIO_DIR"] = old


@pytest.fixture(scope="module")
def microphone_browser(tmp_path_factory):
    """Chromium with a fake microphone that "says" the WAV, and permission to use it without asking."""
    wav = tmp_path_factory.mktemp("microphone") / "voice.wav"
    make_wav(wav)
    with chromium(("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                   f"--use-file-for-fake-audio-capture={wav}", "--autoplay-policy=no-user-gesture-required")) as b:
        yield b


@pytest.fixture
def open_page(microphone_browser):
    with page_opener(microphone_browser, console_errors=True) as _open:
        yield _open


def record(page, base: str, lang: str) -> None:
    page.goto(f"{base}/staff/recordings/{lang}/{KEY}")
    language = i18n.languages()[lang]
    assert page.locator(".to-read").get_attribute("dir") == language.direction
    assert page.locator(".to-read").inner_text() == i18n.text(lang, KEY)
    page.wait_for_selector("#recorder:not([hidden])")
    checked(page, f"staff-recordings-entry-{lang}")
    page.get_by_role("button", name="Record", exact=True).click()
    page.wait_for_function("() => document.getElementById('recorder-status').textContent.startsWith('Recording')")
    page.wait_for_timeout(1800)  # a moment of the fake voice
    page.get_by_role("button", name="Stop").click()
    page.wait_for_selector("#take-box:not([hidden])")
    # the take plays back on the page before it is saved
    page.evaluate("() => { const a = document.getElementById('take'); a.muted = true; return a.play(); }")
    page.wait_for_function("() => document.getElementById('take').currentTime > 0.2")
    checked(page, f"staff-recordings-take-{lang}")
    page.get_by_role("button", name="Save this recording").click()
    page.wait_for_url(re.compile(rf".*/staff/recordings/{lang}/{re.escape(KEY)}\?saved=1$"))
    assert "Saved." in page.locator(".notice").inner_text()
    assert page.locator("main strong").first.inner_text() == "Recorded"


def test_a_translator_records_and_the_chat_plays_it_in_tigrinya_and_arabic(site, open_page):
    base = site["base"]
    page = open_page()
    browser_sign_in(page, base, "voice-ti-ar", PASSWORD, "/staff/recordings")
    checked(page, "staff-recordings")
    assert page.locator("tbody th a").all_inner_texts() == ["Arabic", "Tigrinya"]
    for lang in ("ti", "ar"):
        record(page, base, lang)
        kept = list((site["audio"] / lang).iterdir())
        fingerprint = i18n.fingerprint(i18n.languages()[lang].texts[KEY])
        assert [p.name for p in kept] == [f"{KEY}.{fingerprint}.webm"]
        assert kept[0].read_bytes()[:4] == b"\x1a\x45\xdf\xa3" and kept[0].stat().st_size > 2000
    page.goto(f"{base}/staff/recordings/ar")
    assert "1 of" in page.locator("main p").first.inner_text()
    checked(page, "staff-recordings-language-ar")
    audit = [(a.actor, a.action) for a in site["store"].audit_log()]
    assert audit.count(("voice-ti-ar", "recording_save")) == 2

    for lang in ("ti", "ar"):
        chat = open_page(PHONE)
        # no voice in this browser for any language: only a recording can make Read aloud appear
        chat.add_init_script("""
            Object.defineProperty(speechSynthesis, 'getVoices', {value: () => []});
            window.__ended = [];
            document.addEventListener('ended', (e) => window.__ended.push(e.target.currentSrc), true);
        """)
        audio_requests = []
        chat.on("request", lambda r: audio_requests.append(r.url) if "/audio/" in r.url else None)
        chat.goto(base + "/")
        chat.wait_for_selector(".msg.bot")
        count = chat.locator("#log .msg").count()
        label = {"ti": "ትግርኛ", "ar": "العربية"}[lang]
        chat.locator("#replies button", has_text=label).click()
        chat.wait_for_function(MORE_THAN, arg=count + 1)
        chat.wait_for_selector(f"#log >> text={i18n.text(lang, KEY)}")
        assert chat.evaluate("document.documentElement.dir") == i18n.languages()[lang].direction
        said = chat.locator("#log .msg.bot", has_text=i18n.text(lang, KEY)).last
        other = chat.locator("#log .msg.bot", has_text=i18n.text(lang, "about.what")).last
        read = i18n.text(lang, "widget.read_aloud")
        assert other.get_by_role("button", name=read).count() == 0  # no recording, no voice: no dead button
        assert audio_requests == []  # nothing of the recording before the button is pressed
        said.get_by_role("button", name=read).click()
        chat.wait_for_function("() => window.__ended.length > 0", timeout=15000)
        assert re.search(rf"/audio/{lang}/{re.escape(KEY)}\.[0-9a-f]{{12}}\.webm\?v=[0-9a-f]{{10}}$",
                         chat.evaluate("window.__ended[0]"))
        assert len(audio_requests) >= 1
        checked(chat, f"chat-recording-played-{lang}")


def test_a_translator_for_tigrinya_cannot_open_amharic_nor_other_staff_pages(site, open_page):
    base = site["base"]
    page = open_page()
    browser_sign_in(page, base, "voice-ti", PASSWORD, "/staff")
    assert page.locator("nav a").all_inner_texts() == ["Home", "Translations", "Recordings"]
    for path in ("/staff/recordings/am", f"/staff/recordings/am/{KEY}", "/staff/translations/am",
                 f"/staff/translations/am/{KEY}", "/staff/users", "/staff/dashboard", "/staff/answers",
                 "/staff/audit", "/staff/handover"):
        response = page.goto(base + path)
        assert response.status == 403, path
        assert page.locator("h1").inner_text() == "Not available to you", path
    checked(page, "staff-recordings-refused")
    page.goto(base + "/staff/recordings")
    assert page.locator("tbody th a").all_inner_texts() == ["Tigrinya"]
