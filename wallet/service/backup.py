"""Backup and restore.  A backup is the vault's tables, encrypted (wallet.vault.backup); the SQL stays in
the store.  Merging a backup into an existing wallet admits each credential exactly as an import does."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BackupError, Cancelled, WalletError
from ..model import Credential
from ..vault import Vault
from ..vault import backup as backup_mod
from .session import CancelFlag, Pending, Progress, Session, admit


@dataclass
class RestoreResult:
    """What restoring a backup did (the extra keys of ``restore --json`` in docs/cli.md)."""

    mode: str  # "merge": into an existing wallet; "new": a wallet made from the backup
    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)  # ids in this wallet
    refused: list[dict[str, Any]] = field(default_factory=list)  # {"id": id in the backup, "status", "error"}
    statuses: dict[str, str] = field(default_factory=dict)  # added id -> status of this wallet's own check


def backup(s: Session, out: Path) -> int:
    return backup_mod.write_backup(Path(out), s.vault.header, s.vault.data_key, s.store.dump())


def restore(s: Session, path: Path, *, passphrase: str | None = None, recovery_code: str | None = None) -> list[str]:
    """Merge a backup into this wallet (see ``merge_backup``); returns the ids of the credentials added."""
    return merge_backup(s, path, passphrase=passphrase, recovery_code=recovery_code).added


def merge_backup(s: Session, path: Path, *, passphrase: str | None = None, recovery_code: str | None = None,
                 progress: Progress | None = None, cancel: CancelFlag | None = None) -> RestoreResult:
    """Add a backup's credentials, with their tags, notes and stacks, to this (existing) wallet.

    The backup is only as trustworthy as whoever made it, so nothing of it is taken on its word:
    each credential is parsed and checked again exactly as ``import`` does, offline, against this
    wallet's own trust list; its stored report and normalized view are discarded and rebuilt here.
    Invalid or unreadable ones are refused (listed in the result), duplicates are skipped.  This
    wallet's settings, trusted issuers, fetched keys and status lists, holder keys, disclosure log
    and the reports of the credentials it already holds are never touched.  A damaged or tampered
    file is refused before anything is written; everything else is one transaction."""
    src = Path(path)
    opened = backup_mod.read_backup(src, passphrase=passphrase, recovery_code=recovery_code)
    tables = opened.tables
    rows = _rows(tables, "credentials", src)
    tags = _rows(tables, "tags", src)
    stacks = _rows(tables, "stacks", src)
    members = _rows(tables, "stack_items", src)
    result = RestoreResult("merge")
    ctx = s.verify_context(online=False)
    pending = Pending()
    prepared: list[Credential] = []
    id_map: dict[str, str] = {}  # the backup's credential id -> the id it has in this wallet
    total = len(rows)
    for done, row in enumerate(rows):
        if cancel and cancel():
            raise Cancelled(f"restore stopped after {done} of {total} credentials; nothing was changed")
        bid = _text(row.get("id"), "credentials", "id", src)
        if progress:
            progress(done, total, bid)
        original = row.get("original")
        file_name = row.get("file_name") if isinstance(row.get("file_name"), str) else None
        if not isinstance(original, bytes):
            result.refused.append({"id": bid, "status": None, "error": "no original credential bytes"})
            continue
        r, cred = admit(s, original, f"{src.name}: credential {bid}", file_name, ctx, False, None, pending)
        if r.duplicate and r.id:
            id_map[bid] = r.id
            if r.id not in pending.status:  # not merely twice in this backup
                result.already_present.append(r.id)
        elif cred is None:
            result.refused.append({"id": bid, "status": r.status, "error": r.error or "refused"})
        else:
            notes = row.get("notes")
            cred.notes = notes if isinstance(notes, str) else ""
            if isinstance(row.get("imported_at"), str) and row["imported_at"]:
                cred.imported_at = row["imported_at"]
            id_map[bid] = cred.id
            prepared.append(cred)
    by_id = {c.id: c for c in prepared}
    for t in tags:
        cid = id_map.get(_text(t.get("credential_id"), "tags", "credential_id", src))
        tag = _text(t.get("tag"), "tags", "tag", src).strip()
        if cid in by_id and tag and tag not in by_id[cid].tags:
            by_id[cid].tags.append(tag)
    new_stacks = [_stack_row(x, src) for x in stacks]
    items = [(_text(m.get("stack"), "stack_items", "stack", src),
              id_map.get(_text(m.get("credential_id"), "stack_items", "credential_id", src))) for m in members]
    if progress:
        progress(total, total, "")
    with s.store.transaction() as db:
        for cred in prepared:
            s.store.insert(db, cred)
        s.store.merge_stacks(db, new_stacks, items)
    result.added = [c.id for c in prepared]
    result.statuses = {c.id: c.report.status for c in prepared}
    return result


def restore_new(home: Path, path: Path, *, passphrase: str | None = None,
                recovery_code: str | None = None) -> tuple[Session, list[str]]:
    """Recreate a wallet from a backup where none exists; the backup's passphrase opens it.  This is the
    learner's own wallet coming back, so everything returns: settings, trusted issuers, fetched keys,
    reports, holder keys and the disclosure log."""
    if Vault.exists(home):
        raise WalletError("a wallet already exists here; unlock it to restore into it", path=str(home))
    src = Path(path)
    opened = backup_mod.read_backup(src, passphrase=passphrase, recovery_code=recovery_code)
    vault = Vault._create_from(home, opened.key_header, opened.data_key)
    session = Session(vault)
    try:
        with session.store.transaction() as db:
            added = session.store.load_all(db, opened.tables)
    except BaseException as exc:
        vault.lock()
        for f in (Vault.header_path(home), Vault.db_path(home)):
            f.unlink(missing_ok=True)
        if isinstance(exc, KeyError | TypeError | ValueError | AttributeError):
            raise BackupError(f"backup content is not a credwallet wallet ({type(exc).__name__}: {exc})",
                              path=str(src)) from exc
        raise
    return session, added


def _rows(tables: dict[str, Any], table: str, src: Path) -> list[dict[str, Any]]:
    rows = tables.get(table, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BackupError(f"backup content is not a credwallet wallet (table {table})", path=str(src))
    return rows


def _text(value: Any, table: str, column: str, src: Path) -> str:
    if not isinstance(value, str):
        raise BackupError(f"backup content is not a credwallet wallet ({table}.{column} is not text)", path=str(src))
    return value


def _stack_row(row: dict[str, Any], src: Path) -> tuple[str, float | None, str, str]:
    name = _text(row.get("name"), "stacks", "name", src)
    target = row.get("target_credits")
    required = row.get("required_skills", "[]")
    try:
        skills = json.loads(required) if isinstance(required, str) else None
    except (ValueError, RecursionError):
        skills = None
    if (not name.strip() or (target is not None and (isinstance(target, bool) or not isinstance(target, int | float)))
            or not isinstance(skills, list) or not all(isinstance(x, str) for x in skills)):
        raise BackupError(f"backup content is not a credwallet wallet (stack {name[:40]!r})", path=str(src))
    created = row.get("created")
    created = created if isinstance(created, str) else ""
    return name, None if target is None else float(target), json.dumps(skills), created
