"""Opening a Kith database: refusing files Kith must not touch, modes, pragmas, migrations."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kith.errors import DatabaseRefused, KithError, UserError
from kith.names import fold
from kith.store import integrity, journal, migrations, write_trace

if TYPE_CHECKING:
    from kith.store.articles import ArticleRepo
    from kith.store.checkpoints import Checkpointer
    from kith.store.claims import ClaimRepo
    from kith.store.digest import DigestRepo
    from kith.store.drafting import DraftingRepo
    from kith.store.events import EventRepo
    from kith.store.follow_ups import FollowUpRepo
    from kith.store.imports.restore import RestoreRepo
    from kith.store.imports.runs import ImportRepo
    from kith.store.interactions import InteractionRepo
    from kith.store.merge_queue import MergeQueueRepo
    from kith.store.merges import MergeRepo
    from kith.store.mesh.circles import CircleRepo
    from kith.store.mesh.evidence import MeshRepo
    from kith.store.mesh.introductions import IntroductionRepo
    from kith.store.mesh.ledger import LedgerRepo
    from kith.store.mesh.network import NetworkRepo
    from kith.store.mesh.referrals import ReferralRepo
    from kith.store.meta import MetaRepo
    from kith.store.people import PersonRepo
    from kith.store.relations import RelationRepo
    from kith.store.results import ResultRepo
    from kith.store.search import SearchRepo
    from kith.store.seen import SeenRepo
    from kith.store.sync.calendar_sync import CalendarSyncRepo
    from kith.store.sync.carddav import CardDavRepo
    from kith.store.sync.mail_sync import MailSyncRepo
    from kith.store.sync.sources import SyncRepo
    from kith.store.week.ahead import AheadRepo
    from kith.store.week.layers import LayerRepo
    from kith.store.week.plan import PlanRepo
    from kith.store.week.ties import TieRepo

APPLICATION_ID = 0x4B495448  # "KITH" in the SQLite header: how Kith knows its own files
# a writer waits this long for another's transaction (a large import applies for seconds)
BUSY_TIMEOUT_MS = 15_000
# how often a writer tries for the write lock while another holds it: SQLite's own wait sleeps
# up to 100 ms between tries, which would miss the short gaps a journaled import leaves
POLL_SECONDS = 0.003
FILE_MODE = 0o600
AUTOCHECKPOINT = 1000  # SQLite's default: WAL pages after which a commit copies them back


# The files this process holds SQLite connections on (resolved path → how many). POSIX drops
# every lock a process holds on a file when it closes any descriptor of that file, so reading
# the header of a file already open here would release the other connections' locks, and the
# next process to close it would take itself for the last and delete the WAL they still write
# to. A file open here was checked when it was first opened: it is not read again.
_HELD: Counter[str] = Counter()
_HELD_LOCK = threading.Lock()


def _hold(key: str, change: int) -> bool:
    """Count a connection opened (+1) or closed (-1) on `key`; whether others were open."""
    with _HELD_LOCK:
        others = _HELD[key] > 0
        _HELD[key] += change
        if _HELD[key] <= 0:
            del _HELD[key]
        return others


class Store:
    """One open Kith database and the repositories that read and write it."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: str,
        key: str | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.connection = connection
        self.path = path
        self._depth = 0
        self._key = key  # the resolved path, counted in _HELD while open
        self.notes: list[str] = []  # what opening changed, for the face to tell (modes)
        self.read_only = read_only  # opened for reading: this process cannot write the file
        self._sliced = False  # in a journaled transaction, which breathe() may commit in slices
        self._slices = 0  # slices committed in it
        self._began = 0.0  # when the current write transaction (or slice) began
        self._deriving = 0  # inside deriving(): on a read-only file, writes go to temp copies
        self._shadowed = False  # the temp copies of DERIVED_TABLES exist on this connection
        self._reserve: journal.Reserve | None = None  # the sliced run's room for its undo
        self._span: write_trace.Span | None = None  # the write under way, when traced
        self._turnstile: journal.Turnstile | None = None  # the sliced run's waiting writers
        self._checkpointer: Checkpointer | None = None  # checkpoint_aside()'s thread

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing: commit when the block ends, roll back if it raises. Nests."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.read_only and not self._deriving:
            raise read_only_error(self.path)
        with refusing_damaged(self.path):
            if self.read_only:
                self.connection.execute("BEGIN")  # only the temp copies are written
            else:
                self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            # SQLite has already rolled back after some errors (a full disk, I/O): rolling back
            # again would replace the real error with "no transaction is active"
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self._traced("rollback", time.monotonic())
            raise
        else:
            self._commit()
        finally:
            self._depth = 0

    @contextmanager
    def deriving(self) -> Iterator[None]:
        """A transaction that writes only what is worked out from the data (the layers, the
        week's plan, a kept report: DERIVED_TABLES). On a file this process cannot write, those
        tables are copied into the connection's temporary schema first, where they shadow the
        stored ones, so the command computes without storing (each read-only run pays the work
        again); a write to anything else is still refused."""
        if self.read_only and not self._shadowed:
            with refusing_damaged(self.path):
                shadow(self.connection, derived_tables(self.connection))
            self._shadowed = True
        self._deriving += 1
        try:
            with self.transaction():
                yield
        finally:
            self._deriving -= 1

    @contextmanager
    def checkpoints_deferred(self) -> Iterator[None]:
        """Commits inside copy nothing back from the WAL into the file (SQLite's autocheckpoint
        off), as they would once it holds AUTOCHECKPOINT pages: the week's first command writes
        the weekly step (thousands of pages) and then the week, and its step's COMMIT would copy
        those back (two fsyncs) and the next write start the WAL again (a third). After the
        block the connection's own setting is back, and the pages are copied back once, by the
        next commit or the close (the last connection's close always does it); nothing
        written or read changes."""
        if self.read_only:
            yield
            return
        automatic = int(self.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        self.connection.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield
        finally:
            self.connection.execute(f"PRAGMA wal_autocheckpoint = {automatic}")

    def _writing(self) -> bool:
        """Whether a write transaction is open on this store (what is derived may be kept)."""
        return self._depth > 0 and not self.read_only

    @property
    def in_transaction(self) -> bool:
        """Whether a `transaction()` is open on this store (a new one would nest in it)."""
        return self._depth > 0

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, trying every POLL_SECONDS for up to BUSY_TIMEOUT_MS while another
        connection writes; while waiting, counted among the writers a sliced import lets in
        before its next slice (journal.waiting)."""
        asked = time.monotonic()
        deadline = asked + BUSY_TIMEOUT_MS / 1000
        self.connection.execute("PRAGMA busy_timeout = 0")
        try:
            if not self._try_begin():
                with journal.waiting(self.path):
                    while not self._try_begin(last=time.monotonic() >= deadline):
                        time.sleep(POLL_SECONDS)
        finally:
            self.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._began = time.monotonic()
        self._span = write_trace.begun(asked)

    def _try_begin(self, *, last: bool = False) -> bool:
        """BEGIN IMMEDIATE; False when another connection holds the write lock (raised on the
        `last` try)."""
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if last or error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise
            return False
        return True

    def _commit(self) -> None:
        committing = time.monotonic()
        self.connection.execute("COMMIT")
        self._traced("commit", committing)

    def _traced(self, outcome: str, ending: float) -> None:
        if self._span is not None:
            write_trace.ended(self._span, ending, outcome, sliced=self._sliced)
            self._span = None

    @contextmanager
    def sliced(self) -> Iterator[None]:
        """A write transaction that `breathe()` may commit in slices, so that other writers
        get in during a long import, and that stays all-or-nothing through the run journal
        (store/journal.py): an error takes back the committed slices at once (a full disk
        included: the run's reserve is freed for it), and the next open after a kill."""
        if self._depth:
            raise RuntimeError("a sliced transaction cannot nest in another")
        if self.read_only:  # before the run's lock file, which could not be made beside it
            raise read_only_error(self.path)
        import secrets  # (random and hashlib with it) only for a sliced write

        token = secrets.randbits(62)
        pages = int(self.connection.execute("PRAGMA page_count").fetchone()[0])
        with journal.alive(self.path, token, pages) as reserve:
            try:
                reserve.ensure(self.connection)
                self.connection.execute("PRAGMA wal_autocheckpoint = 0")  # breathe() does it
                with self.transaction():
                    journal.start(self.connection, token)
                    self._sliced, self._slices, self._reserve = True, 0, reserve
                    self._turnstile = journal.Turnstile(self.path, token)
                    yield
                    journal.stop(self.connection)
                    journal.forget(self.connection, token)
            except OSError as error:
                self._sliced = False
                self._take_back(token, reserve)
                if error.errno == errno.ENOSPC:
                    raise disk_full_error(self.path) from error
                raise
            except BaseException:
                self._sliced = False
                self._take_back(token, reserve)
                raise
            finally:
                self._sliced, self._reserve = False, None
                automatic = 0 if self._checkpointer is not None else AUTOCHECKPOINT
                self.connection.execute(f"PRAGMA wal_autocheckpoint = {automatic}")
                if self._turnstile is not None:
                    self._turnstile.close()
                    self._turnstile = None

    def _take_back(self, token: int, reserve: journal.Reserve) -> None:
        """Undo the slices a failed run committed, in the room its reserve kept. When even
        that fails (the file made read-only meanwhile), the caller's error stands and the
        journal stays for the next open to replay."""
        if not self._slices:  # the one slice there was is rolled back already
            return
        reserve.free()
        with suppress(sqlite3.Error, KithError):
            if self.connection.in_transaction:  # a COMMIT that failed leaves its slice open
                self.connection.execute("ROLLBACK")
            with self.transaction():
                journal.stop(self.connection)
                journal.roll_back(self.connection, token)

    def breathe(self) -> None:
        """In a sliced transaction, commit once the slice has lasted `journal.SLICE` (having
        reserved the room to take it back), pause so that a waiting writer gets the lock, and
        begin the next slice."""
        if not self._sliced or self._depth != 1 or self._reserve is None:
            return
        if time.monotonic() - self._began < journal.SLICE:
            return
        self._reserve.ensure(self.connection)
        self._commit()
        self._slices += 1
        # the WAL copied back into the file here, outside the write lock, while others write
        # (with the importer's own autocheckpoint off, it was done inside some writer's COMMIT:
        # a web write's answer waited 800 ms for one on a loaded machine)
        with suppress(sqlite3.OperationalError):  # best effort, as SQLite's own is
            self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        if self._turnstile is not None:
            self._turnstile.hand_off()
        self._begin()

    def recover(self, *, lock_files: bool = True) -> int:
        """Take back the journaled runs whose process died (a kill mid-import); how many. A
        connection kept open (the web app's) calls it before each use, without `lock_files`:
        then it costs one index seek when no run is under way."""
        if self.read_only or self._depth:
            return 0
        dead = journal.dead_runs(self.connection, self.path, lock_files=lock_files)
        for token in dead:
            with self.transaction():
                journal.roll_back(self.connection, token)
        return len(dead)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A consistent snapshot for a read made of several queries."""
        if self._depth:
            yield
            return
        with refusing_damaged(self.path):
            self.connection.execute("BEGIN")
            try:
                yield
            finally:
                self.connection.execute("ROLLBACK")

    def data_version(self) -> int:
        """Changes when another connection commits: a plan made before is then out of date."""
        return int(self.connection.execute("PRAGMA data_version").fetchone()[0])

    def version(self) -> tuple[int, int]:
        """Changes whenever anything is written, by this connection or another: what a result
        worked out from the data may be remembered for, while it stays the same."""
        return self.data_version(), self.connection.total_changes

    def checkpoint_aside(self, every: float | None = None) -> None:
        """For a process that answers people (the web app): the WAL copied back by a thread of
        its own (store/checkpoints.py), never inside this connection's COMMIT."""
        if self.read_only or self._checkpointer is not None:
            return
        from kith.store.checkpoints import EVERY, Checkpointer

        self.connection.execute("PRAGMA wal_autocheckpoint = 0")
        self._checkpointer = Checkpointer(self.path, every or EVERY)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self.connection.close()
        if self._key is not None:
            _hold(self._key, -1)
            self._key = None

    @cached_property
    def people(self) -> PersonRepo:
        from kith.store.people import PersonRepo

        return PersonRepo(self.connection)

    @cached_property
    def interactions(self) -> InteractionRepo:
        from kith.store.interactions import InteractionRepo

        return InteractionRepo(self.connection)

    @cached_property
    def events(self) -> EventRepo:
        from kith.store.events import EventRepo

        return EventRepo(self.connection)

    @cached_property
    def relations(self) -> RelationRepo:
        from kith.store.relations import RelationRepo

        return RelationRepo(self.connection)

    @cached_property
    def search(self) -> SearchRepo:
        from kith.store.search import SearchRepo

        return SearchRepo(self.connection)

    @cached_property
    def imports(self) -> ImportRepo:
        from kith.store.imports.runs import ImportRepo

        return ImportRepo(self.connection)

    @cached_property
    def merge_queue(self) -> MergeQueueRepo:
        from kith.store.merge_queue import MergeQueueRepo

        return MergeQueueRepo(self.connection)

    @cached_property
    def merges(self) -> MergeRepo:
        from kith.store.merges import MergeRepo

        return MergeRepo(self.connection)

    @cached_property
    def seen(self) -> SeenRepo:
        from kith.store.seen import SeenRepo

        return SeenRepo(self.connection)

    @cached_property
    def ties(self) -> TieRepo:
        from kith.store.week.ties import TieRepo

        return TieRepo(self.connection)

    @cached_property
    def drafting(self) -> DraftingRepo:
        from kith.store.drafting import DraftingRepo

        return DraftingRepo(self.connection)

    @cached_property
    def introductions(self) -> IntroductionRepo:
        from kith.store.mesh.introductions import IntroductionRepo

        return IntroductionRepo(self.connection)

    @cached_property
    def results(self) -> ResultRepo:
        from kith.store.results import ResultRepo

        return ResultRepo(self.connection)

    @cached_property
    def mesh(self) -> MeshRepo:
        from kith.store.mesh.evidence import MeshRepo

        return MeshRepo(self.connection)

    @cached_property
    def network(self) -> NetworkRepo:
        from kith.store.mesh.network import NetworkRepo

        return NetworkRepo(self.connection)

    @cached_property
    def circles(self) -> CircleRepo:
        from kith.store.mesh.circles import CircleRepo

        return CircleRepo(self.connection)

    @cached_property
    def claims(self) -> ClaimRepo:
        from kith.store.claims import ClaimRepo

        return ClaimRepo(self.connection)

    @cached_property
    def meta(self) -> MetaRepo:
        from kith.store.meta import MetaRepo

        return MetaRepo(self.connection)

    @cached_property
    def layers(self) -> LayerRepo:
        from kith.store.week.layers import LayerRepo

        return LayerRepo(self.connection, writing=self._writing)

    @cached_property
    def ahead(self) -> AheadRepo:
        from kith.store.week.ahead import AheadRepo

        return AheadRepo(self.connection)

    def layers_moved(self) -> bool:
        """Whether this connection wrote the layers' instant (a weekly step or a replay),
        without loading the layers' module when nothing asked for them."""
        return "layers" in self.__dict__ and self.layers.moved

    @cached_property
    def plan(self) -> PlanRepo:
        from kith.store.week.plan import PlanRepo

        return PlanRepo(self.connection)

    @cached_property
    def follow_ups(self) -> FollowUpRepo:
        from kith.store.follow_ups import FollowUpRepo

        return FollowUpRepo(self.connection)

    @cached_property
    def ledger(self) -> LedgerRepo:
        from kith.store.mesh.ledger import LedgerRepo

        return LedgerRepo(self.connection)

    @cached_property
    def articles(self) -> ArticleRepo:
        from kith.store.articles import ArticleRepo

        return ArticleRepo(self.connection)

    @cached_property
    def referrals(self) -> ReferralRepo:
        from kith.store.mesh.referrals import ReferralRepo

        return ReferralRepo(self.connection)

    @cached_property
    def restore(self) -> RestoreRepo:
        from kith.store.imports.restore import RestoreRepo

        return RestoreRepo(self.connection)

    @cached_property
    def digest(self) -> DigestRepo:
        from kith.store.digest import DigestRepo

        return DigestRepo(self.connection)

    @cached_property
    def carddav(self) -> CardDavRepo:
        from kith.store.sync.carddav import CardDavRepo

        return CardDavRepo(self.connection)

    @cached_property
    def sync(self) -> SyncRepo:
        from kith.store.sync.sources import SyncRepo

        return SyncRepo(self.connection)

    @cached_property
    def calendar_sync(self) -> CalendarSyncRepo:
        from kith.store.sync.calendar_sync import CalendarSyncRepo

        return CalendarSyncRepo(self.connection)

    @cached_property
    def mail_sync(self) -> MailSyncRepo:
        from kith.store.sync.mail_sync import MailSyncRepo

        return MailSyncRepo(self.connection)


@contextmanager
def refusing_damaged(path: str) -> Iterator[None]:
    """Turn SQLite's "malformed" and "not a database" into a refusal that names the file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError | sqlite3.IntegrityError):
            raise
        raise DatabaseRefused(
            f"{path} is damaged or not a database ({exc}); Kith has not changed it. "
            "Restore from a backup (`kith restore BACKUP`)."
        ) from exc


SQLiteError = sqlite3.Error

# What `Store.deriving` may write on a read-only file: tables that hold only what is worked out
# from the rest (a cache a command would otherwise compute again), and the set of the layers'
# tables that holds the current state (`derived_tables`).
DERIVED_TABLES = (
    "meta",
    "plan_week",
    "plan_pick",
    "circle",
    "circle_member",
    "stored_result",
)


def derived_tables(connection: sqlite3.Connection) -> tuple[str, ...]:
    """DERIVED_TABLES and the current state's three layer tables (migration 0047)."""
    from kith.store.week import generation

    return (*DERIVED_TABLES, *generation.tables(generation.current(connection)))


def shadow(connection: sqlite3.Connection, tables: tuple[str, ...]) -> None:
    """Copy `tables` (schema, indexes and rows) into the temporary schema, where unqualified
    names find them first. Foreign keys are switched off: a temporary table cannot refer to a
    stored one, and nothing stored is written on this connection."""
    connection.execute("PRAGMA foreign_keys = OFF")
    for table in tables:
        for (sql,) in connection.execute(
            "SELECT sql FROM main.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY type DESC",  # the table before its indexes
            (table,),
        ).fetchall():
            if sql.startswith("CREATE TABLE"):
                connection.execute(sql.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
                connection.execute(f"INSERT INTO temp.{table} SELECT * FROM main.{table}")
            elif sql.startswith(("CREATE INDEX", "CREATE UNIQUE INDEX")):
                head, _, rest = sql.partition(" INDEX ")
                connection.execute(f"{head} INDEX temp.{rest.lstrip()}")


NOT_UTF8 = "Could not decode to UTF-8"  # what Python's sqlite3 says of text Kith never writes


def read_only_error(path: str | Path) -> UserError:
    return UserError(
        f"The database {path} is read-only here: Kith can list, show, search, export and back "
        "it up, but not change it. Make the file and its folder writable to change it."
    )


def disk_full(error: BaseException) -> bool:
    """Whether SQLite failed for want of space (the disk, or the file's `max_page_count`)."""
    return isinstance(error, sqlite3.Error) and (
        getattr(error, "sqlite_errorname", "") == "SQLITE_FULL"
        or "database or disk is full" in str(error)
    )


ROOM = 1 << 20  # free bytes below which a failed read or write is put down to a full disk


def no_room(path: str | Path) -> bool:
    """Whether the file system holding `path` is (all but) full: SQLite then fails to grow the
    shared-memory file an open needs as an I/O error (SQLITE_IOERR_SHMSIZE), not SQLITE_FULL."""
    try:
        found = os.statvfs(Path(path).resolve().parent)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < ROOM


def disk_full_error(path: str | Path) -> UserError:
    return UserError(
        f"The disk holding {path} is full; nothing of this command was written. "
        "Free some space and run it again."
    )


def explain(error: sqlite3.Error, path: str | Path) -> KithError:
    """What a person should read when SQLite fails in the middle of a command."""
    if isinstance(error, sqlite3.OperationalError) and str(error).startswith(NOT_UTF8):
        return DatabaseRefused(damaged(path, f"text that is not UTF-8: {error}"))
    name = getattr(error, "sqlite_errorname", "")
    if disk_full(error) or (name.startswith("SQLITE_IOERR") and no_room(path)):
        return disk_full_error(path)
    if name.startswith("SQLITE_READONLY") or "readonly database" in str(error):
        return read_only_error(path)
    if isinstance(error, sqlite3.OperationalError):
        return UserError(
            f"The database {path} is busy or cannot be written ({error}); try "
            "again, or check the file's permissions and free disk space."
        )
    if isinstance(error, sqlite3.IntegrityError):
        return KithError(
            f"The database refused a change ({error}); nothing was written. "
            "Please report this with the command you ran."
        )
    return DatabaseRefused(damaged(path, str(error)))


def open_store(path: str | Path, *, private_dir: bool = False) -> Store:
    """Open (creating if needed) the Kith database at `path`, migrated to the latest schema.

    A file that is not a Kith database, is damaged or has a newer schema raises
    `DatabaseRefused` and is left exactly as it was. `private_dir` creates a missing parent
    directory with mode 0700 (Kith's own data directory); a directory the user chose is never
    changed.
    """
    target = Path(path)
    if target.is_dir():
        raise UserError(f"{target} is a folder; give the database file, e.g. {target / 'kith.db'}.")
    fresh = not target.exists() or target.stat().st_size == 0
    key = str(target.resolve())
    held = _hold(key, +1)
    try:
        if fresh and not held:
            create_file(target, private_dir=private_dir)
        elif not held:  # a file open here already was checked; reading it again is unsafe
            check_header(target)
    except BaseException:
        _hold(key, -1)
        raise
    # before SQLite opens it: a -wal or -shm it makes takes the database file's mode
    notes, unkept = tighten(target, private_dir=private_dir) if not held else ([], [])
    if not fresh and not writable(target):
        store = _open_read_only(target, key)
        store.notes = notes + store.notes
        return store
    connection = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    try:
        with refusing_damaged(str(target)):
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check_version(connection, target)
            check_sound(connection, target)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.create_function("kith_fold", 1, fold, deterministic=True)
            migrations.migrate(connection, target, APPLICATION_ID)
    except integrity.Damage as damage:
        connection.close()
        _hold(key, -1)
        raise DatabaseRefused(damaged(target, damage.problem)) from None
    except BaseException:
        connection.close()
        _hold(key, -1)
        raise
    store = Store(connection, str(target), key)
    store.notes = notes
    return recovered(store, target, unkept)


def recovered(store: Store, target: Path, unkept: list[str]) -> Store:
    """`store` with the sliced imports that died taken back; on a full disk, where they cannot
    be, a view of the file as it was before them."""
    try:
        with refusing_damaged(str(target)):
            store.recover()
            store.notes += _once(store, unkept)  # a read-only file cannot remember: only check says
    except sqlite3.Error as error:
        if not disk_full(error):
            store.close()
            raise
        view = as_before(store.connection, target, store._key, "the disk is full")
        view.notes = store.notes + view.notes
        store.connection.close()
        return view
    except BaseException:
        store.close()
        raise
    return store


def as_before(connection: sqlite3.Connection, target: Path, key: str | None, why: str) -> Store:
    """The file as it was before the sliced imports whose journal is in it, for reading: a copy
    in memory with every journaled run taken back, when the file itself cannot be (read-only, or
    a full disk). Its slices are never shown; the next open that can write takes them back."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    connection.backup(memory)
    memory.create_function("kith_fold", 1, fold, deterministic=True)
    memory.execute("BEGIN")
    for token in journal.journaled(memory):
        journal.roll_back(memory, token)
    memory.execute("COMMIT")
    memory.execute("PRAGMA foreign_keys = ON")
    view = Store(memory, str(target), key, read_only=True)
    view.notes = [
        f"Note: an import into {target} was cut off and cannot be taken back yet ({why}); "
        "Kith shows the database as it was before it, and takes it back once it can write."
    ]
    return view


def _guarded(target: Path, private_dir: bool) -> list[tuple[Path, int]]:
    """The files Kith keeps from others, each with the mode it wants at most."""
    wanted = [(Path(f"{target}{suffix}"), FILE_MODE) for suffix in ("", "-wal", "-shm")]
    return [*wanted, (target.parent, 0o700)] if private_dir else wanted


def tighten(target: Path, *, private_dir: bool) -> tuple[list[str], list[str]]:
    """Take away what others may do with the database, its -wal and -shm (to 0600) and, when it
    is Kith's own, its folder (to 0700): a note for each changed, and one for each that its
    disk would not change (a file system that keeps no modes: chmod succeeds and does
    nothing), apart. Files of another owner, or that cannot be changed, are left as they are."""
    notes, unkept = [], []
    for path, mode in _guarded(target, private_dir):
        try:
            now = stat.S_IMODE(path.stat().st_mode)
            if now & 0o077 and path.stat().st_uid == os.getuid():
                path.chmod(now & mode)
                after = stat.S_IMODE(path.stat().st_mode)
                if after & ~mode & 0o777:
                    unkept.append(unkept_note(path, after))
                    continue
                notes.append(
                    f"Note: {path} could be read by others (mode {now:o}); tightened to {after:o}."
                )
        except OSError:
            continue
    return notes, unkept


def unkept_note(path: Path, mode: int) -> str:
    return (
        f"Note: {path} can be read by others (mode {mode:o}) and its disk keeps no file modes, "
        "so Kith cannot change that: keep it on a disk only you use. Said once; `kith check` "
        "says it again."
    )


def open_to_others(target: Path, *, private_dir: bool) -> list[str]:
    """What `tighten` could not change, said again (for `kith check`): each of Kith's files
    others may still read. Changes nothing."""
    found = []
    for path, mode in _guarded(target, private_dir):
        with suppress(OSError):
            now = stat.S_IMODE(path.stat().st_mode)
            if now & ~mode & 0o777 and path.stat().st_uid == os.getuid():
                found.append(unkept_note(path, now))
    return found


UNKEPT_FACT = "modes_unkept"  # the notes of files whose disk keeps no modes, said once each


def _once(store: Store, unkept: list[str]) -> list[str]:
    """The notes of `unkept` not said before on this database, remembered as said."""
    said = set(json.loads(store.meta.fact(UNKEPT_FACT) or "[]")) if unkept else set()
    new = [note for note in unkept if note not in said]
    if new:
        with store.transaction():
            store.meta.set_fact(UNKEPT_FACT, json.dumps(sorted(said | set(new))))
    return new


def writable(target: Path) -> bool:
    """Whether this process can write the file and keep its -wal and -shm beside it (they
    exist writable already, or the folder lets them be made)."""
    if not os.access(target, os.W_OK):
        return False
    if os.access(target.parent, os.W_OK | os.X_OK):
        return True
    beside = [target.with_name(target.name + end) for end in ("-wal", "-shm")]
    return all(p.exists() and os.access(p, os.W_OK) for p in beside)


def _open_read_only(target: Path, key: str) -> Store:
    """A file this process cannot write, opened for reading: every read works, every write is
    refused with one sentence. Without its -wal and -shm, and no way to make them, the file is
    read as immutable (no WAL can hold anything newer when none exists)."""
    beside = [target.with_name(target.name + end) for end in ("-wal", "-shm")]
    immutable = "" if all(p.exists() for p in beside) else "&immutable=1"
    uri = f"{target.resolve().as_uri()}?mode=ro{immutable}"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        with refusing_damaged(str(target)):
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check_version(connection, target)
            if connection.execute("PRAGMA user_version").fetchone()[0] < (
                migrations.latest_version()
            ):
                raise UserError(
                    f"The database {target} is read-only here and was written by an older Kith: "
                    "it must be upgraded before this Kith can read it. Make the file and its "
                    "folder writable and run the command again."
                )
            connection.execute("PRAGMA foreign_keys = ON")
            connection.create_function("kith_fold", 1, fold, deterministic=True)
            if journal.journaled(connection):
                view = as_before(connection, target, key, "the file is read-only here")
                connection.close()
                return view
    except BaseException:
        connection.close()
        _hold(key, -1)
        raise
    return Store(connection, str(target), key, read_only=True)


def create_file(target: Path, *, private_dir: bool) -> None:
    if not target.parent.exists():
        if not private_dir:
            raise UserError(
                f"The folder {target.parent} does not exist; create it or choose another --db."
            )
        target.parent.mkdir(mode=0o700, parents=True)
    try:
        descriptor = os.open(target, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    except OSError as refused:  # a read-only or special folder: say so, in one line
        raise UserError(
            f"Cannot create the database {target}: {refused.strerror or refused}. "
            "Choose a folder you can write to with --db (or KITH_DB)."
        ) from refused
    os.close(descriptor)


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def check_header(target: Path) -> None:
    """Refuse, from the file's first 100 bytes alone, what is not a Kith database.

    Reading the header directly (not through SQLite) leaves no -wal or -shm file beside a
    file that is not Kith's.
    """
    with target.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(
            f"{target} is damaged or not a database (file is not a database); Kith has not "
            "changed it. Restore from a backup (`kith restore BACKUP`)."
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return
    if application_id != 0 or has_tables(target):
        raise DatabaseRefused(
            f"{target} is an SQLite database but not a Kith database; Kith has not changed it. "
            "Choose another file with --db."
        )


def has_tables(target: Path) -> bool:
    """Whether an SQLite file without an application id holds anything (read as immutable)."""
    probe = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        with refusing_damaged(str(target)):
            return bool(probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        probe.close()


def check_version(connection: sqlite3.Connection, target: Path) -> None:
    """Refuse a schema newer than this Kith knows, before anything is written."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > migrations.latest_version():
        raise DatabaseRefused(
            f"{target} was written by a newer Kith (schema {version}; this Kith knows up to "
            f"{migrations.latest_version()}). Upgrade Kith; the file has not been changed."
        )


def check_sound(connection: sqlite3.Connection, target: Path) -> None:
    """The cheap checks of the schema (integrity.check_schema), before anything is written."""
    try:
        integrity.check_schema(connection)
    except integrity.Damage as damage:
        raise DatabaseRefused(damaged(target, damage.problem)) from None


def damaged(target: str | Path, problem: str) -> str:
    """The one sentence for a damaged file: what is wrong, that nothing changed, what to do."""
    return (
        f"{target} is damaged ({problem}); Kith has not written to it. "
        "Restore from a backup (`kith restore BACKUP`): your own, or a copy Kith kept beside "
        f"the file ({Path(target).name}.before-*). With none, `sqlite3 {target} .recover` "
        "salvages what can still be read."
    )


def check_existing(target: Path) -> None:
    """Refuse, without writing to it, a file Kith must not open (used before a restore)."""
    check_header(target)
    probe = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with refusing_damaged(str(target)):
            check_version(probe, target)
    finally:
        probe.close()
