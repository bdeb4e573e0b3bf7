"""Signing in to the staff area from tests, over real HTTP (an aiohttp TestClient or any aiohttp session).

    from tests.staff_helpers import sign_in
    csrf = await sign_in(client, "alice", "correct horse battery")
    await client.post("/staff/...", data={"csrf_token": csrf, ...})      # or headers={"X-CSRF-Token": csrf}
"""

from __future__ import annotations

import re

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1)


async def sign_in(client, name: str, password: str) -> str:  # noqa: ANN001
    """Sign in through the login form; returns the session's CSRF token (the cookie stays in the client)."""
    response = await client.get("/staff/login")
    token = csrf_from(await response.text())
    response = await client.post("/staff/login", data={"name": name, "password": password, "csrf_token": token},
                                 allow_redirects=False)
    assert response.status == 303, f"sign-in failed: {response.status} {await response.text()}"
    response = await client.get("/staff")
    assert response.status == 200
    return csrf_from(await response.text())
