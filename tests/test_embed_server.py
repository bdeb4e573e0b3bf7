"""The page server's side of embedding (bot.web.embed) without Rasa: who may frame the chat, embed.js."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from aiohttp import web

from bot.conversation import i18n
from bot.web import app as web_app
from bot.web import embed
from tests.test_web_app import fetch

PARTNER = "https://charity.example"


def test_origins_are_parsed_and_anything_else_is_refused():
    assert embed.parse_origins("") == ()
    assert embed.parse_origins(" https://A.example/, http://127.0.0.1:8080 https://a.example") == (
        "https://a.example", "http://127.0.0.1:8080")
    for bad in ("charity.example", "https://charity.example/page", "https://x.example?a=1", "javascript:alert(1)",
                "*", "https://*.example", "'self'", "https://a.example;script-src"):
        with pytest.raises(ValueError):
            embed.parse_origins(bad)


def test_with_no_invited_site_nothing_may_frame_the_chat_and_there_is_no_embed_script(monkeypatch):
    monkeypatch.delenv("IMSA_EMBED_ORIGINS", raising=False)
    status, headers, _ = fetch("/")
    assert status == 200
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
    assert fetch("/embed.js")[0] == 404


def test_invited_sites_may_frame_the_chat_but_never_the_staff_area(monkeypatch):
    monkeypatch.setenv("IMSA_EMBED_ORIGINS", f"{PARTNER}, https://hostel.example")
    for path in ("/", "/?embed=1", "/safety/en", "/privacy/en", "/i18n/en.json"):
        status, headers, _ = fetch(path)
        assert status == 200, path
        assert f"frame-ancestors {PARTNER} https://hostel.example;" in headers["Content-Security-Policy"], path
        assert "X-Frame-Options" not in headers
    for path in ("/staff/login", "/staff/dashboard"):
        _, headers, _ = fetch(path, allow_redirects=False)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"


def test_embed_js_is_small_loadable_cross_origin_and_carries_every_language(monkeypatch):
    monkeypatch.setenv("IMSA_EMBED_ORIGINS", PARTNER)
    monkeypatch.setenv("IMSA_EXIT_URL", "https://neutral.example/weather")
    status, headers, body = fetch("/embed.js")
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert len(body) < 10 * 1024, len(body)
    text = body.decode()
    assert set(re.findall(r"https?://[a-z0-9.:-]+", text)) == {PARTNER, "https://neutral.example"}
    table = json.loads(re.search(r"var TEXTS = (\{.*?\});", text).group(1))
    assert set(table) == set(i18n.languages())
    assert table["ti"]["launcher"] == i18n.text("ti", "embed.launcher") and table["ar"]["dir"] == "rtl"
    print(f"embed.js: {len(body)} bytes, {len(gzip.compress(body))} gzipped")


def test_the_embedded_and_kiosk_pages_say_so_and_a_language_can_be_asked_for(monkeypatch):
    monkeypatch.setenv("IMSA_EMBED_ORIGINS", PARTNER)
    monkeypatch.setenv("IMSA_KIOSK_IDLE_SECONDS", "90")
    page = fetch("/?embed=1&kiosk=1&lang=ti")[2].decode()
    assert '<html lang="ti" dir="ltr" data-embed="1"' in page and f'data-embed-origins="{PARTNER}"' in page
    assert 'data-kiosk="1" data-kiosk-idle="90" data-kiosk-warning="30"' in page
    plain = fetch("/?lang=xx")[2].decode()
    assert '<html lang="en" dir="ltr">' in plain and "data-embed" not in plain and "data-kiosk" not in plain


def test_the_access_log_never_writes_the_referer(caplog):
    """The request for embed.js carries the partner's page as its Referer: the access log line has only
    the method, the route's pattern, the status and the time (the real server's log is searched in
    tests/test_names_redaction.py::test_access_log_keeps_no_visitor_trace)."""
    import logging

    from aiohttp.test_utils import make_mocked_request

    logger = logging.getLogger("test.access")
    request = make_mocked_request("GET", "/embed.js?x=1", headers={
        "Referer": "https://partner.example/get-involved", "User-Agent": "Canary/1.0"})
    with caplog.at_level(logging.INFO, logger="test.access"):
        web_app.PrivateAccessLogger(logger, "").log(request, web.Response(status=200), 0.002)
    assert caplog.records and "GET" in caplog.text and " 200 " in caplog.text
    assert "partner.example" not in caplog.text and "Canary" not in caplog.text and "x=1" not in caplog.text


def test_quick_exit_asks_the_browser_to_clear_the_chats_storage():
    status, headers, _ = fetch("/exit", "POST", data="0" * 32)
    assert headers.get("Clear-Site-Data") == '"storage"'
