"""The portfolio PDF: every QR verifies after rasterizing, undisclosed fields appear nowhere, the
attached presentations verify, non-Latin names render."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from ui.gui.app import make_demo_wallet
from ui.render import pdf
from ui.render.qr import decode_images
from wallet.present.verifier import verify_presentation

CANARIES = ["1999-04-02", "amira.haddad@example.org", "CANARY-NOTE-7731"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, qapp):  # noqa: ANN001, ANN201
    tmp = tmp_path_factory.mktemp("pdf")
    wallet = make_demo_wallet(tmp / "w", "pdf test passphrase")
    ids = [s.id for s in wallet.credentials()]
    wallet.note(ids[0], CANARIES[2])
    out = tmp / "portfolio.pdf"
    info = pdf.build(wallet, out, ids, audience="https://careers.example", name="Amira Haddad — أميرة حداد — 阿米拉",
                     headline="Data analyst in training")
    yield wallet, out, info, tmp
    wallet.lock()


def test_every_qr_code_verifies(built) -> None:  # noqa: ANN001
    wallet, out, info, tmp = built
    doc = pdfium.PdfDocument(str(out))
    images = []
    for i in range(len(doc)):
        img = doc[i].render(scale=2.2).to_pil()
        p = tmp / f"page{i}.png"
        img.save(p)
        images.append(p)
    texts = []
    for p in images:
        try:
            texts += decode_images([p])
        except Exception:  # noqa: BLE001 - pages without a code
            pass
    assert len(texts) == info["qr_codes"] and info["credentials"] == 9  # every credential but the PDF document
    # the demo Blockcerts is issued to the demo holder's did:key: it is the learner's own and goes in too
    others = [x["title"] for x in info["skipped"] if "issued to someone else" in x["reason"]]
    assert others == [], info["skipped"]
    from wallet.present.qr import part_of

    singles = [t for t in texts if part_of(t) is None]
    groups: dict[str, list[str]] = {}
    for t in texts:
        if (part := part_of(t)) is not None:
            groups.setdefault(part[0], []).append(t)
    presentations = [[t] for t in singles] + list(groups.values())
    assert len(presentations) == info["credentials"]
    stored = {s.title: s.status for s in wallet.credentials()}
    for p in presentations:
        res = verify_presentation(p, wallet.verify_context(), audience="https://careers.example")
        # as verified as the credential itself (the demo Blockcerts stays a warning: its anchor is offline)
        assert res.status == stored[res.disclosed[0]["credential"]], [c.to_json() for c in res.checks
                                                                       if c.status != "pass"]


def test_text_has_titles_and_no_undisclosed_fields(built) -> None:  # noqa: ANN001
    _wallet, out, _info, _tmp = built
    doc = pdfium.PdfDocument(str(out))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    for title in ("Data Analysis with Python", "First Aid at Work", "Basic Life Support (BLS) Provider"):
        assert title in text
    assert "أميرة" in text or "阿米拉" in text
    # each page carries the verdict headline, in the words the CLI and the desktop app use
    assert text.count("Signature valid") >= 3
    raw = out.read_bytes()
    with pikepdf.open(out) as p:
        meta = str(p.docinfo) + str(p.open_metadata())
        attached = b"".join(spec.get_file().read_bytes() for spec in p.attachments.values())
    for canary in CANARIES:
        assert canary not in text and canary.encode() not in raw and canary not in meta
        assert canary.encode() not in attached


def test_attached_presentations_verify(built) -> None:  # noqa: ANN001
    wallet, out, info, _tmp = built
    with pikepdf.open(out) as p:
        names = sorted(p.attachments)
        assert names == sorted(info["attachments"])
        for n in names:
            text = p.attachments[n].get_file().read_bytes().decode()
            res = verify_presentation(text, wallet.verify_context(), audience="https://careers.example")
            assert res.status in ("verified", "warning") and not any(
                c.status == "fail" and c.important for c in res.checks), n


def test_letter_size_and_bad_page_size(built, tmp_path: Path) -> None:  # noqa: ANN001
    wallet, _out, _info, _tmp = built
    out = tmp_path / "letter.pdf"
    ids = [s.id for s in wallet.credentials() if s.title == "Applied Statistics"]
    pdf.build(wallet, out, ids, page_size="Letter")
    w, h = pdfium.PdfDocument(str(out))[0].get_size()
    assert (round(w), round(h)) == (612, 792)
    with pytest.raises(Exception, match="page size"):
        pdf.build(wallet, tmp_path / "x.pdf", ids, page_size="A5")
    _ = io


def test_ecdsa_sd_page_shows_only_the_chosen_fields(built, tmp_path: Path) -> None:  # noqa: ANN001
    wallet, _out, _info, _tmp = built
    cert = next(s.id for s in wallet.credentials() if s.title.startswith("Cloud Data Engineering"))
    out = tmp_path / "one.pdf"
    info = pdf.build(wallet, out, [cert], disclose=["/credentialSubject/activityEndDate"],
                     audience="https://careers.example", name="Amira Haddad", headline="")
    doc = pdfium.PdfDocument(str(out))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "Cloud Data Engineering" in text and "Shared fields: Activity end date" in text  # the title is mandatory
    assert "Designs, builds and monitors data pipelines" in text  # the issuer made the whole achievement mandatory
    # the result was not chosen: it is neither on the page nor in the attached presentation
    hidden = "Distinction"
    with pikepdf.open(out) as p:
        attached = b"".join(spec.get_file().read_bytes() for spec in p.attachments.values())
    assert b"2026-05-15" in attached  # what was chosen travels
    assert hidden not in text and hidden.encode() not in attached and hidden.encode() not in out.read_bytes()
    assert info["credentials"] == 1
