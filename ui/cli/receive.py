"""``credwallet receive``: take credentials from an issuer's OpenID4VCI offer (docs/cli.md).

    credwallet receive OFFER [--tx-code CODE] [--yes] [--allow-loopback-http] [--json]
    credwallet receive --deferred [--allow-loopback-http] [--json]

OFFER is an ``openid-credential-offer://`` URL, an https link carrying one, a QR image, a text file, the
offer JSON, or ``-`` for standard input.  What is offered is printed (on stderr) and the learner is asked
before anything is sent; ``--yes`` answers for them.  Without a terminal to ask on, ``--yes`` is required.
Exit codes: 0 ok (or declined), 1 a received credential failed verification, 2 bad offer or usage, 3 the
issuer could not be reached or refused.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wallet import errors


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def describe(preview: dict[str, Any]) -> list[str]:
    """The lines the learner reads before confirming."""
    iss = preview["issuer"]
    lines = [f"Offer from {iss['name'] or '(the issuer gives no name)'} — {iss['id']}"]
    if iss.get("logo"):
        logo = iss["logo"] if not iss["logo"].startswith("data:") else "(an image in the metadata)"
        lines.append(f"  logo: {logo}" + (f" ({iss['logo_alt']})" if iss.get("logo_alt") else ""))
    lines.append(f"  issuer metadata: {iss['metadata']}")
    lines.append("  offered:")
    for c in preview["offered"]:
        note = "" if c["supported"] else "  [format not supported: will not be asked for]"
        desc = f" — {c['description']}" if c["description"] else ""
        lines.append(f"    {c['name']} ({c['format']}){desc}{note}")
    if preview["browser"]:
        lines.append("  Your browser will open so that you can sign in at the issuer.")
    tx = preview.get("tx_code")
    if tx:
        shape = f"{tx['length']} " if tx.get("length") else ""
        kind = "digits" if tx["input_mode"] == "numeric" else "characters"
        lines.append(f"  A transaction code is needed ({shape}{kind})" + (f": {tx['description']}" if tx["description"] else ""))
    return lines


def _ask(question: str) -> bool:
    _err(question)
    try:
        answer = input("[y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_receive(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    from wallet.service import Wallet

    from .parser import UsageError
    from .passphrase import open_wallet

    read_link = Wallet.read_link

    interactive = bool(sys.stdin) and sys.stdin.isatty()
    if args.deferred:
        if args.offer:
            raise UsageError("give an OFFER or --deferred, not both")
        wallet = open_wallet(args, notes)
        results = wallet.poll_deferred(allow_loopback_http=args.allow_loopback_http, force=True)
        out = {"deferred": [r.to_json() for r in results]}
        return out, _code([x for r in results for x in r.credentials], [e for r in results for e in r.errors])
    if not args.offer:
        raise UsageError("give the offer: a link, a QR image, a file, or - for standard input")
    if not args.yes and (args.offer == "-" or not interactive):
        raise UsageError("cannot ask for confirmation without a terminal; pass --yes to receive without asking")
    text = read_link(args.offer)
    wallet = open_wallet(args, notes)
    preview = wallet.receive_preview(text, allow_loopback_http=args.allow_loopback_http)
    shown = preview.to_json()
    if not args.json or not args.yes:
        for line in describe(shown):
            _err(line)
    tx_code = args.tx_code
    if preview.needs_tx_code and tx_code is None:
        if not interactive:
            raise UsageError("this offer needs a transaction code: pass --tx-code CODE")
        tx_code = input("Transaction code: ").strip()
    if not args.yes and not _ask(f"Receive {'this credential' if len(shown['offered']) == 1 else 'these credentials'}"
                                 f" from {shown['issuer']['name'] or shown['issuer']['id']}?"):
        return {"issuer": shown["issuer"], "credentials": [], "pending": [], "errors": [], "declined": True}, 0

    def progress(done: int, total: int, label: str) -> None:
        if not args.json and label and sys.stderr.isatty():
            _err(f"[{done}/{total}] {label}")

    result = wallet.receive(preview, tx_code=tx_code, allow_loopback_http=args.allow_loopback_http,
                            progress=progress)
    return result.to_json(), _code(result.credentials, result.errors)


def _code(imported: list[Any], issuer_errors: list[str]) -> int:
    code = 0
    if any(r.error and not r.duplicate for r in imported):
        code = errors.EXIT_INVALID
    if issuer_errors and code == 0:
        code = errors.EXIT_CANNOT_PROCEED
    return code


def human(result: dict[str, Any]) -> None:
    from .output import _import

    results = result["deferred"] if "deferred" in result else [result]
    if "deferred" in result and not results:
        print("No credentials are waiting at an issuer.")
    for r in results:
        if r.get("declined"):
            print("Nothing was requested.")
            continue
        if r["issuer"]:
            print(f"From {r['issuer'].get('name') or r['issuer']['id']}:")
        _import(r["credentials"])
        for p in r["pending"]:
            print(f"… {p['configuration']}: the issuer will issue it later; "
                  f"run 'credwallet receive --deferred' after {p['poll_after'][:16].replace('T', ' ')}")
        for e in r["errors"]:
            print(f"✗ {e}")
