"""Attack class: a picture the proof does not cover is shown as the credential's image.

Each test starts from a credential the test issuer really signed (tests/factory.py) or the demo issuer's baked
badge, changes or adds its image where a person would look, and asserts the wallet shows only the signed image
(or none: initials), and that images are decoded within bounds."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import io
import json
from typing import Any

import pytest
from PIL import Image

from tests.factory import ob3, signed
from wallet import images
from wallet.formats import detect
from wallet.model import Credential
from wallet.verify import engine
from wallet.verify.engine import VerifyContext

NOW = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)


def png_uri(color: tuple[int, int, int], size: int = 8) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


SIGNED_IMAGE, FORGED_IMAGE = png_uri((0, 128, 0)), png_uri((255, 0, 0))


def checked(doc: dict[str, Any]) -> Credential:
    data = json.dumps(doc).encode()
    parsed = detect.parse(data, "attack.json")
    report = engine.verify(parsed, VerifyContext(clock=lambda: NOW))
    return Credential("x", parsed.format, data, "", parsed.normalized, report)


@pytest.fixture(scope="module")
def with_image() -> dict[str, Any]:
    c = ob3(71)
    c["credentialSubject"]["achievement"]["image"] = {"id": SIGNED_IMAGE, "type": "Image"}
    return signed(c)


@pytest.fixture(scope="module")
def without_image() -> dict[str, Any]:
    return signed(ob3(72))


def test_the_signed_image_is_shown(with_image: dict[str, Any]) -> None:
    cred = checked(with_image)
    assert images.image_reference(cred) == SIGNED_IMAGE
    img = images.image_bytes(cred)
    assert img is not None and img.kind == "png" and img.source == "data"
    assert Image.open(io.BytesIO(img.data)).getpixel((0, 0))[:3] == (0, 128, 0)


@pytest.mark.parametrize("attack", [
    lambda d: d.__setitem__("image", FORGED_IMAGE),  # an image on the credential, outside the proof
    lambda d: d["credentialSubject"]["achievement"].__setitem__("image", FORGED_IMAGE),  # the signed one replaced
    lambda d: d["credentialSubject"]["achievement"].__setitem__("image", {"id": FORGED_IMAGE, "@index": "x"}),
    lambda d: d["credentialSubject"]["achievement"].__setitem__("image", {"@value": FORGED_IMAGE}),
], ids=["added-top-level", "replaced", "index-node", "value-object"])
def test_an_image_added_outside_the_proof_is_not_shown(with_image: dict[str, Any], without_image: dict[str, Any],
                                                       attack: Any) -> None:
    for base in (with_image, without_image):
        doc = copy.deepcopy(base)
        attack(doc)
        cred = checked(doc)
        assert images.image_reference(cred) != FORGED_IMAGE
        shown = images.image_bytes(cred)
        assert shown is None or shown.data != images.decode_data_uri(FORGED_IMAGE).data


def test_an_unsigned_record_shows_no_image_even_if_it_names_one(with_image: dict[str, Any]) -> None:
    """No passing signature: the record is the JSON as it arrived, so its image is not the credential's."""
    doc = copy.deepcopy(with_image)
    del doc["proof"]
    cred = checked(doc)
    assert cred.normalized.image == SIGNED_IMAGE  # the parser read it...
    assert images.image_reference(cred) is None  # ...but it is not shown


def test_a_baked_badge_is_its_own_image(demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "First Aid at Work")
    img = demo.credential_image(cid)
    assert img is not None and img.source == "baked" and img.kind == "png"
    assert img.data == demo.get(cid).original
    svg = next(s.id for s in demo.credentials() if s.title == "Applied Statistics")
    assert demo.credential_image(svg).kind == "svg"


def test_a_remote_image_is_not_fetched_offline(demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "Data Analysis with Python")
    assert demo.get(cid).normalized.image.startswith("https://")
    assert not demo.online
    assert demo.credential_image(cid) is None  # initials: nothing left the computer


def test_a_fetched_image_is_cached_in_the_vault(demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "Data Analysis with Python")
    url = demo.get(cid).normalized.image
    data = base64.b64decode(SIGNED_IMAGE.split(",", 1)[1])

    class OnlineFetcher:
        online = True
        calls: list[str] = []

        def get(self, u: str, accept: str = "") -> bytes:
            self.calls.append(u)
            return data

    f = OnlineFetcher()
    first = images.image_bytes(demo.get(cid), demo.store, f)
    assert first is not None and first.data == data and f.calls == [url]
    assert demo.store.get_image(url) == ("png", data)
    again = images.image_bytes(demo.get(cid), demo.store, None)  # offline now: from the cache
    assert again is not None and again.data == data


def test_fetched_bytes_that_are_not_an_image_are_refused(demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "SQL Fundamentals" or s.title == "Applied Statistics")
    cred = copy.deepcopy(demo.get(next(s.id for s in demo.credentials() if s.title == "Data Analysis with Python")))
    cred.normalized.image = "https://demo.credwallet.org/images/not-an-image.png"

    class Html:
        online = True

        def get(self, u: str, accept: str = "") -> bytes:
            return b"<html>not an image</html>"

    assert cid
    assert images.image_bytes(cred, None, Html()) is None


@pytest.mark.parametrize("uri", [
    "data:text/html;base64," + base64.b64encode(b"<script>alert(1)</script>").decode(),  # not an image type
    "data:image/png;base64," + base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode(),  # lies
    "data:image/png;base64,!!!!",
    "data:image/png," + "A" * (images.MAX_IMAGE_BYTES * 2),  # too large
])
def test_bad_data_uris_are_refused(uri: str) -> None:
    assert images.decode_data_uri(uri) is None


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    buf = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buf, "PNG")  # ~50 kB on disk, 400 million pixels decoded
    assert len(buf.getvalue()) < images.MAX_IMAGE_BYTES
    with pytest.raises((ValueError, Image.DecompressionBombError)):
        images.raster_thumbnail(buf.getvalue(), 96)


def test_a_raster_is_scaled_to_fit() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (400, 200), (1, 2, 3)).save(buf, "PNG")
    w, h, rgba = images.raster_thumbnail(buf.getvalue(), 96)
    assert (w, h) == (96, 48) and len(rgba) == 96 * 48 * 4


@pytest.mark.parametrize("svg,ok", [
    (b"<svg xmlns='http://www.w3.org/2000/svg'><circle r='4'/></svg>", True),
    (b"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
     b"<image xlink:href='file:///etc/passwd'/></svg>", False),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><image href='https://tracker.example/p.png'/></svg>", False),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><style>@import url(https://x.example/a.css);</style></svg>", False),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><rect style='fill:url(https://x.example/#p)'/></svg>", False),
    (b"<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><svg xmlns='http://www.w3.org/2000/svg'>&x;</svg>",
     False),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><use href='#a'/><rect id='a' style='fill:url(#g)'/></svg>", True),
])
def test_svg_with_external_references_is_refused(svg: bytes, ok: bool) -> None:
    assert images.svg_is_self_contained(svg) is ok
