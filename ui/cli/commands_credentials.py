"""Commands about the credentials held: import, verify, list, show, delete, tag, note, export, trusted issuers."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from wallet import errors
from wallet.service import Wallet, check_file, is_qr_text, read_input

from . import output
from .parser import UsageError
from .passphrase import open_wallet


class ImportRows(list):
    """The ``import --json`` list, with the one-line hint the text summary ends with (worked out only when
    the text summary asks for it: the JSON output has no use for it)."""

    results: list[Any] = []
    wallet: Any = None

    @property
    def hint(self) -> str:
        return demo_trust_hint(self.wallet, self.results)


def _is_url(item: str) -> bool:
    return item.lower().startswith(("https://", "http://"))


def _import_url(wallet: Wallet, url: str, online: bool, keep_invalid: bool) -> Any:
    """A hosted badge: fetched (bounded, https only) when online checks are on; else say how."""
    from wallet.service import ImportResult

    if not online:
        return ImportResult(input=url, error="to fetch a hosted badge use --online (or turn online checks on: "
                                             "credwallet settings online on); or download it and import the file")
    try:
        data = wallet.verify_context(True).fetcher.get(url, accept="application/json, image/png, image/svg+xml, */*")
    except errors.WalletError as exc:
        return ImportResult(input=url, error=str(exc))
    name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or None
    return wallet.import_bytes(data, url, name, online=True, keep_invalid=keep_invalid)


def demo_trust_hint(wallet: Wallet, results: list[Any]) -> str:
    """One line for a learner who imported the demo credentials by hand: how to trust the demo issuer."""
    from wallet.service import labels

    trust_file = wallet.demo_trust_list_needed(results)
    return labels.text("cli.import.trust_demo", trust_file=str(trust_file)) if trust_file else ""


def cmd_import(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    show_progress = not args.json and sys.stderr.isatty()
    online = True if args.online else None

    def progress(done: int, total: int, label: str) -> None:
        if show_progress and total > 1:
            print(f"\r[{done}/{total}] {label[-60:]:60}", end="", file=sys.stderr, flush=True)

    results: list[Any] = []
    local: list[str] = []
    for item in [*args.paths, None]:  # in the order given; consecutive files and folders go in together
        if (item is None or _is_url(item)) and local:
            results += wallet.import_paths(local, progress=progress if show_progress else None, online=online,
                                           keep_invalid=args.keep_invalid)
            local = []
        if item is not None and _is_url(item):
            results.append(_import_url(wallet, item, bool(args.online or wallet.online), args.keep_invalid))
        elif item is not None:
            local.append(item)
    if show_progress:
        print(file=sys.stderr)
    code = 0
    for r in results:
        if r.error and not r.duplicate:
            code = max(code, errors.EXIT_INVALID if r.status == "invalid" else errors.EXIT_USAGE)
    rows = ImportRows(r.to_json() for r in results)
    rows.results, rows.wallet = results, wallet
    return rows, code


def _verify_json(fmt: str, report: Any, normalized: Any = None, **extra: Any) -> dict[str, Any]:
    from wallet.service import issuer_confirmation, verdict_headline

    out = {"status": report.status, "format": fmt, "checked_at": report.checked_at,
           "checks": [c.to_json() for c in report.checks], "fetches": report.fetches,
           "headline": verdict_headline(report, normalized), "issuer": issuer_confirmation(report)}
    if normalized is not None and (normalized.issuer_name or normalized.issuer_id):
        # names the issuer in the verdict line of other languages (labels.headline)
        out["issuer_name"] = normalized.issuer_name or normalized.issuer_id


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


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def looks_like_id(text: str) -> bool:
    """A stored credential's id or an unambiguous prefix of it (hex), as opposed to a file name."""
    return bool(re.fullmatch(r"[0-9a-fA-F]{1,64}", text))


def qr_texts_in(path: Path, data: bytes) -> list[str]:
    """The credwallet QR texts in an image file (none for anything else, or an image without one)."""
    if not data.startswith(IMAGE_MAGIC) and not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return []
    from ui.render import qr as qrrender

    try:
        texts = qrrender.decode_images([path])
    except errors.WalletError:
        return []
    return [t for t in texts if is_qr_text(t)]


def cmd_verify(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    online = True if args.online else None
    if args.all == bool(args.target):
        raise UsageError("give a file or an id, or --all")
    target = Path(args.target) if args.target else None
    if target is not None and target.exists():
        # a file: checked without storing it; the wallet (if any) provides the trust list and settings
        data = read_input(target)
        if qr_texts_in(target, data):
            raise UsageError(f"this is a shared presentation: use `credwallet verify-presentation --qr {target}`",
                             path=str(target))
        if Wallet.exists(Wallet.home(args.wallet)):
            checked = open_wallet(args, notes).verify_file(target, online=online)
        else:
            checked = check_file(target, online=bool(args.online))
        if not isinstance(checked, tuple):  # a presentation: checked as verify-presentation checks it
            result = _presentation_json(checked, input=str(target))
            return result, errors.EXIT_INVALID if checked.status == "invalid" else 0
        parsed, report = checked
        result = _verify_json(parsed.format, report, parsed.normalized, input=str(target), title=parsed.normalized.title)
        return result, errors.EXIT_INVALID if report.status == "invalid" else 0
    if target is not None and not looks_like_id(args.target):
        raise errors.BadInput("no such file", path=args.target)
    wallet = open_wallet(args, notes)
    if args.all:
        # batched: read, checked in the checking process and stored a batch (one transaction) at a time
        checked_all = wallet.reverify_many([s.id for s in wallet.credentials()], online=online)
        results = [_verify_json(c.format, c.report, c.normalized, id=c.id, title=c.normalized.title)
                   for c in checked_all]
    else:
        cred = wallet.reverify(args.target, online=online)
        results = [_verify_json(cred.format, cred.report, cred.normalized, id=cred.id, title=cred.normalized.title)]
    code = errors.EXIT_INVALID if any(r["status"] == "invalid" for r in results) else 0
    return (results if args.all else results[0]), code


def cmd_issuers(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    act = args.issuers_action
    if act == "add":
        return {"added": wallet.trust_issuer(args.id, args.name, args.jwk, args.did)}, 0
    if act == "remove":
        if not wallet.untrust_issuer(args.id):
            raise UsageError(f"no trusted issuer with id {args.id!r}")
        return {"removed": args.id}, 0
    if act == "import":
        count = wallet.import_trust_list(Path(args.file))
        return {"imported": count, "issuers": wallet.trusted_issuers()}, 0
    if act == "export":
        if args.out:
            wallet.export_trust_list(Path(args.out))
            return {"out": args.out, "issuers": len(wallet.trusted_issuers())}, 0
        return {"issuers": wallet.trusted_issuers()}, 0
    return wallet.trusted_issuers(), 0


def cmd_list(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    wallet = open_wallet(args, notes)
    rows = wallet.credentials(args.search, skill=args.skill, framework=args.framework, level=args.level, status=args.status,
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


