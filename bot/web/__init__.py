"""The web side: the page survivors chat in (and, later, the staff area)."""
