"""`python -m bot.rasa.server run ...`: Rasa's own command line, with a few fixes.

Rasa 3.6 checks every action server reply with ``jsonschema.validate(reply,
schema)``, which re-checks the (constant) schema itself on every call: under
load that was 60% of the Rasa server's CPU (py-spy, 10 respondents). Here the
same schema is compiled once and every reply is still validated against it;
only the redundant check of the schema is gone. And a call to the action server
times out after IMSA_ACTION_TIMEOUT_SECONDS (default 25) instead of Rasa's 5 minutes;
its structured log events leave out the person's words; a request body is at most 64 KB.
Everything else is stock Rasa.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading

from bot.settings import get_settings


@functools.lru_cache(maxsize=1)
def _action_reply_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self, result: dict) -> bool:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import DOCS_BASE_URL

    error = best_match(_action_reply_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error if isinstance(error, ValidationError) else ValidationError(error.message)


# Keys of Rasa's structured log events that may hold what a person typed (Rasa's own list, in
# rasa.utils.log_utils._anonymizer, which acts only with Rasa Pro's anonymisation plugin).
WORD_KEYS = (
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response", "slot_candidates",
    "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states", "successes", "current_entity",
    "next_entity", "states", "entity", "token_text", "user_message", "json_message",
)


def _without_words(_logger, method_name: str, event_dict: dict) -> dict:
    """A Rasa log event without the person's words: the values above are left out, and an error is
    logged by its kind and place only. (Rasa's REST channel logs the message and every local
    variable of a failed turn: with Redis or the action server away, that was the person's words.)"""
    import traceback

    for key in WORD_KEYS:
        if key in event_dict:
            event_dict[key] = "[not logged]"
    exc = event_dict.pop("exc_info", None)
    if exc is None and method_name == "exception":
        exc = True
    if exc:
        info = sys.exc_info() if exc is True else exc if isinstance(exc, tuple) else (type(exc), exc, exc.__traceback__)
        if info[0] is not None:
            event_dict["error"] = info[0].__name__
            event_dict["where"] = [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(info[2])[-4:]]
    event_dict["exc_info"] = False  # nothing further down renders a traceback with its locals
    return event_dict


def actions_in_process() -> bool:
    """IMSA_ACTIONS=in-process: Rasa runs actions/ in its own process, through rasa-sdk's executor, instead
    of calling an action server over HTTP. `imsa-voices run` sets it unless IMSA_ACTIONS=server or an
    ACTION_SERVER_URL is set; deploy/ starts Rasa itself with its action servers' URL (HTTP, as before)."""
    return get_settings().actions == "in-process"


_EXECUTOR: list = []
_EXECUTOR_LOCK = threading.Lock()


def _executor():
    """rasa-sdk's own executor with actions/ registered, as the action server has it (made once)."""
    with _EXECUTOR_LOCK:
        if not _EXECUTOR:
            from rasa_sdk.executor import ActionExecutor

            executor = ActionExecutor()
            executor.register_package("actions")
            _EXECUTOR.append(executor)
        return _EXECUTOR[0]


@functools.lru_cache(maxsize=1)
def _action_loop():
    """The event loop the actions run on, in a thread of its own, as they ran in the action server's: an
    action waits for the database (a lock, PostgreSQL retried) without holding up Rasa's own loop, and Rasa
    waits for it at most IMSA_ACTION_TIMEOUT_SECONDS, as it waits for an action server."""
    import asyncio

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="actions", daemon=True).start()
    return loop


async def _execute(call: dict) -> dict:
    import asyncio

    from rasa.core.actions import action

    future = asyncio.run_coroutine_threadsafe(_executor().run(call), _action_loop())
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), action.DEFAULT_REQUEST_TIMEOUT) or {}
    except asyncio.TimeoutError:
        future.cancel()
        raise


_DOMAINS: dict[int, tuple[object, dict]] = {}


def _domain_dict(domain) -> dict:  # noqa: ANN001
    """domain.as_dict(), once per domain object (a model's domain does not change while it serves)."""
    cached = _DOMAINS.get(id(domain))
    if cached is None or cached[0] is not domain:
        _DOMAINS.clear()
        cached = _DOMAINS[id(domain)] = (domain, domain.as_dict())
    return cached[1]


def _tracker_state(tracker) -> dict:  # noqa: ANN001
    """What an action is given: the tracker's current state, with the events of this turn only (from the
    latest user message on). Rasa sends every event of the conversation, and rasa-sdk parses them all, but
    neither the actions here nor rasa-sdk's form validation read further back than this turn (the slots,
    the latest message and the active loop come whole), so a turn's cost does not grow with the conversation."""
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import EventVerbosity

    state = tracker.current_state(EventVerbosity.NONE)
    tail = []
    for event in reversed(tracker.events):
        tail.append(event)
        if isinstance(event, UserUttered):
            break
    state["events"] = [event.as_dict() for event in reversed(tail)]
    return state


async def _run_in_process(self, output_channel, nlg, tracker, domain):  # noqa: ANN001, ANN201
    """RemoteAction.run without HTTP: the action call goes to rasa-sdk's executor in this process and its
    answer comes back as the action server's would (the same events and responses, no JSON text between).
    An action that fails fails the turn as a lost action server does (RasaException): Rasa drops the
    action's events and the page tells the person, in their language, to try again."""
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.core import events
    from rasa.shared.exceptions import RasaException
    from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

    call = {"next_action": self.name(), "sender_id": tracker.sender_id, "tracker": _tracker_state(tracker),
            "domain": _domain_dict(domain)}
    try:
        response = await _execute(call)
    except SdkRejection as exc:  # a form validation that rejects: other policies may act (as over HTTP)
        raise ActionExecutionRejection(self.name(), exc.message) from None
    except Exception as exc:  # its kind only: the message may quote the person's words
        logging.getLogger(__name__).error("custom action %s failed in process: %s", self.name(), type(exc).__name__)
        raise RasaException(f"Failed to execute custom action '{self.name()}': {type(exc).__name__}") from None
    bot_messages = await self._utter_responses(response.get("responses", []), output_channel, nlg, tracker)
    return bot_messages + events.deserialise_events(response.get("events", []))


# ------------------------------------------------------------------ a turn's cost, flat in the conversation's length
def _undo_till_previous(event_type, done_events: list) -> None:  # noqa: ANN001
    """Rasa's DialogueStateTracker._undo_till_previous, without copying the whole list first."""
    while done_events:
        if isinstance(done_events.pop(), event_type):
            break


def _undo_till_previous_loop_execution(loop_action_name: str, done_events: list) -> None:
    """Rasa's DialogueStateTracker._undo_till_previous_loop_execution, without copying the whole list on
    every form step (with a form answering every message, that copy made each turn's cost grow with the
    conversation): the same events are removed, walking back from the end to the loop's previous run."""
    from rasa.shared.core.events import ActionExecuted, DefinePrevUserUtteredFeaturization, UserUttered

    for i in range(len(done_events) - 1, -1, -1):
        event = done_events[i]
        if isinstance(event, ActionExecuted) and event.action_name == loop_action_name:
            break
        if isinstance(event, (ActionExecuted, UserUttered, DefinePrevUserUtteredFeaturization)):
            del done_events[i]


def _fold_applied(tracker, new_events, loop_names: frozenset, applied: list) -> None:  # noqa: ANN001
    """The loop of Rasa's DialogueStateTracker.applied_events, over new_events, onto applied."""
    from rasa.shared.core.events import (
        ActionExecuted,
        ActionReverted,
        Restarted,
        SessionStarted,
        UserUtteranceReverted,
        UserUttered,
    )

    for event in new_events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (isinstance(event, ActionExecuted) and event.action_name in loop_names
              and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def _applied_events(self) -> list:  # noqa: ANN001
    """DialogueStateTracker.applied_events, carried on from where it was last computed for this tracker.

    Rasa works it out from the first event on every call, several times a turn (the session check, every
    policy prediction): the cost of a turn grew with the conversation. The result is kept on the tracker with
    the number of events it covers; when only events were appended since (the last one covered is still in
    its place) and they bring no new loop name, the same loop goes on over the new events only, which gives
    exactly Rasa's result. Anything else (events replaced, a new loop) computes it whole, as Rasa does."""
    from itertools import islice

    from rasa.shared.core.events import ActiveLoop

    events = self.events
    count = len(events)
    memo = self.__dict__.get("_imsa_applied")
    if memo is not None:
        covered, last, loop_names, applied = memo
        if covered <= count and (covered == 0 or events[covered - 1] is last):
            new = list(islice(events, covered, count))
            if not {e.name for e in new if isinstance(e, ActiveLoop) and e.name} - loop_names:
                applied = list(applied)
                _fold_applied(self, new, loop_names, applied)
                self._imsa_applied = (count, events[-1] if count else None, loop_names, applied)
                return list(applied)
    loop_names = frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)
    applied = []
    _fold_applied(self, events, loop_names, applied)
    self._imsa_applied = (count, events[-1] if count else None, loop_names, applied)
    return list(applied)


_RASA_PAST_STATES: list = []  # Rasa's own DialogueStateTracker.past_states, for the cases not carried on
_DOMAIN_TOKENS: dict[int, tuple[object, str]] = {}


def _domain_token(domain) -> str:  # noqa: ANN001
    """The domain's fingerprint, once per domain object: the policies get the model's domain as an object of
    their own, the tracker store Rasa's; states kept with one are the states of the other when equal."""
    kept = _DOMAIN_TOKENS.get(id(domain))
    if kept is None or kept[0] is not domain:
        if len(_DOMAIN_TOKENS) > 8:
            _DOMAIN_TOKENS.clear()
        kept = _DOMAIN_TOKENS[id(domain)] = (domain, domain.fingerprint())
    return kept[1]


def _state_copy(state: dict) -> dict:
    """A state as Rasa's featurizers may change it (they delete keys of its sub-states in place)."""
    return {key: dict(sub) if isinstance(sub, dict) else sub for key, sub in state.items()}


def _past_states(self, domain, omit_unset_slots: bool = False, ignore_rule_only_turns: bool = False,  # noqa: ANN001
                 rule_only_data=None, tail: int | None = None) -> list:  # noqa: ANN001
    """DialogueStateTracker.past_states, carried on from where it was last computed for this tracker.

    Rasa's (Domain.states_for_tracker_history) replays every applied event of the conversation into a new
    tracker and takes its state before each action, on every policy prediction (twice a turn): the cost of a
    turn grew with the conversation. The state before an action depends only on the events before it, so when
    the applied events only grew since (the last one covered is still in its place), the states already taken
    stay, and the replay goes on from a copy of the tracker it had reached, over the new events only: exactly
    Rasa's result. The states are given as copies (Rasa's featurizers change them in place); nothing kept is
    ever changed, so copies of this tracker may share what is kept. Policies that hide rule-only turns (not
    used here: the project runs RulePolicy alone) get Rasa's own computation. With `tail`, only the last
    `tail` states are given (RulePolicy's window, below): what is copied does not grow with the conversation."""
    from rasa.shared.core.events import ActionExecuted

    if ignore_rule_only_turns:
        return _RASA_PAST_STATES[0](self, domain, omit_unset_slots=omit_unset_slots,
                                    ignore_rule_only_turns=ignore_rule_only_turns, rule_only_data=rule_only_data)
    applied = self.applied_events()
    memo = self.__dict__.get("_imsa_states")
    replay, states, new, token = None, [], applied, _domain_token(domain)
    if memo is not None:
        kept_token, kept_omit, covered, last, kept_replay, kept_states = memo
        if (kept_token == token and kept_omit == omit_unset_slots and covered <= len(applied)
                and (covered == 0 or applied[covered - 1] is last)):
            replay, states, new = kept_replay.copy(), list(kept_states), applied[covered:]
    if replay is None:
        replay = self.init_copy()
    for event in new:
        if isinstance(event, ActionExecuted):
            states.append(domain._clean_state(domain.get_active_state(replay, omit_unset_slots=omit_unset_slots)))
        replay.update(event)
    self._imsa_states = (token, omit_unset_slots, len(applied), applied[-1] if applied else None, replay,
                         tuple(states))
    final = domain._clean_state(domain.get_active_state(replay, omit_unset_slots=omit_unset_slots))
    if tail is not None:
        states = states[max(0, len(states) - (tail - 1)):] if tail > 1 else []
    return [_state_copy(state) for state in states] + [final]


_RULE_WINDOWS: dict[int, tuple[object, int, int]] = {}


def _rule_window(policy) -> int:  # noqa: ANN001
    """One more than the longest rule the policy has learnt, in states (its rules and its loops' unhappy
    paths): RulePolicy never looks further back than a rule is long."""
    from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH

    tables = [policy.lookup.get(RULES) or {}, policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH) or {}]
    size = sum(len(table) for table in tables)
    kept = _RULE_WINDOWS.get(id(policy))
    if kept is None or kept[0] is not policy or kept[1] != size:
        longest = max((len(policy._rule_key_to_state(key)) for table in tables for key in table), default=0)
        kept = _RULE_WINDOWS[id(policy)] = (policy, size, longest + 1)
    return kept[2]


def _rule_prediction_states(self, tracker, domain, use_text_for_last_user_input: bool = False,  # noqa: ANN001
                            rule_only_data=None) -> list:  # noqa: ANN001
    """RulePolicy's Policy._prediction_states, given only the last states a rule can match (and one more).

    Rasa gives RulePolicy every state of the conversation, twice a turn (text, then intent): it copies them,
    strips each, formats them all for a debug line, and tries every rule against every state back to the
    start, though a rule only matches its own length of states and any rule matches what lies before that.
    So the rules that match, and the action predicted, are the same from the last (longest rule + 1)
    states; when none matches, the key Rasa makes of the states is longer than any rule's either way, so
    the prediction (which rules to hide) is the same too (tests/test_rasa_turn_cost.py compares every
    prediction with Rasa's). Training trackers and featurizers other than Rasa's default get Rasa's own."""
    from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
    from rasa.core.policies.policy import Policy
    from rasa.shared.core.trackers import DialogueStateTracker

    featurizer = self.featurizer
    if type(tracker) is not DialogueStateTracker or type(featurizer) is not MaxHistoryTrackerFeaturizer:
        return Policy._prediction_states(self, tracker, domain, use_text_for_last_user_input,
                                         rule_only_data=rule_only_data)
    window = _rule_window(self)
    if featurizer.max_history:
        window = min(window, featurizer.max_history)
    states = tracker.past_states(domain, omit_unset_slots=False, ignore_rule_only_turns=False,
                                 rule_only_data=rule_only_data, tail=window) \
        if tracker.past_states.__func__ is _past_states else \
        featurizer.slice_state_history(tracker.past_states(domain, rule_only_data=rule_only_data), window)
    featurizer._choose_last_user_input([states], use_text_for_last_user_input)
    return states


def _copy_tracker(self):  # noqa: ANN001, ANN202
    """DialogueStateTracker.copy(), without replaying every event of the conversation into a new tracker.

    Rasa's copy is travel_back_in_time(inf): a fresh tracker, then every event applied again (three times a
    turn: the processor's action run and the form's two temporary trackers). A tracker's state is by Rasa's
    own rule what its events make it, so the copy takes that state as it is: the same event objects in a new
    list, each slot copied as init_copy copies it, the active loop and latest action copied (they are changed
    in place later), and no model or assistant id, as in Rasa's copy."""
    import copy as copying
    import dataclasses

    new = object.__new__(type(self))
    new.__dict__.update(self.__dict__)
    new.events = self._create_events(list(self.events))
    slots = type(self.slots)()
    slots.update({name: copying.copy(slot) for name, slot in self.slots.items()})
    new.slots = slots
    new.latest_action = dict(self.latest_action) if self.latest_action is not None else None
    new.active_loop = dataclasses.replace(self.active_loop) if self.active_loop is not None else None
    new.model_id = new.assistant_id = new.sender_source = None
    if not new.sender_id:
        from rasa.shared.core.constants import DEFAULT_SENDER_ID

        new.sender_id = DEFAULT_SENDER_ID
    return new


def _form_temporary_tracker(self, current_tracker, additional_events, domain):  # noqa: ANN001, ANN202
    """FormAction._temporary_tracker: the tracker with the form's requested slot, its run and the slot
    candidates added, from a copy (above) instead of a replay of the conversation since its last restart."""
    from rasa.core.actions.forms import REQUESTED_SLOT
    from rasa.shared.core.events import ActionExecuted, SlotSet

    tracker = current_tracker.copy()
    for event in [SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)), ActionExecuted(self.name()),
                  *additional_events]:
        tracker.update(event)
    return tracker


def patch_rasa() -> None:
    from rasa.core.actions import action
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.utils import io as rasa_io
    from rasa.utils import log_utils

    RemoteAction._validate_action_result = _validate_action_result
    DialogueStateTracker._undo_till_previous = staticmethod(_undo_till_previous)
    DialogueStateTracker._undo_till_previous_loop_execution = staticmethod(_undo_till_previous_loop_execution)
    DialogueStateTracker.applied_events = _applied_events
    DialogueStateTracker.copy = _copy_tracker
    if not _RASA_PAST_STATES:
        _RASA_PAST_STATES.append(DialogueStateTracker.past_states)
    DialogueStateTracker.past_states = _past_states
    from rasa.core.policies.rule_policy import RulePolicy

    RulePolicy._prediction_states = _rule_prediction_states
    from rasa.core.actions.forms import FormAction

    FormAction._temporary_tracker = _form_temporary_tracker
    log_utils._anonymizer = _without_words  # the first step of Rasa's structured logging
    rasa_io.raise_warning = functools.partial(_warning_without_words, rasa_io.raise_warning)
    # A stuck action server must not hold the chat for Rasa's default 5 minutes: after this the
    # turn ends with no reply, and the page says "something went wrong, your answers are safe".
    action.DEFAULT_REQUEST_TIMEOUT = get_settings().action_timeout_seconds
    if actions_in_process():
        RemoteAction.run = _run_in_process
        # actions/ (texts, catalogue, the store) are imported now, not on a survivor's first message: in a
        # thread, while Rasa imports itself and waits for its model (`imsa-voices run` readies it meanwhile)
        threading.Thread(target=_executor, name="actions-warm-up", daemon=True).start()
        _action_loop()


def _warning_without_words(raise_warning, message: str, *args, **kwargs) -> None:
    """Rasa warns about a message that starts with "/" but is no valid button payload by quoting it
    whole, and a person may have typed it: that warning is left out (the message is still understood)."""
    if str(message).startswith("Failed to parse arguments in line"):
        return
    raise_warning(message, *args, **kwargs)


# The largest request body the Rasa server takes (Sanic's default is 100 MB): a chat message
# is far smaller, and the page's forwarding has the same limit (bot/web/app.py MAX_BODY).
MAX_REQUEST_BYTES = 64 * 1024


def _wait_for_model(timeout: float = 1800.0) -> None:
    """With IMSA_MODEL_FINGERPRINT (set by `imsa-voices run`, which starts Rasa while the model is made
    ready): import what serving needs first (TensorFlow, Sanic, the pipeline's components: most of Rasa's
    start-up), then wait until the model of that fingerprint is in place (its stamp beside --model)."""
    import time
    from pathlib import Path

    expected = get_settings().model_fingerprint
    if not expected or "--model" not in sys.argv:
        return
    import rasa.core.agent  # noqa: F401
    import rasa.core.policies.rule_policy  # noqa: F401
    import rasa.core.run  # noqa: F401
    import rasa.nlu.classifiers.logistic_regression_classifier  # noqa: F401
    import rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer  # noqa: F401
    import rasa.server  # noqa: F401

    model = Path(sys.argv[sys.argv.index("--model") + 1])
    stamp = model.with_name(model.name.removesuffix(".tar.gz") + ".fingerprint")
    parent, deadline = os.getppid(), time.monotonic() + timeout
    while not (model.exists() and stamp.exists() and stamp.read_text() == expected):
        if os.getppid() != parent or time.monotonic() > deadline:  # `imsa-voices run` went away
            sys.exit(1)
        time.sleep(0.1)


def main() -> None:
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(MAX_REQUEST_BYTES))  # read by Sanic when Rasa starts
    from bot.rasa.startup import prepare

    prepare(sys.argv[1:])  # before Rasa is imported: no TensorFlow when the model uses none
    patch_rasa()
    _wait_for_model()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
