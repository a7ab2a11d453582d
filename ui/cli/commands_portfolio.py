"""Commands about the portfolio: skills, stacks, the disclosure log."""

from __future__ import annotations

import argparse
from typing import Any

from .parser import UsageError
from .passphrase import open_wallet


def cmd_skills(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    if args.synonym:
        wallet.add_synonym(args.synonym[0], args.synonym[1])
    found = wallet.skills(args.framework)
    if args.framework and not found:
        known = sorted({e.framework for e in wallet.skills() if e.framework}, key=str.casefold)
        raise UsageError(f"no skills from framework {args.framework!r}"
                         + (f"; your skills come from: {', '.join(known)}" if known else "; your skills name no framework"))
    return [e.to_json() for e in found], 0


def stack_view(wallet: Any, name: str) -> dict[str, Any]:
    """A stack's progress (the documented shape) plus ``members``: each credential with its credits."""
    st = wallet.stack_progress(name)
    members = []
    for cid in st["credentials"]:
        cred = wallet.get(cid)
        c = cred.normalized.credits
        try:
            value = float(c["value"]) if c and c.get("value") is not None else None
        except (TypeError, ValueError):
            value = None
        members.append({"id": cid, "title": cred.normalized.title, "credits": value, "status": cred.report.status})
    st["members"] = sorted(members, key=lambda m: (m["title"] or "").casefold())
    return st


def cmd_stack(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    act = args.stack_action
    if act == "create":
        wallet.create_stack(args.name, args.target_credits, args.require_skill)
        return stack_view(wallet, args.name), 0
    if act == "add":
        wallet.stack_add(args.name, args.ids)
        return stack_view(wallet, args.name), 0
    if act == "remove":
        wallet.stack_remove(args.name, args.id)
        return stack_view(wallet, args.name), 0
    if act == "show":
        return stack_view(wallet, args.name), 0
    if act == "delete":
        wallet.delete_stack(args.name)
        return {"deleted": args.name}, 0
    return [stack_view(wallet, s["name"]) for s in wallet.stacks()], 0


def cmd_log(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    return open_wallet(args, notes).disclosure_log(), 0


