"""Change entries of a translations/<lang>.yml file in place, keeping its layout.

Every language file but English has the same shape: comments and `meta:` first, then
`texts:` with one block per key::

      key:
        text: "..."
        status: draft
        source: 1a2b3c4d5e6f      # fingerprint of the English it was made from
        reviewer: A. Name         # who last changed it through an import, and when
        date: 2026-12-04

Only the blocks of changed keys are written again; every other line (comments, section
headings, untouched entries) stays byte for byte, so a review shows up in `git diff` as
exactly the entries it changed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml

# LRM, RLM, ALM, the embeddings and overrides (LRE RLE PDF LRO RLO) and the isolates (LRI RLI FSI PDI)
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FIELD_ORDER = ("text", "status", "source", "reviewer", "date")
_KEY_LINE = re.compile(r"^  ([^\s#][^:]*):(.*)$")


def quote(text: str) -> str:
    """A YAML double-quoted string; direction marks and isolates written as \\uXXXX, so a diff shows them.

    Joiners (U+200C, U+200D) stay as they are: Persian and Indic scripts use them inside words.
    """
    out = json.dumps(text, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                   for c in out)


def _plain(value: object) -> str:
    """A short value (status, fingerprint, name, date) unquoted when YAML reads it back as the same string."""
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    if re.fullmatch(r"\w[\w .@'()-]*", text) and not text.endswith(" "):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return quote(text)


def render_block(key: str, entry: dict) -> list[str]:
    """The lines of one entry, in the files' own layout."""
    lines = [f"  {key}:\n", f"    text: {quote(str(entry.get('text', '')))}\n"]
    for name in FIELD_ORDER[1:]:
        if entry.get(name) not in (None, ""):
            lines.append(f"    {name}: {_plain(entry[name])}\n")
    for name, value in entry.items():
        if name not in FIELD_ORDER and value is not None:
            dumped = yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=True, width=10_000)
            lines.append("    " + dumped.strip()[1:-1].strip() + "\n")
    return lines


def split_blocks(lines: list[str]) -> tuple[int, dict[str, tuple[int, int]]]:
    """Where `texts:` starts, and each key's block as (first line, line after the last)."""
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "texts:")
    except StopIteration:
        raise ValueError("no `texts:` section") from None
    blocks: dict[str, tuple[int, int]] = {}
    i = start + 1
    while i < len(lines):
        match = _KEY_LINE.match(lines[i])
        if not match:
            i += 1
            continue
        first, i = i, i + 1
        while i < len(lines) and lines[i].startswith("    ") and lines[i].strip():
            i += 1
        blocks[match.group(1).strip().strip("\"'")] = (first, i)
    return start, blocks


def update_file(path: Path, changes: dict[str, dict], order: list[str] | None = None) -> None:
    """Set the given fields of the given keys (a value of None removes a field); other lines stay as they are.

    A key not in the file yet is added after the key that comes before it in `order` (English's order),
    or at the end.
    """
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    current = (yaml.safe_load(text) or {}).get("texts") or {}
    _, blocks = split_blocks(lines)
    replacements: dict[int, tuple[int, list[str]]] = {}
    additions: dict[int, list[str]] = {}
    for key, fields in changes.items():
        old = current.get(key)
        entry = dict(old) if isinstance(old, dict) else ({"text": old} if old is not None else {})
        for name, value in fields.items():
            if value is None:
                entry.pop(name, None)
            else:
                entry[name] = value
        rendered = render_block(key, entry)
        if key in blocks:
            first, end = blocks[key]
            replacements[first] = (end, rendered)
        else:
            after = len(lines)
            if order and key in order:
                before = [k for k in order[:order.index(key)] if k in blocks]
                if before:
                    after = blocks[before[-1]][1]
            additions.setdefault(after, []).extend(rendered)
    out: list[str] = []
    i = 0
    while i <= len(lines):
        out.extend(additions.get(i, []))
        if i == len(lines):
            break
        if i in replacements:
            end, rendered = replacements[i]
            out.extend(rendered)
            i = end
        else:
            out.append(lines[i])
            i += 1
    write_atomically(path, "".join(out))


def write_atomically(path: Path, content: str) -> None:
    """Write the whole file or nothing (a crash half-way leaves the old file)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
