"""One function per policy: the key binding of an SD-JWT (verify.keybinding) and the verdict roll-up
(verify.verdict.rollup) are decided once, and the engine (a credential kept with its key binding) and the
employer's verifier (a presentation) both call them.  The attacks below are ones the two old copies
answered differently: a key binding JWT that is not typed kb+jwt (RFC 9901 §4.3 requires the type; only the
verifier checked it), and a presentation whose issuer signature could not be checked (the verifier's copy of
the roll-up had no "not checked")."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.security.test_holder_binding import AUD, NONCE, NOW, SD_ISSUER, SD_ISSUER_DID, A, B, ctx
from wallet.crypto import sdjwt
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.formats import detect
from wallet.model import FAIL, PASS, SKIPPED, UNVERIFIED, Check
from wallet.present import sdjwt_presentation as present_sd
from wallet.present.verifier import verify_presentation
from wallet.verify import engine, verdict
from wallet.verify.keybinding import KeyBindingError, check_key_binding

OFFLINE_ISSUER = "https://offline-issuer.example/issuer"


def sd_jwt(iss: str = SD_ISSUER_DID, kid: bool = True) -> str:
    """An SD-JWT VC really signed (ES256) by the test issuer, bound to holder A's key (cnf)."""
    discs, digests = [], []
    for name, value in (("given_name", "Ada"), ("course", "Intro to Spreadsheets")):
        d = keys.b64u_encode(json.dumps([keys.b64u_encode(secrets.token_bytes(16)), name, value]).encode())
        discs.append(d)
        digests.append(keys.b64u_encode(hashlib.sha256(d.encode("ascii")).digest()))
    payload: dict[str, Any] = {"iss": iss, "iat": int(NOW.timestamp()) - 86400, "vct": "https://x.example/c",
                               "_sd_alg": "sha-256", "_sd": sorted(digests), "cnf": {"jwk": A.jwk}}
    header = {"alg": "ES256", "typ": "dc+sd-jwt"}
    if kid:
        header["kid"] = f"{SD_ISSUER_DID}#{SD_ISSUER_DID.split(':')[-1]}"
    return signing.sign_jws(header, json.dumps(payload).encode(), SD_ISSUER) + "~" + "".join(d + "~" for d in discs)


def with_kb(token: str, key: ec.EllipticCurvePrivateKey = A.p256, typ: str | None = "kb+jwt",
            sd_hash_of: str | None = None) -> str:
    """A key binding JWT made by hand, right in every respect but the ones a test changes."""
    sd_hash = keys.b64u_encode(hashlib.sha256((sd_hash_of or token).encode("ascii")).digest())
    payload = {"iat": int(NOW.timestamp()), "aud": AUD, "nonce": NONCE, "sd_hash": sd_hash}
    header: dict[str, Any] = {"alg": "ES256"}
    if typ is not None:
        header["typ"] = typ
    return token + signing.sign_jws(header, json.dumps(payload).encode(), key)


def check(checks: list[Check], cid: str) -> Check:
    return next(c for c in checks if c.id == cid)


def kept(token: str) -> Any:
    """The engine's report for an SD-JWT kept as it was received (key binding attached)."""
    return engine.verify(detect.parse_token(token, "kept.sd-jwt"), ctx())


# --- the key binding rule itself ---------------------------------------------------------------------------


def test_key_binding_rule_accepts_the_holders_own() -> None:
    presented, _ = present_sd.present(sd_jwt(), None, A.p256, audience=AUD, nonce=NONCE, iat=int(NOW.timestamp()))
    sd = sdjwt.parse(presented)
    binding = check_key_binding(sd, sdjwt.reconstruct(sd)["cnf"])
    assert binding.covers_disclosures and binding.payload["aud"] == AUD and binding.payload["nonce"] == NONCE


@pytest.mark.parametrize("typ", [None, "JWT", "KB+JWT", "dc+sd-jwt"])
def test_key_binding_rule_requires_typ_kb_jwt(typ: str | None) -> None:
    sd = sdjwt.parse(with_kb(sd_jwt(), typ=typ))
    with pytest.raises(KeyBindingError, match="not typed kb\\+jwt") as err:
        check_key_binding(sd, {"jwk": A.jwk})
    assert not err.value.signer


def test_key_binding_rule_refuses_another_signer_and_names_it() -> None:
    sd = sdjwt.parse(with_kb(sd_jwt(), key=B.p256))
    with pytest.raises(KeyBindingError, match="not signed by the key the credential was issued to") as err:
        check_key_binding(sd, {"jwk": A.jwk})
    assert err.value.signer


def test_key_binding_rule_refuses_a_binding_without_cnf() -> None:
    with pytest.raises(KeyBindingError, match="names no holder key"):
        check_key_binding(sdjwt.parse(with_kb(sd_jwt())), None)


def test_key_binding_rule_reports_disclosures_it_does_not_cover() -> None:
    token = sd_jwt()
    dropped = token[: token.rindex("~", 0, len(token) - 1) + 1]  # one disclosure left out after signing
    sd = sdjwt.parse(with_kb(dropped, sd_hash_of=token))
    assert check_key_binding(sd, {"jwk": A.jwk}).covers_disclosures is False


# --- attack: a key binding JWT with the wrong typ, caught by both callers --------------------------------------


@pytest.mark.parametrize("typ", [None, "JWT"])
def test_wrong_typ_key_binding_fails_in_the_engine_and_the_verifier(typ: str | None) -> None:
    forged = with_kb(sd_jwt(), typ=typ)  # signed by the right holder key, covering the right disclosures
    report = kept(forged)
    assert check(report.checks, "holder_binding").status == FAIL, report.to_json()
    assert "kb+jwt" in check(report.checks, "holder_binding").message
    assert report.status == "invalid"
    res = verify_presentation(forged, ctx(), audience=AUD, nonce=NONCE)
    assert check(res.checks, "holder_binding").status == FAIL and "kb+jwt" in check(res.checks, "holder_binding").message
    assert res.status == "invalid"
    # the same token typed as RFC 9901 requires holds in both: the type is what was refused
    good = with_kb(sd_jwt())
    assert check(kept(good).checks, "holder_binding").status == PASS
    assert check(verify_presentation(good, ctx(), audience=AUD, nonce=NONCE).checks, "holder_binding").status == PASS


def test_another_holders_key_binding_fails_in_the_engine_and_the_verifier() -> None:
    stolen = with_kb(sd_jwt(), key=B.p256)
    assert check(kept(stolen).checks, "holder_binding").status == FAIL
    res = verify_presentation(stolen, ctx(), audience=AUD, nonce=NONCE)
    assert res.status == "invalid" and "issued to someone else" in check(res.checks, "holder_binding").message


# --- attack: parts that the two old roll-ups would have weighed differently ------------------------------------


def test_presentation_with_an_unchecked_issuer_signature_is_not_checked_not_warning() -> None:
    """The holder's binding holds and audience, nonce and freshness match, but nothing checked the issuer's
    signature (its key is published online and online checks are off): that is "not checked", whatever the
    presentation's own parts say, exactly as for the credential on its own."""
    token = sd_jwt(iss=OFFLINE_ISSUER, kid=False)
    presented, _ = present_sd.present(token, None, A.p256, audience=AUD, nonce=NONCE, iat=int(NOW.timestamp()))
    res = verify_presentation(presented, ctx(), audience=AUD, nonce=NONCE)
    assert check(res.checks, "credential.signature").status == SKIPPED
    for cid in ("holder_binding", "sd_hash", "audience", "nonce", "freshness"):
        assert check(res.checks, cid).status == PASS, cid
    assert not any(c.status == FAIL and c.important for c in res.checks)
    assert res.status == UNVERIFIED == verdict.rollup(res.checks)
    assert engine.verify(detect.parse_token(token, "c.sd-jwt"), ctx()).status == UNVERIFIED


def test_rollup_policy_table() -> None:
    """The one roll-up rule, case by case (a presentation's credential checks are prefixed)."""
    sig = Check("credential1.signature", PASS, "valid")
    assert verdict.rollup([sig, Check("holder_binding", PASS, "ok")]) == "verified"
    assert verdict.rollup([sig, Check("credential1.issuer_trust", SKIPPED, "not listed")]) == "warning"
    assert verdict.rollup([sig, Check("credential1.expiry", FAIL, "expired", important=False)]) == "warning"
    assert verdict.rollup([sig, Check("nonce", FAIL, "replayed")]) == "invalid"
    assert verdict.rollup([Check("credential1.signature", SKIPPED, "offline"), Check("holder_binding", PASS, "ok")]) \
        == "unverified"
    assert verdict.rollup([sig], unverifiable=True) == "unverified"
    assert verdict.rollup([Check("holder_binding", PASS, "ok")]) == "unverified"  # no issuer signature at all
