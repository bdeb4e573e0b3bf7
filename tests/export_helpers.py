"""Helpers for tests that read exports (tests/test_export.py, tests/test_canary.py)."""

from __future__ import annotations

import io
import zipfile

from bot.export import FORMATS, ExportFilter, export

ZIPPED = ("xlsx", "qdpx", "transcripts")


def export_bytes(store, fmt: str, filters: ExportFilter = ExportFilter(), **kwargs) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, filters, **kwargs)
    return out.getvalue()


def plain_bytes(fmt: str, data: bytes) -> bytes:
    """What an export holds, uncompressed: zip-based formats are unpacked (entry names and contents)."""
    if fmt not in ZIPPED:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"\n".join(info.filename.encode() + b"\n" + archive.read(info) for info in archive.infolist())


def every_export(store, filters: ExportFilter = ExportFilter()) -> dict[str, bytes]:
    """Each format's export, unpacked."""
    return {fmt: plain_bytes(fmt, export_bytes(store, fmt, filters, actor="test")) for fmt in FORMATS}
