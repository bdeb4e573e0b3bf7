"""Recorded voices (bot/translations/recordings.py) and the page server's /audio/ route, without Rasa: which texts can
be recorded, names by the fingerprint of the words spoken, stale when the text changes, the checks on a file, what GET
/i18n says, and the coverage table. The real recording, in a real browser with a fake microphone, is in
tests/test_recordings_browser.py."""

from __future__ import annotations

import asyncio
import json
import shutil

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.conversation import i18n
from bot.paths import TRANSLATIONS
from bot.translations import recordings
from bot.translations.preview import preview, preview_context
from bot.translations.yaml_file import update_file
from bot.web import app as web_app

# the first bytes of what browsers record: Chromium's WebM (EBML, DocType webm, codec A_OPUS), Firefox's Ogg Opus
WEBM = (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 40
        + b"\x86\x86A_OPUS" + b"\x01" * 300)
OGG = b"OggS\x00\x02" + b"\x00" * 22 + b"\x13OpusHead\x01\x01" + b"\x02" * 300


@pytest.fixture
def audio(tmp_path, monkeypatch):
    folder = tmp_path / "audio"
    monkeypatch.setenv("IMSA_AUDIO_DIR", str(folder))
    return folder


def fetch(path: str, **kwargs):
    async def go():
        async with TestClient(TestServer(web_app.make_app("http://127.0.0.1:9"))) as client:
            response = await client.get(path, **kwargs)
            return response.status, response.headers, await response.read()

    return asyncio.run(go())


def test_only_messages_with_the_same_words_for_everyone_can_be_recorded():
    keys = recordings.recordable_keys()
    assert {"welcome.text", "consent.question", "q.health.barriers", "help.danger", "end.thanks"} <= set(keys)
    assert "help.danger" in keys and "{emergency}" in i18n.languages()["en"].texts["help.danger"]  # a helpline: fixed
    for key in ("end.code", "pause.code", "progress", "themes.picked"):  # a code or a count: changes per person
        assert key not in keys
    for key in ("consent.yes", "age.no", "control.skip", "nation.wales", "themes.done"):  # button titles
        assert key not in keys
    assert not [k for k in keys if k.startswith(("widget.", "safety.", "privacy.", "embed."))]


def test_a_file_must_be_opus_in_webm_or_ogg():
    assert recordings.sniff(WEBM) == "webm" and recordings.sniff(OGG) == "ogg"
    for bad, says in ((b"RIFF\x00\x00\x00\x00WAVEfmt ", "not a recording this page can keep"),
                      (b"ID3\x03\x00" + b"\x00" * 100, "not a recording this page can keep"),
                      (b"OggS" + b"\x00" * 24 + b"\x01vorbis" + b"\x00" * 50, "not Opus audio"),
                      (WEBM.replace(b"A_OPUS", b"V_VP8\x00"), "not Opus audio"),
                      (WEBM.replace(b"webm", b"mkvx"), "Matroska video")):
        with pytest.raises(recordings.RecordingError, match=says):
            recordings.sniff(bad)


def test_a_recording_is_named_by_its_words_and_goes_stale_when_they_change(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, folder, ignore=shutil.ignore_patterns("audio"))
    langs = i18n.load_languages(folder)
    ti = langs["ti"]
    spoken = i18n.fingerprint(ti.texts["consent.question"])
    kept = recordings.save("ti", "consent.question", OGG, langs, folder, expected=spoken)
    assert kept.path == folder / "audio" / "ti" / f"consent.question.{spoken}.ogg"
    assert kept.path.read_bytes() == OGG
    assert recordings.statuses("ti", langs, folder)["consent.question"][0] == "recorded"
    assert recordings.counts("ti", langs, folder) == {
        "recordable": len(recordings.recordable_keys(langs)), "recorded": 1, "stale": 0,
        "missing": len(recordings.recordable_keys(langs)) - 1}
    # recorded again, in the other format: one file stays
    again = recordings.save("ti", "consent.question", WEBM, langs, folder)
    assert sorted(p.name for p in (folder / "audio" / "ti").iterdir()) == [again.path.name]
    # the English changes, the Tigrinya does not: the recording still speaks what the survivor sees
    english = folder / "en.yml"
    assert langs["en"].texts["consent.question"] in english.read_text()
    english.write_text(english.read_text().replace(langs["en"].texts["consent.question"],
                                                   "Do you agree to give your answers now?", 1))
    assert i18n.load_languages(folder)["ti"].statuses["consent.question"] == i18n.NEEDS_REVIEW
    assert recordings.statuses("ti", i18n.load_languages(folder), folder)["consent.question"][0] == "recorded"
    # the Tigrinya changes: stale, not played, listed
    update_file(folder / "ti.yml", {"consent.question": {"text": "ሓድሽ ጽሑፍ", "status": "draft"}})
    langs = i18n.load_languages(folder)
    assert recordings.statuses("ti", langs, folder)["consent.question"][0] == "stale"
    assert recordings.current("ti", langs, folder) == {}
    assert recordings.counts("ti", langs, folder)["stale"] == 1
    # a take of the old words, sent after the text changed, is refused and changes nothing
    with pytest.raises(recordings.RecordingError, match="text changed while you were recording"):
        recordings.save("ti", "consent.question", OGG, langs, folder, expected=spoken)
    assert sorted(p.name for p in (folder / "audio" / "ti").iterdir()) == [again.path.name]


def test_what_cannot_be_kept_is_refused_and_nothing_is_written(tmp_path):
    folder = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, folder, ignore=shutil.ignore_patterns("audio"))
    langs = i18n.load_languages(folder)
    for key, data, says in (("end.code", OGG, "cannot be recorded"), ("widget.title", OGG, "cannot be recorded"),
                            ("consent.question", b"", "empty"),
                            ("consent.question", OGG + b"\x00" * recordings.MAX_BYTES, "too big"),
                            ("consent.question", b"<html>", "not a recording")):
        with pytest.raises(recordings.RecordingError, match=says):
            recordings.save("ar", key, data, langs, folder)
    assert not (folder / "audio" / "ar").exists() or not list((folder / "audio" / "ar").iterdir())


def test_the_page_server_plays_only_todays_wording_and_says_which_messages_have_a_voice(audio):
    key = "welcome.text"
    kept = recordings.save("ar", key, WEBM)
    data = json.loads(fetch("/i18n/ar.json")[2])
    name = data["recordings"][recordings.fnv1a(i18n.text("ar", key))]
    assert name == f"{kept.name}?v={kept.version()}" and len(data["recordings"]) == 1
    assert json.loads(fetch("/i18n/ti.json")[2])["recordings"] == {}  # no recording: nothing more to load
    status, headers, body = fetch(f"/audio/ar/{name}")
    assert (status, headers["Content-Type"], body) == (200, "audio/webm", WEBM)
    assert headers["Cache-Control"] == "no-store" and headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Encoding" not in headers  # Opus is compressed already
    assert fetch(f"/audio/ar/{name}", headers={"If-None-Match": headers["ETag"]})[0] == 304
    for wrong in (f"/audio/ar/{kept.name}?v=0000000000",  # a take replaced since
                  f"/audio/ar/{key}.000000000000.webm",  # other words
                  f"/audio/ar/{kept.name.replace('.webm', '.ogg')}",
                  f"/audio/ti/{kept.name}", f"/audio/xx/{kept.name}", "/audio/ar/..%2F..%2Fen.yml",
                  f"/audio/ar/{key}", "/audio/ar/end.code.123456789abc.webm"):
        assert fetch(wrong)[0] == 404, wrong
    # the words change: the old recording is no longer served nor offered
    (audio / "ar" / kept.name).rename(audio / "ar" / f"{key}.{'0' * 12}.webm")
    assert json.loads(fetch("/i18n/ar.json")[2])["recordings"] == {}
    assert fetch(f"/audio/ar/{key}.{'0' * 12}.webm")[0] == 404


def test_the_coverage_table_counts_recordings(audio):
    recordings.save("am", "consent.question", OGG)
    (audio / "am" / f"welcome.text.{'0' * 12}.ogg").write_bytes(OGG)  # a recording of older words
    row = i18n.coverage()["am"]
    assert (row["recorded"], row["stale_recordings"], row["recordable"]) == (1, 1, len(recordings.recordable_keys()))
    report = i18n.coverage_report().splitlines()
    assert report[0].split()[-2:] == ["recorded", "stale"]
    am = next(line for line in report if line.startswith("am "))
    assert am.split()[-2:] == [f"1/{row['recordable']}", "1"]


def test_the_preview_shows_a_message_with_its_buttons_in_the_language():
    text, choices, controls = preview("ar", "consent.question")
    assert text == i18n.text("ar", "consent.question")
    assert choices == [i18n.text("ar", "consent.yes"), i18n.text("ar", "consent.no")]
    assert i18n.text("ar", "control.skip") in controls and i18n.text("ar", "control.help") in controls
    context = preview_context("ar", "consent.question")
    assert (context["dir"], context["lang"]) == ("rtl", "ar")
    assert context["groups"][0][1] == i18n.text("ar", "widget.choices.label")
    assert preview("ti", "help.danger")[1:] == ([], [])  # said on the way: no buttons of its own
    welcome = preview("en", "welcome.text")[1]
    assert "العربية (Arabic)" in welcome or any("Arabic" in title for title in welcome)


def test_the_first_load_stays_under_150_kb_with_every_text_recorded(audio):
    """Recordings add a hash and a file name per recorded message to GET /i18n, and no audio, to the first load."""
    import gzip

    from tests.test_web_app import BUDGET_BYTES

    for key in recordings.recordable_keys():
        recordings.save("ar", key, WEBM)
    sizes = {}
    for path in ("/?lang=ar", "/static/chat.css", "/static/chat.js", "/i18n/ar.json"):
        status, headers, body = fetch(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", path
        sizes[path] = int(headers.get("Content-Length") or len(gzip.compress(body)))
    assert len(json.loads(fetch("/i18n/ar.json")[2])["recordings"]) == len(recordings.recordable_keys())
    print(f"first load with every Arabic text recorded: {sum(sizes.values())} bytes gzip {sizes}")
    assert sum(sizes.values()) < BUDGET_BYTES


# --- saving through the staff page, over real HTTP -------------------------------------------------------------------
def test_saving_checks_the_type_size_and_wording_and_is_audited(audio, sqlite_store):
    from bot.staff import users
    from tests.staff_helpers import sign_in

    users.add_user(sqlite_store, "voice-ar", "translator", "correct horse battery", languages=("ar",))
    path = "/staff/recordings/ar/consent.question"
    spoken = i18n.fingerprint(i18n.languages()["ar"].texts["consent.question"])

    async def go():
        app = web_app.make_app("http://127.0.0.1:9")
        app["staff_store"] = sqlite_store
        async with TestClient(TestServer(app)) as client:
            csrf = await sign_in(client, "voice-ar", "correct horse battery")
            page = await client.get(path)
            html = await page.text()
            assert page.status == 200 and f'data-fingerprint="{spoken}"' in html
            assert "microphone=(self)" in page.headers["Permissions-Policy"]
            assert "media-src 'self' blob:" in page.headers["Content-Security-Policy"]
            chat = await client.get("/")
            assert "microphone=()" in chat.headers["Permissions-Policy"]  # the microphone: the recording pages only

            async def send(data, kind="audio/webm", fingerprint=spoken, csrf_token=csrf):
                response = await client.post(path, data=data, headers={
                    "X-CSRF-Token": csrf_token, "Content-Type": kind, "X-Text-Fingerprint": fingerprint,
                    "Accept": "application/json"})
                return response.status, await response.json()

            results = {
                "wav": await send(b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 64, "audio/wav"),
                "html": await send(b"<html></html>", "audio/webm"),
                "vorbis": await send(b"OggS" + b"\x00" * 24 + b"\x01vorbis" + b"\x00" * 64, "audio/ogg"),
                "big": await send(WEBM + b"\x00" * recordings.MAX_BYTES),
                "changed": await send(WEBM, fingerprint="0" * 12),
                "no csrf": await send(WEBM, csrf_token="wrong" * 9),
                "other text": (await client.post("/staff/recordings/ar/end.code", data=WEBM, headers={
                    "X-CSRF-Token": csrf, "Content-Type": "audio/webm"})).status,
            }
            assert not (audio / "ar").exists() or not list((audio / "ar").iterdir())  # nothing kept so far
            results["good"] = await send(WEBM)
            kept = await client.get(path + "/audio")
            results["kept"] = (kept.status, kept.content_type, await kept.read())
            return results

    results = asyncio.run(go())
    assert results["wav"][0] == 415 and "Opus audio in WebM or Ogg" in results["wav"][1]["error"]
    assert results["html"][0] == 400 and "not a recording" in results["html"][1]["error"]
    assert results["vorbis"][0] == 400 and "not Opus audio" in results["vorbis"][1]["error"]
    assert results["big"][0] == 413 and "too big" in results["big"][1]["error"]
    assert results["changed"][0] == 400 and "text changed while you were recording" in results["changed"][1]["error"]
    assert results["no csrf"][0] == 403 and "Nothing was changed" in results["no csrf"][1]["error"]
    assert results["other text"] == 404  # a code changes per person: not recordable
    status, body = results["good"]
    assert status == 200 and body["saved"].startswith(path + "/audio?v=")
    assert body["next"].startswith("/staff/recordings/ar/")
    assert results["kept"] == (200, "audio/webm", WEBM)
    assert [p.name for p in (audio / "ar").iterdir()] == [f"consent.question.{spoken}.webm"]
    saves = [(a.actor, a.action, a.detail) for a in sqlite_store.audit_log() if a.action == "recording_save"]
    assert saves == [("voice-ar", "recording_save", f"ar consent.question {spoken} {len(WEBM)} bytes")]
