"""Page layout of the portfolio PDF (see pdf.py): cover, contents when long, skills, credentials two to
a page when each fits.  The document is laid out twice: a dry pass that only measures (so the contents
can give page numbers), then the pass that paints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from wallet.service import labels, messages
from wallet.errors import WalletError

from . import qr as qrrender
from .badge_image import to_qimage

STATUS_COLORS = {"verified": "#1e7d32", "warning": "#b26a00", "invalid": "#b3261e", "unverified": "#5f6368"}
PER_PAGE = 2  # credentials on one page at most (when each fits)
DESCRIPTION_CHARS = 360  # longer descriptions are cut at a word: the page stays compact


def _initials(title: str) -> str:
    words = [w for w in title.replace("—", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


class Layout:
    def __init__(self, writer: Any, out: Path, entries: list[Any], *, name: str, headline: str, now: dt.datetime,
                 lang: str):
        from PySide6.QtGui import QPainter

        self.writer, self.entries, self.name, self.headline, self.now, self.lang = writer, entries, name, headline, now, lang
        self.p = QPainter(writer)
        if not self.p.isActive():
            raise WalletError("cannot write the PDF", path=str(out))
        rect = writer.pageLayout().paintRectPixels(300)
        self.W, self.H = float(rect.width()), float(rect.height())
        self.pt, self.mm = 300 / 72, 300 / 25.4
        self.bottom = self.H - 36 * self.pt  # the how-to-check line and the footer live below
        self.dry = True
        self.page = 1
        self.entry_pages: list[int] = []

    # --- primitives ------------------------------------------------------------------------------

    def L(self, msg_id: str, **values: Any) -> str:  # noqa: N802
        return labels.text(msg_id, self.lang, **values)

    def font(self, size: float, bold: bool = False):  # noqa: ANN201
        from PySide6.QtGui import QFont

        f = QFont("Noto Sans")
        f.setPointSizeF(size)
        f.setBold(bold)
        return f

    def text(self, x: float, y: float, w: float, s: str, size: float = 10, bold: bool = False,
             color: str = "#202124", after: float = 3) -> float:
        """Draw ``s`` wrapped to ``w`` (painted only in the painting pass); the y below it."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor, QTextOption

        if not s:
            return y
        self.p.setFont(self.font(size, bold))
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        r = self.p.boundingRect(QRectF(x, y, w, self.H), s, opt)
        if not self.dry:
            self.p.setPen(QColor(color))
            self.p.drawText(QRectF(x, y, w, r.height()), s, opt)
        return y + r.height() + after * self.pt

    def footer(self, hint: bool) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        if self.dry:
            return
        if hint:
            self.text(0, self.H - 32 * self.pt, self.W, self.L("pdf.how_to_check"), 8, color="#5f6368")
        self.p.setFont(self.font(8))
        self.p.setPen(QColor("#5f6368"))
        self.p.drawText(QRectF(0, self.H - 10 * self.pt, self.W, 10 * self.pt), Qt.AlignmentFlag.AlignCenter,
                        self.L("pdf.footer", name=self.name, page=self.page))

    def new_page(self, hint: bool = False) -> None:
        self.footer(hint)
        if not self.dry:
            self.writer.newPage()
        self.page += 1

    def rule(self, y: float) -> None:
        from PySide6.QtCore import QLineF
        from PySide6.QtGui import QColor, QPen

        if not self.dry:
            self.p.setPen(QPen(QColor("#dadce0"), 1.5))
            self.p.drawLine(QLineF(0, y, self.W, y))

    # --- sections ------------------------------------------------------------------------------

    def cover(self) -> None:
        y = self.H * 0.3
        y = self.text(0, y, self.W, self.name, 30, True)
        y = self.text(0, y, self.W, self.headline, 16, color="#3c4043")
        n = len(self.entries)
        summary = self.L("pdf.cover_summary.one" if n == 1 else "pdf.cover_summary", n=n,
                         date=labels.date(self.now, self.lang))
        self.text(0, y + 20 * self.pt, self.W, summary, 11, color="#5f6368")

    def contents(self) -> None:
        self.new_page()
        y = self.text(0, 0, self.W, self.L("pdf.contents"), 18, True)
        for e, page in zip(self.entries, self.entry_pages or [0] * len(self.entries), strict=True):
            if y > self.bottom - 14 * self.pt:
                self.new_page()
                y = 0.0
            y = self.text(0, y, self.W, self.L("pdf.contents_line", title=e.title, issuer=e.issuer, page=page), 10)

    def skills(self) -> None:
        self.new_page()
        y = self.text(0, 0, self.W, self.L("pdf.skills"), 20, True)
        found: dict[str, list[str]] = {}
        for e in self.entries:
            for s in e.skills:
                found.setdefault(s, []).append(e.title)
        for s, titles in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())):
            if y > self.bottom - 30 * self.pt:
                self.new_page()
                y = 0.0
            y = self.text(0, y, self.W, s, 11, True, after=1)
            y = self.text(12 * self.pt, y, self.W - 12 * self.pt, self.L("pdf.shown_by", titles="; ".join(titles)),
                          9, color="#3c4043")

    def badge(self, e: Any, x: float, y: float, side: float) -> None:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        if self.dry:
            return
        box = QRectF(x, y, side, side)
        img = to_qimage(e.image)
        if img is not None:
            scaled = img.size().scaled(int(side), int(side), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(x + (side - scaled.width()) / 2, y + (side - scaled.height()) / 2, scaled.width(),
                            scaled.height())
            self.p.drawImage(target, img)
            return
        self.p.fillRect(box, QColor("#e8eaed"))
        self.p.setFont(self.font(14, True))
        self.p.setPen(QColor("#3c4043"))
        self.p.drawText(box, Qt.AlignmentFlag.AlignCenter, _initials(e.title))

    def details(self, e: Any, x0: float, y: float, w: float) -> float:
        """The credential's words in a column of width ``w``; the y below them."""
        img = 20 * self.mm
        top = y
        self.badge(e, x0, y, img)
        tx = x0 + img + 4 * self.mm
        y = self.text(tx, y, w - (tx - x0), e.title, 14, True, after=1)
        y = self.text(tx, y, w - (tx - x0), self.L("pdf.issued_by", issuer=e.issuer), 10, after=1)
        y = max(y, top + img + 2 * self.mm)
        dates = self.L("pdf.issued", date=labels.date(e.issued, self.lang))
        if e.expires:
            dates += " · " + self.L("pdf.expires", date=labels.date(e.expires, self.lang))
        y = self.text(x0, y, w, dates, 9, color="#5f6368", after=1)
        status = self.L("pdf.status_when_exported", status=labels.status(e.status, self.lang),
                        date=labels.date(e.status_checked, self.lang))
        y = self.text(x0, y, w, status, 9, True, color=STATUS_COLORS.get(e.status, "#b3261e"), after=1)
        if e.checkable_until:
            until = self.L("pdf.checkable_until", date=labels.date(e.checkable_until, self.lang))
            y = self.text(x0, y, w, until, 8, color="#5f6368", after=1)
        from .pdf import _credits, _issuer_words

        y = self.text(x0, y, w, _issuer_words(e, self.lang), 8, color="#3c4043")
        for c in e.notes[:4]:  # the checks behind a warning, in the catalogue's words (wallet.messages)
            y = self.text(x0, y, w, "– " + messages.check_text(c, self.lang), 8, color="#5f6368")

        desc = e.description if len(e.description) <= DESCRIPTION_CHARS else \
            e.description[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
        y = self.text(x0, y, w, desc, 9)
        if e.results:
            y = self.text(x0, y, w, self.L("pdf.results_line", results="; ".join(e.results)), 9, after=1)
        credits = _credits(e.credits, self.lang)
        if credits:
            y = self.text(x0, y, w, self.L("pdf.credits_line", credits=credits), 9, after=1)
        if e.skills:
            y = self.text(x0, y, w, self.L("pdf.skills_line", skills=", ".join(dict.fromkeys(e.skills))), 9)
        if not e.whole:
            y = self.text(x0, y, w, self.L("pdf.shared_fields", fields=", ".join(labels.pointers(e.disclosed, self.lang))),
                          8, color="#5f6368")
        return y

    def credential(self, e: Any, y: float, on_page: int) -> tuple[float, int]:
        """One credential from ``y``; starts a new page when it does not fit (or the page holds two)."""
        from PySide6.QtCore import QRectF

        from .pdf import qr_side_mm

        gap = 6 * self.mm
        side = min(max(qr_side_mm(t) for t in e.qr_texts) * self.mm, self.W * 0.55)
        single = len(e.qr_texts) == 1
        col = self.W - side - gap if single else self.W
        saved, self.dry = self.dry, True  # measure first
        text_h = self.details(e, 0, 0, col)
        self.dry = saved
        first = max(text_h, side) if single else text_h + side + 10 * self.pt
        if on_page and (on_page >= PER_PAGE or y + first > self.bottom):
            self.new_page(hint=True)
            y, on_page = 0.0, 0
        if on_page:
            self.rule(y - gap / 2)
        if self.dry:
            self.entry_pages.append(self.page)
        below = self.details(e, 0, y, col)
        if single:
            if not self.dry:
                qrrender.draw(self.p, QRectF(self.W - side, y, side, side), e.qr_texts[0])
            return max(below, y + side) + gap, on_page + 1
        cols = max(1, int((self.W + gap) // (side + gap)))  # a sequence: numbered codes in rows
        qy = below + 4 * self.pt
        start = self.page
        for i, t in enumerate(e.qr_texts):
            if i and i % cols == 0:
                qy += side + 14 * self.pt
            if i % cols == 0 and qy + side + 12 * self.pt > self.bottom:
                self.new_page(hint=True)
                qy = 0.0
            x = (i % cols) * (side + gap)
            if not self.dry:
                qrrender.draw(self.p, QRectF(x, qy, side, side), t)
            self.text(x, qy + side, side, self.L("qr.code_of", i=i + 1, n=len(e.qr_texts)), 8, color="#5f6368")
        return qy + side + 14 * self.pt + gap, (on_page + 1 if self.page == start else 1)

    # --- the document --------------------------------------------------------------------------

    def document(self) -> None:
        self.page = 1
        self.cover()
        if len(self.entries) > 12:
            self.contents()
        self.skills()
        self.new_page()
        y, on_page = 0.0, 0
        for e in self.entries:
            y, on_page = self.credential(e, y, on_page)
        self.footer(hint=True)

    def run(self) -> None:
        self.dry, self.entry_pages = True, []
        self.document()
        pages = list(self.entry_pages)
        self.dry, self.entry_pages = False, pages
        try:
            self.document()
        finally:
            self.p.end()
