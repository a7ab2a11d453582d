"""A self-test for installed and frozen builds, where no test code is at hand.

    CREDWALLET_SMOKE_GRAB=shot.png credwallet --demo

opens the demo window as usual, waits until the collection has filled, saves a grab of the window to
``shot.png`` and what it showed to ``shot.json`` (rows, title, each credential's status), and quits with
exit code 0; if the collection is still empty after the deadline, or the grab cannot be saved, it quits
with exit code 3.  tests/packaging runs it against the installed wheel (and the bundle smoke test against
the frozen app): it proves the resources, the Qt plugins and the demo set all made it into the build.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from .qt import QApplication, QTimer

ENV = "CREDWALLET_SMOKE_GRAB"
DEADLINE_S = 90.0


def arm(window, out: Path, deadline_s: float = DEADLINE_S) -> None:  # noqa: ANN001 - a MainWindow
    deadline = time.monotonic() + deadline_s

    def poll() -> None:
        app = QApplication.instance()
        rows = window.model.rowCount()
        if rows:
            app.processEvents()
            saved = window.grab().save(str(out))
            statuses = Counter(s.status for s in window.wallet.credentials())
            out.with_suffix(".json").write_text(json.dumps(
                {"rows": rows, "title": window.windowTitle(), "statuses": dict(statuses),
                 "icon": not window.windowIcon().isNull() or not app.windowIcon().isNull()}), "utf-8")
            app.exit(0 if saved else 3)
        elif time.monotonic() > deadline:
            app.exit(3)
        else:
            QTimer.singleShot(100, poll)

    QTimer.singleShot(0, poll)
