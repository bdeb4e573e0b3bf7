"""A shared screen (kiosk): the conversation never offers or takes a resume code, through the real Flow
and a real SQLite store. The page's own clearing is tested in the browser (tests/test_embed.py)."""

from __future__ import annotations

from bot.flow import Flow
from bot.store.models import PausedSession
from tests.walk import Person


def _payloads(person: Person) -> list[str]:
    return [b["payload"] for m in person.last for b in m.buttons]


def _kiosk(flow: Flow) -> Person:
    p = Person(flow)
    p.type("hello", "greet")  # the page opens the conversation, then says it is a kiosk
    p.tap("kiosk")
    assert p.state["kiosk"] is True and p.step == "welcome"
    return p


def test_a_kiosk_welcome_has_no_resume_button_and_ignores_a_typed_code(sqlite_store):
    flow = Flow(sqlite_store)
    ordinary = Person(flow)
    ordinary.type("hello", "greet")
    assert "/resume" in _payloads(ordinary)  # the same welcome off a kiosk offers it

    saved = Person(flow).start()
    saved.tap("/pause")
    code = saved.code()

    p = _kiosk(flow)
    assert p.keys() == ["welcome.text"] and "/resume" not in _payloads(p)
    p.tap("resume")
    assert p.step == "welcome" and "/resume" not in _payloads(p)
    p.type(code)
    assert p.step != "about" and "resume.found" not in p.keys()
    p.tap("en")
    assert p.step == "about"
    # the code was not used up by the kiosk: it still works off the kiosk
    again = Person(flow)
    again.type(code)
    assert "resume.found" in again.keys()


def test_a_kiosk_never_pauses_and_stays_a_kiosk_after_the_end(sqlite_store):
    flow = Flow(sqlite_store)
    p = _kiosk(flow)
    p.tap("en")
    p.tap("continue")
    p.tap("yes")
    p.tap("yes")
    p.tap("none")
    p.tap("england")
    p.tap("advocacy")
    p.tap("done")
    assert p.step.startswith("q:")
    assert "/pause" not in _payloads(p) and "/stop" in _payloads(p)
    p.tap("/pause")  # a forged or old button
    assert p.keys()[0] == "kiosk.no_pause" and p.step.startswith("q:")
    p.type("pause", "pause")  # typed, clearly a command
    assert p.keys()[0] == "kiosk.no_pause" and p.step.startswith("q:")
    p.tap("/help_now")
    assert "/pause" not in _payloads(p)
    with sqlite_store.session() as s:
        assert s.query(PausedSession).count() == 0
    p.tap("/stop")
    p.tap("stop_keep")
    assert p.step == "ended" and p.state["kiosk"] is True
    p.type("hello", "greet")
    assert p.keys() == ["welcome.text"] and "/resume" not in _payloads(p)
