"""The conversation's branches, through the real Flow and a real SQLite store."""

from __future__ import annotations

import json

import pytest

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.conversation.flow import MAX_MESSAGE_CHARS, STEPS, Flow, FlowState, Incoming, Step, new_state
from bot.store import Store
from bot.store.models import Answer, PausedSession, Respondent
from tests.walk import Person, button


@pytest.fixture
def flow(sqlite_store):
    return Flow(sqlite_store)


def rows(store: Store, model) -> list:
    with store.session() as s:
        return list(s.query(model).all())


def test_welcome_offers_every_language_and_a_resume_button(flow):
    p = Person(flow)
    p.type("hello", "greet")
    assert p.keys() == ["welcome.text"]
    payloads = [b["payload"] for b in p.last[0].buttons]
    for code in i18n.languages():
        assert '/choose{"choice":"%s"}' % code in payloads
    assert "/resume" in payloads and "/help_now" in payloads


def test_opening_says_what_this_is_and_is_not_before_consent(flow):
    p = Person(flow)
    p.type("hi", "greet")
    p.tap("en")
    assert p.keys() == ["about.what", "about.time", "about.controls", "about.not", "about.no_story", "about.question"]
    text = " ".join(m.text for m in p.last)
    for must in ("not the police", "Home Office", "counsellor", "Nobody reads", "skip", "pause", "stop", "help"):
        assert must in text
    p.tap("continue")
    assert p.keys()[-1] == "consent.question"


def test_a_whole_conversation_saves_each_answer_at_once(flow, sqlite_store):
    p = Person(flow).start()
    rid = p.state["respondent"]
    respondent = sqlite_store.respondent(rid)
    assert respondent.consent_version == catalogue().consent_version
    assert respondent.assisted == "none" and respondent.nation == "england"
    p.tap("all")
    questions = catalogue().questions_for(catalogue().theme_ids)
    for n, question in enumerate(questions, start=1):
        assert p.step == "q:" + question.id
        assert any(m.key == question.chat_key for m in p.last)
        p.type(f"Answer number {n} for this topic.")
        saved = {a.question_id: a.text for a in sqlite_store.answers(rid)}
        assert saved[question.id] == f"Answer number {n} for this topic."  # saved before the next question
    assert p.step == "ended"
    keys = p.keys()
    assert keys[:2] == ["answer.saved", "end.summary"] and "end.code" in keys and keys[-1] == "end.support"
    assert f"{len(questions)} questions about 8 topics" in p.last[1].text
    assert sqlite_store.respondent(rid).completed
    # the withdrawal code is shown once and stored only as a hash
    code = p.code()
    assert code not in repr(rows(sqlite_store, Respondent)[0].__dict__)
    assert sqlite_store.withdraw(code) == len(questions) + 2  # answers + nation answer + respondent
    assert rows(sqlite_store, Answer) == [] and rows(sqlite_store, Respondent) == []


def test_progress_line_in_plain_words(flow):
    p = Person(flow).start()
    p.tap("housing")
    p.tap("advocacy")
    p.tap("done")
    assert p.last[0].text == "Topic 1 of 2, question 1 of 3"
    assert p.last[1].key == "theme.housing.intro"
    p.type("A room of my own.")
    assert p.last[1].text == "Topic 1 of 2, question 2 of 3"


def test_choosing_themes_by_typed_numbers_and_done_needs_one(flow):
    p = Person(flow).start()
    p.tap("done")
    assert p.keys()[0] == "themes.none"
    p.type("2 and 5")
    assert p.keys()[0] == "themes.picked"
    p.type("Done")
    assert p.step == "q:housing.barriers"
    assert p.state["themes"] == ["housing", "criminal"]


def test_skip_go_back_repeat_and_dont_understand_at_a_question(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.tap("/skip")
    assert p.keys()[0] == "skip.done" and p.step == "q:health.solutions"
    p.tap("/go_back")
    assert p.step == "q:health.barriers"
    p.tap("/repeat")
    assert p.step == "q:health.barriers" and p.keys()[-1] == "q.health.barriers"
    p.tap("/dont_understand")
    assert p.keys()[-2:] == ["q.health.barriers.simpler", "q.health.barriers.example"]
    assert p.last[-1].buttons, "the simpler wording keeps the control buttons"
    p.type("I could not register with a doctor.")
    p.tap("/go_back")
    p.type("Nobody told me how to register with a doctor.")
    texts = [a.text for a in sqlite_store.answers(p.state["respondent"]) if a.question_id == "health.barriers"]
    assert texts == ["Nobody told me how to register with a doctor."]  # going back replaces, never duplicates


def test_go_back_at_the_first_step_says_so(flow):
    p = Person(flow)
    p.type("hello", "greet")
    p.tap("/go_back")
    assert p.keys()[0] == "back.first" and p.step == "welcome"


def test_free_text_containing_a_control_word_is_an_answer(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.type("I had to stop working when I got sick and could not see anyone", "stop")
    p.type("Please help me understand the letters from the hospital next time", "help_now")
    answers = {a.question_id: a.text for a in sqlite_store.answers(p.state["respondent"])}
    assert answers["health.barriers"].startswith("I had to stop working")
    assert answers["health.solutions"].startswith("Please help me")
    assert p.keys()[0] == "help.danger"  # the help text is shown all the same


def test_typed_stop_is_confirmed_and_can_be_saved_as_an_answer(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.type("stop working", "stop")
    assert p.step == "stop_confirm"
    assert '/choose{"choice":"save_as_answer"}' in [b["payload"] for b in p.last[-1].buttons]
    assert sqlite_store.answers(p.state["respondent"])[-1].question_id == "profile.uk_nation"
    p.tap("save_as_answer")
    assert p.step == "q:health.solutions"
    assert sqlite_store.answers(p.state["respondent"])[-1].text == "stop working"


def test_typed_pause_is_confirmed_and_cancel_returns_to_the_question(flow):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.type("pause", "pause")
    assert p.step == "pause_confirm"
    p.tap("cancel")
    assert p.step == "q:health.barriers"


def test_stop_and_delete_removes_every_row_at_once(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("all")
    p.type("First answer.")
    p.type("Second answer.")
    rid = p.state["respondent"]
    p.tap("/stop")
    assert p.step == "stop_confirm"
    p.tap("stop_delete")
    assert p.keys() == ["stop.deleted"] and p.step == "ended"
    assert sqlite_store.respondent(rid) is None
    assert rows(sqlite_store, Answer) == []


def test_stop_and_keep_gives_a_withdrawal_code(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("all")
    p.type("First answer.")
    p.tap("/stop")
    p.tap("stop_keep")
    assert p.keys() == ["end.code", "end.code_explain", "stop.kept"]
    assert len(sqlite_store.answers(rows(sqlite_store, Respondent)[0].id)) == 2
    assert sqlite_store.withdraw(p.code()) == 3


def test_stop_before_anything_is_saved_just_ends(flow, sqlite_store):
    p = Person(flow)
    p.type("hello", "greet")
    p.tap("/stop")
    assert p.keys() == ["stop.nothing_saved"] and p.step == "ended"
    p.type("hello again", "greet")
    assert p.step == "welcome"
    assert rows(sqlite_store, Respondent) == []


def test_pause_then_resume_with_the_code_after_a_restart(flow, sqlite_store, tmp_path):
    p = Person(flow).start()
    p.tap("criminal")
    p.tap("done")
    p.type("The police did not explain anything.")
    rid = p.state["respondent"]
    p.tap("/pause")
    code = p.code()
    assert p.step == "ended"
    assert code not in repr([r.__dict__ for r in rows(sqlite_store, PausedSession)])
    # a new process: a new Store and Flow on the same database
    fresh = Flow(Store(sqlite_store.url))
    q = Person(fresh)
    q.type("hello", "greet")
    q.tap("resume")
    assert q.step == "resume_code"
    q.type("ABCD-2345")
    assert q.keys()[0] == "resume.not_found"
    q.type(code.lower().replace("-", " "))
    assert q.keys()[0] == "resume.found"
    assert q.step == "q:criminal.solutions" and q.state["respondent"] == rid
    q.type("Let me bring someone I trust.")
    answers = [a.question_id for a in sqlite_store.answers(q.state["respondent"])]
    assert answers == ["profile.uk_nation", "criminal.barriers", "criminal.solutions"]
    # a resume code works once
    r = Person(fresh)
    r.type(code)
    assert r.step == "welcome"


def test_a_code_typed_at_the_welcome_resumes(flow):
    p = Person(flow).start()
    p.tap("/pause")
    code = p.code()
    q = Person(flow)
    q.type("hello", "greet")
    q.type(code)
    assert q.step == "themes"


def test_help_now_works_from_every_step_and_returns_there(flow):
    p = Person(flow)
    p.type("hello", "greet")
    visited = []
    for action in ["en", "continue", "yes", "yes", "none", "england", "health", "done", None]:
        step = p.step
        p.tap("/help_now")
        text = " ".join(m.text for m in p.last)
        for number in ("999", "55", "08000 121 700", "0800 808 3733", "116 123"):
            assert number in text, (step, number)
        assert p.step == "help"
        p.tap("carry_on")
        assert p.step == step
        visited.append(step)
        if action:
            p.tap(action)
    assert visited[-1] == "q:health.barriers"


def test_every_step_offers_every_control_button(flow):
    p = Person(flow)
    p.type("hello", "greet")
    for action in ["en", "continue", "yes", "yes", "none", "england", "health", "done"]:
        p.tap(action)
        payloads = {b["payload"] for b in p.last[-1].buttons}
        assert {"/skip", "/go_back", "/repeat", "/dont_understand", "/pause", "/stop", "/help_now"} <= payloads, p.step


def test_no_consent_or_under_18_saves_nothing(flow, sqlite_store):
    p = Person(flow)
    p.type("hello", "greet")
    p.tap("en")
    p.tap("continue")
    p.tap("no")
    assert p.keys() == ["consent.declined"] and p.step == "ended"
    q = Person(flow)
    q.type("hello", "greet")
    q.tap("en")
    q.tap("continue")
    q.tap("yes")
    q.type("no", "deny")
    assert q.keys() == ["age.under"] and "0800 1111" in q.last[0].text
    assert rows(sqlite_store, Respondent) == []
    # going back to the age question after saying yes, then no, deletes the respondent
    r = Person(flow).start()
    r.tap("/go_back")
    r.tap("/go_back")
    r.tap("/go_back")
    assert r.step == "age"
    r.tap("no")
    assert rows(sqlite_store, Respondent) == []


def test_skipping_the_uk_question_records_prefer_not_to_say(flow, sqlite_store):
    p = Person(flow)
    p.type("hello", "greet")
    for value in ["en", "continue", "yes", "yes"]:
        p.tap(value)
    p.tap("/skip")
    assert p.step == "nation"
    p.tap("/skip")
    assert p.step == "themes"
    assert sqlite_store.respondent(p.state["respondent"]).nation == "prefer_not_to_say"


def test_consent_and_age_cannot_be_skipped(flow):
    p = Person(flow)
    p.type("hello", "greet")
    p.tap("en")
    p.tap("continue")
    p.tap("/skip")
    assert p.keys()[0] == "skip.not_here" and p.step == "consent"


def test_typed_choices_match_labels_even_when_nlu_guesses_a_control_word(flow):
    p = Person(flow)
    p.type("hello", "greet")
    for value in ["en", "continue", "yes", "yes", "none"]:
        p.tap(value)
    p.type("Scotland", "stop")
    assert p.step == "themes"


@pytest.mark.parametrize(
    "text,key",
    [("", "input.empty"), ("   \n\t ", "input.empty"), ("\x00\x07\x1b", "input.empty"),
     ("x" * (MAX_MESSAGE_CHARS + 1), "input.too_long"), ("x" * 20000, "input.too_long")],
)
def test_bad_input_gets_a_kind_reply_and_loses_nothing(flow, sqlite_store, text, key):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.type("Saved first.")
    before = [(a.question_id, a.text) for a in sqlite_store.answers(p.state["respondent"])]
    step = p.step
    p.type(text)
    assert p.keys()[0] == key and p.step == step
    assert [(a.question_id, a.text) for a in sqlite_store.answers(p.state["respondent"])] == before


def test_emoji_only_and_control_characters_in_answers(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.type("👍🙏")
    p.type("bad\x00 ma\x1bnners")
    texts = [a.text for a in sqlite_store.answers(p.state["respondent"])][1:]
    assert texts == ["👍🙏", "bad manners"]


def test_unknown_and_forged_buttons_change_nothing(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("/definitely_not_a_button")
    assert p.keys()[0] == "input.unknown_button" and p.step == "themes"
    p.tap("stop_delete")  # a valid choice, but not at this step
    assert p.step == "themes"
    p.tap("health")
    p.tap("done")
    p.send(button("anything"))
    assert p.keys()[0] == "input.unknown_button" and p.step == "q:health.barriers"
    assert sqlite_store.respondent(p.state["respondent"]) is not None


def test_unclear_short_words_at_a_question_are_an_answer_not_a_command(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.send(Incoming("Later answer about health", "pause", {}, 0.74))
    assert p.keys()[0] == "answer.saved"
    assert sqlite_store.answers(p.state["respondent"])[-1].text == "Later answer about health"


def test_typed_words_in_a_language_are_suggested_and_confirmed(flow):
    p = Person(flow)
    p.type("Përshëndetje, dua të flas shqip ju lutem", "greet")
    assert p.step == "language_confirm"
    assert p.last[0].text == i18n.text("sq", "language.suggest", language="Shqip")
    p.tap("other")
    assert p.step == "welcome" and p.state["lang"] == "en"
    p.type("Përshëndetje, dua të flas shqip ju lutem", "greet")
    p.type("po", "affirm")
    assert p.step == "about" and p.state["lang"] == "sq"
    assert p.last[-1].text == i18n.text("sq", "about.question")


def test_short_or_unclear_words_at_the_welcome_change_nothing(flow):
    p = Person(flow)
    p.type("ok", "affirm")
    assert p.step == "welcome" and p.keys() == ["welcome.text"]


def test_language_menu_from_any_step_keeps_the_place_and_answers(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.type("An answer in English.")
    p.type("change language", "set_language")
    assert p.step == "language_menu"
    p.tap("vi")
    assert p.step == "q:health.solutions" and p.state["lang"] == "vi"
    assert p.last[-1].text == i18n.text("vi", "q.health.solutions")
    assert sqlite_store.respondent(p.state["respondent"]).language == "vi"
    p.send(Incoming('/set_language{"language":"ar"}', "set_language", {"language": "ar"}))
    assert p.state["lang"] == "ar" and p.step == "q:health.solutions"
    p.send(Incoming('/set_language{"language":"xx"}', "set_language", {"language": "xx"}))
    assert p.keys()[0] == "input.unknown_button" and p.state["lang"] == "ar"
    assert [a.text for a in sqlite_store.answers(p.state["respondent"])][1:] == ["An answer in English."]


def test_long_typed_words_at_the_welcome_are_language_hints_not_commands(flow):
    p = Person(flow)
    p.send(Incoming("Përshëndetje, dua të flas shqip ju lutem", "dont_understand", {}, 0.6))
    assert p.step == "language_confirm"
    q = Person(flow)
    q.send(Incoming("help", "help_now", {}, 0.9))
    assert q.step == "help"


def test_a_code_is_never_taken_for_a_control_word(flow):
    p = Person(flow).start()
    p.tap("/pause")
    code = p.code()
    q = Person(flow)
    q.type("hello", "greet")
    q.tap("resume")
    q.send(Incoming(code, "skip", {}, 0.97))  # the model guessed "skip" for the code
    assert q.keys()[0] == "resume.found" and q.step == "themes"


# ----------------------------------------------------------------------------- the state and the steps table
# A paused_sessions row as the bot wrote it before FlowState (bot/conversation/flow.py's dict): every key, these names.
TODAYS_PAUSED_ROW = {
    "step": "q:health.solutions", "history": ["welcome", "about", "consent", "age", "assisted", "nation", "themes",
                                               "q:health.barriers"],
    "lang": "fr", "respondent": None, "themes": ["health"], "picking": [], "return_to": None, "pending_text": None,
    "mode": None, "preset": {"themes": ["health"], "assisted": "interpreter"}, "kiosk": False, "partner": None,
    "suggested": [],
}


def test_a_flow_state_reads_todays_dict_and_writes_it_back_unchanged():
    state = FlowState.from_dict(TODAYS_PAUSED_ROW)
    assert Step.at(state.step) is Step.QUESTION and state.preset == {"themes": ["health"], "assisted": "interpreter"}
    assert state.to_dict() == TODAYS_PAUSED_ROW
    assert json.loads(json.dumps(state.to_dict())) == TODAYS_PAUSED_ROW  # JSON-safe: the slot and the row
    moved = FlowState.from_dict(TODAYS_PAUSED_ROW)
    moved.step, moved.return_to = Step.STOP_CONFIRM, Step.ABOUT  # enum members go in as names...
    moved.history.append(Step.THEMES)
    written = json.dumps(moved.to_dict())
    assert '"step": "stop_confirm"' in written and '"return_to": "about"' in written and '"themes"]' in written
    assert all(type(p) is str for p in moved.to_dict()["history"])  # ...and come out as plain strings
    assert TODAYS_PAUSED_ROW["history"][-1] == "q:health.barriers"  # reading copied, never shared


def test_an_older_or_partial_dict_takes_defaults_and_drops_unknown_keys():
    old = {"step": "themes", "history": ["welcome"], "lang": "ar", "respondent": "r1", "themes": [], "picking": [],
           "return_to": None, "pending_text": None, "mode": None, "retired_key": 1}  # before kiosk, preset, partner
    state = FlowState.from_dict(old).to_dict()
    assert state == {**{k: v for k, v in old.items() if k != "retired_key"}, "preset": None, "kiosk": False,
                     "partner": None, "suggested": []}
    assert FlowState.from_dict(None).to_dict() == new_state()


def test_a_conversation_paused_before_the_change_resumes_where_it_was(flow, sqlite_store):
    p = Person(flow).start()  # a real respondent for the old row to point at
    rid = p.state["respondent"]
    code = sqlite_store.pause({**TODAYS_PAUSED_ROW, "respondent": rid, "lang": "en"})
    q = Person(flow)
    q.type("hello", "greet")
    q.type(code)
    assert q.keys()[0] == "resume.found" and q.step == "q:health.solutions"
    q.tap("/go_back")
    assert q.step == "q:health.barriers"
    q.type("Nobody explained the letters to me.")
    assert sqlite_store.answers(rid)[-1].text == "Nobody explained the letters to me."


def test_a_conversation_paused_at_the_language_suggestion_resumes_there(flow):
    p = Person(flow)
    p.type("Përshëndetje, dua të flas shqip ju lutem", "greet")
    assert p.step == "language_confirm"
    p.type("pause", "pause")
    p.tap("pause")
    code = p.code()
    q = Person(flow)
    q.type(code)
    assert q.keys() == ["resume.found", "language.suggest"]  # the suggested languages came back with the step
    q.tap("sq")
    assert q.step == "about" and q.state["lang"] == "sq"


def test_typing_a_buttons_words_or_number_chooses_it_at_every_step(flow):
    """What a step offers is written once: each choice button, typed by its words or by its number,
    chooses what tapping it does, and no other typed words count as one of the choices."""
    states = []
    p = Person(flow)
    p.type("Përshëndetje, dua të flas shqip ju lutem", "greet")
    states.append(p.state)  # language_confirm
    p.tap("other")
    states.append(p.state)  # welcome
    p.tap("resume")
    states.append(p.state)  # resume_code
    p.tap("restart")
    for value in ["en", "continue", "yes", "yes", "none", "england", "health", "done"]:
        states.append(p.state)  # about ... themes
        p.tap(value)
    p.tap("/help_now")
    states.append(p.state)  # help
    p.tap("carry_on")
    p.type("stop", "stop")
    states.append(p.state)  # stop_confirm, typed words waiting
    p.tap("cancel")
    p.tap("/stop")
    states.append(p.state)  # stop_confirm, nothing waiting
    p.tap("cancel")
    p.type("pause", "pause")
    states.append(p.state)  # pause_confirm
    checked = set()
    for state in states:
        _, shown = flow.prompt(state)
        choices = [(b["title"], json.loads(b["payload"][len("/choose"):])["choice"]) for b in shown[-1].buttons
                   if b["payload"].startswith("/choose")]
        assert choices, state["step"]
        for number, (title, value) in enumerate(choices, start=1):
            if value in ("stop_delete", "stop_keep", "pause"):
                continue  # they end the conversation: tested above
            tapped, _ = flow.handle(state, button(value))
            by_number = [] if state["step"] == "themes" else [str(number)]  # topics carry their own numbers
            for words in (title, title.upper() + ".", *by_number):
                by_words, _ = flow.handle(state, Incoming(words, "answer"))
                assert (by_words["step"], by_words["lang"]) == (tapped["step"], tapped["lang"]), (state["step"], words)
        checked.add(state["step"])
    assert checked == {"language_confirm", "welcome", "resume_code", "about", "consent", "age", "assisted", "nation",
                       "themes", "help", "stop_confirm", "pause_confirm"}


def test_save_as_answer_is_a_choice_only_when_typed_words_wait(flow, sqlite_store):
    p = Person(flow).start()
    p.tap("health")
    p.tap("done")
    p.tap("/stop")  # a tap: nothing typed waits
    assert p.step == "stop_confirm"
    assert "save_as_answer" not in str(p.last[-1].buttons)
    words = i18n.text("en", "typed.save_as_answer")
    p.send(Incoming(words, "go_back", {}, 0.95))  # not a choice here, so what NLU read is honoured
    assert p.step == "q:health.barriers" and p.keys()[0] != "input.choose"
    p.type("stop", "stop")  # typed: the words wait, and saving them is offered
    assert "save_as_answer" in str(p.last[-1].buttons)
    p.send(Incoming(words, "go_back", {}, 0.95))
    assert p.step == "q:health.solutions"
    assert sqlite_store.answers(p.state["respondent"])[-1].text == "stop"


def test_i_dont_understand_at_the_stop_question_and_the_code_question_words_them_more_simply(flow):
    p = Person(flow).start()
    p.tap("/stop")
    p.tap("/dont_understand")
    assert p.keys() == ["stop.simpler"]
    q = Person(flow)
    q.type("hello", "greet")
    q.tap("resume")
    q.type("I don't understand", "dont_understand")
    assert q.keys() == ["resume.simpler"] and q.step == "resume_code"


def test_every_step_has_one_entry_and_every_entry_a_prompt(flow):
    assert set(STEPS) == set(Step)
    for step in Step:
        entry = STEPS[step]
        assert entry.step is step
        if step not in (Step.QUESTION, Step.LANGUAGE_CONFIRM, Step.ENDED):
            assert i18n.has_text(entry.question), step
            assert not entry.simpler or i18n.has_text(entry.simpler), step


def test_going_back_to_the_language_suggestion_asks_again_in_the_chosen_language(flow):
    p = Person(flow)
    p.type("Përshëndetje, dua të flas shqip ju lutem", "greet")
    p.type("po", "affirm")
    assert p.step == "about" and p.state["lang"] == "sq"
    p.tap("/go_back")  # the suggestion was used up when confirmed: the language now chosen is offered
    assert p.step == "language_confirm" and p.keys() == ["language.suggest"]
    assert p.last[0].text == i18n.text("sq", "language.suggest", language="Shqip")
    p.tap("sq")
    assert p.step == "about" and p.state["lang"] == "sq"
