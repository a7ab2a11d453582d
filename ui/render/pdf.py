"""The portfolio PDF: a cover with the owner's name, a skills summary, then the credentials, two to a
page when each fits, each with its badge image and a QR code that carries a verifiable presentation of
it.  Rendered with Qt (QPdfWriter + QPainter; fonts embedded, any script the system fonts cover); the
machine-readable presentations are attached with pikepdf, which Qt cannot do.  Every word comes from the
label catalogue (wallet/labels.py), in the language chosen.

Selective disclosure holds: every entry is drawn from what the presentation discloses (results,
credits and images included), never from the stored credential's undisclosed fields.

QR codes are drawn at 2.6 px per module at 100 dpi, so a page rendered at 100 dpi still decodes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wallet.errors import WalletError
from wallet.model import Normalized
from wallet.service import PROFILE_NAME, issuer_confirmation, iso, labels, messages, verdict_headline

from .badge_image import image_bytes

PAGE_SIZES = ("A4", "Letter")
EXPIRES_DAYS = 365  # a portfolio's codes stay checkable as long as a PDF is kept (``present`` keeps its own 30)
MM_PER_MODULE = 25.4 * 2.6 / 100  # 2.6 px per module at 100 dpi: two v25 codes side by side on A4 and Letter


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
    results: list[str] = field(default_factory=list)
    credits: dict[str, Any] | None = None
    image: bytes | None = None
    confirmation: dict[str, Any] = field(default_factory=dict)
    checkable_until: str = ""  # when the presentation (its QR code and attachment) stops being accepted
    # the checks a reader should know of (failed, or important and not run), shown in the PDF's language
    notes: list[Any] = field(default_factory=list)


def issuer_label(n: Normalized) -> str:
    """The issuer's name; without one, the web host of its id, or a shortened id: never a raw URL."""
    if n.issuer_name:
        return n.issuer_name
    ident = n.issuer_id or ""
    host = urlsplit(ident).hostname if ident.startswith(("https://", "http://")) else None
    if host:
        return host
    if ident.startswith("did:web:"):
        return ident[8:].split(":")[0].replace("%3A", ":")
    return ident if len(ident) <= 28 else ident[:24] + "…"


def _results(n: Normalized) -> list[str]:
    out = []
    for r in n.extra.get("results") or []:
        if isinstance(r, dict):
            v = r.get("value") or r.get("achievedLevel") or r.get("status")
            if isinstance(v, str) and v and v not in out:
                out.append(v)
    return out


def collect(wallet, ids: list[str], disclose: list[str] | None, audience: str | None,  # noqa: ANN001
            skipped: list[dict[str, str]] | None = None, expires_days: int = EXPIRES_DAYS) -> list[Entry]:
    entries = []
    for i, cid in enumerate(ids, 1):
        cred = wallet.get(cid)
        if cred.format == "pdf":
            if skipped is not None:
                skipped.append({"id": cid, "title": cred.normalized.title,
                                "reason": messages.msg("error.pdf.document_unsigned")})
            continue
        try:
            shared = wallet.present([cid], wallet.disclose_for(cid, disclose), audience=audience, form="pdf",
                                    expires_days=expires_days)
        except WalletError as exc:
            if skipped is None:
                raise
            skipped.append({"id": cid, "title": cred.normalized.title, "reason": str(exc)})
            continue
        view = shared.views[0]  # only what the presentation discloses, read back from it
        n, disclosed, whole = view.normalized, view.pointers, view.whole
        baked = cred.normalized.extra.get("container") if whole else None  # a baked image is the credential itself
        entries.append(Entry(
            title=n.title, issuer=issuer_label(n), issued=n.issued or "", expires=n.expires or "",
            description=n.description, skills=[s.name for s in n.skills],
            status=cred.report.status, status_checked=cred.report.checked_at[:10],
            qr_texts=shared.qr,
            attachment_name=f"{i:02d}-{cid}.{'sd-jwt.txt' if shared.kind == 'sd-jwt' else 'vp.json'}",
            presentation=shared.text, disclosed=disclosed, whole=whole,
            headline=verdict_headline(cred.report, n), results=_results(n), credits=n.credits,
            image=image_bytes(n.image, cred.original, baked), confirmation=issuer_confirmation(cred.report),
            checkable_until=shared.expires or "",
            notes=[c for c in cred.report.checks if c.status == "fail" or (c.status == "skipped" and c.important)],

        ))
    return entries


def _issuer_words(e: Entry, lang: str) -> str:
    """The verdict line: in English the core's own headline (the words of the CLI and the app), unless it
    quotes an issuer id (a URL or DID, which a printed page never shows); otherwise, and in other languages,
    how the issuer was confirmed in the catalogue's words, naming the issuer by its name."""
    if lang == "en" and "://" not in e.headline and "did:" not in e.headline:
        return e.headline
    return labels.issuer_words(e.confirmation, e.issuer, lang)


def _credits(c: dict[str, Any] | None, lang: str) -> str:
    if not c:
        return ""
    try:
        n = float(c["value"])
    except (KeyError, TypeError, ValueError):
        return ""
    system = str(c.get("system") or "")
    return labels.credits(n, lang) + (f" ({system})" if system and system.casefold() != "credits" else "")


@functools.lru_cache(maxsize=256)
def qr_side_mm(text: str) -> float:
    """The printed side of a code: 2.6 px per module (quiet zone included) when rendered at 100 dpi."""
    from . import qr as qrrender

    return (len(qrrender.matrix(text)) + 8) * MM_PER_MODULE


def render(entries: list[Entry], out: Path, *, name: str, headline: str, page_size: str = "A4",
           now: dt.datetime | None = None, lang: str = "en") -> None:
    if page_size not in PAGE_SIZES:
        raise WalletError(f"page size must be one of {', '.join(PAGE_SIZES)}")
    if not entries:
        raise WalletError("nothing to put in the portfolio: choose credentials that carry a signature")
    from wallet.service import require_folder

    require_folder(out)
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    now = now or dt.datetime.now(dt.timezone.utc)
    fd, tmp = tempfile.mkstemp(suffix=".pdf", dir=out.parent)
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setPdfVersion(QPdfWriter.PdfVersion.PdfVersion_1_6)
        writer.setTitle(labels.text("pdf.title", lang, name=name))
        writer.setCreator("credwallet")
        size = QPageSize(QPageSize.PageSizeId.A4 if page_size == "A4" else QPageSize.PageSizeId.Letter)
        writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18),
                                         QPageLayout.Unit.Millimeter))
        writer.setResolution(300)
        from .pdf_layout import Layout

        Layout(writer, out, entries, name=name, headline=headline, now=now, lang=lang).run()
        _attach(Path(tmp), entries, name, lang)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _attach(path: Path, entries: list[Entry], name: str, lang: str) -> None:
    """Embed each presentation as an attached file (so a verifier can check without scanning)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for e in entries:
            mime = "application/dc+sd-jwt" if e.attachment_name.endswith(".txt") else "application/vp+ld+json"
            pdf.attachments[e.attachment_name] = pikepdf.AttachedFileSpec(
                pdf, e.presentation.encode("utf-8"), description=labels.text("pdf.attachment", lang, title=e.title),
                mime_type=mime)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = labels.text("pdf.title", lang, name=name)
            meta["dc:language"] = {lang}
            meta["xmp:CreatorTool"] = "credwallet"
        pdf.save(path)


def build(wallet, out: Path, ids: list[str], *, disclose: list[str] | None = None, audience: str | None = None,  # noqa: ANN001
          name: str = "", headline: str = "", page_size: str = "A4", lang: str | None = None,
          expires_days: int = EXPIRES_DAYS) -> dict[str, Any]:
    """The portfolio for ``ids``.  ``name``: else the wallet's ``profile.name`` setting, else "My
    credentials" in the language; ``lang``: else CREDWALLET_LANG / the front end's choice, else English;
    ``expires_days``: how long its codes and attachments are accepted (printed on every credential)."""
    lang = labels.language(lang)
    skipped: list[dict[str, str]] = []
    entries = collect(wallet, ids, disclose, audience, skipped, expires_days)
    if not entries and skipped:
        raise WalletError("nothing to put in the portfolio: " + "; ".join(f"{x['title']}: {x['reason']}"
                                                                         for x in skipped[:3]))
    owner = name.strip() or str(wallet.setting(PROFILE_NAME) or "").strip() or labels.text("pdf.default_name", lang)
    render(entries, Path(out), name=owner, headline=headline or labels.text("pdf.default_headline", lang),
           page_size=page_size, now=wallet.clock(), lang=lang)
    return {"out": str(out), "credentials": len(entries), "qr_codes": sum(len(e.qr_texts) for e in entries),
            "attachments": [e.attachment_name for e in entries], "page_size": page_size, "created": iso(wallet.clock()),
            "skipped": skipped, "name": owner, "lang": lang,
            "checkable_until": min((e.checkable_until for e in entries if e.checkable_until), default="")}


__all__ = ["build", "render", "collect", "io", "issuer_label", "qr_side_mm"]
