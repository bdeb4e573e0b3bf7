"""Anonymous storage of answers (SQLAlchemy: SQLite by default, PostgreSQL by URL): the one door to the dataset.

`Store` holds the methods; `record_audit` writes an audit line inside a transaction a staff module has open
(`with store.session() as s`), `code_answer` codes an answer again after staff changed it.
"""

from bot.store.store import Store, TurnOverdue, code_answer, database_url, get_store, record_audit, turn_deadline

__all__ = ["Store", "TurnOverdue", "code_answer", "database_url", "get_store", "record_audit", "turn_deadline"]
