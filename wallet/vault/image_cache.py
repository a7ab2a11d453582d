"""Badge images fetched with online checks on (wallet.images), kept in the vault so they show offline.
A cache: bounded, oldest out first, and not carried in backups (schema step 6)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlcipher3


class ImageCache:
    """Mixed into Store, which provides ``db`` and ``transaction``."""

    IMAGE_CACHE_MAX = 500

    if TYPE_CHECKING:
        @property
        def db(self) -> sqlcipher3.Connection: ...

        def transaction(self) -> contextlib.AbstractContextManager[sqlcipher3.Connection]: ...

    def get_image(self, url: str) -> tuple[str, bytes] | None:
        row = self.db.execute("SELECT kind, data FROM image_cache WHERE url = ?", (url,)).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]))

    def put_image(self, url: str, kind: str, data: bytes) -> None:
        """Keep a fetched image; the oldest go when the cache holds more than IMAGE_CACHE_MAX."""
        from ..clock import iso, system_clock

        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO image_cache VALUES (?,?,?,?)", (url, kind, data, iso(system_clock())))
            db.execute("DELETE FROM image_cache WHERE url NOT IN"
                       " (SELECT url FROM image_cache ORDER BY fetched_at DESC LIMIT ?)", (self.IMAGE_CACHE_MAX,))
