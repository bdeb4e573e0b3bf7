"""Anonymous storage of answers (SQLAlchemy: SQLite by default, PostgreSQL by URL)."""

from bot.store.store import Store, database_url, get_store

__all__ = ["Store", "database_url", "get_store"]
