"""`python -m bot.rasa_server run ...`: Rasa's own command line, with a few fixes.

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
import os
import sys

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


def patch_rasa() -> None:
    from rasa.core.actions import action
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.utils import io as rasa_io
    from rasa.utils import log_utils

    RemoteAction._validate_action_result = _validate_action_result
    log_utils._anonymizer = _without_words  # the first step of Rasa's structured logging
    rasa_io.raise_warning = functools.partial(_warning_without_words, rasa_io.raise_warning)
    # A stuck action server must not hold the chat for Rasa's default 5 minutes: after this the
    # turn ends with no reply, and the page says "something went wrong, your answers are safe".
    action.DEFAULT_REQUEST_TIMEOUT = get_settings().action_timeout_seconds


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
    patch_rasa()
    _wait_for_model()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
