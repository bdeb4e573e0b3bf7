"""A whole conversation through the real Rasa server and action server (REST channel)."""

from __future__ import annotations

import re

import pytest

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue
from bot.store import Store
from bot.store.models import PausedSession, Respondent
from tests.servers import RestClient, opening, running_bot

pytestmark = pytest.mark.servers
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}")
t = lambda key, **kw: i18n.text("en", key, **kw)  # noqa: E731


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{tmp / 'answers.db'}"
    with running_bot(url, tmp / "logs") as services:
        yield services, Store(url), tmp / "logs"


def start(client: RestClient) -> None:
    opening(client, assisted="support_worker_beside", nation=("say", "Wales"))


def in_one_topic(services, sender: str, theme: str) -> RestClient:
    """A new person, through the opening steps, at the first question of one topic."""
    client = RestClient(services.ports.rasa, sender)
    start(client)
    client.tap(theme)
    client.tap("done")
    return client


def new_respondent(store: Store, before: set[str]) -> str:
    [rid] = {r.id for r in _rows(store, Respondent)} - before
    return rid


def test_complete_conversation_across_all_eight_themes_with_pause_and_resume(bot):
    services, store, logs = bot
    questions = catalogue().questions_for(catalogue().theme_ids)
    a = RestClient(services.ports.rasa, "e2e-person-a")
    start(a)
    a.tap("all")
    assert t("progress", topic=1, topics=8, question=1, questions=3) in a.texts()
    answered: dict[str, str] = {}

    # q1 answered, q2 skipped, back from q3 to q2 and answer it, "I don't understand" at q3
    a.say("I could not register with a doctor because I had no address.")
    answered["health.barriers"] = "I could not register with a doctor because I had no address."
    a.tap("/skip")
    assert a.texts()[0] == t("skip.done") and t(questions[2].chat_key) in a.texts()
    a.tap("/go_back")
    assert t(questions[1].chat_key) in a.texts()
    a.say("Give people an interpreter at the doctor.")
    answered["health.solutions"] = "Give people an interpreter at the doctor."
    a.tap("/dont_understand")
    assert a.texts()[-2:] == [t(questions[2].chat_key + ".simpler"), t(questions[2].chat_key + ".example")]
    a.tap("/repeat")
    assert a.texts()[-1] == t(questions[2].chat_key)

    for question in questions[2:10]:
        text = f"My answer about {question.theme} and what {question.kind.replace('_', ' ')} meant for me."
        a.say(text)
        answered[question.id] = text
    a.tap("/pause")
    code = CODE.search(a.text()).group(0)

    # the Rasa server restarts: the paused session resumes with its code in a new chat
    services.restart("rasa", log_dir=logs)
    b = RestClient(services.ports.rasa, "e2e-person-a-later")
    b.say("hello")
    b.tap("/resume")
    assert b.texts()[0] == t("resume.ask")
    b.say(code)
    assert b.texts()[0] == t("resume.found")
    assert t(questions[10].chat_key) in b.texts()
    for question in questions[10:]:
        text = f"Later answer about {question.theme}, {question.kind.replace('_', ' ')}."
        b.say(text)
        answered[question.id] = text
    assert b.texts()[1] == t("end.summary", answers=len(questions), topics=8)
    assert CODE.search(b.text())

    [respondent] = [r for r in _rows(store, Respondent) if r.assisted == "support_worker_beside"]
    assert respondent.completed and respondent.nation == "wales" and respondent.language == "en"
    saved = {x.question_id: x.text for x in store.answers(respondent.id)}
    assert saved.pop("profile.uk_nation") is None
    assert saved == answered
    assert _rows(store, PausedSession) == []  # a resume code is used once

    # the anonymised transcript: both chats, turns in order, answers as saved, never a code
    first, later = store.transcript("e2e-person-a"), store.transcript("e2e-person-a-later")
    assert {line.respondent_id for line in first + later} == {respondent.id}
    assert [line.position for line in first] == list(range(1, len(first) + 1))
    people = [line.text for line in first + later if line.speaker == "person"]
    assert people[0] == "[button: yes]"  # "I am 18 or over": the tap that made the respondent row
    assert [x for x in people if not x.startswith("[")] == list(answered.values())
    assert "[button: skip]" in people and "[button: pause]" in people
    later_people = [line.text for line in later if line.speaker == "person"]
    assert later_people[0] == "[typed words, not kept]"  # the resume code itself
    assert not any(code in (line.text or "") for line in first + later)
    bot_keys = [line.text_key for line in first + later if line.speaker == "bot"]
    assert "pause.code" in bot_keys and "resume.found" in bot_keys and questions[0].chat_key in bot_keys
    assert bot_keys.index(questions[0].chat_key) < bot_keys.index("pause.code") < bot_keys.index("resume.found")


def test_stop_and_delete_in_another_session_removes_its_rows(bot):
    services, store, _ = bot
    before = {r.id for r in _rows(store, Respondent)}
    c = in_one_topic(services, "e2e-person-c", "civil")
    c.say("I could not pay for a lawyer.")
    rid = new_respondent(store, before)
    assert len(store.answers(rid)) == 2
    c.say("stop")  # typed: confirmed first
    assert c.texts()[-1] == t("stop.question")
    c.tap("stop_delete")
    assert c.texts() == [t("stop.deleted")]
    assert store.respondent(rid) is None and store.answers(rid) == []
    assert {r.id for r in _rows(store, Respondent)} == before


def test_a_sentence_containing_stop_is_saved_as_an_answer(bot):
    services, store, _ = bot
    before = {r.id for r in _rows(store, Respondent)}
    d = in_one_topic(services, "e2e-person-d", "housing")
    d.say("I had to stop working when I got sick and then I lost my room")
    assert d.texts()[0] == t("answer.saved")
    rid = new_respondent(store, before)
    assert store.answers(rid)[-1].text.startswith("I had to stop working")


@pytest.mark.parametrize(
    "message,reply",
    [("", "input.empty"), ("x" * 20000, "input.too_long"), ("\x00\x01\x02", "input.empty"),
     ("/no_such_button", "input.unknown_button"), ('/choose{"choice":"stop_delete"}', "input.unknown_button")],
)
def test_bad_input_gets_a_kind_reply_and_loses_nothing(bot, message, reply):
    services, store, _ = bot
    before = {r.id for r in _rows(store, Respondent)}
    e = in_one_topic(services, f"e2e-bad-{abs(hash(message))}", "health")
    e.say("Something I want to keep.")
    rid = new_respondent(store, before)
    kept = [(x.question_id, x.text) for x in store.answers(rid)]
    e.say(message)
    assert e.texts()[0] == t(reply)
    assert e.texts()[-1] == t("q.health.solutions")  # still at the same question
    assert [(x.question_id, x.text) for x in store.answers(rid)] == kept


def test_emoji_only_answer_is_kept(bot):
    services, store, _ = bot
    f = in_one_topic(services, "e2e-emoji", "health")
    f.say("🙏🙏")
    assert f.texts()[0] == t("answer.saved")


def test_the_web_page_passes_messages_to_rasa(bot):
    services, _, _ = bot
    page = RestClient(services.ports.web, "e2e-web")
    page.say("hello")
    assert page.texts() == [t("welcome.text")]


def test_logs_never_contain_answer_text(bot):
    _, _, logs = bot
    files = sorted(p.name for p in logs.glob("*.log"))
    assert files == ["rasa.log", "web.log"]  # Rasa runs the actions in its own process (bot/rasa/server.py)
    text = "".join(p.read_text(errors="replace") for p in logs.glob("*.log"))
    assert "Starting Rasa server" in text  # the logs are real
    assert "InMemoryTrackerStore" not in text  # our memory-only, expiring tracker store was loaded
    for secret in ("I could not pay for a lawyer", "I had to stop working", "Something I want to keep"):
        assert secret not in text


def _rows(store: Store, model) -> list:
    with store.session() as s:
        return list(s.query(model).all())


def _matcher(lang: str):
    """A function telling whether a text is one of `lang`'s texts (placeholders filled with anything)."""
    import re as _re

    patterns = []
    for template in i18n.languages()[lang].texts.values():
        parts = _re.split(r"\{\w+\}", template)
        patterns.append(_re.compile("(?s)" + ".+?".join(_re.escape(p) for p in parts)))
    return lambda text: any(p.fullmatch(text) for p in patterns)


ANSWERS = {
    "sq": ["Punonjësi social më ndihmoi shumë me letrat.", "Duhet të na dëgjojnë dhe të mos na gjykojnë."],
    "ar": ["ساعدني العامل الاجتماعي كثيرا في الأوراق", "يجب أن يستمعوا إلينا وألا يحكموا علينا"],
    "ti": ["ሰራሕተኛ ደገፍ ብዙሕ ሓጊዙኒ ኣብ ወረቓቕቲ", "ክሰምዑና ኣለዎም ከይፈረዱና"],
}


@pytest.mark.parametrize("lang", ["sq", "ar", "ti"])
def test_the_whole_conversation_in_another_language(bot, lang):
    services, store, _ = bot
    is_lang = _matcher(lang)
    before = {r.id for r in _rows(store, Respondent)}
    p = RestClient(services.ports.rasa, f"e2e-lang-{lang}")
    p.say("/greet")
    p.tap(lang)
    assert p.signals() == [{"imsa": "language", "lang": lang}]  # the page's own labels follow the chat
    for step in ("continue", "yes", "yes", "interpreter", "scotland", "advocacy", "done"):
        p.tap(step)
    p.tap("/dont_understand")
    p.say(ANSWERS[lang][0])
    p.tap("/help_now")
    p.tap("carry_on")
    p.tap("/skip")
    p.say(ANSWERS[lang][1])
    assert CODE.search(p.text())  # the end: summary and withdrawal code
    shown = [m["text"] for m in p.all[1:] if "custom" not in m]  # everything shown after the welcome
    assert len(shown) > 20
    not_in_lang = [text for text in shown if not is_lang(text)]
    assert not_in_lang == []
    rid = new_respondent(store, before)
    respondent = store.respondent(rid)
    assert respondent.language == lang and respondent.assisted == "interpreter" and respondent.nation == "scotland"
    answers = {a.question_id: a for a in store.answers(rid)}
    assert answers["advocacy.role"].text == ANSWERS[lang][0]
    assert answers["advocacy.never"].text == ANSWERS[lang][1]
    assert {a.language for a in answers.values()} == {lang}
    assert "advocacy.trust" not in answers


def test_switching_language_mid_conversation_keeps_answers(bot):
    services, store, _ = bot
    before = {r.id for r in _rows(store, Respondent)}
    p = in_one_topic(services, "e2e-switch", "health")
    p.say("The doctor would not register me without an address.")
    p.say('/set_language{"language":"ar"}')
    assert p.texts()[-1] == i18n.text("ar", "q.health.solutions")
    p.say("أحتاج مترجما عند الطبيب")
    rid = new_respondent(store, before)
    answers = {a.question_id: a for a in store.answers(rid)}
    assert answers["health.barriers"].language == "en" and answers["health.solutions"].language == "ar"
    assert store.respondent(rid).language == "ar"


def test_typing_in_a_language_suggests_it_and_the_person_confirms(bot):
    services, _, _ = bot
    p = RestClient(services.ports.rasa, "e2e-suggest")
    p.say("Përshëndetje, dua të flas shqip ju lutem")
    assert p.texts() == [i18n.text("sq", "language.suggest", language="Shqip")]
    assert [b["payload"] for b in p.last[0]["buttons"]] == ['/choose{"choice":"sq"}', '/choose{"choice":"other"}']
    p.tap("sq")
    assert p.texts()[-1] == i18n.text("sq", "about.question")
