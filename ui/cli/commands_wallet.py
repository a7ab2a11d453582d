"""Commands about the wallet itself: init, passphrase, recover, backup, restore, keyring, settings."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from wallet import errors
from wallet.errors import KeyringUnavailable
from wallet.service import (CHECK_SECONDS, MAX_FILE_BYTES, PROFILE_NAME, VERIFIER_URL, Keystore, Wallet,
                            require_wallet, verifier_url)

from .parser import UsageError
from .passphrase import has_given_passphrase, new_passphrase, open_wallet, passphrase, prompt, read_secret_file


def cmd_init(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    home = Wallet.home(args.wallet)
    pw = passphrase(args, "Choose a passphrase: ", confirm=True)
    wallet, code = Wallet.create(home, pw)
    remembered = False
    if args.remember:
        try:
            wallet.remember_in_keyring(Keystore())
            remembered = True
        except KeyringUnavailable as exc:
            notes.append(f"not remembered: {exc}; you will be asked for the passphrase")
    wallet.lock()
    return {"wallet": str(home), "wallet_id": wallet.wallet_id, "recovery_code": code,
            "keyring": remembered}, 0


def cmd_passphrase(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    wallet.change_passphrase(new_passphrase(args))
    return {"changed": True}, 0


def cmd_recover(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    home = Wallet.home(args.wallet)
    require_wallet(home)
    code = os.environ.get("CREDWALLET_RECOVERY_CODE")
    if code is None and args.recovery_code_file:
        code = read_secret_file(args.recovery_code_file)
    if code is None:
        code = prompt("Recovery code: ", how="use --recovery-code-file FILE, set CREDWALLET_RECOVERY_CODE, or run in a terminal")
    wallet = Wallet.recover(home, code, new_passphrase(args))
    return {"recovered": True, "credentials": wallet.count()}, 0


def cmd_backup(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    size = wallet.backup(Path(args.out))
    return {"out": args.out, "bytes": size, "credentials": wallet.count()}, 0


def cmd_restore(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    home = Wallet.home(args.wallet)
    src = Path(args.file)
    bpw = os.environ.get("CREDWALLET_BACKUP_PASSPHRASE")
    if bpw is None and args.backup_passphrase_file:
        bpw = read_secret_file(args.backup_passphrase_file)
    if not Wallet.exists(home):
        pw = bpw if bpw is not None else passphrase(args, "Passphrase of the backed-up wallet: ")
        wallet, added = Wallet.restore_new(home, src, passphrase=pw)
        notes.append(f"created a wallet at {home}; it opens with the backed-up wallet's passphrase")
        return {"restored": added, "credentials": wallet.count(), "mode": "new", "already_present": [],
                "refused": [], "statuses": {}}, 0
    wallet = open_wallet(args, notes)
    if bpw is None:
        bpw = passphrase(args, "Passphrase of the backed-up wallet: ") if has_given_passphrase(args) else \
            prompt("Passphrase of the backed-up wallet: ", how="use --backup-passphrase-file FILE, set "
                   "CREDWALLET_BACKUP_PASSPHRASE, or run in a terminal")
    res = wallet.merge_backup(src, passphrase=bpw)
    code = 0
    for r in res.refused:
        code = max(code, errors.EXIT_INVALID if r["status"] == "invalid" else errors.EXIT_USAGE)
    return {"restored": res.added, "credentials": wallet.count(), "mode": res.mode,
            "already_present": res.already_present, "refused": res.refused, "statuses": res.statuses}, code


def cmd_keyring(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    ks = Keystore()
    if args.action == "status":
        ok, why = ks.available()
        return {"available": ok, "backend": why}, 0
    wallet = open_wallet(args, notes)
    if args.action == "on":
        wallet.remember_in_keyring(ks)
        return {"keyring": True}, 0
    wallet.forget_in_keyring(ks)
    return {"keyring": False}, 0

def _number_in(value: str, kind: type, lo: float, hi: float, what: str) -> Any:
    """A setting's number from the command line, or bad usage naming the setting and its range."""
    try:
        n = kind(value)
    except ValueError as exc:
        raise UsageError(what) from exc
    if not lo <= n <= hi:
        raise UsageError(f"{what.split(' is ')[0]} must be between {lo} and {hi}")
    return n


def cmd_settings(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    if args.key == "online" and args.value is not None:
        if args.value not in ("on", "off"):
            raise UsageError("online is 'on' or 'off'")
        wallet.set_online(args.value == "on")
        if args.value == "on" and wallet.sandbox_without_network():
            notes.append("credwallet runs in a Flatpak sandbox without network access: online checks cannot "
                         f"reach anything until you run `{wallet.NETWORK_OVERRIDE}`")
    elif args.key == "max-file-mb" and args.value is not None:
        mb = _number_in(args.value, int, 1, 500, "max-file-mb is a whole number")
        wallet.set_setting(MAX_FILE_BYTES, mb * 1024 * 1024)
    elif args.key == "check-seconds" and args.value is not None:
        wallet.set_setting(CHECK_SECONDS, _number_in(args.value, float, 1, 600, "check-seconds is a number of seconds"))
    elif args.key == "verifier-url" and args.value is not None:
        wallet.set_setting(VERIFIER_URL, verifier_url(args.value))
    elif args.key == "updates" and args.value is not None:
        if args.value not in ("on", "off"):
            raise UsageError("updates is 'on' or 'off'")
        wallet.set_updates(args.value == "on")
    elif args.key == "update-feed" and args.value is not None:
        wallet.set_updates(wallet.updates_enabled(), args.value)
    elif args.key == "name" and args.value is not None:
        if len(args.value) > 200:
            raise UsageError("name is at most 200 characters")
        wallet.set_setting(PROFILE_NAME, args.value.strip())
    return {"online": wallet.online, "max_file_mb": wallet.max_file_bytes // (1024 * 1024),
            "check_seconds": wallet.check_seconds, "verifier_url": verifier_url(wallet.setting(VERIFIER_URL)),
            "name": wallet.setting(PROFILE_NAME) or "", "updates": wallet.updates_enabled(),
            "update_feed": wallet.update_feed_url()}, 0



