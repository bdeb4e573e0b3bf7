"""The partner organisations a survivor may reach the chat through (attribution without identity).

The admin keeps the list in ``IMSA_PARTNERS``: ``unseen=Unseen UK, hestia=Hestia`` (an id of lower-case
letters, digits and ``-``, then ``=`` and the name staff see). A partner's page passes its id
(``data-partner="unseen"`` on embed.js); answers then carry "reached through" that organisation as a
respondent attribute. An id not on the list is ignored. Nothing about the person is recorded.
"""

from __future__ import annotations

import re

from bot.settings import get_settings
from bot.settings import parse_partners as parse  # noqa: F401 - re-exported

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")


def partners() -> dict[str, str]:
    """{id: name} from IMSA_PARTNERS."""
    return dict(get_settings().partners)


def known(pid: str | None) -> str | None:
    """The id if it is on the admin's list, else None."""
    return pid if pid and ID.match(pid) and pid in partners() else None


def name(pid: str | None) -> str | None:
    """The organisation's name for staff and exports (the id itself if it has left the list since)."""
    if not pid:
        return None
    return partners().get(pid, pid)
