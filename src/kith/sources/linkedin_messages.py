"""LinkedIn messages and invitations as exchanges; the owner as who is in every conversation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kith.names import fold
from kith.records import ExchangeRecord, InteractionRecord, Party, Record, Skipped
from kith.sources.linkedin_csv import Row, Table, moment, one_line, rows, stable_id
from kith.sources.linkedin_people import Directory, Owner, canonical

ORIGIN = "linkedin"
SUMMARY_CHARS = 80
DRAFT_FOLDERS = frozenset({"draft", "drafts"})
DRAFT_COLUMNS = ("is message draft", "is conversation draft")
YES = frozenset({"yes", "true", "1"})
# Sponsored InMail: LinkedIn's campaign editor markup, or a mail-merge field left unfilled.
SPONSORED_MARKS = ("spinmail", "%firstname%", "%lastname%")


@dataclass(frozen=True)
class Parties:
    """Turns the URLs and names a file gives into parties. A name without a URL takes the
    owner's, or that of the one connection or correspondent so named; a party still without a
    profile URL is left out, since the importer could never match it."""

    owner: Owner
    directory: Directory

    def one(self, url: str, name: str, *, is_owner: bool = False) -> Party | None:
        value = canonical(url)
        if value is None and (is_owner or (name and fold(name) == fold(self.owner.name or ""))):
            value = self.owner.url
        if value is None and name:
            value = self.directory.url_for(name)
        return Party("linkedin", value, name or None) if value else None

    def many(self, urls: str, names: str) -> tuple[Party, ...]:
        found = (self.one(url, name) for url, name in _pairs(urls, names))
        return tuple(party for party in found if party is not None)

    def by_name(
        self, record: ExchangeRecord, names: list[str], direction: str, where: str
    ) -> ExchangeRecord | InteractionRecord | Skipped:
        """An exchange naming nobody but the owner, from a file without profile URLs: logged
        with the export's own connections of those full names (an interaction: they are people
        already); a name two connections share is skipped, and `kith merge` offers the pair."""
        if any(p.value != self.owner.url for p in (record.sender, *record.recipients) if p):
            return record
        mine = fold(self.owner.name or "")
        others = [name for name in names if name and fold(name) != mine]
        known = [self.directory.people.get(fold(name), "") for name in others]
        if not others or "" in known:
            return record  # someone is no connection: the importer judges it as it is
        if None in known:
            shared = next(n for n, k in zip(others, known, strict=True) if k is None)
            return Skipped(where, f"two connections are named {shared!r}: see `kith merge`")
        return InteractionRecord(
            source_id=record.source_id,
            at=record.at,
            channel=record.channel,
            direction=direction,
            summary=record.summary,
            participants=tuple(k for k in known if k),
            origin=record.origin,
        )


def _pairs(urls: str, names: str) -> list[tuple[str, str]]:
    """Recipient URLs (comma-joined) with the names in TO (joined with ", "), paired when the
    counts agree; a name holding ", " (`Jane Doe, Ph.D.`) makes them disagree."""
    url_list = [u.strip() for u in urls.split(",") if u.strip()]
    name_list = split_names(names)
    if len(url_list) == len(name_list):
        return list(zip(url_list, name_list, strict=True))
    if len(url_list) == 1:
        return [(url_list[0], names.strip())]
    return [(url, "") for url in url_list] or [("", name) for name in name_list]


def split_names(text: str) -> list[str]:
    return [name.strip() for name in text.split(", ") if name.strip()]


def messages(table: Table, parties: Parties) -> Iterator[Record]:
    """An exchange per message; drafts are left out."""
    for row in rows(table):
        if isinstance(row, Skipped):
            yield row
        elif not is_draft(row):
            yield message(row, table.name, parties)


def is_draft(row: Row) -> bool:
    return row.get("folder").casefold() in DRAFT_FOLDERS or any(
        row.get(column).casefold() in YES for column in DRAFT_COLUMNS
    )


def message(
    row: Row, file_name: str, parties: Parties
) -> ExchangeRecord | InteractionRecord | Skipped:
    try:
        at = moment(row.get("date"))
    except ValueError:
        return Skipped(f"{file_name}:{row.line}", f"DATE {row.get('date')!r} is not a time")
    content = row.cells.get("content", "")
    sender, recipients = _message_parties(row, parties)
    found = ExchangeRecord(
        source_id=stable_id(
            "message",
            row.get("conversation id"),
            at.isoformat(),
            row.get("from"),
            row.get("to"),
            " ".join(content.split())[:200],
        ),
        at=at,
        channel="message",
        summary=one_line(row.get("subject"))
        or one_line(content, SUMMARY_CHARS)
        or "LinkedIn message",
        sender=sender,
        recipients=recipients,
        automated=is_automated(row),
        origin=ORIGIN,
    )
    if found.automated:
        return found
    outgoing = row.get("direction").casefold() == "outgoing"
    names = split_names(row.get("to")) if outgoing else [row.get("from")]
    return parties.by_name(found, names, _way(outgoing), f"{file_name}:{row.line}")


def _message_parties(row: Row, parties: Parties) -> tuple[Party | None, tuple[Party, ...]]:
    sender_name, to = row.get("from"), row.get("to")
    direction = row.get("direction").casefold()  # only the 2018 layout has one, and no URLs
    sender = parties.one(
        row.get("sender profile url"), sender_name, is_owner=direction == "outgoing"
    )
    if direction == "incoming":
        owner = parties.one("", to, is_owner=True)
        return sender, (owner,) if owner else ()
    return sender, parties.many(row.get("recipient profile urls"), to)


def is_automated(row: Row) -> bool:
    """Sponsored InMail, spam, a company page, or LinkedIn itself writing."""
    content = row.cells.get("content", "").casefold()
    sender_url = row.get("sender profile url").casefold()
    sender = fold(row.get("from"))
    return (
        any(mark in content for mark in SPONSORED_MARKS)
        or row.get("folder").casefold() == "spam"
        or "/company/" in sender_url
        or (not sender_url and sender.startswith("linkedin") and sender != "linkedin member")
    )


def invitations(table: Table, parties: Parties) -> Iterator[Record]:
    """An exchange per invitation, sent or received, with its note: where many ties began."""
    for row in rows(table):
        yield row if isinstance(row, Skipped) else invitation(row, table.name, parties)


def invitation(
    row: Row, file_name: str, parties: Parties
) -> ExchangeRecord | InteractionRecord | Skipped:
    try:
        at = moment(row.get("sent at"))
    except ValueError:
        return Skipped(f"{file_name}:{row.line}", f"Sent At {row.get('sent at')!r} is not a time")
    direction = row.get("direction").casefold()
    inviter, invitee = row.get("from"), row.get("to")
    sender = parties.one(row.get("inviterprofileurl"), inviter, is_owner=direction == "outgoing")
    recipient = parties.one(row.get("inviteeprofileurl"), invitee, is_owner=direction == "incoming")
    note = one_line(row.cells.get("message", ""))
    found = ExchangeRecord(
        source_id=stable_id("invitation", inviter, invitee, at.isoformat()),
        at=at,
        channel="social",
        summary=f"LinkedIn invitation: {note}" if note else "LinkedIn invitation",
        sender=sender,
        recipients=(recipient,) if recipient else (),
        origin=ORIGIN,
    )
    outgoing = direction == "outgoing"
    where = f"{file_name}:{row.line}"
    return parties.by_name(found, [invitee if outgoing else inviter], _way(outgoing), where)


def _way(outgoing: bool) -> str:
    return "out" if outgoing else "in"


@dataclass
class Survey:
    """A first pass over messages.csv: who is in every conversation (profile URLs, and names as
    `name:<folded>`), and the name each profile URL goes by."""

    common: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)  # profile URL → name

    def owner(self, known: Owner) -> Owner:
        """The one in every conversation, told apart by the profile's name when a single
        conversation leaves two; by name alone when older files give no recipient URLs."""
        urls = {key for key in self.common if not key.startswith("name:")}
        names = {key.removeprefix("name:") for key in self.common if key.startswith("name:")}
        wanted = fold(known.name) if known.name else (min(names) if len(names) == 1 else None)
        named = {url for url, name in self.names.items() if wanted and fold(name) == wanted}
        candidates = urls & named if len(urls) > 1 else urls or named
        url = min(candidates) if len(candidates) == 1 else None
        return Owner(known.name or (self.names.get(url) if url else None), url or known.url)


def survey(table: Table) -> Survey:
    found = Survey()
    conversations: dict[str, set[str]] = {}
    for row in rows(table):
        if isinstance(row, Row) and not is_draft(row):
            key = row.get("conversation id") or f"line {row.line}"
            conversations.setdefault(key, set()).update(_presence(row, found.names))
    if conversations:
        found.common = set.intersection(*conversations.values())
    return found


def _presence(row: Row, names: dict[str, str]) -> set[str]:
    sender, to = row.get("from"), row.get("to")
    found = {f"name:{fold(name)}" for name in (sender, *split_names(to)) if name}
    pairs = [
        (row.get("sender profile url"), sender),
        *_pairs(row.get("recipient profile urls"), to),
    ]
    for url, name in pairs:
        value = canonical(url)
        if value:
            found.add(value)
            if name:
                names.setdefault(value, name)
    return found
