"""The store: the only package that imports sqlite3 or writes SQL.

`open_store(path)` checks, migrates and returns a `Store`; the caller owns the transaction
(`with store.transaction(): ...`) and the repositories on the store never commit.
"""

from kith.store.connection import Store, open_store

__all__ = ["Store", "open_store"]
