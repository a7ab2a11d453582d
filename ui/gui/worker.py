"""One worker thread owns the wallet database (as Anki's taskman): every call goes through it.

``DbWorker.run(fn, on_done, on_error)`` runs ``fn`` on the worker and delivers the result back on
the GUI thread through a queued signal.  Tests may pass ``synchronous=True`` to run inline.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .qt import QObject, Signal


class _Relay(QObject):
    done = Signal(object, object, object)  # callback, value, error


class DbWorker:
    def __init__(self, synchronous: bool = False):
        self._sync = synchronous
        self._pool = None if synchronous else ThreadPoolExecutor(max_workers=1, thread_name_prefix="wallet-db")
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)

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

        if self._pool is None:
            job()
            return None
        return self._pool.submit(job)

    @staticmethod
    def _deliver(cb: Callable[..., None] | None, value: Any, error: BaseException | None) -> None:
        if error is not None:
            if cb is not None:
                cb(error)
            else:
                import logging

                logging.getLogger(__name__).error("background task failed: %s", error)
        elif cb is not None:
            cb(value)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
