"""The custom messages the action server sends to the chat page beside the bot's texts (Rasa's `custom`).

Both sides read them from here: actions/consultation.py sends them, bot/web/app.py and static/widget.js act on them.
"""

from __future__ import annotations

# Sent with the kind error message: the page shows "Try again", which sends the person's words again.
TRY_AGAIN = {"imsa": "try_again"}

# Sent when a turn changed the conversation's language ({"imsa": LANGUAGE_CHANGED, "lang": ...}), so the
# page's own labels follow the bot.
LANGUAGE_CHANGED = "language"
