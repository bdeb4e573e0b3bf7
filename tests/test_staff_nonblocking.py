"""The staff access pages never wait for the database on the event loop: every read and write of theirs runs in
a worker thread (asyncio.to_thread), so one slow query does not stall every other browser and the chat.

The real app on a real port against a real SQLite store; the store's own session() is wrapped to note where each
call runs.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp.test_utils import TestClient, TestServer

from bot.staff import users
from bot.web import app as web_app
from tests.staff_helpers import csrf_from, sign_in

PASSWORD = "correct horse battery"


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def test_the_access_pages_use_the_database_off_the_event_loop(sqlite_store):
    users.add_user(sqlite_store, "the-admin", "admin", PASSWORD)
    users.add_user(sqlite_store, "the-worker", "support_worker", PASSWORD)
    users.add_user(sqlite_store, "leaving", "staff", PASSWORD)
    calls = {"loop": [], "thread": 0}
    real_session = sqlite_store.session

    @contextlib.contextmanager
    def noted_session():
        if _on_event_loop():
            import traceback

            calls["loop"].append("".join(traceback.format_stack(limit=6)))
        else:
            calls["thread"] += 1
        with real_session() as s:
            yield s

    sqlite_store.session = noted_session
    app = web_app.make_app("http://127.0.0.1:9")
    app["staff_store"] = sqlite_store

    async def scenario(client):
        csrf = await sign_in(client, "the-admin", PASSWORD)
        for path in ("/staff", "/staff/users", "/staff/users/leaving", "/staff/users/nobody", "/staff/audit",
                     "/staff/account/second-factor"):
            assert (await client.get(path)).status in (200, 404), path
        added = await client.post("/staff/users", data={"csrf_token": csrf, "name": "new.person", "role": "staff",
                                                        "password": PASSWORD, "confirm": PASSWORD},
                                  allow_redirects=False)
        assert added.status == 303
        gone = await client.post("/staff/users/leaving/deactivate", data={"csrf_token": csrf}, allow_redirects=False)
        assert gone.status == 303
        assert (await client.post("/staff/logout", data={"csrf_token": csrf}, allow_redirects=False)).status == 303
        client.session.cookie_jar.clear()
        csrf = await sign_in(client, "the-worker", PASSWORD)
        made = await client.post("/staff/handover", data={"csrf_token": csrf, "lang": "so", "themes": "civil",
                                                          "assisted": "interpreter"}, allow_redirects=False)
        assert made.status == 303
        listed = await (await client.get("/staff/handover?made=1")).text()
        assert "/?start=" in listed and csrf_from(listed)

    async def go():
        async with TestClient(TestServer(app)) as client:
            await scenario(client)

    asyncio.run(go())
    assert calls["thread"] > 20  # the wrapper saw the pages' work
    assert not calls["loop"], "the database was used on the event loop:\n" + "\n---\n".join(calls["loop"])
