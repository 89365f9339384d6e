"""The parts of a person's card: identities, tags, interests/needs/offers, notes, jobs,
addresses, what they are working on, and typed relationships."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from kith.model import Address, Identity, Job, Note, Person, PersonRef, WorkingOn
from kith.names import fold
from kith.store.rows import TAGS_SQL, chunks, column, day, instant, placeholders


class CardReader:
    """Reads and writes the card parts; `fill` loads them for many people at once."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    # reading ----------------------------------------------------------------------------------

    def fill(self, people: list[Person], *, detail: bool) -> None:
        if not people:
            return
        by_id = {p.id: p for p in people}
        ids = list(by_id)
        for chunk in chunks(ids):
            marks = placeholders(len(chunk))
            for r in self.db.execute(
                "SELECT person_id, kind, value, raw, label, shared, verified FROM identity "
                f"WHERE person_id IN ({marks}) ORDER BY person_id, position, id",
                chunk,
            ):
                by_id[r[0]].identities.append(
                    Identity(r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]))
                )
            for r in self.db.execute(TAGS_SQL.format(marks), chunk):
                by_id[r[0]].tags.append(r[1])
            for r in self.db.execute(
                "SELECT e.person_id, o.name, e.title, e.start_day, e.end_day, o.domain "
                "FROM employment e JOIN organisation o ON o.id = e.organisation_id "
                f"WHERE e.person_id IN ({marks}) ORDER BY e.person_id, e.position, e.id",
                chunk,
            ):
                by_id[r[0]].jobs.append(Job(r[1], r[2], r[3], r[4], r[5]))
            if detail:
                self._fill_detail(by_id, chunk)
        for person in people:
            person.tags.sort(key=str.casefold)  # as lists show them (PersonRepo.heads)

    def _fill_detail(self, by_id: dict[int, Person], chunk: list[int]) -> None:
        marks = placeholders(len(chunk))
        for r in self.db.execute(
            f"SELECT person_id, kind, text FROM facet WHERE person_id IN ({marks}) "
            "ORDER BY person_id, id",
            chunk,
        ):
            {
                "interest": by_id[r[0]].interests,
                "need": by_id[r[0]].needs,
                "offer": by_id[r[0]].offers,
            }[r[1]].append(r[2])
        for r in self.db.execute(
            "SELECT person_id, label, street, city, region, postcode, country FROM address "
            f"WHERE person_id IN ({marks}) ORDER BY person_id, id",
            chunk,
        ):
            by_id[r[0]].addresses.append(Address(*r[1:]))
        for r in self.db.execute(
            f"SELECT person_id, text, as_of FROM working_on WHERE person_id IN ({marks}) "
            "ORDER BY person_id, as_of DESC, id DESC",
            chunk,
        ):
            as_of = day(r[2])
            assert as_of is not None
            by_id[r[0]].working_on.append(WorkingOn(r[1], as_of))
        for r in self.db.execute(
            f"SELECT person_id, id, kind, text, created_at FROM note WHERE person_id IN ({marks}) "
            "ORDER BY person_id, created_at, id",
            chunk,
        ):
            created = instant(r[4])
            assert created is not None
            by_id[r[0]].notes.append(Note(r[1], r[2], r[3], created))
        for r in self.db.execute(
            "SELECT person_id, uid FROM person_uid_alias "
            f"WHERE person_id IN ({marks}) ORDER BY uid",
            chunk,
        ):
            by_id[r[0]].uid_aliases.append(r[1])
        related = column(  # most people have none: one query finds those who have
            self.db,
            f"SELECT a_id FROM relationship WHERE a_id IN ({marks}) "
            f"UNION SELECT b_id FROM relationship WHERE b_id IN ({marks})",
            (*chunk, *chunk),
        )
        for person_id in related:
            by_id[person_id].relationships = self.relationships_of(person_id)

    def relationships_of(self, person_id: int) -> list[tuple[str, PersonRef]]:
        """(how the other is related to this person, the other): `b is a's parent` → parent."""
        rows = self.db.execute(
            "SELECT r.type, 'of', p.id, p.uid, p.display_name FROM relationship r "
            "JOIN person p ON p.id = r.a_id WHERE r.b_id = ? "
            "UNION ALL SELECT r.type, 'to', p.id, p.uid, p.display_name FROM relationship r "
            "JOIN person p ON p.id = r.b_id WHERE r.a_id = ? ORDER BY 5",
            (person_id, person_id),
        )
        found = []
        for type_, side, other_id, uid, name in rows:
            found.append((type_ if side == "of" else f"~{type_}", PersonRef(other_id, uid, name)))
        return found

    # writing ----------------------------------------------------------------------------------

    def add_identity(self, person_id: int, identity: Identity) -> None:
        position = self.db.execute(
            "SELECT count(*) FROM identity WHERE person_id = ?", (person_id,)
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO identity (person_id, kind, value, raw, label, shared, verified, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                identity.kind,
                identity.value,
                identity.raw,
                identity.label,
                int(identity.shared),
                int(identity.verified),
                position,
            ),
        )

    def remove_identity(self, person_id: int, kind: str, value: str) -> int:
        cursor = self.db.execute(
            "DELETE FROM identity WHERE person_id = ? AND kind = ? AND value = ?",
            (person_id, kind, value),
        )
        return cursor.rowcount

    def owners_of(self, kind: str, value: str) -> list[int]:
        return column(
            self.db,
            "SELECT person_id FROM identity WHERE kind = ? AND value = ? AND shared = 0",
            (kind, value),
        )

    def add_tags(self, person_id: int, tags: Iterable[str]) -> None:
        for tag in tags:
            self.db.execute(
                "INSERT INTO tag (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (tag,)
            )
            self.db.execute(
                "INSERT OR IGNORE INTO person_tag (person_id, tag_id) "
                "SELECT ?, id FROM tag WHERE name = ?",
                (person_id, tag),
            )

    def remove_tags(self, person_id: int, tags: Iterable[str]) -> None:
        for tag in tags:
            self.db.execute(
                "DELETE FROM person_tag WHERE person_id = ? "
                "AND tag_id = (SELECT id FROM tag WHERE name = ?)",
                (person_id, tag),
            )

    def add_facet(self, person_id: int, kind: str, text: str, now: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO facet (person_id, kind, text, created_at) VALUES (?, ?, ?, ?)",
            (person_id, kind, text, now),
        )

    def remove_facet(self, person_id: int, kind: str, text: str) -> None:
        self.db.execute(
            "DELETE FROM facet WHERE person_id = ? AND kind = ? AND text = ?",
            (person_id, kind, text),
        )

    def add_note(self, person_id: int, kind: str, text: str, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO note (person_id, kind, text, created_at) VALUES (?, ?, ?, ?)",
            (person_id, kind, text, now),
        )
        return int(cursor.lastrowid or 0)

    def add_address(self, person_id: int, address: Address) -> None:
        self.db.execute(
            "INSERT INTO address (person_id, label, street, city, region, postcode, country) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                address.label,
                address.street,
                address.city,
                address.region,
                address.postcode,
                address.country,
            ),
        )

    def clear_addresses(self, person_id: int) -> None:
        self.db.execute("DELETE FROM address WHERE person_id = ?", (person_id,))

    def add_working_on(self, person_id: int, text: str, as_of: str) -> None:
        self.db.execute(
            "INSERT INTO working_on (person_id, text, as_of) VALUES (?, ?, ?)",
            (person_id, text, as_of),
        )

    def has_organisation(self, name: str, domain: str | None = None) -> bool:
        """Whether the organisation is there (with a domain already, when one is given)."""
        row = self.db.execute(
            "SELECT domain FROM organisation WHERE norm = ?", (organisation_key(name),)
        ).fetchone()
        return row is not None and (domain is None or row[0] is not None)

    def organisation_id(self, name: str, domain: str | None = None) -> int:
        norm = organisation_key(name)
        self.db.execute(
            "INSERT INTO organisation (name, norm, domain) VALUES (?, ?, ?) "
            "ON CONFLICT (norm) DO UPDATE SET domain = coalesce(organisation.domain, "
            "excluded.domain)",
            (name, norm, domain),
        )
        row = self.db.execute("SELECT id FROM organisation WHERE norm = ?", (norm,)).fetchone()
        return int(row[0])

    def add_job(self, person_id: int, job: Job) -> None:
        organisation = self.organisation_id(job.organisation, job.domain)
        position = self.db.execute(
            "SELECT count(*) FROM employment WHERE person_id = ?", (person_id,)
        ).fetchone()[0]
        self.db.execute(
            "INSERT INTO employment (person_id, organisation_id, title, start_day, end_day, "
            "position) VALUES (?, ?, ?, ?, ?, ?)",
            (person_id, organisation, job.title, job.start, job.end, position),
        )

    def end_current_jobs(self, person_id: int, end: str) -> None:
        self.db.execute(
            "UPDATE employment SET end_day = ? WHERE person_id = ? AND end_day IS NULL",
            (end, person_id),
        )

    def add_uid_alias(self, person_id: int, uid: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO person_uid_alias (uid, person_id) VALUES (?, ?)",
            (uid, person_id),
        )


LEGAL_SUFFIXES = (
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "ag",
    "sa",
    "bv",
    "plc",
    "aps",
    "co",
    "co.",
    "corp",
    "corp.",
    "limited",
    "corporation",
)


def organisation_key(name: str) -> str:
    """`Analytical Engines, Ltd.` → `analytical engines`: one organisation however it is spelled."""
    words = fold(name).replace(",", " ").split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)
