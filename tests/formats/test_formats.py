"""Detection by content and the containers: baked PNG/SVG (corpus fixtures), PDF with an attached credential."""

from __future__ import annotations

import io
import json

import pikepdf
import pytest

from tests.conftest import CORPUS
from tests.factory import ob3_bytes
from wallet import paths
from wallet.errors import BadInput, WalletError
from wallet.fetch import Fetcher, FetchRefused
from wallet.formats import detect
from wallet.verify import engine

DEMO = paths.resources_dir() / "demo" / "credentials"


def test_detection_ignores_file_names(tmp_path) -> None:  # noqa: ANN001
    data = (DEMO / "ob3-data-analysis-python.json").read_bytes()
    assert detect.parse(data, "misleading.png").format == "ob3"
    png = (DEMO / "ob2-first-aid-baked.png").read_bytes()
    assert detect.parse(png, "badge.json").format == "ob2"


def test_bakery_svg_fixtures() -> None:
    bakery = CORPUS / "mozilla-openbadges-bakery" / "test"
    hosted = detect.parse((bakery / "no-json.svg").read_bytes(), "no-json.svg")
    assert hosted.normalized.extra["hosted_url"] == "http://example.org"
    with pytest.raises(BadInput):
        detect.parse((bakery / "bad-json.svg").read_bytes(), "bad-json.svg")


def test_unbaked_png_is_refused() -> None:
    png = CORPUS / "imsglobal-openbadges-validator-core"
    files = list(png.rglob("*.png"))
    assert files
    with pytest.raises(WalletError, match="no baked badge"):
        detect.parse(files[0].read_bytes(), files[0].name)


@pytest.mark.parametrize("name", ["simple-json.png", "simple-json.svg"])
def test_ob3_baked_fixtures(name: str) -> None:
    path = CORPUS / "1edtech-digital-credentials-public-validator/inspector-vc/src/test/resources/ob30" / name
    parsed = detect.parse(path.read_bytes(), name)
    assert parsed.format == "ob3" and parsed.normalized.extra["container"] == name[-3:]


def _pdf_with_attachment(blob: bytes | None) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = "Transcript"
    if blob is not None:
        pdf.attachments["credential.json"] = pikepdf.AttachedFileSpec(pdf, blob, mime_type="application/json")
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def test_pdf_without_credential_is_a_document() -> None:
    parsed = detect.parse(_pdf_with_attachment(None), "t.pdf")
    report = engine.verify(parsed)
    assert parsed.format == "pdf" and parsed.normalized.title == "Transcript"
    assert report.status == "unverified"
    assert "document, not verifiable" in next(c.message for c in report.checks if c.id == "signature")


def test_pdf_with_embedded_credential_is_verified() -> None:
    parsed = detect.parse(_pdf_with_attachment(ob3_bytes(42, "Embedded Badge")), "t.pdf")
    report = engine.verify(parsed)
    assert parsed.format == "ob3" and parsed.normalized.title == "Embedded Badge"
    assert parsed.normalized.extra["container"] == "pdf"
    assert next(c for c in report.checks if c.id == "signature").status == "pass"


def test_truncated_pdf_is_a_clear_error() -> None:
    with pytest.raises(WalletError, match="not a readable PDF"):
        detect.parse(b"%PDF-1.7\n1 0 obj <<", "broken.pdf")


@pytest.mark.parametrize("url,why", [
    ("http://example.org/x", "only https"),
    ("https://127.0.0.1/x", "private or local"),
    ("https://localhost/x", "private or local"),
    ("https://10.0.0.8/x", "private or local"),
    ("file:///etc/passwd", "only https"),
])
def test_fetcher_refuses_unsafe_targets(url: str, why: str) -> None:
    f = Fetcher(online=True)
    with pytest.raises(FetchRefused, match=why):
        f.get(url)
    assert f.log and f.log[-1]["url"] == url


def test_fetcher_is_closed_offline() -> None:
    f = Fetcher(online=False)
    with pytest.raises(FetchRefused, match="online checks are off"):
        f.get("https://example.org/")


def test_sd_jwt_disclosures_and_holder_key_are_kept() -> None:
    parsed = detect.parse((DEMO / "sd-jwt-vc-basic-life-support.txt").read_bytes(), "sd")
    assert parsed.format == "sd-jwt-vc"
    assert set(parsed.normalized.extra["disclosable"]) >= {"/given_name", "/birthdate", "/email"}
    assert parsed.normalized.extra["holder_bound"] is True
    assert parsed.payload["claims"]["cnf"]["jwk"]["crv"] == "P-256"
    assert json.loads(json.dumps(parsed.normalized.to_json()))  # JSON-able for the vault
