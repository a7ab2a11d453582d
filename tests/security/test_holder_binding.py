"""Attack class: a presentation by someone other than the person the credential was issued to.

Each test starts from a credential really signed (the test issuer of tests/factory.py, an ecdsa-sd-2023 or
bbs-2023 issuer made here, an SD-JWT issuer made here) to holder A's key, then presents it with a valid
presentation signature by holder B: a VC 2.0 VP (eddsa-rdfc-2022 / ecdsa-rdfc-2019 holder proof), a VP-JWT,
an SD-JWT with a key binding JWT.  Every such presentation must be invalid, "issued to someone else".  A
credential that names no subject key must say plainly that the presenter may not be the person named.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from functools import lru_cache
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tests.factory import DID as ISSUER_DID
from tests.factory import KEY as ISSUER_KEY
from tests.factory import VM as ISSUER_VM
from tests.factory import ob3, signed
from wallet.crypto import bbs, selective
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.crypto.jsonld import DocumentLoader
from wallet.present import sdjwt_presentation as present_sd
from wallet.present import vp as present_vp
from wallet.present.verifier import verify_presentation
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustedIssuer, TrustList

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
CREATED = "2026-11-25T11:59:00Z"
AUD, NONCE = "https://employer.example", "n-1234"


def did_key(pub: Any) -> str:
    return "did:key:" + keys.to_multikey(pub)


class Holder:
    def __init__(self, seed: str):
        self.ed = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest())
        self.p256 = ec.derive_private_key(int.from_bytes(hashlib.sha256(b"p256" + seed.encode()).digest(), "big"),
                                          ec.SECP256R1())
        self.did = did_key(self.ed.public_key())
        self.p256_did = did_key(self.p256.public_key())
        self.jwk = keys.to_jwk(self.p256.public_key())


A, B = Holder("holder A"), Holder("holder B")
SD_ISSUER = ec.derive_private_key(4_242_424_242, ec.SECP256R1())
SD_ISSUER_DID = did_key(SD_ISSUER.public_key())


@lru_cache(maxsize=1)
def loader() -> DocumentLoader:
    return DocumentLoader()


def ctx() -> VerifyContext:
    """The employer trusts the test issuer, so the only thing that can go wrong is who presents."""
    trust = TrustList([TrustedIssuer(ISSUER_DID, "Test Issuer", keys.to_jwk(ISSUER_KEY.public_key())),
                       TrustedIssuer(SD_ISSUER_DID, "Test SD-JWT Issuer", keys.to_jwk(SD_ISSUER.public_key()))])
    return VerifyContext(clock=lambda: NOW, trust=trust)


def vp_by(holder: Holder, creds: list[dict[str, Any]], *, claim: str | None = None, p256: bool = False,
          no_holder: bool = False) -> str:
    """A presentation with a valid holder signature by ``holder`` (optionally naming someone else)."""
    if not p256:
        vp = present_vp.make_vp(creds, holder.ed, claim or holder.did, domain=AUD, challenge=NONCE,
                                created=CREATED, expires=None, loader=loader())
        if claim and claim != holder.did:  # sign anew: the proof is the signer's, the holder field someone else's
            vp.pop("proof")
            vp = signing.sign_data_integrity(vp, holder.ed, f"{holder.did}#{holder.did.split(':')[-1]}", created=CREATED,
                                    purpose="authentication", loader=loader(),
                                    extra={"domain": AUD, "challenge": NONCE})
    else:
        vp = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
              "holder": claim or holder.p256_did, "verifiableCredential": creds}
        vp = signing.sign_data_integrity(vp, holder.p256, f"{holder.p256_did}#{holder.p256_did.split(':')[-1]}",
                                cryptosuite="ecdsa-rdfc-2019", created=CREATED, purpose="authentication",
                                loader=loader(), extra={"domain": AUD, "challenge": NONCE})
    if no_holder:
        vp.pop("proof")
        vp.pop("holder")
        vm = f"{holder.did}#{holder.did.split(':')[-1]}"
        vp = signing.sign_data_integrity(vp, holder.ed, vm, created=CREATED, purpose="authentication", loader=loader(),
                                extra={"domain": AUD, "challenge": NONCE})
    return json.dumps(vp)


def check(res: Any, cid: str) -> Any:
    return next(c for c in res.checks if c.id == cid)


def assert_someone_else(res: Any, cid: str = "credential1.subject") -> None:
    c = check(res, cid)
    assert res.status == "invalid", [x.to_json() for x in res.checks if x.status != "pass"]
    assert c.status == "fail" and c.important and "issued to someone else" in c.message, c.message


def assert_bound(res: Any, cid: str = "credential1.subject") -> None:
    c = check(res, cid)
    assert c.status == "pass" and "issued to the presenter" in c.message, c.message
    assert res.status == "verified", [x.to_json() for x in res.checks if x.status != "pass"]


def issued_to(did: str, i: int = 1) -> dict[str, Any]:
    cred = ob3(900 + i, "Intro to Spreadsheets", subject="Ada Learner")
    cred["credentialSubject"]["id"] = did
    return signed(cred)


# --- VC 2.0 presentations, credentials signed as a whole (eddsa-rdfc-2022) ---------------------------------


def test_vp_by_the_holder_it_was_issued_to_is_bound() -> None:
    assert_bound(verify_presentation(vp_by(A, [issued_to(A.did)]), ctx(), audience=AUD, nonce=NONCE))


def test_vp_by_another_holder_is_issued_to_someone_else() -> None:
    res = verify_presentation(vp_by(B, [issued_to(A.did)]), ctx(), audience=AUD, nonce=NONCE)
    assert check(res, "holder_binding").status == "pass"  # B's own signature is perfectly valid...
    assert_someone_else(res)  # ...but the credential is A's
    assert A.did in check(res, "credential1.subject").message and B.did in check(res, "credential1.subject").message


def test_vp_without_holder_field_binds_to_the_signer() -> None:
    """Leaving `holder` out does not leave the presenter undecided: the presenter is whoever signed."""
    assert_someone_else(verify_presentation(vp_by(B, [issued_to(A.did)], no_holder=True), ctx(),
                                            audience=AUD, nonce=NONCE))
    assert_bound(verify_presentation(vp_by(A, [issued_to(A.did)], no_holder=True), ctx(), audience=AUD, nonce=NONCE))


def test_vp_naming_the_victim_as_holder_but_signed_by_another() -> None:
    res = verify_presentation(vp_by(B, [issued_to(A.did)], claim=A.did), ctx(), audience=AUD, nonce=NONCE)
    assert res.status == "invalid" and check(res, "holder_binding").status == "fail"
    assert check(res, "credential1.subject").status != "pass"


def test_one_credential_of_two_is_someone_elses() -> None:
    res = verify_presentation(vp_by(B, [issued_to(B.did, 1), issued_to(A.did, 2)]), ctx(), audience=AUD, nonce=NONCE)
    assert check(res, "credential1.subject").status == "pass"
    assert_someone_else(res, "credential2.subject")


def test_subject_id_with_fragment_and_p256_holder() -> None:
    """A subject named by a DID URL, a holder signing with ecdsa-rdfc-2019: same rule."""
    cred = issued_to(A.p256_did + "#" + A.p256_did.split(":")[-1])
    assert_bound(verify_presentation(vp_by(A, [cred], p256=True), ctx(), audience=AUD, nonce=NONCE))
    assert_someone_else(verify_presentation(vp_by(B, [cred], p256=True), ctx(), audience=AUD, nonce=NONCE))


def test_credential_without_subject_key_says_presenter_may_not_be_the_person() -> None:
    cred = signed(ob3(950, "Intro to Spreadsheets", subject="Ada Learner"))  # no credentialSubject.id
    res = verify_presentation(vp_by(B, [cred]), ctx(), audience=AUD, nonce=NONCE)
    c = check(res, "credential1.subject")
    assert c.status == "skipped" and not c.important
    assert "nothing shows that the presenter is the person it was issued to" in c.message
    assert "'Ada Learner'" in c.message and "as the credential claims" in c.message
    assert res.status == "verified"  # nothing is wrong; it is only not proven who presents
    assert res.disclosed[0]["subject"] == "Ada Learner"


def test_subject_named_with_the_jsonld_keyword_is_bound_too() -> None:
    cred = ob3(970, "Intro to Spreadsheets", subject="Ada Learner")
    cred["credentialSubject"]["@id"] = A.did  # the same triple as "id": the subject is A
    cred = signed(cred)
    assert_bound(verify_presentation(vp_by(A, [cred]), ctx(), audience=AUD, nonce=NONCE))
    assert_someone_else(verify_presentation(vp_by(B, [cred]), ctx(), audience=AUD, nonce=NONCE))


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "ecdsa-sd-2023"])
def test_stripping_the_subject_key_to_dodge_the_binding_breaks_the_signature(suite: str) -> None:
    """The thief removes credentialSubject.id so the credential 'names no subject key'."""
    if suite == "eddsa-rdfc-2022":
        cred = issued_to(A.did)
    else:  # the id was disclosed by A's choice (not mandatory); B strips it from A's derived copy
        base = _sd_base(suite, A.did, mandatory=["/issuer"])
        cred = selective.derive(base, ["/credentialSubject/id", "/credentialSubject/achievement/name"], loader())
    stripped = json.loads(json.dumps(cred))
    del stripped["credentialSubject"]["id"]
    res = verify_presentation(vp_by(B, [stripped]), ctx(), audience=AUD, nonce=NONCE)
    assert res.status == "invalid" and check(res, "credential1.signature").status == "fail"


def test_unsigned_presentation_cannot_bind() -> None:
    vp = json.loads(vp_by(A, [issued_to(A.did)]))
    vp.pop("proof")
    res = verify_presentation(json.dumps(vp), ctx(), audience=AUD, nonce=NONCE)
    assert res.status == "invalid" and check(res, "credential1.subject").status != "pass"


# --- selectively disclosed credentials inside a VP (ecdsa-sd-2023, bbs-2023) -----------------------------


def _sd_base(suite: str, subject: str, mandatory: list[str] | None = None) -> dict[str, Any]:
    cred = ob3(960, "Cloud Data Engineering", subject="Ada Learner")
    cred["credentialSubject"]["id"] = subject
    mandatory = mandatory or ["/issuer", "/credentialSubject/id"]
    if suite == "ecdsa-sd-2023":
        key = ec.derive_private_key(7_777_777, ec.SECP256R1())
        did = did_key(key.public_key())
        cred["issuer"]["id"] = did
        return signing.add_ecdsa_sd_base_proof(cred, key, f"{did}#{did.split(':')[-1]}", created="2026-01-01T00:00:00Z",
                                       mandatory_pointers=mandatory, loader=loader())
    sk = int.from_bytes(hashlib.sha256(b"bbs test issuer").digest(), "big") % bbs.curve_order
    did = "did:key:" + keys.to_multikey(keys.Bls12381G2PublicKey(signing.bbs_public_key(sk)))
    cred["issuer"]["id"] = did
    return signing.add_bbs2023_base_proof(cred, sk, f"{did}#{did.split(':')[-1]}", created="2026-01-01T00:00:00Z",
                                  mandatory_pointers=mandatory, loader=loader())


@pytest.mark.parametrize("suite", ["ecdsa-sd-2023", "bbs-2023"])
def test_derived_credential_presented_by_another_holder(suite: str) -> None:
    base = _sd_base(suite, A.did)
    derived = selective.derive(base, ["/credentialSubject/achievement/name"], loader())
    assert derived["credentialSubject"]["id"] == A.did  # mandatory: the holder cannot hide it
    mine = verify_presentation(vp_by(A, [derived]), ctx(), audience=AUD, nonce=NONCE)
    assert check(mine, "credential1.signature").status == "pass"
    assert check(mine, "credential1.subject").status == "pass"
    res = verify_presentation(vp_by(B, [derived]), ctx(), audience=AUD, nonce=NONCE)
    assert check(res, "credential1.signature").status == "pass"  # the issuer's derived proof holds...
    assert_someone_else(res)  # ...for A, not for B


# --- VP-JWT ------------------------------------------------------------------------------------------------


def _vc_jwt(subject: str) -> str:
    vc = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"],
          "credentialSubject": {"name": "Ada Learner", "degree": "Intro to Spreadsheets"}}
    claims = {"iss": ISSUER_DID, "sub": subject, "nbf": int(NOW.timestamp()) - 86400, "vc": vc}
    return signing.sign_jws({"alg": "EdDSA", "typ": "JWT", "kid": ISSUER_VM}, json.dumps(claims).encode(), ISSUER_KEY)


def _vp_jwt(holder: Holder, creds: list[Any], iat: int | None = None) -> str:
    vp = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
          "verifiableCredential": creds}
    claims = {"iss": holder.did, "aud": AUD, "nonce": NONCE, "iat": iat or int(NOW.timestamp()), "vp": vp}
    vm = f"{holder.did}#{holder.did.split(':')[-1]}"
    return signing.sign_jws({"alg": "EdDSA", "typ": "JWT", "kid": vm}, json.dumps(claims).encode(), holder.ed)


def test_vp_jwt_by_another_holder() -> None:
    token = _vc_jwt(A.did)
    mine = verify_presentation(_vp_jwt(A, [token]), ctx(), audience=AUD, nonce=NONCE)
    assert mine.kind == "vp-jwt"
    assert_bound(mine)
    res = verify_presentation(_vp_jwt(B, [token]), ctx(), audience=AUD, nonce=NONCE)
    assert check(res, "holder_binding").status == "pass"
    assert_someone_else(res)
    # a JSON-LD credential inside a VP-JWT: the same rule
    assert_someone_else(verify_presentation(_vp_jwt(B, [issued_to(A.did)]), ctx(), audience=AUD, nonce=NONCE))


# --- SD-JWT with key binding ---------------------------------------------------------------------------------

def _sd_jwt(cnf: dict[str, Any] | None) -> str:
    """An SD-JWT VC really signed by a test issuer (did:key, ES256), optionally bound to a holder key."""
    discs = []
    digests = []
    for name, value in (("given_name", "Ada"), ("family_name", "Learner"), ("course", "Intro to Spreadsheets")):
        d = keys.b64u_encode(json.dumps([keys.b64u_encode(secrets.token_bytes(16)), name, value]).encode())
        discs.append(d)
        digests.append(keys.b64u_encode(hashlib.sha256(d.encode("ascii")).digest()))
    payload: dict[str, Any] = {"iss": SD_ISSUER_DID, "iat": int(NOW.timestamp()) - 86400, "vct": "https://x.example/c",
                               "_sd_alg": "sha-256", "_sd": sorted(digests)}
    if cnf is not None:
        payload["cnf"] = cnf
    kid = f"{SD_ISSUER_DID}#{SD_ISSUER_DID.split(':')[-1]}"
    jwt = signing.sign_jws({"alg": "ES256", "typ": "dc+sd-jwt", "kid": kid}, json.dumps(payload).encode(), SD_ISSUER)
    return jwt + "~" + "".join(d + "~" for d in discs)


def _kb_by(token: str, key: ec.EllipticCurvePrivateKey, iat: int | None = None) -> str:
    """What a thief does: keep the issuer's JWT and disclosures, add a key binding JWT signed with their own key,
    correct in every other respect (sd_hash, audience, nonce, time)."""
    sd_hash = keys.b64u_encode(hashlib.sha256(token.encode("ascii")).digest())
    payload = {"iat": iat or int(NOW.timestamp()), "aud": AUD, "nonce": NONCE, "sd_hash": sd_hash}
    return token + signing.sign_jws({"alg": "ES256", "typ": "kb+jwt"}, json.dumps(payload).encode(), key)


def test_sd_jwt_with_key_binding_by_another_holder() -> None:
    token = _sd_jwt({"jwk": A.jwk})
    mine, _ = present_sd.present(token, None, A.p256, audience=AUD, nonce=NONCE, iat=int(NOW.timestamp()))
    ok = verify_presentation(mine, ctx(), audience=AUD, nonce=NONCE)
    assert check(ok, "holder_binding").status == "pass" and ok.status != "invalid"
    with pytest.raises(Exception, match="different holder key"):  # our own wallet refuses to do it...
        present_sd.present(token, None, B.p256, audience=AUD, nonce=NONCE, iat=int(NOW.timestamp()))
    res = verify_presentation(_kb_by(token, B.p256), ctx(), audience=AUD, nonce=NONCE)
    c = check(res, "holder_binding")  # ...and the verifier catches a hand-made one
    assert res.status == "invalid" and c.status == "fail" and "issued to someone else" in c.message, c.message


def test_sd_jwt_without_holder_key_says_so_with_the_name() -> None:
    token = _sd_jwt(None)
    res = verify_presentation(token, ctx(), audience=AUD, nonce=NONCE)
    c = check(res, "holder_binding")
    assert c.status == "skipped" and not c.important
    assert "may not be the person it was issued to" in c.message and "'Ada Learner'" in c.message
    assert res.status != "invalid"


def test_sd_jwt_bound_to_a_inside_a_vp_by_b() -> None:
    """An SD-JWT bound to A's P-256 key, carried inside a VC 2.0 VP: the VP's signer must hold that key."""
    token = _sd_jwt({"jwk": A.jwk})
    env = present_vp.enveloped("application/dc+sd-jwt", token)
    assert_bound(verify_presentation(vp_by(A, [env], p256=True), ctx(),
                                     audience=AUD, nonce=NONCE))
    assert_someone_else(verify_presentation(vp_by(B, [env], p256=True), ctx(),
                                            audience=AUD, nonce=NONCE))
    assert_someone_else(verify_presentation(vp_by(B, [env]), ctx(),
                                            audience=AUD, nonce=NONCE))


def test_base64_sanity() -> None:
    """The helpers above make what they claim: B's key binding is a well-formed ES256 JWT."""
    kb = _kb_by(_sd_jwt({"jwk": A.jwk}), B.p256).rsplit("~", 1)[1]
    header = json.loads(base64.urlsafe_b64decode(kb.split(".")[0] + "=="))
    assert header == {"alg": "ES256", "typ": "kb+jwt"}
