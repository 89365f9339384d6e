"""The store: the only package that imports sqlite3 or writes SQL.

`open_store(path)` checks, migrates and returns a `Store`; the caller owns the transaction
(`with store.transaction(): ...`) and the repositories on the store never commit.
"""

from kith.store.connection import SQLiteError, Store, disk_full, explain, open_store

__all__ = ["SQLiteError", "Store", "disk_full", "explain", "open_store"]
