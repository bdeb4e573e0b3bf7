"""The layers keep to their doors: the staff area reaches the tables only through the store's API (bot/store: the
Store, bot.store.accounts, bot.store.staff_queries, bot.store.answer_queries), and never through the web
server's modules.

Read from the source (imports anywhere in a module, inside functions too), so a new shortcut fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAFF = ROOT / "bot" / "staff"

# Staff modules that still query the models themselves, each with its reason. A name must leave this list once
# its module no longer imports bot.store.models (the last test says so).
NOT_YET_MOVED: dict[str, str] = {}  # empty since #13: every staff module queries through bot/store
# Staff modules that may import the web server's modules, with the reason.
WEB_ALLOWED = {
    "auth.py": "its aiohttp glue (staff_only, refuse) answers a request with a staff page",
}


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports ("from a.b import c" gives a.b and a.b.c), at any depth."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def importers(prefix: str) -> set[str]:
    """The modules under bot/staff that import `prefix` or a module below it."""
    return {path.name for path in sorted(STAFF.glob("*.py"))
            if any(m == prefix or m.startswith(prefix + ".") for m in imported_modules(path))}


def test_the_import_finder_sees_every_form_of_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom bot.store import models\n\ndef f():\n    from bot.web.templating import render\n"
                      "    import bot.store.models as m\n")
    found = imported_modules(sample)
    assert {"os", "bot.store.models", "bot.web.templating", "bot.web.templating.render"} <= found


def test_staff_modules_reach_the_tables_only_through_the_store():
    assert importers("bot.store.models") - set(NOT_YET_MOVED) == set(), (
        "query through bot.store (Store, accounts, staff_queries, answer_queries), not bot.store.models")
    assert importers("sqlalchemy") - set(NOT_YET_MOVED) == set(), "SQL belongs in bot/store, behind its API"


def test_staff_modules_do_not_depend_on_the_web_server():
    assert importers("bot.web") - set(WEB_ALLOWED) == set(), (
        "the staff layer is used by the command line too: render documents with bot.templating")


def test_the_lists_of_exceptions_hold_only_modules_that_still_need_them():
    assert set(NOT_YET_MOVED) - importers("bot.store.models") == set(), "moved: take it off NOT_YET_MOVED"
    assert set(WEB_ALLOWED) - importers("bot.web") == set(), "no longer imports bot.web: take it off WEB_ALLOWED"
