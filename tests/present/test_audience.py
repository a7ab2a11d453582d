"""The audience is compared as an origin: case, a trailing slash and the default port do not make a
presentation someone else's; any other difference does (present/audience.py)."""

from __future__ import annotations

import pytest

from wallet.present.audience import same_audience
from wallet.present.verifier import verify_presentation

SAME = ["https://employer.example", "https://employer.example/", "HTTPS://Employer.example",
        "https://EMPLOYER.EXAMPLE:443/", "https://employer.example."]
OTHER = ["https://employer.example.evil", "https://evil.example/employer.example", "http://employer.example",
         "https://employer.example:8443", "https://employer.example/jobs", "https://employer.example/?x=1",
         "https://user@employer.example", "employer.example", "did:web:employer.example", ""]


@pytest.mark.parametrize("wanted", SAME)
def test_one_origin_written_several_ways(wanted: str) -> None:
    assert same_audience("https://employer.example", wanted)


@pytest.mark.parametrize("wanted", OTHER)
def test_anything_else_is_someone_else(wanted: str) -> None:
    assert not same_audience("https://employer.example", wanted)


def test_non_url_audiences_match_exactly() -> None:
    assert same_audience("x509_san_dns:verifier.example", "x509_san_dns:verifier.example")
    assert not same_audience("x509_san_dns:verifier.example", "X509_SAN_DNS:verifier.example")
    assert not same_audience(None, "https://employer.example") and not same_audience(["https://a.example"], "https://a.example")


@pytest.mark.parametrize("title", ["Basic Life Support (BLS) Provider", "Data Analysis with Python", "Digital Literacy Essentials"])
def test_a_presentation_checked_with_the_origin_written_differently(demo, title: str) -> None:  # noqa: ANN001
    ref = next(s.id for s in demo.credentials() if s.title == title)
    shared = demo.present([ref], audience="https://employer.example", nonce="n-aud")
    for wanted in ("HTTPS://Employer.example/", "https://employer.example:443"):
        res = verify_presentation(shared.text, demo.verify_context(), audience=wanted, nonce="n-aud")
        aud = next(c for c in res.checks if c.id == "audience")
        assert aud.status == "pass", aud.message
    res = verify_presentation(shared.text, demo.verify_context(), audience="https://employer.example.evil", nonce="n-aud")
    assert res.status == "invalid" and next(c for c in res.checks if c.id == "audience").status == "fail"
