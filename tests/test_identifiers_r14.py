"""Round 14: identifier shapes grouped by their general cause (dev13c and the dev part's misses), each with new
sentences of its own and look-alike numbers that must stay.

Every value is fake: Ofcom's drama numbers (07700 900xxx, 020 7946 0xxx, 0161 496 0xxx), QQ-prefixed NINOs,
example.* e-mail domains, made-up document and case numbers.
"""

from __future__ import annotations

import pytest

from bot.anonymise import redact
from bot.anonymise.fold import fold
from tests.test_redaction_identifiers import _covered, _identifiers_over

FOUND = [
    # 1. a digit script or typography not normalised: full-width forms, dashes, no-break spaces, direction marks
    ("en", "text me on ０７７００ ９００ ２４６ after six", "PHONE", "０７７００ ９００ ２４６"),
    ("en", "landline 0161–496–0733 (the office)", "PHONE", "0161–496–0733"),
    ("ar", "اتصل على \u200e07700\u00a0900\u00a0318\u200e من فضلك", "PHONE", "07700\u00a0900\u00a0318"),
    ("zh", "我的国民保险号码是ＱＱ６５４３２１Ａ", "NINO", "ＱＱ６５４３２１Ａ"),
    ("en", "postcode ｍ１ ２ｗｘ please", "POSTCODE", "ｍ１ ２ｗｘ"),
    ("en", "my email is leila.n＠example.org", "EMAIL", "leila.n＠example.org"),
    # 2. a phone's groups joined by dots
    ("en", "mobile 07700.900.582 any time", "PHONE", "07700.900.582"),
    ("en", "office phone 020.7946.0544", "PHONE", "020.7946.0544"),
    # (and a trunk zero in brackets after any country's code)
    ("en", "my cousin +964 (0) 750 221 8890", "PHONE", "+964 (0) 750 221 8890"),
    ("en", "office +44 (0) 161 496 0871", "PHONE", "+44 (0) 161 496 0871"),
    # 3. a cue typed without its accents (Vietnamese, French, Romanian, Polish)
    ("vi", "ngay sinh cua chi 21/7/1993", "DATE_OF_BIRTH", "21/7/1993"),
    ("fr", "numero de reference 77120459", "REFERENCE", "77120459"),
    ("ro", "data nasterii mele 3.11.1987", "DATE_OF_BIRTH", "3.11.1987"),
    # 4. a date of birth's format: spaced, barred separators, a month's name between dashes, run together, month+year
    ("en", "d.o.b 22 / 11 / 1991", "DATE_OF_BIRTH", "22 / 11 / 1991"),
    ("ps", "زما د زیږیدو نیټه ۰۵ / ۰۹ / ۱۹۹۹", "DATE_OF_BIRTH", "۰۵ / ۰۹ / ۱۹۹۹"),
    ("en", "DOB: 04-Aug-1989", "DATE_OF_BIRTH", "04-Aug-1989"),
    ("en", "date of birth 19july1995", "DATE_OF_BIRTH", "19july1995"),
    ("en", "dob 30111992 on the form", "DATE_OF_BIRTH", "30111992"),
    ("en", "i was born in october 1997", "DATE_OF_BIRTH", "october 1997"),
    ("en", "date of birth 14|02|2001", "DATE_OF_BIRTH", "14|02|2001"),
    # (a day and a year in Ge'ez numerals round an Ethiopian month)
    ("am", "የልደት ቀን ፳፫ ጥቅምት ፲፱፻፹፭", "DATE_OF_BIRTH", "፳፫ ጥቅምት ፲፱፻፹፭"),
    # 5. a country's identity number by the name its people give it, in their language, and other documents
    ("ar", "الرقم القومي بتاعي ٢٨٥٠٣١٢٠١٠٤٤٥٦", "PASSPORT", "٢٨٥٠٣١٢٠١٠٤٤٥٦"),
    ("fa", "کد ملی من ۴۴۲۰۹۸۷۶۵۱ است", "PASSPORT", "۴۴۲۰۹۸۷۶۵۱"),
    ("ur", "میرا شناختی کارڈ نمبر 61101-9876543-2 ہے", "PASSPORT", "61101-9876543-2"),
    ("hi", "मेरा आधार 4821 7390 5516 है", "PASSPORT", "4821 7390 5516"),
    ("ro", "buletinul meu seria MZ nr 417023", "PASSPORT", "MZ nr 417023"),
    ("ro", "CNP 1870312450021", "PASSPORT", "1870312450021"),
    ("pl", "mój PESEL to 87031204567", "PASSPORT", "87031204567"),
    ("zh", "我的身份证号是44030119880412561X", "PASSPORT", "44030119880412561X"),
    ("en", "driving licence no HARRI804126JB8QX", "PASSPORT", "HARRI804126JB8QX"),
    ("en", "my licence is PATEL 712049 AK7LM", "PASSPORT", "PATEL 712049 AK7LM"),
    ("en", "ghana card GHA-904417726-3", "PASSPORT", "GHA-904417726-3"),
    # 6. a card's number with letters, after the word "card" alone
    ("en", "card no xk 418 2290 they kept it", "PASSPORT", "xk 418 2290"),
    ("fa", "کارت من RT7712045 بود", "PASSPORT", "RT7712045"),
    # 7. a police log by its day, and slashed references with letters inside
    ("en", "police log 3381 of 22/09/2023", "REFERENCE", "3381 of 22/09/2023"),
    ("en", "incident no. 1172 of 05/06 from west midlands", "REFERENCE", "1172 of 05/06"),
    ("en", "crime ref 7719/21Sep23", "REFERENCE", "7719/21Sep23"),
    ("en", "crime number 45CD/10982/23", "REFERENCE", "45CD/10982/23"),
    ("ar", "رقم ملفي في وزارة الداخلية ٧٣٠٢٩٥١٨", "REFERENCE", "٧٣٠٢٩٥١٨"),
    # 8. a NINO with one letter of its prefix mistyped as a digit (its check letter ends it)
    ("en", "my NI number is Q0 77 12 34 C", "NINO", "Q0 77 12 34 C"),
    ("en", "national insurance 1Q 99 88 11 B", "NINO", "1Q 99 88 11 B"),
    # 9. an e-mail's last dot typed as a comma or with one space
    ("en", "email me at hana.t@example,com", "EMAIL", "hana.t@example,com"),
    ("en", "my mail is yusuf_k@example .org", "EMAIL", "yusuf_k@example .org"),
    ("en", "write to omar @ example. net", "EMAIL", "omar @ example. net"),
    # 10. a bank cue as Bengali spells the English word
    ("bn", "আমার একাউন্ট নম্বর 55019874", "BANK_ACCOUNT", "55019874"),
    ("bn", "ব্যাংক 20-00-00 41118872", "BANK_ACCOUNT", "20-00-00"),
]

KEPT = [
    # folded digits and dashes are no identifier by themselves: times, money, ranges, dates that are no birth
    ("zh", "我每天工作１２个小时，赚５０英镑", "１２"),
    ("fa", "ساعت ۰۷:۳۰ تا ۱۹:۴۵ کار می‌کردم", "۰۷:۳۰"),
    ("en", "we worked 12–14 hours for £50–£60", "12–14"),
    ("bn", "আমি ১২/০৩/২০১৯ তারিখে এসেছি", "১২/০৩/২০১৯"),
    # a date, a year or a month after a document, card, case or incident cue is no identifier
    ("en", "my ID card expired on 30/06/2024", "30/06/2024"),
    ("en", "passport: 11.04.2018 is when the agent took it", "11.04.2018"),
    ("en", "my case on 02/10/2020 was refused", "02/10/2020"),
    ("en", "the incident happened on 14/02/2021 at 10pm", "14/02/2021"),
    ("en", "my licence expired in 2021", "2021"),
    ("ar", "بطاقتي انتهت في ٢٠٢٢", "٢٠٢٢"),
    # a card's or a licence's money and counts
    ("en", "card payment of £1,250.00 was taken", "1,250.00"),
    ("en", "my card was blocked after 3 tries", "3 tries"),
    ("ro", "am plătit 2.500 de lei pentru permis", "2.500"),
    ("en", "incident no. 3 of 10 in the report", "3 of 10"),
    # a birth year alone, a decade, a month without its year; an arrival month and year
    ("en", "I was born in 1994 in a small village", "1994"),
    ("en", "he was born in march, I think", "march"),
    ("en", "I came in march 2019 and worked for 3 years", "march 2019"),
    # (round 15: eight digits after a birth cue that make no date are no date of birth, but as seven digits or more
    # in a run they are redacted: tests/test_ids_r15.py)
    # bus, room and form numbers
    ("en", "bus 73 then bus 274 to the office, room 1204, form IS96", "274"),
]


@pytest.mark.parametrize(("language", "text", "entity", "value"), FOUND)
def test_identifier_is_redacted(language: str, text: str, entity: str, value: str) -> None:
    assert _covered(language, text, entity, value), redact(text, language, learned=False).text


@pytest.mark.parametrize(("language", "text", "value"), KEPT)
def test_look_alike_is_kept(language: str, text: str, value: str) -> None:
    assert not _identifiers_over(language, text, value), redact(text, language, learned=False).text


def test_ip_address_is_no_phone() -> None:
    found = redact("the wifi box is at 192.168.10.254", "en", learned=False).entities
    assert [e.type for e in found] == ["IP_ADDRESS"]


def test_two_rules_over_one_card_number_leave_no_digit() -> None:
    text = "the new card is QX 451 902 7, the old one was lost"
    assert redact(text, "en", learned=False).text == "the new card is [PASSPORT], the old one was lost"


def test_fold_keeps_every_offset() -> None:
    text = "رقمي \u200e٠٧٧٠٠\u00a0۹۰۰–১২৩ ＱＱ１２ नाम"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "رقمي  07700 900-123 QQ12 नाम"
