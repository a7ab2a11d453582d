"""Import: untrusted bytes or files -> checked in the checking process (wallet.bounded) -> admitted ->
stored, in batches."""

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
from .session import CancelFlag, ImportResult, Pending, Progress, Session, admit

IMPORT_BATCH = 100


def import_bytes(s: Session, data: bytes, source: str, file_name: str | None = None, *, online: bool | None = None,
                 keep_invalid: bool = False) -> ImportResult:
    """Parse, verify and store one credential (one transaction).  Never raises for bad input: the
    result says why.  Invalid credentials are refused unless ``keep_invalid``; warnings are stored
    and flagged."""
    ctx = s.verify_context(online)
    with BoundedChecker(ctx, s.max_file_bytes, s.check_seconds, check=s.input_checker) as checker:
        checked = checker.check(data, source)
    result, cred = admit(s, data, source, file_name, ctx, keep_invalid, checked, Pending())
    s.keep_fetched(ctx)
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
    ctx = s.verify_context(online)  # built once: trust list, holder key, online flag
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

    def read_all() -> Iterable[tuple[tuple[Path, bytes | None], bytes | str, str]]:
        for path in files:
            try:
                data = read_capped(path, max_bytes)
            except WalletError as exc:
                yield (path, None), str(exc), str(path)
            else:
                yield (path, data), data, str(path)

    # each input is parsed and verified in a worker process within its time budget (wallet.bounded)
    with BoundedChecker(ctx, max_bytes, s.check_seconds, check=s.input_checker) as checker:
        for done, ((path, data), checked) in enumerate(checker.check_many(read_all())):
            if cancel and cancel():
                commit()
                raise Cancelled(msg("error.import.cancelled", done=done, total=total))

            if progress:
                progress(done, total, str(path))
            if data is None:  # the file could not be read
                results.append(ImportResult(input=str(path), error=checked))
                continue
            result, cred = admit(s, data, str(path), path.name, ctx, keep_invalid, checked, pending)
            results.append(result)
            if cred is not None:
                batch.append((result, cred))
            if len(batch) >= IMPORT_BATCH or time.monotonic() - last_commit > 0.5:
                commit()
    commit()
    s.keep_fetched(ctx)
    if progress:
        progress(total, total, "")
    return results
