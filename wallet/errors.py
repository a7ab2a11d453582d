"""The errors a person reads.

Every failure the core can foresee is a WalletError with a one-line message that names the
thing (file, credential, setting) and the problem.  Front ends print ``str(err)`` and map
``err.exit_code`` to the process exit status; tracebacks are for ``--debug`` only.
"""

from __future__ import annotations

# Exit codes shared by the command line and anything that scripts it.
EXIT_INVALID = 1  # a verification found the credential invalid
EXIT_USAGE = 2  # bad usage or bad input
EXIT_CANNOT_PROCEED = 3  # locked, wrong passphrase, no key


class WalletError(Exception):
    """Base class: a problem explained in words."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        # a wallet.messages.Message carries its catalogue id ("error.*") and arguments: front ends show the
        # error in the reader's language (wallet.messages.error_text); str() stays the English sentence
        self.message_id: str = getattr(message, "id", "") or ""
        self.message_args: dict[str, object] = dict(getattr(message, "args", None) or {}) if self.message_id else {}
        super().__init__(f"{path}: {message}" if path else str(message))


class BadInput(WalletError):
    """The bytes we were given are not something we can read."""


class UnsupportedFormat(BadInput):
    """Readable, but not a credential format we know."""


class TooLarge(BadInput):
    """Input over a configured size cap."""


class NotFound(WalletError):
    """No credential (or other object) with that id."""


class CannotProceed(WalletError):
    exit_code = EXIT_CANNOT_PROCEED


class Locked(CannotProceed):
    """The wallet is locked; unlock it first."""


class WrongPassphrase(CannotProceed):
    """The passphrase (or recovery code) did not open the wallet."""


class NoWallet(CannotProceed):
    """There is no wallet at the location."""


class WalletExists(WalletError):
    """init over an existing wallet."""


class CorruptWallet(CannotProceed):
    """The wallet files are damaged or from an unknown version."""


class KeyringUnavailable(WalletError):
    """The OS keyring could not be used (absent, failing, too slow, or insecure)."""


class BackupError(WalletError):
    """A backup file is damaged, tampered with, or cannot be opened."""


class Cancelled(WalletError):
    """The person stopped a long operation."""
