"""What a request brings, read the same way by every page: form fields cut to size, the site's public address."""

from __future__ import annotations

import os

from aiohttp import web


def form_text(form, name: str, limit: int = 2048) -> str:  # noqa: ANN001  # a MultiDictProxy from request.post()
    """A form field as text, at most `limit` characters; "" when missing or a file."""
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def public_base(request: web.Request) -> str:
    """The address people reach the site at (IMSA_PUBLIC_URL, else this request's), without a trailing slash."""
    return (os.environ.get("IMSA_PUBLIC_URL") or f"{request.scheme}://{request.host}").rstrip("/")
