"""Round 20, names in Han script. Recall: foreign names written by their sound (the characters of the standard
transliteration table, one of them used almost only there: 玛丽, 约翰, 海伦, 凯文), the familiar forms 阿X and 老 +
surname wherever they stand and 小 + surname where a person stands, a surname before a two-character title (林先生,
周太太) or before a given name of the name list (张丽华) wherever it stands, a name in Latin letters where Chinese
grammar puts a person (kevin帮我, 跟amy), a lone surname or foreign name in an English answer. Precision: places and
longer words written by their sound (伦敦, 阿尔巴尼亚, 阿斯达), a place after 在, a reduplicated adverb (明明说好),
words that start with a surname character (马上, 高兴, 国王), an everyday English word in lower case (bank).
Sentences written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from bot.anonymise.recognizers.people import find_names


def names(text: str, language: str = "zh") -> list[str]:
    return [text[a:b] for a, b, _, _ in find_names(text, language)[0]]


@pytest.mark.parametrize("text, name", [
    ("玛丽帮我找到了住的地方", "玛丽"),                 # Mary, opening the clause before what she did
    ("約翰替我打電話給房東", "約翰"),                   # John, in Traditional characters
    ("我跟凯文一起去的警察局", "凯文"),                 # after "with"
    ("那天晚上珍妮开车送我回家", "珍妮"),               # after a time word (晚上 + 上海 is no word here)
    ("我想谢谢莎拉，她一直陪着我", "莎拉"),             # thanked, ending the run
    ("海伦的电话我还留着", "海伦"),                     # a person's phone
    ("阿芬借钱给我买车票", "阿芬"),                     # 阿 + a given name, anywhere
    ("我好挂住阿玲", "阿玲"),                           # Cantonese "I miss Ah Ling"
    ("老赵老孙都帮过我", "老赵"),                       # 老 + surname
    ("有时候小郑会过来看我", "小郑"),                   # 小 + surname before what a person does
    ("我们在等何先生来开门", "何"),                     # a surname before a two-character title
    ("吴太太教我做饭", "吴"),
    ("社区的志愿者刘建军送我去医院", "刘建军"),          # a surname and a given name of the name list
    ("阿Ken成日帮我", "阿Ken"),                         # 阿 + a name in Latin letters
    ("詹妮医生让我多休息", "詹妮"),                     # a foreign name before a title
    ("负责我的是司徒晓东", "司徒晓东"),                 # a double surname and a listed given name
])
def test_a_han_name_where_chinese_puts_a_person_is_redacted(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize("text, name", [
    ("kevin帮我填表", "kevin"),                         # before what a person does
    ("上个星期跟lucy去了超市", "lucy"),                  # after "with"
    ("我的社工是 sarah，她很忙", "sarah"),               # "my social worker is ..."
    ("Grace每个星期来看我", "Grace"),
])
def test_a_latin_letter_name_in_a_chinese_answer_is_redacted(text: str, name: str) -> None:
    assert name in names(text), names(text)


@pytest.mark.parametrize("text, name", [
    ("陈 helped me with the forms last week", "陈"),   # a surname alone in an English answer
    ("I want to thank 珍妮 for her help", "珍妮"),     # a foreign name written by its sound
    ("明 showed me where the bus stop is", "明"),      # one of the commonest given names
])
def test_a_han_name_alone_in_an_english_answer_is_redacted(text: str, name: str) -> None:
    assert name in names(text, "en"), names(text, "en")


def test_a_han_word_after_an_article_in_an_english_answer_is_kept() -> None:
    assert names("they took a 平安 charm from my bag", "en") == []


def test_a_one_character_name_taken_up_by_a_pronoun_is_redacted() -> None:
    assert "强" in names("强，他带我去找工作")


@pytest.mark.parametrize("text", [
    "我下个月要去伦敦看病",            # London, after "go to"
    "我表哥也在伦敦",                 # after 在, a place
    "他以前住在阿尔巴尼亚",           # a country written by its sound
    "阿斯达的东西比较便宜",           # Asda, a shop
    "明明说好今天来的，又没来",        # a reduplicated adverb, "clearly"
    "我马上就到",                     # 马上, at once
    "今天很高兴",                     # 高兴, glad
    "中华街的饭店很多",               # 中华
    "春节的时候我很想家",             # Spring Festival
    "他像国王一样对我们",             # 国王, king
    "给我一张纸",                     # 张, a measure word
    "我要向老师道歉",                 # 向, towards, before a title
    "阿姨对我很好",                   # auntie
    "老是下雨，我不想出门",           # 老是, always
    "bank帮我开了户",                 # an everyday English word
    "我去GP看病",                     # an acronym
    "阿妈成日叫我早点睡",             # Cantonese "mum"
    "大家都叫他老板",                 # "boss", what one calls a person, no name
])
def test_han_look_alikes_are_kept(text: str) -> None:
    assert names(text) == [], names(text)
