"""Commands about sharing: present, verify-presentation, the portfolio PDF, the verifier page, holder keys."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from wallet import errors
from wallet.errors import WalletError
from wallet.service import PROFILE_NAME, Wallet, check_presentation, labels, read_input, require_folder

from .parser import UsageError
from .passphrase import open_wallet


def cmd_holder(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    return open_wallet(args, notes).holder().public(), 0


def cmd_present(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    # where the files go is refused before anything is shared (and logged)
    if args.out:
        require_folder(Path(args.out))
    if args.qr:
        from ui.render import qr as qrrender

        qrrender.check_target(Path(args.qr))
    wallet = open_wallet(args, notes)
    form = "qr" if args.qr else "file" if args.out else "text"
    # the verifier page (flag, else setting) is checked before anything is shared
    shared = wallet.present(args.ids, args.disclose, audience=args.audience, nonce=args.nonce,
                            expires_days=args.expires, form=form, verifier_url=args.verifier_url)
    result: dict[str, Any] = {
        "kind": shared.kind, "audience": shared.audience, "nonce": shared.nonce, "expires": shared.expires,
        "credentials": shared.credential_ids, "disclosed": shared.disclosed, "notes": shared.notes,
        "presentation": shared.text, "presentation_bytes": len(shared.text.encode()),
        "qr": shared.qr, "qr_versions": shared.qr_versions,
    }
    hint = shared.hint_in("en" if args.json else None)
    if hint:
        result["notes"] = [*shared.notes, hint]
    if args.out:
        shared.save(Path(args.out))
        result["out"] = args.out
    if args.qr:
        result["qr_files"] = [str(p) for p in qrrender.write(shared.qr, Path(args.qr))]
    return result, 0


def cmd_verify_presentation(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    """One presentation (a file, text, QR images), or every presentation a portfolio PDF attaches."""
    if args.qr:
        from ui.render import qr as qrrender

        data: Any = qrrender.decode_images([Path(f) for f in args.qr])
        source = args.qr[0]
    elif args.text:
        data, source = args.text, "text"
    else:
        from .commands_credentials import qr_texts_in

        data, source = read_input(args.file), args.file
        data = qr_texts_in(Path(args.file), data) or data  # an image: its QR code(s), as --qr reads them
    home = Wallet.home(args.wallet)
    if Wallet.exists(home) and (os.environ.get("CREDWALLET_PASSPHRASE") is not None or args.passphrase_file):
        wallet = open_wallet(args, notes)  # the employer's own trusted-issuer list applies
        res = wallet.verify_presentation(data, audience=args.audience, nonce=args.nonce, source=source,
                                         online=True if args.online else None)
    else:
        res = check_presentation(data, audience=args.audience, nonce=args.nonce, source=source,
                                 online=bool(args.online))
    return res.to_json(), errors.EXIT_INVALID if res.status == "invalid" else 0


def cmd_pdf(args: argparse.Namespace, notes: list[str]) -> tuple[Any, int]:
    require_folder(Path(args.out))
    if args.lang and labels.language(args.lang) != args.lang.split("_")[0].lower():
        raise UsageError(f"no language {args.lang!r}: choose from {', '.join(labels.available())}")
    wallet = open_wallet(args, notes)
    name = args.name.strip() or wallet.setting(PROFILE_NAME) or ""
    if args.name.strip() and not wallet.setting(PROFILE_NAME):  # asked once, kept for the next PDF
        wallet.set_setting(PROFILE_NAME, args.name.strip())
        notes.append("kept your name for the next PDF (change it with: credwallet settings name \"...\")")
    if args.stack:
        ids = wallet.stack_progress(args.stack)["credentials"]
    elif args.ids:
        ids = [wallet.get(i).id for i in args.ids]
    else:
        ids = [s.id for s in wallet.credentials() if s.status in ("verified", "warning")]
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    app = existing or QGuiApplication(["credwallet"])
    from ui.render import pdf

    try:
        return pdf.build(wallet, Path(args.out), ids, disclose=args.disclose, audience=args.audience, name=name,
                         headline=args.headline, page_size=args.page_size, lang=labels.language(args.lang),
                         expires_days=args.expires), 0
    finally:
        import gc

        gc.collect()
        if existing is None:
            app.shutdown()  # tear Qt down now, not during interpreter finalization


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


