from __future__ import annotations

import pytest
import yaml

from bot.conversation import catalogue as cat_module
from bot.conversation import i18n
from bot.conversation.catalogue import CatalogueError, catalogue

THEME_NAMES = [
    "Health and Social Care",
    "Housing and Subsistence",
    "Survivor Support and the NRM",
    "Reducing Risk and Increasing Resilience",
    "Criminal Justice",
    "Civil Justice",
    "Multi-Agency and Partnership Working",
    "Independent Advocacy and the IMSA Model",
]


def test_the_eight_themes_have_the_consultations_exact_names_in_order():
    assert [t.name for t in catalogue().themes] == THEME_NAMES
    assert [t.number for t in catalogue().themes] == list(range(1, 9))


def test_themes_one_to_six_ask_barriers_solutions_and_good_practice():
    for theme in catalogue().themes[:6]:
        assert [q.kind for q in theme.questions] == ["barriers", "solutions", "good_practice"], theme.id


def test_theme_seven_asks_what_worked_well_and_badly_together():
    kinds = {q.kind for q in catalogue().theme("multiagency").questions}
    assert kinds == {"good_practice", "barriers"}


def test_theme_eight_asks_what_an_advocate_should_do_earn_trust_and_never_do():
    ids = [q.id for q in catalogue().theme("advocacy").questions]
    assert ids == ["advocacy.role", "advocacy.trust", "advocacy.never"]
    assert {q.kind for q in catalogue().theme("advocacy").questions} == {"reflection"}


def test_uk_variation_is_asked_once_as_a_profile_question():
    cat = catalogue()
    assert cat.profile.kind == "uk_variation"
    assert [q for q in cat.all_questions() if q.kind == "uk_variation"] == [cat.profile]
    assert set(cat.nation_choices) == {
        "england", "scotland", "wales", "northern_ireland", "more_than_one", "prefer_not_to_say"
    }


def test_ids_are_stable_unique_and_prefixed_by_theme():
    ids = [q.id for q in catalogue().all_questions()]
    assert len(ids) == len(set(ids))
    for theme in catalogue().themes:
        for q in theme.questions:
            assert q.id.startswith(theme.id + "."), q.id


def test_every_question_has_written_wording_and_chat_texts_with_rephrase_and_example():
    for q in catalogue().all_questions():
        assert len(q.written.split()) >= 8, q.id
        assert i18n.has_text(q.chat_key), q.chat_key
    for theme in catalogue().themes:
        assert i18n.has_text(f"theme.{theme.id}.name")
        assert i18n.has_text(f"theme.{theme.id}.intro")
        for q in theme.questions:
            assert i18n.has_text(q.chat_key + ".simpler"), q.id
            assert i18n.has_text(q.chat_key + ".example"), q.id


def test_questions_for_keeps_catalogue_order_whatever_the_choice_order():
    ids = [q.id for q in catalogue().questions_for(["advocacy", "health"])]
    assert ids[0] == "health.barriers" and ids[-1] == "advocacy.never"


def test_a_broken_catalogue_is_refused(tmp_path):
    raw = yaml.safe_load(cat_module.QUESTIONS_FILE.read_text())
    raw["themes"][1]["questions"][0]["id"] = raw["themes"][0]["questions"][0]["id"]
    path = tmp_path / "questions.yml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(CatalogueError, match="id"):
        cat_module.load(path)
    raw = yaml.safe_load(cat_module.QUESTIONS_FILE.read_text())
    raw["themes"][0]["questions"][0]["kind"] = "opinions"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(CatalogueError, match="unknown kind"):
        cat_module.load(path)


def test_nothing_asks_for_identity_or_the_trafficking_story():
    forbidden = ("your name?", "date of birth?", "where were you", "what happened to you?", "tell us your story")
    for key, value in i18n.languages()["en"].texts.items():
        if key.startswith(("q.", "nation.question", "assisted.question")):
            for phrase in forbidden:
                assert phrase not in value.lower(), key
    opening = i18n.text("en", "about.no_story").lower()
    assert "name" in opening and "date of birth" in opening and "story" in opening
