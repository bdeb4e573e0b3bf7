"""A support worker's hand-over link: bot.conversation.handover tokens and the flow's pre-set start."""

from __future__ import annotations

import pytest

from bot.conversation import handover, i18n
from bot.conversation.catalogue import catalogue
from bot.conversation.flow import Flow
from bot.store.models import Answer, Respondent
from tests.walk import Person


@pytest.fixture
def flow(sqlite_store):
    return Flow(sqlite_store)


def preset(person: Person, token: str):
    return person.tap(handover.PREFIX + token)


def test_a_token_carries_the_choices_and_reads_back():
    token = handover.make("ar", ["nrm", "health"], "interpreter")
    read = handover.read(token)
    assert read == handover.Preset("ar", ("health", "nrm"), "interpreter")  # catalogue order
    assert token.startswith("ar.health-nrm.interpreter.")


@pytest.mark.parametrize(
    "lang, themes, assisted",
    [("xx", ["health"], "interpreter"), ("en", [], "interpreter"), ("en", ["nope"], "interpreter"),
     ("en", ["health"], "none"), ("en", ["health"], "admin")],
)
def test_unknown_choices_make_no_token(lang, themes, assisted):
    with pytest.raises(ValueError):
        handover.make(lang, themes, assisted)


def test_an_altered_or_malformed_token_reads_as_nothing():
    token = handover.make("en", ["health"], "support_worker_beside")
    body, mac = token.rsplit(".", 1)
    assert handover.read(body.replace("health", "housing") + "." + mac) is None
    assert handover.read(body + "." + ("A" * 16)) is None
    for bad in ("", "en", "../../etc", token + "x", '<script>', None, 42):
        assert handover.read(bad) is None


def test_the_link_starts_in_the_language_asks_consent_and_age_and_records_assisted(flow, sqlite_store):
    token = handover.make("fr", ["housing", "advocacy"], "support_worker_typing")
    p = Person(flow)
    preset(p, token)
    assert p.state["lang"] == "fr" and p.step == "about"
    assert p.last[-1].text == i18n.text("fr", "about.question")
    p.tap("continue")
    assert p.step == "consent"  # the person still agrees for themselves
    p.tap("yes")
    assert p.step == "age"
    p.tap("yes")
    assert p.step == "nation"  # "who is answering" is not asked again
    with sqlite_store.session() as s:
        respondent = s.get(Respondent, p.state["respondent"])
        assert respondent.assisted == "support_worker_typing"
        assert respondent.language == "fr"
    p.tap("wales")
    first = catalogue().questions_for(["housing"])[0]
    assert p.step == "q:" + first.id  # straight to the chosen topics, no topic menu
    assert p.state["themes"] == ["housing", "advocacy"]
    progress = i18n.text("fr", "progress", topic=1, topics=2, question=1, questions=len(
        [q for q in catalogue().questions_for(["housing"])]))
    assert progress in [m.text for m in p.last]


def test_the_pre_set_conversation_runs_to_the_end_with_only_those_topics(flow, sqlite_store):
    p = Person(flow)
    preset(p, handover.make("en", ["advocacy"], "interpreter"))
    p.tap("continue")
    p.tap("yes")
    p.tap("yes")
    p.tap("/skip")  # nation can be skipped too
    questions = catalogue().questions_for(["advocacy"])
    assert p.step == "q:" + questions[0].id
    for _ in questions:
        p.type("They should listen to me and explain my rights.")
    assert p.step == "ended"
    with sqlite_store.session() as s:
        answers = s.query(Answer).all()
        assert {a.question_id for a in answers if a.text} == {q.id for q in questions}


def test_go_back_from_the_first_question_returns_to_the_nation_step(flow):
    p = Person(flow)
    preset(p, handover.make("en", ["health"], "interpreter"))
    for value in ("continue", "yes", "yes", "england"):
        p.tap(value)
    assert p.step.startswith("q:")
    p.tap("/go_back")
    assert p.step == "nation"
    p.tap("scotland")
    assert p.step.startswith("q:")


def test_a_bad_link_says_so_and_stays_at_the_welcome(flow, sqlite_store):
    p = Person(flow)
    token = handover.make("en", ["health"], "interpreter")
    preset(p, token[:-1] + ("B" if token[-1] != "B" else "C"))
    assert p.step == "welcome"
    assert p.keys() == ["widget.handover.invalid", "welcome.text"]
    assert p.state["preset"] is None
    with sqlite_store.session() as s:
        assert s.query(Respondent).count() == 0


def test_a_preset_is_kept_across_pause_and_resume(flow):
    p = Person(flow)
    preset(p, handover.make("en", ["civil"], "support_worker_beside"))
    p.tap("continue")
    p.tap("yes")
    p.tap("yes")
    p.tap("/pause")
    code = p.code()
    q = Person(flow)
    q.type("hello", "greet")
    q.tap("resume")
    q.type(code)
    assert q.step == "nation"
    q.tap("wales")
    assert q.step == "q:" + catalogue().questions_for(["civil"])[0].id


def test_without_a_link_nothing_changes(flow):
    p = Person(flow).start()
    assert p.step == "themes" and p.state["preset"] is None
