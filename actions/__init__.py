"""Rasa custom actions (thin: they call into bot/)."""

from bot.conversation import i18n
from bot.conversation.catalogue import catalogue

# Read the texts and the catalogue when the action server starts, not on a survivor's first message.
i18n.languages()
catalogue()
