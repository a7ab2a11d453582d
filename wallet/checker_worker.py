"""The checking process (see wallet.bounded for why there is one): what runs in it, how it is started and
stopped, and what crosses to it.

There is one such process per wallet process (``SHARED_WORKER``), started with "spawn" (a fresh interpreter: safe
beside the GUI's threads, plain pipes, no sockets); it imports wallet._checker_preload once (the wallet,
warmed), then serves import session after import session: a ``config`` message (size cap, trust list,
holder DIDs, fetcher and its cache, the clock, the check function), then inputs.  A session that finds it
lent to another thread starts a private one for itself.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import threading
from typing import Any

from .errors import WalletError

WORKER_MEMORY = 1 << 30  # address space a worker may add to what it starts with (Linux)

# (parsed, report) or a one-line error message (wallet.verify.inputs.Checked)
Checked = Any


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
            checked = (Parsed(parsed.format, parsed.normalized, None), report)
        fetched = {k: v for k, v in (cache or {}).items() if before.get(k) != v.get("at")}
        try:
            payload = pickle.dumps((idx, checked, fetched))
        except Exception as exc:  # noqa: BLE001 - a result that cannot travel is reported, not lost
            payload = pickle.dumps((idx, f"{source}: could not be checked ({type(exc).__name__})", fetched))
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
