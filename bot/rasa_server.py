"""`python -m bot.rasa_server run ...`: Rasa's own command line, with one fix.

Rasa 3.6 checks every action server reply with ``jsonschema.validate(reply,
schema)``, which re-checks the (constant) schema itself on every call: under
load that was 60% of the Rasa server's CPU (py-spy, 10 respondents). Here the
same schema is compiled once and every reply is still validated against it;
only the redundant check of the schema is gone. Everything else is stock Rasa.
"""

from __future__ import annotations

import functools
import sys


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


def patch_rasa() -> None:
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result


def main() -> None:
    patch_rasa()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
