"""Round 13, the rules alone: names that are also everyday words in the Arabic-script languages and Ge'ez,
told apart by the words around them (sentences written for these tests, not taken from the corpus)."""

from __future__ import annotations

import pytest

from bot.anonymise import redact


@pytest.mark.parametrize("text, language, name", [
    ("اتصلت على جميل بس ما رد", "ar", "جميل"),                 # I called Jamil but he did not answer
    ("شفت جميل قدام المحطة امبارح", "ar", "جميل"),              # I saw Jamil in front of the station
    ("نمت عند منى ليلتين", "ar", "منى"),                        # I slept at Mona's two nights
    ("از شادی پرسیدم کی برمیگرده", "fa", "شادی"),               # I asked Shadi when she comes back
    ("زنگ زدم به محبوب ولی جواب نداد", "prs", "محبوب"),          # I called Mahboob, he did not answer
    ("بعد مهرداد اومد خونه", "fa", "مهرداد"),                    # then Mehrdad came home
    ("نسرین ره ده شفاخانه دیدم", "prs", "نسرین"),               # I saw Nasrin at the hospital (Dari ره)
    ("مه و گلاب یک جا کار میکدیم", "prs", "گلاب"),              # Golab and I worked together
    ("ሓጎስ እዩ ናብ ሱዳን ዝወሰደኒ", "ti", "ሓጎስ"),                # it was Hagos who took me to Sudan
    ("ما زرغونه په بازار کې ولیده", "ps", "زرغونه"),            # I saw Zarghuna in the bazaar
    ("تەلەفۆنم بۆ ئاسۆ کرد", "ckb", "ئاسۆ"),                      # I phoned Aso
    ("پارسال وکیلم، ستاره، همه چیو نوشت", "fa", "ستاره"),          # last year my lawyer, Setareh, wrote it all
    ("وږمه، زما ملګرې، ډېره مرسته وکړه", "ps", "وږمه"),            # Wazhma, my friend, helped a lot
    ("ሕይወት፣ ጠበቓይ፣ ደዊላትለይ", "ti", "ሕይወት"),                  # Hiwet, my lawyer, called me
    ("مسؤولة الحالة تبعي أمل ساعدتني", "ar", "أمل"),              # my case officer Amal helped me
])
def test_word_names_where_a_person_stands(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text, language", [
    ("البيت ما فيه نور بالليل", "ar"),                          # the house has no light at night
    ("ما في فرح بهالبلد", "ar"),                                 # there is no joy in this country
    ("انا سعيد كتير بالخبر", "ar"),                              # I am very happy with the news
    ("حالا ده کابل نیستم، ده لندن استم", "prs"),                 # now I am not in Kabul, I am in London
    ("مثل یک پروانه بودم", "prs"),                              # I was like a butterfly
    ("یه نسیم از پنجره اومد", "fa"),                             # a breeze came through the window
    ("اس کی مسکان بہت پیاری ہے", "ur"),                          # his smile is very lovely
    ("چاند جیسی روشنی تھی", "ur"),                               # there was a light like the moon
    ("ډېره مینه مې ورسره ده", "ps"),                             # I have much love for him
    ("ګل غوندې ماشوم مې ولید", "ps"),                            # I saw a child like a flower
    ("መንግስት ቤት አልሰጠንም", "am"),                              # the government gave us no house
    ("መድሃኒት ያስፈልገኛል", "am"),                                 # I need medicine
    ("ሰላም ነኝ እግዚአብሔር ይመስገን", "am"),                        # I am well, thank God
    ("ሙሉ መዓልቲ ሰሪሐ", "ti"),                                    # I worked the whole day
    ("ብዙሕ ሓጎስ ተሰሚዑኒ ሎሚ", "ti"),                               # I felt much joy today
])
def test_everyday_words_stay(text: str, language: str) -> None:
    assert redact(text, language, False).text == text
