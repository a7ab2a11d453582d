"""Whether the app runs inside a sandbox that may have no network (Flatpak), and what to tell the learner.

The Flatpak manifest (packaging/flatpak/) gives the app no network by default.  Inside it, every fetch
fails the same way as on a computer without a connection; this module lets the messages say why and how
to allow it: Flatpak puts ``/.flatpak-info`` (a key file: ``[Context] shared=ipc;`` and so on) into every
sandbox it starts.
"""

from __future__ import annotations

import configparser
from pathlib import Path

from .messages import msg
from .paths import APP_ID

FLATPAK_INFO = Path("/.flatpak-info")  # tests point this at a file of their own
NETWORK_OVERRIDE = f"flatpak override --user --share=network {APP_ID}"


def in_flatpak() -> bool:
    return FLATPAK_INFO.is_file()


def network_shared() -> bool | None:
    """Inside a Flatpak: whether the sandbox shares the network (``shared=network``); None outside one,
    or when the file cannot be read (then nothing is claimed)."""
    if not in_flatpak():
        return None
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(FLATPAK_INFO.read_text("utf-8", errors="replace")[:64 * 1024])
    except (OSError, configparser.Error):
        return None
    shared = parser.get("Context", "shared", fallback="")
    return "network" in {p.strip() for p in shared.split(";")}


def network_hint() -> str:
    """A sentence to add to a failed fetch when a sandbox without network is the likely cause, else ""."""
    if network_shared() is False:
        return msg("word.flatpak_no_network", command=NETWORK_OVERRIDE)
    return ""
