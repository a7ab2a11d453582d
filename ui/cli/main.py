"""The ``credwallet`` command.  With no subcommand it opens the desktop app.

Exit codes: 0 ok, 1 a verification found the credential invalid, 2 bad usage or bad input,
3 could not proceed (locked, wrong passphrase, no key).  ``--json`` shapes are in docs/cli.md.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from wallet import __version__, errors
from wallet.errors import CannotProceed, KeyringUnavailable, WalletError
from wallet.service import VERIFIER_URL_SETTING, Wallet, require_wallet, verifier_url
from wallet.vault import Keystore

from . import output, respond


class UsageError(WalletError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on its own; keep our one-line style
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _common(sub: bool) -> argparse.ArgumentParser:
    """Global options, accepted before or after the command (``credwallet --json list`` == ``list --json``)."""
    p = argparse.ArgumentParser(add_help=False)
    d = argparse.SUPPRESS if sub else None
    p.add_argument("--wallet", metavar="DIR", default=d, help="wallet folder (default: CREDWALLET_HOME or the platform data dir)")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS if sub else False, help="machine-readable output")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS if sub else False, help="show tracebacks")
    p.add_argument("--passphrase-file", metavar="FILE", default=d, help="read the passphrase from FILE")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common(sub=True)
    parser = _Parser(prog="credwallet", description="A learner-owned wallet for badges and certificates.",
                     parents=[_common(sub=False)])
    parser.add_argument("--demo", action="store_true", help="open the app on a throw-away wallet full of demo credentials")
    parser.add_argument("--version", action="version", version=f"credwallet {__version__}")
    sp = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        return sp.add_parser(name, help=help_, parents=[common], description=help_)

    p = add("init", "create a new wallet and print its recovery code (once)")
    p.add_argument("--remember", action="store_true", help="keep the key in the OS keyring")

    p = add("passphrase", "change the passphrase")
    p.add_argument("action", choices=["change"])
    p.add_argument("--new-passphrase-file", metavar="FILE")

    p = add("recover", "set a new passphrase using the recovery code")
    p.add_argument("--recovery-code-file", metavar="FILE")
    p.add_argument("--new-passphrase-file", metavar="FILE")

    p = add("import", "import credential files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--online", action="store_true", help="allow network checks (keys, status lists) for this import")
    p.add_argument("--keep-invalid", action="store_true", help="store credentials even when they are invalid")

    p = add("verify", "check a credential file, a stored credential, or all of them")
    p.add_argument("target", nargs="?", metavar="PATH|ID")
    p.add_argument("--all", action="store_true", help="check every stored credential again")
    p.add_argument("--online", action="store_true", help="allow network checks for this run")

    p = add("issuers", "manage the issuers you trust")
    isp = p.add_subparsers(dest="issuers_action", metavar="ACTION", parser_class=_Parser, required=True)
    q = isp.add_parser("add", help="trust an issuer", parents=[common])
    q.add_argument("--id", required=True, help="the issuer id as it appears in credentials")
    kq = q.add_mutually_exclusive_group(required=True)
    kq.add_argument("--jwk", metavar="FILE", help="the issuer's public key (JWK JSON)")
    kq.add_argument("--did", metavar="DID", help="the issuer's DID")
    q.add_argument("--name", default="", help="a name to show")
    isp.add_parser("list", help="list trusted issuers", parents=[common])
    q = isp.add_parser("remove", help="stop trusting an issuer", parents=[common])
    q.add_argument("id", metavar="ID")
    q = isp.add_parser("import", help="add the issuers in a trust-list JSON file", parents=[common])
    q.add_argument("file", metavar="FILE")
    q = isp.add_parser("export", help="write the trust list as JSON", parents=[common])
    q.add_argument("--out", metavar="FILE", help="file to write (default: standard output)")

    p = add("holder", "show the learner's holder keys (public parts), for issuers to bind credentials to")
    p.add_argument("action", choices=["show"])

    p = add("present", "share chosen credentials as a presentation (file, text or QR)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--disclose", action="append", metavar="PATH", help="JSON Pointer of a claim to disclose (repeat)")
    p.add_argument("--audience", metavar="AUD", help="who it is for (checked by the verifier)")
    p.add_argument("--nonce", metavar="N", help="the verifier's nonce/challenge")
    p.add_argument("--expires", type=int, default=30, metavar="DAYS", help="valid for this many days (default 30)")
    p.add_argument("--out", metavar="FILE", help="write the presentation to FILE")
    p.add_argument("--qr", metavar="FILE", help="write QR image(s): FILE.png or FILE.svg")
    p.add_argument("--verifier-url", metavar="URL", help="verifier page the QR opens (default: the share.verifier_url "
                                                        "setting, else the credwallet page)")

    p = add("verify-presentation", "check a presentation someone shared with you")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="FILE")
    src.add_argument("--qr", nargs="+", metavar="IMAGE", help="QR code image(s): screenshot or photo; several for a sequence")
    src.add_argument("--text", metavar="STRING", help="the QR text or the presentation itself")
    p.add_argument("--audience", metavar="AUD", help="the audience you expect (your own)")
    p.add_argument("--nonce", metavar="N", help="the nonce you gave the learner")
    p.add_argument("--online", action="store_true", help="allow network checks")

    p = add("verifier", "the employer's verifier web page (ui/web/verifier)")
    p.add_argument("action", choices=["serve"])
    p.add_argument("--port", type=int, default=8765, metavar="N", help="port on 127.0.0.1 (default 8765)")

    p = add("pdf", "a portfolio PDF with a verifiable QR code per credential")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--out", metavar="FILE", required=True)
    p.add_argument("--stack", metavar="NAME", help="the credentials of this stack")
    p.add_argument("--disclose", action="append", metavar="PATH", help="fields to disclose from SD-JWT credentials")
    p.add_argument("--audience", metavar="AUD")
    p.add_argument("--name", metavar="NAME", default="", help="your name on the cover")
    p.add_argument("--headline", metavar="TEXT", default="", help="a line under your name")
    p.add_argument("--page-size", choices=["A4", "Letter"], default="A4")

    p = add("log", "everything you have shared, newest first")

    p = add("skills", "what you can do, across every credential, with the evidence")
    p.add_argument("--framework", metavar="NAME", help="only skills from this framework (e.g. ESCO)")
    p.add_argument("--synonym", nargs=2, metavar=("SKILL", "ALSO_CALLED"), help="teach the wallet another name for a skill")

    p = add("stack", "group credentials toward a goal (a qualification, a job)")
    ssp = p.add_subparsers(dest="stack_action", metavar="ACTION", parser_class=_Parser, required=True)
    q = ssp.add_parser("create", help="create a stack", parents=[common])
    q.add_argument("name", metavar="NAME")
    q.add_argument("--target-credits", type=float, metavar="N")
    q.add_argument("--require-skill", action="append", default=[], metavar="SKILL")
    q = ssp.add_parser("add", help="add credentials to a stack", parents=[common])
    q.add_argument("name", metavar="NAME")
    q.add_argument("ids", nargs="+", metavar="ID")
    q = ssp.add_parser("remove", help="take a credential out of a stack", parents=[common])
    q.add_argument("name", metavar="NAME")
    q.add_argument("id", metavar="ID")
    q = ssp.add_parser("show", help="progress toward the goal", parents=[common])
    q.add_argument("name", metavar="NAME")
    ssp.add_parser("list", help="all stacks", parents=[common])
    q = ssp.add_parser("delete", help="delete a stack (its credentials stay)", parents=[common])
    q.add_argument("name", metavar="NAME")

    p = add("settings", "show or change settings")
    p.add_argument("key", nargs="?", choices=["online", "max-file-mb", "check-seconds", "verifier-url"])
    p.add_argument("value", nargs="?")

    p = add("list", "list credentials")
    p.add_argument("--search", metavar="TEXT", help="full-text search")
    p.add_argument("--status", choices=["verified", "warning", "invalid", "unverified"])
    p.add_argument("--format", dest="fmt", metavar="FORMAT", help="ob2, ob3, clr2, vc, vc-jwt, sd-jwt-vc, blockcerts, edc, pdf")
    p.add_argument("--tag", metavar="TAG")
    p.add_argument("--issuer", metavar="TEXT", help="issuer name contains TEXT")
    p.add_argument("--skill", metavar="SKILL", help="evidences this skill (any of its names)")
    p.add_argument("--framework", metavar="NAME", help="has skills from this framework")
    p.add_argument("--level", metavar="LEVEL", help="at this level, e.g. 6 or 'EQF 6'")
    p.add_argument("--since", metavar="DATE", help="issued on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="issued on or before (YYYY-MM-DD)")

    p = add("show", "show one credential")
    p.add_argument("id", metavar="ID")

    p = add("delete", "delete a credential and everything about it")
    p.add_argument("id", metavar="ID")

    p = add("tag", "add a tag to a credential (--remove to take it off)")
    p.add_argument("id", metavar="ID")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("--remove", action="store_true")

    p = add("note", "set the note on a credential")
    p.add_argument("id", metavar="ID")
    p.add_argument("text", metavar="TEXT")

    p = add("export", "write the original credential bytes to a file")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", metavar="FILE", required=True)

    p = add("backup", "write an encrypted backup of the whole wallet")
    p.add_argument("--out", metavar="FILE", required=True)

    p = add("restore", "restore a backup (into this wallet, or create it)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--backup-passphrase-file", metavar="FILE",
                   help="passphrase of the wallet the backup came from (default: this wallet's)")

    p = add("keyring", "remember or forget the key in the OS keyring")
    p.add_argument("action", choices=["on", "off", "status"])
    respond.add_parser(add)
    return parser


# --- secrets -------------------------------------------------------------------------------------


def _read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", path=path) from exc
    return text.rstrip("\r\n")


def _prompt(prompt: str, confirm: bool = False) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise CannotProceed(
            "no passphrase: set CREDWALLET_PASSPHRASE, use --passphrase-file, or run in a terminal"
        )
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != value:
        raise UsageError("the two entries do not match")
    return value


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ", confirm: bool = False) -> str:
    env = os.environ.get("CREDWALLET_PASSPHRASE")
    if env is not None:
        return env
    if args.passphrase_file:
        return _read_secret_file(args.passphrase_file)
    return _prompt(prompt, confirm)


def new_passphrase(args: argparse.Namespace) -> str:
    env = os.environ.get("CREDWALLET_NEW_PASSPHRASE")
    if env is not None:
        return env
    if getattr(args, "new_passphrase_file", None):
        return _read_secret_file(args.new_passphrase_file)
    return _prompt("New passphrase: ", confirm=True)


def _has_given_passphrase(args: argparse.Namespace) -> bool:
    return os.environ.get("CREDWALLET_PASSPHRASE") is not None or bool(args.passphrase_file)


def open_wallet(args: argparse.Namespace, notes: list[str]) -> Wallet:
    """Unlock: CREDWALLET_PASSPHRASE or --passphrase-file, else the keyring, else a prompt."""
    home = Wallet.home(args.wallet)
    require_wallet(home)
    if not _has_given_passphrase(args):
        try:
            w = Wallet.open_with_keyring(home, Keystore())
            if w is not None:
                return w
        except KeyringUnavailable as exc:
            notes.append(f"keyring not used: {exc}")
    return Wallet.open(home, passphrase(args))


# --- commands ------------------------------------------------------------------------------------


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
    return {"wallet": str(home), "wallet_id": wallet.vault.wallet_id, "recovery_code": code,
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
        code = _read_secret_file(args.recovery_code_file)
    if code is None:
        code = _prompt("Recovery code: ")
    wallet = Wallet.recover(home, code, new_passphrase(args))
    return {"recovered": True, "credentials": wallet.count()}, 0


def cmd_import(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    show_progress = not args.json and sys.stderr.isatty()

    def progress(done: int, total: int, label: str) -> None:
        if show_progress and total > 1:
            print(f"\r[{done}/{total}] {label[-60:]:60}", end="", file=sys.stderr, flush=True)

    results = wallet.import_paths(args.paths, progress=progress, online=True if args.online else None,
                                  keep_invalid=args.keep_invalid)
    if show_progress:
        print(file=sys.stderr)
    code = 0
    for r in results:
        if r.error and not r.duplicate:
            code = max(code, errors.EXIT_INVALID if r.status == "invalid" else errors.EXIT_USAGE)
    return [r.to_json() for r in results], code


def _verify_json(fmt: str, report: Any, normalized: Any = None, **extra: Any) -> dict[str, Any]:
    from wallet.service import issuer_confirmation, verdict_headline

    out = {"status": report.status, "format": fmt, "checked_at": report.checked_at,
           "checks": [c.to_json() for c in report.checks], "fetches": report.fetches,
           "headline": verdict_headline(report, normalized), "issuer": issuer_confirmation(report)}
    out.update(extra)
    return out


def _presentation_json(res: Any, **extra: Any) -> dict[str, Any]:
    """`verify` given a presentation: the `verify` shape (status, format, checked_at, checks, fetches, input,
    title) with format "presentation", plus what `verify-presentation --json` gives (kind, holder, issuer,
    disclosed)."""
    out = res.to_json()
    titles = [d["credential"] for d in res.disclosed if d.get("credential")]
    out.update({"format": "presentation", "checked_at": res.checks[0].checked_at if res.checks else "",
                "fetches": [], "title": f"{res.kind} presentation" + (f": {', '.join(titles)}" if titles else "")})
    out.update(extra)
    return out


def cmd_verify(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    online = True if args.online else None
    if args.all == bool(args.target):
        raise UsageError("give a file or an id, or --all")
    target = Path(args.target) if args.target else None
    if target is not None and target.exists():
        # a file: checked without storing it; the wallet (if any) provides the trust list and settings
        from wallet.fsutil import read_capped

        home = Wallet.home(args.wallet)
        data = read_capped(target, 20 * 1024 * 1024)
        if Wallet.exists(home):
            wallet = open_wallet(args, notes)
            checked = wallet.verify_input(data, str(target), online=online)
        else:
            from wallet.fetch import Fetcher
            from wallet.service import verify_input
            from wallet.verify import engine

            checked = verify_input(data, str(target), 20 * 1024 * 1024,
                                   engine.VerifyContext(fetcher=Fetcher(online=bool(args.online))))
        if not isinstance(checked, tuple):  # a presentation: checked as verify-presentation checks it
            result = _presentation_json(checked, input=str(target))
            return result, errors.EXIT_INVALID if checked.status == "invalid" else 0
        parsed, report = checked
        result = _verify_json(parsed.format, report, parsed.normalized, input=str(target), title=parsed.normalized.title)
        return result, errors.EXIT_INVALID if report.status == "invalid" else 0
    wallet = open_wallet(args, notes)
    refs = [s.id for s in wallet.list()] if args.all else [args.target]
    ctx = wallet.verify_context(online)  # trust list, holder key and fetched documents read once
    results = []
    for ref in refs:
        cred = wallet.reverify(ref, online=online, ctx=ctx)
        results.append(_verify_json(cred.format, cred.report, cred.normalized, id=cred.id, title=cred.normalized.title))
    code = errors.EXIT_INVALID if any(r["status"] == "invalid" for r in results) else 0
    return (results if args.all else results[0]), code


def cmd_issuers(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    from wallet.verify.trust import TrustedIssuer, parse_entries

    wallet = open_wallet(args, notes)
    trust = wallet.trust_list()
    act = args.issuers_action
    if act == "add":
        jwk = None
        if args.jwk:
            from wallet.formats.jsonutil import loads_strict
            from wallet.fsutil import read_capped

            jwk = loads_strict(read_capped(Path(args.jwk), 1 << 20), args.jwk)
        entry = parse_entries([TrustedIssuer(args.id, args.name, jwk, args.did).to_json()], args.jwk or "issuer")[0]
        trust.entries[entry.id] = entry
        wallet.save_trust_list(trust)
        return {"added": entry.to_json()}, 0
    if act == "remove":
        if trust.entries.pop(args.id, None) is None:
            raise UsageError(f"no trusted issuer with id {args.id!r}")
        wallet.save_trust_list(trust)
        return {"removed": args.id}, 0
    if act == "import":
        count = wallet.import_trust_list(Path(args.file))
        return {"imported": count, "issuers": wallet.trust_list().to_setting()}, 0
    if act == "export":
        text = trust.export_json()
        if args.out:
            from wallet.fsutil import write_atomic

            write_atomic(Path(args.out), (text + "\n").encode())
            return {"out": args.out, "issuers": len(trust.entries)}, 0
        return {"issuers": trust.to_setting()}, 0
    return trust.to_setting(), 0


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


def cmd_holder(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    return open_wallet(args, notes).holder().public(), 0


def cmd_present(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    from wallet.present import qr as qrcodec

    wallet = open_wallet(args, notes)
    page = verifier_url(args.verifier_url or wallet.setting(VERIFIER_URL_SETTING))  # refused before anything is shared
    form = "qr" if args.qr else "file" if args.out else "text"
    shared = wallet.present(args.ids, args.disclose, audience=args.audience, nonce=args.nonce,
                            expires_days=args.expires, form=form)
    texts = qrcodec.encode_for_qr(shared.presentation(), page)
    from ui.render import qr as qrrender

    result: dict[str, Any] = {
        "kind": shared.kind, "audience": shared.audience, "nonce": shared.nonce, "expires": shared.expires,
        "credentials": shared.credential_ids, "disclosed": shared.disclosed, "notes": shared.notes,
        "presentation": shared.text, "presentation_bytes": len(shared.text.encode()),
        "qr": texts, "qr_versions": [qrrender.version(t) for t in texts],
    }
    hint = qrcodec.sequence_hint(len(texts), shared.disclosed)
    if hint:
        result["notes"] = [*shared.notes, hint]
    if args.out:
        from wallet.fsutil import write_atomic

        write_atomic(Path(args.out), shared.text.encode("utf-8"), mode=0o600)
        result["out"] = args.out
    if args.qr:
        result["qr_files"] = [str(p) for p in qrrender.write(texts, Path(args.qr))]
    return result, 0


def cmd_verify_presentation(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    from wallet.fetch import Fetcher
    from wallet.verify import engine

    if args.qr:
        from ui.render import qr as qrrender

        data: Any = qrrender.decode_images([Path(f) for f in args.qr])
        source = args.qr[0]
    elif args.text:
        data, source = args.text, "text"
    else:
        from wallet.fsutil import read_capped

        data, source = read_capped(Path(args.file), 20 * 1024 * 1024), args.file
    home = Wallet.home(args.wallet)
    if Wallet.exists(home) and (os.environ.get("CREDWALLET_PASSPHRASE") is not None or args.passphrase_file):
        wallet = open_wallet(args, notes)  # the employer's own trusted-issuer list applies
        res = wallet.verify_presentation(data, audience=args.audience, nonce=args.nonce, source=source,
                                         online=True if args.online else None)
    else:
        from wallet.present.verifier import verify_presentation

        res = verify_presentation(data, engine.VerifyContext(fetcher=Fetcher(online=bool(args.online))),
                                  audience=args.audience, nonce=args.nonce, source=source)
    return res.to_json(), errors.EXIT_INVALID if res.status == "invalid" else 0


def cmd_pdf(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    if args.stack:
        ids = wallet.stack_progress(args.stack)["credentials"]
    elif args.ids:
        ids = [wallet.get(i).id for i in args.ids]
    else:
        ids = [s.id for s in wallet.list() if s.status in ("verified", "warning")]
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["credwallet"])
    from ui.render import pdf

    try:
        return pdf.build(wallet, Path(args.out), ids, disclose=args.disclose, audience=args.audience, name=args.name,
                         headline=args.headline, page_size=args.page_size), 0
    finally:
        import gc

        gc.collect()
        app.shutdown()  # tear Qt down now, not during interpreter finalization


def cmd_log(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    return open_wallet(args, notes).disclosure_log(), 0


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
    elif args.key == "max-file-mb" and args.value is not None:
        mb = _number_in(args.value, int, 1, 500, "max-file-mb is a whole number")
        wallet.set_setting("import.max_file_bytes", mb * 1024 * 1024)
    elif args.key == "check-seconds" and args.value is not None:
        wallet.set_setting("import.check_seconds", _number_in(args.value, float, 1, 600,
                                                               "check-seconds is a number of seconds"))
    elif args.key == "verifier-url" and args.value is not None:
        wallet.set_setting(VERIFIER_URL_SETTING, verifier_url(args.value))
    return {"online": wallet.online, "max_file_mb": wallet.max_file_bytes // (1024 * 1024),
            "check_seconds": wallet.check_seconds, "verifier_url": verifier_url(wallet.setting(VERIFIER_URL_SETTING))}, 0



def cmd_verifier(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    """Serve the bundled verifier page on 127.0.0.1 until interrupted."""
    from ui.cli.verifier_serve import make_server

    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    try:
        server = make_server(args.port)
    except OSError as exc:
        raise WalletError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}") from exc
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"credwallet: the verifier page is at {url} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return {"served": url}, 0


def cmd_list(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    rows = wallet.list(args.search, skill=args.skill, framework=args.framework, level=args.level, status=args.status,
                       fmt=args.fmt,
                       tag=args.tag, issuer=args.issuer, since=args.since, until=args.until)
    return [output.summary_json(s) for s in rows], 0


def cmd_show(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    cred = wallet.get(args.id)
    out = output.credential_json(cred)
    out["micro_credential_elements"] = wallet.elements(cred.id)
    return out, 0


def cmd_delete(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    return {"deleted": open_wallet(args, notes).delete(args.id)}, 0


def cmd_tag(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    (wallet.untag if args.remove else wallet.tag)(args.id, args.tag)
    cred = wallet.get(args.id)
    return {"id": cred.id, "tags": cred.tags}, 0


def cmd_note(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    wallet.note(args.id, args.text)
    cred = wallet.get(args.id)
    return {"id": cred.id, "notes": cred.notes}, 0


def cmd_export(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    cred = wallet.get(args.id)
    out = wallet.export_original(cred.id, Path(args.out))
    return {"id": cred.id, "out": str(out), "bytes": len(cred.original)}, 0


def cmd_backup(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    size = wallet.backup(Path(args.out))
    return {"out": args.out, "bytes": size, "credentials": wallet.count()}, 0


def cmd_restore(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    home = Wallet.home(args.wallet)
    src = Path(args.file)
    bpw = os.environ.get("CREDWALLET_BACKUP_PASSPHRASE")
    if bpw is None and args.backup_passphrase_file:
        bpw = _read_secret_file(args.backup_passphrase_file)
    if not Wallet.exists(home):
        pw = bpw if bpw is not None else passphrase(args, "Passphrase of the backed-up wallet: ")
        wallet, added = Wallet.restore_new(home, src, passphrase=pw)
        notes.append(f"created a wallet at {home}; it opens with the backed-up wallet's passphrase")
        return {"restored": added, "credentials": wallet.count(), "mode": "new", "already_present": [],
                "refused": [], "statuses": {}}, 0
    wallet = open_wallet(args, notes)
    if bpw is None:
        bpw = passphrase(args, "Passphrase of the backed-up wallet: ") if _has_given_passphrase(args) else \
            _prompt("Passphrase of the backed-up wallet: ")
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


COMMANDS = {
    "init": cmd_init, "passphrase": cmd_passphrase, "recover": cmd_recover, "import": cmd_import,
    "list": cmd_list, "show": cmd_show, "delete": cmd_delete, "tag": cmd_tag, "note": cmd_note,
    "export": cmd_export, "backup": cmd_backup, "restore": cmd_restore, "keyring": cmd_keyring,
    "verify": cmd_verify, "issuers": cmd_issuers, "settings": cmd_settings,
    "skills": cmd_skills, "stack": cmd_stack, "respond": respond.cmd_respond,
    "holder": cmd_holder, "present": cmd_present, "verify-presentation": cmd_verify_presentation, "log": cmd_log,
    "pdf": cmd_pdf, "verifier": cmd_verifier,
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


def main(argv: list[str] | None = None) -> int:
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
        print(f"credwallet: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("credwallet: interrupted", file=sys.stderr)
        return errors.EXIT_CANNOT_PROCEED
    except Exception as exc:  # noqa: BLE001 - a bug: say so in one line, traceback on --debug
        if debug:
            traceback.print_exc()
        print(f"credwallet: internal error ({type(exc).__name__}: {exc}); run with --debug for details",
              file=sys.stderr)
        return errors.EXIT_CANNOT_PROCEED
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        output.human(args.command, result)
    return code


if __name__ == "__main__":
    sys.exit(main())
