"""bot.anonymise against the real Presidio engine (no mocks)."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.anonymise import ENTITY_TYPES, Entity, Redaction, cli_redact, redact
from bot.anonymise.evaluate import PATTERNED_TYPES, evaluate, latin_name_recall, load_corpus

CASES = {
    "NAME": ["My name is Sarah Okafor.", "my caseworker Fiona called", "Mrs Kowalczyk helped",
             "Je m'appelle Aïcha Diallo."],
    "PHONE": ["call 07700 900123", "ring +44 7700 900456 now", "office 020 7946 0958",
              "+84 912 345 678 is my mum"],
    "EMAIL": ["write to fake.person@example.com", "x_y@example.org."],
    "POSTCODE": ["I live in LS1 4AP", "postcode e1 6an", "SW1A1AA"],
    "NINO": ["NI number AB 12 34 56 C", "nino ce123456d"],
    "NHS_NUMBER": ["NHS number 999 590 8301", "nhs 9996613186"],
    "PASSPORT": ["passport no. 123456789", "my passport AL1234567", "Numri i pasaportës: BA 7654321"],
    "REFERENCE": ["Home Office ref B1234567", "BRP ZU1234567", "GWF012345678",
                  "NRM reference NRM-2023-000123"],
    "BANK_ACCOUNT": ["sort code 20-00-00", "account number 12345678",
                     "IBAN GB82 WEST 1234 5698 7654 32"],
    "URL": ["see https://example.com/page", "www.example.org/x"],
    "IP_ADDRESS": ["from 192.0.2.44", "address 2001:db8::1"],
    "DATE_OF_BIRTH": ["I was born on 12/03/1990", "date of birth: 1 January 1985", "DOB 05.11.1999"],
    "ADDRESS": ["I live at 14 High Street", "Flat 3, 22 Mill Lane", "ul. Długa 5"],
}

HARD_NEGATIVES = [
    "I got Section 95 support after a long wait.",
    "I waited 45 days for a decision.",
    "The NRM took more than two years.",
    "The Home Office did not answer my letters.",
    "The Salvation Army found me a safe house.",
    "British Red Cross gave me a phone.",
    "I came from Albania to London in 2019.",
    "I arrived on 12/03/2019 and was taken to a hotel.",
    "Please call me back on the same number.",
    "Please make the forms shorter, i.e. one page.",
    "My visa was refused in 2018.",
    "In May I finally got my biometric residence permit.",
]


@pytest.mark.parametrize(
    "entity,text", [(entity, text) for entity, texts in CASES.items() for text in texts]
)
def test_each_type_is_caught(entity: str, text: str) -> None:
    result = redact(text)
    assert entity in {e.type for e in result.entities}, result
    assert f"[{entity}]" in result.text


def test_every_type_has_cases() -> None:
    assert set(CASES) == set(ENTITY_TYPES)


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_are_untouched(text: str) -> None:
    result = redact(text)
    assert result == Redaction(text=text, entities=())


def test_offsets_point_into_the_original_text() -> None:
    text = "My name is Sarah Okafor, call 07700 900123 or email s.o@example.com (LS1 4AP)."
    result = redact(text)
    spans = {(e.type, text[e.start:e.end]) for e in result.entities}
    assert spans == {
        ("NAME", "Sarah Okafor"),
        ("PHONE", "07700 900123"),
        ("EMAIL", "s.o@example.com"),
        ("POSTCODE", "LS1 4AP"),
    }
    assert result.text == "My name is [NAME], call [PHONE] or email [EMAIL] ([POSTCODE])."
    assert list(result.entities) == sorted(result.entities, key=lambda e: e.start)
    assert all(isinstance(e, Entity) for e in result.entities)


def test_rebuilding_from_offsets_gives_the_redacted_text() -> None:
    text = "Ahmed: 07700 900111. Born 01/02/1990. NI AB123456C. Sort code 20-00-00."
    result = redact(text)
    rebuilt, last = [], 0
    for e in result.entities:
        rebuilt += [text[last:e.start], f"[{e.type}]"]
        last = e.end
    rebuilt.append(text[last:])
    assert "".join(rebuilt) == result.text


def test_cli_json_has_no_original_values() -> None:
    secret = "My name is Sarah Okafor, 07700 900123, AB 12 34 56 C, sarah@example.com"
    out = io.StringIO()
    assert cli_redact(io.StringIO(secret), out, as_json=True) == 0
    payload = json.loads(out.getvalue())
    assert set(payload) == {"text", "entities"}
    for value in ("Sarah", "Okafor", "07700", "900123", "AB 12", "sarah@example.com"):
        assert value not in out.getvalue()
    assert all(set(e) == {"type", "start", "end"} for e in payload["entities"])
    assert {e["type"] for e in payload["entities"]} == {"NAME", "PHONE", "NINO", "EMAIL"}


def test_cli_plain_text() -> None:
    out = io.StringIO()
    assert cli_redact(io.StringIO("call 07700 900123\n"), out, as_json=False) == 0
    assert out.getvalue() == "call [PHONE]\n"


def test_empty_and_whitespace() -> None:
    assert redact("") == Redaction(text="", entities=())
    assert redact("   \n") == Redaction(text="   \n", entities=())


def test_long_input() -> None:
    chunk = "I waited 45 days. My name is Sarah and my number is 07700 900123. "
    text = (chunk * (20_000 // len(chunk) + 1))[:20_000]
    result = redact(text)
    assert len(text) == 20_000
    assert "07700 900123" not in result.text and "Sarah" not in result.text
    assert result.text.count("[PHONE]") >= 290


def test_emoji_and_rtl_pass_through() -> None:
    text = "شكرا 🙏 للمساعدة — אני בסדר 😊 ✌🏽"
    assert redact(text, "ar") == Redaction(text=text, entities=())
    mixed = "اسمي محمد 😊 رقمي 07700 900123"
    result = redact(mixed, "ar")
    assert result.text == "اسمي [NAME] 😊 رقمي [PHONE]"


@pytest.mark.parametrize("language", ["en", "sq", "vi", "ti", "ar", "so", "am", "ro", "pl", "fa",
                                      "prs", "ps", "ckb", "ur", "bn", "zh", "pa", "pt", "fr", "es",
                                      "xx", "pt-BR", ""])
def test_every_language_has_the_pattern_recognizers(language: str) -> None:
    result = redact("07700 900123 AB 12 34 56 C LS1 4AP a@example.com", language)
    assert [e.type for e in result.entities] == ["PHONE", "NINO", "POSTCODE", "EMAIL"]


def test_logging_never_carries_the_text(caplog: pytest.LogCaptureFixture) -> None:
    secret = "My name is Zebedee Quux, call 07700 900999"
    with caplog.at_level(logging.DEBUG):
        logging.getLogger().setLevel(logging.DEBUG)
        redact(secret)
    assert "Zebedee" not in caplog.text and "900999" not in caplog.text


@pytest.fixture(scope="module")
def corpus_scores():
    items = load_corpus()
    return items, evaluate(items)


def test_corpus_is_big_and_varied(corpus_scores) -> None:
    items, scores = corpus_scores
    assert len(items) >= 200
    assert {item.language for item in items} >= {"en", "sq", "ar", "vi", "pl", "ro", "fr", "es", "pt"}
    assert set(scores.expected) == set(ENTITY_TYPES)
    assert sum(1 for item in items if not item.expected) >= 50


def test_corpus_recall_on_patterned_types(corpus_scores) -> None:
    _, scores = corpus_scores
    for entity in PATTERNED_TYPES:
        assert scores.recall(entity) >= 0.98, (entity, scores.recall(entity))


def test_corpus_recall_on_latin_names(corpus_scores) -> None:
    _, scores = corpus_scores
    assert latin_name_recall(scores) >= 0.90


def test_corpus_precision_overall(corpus_scores) -> None:
    _, scores = corpus_scores
    assert scores.precision() >= 0.90
