"""Every language has every text, with the same placeholders as English."""

from __future__ import annotations

import pytest

from bot.conversation import i18n

REQUIRED = ["en", "sq", "vi", "ti", "ar", "so", "am", "ro", "pl", "fa", "prs", "ps", "ckb", "ur", "bn", "zh", "pa",
            "pt", "fr", "es"]
RTL = {"ar", "fa", "prs", "ps", "ckb", "ur"}


def test_at_least_the_languages_survivors_speak():
    assert set(REQUIRED) <= set(i18n.languages())


@pytest.mark.parametrize("code", REQUIRED)
def test_every_key_present_not_empty_with_the_same_placeholders(code):
    assert i18n.check_language(code) == []


@pytest.mark.parametrize("code", REQUIRED)
def test_direction_native_name_and_status(code):
    language = i18n.languages()[code]
    assert language.rtl == (code in RTL)
    assert language.native_name and language.name
    assert set(language.statuses.values()) <= {"draft", "reviewed", "needs_review", "source"}
    if code != "en":
        assert i18n.all_draft(code) == (not any(v == "reviewed" for v in language.statuses.values()))


@pytest.mark.parametrize("code", [c for c in REQUIRED if c != "en"])
def test_every_entry_records_the_english_it_was_made_from(code):
    """Without the fingerprint nobody can tell when the English changes under a review."""
    language = i18n.languages()[code]
    unmarked = [key for key in language.texts if not language.sources.get(key)]
    assert unmarked == [], f"run `imsa-voices translations fingerprint` ({len(unmarked)} entries in {code})"


def test_native_names_in_their_own_scripts():
    names = {c: i18n.languages()[c].native_name for c in REQUIRED}
    assert names["sq"] == "Shqip" and names["vi"] == "Tiếng Việt" and names["ar"] == "العربية"
    assert names["ti"] == "ትግርኛ" and names["am"] == "አማርኛ" and "中文" in names["zh"]


def test_the_check_finds_missing_keys_and_placeholder_mismatches(monkeypatch):
    ar = i18n.languages()["ar"]
    broken = dict(ar.texts)
    broken.pop("welcome.text")
    broken["end.code"] = broken["end.code"].replace("{code}", "{kod}")
    monkeypatch.setitem(ar.texts, "welcome.text", "")
    monkeypatch.setitem(ar.texts, "end.code", broken["end.code"])
    problems = i18n.check_language("ar")
    assert "welcome.text: empty" in problems
    assert any(p.startswith("end.code: placeholders") for p in problems)


def test_rtl_texts_isolate_numbers_and_codes():
    text = i18n.text("ar", "end.code", code="ABCD-2345")
    assert "\u2068ABCD-2345\u2069" in text
    assert "\u2068" + i18n.helpline_numbers()["helpline"] + "\u2069" in i18n.text("ar", "help.helpline")
    assert "\u2068" not in i18n.text("sq", "end.code", code="ABCD-2345")


def test_a_missing_text_falls_back_to_english_never_a_bare_key(monkeypatch):
    monkeypatch.delitem(i18n.languages()["sq"].texts, "answer.saved")
    assert i18n.text("sq", "answer.saved") == i18n.text("en", "answer.saved")
