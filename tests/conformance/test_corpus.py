"""Conformance: our verdict on every signed valid/invalid case of the shared corpus."""

from __future__ import annotations

import pytest

from tests.conformance.corpus import DOC, Case, render, run


@pytest.fixture(scope="module")
def results() -> list[Case]:
    return run()


def test_zero_false_accepts(results: list[Case]) -> None:
    false_accepts = [r.file for r in results if r.expected == "invalid" and r.verdict == "verified"]
    assert false_accepts == []


def test_invalid_cases_are_never_verified_and_say_why(results: list[Case]) -> None:
    for r in results:
        if r.expected == "invalid" and r.verdict != "invalid":
            # never accepted: at most "not checked" (unverified) or a warning that names what is off
            assert r.verdict in ("warning", "unverified", "unreadable"), r
            assert r.reason, r


def test_offline_verifiable_valid_vectors_verify(results: list[Case]) -> None:
    """The W3C and DCC did:key vectors, the 1EdTech implementation-guide vectors and the SD-JWT spec
    examples carry everything needed offline: their signatures must check (ecdsa-sd-2023 and bbs-2023,
    base and derived, included; bbs-2023 holder binding and pseudonyms are not supported)."""
    offline = [r for r in results if r.expected == "valid" and (
        ("did:key" in r.note and "offline" in r.note and not any(x in r.file for x in ("HolderBinding", "Pseudonym")))
        or "1edtech-openbadges-specification" in r.file)]
    assert len(offline) >= 45
    for r in offline:
        if r.reason == "file is empty":  # a corpus file with no bytes in it (listed in docs/conformance.md)
            continue
        assert r.signature == "pass", r


def test_conformance_page_is_current(results: list[Case]) -> None:
    assert DOC.read_text("utf-8") == render(results), "run: python -m tests.conformance.report --write"
