"""Normalising identities: e-mail, phone (E.164), LinkedIn and web URLs, handles.

`normalise(kind, raw, default_region)` returns the stored value and whether it is verified; a phone
that cannot be read as a number is kept raw and marked unverified, unless `strict` (what a person
types on the command line), which refuses a phone that is plainly not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from kith.errors import UserError

ROLE_MAILBOXES = frozenset(
    {
        "info",
        "office",
        "team",
        "contact",
        "hello",
        "admin",
        "support",
        "sales",
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "mail",
        "enquiries",
        "help",
        "billing",
    }
)
# compiled at their first use (re's cache), not by every command at import
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_LINKEDIN = r"(?i)^(?:[a-z]+\.)?linkedin\.com/(in|pub|company)/([^/?#]+)"


@dataclass(frozen=True)
class Normalised:
    """An identity's value as stored, and whether it could be read as its kind."""

    value: str
    verified: bool = True


def guess_kind(text: str) -> str | None:
    """Which identity kind a name argument looks like, if any (for name resolution)."""
    stripped = text.strip()
    if "@" in stripped and re.match(_EMAIL, stripped):
        return "email"
    if "linkedin.com/" in stripped.lower():
        return "linkedin"
    if any(map(str.isalpha, stripped)):  # never a phone's: a name compiles no pattern
        return None
    digits = re.sub(r"[\s().\-/]", "", stripped)
    if re.fullmatch(r"\+?\d{6,15}", digits):
        return "phone"
    return None


def normalise(
    kind: str, raw: str, default_region: str | None = None, *, strict: bool = False
) -> Normalised:
    text = raw.strip()
    if not text:
        raise UserError(f"An empty {kind} cannot be stored.")
    if kind == "email":
        return Normalised(email(text))
    if kind == "phone":
        return phone(text, default_region, strict=strict)
    if kind == "linkedin":
        return Normalised(linkedin(text))
    if kind == "url":
        return Normalised(url(text))
    handle = text.lstrip("@").lower()
    if not handle:
        raise UserError(f"The {kind} {raw!r} has nothing after the @; give the name itself.")
    return Normalised(handle)


def email(text: str) -> str:
    value = text.strip().removeprefix("mailto:").lower()
    if not re.match(_EMAIL, value):
        raise UserError(f"{text!r} is not an e-mail address (expected name@example.org).")
    return value


def is_role_address(value: str) -> bool:
    return value.split("@", 1)[0] in ROLE_MAILBOXES


def phone(text: str, default_region: str | None, *, strict: bool = False) -> Normalised:
    """E.164 when the number can be read; else the digits, unverified. `strict` refuses text
    with fewer than three digits, or that cannot be parsed although its country is known."""
    import phonenumbers  # heavy: loaded only when a phone number is read

    region = default_region.upper() if default_region else None
    country_known = region is not None or text.startswith(("+", "00"))
    if strict and len(re.findall(r"\d", text)) < 3:
        raise _not_a_phone(text, offer_region=not country_known)
    if not country_known:
        return Normalised(_digits_only(text), verified=False)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        if strict:
            raise _not_a_phone(text, offer_region=False) from None
        return Normalised(_digits_only(text), verified=False)
    if not phonenumbers.is_possible_number(number):
        return Normalised(_digits_only(text), verified=False)
    return Normalised(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _not_a_phone(text: str, *, offer_region: bool) -> UserError:
    advice = "write it with its country code, e.g. +44 20 7946 0958"
    if offer_region:
        advice += ", or set `kith config set phone.default_region GB`"
    return UserError(f"{text!r} is not a phone number; {advice}.")


def _digits_only(text: str) -> str:
    kept = re.sub(r"[^\d+]", "", text)
    return kept or text.strip()


def linkedin(text: str) -> str:
    """Canonical profile URL: https://www.linkedin.com/in/<slug> (lower-case, no trailing parts)."""
    bare = re.sub(r"^https?://", "", text.strip(), flags=re.IGNORECASE)
    match = re.match(_LINKEDIN, bare)
    if not match:
        raise UserError(
            f"{text!r} is not a LinkedIn profile URL (expected https://www.linkedin.com/in/NAME)."
        )
    return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2).lower()}"


def url(text: str) -> str:
    value = text.strip()
    scheme, colon, rest = value.partition(":")
    named = rest.startswith("//") or (scheme.isalpha() and not rest[:1].isdigit())  # not host:port
    if colon and named and scheme.lower() not in ("http", "https"):
        raise UserError(f"{text!r} is not a web address; give one starting with https://.")
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = urlsplit("")
    if not parts.netloc or any(ch.isspace() for ch in parts.netloc):
        raise UserError(f"{text!r} is not a web address (expected example.org/page).")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"
