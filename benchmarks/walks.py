"""How far a front-end call walks through the code: the two walks of issue 14.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python benchmarks/walks.py [--show]

(a) ``credwallet import FILE``, from the CLI entry to the vault write, and (a') the check that the
checking process runs on that input (wallet.bounded.check_one, traced in this process);
(b) ``credwallet present ID --qr out.png``, from the CLI entry to the QR image file.

Each walk is traced with ``sys.setprofile``.  Only the project's own modules count (``wallet.*``,
``ui.*``); a call made from a library (pyld calling our document loader) is charged to the nearest
project frame below it.  A *stop* is a call from one module into another; each distinct
caller -> callee pair counts once, at its first occurrence, so a loop over ten thousand JSON-LD nodes
is one stop, not ten thousand.  *Modules* are the distinct modules the walk enters; a *return* is a stop
into a module the walk has already been in (stops = modules + returns, less the entry module).  ``calls``
is every cross-module call with repetition, for scale.  The same walk is also counted by layer (the
packages of docs/architecture.md: wallet.service, wallet.verify, ..., ui.cli), where a call between two
modules of one layer is not a stop.  Not a timing figure: the counts do not depend
on the machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("wallet", "ui")
DEMO = ROOT / "resources" / "demo" / "credentials"
PASSPHRASE = "walks: correct horse battery staple"


def _module(frame: FrameType | None) -> str | None:
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.split(".")[0] in PROJECT:
            return str(name)
        frame = frame.f_back
    return None


def layer(module: str) -> str:
    """wallet.service.importing -> wallet.service; wallet.paths -> wallet.paths; ui.cli.main -> ui.cli."""
    return ".".join(module.split(".")[:2])


class Walk:
    def __init__(self, title: str):
        self.title = title
        self.edges: list[tuple[str, str]] = []
        self.seen: set[tuple[str, str]] = set()
        self.calls = 0
        self.entry: str | None = None

    def _profile(self, frame: FrameType, event: str, _arg: Any) -> None:
        if event != "call":
            return
        callee = frame.f_globals.get("__name__", "")
        if callee.split(".")[0] not in PROJECT:
            return
        caller = _module(frame.f_back)
        if self.entry is None:
            self.entry = caller or callee
        if caller is None or caller == callee:
            return
        self.calls += 1
        if (caller, callee) not in self.seen:
            self.seen.add((caller, callee))
            self.edges.append((caller, callee))

    def run(self, fn: Any, *args: Any) -> Any:
        sys.setprofile(self._profile)
        try:
            return fn(*args)
        finally:
            sys.setprofile(None)

    def numbers(self, layers: bool = False) -> dict[str, int]:
        """Module level, or (``layers``) with modules grouped into the layers of docs/architecture.md
        (wallet.service.*, wallet.vault.*, ..., ui.cli.*): a hop inside one layer is not a stop there."""
        name = layer if layers else (lambda m: m)
        edges: list[tuple[str, str]] = []
        for a, b in self.edges:
            e = (name(a), name(b))
            if e[0] != e[1] and e not in edges:
                edges.append(e)
        visited = {name(self.entry)} if self.entry else set()
        returns = 0
        for _a, b in edges:
            if b in visited:
                returns += 1
            visited.add(b)
        return {"stops": len(edges), "modules": len(visited), "returns": returns, "calls": self.calls}

    def show(self) -> str:
        lines = [f"{self.title}: " + ", ".join(f"{k} {v}" for k, v in self.numbers().items())]
        lines += [f"    {a} -> {b}" for a, b in self.edges]
        return "\n".join(lines)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    show = "--show" in sys.argv
    from ui.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "wallet"
        os.environ["CREDWALLET_PASSPHRASE"] = PASSPHRASE
        os.environ["CREDWALLET_STATE_DIR"] = str(Path(tmp) / "state")
        devnull = open(os.devnull, "w")  # noqa: SIM115 - the CLI's JSON output is not the point here
        real_stdout = sys.stdout
        sys.stdout = devnull
        try:
            assert cli.main(["--wallet", str(home), "init"]) == 0
            # warm up: the checking process, the bundled JSON-LD contexts, the QR tables, the modules a command
            # imports on first use (one-off loads are not the walk)
            assert cli.main(["--wallet", str(home), "import", str(DEMO / "ob3-applied-statistics.svg")]) == 0
            target = DEMO / "ob3-data-analysis-python.json"
            walk_import = Walk("(a) credwallet import FILE -> vault write")
            code = walk_import.run(cli.main, ["--wallet", str(home), "--json", "import", str(target)])
            assert code == 0, code

            from wallet.bounded import check_one

            data = target.read_bytes()
            ctx = _verify_context(home)
            walk_check = Walk("(a') the check the checking process runs on it (bounded.check_one)")
            walk_check.run(check_one, data, str(target), 20 * 1024 * 1024, ctx)

            cid = _id_of(home, "Data Analysis with Python")
            out = Path(tmp) / "out.png"
            assert cli.main(["--wallet", str(home), "present", cid, "--qr", str(out)]) == 0  # warm-up
            walk_present = Walk("(b) credwallet present ID --qr out.png -> QR image")
            code = walk_present.run(cli.main, ["--wallet", str(home), "--json", "present", cid, "--qr", str(out)])
            assert code == 0 and out.exists(), code
        finally:
            sys.stdout = real_stdout
            devnull.close()
    print("| walk | stops | modules | returns | cross-module calls | layer stops | layers | layer returns |")
    print("|---|---|---|---|---|---|---|---|")
    for w in (walk_import, walk_check, walk_present):
        n, g = w.numbers(), w.numbers(layers=True)
        print(f"| {w.title} | {n['stops']} | {n['modules']} | {n['returns']} | {n['calls']} | {g['stops']} | "
              f"{g['modules']} | {g['returns']} |")
    if show:
        for w in (walk_import, walk_check, walk_present):
            print()
            print(w.show())
    return 0


def _open(home: Path) -> Any:
    from wallet.service import Wallet

    return Wallet.open(home, PASSPHRASE)


def _verify_context(home: Path) -> Any:
    w = _open(home)
    try:
        return w.verify_context()
    finally:
        w.lock()


def _id_of(home: Path, title: str) -> str:
    w = _open(home)
    try:
        rows = w.credentials() if hasattr(w, "credentials") else w.credentials()  # before the rename (issue 14)
        return next(s.id for s in rows if s.title == title)
    finally:
        w.lock()


if __name__ == "__main__":
    sys.exit(main())
