"""Shared steps for writing a person's card: identities (with the one-owner rule) and jobs."""

from __future__ import annotations

from datetime import datetime

from kith.errors import UserError
from kith.identities import is_role_address, normalise
from kith.model import Identity, Job
from kith.store import Store

SHARED_LABELS = frozenset({"main", "switchboard", "fax", "work fax", "home fax", "company main"})


def identity_from(
    store: Store,
    kind: str,
    raw: str,
    label: str | None = None,
    shared: bool | None = None,
    *,
    strict: bool = True,
) -> Identity:
    """Normalise `raw` as an identity of `kind`; role addresses and switchboards are shared.

    `strict` (typed on the command line) refuses a phone that is not a number; imports pass
    False to keep it raw and flagged."""
    region = store.meta.setting("phone.default_region")
    result = normalise(kind, raw, region, strict=strict)
    if shared is None:
        shared = (kind == "email" and is_role_address(result.value)) or (
            kind == "phone" and (label or "").lower() in SHARED_LABELS
        )
    return Identity(kind, result.value, raw.strip(), label, shared, result.verified)


def attach_identity(store: Store, person_id: int, identity: Identity) -> bool:
    """Give `identity` to the person; False if they already have it. Refuses another's."""
    owners = store.people.ids_for_identity(identity.kind, identity.value)
    if person_id in owners:
        return False
    exclusive = store.people.cards.owners_of(identity.kind, identity.value)
    if exclusive and not identity.shared:
        other = store.people.refs(exclusive)[exclusive[0]]
        raise UserError(
            f"The {identity.kind} {identity.value} already belongs to {other.name} (#{other.id}); "
            f'remove it there first (`kith edit "{other.name}" --remove-{identity.kind} '
            f"{identity.value}`), or `kith merge` the two if they are one person."
        )
    store.people.cards.add_identity(person_id, identity)
    return True


def change_company(
    store: Store,
    person_id: int,
    jobs: list[Job],
    company: str | None,
    title: str | None,
    now: datetime,
) -> None:
    """A new company or title ends the current job and starts another, keeping history."""
    current = next((job for job in jobs if job.end is None), None)
    if company == "":  # cleared: the current job ends and none follows
        if title:
            raise UserError("A title needs a company; give --company too.")
        if current is not None:
            store.people.cards.end_current_jobs(person_id, now.date().isoformat())
        return
    new_company = company if company is not None else (current.organisation if current else None)
    new_title = title if title is not None else (current.title if current else None)
    if new_company is None:
        if title is not None:
            raise UserError("A title needs a company; give --company too.")
        return
    if current and current.organisation == new_company and current.title == new_title:
        return
    today = now.date().isoformat()
    if current is not None:
        store.people.cards.end_current_jobs(person_id, today)
    start = today if current is not None else None
    store.people.cards.add_job(person_id, Job(new_company, new_title or None, start))
