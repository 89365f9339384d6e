"""Whole columns read as one row (group_concat) and turned into arrays by numpy: no Python
object and no sqlite3 step per row (each costs the connection's mutex and a GIL handoff).
Every way here is exact or declines (None), and the caller then reads row by row.

- Integers pass as text exactly.
- UTC instants of the fixed form YYYY-MM-DDTHH:MM:SSZ (or days YYYY-MM-DD), laid end to end,
  are worked out as SQLite's unixepoch() does, after checking each one has that form.
- A REAL x passes as one integer, x scaled by a power of two into [2⁵², 2⁶²) (so exactly an
  integer) in one of four bands told apart by where the integer falls (`banded`); 0 as 0.
  Every step is exact for 2⁻²⁴ ≤ x < 2¹⁶; any other value (negative, smaller, larger, not a
  number) is NULL, which group_concat leaves out, and the count declines the column.
  (Through text a REAL is not exact; as two integers, or with log2, it costs more than rows.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kith.relate.network import Floats, Ints

# Each band's scale (2^k) and where its integers fall: x in [64, 2¹⁶) as x·2⁴⁶ in (0, 2⁶²);
# [2⁻⁴, 64) as −x·2⁵⁶ in (−2⁶², 0); [2⁻¹⁴, 2⁻⁴) as 2⁶² + x·2⁶⁶ (up); [2⁻²⁴, 2⁻¹⁴) as
# −2⁶² − x·2⁷⁶ (down). The SQL holds only integers (SQLite reads them exactly; a scale past
# 2⁶² as a product of two) and compares x scaled by a power of two with 1 (no decimal fraction).
BANDS = ((46, "positive"), (56, "negative"), (66, "up"), (76, "down"))
INSTANT_WIDTH = 20  # YYYY-MM-DDTHH:MM:SSZ
DAY_WIDTH = 10  # YYYY-MM-DD


def banded(column: str) -> str:
    """A group_concat of `column`'s REALs as integers (see the module's docstring)."""

    def scaled(k: int) -> str:
        return f"{column} * {2**k}" if k <= 62 else f"{column} * {2**56} * {2 ** (k - 56)}"

    a, b, c, d = (f"CAST({scaled(k)} AS INTEGER)" for k, _ in BANDS)
    return (
        f"group_concat(CASE WHEN {column} * 16 >= 1.0 THEN CASE"
        f" WHEN {column} < 64.0 THEN -{b} WHEN {column} < 65536.0 THEN {a} END"
        f" WHEN {column} * 16777216 >= 1.0 THEN CASE"
        f" WHEN {column} * 16384 >= 1.0 THEN {2**62} + {c} ELSE -{2**62} - {d} END"
        f" WHEN {column} = 0.0 THEN 0 END)"
    )


def integers(text: str | None, n: int) -> Ints | None:
    """n integers as group_concat joined them; None unless there are exactly n."""
    import numpy as np

    found = np.fromstring(text, dtype=np.int64, sep=",") if text else np.zeros(0, np.int64)
    return found if len(found) == n else None


def unbanded(text: str | None, n: int) -> Floats | None:
    """n REALs from `banded`'s integers; None unless there are n (a value out of the bands is
    left out)."""
    import numpy as np

    found = integers(text, n)
    if found is None:
        return None
    values = np.zeros(n)
    top = 1 << 62
    for scale, where in BANDS:  # which band each integer is in, by where it falls
        if where == "positive":
            band, m = (found > 0) & (found < top), found
        elif where == "negative":
            band, m = (found < 0) & (found > -top), -found
        elif where == "up":
            band, m = found >= top, found - top
        else:
            band, m = found <= -top, -top - found
        values[band] = np.ldexp(m[band].astype(np.float64), -scale)
    return values


def utc_seconds(text: bytes | None, n: int, width: int) -> Ints | None:
    """Seconds since the epoch of n UTC instants (`width` 20) or days (`width` 10, at midnight)
    laid end to end, as SQLite's unixepoch() reads them; None unless each one is of exactly
    that form and a real date and time (anything else is SQLite's to read)."""
    import numpy as np

    if n == 0:
        return np.zeros(0, np.int64)
    if text is None or len(text) != n * width or width not in (INSTANT_WIDTH, DAY_WIDTH):
        return None
    chars = np.frombuffer(text, np.uint8).reshape(n, width)
    form = "0000-00-00T00:00:00Z"[:width]
    for k, mark in enumerate(form):  # a column at a time: no copy of the whole matrix
        if mark == "0" and (chars[:, k] - np.uint8(ord("0")) > 9).any():  # wraps below "0"
            return None
        if mark != "0" and (chars[:, k] != ord(mark)).any():
            return None

    def number(start: int, size: int) -> Ints:
        found = np.zeros(n, np.int64)
        for k in range(start, start + size):
            found = found * 10 + (chars[:, k] - ord("0"))
        return found

    year, month, day = number(0, 4), number(5, 2), number(8, 2)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    lengths = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    if ((year < 1000) | (month < 1) | (month > 12) | (day < 1)).any():
        return None
    if (day > lengths[month] + (leap & (month == 2))).any():
        return None
    seconds = _days_from_civil(year, month, day) * 86_400
    if width == INSTANT_WIDTH:
        hour, minute, second = number(11, 2), number(14, 2), number(17, 2)
        if ((hour > 23) | (minute > 59) | (second > 59)).any():
            return None
        seconds += hour * 3_600 + minute * 60 + second
    return seconds


def _days_from_civil(year: Ints, month: Ints, day: Ints) -> Ints:
    """Days since 1970-01-01 of proleptic Gregorian dates (years from 1000 on)."""
    import numpy as np

    y = year - (month <= 2)
    era = y // 400
    of_era = y - era * 400
    of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    of_era_days = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    return np.asarray(era * 146_097 + of_era_days - 719_468, np.int64)
