"""Issue 18, the portfolio PDF a job seeker sends: the owner's name on the cover, human labels, dates for
people, results and credits only when disclosed, the issuer's name (never a raw URL), two credentials to
a page, every QR code decoding from a 100 dpi rendering, and all of it in German when chosen."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from ui.gui.app import make_demo_wallet
from ui.render import pdf
from ui.render.badge_image import MAX_BYTES, image_bytes, to_qimage
from wallet.model import Normalized
from wallet.present.qr import part_of
from wallet.present.verifier import verify_presentation

OWNER = "Amira Haddad"
AUD = "https://careers.example"


def _text(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


def _codes_at_100_dpi(path: Path) -> list[list[str]]:
    doc = pdfium.PdfDocument(str(path))
    pages = []
    for i in range(len(doc)):
        img = doc[i].render(scale=100 / 72).to_pil().convert("L")
        pages.append([r.text for r in zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)])
    return pages


@pytest.fixture(scope="module")
def wallet(tmp_path_factory: pytest.TempPathFactory, qapp):  # noqa: ANN001, ANN201
    w = make_demo_wallet(tmp_path_factory.mktemp("pdf1h") / "w", "pdf first hour passphrase")
    yield w
    w.lock()


@pytest.fixture(scope="module")
def english(wallet, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    wallet.set_setting(pdf.PROFILE_NAME, OWNER)  # asked once, kept in the wallet's settings
    out = tmp_path_factory.mktemp("en") / "portfolio.pdf"
    info = pdf.build(wallet, out, [s.id for s in wallet.credentials()], audience=AUD, lang="en")
    wallet.set_setting(pdf.PROFILE_NAME, "")
    return out, info


@pytest.fixture(scope="module")
def german(wallet, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    out = tmp_path_factory.mktemp("de") / "portfolio.pdf"
    info = pdf.build(wallet, out, [s.id for s in wallet.credentials()], audience=AUD, lang="de")
    return out, info


def test_cover_uses_the_owners_name_from_settings(english) -> None:  # noqa: ANN001
    out, info = english
    pages = _text(out)
    assert OWNER in pages[0] and "My credentials" not in pages[0] and info["name"] == OWNER
    assert all(OWNER in p for p in pages)  # the footer of every page


def test_without_a_name_the_fallback_is_in_the_chosen_language(german) -> None:  # noqa: ANN001
    out, info = german
    assert "Meine Nachweise" in _text(out)[0] and info["name"] == "Meine Nachweise"


def test_every_code_decodes_at_100_dpi_and_verifies(wallet, english) -> None:  # noqa: ANN001
    out, info = english
    pages = _codes_at_100_dpi(out)
    texts = [t for p in pages for t in p]
    assert len(texts) == info["qr_codes"] and info["qr_codes"] >= info["credentials"]
    singles = [[t] for t in texts if part_of(t) is None]
    groups: dict[str, list[str]] = {}
    for t in texts:
        if (part := part_of(t)) is not None:
            groups.setdefault(part[0], []).append(t)
    presentations = singles + list(groups.values())
    assert len(presentations) == info["credentials"]
    stored = {s.title: s.status for s in wallet.credentials()}
    for p in presentations:
        res = verify_presentation(p, wallet.verify_context(), audience=AUD)
        assert res.status == stored[res.disclosed[0]["credential"]]


def test_two_credentials_share_a_page_when_each_fits(english) -> None:  # noqa: ANN001
    out, info = english
    pages = _text(out)
    per_page = [p.count("Status when exported") for p in pages]
    assert max(per_page) == 2 and sum(per_page) == info["credentials"]
    assert len(pages) < 2 + info["credentials"]  # cover + skills + fewer pages than credentials


def test_dates_issuer_names_credits_for_people(english) -> None:  # noqa: ANN001
    out, _info = english
    text = "\n".join(_text(out))
    assert "Issued 14 March 2026" in text and "2026-03-14" not in text  # Data Analysis with Python
    assert "Issued by Riverbend Community College" in text
    assert "Credits: 5 credits" in text
    assert "https://" not in text and "did:key:" not in text and "did:example" not in text  # never a raw id
    assert "/credentialSubject" not in text


def test_the_whole_pdf_in_german(german) -> None:  # noqa: ANN001
    out, info = german
    text = "\n".join(_text(out))
    for de in ("Ausgestellt am 14. März 2026", "Ausgestellt von Riverbend Community College",
               "Status beim Export: Verifiziert", "Leistungspunkte: 5 Leistungspunkte", "Fähigkeiten",
               "Um diesen Nachweis zu prüfen", "Aussteller bestätigt"):
        assert de in text, de
    for en in ("Issued by", "Status when exported", "Shared fields", "To check this credential", "Skills:",
               "credits", "Signature valid", "shown by", "exported"):
        assert en not in text, en
    assert sum(len(p) for p in _codes_at_100_dpi(out)) == info["qr_codes"]


def test_selective_disclosure_shows_results_only_when_disclosed(wallet, tmp_path: Path) -> None:  # noqa: ANN001
    """The ecdsa-sd credential carries the learner's name, an end date and a result (Distinction): disclose only
    the result; the name and the date must not reach the page or the attachment, and the shared fields read as
    labels, once."""
    cert = next(s.id for s in wallet.credentials() if s.title.startswith("Cloud Data Engineering"))
    out = tmp_path / "one.pdf"
    pdf.build(wallet, out, [cert], disclose=["/credentialSubject/result/0"], audience=AUD, lang="en")
    text = "\n".join(_text(out))
    assert "Results: Distinction" in text
    with pikepdf.open(out) as p:
        attached = b"".join(spec.get_file().read_bytes() for spec in p.attachments.values())
    assert b"Distinction" in attached
    for hidden in ("Amira", "2026-05-15", "15 May 2026"):
        assert hidden not in text and hidden.encode() not in attached and hidden.encode() not in out.read_bytes()
    line = next(ln for ln in text.splitlines() if ln.startswith("Shared fields:"))
    fields = [f.strip() for f in line.split(":", 1)[1].split(",")]
    assert "Result" in fields and "Achievement" in fields and len(fields) == len(set(fields))
    out2 = tmp_path / "default.pdf"  # the default discloses all but personal details (the e-mail)
    pdf.build(wallet, out2, [cert], audience=AUD, lang="en")
    text2 = "\n".join(_text(out2))
    assert "Results: Distinction" in text2 and "Credits: 6 credits" in text2
    with pikepdf.open(out2) as p:
        attached2 = b"".join(spec.get_file().read_bytes() for spec in p.attachments.values())
    assert b"Amira Haddad" in attached2 and b"amira.haddad@example.org" not in attached2


def test_issuer_label_never_shows_a_raw_url() -> None:
    assert pdf.issuer_label(Normalized(issuer_name="Uni", issuer_id="https://uni.example/i")) == "Uni"
    assert pdf.issuer_label(Normalized(issuer_id="https://badges.uni.example/issuers/7.json")) == "badges.uni.example"
    assert pdf.issuer_label(Normalized(issuer_id="did:web:uni.example:issuers")) == "uni.example"
    long = "did:key:z6MkeXFH11UaH2EMhoKUjFDiBwPU1RePDPT5ci4WYGk6Eumd"
    assert pdf.issuer_label(Normalized(issuer_id=long)).endswith("…")


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])  # claim another size, keep the rest
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def test_badge_images_are_bounded(qapp) -> None:  # noqa: ANN001
    small = _png(4, 4)
    uri = "data:image/png;base64," + base64.b64encode(small).decode()
    assert image_bytes(uri) == small and to_qimage(small).width() == 4
    assert image_bytes({"id": uri, "type": "Image"}) == small
    assert image_bytes("https://badges.example/img.png") is None  # never fetched here
    assert image_bytes("data:text/html;base64,PGgxPg==") is None  # not an image type
    huge = "data:image/png;base64," + "A" * (MAX_BYTES * 2)
    assert image_bytes(huge) is None  # refused before decoding
    assert to_qimage(_png(60000, 60000)) is None  # a pixel bomb: refused by its header, not decoded
    assert to_qimage(b"not an image") is None
    assert image_bytes(None, b"<svg/>", "svg") == b"<svg/>" and image_bytes(None, b"{}", None) is None
