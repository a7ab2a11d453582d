"""Keeping the garbage collector's full collections short while 10,000 rows are alive (issue 19).

A full collection runs on whichever thread allocates and holds the GIL throughout: with the rows of
10,000 credentials tracked, one took 90-140 ms on a quiet machine, during a re-check's refresh, and the
GUI thread stalled for all of it.  After a refresh has replaced the rows (the old ones are freed by
reference counting: rows hold no cycles), what is alive is collected young (cheap), and the survivors are
moved out of the collector's sight (``gc.freeze``), as start-up's objects are (app.freeze_startup_heap).
What is frozen is never collected as cyclic garbage, so young cyclic garbage is collected first; the rows
themselves are freed as usual when a later refresh drops them (frozen objects keep their reference counts).
"""

from __future__ import annotations

import gc


def settle_after_refresh() -> None:
    gc.collect(1)  # the young generations: what the refresh made and dropped, a few ms
    gc.freeze()
