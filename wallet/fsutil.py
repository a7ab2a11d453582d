"""Owner-only directories and atomic file writes (temp file, fsync, rename, fsync dir)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import WalletError
from .messages import msg

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> None:
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise WalletError(msg("error.file.cannot_create_folder", detail=exc.strerror), path=str(path)) from exc


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def require_folder(path: Path) -> Path:
    """The folder a file is to be written into, or bad input saying that it does not exist."""
    from .errors import BadInput

    parent = Path(path).parent if str(Path(path).parent) else Path(".")
    if not parent.is_dir():
        raise BadInput(msg("error.file.no_folder") if not parent.exists() else msg("error.file.not_folder"), path=str(parent))
    return parent


def write_atomic(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file, never a mix."""
    path = Path(path)
    parent = require_folder(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        os.fchmod(fd, mode) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WalletError(msg("error.file.cannot_write", detail=exc.strerror or exc), path=str(path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_capped(path: Path, limit: int) -> bytes:
    """Read a whole file, refusing anything over ``limit`` bytes (checked before and while reading)."""
    from .errors import BadInput, TooLarge

    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise TooLarge(f"file is {size:,} bytes, over the {limit:,}-byte limit", path=str(path))
            data = fh.read(limit + 1)
    except IsADirectoryError as exc:
        raise BadInput(msg("error.file.is_folder"), path=str(path)) from exc
    except FileNotFoundError as exc:
        raise BadInput(msg("error.file.no_file"), path=str(path)) from exc
    except PermissionError as exc:
        raise BadInput(msg("error.file.permission"), path=str(path)) from exc
    except OSError as exc:
        raise BadInput(msg("error.file.cannot_read", detail=exc.strerror or exc), path=str(path)) from exc

    if len(data) > limit:
        raise TooLarge(f"file is over the {limit:,}-byte limit", path=str(path))
    return data
