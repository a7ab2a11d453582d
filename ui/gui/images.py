"""Badge images for cards and the detail view: loaded off the GUI thread, scaled, kept in memory.

The wallet says which image may be shown (wallet.images: only what the proof covers; a baked badge is the
learner's own file) and hands over its encoded bytes on the database worker; decoding runs on a separate
one-thread pool (Pillow under a pixel cap for rasters, QtSvg for SVGs that point nowhere outside
themselves), and the scaled QImage comes back to the GUI thread by a queued signal.  A credential without
a showable image is remembered as such: the card draws initials and nothing is asked again."""

from __future__ import annotations

import logging
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from wallet.service import images as core_images

from .qt import QByteArray, QImage, QObject, QPainter, QRectF, QSvgRenderer, Qt, Signal
from .worker import DbWorker

log = logging.getLogger(__name__)

SIDE = 192  # decoded once at this size; cards (84 px) and the detail view (128 px) scale it down
MAX_CACHED = 400
MISSING = object()  # no image to show: draw initials


def decode(img: Any, side: int = SIDE) -> QImage | None:
    """A wallet.images.BadgeImage -> a QImage at most ``side`` pixels wide and high, or None."""
    if img is None:
        return None
    try:
        if img.kind == "svg":
            if not core_images.svg_is_self_contained(img.data):
                return None
            renderer = QSvgRenderer(QByteArray(img.data))
            if not renderer.isValid():
                return None
            size = renderer.defaultSize()
            w, h = max(size.width(), 1), max(size.height(), 1)
            scale = side / max(w, h)
            out = QImage(max(1, round(w * scale)), max(1, round(h * scale)), QImage.Format.Format_ARGB32_Premultiplied)
            out.fill(Qt.GlobalColor.transparent)
            p = QPainter(out)
            renderer.render(p, QRectF(0, 0, out.width(), out.height()))
            p.end()
            return out
        w, h, rgba = core_images.raster_thumbnail(img.data, side)
        return QImage(rgba, w, h, w * 4, QImage.Format.Format_RGBA8888).copy()  # copy: own the pixels
    except Exception as exc:  # noqa: BLE001 - a picture that does not decode gets initials, never a crash
        log.info("badge image not shown: %s", type(exc).__name__)
        return None


class BadgeImages(QObject):
    """``get(cid)``: the cached image, MISSING, or None (not loaded yet: a load starts, ``loaded`` follows)."""

    loaded = Signal(str)
    _done = Signal(str, object)

    def __init__(self, worker: DbWorker, wallet_fn, parent: QObject | None = None,  # noqa: ANN001
                 synchronous: bool = False):
        super().__init__(parent)
        self.worker = worker
        self.wallet_fn = wallet_fn  # the current Wallet (it changes after an unlock)
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._pending: set[str] = set()
        self._pool = None if synchronous else ThreadPoolExecutor(max_workers=1, thread_name_prefix="badge-images")
        self._done.connect(self._store)

    def get(self, cid: str) -> Any:
        hit = self._cache.get(cid)
        if hit is not None:
            self._cache.move_to_end(cid)
            return hit
        if cid not in self._pending:
            self._pending.add(cid)
            self.worker.run(lambda: self.wallet_fn().credential_image(cid), lambda img: self._decode(cid, img),
                            lambda _exc: self._store(cid, None))
        return self._cache.get(cid)  # there already when the work ran inline (tests), else None: loading

    def _decode(self, cid: str, img: Any) -> None:
        if self._pool is None:
            self._store(cid, decode(img))
            return
        try:
            self._pool.submit(lambda: self._done.emit(cid, decode(img)))
        except RuntimeError:  # shut down
            self._pending.discard(cid)

    def _store(self, cid: str, image: QImage | None) -> None:
        self._pending.discard(cid)
        self._cache[cid] = image if image is not None and not image.isNull() else MISSING
        while len(self._cache) > MAX_CACHED:
            self._cache.popitem(last=False)
        self.loaded.emit(cid)

    def clear(self) -> None:
        """On lock: no picture of a credential stays in memory."""
        self._cache.clear()
        self._pending.clear()

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
