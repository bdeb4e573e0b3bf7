"""requirements.lock (what scripts/setup installs, ./scripts/lock writes) agrees with the pins it is made from."""

from __future__ import annotations

import re

import tomli

from bot.paths import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(text: str) -> dict[str, str]:
    return {_name(m[1]): m[2] for m in PIN.finditer(text)}


def _lock_entries() -> dict[str, str]:
    """Each locked package and its block of text (the pin line, its hashes, the "via" comments)."""
    text = (ROOT / "requirements.lock").read_text()
    starts = [m for m in PIN.finditer(text)]
    return {
        _name(m[1]): text[m.start():(starts[i + 1].start() if i + 1 < len(starts) else len(text))]
        for i, m in enumerate(starts)
    }


def test_every_pin_of_pyproject_is_locked_at_that_version():
    project = tomli.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _pins("\n".join(project["dependencies"] + project["optional-dependencies"]["test"]))
    locked = _pins((ROOT / "requirements.lock").read_text())
    assert len(wanted) == len(project["dependencies"]) + len(project["optional-dependencies"]["test"])  # all pinned
    wrong = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not wrong, f"pyproject.toml and requirements.lock differ (pin, lock): {wrong}; run ./scripts/lock"


def test_the_lock_holds_exactly_the_versions_of_constraints_txt():
    constraints = _pins((ROOT / "constraints.txt").read_text())
    locked = _pins((ROOT / "requirements.lock").read_text())
    differ = {n: (v, locked[n]) for n, v in constraints.items() if n in locked and locked[n] != v}
    assert not differ, f"constraints.txt and requirements.lock differ: {differ}; run ./scripts/lock"
    # every installed package is pinned by constraints.txt, but for the build tools pip freeze leaves out
    assert set(locked) - set(constraints) <= {"setuptools", "wheel", "pip"}
    assert set(constraints) - set(locked) == set(), "pinned in constraints.txt but not needed: drop the pin"


def test_every_locked_package_carries_hashes():
    entries = _lock_entries()
    assert len(entries) > 200
    bare = [name for name, block in entries.items() if not re.search(r"--hash=sha256:[0-9a-f]{64}", block)]
    assert not bare, f"no hash for {bare}: run ./scripts/lock"


def test_uv_itself_is_pinned_with_hashes_at_the_version_setup_uses():
    common = (ROOT / "scripts" / "_common.sh").read_text()
    version = re.search(r"^UV_VERSION=(\S+)", common, re.M)[1]
    uv = (ROOT / "scripts" / "uv-requirements.txt").read_text()
    assert _pins(uv) == {"uv": version}
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", uv)) >= 2  # the wheel of every platform
