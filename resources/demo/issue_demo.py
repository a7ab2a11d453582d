"""Issue the demo credential set into resources/demo/credentials/ (maintainers run it; output is committed).

    python resources/demo/issue_demo.py

Fixed demo keys (derived from fixed seeds: they protect nothing) sign one credential of each kind
the wallet reads: an Open Badges 2.0 signed badge baked into a PNG, Open Badges 3.0 credentials with
eddsa-rdfc-2022 (one baked into an SVG), a CLR 2.0 with nested badges, a VC-JWT, an SD-JWT VC bound
to the demo holder key, Open Badges 3.0 certificates with ecdsa-sd-2023 and bbs-2023 base proofs (shown
field by field), a Blockcerts v3 certificate with a MerkleProof2019 receipt, and a plain PDF.
trust.json lists the demo issuers, so a demo wallet that imports it verifies every one for real.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import cbor2  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: E402

from wallet.crypto import bbs  # noqa: E402
from wallet.crypto import signing  # noqa: E402
from wallet.crypto import publickeys as keys
from wallet.crypto.jsonld import DocumentLoader, canonical_nquads  # noqa: E402

OUT = HERE / "credentials"
ISSUED = "2026-03-14T09:00:00Z"
LEARNER = "Amira Haddad"
LEARNER_EMAIL = "amira.haddad@example.org"
DEMO = "https://demo.credwallet.org"
ESCO = "http://data.europa.eu/esco/skill/"


def seed(label: str) -> bytes:
    return hashlib.sha256(f"credwallet demo key: {label}".encode()).digest()


def ed_key(label: str) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(seed(label))


def p256_key(label: str) -> ec.EllipticCurvePrivateKey:
    n = int("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)
    return ec.derive_private_key(int.from_bytes(seed(label), "big") % (n - 1) + 1, ec.SECP256R1())


def did_key(priv) -> str:  # noqa: ANN001
    return "did:key:" + keys.to_multikey(priv.public_key())


def vm_of(did: str) -> str:
    return f"{did}#{did.split(':')[-1]}"


RIVERBEND = ed_key("riverbend")
RIVERBEND_DID = did_key(RIVERBEND)
HARBOR = ed_key("harbor-library")
HARBOR_DID = did_key(HARBOR)
NORTHWIND = p256_key("northwind")
NURSING = p256_key("nursing-board")
MERIDIAN = p256_key("meridian")
MERIDIAN_DID = did_key(MERIDIAN)
NORTHBRIDGE_SK = int.from_bytes(seed("northbridge"), "big") % bbs.curve_order  # a BBS (BLS12-381) issuer
NORTHBRIDGE_DID = "did:key:" + keys.to_multikey(keys.Bls12381G2PublicKey(signing.bbs_public_key(NORTHBRIDGE_SK)))
BLOCKCERTS = ed_key("lakeside-university")
HOLDER = p256_key("demo-holder")
HOLDER_ED = ed_key("demo-holder")  # the demo wallet's holder did:key: credentials issued to it can be shared
HOLDER_DID = did_key(HOLDER_ED)

ISSUERS = {
    "riverbend": {"id": RIVERBEND_DID, "name": "Riverbend Community College"},
    "harbor": {"id": HARBOR_DID, "name": "Harbor City Library"},
    "northwind": {"id": f"{DEMO}/issuers/northwind", "name": "Northwind Safety Training"},
    "nursing": {"id": f"{DEMO}/issuers/nursing-board", "name": "State Board of Nursing (demo)"},
    "lakeside": {"id": f"{DEMO}/issuers/lakeside/profile.json", "name": "Lakeside University"},
    "meridian": {"id": MERIDIAN_DID, "name": "Meridian Institute of Technology"},
    "northbridge": {"id": NORTHBRIDGE_DID, "name": "Northbridge Adult Education Centre"},
}

OB3_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def ob3_credential(slug: str, name: str, description: str, criteria: str, skills: list[tuple[str, str]],
                   credits: float | None = None, issued: str = ISSUED, valid_until: str | None = None) -> dict:
    achievement = {
        "id": f"{DEMO}/achievements/{slug}",
        "type": ["Achievement"],
        "achievementType": "Course" if credits else "Badge",
        "name": name,
        "description": description,
        "criteria": {"narrative": criteria},
        "image": {"id": f"{DEMO}/images/{slug}.png", "type": "Image"},
        "alignment": [{"type": ["Alignment"], "targetName": n, "targetUrl": ESCO + code, "targetFramework": "ESCO",
                       "targetCode": code} for n, code in skills],
    }
    if credits:
        achievement["creditsAvailable"] = credits
    cred = {
        "@context": OB3_CONTEXT,
        "id": f"urn:uuid:{hashlib.sha256(slug.encode()).hexdigest()[:8]}-demo-4000-8000-{slug[:12]:0<12}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": RIVERBEND_DID, "type": ["Profile"], "name": ISSUERS["riverbend"]["name"],
                   "url": f"{DEMO}/riverbend"},
        "validFrom": issued,
        "name": name,
        "credentialSubject": {"type": ["AchievementSubject"], "name": LEARNER, "achievement": achievement},
    }
    if valid_until:
        cred["validUntil"] = valid_until
    return cred


def sign_ob3(cred: dict, loader: DocumentLoader) -> dict:
    return signing.sign_data_integrity(cred, RIVERBEND, vm_of(RIVERBEND_DID), created=cred["validFrom"], loader=loader)


def selective_certificate(loader: DocumentLoader) -> dict:
    """A professional certificate the learner can show field by field (ecdsa-sd-2023): the issuer makes
    who issued it, when, until when and what it is mandatory (the whole achievement: the programme's own public
    description, criteria and skills); what is about the learner (name, e-mail, end date, result) is the
    learner's choice.  ecdsa-sd-2023 signs every optional statement separately (64 bytes each), so the
    mandatory part also keeps the shared QR at two codes (docs/benchmarks.md, "Presentation sizes")."""
    cred = ob3_credential(
        "cloud-data-engineering", "Cloud Data Engineering — Professional Certificate",
        "Designs, builds and monitors data pipelines on cloud platforms.",
        "Built and defended an end-to-end pipeline project; passed two proctored exams.",
        [("Design database schemes", "database-design-demo"), ("Manage ICT data processing", "data-pipelines-demo"),
         ("Use Python", "python-demo")], credits=6, issued="2026-05-22T10:00:00Z", valid_until="2031-05-22T00:00:00Z")
    cred["issuer"] = {"id": MERIDIAN_DID, "type": ["Profile"], "name": ISSUERS["meridian"]["name"],
                      "url": f"{DEMO}/meridian"}
    subject = cred["credentialSubject"]
    subject["identifier"] = [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": False,
                              "identityHash": LEARNER_EMAIL}]
    subject["activityEndDate"] = "2026-05-15"
    subject["result"] = [{"type": ["Result"], "value": "Distinction"}]
    return signing.add_ecdsa_sd_base_proof(
        cred, MERIDIAN, vm_of(MERIDIAN_DID), created=cred["validFrom"], loader=loader,
        mandatory_pointers=["/issuer", "/validFrom", "/validUntil", "/name", "/credentialSubject/achievement"])


def bbs_certificate(loader: DocumentLoader) -> dict:
    """A certificate signed with BBS (bbs-2023): shown field by field with an unlinkable proof each time."""
    cred = ob3_credential(
        "workplace-spanish", "Workplace Spanish (CEFR B1)",
        "Handles routine workplace conversations, e-mails and meetings in Spanish.",
        "Passed an oral interview and a written task assessed against CEFR B1 descriptors.",
        [("Speak Spanish", "spanish-demo"), ("Write Spanish", "spanish-writing-demo")], credits=4,
        issued="2026-06-30T09:00:00Z")
    cred["issuer"] = {"id": NORTHBRIDGE_DID, "type": ["Profile"], "name": ISSUERS["northbridge"]["name"],
                      "url": f"{DEMO}/northbridge"}
    cred["credentialSubject"]["identifier"] = [{"type": "IdentityObject", "identityType": "studentId",
                                                "hashed": False, "identityHash": "NB-2026-118"}]
    cred["credentialSubject"]["result"] = [{"type": ["Result"], "value": "B1 — Merit"}]
    return signing.add_bbs2023_base_proof(cred, NORTHBRIDGE_SK, vm_of(NORTHBRIDGE_DID), created=cred["validFrom"],
                                  loader=loader, mandatory_pointers=["/issuer", "/validFrom", "/name",
                                                                     "/credentialSubject/achievement/name"])


# --- PNG baking ----------------------------------------------------------------------------------


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def badge_png(initials: str, color: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, 248, 248), fill=color + (255,), outline=(255, 255, 255, 255), width=8)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 96)
    except OSError:
        font = ImageFont.load_default()
    d.text((128, 128), initials, fill=(255, 255, 255, 255), anchor="mm", font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def bake_png(png: bytes, keyword: str, text: str) -> bytes:
    iend = png.rindex(b"IEND") - 4
    body = keyword.encode("latin-1") + b"\x00\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8")
    return png[:iend] + _chunk(b"iTXt", body) + png[iend:]


def bake_svg(credential_json: str, title: str) -> bytes:
    svg = f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 256 256">
  <openbadges:credential><![CDATA[{credential_json}]]></openbadges:credential>
  <title>{title}</title>
  <circle cx="128" cy="128" r="120" fill="#2f6f9f" stroke="#ffffff" stroke-width="8"/>
  <text x="128" y="150" font-family="sans-serif" font-size="72" font-weight="bold" fill="#fff" text-anchor="middle">CS</text>
</svg>
"""
    return svg.encode("utf-8")


# --- the set -------------------------------------------------------------------------------------


def ob2_signed() -> str:
    issuer = {"id": ISSUERS["northwind"]["id"], "type": "Issuer", "name": ISSUERS["northwind"]["name"],
              "url": f"{DEMO}/northwind", "email": "badges@northwind.example"}
    salt = "demo-salt-1"
    identity = "sha256$" + hashlib.sha256((LEARNER_EMAIL + salt).encode()).hexdigest()
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "urn:uuid:0b2d3c1e-demo-4f00-9000-000000000001",
        "recipient": {"type": "email", "hashed": True, "salt": salt, "identity": identity},
        "issuedOn": "2025-09-20T10:00:00Z",
        "expires": "2027-09-20T10:00:00Z",
        "verification": {"type": "SignedBadge", "creator": f"{DEMO}/issuers/northwind/key-1"},
        "badge": {
            "type": "BadgeClass",
            "id": f"{DEMO}/badges/first-aid",
            "name": "First Aid at Work",
            "description": "Can assess an emergency and give first aid until professional help arrives.",
            "image": f"{DEMO}/images/first-aid.png",
            "criteria": {"narrative": "Passed a practical assessment of CPR, the recovery position and wound care."},
            "issuer": issuer,
            "alignment": [{"targetName": "Provide first aid", "targetFramework": "ESCO",
                           "targetUrl": ESCO + "a8b2e5f9-6fa1-4d3c-9cbb-0f0e6f8d7a61"}],
            "tags": ["safety", "health"],
        },
    }
    return signing.sign_jws({"alg": "ES256", "typ": "JWT"}, json.dumps(assertion).encode(), NORTHWIND)


def vc_jwt() -> str:
    cred = {
        "@context": OB3_CONTEXT,
        "id": "urn:uuid:6a1c2f0e-demo-4a00-8000-0000000000jw",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": HARBOR_DID, "type": ["Profile"], "name": ISSUERS["harbor"]["name"]},
        "validFrom": "2026-01-22T15:00:00Z",
        "name": "Digital Literacy Essentials",
        "credentialSubject": {
            "type": ["AchievementSubject"], "name": LEARNER,
            "achievement": {
                "id": f"{DEMO}/achievements/digital-literacy", "type": ["Achievement"],
                "name": "Digital Literacy Essentials",
                "description": "Uses e-mail, cloud documents and online safety practices with confidence.",
                "criteria": {"narrative": "Completed eight workshops and a practical test."},
                "alignment": [{"type": ["Alignment"], "targetName": "Use digital tools for collaboration",
                               "targetFramework": "DigComp 2.2", "targetCode": "2.4",
                               "targetUrl": "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415"}],
            },
        },
    }
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": vm_of(HARBOR_DID)}
    return signing.sign_jws(header, json.dumps(cred).encode(), HARBOR)


def sd_jwt_vc() -> str:
    def disclose(name: str | None, value: object) -> tuple[str, str]:
        salt = base64.urlsafe_b64encode(seed(f"salt {name} {value}")[:16]).rstrip(b"=").decode()
        arr = [salt, name, value] if name is not None else [salt, value]
        raw = base64.urlsafe_b64encode(json.dumps(arr, ensure_ascii=False).encode()).rstrip(b"=").decode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(raw.encode()).digest()).rstrip(b"=").decode()
        return raw, digest

    claims = {"given_name": "Amira", "family_name": "Haddad", "birthdate": "1999-04-02",
              "email": LEARNER_EMAIL, "license_number": "BLS-2026-0042"}
    discs, digests = [], []
    for k, v in claims.items():
        raw, dg = disclose(k, v)
        discs.append(raw)
        digests.append(dg)
    payload = {
        "iss": ISSUERS["nursing"]["id"],
        "iat": 1767225600,  # 2026-01-01
        "exp": 1830297600,  # 2028-01-01
        "vct": f"{DEMO}/vct/basic-life-support",
        "issuer_name": ISSUERS["nursing"]["name"],
        "achievement": {"name": "Basic Life Support (BLS) Provider",
                        "description": "Adult, child and infant CPR, AED use and choking relief.",
                        "alignment": [{"targetName": "Perform cardiopulmonary resuscitation",
                                       "targetFramework": "ESCO", "targetUrl": ESCO + "cpr-demo"}]},
        "_sd": sorted(digests),
        "_sd_alg": "sha-256",
        "cnf": {"jwk": keys.to_jwk(HOLDER.public_key())},
    }
    jwt = signing.sign_jws({"alg": "ES256", "typ": "dc+sd-jwt"}, json.dumps(payload).encode(), NURSING)
    return jwt + "~" + "".join(d + "~" for d in discs)


def blockcerts_v3(loader: DocumentLoader) -> dict:
    cert = {
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/blockcerts/v3"],
        "id": "urn:uuid:bc3e1f00-demo-4b00-8000-000000000003",
        "type": ["VerifiableCredential", "BlockcertsCredential"],
        "issuer": ISSUERS["lakeside"]["id"],
        "issuanceDate": "2025-06-30T12:00:00Z",
        "name": "Certificate in Project Management",
        "description": "Plans, runs and closes small projects using agile and classic methods.",
        "credentialSubject": {"id": HOLDER_DID, "name": LEARNER},
    }
    # a one-leaf Merkle tree on the test network: root = target hash, empty path
    target = hashlib.sha256(canonical_nquads(cert, loader).encode()).hexdigest()
    receipt = [[0, cbor2.dumps(target)], [1, cbor2.dumps(target)],
               [2, [[[0, -1], [1, cbor2.dumps("demo: not anchored on a real blockchain")]]]], [3, []]]
    cert["proof"] = {"type": "MerkleProof2019", "created": "2025-06-30T12:00:00Z",
                     "proofValue": keys.multibase_encode(cbor2.dumps(receipt)),
                     "proofPurpose": "assertionMethod",
                     "verificationMethod": f"{ISSUERS['lakeside']['id']}#key-1"}
    return cert


def write_holder_ed25519() -> None:
    """The demo holder's Ed25519 key (demo only: it protects nothing): the demo wallet presents with it, so
    the Blockcerts certificate issued to its did:key is the demo learner's own and can be shared."""
    raw = HOLDER_ED.private_bytes_raw()
    jwk = dict(keys.to_jwk(HOLDER_ED.public_key()), d=base64.urlsafe_b64encode(raw).rstrip(b"=").decode())
    (HERE / "holder-ed25519.demo.jwk.json").write_text(json.dumps(jwk, indent=2) + "\n", "utf-8")


def pdf_certificate() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    text = (b"BT /F1 28 Tf 72 700 Td (Certificate of Attendance) Tj ET "
            b"BT /F1 16 Tf 72 650 Td (Amira Haddad attended the Community Volunteering Day) Tj ET "
            b"BT /F1 12 Tf 72 620 Td (Greenfield Volunteers, 12 April 2025) Tj ET")
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                              Contents=pdf.make_stream(text))
    pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo["/Title"] = "Certificate of Attendance: Community Volunteering Day"
    pdf.docinfo["/Author"] = "Greenfield Volunteers"
    pdf.docinfo["/CreationDate"] = "D:20250412120000Z"
    buf = io.BytesIO()
    pdf.save(buf, deterministic_id=True)
    return buf.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    loader = DocumentLoader()
    python = sign_ob3(ob3_credential(
        "data-analysis-python", "Data Analysis with Python",
        "Cleans, explores and visualises data sets with pandas and matplotlib.",
        "Completed 40 hours of guided labs and a graded capstone analysis.",
        [("Use Python", "python-demo"), ("Perform data analysis", "data-analysis-demo"),
         ("Create data visualisations", "data-visualisation-demo")], credits=5), loader)
    sql = sign_ob3(ob3_credential(
        "sql-fundamentals", "SQL Fundamentals", "Writes queries, joins and aggregations over relational data.",
        "Passed a proctored 60-minute practical exam.",
        [("Use databases", "databases-demo"), ("Use query languages", "sql-demo")], credits=3,
        issued="2025-12-05T14:00:00Z"), loader)
    stats = sign_ob3(ob3_credential(
        "statistics", "Applied Statistics", "Chooses and applies descriptive and inferential statistics.",
        "Completed problem sets and a final project.",
        [("Apply statistical analysis techniques", "statistics-demo"), ("Perform data analysis", "data-analysis-demo")],
        credits=4, issued="2026-02-10T10:00:00Z"), loader)
    (OUT / "ob3-data-analysis-python.json").write_text(json.dumps(python, indent=2) + "\n", "utf-8")
    (OUT / "ob3-applied-statistics.svg").write_bytes(bake_svg(json.dumps(stats, indent=2), "Applied Statistics"))

    clr = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:c1a2b3c4-demo-4c00-8000-000000000c1r",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": RIVERBEND_DID, "type": ["Profile"], "name": ISSUERS["riverbend"]["name"]},
        "validFrom": "2026-03-20T09:00:00Z",
        "name": "Data Analyst Pathway — Learner Record",
        "description": "Comprehensive learner record for the Data Analyst pathway.",
        "credentialSubject": {
            "type": ["ClrSubject"],
            "verifiableCredential": [sql, python],
            "achievement": [sql["credentialSubject"]["achievement"], python["credentialSubject"]["achievement"]],
        },
    }
    clr = signing.sign_data_integrity(clr, RIVERBEND, vm_of(RIVERBEND_DID), created=clr["validFrom"], loader=loader)
    (OUT / "clr-data-analyst-pathway.json").write_text(json.dumps(clr, indent=2) + "\n", "utf-8")
    (OUT / "ob2-first-aid-baked.png").write_bytes(bake_png(badge_png("FA", (200, 40, 40)), "openbadges", ob2_signed()))
    (OUT / "vc-jwt-digital-literacy.jwt").write_text(vc_jwt() + "\n", "ascii")
    (OUT / "sd-jwt-vc-basic-life-support.txt").write_text(sd_jwt_vc() + "\n", "ascii")
    (OUT / "ob3-sd-cloud-data-engineering.json").write_text(json.dumps(selective_certificate(loader), indent=2) + "\n",
                                                            "utf-8")
    (OUT / "ob3-bbs-workplace-spanish.json").write_text(json.dumps(bbs_certificate(loader), indent=2) + "\n", "utf-8")
    (OUT / "blockcerts-project-management.json").write_text(json.dumps(blockcerts_v3(loader), indent=2) + "\n")
    (OUT / "pdf-volunteering-certificate.pdf").write_bytes(pdf_certificate())

    trust = {"issuers": [
        {"id": RIVERBEND_DID, "name": ISSUERS["riverbend"]["name"], "did": RIVERBEND_DID},
        {"id": HARBOR_DID, "name": ISSUERS["harbor"]["name"], "did": HARBOR_DID},
        {"id": ISSUERS["northwind"]["id"], "name": ISSUERS["northwind"]["name"], "jwk": keys.to_jwk(NORTHWIND.public_key())},
        {"id": ISSUERS["nursing"]["id"], "name": ISSUERS["nursing"]["name"], "jwk": keys.to_jwk(NURSING.public_key())},
        {"id": ISSUERS["lakeside"]["id"], "name": ISSUERS["lakeside"]["name"], "jwk": keys.to_jwk(BLOCKCERTS.public_key())},
        {"id": MERIDIAN_DID, "name": ISSUERS["meridian"]["name"], "did": MERIDIAN_DID},
        {"id": NORTHBRIDGE_DID, "name": ISSUERS["northbridge"]["name"], "did": NORTHBRIDGE_DID},
    ]}
    (HERE / "trust.json").write_text(json.dumps(trust, indent=2) + "\n", "utf-8")
    # The demo holder key (demo only: it protects nothing) so the demo wallet can present the SD-JWT VC.
    priv = HOLDER.private_numbers().private_value.to_bytes(32, "big")
    holder = dict(keys.to_jwk(HOLDER.public_key()), d=base64.urlsafe_b64encode(priv).rstrip(b"=").decode())
    (HERE / "holder-p256.demo.jwk.json").write_text(json.dumps(holder, indent=2) + "\n", "utf-8")
    write_holder_ed25519()
    for f in sorted(OUT.iterdir()):
        print(f.name, f.stat().st_size)


if __name__ == "__main__":
    if sys.argv[1:] == ["--blockcerts"]:  # only the Blockcerts certificate and the holder key it is issued to
        (OUT / "blockcerts-project-management.json").write_text(json.dumps(blockcerts_v3(DocumentLoader()), indent=2)
                                                                + "\n")
        write_holder_ed25519()
    elif sys.argv[1:] == ["--selective"]:  # only the ecdsa-sd-2023 certificate (ECDSA signatures differ each run)
        (OUT / "ob3-sd-cloud-data-engineering.json").write_text(
            json.dumps(selective_certificate(DocumentLoader()), indent=2) + "\n", "utf-8")
    else:
        main()
