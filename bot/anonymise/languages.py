"""The languages the bot speaks, and how a language code is normalised."""

from __future__ import annotations

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "sq", "vi", "ti", "ar", "so", "am", "ro", "pl", "fa",
    "prs", "ps", "ckb", "ur", "bn", "zh", "pa", "pt", "fr", "es",
)


def normalise_language(code: str | None) -> str:
    """Map "pt-BR", "EN", None or an unknown code onto a supported code ("en" by default)."""
    if not code:
        return "en"
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in SUPPORTED_LANGUAGES else "en"
