"""Drive bot.conversation.flow the way people do, collecting what the bot shows."""

from __future__ import annotations

import json
import re

from bot.conversation.flow import Flow, Incoming, Message

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}")


def button(payload_or_choice: str) -> Incoming:
    """A tapped button: `/skip`, or a choice value such as `yes`."""
    if payload_or_choice.startswith("/"):
        return Incoming(payload_or_choice, payload_or_choice[1:])
    text = '/choose{"choice":"%s"}' % payload_or_choice
    return Incoming(text, "choose", json.loads(text[len("/choose"):]))


def typed(text: str, intent: str = "answer") -> Incoming:
    return Incoming(text, intent)


class Person:
    """One conversation through the real Flow and Store."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.state: dict | None = None
        self.shown: list[Message] = []
        self.last: list[Message] = []

    def send(self, incoming: Incoming) -> list[Message]:
        self.state, self.last = self.flow.respond(self.state, incoming)
        self.shown += self.last
        return self.last

    def tap(self, value: str) -> list[Message]:
        return self.send(button(value))

    def type(self, text: str, intent: str = "answer") -> list[Message]:
        return self.send(typed(text, intent))

    @property
    def step(self) -> str:
        return self.state["step"]

    def keys(self) -> list[str]:
        return [m.key for m in self.last]

    def code(self) -> str:
        for m in reversed(self.last):
            found = CODE.search(m.text)
            if found:
                return found.group(0)
        raise AssertionError(f"no code in {[m.text for m in self.last]}")

    def start(self, lang: str = "en") -> "Person":
        """From nothing to the theme menu."""
        self.type("hello", "greet")
        self.tap(lang)
        self.tap("continue")
        self.tap("yes")  # consent
        self.tap("yes")  # 18 or over
        self.tap("none")
        self.tap("england")
        assert self.step == "themes", self.step
        return self


def every_message(store) -> list[Message]:
    """Every kind of message the bot can show, in English."""
    flow = Flow(store)
    seen: list[Message] = []

    p = Person(flow).start()
    p.tap("/dont_understand")
    p.tap("health")
    p.tap("done")
    p.tap("/skip")
    p.tap("/go_back")
    p.tap("/dont_understand")
    p.tap("/help_now")
    p.tap("carry_on")
    p.type("stop", "stop")
    p.tap("cancel")
    p.type("pause", "pause")
    p.tap("cancel")
    p.tap("/stop")
    p.tap("cancel")
    p.tap("/repeat")
    p.type("", "answer")
    p.type("x" * 6000)
    p.tap("/unknown_payload")
    p.type("The doctor was kind to me and listened.")
    p.tap("/pause")
    code = p.code()
    p.type("hello", "greet")
    p.tap("resume")
    p.type("ZZZZ-ZZZZ")
    p.type(code)
    p.tap("/stop")
    p.tap("stop_keep")
    seen += p.shown

    q = Person(flow).start()
    q.tap("all")
    for _ in range(40):
        if q.step == "ended":
            break
        q.tap("/dont_understand")
        q.type("It was hard because nobody spoke my language.")
    assert q.step == "ended"
    seen += q.shown

    for steps in (["yes", "no"], ["no"]):
        r = Person(flow)
        r.type("hello", "greet")
        r.tap("en")
        r.tap("/dont_understand")
        r.tap("continue")
        r.tap("/dont_understand")
        for value in steps:
            r.tap("/dont_understand")
            r.tap(value)
        seen += r.shown

    s = Person(flow).start()
    s.tap("/dont_understand")
    s.tap("/go_back")
    s.tap("/dont_understand")
    s.tap("/go_back")
    s.tap("/dont_understand")
    s.tap("/stop")
    s.tap("/dont_understand")
    s.tap("stop_delete")
    seen += s.shown

    t = Person(flow)
    t.type("hello", "greet")
    t.tap("/go_back")
    t.tap("/skip")
    t.tap("/stop")
    seen += t.shown
    return seen
