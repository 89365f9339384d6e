"""The want-to-meet list and referrals (who suggested you meet whom), with the first contact
after a date that tells whether a wish came true or a referral was followed up."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kith.clock import from_utc_text
from kith.store.rows import chunks, instant, placeholders


@dataclass(frozen=True)
class WantRow:
    """A stored wish to meet a person."""

    person_id: int
    why: str | None
    created_at: datetime
    met_at: datetime | None  # as stored; None until something sets it


@dataclass(frozen=True)
class ReferralRow:
    """A stored referral: who suggested meeting whom, and what followed."""

    id: int
    referrer_id: int
    referred_id: int
    note: str | None
    created_at: datetime
    followed_up_at: datetime | None  # as stored (imports, the demo)
    thanked_at: datetime | None  # as stored: imports, `kith refer --thanked`


REFERRAL_COLUMNS = "id, referrer_id, referred_id, note, created_at, followed_up_at, thanked_at"


class ReferralRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    # the want-to-meet list -----------------------------------------------------------------

    def want(self, person_id: int, why: str | None, now: str) -> bool:
        """Put someone on the list; False (and nothing changed) if they were on it."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO want (person_id, why, created_at) VALUES (?, ?, ?)",
            (person_id, why, now),
        )
        return cursor.rowcount > 0

    def set_why(self, person_id: int, why: str) -> None:
        self.db.execute("UPDATE want SET why = ? WHERE person_id = ?", (why, person_id))

    def wanted(self, person_id: int) -> WantRow | None:
        row = self.db.execute(
            "SELECT person_id, why, created_at, met_at FROM want WHERE person_id = ?",
            (person_id,),
        ).fetchone()
        return _want(row) if row else None

    def wants(self) -> list[WantRow]:
        """The whole list, oldest wish first."""
        rows = self.db.execute(
            "SELECT person_id, why, created_at, met_at FROM want ORDER BY created_at, person_id"
        )
        return [_want(row) for row in rows]

    # referrals -----------------------------------------------------------------------------

    def get(self, referral_id: int) -> ReferralRow | None:
        row = self.db.execute(
            f"SELECT {REFERRAL_COLUMNS} FROM referral WHERE id = ?", (referral_id,)
        ).fetchone()
        return _referral(row) if row else None

    def all(self) -> list[ReferralRow]:
        """Every referral, oldest first."""
        rows = self.db.execute(f"SELECT {REFERRAL_COLUMNS} FROM referral ORDER BY created_at, id")
        return [_referral(row) for row in rows]

    def between(self, referrer_id: int, referred_id: int) -> list[ReferralRow]:
        """Referrals in which this referrer suggested this person, oldest first."""
        rows = self.db.execute(
            f"SELECT {REFERRAL_COLUMNS} FROM referral WHERE referrer_id = ? AND referred_id = ? "
            "ORDER BY created_at, id",
            (referrer_id, referred_id),
        )
        return [_referral(row) for row in rows]

    def referrers_of(self, person_ids: Sequence[int]) -> dict[int, list[int]]:
        """Who suggested meeting each of these people, earliest suggestion first."""
        found: dict[int, list[int]] = {}
        for chunk in chunks(list(person_ids)):
            rows = self.db.execute(
                "SELECT referred_id, referrer_id FROM referral "
                f"WHERE referred_id IN ({placeholders(len(chunk))}) ORDER BY created_at, id",
                chunk,
            )
            for referred, referrer in rows:
                found.setdefault(int(referred), []).append(int(referrer))
        return found

    def set_note(self, referral_id: int, note: str) -> None:
        self.db.execute("UPDATE referral SET note = ? WHERE id = ?", (note, referral_id))

    def set_thanked(self, referral_id: int, at: str) -> None:
        self.db.execute("UPDATE referral SET thanked_at = ? WHERE id = ?", (at, referral_id))

    # the log, as these lists need it -------------------------------------------------------

    def first_contact_since(
        self, person_id: int, since: str, kind: str | None = None
    ) -> datetime | None:
        """The earliest interaction with this person at or after `since` (of `kind`, if given)."""
        row = self.db.execute(
            "SELECT min(i.at) FROM participant p JOIN interaction i ON i.id = p.interaction_id "
            "WHERE p.person_id = ? AND i.at >= ? AND (? IS NULL OR i.kind = ?)",
            (person_id, since, kind, kind),
        ).fetchone()
        return instant(row[0])


def _want(row: Any) -> WantRow:
    return WantRow(int(row[0]), row[1], from_utc_text(row[2]), instant(row[3]))


def _referral(row: Any) -> ReferralRow:
    return ReferralRow(
        id=int(row[0]),
        referrer_id=int(row[1]),
        referred_id=int(row[2]),
        note=row[3],
        created_at=from_utc_text(row[4]),
        followed_up_at=instant(row[5]),
        thanked_at=instant(row[6]),
    )
