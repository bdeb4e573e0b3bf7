"""What a request brings, read the same way by every page: form fields cut to size, the site's public address."""

from __future__ import annotations

from aiohttp import web

from bot.settings import get_settings


def form_text(form, name: str, limit: int = 2048) -> str:  # `form`: a MultiDictProxy from request.post()
    """A form field as text, at most `limit` characters; "" when missing or a file."""
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def public_base(request: web.Request) -> str:
    """The address people reach the site at (IMSA_PUBLIC_URL, else this request's), without a trailing slash."""
    return (get_settings().public_url or f"{request.scheme}://{request.host}").rstrip("/")
