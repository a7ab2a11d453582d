"""``credwallet respond REQUEST``: answer a verifier's OpenID4VP request, after showing exactly what would be
revealed.  REQUEST is an ``openid4vp://`` / ``haip-vp://`` / https link, a text file holding one, a QR image
(.png, .jpg...), or ``-`` for stdin.

Exit codes: 0 sent (or declined by the learner), 1 the verifier rejected the answer, 2 a bad request or bad
usage (including a request whose signature or client identity fails), 3 the verifier could not be reached.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wallet import errors
from wallet.errors import WalletError
from wallet.service import Wallet

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


class RespondUsage(WalletError):
    pass


def _pairs(values: list[str], flag: str, need_value: bool) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for v in values:
        key, sep, val = v.partition("=")
        if not key or (need_value and not val):
            raise RespondUsage(f"{flag} expects DCQL_ID=CREDENTIAL_ID, not {v!r}" if need_value
                               else f"{flag} expects DCQL_ID or DCQL_ID=CLAIM, not {v!r}")
        out.append((key, val if sep else None))
    return out


def _request_text(value: str) -> str:
    """A link, pasted text, a file, a QR image or ``-`` (stdin): the request's text."""
    return Wallet.read_link(value)


def _roots(files: list[str]) -> list[Any]:
    roots: list[Any] = []
    for f in files:
        try:
            data = Path(f).read_bytes()
        except OSError as exc:
            raise RespondUsage(f"cannot read: {exc.strerror}", path=f) from exc
        roots += Wallet.load_trust_roots(data, f)
    return roots


def summary_lines(verifier: dict[str, Any], claims: list[dict[str, Any]], response_uri: str) -> list[str]:
    who = verifier["name"] if verifier["verified"] else f"{verifier['client_id']} (unverified)"
    lines = [f"Request from {who}", f"  {verifier['how']}", f"  the answer goes to {response_uri}"]
    for c in claims:
        lines.append(f"  {c['title']} (for {c['query']}) would reveal:")
        shown = c["labels"] or [x for x in c["claims"] if not x.startswith("/")]
        lines += [f"    - {label}" for label in shown] or ["    - (only what the issuer always shows)"]
        if c["always_shown"]:
            lines.append(f"    and always: {', '.join(c['always_shown'])}")
    return lines


def cmd_respond(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    from .passphrase import open_wallet  # the one unlock path of the command line

    select: dict[str, list[str]] = {}
    for q, cid in _pairs(args.select, "--select", True):
        select.setdefault(q, []).append(cid or "")
    decline_claims: dict[str, set[str]] = {}
    decline_queries: set[str] = set()
    for q, claim in _pairs(args.decline, "--decline", False):
        if claim is None:
            decline_queries.add(q)
        else:
            decline_claims.setdefault(q, set()).add(claim)
    text = _request_text(args.request)
    roots = _roots(args.trust_root)
    wallet = open_wallet(args, notes)
    select = {q: [wallet.get(c).id for c in cids] for q, cids in select.items()}
    off = wallet.vp_offer(text, allow_loopback_http=args.allow_loopback_http, trust_roots=roots)
    answer = wallet.vp_decide(off, select, decline_claims, decline_queries)
    verifier = off.request.verifier.to_json()
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise RespondUsage("not sending without your confirmation: run in a terminal, or pass --yes "
                               "after checking what would be revealed (credwallet respond REQUEST --json shows it)")
        for line in summary_lines(verifier, answer.claims(), off.request.response_uri):
            print(line, file=sys.stderr)
        for n in answer.notes:
            print(f"  note: {n}", file=sys.stderr)
        print("Send this? [y/N] ", end="", file=sys.stderr, flush=True)  # stdout stays the --json result
        reply = sys.stdin.readline().strip().lower()
        if reply not in ("y", "yes"):
            return {"verifier": verifier, "credentials": [], "claims": answer.claims(), "sent": False,
                    "redirect_uri": None, "declined": True}, 0
    sent = wallet.vp_send(answer)
    result = sent.to_json()
    notes += result.pop("notes", [])
    return result, 0 if sent.reply and sent.reply.accepted else errors.EXIT_INVALID


def human(result: dict[str, Any]) -> None:
    v = result["verifier"]
    who = v["name"] if v["verified"] else f"{v['client_id']} (unverified)"
    if not result["sent"]:
        print(f"Nothing sent to {who}.")
        return
    status = "accepted" if "verifier_error" not in result else f"rejected it: {result['verifier_error']}"
    print(f"Sent to {who}; the verifier {status}.")
    for c in result["claims"]:
        print(f"  {c['title']}: {', '.join(c['labels']) or '(only what the issuer always shows)'}")
    if result.get("redirect_uri"):
        print(f"The verifier asks you to continue at: {result['redirect_uri']}")
        print("(not opened; open it yourself if you expect it)")
