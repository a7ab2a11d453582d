"""Sharing: SD-JWT presentations (interop with the reference implementation), Verifiable Presentations,
the QR codec through real images, and everything that must make a presentation invalid."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from wallet import paths
from wallet.crypto import ecdsa_sd
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.present import qr
from wallet.present import vp as present_vp
from wallet.present.verifier import verify_presentation
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

DEMO = paths.resources_dir() / "demo"
AUD, NONCE = "https://employer.example", "n-4711"
SD_CERT = "Cloud Data Engineering — Professional Certificate"  # the demo's ecdsa-sd-2023 credential
BBS_CERT = "Workplace Spanish (CEFR B1)"  # the demo's bbs-2023 credential


def ids(wallet) -> dict[str, str]:  # noqa: ANN001
    return {s.format if s.format != "ob3" else s.title: s.id for s in wallet.credentials()}


def employer() -> VerifyContext:
    return VerifyContext(trust=TrustList(parse_entries(json.loads((DEMO / "trust.json").read_text()))))


def check(res, cid: str):  # noqa: ANN001, ANN201
    return next(c for c in res.checks if c.id == cid)


def test_holder_keys_are_made_at_init(demo) -> None:  # noqa: ANN001
    pub = demo.holder().public()
    assert pub["did"].startswith("did:key:z6Mk") and pub["jwk"]["crv"] == "P-256" and "d" not in pub["jwk"]
    assert demo.holder_dids() == [pub["did"]]


def test_sd_jwt_default_disclosure_hides_personal_data(demo) -> None:  # noqa: ANN001
    shared = demo.present([ids(demo)["sd-jwt-vc"]], audience=AUD, nonce=NONCE)
    assert shared.kind == "sd-jwt"
    disclosed = shared.disclosed[0]["disclosed"]
    assert "/given_name" in disclosed and "/birthdate" not in disclosed and "/email" not in disclosed
    for secret in ("1999-04-02", "amira.haddad@example.org"):
        assert secret.encode() not in shared.text.encode()
        assert all(secret not in t for t in qr.encode_for_qr(shared.presentation()))
    res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]
    claims = res.disclosed[0]["claims"]
    assert claims["given_name"] == "Amira" and "birthdate" not in claims and "email" not in claims
    assert demo.disclosure_log()[0]["audience"] == AUD


def test_sd_jwt_chosen_paths(demo) -> None:  # noqa: ANN001
    shared = demo.present([ids(demo)["sd-jwt-vc"]], ["/license_number"], audience=AUD, nonce=NONCE)
    res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified"
    assert set(res.disclosed[0]["claims"]) & {"given_name", "license_number"} == {"license_number"}
    with pytest.raises(Exception, match="nothing selectively disclosable"):
        demo.present([ids(demo)["sd-jwt-vc"]], ["/no_such_claim"])


def _swap_kb(text: str, **changes) -> str:  # noqa: ANN003
    body, kb = text.rsplit("~", 1)
    h, p, s = kb.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=="))
    payload.update(changes)
    holder = json.loads((DEMO / "holder-p256.demo.jwk.json").read_text())
    from wallet.present.holder import from_private_jwk

    return body + "~" + signing.sign_jws({"alg": "ES256", "typ": "kb+jwt"}, json.dumps(payload).encode(),
                                          from_private_jwk(holder))


def test_sd_jwt_negatives(demo) -> None:  # noqa: ANN001
    good = demo.present([ids(demo)["sd-jwt-vc"]], audience=AUD, nonce=NONCE).text
    issuer_jwt, *discs, kb = good.split("~")
    forged = keys.b64u_encode(json.dumps(["salt", "license_number", "FORGED"]).encode())
    altered = discs[0][:-2] + ("AA" if discs[0][-2:] != "AA" else "BB")
    other = json.loads((DEMO / "holder-p256.demo.jwk.json").read_text())
    from cryptography.hazmat.primitives.asymmetric import ec

    stranger = ec.generate_private_key(ec.SECP256R1())
    cases = {
        "added disclosure": "~".join([issuer_jwt, *discs, forged, kb]),
        "altered disclosure": "~".join([issuer_jwt, altered, *discs[1:], kb]),
        "removed from digest": "~".join([issuer_jwt, *discs[1:], kb]),  # KB sd_hash no longer matches
        "wrong aud": _swap_kb(good, aud="https://someone-else.example"),
        "wrong nonce": _swap_kb(good, nonce="replayed"),
        "wrong sd_hash": _swap_kb(good, sd_hash="AAAA"),
        "old iat": _swap_kb(good, iat=1_600_000_000, exp=None),
        "no kb": "~".join([issuer_jwt, *discs, ""]),
        "alg none": "~".join([issuer_jwt, *discs, keys.b64u_encode(b'{"alg":"none","typ":"kb+jwt"}') + "."
                              + kb.split(".")[1] + "."]),
        "holder key swapped": "~".join([issuer_jwt, *discs, signing.sign_jws(
            {"alg": "ES256", "typ": "kb+jwt"}, base64.urlsafe_b64decode(kb.split(".")[1] + "=="), stranger)]),
    }
    assert other  # the demo holder key exists
    for name, text in cases.items():
        res = verify_presentation(text, employer(), audience=AUD, nonce=NONCE)
        assert res.status == "invalid", (name, [c.to_json() for c in res.checks if c.status != "pass"])


def test_interop_reference_verifies_ours(demo) -> None:  # noqa: ANN001
    from jwcrypto.jwk import JWK
    from sd_jwt.verifier import SDJWTVerifier

    shared = demo.present([ids(demo)["sd-jwt-vc"]], audience=AUD, nonce=NONCE)
    issuer_jwk = next(e for e in json.loads((DEMO / "trust.json").read_text())["issuers"] if "nursing" in e["id"])["jwk"]
    v = SDJWTVerifier(shared.text, lambda iss, header: JWK.from_json(json.dumps(issuer_jwk)),
                      expected_aud=AUD, expected_nonce=NONCE)
    payload = v.get_verified_payload()
    assert payload["given_name"] == "Amira" and "birthdate" not in payload


def test_interop_ours_verifies_reference() -> None:
    from jwcrypto.jwk import JWK
    from sd_jwt.common import SDObj
    from sd_jwt.holder import SDJWTHolder
    from sd_jwt.issuer import SDJWTIssuer

    issuer_key, holder_key = JWK.generate(kty="EC", crv="P-256"), JWK.generate(kty="EC", crv="P-256")
    claims = {"iss": "https://ref-issuer.example", "vct": "https://ref.example/vct", "iat": 1764000000,
              SDObj("given_name"): "Ada", SDObj("family_name"): "Lovelace", SDObj("birthdate"): "1815-12-10",
              "address": {SDObj("locality"): "London", SDObj("country"): "GB"}}
    issued = SDJWTIssuer(claims, issuer_key, holder_key).sd_jwt_issuance
    holder = SDJWTHolder(issued)
    holder.create_presentation({"given_name": True, "address": {"country": True}}, NONCE, AUD, holder_key)
    ctx = VerifyContext(clock=lambda: dt.datetime.now(dt.timezone.utc), trust=TrustList(parse_entries([
        {"id": "https://ref-issuer.example", "jwk": json.loads(issuer_key.export_public())}])))
    res = verify_presentation(holder.sd_jwt_presentation, ctx, audience=AUD, nonce=NONCE)
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]
    assert res.disclosed[0]["claims"] == {"given_name": "Ada", "address": {"country": "GB"}}


@pytest.mark.parametrize("name", ["5.2-pre21-sd-jwt+kb.txt", "A.3-pre43-sd-jwt+kb.txt", "A.4-pre49-sd-jwt+kb.txt"])
def test_spec_examples_with_key_binding(name: str) -> None:
    folder = CORPUS / "ietf-oauth-selective-disclosure-jwt" / "extracted" / "spec-examples"
    text = (folder / name).read_text().strip()
    kb = json.loads(base64.urlsafe_b64decode(text.rsplit("~", 1)[1].split(".")[1] + "=="))
    jwk = json.loads((folder / "issuer-key.jwk.json").read_text())
    trust = TrustList(parse_entries([{"id": i, "jwk": jwk} for i in ("https://issuer.example.com",
                                                                      "https://example.com/issuer", "https://pid-issuer.bund.de.example")]))
    ctx = VerifyContext(clock=lambda: dt.datetime.fromtimestamp(kb["iat"] + 60, dt.timezone.utc), trust=trust)
    res = verify_presentation(text, ctx, audience="https://verifier.example.org", nonce="1234567890")
    assert check(res, "holder_binding").status == "pass" and check(res, "sd_hash").status == "pass"
    assert check(res, "credential.signature").status == "pass"
    assert res.status in ("verified", "warning")  # warning only for the examples' own dates/claims
    replay = verify_presentation(text, ctx, audience="https://other.example", nonce="1234567890")
    assert replay.status == "invalid"


def test_vp_for_whole_credentials(demo) -> None:  # noqa: ANN001
    m = ids(demo)
    shared = demo.present([m["Data Analysis with Python"], m["vc-jwt"], m["ob2"]], audience=AUD, nonce=NONCE)
    assert shared.kind == "vp" and len(shared.notes) == 3 and "as a whole" in shared.notes[0]
    res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]
    assert [d["credential"] for d in res.disclosed] == ["Data Analysis with Python", "Digital Literacy Essentials",
                                                        "First Aid at Work"]
    assert res.holder == demo.holder().did
    with pytest.raises(Exception, match="signed as a whole"):
        demo.present([m["Data Analysis with Python"]], ["/name"])
    with pytest.raises(Exception, match="PDF document"):
        demo.present([m["pdf"]])


def test_vp_negatives(demo) -> None:  # noqa: ANN001
    m = ids(demo)
    text = demo.present([m["Data Analysis with Python"]], audience=AUD, nonce=NONCE, expires_days=1).text
    vp = json.loads(text)
    tampered = json.loads(text)
    tampered["verifiableCredential"][0]["name"] = "Data Analysis with Python (PhD)"
    other_holder = json.loads(text)
    other_holder["holder"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    late = VerifyContext(clock=lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3))
    assert verify_presentation(text, employer(), audience="https://x.example", nonce=NONCE).status == "invalid"
    assert verify_presentation(text, employer(), audience=AUD, nonce="other").status == "invalid"
    assert verify_presentation(json.dumps(tampered), employer(), audience=AUD, nonce=NONCE).status == "invalid"
    assert verify_presentation(json.dumps(other_holder), employer(), audience=AUD, nonce=NONCE).status == "invalid"
    assert verify_presentation(text, late, audience=AUD, nonce=NONCE).status == "invalid"
    assert vp["proof"]["proofPurpose"] == "authentication"


def test_ecdsa_sd_default_hides_personal_details(demo) -> None:  # noqa: ANN001
    cred = demo.get(ids(demo)[SD_CERT])
    base_proof = json.loads(cred.original)["proof"]["proofValue"]
    shared = demo.present([cred.id], audience=AUD, nonce=NONCE)
    assert shared.kind == "vp"
    chosen = shared.disclosed[0]
    assert "/credentialSubject/result/0" in chosen["disclosed"]  # what the learner achieved, by default
    assert "/credentialSubject/achievement" in chosen["always_shared"]  # the demo issuer made the programme mandatory
    assert not any(p.startswith("/credentialSubject/identifier") for p in chosen["disclosed"])
    assert "/issuer" in chosen["always_shared"] and any("always shows" in n for n in shared.notes)
    for secret in ("amira.haddad@example.org", "emailAddress"):
        assert secret not in shared.text
        assert all(secret not in t for t in qr.encode_for_qr(shared.presentation()))
    # never the base proof: its HMAC key would let anyone derive anything
    derived = json.loads(shared.text)["verifiableCredential"][0]["proof"]["proofValue"]
    hmac_key = ecdsa_sd.parse_base(base_proof).hmac_key
    assert base_proof not in shared.text and hmac_key not in keys.b64u_decode(derived[1:])
    assert ecdsa_sd.parse_derived(derived).signatures
    res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]
    assert "derived proof" in check(res, "credential1.signature").message
    claims = res.disclosed[0]["claims"]
    assert claims["credentialSubject"]["name"] == "Amira Haddad" and "identifier" not in claims["credentialSubject"]
    assert "/credentialSubject/achievement/name" in res.disclosed[0]["disclosed_paths"]


def test_ecdsa_sd_chosen_fields_and_tampering(demo) -> None:  # noqa: ANN001
    m = ids(demo)
    shared = demo.present([m[SD_CERT]], ["/credentialSubject/result"], audience=AUD, nonce=NONCE)
    res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified"
    subject = res.disclosed[0]["claims"]["credentialSubject"]
    assert subject["result"]["value"] == "Distinction" and "name" not in subject  # as signed: one result
    assert subject["achievement"]["name"] == SD_CERT and "description" in subject["achievement"]  # mandatory
    assert "activityEndDate" not in subject  # not chosen, not mandatory
    with pytest.raises(Exception, match="nothing to disclose at /credentialSubject/salary"):
        demo.present([m[SD_CERT]], ["/credentialSubject/salary"])

    # a holder who alters what was disclosed, or adds back what was not, and signs the presentation anew
    hk = demo.holder()

    def resign(vp: dict) -> str:
        vp.pop("proof")
        return json.dumps(present_vp.make_vp(vp["verifiableCredential"], hk.ed25519, hk.did, domain=AUD,
                                             challenge=NONCE, created="2026-11-25T00:00:00Z", expires=None))

    altered = json.loads(shared.text)
    altered["verifiableCredential"][0]["credentialSubject"]["result"][0]["value"] = "Pass"
    added = json.loads(shared.text)
    added["verifiableCredential"][0]["credentialSubject"]["licenseNumber"] = "L-1"
    dropped = json.loads(shared.text)
    del dropped["verifiableCredential"][0]["credentialSubject"]["result"]
    for bad in (altered, added, dropped):
        res = verify_presentation(resign(bad), employer(), audience=AUD, nonce=NONCE)
        assert check(res, "holder_binding").status == "pass"  # the holder's own signature holds...
        assert res.status == "invalid" and check(res, "credential1.signature").status == "fail"  # ...the issuer's not

    # with credentials signed as a whole: those travel whole, the ecdsa-sd one field by field
    mixed = demo.present([m[SD_CERT], m["Data Analysis with Python"]], ["/credentialSubject/activityEndDate"],
                         audience=AUD, nonce=NONCE)
    assert [d["disclosed"] for d in mixed.disclosed] == [["/credentialSubject/activityEndDate"], "whole credential"]
    assert verify_presentation(mixed.text, employer(), audience=AUD, nonce=NONCE).status == "verified"


def test_bbs_field_by_field_and_unlinkable(demo) -> None:  # noqa: ANN001
    cred = demo.get(ids(demo)[BBS_CERT])
    assert "/credentialSubject/identifier/0" in cred.normalized.extra["disclosable"]
    first = demo.present([cred.id], audience=AUD, nonce=NONCE)
    assert "NB-2026-118" not in first.text and "studentId" not in first.text  # a personal detail, off by default
    res = verify_presentation(first.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]
    assert "bbs-2023 derived proof" in check(res, "credential1.signature").message
    assert res.disclosed[0]["claims"]["credentialSubject"]["result"]["value"] == "B1 — Merit"
    # the same disclosure twice: different proofs, so two employers cannot match them up by the proof
    second = demo.present([cred.id], audience=AUD, nonce=NONCE)
    proofs = [json.loads(x.text)["verifiableCredential"][0]["proof"]["proofValue"] for x in (first, second)]
    assert proofs[0] != proofs[1]
    only = demo.present([cred.id], ["/credentialSubject/result"], audience=AUD, nonce=NONCE)
    vp = json.loads(only.text)
    assert "description" not in vp["verifiableCredential"][0]["credentialSubject"]["achievement"]
    vp["verifiableCredential"][0]["credentialSubject"]["result"][0]["value"] = "C1 — Distinction"
    vp.pop("proof")
    hk = demo.holder()
    forged = present_vp.make_vp(vp["verifiableCredential"], hk.ed25519, hk.did, domain=AUD, challenge=NONCE,
                                created="2026-11-25T00:00:00Z", expires=None)
    res = verify_presentation(json.dumps(forged), employer(), audience=AUD, nonce=NONCE)
    assert res.status == "invalid" and check(res, "credential1.signature").status == "fail"


def test_ecdsa_sd_choice_per_credential(demo) -> None:  # noqa: ANN001
    """Two selectively disclosable credentials with the same field: hiding it in one keeps it hidden
    there even though the other shows it."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.factory import ob3
    from wallet.crypto.jsonld import DocumentLoader

    issuer = ec.generate_private_key(ec.SECP256R1())
    did = "did:key:" + keys.to_multikey(issuer.public_key())
    cred = ob3(77, "Second Certificate")
    cred["issuer"]["id"] = did
    cred["credentialSubject"]["result"] = [{"type": ["Result"], "value": "Merit"}]
    signed = signing.add_ecdsa_sd_base_proof(cred, issuer, f"{did}#{did.split(':')[-1]}", created="2026-01-01T00:00:00Z",
                                     mandatory_pointers=["/issuer"], loader=DocumentLoader())
    second = demo.import_bytes(json.dumps(signed).encode(), "second.json", "second.json").id
    first = ids(demo)[SD_CERT]
    per = demo.present([first, second], {first: ["/credentialSubject/result"], second: []}, audience=AUD, nonce=NONCE)
    creds = json.loads(per.text)["verifiableCredential"]
    assert creds[0]["credentialSubject"]["result"][0]["value"] == "Distinction"
    assert "Merit" not in per.text and "credentialSubject" not in creds[1]
    flat = demo.present([first, second], ["/credentialSubject/result"], audience=AUD, nonce=NONCE)
    assert "Merit" in flat.text and "Distinction" in flat.text
    res = verify_presentation(per.text, employer(), audience=AUD, nonce=NONCE)
    assert check(res, "credential1.signature").status == check(res, "credential2.signature").status == "pass"
    with pytest.raises(Exception, match="nothing to disclose at /credentialSubject/grade"):
        demo.present([first, second], {first: [], second: ["/credentialSubject/grade"]})
    demo.delete(second)


def test_vp_jwt_from_another_wallet(demo) -> None:  # noqa: ANN001
    """Employers also get VP-JWTs (the VC-JWT `vp` claim, or a VC 2.0 presentation as the payload)."""
    import time

    from cryptography.hazmat.primitives.asymmetric import ed25519

    hk = demo.holder()
    token = (DEMO / "credentials" / "vc-jwt-digital-literacy.jwt").read_text().strip()
    ob3 = json.loads((DEMO / "credentials" / "ob3-data-analysis-python.json").read_text())
    now = int(time.time())

    def vp_jwt(claims: dict, key=hk.ed25519, alg: str = "EdDSA") -> str:  # noqa: ANN001
        return signing.sign_jws({"alg": alg, "typ": "JWT", "kid": hk.verification_method},
                                 json.dumps(claims).encode(), key)

    vp = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
          "verifiableCredential": [token, ob3]}
    v11 = {"iss": hk.did, "aud": AUD, "nonce": NONCE, "iat": now, "exp": now + 600, "vp": vp}
    res = verify_presentation(vp_jwt(v11), employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified" and res.kind == "vp-jwt", [c.to_json() for c in res.checks if c.status != "pass"]
    assert [d["credential"] for d in res.disclosed] == ["Digital Literacy Essentials", "Data Analysis with Python"]
    v20 = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
           "holder": hk.did, "verifiableCredential": [ob3], "aud": AUD, "nonce": NONCE, "iat": now}
    assert verify_presentation(vp_jwt(v20), employer(), audience=AUD, nonce=NONCE).status == "verified"
    # replayed elsewhere, expired, signed by someone else under the holder's kid, altered, unsigned
    assert verify_presentation(vp_jwt(v11), employer(), audience="https://other.example").status == "invalid"
    assert verify_presentation(vp_jwt(dict(v11, iat=now - 7200, exp=now - 3600)), employer()).status == "invalid"
    assert verify_presentation(vp_jwt(v11, ed25519.Ed25519PrivateKey.generate()), employer()).status == "invalid"
    head, body, sig = vp_jwt(v11).split(".")
    forged = json.loads(base64.urlsafe_b64decode(body + "=="))
    forged["nonce"] = "n-9999"
    forged_body = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    assert verify_presentation(f"{head}.{forged_body}.{sig}", employer(), nonce="n-9999").status == "invalid"
    none = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    assert verify_presentation(f"{none}.{body}.", employer()).status == "invalid"


def _images(texts: list[str], tmp: Path, distort: bool) -> list[Path]:
    from PIL import Image, ImageFilter

    from ui.render import qr as qrrender

    out = []
    for i, t in enumerate(texts):
        img = Image.open(__import__("io").BytesIO(qrrender.png_bytes(t, box=6))).convert("L")
        if distort:  # a phone photo of a screen: smaller, a little turned, a little soft
            img = img.resize((img.width * 2 // 3, img.height * 2 // 3), Image.BILINEAR)
            img = img.rotate(5, resample=Image.BICUBIC, expand=True, fillcolor=255)
            img = img.filter(ImageFilter.GaussianBlur(0.8))
        p = tmp / f"qr{i}.jpg"
        img.save(p, quality=85)
        out.append(p)
    return out


@pytest.mark.parametrize("distort", [False, True], ids=["clean", "photo"])
@pytest.mark.parametrize("what", ["sd-jwt-vc", "Data Analysis with Python", "vc-jwt", "ob2", "clr2",
                                  "Applied Statistics", "blockcerts", SD_CERT, BBS_CERT])
def test_qr_round_trip_through_images(demo, tmp_path: Path, what: str, distort: bool) -> None:  # noqa: ANN001
    from ui.render import qr as qrrender

    shared = demo.present([ids(demo)[what]], audience=AUD, nonce=NONCE)
    texts = qr.encode_for_qr(shared.presentation())
    assert all(qrrender.version(t) <= 25 for t in texts)
    decoded = qrrender.decode_images(_images(texts, tmp_path, distort)[::-1])  # any order
    res = verify_presentation(decoded, employer(), audience=AUD, nonce=NONCE)
    assert res.status in ("verified", "warning") and res.status == verify_presentation(
        shared.text, employer(), audience=AUD, nonce=NONCE).status


def test_qr_sequence_errors() -> None:
    p = qr.Presentation("sd-jwt", (DEMO / "credentials" / "sd-jwt-vc-basic-life-support.txt").read_text().strip())
    parts = qr.to_texts(p, parts=3)
    with pytest.raises(Exception, match="missing part 2"):
        qr.from_texts([parts[0], parts[2]])
    other = qr.to_texts(qr.Presentation("sd-jwt", p.text.replace("~", "~", 1)), parts=2)
    with pytest.raises(Exception, match="not a credwallet QR|different sequences|do not fit"):
        qr.from_texts([parts[0], other[1]])
    assert qr.from_texts(parts).text == p.text
