"""The partner organisations a survivor may reach the chat through (attribution without identity).

The admin keeps the list in ``IMSA_PARTNERS``: ``unseen=Unseen UK, hestia=Hestia`` (an id of lower-case
letters, digits and ``-``, then ``=`` and the name staff see). A partner's page passes its id
(``data-partner="unseen"`` on embed.js); answers then carry "reached through" that organisation as a
respondent attribute. An id not on the list is ignored. Nothing about the person is recorded.
"""

from __future__ import annotations

import os
import re

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")


def parse(value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        pid, sep, name = item.partition("=")
        pid, name = pid.strip(), name.strip()
        if not sep or not ID.match(pid) or not name:
            raise ValueError(f"IMSA_PARTNERS: {item!r} is not like unseen=Unseen UK")
        out[pid] = name
    return out


def partners() -> dict[str, str]:
    """{id: name} from IMSA_PARTNERS (read on every call)."""
    return parse(os.environ.get("IMSA_PARTNERS", ""))


def known(pid: str | None) -> str | None:
    """The id if it is on the admin's list, else None."""
    return pid if pid and ID.match(pid) and pid in partners() else None


def name(pid: str | None) -> str | None:
    """The organisation's name for staff and exports (the id itself if it has left the list since)."""
    if not pid:
        return None
    return partners().get(pid, pid)
