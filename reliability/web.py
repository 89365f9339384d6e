"""The web app under attack: a real `kith serve` on loopback and a second one bound to every
address (0.0.0.0, so it demands the token), over a real demo database, attacked over real HTTP
(reliability/_http.py): authentication off loopback, CSRF, the payload corpus through every
form and every importer, path traversal in upload names and paths, failed-token rate limiting.

Every route is enumerated from the app itself (kith.web.app.routes), every payload is
tests/test_web_payloads.py's. The database's row hashes (reliability/_kith.state) are taken
once every page has been read and the background work has settled (`settle`: reading this
week's page may write its plan, a write refreshes the stored report), and must be unchanged by
every refused attempt; what was accepted is checked to be exactly what was sent.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import socket
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, urlencode

from starlette.routing import Mount, Route

from kith.services import web_access
from kith.store import open_store
from kith.web.app import STATIC, routes
from kith.web.guard import FAILURES_ALLOWED, WINDOW_VARIABLE
from reliability import Row, count
from reliability._files import CHAT_ME, MAIL_ME, write_all
from reliability._http import FORM, Answer, Serve, Session, multipart, send, wrong_token
from reliability._kith import damage, differing, kith, state
from tests.test_web_payloads import CORPUS, VCARD, assert_inert

TITLE = "The web app under attack"
ORDER = 60
EVIL = "http://evil.example"
JSON = "application/json"
REFUSED = frozenset({401, 403, 429})  # off loopback, without the token
FEED = "/calendar/{token}.ics"
FILL = {"person_id": "{pid}", "action": "done", "staged": "A" * 22, "intro_id": "1"}
FILL |= {"todo_id": "1", "rest": "nothing-here"}
FIELDS: tuple[str, ...] = ()  # every field a page's form reads (each form takes its own)
FIELDS += ("who", "what", "channel", "new", "how_met", "another", "pick", "for", "text", "a", "b")
FIELDS += ("outcome", "why", "name", "company", "title", "tags", "emails", "phones", "birthday")
FIELDS += ("section", "plan.budget", "me.name", "target", "ideal", "max")
QUERY = ("q", "tag", "sort", "format", "kind", "channel", "circle", "layer", "since", "days")
MARKUP = tuple(p for p in CORPUS if "<" in p)  # raw in a page, each would be markup


@dataclass
class Field:
    """The database, its tokens, the two servers and what the rows share."""

    folder: Path
    db: Path
    token: str
    feed: str
    names: list[str]
    pid: int
    other: int
    local: Serve | None = None  # on 127.0.0.1: no token, CSRF and Origin
    wide: Serve | None = None  # on 0.0.0.0: the token
    outside: str | None = None  # this machine's own non-loopback address, if it has one
    baseline: dict[str, str] = field(default_factory=dict)
    sources: Iterator[str] = field(default_factory=lambda: iter(()))

    def lost_if_changed(self, what: str) -> list[str]:
        now = state(self.db)
        changed = differing(self.baseline, now)
        return [f"{what} changed the database: {', '.join(changed)}"] if changed else []


def run(scale: float, seed: int) -> list[Row]:
    window = 2.0 if scale >= 1.0 else 1.0
    with field_of(seed, window) as ground:
        return [
            timed(authentication, ground, scale),
            timed(forgery, ground, scale, seed),
            timed(payloads, ground, scale, seed),
            timed(traversal, ground, scale, seed),
            timed(rate_limit, ground, scale, window),
        ]


def timed(proof: Callable[..., Row], *args: object) -> Row:
    started = time.monotonic()
    row = proof(*args)
    return replace(row, notes=f"{row.notes} ({time.monotonic() - started:.0f} s)")


# --- the field: a demo database, its tokens, two servers ------------------------------------


@contextlib.contextmanager
def field_of(seed: int, window: float) -> Iterator[Field]:
    folder = Path(tempfile.mkdtemp(prefix="kith-web-proof-"))
    try:
        data = folder / "data"
        data.mkdir(mode=0o700)
        for name in ("tmp", "xdg"):
            (folder / name).mkdir(mode=0o700)
        db = data / "kith.db"
        kith(db, "demo", "--seed", str(seed))
        store = open_store(db)
        try:
            token = web_access.issue_token(store)
            feed = web_access.issue_feed_token(store)
        finally:
            store.close()
        names, pid, other = people(db)
        ground = Field(folder, db, token, feed, names, pid, other, sources=addresses())
        env = {"TMPDIR": str(folder / "tmp"), "XDG_DATA_HOME": str(folder / "xdg")}
        env[WINDOW_VARIABLE] = str(window)
        ground.local = Serve(db, "127.0.0.1", env)
        ground.wide = Serve(db, "0.0.0.0", env)
        try:
            ground.local.ready()
            ground.wide.ready()
            ground.outside = own_address()
            yield ground
        finally:
            ground.local.stop()
            ground.wide.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def people(db: Path) -> tuple[list[str], int, int]:
    """Every person's name (none may show in a refused answer) and two people's ids."""
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT id, display_name FROM person ORDER BY id").fetchall()
    finally:
        connection.close()
    return [name for _, name in rows if len(name) >= 4], rows[0][0], rows[1][0]


def addresses() -> Iterator[str]:
    """Loopback addresses to send from, 127.0.1.1 onwards: the limit is per address."""
    for n in range(1, 250 * 250):
        yield f"127.0.{1 + n // 250}.{1 + n % 250}"


def own_address() -> str | None:
    """This machine's address on its network (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            found = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if found.startswith("127.") or found == "0.0.0.0" else found


def endpoints() -> list[tuple[str, str]]:
    """(method, path template) of every route the app has, the API's catch-all included (with
    each method it answers), /static as one of its files; HEAD with GET left out."""
    found: list[tuple[str, str]] = []
    for route in routes():
        if isinstance(route, Mount) and route.path == "/static":
            found.append(("GET", "/static/app.js"))
        elif isinstance(route, Mount):
            for inner in route.routes:
                if isinstance(inner, Route):
                    methods = sorted((inner.methods or set()) - {"HEAD"})
                    found += [(m, route.path + inner.path) for m in methods]
        elif isinstance(route, Route):
            found += [(m, route.path) for m in sorted((route.methods or set()) - {"HEAD"})]
    return found


def concrete(template: str, ground: Field) -> str:
    """The path with each parameter filled: a real person, a staged id of the right shape."""
    fill = FILL | ({"action": "outcome"} if template.startswith("/introductions/") else {})
    filled = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: fill.get(m.group(1), m.group(0)), template)
    return filled.replace("{pid}", str(ground.pid)).replace("{token}", ground.feed)


def writing(method: str) -> bool:
    return method in ("POST", "PUT", "PATCH", "DELETE")


def page_posts(ground: Field) -> list[str]:
    return [concrete(p, ground) for m, p in endpoints() if m == "POST" and not api(p)]


def api(path: str) -> bool:
    return path.startswith("/api/")


def gets(ground: Field) -> list[str]:
    """Every page a browser reads (no API, no feed, no static file)."""
    return [
        concrete(p, ground)
        for m, p in endpoints()
        if m == "GET" and not api(p) and p != FEED and not p.startswith(("/static", "/openapi"))
    ]


def warm(ground: Field) -> tuple[int, list[str]]:
    """Every GET route read once with the right token, in each right place (the control: the
    token does open them), then the database's row hashes taken."""
    assert ground.wide is not None
    tried, lost = 0, []
    bearer = {"Authorization": f"Bearer {ground.token}"}
    for method, template in endpoints():
        if method != "GET":
            continue
        path = concrete(template, ground)
        answer = send(ground.wide.port, "GET", path, {} if template == FEED else bearer)
        tried += 1
        if answer.status in REFUSED or answer.status >= 500:
            said = ground.wide.output()[-1500:] if answer.status >= 500 else ""
            lost.append(f"the right token was refused on {path}: {answer.status} {said}".strip())
    linked = send(ground.wide.port, "GET", f"/people?token={ground.token}")
    kept = send(ground.wide.port, "GET", "/people", {"Cookie": f"kith_token={ground.token}"})
    tried += 2
    if linked.status != 303 or "kith_token=" not in linked.headers.get("set-cookie", ""):
        lost.append(f"the link with the token answered {linked.status}, no cookie")
    if kept.status != 200:
        lost.append(f"the token's cookie was refused: {kept.status}")
    settle(ground)
    return tried, lost


def settle(ground: Field, patience: float = 120.0) -> None:
    """The row hashes once nothing is left to do: every page read on both servers (a read may
    make this week's plan, a write starts refreshing the stored report and circles in the
    background) until two readings half a second apart agree; the next row compares with them."""
    assert ground.local is not None
    assert ground.wide is not None
    bearer = {"Authorization": f"Bearer {ground.token}"}
    deadline = time.monotonic() + patience
    while True:
        before = state(ground.db)
        for path in gets(ground):
            send(ground.local.port, "GET", path)
            send(ground.wide.port, "GET", path, bearer)
        time.sleep(0.5)
        ground.baseline = state(ground.db)
        if ground.baseline == before or time.monotonic() > deadline:
            return


# --- 1. authentication off loopback ----------------------------------------------------------

Variant = Callable[[Field], tuple[dict[str, str], str, bool]]  # headers, query, counts as wrong


def _basic(token: str) -> str:
    return "Basic " + base64.b64encode(f"kith:{token}".encode()).decode()


VARIANTS: dict[str, Variant] = {
    "no token": lambda g: ({}, "", False),
    "a wrong bearer token": lambda g: ({"Authorization": f"Bearer {wrong_token()}"}, "", True),
    "a wrong token in the link": lambda g: ({}, f"token={wrong_token()}", True),
    "a wrong token cookie": lambda g: ({"Cookie": f"kith_token={wrong_token()}"}, "", True),
    "the feed's token as the page's": lambda g: ({"Authorization": f"Bearer {g.feed}"}, "", True),
    "the token in another header": lambda g: ({"X-Kith-Token": g.token}, "", False),
    "the token without 'Bearer'": lambda g: ({"Authorization": g.token}, "", False),
    "the token as Basic auth": lambda g: ({"Authorization": _basic(g.token)}, "", False),
    "the token in another cookie": lambda g: ({"Cookie": f"token={g.token}"}, "", False),
    "the token under another query name": lambda g: ({}, f"access_token={g.token}", False),
}
REDUCED_VARIANTS = ("no token", "a wrong bearer token", "the token in another header")


def authentication(ground: Field, scale: float) -> Row:
    """Every route, every way of not having the token, from loopback addresses (rotated so
    that none reaches the wrong-token limit) and from the machine's own address."""
    assert ground.wide is not None
    tried, lost = warm(ground)
    controls = tried
    names = VARIANTS if scale >= 1.0 else {k: VARIANTS[k] for k in REDUCED_VARIANTS}
    statuses: Counter[int] = Counter()
    source, wrongs = next(ground.sources), 0  # each address stays under the limit
    for method, template in endpoints():
        if template == FEED:
            continue
        path = concrete(template, ground)
        for name, variant in names.items():
            headers, query, wrong = variant(ground)
            if wrong and wrongs >= FAILURES_ALLOWED - 1:
                source, wrongs = next(ground.sources), 0
            wrongs += wrong
            body, kind = (b"token=" + ground.token.encode(), FORM) if writing(method) else (b"", "")
            sent = {**headers, **({"Content-Type": kind} if kind else {})}
            target = f"{path}{'&' if '?' in path else '?'}{query}" if query else path
            places = [source]
            if ground.outside and not wrong:
                places.append(ground.outside)
            for place in places:
                to = "127.0.0.1" if place.startswith("127.") else place
                answer = send(ground.wide.port, method, target, sent, body, place, to)
                tried += 1
                statuses[answer.status] += 1
                lost += refused_cleanly(answer, f"{method} {path} ({name}, from {place})", ground)
    feed_tried, feed_lost = feed_attacks(ground, statuses)
    tried += feed_tried
    lost += feed_lost + ground.lost_if_changed("a refused request")
    shown = ", ".join(f"{n:,}× {s}" for s, n in sorted(statuses.items()))
    where = f"loopback addresses and {ground.outside}" if ground.outside else "loopback addresses"
    return Row(
        "authentication off loopback (kith serve --host 0.0.0.0): every route, GET and POST, "
        "the API and the calendar feed, without the token, with a wrong one, with it in the "
        "wrong place",
        tried,
        tuple(lost[:20]),
        f"{len(endpoints())} routes (method and path, from the app's own table) × "
        f"{len(names)} ways ({', '.join(names)}), sent from {where}; answers: {shown}; no "
        f"person's name, token or token cookie in any refused answer; the row hashes unchanged. "
        f"Control: the right token (bearer, link, cookie) opened every GET route "
        f"({controls} requests).",
    )


def refused_cleanly(
    answer: Answer, what: str, ground: Field, allowed: frozenset[int] = REFUSED
) -> list[str]:
    if answer.status not in allowed:
        return [f"{what} answered {answer.status}"]
    leaked = [n for n in ground.names if n in answer.body]
    leaked += ["the token"] if ground.token in answer.body or ground.feed in answer.body else []
    if "kith_token=" in answer.headers.get("set-cookie", ""):
        leaked.append("a token cookie")
    return [f"{what} leaked {', '.join(leaked[:3])}"] if leaked else []


def feed_attacks(ground: Field, statuses: Counter[int]) -> tuple[int, list[str]]:
    """The calendar feed, whose token is its URL: a wrong one, the page token, none, a write."""
    assert ground.wide is not None
    tried, lost = 0, []
    attempts = [
        ("GET", f"/calendar/{wrong_token()}.ics"),
        ("GET", f"/calendar/{ground.token}.ics"),
        ("GET", "/calendar/.ics"),
        ("GET", f"/calendar/{ground.feed[:-1]}.ics"),
        ("POST", f"/calendar/{ground.feed}.ics"),
    ]
    for n, (method, path) in enumerate(attempts):
        source = next(ground.sources)  # each its own address: a wrong one counts
        answer = send(ground.wide.port, method, path, source=source)
        tried += 1
        statuses[answer.status] += 1
        allowed = frozenset({405}) if method == "POST" else frozenset({404})
        lost += refused_cleanly(answer, f"{method} the feed (attempt {n + 1})", ground, allowed)
    right = send(
        ground.wide.port, "GET", f"/calendar/{ground.feed}.ics", source=next(ground.sources)
    )
    tried += 1
    if right.status != 200 or "BEGIN:VCALENDAR" not in right.body:
        lost.append(f"the feed with its own token answered {right.status}")
    return tried, lost


# --- 2. CSRF ---------------------------------------------------------------------------------


def form_body(session: Session | None, csrf: str | None, marker: str) -> bytes:
    fields = dict.fromkeys(FIELDS, marker) | {"who": "#1", "a": "#1", "b": "#2"}
    if csrf is not None:
        fields["csrf"] = csrf
    return urlencode(fields).encode()


@dataclass(frozen=True)
class Forgery:
    name: str
    cookie: bool = True  # the attacked browser's session cookie goes along
    csrf: str = "own"  # own, other, made-up, none
    headers: tuple[tuple[str, str], ...] = ()
    host: str | None = None
    method: str | None = None
    expected: int = 403


PAGE_FORGERIES = (
    Forgery("no form token", csrf="none"),
    Forgery("another session's token", csrf="other"),
    Forgery("a made-up token", csrf="made-up"),
    Forgery("the token without its session cookie", cookie=False),
    Forgery("another session's token in the header", csrf="other-header"),
    Forgery("a foreign Origin, with the token", headers=(("Origin", EVIL),)),
    Forgery("Origin: null, with the token", headers=(("Origin", "null"),)),
    Forgery(
        "Sec-Fetch-Site: cross-site, with the token", headers=(("Sec-Fetch-Site", "cross-site"),)
    ),
    Forgery("a foreign Referer and no Origin, with the token", headers=(("Referer", f"{EVIL}/x"),)),
    Forgery("a rebinding Host, with the token", host="evil.example", expected=421),
    Forgery(
        "a CORS preflight",
        method="OPTIONS",
        headers=(("Origin", EVIL), ("Access-Control-Request-Method", "POST")),
    ),
)
API_FORGERIES = (
    Forgery("a form's content type", headers=(("Content-Type", FORM),), expected=415),
    Forgery("text/plain holding JSON", headers=(("Content-Type", "text/plain"),), expected=415),
    Forgery(
        "multipart", headers=(("Content-Type", "multipart/form-data; boundary=x"),), expected=415
    ),
    Forgery("JSON from a foreign Origin", headers=(("Content-Type", JSON), ("Origin", EVIL))),
    Forgery(
        "JSON, Sec-Fetch-Site: cross-site",
        headers=(("Content-Type", JSON), ("Sec-Fetch-Site", "cross-site")),
    ),
    Forgery("JSON, a foreign Referer", headers=(("Content-Type", JSON), ("Referer", f"{EVIL}/"))),
    Forgery(
        "JSON, a rebinding Host",
        headers=(("Content-Type", JSON),),
        host="evil.example",
        expected=421,
    ),
    Forgery(
        "a CORS preflight",
        method="OPTIONS",
        headers=(("Origin", EVIL), ("Access-Control-Request-Method", "POST")),
    ),
)


def api_writes(ground: Field) -> list[tuple[str, str]]:
    return [
        (m, concrete(p, ground))
        for m, p in endpoints()
        if api(p) and writing(m) and "{rest" not in p
    ]


def forgery(ground: Field, scale: float, seed: int) -> Row:
    """Every state-changing route on loopback, each forged way, refused; the database as it was;
    then a real write through each face, taken exactly once."""
    assert ground.local is not None
    port = ground.local.port
    rounds = count(4, scale, 1)
    tried, lost = 0, []
    statuses: Counter[int] = Counter()
    for round_ in range(rounds):
        mine, theirs = Session(port).open(), Session(port).open()
        for path in page_posts(ground):
            for forged in PAGE_FORGERIES:
                answer = forge_page(mine, theirs, path, forged, f"forged {seed}-{round_}")
                tried += 1
                statuses[answer.status] += 1
                if answer.status != forged.expected:
                    lost.append(f"POST {path} ({forged.name}) answered {answer.status}")
        for method, path in api_writes(ground):
            for forged in API_FORGERIES:
                sent = dict(forged.headers)
                answer = send(
                    port,
                    forged.method or method,
                    path,
                    sent,
                    b'{"name": "Forged"}',
                    host=f"{forged.host}:{port}" if forged.host else None,
                )
                tried += 1
                statuses[answer.status] += 1
                if answer.status != forged.expected:
                    lost.append(f"{method} {path} ({forged.name}) answered {answer.status}")
    lost += ground.lost_if_changed("a forged request")
    accepted, accepted_lost = accepted_once(ground, seed)
    tried += accepted
    lost += accepted_lost
    shown = ", ".join(f"{n:,}× {s}" for s, n in sorted(statuses.items()))
    return Row(
        "CSRF (kith serve on 127.0.0.1): every state-changing route, the pages' forms without "
        "the token, with another session's, from a foreign Origin, Referer or Host; the API's "
        "writes with a form's content type or from another site",
        tried,
        tuple(lost[:20]),
        f"{len(page_posts(ground))} form routes × {len(PAGE_FORGERIES)} forgeries and "
        f"{len(api_writes(ground))} API writes × {len(API_FORGERIES)}, {rounds} round(s) with "
        f"new sessions; answers: {shown}; the row hashes unchanged. Then a real quick log and a "
        f"real API log: each stored once, as sent, no one added. A defect this proof found and "
        f"fixed: a form with its token, a foreign Referer and no Origin was taken (guard.py).",
    )


def forge_page(mine: Session, theirs: Session, path: str, forged: Forgery, marker: str) -> Answer:
    csrf = {"own": mine.csrf, "other": theirs.csrf, "made-up": "0" * 64, "none": None}
    given = csrf.get(forged.csrf, mine.csrf)
    headers = dict(forged.headers)
    if forged.csrf == "other-header":
        headers["X-CSRF-Token"], given = theirs.csrf, None
    if path == "/import":
        kind, body = multipart({"csrf": given} if given else {}, "forged.vcf", VCARD.encode())
    else:
        kind, body = FORM, form_body(mine, given, marker)
    headers.setdefault("Content-Type", kind)
    if forged.cookie:
        headers |= mine.cookie()
    host = f"{forged.host}:{mine.port}" if forged.host else None
    return send(mine.port, forged.method or "POST", path, headers, body, host=host)


def accepted_once(ground: Field, seed: int) -> tuple[int, list[str]]:
    """A real quick log (form and token) and a real API log (JSON): each stored once, as sent,
    and nothing but interactions changed."""
    assert ground.local is not None
    port = ground.local.port
    mine = Session(port).open()
    page, by_api = f"accepted from the form {seed}", f"accepted from the API {seed}"
    before = counted(ground.db, page, by_api)
    form = urlencode({"csrf": mine.csrf, "who": f"#{ground.pid}", "what": page}).encode()
    answers = [
        mine.request("POST", "/log", {"Content-Type": FORM}, form).status,
        send(
            port,
            "POST",
            "/api/interactions",
            {"Content-Type": JSON},
            json.dumps({"names": [f"#{ground.other}"], "summary": by_api}).encode(),
        ).status,
    ]
    lost = [] if answers == [200, 201] else [f"the real writes answered {answers}"]
    found = counted(ground.db, page, by_api)
    wanted = {"interactions": before["interactions"] + 2, "people": before["people"]}
    if found != wanted | {page: 1, by_api: 1}:
        lost.append(f"the real writes left {found}, not {wanted} and each once")
    for path in gets(ground):  # the pages read again after the write (a plan may follow)
        mine.request("GET", path)
    settle(ground)
    return 2, lost


def counted(db: Path, *summaries: str) -> dict[str, int]:
    """How many interactions and people there are, and how many interactions say each."""
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = {
            "interactions": connection.execute("SELECT count(*) FROM interaction").fetchone()[0],
            "people": connection.execute("SELECT count(*) FROM person").fetchone()[0],
        }
        for summary in summaries:
            found[summary] = connection.execute(
                "SELECT count(*) FROM interaction WHERE summary = ?", (summary,)
            ).fetchone()[0]
        return found
    finally:
        connection.close()


# --- 3. the payload corpus -------------------------------------------------------------------


def payloads(ground: Field, scale: float, seed: int) -> Row:
    """The corpus through every form, every page's query, the API and every importer (files
    made of it), then every page read back: no 5xx, no traceback, every payload inert."""
    assert ground.local is not None
    chosen = CORPUS if scale >= 1.0 else CORPUS[:3]
    mine = Session(ground.local.port).open()
    tried, lost = 0, []
    statuses: Counter[int] = Counter()

    def check(answer: Answer, what: str) -> None:
        nonlocal tried
        tried += 1
        statuses[answer.status] += 1
        lost.extend(shown_safely(answer, what))

    for payload in chosen:
        for path in page_posts(ground):
            if path.startswith(("/settings/token", "/import")):
                continue  # no text (a new token), or a file (below)
            for fields in (
                dict.fromkeys(FIELDS, payload),
                dict.fromkeys(FIELDS, payload)
                | {"who": f"#{ground.pid}", "a": f"#{ground.pid}", "b": f"#{ground.other}"}
                | {"name": f"P {payload}", "channel": "in_person", "birthday": ""}
                | {"emails": "", "phones": "", "for": "2w", "section": "me", "max": ""}
                | {"target": f"tag:{payload}", "ideal": "30d"},
            ):
                body = urlencode(fields | {"csrf": mine.csrf}).encode()
                check(mine.request("POST", path, {"Content-Type": FORM}, body), f"POST {path}")
        for path in gets(ground):
            query = urlencode(dict.fromkeys(QUERY, payload))
            check(mine.request("GET", f"{path}{'&' if '?' in path else '?'}{query}"), f"GET {path}")
        for method, path, body in api_payloads(ground, payload):
            check(
                send(ground.local.port, method, path, {"Content-Type": JSON}, body),
                f"{method} {path}",
            )
    kinds = upload_files(ground.folder / "files", seed, chosen, scale)
    imported = 0
    for name, file in kinds.items():
        answers, took = upload(ground, mine, file.read_bytes(), file.name, name)
        imported += took
        for answer, what in answers:
            check(answer, what)
    hostile = hostile_people(ground)
    for path in gets(ground) + hostile:
        check(mine.request("GET", path), f"GET {path} afterwards")
    lost += [f"damage: {d}" for d in damage(ground.db)]
    shown = ", ".join(f"{n:,}× {s}" for s, n in sorted(statuses.items()))
    settle(ground)
    return Row(
        "the payload corpus (tests/test_web_payloads.py) through every page's forms and query, "
        "the API, and every importer the import page takes (files made of it), then every page "
        "read back",
        tried,
        tuple(lost[:20]),
        f"{len(chosen)} payloads; {len(kinds)} kinds of file ({', '.join(kinds)}) each through "
        f"/import (dry run, confirm, progress) and /api/imports (dry run, apply), {imported} "
        f"of the {2 * len(kinds)} imported (the page asks for `me` for mail); answers: "
        f"{shown}; then {len(gets(ground))} pages and {len(hostile)} person pages read back "
        f"({len(hostile) - 2} of the people named with a payload, at most 40); no 5xx, no "
        f"traceback, in HTML no payload raw and no script, style, handler or link it made "
        f"(assert_inert); integrity clean.",
    )


def shown_safely(answer: Answer, what: str) -> list[str]:
    if answer.status >= 500:
        return [f"{what} answered {answer.status}"]
    if "Traceback" in answer.body:
        return [f"{what} showed a traceback"]
    if not answer.html:
        return []
    raw = [p for p in MARKUP if p in answer.body]
    if raw:
        return [f"{what} showed {raw[0]!r} raw"]
    try:
        assert_inert(answer.body)
    except AssertionError as error:
        return [f"{what} is not inert: {str(error)[:120]}"]
    return []


def api_payloads(ground: Field, payload: str) -> list[tuple[str, str, bytes]]:
    """The API's reads with the payload in the query, its writes with it in the JSON."""
    q, other = quote(payload), f"#{ground.other}"
    writes: list[tuple[str, str, dict[str, object]]] = [
        ("POST", "/api/people", {"name": f"Api {payload}", "how_met": payload}),
        ("PATCH", f"/api/people/{ground.other}", {"company": payload, "title": payload}),
        ("POST", "/api/interactions", {"names": [other], "summary": payload, "topic": payload}),
        ("POST", "/api/todos", {"name": other, "text": payload}),
    ]
    reads = [f"/api/search?text={q}", f"/api/people?query={q}", f"/api/people/resolve?name={q}"]
    return [("GET", path, b"") for path in reads] + [
        (method, path, json.dumps(body).encode()) for method, path, body in writes
    ]


def hostile_people(ground: Field) -> list[str]:
    connection = sqlite3.connect(f"{ground.db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT id FROM person WHERE display_name GLOB '*[<>\"'']*' ORDER BY id LIMIT 40"
        ).fetchall()
    finally:
        connection.close()
    return [f"/people/{pid}" for (pid,) in rows] + [
        f"/people/{ground.pid}",
        f"/people/{ground.other}",
    ]


REPLACED: tuple[str, ...] = (
    "Smith",
    "Müller",
    "García",
    "Rossi",
    "Novak",
    "Tanaka",
    "Okafor",
    "Silva",
    "Nguyen",
)
REPLACED += ("Friend", "Person", "Contact")


def upload_files(folder: Path, seed: int, chosen: Sequence[str], scale: float) -> dict[str, Path]:
    """One file of each kind the importers read (reliability/_files.py, small), surnames
    replaced with payloads as each format escapes them; and the corpus's own vCard."""
    made = write_all(folder, seed, size=0.0)
    if scale < 1.0:
        made = {k: made[k] for k in ("csv", "kith-json")}
    out = {"vcard (the corpus's)": folder / "hostile.vcf"}
    out["vcard (the corpus's)"].write_text(VCARD, encoding="utf-8")
    for kind, path in made.items():
        if path.suffix == ".zip":
            out[kind] = path
            continue
        text = path.read_text(encoding="utf-8")
        for n, word in enumerate(REPLACED):
            text = text.replace(word, escaped(chosen[n % len(chosen)], path.suffix))
        path.write_text(text, encoding="utf-8")
        out[kind] = path
    return out


def escaped(payload: str, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(payload)[1:-1]
    if suffix == ".xml":
        return payload.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    if suffix == ".csv":
        return payload.replace('"', "'").replace(",", " ")
    return payload


STAGED = re.compile(r'action="/import/([A-Za-z0-9_-]{22}(?:\.[a-z0-9]{1,8})?)/confirm"')


def upload(
    ground: Field, mine: Session, content: bytes, filename: str, label: str
) -> tuple[list[tuple[Answer, str]], int]:
    """The file through the import page (dry run, confirm, progress until done) and the API
    (dry run with `me` for mail and chats, apply): every answer, and how many of the two
    imported it."""
    assert ground.local is not None
    done: list[tuple[Answer, str]] = []
    imported = 0
    kind, body = multipart({"csrf": mine.csrf}, filename, content)
    planned = mine.request("POST", "/import", {"Content-Type": kind}, body)
    done.append((planned, f"upload {label} to /import"))
    found = STAGED.search(planned.body)
    if planned.status == 200 and found:
        confirm = urlencode({"csrf": mine.csrf}).encode()
        path = f"/import/{found.group(1)}/confirm"
        confirmed = mine.request("POST", path, {"Content-Type": FORM}, confirm)
        done.append((confirmed, f"confirm {label}"))
        finished = wait_for_import(mine)
        done.append((finished, f"the progress of {label}"))
        imported += confirmed.status == 303 and "Imported" in finished.body
    query = urlencode([("filename", filename), ("me", MAIL_ME), ("me", CHAT_ME)])
    binary = {"Content-Type": "application/octet-stream"}
    dry = send(ground.local.port, "POST", f"/api/imports?{query}", binary, content)
    done.append((dry, f"upload {label} to /api/imports"))
    staged = json.loads(dry.body).get("staged") if dry.status == 200 else None
    if staged:
        path = f"/api/imports/{staged}/apply"
        applied = send(ground.local.port, "POST", path, {"Content-Type": JSON}, b"{}")
        done.append((applied, f"apply {label} through the API"))
        imported += applied.status == 200
    return done, imported


def wait_for_import(mine: Session, patience: float = 120.0) -> Answer:
    deadline = time.monotonic() + patience
    while True:
        answer = mine.request("GET", "/import/progress?format=json")
        running = answer.status == 200 and json.loads(answer.body).get("state") == "running"
        if not running or time.monotonic() > deadline:
            return mine.request("GET", "/import/progress")
        time.sleep(0.1)


# --- 4. path traversal -----------------------------------------------------------------------


def traversal(ground: Field, scale: float, seed: int) -> Row:
    """Upload names and URL paths that climb out of their folder: refused or neutralised, no
    file written outside the data folder, no file outside /static served."""
    assert ground.local is not None
    mark = f"kithproof{seed}x{os.getpid()}"
    secret = ground.folder / f"secret-{mark}.txt"
    secret.write_text(f"SECRET {mark}\n")
    before = tree(ground.folder)
    mine = Session(ground.local.port).open()
    names = [
        f"../../evil-{mark}.vcf",
        f"/tmp/evil-{mark}.vcf",
        f"..%2f..%2fevil-{mark}.vcf",
        f"%2e%2e/%2e%2e/evil-{mark}.vcf",
        f"evil-{mark}\x00.vcf",
        f"..\\..\\evil-{mark}.vcf",
        f"C:\\Windows\\evil-{mark}.vcf",
        "E" * 5000 + f"-{mark}.vcf",
        f"../../../../../../../../../../tmp/evil-{mark}.vcf",
        f"evil-{mark}.vcf/../../../x.vcf",
    ]
    if scale < 1.0:
        names = names[:5]
    tried, lost = 0, []
    card = VCARD.replace("Vera", "Trevor").encode()
    imported = 0
    for n, name in enumerate(names):
        content = card.replace(b"Trevor", f"Trevor{n}".encode())
        answers, took = upload(ground, mine, content, name, f"a file named {name[:40]!r}")
        imported += took
        tried += len(answers)
        for answer, what in answers:
            lost += shown_safely(answer, what)
            if answer.status >= 400 and answer.status not in (400, 422):
                lost.append(f"{what} answered {answer.status}")
    paths = climbing_paths(secret)
    for method, path in paths:
        headers = {"Content-Type": FORM} | mine.cookie() if method == "POST" else mine.cookie()
        body = urlencode({"csrf": mine.csrf}).encode() if method == "POST" else b""
        answer = send(ground.local.port, method, path, headers, body)
        tried += 1
        served = f"SECRET {mark}" in answer.body or "root:" in answer.body
        if answer.status < 400 or answer.status >= 500 or served:
            lost.append(f"{method} {path[:60]} answered {answer.status}")
    during = sorted(p for p in tree(ground.folder / "tmp") if not UPLOADED.fullmatch(p))
    lost += [f"an unexpected file in the server's temporary folder: {p}" for p in during[:5]]
    lost += escaped_files(ground, before, mark)
    settle(ground)  # what the uploads imported, as the next row starts
    return Row(
        "path traversal: upload file names (../, absolute, %2e%2e, NUL, backslashes, 5,000 "
        "characters) through /import and /api/imports, and paths climbing out of /static, the "
        "feed, the staged uploads and the API",
        tried,
        tuple(lost[:20]),
        f"{len(names)} names, each uploaded through both ({imported} of {2 * len(names)} "
        f"imported: the API takes a name of at most 255 characters); {len(paths)} paths; every "
        f"upload stored under a random name in the server's private temporary folder (its own "
        f"name kept only for messages), no file named by the attacker anywhere: the tree around "
        f"the data folder and /tmp listed before and after; no file outside /static served. The "
        f"web app has no export or download route (the feed is made afresh, not a file).",
    )


UPLOADED = re.compile(r"kith-uploads-[A-Za-z0-9_]+(/[A-Za-z0-9_-]{22}(\.[a-z0-9]{1,8})?)?")


def climbing_paths(secret: Path) -> list[tuple[str, str]]:
    climb = os.path.relpath(secret, STATIC)
    absolute = str(secret)
    return [
        ("GET", f"/static/{climb}"),
        ("GET", "/static/" + climb.replace("..", "%2e%2e")),
        ("GET", "/static/" + climb.replace("/", "%2f")),
        ("GET", "/static/" + climb.replace("/", "%5c")),
        ("GET", "/static/" + climb.replace("/", "\\")),
        ("GET", f"/static/{absolute}"),
        ("GET", f"/static/%2f{absolute[1:]}"),
        ("GET", "/static/app.js%00.txt"),
        ("GET", "/static/../../../../../../etc/passwd"),
        ("GET", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"),
        ("GET", "/../../../../../../etc/passwd"),
        ("GET", "/calendar/..%2f..%2f..%2fetc%2fpasswd.ics"),
        ("GET", "/calendar/../../../../etc/passwd.ics"),
        ("POST", "/import/..%2f..%2f..%2fetc%2fpasswd/confirm"),
        ("POST", f"/import/{'..%2f' * 8}{absolute[1:].replace('/', '%2f')}/confirm"),
        ("POST", "/import/AAAAAAAAAAAAAAAAAAAAAA%00.vcf/confirm"),
        ("POST", "/api/imports/..%2f..%2fetc%2fpasswd/apply"),
        ("POST", f"/api/imports/{climb.replace('/', '%2f')}/apply"),
        ("GET", "/people/..%2f..%2f1"),
        ("GET", "/api/people/%2e%2e%2f1"),
    ]


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")} if root.exists() else set()


def escaped_files(ground: Field, before: set[str], mark: str) -> list[str]:
    """Files the attack left: new names around the data folder (the database's own files and
    the servers' logs expected), and anything named with the attack's mark in /tmp, the
    folder's parent or the filesystem's root."""
    expected = re.compile(
        r"(data/kith\.db(-wal|-shm|-journal)?|data/serve-\d+\.log|tmp(/.*)?|xdg(/.*)?|files(/.*)?)"
    )
    new = sorted(p for p in tree(ground.folder) - before if not expected.fullmatch(p))
    found = [f"a new file beside the data: {p}" for p in new[:5]]
    for place in {Path("/tmp"), Path(tempfile.gettempdir()), ground.folder.parent, Path("/")}:
        with contextlib.suppress(OSError):
            found += [
                f"a file left in {place}: {p.name}" for p in place.iterdir() if mark in p.name
            ]
    found += [
        f"a file named by the attack: {p}"
        for p in tree(ground.folder)
        if mark in Path(p).name and "secret" not in p
    ]
    return found


# --- 5. failed-token rate limiting -----------------------------------------------------------


def rate_limit(ground: Field, scale: float, window: float) -> Row:
    """Wrong tokens from one address: 401 until the limit, then 429 for everything (the right
    token too) until the window has passed; another address is not locked out."""
    assert ground.wide is not None
    port = ground.wide.port
    cycles = count(12, scale, 2)
    tried, lost = 0, []
    bearer = {"Authorization": f"Bearer {ground.token}"}
    ways: list[tuple[str, Callable[[], tuple[str, dict[str, str]]], int]] = [
        ("a wrong bearer token", lambda: ("/", {"Authorization": f"Bearer {wrong_token()}"}), 401),
        ("a wrong link token", lambda: (f"/?token={wrong_token()}", {}), 401),
        ("a wrong feed token", lambda: (f"/calendar/{wrong_token()}.ics", {}), 404),
    ]
    for n in range(cycles):
        name, wrong, refused = ways[n % len(ways)]
        source, bystander = next(ground.sources), next(ground.sources)
        seen = []
        for _ in range(FAILURES_ALLOWED + 3):
            path, headers = wrong()
            seen.append(send(port, "GET", path, headers, source=source).status)
        locked = send(port, "GET", "/", bearer, source=source).status
        feed_locked = send(port, "GET", f"/calendar/{ground.feed}.ics", source=source).status
        other = send(port, "GET", "/", bearer, source=bystander).status
        time.sleep(window + 0.3)
        after = send(port, "GET", "/", bearer, source=source).status
        tried += len(seen) + 4
        wanted = [refused] * FAILURES_ALLOWED + [429] * 3
        if (seen, locked, feed_locked, other, after) != (wanted, 429, 429, 200, 200):
            lost.append(
                f"cycle {n + 1} ({name}): wrong {seen}, the right token {locked}, the feed "
                f"{feed_locked}, another address {other}, after the window {after}"
            )
    lost += ground.lost_if_changed("rate limiting")
    lost += [f"damage: {d}" for d in damage(ground.db)]
    return Row(
        "failed-token rate limiting (kith serve --host 0.0.0.0): wrong tokens from one address "
        "(bearer, link, feed URL), then the right one, from it and from another address, during "
        "the lockout and after it",
        tried,
        tuple(lost[:20]),
        f"{cycles} cycles: {FAILURES_ALLOWED} wrong tokens answered 401 (404 for the feed), the "
        f"next 3 and then the right token (page and feed) 429, another address 200 meanwhile, "
        f"the right token 200 once the window had passed ({window:g} s here through "
        f"{WINDOW_VARIABLE}; 60 s by default); the row hashes unchanged, integrity clean.",
    )
