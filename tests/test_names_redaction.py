"""People's names and identifiers in survivors' answers (issue 12): the cases people write, the
labelled corpus (a dev part tuned on, a held-out part never tuned on), the review queue's doubts,
data stored before today's rules, the page server's access log, and a written import canary.

The corpus floors below are the figures reached on each part when this was written, rounded down:
they stop a change from making redaction worse. The goals of the issue (held-out name recall 0.98,
identifier recall 1.00, precision 0.90, hard negatives kept 0.95) and how far the held-out part is
from them are in docs/REDACTION.md; `python -m bot.anonymise.evaluate` prints both parts.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import subprocess
import sys
import urllib.request
from collections import Counter

import pytest
from sqlalchemy import MetaData, select

from bot.anonymise import redact
from bot.anonymise.evaluate import (
    IDENTIFIER_TYPES,
    NAMES_DEV,
    NAMES_DEV2,
    NAMES_DEV3,
    NAMES_DEV4,
    NAMES_DEV5,
    NAMES_HELDOUT,
    PARTS,
    evaluate,
    load_corpus,
    load_dev,
    load_part,
    part_paths,
    script,
)
from bot.anonymise.romanise import spellings
from bot.anonymise.uncertain import POSSIBLE_NAME, doubts, uncertain
from bot.paths import ROOT
from tests.export_helpers import every_export

# --- what people write (the issue's own examples) ----------------------------------------------------

NAMED = [
    ("Arben came with me to the council.", ["Arben"]),
    ("Tesfaye was the only one who spoke Tigrinya.", ["Tesfaye"]),
    ("Krzysztof found us the job in the factory.", ["Krzysztof"]),
    ("Chinedu said I owed him ten thousand pounds.", ["Chinedu"]),
    ("DC Mark Evans did not believe me at first.", ["Mark Evans"]),
    ("Ana Popescu from the council found me a room.", ["Ana Popescu"]),
    ("Fatima Ahmed at the GP surgery was very kind.", ["Fatima Ahmed"]),
    ("Nguyen Van Minh was the boss at the nail bar.", ["Nguyen Van Minh"]),
    ("Hope, my support worker, never gave up on me.", ["Hope"]),
    ("Grace from the Salvation Army found me a room.", ["Grace"]),
    ("Blessing and Joy were in the same house as me.", ["Blessing", "Joy"]),
    ("arben took my phone and my passport", ["arben"]),
    ("the boss was called ahmed and he shouted", ["ahmed"]),
    ("Ahmad Shah Rahimi drove the van.", ["Ahmad Shah Rahimi"]),
    ("Abu Ali kept our money.", ["Abu Ali"]),
    ("Dawit Gebremedhin helped me at the station.", ["Dawit Gebremedhin"]),
    ("Judge Patel listened to me.", ["Patel"]),
    ("Thank you Mihaela for everything.", ["Mihaela"]),
    ("اسمي أحمد وأنا من السودان", ["أحمد"]),
    ("我叫王芳", ["王芳"]),
]


@pytest.mark.parametrize("text,names", NAMED)
def test_names_people_write_are_redacted(text: str, names: list[str]) -> None:
    result = redact(text)
    for name in names:
        assert name not in result.text, (text, result.text)
    assert "[NAME]" in result.text


KEPT = [
    "The Salvation Army and Hope for Justice found me a room in Birmingham.",
    "Migrant Help and Citizens Advice helped with Universal Credit at the Job Centre.",
    "The Crown Prosecution Service took my case to court in Glasgow.",
    "I speak Tigrinya and Amharic, and I came from Eritrea through Libya.",
    "In Ramadan and at Christmas I felt alone in Cardiff.",
    "I have hope now, by the grace of God.",
    "My GP and the NHS were good but the Home Office was slow.",
    "Snowdrop and Unseen came to Belfast; Tesco gave us food vouchers.",
]


@pytest.mark.parametrize("text", KEPT)
def test_organisations_places_and_words_are_kept(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize("text,value,entity", [
    ("My NI number is ZQ 99 88 77 A.", "ZQ 99 88 77 A", "NINO"),
    ("national insurance QQ123456C", "QQ123456C", "NINO"),
    ("national insurance: BG-48-29-17-A", "BG-48-29-17-A", "NINO"),
    ("my postcode is ZZ99 3VZ", "ZZ99 3VZ", "POSTCODE"),
    ("رقم NHS الخاص بي ٩٩٩ ٢٣٤ ٥٦٧٨", "٩٩٩ ٢٣٤ ٥٦٧٨", "NHS_NUMBER"),
    ("NHS number 999 123 4567", "999 123 4567", "NHS_NUMBER"),
])
def test_identifiers_after_their_cue_whatever_their_checksum(text: str, value: str, entity: str) -> None:
    result = redact(text)
    assert value not in result.text and f"[{entity}]" in result.text, result.text


# round 3: the weak spots of round 2 (sentences not in any corpus file)
SCRIPT_NAMED = [
    ("ar", "أوصلتني نوال إلى المحطة في الصباح.", "نوال"),          # verb-first, "me" on the verb
    ("ar", "صرخ علي جابر أمام الجميع.", "جابر"),                     # verb-first, preposition between
    ("ur", "ہم نے راحیلہ باجی کا شکریہ ادا کیا۔", "راحیلہ"),          # before an honorific
    ("bn", "ধন্যবাদ রুমানা, তুমি খুব ভালো।", "রুমানা"),                 # spoken to
    ("pa", "ਸ਼੍ਰੀ ਹਰਭਜਨ ਨੇ ਸਾਨੂੰ ਕੰਮ ਦਿੱਤਾ।", "ਹਰਭਜਨ"),               # after a title
    ("fa", "آقای صفری پول ما را نداد.", "صفری"),                      # after a title
]


@pytest.mark.parametrize("language,text,name", SCRIPT_NAMED)
def test_names_in_scripts_without_capitals_by_where_they_stand(language: str, text: str, name: str) -> None:
    assert name not in redact(text, language).text, text


def test_arabic_verb_first_keeps_nouns_with_their_article() -> None:
    text = "اتصلت بالشرطة فجاءت بسرعة."     # "I called the police and they came quickly"
    assert redact(text, "ar").text == text


def test_albanian_everyday_capitals_go_to_review_not_redaction() -> None:
    text = "Shpresa ime është të gjej punë."    # "my hope is to find work": Shpresa is also a name
    assert redact(text, "sq").text == text
    assert [text[d.start:d.end] for d in doubts(text, "sq") if d.kind == POSSIBLE_NAME] == ["Shpresa"]
    assert "[NAME]" in redact("Shpresa më ndihmoi me letrat.", "sq").text   # "Shpresa helped me"


@pytest.mark.parametrize("text,value,entity", [
    ("N.I. number QQ-11-22-33-D", "QQ-11-22-33-D", "NINO"),
    ("我的国民保险号码是TQ654321B", "TQ654321B", "NINO"),
    ("số hộ chiếu C7654321", "C7654321", "PASSPORT"),
])
def test_more_identifier_cues(text: str, value: str, entity: str) -> None:
    result = redact(text)
    assert value not in result.text and f"[{entity}]" in result.text, result.text


def test_cue_less_numbers_and_codes_survive() -> None:
    text = "I worked 12 hours a day for 3 years, room B12 was not mine, bus 73, flat 4C."
    assert redact(text).text == text
    # round 8: the whole NINO shape with its check letter is redacted without a cue, whatever its prefix
    # (before, "QQ123456C" survived the strict check: heldout5/6 held NINOs typed with QQ, KN and TN)
    assert redact("room QQ123456C was not mine").text == "room [NINO] was not mine"


def test_unsure_words_go_to_review_with_their_place_marked() -> None:
    text = "Later we came from Kornavia to the UK."     # a capitalised unknown word after "from"
    found = doubts(redact(text).text)
    assert [text[d.start:d.end] for d in found if d.kind == POSSIBLE_NAME] == ["Kornavia"]
    assert uncertain(redact(text).text)
    assert not uncertain(redact("The council gave me a room in Leeds.").text)


# round 4: names with no cue in the scripts whose names the name list holds in Latin letters, found by
# their sound (romanise.py); sentences not in any corpus file
SOUND_NAMED = [
    ("ti", "ዘርኣይ ስልከይ ወሲዱ።", "ዘርኣይ"),                          # Zerai took my phone
    ("am", "ሽመልስ በሩን ዘግቶብን ሄደ።", "ሽመልስ"),                       # Shimelis locked the door on us
    ("bn", "জসিম আমাদের বেতন দিত না।", "জসিম"),                      # Jasim did not pay our wages
    ("en", "सुरेश हमें रोज़ धमकाता था।", "सुरेश"),                      # Suresh threatened us daily (Hindi)
    ("pa", "ਹਰਜੀਤ ਸਾਨੂੰ ਖੇਤ ਲੈ ਜਾਂਦਾ ਸੀ।", "ਹਰਜੀਤ"),                   # Harjit took us to the field
    ("ckb", "ڕێبوار پارەکەی بردین.", "ڕێبوار"),                      # Rebwar took our money
]


@pytest.mark.parametrize("language,text,name", SOUND_NAMED)
def test_names_found_by_their_sound(language: str, text: str, name: str) -> None:
    assert name not in redact(text, language).text, text


@pytest.mark.parametrize("language,text", [
    ("am", "ተስፋ አልቆረጥኩም።"),                       # I did not give up hope (Tesfa is also a name)
    ("ti", "ሰላም ንኹሉ ይኹን።"),                         # peace be with all (Selam)
    ("bn", "লন্ডনের একটি রেস্তোরাঁয় আমি কাজ করতাম।"),       # London's: sounds like a place, not a name
    ("pa", "ਮੈਂ ਬਰਮਿੰਘਮ ਵਿੱਚ ਇੱਕ ਫੈਕਟਰੀ ਵਿੱਚ ਕੰਮ ਕੀਤਾ।"),
])
def test_everyday_words_that_sound_like_names_stay(language: str, text: str) -> None:
    assert_kept(text, language)


def test_romanised_spellings_cover_the_usual_latin_forms() -> None:
    assert "girma" in spellings("ግርማ") and "kibrom" in spellings("ክብሮም")
    assert "kamrul" in spellings("কামরুল") and "deepak" in spellings("दीपक")
    assert "jaswinder" in spellings("ਜਸਵਿੰਦਰ") and "rebwar" in spellings("ڕێبوار")
    assert spellings("أحمد") == ()            # Arabic leaves its short vowels unwritten: not spelled


@pytest.mark.parametrize("text,value,entity", [
    ("NI no. - QQ/12/34/56/C", "QQ/12/34/56/C", "NINO"),
    ("national insurance number: Q Q 1 2 3 4 5 6 C", "Q Q 1 2 3 4 5 6 C", "NINO"),
    ("NI number:\nQQ 12 34 56 C", "QQ 12 34 56 C", "NINO"),
    ("numărul de asigurare națională: QQ 12 34 56 C", "QQ 12 34 56 C", "NINO"),
    ("NHS 999 123 46 08", "999 123 46 08", "NHS_NUMBER"),
    ("my nhs num is 999.123.4616", "999.123.4616", "NHS_NUMBER"),
    ("护照号码E12345678", "E12345678", "PASSPORT"),
    ("ቁጽሪ ፓስፖርተይ E0123456 እዩ", "E0123456", "PASSPORT"),
    ("the crime number the police gave me is 01/234567/23", "01/234567/23", "REFERENCE"),
    ("my brp is zu 123 4567", "zu 123 4567", "REFERENCE"),
    ("我的电话是07700900987", "07700900987", "PHONE"),
    ("phone 447700900123", "447700900123", "PHONE"),
    ("email: sara dot k at gmail dot com", "sara dot k at gmail dot com", "EMAIL"),
])
def test_identifiers_in_unforeseen_forms(text: str, value: str, entity: str) -> None:
    result = redact(text)
    assert value not in result.text and f"[{entity}]" in result.text, result.text


def test_dates_and_plain_numbers_near_a_cue_survive() -> None:
    for text in ("The passport was taken from me on 12/03/2019 at the airport.",
                 "The crime number never came, the police said wait 2 weeks.",
                 "We were 15 people in a 3 bedroom house."):
        assert redact(text).text == text


def test_false_alarms_in_the_bots_own_texts_do_not_rise() -> None:
    """The bot's own texts in its 20 languages hold no person's name (a few words like "IMSA" aside): every
    [NAME] in them is a false alarm. 371 when round 4 ended (393 before it); the floor stops a change
    from making the thin scripts' false alarms worse unnoticed."""
    import yaml

    alarms = 0
    for path in sorted((ROOT / "translations").glob("*.yml")):
        texts: list[str] = []

        def walk(node) -> None:
            if isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
            elif isinstance(node, str) and len(node) > 15:
                texts.append(node)

        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        alarms += sum(redact(text, path.stem).text.count("[NAME]") for text in texts)
    # round 9: 384 with the learned tagger (the rules alone 362): sentence-opening words it takes for names;
    # round 11: 389 (the rules alone 343; the tagger redacts from P >= 0.3, was 0.5)
    assert alarms <= 390, alarms


# --- the labelled corpus -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dev():
    return part_scores("dev")


@pytest.fixture(scope="module")
def heldout():
    return part_scores("heldout")


# Sentences the rules keep whole and the learned tagger (bot.anonymise.tagger) redacts a word of: the false
# alarms it adds for the names it finds (docs/REDACTION.md, known limits). Tests of kept text hold the rules to
# every sentence and the whole pipeline to every sentence not listed here; a test checks the list is current.
TAGGER_FALSE_ALARMS = {
    # round 15 (trained on dev14, whose writers typed word names in lower case after "with": "i went with grace"):
    # hope, P 0.24 after "with" (round 16's model: 0.32, above LOWER_SURE 0.3)
    "with hope in my heart",
}
# (round 16's thresholds by shape keep the Ge'ez word names opening an answer, "ትዕግስት ማድረግ ከብዶኛል" and "ሰላም ንኹሉ ይኹን።"
# (GEEZ_SURE), and "Rice and beans, ..." (a capital opening a sentence, OPENING_SURE): off the list, held again)
# (round 17's tagger, trained with heldout15 and dev16, keeps the Gurmukhi "ਖੁਸ਼ੀ ਦੀ ਗੱਲ ਹੈ" (ਖੁਸ਼ੀ, happiness, also
# Khushi), on the list since round 14: off the list, held again)

def assert_kept(text: str, language: str) -> None:
    assert redact(text, language, learned=False).text == text      # the rules
    if text not in TAGGER_FALSE_ALARMS:
        assert redact(text, language).text == text


# (round 9's tagger also redacted "with hope in my heart" and "والله تعبت"; round 10's, retrained, keeps them;
# round 13's kept "ਖੁਸ਼ੀ ਦੀ ਗੱਲ ਹੈ", happiness, which round 14's redacts again; round 14's keeps "والله تعبت"; round 15's
# redacts "with hope in my heart" again; round 17's keeps "ਖੁਸ਼ੀ ਦੀ ਗੱਲ ਹੈ")
@pytest.mark.parametrize("text,language", [("with hope in my heart", "en")])
def test_the_taggers_listed_false_alarms_are_current(text: str, language: str) -> None:
    """When the tagger stops redacting one, take it off TAGGER_FALSE_ALARMS: the sentence is then held to
    the whole pipeline again."""
    assert text in TAGGER_FALSE_ALARMS
    assert redact(text, language, learned=False).text == text and redact(text, language).text != text


@functools.lru_cache(maxsize=None)
def part_scores(name: str):
    """(items, scores) of a part of the PARTS table, or of "dev" (every spent part), "dev1-5" (the five dev
    batches alone, so that tuning on the spent parts never costs the old dev part): once per test process."""
    if name == "dev":
        items = load_dev()
    elif name == "dev1-5":
        items = [item for path in (NAMES_DEV, NAMES_DEV2, NAMES_DEV3, NAMES_DEV4, NAMES_DEV5)
                 for item in load_corpus(path, "dev")]
    else:
        items = load_part(name)
    return items, evaluate(items)


# the newest held-out part: written apart during its round, copied in when the round's rules are final
NEWEST = max((p for p in PARTS if p.held_out and p.scored_in), key=lambda p: p.scored_in).name


@pytest.mark.parametrize("part,scripts", [("heldout5", 8), ("heldout6", 8), ("heldout7", 8), ("heldout8", 6),
                                          ("heldout9", 6), ("heldout10", 8), ("heldout11", 8),
                                          ("heldout12", 7), ("heldout13", 8),
                                          ("heldout14", 8), ("heldout15", 8), ("heldout16", 8),
                                          ("heldout17", 8), ("heldout18", 8), ("heldout19", 8)])
def test_each_written_apart_heldout_part_is_as_big_and_varied_as_the_issue_asks(part: str, scripts: int) -> None:
    items = part_scores(part)[0]
    names = [item.text[s.start:s.end] for item in items for s in item.expected if s.type == "NAME"]
    assert len(items) >= 600 and len(names) >= 350
    assert sum(1 for item in items if not item.expected) >= 200
    # heldout8's and heldout9's writers named people in 6 scripts (Latin, Arabic, Ethiopic, Bengali, Gurmukhi,
    # Han: none in Devanagari or Cyrillic); the written-apart parts together cover more than 8; heldout10's writer
    # was asked for 8 and wrote them; heldout12's writers 7 (no Devanagari); heldout13's 8 (Cyrillic and Devanagari
    # among them)
    assert len({script(n) for n in names}) >= scripts


def test_the_written_apart_parts_together_name_people_in_eight_scripts_or_more() -> None:
    names = [item.text[s.start:s.end] for p in ("heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
                                                "heldout11", "heldout12", "heldout13", "heldout14",
                                                "heldout15", "heldout16", "heldout17", "heldout18",
                                                "heldout19")
             for item in load_part(p) for s in item.expected if s.type == "NAME"]
    assert len({script(n) for n in names}) >= 8


def test_corpus_is_as_big_and_varied_as_the_issue_asks(dev, heldout) -> None:
    items = dev[0] + heldout[0]
    names = [item.text[s.start:s.end] for item in items for s in item.expected if s.type == "NAME"]
    assert len(items) >= 600 and len(names) >= 350
    assert sum(1 for item in items if not item.expected) >= 200
    assert len({script(n) for n in names}) >= 8
    raw = [r for path in (NAMES_DEV, NAMES_DEV2, NAMES_DEV3, NAMES_DEV4, NAMES_HELDOUT)
           for r in __import__("yaml").safe_load(path.read_text(encoding="utf-8"))["items"]]
    assert len({r["nationality"] for r in raw if r.get("nationality")}) >= 15
    positions = Counter(item.position for item in items if item.expected)
    for position in ("cue", "start", "lowercase", "role_before", "role_after", "subject", "object", "list",
                     "vocative", "full_name", "title", "word_name", "patronymic", "non_latin", "identifier"):
        assert positions[position] >= 12, position


# floors: the figures reached when this was written, rounded down (see the module docstring). From round 9
# redaction has a learned tagger beside the rules (bot.anonymise.tagger), trained on the spent parts: on those
# parts the figures below are fitted figures and say little about fresh text; the held-out parts' do.
FLOORS = {
    # round 8: dev (4,356 answers) 0.927 / 0.938 / 1.000 / 0.913. Round 9: dev also holds heldout7 (spent) and
    # dev6/dev7 (training material at the hardest look-alikes, 1,815 answers): the rules alone 0.920 / 0.917 /
    # 0.999 / 0.894; with the tagger (trained on them) 0.984 / 0.922 / 0.999 / 0.894
    # Round 11: dev also holds heldout9 (spent) and dev8/dev9 (2,566 answers of training material): the rules alone
    # 0.919 / 0.912 (names) / 1.000 / 0.921; with the tagger (trained on them, P >= 0.3) 0.991 / 0.934 / 1.000 / 0.920
    # Round 12: dev also holds heldout10 (spent) and dev10/dev11 (2,835 answers by seven new writers, a fifth of the
    # whole, at the weak spots: its hardest part) and the tagger redacts from P >= 0.2 with a veto at 0.05:
    # 0.987 / 0.926 / 0.999 / 0.913. Round 13: dev also holds heldout11 (spent) and dev12 (1,140 answers by three
    # new writers at round 12's weak spots): 0.988 / 0.921 / 1.000 / 0.915. Round 14: dev also holds heldout12 (spent)
    # and dev13 (1,269 answers), and the tagger overrules no name of the rules (VETO 0): precision 0.901, hard
    # negatives 0.896. Round 15: dev also holds heldout13 (spent) and dev14 (1,299 answers): 0.987 / 0.904 / 1.000 /
    # 0.899. Round 16: dev also holds heldout14 (spent) and dev15 (1,362 answers, half of them hard negatives beside
    # names, written at the false alarms): 0.982 / 0.899 / 1.000 / 0.895
    "dev": {"name_recall": 0.98, "precision": 0.89, "identifier_recall": 0.99, "negatives": 0.89},
    # dev.yml ... dev5.yml alone: round 8 0.967 / 0.975 / 1.000 / 0.959; round 9 0.999 / 0.983 / 1.000 / 0.968;
    # round 12 1.000 / 0.980 / 1.000 / 0.959 (the tagger from P >= 0.2: one more hard negative redacted); round 15
    # 1.000 / 0.9797 / 1.000 / 0.957: the police log number "CAD 4567" is redacted from round 15, which dev3's writer
    # left unlabelled (a log number identifies a report, so the rule stays)
    "dev1-5": {"name_recall": 0.99, "precision": 0.979, "identifier_recall": 0.99, "negatives": 0.95},
    # round 5: 0.969 / 0.951 / 0.963 / 0.952; round 9 (never trained on): 0.986 / 0.955 / 0.963 / 0.952;
    # round 12 0.997 / 0.959 / 0.963 / 0.945 (the tagger from P >= 0.2 redacts one word of one more hard negative)
    "heldout": {"name_recall": 0.98, "precision": 0.95, "identifier_recall": 0.96, "negatives": 0.94},
    # written apart by a writer who never saw the code; first scored when round 3's rules were final
    # (round 4: 0.928 / 0.935 / 0.914 / 0.910; round 8: 0.941 / 0.935 / 0.971 / 0.906;
    # round 9, never trained on: 0.955 / 0.932 / 0.971 / 0.903)
    "heldout2": {"name_recall": 0.95, "precision": 0.93, "identifier_recall": 0.97, "negatives": 0.90},
    # written apart during round 4, scored once when round 4's rules were final: 0.815 / 0.907 / 0.858 / 0.916.
    # SPENT (tuned and, from round 9, trained on): round 8 0.897 / 0.942 / 1.000 / 0.921; round 9 0.993 / 0.959 /
    # 1.000 / 0.938
    "heldout3": {"name_recall": 0.99, "precision": 0.95, "identifier_recall": 0.99, "negatives": 0.93},
    # written apart during round 5, scored once when round 5's rules were final: 0.833 / 0.938 / 0.874 / 0.934.
    # SPENT: round 8 0.909 / 0.959 / 1.000 / 0.941; round 9 0.979 / 0.982 / 1.000 / 0.987
    # round 11 (the tagger redacts from P >= 0.3): 0.985 / 0.9795 / 1.000 / 0.987
    "heldout4": {"name_recall": 0.97, "precision": 0.97, "identifier_recall": 0.99, "negatives": 0.98},
    # round 6's held-out part, scored once when its rules were final: 0.876 / 0.837 / 0.894 / 0.796.
    # SPENT: round 8 0.909 / 0.877 / 1.000 / 0.821; round 9 0.992 / 0.903 / 1.000 / 0.864; round 16's tagger asks
    # more of a Ge'ez word (P 0.4, tagger.shape_sure): 0.989, one Ge'ez word name opening a sentence of 476 names
    "heldout5": {"name_recall": 0.989, "precision": 0.90, "identifier_recall": 0.99, "negatives": 0.86},
    # round 7's held-out part, scored once when its rules were final: 0.889 / 0.894 / 0.930 / 0.884.
    # SPENT: round 8 0.901 / 0.903 / 1.000 / 0.884; round 9 0.976 / 0.923 / 1.000 / 0.906
    "heldout6": {"name_recall": 0.97, "precision": 0.92, "identifier_recall": 0.99, "negatives": 0.90},
    # round 8's held-out part (heldout7a/7b, 712 answers), scored once when its rules were final: 0.912 / 0.879 /
    # 0.959 / 0.840 (round 7's rules: 0.902 / 0.871 / 0.885 / 0.840). SPENT from round 9 (its identifiers tuned
    # on; the rules were not tuned on its names, and the tagger trained without it gave 0.945 / 0.884 / 0.959 /
    # 0.844 on it): with the tagger trained on it 0.980 / 0.902 / 1.000 / 0.859
    "heldout7": {"name_recall": 0.97, "precision": 0.90, "identifier_recall": 0.99, "negatives": 0.85},
    # round 9's held-out part (heldout8a/8b, 739 answers), written apart during round 9, kept outside the
    # repository, scored once when round 9's rules and tagger were final: 0.950 / 0.913 / 0.946 / 0.886 (the
    # rules alone 0.929 / 0.912 / 0.946 / 0.886; round 8's rules 0.922 / 0.899 / 0.946 / 0.864)
    # SPENT from round 10 (tuned and trained on): 0.981 / 0.951 / 1.000 / 0.939
    "heldout8": {"name_recall": 0.94, "precision": 0.91, "identifier_recall": 0.94, "negatives": 0.88},
    # round 10's held-out part (heldout9a/9b, 752 answers), written apart between rounds 9 and 10, kept
    # outside the repository, scored once with round 9's rules and tagger (0.888 / 0.917 / 0.969 / 0.901) and once
    # when round 10's were final: 0.895 / 0.931 / 0.990 / 0.916 (the rules alone 0.861 / 0.931 / 0.990 / 0.916)
    # SPENT from round 11 (tuned and trained on): 0.991 / 0.964 / 1.000 / 0.962; round 15's tagger (trained with
    # dev14 and heldout13 too) 0.989 name recall: one name of 447 fewer
    "heldout9": {"name_recall": 0.988, "precision": 0.96, "identifier_recall": 0.99, "negatives": 0.96},
    # round 11's held-out part (heldout10a/10b, 750 answers), written apart in round 11's first minutes, kept outside
    # the repository, scored once with round 10's rules and tagger (0.912 / 0.823 / 0.940 / 0.830) and once when
    # round 11's were final: 0.940 / 0.861 / 0.988 / 0.869 (the rules alone 0.890 / 0.869 / 0.988 / 0.889)
    # SPENT from round 12 (tuned and trained on): 0.990 / 0.926 / 0.988 / 0.928; round 14 (no veto) precision 0.896,
    # hard negatives 0.905
    "heldout10": {"name_recall": 0.98, "precision": 0.89, "identifier_recall": 0.98, "negatives": 0.90},
    # round 12's held-out part (heldout11a/11b, 802 answers), written apart in round 12's first minutes, kept outside
    # the repository, scored once with round 11's rules and tagger (0.930 / 0.873 / 0.990 / 0.859) and once when
    # round 12's were final: 0.947 / 0.904 / 0.990 / 0.888 (the rules alone 0.887 / 0.893 / 0.990 / 0.901)
    # SPENT from round 13 (tuned and trained on): 0.991 / 0.939 / 1.000 / 0.929; round 14 (no veto) precision 0.916,
    # hard negatives 0.910
    "heldout11": {"name_recall": 0.98, "precision": 0.91, "identifier_recall": 0.99, "negatives": 0.91},
    # round 13's held-out part (heldout12a/12b, 869 answers), written apart in round 13's first minutes, kept outside
    # the repository, scored once with round 12's rules and tagger (0.913 / 0.824 / 0.989 / 0.854) and once when
    # round 13's were final: 0.918 / 0.834 / 0.989 / 0.864 (the rules alone 0.833 / 0.846 / 0.989 / 0.902)
    # SPENT from round 14 (tuned and trained on, and no veto): 0.986 / 0.879 / 1.000 / 0.909
    "heldout12": {"name_recall": 0.91, "precision": 0.83, "identifier_recall": 0.98, "negatives": 0.86},
    # round 14's held-out part (heldout13a/13b, 1,100 answers), written apart in round 14's first minutes before any
    # code of the round, kept outside the repository, scored once with round 13's rules and tagger (0.920 / 0.817 /
    # 0.935 / 0.789) and once when round 14's were final: 0.926 / 0.825 / 0.943 / 0.800 (the rules alone 0.852 /
    # 0.853 / 0.943 / 0.854)
    # SPENT from round 15 (tuned and trained on): 0.991 / 0.875 / 1.000 / 0.850
    "heldout13": {"name_recall": 0.98, "precision": 0.86, "identifier_recall": 0.99, "negatives": 0.84},
    # round 15's held-out part (heldout14a/14b, 1,102 answers), written apart in round 15's first minutes before any
    # code of the round, kept outside the repository, scored once with round 14's rules and tagger (0.946 / 0.768 /
    # 0.977 / 0.755) and once when round 15's were final: 0.948 / 0.805 / 0.985 / 0.798 (the rules alone 0.893 /
    # 0.845 / 0.985 / 0.851)
    # SPENT from round 16 (tuned and trained on): 0.989 / 0.871 / 1.000 / 0.865
    "heldout14": {"name_recall": 0.98, "precision": 0.86, "identifier_recall": 0.99, "negatives": 0.86},
    # round 16's held-out part (heldout15a/15b, 1,138 answers), written apart in round 16's first minutes before any
    # code of the round, kept outside the repository, scored once with round 15's rules and tagger (0.922 / 0.818 /
    # 0.992 / 0.804) and once when round 16's were final: 0.927 / 0.860 / 1.000 / 0.850 (the rules alone 0.888 /
    # 0.878 / 1.000 / 0.877)
    # SPENT from round 17 (tuned and trained on): 0.986 / 0.896 / 1.000 / 0.887
    "heldout15": {"name_recall": 0.98, "precision": 0.88, "identifier_recall": 0.99, "negatives": 0.87},
    # round 17's held-out part (heldout16a/16b/16c, 1,120 answers), written apart in round 17's first minutes before
    # any code of the round, kept outside the repository, scored once with round 16's rules and tagger (0.942 /
    # 0.856 / 0.994 / 0.837) and once when round 17's were final: 0.945 / 0.866 / 0.994 / 0.847 (the rules alone
    # 0.902 / 0.876 / 0.994 / 0.865)
    # SPENT from round 18 (tuned and trained on): 0.991 / 0.888 / 0.994 / 0.867
    "heldout16": {"name_recall": 0.94, "precision": 0.86, "identifier_recall": 0.99, "negatives": 0.84},
    # round 18's held-out part (heldout17a/17b/17c, 1,120 answers), written apart in round 18's first minutes before
    # any code of the round, kept outside the repository, scored once with round 17's rules and tagger (0.928 /
    # 0.832 / 0.977 / 0.805) and once when round 18's were final: 0.930 / 0.841 / 0.977 / 0.810 (the rules alone
    # 0.872 / 0.849 / 0.977 / 0.826); after round 18's identifier rules (and a tagger trained with dev18 too), scored
    # a second time: 0.933 / 0.839 / 0.977 / 0.810
    # SPENT from round 19 (tuned and trained on): 0.989 / 0.876 / 1.000 / 0.832
    "heldout17": {"name_recall": 0.92, "precision": 0.83, "identifier_recall": 0.97, "negatives": 0.80},
    # round 18's small held-out part of identifiers (ids18a, 260 answers: 143 identifiers, 91 look-alike numbers),
    # written apart after heldout17 was scored and before round 18's identifier rules, kept outside the repository,
    # scored once before them (identifier recall 0.965, all types 0.949, precision 0.940, negatives 0.945) and once
    # after: 0.972 / 0.954 / 0.949 / 0.956 (its 6 names: 6 found)
    # SPENT from round 19 (tuned and trained on): identifier recall 1.000, precision 0.980, negatives 0.967
    "ids18": {"name_recall": 0.99, "precision": 0.94, "identifier_recall": 0.97, "negatives": 0.95},
    # round 19's held-out part (heldout18a/18b/18c, 1,120 answers), written apart in round 19's first minutes before
    # any code of the round, kept outside the repository, scored once with round 18's rules and tagger (0.922 /
    # 0.843 / 0.984 / 0.831) and once when round 19's were final: 0.931 / 0.850 / 0.992 / 0.831 (the rules alone
    # 0.879 / 0.860 / 0.992 / 0.844)
    # SPENT from round 20 (tuned and trained on): 0.992 / 0.875 / 1.000 / 0.842
    "heldout18": {"name_recall": 0.92, "precision": 0.84, "identifier_recall": 0.98, "negatives": 0.82},
    # round 20's held-out part (heldout19a/19b/19c, 1,126 answers), written apart in round 20's first minutes before
    # any code of the round, kept outside the repository, scored once with round 19's rules and tagger (0.927 /
    # 0.860 / 0.992 / 0.830) and once when round 20's were final: 0.938 / 0.866 / 0.992 / 0.842 (the rules alone
    # 0.864 / 0.871 / 0.992 / 0.860)
    "heldout19": {"name_recall": 0.93, "precision": 0.86, "identifier_recall": 0.99, "negatives": 0.84},
}


@pytest.mark.parametrize("part", ["dev", "dev1-5", "heldout", "heldout2", "heldout3", "heldout4", "heldout5",
                                  "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
                                  "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17",
                                  "ids18", "heldout18", "heldout19"])
def test_corpus_figures_do_not_fall(part: str) -> None:
    _, scores = part_scores(part)
    floor = FLOORS[part]
    assert scores.recall("NAME") >= floor["name_recall"], scores.recall("NAME")
    assert scores.precision() >= floor["precision"], scores.precision()
    assert scores.recall_of(IDENTIFIER_TYPES) >= floor["identifier_recall"], scores.recall_of(IDENTIFIER_TYPES)
    assert scores.negatives_kept() >= floor["negatives"], scores.negatives_kept()


@pytest.mark.parametrize("split", ["heldout", "heldout2", NEWEST])
def test_heldout_errors_are_never_printed(split: str) -> None:
    out = subprocess.run([sys.executable, "-m", "bot.anonymise.evaluate", "--split", split, "--errors"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=True).stdout
    if split == NEWEST and not part_paths(NEWEST):
        assert "skipped" in out   # the newest held-out part is copied in after the round's rules are final
    else:
        assert "never tuned on)" in out and "not shown" in out
    assert "MISSED" not in out and "FALSE ALARM" not in out


def test_newest_part_is_read_from_every_part_file_and_skipped_while_absent(tmp_path) -> None:
    assert load_part(NEWEST, tmp_path) == []
    for part, name in (("a", "Arben"), ("b", "Tesfaye")):
        (tmp_path / f"{NEWEST}{part}.yml").write_text(
            f"items:\n- text: {name} came with me.\n  entities: [[NAME, {name}]]\n", encoding="utf-8")
    (tmp_path / "heldout6a.yml").write_text("items: []\n", encoding="utf-8")
    items = load_part(NEWEST, tmp_path)
    assert [p.name for p in part_paths(NEWEST, tmp_path)] == [f"{NEWEST}a.yml", f"{NEWEST}b.yml"]
    assert [i.text for i in items] == ["Arben came with me.", "Tesfaye came with me."]
    assert all(i.split == "heldout" for i in items)


def test_newest_part_errors_are_never_printed_when_present(tmp_path, monkeypatch, capsys) -> None:
    from bot.anonymise import evaluate as ev
    (tmp_path / f"{NEWEST}a.yml").write_text(
        "items:\n- text: Zzqxv came with me.\n  entities: [[NAME, Zzqxv]]\n"
        "- text: the river was cold\n  entities: []\n", encoding="utf-8")
    monkeypatch.setattr(ev, "NAMES", tmp_path)
    ev.main(["--split", NEWEST, "--errors"])
    out = capsys.readouterr().out
    assert "never tuned on)" in out and "not shown" in out
    assert "MISSED" not in out and "FALSE ALARM" not in out


@pytest.mark.parametrize("part", [p for p in PARTS if p.scored_in and not p.held_out], ids=lambda p: p.name)
def test_every_spent_part_is_tuned_on_and_its_errors_printed(part) -> None:
    dev = {item.text for item in load_dev()}
    items = load_part(part.name)
    assert part_paths(part.name) and items and all(item.text in dev and item.split == "dev" for item in items)
    out = subprocess.run([sys.executable, "-m", "bot.anonymise.evaluate", "--split", part.name, "--errors"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=True).stdout
    assert f"tuned on from round {part.spent_from}" in out and "not shown" not in out


def test_held_out_parts_are_never_in_dev() -> None:
    spent = {path for p in PARTS if not p.held_out for path in part_paths(p.name)}
    dev_items = len(load_dev())
    assert dev_items == sum(len(load_corpus(path)) for path in spent)
    for part in PARTS:
        if part.held_out:
            assert not spent & set(part_paths(part.name)), part.name
            assert all(item.split == "heldout" for item in load_part(part.name)), part.name


def test_a_value_listed_twice_stands_for_its_second_occurrence(tmp_path) -> None:
    path = tmp_path / "c.yml"
    path.write_text("items:\n- text: Ali met Ali's cousin Ali.\n"
                    "  entities: [[NAME, Ali], [NAME, Ali], [NAME, Ali]]\n", encoding="utf-8")
    assert [s.start for s in load_corpus(path)[0].expected] == [0, 8, 21]
    path.write_text("items:\n- text: Ali came.\n  entities: [[NAME, Ali], [NAME, Ali]]\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_corpus(path)


# round 6: the mechanisms behind heldout3/heldout4's misses, on sentences in no corpus file
ROUND6_NAMED = [
    ("pt", "trabalhei com o rui e o nuno no restaurante", ["rui", "nuno"]),          # a pair, preposition again
    ("en", "kojo, ama and efua we all lived in one room", ["kojo", "ama", "efua"]),  # a lower-case list
    ("ro", "am stat cu ionut si cu florin in aceeasi camera", ["ionut", "florin"]),
    ("en", "the boss was mr hakimi and he took our money", ["hakimi"]),              # a lower-case title
    ("en", "Ardit my cousin he brought me to England", ["Ardit"]),                   # a role in apposition
    ("en", "esi she was only 15 when they brought her", ["esi"]),                    # taken up by "she"
    ("ar", "ana ismi samira w ana men halab", ["samira"]),                           # a romanised naming cue
    ("ur", "mera naam kashif hai", ["kashif"]),
    ("ti", "ዮሴፍ ገብረመድህን ኣብ ፋብሪካ ሰርሐ", ["ዮሴፍ", "ገብረመድህን"]),                     # a Ge'ez compound name
]


@pytest.mark.parametrize("language,text,names", ROUND6_NAMED)
def test_round6_names_where_people_stand(language: str, text: str, names: list[str]) -> None:
    result = redact(text, language)
    for name in names:
        assert name not in result.text, result.text
    assert "mera" in redact("mera naam kashif hai", "ur").text      # the cue itself stays


@pytest.mark.parametrize("text,value,entity", [
    ("my postcode changed, now it is zz99 7ab", "zz99 7ab", "POSTCODE"),
    ("ID card number 4455 6677 8899 from albania", "4455 6677 8899", "PASSPORT"),
    ("BQ 11 22 33 D is my national insurance", "BQ 11 22 33 D", "NINO"),
])
def test_round6_identifiers_by_shape(text: str, value: str, entity: str) -> None:
    result = redact(text)
    assert value not in result.text and f"[{entity}]" in result.text, result.text


@pytest.mark.parametrize("text,language", [
    # (from round 13 "I live in B12" names a postcode district, where a place stands, and is redacted; a room is not)
    ("I live in room B12 and the room is on the 3rd floor, number 12 3rd door", "en"),
    ("Rice and beans, black and white, salt and pepper, Monday and Tuesday.", "en"),
    ("Me ayudó la abogada de la Cruz Roja con los papeles.", "es"),
])
def test_round6_rules_keep_everyday_pairs_and_codes(text: str, language: str) -> None:
    assert_kept(text, language)



# round 7: the mechanisms behind heldout5b's false alarms, on sentences in no corpus file
ROUND7_ROMANISED = [
    # a lower-case name-list word in an answer typed in Latin letters, where no person stands: review
    ("zh", "wo jiao wang fang, ta hen mang", "wang", ("mang",)),
    ("ar", "ana esmi 7amza w b3raf bas shwayy", "amza", ("b3raf",)),
]


@pytest.mark.parametrize("language,text,name,words", ROUND7_ROMANISED)
def test_round7_romanised_everyday_words_go_to_review_not_redaction(language, text, name, words) -> None:
    result = redact(text, language)
    assert name not in result.text, result.text                 # the name after its cue is still redacted
    for word in words:
        assert re.search(rf"\b{word}\b", result.text), result.text   # the everyday word is kept ...
    assert uncertain(result.text, language)                      # ... and the answer waits for review


def test_round14_romanised_hindustani_grammar_words_are_known_words_not_doubts() -> None:
    """Round 7 sent this answer to review for its unknown lower-case words; from round 14 the grammar words of
    Hindustani typed in Latin letters are known (people.ROMANISED_HINDUSTANI): kept, and no reason to wait."""
    text = "mera naam tariq hai aur main leeds mein rehta hun"
    result = redact(text, "ur")
    assert result.text == "mera naam [NAME] hai aur main leeds mein rehta hun"
    assert not uncertain(result.text, "ur")


@pytest.mark.parametrize("language,text", [
    ("ur", "sana baji ne bola ke form fill karo"),               # first in its clause, before an honorific
    ("ckb", "sipas kak dilan bo hemu shtek"),                    # after thanks and an honorific
    ("am", "betam amesegnalehu gash girma"),
])
def test_round7_romanised_names_where_people_stand_are_still_redacted(language: str, text: str) -> None:
    name = {"ur": "sana", "ckb": "dilan", "am": "girma"}[language]
    assert name not in redact(text, language).text


@pytest.mark.parametrize("language,text", [
    ("am", "ሰኞ እና ረቡዕ ወደ ክሊኒክ እሄዳለሁ"),       # days of the week
    ("pa", "ਸੋਮਵਾਰ ਨੂੰ ਜੌਬ ਸੈਂਟਰ ਜਾਂਦਾ ਹਾਂ"),
    ("ti", "ኣምላኽ ይመስገን"),                        # God be thanked
    ("ti", "ኣቦይን ኣደይን ኣብ ገዛ እዮም"),               # function words with the "and" ending
    ("ar", "المحامي تبعي ما بيرد على التلفون"),       # the Levantine possessive after a role
])
def test_round7_days_months_and_god_in_other_scripts_are_kept(language: str, text: str) -> None:
    assert redact(text, language).text == text

# --- data stored before these rules --------------------------------------------------------------------

def _run(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli.commands", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_redact_stored_protects_what_was_saved_before(tmp_path) -> None:
    from bot.conversation.catalogue import catalogue
    from bot.store import Store
    from bot.store.models import Answer, AuditEntry, Coding, Respondent, TranscriptMessage

    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    question = catalogue().themes[0].questions[0]
    old = "Arben came with me and Tesfaye helped at the council."
    today = __import__("datetime").date.today()
    rid = "r-old"
    with store.session() as s:
        s.add(Respondent(id=rid, language="en", consent_version="test", created_on=today))
        s.flush()
        # as an older version stored it: the names were not found then
        answer = Answer(respondent_id=rid, question_id=question.id, theme=question.theme, kind=question.kind,
                        language="en", text=old, text_en=old, translation_status="not_needed",
                        created_on=today)
        s.add(answer)
        s.flush()
        start = old.index("council")
        s.add(Coding(answer_id=answer.id, code_id=catalogue().themes[0].id, source="staff", coder="analyst",
                     span_start=start, span_end=start + len("council"), created_on=answer.created_on))
        s.add(TranscriptMessage(session_id="old", respondent_id=rid, position=1, speaker="person", text=old,
                                language="en", created_on=answer.created_on))
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    done = _run("redact-stored", "--by", "dpo-check", env=env)
    assert done.returncode == 0, done.stderr
    assert "redacted further" in done.stdout and "Arben" not in done.stdout + done.stderr
    with store.session() as s:
        answer = s.execute(select(Answer)).scalar_one()
        assert "Arben" not in answer.text and "Tesfaye" not in answer.text and answer.text_en == answer.text
        assert answer.review_status == "needs_review"
        coding = s.execute(select(Coding).where(Coding.source == "staff")).scalar_one()
        assert answer.text[coding.span_start:coding.span_end] == "council"     # the coded span moved with it
        line = s.execute(select(TranscriptMessage)).scalar_one()
        assert "Arben" not in line.text
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "redact_stored")).scalars().all()
        text_after_first = answer.text
    again = _run("redact-stored", env=env)
    assert again.returncode == 0 and "0 redacted further" in again.stdout
    with store.session() as s:
        assert s.execute(select(Answer)).scalar_one().text == text_after_first
    store.engine.dispose()


# --- the page server's access log ------------------------------------------------------------------------

def test_access_log_keeps_no_visitor_trace(tmp_path) -> None:
    from tests.servers import web_process

    log = tmp_path / "web.log"
    agent = "CanaryBrowser/9.9 (Zoltanne-Device)"
    forwarded = "203.0.113.77"
    with web_process(f"sqlite:///{tmp_path / 'web.db'}", log) as base:
        request = urllib.request.Request(f"{base}/?from=canary-query-value", headers={
            "User-Agent": agent, "X-Forwarded-For": forwarded, "Referer": "https://partner.example/canary-page"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "GET / 200" in text                 # the request was logged ...
    for trace in (agent, "Zoltanne", forwarded, "127.0.0.1", "canary-query-value", "partner.example"):
        assert trace not in text, trace        # ... without anything of the visitor


# --- written responses: a canary through the importer and every export -----------------------------------

# one planted name each of the nationalities most often referred into the NRM (the words searched for)
WRITTEN_NAMES = ["Dritan", "Hoxha", "Tesfaye", "Krzysztof", "Chinedu", "Nguyen", "Minh", "Mohammed", "Osman",
                 "Ionut", "Ahmad", "Reza", "Karimi", "Karwan", "Wang Fang", "Harpreet", "Imran", "Hodan",
                 "Claire"]


def test_written_import_canary(tmp_path) -> None:
    from bot.importers import import_file
    from bot.importers.templates import write_template
    from bot.store import Store

    template = write_template("csv", tmp_path / "blank.csv")
    with template.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sentences = [
        "Dritan Hoxha came with me to the council and Tesfaye spoke for me.",
        "krzysztof took our passports and chinedu said we owed him money.",
        "Nguyen Van Minh was the boss; Mohammed Osman drove the van to the farm.",
        "Ionut and Gul Ahmad slept in the same room as me.",
        "Reza Karimi, my caseworker, and Karwan from the mosque helped a lot.",
        "Thank you Wang Fang, Harpreet and Imran. Hodan was kind, and Claire at the GP.",
    ]
    filled = 0
    for row in rows[1:]:
        if row[0].startswith("about.") or filled >= len(sentences):
            continue
        row[3] = sentences[filled]
        filled += 1
    path = tmp_path / "response.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    store = Store(f"sqlite:///{tmp_path / 'written.db'}")
    try:
        report = import_file(store, path, actor="canary")
        assert report.error is None and report.answers >= len(sentences)
        metadata = MetaData()
        metadata.reflect(store.engine)
        blob = []
        with store.engine.connect() as connection:
            for table in metadata.sorted_tables:
                blob += [" ".join(str(v) for v in row) for row in connection.execute(select(table))]
        exports = every_export(store)
    finally:
        store.engine.dispose()
    tables = " ".join(blob)
    assert "[NAME]" in tables
    for name in WRITTEN_NAMES:
        word = re.compile(rb"(?<![A-Za-z])" + re.escape(name.encode()) + rb"(?![A-Za-z])", re.IGNORECASE)
        assert not word.search(tables.encode()), name
        for fmt, data in exports.items():
            assert not word.search(data), (fmt, name)


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("ሰራሕተኛ ደገፍ ብዙሕ ሓጊዙኒ ኣብ ወረቓቕቲ", "ብዙሕ", None),       # the support worker helped me a lot (ti)
    ("ሰራሕተኛ ደገፍ ኣማኑኤል ሓጊዙኒ", None, "ኣማኑኤል"),            # the support worker Amanuel helped me
    ("የድጋፍ ሰራተኛዬ በጣም ረድታኛለች", "በጣም", None),               # my support worker helped me very much (am)
])
def test_ethiopic_adverbs_after_a_role_stay_and_names_go(text: str, kept: str | None, gone: str | None) -> None:
    out = redact(text, "ti" if "ሰራሕተኛ" in text else "am").text
    if kept:
        assert kept in out, out
    if gone:
        assert gone not in out, out


# round 8: the mechanisms behind heldout5/heldout6's misses, on sentences in no corpus file
@pytest.mark.parametrize("language,text,name", [
    ("en", "Zainab", "Zainab"),                                           # the whole answer is a name
    ("en", "Rashid is my caseworker at the charity", "Rashid"),           # X is my <role>
    ("en", "my interpreter was tomasz, he was kind", "tomasz"),           # my <role> was X
    ("es", "Consuela me llevó al tribunal", "Consuela"),                  # clitic + a past verb by its ending
    ("ur", "بلال، زبیر اور نوید کام پر جاتے تھے", "نوید"),                 # a list of three in Arabic script
    ("en", "thank you very much ionut for everything", "ionut"),          # "very much" is no determiner
    ("ro", "am stat cu marius în casa lui", "marius"),                    # lower case after a plain "with"
])
def test_round8_names_where_people_stand_are_redacted(language: str, text: str, name: str) -> None:
    assert name not in redact(text, language).text


@pytest.mark.parametrize("language,text", [
    ("en", "Yes"), ("en", "Thanks"), ("en", "London"),                      # a one-word answer of safe words
    ("en", "with hope in my heart"),                                      # "with" + a word name, in English
    ("es", "trabajé en la granja con la esperanza de volver"),            # "la" is no "with" in Spanish
    ("en", "we drove past Leeds and Hull to Bradford"),
])
def test_round8_everyday_words_and_places_are_kept(language: str, text: str) -> None:
    assert_kept(text, language)


def test_round8_a_name_and_place_word_mid_sentence_goes_to_review() -> None:
    from bot.anonymise.recognizers.people import find_names
    text = "she told them she was called Larissa but nobody knew"   # both lists hold it: a person decides
    spans, unsure = find_names("I only met Larissa but she was kind", "en")
    assert (11, 18) in unsure or any(s <= 11 < e for s, e, _, _ in spans)
    assert "Larissa" not in redact(text, "en").text


@pytest.mark.parametrize("text,kind", [
    ("ni number qq 12 34 56 c", "NINO"), ("KN 55 01 23 D or maybe", "NINO"),   # any prefix, whole shape
    ("my NHS 943 476 5919", "NHS_NUMBER"), ("9991234560", "NHS_NUMBER"),       # 3-3-4 or ten digits, no cue
    ("my appeal HU/12345/2024", "REFERENCE"), ("file HO/21/889034 is open", "REFERENCE"),
    ("ቁጽሪ HOR-55102-E እዩ", "REFERENCE"), ("案件号码W1234567", "REFERENCE"),
    ("email ana punto lopez at example punto com", "EMAIL"),
])
def test_round8_identifier_shapes_without_a_cue(text: str, kind: str) -> None:
    assert f"[{kind}]" in redact(text, "en").text


@pytest.mark.parametrize("text", ["the meeting is at 10:30, room 204, size 12-14", "call 07700 900123",
                                  "COVID-19 and A4 paper", "on 12/03/2019"])
def test_round8_identifier_shapes_leave_ordinary_numbers(text: str) -> None:
    result = redact(text, "en")
    assert "NHS_NUMBER" not in result.text and "REFERENCE" not in result.text and "NINO" not in result.text


def test_round8_a_name_in_its_own_script_after_a_role_in_a_latin_answer() -> None:
    assert "सुनील" not in redact("my neighbour सुनील took our passports", "en").text
    assert "आराम" in redact("my doctor said आराम is needed", "en").text   # not right after the role: kept


def test_round8_a_role_of_two_words_after_the_name() -> None:
    assert redact("Precious the support worker is kind", "en").text == "[NAME] the support worker is kind"
    text = "London the capital city is big"
    assert redact(text, "en").text == text


# Round 9: a Han given name of the name list with no surname, where a person stands, unless wordfreq's
# Chinese list (data/frequencies/zh.txt.gz) calls it an everyday word; a surname before a title
@pytest.mark.parametrize("text,name", [
    ("海燕帮我找了一个律师", "海燕"),            # opening a clause before a verb people do
    ("我跟丽华一起去了医院", "丽华"),            # after "with"
    ("多谢秀兰姐给我买了衣服", "秀兰"),          # after thanks, before an honorific
    ("赵师傅每天开车送我们", "赵"),              # a surname before a title
    ("大家都叫她周姐", "周姐"),                  # a surname and "elder sister" after "call her"
])
def test_round9_han_given_names_without_a_surname(text: str, name: str) -> None:
    assert name not in redact(text, "zh").text


@pytest.mark.parametrize("text", [
    "明天跟社工去法院",            # 明天 "tomorrow" is in the name list, and an everyday word
    "她很安静，不太说话",           # a word name after an adverb is no person
    "希望孩子们平安",
    "苏格兰的冬天很冷",             # a place starting with a surname, an everyday word of the Chinese list
    "钱都给了中介",                 # a surname character before "all": the money
])
def test_round9_han_everyday_words_are_kept(text: str) -> None:
    assert redact(text, "zh").text == text


# Round 9, Ge'ez: names under a preposition written onto them (ለ, ን, ምስ, ናብ, ስለ), Tigrinya "X-ን Y-ን" lists,
# "ዝ- verb X እዩ" (the one who did it is X), a subject after a verb with "me" that opens the answer, a name
# before a verb people do, Ge'ez spellings of Mister/Miss, and ብዘይ (without) before a person
@pytest.mark.parametrize("language,text,name", [
    ("ti", "ምስዳዊት ከይደ", "ዳዊት"),
    ("am", "ለሃና ደወልኩላት", "ሃና"),
    ("ti", "ዳዊትን ሰላምን ኣብ ሆቴል ኣለዉ", "ሰላም"),
    ("ti", "ዝሸጠኒ ሃብቶም እዩ", "ሃብቶም"),
    ("ti", "ሓጊዙኒ ዳዊት ኣብ ቤት ጽሕፈት", "ዳዊት"),
    ("am", "ረድቶኛል ዳዊት በጣም", "ዳዊት"),
    ("am", "ሁሉንም ገንዘብ ዳዊት ወሰደ", "ዳዊት"),
    ("ti", "ጠበቓይ ሚስተር ብራውን ኣይድውለለይን", "ብራውን"),
    ("ti", "ብዘይ ዳዊት ኣይከድኩን", "ዳዊት"),
])
def test_round9_geez_names_with_affixes_and_in_their_slots(language: str, text: str, name: str) -> None:
    assert name not in redact(text, language).text


@pytest.mark.parametrize("language,text", [
    ("am", "በለንደን ሥራ አገኘሁ"),              # a place under "in"
    ("am", "ከአዲስ አበባ መጣሁ"),                 # "from" + a place of two words
    ("am", "ስልኬ ተሰርቋል"),                     # "my phone"
    ("am", "ደላላው ደሞዛችንን ወሰደ"),            # Amharic object ending -ን: the thing taken
    ("am", "ትዕግስት ማድረግ ከብዶኛል"),            # "it is hard for me": no verb with "me" as object
    ("am", "ይህ የመጀመሪያው ደረጃ ነው"),           # an Amharic ordinal is no relative verb
])
def test_round9_geez_everyday_words_are_kept(language: str, text: str) -> None:
    assert_kept(text, language)


# Round 9, Arabic script: a name typed with the round t or Urdu's heh where the name list has ه (آمنة / آمنه)
# is a name where a person stands; God (الله) alone, and what follows it ("الله كريم"), is no person, while
# the second half of a name is (عبد الله, سمیع الله); a weekday before کو is a time ("on Friday")
@pytest.mark.parametrize("language,text,name", [
    ("ar", "آمنة ساعدتني كثيرا", "آمنة"),
    ("ar", "اسمي عبد الله", "الله"),
    ("ps", "د سمیع الله سره ولاړم", "سمیع"),
])
def test_round9_arabic_script_names(language: str, text: str, name: str) -> None:
    assert name not in redact(text, language).text


@pytest.mark.parametrize("language,text", [
    ("ar", "الله يحفظك"), ("ar", "الله كريم وكل شي بيصير"), ("ar", "والله تعبت"),
    ("ar", "جميلة جدا هذه المدينة"),          # an adjective with the round t: no person stands there
    ("ur", "جمعہ کو وکیل سے ملاقات ہے"),
])
def test_round9_arabic_script_everyday_words_are_kept(language: str, text: str) -> None:
    assert_kept(text, language)


# Round 9, precision and word names in Arabic script: علي after a verb, before a little word or the end, is
# "on me"; a pronoun (انا, وانا) is never a name; after "I have" (عندي) a word name is the thing had; a word
# name opening the sentence right before a role or "from" an organisation is the person (أمل محاميتي)
@pytest.mark.parametrize("language,text,kept", [
    ("ar", "لم يرد علي احد", True),
    ("ar", "وانا تعبت كثير", True),
    ("ar", "عندي امل ان ابقى هنا", True),
    ("fa", "بهار که شد رفتیم", True),
    ("ar", "ذهبت مع علي الى المحكمة", False),
    ("ar", "أمل محاميتي ساعدتني", False),
    ("fa", "بهار از شورای شهر زنگ زد", False),
])
def test_round9_arabic_script_words_and_word_names(language: str, text: str, kept: bool) -> None:
    assert (redact(text, language).text == text) is kept


# Round 9, Bengali: the roles survivors name (কেসওয়ার্কার, সমাজকর্মী, "her son" তার ছেলে); after someone's
# role a name that is also a word, however common (আমার বন্ধু আলো, মালিক হাসান); a word name opening the
# sentence before "my <role>" (আশা আমার সাপোর্ট ওয়ার্কার); a place with the locative ending is none (সিলেটে)
@pytest.mark.parametrize("text,name", [
    ("আমার বন্ধু আলো আমাকে সাহায্য করেছে", "আলো"),
    ("মালিক হাসান আমাদের পাসপোর্ট নিয়ে গেছে", "হাসান"),
    ("তার ছেলে রাকিব এখনো দেশে", "রাকিব"),
    ("আশা আমার সাপোর্ট ওয়ার্কার", "আশা"),
    ("আমার কেসওয়ার্কার মিনা খুব ভালো", "মিনা"),
])
def test_round9_bengali_names_by_roles(text: str, name: str) -> None:
    assert name not in redact(text, "bn").text


@pytest.mark.parametrize("text", ["আমার মা সিলেটে থাকেন", "সমাজকর্মী বলেছে অপেক্ষা করতে"])
def test_round9_bengali_places_and_roles_are_kept(text: str) -> None:
    assert redact(text, "bn").text == text


# Round 9, precision in the scripts without capitals: Pashto places between په ... کې / له ... څخه; a word before
# the Persian plural ها; names that are everyday nouns (ژیان life, ፀሐይ sun, ਖੁਸ਼ੀ joy) only where a person
# stands: after a title (کاک, خاتوو), before a role (ፀሐይ የእኔ ጓደኛ ናት, ژیان کارمەندی ...) or "with me"
@pytest.mark.parametrize("language,text", [
    ("ps", "زما ورور په کندهار کې اوسيږي"), ("ps", "زه له ننګرهار څخه راغلم"), ("ckb", "ژیان لێرە قورسە"),
    ("am", "ፀሐይ ወጣች ዛሬ"), ("pa", "ਖੁਸ਼ੀ ਦੀ ਗੱਲ ਹੈ"), ("fa", "افغان ها در هتل زیاد هستند"),
])
def test_round9_places_and_everyday_nouns_in_caseless_scripts_are_kept(language: str, text: str) -> None:
    assert_kept(text, language)


@pytest.mark.parametrize("language,text,name", [
    ("ckb", "کاک ئازاد یارمەتی دام", "ئازاد"), ("ckb", "ژیان کارمەندی پشتگیرییە", "ژیان"),
    ("am", "ፀሐይ የእኔ ጓደኛ ናት", "ፀሐይ"), ("am", "ብርቱካን ከእኔ ጋር ነበረች", "ብርቱካን"),
])
def test_round9_everyday_nouns_that_are_names_where_a_person_stands(language: str, text: str, name: str) -> None:
    assert name not in redact(text, language).text


def test_round9_a_latin_name_glued_to_han_text_is_a_word_of_its_own() -> None:
    # Han text has no spaces: "社工Emma很好" (the social worker Emma is good) was one token, and skipped
    assert "Emma" not in redact("社工Emma很好", "zh").text
    assert "John" not in redact("我的律师John帮了我", "zh").text
    assert redact("我在Tesco工作", "zh").text == "我在Tesco工作"     # a safe word stays; no "whole answer" rule


def test_round9_a_name_before_a_compound_postposition_of_people() -> None:
    # के alone is "of" or "did" (जाँच की); के बारे में (about), के साथ (with), के घर (at the house of) follow people
    assert "राजेश" not in redact("वकील ने राजेश के बारे में पूछा", "hi").text
    assert redact("काम के बारे में बात की", "hi").text == "काम के बारे में बात की"


# --- round 9: identifiers in the forms heldout7 (spent) showed, in fresh sentences ------------------------

@pytest.mark.parametrize("text,language,entity,value", [
    ("escribe a marta punto ruiz arroba example punto org", "es", "EMAIL", "marta punto ruiz arroba example punto org"),
    ("mande para joana ponto lima arroba example ponto net", "pt", "EMAIL",
     "joana ponto lima arroba example ponto net"),
    ("écris à paul point marin arobase example point com", "fr", "EMAIL", "paul point marin arobase example point com"),
    ("the card says QQ 1 2 3 4 5 6 C on the back", "en", "NINO", "QQ 1 2 3 4 5 6 C"),
    ("my ESA number is ESA 41 20 778 they lost it", "en", "REFERENCE", "ESA 41 20 778"),
    ("رقم التأمين الصحي عندي 999 204 8816", "ar", "NHS_NUMBER", "999 204 8816"),
    ("numéro de santé 999 876 5432 merci", "fr", "NHS_NUMBER", "999 876 5432"),
])
def test_round9_identifiers_in_the_forms_people_type(text: str, language: str, entity: str, value: str) -> None:
    result = redact(text, language)
    start = text.index(value)
    assert any(e.type == entity and e.start <= start and e.end >= start + len(value) - 1 for e in result.entities), \
        result.entities
    assert value not in result.text


@pytest.mark.parametrize("text", [
    "we were at the hotel at 9 and at the office at 3",   # "at" between words is no e-mail
    "room 1 2 3 and then bus 4 5 6",                       # digits apart with no letters round them
])
def test_round9_identifier_shapes_keep_ordinary_text(text: str) -> None:
    assert redact(text, "en").text == text


# --- round 10: identifiers in the forms heldout8 (spent) showed, in fresh sentences -----------------------

@pytest.mark.parametrize("text,language,entity,value", [
    ("write to me at sami_r @example.net thanks", "en", "EMAIL", "sami_r @example.net"),
    ("passport number K4P 20 88731 from asmara", "en", "PASSPORT", "K4P 20 88731"),
    ("phone me on zero seven seven zero zero nine double zero three one four", "en", "PHONE",
     "zero seven seven zero zero nine double zero three one four"),
    ("text o7700 900 415 after six", "en", "PHONE", "o7700 900 415"),
    ("data e lindjes 21.11.1994 sipas pasaportës", "sq", "DATE_OF_BIRTH", "21.11.1994"),
    ("dob 02 07 1989 i think", "en", "DATE_OF_BIRTH", "02 07 1989"),
    ("رقم الهوم اوفيس H-8812045 مكتوب عالرسالة", "ar", "REFERENCE", "H-8812045"),
    ("the letter says HO 7731 0452 at the top", "en", "REFERENCE", "HO 7731 0452"),
])
def test_round10_identifiers_in_the_forms_people_type(text: str, language: str, entity: str, value: str) -> None:
    result = redact(text, language)
    start = text.index(value)
    assert any(e.type == entity and e.start <= start + 1 and e.end >= start + len(value) - 1
               for e in result.entities), result.entities
    assert value not in result.text


@pytest.mark.parametrize("text", [
    "one two three four five six and then we stopped",   # six number words: no phone
    "we were 14 people in 3 rooms for 1996 pounds",       # numbers with no birth cue
    "the HO told me to wait 6 months",                    # HO with no reference
])
def test_round10_identifier_shapes_keep_ordinary_text(text: str) -> None:
    assert redact(text, "en").text == text


# --- round 10: heldout8 (spent) showed these mechanisms; fresh sentences, the rules alone ------------------

@pytest.mark.parametrize("text,language", [
    ("خالتي بتتصل فيني كل يوم من عمان", "ar"),             # my aunt calls me every day
    ("মামী আমাকে রান্না শিখিয়েছে", "bn"),                   # my aunt taught me to cook
    ("ਮਾਸੀ ਜੀ ਨੇ ਮੈਨੂੰ ਰੋਟੀ ਦਿੱਤੀ", "pa"),                      # auntie gave me bread
    ("እናቴ ሁልጊዜ ትደውልልኛለች", "am"),                         # my mother always calls me
    ("aabahay wuxuu joogaa Hargeysa", "so"),                 # my father is in Hargeisa
    ("motra ime punon ne nje dyqan", "sq"),                  # my sister works in a shop
])
def test_round10_kinship_words_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language,name", [
    ("خالتي زينب ساعدتني بالاوراق", "ar", "زينب"),           # a name after a kinship word is one
    ("চাচী রোকেয়া আমাকে খাবার দিত", "bn", "রোকেয়া"),
])
def test_round10_a_name_after_a_kinship_word(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("زوجي مصري وانا سوري", "ar"),                          # nationalities in Arabic script
    ("our cook was Filipina and very kind", "en"),
    ("ইসলাম ধর্ম আমার কাছে খুব গুরুত্বপূর্ণ", "bn"),            # religion in Bengali
    ("we read about the prophet Joseph and his brothers", "en"),
    ("she prayed to Mary when she was afraid", "en"),
    ("ਗੁਰੂ ਗੋਬਿੰਦ ਦੀ ਕਹਾਣੀ ਸੁਣੀ", "pa"),                       # the story of Guru Gobind
])
def test_round10_nationalities_religions_and_figures_of_faith_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,name", [
    ("my neighbour ሩታ helps me with the shopping", "ሩታ"),
    ("the man who took our money was called রফিক by everyone", "রফিক"),
    ("i share the room with ਹਰਪ੍ਰੀਤ now", "ਹਰਪ੍ਰੀਤ"),
])
def test_round10_a_name_in_its_own_script_amid_latin_text(text: str, name: str) -> None:
    assert name not in redact(text, "en", False).text


@pytest.mark.parametrize("text", [
    "الاكل هون مش منيح ابدا",                                  # the food here is not good at all
    "انا ما بعرف شو بدي اعمل",                                # I don't know what to do
])
def test_round10_after_an_arabic_negation_stands_no_person(text: str) -> None:
    assert redact(text, "ar", False).text == text


# --- round 11: scripts without capitals (dev8b, dev8c showed these mechanisms); fresh sentences, the rules alone ---

@pytest.mark.parametrize("text,language", [
    ("هر شب با خانوادم تلفنی حرف میزنم", "fa"),               # every night I talk to my family on the phone
    ("له کورنۍ سره مې اړیکه نشته", "ps"),                     # I have no contact with my family
    ("ከቤተሰቤ ጋር በስልክ እናወራለን", "am"),                       # we talk with my family by phone
    ("بحكي مع اهلي كل يوم", "ar"),                            # I talk with my family every day
    ("با فامیلم در تماس هستم", "prs"),                         # I am in touch with my family
])
def test_round11_family_words_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("مترجم دری خواستم ولی نیامد", "fa"),                     # I asked for a Dari interpreter (language)
    ("القاضي رفض طلبي", "ar"),                                # the judge refused my claim
    ("جج نے کیس ملتوی کر دیا", "ur"),                          # the judge adjourned the case
    ("كل يوم خميس بروح عالمركز", "ar"),                       # every Thursday I go to the centre (a day)
    ("هەینی دەچم بۆ بازاڕ", "ckb"),                            # on Friday I go to the market (a Sorani verb)
])
def test_round11_languages_judges_days_and_verbs_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("هفته ای ۴۰ پوند میدهند", "fa"),                         # a count before: a currency
    ("دیگر هیچ امید ندارم", "fa"),                             # a word of quantity before: no hope
    ("اب کوئی امید باقی نہیں", "ur"),
    ("ምስ ክልተ ቆልዑ ኣብ ሆቴል ኣለኹ", "ti"),                        # with two children (a numeral)
])
def test_round11_after_a_count_or_a_quantity_stands_a_noun(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("ሆቴሉ በጣም ቆሻሻ ነው", "am"),                               # hotel, spelt in Ge'ez (a safe English word)
    ("ስለ ሆቴል ክሕተት ደልየ", "ti"),
])
def test_round11_loanwords_spelt_in_geez_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


def test_round11_an_ergative_mark_names_only_the_words_right_before_it() -> None:
    out = redact("دکان میں سلیم نے مجھے کام دیا", "ur", False).text      # at the shop Salim gave me work
    assert "دکان" in out and "سلیم" not in out


@pytest.mark.parametrize("text,language,name", [
    ("من نوید هستم و از مشهد آمدم", "fa", "نوید"),             # I am Navid
    ("আমি সোহেল, সিলেট থেকে এসেছি", "bn", "সোহেল"),            # I (am) Sohel, ...
    ("እኔ ዳዊት እባላለሁ", "am", "ዳዊት"),                           # I am called Dawit
    ("ከሰላማዊት ጋር ሆስፒታል ሄድኩ", "am", "ሰላማዊት"),                # with Selamawit (ከ ... ጋር)
    ("ارسلت رسالة لنسرين امبارح", "ar", "نسرين"),              # to Nasrin (ل)
    ("کیس ورکرم نسیمه خیلی کمکم کرد", "prs", "نسیمه"),         # my caseworker Nasima
    ("شکریہ باجی فرزانہ آپ کا", "ur", "فرزانہ"),               # thanks, sister Farzana
    ("ዶክተር ኤልሳ ብጣዕሚ ሓጊዛትኒ", "ti", "ኤልሳ"),                   # Doctor Elsa helped me a lot
])
def test_round11_names_by_the_shape_around_them(text: str, language: str, name: str) -> None:
    out = redact(text, language, False).text
    assert name not in out
    assert "ብጣዕሚ" in out or language != "ti"        # the adverb after the name is no part of it


@pytest.mark.parametrize("text,name", [
    ("兰姐帮我找到了律师", "兰"),                              # sister Lan found me a lawyer
    ("谢谢燕姐", "燕"),
    ("社工小王每周来看我", "小王"),
])
def test_round11_chinese_names_before_sister_brother_and_familiar_forms(text: str, name: str) -> None:
    assert name not in redact(text, "zh", False).text


@pytest.mark.parametrize("text", [
    "小孩在学校很开心",              # the child
    "阿姨每天给我们做饭",            # auntie
    "唐人街的店都关了",              # Chinatown
    "他是阿尔巴尼亚人",              # Albanian
    "我哥是司机",                    # my brother
])
def test_round11_chinese_words_that_look_like_familiar_names_are_kept(text: str) -> None:
    assert redact(text, "zh", False).text == text


@pytest.mark.parametrize("text,language", [
    ("پارێزەرەکەم گوتی چاوەڕێ بکە", "ckb"),                   # my lawyer said wait (a role with its ending)
    ("هاوڕێکەم لە هۆتێلەکە کار دەکات", "ckb"),                 # my friend works at the hotel
    ("کارمند شورا گفت صبر کن", "fa"),                          # the council worker said wait
    ("زموږ کور لرې دی", "ps"),                                 # our house is far (a possessive)
    ("یو هلک راسره و", "ps"),                                  # a boy was with us (a person noun)
    ("ਇੱਕ ਔਰਤ ਨੇ ਮਦਦ ਕੀਤੀ", "pa"),                              # a woman helped
])
def test_round11_roles_kin_possessives_and_person_nouns_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language,name", [
    ("دانا برامە و لە ئەڵمانیا دەژی", "ckb", "دانا"),          # Dana is my brother
    ("ام خالد ساعدتني كتير", "ar", "خالد"),                    # Umm Khalid helped me a lot
    ("شب را خانه فرزاد ماندیم", "fa", "فرزاد"),                # we stayed the night at Farzad's house
    ("د هغه نوم یې ډیوډ و", "ps", "ډیوډ"),                     # his name was David
])
def test_round11_names_by_kin_kunya_house_and_naming_word(text: str, language: str, name: str) -> None:
    out = redact(text, language, False).text
    assert name not in out
    assert ("برامە" in out) if language == "ckb" else True    # the kin word stays


@pytest.mark.parametrize("text,language,name", [
    ("ওখানে জসিমদা ছিল", "bn", "জসিম"),                       # brother Jasim (-দা written on)
    ("শান্তি দি হাসপাতালে নিয়ে গিয়েছিল", "bn", "শান্তি"),       # sister Shanti (দি apart)
    ("ਗੁਰਪ੍ਰੀਤਨੂੰ ਫੋਨ ਕਰੋ", "pa", "ਗੁਰਪ੍ਰੀਤ"),                    # call Gurpreet (ਨੂੰ written on)
    ("ዳዊትና ሰላማዊት ወደ ቢሮ ሄዱ", "am", "ዳዊት"),                     # Dawit and Selamawit (Amharic -ና, and)
])
def test_round11_names_with_person_endings_written_on(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("আলাদা ঘরে থাকি", "bn"),                                 # separate: an everyday word ending in -দা
    ("ኣበይ ከም ዘሎ ኣይፈልጥን", "ti"),                              # I don't know where he is (a relative verb)
    ("ከመይ ከም ዝገብሮ ኣይፈልጥን", "ti"),                           # I don't know how to do it
])
def test_round11_words_that_end_or_start_like_names_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


# --- round 11: Latin-script answers (dev8a, dev8d and heldout9a spent); fresh sentences, the rules alone --------

@pytest.mark.parametrize("text,language", [
    ("il m'a dit que le numero etait faux", "fr"),           # numéro typed without its accent
    ("ayer un amigo me presto dinero para el bus", "es"),     # prestó
    ("pokoj byl maly i bardzo brudny", "pl"),                 # mały
    ("em muon dien giay to nhung khong biet cach", "vi"),     # điền
    ("nu vorbesc rusa deloc", "ro"),                          # as common a word as a name
])
def test_round11_a_lower_case_word_typed_without_accents_is_no_name(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language,name", [
    ("moi et mamadou on travaillait la nuit", "fr", "mamadou"),     # beside "moi et"
    ("am locuit cu nicoleta doua luni", "ro", "nicoleta"),          # after "with"
    ("la trabajadora se llama lucia y es buena", "es", "lucia"),    # after a naming cue
    ("mieszkalam u jarka przez tydzien", "pl", "jarka"),            # at someone's (u + genitive)
    ("le patron c'etait toujours lui, il s'appelait koffi", "fr", "koffi"),
])
def test_round11_a_lower_case_name_where_people_stand_is_still_one(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("PLEASE HAVE MERCY ON MY FAMILY", "en"),
    ("EU NAO TENHO AJUDA DE NINGUEM", "pt"),
])
def test_round11_an_answer_in_capitals_keeps_its_words(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("me pagaban por Wise desde Octubre", "es"),               # a money service, a month
    ("lacagta waxaan u diray Dahabshiil bishii Oktoobar", "so"),
    ("tiếng Việt của em không tốt lắm", "vi"),                  # a language after tiếng
    ("thứ Ba em đi gặp luật sư", "vi"),                         # a weekday after thứ
])
def test_round11_services_months_and_vietnamese_class_nouns_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("vetem Zoti e di sa kam vuajtur", "sq"),                  # only God knows (vetem: only; Zoti: God)
    ("une punoja ne nje lavazh makinash", "sq"),               # une: I
    ("waxaan soo maray Suudaan iyo Liibiya", "so"),            # Sudan and Libya as Somali writes them
    ("nena ime eshte ende ne Shqiperi", "sq"),                 # Albania without its ë
    ("gracias a la Virgen estoy viva", "es"),
    ("Armata Salvarii m-a sunat azi", "ro"),                   # a safe phrase typed without accents
    ("Croix-Rouge m'a trouve un manteau", "fr"),               # a hyphenated organisation
])
def test_round11_god_places_and_function_words_of_the_latin_languages_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language,name", [
    ("Mirela, asistenta mea sociala, m-a sunat azi", "ro", "Mirela"),     # a name with its role after it
    ("Patricio, mi abogado, no contesta el telefono", "es", "Patricio"),
    ("Kasia, moja tlumaczka, byla ze mna w sadzie", "pl", "Kasia"),
    ("Yannick, mon voisin, m'a prete de l'argent", "fr", "Yannick"),
    ("Esperanza de la iglesia me trajo ropa", "es", "Esperanza"),          # a word name from somewhere
    ("Graça da Cruz Vermelha me deu um casaco", "pt", "Graça"),
])
def test_round11_a_name_with_its_role_or_organisation_after_it(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("Londres, mi ciudad, es muy cara", "es"),                  # a place with a description: no role
    ("Esperanza de vida no tengo ninguna", "es"),                # hope of life: no organisation after "de"
])
def test_round11_a_capitalised_word_without_a_role_after_it_is_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language,name", [
    ("oddalem klucze Bożence wczoraj wieczorem", "pl", "Bożence"),          # dative of Bożenka
    ("pracowalem dla Jacka przez dwa lata", "pl", "Jacka"),                  # genitive of Jacek
    ("ia dhashë pasaportën Fatmirit", "sq", "Fatmirit"),                     # dative of Fatmir
    ("Xaliimo-da ayaa cunto i siisay", "so", "Xaliimo-da"),                  # Somali article after a hyphen
])
def test_round11_a_name_in_one_of_its_cases(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("dostalem paczke z Caritasu", "pl"),                     # an organisation in the genitive
    ("Avokati nuk erdhi sot", "sq"),                          # the lawyer, with its article
])
def test_round11_a_declined_organisation_or_role_is_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language,name", [
    ("Rosalba y Fabiola limpiaban las oficinas conmigo", "es", "Rosalba"),   # a pair before a verb in the past
    ("Wanderley pegou o meu telefone", "pt", "Wanderley"),                  # -ou: he took (no place)
    ("Viorel m-a dus la spital", "ro", "Viorel"),                           # m-a: (he) me-has
])
def test_round11_a_name_before_a_verb_in_the_past(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("Madrid costaba mucho dinero", "es"),        # a place that is a name too, before a verb: not alone
    ("Lisboa ficou longe de tudo", "pt"),
])
def test_round11_a_place_before_a_verb_in_the_past_is_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("Shefi na merrte gjysmen e pageses", "sq"),                 # the boss, opening the sentence
    ("doktori tha qe duhet te pres", "sq"),                      # the doctor, in lower case
    ("Szef nie oddal nam pieniedzy", "pl"),                      # the boss
    ("hablé con el medico ayer por la tarde", "es"),            # a role after "con el"
    ("ninka guriga lahaa wuu na caayay", "so"),                  # the man (with the article)
    ("Người Việt ở Leeds rất tốt với em", "vi"),                 # a class noun opening the sentence
])
def test_round11_roles_of_the_latin_languages_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,name", [
    ("em ở với chị lan trong phòng nhỏ", "lan"),              # a given name in lower case after chị
    ("chú hùng đưa em sang anh", "hùng"),
])
def test_round11_a_vietnamese_name_in_lower_case_after_a_kinship_word(text: str, name: str) -> None:
    assert name not in redact(text, "vi", False).text.split()


@pytest.mark.parametrize("text", [
    "chị gái em vẫn ở nhà",                                    # older sister
    "dì út của em ở Hà Nội",                                   # youngest aunt
    "em phải đi gặp bác sĩ vào thứ hai",                       # the doctor
])
def test_round11_a_vietnamese_kinship_compound_is_no_name(text: str) -> None:
    assert redact(text, "vi", False).text == text


@pytest.mark.parametrize("text,language", [
    ("lozko bylo male i twarde", "pl"),                        # małe i twarde: two words, one without accents
    ("ale tam jest maly i ciemny pokoj", "pl"),
])
def test_round11_two_words_of_the_language_joined_by_and_are_no_pair_of_people(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


# --- round 11, second part: the one told, called or written to (scripts without capitals) ---

@pytest.mark.parametrize("text,language,name", [
    ("دیروز به نرگس گفتم که میترسم", "fa", "نرگس"),           # yesterday I told Narges that I am afraid
    ("پلوشې ته مې پیغام ولېږه", "ps", "پلوشې"),                 # I sent Palwasha a message
    ("কাল তানজিলাকে ফোন দিলাম", "bn", "তানজিলা"),              # yesterday I phoned Tanzila
])
def test_round11b_the_one_told_or_called(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("به مادرم گفتم که میترسم", "fa"),                        # I told my mother
    ("کور ته مې زنګ وواهه", "ps"),                            # I phoned home
    ("বাড়ির দিকে গেলাম", "bn"),                               # I went towards the house
])
def test_round11b_told_a_kin_word_or_a_place_is_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,name", [
    ("我在超市认识了何丽娟，她人很好", "何丽娟"),               # at the supermarket I met He Lijuan
    ("后来我告诉孙志强他也不信", "孙志强"),                     # then I told Sun Zhiqiang, he did not believe it
])
def test_round11b_chinese_name_after_a_verb_whose_object_is_a_person(text: str, name: str) -> None:
    assert name not in redact(text, "zh", False).text


@pytest.mark.parametrize("text", ["我认识了很多人", "我找到了工作", "我给了他钱"])
def test_round11b_chinese_objects_that_are_no_names_are_kept(text: str) -> None:
    assert redact(text, "zh", False).text == text


@pytest.mark.parametrize("text,language", [
    ("ትማሊ ናብ ቤት ጽሕፈት ከይደ", "ti"),                         # yesterday I went to the office: a time word
    ("ረቡዕ ምስ ጠበቓ ቆጸራ ኣለኒ", "ti"),                          # on Wednesday I have an appointment with the lawyer
])
def test_round11b_time_word_and_a_thing_had_after_a_role_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


def test_round11b_arabic_to_written_onto_the_one_told() -> None:
    assert "ياسمين" not in redact("امبارح حكيت لياسمين عن المشكلة", "ar", False).text   # I told Yasmin
    assert redact("قلت لنفسي لازم اصبر", "ar", False).text == "قلت لنفسي لازم اصبر"      # I told myself


@pytest.mark.parametrize("text,name", [
    ("دوێنێ بە شیلانم وت کە دەترسم", "شیلان"),                  # yesterday I told Shilan that I am afraid
    ("نامەم بۆ سۆران نارد", "سۆران"),                           # I sent a letter to Soran
])
def test_round11b_sorani_the_one_told_or_sent_to(text: str, name: str) -> None:
    assert name not in redact(text, "ckb", False).text


def test_round11b_sorani_sent_home_is_kept() -> None:
    assert redact("پارەکەم بۆ ماڵەوە نارد", "ckb", False).text == "پارەکەم بۆ ماڵەوە نارد"   # I sent the money home
    assert redact("بە هاوسێکانم گوت", "ckb", False).text == "بە هاوسێکانم گوت"             # I told my neighbours


def test_round11b_geez_greeting_then_the_one_greeted() -> None:
    assert "ዮሴፍ" not in redact("ሰላም ዮሴፍ ጽቡቕ ዲኻ", "ti", False).text       # hello Yosef, are you well
    assert redact("ሰላም ነው", "am", False).text == "ሰላም ነው"                  # it is fine


# -- round 12: the Latin-script languages (invented sentences, none from the corpus) ---------------------


@pytest.mark.parametrize("text,language", [
    ("guardei tudo nas gavetas, ninguem mexeu", "pt"),          # nobody touched it: ninguém typed bare
    ("am pierdut actele, plange copilul toata noaptea", "ro"),   # the child cries: plânge typed bare
])
def test_round12_an_unaccented_word_after_a_comma_is_no_list_of_people(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


def test_round12_albanian_pronouns_and_adverbs_are_no_names() -> None:
    text = "i fola Arbenit dhe ai e kuptoi mire"                  # I spoke to Arben and he understood well
    redacted = redact(text, "sq", False).text
    assert "Arbenit" not in redacted and " ai " in redacted and "mire" in redacted


@pytest.mark.parametrize("text,language,name", [
    ("le conté todo a Remedios y ella me creyó", "es", "Remedios"),      # I told Remedios everything
    ("a Pilar le robaron los papeles en el hostal", "es", "Pilar"),      # Pilar's papers were stolen
    ("j'ai raconté mon histoire à Prudence hier", "fr", "Prudence"),     # I told Prudence my story
    ("entreguei as chaves pra Conceição e fui embora", "pt", "Conceição"),   # I handed the keys to Conceição
    ("a Luz me ajudou com o formulario", "pt", "Luz"),                   # Luz helped me with the form
])
def test_round12_romance_the_one_given_or_told_to(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


@pytest.mark.parametrize("text,language", [
    ("fui a Lisboa en autobus con mi hermana", "es"),            # I went to Lisbon by bus
    ("je suis allée à Rouen pour le rendez-vous", "fr"),         # I went to Rouen for the appointment
])
def test_round12_romance_a_place_gone_to_is_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,name", [
    ("mercy phoned the solicitor for me twice", "mercy"),
    ("patience texted me the address of the clinic", "patience"),
])
def test_round12_lower_case_word_name_before_a_verb_only_people_do(text: str, name: str) -> None:
    assert name not in redact(text, "en", False).text


@pytest.mark.parametrize("text", ["hope helped me get through the winter", "faith kept me going in the camp"])
def test_round12_a_virtue_that_helps_is_kept(text: str) -> None:
    assert redact(text, "en", False).text == text


@pytest.mark.parametrize("text", [
    "Dhakhtarka wuxuu ii qoray daawo cusub",               # the doctor wrote me new medicine
    "Jimcaha iyo Sabtida waan shaqeeyaa",                  # on Friday and Saturday I work
    "Nabad ayaan u baahanahay oo kaliya",                  # peace is all I need
])
def test_round12_somali_nouns_with_their_article_and_focused_objects_are_kept(text: str) -> None:
    assert redact(text, "so", False).text == text


def test_round12_somali_lower_case_subject_before_ayaa() -> None:
    text = "maxamed cali ayaa lacagtayda qaatay"              # Maxamed Cali took my money
    redacted = redact(text, "so", False).text
    assert "maxamed" not in redacted and "cali" not in redacted


@pytest.mark.parametrize("text,name", [
    ("Agroni e mbante celesin e dhomes", "Agroni"),        # Agron kept the key of the room
    ("mendoj se Fatosi e dinte gjithcka", "Fatosi"),       # I think Fatos knew everything
])
def test_round12_albanian_name_before_an_object_pronoun_and_a_verb(text: str, name: str) -> None:
    assert name not in redact(text, "sq", False).text


def test_round12_romanian_lui_before_a_name() -> None:
    assert "Sorin" not in redact("lui Sorin i-am dat telefonul meu", "ro", False).text   # I gave Sorin my phone


@pytest.mark.parametrize("text,name", [
    ("Lan oi, em nho chi nhieu lam", "Lan"),               # Lan, I miss you a lot
    ("em cam on chu Tuan da giup em", "Tuan"),             # thank you uncle Tuan for helping me
    ("Quang lay het giay to cua em", "Quang"),             # Quang took all my papers
])
def test_round12_vietnamese_given_names_spoken_to_after_kin_or_before_a_verb(text: str, name: str) -> None:
    assert name not in redact(text, "vi", False).text


@pytest.mark.parametrize("text", ["Troi oi, lanh qua", "Chua oi, giup con voi"])
def test_round12_vietnamese_cries_to_heaven_are_kept(text: str) -> None:
    assert redact(text, "vi", False).text == text


@pytest.mark.parametrize("text", ["Jana is my hometown, a small place by the river",
                                  "Kandahar was our city before the war"])
def test_round12_a_word_said_to_be_a_home_or_city_is_kept(text: str) -> None:
    assert redact(text, "en", False).text == text


# Round 12 (s12-ethiopic): invented sentences for the classes fixed in Ge'ez, Chinese, Punjabi and Bengali.
@pytest.mark.parametrize("text,language", [
    ("ገንዘበይ ኣብቲ ገዛ ተሪፉ", "ti"),        # my money stayed in the house: a word of the bot's with "my" written on
    ("ክፍሉ ጸቢብ እዩ", "ti"),                # the room is narrow: the same word with "the" (Kiflu sounds alike)
    ("ተስፋ ኣሎኒ ክሰርሕ", "ti"),             # I have hope of working: a thing one has
    ("ሰላም የለኝም ሌሊት", "am"),              # I have no peace at night
    ("ጭንቀት አለብኝ ሁሌ", "am"),              # I always have stress
    ("የምሰራው ቤት ሩቅ ነው", "am"),            # the house where I work is far: a relative verb
    ("የቤቱ ኪራይ በጣም ብዙ ነው", "am"),          # the house's rent is a lot: "of" the house, not of a person
    ("ኢሉ ኸደ", "ti"),                      # saying so, he left: a stop word of spaCy's Tigrinya list
])
def test_round12_geez_inflected_words_and_things_had_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,name", [
    ("ሊድያ የኔ caseworker ናት", "ሊድያ"),                  # Lidya is my caseworker
    ("ሳምራዊት ገብሩ የኔ solicitor ናት", "ሳምራዊት"),          # with her father's name before "my"
])
def test_round12_geez_name_before_my_english_role(text: str, name: str) -> None:
    out = redact(text, "am", False).text
    assert name not in out and "የኔ" in out


@pytest.mark.parametrize("text,name", [
    ("后来丽娟陪我去了医院", "丽娟"),          # later Lijuan went with me to the hospital
    ("只有阿兰经常给我打电话", "阿兰"),        # only A-Lan phones me often
    ("我不相信国栋，他骗了我", "国栋"),        # I don't trust Guodong
    ("小梅、小芳都在工厂", "小芳"),            # a list of familiar names
    ("solicitor 丽娜下周见我", "丽娜"),        # after a role written in English
])
def test_round12_chinese_given_names_where_people_stand(text: str, name: str) -> None:
    assert name not in redact(text, "zh", False).text


def test_round12_chinese_surname_after_english_title_or_before_officer() -> None:
    assert redact("Dr 黄说我要多休息", "zh", False).text == "Dr [NAME]说我要多休息"
    assert redact("周警官帮我报了案", "zh", False).text == "[NAME]警官帮我报了案"
    assert redact("后来我们搬走了", "zh", False).text == "后来我们搬走了"


@pytest.mark.parametrize("text,language", [
    ("ਮੇਰੇ ਪਿਤਾ ਜੀ ਬਿਮਾਰ ਹਨ", "pa"),           # my father (respectful) is ill
    ("ਫੁੱਫੜ ਨੇ ਫੋਨ ਕੀਤਾ", "pa"),               # my aunt's husband phoned
    ("ਡਾਕਟਰ ਸਾਬ੍ਹ ਨੇ ਦਵਾਈ ਦਿੱਤੀ", "pa"),        # the doctor sahib gave medicine
    ("ভাইয়া, একটু সাহায্য করেন", "bn"),         # brother, please help a little
    ("ডাক্তার সাহেব ভালো মানুষ", "bn"),         # the doctor sahib is a good man
])
def test_round12_kinship_words_and_sahib_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


# Round 12: the Arabic-script languages' everyday words taken for names (dev10b's false alarms, by class)
@pytest.mark.parametrize("text,language", [
    ("موعدي بكرة مع الـ solicitor تبعي", "ar"),            # the article written apart before a Latin word
    ("رحت مع الـ caseworker للمحكمة", "ar"),
    ("کیسم هنوز باز است", "prs"),                            # my case is still open: a clitic on a noun
    ("دیروز پلیسو صدا زدم", "fa"),                           # I called the police: the spoken object mark -o
    ("کمکم کن لطفا", "fa"),                                   # help me please
    ("وەڵامی نامەکەم ناداتەوە", "ckb"),                      # he does not answer my letter: Sorani verbs
    ("بەیانی نایەت", "ckb"),                                   # he will not come in the morning
    ("وکیلم میگه صبر کن", "fa"),                             # my lawyer says wait: a present verb after a role
])
def test_round12_clitics_and_verbs_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("نن ډېر ستړی یم", "ps"),                                 # today I am very tired
    ("دڵنیا نیم لە بڕیارەکە", "ckb"),                         # I am not sure about the decision
    ("كنت سعيد لأن القرار طلع", "ar"),                        # I was happy because the decision came
    ("وہ بہت عزت سے بولا", "ur"),                              # he spoke with much respect
    ("سرکار بهت عزت سے بات کرتے تھے", "ur"),                  # the same "very" typed with a Persian heh
    ("امبارح رحت عالمستشفى", "ar"),                           # yesterday I went to the hospital
    ("ربي كريم وما بينسانا", "ar"),                           # my Lord is generous
    ("نور څه ووایم؟", "ps"),                                   # what more shall I say: a word of the bot's texts
])
def test_round12_what_the_speaker_is_and_words_of_time_degree_and_god_are_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


@pytest.mark.parametrize("text,language", [
    ("ہمسائے کے بیٹے نے مدد کی", "ur"),                       # the neighbour's son helped
    ("پاکستانی کمیونٹی نے کھانا دیا", "ur"),                  # the Pakistani community gave food
])
def test_round12_a_noun_before_the_ergative_after_of_or_a_nationality_is_kept(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


def test_round12_sorani_construct_opening_a_sentence_is_kept_and_a_name_before_a_role_is_not() -> None:
    assert redact("ژووری ٢٠٤ زۆر ساردە", "ckb", False).text == "ژووری ٢٠٤ زۆر ساردە"     # room 204 is very cold
    assert "شوان" not in redact("ناوی تەواوم شوان کەریم", "ckb", False).text          # my full name is Shwan Karim


@pytest.mark.parametrize("text,language,name", [
    ("زه احمد یم", "ps", "احمد"),                               # I am Ahmad: after "I", a name
    ("ساعدني كثير خالد بالأوراق", "ar", "خالد"),              # Khalid helped me a lot with the papers
    ("اسم کاملم بهرام کریمی است", "fa", "بهرام"),              # my full name is Bahram Karimi
    ("میں نے عمران سے کہا", "ur", "عمران"),                    # I told Imran
])
def test_round12_names_near_the_new_rules_are_still_redacted(text: str, language: str, name: str) -> None:
    assert name not in redact(text, language, False).text


def test_round12_sorani_name_with_the_clitic_of_a_past_verb() -> None:
    assert "شوان" not in redact("دوێنێ شوانم بینی لە بازاڕ", "ckb", False).text     # yesterday I saw Shwan
    assert redact("نانم خوارد", "ckb", False).text == "نانم خوارد"                 # I ate my bread


@pytest.mark.parametrize("text,language", [
    ("صاحب الشغل ما دفع لنا", "ar"),                          # the owner of the work did not pay us
    ("رجعنا من الشام قبل سنة", "ar"),                          # we came back from Damascus a year ago
    ("میری امی اور ابو گاؤں میں ہیں", "ur"),                   # my mum and dad are in the village
])
def test_round12_a_word_with_the_article_and_urdu_dad_are_no_names(text: str, language: str) -> None:
    assert redact(text, language, False).text == text


def test_round12_a_family_name_with_the_article_still_joins_its_given_name() -> None:
    assert "الحسن" not in redact("كلمت أحمد الحسن امبارح", "ar", False).text
