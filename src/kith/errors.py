"""The exception tree Kith raises; each face maps it to a message and an exit code in one place.

KithError                 exit 1 unless a subclass says otherwise
├── UserError             1  the message says what to do
│   └── DateOrderUnknown  1  a chat's dates read either way: --date-order (a terminal asks)
├── UsageError            2  the command was called wrongly
├── NotFound              3  a name or id matched nothing (carries close names)
├── Ambiguous             4  a name matched several people (carries the candidates)
├── DatabaseRefused       5  newer schema, corrupt file, not a Kith database
└── RecordsSkipped        6  an import finished but skipped some records
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class KithError(Exception):
    """Base of every error Kith reports to a person."""

    exit_code = 1


class UserError(KithError):
    """Something the user can fix; the message says how."""


class DateOrderUnknown(UserError):
    """A chat export whose dates read day-first and month-first alike: `--date-order` says which
    (on a terminal, `kith import` asks instead)."""


class UsageError(KithError):
    """A command was called with arguments that do not fit."""

    exit_code = 2


@dataclass(frozen=True)
class Candidate:
    """A person offered when a name did not resolve to exactly one."""

    id: int
    name: str


class NotFound(KithError):
    """Nothing matched; `suggestions` holds up to five close names."""

    exit_code = 3

    def __init__(self, message: str, suggestions: Sequence[Candidate] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


class SameName(UserError):
    """Someone of that name is known already: adding another needs the user's word (--new)."""

    def __init__(self, message: str, known: Sequence[Candidate]) -> None:
        super().__init__(message)
        self.known = list(known)


class Ambiguous(KithError):
    """Several people matched a name; the caller must choose."""

    exit_code = 4

    def __init__(self, message: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(message)
        self.candidates = list(candidates)


class DatabaseRefused(KithError):
    """The file is not a database Kith may open; it has not been touched."""

    exit_code = 5


class RecordsSkipped(KithError):
    """An import completed but skipped records; `report` lists them."""

    exit_code = 6

    def __init__(self, message: str, report: Sequence[str]) -> None:
        super().__init__(message)
        self.report = list(report)


# How many of an ambiguous name's candidates a message lists: "Mateo" on 30,000 people matched
# 90, a screen and a half (trial 7); `--json` and the API still give them all.
SHOWN_CANDIDATES = 20


def explained(error: KithError) -> str:
    """The message every face shows: with the candidates of an ambiguous name, one a line (the
    first SHOWN_CANDIDATES, then how many more), or the close names of one that matched
    nothing."""
    if isinstance(error, Ambiguous):
        shown = error.candidates[:SHOWN_CANDIDATES]
        more = len(error.candidates) - len(shown)
        rest = [f"  … and {more} more: a fuller name narrows it"] if more else []
        return "\n".join([str(error), *(f"  #{c.id}  {c.name}" for c in shown), *rest])
    if isinstance(error, NotFound) and error.suggestions:
        return f"{error} Did you mean: {', '.join(c.name for c in error.suggestions)}?"
    return str(error)
