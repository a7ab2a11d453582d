"""The OS keyring as a convenience copy of the data key.

Never the only copy (the header always holds the wrapped key), never a plaintext backend, and never
allowed to hang the app: every call runs in a daemon thread and is abandoned after ``timeout`` s.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import KeyringUnavailable

SERVICE = "credwallet"
DEFAULT_TIMEOUT = 5.0

T = TypeVar("T")

# Backends that store nothing, fail by design, or keep secrets in readable files.
_REFUSED = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file", "plaintext")


def _describe(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _refusal(backend: Any) -> str | None:
    name = _describe(backend).lower()
    if any(r in name for r in _REFUSED):
        return f"no secure keyring on this computer ({_describe(backend)})"
    sub = getattr(backend, "backends", None)  # keyring's ChainerBackend
    if sub is not None:
        usable = [b for b in sub if _refusal(b) is None]
        if not usable:
            return "no secure keyring on this computer"
    return None


class Keystore:
    def __init__(self, backend: Any | None = None, timeout: float = DEFAULT_TIMEOUT):
        self._backend = backend
        self.timeout = timeout

    def _get_backend(self) -> Any:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    def _call(self, what: str, fn: Callable[[Any], T]) -> T:
        backend = self._call_bounded("open the keyring", lambda: self._get_backend())
        refusal = _refusal(backend)
        if refusal:
            raise KeyringUnavailable(refusal)
        return self._call_bounded(what, lambda: fn(backend))

    def _call_bounded(self, what: str, fn: Callable[[], T]) -> T:
        box: dict[str, Any] = {}

        def run() -> None:
            try:
                box["value"] = fn()
            except BaseException as exc:  # noqa: BLE001 - reported below
                box["error"] = exc

        t = threading.Thread(target=run, name="keyring", daemon=True)
        t.start()
        t.join(self.timeout)
        if t.is_alive():
            raise KeyringUnavailable(f"the keyring did not answer within {self.timeout:g} s ({what})")
        if "error" in box:
            exc = box["error"]
            raise KeyringUnavailable(f"the keyring failed to {what}: {type(exc).__name__}: {exc}") from exc
        return box["value"]

    def available(self) -> tuple[bool, str]:
        try:
            backend = self._call_bounded("open the keyring", self._get_backend)
        except KeyringUnavailable as exc:
            return False, str(exc)
        refusal = _refusal(backend)
        return (refusal is None, refusal or _describe(backend))

    def get(self, wallet_id: str) -> bytes | None:
        value = self._call("read the key", lambda b: b.get_password(SERVICE, wallet_id))
        if not value:
            return None
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:
            return None

    def set(self, wallet_id: str, key: bytes) -> None:
        enc = base64.b64encode(key).decode("ascii")
        self._call("store the key", lambda b: b.set_password(SERVICE, wallet_id, enc))

    def delete(self, wallet_id: str) -> None:
        def rm(b: Any) -> None:
            try:
                b.delete_password(SERVICE, wallet_id)
            except Exception as exc:  # noqa: BLE001 - absent entry is fine
                if "not found" not in str(exc).lower() and type(exc).__name__ != "PasswordDeleteError":
                    raise

        self._call("forget the key", rm)
