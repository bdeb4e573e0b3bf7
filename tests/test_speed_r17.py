"""Round 17, throughput: the caches and early exits give the answers the uncached paths give."""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from bot.anonymise import redact
from bot.anonymise.engine import SCORE_THRESHOLD, get_redactor
from bot.anonymise.lexicon import fold
from bot.anonymise.recognizers import people
from bot.anonymise.translit import _without_prefix

SENTENCES = [
    "My support worker Joanna rang me on 07700 900456 about the house.",
    "phone number 07700 900789 is the one to use, my postcode is LS6 2QT",
    "Write to me at someone.else@example.org or visit www.example.net/page",
    "I met Sarah yesterday and we walked to the park.",
    "The hotel in Leeds was cold and nobody came to check on us.",
    "رقم هاتفي 07700 900321 واسمي كريم",
    "",
]


def _plain_engine() -> AnalyzerEngine:
    """Presidio's own engine over the same recognizers and tokeniser: the path without this round's shortcuts."""
    ours = get_redactor().analyzer
    return AnalyzerEngine(registry=ours.registry, nlp_engine=ours.nlp_engine,
                          supported_languages=ours.supported_languages, default_score_threshold=SCORE_THRESHOLD,
                          log_decision_process=False)


def _key(results) -> list[tuple]:
    return sorted((r.entity_type, r.start, r.end, round(r.score, 9)) for r in results)


@pytest.mark.parametrize("text", SENTENCES)
def test_the_engine_answers_as_presidio_does(text: str) -> None:
    ours = get_redactor().analyzer
    for language in ("en", "ar"):
        assert _key(ours.analyze(text=text, language=language)) == _key(
            _plain_engine().analyze(text=text, language=language))


def test_a_context_word_still_raises_a_score() -> None:
    # the phone's context words ("phone", "number") are looked for only where a result has them: they still count
    ours = get_redactor().analyzer
    with_word = [r for r in ours.analyze(text="my phone number is 07700 900789", language="en")
                 if r.entity_type == "PHONE"]
    plain = [r for r in _plain_engine().analyze(text="my phone number is 07700 900789", language="en")
             if r.entity_type == "PHONE"]
    assert with_word and [r.score for r in with_word] == [r.score for r in plain]


def test_an_answer_without_context_results_is_not_tokenised(monkeypatch) -> None:
    engine = get_redactor().analyzer.nlp_engine
    calls = []
    real = engine.process_text
    monkeypatch.setattr(engine, "process_text", lambda text, language: calls.append(text) or real(text, language))
    redact("The hotel was cold and nobody came to check on us.", learned=False)
    assert calls == []
    redact("Call me on 07700 900654 tomorrow.", learned=False)
    assert len(calls) == 1


def test_the_registry_keeps_its_answer_and_hands_out_copies() -> None:
    registry = get_redactor().analyzer.registry
    first = registry.get_recognizers("en", ["NAME", "PHONE"])
    fresh = RecognizerRegistry.get_recognizers(registry, "en", ["NAME", "PHONE"])
    assert {id(r) for r in first} == {id(r) for r in fresh}
    first.clear()            # a caller that changes its list changes no one else's
    assert {id(r) for r in registry.get_recognizers("en", ["NAME", "PHONE"])} == {id(r) for r in fresh}
    assert all(r.supported_language == "fr" for r in registry.get_recognizers("fr", ["NAME"]))


@pytest.mark.parametrize("word", ["Sarah", "NRM", "O’Neill", "iPhone", "GP's", "Карим", "карим", "كريم", "ሰላም",
                                  "1234", "A", "ÉLODIE", "İstanbul"])
def test_a_word_shape_is_what_tokenize_worked_out_before(word: str) -> None:
    cased = people._cased(word)
    letters = [c for c in word if c.isalpha()]
    people._word_shape.cache_clear()
    assert people._word_shape(word) == (
        fold(word), cased, cased and word[0].isupper(),
        cased and len(letters) >= 2 and all(c.isupper() for c in letters))
    assert people._word_shape(word) == people._word_shape.__wrapped__(word)   # the cached answer is the same


def test_tokens_are_the_same_when_the_words_come_again() -> None:
    text = "Amina met AMINA and amina. Amina’s friend NRM"
    people._word_shape.cache_clear()
    first = people.tokenize(text)
    assert people.tokenize(text) == first
    assert [(t.key, t.cased, t.capital, t.acronym) for t in first] == [
        people._word_shape.__wrapped__(t.text) for t in first]
    assert [t.acronym for t in first if t.text in ("AMINA", "NRM", "Amina")] == [False, True, True]


def test_only_words_in_the_prefixed_scripts_lose_a_prefix() -> None:
    assert _without_prefix("London") == ["London"]
    assert _without_prefix("") == [""]
    assert _without_prefix("بالمستشفى") == ["بالمستشفى", "مستشفى", "المستشفى"]   # (بال first, then ب)
    assert _without_prefix("ለሰላም") == ["ለሰላም", "ሰላም"]
    assert _without_prefix("بيت") == ["بيت"]          # (three letters left at least)
