"""Checking stored credentials again, many at a time (``credwallet verify --all``, a "check all" in the GUI).

Batched the way a bulk import is: the originals are read from the vault a batch at a time, parsed and
verified in the checking process (wallet.bounded: both cores, a time budget per credential, so a stored
credential that has become expensive to check cannot hang the re-check), and each batch's new reports
and display records are written in one transaction instead of one per credential.  A credential whose
check could not run (over its time budget, or it stopped the checker) gets an "unverified" report that
says why: it is never left showing an older "verified".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .bounded import BoundedChecker
from .clock import iso
from .errors import Cancelled
from .model import Normalized, VerificationReport

RECHECK_BATCH = 200  # credentials read, checked and stored per transaction


@dataclass
class Rechecked:
    """One credential's new check: what ``verify --all`` shows for it."""

    id: str
    format: str
    normalized: Normalized
    report: VerificationReport
    error: str | None = None  # the check could not run (the report says so too)


def _originals(store: Any, ids: list[str]) -> Iterator[tuple[str, str, bytes, str | None, str]]:
    """(id, format, original bytes, file name, stored normalized JSON) for ``ids``, one query per batch."""
    for start in range(0, len(ids), RECHECK_BATCH):
        chunk = ids[start:start + RECHECK_BATCH]
        marks = ",".join("?" * len(chunk))
        rows = {r[0]: r for r in store.db.execute(
            f"SELECT id, format, original, file_name, normalized FROM credentials WHERE id IN ({marks})", chunk)}
        for cid in chunk:
            r = rows.get(cid)
            if r is not None:  # deleted since the list was taken: nothing to check
                yield r[0], r[1], bytes(r[2]), r[3], r[4]


def recheck(wallet: Any, refs: Iterable[str], *, online: bool | None = None,
            progress: Callable[[int, int, str], None] | None = None, cancel: Callable[[], bool] | None = None,
            stored: Callable[[list[Rechecked]], None] | None = None, collect: bool = True) -> list[Rechecked]:
    """Check the stored credentials ``refs`` (ids or unambiguous prefixes) again and keep the new reports.

    Results come in the order of ``refs``.  ``cancel()`` stops after the batch in flight is stored
    (raising Cancelled); every stored batch is complete.  ``stored(batch)`` is called after each batch is
    written, with the credentials in it (a window shows them in small pieces, while the rest is checked);
    ``collect=False`` keeps no list of them all and returns an empty one (a window re-checking 10,000 has no
    use for one, and a garbage collection would walk every report and normalized view in it)."""
    store = wallet.store
    ids = [store.resolve_id(r) for r in refs]
    total = len(ids)
    out: list[Rechecked] = []
    batch: list[Rechecked] = []
    previous: dict[str, str] = {}  # the stored normalized JSON of each in the batch (unchanged: not rewritten)

    def commit() -> None:
        if batch:
            store.set_checked_many([(r.id, r.normalized, r.report) for r in batch], previous)
            written = list(batch)
            batch.clear()
            previous.clear()
            if stored:
                stored(written)

    def take(done: list[tuple[Any, Any]]) -> None:
        for (cid, fmt, normalized), checked in done:
            if cancel and cancel():
                commit()
                raise Cancelled(f"re-check stopped after {taken[0]} of {total} credentials")
            if progress:
                progress(taken[0], total, cid)
            taken[0] += 1
            if isinstance(checked, str):  # could not be checked: say so, never keep an older verdict
                report = VerificationReport.unverified(f"could not be checked again: {checked}", iso(wallet.clock()))
                item = Rechecked(cid, fmt, Normalized.from_json(json.loads(normalized)), report, checked)
            else:
                parsed, report = checked
                item = Rechecked(cid, fmt, parsed.normalized, report)
            if collect:
                out.append(item)
            batch.append(item)
            previous[cid] = normalized
            if len(batch) >= RECHECK_BATCH:
                commit()

    taken = [0]  # results handled so far
    with BoundedChecker(wallet.check_spec(online), wallet.max_file_bytes, wallet.check_seconds,
                        check=wallet.input_checker) as checker:
        for cid, fmt, original, file_name, normalized in _originals(store, ids):
            take(checker.put((cid, fmt, normalized), original, file_name or cid))
        take(checker.drain())
    commit()
    wallet.remember_fetched(checker.fetched)
    if progress:
        progress(total, total, "")
    return out
