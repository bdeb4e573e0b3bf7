"""Answers into English for staff: the real deep-translator client against a LibreTranslate stub."""

from __future__ import annotations

import pytest

from bot.store.models import Answer
from bot.translate import (
    MAX_ATTEMPTS,
    Backoff,
    ConfigurationError,
    LibreTranslate,
    provider_from_env,
    translate_pending,
)
from tests.libretranslate_stub import LibreTranslateStub


def _answers(store) -> dict[str, Answer]:
    with store.session() as s:
        return {a.question_id: a for a in s.query(Answer).all()}


@pytest.fixture
def saved(store):
    rid = store.create_respondent("ar")
    store.save_answer(rid, "health.barriers", "ar", text="لم أستطع التسجيل عند الطبيب لأنه لم يكن لدي عنوان")
    store.save_answer(rid, "health.solutions", "en", text="Give people an interpreter at the doctor please.")
    store.save_answer(rid, "profile.uk_nation", "ar", choice="wales")
    store.save_answer(rid, "health.good_practice", "ar", text="Call me on 07700 900123 my name is Ann Example")
    return store


def test_no_provider_notes_languages_and_leaves_others_pending(saved):
    counts = translate_pending(saved, None)
    answers = _answers(saved)
    assert answers["health.barriers"].language_detected == "ar"
    assert answers["health.barriers"].translation_status == "pending"
    assert answers["health.solutions"].translation_status == "not_needed"
    assert answers["health.solutions"].text_en == answers["health.solutions"].text
    assert answers["profile.uk_nation"].translation_status == "not_needed"  # a choice, no text
    assert counts.not_needed == 1 and counts.waiting == 2


def test_libretranslate_translates_redacted_text_only(saved):
    with LibreTranslateStub() as stub:
        counts = translate_pending(saved, LibreTranslate(stub.url, "secret-key"))
    answers = _answers(saved)
    assert answers["health.barriers"].translation_status == "done"
    assert answers["health.barriers"].translation_provider == "libretranslate"
    assert answers["health.barriers"].text_en.startswith("EN(ar): لم أستطع")
    assert counts.translated == 2
    sent = " ".join(r["q"] for r in stub.received)
    assert "07700 900123" not in sent and "[PHONE]" in sent  # only redacted text leaves
    assert {r["target"] for r in stub.received} == {"en"} and {r["api_key"] for r in stub.received} == {"secret-key"}


@pytest.mark.parametrize("mode", ["error", "garbage", "slow"])
def test_failures_retry_with_backoff_then_give_up(saved, mode):
    clock = [0.0]
    backoff = Backoff(base=10, clock=lambda: clock[0])
    with LibreTranslateStub(mode=mode, delay=3) as stub:
        provider = LibreTranslate(stub.url, timeout=0.5)
        first = translate_pending(saved, provider, backoff=backoff)
        assert first.retry_later == 2 and first.translated == 0
        again = translate_pending(saved, provider, backoff=backoff)  # too soon: not even tried
        assert again.retry_later == 2 and len(stub.received) == 2
        for _ in range(MAX_ATTEMPTS):
            clock[0] += 10_000
            translate_pending(saved, provider, backoff=backoff)
    answers = _answers(saved)
    assert answers["health.barriers"].translation_status == "failed"
    assert answers["health.barriers"].translation_attempts == MAX_ATTEMPTS
    assert answers["health.barriers"].text  # the original is never lost


def test_provider_down_is_a_retry_not_a_crash(saved):
    provider = LibreTranslate("http://127.0.0.1:9/", timeout=2)  # nothing listens on the discard port
    counts = translate_pending(saved, provider)
    assert counts.retry_later == 2
    assert _answers(saved)["health.barriers"].translation_attempts == 1


def test_a_changed_answer_is_translated_again(saved):
    with LibreTranslateStub() as stub:
        translate_pending(saved, LibreTranslate(stub.url))
        rid = _answers(saved)["health.barriers"].respondent_id
        saved.save_answer(rid, "health.barriers", "ar", text="جواب جديد عن الطبيب والمستشفى والمواعيد")
        assert _answers(saved)["health.barriers"].translation_status == "pending"
        translate_pending(saved, LibreTranslate(stub.url))
    assert _answers(saved)["health.barriers"].text_en.startswith("EN(ar): جواب جديد")


def test_provider_configuration_from_the_environment():
    assert provider_from_env({}) is None
    assert provider_from_env({"TRANSLATION_PROVIDER": "none"}) is None
    lt = provider_from_env({"TRANSLATION_PROVIDER": "libretranslate", "TRANSLATION_URL": "http://lt.local:5000"})
    assert isinstance(lt, LibreTranslate) and lt.url == "http://lt.local:5000"
    with pytest.raises(ConfigurationError, match="TRANSLATION_URL"):
        provider_from_env({"TRANSLATION_PROVIDER": "libretranslate"})
    with pytest.raises(ConfigurationError, match="IMSA_ALLOW_PUBLIC_TRANSLATION"):
        provider_from_env({"TRANSLATION_PROVIDER": "google"})
    assert provider_from_env({"TRANSLATION_PROVIDER": "google", "IMSA_ALLOW_PUBLIC_TRANSLATION": "1"}).name == "google"
    with pytest.raises(ValueError, match="TRANSLATION_PROVIDER: 'deepl' must be one of none, libretranslate, google"):
        provider_from_env({"TRANSLATION_PROVIDER": "deepl"})


def test_topic_codes_are_suggested_from_the_english_translation(store):
    rid = store.create_respondent("ar")
    arabic = "لم أستطع التسجيل عند الطبيب العام في العيادة"
    store.save_answer(rid, "health.barriers", "ar", text=arabic)
    answer = _answers(store)["health.barriers"]
    before = {c.code_id for c in store.codings(answer.id)}
    assert "health.gp_registration" not in before
    with LibreTranslateStub(known={arabic: "I could not register with a GP at the surgery"}) as stub:
        translate_pending(store, LibreTranslate(stub.url))
    after = {(c.code_id, c.source) for c in store.codings(answer.id)}
    assert ("health.gp_registration", "suggested") in after
