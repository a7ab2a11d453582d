"""PDF certificates: stored as documents (title, issuer, date editable), unless the PDF carries an
embedded credential as an attached file, which is then parsed and verified like any other."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from ..errors import BadInput, WalletError
from ..model import Normalized

MAX_ATTACHMENT = 5 * 1024 * 1024


def _meta(pdf: Any, key: str) -> str:
    try:
        v = pdf.docinfo.get(key)
        return str(v)[:500] if v is not None else ""
    except Exception:  # noqa: BLE001 - odd metadata is not an error
        return ""


def _pdf_date(s: str) -> str | None:
    if s.startswith("D:") and len(s) >= 10 and s[2:10].isdigit():
        return f"{s[2:6]}-{s[6:8]}-{s[8:10]}"
    return None


def parse_pdf(data: bytes, source: str, parse_inner: Callable[[bytes, str], Any]) -> tuple[str, Normalized, dict[str, Any]]:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise BadInput(f"not a readable PDF ({exc})", path=source) from exc
    with pdf:
        try:
            attachments = dict(pdf.attachments)
        except Exception:  # noqa: BLE001
            attachments = {}
        for name, spec in attachments.items():
            try:
                blob = spec.get_file().read_bytes()
            except Exception:  # noqa: BLE001
                continue
            if len(blob) > MAX_ATTACHMENT:
                continue
            try:
                inner = parse_inner(blob, f"{source}#{name}")
            except WalletError:
                continue
            inner.normalized.extra["container"] = "pdf"
            inner.normalized.extra["attachment"] = name
            return inner.format, inner.normalized, dict(inner.payload or {}, embedded_in_pdf=name)
        n = Normalized(
            title=_meta(pdf, "/Title"),
            issuer_name=_meta(pdf, "/Author"),
            issued=_pdf_date(_meta(pdf, "/CreationDate")),
            description=_meta(pdf, "/Subject"),
        )
        n.extra["pages"] = len(pdf.pages)
        n.extra["document"] = True
    return "pdf", n, {"kind": "document"}
