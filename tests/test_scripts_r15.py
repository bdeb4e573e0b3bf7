"""Round 15, precision in the scripts without Latin letters: UK services written by their sound (Ситизенс Эдвайс,
سالویشن آرمی, जीपी) and the provinces of the survivors' countries in their own scripts are no names; the names
beside them still are (sentences written for these tests, not from the corpus)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.translit import english_skeleton, is_region, matches, skeletons


def kept(text: str, language: str) -> bool:
    return "[NAME]" not in redact(text, language, False).text


@pytest.mark.parametrize("text, language", [
    ("в Ситизенс Эдвайс мне объяснили про Юниверсал Кредит", "ru"),
    ("Мігрант Хелп обіцяли передзвонити завтра", "uk"),
    ("Сальвейшн Армі дали нам ковдри", "uk"),
    ("пошла в Джоб Центр в понедельник", "ru"),
    ("ذهبت إلى سيتيزنز أدفايس يوم الخميس", "ar"),
    ("اتصلت بسالفيشن آرمي أمس", "ar"),
    ("مایگرنت هلپ هنوز جواب نداده", "fa"),
    ("جاب سنتر ته ولاړم خو څوک نه و", "ps"),
    ("یونیورسل کریڈٹ ابھی تک نہیں آیا", "ur"),
    ("ሳልቬሽን አርሚ ልብስ ሰጡኝ", "am"),
    ("ለማይግራንት ሄልፕ ደወልኩ", "am"),
    ("ਜੌਬ ਸੈਂਟਰ ਵਿੱਚ ਅੱਜ ਮੀਟਿੰਗ ਸੀ", "pa"),
    ("সিটিজেনস অ্যাডভাইস ফর্ম পূরণ করেছে", "bn"),
    ("कल जीपी से मिलने जाना है", "hi"),
    ("मेरे पास बीआरपी नहीं है", "hi"),
])
def test_a_uk_service_written_by_its_sound_is_no_name(text: str, language: str) -> None:
    assert kept(text, language)


@pytest.mark.parametrize("text, language, name", [
    ("سعيد أخذني إلى سيتيزنز أدفايس", "ar", "سعيد"),
    ("Петро ходив зі мною до Сітізенс Едвайс", "uk", "Петро"),
    ("सुनील मुझे जीपी के पास ले गया", "hi", "सुनील"),
    ("طاهر مرا به جاب سنتر برد", "fa", "طاهر"),            # Tahir: the skeleton of Takhar, and a name
    ("با بهار رفتیم دکتر", "fa", "بهار"),                   # Bahar: sounds like Bihar, no place stands here
    ("کل کرن نے مجھے فون کیا", "ur", "کرن"),               # Kiran: a small town's name too
])
def test_a_name_beside_a_service_is_still_a_name(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text, language", [
    ("پدرم هنوز در کندز و بدخشان است", "fa"),
    ("پلار مې په ننګرهار کې دی، ورور مې په کندهار کې", "ps"),   # in Nangarhar ... in Kandahar
    ("я из Херсона, сейчас в Лондоне", "ru"),
])
def test_a_province_in_its_own_script_is_no_name(text: str, language: str) -> None:
    assert kept(text, language)


def test_skeletons_agree_across_scripts() -> None:
    target = english_skeleton("Salvation")
    for word in ("سالویشن", "Сальвейшн", "ሳልቬሽን", "সালভেশন", "ਸਾਲਵੇਸ਼ਨ", "सैल्वेशन"):
        assert target in skeletons(word), word
    assert english_skeleton("Citizens") in skeletons("سيتيزنز")


def test_matching_is_whole_and_in_order() -> None:
    assert matches("هلپ مایگرنت".split()) == []                 # Help Migrant: not the service
    assert matches("آرمی".split()) == []                         # Army alone is no service
    assert matches("بمایگرنت هلپ".split()) == [(0, 2)]           # a preposition joined on
    assert not is_region("प्रीति")                                # a name in a script with vowels
    assert is_region("کندز")
