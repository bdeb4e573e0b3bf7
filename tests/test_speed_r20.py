"""Round 20, throughput: the digit gate (gate.digit_gated) gives what the plain recognizer gave, on sentences with
identifiers in every digit system, at the gate's boundary (one digit fewer than a result needs, and exactly as many)
and on random text; and every result of a gated recognizer stands in a text with as many digits as its gate asks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.anonymise import redact
from bot.anonymise.evaluate import load_corpus
from bot.anonymise.fold import fold
from bot.anonymise.recognizers import documents, uk
from bot.anonymise.recognizers.gate import DIGIT, digit_gated, enough_digits

GATED = [documents.PassportRecognizer, documents.CardCueRecognizer, documents.ReferenceCueRecognizer,
         documents.ReferenceFormatRecognizer, uk.UkPostcodeRecognizer, uk.NinoCueRecognizer]

# the same digits in the digit systems people type: ASCII, Arabic-Indic, Persian, Bengali, Devanagari, Gurmukhi,
# full-width; and numerals that are no decimal digits (Ge'ez, Han, superscripts), which no gated rule reads
SYSTEMS = [str.maketrans("0123456789", digits) for digits in
           ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "০১২৩৪৫৬৭৮৯", "०१२३४५६७८९", "੦੧੨੩੪੫੬੭੮੯", "０１２３４５６７８９")]
OTHER_NUMERALS = ["ፓስፖርት ቁጥሬ ፩፪፫፬፭፮፯ ነው", "护照号码一二三四五六七八九", "passport number ¹²³⁴⁵⁶⁷",
                  "NI number QQ ²³ ⁴⁵ ⁶⁷ C"]

# written for these tests: each gated rule's identifiers, and the same with a digit fewer
SENTENCES = [
    "My passport number is AB123456 and my card no zx 902 1176.",
    "passport 123456, passport 12345, passport AB12345",           # six digits: a passport's; five: not
    "серия 45 12 номер 345678, and the ID card is C7Q 55 1902",
    "The Home Office reference is HO/2231/77654 and my case number 12AB/34567/24.",
    "share code W4X 9K2 7PZ; share code WAX 9K2 PPZ; ref 1A",        # two digits in the share code: the least
    "my case ref is AB12 CD34 and NRM 12345, court 1234 of 12/03",
    "GWF123456789 1234-5678-9012-3456 ZT 558 102 4 HO 5512 0098 NRM-2023-000123 T20237788 01/234567/24",
    "2024 NRM 0123 and 23 HO 556102; AB/12/345 HO-4471-2290-K",     # the file reference's five digits
    "I live at SW1A 1AA, then e1 6an, then GIR 0AA, near E17, in NW10, Cardiff CF24 area",
    "postcode M1 1AE; M11AE; zz993cz; B12 3rd; M6 5pm",
    "My NI number is QQ 12 34 56 C, national insurance TW9O4417A, NI number 20 44 18 C",
    "NI number QQ 12 34 5 C and NI no QQ1234C",                      # five digits: the least a NINO cue takes
    "GB 22 10 93 B that is my insurance number",
    "رقم جواز سفري AB1234567 وكود البريد E1 6AN",
    "شماره پاسپورت من ۱۲۳۴۵۶۷۸ است و کد پستی SW1A ۱AA",
    "আমার পাসপোর্ট নম্বর ১২৩৪৫৬৭৮৯, NI number QQ ১২ ৩৪ ৫৬ C",
    "मेरा पासपोर्ट नंबर Z१२३४५६७ है",
    "护照号码E12345678在警察那里，国民保险号码QQ123456C，邮编是E14 9XP",
    "ＮＩ ｎｕｍｂｅｒ ＱＱ１２３４５６Ｃ, passport ＡＢ１２３４５６７",
    "no digits at all: passport, reference, NI number, postcode, share code",
    "",
]
BOUNDARY_WORDS = ("passport", "no", "ref", "case", "NI", "number", "postcode", "share", "code", "is", "HO", "NRM",
                  "AB", "QQ", "C", "W4X", "SW1A", "1AA", "12", "3", "45", "678", "/", "-", "9K2", "of", "card")


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rng.choice(BOUNDARY_WORDS) for _ in range(rng.randint(1, 14))]
        texts.append(rng.choice(["", " ", "-", "/"]).join(words) if rng.random() < 0.2 else " ".join(words))
    return texts


def in_every_system(texts: list[str]) -> list[str]:
    return [text.translate(table) for text in texts for table in SYSTEMS]


CORPUS = Path(__file__).parent / "data" / "redaction_corpus.yml"
TEXTS = in_every_system(SENTENCES) + OTHER_NUMERALS + random_texts(600, seed=20)


def _found(results) -> list[tuple]:
    return [(r.entity_type, r.start, r.end, r.score) for r in results]


def test_enough_digits_counts_every_script():
    assert enough_digits("ab 1", 1) and not enough_digits("ab", 1)
    assert enough_digits("١٢٣", 3) and enough_digits("১২৩", 3) and enough_digits("１２３", 3)
    assert not enough_digits("١٢٣", 4)
    assert not enough_digits("፩፪፫ 一二三 ¹²³", 1)     # no decimal digits (Unicode No, Lo): no \d matches them either
    assert len(DIGIT.findall("0٠۰০०੦０")) == 7


def test_gated_recognizers_are_wrapped():
    for cls in GATED:
        assert cls.analyze.__wrapped__ is not None and cls.MIN_DIGITS >= 1


@pytest.mark.parametrize("cls", GATED, ids=lambda c: c.__name__)
def test_gated_same_as_plain(cls):
    recognizer = cls()
    plain = cls.analyze.__wrapped__
    hits = 0
    for text in TEXTS:
        for seen in {text, fold(text)}:
            gated = _found(recognizer.analyze(seen, recognizer.supported_entities, None))
            assert gated == _found(plain(recognizer, seen, recognizer.supported_entities, None)), seen
            hits += bool(gated)
    assert hits >= 5


@pytest.mark.parametrize("cls", GATED, ids=lambda c: c.__name__)
def test_every_result_has_the_gates_digits(cls):
    # the gate's premise, on the texts above and the redaction corpus: a text the plain recognizer finds something
    # in holds at least MIN_DIGITS digits, and one digit fewer is below what it finds in (the gate is no looser
    # than needed where these texts reach it)
    recognizer = cls()
    plain = cls.analyze.__wrapped__
    fewest = None
    for text in TEXTS + [item.text for item in load_corpus(CORPUS)]:
        seen = fold(text)
        if plain(recognizer, seen, recognizer.supported_entities, None):
            count = len(DIGIT.findall(seen))
            assert count >= cls.MIN_DIGITS, seen
            fewest = count if fewest is None else min(fewest, count)
    assert fewest is not None


def test_boundary_one_digit_fewer():
    # exactly as many digits as the gate asks: found; one fewer: nothing, with the gate and without
    cases = [(documents.PassportRecognizer, "passport 123456", "passport 12345"),
             (uk.NinoCueRecognizer, "NI number QQ 12 34 5 C", "NI number QQ 12 34 C"),
             (uk.UkPostcodeRecognizer, "near E1 area", "near E area"),
             (documents.ReferenceFormatRecognizer, "NRM 23/123", "NRM 23/12")]
    for cls, found, not_found in cases:
        recognizer = cls()
        plain = cls.analyze.__wrapped__
        assert len(DIGIT.findall(found)) == cls.MIN_DIGITS
        assert recognizer.analyze(found, recognizer.supported_entities, None)
        assert plain(recognizer, found, recognizer.supported_entities, None)
        assert not recognizer.analyze(not_found, recognizer.supported_entities, None)
        assert not plain(recognizer, not_found, recognizer.supported_entities, None)


def test_redact_through_the_gates():
    # the whole path: identifiers in other digit systems still reach the gated rules (read in the folded copy)
    assert "[PASSPORT]" in redact("شماره پاسپورت من ۱۲۳۴۵۶۷۸ است", "fa", learned=False).text
    assert "[NINO]" in redact("My NI number is QQ ١٢ ٣٤ ٥٦ C", "en", learned=False).text
    assert not redact("I have no passport and no NI number yet", "en", learned=False).entities


def test_gate_with_presidio_keywords():
    # Presidio calls analyze with keywords (text=..., entities=..., nlp_artifacts=...)
    recognizer = uk.UkPostcodeRecognizer()
    assert recognizer.analyze(text="SW1A 1AA", entities=["POSTCODE"], nlp_artifacts=None)
    assert recognizer.analyze(text="no code", entities=["POSTCODE"], nlp_artifacts=None) == []

    @digit_gated(2)
    class Echo:
        def analyze(self, text, entities, nlp_artifacts=None):
            return [text]

    assert Echo().analyze("a1", []) == [] and Echo().analyze(text="a12", entities=[]) == ["a12"]
