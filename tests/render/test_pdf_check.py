"""`verify-presentation portfolio.pdf`: every presentation a portfolio PDF attaches is checked and reported
by attachment, a tampered attachment is caught, and a PDF without presentations is refused clearly."""

from __future__ import annotations

import io
import json

import pikepdf
import pytest

from wallet.demo import make_demo_wallet
from ui.render import pdf
from wallet.errors import BadInput
from wallet.present.pdf_check import is_pdf, verify_pdf
from wallet import paths
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

AUD = "https://careers.example"


def employer() -> VerifyContext:
    """An employer who trusts the demo issuers (resources/demo/trust.json)."""
    trust = json.loads((paths.resources_dir() / "demo" / "trust.json").read_text("utf-8"))
    return VerifyContext(trust=TrustList(parse_entries(trust)))


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory, qapp):  # noqa: ANN001, ANN201
    tmp = tmp_path_factory.mktemp("pdfcheck")
    wallet = make_demo_wallet(tmp / "w", "pdf check passphrase")
    out = tmp / "portfolio.pdf"
    info = pdf.build(wallet, out, [s.id for s in wallet.credentials()], audience=AUD, name="Amira Haddad")
    stored = {s.title: s.status for s in wallet.credentials()}
    wallet.lock()
    return out.read_bytes(), info, stored


def _with_attachments(data: bytes, change) -> bytes:  # noqa: ANN001
    with pikepdf.open(io.BytesIO(data)) as doc:
        change(doc)
        buf = io.BytesIO()
        doc.save(buf)
    return buf.getvalue()


def test_every_attached_presentation_is_checked(portfolio) -> None:  # noqa: ANN001
    data, info, stored = portfolio
    assert is_pdf(data)
    res = verify_pdf(data, employer(), source="portfolio.pdf", audience=AUD)
    assert sorted(name for name, _r in res.results) == sorted(info["attachments"])
    for name, r in res.results:
        assert r.status == stored[r.disclosed[0]["credential"]], (name, [c.to_json() for c in r.checks])
    out = res.to_json()
    assert out["kind"] == "pdf" and len(out["presentations"]) == len(info["attachments"])
    assert {p["attachment"] for p in out["presentations"]} == set(info["attachments"])
    shown = [stored[r.disclosed[0]["credential"]] for _n, r in res.results]
    assert out["status"] == ("warning" if "warning" in shown else "verified")


def test_a_tampered_attachment_is_caught(portfolio) -> None:  # noqa: ANN001
    data, info, _stored = portfolio
    victim = next(n for n in info["attachments"] if n.endswith(".vp.json"))

    def rename(doc: pikepdf.Pdf) -> None:
        vp = json.loads(doc.attachments[victim].get_file().read_bytes())
        cred = vp["verifiableCredential"][0]
        cred["name"] = "Doctorate in Everything"
        doc.attachments[victim] = pikepdf.AttachedFileSpec(doc, json.dumps(vp).encode(), filename=victim)

    res = verify_pdf(_with_attachments(data, rename), VerifyContext(), source="p.pdf", audience=AUD)
    by_name = dict(res.results)
    assert by_name[victim].status == "invalid"
    assert res.status == "invalid"
    assert all(r.status != "invalid" for n, r in res.results if n != victim)


def test_other_attachments_are_listed_not_trusted(portfolio) -> None:  # noqa: ANN001
    data, _info, _stored = portfolio

    def add_note(doc: pikepdf.Pdf) -> None:
        doc.attachments["note.txt"] = pikepdf.AttachedFileSpec(doc, b"Verified! Trust me.", filename="note.txt")

    res = verify_pdf(_with_attachments(data, add_note), VerifyContext(), source="p.pdf", audience=AUD)
    assert "note.txt: not a presentation" in res.skipped
    assert "note.txt" not in dict(res.results)


def test_a_pdf_without_presentations_is_refused_clearly() -> None:
    doc = pikepdf.new()
    doc.add_blank_page()
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(BadInput, match="carries no credwallet presentation"):
        verify_pdf(buf.getvalue(), VerifyContext(), source="plain.pdf")
    with pytest.raises(BadInput, match="not a readable PDF"):
        verify_pdf(b"%PDF-1.7\n garbage", VerifyContext(), source="broken.pdf")


def test_portfolio_codes_live_as_long_as_asked_and_say_so(tmp_path_factory: pytest.TempPathFactory, qapp) -> None:  # noqa: ANN001
    """`pdf --expires DAYS` (default 365, not the 30 days of `present`): every attached presentation is accepted
    until then, each credential's page prints the date, and a day after it the same PDF checks as expired."""
    import datetime as dt

    import pypdfium2 as pdfium

    tmp = tmp_path_factory.mktemp("pdfexpires")
    wallet = make_demo_wallet(tmp / "w", "pdf expires passphrase")
    ids = [s.id for s in wallet.credentials() if s.title in ("Applied Statistics", "Basic Life Support (BLS) Provider")]
    default = pdf.build(wallet, tmp / "default.pdf", ids, audience=AUD)
    until = dt.datetime.fromisoformat(default["checkable_until"].replace("Z", "+00:00"))
    assert 364 <= (until - wallet.clock()).days <= 365
    info = pdf.build(wallet, tmp / "short.pdf", ids, audience=AUD, expires_days=100)
    until = dt.datetime.fromisoformat(info["checkable_until"].replace("Z", "+00:00"))
    assert 99 <= (until - wallet.clock()).days <= 100
    wallet.lock()
    data = (tmp / "short.pdf").read_bytes()
    doc = pdfium.PdfDocument(data)
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert text.count("valid for checking until") == len(ids)
    trust = json.loads((paths.resources_dir() / "demo" / "trust.json").read_text("utf-8"))
    before = VerifyContext(trust=TrustList(parse_entries(trust)), clock=lambda: until - dt.timedelta(days=1))
    after = VerifyContext(trust=TrustList(parse_entries(trust)), clock=lambda: until + dt.timedelta(days=1))
    assert all(r.status in ("verified", "warning") for _n, r in verify_pdf(data, before, source="p", audience=AUD).results)
    late = verify_pdf(data, after, source="p", audience=AUD)
    assert late.status == "invalid"
    assert all(any(c.id == "freshness" and c.status == "fail" for c in r.checks) for _n, r in late.results)
