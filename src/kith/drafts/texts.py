"""Where draft templates come from: the user's copy in Kith's data folder, made from the shipped
default the first time a kind is used, so the user can edit it.

A copy the user never edited of an earlier version's default is replaced by the current default
when it is next read (as a package manager updates an unchanged configuration file); an edited
copy is the user's and keeps working (its old placeholders are read as their safe successors,
see `render.ALIASES`), and `template_states` says it is out of date.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kith.drafts.render import ALIASES, INTRO_KINDS, KINDS, DraftContext, render
from kith.errors import UserError

DIR_MODE = 0o700
FILE_MODE = 0o600
VERSION_MARK = "# Kith draft template, version 2"
# The first 16 hex digits of the SHA-256 of every earlier shipped default, by kind (the two
# versions before version 2, from the project's history; the reply's before $received).
EARLIER_DEFAULTS = {
    "ask": frozenset({"3eb5541d49fa14fe", "7d5ca0d980e21afd"}),
    # before "Good to talk today." after an exchange that day
    # ... and before "Good to see you yesterday." after a meeting or a call the day before
    "checkin": frozenset(
        {"b51694ce05f5fea9", "d807399f3f1ac2f5", "d50b3ef4a17d045d", "80cdaa52a03cded2"}
    ),
    "claim": frozenset({"e0e285a224dd8c56", "ad0dbe3080902eca"}),
    # before the line that makes answering easy
    "reconnect": frozenset({"75e448cb7a08d611", "efb499cd2332f386", "9ce6ecc4c0036a47"}),
    # before it said whether the article matched an interest or their work
    "share": frozenset({"2580b46ec4401dd0", "4b0eb7ea74977c20", "c37ab1d9bf2d7af9"}),
    "thanks": frozenset({"5eb8a0c56f8be545", "6ed86a059a0689f4"}),
    # before $favour ("help each other" said of a one-way favour too)
    "intro_ask_a": frozenset({"e2957bee55801237"}),
    "intro_ask_b": frozenset({"7efb606d77288f03"}),
    # before $received (a call is not a message); before it named every channel; before the
    # birthday wish in its week; before $their_subject ("Re: your e-mail")
    "reply": frozenset(
        {"a0041e97bba58bea", "d0ac54dcba8bb181", "845c337b6d75a702", "e9467a80875bee77"}
    ),
}


@dataclass(frozen=True)
class TemplateState:
    """One kind's template in the user's folder, as `kith draft --templates` shows it."""

    kind: str
    path: Path
    state: str  # default, edited, out of date, earlier default, not copied yet
    detail: str


def shipped(kind: str) -> str:
    """The default template for `kind`, as packaged with Kith."""
    if kind not in KINDS and kind not in INTRO_KINDS:
        raise UserError(f"Unknown draft kind {kind!r}; choose one of {', '.join(KINDS)}.")
    return (resources.files("kith.drafts") / "templates" / f"{kind}.txt").read_text("utf-8")


def template_path(folder: Path, kind: str) -> Path:
    return folder / f"{kind}.txt"


def user_template(folder: Path, kind: str) -> str:
    """The user's template in `folder`, copied from the default first if it is not there yet,
    and brought up to date if it is an unedited earlier default."""
    path = template_path(folder, kind)
    if not path.exists():
        try:
            _write_default(path, shipped(kind))
        except FileExistsError:
            pass  # another Kith wrote it a moment ago: read theirs
        except OSError:
            return shipped(kind)  # a read-only data folder: the draft still works, uncopied
    text = _read(path)
    if _digest(text) in EARLIER_DEFAULTS.get(kind, ()):
        return _updated(path, kind)
    return text


def template_states(folder: Path) -> list[TemplateState]:
    """Every kind's template: where it is and whether it is the default, edited or old."""
    return [_state(folder, kind) for kind in (*KINDS, *INTRO_KINDS)]


def _state(folder: Path, kind: str) -> TemplateState:
    path = template_path(folder, kind)
    if not path.exists():
        return TemplateState(kind, path, "not copied yet", "the default is used until then")
    try:
        text = _read(path)
        render(text, DraftContext(first_name="Ada"), f"{kind} template")
    except UserError as error:
        return TemplateState(kind, path, "broken", f"{error} Drafts of this kind fail until then")
    if text == shipped(kind):
        return TemplateState(kind, path, "default", "as shipped")
    if _digest(text) in EARLIER_DEFAULTS.get(kind, ()):
        return TemplateState(kind, path, "earlier default", "never edited: updated on next use")
    if any(f"${old}" in text for old in ALIASES):
        return TemplateState(
            kind,
            path,
            "out of date",
            "edited from an earlier Kith; it still works ($last_topic now says the topic you "
            "give with --topic, $how_met what you gave to `kith met --about`); to start again "
            "from the new default, move it away and draft once",
        )
    return TemplateState(kind, path, "edited", "yours")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            f"Could not read the draft template {path} ({exc}); fix or delete it."
        ) from exc


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _updated(path: Path, kind: str) -> str:
    """Replace an unedited earlier default with the current one (atomically, 0600)."""
    text = shipped(kind)
    spare = path.with_name(f".{path.name}.new")
    try:
        spare.unlink(missing_ok=True)
        _write_default(spare, text)
        os.replace(spare, path)
    except OSError:
        pass  # a read-only folder: the current default is used all the same
    return text


def _write_default(path: Path, text: str) -> None:
    """Create the folder (0700) and the file (0600) like every file Kith writes."""
    if not path.parent.exists():
        path.parent.mkdir(mode=DIR_MODE, parents=True)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
