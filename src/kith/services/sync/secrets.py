"""A sync source's password: from the environment or the system keyring, never the database.

The environment wins (`KITH_CARDDAV_PASSWORD`, `KITH_IMAP_PASSWORD`, `KITH_CALENDAR_PASSWORD`),
so a cron job or a headless machine needs no keyring; otherwise the keyring holds it under the
service "kith-<kind>" and the user name. Neither the password nor where it was found is ever
logged or stored.
"""

from __future__ import annotations

import os

from kith.errors import UserError

KEYRING_SERVICE = "kith-{kind}"


def variable(kind: str) -> str:
    """The environment variable that holds `kind`'s password."""
    return f"KITH_{kind.upper()}_PASSWORD"


def password(kind: str, user: str, *, required: bool = True) -> str | None:
    """`kind`'s password for `user`: the environment variable, else the keyring."""
    found = os.environ.get(variable(kind))
    if found:
        return found
    found = _from_keyring(kind, user)
    if found is None and required:
        raise UserError(
            f"No password for {kind} user {user}: set {variable(kind)}, "
            f"or store it in the system keyring (service {KEYRING_SERVICE.format(kind=kind)}, "
            f"user {user})."
        )
    return found


def keyring_note(kind: str) -> str | None:
    """One line for a machine with no usable keyring backend, else None."""
    if _backend_usable():
        return None
    return f"No system keyring here: Kith reads the password from {variable(kind)}."


def _from_keyring(kind: str, user: str) -> str | None:
    if not _backend_usable():
        return None
    import keyring  # lazily: it loads backends at import
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE.format(kind=kind), user)
    except KeyringError:
        return None


def _backend_usable() -> bool:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and backend.priority > 0
