"""The SQLCipher 4 database: opening, migrating (the steps are in schema.py), transactions, and the
credentials, settings, holder keys, disclosure log, skills and stacks in it (indexes: index.py).

Opened with a raw 256-bit key (``PRAGMA key = "x'...'"``), so opening costs no key derivation.
WAL journal with ``synchronous=FULL``; temp storage in memory so no plaintext temp file is ever made.
Every mutation runs in one ``BEGIN IMMEDIATE`` transaction.
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from ..errors import CorruptWallet, NotFound, WalletError, WrongPassphrase
from ..fsutil import FILE_MODE, fsync_dir
from ..model import Credential, Normalized, Summary, VerificationReport
from .index import fts_query, index_skills, reindex
from .exchange_tables import ExchangeTables
from .image_cache import ImageCache
from .portfolio_tables import PortfolioTables
from .schema import BACKUP_TABLES, MIGRATIONS, SCHEMA_VERSION

Row = dict[str, Any]

def _verdict(report_json: str | None, normalized_json: str | None) -> tuple[str, str]:
    """The headline and the issuer-confirmation rung for a summary row (same words as everywhere)."""
    from ..verify import verdict

    try:
        report = VerificationReport.from_json(json.loads(report_json)) if report_json else VerificationReport("unverified")
        normalized = Normalized.from_json(json.loads(normalized_json)) if normalized_json else None
    except (ValueError, TypeError, KeyError):
        return "", ""
    return verdict.headline(report, normalized), verdict.confirmation(report).get("confirmation", "")


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class Store(PortfolioTables, ImageCache, ExchangeTables):
    """One open database.  Its rows name a credential three ways (see wallet.model.Credential): ``id`` (the
    wallet's own id, the primary key every other table refers to as ``credential_id``), ``sha256`` (of the
    original bytes) and ``credential_key`` (the identifier the issuer gave it, Normalized.credential_id): the
    last two find duplicates."""

    def __init__(self, path: Path, db: sqlcipher3.Connection):
        self.path = path
        self._db: sqlcipher3.Connection | None = db

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, key: bytes, *, target_version: int = SCHEMA_VERSION, create: bool = False) -> Store:
        existed = path.exists()
        if not existed and not create:
            raise CorruptWallet("database file is missing", path=str(path))
        try:
            db = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlcipher3.Error as exc:
            raise CorruptWallet(f"cannot open database: {exc}", path=str(path)) from exc
        try:
            db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            db.execute("PRAGMA cipher_memory_security = OFF")
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher3.DatabaseError as exc:
                raise WrongPassphrase("the key does not open this database", path=str(path)) from exc
            db.execute("PRAGMA journal_mode = WAL").fetchone()
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA temp_store = MEMORY")
            db.execute("PRAGMA secure_delete = ON")
        except BaseException:
            db.close()
            raise
        if not existed:
            path.chmod(FILE_MODE)
        store = cls(path, db)
        try:
            store.migrate(target_version)
        except BaseException:
            store.close()
            raise
        return store

    @property
    def db(self) -> sqlcipher3.Connection:
        if self._db is None:
            from ..errors import Locked

            raise Locked("the wallet is locked")
        return self._db

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlcipher3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()
            self._db = None

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise CorruptWallet(
                f"made by a newer credwallet (schema {current}, this one knows {SCHEMA_VERSION})", path=str(self.path)
            )
        if current >= target:
            return
        if current > 0:
            self._backup_before_migration(current)
        for version in range(current + 1, target + 1):
            with self.transaction() as db:
                MIGRATIONS[version - 1](db)
                db.execute(f"PRAGMA user_version = {version}")

    def _backup_before_migration(self, current: int) -> None:
        """Copy the (encrypted) database aside before changing its schema."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        dest = self.path.with_name(f"{self.path.name}.schema{current}.bak")
        if not dest.exists():
            tmp = dest.with_name(dest.name + ".tmp")
            shutil.copyfile(self.path, tmp)
            tmp.chmod(FILE_MODE)
            tmp.replace(dest)
            fsync_dir(self.path.parent)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlcipher3.Error as exc:
            raise WalletError(f"the wallet is busy or unwritable ({exc})", path=str(self.path)) from exc
        try:
            yield db
            db.execute("COMMIT")
        except sqlcipher3.Error as exc:
            # e.g. SQLITE_FULL: SQLite may already have rolled back; never leave half a change
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise WalletError(f"could not save the change ({exc}); nothing was written", path=str(self.path)) from exc
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def integrity_errors(self) -> list[str]:
        bad = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        bad += [str(r[0]) for r in self.db.execute("PRAGMA cipher_integrity_check")]
        return bad

    # -- credentials ------------------------------------------------------------------------
    def resolve_id(self, ref: str) -> str:
        """Accept a full id or an unambiguous prefix (as git does)."""
        ref = ref.strip().lower()
        if not ref or not all(c in "0123456789abcdef" for c in ref):
            raise NotFound(f"no credential with id {ref!r}")
        rows = self.db.execute(
            "SELECT id FROM credentials WHERE id >= ? AND id < ? LIMIT 2", (ref, ref + "g")
        ).fetchall()
        if not rows:
            raise NotFound(f"no credential with id {ref!r}")
        if len(rows) > 1:
            raise WalletError(f"id {ref!r} is ambiguous: give more characters")
        return str(rows[0][0])

    def find_duplicate(self, sha256: str, credential_key: str | None) -> str | None:
        row = self.db.execute("SELECT id FROM credentials WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None and credential_key:
            row = self.db.execute("SELECT id FROM credentials WHERE credential_key = ?", (credential_key,)).fetchone()
        return None if row is None else str(row[0])

    def insert(self, db: sqlcipher3.Connection, cred: Credential) -> None:
        n = cred.normalized
        norm_json = json.dumps(n.to_json())
        cur = db.execute(
            "INSERT INTO credentials (id, sha256, credential_key, format, original, normalized, title, issuer_name,"
            " issued, file_name, imported_at, notes, expires) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                cred.id, cred.sha256, n.credential_id, cred.format, cred.original, norm_json,
                n.title, n.issuer_name, n.issued, cred.file_name, cred.imported_at, cred.notes, _text_or_none(n.expires),
            ),
        )
        db.executemany("INSERT INTO tags VALUES (?, ?)", [(cred.id, t) for t in cred.tags])
        self._write_report(db, cred.id, cred.report)
        # what was just written is not read back (an import of 10,000 stores them one after another)
        reindex(db, cred.id, (cur.lastrowid, norm_json, cred.notes, list(cred.tags)))
        index_skills(db, cred.id, norm_json)

    def _write_report(self, db: sqlcipher3.Connection, cid: str, report: VerificationReport) -> None:
        db.execute(
            "INSERT OR REPLACE INTO reports VALUES (?,?,?,?)",
            (cid, report.status, json.dumps(report.to_json()), report.checked_at),
        )

    def set_report(self, cid: str, report: VerificationReport) -> None:
        with self.transaction() as db:
            self._write_report(db, cid, report)

    def set_checked(self, cid: str, normalized: Normalized, report: VerificationReport) -> None:
        """A new check's report and the display record it read from what was signed, in one transaction
        (wallets from before the signed view get theirs on the next check)."""
        self.set_checked_many([(cid, normalized, report)])

    def set_checked_many(self, checked: list[tuple[str, Normalized, VerificationReport]],
                         previous: dict[str, str] | None = None) -> None:
        """set_checked for many credentials in one transaction (a batched re-check: one commit per batch).
        ``previous``: the normalized JSON each id had when the caller read it; a record that comes out the same
        (the usual re-check) keeps its row and its search and skill rows, and only its report is written.  (A
        change to how those rows are derived is a schema step that rewrites them all: wallet/vault/schema.py.)"""
        with self.transaction() as db:
            for cid, normalized, report in checked:
                norm_json = json.dumps(normalized.to_json())
                if previous is None or previous.get(cid) != norm_json:
                    db.execute("UPDATE credentials SET normalized = ?, title = ?, issuer_name = ?, issued = ?,"
                               " expires = ? WHERE id = ?", (norm_json, normalized.title, normalized.issuer_name,
                                                             normalized.issued, _text_or_none(normalized.expires), cid))
                    reindex(db, cid)
                    index_skills(db, cid, norm_json)
                self._write_report(db, cid, report)

    def get(self, cid: str) -> Credential:
        row = self.db.execute(
            "SELECT c.id, c.format, c.original, c.sha256, c.normalized, r.report, c.notes, c.file_name, c.imported_at"
            " FROM credentials c LEFT JOIN reports r ON r.credential_id = c.id WHERE c.id = ?",
            (cid,),
        ).fetchone()
        if row is None:
            raise NotFound(f"no credential with id {cid!r}")
        tags = [t for (t,) in self.db.execute("SELECT tag FROM tags WHERE credential_id = ? ORDER BY tag", (cid,))]
        report = VerificationReport.from_json(json.loads(row[5])) if row[5] else VerificationReport("unverified")
        return Credential(
            id=row[0], format=row[1], original=bytes(row[2]), sha256=row[3],
            normalized=Normalized.from_json(json.loads(row[4])), report=report, tags=tags,
            notes=row[6], file_name=row[7], imported_at=row[8],
        )

    def summaries(self, search: str | None = None, *, status: str | None = None, fmt: str | None = None,
             tag: str | None = None, issuer: str | None = None, since: str | None = None,
             until: str | None = None, ids: set[str] | None = None) -> list[Summary]:
        sql = (
            "SELECT c.id, c.format, c.title, c.issuer_name, c.issued, coalesce(r.status, 'unverified'), c.imported_at,"
            " r.report, c.normalized, c.expires, p.issuer, p.issuer_name, p.received_at FROM credentials c"
            " LEFT JOIN reports r ON r.credential_id = c.id LEFT JOIN provenance p ON p.credential_id = c.id"
        )
        where: list[str] = []
        args: list[Any] = []
        if search is not None and search.strip():
            where.append("c.rowid IN (SELECT rowid FROM credential_fts WHERE credential_fts MATCH ?)")
            args.append(fts_query(search))
        if status:
            where.append("coalesce(r.status, 'unverified') = ?")
            args.append(status)
        if fmt:
            where.append("c.format = ?")
            args.append(fmt)
        if tag:
            where.append("EXISTS (SELECT 1 FROM tags t WHERE t.credential_id = c.id AND t.tag = ?)")
            args.append(tag)
        if issuer:
            where.append("c.issuer_name LIKE ? ESCAPE '\\'")
            args.append("%" + issuer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if since:
            where.append("c.issued >= ?")
            args.append(since)
        if until:
            where.append("c.issued <= ?")
            args.append(until + "\uffff")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.issued DESC, c.title"
        tags: dict[str, list[str]] = {}
        for cid, tag in self.db.execute("SELECT credential_id, tag FROM tags ORDER BY tag"):
            tags.setdefault(cid, []).append(tag)
        return [Summary(r[0], r[1], r[2], r[3], r[4], r[5], tags.get(r[0], []), r[6],
                        functools.partial(_verdict, r[7], r[8]), expires=r[9] if isinstance(r[9], str) else None,
                        received_from={"issuer": r[10], "issuer_name": r[11], "received_at": r[12]} if r[10] else None)
                for r in self.db.execute(sql, args) if ids is None or r[0] in ids]

    def ids_at_level(self, level: str) -> set[str]:
        """Credentials whose level is ``level`` ("6", or "EQF 6")."""
        parts = level.split()
        value = parts[-1]
        sql = "SELECT id FROM credentials WHERE json_extract(normalized, '$.level.value') = ?"
        args: list[Any] = [value]
        if len(parts) > 1:
            sql += " AND lower(json_extract(normalized, '$.level.framework')) = lower(?)"
            args.append(" ".join(parts[:-1]))
        return {r[0] for r in self.db.execute(sql, args)}

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM credentials").fetchone()[0])

    def delete(self, cid: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM credential_fts WHERE credential_id = ?", (cid,))
            cur = db.execute("DELETE FROM credentials WHERE id = ?", (cid,))
            if cur.rowcount == 0:
                raise NotFound(f"no credential with id {cid!r}")

    def add_tag(self, cid: str, tag: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO tags VALUES (?, ?)", (cid, tag))
            reindex(db, cid)

    def remove_tag(self, cid: str, tag: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM tags WHERE credential_id = ? AND tag = ?", (cid, tag))
            reindex(db, cid)

    def set_notes(self, cid: str, notes: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE credentials SET notes = ? WHERE id = ?", (notes, cid))
            reindex(db, cid)

    # -- settings ---------------------------------------------------------------------------
    def get_setting(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, json.dumps(value)))

    # -- whole-wallet dump/load for backups -------------------------------------------------
    def dump(self) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        for table in BACKUP_TABLES:
            cur = self.db.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            cols = [d[0] for d in cur.description]
            out[table] = [dict(zip(cols, r, strict=True)) for r in cur]
        return out

    def load_all(self, db: sqlcipher3.Connection, tables: dict[str, list[Row]]) -> list[str]:
        """Fill an empty wallet with every dumped row (inside the caller's transaction): a new wallet made
        from the learner's own backup.  Returns the credential ids added.  Merging a backup into a wallet
        that already has content is ``Wallet.merge_backup``, which takes only credentials, tags, notes and
        stacks and checks the credentials again."""
        if any(db.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in BACKUP_TABLES):  # noqa: S608
            raise WalletError("a full restore needs an empty wallet; this one has content", path=str(self.path))
        added: list[str] = []
        for table in BACKUP_TABLES:
            rows = tables.get(table, [])
            cols = [c for (_, c, *_rest) in db.execute(f"PRAGMA table_info({table})")]
            for row in rows:
                keys = [c for c in cols if c in row]
                if not keys:
                    continue
                db.execute(
                    f"INSERT INTO {table} ({','.join(keys)}) VALUES ({','.join('?' * len(keys))})",  # noqa: S608
                    [row[k] for k in keys],
                )
                if table == "credentials":
                    added.append(str(row["id"]))
        # a backup from before schema 6 has no expires column: read it from the records
        db.execute("UPDATE credentials SET expires = json_extract(normalized, '$.expires') WHERE expires IS NULL")
        for cid in added:
            reindex(db, cid)
            index_skills(db, cid)
        return added

    # -- holder keys and the disclosure log ---------------------------------------------------
    def holder_key(self, kind: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT private_jwk FROM holder_keys WHERE kind = ?", (kind,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set_holder_key(self, kind: str, key_id: str, private_jwk: dict[str, Any], created: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM holder_keys WHERE kind = ?", (kind,))
            db.execute("INSERT INTO holder_keys VALUES (?,?,?,?)", (key_id, kind, json.dumps(private_jwk), created))

    def log_disclosure(self, at: str, audience: str, form: str, credentials: list[str], disclosed: Any,
                       expires: str | None) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO disclosure_log (at, audience, form, credentials, disclosed, expires)"
                       " VALUES (?,?,?,?,?,?)", (at, audience, form, json.dumps(credentials), json.dumps(disclosed),
                                                 expires))

    def disclosures(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, at, audience, form, credentials, disclosed, expires FROM disclosure_log"
                               " ORDER BY id DESC").fetchall()
        return [{"id": r[0], "at": r[1], "audience": r[2], "form": r[3], "credentials": json.loads(r[4]),
                 "disclosed": json.loads(r[5]), "expires": r[6]} for r in rows]
