"""The ``credwallet`` command.  With no subcommand it opens the desktop app.

Exit codes: 0 ok, 1 a verification found the credential invalid, 2 bad usage or bad input,
3 could not proceed (locked, wrong passphrase, no key).  ``--json`` shapes are in docs/cli.md.

The parser is in parser.py, secrets and unlocking in passphrase.py, the commands in commands_*.py,
the human text in output.py.  A new command: its arguments in parser.py and one
line in ``COMMANDS`` below.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from wallet import errors
from wallet.errors import WalletError
from wallet.service import messages

from . import output
from .commands_credentials import (cmd_delete, cmd_export, cmd_import, cmd_issuers, cmd_list, cmd_note, cmd_show,
                                   cmd_tag, cmd_verify)
from .commands_portfolio import cmd_log, cmd_skills, cmd_stack
from .commands_share import cmd_holder, cmd_pdf, cmd_present, cmd_verifier, cmd_verify_presentation
from .commands_wallet import cmd_backup, cmd_init, cmd_keyring, cmd_passphrase, cmd_recover, cmd_restore, cmd_settings
from .parser import UsageError, build_parser
from .passphrase import new_passphrase, open_wallet, passphrase
from .receive import cmd_receive
from .respond import cmd_respond
from .update_check import cmd_update_check

__all__ = ["COMMANDS", "UsageError", "build_parser", "main", "new_passphrase", "open_wallet", "passphrase"]

COMMANDS = {
    "init": cmd_init, "passphrase": cmd_passphrase, "recover": cmd_recover, "import": cmd_import,
    "list": cmd_list, "show": cmd_show, "delete": cmd_delete, "tag": cmd_tag, "note": cmd_note,
    "export": cmd_export, "backup": cmd_backup, "restore": cmd_restore, "keyring": cmd_keyring,
    "verify": cmd_verify, "issuers": cmd_issuers, "settings": cmd_settings,
    "skills": cmd_skills, "stack": cmd_stack,
    "holder": cmd_holder, "present": cmd_present, "verify-presentation": cmd_verify_presentation, "log": cmd_log,
    "pdf": cmd_pdf, "verifier": cmd_verifier, "receive": cmd_receive, "respond": cmd_respond,
    "update-check": cmd_update_check,
}


def split_open_target(argv: list[str]) -> tuple[list[str], list[str]]:
    """``credwallet URL-or-file`` (the desktop's ``Exec=credwallet %u``) opens the app on it: a link with a
    scheme, or an existing file, given last and not as a command or an option's value."""
    if not argv or argv[-1].startswith("-") or argv[-1] in COMMANDS or any(a in COMMANDS for a in argv[:-1]):
        return argv, []
    if len(argv) >= 2 and argv[-2] in ("--wallet", "--passphrase-file"):
        return argv, []
    from urllib.parse import urlsplit

    target = argv[-1]
    if len(urlsplit(target).scheme) > 1 or Path(target).is_file():
        return argv[:-1], [target]
    return argv, []


def _quiet_closed_pipe() -> None:
    """The reader went away (``credwallet list | head``): drop what is left to write, without a traceback
    now or at interpreter exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture stdout)
        pass


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        _quiet_closed_pipe()
        return 0


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    argv, open_args = split_open_target(argv)
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(f"credwallet: {exc}", file=sys.stderr)
        return errors.EXIT_USAGE
    if args.command is None:
        from ui.gui.app import run_app  # Qt is loaded only for the desktop app

        return run_app(wallet_dir=args.wallet, demo=args.demo, open_args=open_args)
    notes: list[str] = []
    try:
        result, code = COMMANDS[args.command](args, notes)
    except WalletError as exc:
        if debug:
            traceback.print_exc()
        if args.json:
            print(json.dumps({"error": str(exc), "exit_code": exc.exit_code}))
        print(f"credwallet: {messages.error_text(exc)}", file=sys.stderr)
        return exc.exit_code

    except KeyboardInterrupt:
        print("credwallet: interrupted", file=sys.stderr)
        return errors.EXIT_CANNOT_PROCEED
    except BrokenPipeError:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug: say so in one line, traceback on --debug
        if debug:
            traceback.print_exc()
        print(f"credwallet: internal error ({type(exc).__name__}: {exc}); run with --debug for details",
              file=sys.stderr)
        return errors.EXIT_CANNOT_PROCEED
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    if args.json:  # indented for a person at a terminal; piped, one line from json's C encoder (indenting is
        # pure Python: it took longer than checking the credentials in `verify --all --json`)
        print(json.dumps(result, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None))
    else:
        output.human(args.command, result)
    sys.stdout.flush()  # a closed pipe shows here, inside main, not at interpreter exit
    return code


if __name__ == "__main__":
    sys.exit(main())
