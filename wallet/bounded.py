"""Checking untrusted inputs with a wall-clock budget: no input can hang an import.

Why a worker process, not a cooperative deadline: the expensive steps (JSON-LD expansion and
canonicalization in pyld, BBS pairings, PDF parsing in qpdf) are in libraries and in C code that a
deadline flag cannot reach, and the next hot loop an attacker finds would be one nobody put a check
in.  A separate process can always be stopped.

One checking process per wallet process, started in the background by the desktop app at start-up
(``prestart``) or by the first import: a fresh interpreter ("spawn": safe beside the GUI's threads, plain pipes, no sockets)
that loads and warms the wallet once, then serves import after import.  Each import session sends it
what the checks need (size cap, trust list, holder DIDs, fetcher and its cache, the clock), then the
inputs, a few queued ahead so the parent stores while the worker checks.  When an input has used its budget (the worker's
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

import copy
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import WalletError

log = logging.getLogger(__name__)

DEFAULT_CHECK_SECONDS = 5.0  # budget per input (setting "import.check_seconds"), see BoundedChecker._wait
ONLINE_FETCHES_ALLOWED = 3  # with online checks on, the budget grows by this many fetch deadlines
QUEUE_DEPTH = 8  # inputs handed to the worker ahead of the one being checked (fewer process wake-ups)...
QUEUE_BYTES = 16 * 1024 * 1024  # ...and at most this many bytes of them
WORKER_MEMORY = 1 << 30  # address space a worker may add to what it starts with (Linux)
STARTUP_SECONDS = 60.0  # a worker not ready by then is given up (inputs are then checked in-process)

# (parsed, report) or a one-line error message (wallet.verify.inputs.Checked)
Checked = Any


def too_long_message(source: str, seconds: float) -> str:
    return f"{source}: took too long to check (more than {seconds:g} s of work); not imported"


class _FixedClock:
    """A picklable stand-in for a clock that cannot cross to the worker (a test's lambda)."""

    def __init__(self, at: Any):
        self.at = at

    def __call__(self) -> Any:
        return self.at


def context_spec(ctx: Any) -> dict[str, Any]:
    """What a worker needs to rebuild ``ctx`` (a VerifyContext); everything in it can be pickled."""
    fetcher = copy.copy(ctx.fetcher)
    fetcher.log = []
    fetcher.cache = dict(ctx.fetcher.cache) if ctx.fetcher.cache is not None else None
    try:
        pickle.dumps(ctx.clock)
        clock = ctx.clock
    except Exception:  # noqa: BLE001 - a lambda or closure: the time it says now is used throughout
        clock = _FixedClock(ctx.clock())
    return {"clock": clock, "fetcher": fetcher, "trust": ctx.trust, "extra_documents": dict(ctx.extra_documents),
            "holder_dids": tuple(ctx.holder_dids)}


def _context_from(spec: dict[str, Any]) -> Any:
    from .verify.engine import VerifyContext

    return VerifyContext(clock=spec["clock"], fetcher=spec["fetcher"], trust=spec["trust"],
                         extra_documents=spec["extra_documents"], holder_dids=spec["holder_dids"])


WALL_FACTOR = 3.0  # wall-clock cap, as a multiple of the budget, where processor time is measured


def _cpu_seconds(pid: int) -> float | None:
    """User + system processor time of a process (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm") as f:  # Linux only: RLIMIT_AS is not enforced on macOS
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = used + WORKER_MEMORY
        if hard == resource.RLIM_INFINITY or want < hard:
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ImportError, OSError, ValueError):
        pass


def check_one(data: bytes, source: str, max_bytes: int, ctx: Any) -> Checked:
    """Parse and verify one input; every failure is a one-line message, never an exception."""
    from .formats.detect import unexpected_input
    from .verify.inputs import check_bytes

    try:
        return check_bytes(data, source, max_bytes, ctx)
    except WalletError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - the parsers and engine already convert; this is the last net
        return str(unexpected_input(exc, source))


def _worker_main(requests: Any, results: Any) -> None:
    """The checking process: configured per import session, then one input at a time."""
    import importlib

    from .formats import Parsed

    importlib.import_module("wallet._checker_preload")  # loads the wallet and warms the JSON-LD caches
    _limit_memory()
    results.send_bytes(pickle.dumps(("ready",)))  # budgets start now, not while the interpreter loads
    ctx: Any = None
    max_bytes, check = 0, check_one
    while True:
        try:
            msg = requests.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        if msg[0] == "config":
            _op, spec, max_bytes, check = msg
            ctx = _context_from(spec)
            continue
        _op, idx, data, source = msg
        cache = ctx.fetcher.cache
        before = {k: v.get("at") for k, v in cache.items()} if cache is not None else {}
        checked = check(data, source, max_bytes, ctx)
        if isinstance(checked, tuple):  # the importer needs the normalized view and the report, not the payload
            parsed, report = checked
            checked = (Parsed(parsed.format, parsed.normalized, None, parsed.notes), report)
        fetched = {k: v for k, v in (cache or {}).items() if before.get(k) != v.get("at")}
        try:
            payload = pickle.dumps((idx, checked, fetched))
        except Exception as exc:  # noqa: BLE001 - a result that cannot travel is reported, not lost
            payload = pickle.dumps((idx, f"{source}: could not be checked ({type(exc).__name__})", fetched))
        results.send_bytes(payload)


class _Worker:
    """One checking process.  Started with "spawn" (a fresh interpreter: safe beside the GUI's threads, and
    it talks over plain pipes, no sockets); it loads and warms the wallet once and then serves import after
    import, so only the first import, and the one after a refused input, waits for it to start."""

    def __init__(self) -> None:
        self.proc: Any = None
        self.req: Any = None
        self.res: Any = None
        self.ready = False  # it said it has loaded (its first message)

    def start(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            return
        self.stop(kill=True)
        mp = multiprocessing.get_context("spawn")
        req_r, req_w = mp.Pipe(duplex=False)
        res_r, res_w = mp.Pipe(duplex=False)
        proc = mp.Process(target=_worker_main, args=(req_r, res_w), daemon=True, name="credwallet-check")
        proc.start()
        req_r.close()
        res_w.close()
        self.proc, self.req, self.res, self.ready = proc, req_w, res_r, False

    def stop(self, kill: bool) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            try:
                if not kill:
                    self.req.send(None)
                    proc.join(2.0)
            except (OSError, ValueError):
                pass
            if proc.is_alive():
                proc.kill()
                proc.join(2.0)
        for conn in (self.req, self.res):
            try:
                if conn is not None:
                    conn.close()
            except OSError:
                pass
        self.req = self.res = None


_SHARED = _Worker()  # the process's checking worker, lent to one import session at a time
_SHARED_LOCK = threading.Lock()


def prestart() -> None:
    """Start the checking process in the background (it loads and warms the wallet), so the first import
    does not wait for it.  Cheap when it is already running; never fails."""
    if not _SHARED_LOCK.acquire(blocking=False):
        return
    try:
        _SHARED.start()
    except Exception:  # noqa: BLE001 - the first import tries again, or checks in-process
        pass
    finally:
        _SHARED_LOCK.release()


@dataclass
class _Item:
    tag: Any
    data: bytes | None
    source: str
    result: Checked | None = None
    sent_at: float | None = None


class BoundedChecker:
    """Checks inputs one after another in a worker process, each within ``seconds`` of wall-clock time.
    Use it as a context manager: it borrows the shared worker (or, when another thread has it, its own)."""

    def __init__(self, ctx: Any, max_bytes: int, seconds: float = DEFAULT_CHECK_SECONDS, depth: int = QUEUE_DEPTH,
                 check: Any = check_one):
        self.ctx = ctx
        self.check_fn = check  # module-level (it is pickled by name to reach the worker)
        self.max_bytes = max_bytes
        self.seconds = seconds
        if ctx.online:
            self.seconds += ONLINE_FETCHES_ALLOWED * float(getattr(ctx.fetcher, "timeout", 10.0))
        self.depth = max(1, depth)
        self.worker: _Worker | None = None
        self._shared = False
        self._configured = False
        self.in_process = False  # True once a worker could not be started

    def __enter__(self) -> BoundedChecker:
        self._shared = _SHARED_LOCK.acquire(blocking=False)
        self.worker = _SHARED if self._shared else _Worker()
        return self

    def __exit__(self, *exc: Any) -> None:
        worker, self.worker = self.worker, None
        if worker is not None and (not self._shared or exc[0] is not None):
            worker.stop(kill=exc[0] is not None)  # an abandoned session may leave work queued: start afresh
        if self._shared:
            self._shared = False
            _SHARED_LOCK.release()

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
                w.req.send(("config", context_spec(self.ctx), self.max_bytes, self.check_fn))
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

    def _send(self, idx: int, item: _Item) -> None:
        if not self._ready():
            item.result = self.check_fn(item.data or b"", item.source, self.max_bytes, self.ctx)
            return
        try:
            self.worker.req.send(("check", idx, item.data, item.source))  # type: ignore[union-attr]
            item.sent_at = time.monotonic()
        except (OSError, ValueError):  # the worker is gone: the wait below reports it
            item.sent_at = time.monotonic()

    def _merge_fetched(self, fetched: dict[str, Any]) -> None:
        f = self.ctx.fetcher
        if fetched and f.cache is not None:
            f.cache.update(fetched)
            f.dirty = True

    # -- checking --------------------------------------------------------------------------
    def check(self, data: bytes, source: str) -> Checked:
        return next(self.check_many([(None, data, source)]))[1]

    def check_many(self, items: Iterable[tuple[Any, bytes | str, str]]) -> Iterator[tuple[Any, Checked]]:
        """For each ``(tag, data, source)``, in order, ``(tag, checked)``.  ``data`` given as a str is an
        error already found (a file that could not be read): it is passed through, in its place."""
        it = iter(items)
        window: deque[tuple[int, _Item]] = deque()
        counter = 0
        last_result = time.monotonic()
        exhausted = False
        while True:
            while not exhausted and len(window) < self.depth and (
                    not window or sum(len(i.data or b"") for _n, i in window) < QUEUE_BYTES):
                try:
                    tag, data, source = next(it)
                except StopIteration:
                    exhausted = True
                    break
                counter += 1
                item = _Item(tag, None, source)
                if isinstance(data, str):
                    item.result = data
                else:
                    item.data = data
                    self._send(counter, item)
                window.append((counter, item))
            while window and window[0][1].result is not None:
                _n, done = window.popleft()
                yield done.tag, done.result
            if not window:
                if exhausted:
                    return
                continue
            was_ready = self.worker is not None and self.worker.ready
            if not self._await_ready():
                log.warning("the checking process did not start; inputs are checked without a time budget")
                self._kill()
                self.in_process = True
                for _n, queued in window:
                    if queued.result is None:
                        queued.result = self.check_fn(queued.data or b"", queued.source, self.max_bytes, self.ctx)
                continue
            if not was_ready:
                last_result = time.monotonic()  # the first input's budget starts when the worker is ready
            idx, head = window[0]
            started = max(head.sent_at or 0.0, last_result)
            try:
                ready = self._wait(started)
                got = pickle.loads(self.worker.res.recv_bytes()) if ready else None  # type: ignore[union-attr]
            except (EOFError, OSError):
                got = ()
            if got:
                by_idx = {n: i for n, i in window}
                while got:  # take every result already waiting: one wake-up for many
                    r_idx, checked, fetched = got
                    self._merge_fetched(fetched)
                    if r_idx in by_idx:
                        by_idx[r_idx].result = checked
                    last_result = time.monotonic()
                    try:
                        got = pickle.loads(self.worker.res.recv_bytes()) if self.worker.res.poll(0) else None
                    except (EOFError, OSError):
                        got = None  # noticed at the next wait
                continue
            # over its budget (got is None) or the worker died under it (got == ()): refuse this input,
            # start a fresh worker and hand it what was queued behind
            self._kill()
            if got is None:
                log.warning("an input took more than %.1f s to check; refused", self.seconds)
                head.result = too_long_message(head.source, self.seconds)
            else:
                log.warning("the checking process ended while reading an input; refused")
                head.result = f"{head.source}: reading it stopped the checker (too large or malformed); not imported"
            last_result = time.monotonic()
            for n, queued in list(window)[1:]:
                if queued.result is None:
                    self._send(n, queued)



