"""Import: untrusted bytes or files -> checked in the checking process (wallet.bounded, from the settings
alone: Session.check_spec) -> admitted -> stored, in batches."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from ..bounded import BoundedChecker
from ..errors import Cancelled, WalletError
from ..fsutil import read_capped
from ..messages import msg
from ..model import Credential
from ..verify.inputs import Checked
from .session import CancelFlag, ImportResult, Pending, Progress, Session, admit

IMPORT_BATCH = 100


def import_bytes(s: Session, data: bytes, source: str, file_name: str | None = None, *, online: bool | None = None,
                 keep_invalid: bool = False) -> ImportResult:
    """Parse, verify and store one credential (one transaction).  Never raises for bad input: the
    result says why.  Invalid credentials are refused unless ``keep_invalid``; warnings are stored
    and flagged."""
    with BoundedChecker(s.check_spec(online), s.max_file_bytes, s.check_seconds, check=s.input_checker) as checker:
        checked = checker.check(data, source)
    result, cred = admit(s, data, source, file_name, None, keep_invalid, checked, Pending())
    s.remember_fetched(checker.fetched)
    if cred is not None:
        try:
            with s.store.transaction() as db:
                s.store.insert(db, cred)
        except WalletError as exc:
            result.id, result.error = None, str(exc)
    return result


def import_paths(s: Session, inputs: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
                 cancel: CancelFlag | None = None, *, online: bool | None = None,
                 keep_invalid: bool = False) -> list[ImportResult]:
    """Import files and folders (recursively), committing in batches."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files += [f for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")]
        else:
            files.append(p)
    total = len(files)
    spec = s.check_spec(online)  # the settings the checks need (the checking process builds its context)
    results: list[ImportResult] = []
    # Stored in batches: one transaction (one fsync) per batch instead of per credential.
    # A crash loses at most the batch in flight; every committed batch is intact.
    batch: list[tuple[ImportResult, Credential]] = []
    pending = Pending()
    last_commit = time.monotonic()
    max_bytes = s.max_file_bytes

    def commit() -> None:
        nonlocal last_commit
        if batch:
            try:
                with s.store.transaction() as db:
                    for _r, cred in batch:
                        s.store.insert(db, cred)
            except WalletError as exc:
                for r, _c in batch:
                    r.id, r.error = None, str(exc)
            batch.clear()
            pending.clear()
        last_commit = time.monotonic()

    def take(done: list[tuple[tuple[Path, bytes | None], Checked]]) -> None:
        for (path, data), checked in done:
            if cancel and cancel():
                commit()
                raise Cancelled(msg("error.import.cancelled", done=len(results), total=total))
            if progress:
                progress(len(results), total, str(path))
            if data is None:  # the file could not be read
                results.append(ImportResult(input=str(path), error=str(checked)))
                continue
            result, cred = admit(s, data, str(path), path.name, None, keep_invalid, checked, pending)
            results.append(result)
            if cred is not None:
                batch.append((result, cred))
            if len(batch) >= IMPORT_BATCH or time.monotonic() - last_commit > 0.5:
                commit()

    # each input is parsed and verified in a worker process within its time budget (wallet.bounded); this
    # loop reads the files and hands them over, and stores what comes back
    with BoundedChecker(spec, max_bytes, s.check_seconds, check=s.input_checker) as checker:
        for path in files:
            try:
                data = read_capped(path, max_bytes)
            except WalletError as exc:
                take(checker.put((path, None), str(exc), str(path)))
            else:
                take(checker.put((path, data), data, str(path)))
        take(checker.drain())
    commit()
    s.remember_fetched(checker.fetched)
    if progress:
        progress(total, total, "")
    return results

