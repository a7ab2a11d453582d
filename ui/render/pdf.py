"""The portfolio PDF: a cover, a skills summary, then one page per credential with a QR code that carries
a verifiable presentation of it.  Rendered with Qt (QPdfWriter + QPainter; fonts embedded, any script
the system fonts cover); the machine-readable presentations are attached with pikepdf, which Qt cannot do.

Selective disclosure holds: every page is drawn from what the presentation discloses, never from the
stored credential's undisclosed fields.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wallet.errors import WalletError
from wallet.service import STATUS_WORDS, iso, pointer_label, verdict_headline

PAGE_SIZES = ("A4", "Letter")
HOW_TO_CHECK = ("To check this credential, scan the code with a phone camera, or run "
                "credwallet verify-presentation --qr <photo>.")


@dataclass
class Entry:
    title: str
    issuer: str
    issued: str
    expires: str
    description: str
    skills: list[str]
    status: str
    status_checked: str
    qr_texts: list[str]
    attachment_name: str
    presentation: str
    disclosed: list[str] = field(default_factory=list)
    whole: bool = True
    headline: str = ""  # the verdict in the words the CLI and the desktop app use (wallet.service.verdict_headline)


def collect(wallet, ids: list[str], disclose: list[str] | None, audience: str | None,  # noqa: ANN001
            skipped: list[dict[str, str]] | None = None) -> list[Entry]:
    entries = []
    for i, cid in enumerate(ids, 1):
        cred = wallet.get(cid)
        if cred.format == "pdf":
            if skipped is not None:
                skipped.append({"id": cid, "title": cred.normalized.title,
                                "reason": "a PDF document carries no signature to check"})
            continue
        try:
            shared = wallet.present([cid], wallet.disclose_for(cid, disclose), audience=audience, form="pdf")
        except WalletError as exc:
            if skipped is None:
                raise
            skipped.append({"id": cid, "title": cred.normalized.title, "reason": str(exc)})
            continue
        view = shared.views[0]  # only what the presentation discloses, read back from it
        n = view.normalized
        entries.append(Entry(
            title=n.title, issuer=n.issuer_name or n.issuer_id, issued=(n.issued or "")[:10],
            expires=(n.expires or "")[:10], description=n.description, skills=[s.name for s in n.skills],
            status=cred.report.status, status_checked=cred.report.checked_at[:10],
            qr_texts=shared.qr,
            attachment_name=f"{i:02d}-{cid}.{'sd-jwt.txt' if shared.kind == 'sd-jwt' else 'vp.json'}",
            presentation=shared.text, disclosed=view.pointers, whole=view.whole,
            headline=verdict_headline(cred.report, n),
        ))
    return entries


def render(entries: list[Entry], out: Path, *, name: str, headline: str, page_size: str = "A4",
           now: dt.datetime | None = None) -> None:
    if page_size not in PAGE_SIZES:
        raise WalletError(f"page size must be one of {', '.join(PAGE_SIZES)}")
    if not entries:
        raise WalletError("nothing to put in the portfolio: choose credentials that carry a signature")
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextOption

    from . import qr as qrrender

    now = now or dt.datetime.now(dt.timezone.utc)
    fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=out.parent)
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setPdfVersion(QPdfWriter.PdfVersion.PdfVersion_1_6)
        writer.setTitle(f"Portfolio — {name}")
        writer.setCreator("credwallet")
        size = QPageSize(QPageSize.PageSizeId.A4 if page_size == "A4" else QPageSize.PageSizeId.Letter)
        writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18),
                                         QPageLayout.Unit.Millimeter))
        writer.setResolution(300)
        p = QPainter(writer)
        if not p.isActive():
            raise WalletError("cannot write the PDF", path=str(out))
        page = writer.pageLayout().paintRectPixels(300)
        W, H = page.width(), page.height()
        pt = 300 / 72  # pixels per point

        def font(size: float, bold: bool = False) -> QFont:
            f = QFont("Noto Sans")
            f.setPointSizeF(size)
            f.setBold(bold)
            return f

        def text(x: float, y: float, w: float, s: str, size: float = 11, bold: bool = False,
                 color: str = "#202124") -> float:
            p.setFont(font(size, bold))
            p.setPen(QColor(color))
            opt = QTextOption()
            opt.setWrapMode(QTextOption.WrapMode.WordWrap)
            r = p.boundingRect(QRectF(x, y, w, H), s, opt)
            p.drawText(QRectF(x, y, w, r.height()), s, opt)
            return y + r.height() + 4 * pt

        page_no = [1]

        def footer() -> None:
            p.setFont(font(8))
            p.setPen(QColor("#5f6368"))
            p.drawText(QRectF(0, H - 14 * pt, W, 12 * pt), Qt.AlignmentFlag.AlignCenter,
                       f"{name} — {page_no[0]}")

        def new_page() -> None:
            footer()
            writer.newPage()
            page_no[0] += 1

        # cover
        y = H * 0.3
        y = text(0, y, W, name, 30, True)
        y = text(0, y, W, headline, 16, color="#3c4043")
        y = text(0, y + 20 * pt, W, f"{len(entries)} credentials, exported {now:%d %B %Y}. Each carries a QR code "
                                    "that anyone can check without contacting the issuer.", 11, color="#5f6368")
        # contents when long
        first_page = 3 if len(entries) <= 12 else 4
        if len(entries) > 12:
            new_page()
            y = text(0, 0, W, "Contents", 18, True)
            for i, e in enumerate(entries):
                y = text(0, y, W, f"{e.title} — {e.issuer} ……… page {first_page + i}", 10)
                if y > H - 40 * pt:
                    break
        # skills summary
        new_page()
        y = text(0, 0, W, "Skills", 20, True)
        skills: dict[str, list[str]] = {}
        for e in entries:
            for s in e.skills:
                skills.setdefault(s, []).append(e.title)
        for s, titles in sorted(skills.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())):
            y = text(0, y, W, f"{s}", 11, True)
            y = text(12 * pt, y - 3 * pt, W - 12 * pt, "shown by: " + "; ".join(titles), 9, color="#3c4043")
            if y > H - 40 * pt:
                new_page()
                y = 0
        # one page per credential
        for e in entries:
            new_page()
            y = text(0, 0, W * 0.62, e.title, 18, True)
            y = text(0, y, W * 0.62, f"Issued by {e.issuer}", 11)
            dates = f"Issued {e.issued}" + (f" · expires {e.expires}" if e.expires else "")
            y = text(0, y, W * 0.62, dates, 10, color="#5f6368")
            status = STATUS_WORDS.get(e.status, e.status)
            y = text(0, y, W * 0.62, f"Status when exported: {status} (checked {e.status_checked})", 10,
                     color={"verified": "#1e7d32", "warning": "#b26a00"}.get(e.status, "#b3261e"))
            if e.headline:
                y = text(0, y, W * 0.62, e.headline, 9, color="#3c4043")
            if e.description:
                y = text(0, y + 6 * pt, W * 0.62, e.description, 10)
            if e.skills:
                y = text(0, y + 6 * pt, W * 0.62, "Skills: " + ", ".join(e.skills), 10)
            if not e.whole:
                y = text(0, y + 6 * pt, W * 0.62, "Shared fields: " + ", ".join(pointer_label(d) for d in e.disclosed),
                         9, color="#5f6368")
            n_codes = len(e.qr_texts)
            if n_codes == 1:  # one code: top right, beside the text
                qrrender.draw(p, QRectF(W - W * 0.34, 0, W * 0.34, W * 0.34), e.qr_texts[0])
            else:  # a sequence: two columns below the text, numbered, onto the next page if need be
                side = W * 0.36
                qy = y + 16 * pt
                for i, t in enumerate(e.qr_texts):
                    if i % 2 == 0 and qy + side + 14 * pt > H - 60 * pt:
                        new_page()
                        qy = 0.0
                    x = W / 2 - side - 10 * pt if i % 2 == 0 else W / 2 + 10 * pt
                    qrrender.draw(p, QRectF(x, qy, side, side), t)
                    text(x, qy + side, side, f"code {i + 1} of {n_codes}", 8, color="#5f6368")
                    if i % 2 == 1:
                        qy += side + 18 * pt
            text(0, H - 40 * pt, W, HOW_TO_CHECK, 9, color="#5f6368")
        footer()
        p.end()
        _attach(Path(tmp), entries, name)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _attach(path: Path, entries: list[Entry], name: str) -> None:
    """Embed each presentation as an attached file (so a verifier can check without scanning)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for e in entries:
            mime = "application/dc+sd-jwt" if e.attachment_name.endswith(".txt") else "application/vp+ld+json"
            pdf.attachments[e.attachment_name] = pikepdf.AttachedFileSpec(
                pdf, e.presentation.encode("utf-8"), description=f"Verifiable presentation: {e.title}", mime_type=mime)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = f"Portfolio — {name}"
            meta["xmp:CreatorTool"] = "credwallet"
        pdf.save(path)


def build(wallet, out: Path, ids: list[str], *, disclose: list[str] | None = None, audience: str | None = None,  # noqa: ANN001
          name: str = "", headline: str = "", page_size: str = "A4") -> dict[str, Any]:
    skipped: list[dict[str, str]] = []
    entries = collect(wallet, ids, disclose, audience, skipped)
    if not entries and skipped:
        raise WalletError("nothing to put in the portfolio: " + "; ".join(f"{x['title']}: {x['reason']}"
                                                                         for x in skipped[:3]))
    render(entries, Path(out), name=name or "My credentials", headline=headline or "Verifiable credentials",
           page_size=page_size, now=wallet.clock())
    return {"out": str(out), "credentials": len(entries), "qr_codes": sum(len(e.qr_texts) for e in entries),
            "attachments": [e.attachment_name for e in entries], "page_size": page_size, "created": iso(wallet.clock()),
            "skipped": skipped}


__all__ = ["build", "render", "collect"]
