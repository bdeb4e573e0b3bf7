"""Round 11: identifier shapes the rules learnt from the spent parts (dev8, heldout9), one sentence per shape.

Every value is fake: Ofcom's drama numbers (07700 900xxx), NHS numbers beginning 999, the NHS's ZZ99
pseudo-postcodes, QQ/ZZ-prefixed NINOs, account numbers of nines and zeros, example.com.
"""

from __future__ import annotations

import pytest

from bot.anonymise import redact

FAMILY = {"PASSPORT": "DOCUMENT", "REFERENCE": "DOCUMENT"}

FOUND = [
    # phone numbers read out digit by digit in words, in the bot's other languages
    ("ar", "رقمي صفر سبعة سبعة صفر صفر تسعة صفر صفر واحد اثنين ثلاثة", "PHONE",
     "صفر سبعة سبعة صفر صفر تسعة صفر صفر واحد اثنين ثلاثة"),
    ("ps", "زما نمبر صفر اووه اووه صفر صفر نه صفر صفر یو دوه درې دی", "PHONE",
     "صفر اووه اووه صفر صفر نه صفر صفر یو دوه درې"),
    ("ckb", "ژمارەم سفر حەوت حەوت سفر سفر نۆ سفر سفر یەک دوو سێ", "PHONE",
     "سفر حەوت حەوت سفر سفر نۆ سفر سفر یەک دوو سێ"),
    ("ti", "ቁጽሪ ስልከይ ዜሮ ሸውዓተ ሸውዓተ ዜሮ ዜሮ ትሽዓተ ዜሮ ዜሮ ሓደ ክልተ ሰለስተ", "PHONE",
     "ዜሮ ሸውዓተ ሸውዓተ ዜሮ ዜሮ ትሽዓተ ዜሮ ዜሮ ሓደ ክልተ ሰለስተ"),
    ("am", "ስልክ ቁጥሬ ዜሮ ሰባት ሰባት ዜሮ ዜሮ ዘጠኝ ዜሮ ዜሮ አንድ ሁለት ሶስት", "PHONE",
     "ዜሮ ሰባት ሰባት ዜሮ ዜሮ ዘጠኝ ዜሮ ዜሮ አንድ ሁለት ሶስት"),
    ("es", "mi número es cero siete siete cero cero nueve cero cero uno dos tres", "PHONE",
     "cero siete siete cero cero nueve cero cero uno dos tres"),
    ("zh", "我的电话是零七七零零 九零零 一二三", "PHONE", "零七七零零 九零零 一二三"),
    # digits of other scripts: Ge'ez (with 0), Persian, Bengali, Gurmukhi
    ("ti", "ቁጽሪ ስልከይ 0፯፯00 ፱00፩፪፫", "PHONE", "0፯፯00 ፱00፩፪፫"),
    ("fa", "شماره من ۰۷۷۰۰ ۹۰۰۱۲۳ است", "PHONE", "۰۷۷۰۰ ۹۰۰۱۲۳"),
    ("bn", "আমার নম্বর ০৭৭০০ ৯০০১২৩", "PHONE", "০৭৭০০ ৯০০১২৩"),
    ("pa", "ਮੇਰਾ ਨੰਬਰ ੦੭੭੦੦ ੯੦੦੧੨੩", "PHONE", "੦੭੭੦੦ ੯੦੦੧੨੩"),
    # a mobile typed with the letter o for its zeros
    ("en", "o77OO 9OO 1O3 is my number", "PHONE", "o77OO 9OO 1O3"),
    # words and digits mixed in one number; digits with spaced dashes; a +44 with its (0)
    ("en", "zero seven seven 00 900 123", "PHONE", "zero seven seven 00 900 123"),
    ("am", "07700 ዘጠኝ ዜሮ ዜሮ አንድ ሁለት ሶስት", "PHONE", "07700 ዘጠኝ ዜሮ ዜሮ አንድ ሁለት ሶስት"),
    ("en", "my tel: 0 7 7 0 0 - 9 0 0 - 1 2 3", "PHONE", "0 7 7 0 0 - 9 0 0 - 1 2 3"),
    ("en", "+44(0)7700900123", "PHONE", "7700900123"),
    # e-mails with a spaced dot, with "at" and "dot" in the Arabic script and in Chinese
    ("en", "write to ali @ example . com", "EMAIL", "ali @ example . com"),
    ("fa", "ایمیلم ali ات example دات com", "EMAIL", "ali ات example دات com"),
    ("zh", "邮箱ali艾特example点com", "EMAIL", "example"),
    ("en", "grace dot m 88 at example dot org", "EMAIL", "grace dot m 88"),
    ("en", "ali underscore k at example dot com", "EMAIL", "ali underscore k"),
    # an NHS number read out in words after its cue
    ("en", "NHS number nine nine nine one two three four five six seven", "NHS_NUMBER", "nine nine nine"),
    # an NHS number in Persian digits after the Persian spelling of NHS
    ("fa", "شماره ان اچ اس ۹۹۹ ۱۲۳ ۴۵۶۷", "NHS_NUMBER", "۹۹۹ ۱۲۳ ۴۵۶۷"),
    # a NINO in Arabic-Indic digits with no cue
    ("ar", "QQ ١٢ ٣٤ ٥٦ C", "NINO", "QQ ١٢ ٣٤ ٥٦ C"),
    # a misspelt postcode cue, and a space inside the outward code
    ("en", "postcod zz 99 3vz", "POSTCODE", "zz 99 3vz"),
    # references: a zero typed for the O, a letter-and-digits group then digits, CICA, a police report,
    # "my" in Dari between cue and value, a BRP copied with spaces and no cue
    ("en", "my ho reference H0 7654321 with a zero", "REFERENCE", "H0 7654321"),
    ("bn", "হোম অফিস রেফারেন্স নম্বর Z9999 001 চিঠিতে আছে", "REFERENCE", "Z9999 001"),
    ("pa", "Home Office ਰੈਫਰੈਂਸ Z9999 001 ਚਿੱਠੀ ਤੇ", "REFERENCE", "Z9999 001"),
    ("zh", "赔偿申请号 CICA 21/9990001 一直没消息", "REFERENCE", "21/9990001"),
    ("pt", "ocorrência nº ZZ-21-0009999, ninguém ligou", "REFERENCE", "ZZ-21-0009999"),
    ("prs", "نمبر NRM مه 2021-99901 اس", "REFERENCE", "2021-99901"),
    ("en", "sorry the old one, the new card is ZZ 999 000 1", "PASSPORT", "ZZ 999 000 1"),
    ("en", "my card zz9990001 is lost", "REFERENCE", "zz9990001"),
    # "case" and "the Home Office" alone before a number, in English and other scripts
    ("en", "Migrant Help said my case is 99990001", "REFERENCE", "99990001"),
    ("en", "Home Office letter number: 99990001", "REFERENCE", "99990001"),
    ("pa", "ਮੇਰਾ ਕੇਸ ਨੰਬਰ 9999001 ਹੈ", "REFERENCE", "9999001"),
    ("fa", "پرونده‌ام 9999001 است", "REFERENCE", "9999001"),
    # bank details: "acc" and "sort" alone, the Arabic-script and Ge'ez cues, a cue a few words before
    ("en", "bank acc 99990000 sort code 00-99-00", "BANK_ACCOUNT", "99990000"),
    ("en", "s/c 009900 a/c 99990000", "BANK_ACCOUNT", "009900"),
    ("en", "account number 9999 0000 sort 00 99 00", "BANK_ACCOUNT", "00 99 00"),
    ("ar", "رقم الحساب 99990000 والسورت كود 00-99-00", "BANK_ACCOUNT", "00-99-00"),
    ("fa", "نمبر حساب بانکی 99990000 است", "BANK_ACCOUNT", "99990000"),
    ("ckb", "ژمارەی حسابی بانکەکەم 99990000", "BANK_ACCOUNT", "99990000"),
    ("ur", "اکاؤنٹ نمبر 99990000 اور سورٹ کوڈ 00-99-00", "BANK_ACCOUNT", "00-99-00"),
    ("am", "የባንክ ሂሳብ ቁጥሬ 99990000 ነው", "BANK_ACCOUNT", "99990000"),
    ("ro", "sort code 00 99 00 cont 99990000, acolo", "BANK_ACCOUNT", "99990000"),
    # dates of birth: cues in ps, ckb, ti, fr ("c'est le"), Ethiopian months a few words on, a year in a tazkira
    ("ps", "زما د زېږون نېټه 1/1/1999 ده", "DATE_OF_BIRTH", "1/1/1999"),
    ("ckb", "ڕۆژی لەدایکبوونم ١٥/٠٦/١٩٩٩", "DATE_OF_BIRTH", "١٥/٠٦/١٩٩٩"),
    ("ti", "ዕለት ልደተይ 01/02/1999 እዩ", "DATE_OF_BIRTH", "01/02/1999"),
    ("fr", "ma date de naissance c'est le 01/02/1999", "DATE_OF_BIRTH", "01/02/1999"),
    ("am", "የትውልድ ቀን በ ኢትዮጵያ አቆጣጠር 5 ጥቅምት 1991", "DATE_OF_BIRTH", "5 ጥቅምት 1991"),
    ("prs", "تاریخ تولدم در تذکره ۱۳۷۷ است", "DATE_OF_BIRTH", "۱۳۷۷"),
    # a birth cue after its date, in the verb-last languages; a Han cue touching its date; a two-digit year;
    # a birthday without its year
    ("ti", "ኣብ 01/02/1999 ተወሊደ", "DATE_OF_BIRTH", "01/02/1999"),
    ("am", "በ01/02/1999 ተወለድኩ", "DATE_OF_BIRTH", "01/02/1999"),
    ("ur", "میں 01/02/1999 کو پیدا ہوا", "DATE_OF_BIRTH", "01/02/1999"),
    ("bn", "আমি ০১/০২/১৯৯৯ সালে জন্মেছি", "DATE_OF_BIRTH", "০১/০২/১৯৯৯"),
    ("zh", "1999年2月1日出生", "DATE_OF_BIRTH", "1999年2月1日"),
    ("zh", "生日1999-02-01", "DATE_OF_BIRTH", "1999-02-01"),
    ("en", "date of birth 1st feb 99", "DATE_OF_BIRTH", "1st feb 99"),
    ("en", "my birthday is 1 february", "DATE_OF_BIRTH", "1 february"),
    # a second date of birth in the same answer, as the papers have it
    ("en", "date of birth 01/02/1999 but on the papers they wrote 1/1/1999", "DATE_OF_BIRTH", "1/1/1999"),
    ("ar", "تاريخ ميلادي ١/٢/١٩٩٩ بس بالاوراق كاتبين ١/١/١٩٩٩", "DATE_OF_BIRTH", "١/١/١٩٩٩"),
    ("prs", "تاریخ تولدم در تذکره ۱۳۷۷ است، هوم آفیس نوشته 01/01/1999", "DATE_OF_BIRTH", "01/01/1999"),
]

KEPT = [
    # an arrival date years after the birth stays; a year alone after "born" stays
    ("en", "I was born 01/02/1999 and came to the UK on 04/05/2019", "04/05/2019"),
    ("en", "born 1999", "1999"),
    ("en", "I came on 04/05/2019 and my baby was born in june", "04/05/2019"),
    # money and counts before "way" or a word of another script before "court" are no street
    ("en", "the bus is £2 each way and i get £49 a week", "£2 each way"),
    ("en", "i get 49.18 a week and the bus is 2.50 each way", "2.50 each way"),
    ("bn", "১২ তারিখে court এ যেতে হবে", "court"),
    ("ti", "ኣብ 3/11 ናብ court ክኸይድ እየ", "3/11"),
    # seven number words that are not a number read out; a few Chinese numerals
    ("en", "I was there one two three times", "one two three"),
    ("en", "I have one or two 3 year old kids and one 5", "one or two 3"),
    ("en", "i worked 7 days, 12 hours, for 2 years and 3 months", "12 hours"),
    ("en", "i was at home. then i left", "home. then"),
    ("en", "my case is 2 years old and the home office gave me 100 pounds", "100 pounds"),
    ("en", "i was at 10 at night", "10 at night"),
    ("zh", "我在这里住了三年", "三年"),
    ("en", "I go to the bank on Monday to pay 20 pounds", "20 pounds"),
]


def _covered(language: str, text: str, entity: str, value: str) -> bool:
    start = text.index(value)
    end = start + len(value)
    found = redact(text, language, learned=False).entities
    return any(e.start < end and start < e.end and FAMILY.get(e.type, e.type) == FAMILY.get(entity, entity)
               for e in found)


@pytest.mark.parametrize(("language", "text", "entity", "value"), FOUND)
def test_identifier_shape_is_redacted(language: str, text: str, entity: str, value: str) -> None:
    assert _covered(language, text, entity, value), redact(text, language, learned=False).text


def _identifiers_over(language: str, text: str, value: str) -> list:
    """The identifiers (not names) the rules found over ``value`` in ``text``."""
    start = text.index(value)
    end = start + len(value)
    return [e for e in redact(text, language, learned=False).entities
            if e.type != "NAME" and e.start < end and start < e.end]


@pytest.mark.parametrize(("language", "text", "value"), KEPT)
def test_look_alike_is_kept(language: str, text: str, value: str) -> None:
    assert not _identifiers_over(language, text, value), redact(text, language, learned=False).text
