"""Attack class 5: verdicts that cannot mislead.

A signature that was not checked is "not checked" (unverified), never a warning; an issuer that is not
confirmed is shown as the credential's own claim, in the same words everywhere; a hosted Open Badge is
never "pass" without the issuer's hosted copy and the issuer's own policy; an SD-JWT with a disclosure
the issuer never signed is invalid (exit 1), not bad input; a VC-JWT that carries its own key proves
integrity, not identity.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.security._helpers import (
    check,
    credential,
    ctx,
    did_key,
    ed_key,
    p256,
    sign_di,
    sign_jwt,
    trust,
    verify,
    vm_of,
)
from wallet import paths
from wallet.crypto import publickeys as keys
from wallet.model import FAIL, PASS, SKIPPED, Check
from wallet.verify import verdict

DEMO = paths.resources_dir() / "demo"
HARVARD_KEY = ed_key("not really harvard")
HARVARD_DID = did_key(HARVARD_KEY)


def _cli(capsys, monkeypatch, tmp_path: Path, *argv: str):  # noqa: ANN001, ANN202
    from ui.cli.main import main

    monkeypatch.setenv("CREDWALLET_HOME", str(tmp_path / "no-wallet"))
    code = main(list(argv))
    out, _err = capsys.readouterr()
    return code, out


# --- unchecked signatures are "not checked" ----------------------------------------------------


@pytest.mark.parametrize("vm", ["did:web:offline.example#k", "did:example:123#k", "https://offline.example/keys/1"])
def test_unchecked_signature_is_unverified_not_warning(vm: str) -> None:
    """Signed for real, but by a key this check cannot reach (network off, DID method unsupported)."""
    doc = sign_di(credential(HARVARD_DID, "Harvard University"), HARVARD_KEY, vm)
    _, report = verify(doc, ctx())
    assert check(report, "signature").status == SKIPPED
    assert report.status == "unverified"
    assert verdict.headline(report).startswith("Not checked — ")


def test_warning_means_the_signature_was_confirmed() -> None:
    doc = sign_di(credential(HARVARD_DID, "Harvard University"), HARVARD_KEY, vm_of(HARVARD_DID))
    _, report = verify(doc, ctx())
    assert report.status == "warning" and check(report, "signature").status == PASS


def test_presentations_roll_up_with_the_same_rule() -> None:
    from wallet.present.verifier_checks import PresentationChecks

    out = PresentationChecks("2026-11-25T00:00:00Z")
    out.add("holder_binding", PASS, "signed by the holder")
    out.add("credential1.signature", SKIPPED, "signature not checked: needs the network")
    out.add("credential1.issuer_trust", SKIPPED, "issuer is not in your trusted list")
    assert out.status() == verdict.rollup(out.checks) == "unverified"
    out.checks[1] = Check("credential1.signature", PASS, "valid")
    assert out.status() == "warning"


def test_rollup_needs_a_checked_signature_for_anything_but_invalid() -> None:
    assert verdict.rollup([Check("format", PASS, "ok")]) == "unverified"
    assert verdict.rollup([Check("signature", PASS, "ok"), Check("expiry", FAIL, "expired", important=False)]) == "warning"
    assert verdict.rollup([Check("signature", SKIPPED, "x"), Check("status", FAIL, "revoked")]) == "invalid"
    assert verdict.rollup([Check("signature", PASS, "ok")]) == "verified"


# --- untrusted issuers: the name is the credential's own claim --------------------------------


def test_untrusted_issuer_headline_says_the_name_is_self_given(capsys, monkeypatch, tmp_path: Path) -> None:
    doc = sign_di(credential(HARVARD_DID, "Harvard University"), HARVARD_KEY, vm_of(HARVARD_DID))
    parsed, report = verify(doc, ctx())
    line = verdict.headline(report, parsed.normalized)
    assert line.startswith("Signature valid — issuer not confirmed: 'Harvard University' is the name the signer "
                           "gave itself (key did:key:z6Mk")
    assert report.issuer["confirmation"] == "unknown_key"
    # the CLI says exactly that, as text and in --json (with the rung of the ladder)
    f = tmp_path / "harvard.json"
    f.write_text(json.dumps(doc))
    code, out = _cli(capsys, monkeypatch, tmp_path, "verify", str(f))
    assert code == 0 and line in out
    code, out = _cli(capsys, monkeypatch, tmp_path, "verify", str(f), "--json")
    res = json.loads(out)
    assert res["headline"] == line and res["issuer"]["confirmation"] == "unknown_key"
    assert res["status"] == "warning"


def test_trusted_issuer_headline_names_the_trusted_list() -> None:
    doc = sign_di(credential(HARVARD_DID, "Harvard University"), HARVARD_KEY, vm_of(HARVARD_DID))
    trusted = trust({"id": HARVARD_DID, "name": "Harvard (as I added it)", "did": HARVARD_DID})
    parsed, report = verify(doc, ctx(trusted))
    assert verdict.headline(report, parsed.normalized) == \
        "Signature valid — issuer confirmed: in your trusted list as 'Harvard (as I added it)'"


def test_front_ends_show_the_core_headline(wallet) -> None:  # noqa: ANN001
    """The desktop list and the CLI read the one headline function; a stored report keeps the rung."""
    from wallet.service import verdict_headline

    doc = sign_di(credential(HARVARD_DID, "Harvard University"), HARVARD_KEY, vm_of(HARVARD_DID))
    r = wallet.import_bytes(json.dumps(doc).encode(), "h.json")
    cred = wallet.get(r.id)
    assert cred.report.issuer["confirmation"] == "unknown_key"  # survives the round trip through the vault
    row = next(s for s in wallet.credentials() if s.id == r.id)
    assert row.headline == verdict_headline(cred.report, cred.normalized)
    assert "'Harvard University' is the name the signer gave itself" in row.headline
    assert row.issuer_confirmation == "unknown_key"
    # what was stored reads exactly as what was checked (lesser checks stay lesser after the round trip)
    fresh = verify(doc, ctx())[1]
    assert [c.important for c in cred.report.checks] == [c.important for c in fresh.checks]


# --- hosted Open Badges 2.0 --------------------------------------------------------------------

ISSUER = "https://issuer.example/profile"
BADGE = "https://issuer.example/badges/first-aid"


def _assertion(aid: str, verification: dict | None = None) -> dict:
    return {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": aid,
            "recipient": {"type": "email", "hashed": False, "identity": "learner@example.org"},
            "badge": BADGE, "issuedOn": "2026-01-01T00:00:00Z",
            "verification": verification or {"type": "hosted"}}


def _hosted_docs(a: dict, profile: dict | None = None) -> dict:
    return {a["id"]: a,
            BADGE: {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": BADGE,
                    "name": "First Aid", "issuer": ISSUER},
            ISSUER: profile or {"@context": "https://w3id.org/openbadges/v2", "type": "Profile", "id": ISSUER,
                                "name": "Issuer Example"}}


def test_hosted_badge_offline_skips_signature_and_status() -> None:
    a = _assertion("https://issuer.example/assertions/1")
    _, report = verify(a, ctx())
    assert check(report, "signature").status == SKIPPED and check(report, "status").status == SKIPPED
    assert report.status == "unverified"


def test_hosted_badge_status_is_never_pass_without_the_issuers_copy() -> None:
    a = _assertion("https://issuer.example/assertions/1")
    # the fetch fails
    _, gone = verify(a, ctx(None, {}))
    assert check(gone, "signature").status == SKIPPED and check(gone, "status").status == SKIPPED
    # the issuer hosts a different copy
    other = dict(a, issuedOn="2025-01-01T00:00:00Z")
    _, differs = verify(a, ctx(None, _hosted_docs(other)))
    assert check(differs, "signature").status == FAIL and check(differs, "status").status != PASS
    assert differs.status == "invalid"
    # the positive control: hosted by the issuer, on its own domain
    _, ok = verify(a, ctx(None, _hosted_docs(a)))
    assert check(ok, "signature").status == PASS and check(ok, "status").status == PASS
    assert ok.issuer["confirmation"] == "issuer_domain" and ok.issuer["domain"] == "issuer.example"


def test_hosted_badge_allowed_origins_come_from_the_issuer_profile_not_the_assertion() -> None:
    a = _assertion("https://attacker.example/assertions/1",
                   {"type": "hosted", "allowedOrigins": ["attacker.example"],
                    "startsWith": ["https://attacker.example/"]})
    _, report = verify(a, ctx(None, _hosted_docs(a)))
    assert check(report, "signature").status == FAIL and report.status == "invalid"
    assert "issuer's own domain" in check(report, "signature").message
    # the issuer's profile may allow another origin; then, and only then, it is accepted
    profile = {"@context": "https://w3id.org/openbadges/v2", "type": "Profile", "id": ISSUER, "name": "Issuer Example",
               "verification": {"type": "hosted", "allowedOrigins": ["attacker.example"]}}
    _, allowed = verify(a, ctx(None, _hosted_docs(a, profile)))
    assert check(allowed, "signature").status == PASS
    strict = dict(profile, verification={"type": "hosted", "startsWith": ["https://issuer.example/assertions/"]})
    b = _assertion("https://issuer.example/elsewhere/1")
    _, refused = verify(b, ctx(None, _hosted_docs(b, strict)))
    assert check(refused, "signature").status == FAIL and "startsWith" in check(refused, "signature").message


# --- SD-JWT: a disclosure the issuer never signed -----------------------------------------------


def _sd_with_added_disclosure() -> str:
    sd = (DEMO / "credentials" / "sd-jwt-vc-basic-life-support.txt").read_text().strip()
    parts = sd.split("~")
    forged = base64.urlsafe_b64encode(json.dumps(["salt", "given_name", "Mallory"]).encode()).rstrip(b"=").decode()
    return "~".join([parts[0], forged] + parts[1:])


def test_sd_jwt_with_an_unreferenced_disclosure_is_invalid_exit_1(capsys, monkeypatch, tmp_path: Path) -> None:
    f = tmp_path / "sd.txt"
    f.write_text(_sd_with_added_disclosure())
    code, out = _cli(capsys, monkeypatch, tmp_path, "verify", str(f), "--json")
    res = json.loads(out)
    assert code == 1 and res["status"] == "invalid"
    assert next(c for c in res["checks"] if c["id"] == "disclosures")["status"] == "fail"
    # the untouched credential is fine
    f.write_text((DEMO / "credentials" / "sd-jwt-vc-basic-life-support.txt").read_text())
    code, out = _cli(capsys, monkeypatch, tmp_path, "verify", str(f), "--json")
    assert code == 0 and json.loads(out)["status"] != "invalid"


def test_sd_jwt_unreferenced_disclosure_is_refused_on_import(wallet) -> None:  # noqa: ANN001
    r = wallet.import_bytes(_sd_with_added_disclosure().encode(), "sd.txt")
    assert r.status == "invalid" and r.error and r.error.startswith("refused: invalid credential")


# --- VC-JWT with its own key in the header -------------------------------------------------------


def _embedded_jwk_vc_jwt(issuer: str = "https://harvard.example/issuer") -> tuple[str, dict]:
    key = p256("travelling key")
    payload = credential(issuer, "Harvard University")
    return sign_jwt(payload, key, {"typ": "vc+jwt", "jwk": keys.to_jwk(key.public_key())}), payload


def test_embedded_jwk_vc_jwt_is_checked_but_the_issuer_is_not_confirmed() -> None:
    token, _payload = _embedded_jwk_vc_jwt()
    parsed, report = verify(token, ctx())
    assert check(report, "signature").status == PASS and "proves nothing about who signed it" in \
        check(report, "signature").message
    assert report.status == "warning" and check(report, "issuer_trust").status == SKIPPED
    assert report.issuer["confirmation"] == "unknown_key" and report.issuer["key"].startswith("did:jwk:")
    assert "'Harvard University' is the name the signer gave itself" in verdict.headline(report, parsed.normalized)


def test_embedded_jwk_vc_jwt_tampered_is_invalid() -> None:
    token, payload = _embedded_jwk_vc_jwt()
    h, _p, s = token.split(".")
    payload["name"] = "Doctor of Medicine (MD), with honours"
    p2 = keys.b64u_encode(json.dumps(payload).encode())
    _, report = verify(f"{h}.{p2}.{s}", ctx())
    assert report.status == "invalid" and check(report, "signature").status == FAIL


def test_embedded_jwk_never_stands_in_for_a_trusted_issuers_key() -> None:
    issuer = "https://harvard.example/issuer"
    token, _ = _embedded_jwk_vc_jwt(issuer)
    trusted = trust({"id": issuer, "name": "Harvard", "did": "did:web:harvard.example"})
    _, report = verify(token, ctx(trusted))
    assert check(report, "signature").status == PASS
    assert check(report, "issuer_trust").status != PASS and report.issuer["confirmation"] != "trust_list"


def test_a_kept_tampered_sd_jwt_is_never_shared(wallet) -> None:  # noqa: ANN001
    from wallet.errors import WalletError

    r = wallet.import_bytes(_sd_with_added_disclosure().encode(), "sd.txt", keep_invalid=True)
    assert r.ok and r.status == "invalid"
    with pytest.raises(WalletError, match="not referenced"):
        wallet.present([r.id], None, audience="https://employer.example")
