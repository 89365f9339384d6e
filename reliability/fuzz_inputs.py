"""What the importers are fuzzed with: Hypothesis strategies over real files.

Seeds are the files other software wrote (../shared/corpus and tests/fixtures, each cut to
SEED_BYTES). A strategy either mutates a seed's bytes (flips, cuts, repeats, splices, tokens
that broke readers before: NUL, a lone surrogate's bytes, a stray BOM, huge numbers), puts
Hypothesis's text in place of a line's values (the structure kept, the values anything), or, for
JSON, replaces leaves with any JSON value (a string where a list was, a number past any date).
Zips are built from a seed folder's members, one or more of them mutated, or have their own
bytes mutated.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED_BYTES = 24 * 1024
# an input's size at most: long enough for every structure, short enough that its time says
# whether a reader hangs (how time grows with size is bench/importer_scaling.py's measure)
MAX_INPUT = 256 * 1024
TOKENS = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    b"\xc3",
    b"\r",
    b"\n\n",
    b"\\",
    b'"',
    b"'",
    b";",
    b":",
    b",",
    b"=",
    b"{",
    b"}",
    b"[",
    b"]",
    b"<",
    b">",
    b"&#0;",
    b"99999999999999999999",
    b"-1",
    b"0",
    b"1e308",
    b"NaN",
    b"9999-12-31T23:59:59Z",
    b"0000-00-00",
    b"19000101T000000",
    b"CHARSET=\x00;",
    b"ENCODING=QUOTED-PRINTABLE:",
    b"=\r\n",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"RRULE:FREQ=DAILY;COUNT=99999999\r\n",
    b"From \n",
    b"=?utf-8?b?====?=",
    b"=?x-unknown?q?a?=",
    b"\xe2\x80\x8f",
    b"+99999999999999999999",
)


@dataclass(frozen=True)
class Target:
    """An importer to fuzz: the kind to read as (None: recognised by content, as `kith import`
    does), its seed files, the name the fuzzed file gets, and how inputs are drawn."""

    kind: str | None
    seeds: tuple[Path, ...]
    name: str
    inputs: Callable[[tuple[bytes, ...]], st.SearchStrategy[bytes]]
    me: tuple[str, ...] = ("me@example.org",)


def seed_files(*globs: str) -> tuple[Path, ...]:
    found: list[Path] = []
    for pattern in globs:
        base, _, rest = pattern.partition(":")
        folder = {"fixtures": FIXTURES, "corpus": CORPUS}[base]
        found.extend(p for p in sorted(folder.glob(rest)) if p.is_file())
    return tuple(found)


def _at(fraction: float, length: int) -> int:
    return min(length, int(fraction * (length + 1)))


def mutate(data: bytes, ops: list[tuple[int, float, float, bytes]]) -> bytes:
    """Each op: (what, where, how far, bytes) with where and how far fractions of the length."""
    out = bytearray(data)
    for what, where, far, token in ops:
        start = _at(where, len(out))
        end = min(len(out), start + _at(far, len(out)) // 4 + 1)
        match what % 8:
            case 0:  # flip the bits of a byte
                if out:
                    out[min(start, len(out) - 1)] ^= (token[0] if token else 0) | 1
            case 1:  # cut a span
                del out[start:end]
            case 2:  # repeat a span, up to 64 times
                out[start:start] = out[start:end] * (1 + (token[0] if token else 1) % 64)
            case 3:  # insert bytes
                out[start:start] = token
            case 4:  # replace a span with bytes
                out[start:end] = token
            case 5:  # cut the file short
                del out[start:]
            case 6:  # swap two lines
                lines = bytes(out).split(b"\n")
                i, j = _at(where, len(lines) - 1), _at(far, len(lines) - 1)
                lines[i], lines[j] = lines[j], lines[i]
                out = bytearray(b"\n".join(lines))
            case _:  # repeat a line many times
                lines = bytes(out).split(b"\n")
                i = _at(where, len(lines) - 1)
                lines[i:i] = [lines[i]] * (1 + int(far * 400))
                out = bytearray(b"\n".join(lines))
        del out[MAX_INPUT:]
    return bytes(out)


def ops() -> st.SearchStrategy[list[tuple[int, float, float, bytes]]]:
    token = st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12))
    unit = st.floats(0, 1, allow_nan=False)
    return st.lists(st.tuples(st.integers(0, 7), unit, unit, token), min_size=1, max_size=5)


def lines_with_values(data: bytes, picks: list[tuple[float, str, str]]) -> bytes:
    """Lines whose value (what follows the first `:`, `,` or `>`) is Hypothesis's text."""
    lines = data.split(b"\n")
    for where, text, encoding in picks:
        i = _at(where, len(lines) - 1)
        line = lines[i]
        cut = min((line.find(c) for c in (b":", b",", b">") if line.find(c) >= 0), default=-1)
        value = text.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace")
        lines[i] = line[: cut + 1] + value if cut >= 0 else value
    return b"\n".join(lines)


def json_leaves(data: bytes, picks: list[tuple[float, Any]]) -> bytes:
    """The JSON with some leaves (or whole branches) replaced by any JSON value."""
    try:
        doc = json.loads(data)
    except ValueError:
        return data
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in list(items):
            paths.append((node, key))
            if isinstance(child, dict | list) and len(paths) < 5_000:
                walk(child)

    if isinstance(doc, dict | list):
        walk(doc)
    for where, value in picks:
        if paths:
            parent, key = paths[_at(where, len(paths) - 1)]
            parent[key] = value
    return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "9999-12-31T23:59:59", "2020-02-30", "1", "me", "@", "\x00"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def text_files(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    seed = st.sampled_from(seeds)
    values = st.lists(
        st.tuples(
            st.floats(0, 1, allow_nan=False),
            st.text(max_size=60),
            st.sampled_from(["utf-8", "latin-1", "utf-16"]),
        ),
        min_size=1,
        max_size=4,
    )
    spliced = st.builds(
        lambda a, b, at: a[: _at(at, len(a))] + b[_at(at, len(b)) :],
        seed,
        seed,
        st.floats(0, 1, allow_nan=False),
    )
    return st.one_of(
        st.builds(mutate, seed, ops()),
        st.builds(lines_with_values, seed, values),
        st.builds(mutate, spliced, ops()),
        st.binary(max_size=512),
    )


def json_files(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    unit = st.floats(0, 1, allow_nan=False)
    picks = st.lists(st.tuples(unit, JSON_VALUES), min_size=1, max_size=4)
    return st.one_of(
        st.builds(json_leaves, st.sampled_from(seeds), picks),
        st.builds(json_leaves, st.sampled_from(seeds), picks),
        text_files(seeds),
    )


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_files(seeds: tuple[bytes, ...]) -> st.SearchStrategy[bytes]:
    """Seeds are zips: one with a member mutated (or its values, or a member dropped or added),
    or the zip's own bytes mutated (a bad CRC, a torn deflate stream, a lying header)."""

    def member_changed(seed: bytes, which: float, change: Callable[[bytes], bytes | None]) -> bytes:
        with zipfile.ZipFile(io.BytesIO(seed)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        name = sorted(members)[_at(which, len(members) - 1)]
        changed = change(members[name])
        if changed is None:
            del members[name]
        else:
            members[name] = changed
        return zipped(members)

    seed = st.sampled_from(seeds)
    unit = st.floats(0, 1, allow_nan=False)
    member_ops = st.one_of(
        ops().map(lambda o: lambda data: mutate(data, o)),
        st.lists(
            st.tuples(unit, st.text(max_size=40), st.just("utf-8")), min_size=1, max_size=3
        ).map(lambda picks: lambda data: lines_with_values(data, picks)),
        st.just(lambda data: None),
    )
    return st.one_of(
        st.builds(member_changed, seed, unit, member_ops),
        st.builds(member_changed, seed, unit, member_ops),
        st.builds(mutate, seed, ops()),
    )
