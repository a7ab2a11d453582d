"""Commands about the portfolio: skills, stacks, the disclosure log."""

from __future__ import annotations

import argparse
from typing import Any


from .passphrase import open_wallet


def cmd_skills(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    if args.synonym:
        wallet.add_synonym(args.synonym[0], args.synonym[1])
    return [e.to_json() for e in wallet.skills(args.framework)], 0


def cmd_stack(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    act = args.stack_action
    if act == "create":
        wallet.create_stack(args.name, args.target_credits, args.require_skill)
        return wallet.stack_progress(args.name), 0
    if act == "add":
        wallet.stack_add(args.name, args.ids)
        return wallet.stack_progress(args.name), 0
    if act == "remove":
        wallet.stack_remove(args.name, args.id)
        return wallet.stack_progress(args.name), 0
    if act == "show":
        return wallet.stack_progress(args.name), 0
    if act == "delete":
        wallet.store.delete_stack(args.name)
        return {"deleted": args.name}, 0
    return [wallet.stack_progress(s["name"]) for s in wallet.stacks()], 0


def cmd_log(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    return open_wallet(args, notes).disclosure_log(), 0


