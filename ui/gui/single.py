"""One running app per wallet: a second `credwallet [URL-or-file]` hands its argument to the first and exits.

The first instance listens on a local socket (a Unix socket in the user's own state folder, mode 0700, or
a named pipe on Windows limited to the user); a later launch connects, sends one JSON line
``{"v": 1, "args": [...]}`` (files made absolute, at most MAX_MESSAGE bytes), waits for ``ok`` and exits.
If nobody answers, the socket is stale (a crash) and the new launch takes it over.  Another user cannot
connect, so cannot push links into someone else's wallet, nor squat the name to receive them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from wallet import paths

from .qt import QLocalServer, QLocalSocket, QObject, Signal

MAX_MESSAGE = 64 * 1024
TIMEOUT_MS = 2000
_UNIX_PATH_MAX = 100  # sun_path is 104-108 bytes


def server_name(wallet_home: Path) -> str:
    """Where this wallet's instance listens: a path in the user's private state folder (a pipe name on
    Windows).  One name per wallet folder, so two wallets can be open side by side."""
    digest = hashlib.sha256(str(Path(wallet_home).expanduser().resolve()).encode()).hexdigest()[:16]
    if sys.platform == "win32":
        return f"{paths.APP_ID}-{os.environ.get('USERNAME', 'user')}-{digest}"
    folder = paths.state_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    name = str(folder / f"instance-{digest}.sock")
    if len(name.encode()) > _UNIX_PATH_MAX:
        raise OSError(f"{name}: path too long for a local socket")
    return name


def absolute_args(args: list[str], cwd: Path | None = None) -> list[str]:
    """Files relative to the launching shell's folder mean nothing to the running app: make them absolute."""
    out = []
    for a in args:
        scheme = urlsplit(a).scheme
        if len(scheme) > 1 or not a:  # a URL (a one-letter "scheme" is a Windows drive)
            out.append(a)
        else:
            out.append(str((cwd or Path.cwd()) / Path(a).expanduser()))
    return out


def hand_off(name: str, args: list[str]) -> bool:
    """Give ``args`` to the instance listening on ``name``; True when it took them."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(TIMEOUT_MS):
        return False
    data = (json.dumps({"v": 1, "args": args}, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > MAX_MESSAGE:
        sock.abort()
        return False
    sock.write(data)
    sock.flush()
    reply = b""
    while b"\n" not in reply and sock.waitForReadyRead(TIMEOUT_MS):
        reply += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later launches; ``received`` carries each one's arguments (possibly [] = "show me")."""

    received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.pending: list[list[str]] = []  # what arrived before there was a window to show it in
        self._handler: Callable[[list[str]], None] | None = None
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[int, bytes] = {}

    def set_handler(self, handler: Callable[[list[str]], None]) -> None:
        """From now on each launch's arguments go to ``handler``; those that came earlier go first."""
        self._handler = handler
        while self.pending:
            handler(self.pending.pop(0))

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # left behind by a crash (hand_off found nobody there)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[id(sock)] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: (self._buffers.pop(id(s), None), s.deleteLater()))
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        buf = self._buffers.get(id(sock), b"") + bytes(sock.readAll().data())
        if len(buf) > MAX_MESSAGE:
            self._buffers.pop(id(sock), None)
            sock.abort()
            return
        if b"\n" not in buf:
            self._buffers[id(sock)] = buf
            return
        self._buffers[id(sock)] = b""
        args = parse_message(buf.split(b"\n", 1)[0])
        sock.write(b"ok\n" if args is not None else b"refused\n")
        sock.flush()
        sock.disconnectFromServer()
        if args is not None:
            self.received.emit(args)
            if self._handler is not None:
                self._handler(args)
            else:
                self.pending.append(args)


def parse_message(line: bytes) -> list[str] | None:
    try:
        msg = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(msg, dict) or msg.get("v") != 1:
        return None
    args = msg.get("args")
    if not isinstance(args, list) or len(args) > 16 or not all(isinstance(a, str) for a in args):
        return None
    return args


def claim(wallet_home: Path, args: list[str]) -> tuple[bool, InstanceServer | None]:
    """(True, None) when a running instance took ``args``: exit now.  Otherwise (False, server): this launch
    is the instance now (server None when no local socket can be made here; it then runs on its own)."""
    try:
        name = server_name(wallet_home)
    except OSError:
        return False, None
    if hand_off(name, absolute_args(args)):
        return True, None
    server = InstanceServer(name)
    return False, (server if server.listen() else None)
