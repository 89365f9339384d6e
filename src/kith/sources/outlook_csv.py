"""Outlook CSV: desktop (English, 2003, German), Outlook.com, and Google's "Outlook CSV"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kith.model import Address, Job
from kith.records import Record
from kith.sources.contacts_csv import (
    NO_DATE,
    Cells,
    Draft,
    Row,
    column_key,
    header_of,
    multi,
    read_people,
)

# German Outlook (2013) column → the English desktop column, for all 92 of a real export
GERMAN: dict[str, str] = {
    "Anrede": "Title",
    "Vorname": "First Name",
    "Weitere Vornamen": "Middle Name",
    "Nachname": "Last Name",
    "Suffix": "Suffix",
    "Firma": "Company",
    "Abteilung": "Department",
    "Position": "Job Title",
    "Straße geschäftlich": "Business Street",
    "Straße geschäftlich 2": "Business Street 2",
    "Straße geschäftlich 3": "Business Street 3",
    "Ort geschäftlich": "Business City",
    "Region geschäftlich": "Business State",
    "Postleitzahl geschäftlich": "Business Postal Code",
    "Land/Region geschäftlich": "Business Country/Region",
    "Straße privat": "Home Street",
    "Straße privat 2": "Home Street 2",
    "Straße privat 3": "Home Street 3",
    "Ort privat": "Home City",
    "Bundesland/Kanton privat": "Home State",
    "Postleitzahl privat": "Home Postal Code",
    "Land/Region privat": "Home Country/Region",
    "Weitere Straße": "Other Street",
    "Weitere Straße 2": "Other Street 2",
    "Weitere Straße 3": "Other Street 3",
    "Weiterer Ort": "Other City",
    "Weiteres/r Bundesland/Kanton": "Other State",
    "Weitere Postleitzahl": "Other Postal Code",
    "Weiteres/e Land/Region": "Other Country/Region",
    "Telefon Assistent": "Assistant's Phone",
    "Fax geschäftlich": "Business Fax",
    "Telefon geschäftlich": "Business Phone",
    "Telefon geschäftlich 2": "Business Phone 2",
    "Rückmeldung": "Callback",
    "Autotelefon": "Car Phone",
    "Telefon Firma": "Company Main Phone",
    "Fax privat": "Home Fax",
    "Telefon (privat)": "Home Phone",
    "Telefon (privat 2)": "Home Phone 2",
    "ISDN": "ISDN",
    "Mobiltelefon": "Mobile Phone",
    "Weiteres Fax": "Other Fax",
    "Weiteres Telefon": "Other Phone",
    "Pager": "Pager",
    "Haupttelefon": "Primary Phone",
    "Mobiltelefon 2": "Radio Phone",
    "Telefon für Hörbehinderte": "TTY/TDD Phone",
    "Telex": "Telex",
    "Abrechnungsinformation": "Billing Information",
    "Assistent(in)": "Assistant's Name",
    "Benutzer 1": "User 1",
    "Benutzer 2": "User 2",
    "Benutzer 3": "User 3",
    "Benutzer 4": "User 4",
    "Beruf": "Profession",
    "Büro": "Office Location",
    "E-Mail-Adresse": "E-mail Address",
    "E-Mail-Typ": "E-mail Type",
    "E-Mail: Angezeigter Name": "E-mail Display Name",
    "E-Mail 2: Adresse": "E-mail 2 Address",
    "E-Mail 2: Typ": "E-mail 2 Type",
    "E-Mail 2: Angezeigter Name": "E-mail 2 Display Name",
    "E-Mail 3: Adresse": "E-mail 3 Address",
    "E-Mail 3: Typ": "E-mail 3 Type",
    "E-Mail 3: Angezeigter Name": "E-mail 3 Display Name",
    "Empfohlen von": "Referred By",
    "Geburtstag": "Birthday",
    "Geschlecht": "Gender",
    "Hobby": "Hobby",
    "Initialen": "Initials",
    "Internet Frei/Gebucht": "Internet Free Busy",
    "Jahrestag": "Anniversary",
    "Kategorien": "Categories",
    "Kinder": "Children",
    "Konto": "Account",
    "Name des/r Vorgesetzten": "Manager's Name",
    "Notizen": "Notes",
    "Organisationsnr.": "Organizational ID Number",
    "Ort": "Location",
    "Partner": "Spouse",
    "Postfach geschäftlich": "Business Address PO Box",
    "Postfach privat": "Home Address PO Box",
    "Priorität": "Priority",
    "Privat": "Private",
    "Reisekilometer": "Mileage",
    "Sozialversicherungsnr.": "Government ID Number",
    "Sprache": "Language",
    "Stichwörter": "Keywords",
    "Vertraulichkeit": "Sensitivity",
    "Verzeichnisserver": "Directory Server",
    "Webseite": "Web Page",
    "Weiteres Postfach": "Other Address PO Box",
}
# other English spellings: Outlook 2003 writes `Business Country`, Outlook.com `Surname Yomi`
ALIASES: dict[str, str] = {
    "Business Country": "Business Country/Region",
    "Home Country": "Home Country/Region",
    "Other Country": "Other Country/Region",
}
# column → (label, shared): a switchboard or a fax reaches more people than this one
PHONES: dict[str, tuple[str, bool]] = {
    "mobile phone": ("mobile", False),
    "business phone": ("work", False),
    "business phone 2": ("work", False),
    "home phone": ("home", False),
    "home phone 2": ("home", False),
    "primary phone": ("primary", False),
    "other phone": ("other", False),
    "car phone": ("car", False),
    "radio phone": ("radio", False),
    "pager": ("pager", False),
    "callback": ("callback", False),
    "isdn": ("isdn", False),
    "tty/tdd phone": ("tty", False),
    "telex": ("telex", False),
    "assistant's phone": ("assistant", True),
    "company main phone": ("switchboard", True),
    "business fax": ("work fax", True),
    "home fax": ("home fax", True),
    "other fax": ("fax", True),
}
PLACES = (("business", "work"), ("home", "home"), ("other", "other"))
# cells that only repeat what Outlook writes when nothing was set
DEFAULTS: dict[str, tuple[str, ...]] = {
    "private": ("false", "aus", "falsch"),
    "sensitivity": ("normal",),
    "priority": ("normal",),
    "gender": ("unspecified", "nicht angegeben"),
}
DERIVED = (
    "initials",
    "e-mail type",
    "e-mail 2 type",
    "e-mail 3 type",
    "e-mail display name",
    "e-mail 2 display name",
    "e-mail 3 display name",
)
_SHOWN_AS = re.compile(r"\s*\([^()]*@[^()]*\)$")  # `Ada Lovelace (ada@example.org)`
EMAIL_ONLY = frozenset(  # the columns of an export of addresses alone
    f"e-mail{n} {part}" for n in ("", " 2", " 3") for part in ("address", "type", "display name")
)
SYSTEM_CATEGORIES = frozenset({"mycontacts", "starred"})  # Google's "Outlook CSV" export
_TRANSLATIONS = {column_key(k): column_key(v) for k, v in (*GERMAN.items(), *ALIASES.items())}


def english(name: str) -> str:
    """The key of the English desktop column a (possibly localised) column name stands for."""
    key = column_key(name)
    return _TRANSLATIONS.get(key, key)


def sniff(head: bytes, path: Path) -> bool:
    """A header with Outlook's e-mail and name columns, in any language Kith has a table for, or
    with Outlook's e-mail columns alone (an export of addresses only)."""
    keys = {_TRANSLATIONS.get(key, key) for key in header_of(head)}
    if "e-mail address" not in keys or any(" - " in key for key in keys):
        return False
    return bool({"first name", "last name"} & keys) or keys <= EMAIL_ONLY


def read(path: Path) -> Iterator[Record]:
    """One PersonRecord per row with a name, an e-mail or a phone; Skipped for the others.

    Localised column names are translated to the English desktop ones first (`english`). Phones
    are typed by column; a switchboard, an assistant's phone and faxes are shared. Cells that only
    hold Outlook's defaults (`Normal`, `False`, `0.0.00`) are dropped, other unknown ones kept.
    """
    yield from read_people(path, _draft, english)


def _draft(row: Row, names: dict[str, str]) -> Draft:
    cells, draft = Cells(row, names), Draft(row.where)
    _names(cells, draft)
    _work(cells, draft)
    _emails(cells, draft)
    for column, (label, shared) in PHONES.items():
        if (raw := cells.take(column)) is not None:
            draft.add_phone(raw, label, shared)
    for place, label in PLACES:
        draft.addresses.extend(_address(cells, place, label))
    for column in ("web page", "personal web page"):
        if (page := cells.take(column)) is not None:
            draft.add_web(page, None, names[column])
    _dates(cells, draft)
    draft.tags.extend(_categories(cells.take("categories")))
    draft.interests.extend(multi(cells.take("hobby"), ";"))
    draft.notes.extend(n for n in [cells.take("notes")] if n)
    _forget_defaults(cells)
    draft.extra.extend(cells.leftovers())
    return draft


def _names(cells: Cells, draft: Draft) -> None:
    draft.prefix = cells.take("title")
    draft.given_name = cells.take("first name")
    draft.additional_names = cells.take("middle name")
    draft.family_name = cells.take("last name")
    draft.suffix = cells.take("suffix")
    draft.nickname = cells.take("nickname")
    if not (draft.given_name or draft.family_name):  # addresses alone: the name Outlook shows
        shown = _SHOWN_AS.sub("", cells.left.get("e-mail display name", "")).strip()
        draft.name = draft.name or (shown if shown and "@" not in shown else None)


def _work(cells: Cells, draft: Draft) -> None:
    draft.company = cells.take("company")
    title = cells.take("job title")
    if draft.company:
        draft.jobs.append(Job(draft.company, title))
    elif title:
        draft.extra.append(f"{cells.names['job title']}: {title}")


def _emails(cells: Cells, draft: Draft) -> None:
    for number in ("", " 2", " 3"):
        column = f"e-mail{number} address"
        raw = cells.take(column)
        if raw:
            draft.add_email(raw, None, cells.names[column])


def _address(cells: Cells, place: str, label: str) -> list[Address]:
    lines = [cells.take(f"{place} street{n}") for n in ("", " 2", " 3")]
    lines.append(cells.take(f"{place} address po box"))
    formatted = cells.take(f"{place} address")  # Google's variant: the whole address
    street = ", ".join(" ".join(line.split()) for line in lines if line)
    if not street and formatted:
        street = ", ".join(line.strip() for line in formatted.splitlines() if line.strip())
    address = Address(
        label=label,
        street=street or None,
        city=cells.take(f"{place} city"),
        region=cells.take(f"{place} state"),
        postcode=cells.take(f"{place} postal code"),
        country=cells.take(f"{place} country/region"),
    )
    return [address] if address.one_line() else []


def _dates(cells: Cells, draft: Draft) -> None:
    draft.add_birthday(cells.take("birthday"), cells.names.get("birthday", "Birthday"))
    anniversary = cells.take("anniversary")
    if anniversary and anniversary not in NO_DATE:
        draft.extra.append(f"{cells.names['anniversary']}: {anniversary}")


def _categories(cell: str | None) -> list[str]:
    return [c for c in multi(cell, ";") if c.removeprefix("* ").casefold() not in SYSTEM_CATEGORIES]


def _forget_defaults(cells: Cells) -> None:
    for column, values in DEFAULTS.items():
        cells.drop(column, *values)
    for column in DERIVED:
        cells.drop(column)
