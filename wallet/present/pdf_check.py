"""The presentations a portfolio PDF carries, checked one by one (``verify-presentation portfolio.pdf``).

credwallet's portfolio PDF attaches each credential's presentation as a file (``NN-<id>.vp.json`` or
``NN-<id>.sd-jwt.txt``) beside the printed page and its QR code.  An employer who was sent the PDF can check
every one without scanning: each attachment is read with the same caps as any PDF attachment
(wallet/formats/pdf.py: a bounded number, size and decoding), and checked exactly as ``verify-presentation``
checks a file.  Attachments that are not presentations (a picture, a note) are listed as skipped, never as
verified; a PDF without any presentation is refused with a message that says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput, TooLarge
from ..messages import msg
from ..verify import engine
from ..model import INVALID, UNVERIFIED, VERIFIED, WARNING
from .verifier import PresentationResult, is_presentation, verify_presentation

PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes | str) -> bool:
    head = data[:1024].lstrip() if isinstance(data, bytes) else b""
    return head.startswith(PDF_MAGIC)


@dataclass
class PdfCheck:
    """Each attached presentation's result, by attachment name, and what was not a presentation."""

    source: str
    results: list[tuple[str, PresentationResult]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The weakest of the presentations' verdicts (invalid, unverified, warning, verified)."""
        order = [INVALID, UNVERIFIED, WARNING, VERIFIED]
        statuses = [r.status for _n, r in self.results]
        return min(statuses, key=order.index) if statuses else UNVERIFIED

    def to_json(self) -> dict[str, Any]:
        return {"kind": "pdf", "source": self.source, "status": self.status,
                "presentations": [dict(r.to_json(), attachment=name) for name, r in self.results],
                "skipped": self.skipped}


def attached_presentations(data: bytes, source: str) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(name, bytes) of every attachment that is a presentation, and why the others were not read."""
    import pikepdf

    from ..formats import pdf as pdffmt

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise BadInput(msg("error.pdf.unreadable", detail=exc), path=source) from exc

    found: list[tuple[str, bytes]] = []
    skipped: list[str] = []
    total = 0
    with pdf:
        try:
            attachments = dict(pdf.attachments)
        except Exception:  # noqa: BLE001 - a broken name tree reads as no attachments
            attachments = {}
        for i, (name, spec) in enumerate(sorted(attachments.items())):
            if i >= pdffmt.MAX_ATTACHMENTS:
                skipped.append(f"{len(attachments) - i} more attachments not read (at most {pdffmt.MAX_ATTACHMENTS})")
                break
            try:
                blob = pdffmt.read_attachment(spec, name, source,
                                              min(pdffmt.MAX_ATTACHMENT, pdffmt.MAX_ATTACHMENTS_TOTAL - total))
            except TooLarge:
                raise
            except Exception as exc:  # noqa: BLE001 - an unreadable attachment is listed, not fatal
                skipped.append(f"{name}: not read ({exc})"[:200])
                continue
            total += len(blob)
            if is_presentation(blob):
                found.append((name, blob))
            else:
                skipped.append(f"{name}: not a presentation")
    return found, skipped


def verify_pdf(data: bytes, ctx: engine.VerifyContext, *, source: str, audience: str | None = None,
               nonce: str | None = None) -> PdfCheck:
    found, skipped = attached_presentations(data, source)
    if not found:
        raise BadInput(msg("error.pdf.no_presentation"), path=source)
    out = PdfCheck(source, skipped=skipped)
    for name, blob in found:
        out.results.append((name, verify_presentation(blob, ctx, audience=audience, nonce=nonce,
                                                      source=f"{source}#{name}")))
    return out
