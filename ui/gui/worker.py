"""One worker thread owns the wallet database (as Anki's taskman): every call goes through it.

``DbWorker.run(fn, on_done, on_error)`` runs ``fn`` on the worker and delivers the result back on
the GUI thread through a queued signal.  Tests may pass ``synchronous=True`` to run inline.

After ``shutdown()`` the worker refuses politely: ``run`` does nothing, logs what it dropped and returns
``None``, and results still queued for the GUI thread are not delivered.  A window that is closing, or
has closed, can still get a timer or a shortcut; that must not raise out of the Qt event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .qt import QObject, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object, object, object)  # callback, value, error


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


class DbWorker:
    def __init__(self, synchronous: bool = False, name: str = "wallet-db"):
        self._sync = synchronous
        self._closed = False
        self._pool = None if synchronous else ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)

    @property
    def closed(self) -> bool:
        return self._closed

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[Any] | None:
        def job() -> Any:
            try:
                value = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
                self._relay.done.emit(on_error, None, exc)
                return None
            self._relay.done.emit(on_done, value, None)
            return value

        if self._closed:
            log.warning("database worker is shut down: not running %s", _name(fn))
            return None
        if self._pool is None:
            job()
            return None
        try:
            return self._pool.submit(job)
        except RuntimeError:  # shut down from elsewhere between the check and the submit
            log.warning("database worker is shut down: not running %s", _name(fn))
            return None

    def _deliver(self, cb: Callable[..., None] | None, value: Any, error: BaseException | None) -> None:
        if self._closed:  # the window these callbacks update may be gone
            if error is not None:
                log.error("background task failed after shutdown: %s", error)
            else:
                log.info("database worker is shut down: result for %s not delivered", _name(cb) if cb else "-")
            return
        if error is not None:
            if cb is not None:
                cb(error)
            else:
                log.error("background task failed: %s", error)
        elif cb is not None:
            cb(value)

    def shutdown(self, wait: bool = True) -> None:
        """Finish the task under way (or, ``wait=False``, let it finish unwatched: a bounded network fetch),
        then refuse new ones (idempotent)."""
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=wait)
