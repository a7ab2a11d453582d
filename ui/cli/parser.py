"""The ``credwallet`` argument parser: every command, every option, each with its help text."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable

from wallet.service import __version__
from wallet.errors import WalletError


class UsageError(WalletError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on its own; keep our one-line style
        self.print_usage(sys.stderr)
        raise UsageError(message)


EPILOG = """\
examples:
  credwallet --demo                        open the desktop app on a throw-away demo wallet
  credwallet init                          create a wallet (prints a recovery code once)
  credwallet import badge.json certs/      import files or whole folders
  credwallet list --status verified        what you hold, newest first
  credwallet show 3f9a                     one credential (any unambiguous id prefix)
  credwallet present 3f9a --qr cv.png      share it as a QR code (cv-1.png ... for a sequence)
  credwallet verify-presentation --qr cv.png    check what someone shared with you
  credwallet pdf --out portfolio.pdf --name "Ada Lovelace"

environment:
  CREDWALLET_HOME         the wallet folder (default: the platform's data folder)
  CREDWALLET_PASSPHRASE   the passphrase (--passphrase-file wins when both are given)
  CREDWALLET_NEW_PASSPHRASE, CREDWALLET_RECOVERY_CODE, CREDWALLET_BACKUP_PASSPHRASE
                          the other secrets (passphrase change, recover, restore)
  CREDWALLET_LANG         language of the text output and the PDF (en, de)

exit codes:
  0  ok
  1  a verification found a credential invalid
  2  bad usage or bad input (unreadable file, not a credential, unknown id)
  3  could not proceed (no wallet, locked, wrong passphrase, no key)

More: docs/cli.md.
"""

STATUS_CHOICES = ("verified", "warning", "invalid", "unverified")


def iso_date(value: str) -> str:
    """A YYYY-MM-DD date from the command line, or a usage error that shows the expected format."""
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD (e.g. 2026-01-31), got {value!r}") from None
    if len(value) != 10:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD (e.g. 2026-01-31), got {value!r}")
    return value


def status_word(value: str) -> str:
    """A status filter, any case; the human words ("Not checked") are accepted too."""
    v = value.strip().casefold().replace(" ", "-")
    v = {"not-checked": "unverified", "verified-with-warnings": "warning"}.get(v, v)
    if v not in STATUS_CHOICES:
        raise argparse.ArgumentTypeError(f"invalid choice: {value!r} (choose from {', '.join(STATUS_CHOICES)})")
    return v


def _common(sub: bool) -> argparse.ArgumentParser:
    """Global options, accepted before or after the command (``credwallet --json list`` == ``list --json``)."""
    p = argparse.ArgumentParser(add_help=False)
    d = argparse.SUPPRESS if sub else None
    p.add_argument("--wallet", metavar="DIR", default=d, help="wallet folder (default: CREDWALLET_HOME or the platform data dir)")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS if sub else False, help="machine-readable output")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS if sub else False, help="show tracebacks")
    p.add_argument("--passphrase-file", metavar="FILE", default=d,
                   help="read the passphrase from FILE (first line; wins over CREDWALLET_PASSPHRASE)")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common(sub=True)
    parser = _Parser(prog="credwallet", description="A learner-owned wallet for badges and certificates. "
                     "With no command it opens the desktop app.", parents=[_common(sub=False)],
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--demo", action="store_true", help="open the app on a throw-away wallet full of demo credentials")
    parser.add_argument("--version", action="version", version=f"credwallet {__version__}")
    sp = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        return sp.add_parser(name, help=help_, parents=[common], description=help_[:1].upper() + help_[1:] + ".")

    def sub(group: argparse._SubParsersAction, name: str, help_: str) -> argparse.ArgumentParser:
        return group.add_parser(name, help=help_, parents=[common], description=help_[:1].upper() + help_[1:] + ".")

    p = add("init", "create a new wallet and print its recovery code (once)")
    p.add_argument("--remember", action="store_true", help="keep the key in the OS keyring")

    p = add("passphrase", "change the passphrase")
    p.add_argument("action", choices=["change"], help="change: set a new passphrase")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help="read the new passphrase from FILE (or set CREDWALLET_NEW_PASSPHRASE; else you are asked)")

    p = add("recover", "set a new passphrase using the recovery code")
    p.add_argument("--recovery-code-file", metavar="FILE", help="read the recovery code from FILE "
                                                                 "(or set CREDWALLET_RECOVERY_CODE; else you are asked)")
    p.add_argument("--new-passphrase-file", metavar="FILE",
                   help="read the new passphrase from FILE (or set CREDWALLET_NEW_PASSPHRASE; else you are asked)")

    p = add("import", "import credential files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="a credential file (JSON, JWT, PNG, SVG, PDF) or a folder")
    p.add_argument("--online", action="store_true",
                   help="allow network checks (keys, status lists) for this import; also fetches an https:// badge")
    p.add_argument("--keep-invalid", action="store_true", help="store credentials even when they are invalid")

    p = add("verify", "check a credential file, a stored credential, or all of them")
    p.add_argument("target", nargs="?", metavar="PATH|ID", help="a file to check without storing it, or a stored id")
    p.add_argument("--all", action="store_true", help="check every stored credential again")
    p.add_argument("--online", action="store_true", help="allow network checks for this run")

    p = add("issuers", "manage the issuers you trust")
    isp = p.add_subparsers(dest="issuers_action", metavar="ACTION", parser_class=_Parser, required=True)
    q = sub(isp, "add", "trust an issuer")
    q.add_argument("--id", required=True, help="the issuer id as it appears in credentials")
    kq = q.add_mutually_exclusive_group(required=True)
    kq.add_argument("--jwk", metavar="FILE", help="the issuer's public key (JWK JSON)")
    kq.add_argument("--did", metavar="DID", help="the issuer's DID")
    q.add_argument("--name", default="", help="a name to show")
    sub(isp, "list", "list trusted issuers")
    q = sub(isp, "remove", "stop trusting an issuer")
    q.add_argument("id", metavar="ID", help="the issuer id")
    q = sub(isp, "import", "add the issuers in a trust-list JSON file")
    q.add_argument("file", metavar="FILE", help="a trust list written by `issuers export` (or by hand)")
    q = sub(isp, "export", "write the trust list as JSON")
    q.add_argument("--out", metavar="FILE", help="file to write (default: standard output)")

    p = add("holder", "show the learner's holder keys (public parts), for issuers to bind credentials to")
    p.add_argument("action", choices=["show"], help="show: print the DID and public key")

    p = add("present", "share chosen credentials as a presentation (file, text or QR)")
    p.add_argument("ids", nargs="+", metavar="ID", help="the credentials to share")
    p.add_argument("--disclose", action="append", metavar="PATH", help="JSON Pointer of a claim to disclose (repeat)")
    p.add_argument("--audience", metavar="AUD", help="who it is for (checked by the verifier)")
    p.add_argument("--nonce", metavar="N", help="the verifier's nonce/challenge")
    p.add_argument("--expires", type=int, default=30, metavar="DAYS", help="valid for this many days (default 30)")
    p.add_argument("--out", metavar="FILE", help="write the presentation to FILE")
    p.add_argument("--qr", metavar="FILE", help="write QR image(s): FILE.png or FILE.svg; a sequence of codes "
                                                "is written as FILE-1.png ... FILE-N.png")
    p.add_argument("--verifier-url", metavar="URL", help="verifier page the QR opens (default: the share.verifier_url "
                                                        "setting, else the credwallet page)")

    p = add("verify-presentation", "check a presentation someone shared with you")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="FILE", help="a presentation file (an image is read as a QR code)")
    src.add_argument("--qr", nargs="+", metavar="IMAGE", help="QR code image(s): screenshot or photo; several for a sequence")
    src.add_argument("--text", metavar="STRING", help="the QR text or the presentation itself")
    p.add_argument("--audience", metavar="AUD", help="the audience you expect (your own)")
    p.add_argument("--nonce", metavar="N", help="the nonce you gave the learner")
    p.add_argument("--online", action="store_true", help="allow network checks")

    p = add("verifier", "the employer's verifier web page (ui/web/verifier)")
    p.add_argument("action", choices=["serve"], help="serve: run it on 127.0.0.1 until Ctrl+C")
    p.add_argument("--port", type=int, default=8765, metavar="N", help="port on 127.0.0.1 (default 8765)")

    p = add("pdf", "a portfolio PDF with a verifiable QR code per credential")
    p.add_argument("ids", nargs="*", metavar="ID", help="the credentials (default: every verified one)")
    p.add_argument("--out", metavar="FILE", required=True, help="the PDF file to write")
    p.add_argument("--stack", metavar="NAME", help="the credentials of this stack")
    p.add_argument("--disclose", action="append", metavar="PATH", help="fields to disclose from SD-JWT credentials")
    p.add_argument("--audience", metavar="AUD", help="who it is for (checked by the verifier)")
    p.add_argument("--name", metavar="NAME", default="",
                   help="your name on the cover (default: the profile.name setting; it is kept for next time)")
    p.add_argument("--headline", metavar="TEXT", default="", help="a line under your name")
    p.add_argument("--page-size", choices=["A4", "Letter"], default="A4", help="paper size (default A4)")
    p.add_argument("--lang", metavar="CODE", help="language of the PDF: en or de (default: CREDWALLET_LANG or en)")
    p.add_argument("--expires", type=int, default=365, metavar="DAYS",
                   help="how long the PDF's QR codes and attached presentations are accepted (default 365 days; "
                        "printed on each credential)")

    add("log", "everything you have shared, newest first")

    p = add("skills", "what you can do, across every credential, with the evidence")
    p.add_argument("--framework", metavar="NAME", help="only skills from this framework (e.g. ESCO)")
    p.add_argument("--synonym", nargs=2, metavar=("SKILL", "ALSO_CALLED"), help="teach the wallet another name for a skill")

    p = add("stack", "group credentials toward a goal (a qualification, a job)")
    ssp = p.add_subparsers(dest="stack_action", metavar="ACTION", parser_class=_Parser, required=True)
    q = sub(ssp, "create", "create a stack: a goal with target credits and required skills")
    q.add_argument("name", metavar="NAME", help="the stack's name")
    q.add_argument("--target-credits", type=float, metavar="N", help="credits the goal needs (e.g. 60)")
    q.add_argument("--require-skill", action="append", default=[], metavar="SKILL", help="a skill the goal needs (repeat)")
    q = sub(ssp, "add", "add credentials to a stack")
    q.add_argument("name", metavar="NAME", help="the stack's name")
    q.add_argument("ids", nargs="+", metavar="ID", help="the credentials to add")
    q = sub(ssp, "remove", "take a credential out of a stack")
    q.add_argument("name", metavar="NAME", help="the stack's name")
    q.add_argument("id", metavar="ID", help="the credential to take out")
    q = sub(ssp, "show", "the stack's credentials with their credits, and progress toward the goal")
    q.add_argument("name", metavar="NAME", help="the stack's name")
    sub(ssp, "list", "all stacks")
    q = sub(ssp, "delete", "delete a stack (its credentials stay)")
    q.add_argument("name", metavar="NAME", help="the stack's name")

    p = add("settings", "show or change settings")
    p.add_argument("key", nargs="?", choices=["online", "max-file-mb", "check-seconds", "verifier-url", "name",
                                                     "updates", "update-feed"],
                   help="the setting to show or change (name: your name on the PDF cover; updates: check the "
                        "release feed for a newer version)")
    p.add_argument("value", nargs="?", help="the new value (online, updates: on or off)")

    p = add("list", "list credentials")
    p.add_argument("--search", metavar="TEXT", help="full-text search")
    p.add_argument("--status", type=status_word, metavar="STATUS",
                   help="verified, warning, invalid or unverified (not checked); any case")
    p.add_argument("--format", dest="fmt", metavar="FORMAT", help="ob2, ob3, clr2, vc, vc-jwt, sd-jwt-vc, blockcerts, edc, pdf")
    p.add_argument("--tag", metavar="TAG", help="has this tag")
    p.add_argument("--issuer", metavar="TEXT", help="issuer name contains TEXT")
    p.add_argument("--skill", metavar="SKILL", help="evidences this skill (any of its names)")
    p.add_argument("--framework", metavar="NAME", help="has skills from this framework")
    p.add_argument("--level", metavar="LEVEL", help="at this level, e.g. 6 or 'EQF 6'")
    p.add_argument("--since", metavar="DATE", type=iso_date, help="issued on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", type=iso_date, help="issued on or before (YYYY-MM-DD)")

    p = add("show", "show one credential")
    p.add_argument("id", metavar="ID", help="any unambiguous id prefix")

    p = add("delete", "delete a credential and everything about it")
    p.add_argument("id", metavar="ID", help="any unambiguous id prefix")

    p = add("tag", "add a tag to a credential (--remove to take it off)")
    p.add_argument("id", metavar="ID", help="any unambiguous id prefix")
    p.add_argument("tag", metavar="TAG", help="the tag")
    p.add_argument("--remove", action="store_true", help="take the tag off")

    p = add("note", "set the note on a credential")
    p.add_argument("id", metavar="ID", help="any unambiguous id prefix")
    p.add_argument("text", metavar="TEXT", help="the note (only you see it)")

    p = add("export", "write the original credential bytes to a file")
    p.add_argument("id", metavar="ID", help="any unambiguous id prefix")
    p.add_argument("--out", metavar="FILE", required=True, help="the file to write")

    p = add("backup", "write an encrypted backup of the whole wallet")
    p.add_argument("--out", metavar="FILE", required=True, help="the backup file to write (.cwbak)")

    p = add("restore", "restore a backup (into this wallet, or create it)")
    p.add_argument("file", metavar="FILE", help="a backup written by `credwallet backup`")
    p.add_argument("--backup-passphrase-file", metavar="FILE",
                   help="passphrase of the wallet the backup came from (default: this wallet's)")

    p = add("keyring", "remember or forget the key in the OS keyring")
    p.add_argument("action", choices=["on", "off", "status"], help="on: remember, off: forget, status: is one usable")
    _exchange_commands(add)
    return parser


def _exchange_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """``receive`` and ``respond`` (ui/cli/receive.py, ui/cli/respond.py run them)."""
    p = add("receive", "receive credentials from an issuer's offer (OpenID4VCI)")
    p.add_argument("offer", nargs="?", metavar="OFFER",
                   help="openid-credential-offer:// URL, https link, QR image, file, or - for stdin")
    p.add_argument("--tx-code", metavar="CODE", help="the transaction code the issuer sent you separately")
    p.add_argument("--yes", action="store_true", help="do not ask before receiving")
    p.add_argument("--allow-loopback-http", action="store_true",
                   help="allow plain http to 127.0.0.1 or ::1 (test issuers on this machine)")
    p.add_argument("--deferred", action="store_true", help="ask again for credentials an issuer deferred")

    p = add("respond", "answer a verifier's OpenID4VP request (shows what would be revealed, then asks)")
    p.add_argument("request", metavar="REQUEST", help="openid4vp:// or https link, a file or QR image holding one, or -")
    p.add_argument("--select", action="append", default=[], metavar="DCQL_ID=CREDENTIAL_ID",
                   help="answer the credential query DCQL_ID with this credential (repeat for several)")
    p.add_argument("--decline", action="append", default=[], metavar="DCQL_ID[=CLAIM]",
                   help="do not reveal this optional claim (claim id or path a/b) or do not answer this optional query")
    p.add_argument("--yes", action="store_true", help="send without asking")
    p.add_argument("--allow-loopback-http", action="store_true",
                   help="allow plain http to a verifier on 127.0.0.1 or ::1 (for testing)")
    p.add_argument("--trust-root", action="append", default=[], metavar="PEM",
                   help="also trust this root certificate for x509 verifiers (this run only)")

    p = add("update-check", "ask the project's release feed whether a newer version exists (never downloads)")
    p.add_argument("--allow-loopback-http", action="store_true",
                   help="allow a plain-http feed on 127.0.0.1 or ::1 (tests on this machine)")
