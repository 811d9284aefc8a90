"""The one door to the encrypted database: open it with its key and pragmas.

Traps met with sqlcipher3 (see DESIGN.md 4): `PRAGMA key` answers "ok" even
for a wrong key, so a first read proves the key; `cipher_log_level` must be
silenced before keying or a wrong key prints HMAC noise to stderr;
`set_key(bytes)` treats bytes as a passphrase, so the raw key goes in as an
`x'..'` literal; temp tables stay in memory so nothing spills plaintext.

`cipher_memory_security` stays off (SQLCipher's default since 4.5): it wipes
and locks only SQLite's own buffers while the same answers sit unwiped in
Python strings, and it doubled the time of an import measured here
(bench_import.py); after any statement with hundreds of parameters it made
every later insert about five times slower.
"""

import errno
import threading
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from desktop_app.core.errors import VaultError

KEY_BYTES = 32
Error = sqlcipher3.Error


def open_database(path: Path, key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """Open (or create) the SQLCipher database at `path` keyed with the raw 256-bit `key`."""
    if len(key) != KEY_BYTES:
        raise ValueError("the data key must be 32 bytes")
    if not create and not path.is_file():
        raise VaultError("no_database", f"The vault database {path} is missing.")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise translate(exc, path) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise VaultError("read_only", f"Cannot write to the vault at {path.parent}: WAL journal refused.")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlcipher3.Error as exc:
        conn.close()
        raise translate(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def translate(exc: BaseException, path: Path) -> VaultError:
    """Turn a driver or OS error into one sentence that names the file and the problem."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return VaultError("corrupt_database", f"The vault database {path} is damaged or truncated ({exc}).")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return VaultError("read_only", f"Cannot write to the vault at {path.parent}: the folder is read-only or unavailable.")
    if "disk is full" in text or "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return VaultError("disk_full", f"The disk holding {path.parent} is full; nothing was saved by the last action.")
    if "disk i/o" in text:
        return VaultError("io_error", f"The disk holding {path} reported an input/output error; nothing was saved by the last action.")
    return VaultError("database_error", f"The vault database {path} reported: {exc}")


class Rows(list):
    """Fetched rows, readable the DB-API way."""

    def fetchone(self) -> tuple | None:
        return self[0] if self else None

    def fetchall(self) -> list[tuple]:
        return list(self)


class Database:
    """An open vault connection whose errors come out as VaultError naming the file.

    The GUI saves drafts on its own thread while an export or import runs on
    a worker, over the same connection: a re-entrant lock keeps each
    statement, and each transaction as a whole, to one thread at a time.
    """

    def __init__(self, conn: sqlcipher3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()

    def execute(self, sql: str, params: tuple = ()) -> "Rows":
        """Run one statement and fetch its rows here, where a damaged page can still be named."""
        with self.lock:
            try:
                return Rows(self.conn.execute(sql, params).fetchall())
            except sqlcipher3.Error as exc:
                raise translate(exc, self.path) from None

    def executemany_rows(self, sql: str, rows: list[tuple]) -> None:
        with self.lock:
            try:
                self.conn.executemany(sql, rows)
            except sqlcipher3.Error as exc:
                raise translate(exc, self.path) from None

    def change(self, sql: str, params: tuple = ()) -> int:
        """Run an INSERT/UPDATE/DELETE and return how many rows it touched."""
        with self.lock:
            try:
                return self.conn.execute(sql, params).rowcount
            except sqlcipher3.Error as exc:
                raise translate(exc, self.path) from None

    @contextmanager
    def transaction(self, durable: bool = True):
        """One IMMEDIATE transaction: committed (and, with synchronous=FULL, on disk) when the block ends.

        One that is not `durable` commits without waiting for the disk: a power cut may undo it
        (never half of it), until the next durable commit makes it durable too. Only for what is
        safe to do again, such as the record of what an export sent.
        """
        with self.lock:
            if not durable:
                self.conn.execute("PRAGMA synchronous = NORMAL")
            try:
                self.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    self._rollback()
                    raise
                try:
                    self.conn.execute("COMMIT")
                except sqlcipher3.Error as exc:
                    self._rollback()
                    raise translate(exc, self.path) from None
            finally:
                if not durable:
                    self.conn.execute("PRAGMA synchronous = FULL")

    @contextmanager
    def savepoint(self):
        """Part of the caller's transaction that can fail alone: undone, and the error raised, without undoing
        the rest. Some errors (a full disk) undo the whole transaction; the caller must then fail too."""
        with self.lock:
            self.execute("SAVEPOINT part")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK TO part")
                    self.conn.execute("RELEASE part")
                raise
            self.execute("RELEASE part")

    def _rollback(self) -> None:
        # After a failed statement sqlcipher3 needs an explicit rollback, or a
        # later backup() retries forever (DESIGN.md 4).
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        with self.lock:
            self.conn.close()
