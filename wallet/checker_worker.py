"""The checking process (see wallet.bounded for why there is one): what runs in it, how it is started and
stopped, and what crosses to it.

There is one such process per wallet process (``SHARED_WORKER``), started with "spawn" (a fresh interpreter: safe
beside the GUI's threads, plain pipes, no sockets); it imports wallet._checker_preload once (the wallet,
warmed), then serves import session after import session: a ``config`` message (a CheckSpec: the plain
settings the checks need; the size cap; the check function), from which it builds its verification
context, then inputs.  A session that finds it
lent to another thread starts a private one for itself.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
from typing import TYPE_CHECKING, Any, TypedDict

from .errors import WalletError

if TYPE_CHECKING:
    from .verify.engine import VerifyContext

WORKER_MEMORY = 1 << 30  # address space a worker may add to what it starts with (Linux)

# (parsed, report) or a one-line error message (wallet.verify.inputs.Checked)
Checked = Any


class _FixedClock:
    """A picklable stand-in for a clock that cannot cross to the worker (a test's lambda)."""

    def __init__(self, at: Any):
        self.at = at

    def __call__(self) -> Any:
        return self.at


class CheckSpec(TypedDict):
    """What the checks of an import session need, built from the wallet's settings (Session.check_spec) and
    sent to the checking process as it is: plain data, so the parent builds no verification context
    (no fetcher, no trust list, no key resolver) only to hand it on; the worker builds its own
    (``context_from``)."""

    online: bool
    fetch_cache: dict[str, Any]  # what earlier online checks fetched (setting "fetch.cache")
    trusted_issuers: list[Any]  # the trust list as stored (setting "trust.issuers")
    holder_jwk: dict[str, Any] | None  # the holder's public Ed25519 key (its did:key is the holder's DID)
    clock: Any


def sendable(spec: CheckSpec) -> CheckSpec:
    """``spec`` as it can cross to the worker: a clock that cannot be pickled (a lambda, a closure) becomes
    the time it says now, used throughout."""
    try:
        pickle.dumps(spec["clock"])
        return spec
    except Exception:  # noqa: BLE001 - a lambda or closure
        return {**spec, "clock": _FixedClock(spec["clock"]())}


def context_from(spec: CheckSpec) -> VerifyContext:
    """The VerifyContext the checks run in (in the worker, or in-process when no worker could start)."""
    from .fetch import Fetcher
    from .verify.engine import VerifyContext
    from .verify.report import holder_did
    from .verify.trust import TrustList

    jwk = spec["holder_jwk"]
    return VerifyContext(clock=spec["clock"], fetcher=Fetcher(online=spec["online"], cache=dict(spec["fetch_cache"])),
                         trust=TrustList.from_setting(spec["trusted_issuers"]),
                         holder_dids=(holder_did(jwk),) if jwk else ())


class Checking:
    """Runs the check function on one input after another in one context, and tells what each fetched
    (only the cache entries new since the last input: the parent keeps them, as an in-process check would)."""

    def __init__(self, spec: CheckSpec, max_bytes: int, check: Any):
        self.ctx = context_from(spec)
        self.max_bytes, self.check = max_bytes, check
        cache = self.ctx.fetcher.cache
        self._seen = {k: v.get("at") for k, v in cache.items()} if cache else {}

    def run(self, data: bytes, source: str) -> tuple[Checked, dict[str, Any]]:
        checked = self.check(data, source, self.max_bytes, self.ctx)
        if isinstance(checked, tuple):  # the importer needs the normalized view and the report, not the payload
            from .formats import Parsed

            parsed, report = checked
            checked = (Parsed(parsed.format, parsed.normalized, None), report)
        f = self.ctx.fetcher
        fetched: dict[str, Any] = {}
        if f.dirty and f.cache is not None:  # something was fetched: only then is the cache looked through
            fetched = {k: v for k, v in f.cache.items() if self._seen.get(k) != v.get("at")}
            self._seen.update((k, v.get("at")) for k, v in fetched.items())
            f.dirty = False
        return checked, fetched


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


_END = object()  # tells a sender thread to finish
PIPE_BYTES = 1 << 20  # results the checking process can hand back while the parent is busy storing (Linux)


def _widen(conn: Any) -> None:
    """Give a pipe room for PIPE_BYTES (Linux; elsewhere the system's size stays): the checking process goes on
    with the next input while the parent stores a batch, instead of waiting to write its result."""
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _send_loop(conn: Any, outbox: queue.SimpleQueue[Any]) -> None:
    """Write the parent's messages to the checking process, one after another, in this thread.

    Why a thread: a write to a pipe waits while the pipe is full, that is while the checking process is busy
    (with an input over its budget, or itself waiting to hand back a large result).  Were the budget keeper
    the one writing, a large input queued behind a stalled one, or behind a large result the parent has not
    read yet, would hold it in that write for good: no budget kept, an import hung (two inputs of a few
    hundred kilobytes were enough).  Written from here, the parent only ever waits in its budgeted reads."""
    while True:
        payload = outbox.get()
        if payload is _END:
            return
        try:
            conn.send_bytes(payload)
        except Exception:  # noqa: BLE001 - the process is gone (stopped over its budget): nothing to deliver to
            return


def _worker_main(requests: Any, results: Any) -> None:
    """The checking process: configured per import session, then one input at a time."""
    import importlib

    importlib.import_module("wallet._checker_preload")  # loads the wallet and warms the JSON-LD caches
    _limit_memory()
    results.send_bytes(pickle.dumps(("ready",)))  # budgets start now, not while the interpreter loads
    checking: Checking | None = None
    while True:
        try:
            msg = requests.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        if msg[0] == "config":
            _op, spec, max_bytes, check = msg
            checking = Checking(spec, max_bytes, check)
            continue
        assert checking is not None
        _op, idx, data, source = msg
        checked, fetched = checking.run(data, source)
        try:
            payload = pickle.dumps((idx, checked, fetched), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - a result that cannot travel is reported, not lost
            payload = pickle.dumps((idx, f"{source}: could not be checked ({type(exc).__name__})", fetched))
        # written here, not from a thread: a result in the pipe outlives this process, so when the next input
        # kills it, the input before is not blamed
        results.send_bytes(payload)


class Worker:
    """One checking process.  Started with "spawn" (a fresh interpreter: safe beside the GUI's threads, and
    it talks over plain pipes, no sockets); it loads and warms the wallet once and then serves import after
    import, so only the first import, and the one after a refused input, waits for it to start."""

    def __init__(self) -> None:
        self.proc: Any = None
        self.req: Any = None
        self.res: Any = None
        self.ready = False  # it said it has loaded (its first message)
        self._outbox: queue.SimpleQueue[Any] | None = None

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
        _widen(res_r)
        outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        threading.Thread(target=_send_loop, args=(req_w, outbox), daemon=True, name="credwallet-check-send").start()
        self.proc, self.req, self.res, self.ready, self._outbox = proc, req_w, res_r, False, outbox

    def send(self, message: Any) -> None:
        """Hand ``message`` to the checking process without waiting for it to be read (see _send_loop).
        Pickled here, so what cannot cross raises here; OSError when no process is running."""
        payload = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
        if self._outbox is None:
            raise OSError("the checking process is not running")
        self._outbox.put(payload)

    def stop(self, kill: bool) -> None:
        proc, self.proc = self.proc, None
        self.ready = False
        outbox, self._outbox = self._outbox, None
        if proc is not None:
            try:
                if not kill and outbox is not None:
                    outbox.put(pickle.dumps(None))  # after what is queued: the process ends once it has read it
                    proc.join(2.0)
            except (OSError, ValueError):
                pass
            if proc.is_alive():
                proc.kill()
                proc.join(2.0)
        if outbox is not None:
            outbox.put(_END)  # a write still under way fails now that the process is gone, and the thread ends
        for conn in (self.req, self.res):
            try:
                if conn is not None:
                    conn.close()
            except OSError:
                pass
        self.req = self.res = None


SHARED_WORKER = Worker()  # the process's checking worker, lent to one import session at a time


SHARED_LOCK = threading.Lock()


def prestart() -> None:
    """Start the checking process in the background (it loads and warms the wallet), so the first import
    does not wait for it.  Cheap when it is already running; never fails."""
    if not SHARED_LOCK.acquire(blocking=False):
        return
    try:
        SHARED_WORKER.start()
    except Exception:  # noqa: BLE001 - the first import tries again, or checks in-process
        pass
    finally:
        SHARED_LOCK.release()
