"""Conformance: our verdict on every signed valid/invalid case of the shared corpus."""

from __future__ import annotations

import pytest

from tests.conformance.corpus import DOC, Case, crypto_holds, render, run, run_extra


@pytest.fixture(scope="module")
def results() -> list[Case]:
    return run()


@pytest.fixture(scope="module")
def extra() -> list[Case]:
    return run_extra()


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
        if "context credwallet does not recognise" in r.reason:
            # refused as a credential (an inline or unknown context could rename what a person reads), but
            # the cryptography itself must still hold
            assert _proofs_hold(r.file), r
            continue
        assert r.signature == "pass", r


def _proofs_hold(file: str) -> bool:
    return crypto_holds(file)


def test_conformance_page_is_current(results: list[Case], extra: list[Case]) -> None:
    assert DOC.read_text("utf-8") == render(results, extra), "run: python -m tests.conformance.report --write"


def test_crypto_only_cases_hold_but_are_not_shown_as_the_issuers(extra: list[Case]) -> None:
    crypto = [r for r in extra if r.expected == "valid-crypto-only"]
    assert len(crypto) >= 10
    for r in crypto:
        assert r.verdict != "verified", r
        assert r.reason, r


def test_invalid_presentations_are_invalid(extra: list[Case]) -> None:
    bad = [r for r in extra if r.expected == "invalid-presentation"]
    assert bad and all(r.verdict in ("invalid", "unreadable") for r in bad), bad
