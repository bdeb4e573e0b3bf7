"""Every page is a Jinja2 template with autoescape (bot/web/templating.py, bot/web/templates/).

- A value shown on a page comes out escaped: planted markup shows as text, public and staff pages alike.
- No Python module under bot/web (nor bot/staff/auth.py) builds HTML from strings: the markup is in the templates.
- The quick exit bar is written once, in base.html, and every public page carries it.
"""

from __future__ import annotations

import ast
import asyncio
import re
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.staff import users
from bot.web import app as web_app
from bot.web import pages
from bot.web.templating import TEMPLATES, environment, render_text
from tests.staff_helpers import csrf_from, sign_in

ROOT = Path(__file__).resolve().parent.parent
PLANTED = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
PASSWORD = "correct horse battery"
# an HTML tag in a string literal: "<p>", "</div>", '<input type=...', "<!doctype"
TAG = re.compile(r"<(?:/?(?:!doctype|html|head|body|main|header|footer|nav|section|div|span|p|a|ul|ol|li|dl|dt|dd|"
                 r"table|caption|thead|tbody|tr|th|td|form|fieldset|legend|label|input|select|option|textarea|"
                 r"button|h[1-6]|script|style|link|meta|img|code|strong|em|mark|br|svg|g|rect|path|text|title|"
                 r"details|summary|figure|figcaption|small|abbr|time|pre|blockquote|q|iframe)\b)", re.I)


def _strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in a module but its docstrings, f-string parts included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_tag_finder_finds_html_in_strings_and_not_in_docstrings(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text('"""A page: <p>in the docstring</p> is fine."""\n'
                      'X = f\'<li><a href="{1}">x</a></li>\'\n'
                      'Y = "a < b and b > c"\n'
                      'def f():\n    """<div>also fine</div>"""\n    return "</div>"\n')
    found = [(line, text) for line, text in _strings(module) if TAG.search(text)]
    assert {line for line, _ in found} == {2, 6}


# Pages converted on a branch of their own (i13-templates2) and the page helper they still use. Each name must
# leave this list once its module holds no HTML (the test says so), and staff_layout.py once nothing imports it.
PENDING: set[str] = set()  # i13-templates2 converted charts, staff_data, staff_findings, staff_translations


def test_no_module_under_bot_web_builds_html_from_strings():
    modules = sorted((ROOT / "bot" / "web").rglob("*.py")) + [ROOT / "bot" / "staff" / "auth.py"]
    found: dict[str, list[str]] = {}
    for path in modules:
        for line, text in _strings(path):
            if TAG.search(text):
                found.setdefault(path.relative_to(ROOT).as_posix(), []).append(f"{line}: {text[:60]!r}")
    wrong = {name: lines for name, lines in found.items() if name not in PENDING}
    assert not wrong, "HTML belongs in bot/web/templates/, not in Python strings:\n" + "\n".join(
        f"{name}:{line}" for name, lines in wrong.items() for line in lines)
    done = {name for name in PENDING - {"bot/web/staff_layout.py"} if name not in found}
    assert not done, f"{sorted(done)} hold no HTML any more: take them out of PENDING"
    users_of_layout = [p for p in (ROOT / "bot").rglob("*.py") if "staff_layout import" in p.read_text()]
    assert users_of_layout or not (ROOT / "bot/web/staff_layout.py").exists(), \
        "nothing imports bot/web/staff_layout.py any more: delete it (and templates/staff/legacy.html)"


def test_autoescape_is_on_for_every_template_and_undefined_values_fail_loudly():
    names = environment.list_templates(extensions=["html"])
    assert "base.html" in names and "staff/layout.html" in names and "macros/components.html" in names
    for name in ("base.html", "x.svg", "x.xml"):
        assert environment.autoescape(name) is True  # select_autoescape by file name
    import jinja2

    try:
        environment.from_string("{{ missing }}").render()
    except jinja2.UndefinedError:
        pass
    else:
        raise AssertionError("a value a template expects but was not given must fail, not show empty")


def test_a_planted_script_in_a_value_comes_out_escaped_from_every_component():
    page = environment.from_string(
        '{% from "macros/components.html" import error_summary, field, button, table, pager, notice %}'
        "{{ error_summary([('name', v)]) }}{{ notice(v) }}{{ field('name', v, value=v, hint=v, errors=[('name', v)]) }}"
        "{{ button(v) }}{{ table([v], [[v, {'text': v, 'href': v}]], caption=v, id='t') }}"
        "{{ pager(v, previous=v, previous_text=v) }}{{ t('widget.title', name=v) }}"
    ).render(v=PLANTED, lang="en")
    assert "<script" not in page and "<img" not in page
    assert page.count(ESCAPED) >= 13


def test_a_planted_script_on_public_pages_comes_out_escaped(monkeypatch):
    monkeypatch.setenv("IMSA_PRIVACY_CONTACT", PLANTED)
    monkeypatch.setenv("IMSA_EXIT_URL", "https://example.org/" + PLANTED)
    for html in (pages.privacy_page("en"), pages.index_page("en", partner=PLANTED)):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html
    assert ESCAPED in pages.privacy_page("en")  # the contact, inside a translated sentence
    assert f'data-partner="{ESCAPED}"' in pages.index_page("en", partner=PLANTED)


def test_a_planted_script_on_staff_pages_comes_out_escaped(sqlite_store):
    """Over real HTTP: a name typed at sign-in and an audit entry's detail are shown back as text."""
    users.add_user(sqlite_store, "the-admin", "admin", PASSWORD)
    sqlite_store.audit("the-admin", "import", 3, PLANTED)

    async def scenario(client):
        form = await client.get("/staff/login")
        refused = await client.post("/staff/login", data={
            "name": PLANTED, "password": "wrong password here", "csrf_token": csrf_from(await form.text())})
        login_page = await refused.text()
        await sign_in(client, "the-admin", PASSWORD)
        audit = await (await client.get("/staff/audit")).text()
        return refused.status, login_page, audit

    async def go():
        app = web_app.make_app("http://127.0.0.1:9")
        app["staff_store"] = sqlite_store
        async with TestClient(TestServer(app)) as client:
            return await scenario(client)

    status, login_page, audit = asyncio.run(go())
    assert status == 401
    assert f'value="{ESCAPED}"' in login_page and "<script>alert" not in login_page
    assert f"<td>{ESCAPED}</td>" in audit and "<script>alert" not in audit


def test_the_exit_bar_is_written_once_and_on_every_public_page():
    templates = [path for path in TEMPLATES.rglob("*.html")]
    with_bar = [p.relative_to(TEMPLATES).as_posix() for p in templates if 'id="exit-bar"' in p.read_text()]
    assert with_bar == ["base.html"]
    for html in (pages.index_page("en"), pages.safety_page("ar"), pages.privacy_page("en"), pages.worker_page("fr")):
        assert html.count('id="exit-bar"') == 1 and html.count('id="exit"') == 1
        assert html.index('id="exit-skip"') < html.index('id="exit-bar"') < html.index("<main")


def test_the_staff_shell_has_no_exit_bar_and_a_signed_out_header():
    html = render_text(None, "staff/message.html", title="Please sign in", message="Sign in again.")
    assert 'id="exit-bar"' not in html and '<html lang="en" dir="ltr">' in html
    assert "<title>Please sign in - IMSA Voices staff area</title>" in html
    assert '<a href="#main" class="skip">' in html and "Sign out" not in html
