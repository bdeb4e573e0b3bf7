"""Searching answers by their words (bot.staff.filtering, migration 0007), in the original or in English, in every
script, together with the other filters, on real SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), and the marks
the results page puts on the words found."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update

from bot.staff import coding_ops, filtering
from bot.store.models import Answer

ARABIC = "لم أستطع الذهاب إلى الطبيب بسبب اللغة"  # I could not go to the doctor because of the language
TIGRINYA = "ናብ ሓኪም ክኸይድ ኣይከኣልኩን ምኽንያቱ ቋንቋ"  # the same, in Tigrinya (Ethiopic script)
CHINESE = "我没有钱看医生，工作的老板拿走了我的护照"  # no spaces between words
ENGLISH = "The landlord kept our deposit and the hostel was cold"
POLISH = "Nie mogłem iść do lekarza, bo nie znałem języka"


def person(store, lang, answers, *, nation=None):
    rid = store.create_respondent(lang)
    if nation:
        store.update_respondent(rid, nation=nation)
    for question_id, words in answers:
        store.save_answer(rid, question_id, lang, text=words)
    return {a.question_id: a.id for a in store.answers(rid)}


@pytest.fixture
def answers(store):
    ids = {
        "ar": person(store, "ar", [("health.barriers", ARABIC)], nation="england")["health.barriers"],
        "ti": person(store, "ti", [("health.barriers", TIGRINYA)], nation="scotland")["health.barriers"],
        "zh": person(store, "zh", [("health.barriers", CHINESE)], nation="england")["health.barriers"],
        "en": person(store, "en", [("housing.barriers", ENGLISH)], nation="wales")["housing.barriers"],
        "pl": person(store, "pl", [("health.barriers", POLISH)], nation="england")["health.barriers"],
    }
    with store.session() as s:  # a machine translation of the Polish answer
        s.execute(update(Answer).where(Answer.id == ids["pl"]).values(
            text_en="I could not go to the doctor because I did not know the language", translation_status="done"))
    return ids


def found(store, words=None, **filters) -> list[int]:
    rows, total = coding_ops.browse(store, filtering.AnswerFilter(words=words, **filters), 1, 50)
    assert total == len(rows)
    return sorted(r.id for r in rows)


def test_words_are_found_in_every_script_and_in_english(store, answers):
    assert found(store, "الطبيب") == [answers["ar"]]
    assert found(store, "ሓኪም") == [answers["ti"]]
    assert found(store, "护照") == [answers["zh"]]  # two characters: shorter than a trigram, still found
    assert found(store, "老板拿走") == [answers["zh"]]  # a run of characters inside a sentence with no spaces
    assert found(store, "HOSTEL") == [answers["en"]]  # capitals do not matter
    assert found(store, "doctor") == [answers["pl"]]  # in the English of a Polish answer
    assert found(store, "lekarza") == [answers["pl"]]  # and in the Polish itself
    assert found(store, "język") == [answers["pl"]]  # a word's start, with a letter beyond ASCII
    assert found(store, "nothing-like-this") == []


def test_every_word_must_be_there_and_a_quoted_phrase_stays_whole(store, answers):
    assert found(store, "landlord cold") == [answers["en"]]
    assert found(store, "landlord doctor") == []
    assert found(store, '"hostel was cold"') == [answers["en"]]
    assert found(store, '"cold hostel"') == []
    assert found(store, "language doctor") == [answers["pl"]]  # both in the English


def test_words_combine_with_the_other_filters(store, answers):
    assert found(store, "الطبيب", nation="england") == [answers["ar"]]
    assert found(store, "الطبيب", nation="scotland") == []
    assert found(store, "ሓኪም", language="ti", theme="health") == [answers["ti"]]
    assert found(store, "ሓኪም", theme="housing") == []
    assert found(store, "hostel", question="housing.barriers") == [answers["en"]]
    assert found(store, None, nation="england") == sorted([answers["ar"], answers["zh"], answers["pl"]])


def test_characters_that_mean_something_to_sql_or_fts_are_only_words(store, answers):
    assert filtering.terms('"') == [] and filtering.terms('  "" ') == []  # nothing to search for: every answer
    for words in ('%', '_', "' OR 1=1 --", "a*", "NEAR(x y)", "doctor OR", "/", "%%%"):
        got = found(store, words)
        assert answers["ar"] not in got, words
    assert found(store, '" doctor') == [answers["pl"]]


def test_waiting_for_english_is_a_filter_of_its_own(store, answers):
    waiting = found(store, waiting_for_english=True)
    assert answers["pl"] not in waiting  # has a machine's English
    assert answers["en"] not in waiting  # written in English
    assert {answers["ar"], answers["ti"], answers["zh"]} <= set(waiting)
    coding_ops.set_english(store, answers["ti"], "I could not go to the doctor because of the language",
                           actor="the-staff")
    assert answers["ti"] not in found(store, waiting_for_english=True)
    assert found(store, "doctor") == sorted([answers["pl"], answers["ti"]])  # a person's English is searched too


def test_the_index_follows_changes_and_withdrawals(store, answers):
    with store.session() as s:
        s.execute(update(Answer).where(Answer.id == answers["en"]).values(text="The hostel was warm"))
    assert found(store, "landlord") == []
    assert found(store, "warm") == [answers["en"]]
    with store.engine.begin() as c:
        c.execute(text("DELETE FROM respondents WHERE id = (SELECT respondent_id FROM answers WHERE id = :a)"),
                  {"a": answers["en"]})
    assert found(store, "warm") == []


def test_the_found_words_are_marked_and_the_rest_is_left_as_it_is(store, answers):
    rows, _ = coding_ops.browse(store, filtering.AnswerFilter(words="doctor lekarza"), 1, 10)
    (row,) = rows
    assert [p for p, hit in row.excerpt if hit] == ["lekarza"]
    assert [p for p, hit in row.english if hit] == ["doctor"]
    assert "".join(p for p, _ in row.excerpt) == POLISH
    parts = filtering.highlight("<b>Doctor</b> & doctor", ["doctor"])
    assert parts == [("<b>", False), ("Doctor", True), ("</b> & ", False), ("doctor", True)]


def test_a_long_answer_is_cut_around_the_first_word_found():
    words = "start " + "filler " * 60 + "passport was taken " + "more " * 40
    parts = filtering.excerpt(words, ["passport"], 160)
    shown = "".join(p for p, _ in parts)
    assert ("passport", True) in parts and shown.startswith("…") and shown.endswith("…") and len(shown) <= 162


def test_the_search_index_is_the_one_the_migration_made(store):
    with store.engine.connect() as c:
        if store.engine.dialect.name == "sqlite":
            sql = c.execute(text("SELECT sql FROM sqlite_master WHERE name = 'answers_search'")).scalar()
            assert "fts5" in sql and "trigram" in sql
        else:
            indexes = set(c.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'answers'")).scalars())
            assert {"ix_answers_text_trgm", "ix_answers_text_en_trgm"} <= indexes
