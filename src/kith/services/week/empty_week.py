"""What a week with nobody in it says to a new user. "Every tie is within its cadence. Enjoy the
quiet." was said to an empty address book, and to one of cards imported without any history,
which are never due (a tie falls due only after an interaction): neither true, nor saying what
to do. Every face says the same first steps: `kith plan` and `today` after "Nobody is due this
week: ", and `first_steps` in the plan's JSON (`plan --json`, the API's /plan, MCP's week_plan)
and, in the web's own words (its Import and Quick log pages, not terminal commands), on the
web's week page (`people_without_history`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kith.store import Store

if TYPE_CHECKING:
    from kith.services.week.plan import Week

NO_PEOPLE = (
    "your address book is empty. Add someone (`kith add NAME`) or bring in your contacts, mail "
    "and chats (`kith import FILE`)."
)
NO_HISTORY = (
    "Kith has no interaction yet with {people} in your address book, and a tie falls due "
    "only after one. Log what you do together (`kith log NAME SUMMARY`) or import mail and chats "
    "(`kith import FILE`)."
)


def first_steps(store: Store) -> str | None:
    """What to do first, when nobody can be due for want of people or of any history; None
    once there is both."""
    people = people_without_history(store)
    if people is None:
        return None
    if people == 0:
        return NO_PEOPLE
    return NO_HISTORY.format(people=people_said(people))


def people_without_history(store: Store) -> int | None:
    """How many people the address book holds when there is no interaction at all (0: it is
    empty); None once there is any history (then a week can be due)."""
    if store.interactions.exist():
        return None
    return store.people.count()


def people_said(people: int) -> str:
    """ "the 1 person", "any of the 1,204 people"."""
    return "the 1 person" if people == 1 else f"any of the {people:,} people"


def of_week(store: Store, week: Week) -> str | None:
    """`first_steps` for a week with nobody in it; None for a week with picks (never read)."""
    return None if week.picks else first_steps(store)


def without_history_of_week(store: Store, week: Week) -> int | None:
    """`people_without_history` for a week with nobody in it; None for a week with picks."""
    return None if week.picks else people_without_history(store)
