"""Checking untrusted inputs with a wall-clock budget: no input can hang an import.

Why a worker process, not a cooperative deadline: the expensive steps (JSON-LD expansion and
canonicalization in pyld, BBS pairings, PDF parsing in qpdf) are in libraries and in C code that a
deadline flag cannot reach, and the next hot loop an attacker finds would be one nobody put a check
in.  A separate process can always be stopped.

One checking process per wallet process (wallet/checker_worker.py: what runs in it, how it starts and
stops), started in the background by the desktop app at start-up (``prestart``) or by the first import: a
fresh interpreter ("spawn": safe beside the GUI's threads, plain pipes, no sockets) that loads and warms
the wallet once, then serves import after import.  This module is the parent's side: the budget.  Each import session sends it
what the checks need as plain settings (a CheckSpec: online flag, fetch cache, trust list, holder key, the
clock; the worker builds the verification context), then the inputs, a few queued ahead so the parent
stores while the worker checks.  When an input has used its budget (the worker's
processor time where the system reports it, so a busy machine does not refuse a legitimate slow
credential; wall-clock time capped at three times the budget, so nothing holds an import longer), the
worker is killed, the input is refused with "took too long to check", and
a fresh worker carries on with the rest.  On Linux the worker's address space is also capped, so
a memory bomb ends in a MemoryError there, not in the wallet.  What the worker fetched comes back with
each result, so the parent keeps it as an in-process check would.

If no worker process can be started (a locked-down system), inputs are checked in-process, without
the budget, and a warning is logged.  Entry points must keep the usual ``if __name__ == "__main__"``
guard (the worker imports the main module, as every "spawn" child does); a frozen build calls
``multiprocessing.freeze_support()`` first.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from .checker_worker import (SHARED_LOCK, SHARED_WORKER, Checked, Checking, CheckSpec, Worker, check_one, prestart,
                             sendable)
from .fetch import DEFAULT_TIMEOUT

log = logging.getLogger(__name__)

DEFAULT_CHECK_SECONDS = 5.0  # budget per input (setting "import.check_seconds"), see BoundedChecker._wait
ONLINE_FETCHES_ALLOWED = 3  # with online checks on, the budget grows by this many fetch deadlines
QUEUE_DEPTH = 32  # inputs handed to the worker ahead of the one being checked (fewer process wake-ups)...
QUEUE_BYTES = 16 * 1024 * 1024  # ...and at most this many bytes of them
STARTUP_SECONDS = 60.0  # a worker not ready by then is given up (inputs are then checked in-process)


def too_long_message(source: str, seconds: float) -> str:
    return f"{source}: took too long to check (more than {seconds:g} s of work); not imported"


WALL_FACTOR = 3.0  # wall-clock cap, as a multiple of the budget, where processor time is measured


def _cpu_seconds(pid: int) -> float | None:
    """User + system processor time of a process (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class _Item:
    tag: Any
    data: bytes | None
    source: str
    result: Checked | None = None
    sent_at: float | None = None


class BoundedChecker:
    """Checks inputs one after another in a worker process, each within ``seconds`` of wall-clock time.
    Use it as a context manager: it borrows the shared worker (or, when another thread has it, its own).

    The caller drives it: ``put`` hands it one input and gives back the results that are ready (waiting,
    within the budgets, only while the queue ahead is full), ``drain`` gives the rest; results come in
    the order the inputs went in.  What the checks fetched collects in ``fetched`` (for
    Session.remember_fetched)."""

    def __init__(self, spec: CheckSpec, max_bytes: int, seconds: float = DEFAULT_CHECK_SECONDS,
                 depth: int = QUEUE_DEPTH, check: Any = check_one):
        self.spec = spec
        self.check_fn = check  # module-level (it is pickled by name to reach the worker)
        self.max_bytes = max_bytes
        self.seconds = seconds
        if spec["online"]:
            self.seconds += ONLINE_FETCHES_ALLOWED * DEFAULT_TIMEOUT
        self.depth = max(1, depth)
        self.worker: Worker | None = None
        self._shared = False
        self._configured = False
        self.in_process = False  # True once a worker could not be started
        self._local: Checking | None = None  # the in-process checks, made when first needed
        self.fetched: dict[str, Any] = {}
        self._window: deque[tuple[int, _Item]] = deque()
        self._counter = 0
        self._last_result = time.monotonic()

    def __enter__(self) -> BoundedChecker:
        self._shared = SHARED_LOCK.acquire(blocking=False)
        self.worker = SHARED_WORKER if self._shared else Worker()
        return self

    def __exit__(self, *exc: Any) -> None:
        worker, self.worker = self.worker, None
        if worker is not None and (not self._shared or exc[0] is not None or self._window):
            # an abandoned session may leave work queued: start afresh
            worker.stop(kill=exc[0] is not None or bool(self._window))
        if self._shared:
            self._shared = False
            SHARED_LOCK.release()

    def close(self) -> None:
        self.__exit__(None, None, None)

    def _ready(self) -> bool:
        """The worker is running and configured for this session (started if needed)."""
        if self.in_process or self.worker is None:
            return False
        w = self.worker
        try:
            if w.proc is None or not w.proc.is_alive():
                w.start()
                self._configured = False
            if not self._configured:
                try:
                    w.send(("config", self.spec, self.max_bytes, self.check_fn))
                except (pickle.PicklingError, AttributeError, TypeError):  # nothing sent yet: a clock that cannot cross
                    w.send(("config", sendable(self.spec), self.max_bytes, self.check_fn))
                self._configured = True
        except Exception as exc:  # noqa: BLE001 - no worker: check in-process rather than not at all
            log.warning("cannot start a checking process (%s); inputs are checked without a time budget",
                        type(exc).__name__)
            self.in_process = True
            return False
        return True

    def _await_ready(self) -> bool:
        w = self.worker
        if w is None or w.ready:
            return w is not None
        try:
            if w.res.poll(STARTUP_SECONDS) and pickle.loads(w.res.recv_bytes()) == ("ready",):
                w.ready = True
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        return w.ready

    def _wait(self, started: float) -> bool:
        """Wait for the worker's next result; False once the input has used up its budget.

        The budget is the worker's processor time where the system reports it (Linux), so a legitimate but
        slow credential is not refused just because the machine is busy; wall-clock time is capped too, at
        WALL_FACTOR times the budget, so nothing (a sleep, a stuck read) can hold an import longer."""
        w = self.worker
        assert w is not None and w.res is not None
        if w.res.poll(0):  # already there (a worker ahead of its queue): nothing to time
            return True
        cpu0 = _cpu_seconds(w.proc.pid) if w.proc is not None else None
        wall_limit = started + self.seconds * (WALL_FACTOR if cpu0 is not None else 1.0)
        while True:
            now = time.monotonic()
            if now >= wall_limit:
                return w.res.poll(0)
            if w.res.poll(min(0.25, wall_limit - now)):
                return True
            if cpu0 is not None:
                cpu = _cpu_seconds(w.proc.pid)
                if cpu is not None and cpu - cpu0 >= self.seconds:  # (time used before this wait: not counted)
                    return w.res.poll(0)

    def _kill(self) -> None:
        if self.worker is not None:
            self.worker.stop(kill=True)
        self._configured = False

    def _check_here(self, item: _Item) -> None:
        """In this process, without the budget (no worker could start)."""
        if self._local is None:
            self._local = Checking(self.spec, self.max_bytes, self.check_fn)
        item.result, fetched = self._local.run(item.data or b"", item.source)
        self.fetched.update(fetched)

    def _send(self, idx: int, item: _Item) -> None:
        if not self._ready():
            self._check_here(item)
            return
        try:
            self.worker.send(("check", idx, item.data, item.source))  # type: ignore[union-attr]
            item.sent_at = time.monotonic()
        except (OSError, ValueError):  # the worker is gone: the wait below reports it
            item.sent_at = time.monotonic()

    # -- checking --------------------------------------------------------------------------
    def check(self, data: bytes, source: str) -> Checked:
        return [*self.put(None, data, source), *self.drain()][0][1]

    def put(self, tag: Any, data: bytes | str, source: str) -> list[tuple[Any, Checked]]:
        """Queue one input (``data`` given as a str is an error already found, a file that could not be read:
        it is passed through, in its place) and return the results now ready, in order."""
        window = self._window
        out = self._done()
        w = self.worker
        if w is not None and w.proc is not None and not w.proc.is_alive():
            # it died with inputs in flight: what it finished is still in the pipe, and the input it died on is
            # the first one without a result (read them in _step, before a restart closes that pipe)
            while any(i.result is None for _n, i in window):
                self._step()
                out += self._done()
        while window and (len(window) >= self.depth or sum(len(i.data or b"") for _n, i in window) >= QUEUE_BYTES):
            self._step()
            out += self._done()
        self._counter += 1
        item = _Item(tag, None, source)
        if isinstance(data, str):
            item.result = data
        else:
            item.data = data
            self._send(self._counter, item)
        window.append((self._counter, item))
        return out + self._done()

    def drain(self) -> list[tuple[Any, Checked]]:
        """The results of every input still queued, in order."""
        out = self._done()
        while self._window:
            self._step()
            out += self._done()
        return out

    def _done(self) -> list[tuple[Any, Checked]]:
        out = []
        window = self._window
        while window and window[0][1].result is not None:
            _n, done = window.popleft()
            out.append((done.tag, done.result))
        return out

    def _step(self) -> None:
        """Wait for the worker's next result(s) (or the head input's budget to run out)."""
        window = self._window
        if self.in_process:  # no checking process could be started again: whatever is left is checked here
            for _n, queued in window:
                if queued.result is None:
                    self._check_here(queued)
            return
        was_ready = self.worker is not None and self.worker.ready
        if not self._await_ready():
            log.warning("the checking process did not start; inputs are checked without a time budget")
            self._kill()
            self.in_process = True
            for _n, queued in window:
                if queued.result is None:
                    self._check_here(queued)
            return
        if not was_ready:
            self._last_result = time.monotonic()  # the first input's budget starts when the worker is ready
        _idx, head = window[0]
        started = max(head.sent_at or 0.0, self._last_result)
        try:
            ready = self._wait(started)
            got = pickle.loads(self.worker.res.recv_bytes()) if ready else None  # type: ignore[union-attr]
        except (EOFError, OSError):
            got = ()
        if got:
            by_idx = {n: i for n, i in window}
            while got:  # take every result already waiting: one wake-up for many
                r_idx, checked, fetched = got
                self.fetched.update(fetched)
                if r_idx in by_idx:
                    by_idx[r_idx].result = checked
                self._last_result = time.monotonic()
                try:
                    res = self.worker.res if self.worker is not None else None
                    got = pickle.loads(res.recv_bytes()) if res is not None and res.poll(0) else None
                except (EOFError, OSError):
                    got = None  # noticed at the next wait
            return
        # over its budget (got is None) or the worker died under it (got == ()): refuse this input,
        # start a fresh worker and hand it what was queued behind
        self._kill()
        if got is None:
            log.warning("an input took more than %.1f s to check; refused", self.seconds)
            head.result = too_long_message(head.source, self.seconds)
        else:
            log.warning("the checking process ended while reading an input; refused")
            head.result = f"{head.source}: reading it stopped the checker (too large or malformed); not imported"
        self._last_result = time.monotonic()
        for n, queued in list(window)[1:]:
            if queued.result is None:
                self._send(n, queued)


__all__ = ["BoundedChecker", "CheckSpec", "DEFAULT_CHECK_SECONDS", "check_one", "prestart", "too_long_message"]
