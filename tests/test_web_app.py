"""The page server (bot.web) without Rasa: texts endpoint, pages, hand-over, escaping, size budget."""

from __future__ import annotations

import asyncio
import gzip
import re
from html import unescape

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.conversation import handover, i18n
from bot.web import app as web_app
from bot.web import pages

BUDGET_BYTES = 150 * 1024


def fetch(path: str, method: str = "GET", **kwargs):
    """(status, headers, body bytes) from a real aiohttp server on a free port."""

    async def go():
        async with TestClient(TestServer(web_app.make_app("http://127.0.0.1:9"))) as client:
            response = await client.request(method, path, **kwargs)
            return response.status, response.headers, await response.read()

    return asyncio.run(go())


def test_texts_for_every_language_with_direction_and_an_unknown_one_is_404():
    for code, language in i18n.languages().items():
        status, _, body = fetch(f"/i18n/{code}.json")
        assert status == 200
        data = __import__("json").loads(body)
        assert data["lang"] == code and data["dir"] == language.direction
        assert data["texts"]["widget.exit.button"]
        assert "{" not in data["texts"]["help.danger"]  # helpline numbers filled in
        assert data["draft"] == (code != "en" and i18n.all_draft(code))
        menu = {item["code"]: item["draft"] for item in data["languages"]}
        assert set(menu) == set(i18n.languages()) and menu["en"] is False  # every language listed, none hidden
        assert menu["ar"] is i18n.all_draft("ar") is True
    assert fetch("/i18n/xx.json")[0] == 404
    assert fetch("/i18n/..%2Fen.json")[0] == 404


def test_every_widget_text_comes_from_english_translations():
    source = i18n.languages()["en"].texts
    data = pages.widget_texts("en")
    for key in data["texts"]:
        assert key in source
    js = (pages.STATIC / "chat.js").read_text()
    for key in set(re.findall(r'"((?:widget|safety|privacy)\.[\w.]+)"', js)):
        assert key in source, key


def test_only_listed_assets_are_served():
    assert fetch("/static/chat.js")[0] == 200
    for path in ("/static/app.py", "/static/../app.py", "/static/index.html", "/static/page.html"):
        assert fetch(path)[0] == 404


def test_a_text_is_escaped_on_the_server_pages(monkeypatch):
    evil = '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))'
    real = i18n.text
    monkeypatch.setattr(i18n, "text", lambda lang, key, **kw: evil if key.startswith(("safety.", "privacy.")) else
                        real(lang, key, **kw))
    for html in (pages.safety_page("en"), pages.privacy_page("en")):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_privacy_contact_detail_only_when_configured(monkeypatch):
    monkeypatch.delenv("IMSA_PRIVACY_CONTACT", raising=False)
    assert "privacy.contact_detail" not in pages.widget_texts("en")["texts"]
    monkeypatch.setenv("IMSA_PRIVACY_CONTACT", "privacy@example.org <b>")
    assert "privacy@example.org &lt;b&gt;" in pages.privacy_page("en")
    assert pages.widget_texts("en")["texts"]["privacy.contact_detail"].endswith("privacy@example.org <b>")


def test_the_exit_url_is_configurable_and_only_http(monkeypatch):
    monkeypatch.delenv("IMSA_EXIT_URL", raising=False)
    assert 'href="https://www.bbc.co.uk/weather"' in pages.index_page("en")
    monkeypatch.setenv("IMSA_EXIT_URL", "javascript:alert(1)")  # refused: the page does not start with it
    with pytest.raises(ValueError, match="IMSA_EXIT_URL: 'javascript:alert\\(1\\)' must be a web address"):
        pages.exit_url()
    monkeypatch.setenv("IMSA_EXIT_URL", 'https://example.org/?a="b"')
    page = pages.index_page("en")
    # the quotes are escaped (as &#34;, Jinja's autoescape) and the browser reads the address back whole
    assert 'href="https://example.org/?a=&#34;b&#34;"' in page and 'a="b"' not in page
    assert unescape(re.search(r'id="exit-bar".*?href="([^"]*)"', page, re.S)[1]) == 'https://example.org/?a="b"'


def test_handover_makes_a_link_and_a_qr_code_and_refuses_bad_choices():
    status, _, body = fetch("/handover", "POST", json={"lang": "so", "themes": ["civil"], "assisted": "interpreter"})
    assert status == 200
    data = __import__("json").loads(body)
    assert handover.read(data["token"]) == handover.Preset("so", ("civil",), "interpreter")
    assert data["link"].endswith("/?start=" + data["token"])
    status, headers, svg = fetch(data["qr"])
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml") and b"<svg" in svg
    assert fetch("/handover/qr.svg?start=nonsense")[0] == 404
    for bad in ({"lang": "so"}, {"lang": "so", "themes": [], "assisted": "interpreter"}, [], "x"):
        assert fetch("/handover", "POST", json=bad)[0] == 400


def test_a_handover_link_opens_the_page_in_its_language():
    token = handover.make("ur", ["health"], "support_worker_beside")
    status, _, body = fetch("/?start=" + token)
    assert status == 200 and b'<html lang="ur" dir="rtl">' in body
    assert b'<html lang="en" dir="ltr">' in fetch("/?start=forged")[2]


def test_exit_accepts_only_a_sender_id():
    assert fetch("/exit", "POST", data="not a sender")[0] == 400
    assert fetch("/exit", "POST", data="a" * 32)[0] == 503  # no Rasa behind this test server


def test_worker_and_pages_carry_the_security_headers():
    for path in ("/", "/worker", "/safety/en", "/privacy/ar", "/i18n/en.json", "/static/chat.css", "/nope"):
        status, headers, _ = fetch(path)
        assert "script-src 'self'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "DENY"


def test_first_load_is_under_150_kb_compressed():
    """The chat page's first load: the page, its style, its script and its texts, gzip as served."""
    total = 0
    for path in ("/", "/static/chat.css", "/static/chat.js", "/i18n/en.json"):
        status, headers, body = fetch(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200
        size = int(headers.get("Content-Length") or len(gzip.compress(body)))
        assert headers.get("Content-Encoding") == "gzip", path
        total += size
    assert total < BUDGET_BYTES, total


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pages_have_no_inline_script_or_style(lang):
    for html in (pages.index_page(lang), pages.safety_page(lang), pages.privacy_page(lang),
                 pages.worker_page(lang)):
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert "<style" not in html and " style=" not in html and " on" + "click=" not in html


def test_quick_exit_makes_the_tracker_store_forget_the_whole_conversation():
    """POST /exit sends Rasa's /restart; the tracker store then drops every event, not only resets the slots."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, Restarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.rasa.tracker_store import ExpiringMemoryTrackerStore

    store = ExpiringMemoryTrackerStore(Domain.empty())
    tracker = DialogueStateTracker.from_events("s1", [UserUttered("my answer"), ActionExecuted("action_listen")])
    other = DialogueStateTracker.from_events("s2", [UserUttered("someone else"), ActionExecuted("action_listen")])
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(other))
    assert asyncio.run(store.retrieve("s1")) is not None
    for event in (UserUttered("/restart"), Restarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    assert asyncio.run(store.retrieve_full_tracker("s1")) is None
    assert "s1" not in asyncio.run(store.keys())
    assert asyncio.run(store.retrieve("s2")) is not None


def test_before_rasa_has_ever_answered_the_page_says_kindly_that_the_chat_is_starting():
    """`imsa-voices run` starts the page first, while Rasa loads: a message then is told to wait a few seconds."""
    import json

    status, headers, body = fetch("/webhooks/rest/webhook", "POST",
                                  json={"sender": "s" * 32, "message": "hello", "lang": "fr"})
    reply = json.loads(body)
    assert status == 503 and headers["Retry-After"] == "5"
    assert reply == {"error": web_app.STARTING, "text": i18n.text("fr", "widget.error.starting")}
    assert "STARTING = \"%s\"" % web_app.STARTING in (pages.STATIC / "chat.js").read_text()  # the page knows it
