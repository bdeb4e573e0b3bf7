"""Language detection: langdetect suggests; script rules cover what it cannot."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.conversation.language import detect


@pytest.mark.parametrize(
    "text,code",
    [
        ("Nuk mund të gjeja një mjek sepse nuk kisha adresë", "sq"),
        ("Tôi không thể đăng ký với bác sĩ vì tôi không có địa chỉ", "vi"),
        ("لم أستطع التسجيل عند الطبيب لأنه لم يكن لدي عنوان", "ar"),
        ("Ma awoodin inaan dhakhtar arko sababtoo ah ma lahayn cinwaan", "so"),
        ("Nu am putut să mă înregistrez la medic pentru că nu aveam adresă", "ro"),
        ("Nie mogłem zapisać się do lekarza, bo nie miałem adresu", "pl"),
        ("مجھے ڈاکٹر کے پاس رجسٹر ہونے میں بہت مشکل ہوئی کیونکہ میرا پتہ نہیں تھا", "ur"),
        ("আমার ঠিকানা ছিল না তাই আমি ডাক্তারের কাছে নাম লেখাতে পারিনি", "bn"),
        ("我没有地址，所以不能在医生那里登记", "zh"),
        ("ਮੇਰੇ ਕੋਲ ਪਤਾ ਨਹੀਂ ਸੀ ਇਸ ਲਈ ਮੈਂ ਡਾਕਟਰ ਕੋਲ ਨਾਮ ਨਹੀਂ ਲਿਖਾ ਸਕਿਆ", "pa"),
        ("Não consegui registar-me no médico porque não tinha morada", "pt"),
        ("Je n'ai pas pu m'inscrire chez le médecin car je n'avais pas d'adresse", "fr"),
        ("No pude registrarme con el médico porque no tenía dirección", "es"),
        ("I could not register with a doctor because I had no address", "en"),
        # langdetect has no profile for these: script, letters and words decide
        ("ኣድራሻ ስለዘይነበረኒ ኣብ ሓኪም ክምዝገብ ኣይከኣልኩን እዩ", "ti"),
        ("አድራሻ ስለሌለኝ ሐኪም ጋር መመዝገብ አልቻልኩም ነበር", "am"),
        ("زه ډاکټر ته نه شوم ورتلای ځکه چې پته مې نه درلوده", "ps"),
        ("نەمتوانی لای پزیشک خۆم تۆمار بکەم چونکە ناونیشانم نەبوو", "ckb"),
        ("من نتوانستم پیش داکتر نام نویسی کنم چون آدرس نداشتم تشکر", "prs"),
        ("من نتونستم پیش دکتر ثبت نام کنم چون آدرس نداشتم خیلی سخت بود", "fa"),
    ],
)
def test_languages_survivors_speak_are_recognised(text, code):
    guess = detect(text)
    assert guess.code == code, guess


@pytest.mark.parametrize("text", ["yes", "ok", "no", "hello", "👍", "12345", "", "ሰላም"])
def test_short_replies_are_not_trusted(text):
    assert detect(text).code is None


def test_ethiopic_script_never_raises_and_is_never_another_language():
    for text in ["ሰላም ከመይ ኣለኹም ሎሚ ጽቡቕ መዓልቲ", "ሰላም እንዴት ናችሁ ዛሬ ጥሩ ቀን ነው"]:
        assert detect(text).code in ("ti", "am")


def test_pashto_and_sorani_are_not_reported_as_persian_or_urdu():
    assert detect("زه غواړم چې له تاسو سره خبرې وکړم").code == "ps"
    assert detect("من دەمەوێت لەگەڵ ئێوە قسە بکەم").code == "ckb"


def test_persian_without_clear_words_offers_farsi_and_dari():
    guess = detect("من می خواهم در مورد خانه و پول صحبت کنم")
    assert guess.code in ("fa", "prs")
    if guess.method == "words" and guess.confidence == 0.5:
        assert guess.also == ("prs",)


def test_detect_language_command_prints_code_and_confidence():
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "detect-language", "لم أستطع التسجيل عند الطبيب لأنه لم يكن لدي عنوان"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\t")
    assert out[0] == "ar" and 0.7 <= float(out[1]) <= 1.0
