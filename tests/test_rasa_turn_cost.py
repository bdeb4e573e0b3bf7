"""bot/rasa/server.py's replacements for Rasa's per-turn work that grew with the conversation give Rasa's own
results: applied_events carried on from where it was (event after event, over any sequence of the events a
conversation holds: form runs, rejections, reverts, restarts, a second loop), a tracker's copy taken from
its state instead of a replay of its events, and RulePolicy's predictions from the last states only."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot import paths
from bot.rasa import server as rasa_server

RASA = {name: DialogueStateTracker.__dict__[name]
        for name in ("applied_events", "_undo_till_previous", "_undo_till_previous_loop_execution")}
OURS = {"applied_events": rasa_server._applied_events,
        "_undo_till_previous": staticmethod(rasa_server._undo_till_previous),
        "_undo_till_previous_loop_execution": staticmethod(rasa_server._undo_till_previous_loop_execution)}
RASA_COPY = DialogueStateTracker.copy
RASA_RULE_STATES = RulePolicy._prediction_states
DOMAIN = Domain.load(str(paths.ROOT / "domain"))
FORM = "consultation_form"


def _event(kind: str, n: int):
    return {
        "listen": lambda: ActionExecuted("action_listen"),
        "user": lambda: UserUttered(f"words {n}", {"name": "answer", "confidence": 0.9}),
        "control": lambda: UserUttered("/skip", {"name": "skip", "confidence": 1.0}),
        "form": lambda: ActionExecuted(FORM),
        "form_on": lambda: ActiveLoop(FORM),
        "form_off": lambda: ActiveLoop(None),
        "other_loop": lambda: ActiveLoop("another_form"),
        "other_loop_run": lambda: ActionExecuted("another_form"),
        "action_control": lambda: ActionExecuted("action_control"),
        "rejected": lambda: ActionExecutionRejected(FORM),
        "slot": lambda: SlotSet("flow", {"step": f"q{n}", "lang": "en"}),
        "requested": lambda: SlotSet("requested_slot", "answer"),
        "bot": lambda: BotUttered(f"question {n}"),
        "action_reverted": lambda: ActionReverted(),
        "user_reverted": lambda: UserUtteranceReverted(),
        "restart": lambda: Restarted(),
        "session": lambda: SessionStarted(),
    }[kind]()


KINDS = st.sampled_from(["listen", "user", "control", "form", "form_on", "form_off", "other_loop", "other_loop_run",
                         "action_control", "rejected", "slot", "requested", "bot", "action_reverted", "user_reverted",
                         "restart", "session"])
# Mostly the form's happy path (the shape of a real consultation), with everything else mixed in.
HAPPY = ["listen", "user", "form", "slot", "bot"]


def _state(tracker: DialogueStateTracker) -> dict:
    state = tracker.current_state(EventVerbosity.ALL)
    state["has_been_set"] = {name: slot.has_been_set for name, slot in tracker.slots.items()}
    state["active_loop_object"] = dataclasses.asdict(tracker.active_loop) if tracker.active_loop else None
    state["latest_bot_utterance"] = tracker.latest_bot_utterance
    return state


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(KINDS, st.sampled_from(HAPPY)), max_size=120))
def test_applied_events_carried_on_are_rasas_after_every_event(kinds):
    def applied(tracker: DialogueStateTracker, functions: dict) -> list[int]:
        for name, function in functions.items():
            setattr(DialogueStateTracker, name, function)
        try:
            return [id(e) for e in tracker.applied_events()]
        finally:
            for name, function in RASA.items():
                setattr(DialogueStateTracker, name, function)

    tracker = DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen")], slots=DOMAIN.slots)
    for n, kind in enumerate(["form_on", *kinds]):
        tracker.update(_event(kind, n))
        if n % 3 == 0 or n == len(kinds):  # now and then, as Rasa asks: what is kept carries over the gaps
            assert applied(tracker, OURS) == applied(tracker, RASA)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(KINDS, st.sampled_from(HAPPY)), max_size=80))
def test_a_copy_has_the_state_rasas_replay_gives(kinds):
    tracker = DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen"), ActiveLoop(FORM)],
                                               slots=DOMAIN.slots)
    for n, kind in enumerate(kinds):
        tracker.update(_event(kind, n))
    tracker.model_id = "model"  # set by Rasa's processor; a copy leaves it out, as Rasa's does
    replayed = RASA_COPY(tracker)
    copied = rasa_server._copy_tracker(tracker)
    assert _state(copied) == _state(replayed)
    assert copied.model_id is None and copied.events is not tracker.events
    copied.update(SlotSet("flow", {"step": "changed"}))  # the copy is a tracker of its own
    if copied.active_loop:
        copied.active_loop.rejected = not copied.active_loop.rejected
    assert _state(tracker) == _state(RASA_COPY(tracker))


RASA_PAST_STATES = rasa_server._RASA_PAST_STATES[0] if rasa_server._RASA_PAST_STATES else \
    DialogueStateTracker.past_states


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(KINDS, st.sampled_from(HAPPY)), max_size=100), st.integers(min_value=0, max_value=99))
def test_past_states_carried_on_are_rasas_after_every_event_and_in_copies(kinds, fork_at):
    """Ours (what RulePolicy predicts from) equals Rasa's replay after events are added, whatever a caller
    did to the states it was given before, and in a copy that goes on differently from its original."""
    tracker = DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen")], slots=DOMAIN.slots)
    fork = None
    for n, kind in enumerate(["form_on", *kinds]):
        tracker.update(_event(kind, n))
        if fork is not None:
            fork.update(_event("user" if kind != "user" else "bot", n))  # the copy goes its own way
            assert rasa_server._past_states(fork, DOMAIN) == RASA_PAST_STATES(fork, DOMAIN)
        if n % 3 == 0 or n == len(kinds):
            ours = rasa_server._past_states(tracker, DOMAIN)
            assert ours == RASA_PAST_STATES(tracker, DOMAIN)
            for state in ours:  # as Rasa's featurizers do, in place
                state.pop("user", None)
                state.get("prev_action", {}).pop("action_name", None)
        if n == fork_at:
            fork = rasa_server._copy_tracker(tracker)
    assert rasa_server._past_states(tracker, DOMAIN, omit_unset_slots=True) == RASA_PAST_STATES(
        tracker, DOMAIN, omit_unset_slots=True)


@pytest.fixture(scope="module")
def rule_policy(tmp_path_factory):
    """RulePolicy trained on the project's rules and stories, as `imsa-voices train` trains it."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.core.training_data.structures import StoryGraph

    policy = RulePolicy.create(RulePolicy.get_default_config(), LocalModelStorage(tmp_path_factory.mktemp("rules")),
                               Resource("rules"), ExecutionContext(GraphSchema({}), "test"))
    steps = [step for name in ("rules.yml", "stories.yml")
             for step in YAMLStoryReader(DOMAIN).read_from_file(str(paths.ROOT / "data" / name))]
    policy.train(TrainingDataGenerator(StoryGraph(steps), DOMAIN, augmentation_factor=0).generate(), DOMAIN)
    return policy


INTENTS = st.sampled_from([*DOMAIN.intents, "restart", "nlu_fallback"])
TURN = ["listen", "said", "turn", "slot", "bot"]  # one turn of a consultation: the shape of a real conversation
OTHERS = st.sampled_from(["listen", "user", "control", "action_control", "slot", "bot", "action_reverted",
                          "user_reverted", "restart", "session"])  # no loop: the domain has none


def _turn_event(kind: str, intent: str, n: int):
    if kind == "said":
        return UserUttered(f"words {n}", {"name": intent, "confidence": 0.9})
    if kind == "turn":
        return ActionExecuted("action_turn")
    return _event(kind, n)


def _prediction(policy, tracker, ours: bool):
    DialogueStateTracker.past_states = rasa_server._past_states if ours else RASA_PAST_STATES
    if ours:
        RulePolicy._prediction_states = rasa_server._rule_prediction_states
    try:
        p = policy.predict_action_probabilities(tracker, DOMAIN)
        found = [policy._find_action_from_rules(tracker, DOMAIN, text) for text in (True, False)]
    finally:
        DialogueStateTracker.past_states = RASA_PAST_STATES
        RulePolicy._prediction_states = RASA_RULE_STATES
    return (p.probabilities, p.events, p.is_end_to_end_prediction, p.is_no_user_prediction, p.hide_rule_turn,
            [(action, returning) for action, _, returning in found], [source for _, source, _ in found])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(TURN), OTHERS), INTENTS), max_size=150))
def test_rule_predictions_from_the_last_states_are_rasas_from_all(rule_policy, steps):
    """RulePolicy given only the states a rule can reach (bot/rasa/server.py) predicts what it predicts from
    the whole conversation: the same action, probabilities, events and hidden rule turns, after every event
    of long conversations; where a rule matched, by the same rule."""
    tracker = DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen")], slots=DOMAIN.slots)
    rules = rule_policy.lookup["rules"]
    for n, (kind, intent) in enumerate(steps):
        tracker.update(_turn_event(kind, intent, n))
        if n % 4 and n != len(steps) - 1:
            continue
        ours, rasas = _prediction(rule_policy, tracker, True), _prediction(rule_policy, tracker, False)
        assert ours[:-1] == rasas[:-1]
        for mine, theirs in zip(ours[-1], rasas[-1]):
            assert mine == theirs or (mine not in rules and theirs not in rules)


# ------------------------------------------------------- a rule of several steps: the window must reach its start
LONG_DOMAIN = """
version: "3.1"
intents: [a, b, c, d]
responses:
  utter_a: [{text: "A"}]
  utter_b: [{text: "B"}]
  utter_c: [{text: "C"}]
  utter_other: [{text: "other"}]
"""
LONG_RULES = """
version: "3.1"
rules:
- rule: a, then b, then c, as the conversation's first three messages
  conversation_start: true
  steps: [{intent: a}, {action: utter_a}, {intent: b}, {action: utter_b}, {intent: c}, {action: utter_c}]
  wait_for_user_input: false  # no longer key (for action_listen after utter_c): the longest rule decides
- rule: c alone
  steps: [{intent: c}, {action: utter_other}]
- rule: a
  steps: [{intent: a}, {action: utter_a}]
- rule: b
  steps: [{intent: b}, {action: utter_b}]
- rule: d answers as a does
  steps: [{intent: d}, {action: utter_a}]
"""


@pytest.fixture(scope="module")
def long_rule(tmp_path_factory):
    """Rasa's RulePolicy trained on a rule of three turns that start the conversation (restrict_rules off, as
    a project with such a rule must), next to a one-step rule it overrides: whether "a", "b", "c" are the first
    messages or come later, only the rule's first state (the conversation's start, which has no previous
    action) tells apart."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.core.training_data.structures import StoryGraph

    folder = tmp_path_factory.mktemp("long_rule")
    (folder / "model").mkdir()
    (folder / "domain.yml").write_text(LONG_DOMAIN)
    (folder / "rules.yml").write_text(LONG_RULES)
    domain = Domain.load(str(folder / "domain.yml"))
    policy = RulePolicy.create({**RulePolicy.get_default_config(), "restrict_rules": False},
                               LocalModelStorage(folder / "model"), Resource("long"),
                               ExecutionContext(GraphSchema({}), "test"))
    steps = YAMLStoryReader(domain).read_from_file(str(folder / "rules.yml"))
    policy.train(TrainingDataGenerator(StoryGraph(steps), domain, augmentation_factor=0).generate(), domain)
    return policy, domain


def _said(tracker: DialogueStateTracker, intent: str, answer: str | None = None) -> None:
    tracker.update(UserUttered(f"typed {intent}", {"name": intent, "confidence": 0.9}))
    if answer:
        tracker.update(ActionExecuted(answer))
        tracker.update(ActionExecuted("action_listen"))


def _long_prediction(policy, domain, tracker, ours: bool):
    """The action predicted, its probabilities and the other prediction fields, as _prediction gives them."""
    DialogueStateTracker.past_states = rasa_server._past_states if ours else RASA_PAST_STATES
    if ours:
        RulePolicy._prediction_states = rasa_server._rule_prediction_states
    try:
        p = policy.predict_action_probabilities(tracker, domain)
        found = [policy._find_action_from_rules(tracker, domain, text)[0] for text in (True, False)]
    finally:
        DialogueStateTracker.past_states = RASA_PAST_STATES
        RulePolicy._prediction_states = RASA_RULE_STATES
    action = domain.action_names_or_texts[max(range(len(p.probabilities)), key=p.probabilities.__getitem__)]
    return action, (p.probabilities, p.events, p.is_end_to_end_prediction, p.is_no_user_prediction,
                    p.hide_rule_turn, found)


def test_the_window_reaches_back_to_the_first_state_of_the_longest_rule(long_rule, monkeypatch):
    """"a", "b", "c" as the first messages: Rasa's RulePolicy answers utter_c (the long rule); the same three
    later on: utter_other, because the long rule's first state is the conversation's start, six states before
    the prediction. The code's window (longest rule + 1 states) predicts what Rasa predicts, every field of
    the prediction; a window one state shorter than the long rule cannot see where it starts and answers
    utter_c later on too (shown here, so the case tells the two apart)."""
    policy, domain = long_rule
    longest = max(len(policy._rule_key_to_state(key)) for key in policy.lookup["rules"])
    assert longest == 6  # the long rule: its start, three messages and two answers
    for earlier, expected in ((0, "utter_c"), (1, "utter_other"), (6, "utter_other")):
        tracker = DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen")], slots=domain.slots)
        for _ in range(earlier):  # earlier turns: the conversation becomes longer than the window
            _said(tracker, "d", "utter_a")
        _said(tracker, "a", "utter_a")
        _said(tracker, "b", "utter_b")
        _said(tracker, "c")
        rasas = _long_prediction(policy, domain, tracker, ours=False)
        assert rasas[0] == expected
        assert _long_prediction(policy, domain, tracker, ours=True) == rasas
        if earlier:  # one state too short, the long rule matches where it must not
            window = rasa_server._rule_window(policy)
            monkeypatch.setattr(rasa_server, "_rule_window", lambda _policy: longest - 1)
            assert _long_prediction(policy, domain, tracker, ours=True)[0] == "utter_c"
            monkeypatch.setattr(rasa_server, "_rule_window", lambda _policy: window)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]),
                          st.sampled_from([None, "utter_a", "utter_b", "utter_c", "utter_other"])), max_size=25))
def test_long_rule_predictions_from_the_window_are_rasas(long_rule, turns):
    """Any sequence of turns with the long rule: the window's predictions are Rasa's from every state."""
    policy, domain = long_rule
    tracker = DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen")], slots=domain.slots)
    for intent, answer in turns:
        _said(tracker, intent, answer)
        assert _long_prediction(policy, domain, tracker, ours=True) == _long_prediction(policy, domain, tracker,
                                                                                        ours=False)
        if answer is None:
            tracker.update(ActionExecuted("action_listen"))
