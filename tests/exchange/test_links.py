"""wallet.exchange.links: what the learner gives (link, QR image, file, stdin, pasted text) -> the text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ui.render.qr import png_bytes
from wallet.errors import BadInput
from wallet.exchange.links import read_link, require_scheme, single_params

LINK = "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1"


def test_each_kind_of_source(tmp_path: Path) -> None:
    img = tmp_path / "offer.png"
    img.write_bytes(png_bytes(LINK))
    txt = tmp_path / "offer.txt"
    txt.write_text(f"\ufeff{LINK}\n")
    assert read_link(str(img)) == LINK
    assert read_link(str(txt)) == LINK
    assert read_link(f"  {LINK}\n") == LINK
    assert read_link("-", stdin=io.BytesIO(LINK.encode())) == LINK
    assert read_link("-", stdin=io.BytesIO(png_bytes(LINK))) == LINK


def test_refusals(tmp_path: Path) -> None:
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("L", (64, 64), 255).save(blank)
    with pytest.raises(BadInput, match="no QR code"):
        read_link(str(blank))
    with pytest.raises(BadInput, match="nothing given"):
        read_link(" ")
    with pytest.raises(BadInput, match="empty"):
        read_link("-", stdin=io.BytesIO(b""))
    with pytest.raises(BadInput, match="bytes"):
        read_link("x" * 70_000)
    with pytest.raises(BadInput, match="not a credential offer"):
        require_scheme("javascript:alert(1)", ("openid-credential-offer", "https"), "a credential offer")
    with pytest.raises(BadInput, match="more than once"):
        single_params("a=1&a=2", "offer")
    # two different QR codes in one picture: the learner crops, nothing is guessed
    two = Image.new("L", (800, 400), 255)
    from io import BytesIO

    two.paste(Image.open(BytesIO(png_bytes(LINK))), (0, 0))
    two.paste(Image.open(BytesIO(png_bytes(LINK + "2"))), (400, 0))
    both = tmp_path / "two.png"
    two.save(both)
    with pytest.raises(BadInput, match="2 different QR codes"):
        read_link(str(both))
