"""One call of ``Flow.handle`` or ``Flow.prompt``: the state it changes, what the bot says, and the moves
the steps share (go forward or back, show help or a confirmation over a step, end, pause, resume, finish,
the control words). A step's own choices and wording live in its entry in ``bot.conversation.flow.steps``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.conversation import i18n
from bot.conversation.catalogue import Question
from bot.conversation.flow.messages import Incoming, Message
from bot.conversation.flow.state import FlowState, Step
from bot.conversation.flow.steps import STEPS, StepDef

if TYPE_CHECKING:
    from bot.conversation.flow.engine import Flow

# At a question, typed words are a control only when short and clearly one:
# anything else is the person's answer ("I had to stop working" is an answer).
COMMAND_MAX_WORDS = 4
COMMAND_MIN_CONFIDENCE = 0.8

CONTROLS = ("skip", "go_back", "repeat", "dont_understand", "pause", "stop", "help_now")
CONTROL_LABEL = {name: f"control.{name}" for name in CONTROLS} | {"go_back": "control.back", "help_now": "control.help"}
ENDING = ("pause", "stop")  # typed, these are confirmed first
HELP_KEYS = ("help.danger", "help.silent", "help.helpline", "help.salvation_army", "help.migrant_help",
             "help.samaritans", "help.call_history")


def clearly_a_command(incoming: Incoming) -> bool:
    return len(incoming.text.split()) <= COMMAND_MAX_WORDS and incoming.confidence >= COMMAND_MIN_CONFIDENCE


class Turn:
    def __init__(self, flow: Flow, state: FlowState) -> None:
        self.flow = flow
        self.store = flow.store
        self.cat = flow.cat
        self.state = state
        self.out: list[Message] = []

    @property
    def step(self) -> StepDef:
        """The table entry of the step the person is at."""
        return STEPS[Step.at(self.state.step)]

    @property
    def question_id(self) -> str:
        return self.state.step[len(Step.QUESTION.value):]

    # ------------------------------------------------------------------ words
    def t(self, key: str, **params: object) -> str:
        return i18n.text(self.state.lang, key, **params)

    def say(self, key: str, **params: object) -> None:
        self.out.append(Message(key, self.t(key, **params)))

    def ask(self, key: str, buttons: list[dict[str, str]]) -> None:
        self.out.append(Message(key, self.t(key), buttons))

    def not_understood(self, incoming: Incoming) -> None:
        self.say("input.unknown_button" if incoming.is_button else "input.choose")

    def control_button(self, name: str) -> dict[str, str]:
        return {"title": self.t(CONTROL_LABEL[name]), "payload": f"/{name}"}

    def control_buttons(self) -> list[dict[str, str]]:
        hidden = {"go_back"} if not self.state.history else set()
        if self.state.kiosk:  # no resume codes on a shared screen
            hidden.add("pause")
        return [self.control_button(name) for name in CONTROLS if name not in hidden]

    # ------------------------------------------------------------------ moves
    def go(self, place: str) -> None:
        """Move forward to `place`, remembering where we were for "go back" (never an overlay)."""
        if not self.step.overlay:
            self.state.history.append(self.state.step)
        self.state.step = place

    def show_over(self, step: Step) -> None:
        """Show help, a confirmation or the language menu over the current step, which ``back`` returns to."""
        if not self.step.overlay:
            self.state.return_to = self.state.step
        self.state.step = step

    def back(self) -> None:
        """Leave an overlay for the step it was shown over."""
        self.state.step = self.state.return_to or Step.WELCOME
        self.state.return_to = None
        self.state.pending_text = None

    def restart(self) -> None:
        self.go(Step.WELCOME)
        self.state.history = []

    def end(self, key: str) -> None:
        self.say(key)
        self.state = self.state.fresh()
        self.state.step = Step.ENDED

    def set_language(self, code: str) -> None:
        """Switch language from any step; answers and place are kept, the next message is in the new language."""
        if code not in i18n.languages():
            self.say("input.unknown_button")
            return
        self.state.lang = code
        if self.state.respondent is not None:
            self.store.update_respondent(self.state.respondent, language=code)
        if self.state.step == Step.WELCOME:
            self.go(Step.ABOUT)
        elif self.state.step == Step.LANGUAGE_MENU:
            self.back()

    # -------------------------------------------------------------- questions
    def questions(self) -> list[Question]:
        return self.cat.questions_for(self.state.themes)

    def first_question(self) -> None:
        self.go(Step.QUESTION.value + self.questions()[0].id)

    def answer(self, text: str) -> None:
        """The person's words are the answer to this question: save them, then move on."""
        self.save_answer(text)
        self.say("answer.saved")
        self.next_question()

    def save_answer(self, text: str) -> None:
        # with a session id (the actions give one), the store also writes the transcript line, redacted once
        self.flow.write_pending()
        answer = (self.state.respondent, self.question_id, self.state.lang, text)
        if self.flow.defer_answers:  # kept for the end of the turn, written with its transcript lines
            self.flow.pending = answer
        else:
            self.flow.save(answer)
        self.flow.answered = True

    def next_question(self) -> None:
        ids = [q.id for q in self.questions()]
        index = ids.index(self.question_id) if self.question_id in ids else -1
        if index + 1 < len(ids):
            self.go(Step.QUESTION.value + ids[index + 1])
        else:
            self.finish()

    def finish(self) -> None:
        self.flow.write_pending()  # the last answer counts in the summary
        rid = self.state.respondent
        answers = [a for a in self.store.answers(rid) if a.question_id != self.cat.profile.id and a.text]
        self.store.update_respondent(rid, completed=True)
        self.say("end.summary", answers=len(answers), topics=len({a.theme for a in answers}))
        self.give_withdrawal_code()
        self.say("end.thanks")
        self.end("end.support")

    def give_withdrawal_code(self) -> None:
        code = self.store.issue_withdrawal_code(self.state.respondent)
        self.say("end.code", code=code)
        self.say("end.code_explain")

    def forget_respondent(self) -> None:
        self.flow.write_pending()  # in order: what was said before is deleted with the rest
        if self.state.respondent is not None:
            self.store.delete_respondent(self.state.respondent)
            self.state.respondent = None

    # ------------------------------------------------------- pause and resume
    def pause(self) -> None:
        self.flow.write_pending()
        saved = FlowState.from_dict(self.state.to_dict())
        if self.step.overlay:
            saved.step = saved.return_to or Step.WELCOME
        saved.return_to = saved.pending_text = saved.mode = None
        code = self.store.pause(saved.to_dict())
        self.say("pause.code", code=code)
        self.say("pause.keep_code")
        self.state = self.state.fresh()
        self.state.step = Step.ENDED

    def resume(self, code: str) -> bool:
        saved = self.store.resume(code)
        if saved is None:
            return False
        if saved.get("respondent") and self.store.respondent(saved["respondent"]) is None:
            return False  # withdrawn or deleted since the pause
        self.state = FlowState.from_dict(saved)
        self.say("resume.found")
        return True

    # ------------------------------------------------------------- controls
    def control(self, incoming: Incoming) -> None:
        """A control word (a button, or typed words that are clearly one) at any step."""
        name, state = incoming.intent, self.state
        at_question = self.step.step is Step.QUESTION
        if name == "help_now":
            if at_question and not incoming.is_button and not clearly_a_command(incoming):
                self.save_answer(incoming.text)  # "please help me understand the letters" is an answer too
            for key in HELP_KEYS:
                self.say(key)
            self.show_over(Step.HELP)
        elif name == "pause" and state.kiosk:  # no resume codes on a shared screen
            self.say("kiosk.no_pause")
        elif name in ENDING and not incoming.is_button and self.step.step not in (Step.STOP_CONFIRM,
                                                                                   Step.PAUSE_CONFIRM):
            state.pending_text = incoming.text if at_question else None  # offered back as an answer
            self.show_over(Step.STOP_CONFIRM if name == "stop" else Step.PAUSE_CONFIRM)
        elif name == "stop":
            if state.respondent is None:
                self.end("stop.nothing_saved")
            else:
                self.show_over(Step.STOP_CONFIRM)
                state.pending_text = None
        elif name == "pause":
            self.pause()
        elif name == "dont_understand":
            state.mode = "simpler"
        elif self.step.overlay:  # skip, back or repeat inside help or a confirmation: back to the step
            self.back()
        elif name == "go_back":
            if not state.history:
                self.say("back.first")
                return
            state.step = state.history.pop()
            state.picking = []
        elif name == "skip":
            self.step.skip(self)
        # "repeat": nothing to do, the prompt follows
