"""Secrets for the command line: the passphrase, the new passphrase, the recovery code, and unlocking.

Order for the passphrase: an explicit ``--passphrase-file`` first (a flag typed for this run wins over
the environment), then ``CREDWALLET_PASSPHRASE``, then the OS keyring, then a prompt on a terminal."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from wallet.errors import CannotProceed, KeyringUnavailable
from wallet.service import Keystore, Wallet, require_wallet

from .parser import UsageError


def read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text("utf-8")
    except FileNotFoundError as exc:
        raise UsageError("no such file", path=path) from exc
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", path=path) from exc
    return text.rstrip("\r\n")


def prompt(prompt_: str, confirm: bool = False,
           how: str = "set CREDWALLET_PASSPHRASE, use --passphrase-file, or run in a terminal") -> str:
    """Ask on a terminal; without one, say which option or variable supplies the value."""
    if not sys.stdin or not sys.stdin.isatty():
        what = prompt_.rstrip(": ").lower()
        raise CannotProceed(f"no {what} given: {how}")
    value = getpass.getpass(prompt_)
    if confirm and getpass.getpass("Repeat: ") != value:
        raise UsageError("the two entries do not match")
    return value


def passphrase(args: argparse.Namespace, prompt_: str = "Passphrase: ", confirm: bool = False) -> str:
    if getattr(args, "passphrase_file", None):
        return read_secret_file(args.passphrase_file)
    env = os.environ.get("CREDWALLET_PASSPHRASE")
    if env is not None:
        return env
    return prompt(prompt_, confirm)


def new_passphrase(args: argparse.Namespace) -> str:
    if getattr(args, "new_passphrase_file", None):
        return read_secret_file(args.new_passphrase_file)
    env = os.environ.get("CREDWALLET_NEW_PASSPHRASE")
    if env is not None:
        return env
    return prompt("New passphrase: ", confirm=True,
                  how="use --new-passphrase-file FILE, set CREDWALLET_NEW_PASSPHRASE, or run in a terminal")


def has_given_passphrase(args: argparse.Namespace) -> bool:
    return os.environ.get("CREDWALLET_PASSPHRASE") is not None or bool(getattr(args, "passphrase_file", None))


def open_wallet(args: argparse.Namespace, notes: list[str]) -> Wallet:
    """Unlock: --passphrase-file or CREDWALLET_PASSPHRASE, else the keyring, else a prompt."""
    home = Wallet.home(args.wallet)
    require_wallet(home)
    if not has_given_passphrase(args):
        try:
            w = Wallet.open_with_keyring(home, Keystore())
            if w is not None:
                return w
        except KeyringUnavailable as exc:
            notes.append(f"keyring not used: {exc}")
    return Wallet.open(home, passphrase(args))
