"""The database schema, built step by step: each step takes a connection inside a transaction and brings
the schema from N-1 to N.  Never edit a released step: add a new one.  tests/vault/golden holds a wallet
made at schema 1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import sqlcipher3

from ..model import VerificationReport


def _script(db: sqlcipher3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction (``executescript`` would commit it)."""
    for stmt in sql.split(";"):
        if stmt.strip():
            db.execute(stmt)


def _step1(db: sqlcipher3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE credentials (
            id           TEXT PRIMARY KEY,
            sha256       TEXT NOT NULL UNIQUE,
            credential_key TEXT UNIQUE,
            format       TEXT NOT NULL,
            original     BLOB NOT NULL,
            normalized   TEXT NOT NULL,
            title        TEXT NOT NULL DEFAULT '',
            issuer_name  TEXT NOT NULL DEFAULT '',
            issued       TEXT,
            file_name    TEXT,
            imported_at  TEXT NOT NULL,
            notes        TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE tags (
            credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
            tag           TEXT NOT NULL,
            PRIMARY KEY (credential_id, tag)
        );
        """
    )


def _step2(db: sqlcipher3.Connection) -> None:
    """Verification reports get their own table; existing credentials start as unverified."""
    _script(
        db,
        """
        CREATE TABLE reports (
            credential_id TEXT PRIMARY KEY REFERENCES credentials(id) ON DELETE CASCADE,
            status        TEXT NOT NULL,
            report        TEXT NOT NULL,
            checked_at    TEXT NOT NULL
        );
        """
    )
    empty = json.dumps(VerificationReport.unverified("not verified yet", "").to_json())
    db.execute("INSERT INTO reports SELECT id, 'unverified', ?, '' FROM credentials", (empty,))


def _step3(db: sqlcipher3.Connection) -> None:
    """Full-text search (FTS5) over the normalized fields, tags and notes; a settings table."""
    _script(
        db,
        """
        CREATE VIRTUAL TABLE credential_fts USING fts5(
            credential_id UNINDEXED, title, issuer, subject, description, criteria, skills, tags, notes,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE INDEX credentials_issued ON credentials(issued);
        """
    )
    for cid, normalized, notes, rowid in db.execute("SELECT id, normalized, notes, rowid FROM credentials").fetchall():
        _step3_fts_row(db, cid, json.loads(normalized), notes, rowid)


def _step4(db: sqlcipher3.Connection) -> None:
    """The holder's own keys (for presentations) and the log of everything shared."""
    _script(
        db,
        """
        CREATE TABLE holder_keys (
            id          TEXT PRIMARY KEY,
            kind        TEXT NOT NULL,
            private_jwk TEXT NOT NULL,
            created     TEXT NOT NULL
        );
        CREATE TABLE disclosure_log (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            at          TEXT NOT NULL,
            audience    TEXT NOT NULL,
            form        TEXT NOT NULL,
            credentials TEXT NOT NULL,
            disclosed   TEXT NOT NULL,
            expires     TEXT
        );
        """,
    )


def _step5(db: sqlcipher3.Connection) -> None:
    """Skills index (one row per skill a credential evidences) and stacks toward goals."""
    _script(
        db,
        """
        CREATE TABLE credential_skills (
            credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
            name      TEXT NOT NULL,
            framework TEXT,
            code      TEXT,
            url       TEXT,
            strength  TEXT NOT NULL
        );
        CREATE INDEX credential_skills_cred ON credential_skills(credential_id);
        CREATE TABLE stacks (
            name            TEXT PRIMARY KEY,
            target_credits  REAL,
            required_skills TEXT NOT NULL DEFAULT '[]',
            created         TEXT NOT NULL
        );
        CREATE TABLE stack_items (
            stack         TEXT NOT NULL REFERENCES stacks(name) ON DELETE CASCADE,
            credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
            PRIMARY KEY (stack, credential_id)
        );
        """,
    )
    for cid, normalized in db.execute("SELECT id, normalized FROM credentials").fetchall():
        norm = json.loads(normalized)
        strength = _step5_strength(norm)
        db.executemany("INSERT INTO credential_skills VALUES (?,?,?,?,?,?)",
                       [(cid, sk.get("name", ""), sk.get("framework"), sk.get("code"), sk.get("url"), strength)
                        for sk in norm.get("skills") or [] if isinstance(sk, dict)])


# --- what released steps compute, frozen as they were released ----------------------------------
# A step must give the same result whatever the live code becomes: it reads the normalized JSON itself
# and never calls the model's or the portfolio's functions, which keep changing.


def _step3_fts_row(db: sqlcipher3.Connection, cid: str, norm: dict[str, Any], notes: str, rowid: int) -> None:
    """The full-text row as step 3 wrote it (Normalized.search_fields as released with schema 3)."""
    def text(key: str) -> str:
        v = norm.get(key)
        return v if isinstance(v, str) else ""

    skills = [s for s in norm.get("skills") or [] if isinstance(s, dict)]
    tags = " ".join(t for (t,) in db.execute("SELECT tag FROM tags WHERE credential_id = ?", (cid,)))
    db.execute(
        "INSERT INTO credential_fts (rowid, credential_id, title, issuer, subject, description, criteria, skills,"
        " tags, notes) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (rowid, cid, text("title"), " ".join(x for x in (text("issuer_name"), text("issuer_id")) if x),
         text("subject_name"), text("description"), text("criteria"),
         " ".join(" ".join(filter(None, (s.get("name"), s.get("code"), s.get("framework")))) for s in skills),
         tags, notes),
    )


_STEP5_ASSESSED_WORDS = re.compile(r"\b(assess\w*|exam\w*|test(ed)?|pass(ed)?|grade[ds]?|graded|score[ds]?|"
                                   r"proctored|practical|capstone|demonstrat\w*|certif\w*)\b", re.I)
_STEP5_ASSESSED_TYPES = {"certification", "certificate", "license", "assessmentresult", "course", "degree", "diploma"}


def _step5_strength(norm: dict[str, Any]) -> str:
    """portfolio.strength.strength_of as released with schema 5: "assessed" or "participation"."""
    extra: dict[str, Any] = e if isinstance(e := norm.get("extra"), dict) else {}
    if extra.get("results") or extra.get("assessment"):
        return "assessed"
    if str(extra.get("achievement_type", "")).lower() in _STEP5_ASSESSED_TYPES:
        return "assessed"
    criteria: str = c if isinstance(c := norm.get("criteria"), str) else ""
    return "assessed" if _STEP5_ASSESSED_WORDS.search(criteria) else "participation"


def _step6(db: sqlcipher3.Connection) -> None:
    """Each credential's expiry beside its issue date (the collection lists, sorts and filters by it without
    reading every record), and badge images fetched with online checks on, kept so they show offline (a
    cache: not in backups)."""
    _script(
        db,
        """
        ALTER TABLE credentials ADD COLUMN expires TEXT;
        UPDATE credentials SET expires = json_extract(normalized, '$.expires');
        CREATE INDEX credentials_expires ON credentials(expires);
        CREATE TABLE image_cache (
            url        TEXT PRIMARY KEY,
            kind       TEXT NOT NULL,
            data       BLOB NOT NULL,
            fetched_at TEXT NOT NULL
        );
        """,
    )


def _step7(db: sqlcipher3.Connection) -> None:
    """Where a credential came from (an OpenID4VCI issuer, when) and the deferred issuances still pending (their
    transaction id and access token stay inside this encrypted database)."""
    _script(
        db,
        """
        CREATE TABLE provenance (
            credential_id TEXT PRIMARY KEY REFERENCES credentials(id) ON DELETE CASCADE,
            source        TEXT NOT NULL,
            issuer        TEXT NOT NULL,
            issuer_name   TEXT NOT NULL DEFAULT '',
            received_at   TEXT NOT NULL,
            detail        TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE pending_issuance (
            id            TEXT PRIMARY KEY,
            issuer        TEXT NOT NULL,
            issuer_name   TEXT NOT NULL DEFAULT '',
            configuration TEXT NOT NULL,
            format        TEXT NOT NULL,
            created       TEXT NOT NULL,
            next_poll     TEXT NOT NULL,
            secret        TEXT NOT NULL
        );
        """,
    )


MIGRATIONS: list[Callable[[sqlcipher3.Connection], None]] = [_step1, _step2, _step3, _step4, _step5, _step6,
                                                              _step7]
SCHEMA_VERSION = len(MIGRATIONS)

# Tables a backup carries, in insertion order (parents first).
BACKUP_TABLES = ("credentials", "tags", "reports", "settings", "holder_keys", "disclosure_log", "stacks",
                 "stack_items", "provenance")
