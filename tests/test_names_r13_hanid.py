"""Round 13: identifiers after their cue or where a place stands, and Han, Bengali and Gurmukhi names that are
also words, decided by where they stand. The sentences are invented for these tests; every identifier is fake
(numbers of nines and zeros, the NHS's ZZ99 kind of code, example values)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact

FAMILY = {"PASSPORT": "DOCUMENT", "REFERENCE": "DOCUMENT"}


def _found(text: str, language: str) -> list[tuple[str, str]]:
    return [(FAMILY.get(e.type, e.type), text[e.start:e.end]) for e in redact(text, language, False).entities]


IDENTIFIERS = [
    # an outward code alone, where a place stands
    ("en", "the hostel they put us in was near N15, not far from the park", "POSTCODE", "N15"),
    ("en", "we used to sleep in SE18 above a shop", "POSTCODE", "SE18"),
    ("en", "She lives somewhere in the LS9 area with her kids", "POSTCODE", "LS9"),
    ("en", "I live in B12 and the room is on the 3rd floor", "POSTCODE", "B12"),
    # a police CID number printed in dashed groups, a few words after its cue
    ("en", "the CID number is written at the top of the page 9900-1100-2299", "DOCUMENT", "9900-1100-2299"),
    # NRM references with stray spaces, or with the scheme's letters last
    ("en", "NRM ref 2021/ 99 00 11", "DOCUMENT", "2021/ 99 00 11"),
    ("ps", "زما د کیس شمیره 24/0099/NRM ده", "DOCUMENT", "24/0099/NRM"),
    # a UK bank named where the account is given
    ("en", "barclays 20-99-00 99001100 is my account for the wages", "BANK_ACCOUNT", "20-99-00"),
    ("ur", "میرا سارٹ کوڈ 00-99-11 ہے", "BANK_ACCOUNT", "00-99-11"),
    # dates of birth after the cues of more languages
    ("am", "የልደት ቀን 03/04/1991 ነው", "DATE_OF_BIRTH", "03/04/1991"),
    ("ps", "زما د زیږیدو نیټه ۱۹۹۰/۰۱/۰۲ ده", "DATE_OF_BIRTH", "۱۹۹۰/۰۱/۰۲"),
    ("lt", "mano gimimo data 1990-02-03", "DATE_OF_BIRTH", "1990-02-03"),
    ("de", "Geburtsdatum 04.05.1988", "DATE_OF_BIRTH", "04.05.1988"),
    # passports of more countries
    ("lt", "mano paso numeris 99001122", "DOCUMENT", "99001122"),
    ("ru", "номер паспорта 99 00 112233", "DOCUMENT", "99 00 112233"),
]


@pytest.mark.parametrize("language,text,entity,value", IDENTIFIERS)
def test_identifiers_after_their_cue_or_where_a_place_stands(language: str, text: str, entity: str,
                                                              value: str) -> None:
    found = _found(text, language)
    assert any(kind == entity and value in span or span in value and len(span) >= 4 for kind, span in found), found


LOOK_ALIKES = [
    ("en", "we drove up the M1 all night to get there"),
    ("en", "print the form on A4 paper please"),
    ("en", "the doctor said I am low in B12"),
    ("en", "he gave me form HC1 to fill in"),
    ("en", "my room is C14 on the second floor"),
    ("en", "call me back on the landline after 6pm"),
    ("en", "I paid the money to monzo last month"),
    ("es", "paso 2 de 3: rellenar el formulario"),
    ("en", "the appointment is at 10:30 on 14/06/2025 in the town hall"),
]


@pytest.mark.parametrize("language,text", LOOK_ALIKES)
def test_identifier_look_alikes_are_kept(language: str, text: str) -> None:
    assert _found(text, language) == []


HAN_NAMED = [
    ("我叫丽，四川人", "丽"),                          # named, one character, ending the clause
    ("丽说明天带我去看医生", "丽"),                    # opening a clause before "said"
    ("上个星期见到勇了，他胖了", "勇"),                # after "met", before the particle
    ("我告诉敏不要一个人出门", "敏"),                  # after "told", before "not"
    ("我和涛一起去的律师那里", "涛"),                  # "X and I together"
    ("国庆是我表哥，他也在这里打工", "国庆"),          # a name that is also a word, "X is my cousin"
    ("我问国庆要护照，他不给", "国庆"),                # after "asked", before "want"
    ("孙杰律师说不用担心", "孙杰"),                    # a surname name before a title
    ("the cook was a man we called 老刘, he locked the door at night", "刘"),
    ("my friend 阿兰 found me a room", "阿兰"),
]


@pytest.mark.parametrize("text,name", HAN_NAMED)
def test_han_names_that_are_words_where_a_person_stands(text: str, name: str) -> None:
    found = [span for kind, span in _found(text, "zh") if kind == "NAME"]
    assert any(name in span or span in name for span in found), found


HAN_KEPT = [
    "明年我想去上学",
    "国庆节的时候工厂也不放假",
    "和平是每个人都想要的",
    "周三我要去见社工",
    "小学的老师对我儿子很好",
    "我在小红书上发了帖子",
    "I had 饺子 and rice for dinner with the others",
]


@pytest.mark.parametrize("text", HAN_KEPT)
def test_han_words_that_look_like_names_are_kept(text: str) -> None:
    assert [span for kind, span in _found(text, "zh") if kind == "NAME"] == []


INDIC_NAMED = [
    ("bn", "রতন নামের একজন লোক আমাকে কাজ দিয়েছিল", "রতন"),       # "a man by the name of Ratan"
    ("bn", "সবাই ওকে বাবলু ডাকে", "বাবলু"),                        # "everyone calls him Bablu"
    ("bn", "মায়া আপা আমাকে খাবার দিত", "মায়া"),                   # before a sister's honorific
    ("bn", "রাজা আমার ছোট ভাই, সে দেশে আছে", "রাজা"),              # "Raja is my little brother"
    ("pa", "ਸਾਰੇ ਉਹਨੂੰ ਗੋਲਡੀ ਕਹਿੰਦੇ ਸੀ", "ਗੋਲਡੀ"),                     # "everyone called him Goldie"
    ("pa", "ਸ਼ੇਰਾ ਨਾਂ ਦਾ ਬੰਦਾ ਪੈਸੇ ਲੈਂਦਾ ਸੀ", "ਸ਼ੇਰਾ"),                   # "a man by the name of Shera"
    ("pa", "ਮੇਰੀ ਸਹੇਲੀ ਪਿੰਕੀ ਵੀ ਉੱਥੇ ਸੀ", "ਪਿੰਕੀ"),                     # after "my (female) friend"
    ("pa", "ਜੋਤ ਤੇ ਮੈਂ ਇੱਕੋ ਕਮਰੇ ਵਿੱਚ ਸੀ", "ਜੋਤ"),                       # "Jot and I"
    ("pa", "ਨੂਰ ਤੇ ਸਿਮਰ ਦੋਵੇਂ ਫੈਕਟਰੀ ਵਿੱਚ ਸਨ", "ਸਿਮਰ"),                  # "Noor and Simar both"
]


@pytest.mark.parametrize("language,text,name", INDIC_NAMED)
def test_bengali_and_gurmukhi_names_by_where_they_stand(language: str, text: str, name: str) -> None:
    found = [span for kind, span in _found(text, language) if kind == "NAME"]
    assert any(name in span or span in name for span in found), found


INDIC_KEPT = [
    ("bn", "পাখির মত উড়ে যেতে ইচ্ছা করে"),           # "like a bird"
    ("bn", "বৃষ্টির মধ্যে হেঁটে হেঁটে কাজে যেতাম"),    # "in the rain"
    ("bn", "সেও আমার সাথে কাজ করত"),                # "she too worked with me"
    ("pa", "ਪਿਆਰ ਨਾਲ ਗੱਲ ਕਰੋ, ਮੈਂ ਡਰ ਜਾਂਦਾ ਹਾਂ"),         # "speak with love"
    ("pa", "ਸਰਦਾਰ ਜੀ ਨੇ ਰੋਟੀ ਦਿੱਤੀ"),                     # "the Sardar (sir) gave food"
    ("pa", "ਮਹੀਨੇ ਦੇ ਸੌ ਪੌਂਡ ਵੀ ਨਹੀਂ ਦਿੰਦੇ ਸੀ"),              # "not even a hundred pounds a month"
    ("bn", "দালালকে সব টাকা দিয়ে দিয়েছি"),                # "I gave all the money to the broker"
    ("en", "they said I owe 9000 euro for the van"),         # a unit after a number
]


@pytest.mark.parametrize("language,text", INDIC_KEPT)
def test_bengali_and_gurmukhi_words_are_kept(language: str, text: str) -> None:
    assert [span for kind, span in _found(text, language) if kind == "NAME"] == []
