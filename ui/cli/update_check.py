"""``credwallet update-check``: does the project's release feed name a newer version (docs/cli.md)?

    credwallet update-check [--allow-loopback-http] [--json]

Only when the learner turned update checks on (``credwallet settings updates on``); it fetches the feed
once, bounded, and prints what it says.  Nothing is ever downloaded or run.  Exit codes: 0 up to date or
a newer version exists (the output says which), 2 update checks are off (the message says how to turn
them on), 3 the feed could not be fetched or read.
"""

from __future__ import annotations

import argparse
from typing import Any


def cmd_update_check(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    from .passphrase import open_wallet

    wallet = open_wallet(args, notes)
    return wallet.check_for_updates(allow_loopback_http=args.allow_loopback_http).to_json(), 0


def human(result: dict[str, Any]) -> None:
    from wallet.service import labels, messages

    print(messages.translate(result["message"]))  # in the language of the text output (CREDWALLET_LANG)
    if result["newer"] and result["latest"].get("notes"):
        print(f"  {result['latest']['notes']}")
    if result["newer"]:
        print(labels.text("cli.updates.nothing_downloaded"))
