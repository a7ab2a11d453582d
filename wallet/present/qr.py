"""The QR payload codec (documented in docs/qr-format.md).

A presentation travels as the fragment of an https URL (fragments are never sent to a server), so
a phone camera opens the verifier page, and the desktop and command-line verifiers read the same
text.  Compact: JWT segments are carried as bytes (not base64url text) in a CBOR envelope, the
envelope is deflated, and the result is written in RFC 4648 base32 without padding, whose alphabet
fits QR's dense alphanumeric mode while staying URL-safe.

    https://verify.credwallet.org/#CW1:<base32>                     one code
    https://verify.credwallet.org/#CW1:<i>/<n>:<set>:<base32 part>   part i of n (set = 4-char id)
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import cbor2

from ..crypto import publickeys as keys
from ..errors import BadInput

DEFAULT_VERIFIER_URL = "https://verify.credwallet.org/"
VERSION = "CW1"
MAX_VERSION = 25
MAX_INFLATED = 4 * 1024 * 1024


@dataclass
class Presentation:
    kind: str  # "sd-jwt" | "vp"
    text: str  # the SD-JWT presentation, or the VP as JSON text


def _b32e(b: bytes) -> str:
    return base64.b32encode(b).decode("ascii").rstrip("=")


def _b32d(s: str) -> bytes:
    try:
        return base64.b32decode(s + "=" * (-len(s) % 8))
    except ValueError as exc:
        raise BadInput("QR payload is not valid base32") from exc


def _jwt_parts(jwt: str) -> list[bytes]:
    return [keys.b64u_decode(p) for p in jwt.split(".")]


def _jwt_text(parts: list[bytes]) -> str:
    return ".".join(keys.b64u_encode(p) for p in parts)


# A preset deflate dictionary (part of format CW1; never change it, add CW2 instead): the strings every
# presentation repeats, so even the first occurrence costs a back-reference instead of its letters.
ZDICT = "".join([
    '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/2018/credentials/v1",',
    '"https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json","https://w3id.org/security/data-integrity/v2",',
    '"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json","https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"],',
    '"type":["VerifiablePresentation"],"holder":"did:key:z6Mk","verifiableCredential":[',
    '{"@context":"https://www.w3.org/ns/credentials/v2","id":"data:application/vc+jwt,eyJ","type":"EnvelopedVerifiableCredential"}',
    '"id":"urn:uuid:","type":["VerifiableCredential","OpenBadgeCredential","AchievementCredential","ClrCredential"],',
    '"issuer":{"id":"did:key:z6Mk","type":["Profile"],"name":"","url":"https://"},"validFrom":"20","validUntil":"20",',
    '"issuanceDate":"20","expirationDate":"20","name":"","description":"","credentialSubject":{"id":"did:key:z6Mk",',
    '"type":["AchievementSubject"],"achievement":{"id":"https://","type":["Achievement"],"achievementType":"Course",',
    '"criteria":{"narrative":""},"image":{"id":"https://","type":"Image"},"creditsAvailable":',
    '"alignment":[{"type":["Alignment"],"targetName":"","targetUrl":"http://data.europa.eu/esco/skill/",',
    '"targetFramework":"ESCO","targetCode":""}],"result":[{"type":["Result"],"resultDescription":',
    '"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","created":"20',
    'T00:00:00Z","verificationMethod":"did:key:z6Mk","proofPurpose":"assertionMethod","proofValue":"z"},',
    '"proofPurpose":"authentication","domain":"https://","challenge":"","expires":"20',
    '{"alg":"ES256","typ":"kb+jwt"}{"iat":17,"aud":"https://","nonce":"","sd_hash":"","exp":17}',
    '{"alg":"ES256","typ":"dc+sd-jwt"}{"alg":"EdDSA","typ":"vc+jwt","kid":"did:key:z6Mk',
    '"_sd":["","_sd_alg":"sha-256","cnf":{"jwk":{"kty":"EC","crv":"P-256","x":"","y":""}},"vct":"https://',
    '"iss":"https://","given_name","family_name","license_number","achievement"',
]).encode("utf-8")


def envelope(p: Presentation) -> bytes:
    if p.kind == "sd-jwt":
        segs = p.text.split("~")
        kb = segs[-1]
        obj: dict[str, Any] = {"t": "sd", "j": _jwt_parts(segs[0]), "d": [keys.b64u_decode(d) for d in segs[1:-1]]}
        if kb:
            obj["k"] = _jwt_parts(kb)
        raw = cbor2.dumps(obj)
    else:
        raw = cbor2.dumps({"t": "vp", "b": json.dumps(json.loads(p.text), separators=(",", ":"),
                                                      ensure_ascii=False).encode("utf-8")})
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    return c.compress(raw) + c.flush()


def open_envelope(data: bytes) -> Presentation:
    d = zlib.decompressobj(-15, ZDICT)
    try:
        raw = d.decompress(data, MAX_INFLATED)
    except zlib.error as exc:
        raise BadInput("QR payload does not decompress") from exc
    if d.unconsumed_tail:
        raise BadInput("QR payload inflates beyond the size limit")
    try:
        obj = cbor2.loads(raw)
    except (cbor2.CBORDecodeError, ValueError, RecursionError) as exc:
        raise BadInput("QR payload is not a presentation envelope") from exc
    if not isinstance(obj, dict) or obj.get("t") not in ("sd", "vp"):
        raise BadInput("QR payload is not a presentation envelope")
    try:
        if obj["t"] == "sd":
            text = _jwt_text(obj["j"]) + "~" + "".join(keys.b64u_encode(x) + "~" for x in obj["d"])
            if "k" in obj:
                text += _jwt_text(obj["k"])
            return Presentation("sd-jwt", text)
        return Presentation("vp", obj["b"].decode("utf-8"))
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise BadInput("QR payload envelope is malformed") from exc


def to_texts(p: Presentation, verifier_url: str = DEFAULT_VERIFIER_URL, parts: int = 1) -> list[str]:
    body = _b32e(envelope(p))
    if parts <= 1:
        return [f"{verifier_url}#{VERSION}:{body}"]
    set_id = _b32e(hashlib.sha256(body.encode()).digest())[:4]
    size = -(-len(body) // parts)
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    return [f"{verifier_url}#{VERSION}:{i}/{len(chunks)}:{set_id}:{c}" for i, c in enumerate(chunks, 1)]


_SINGLE = re.compile(r"^CW1:([A-Z2-7]+)$")
_PART = re.compile(r"^CW1:(\d{1,3})/(\d{1,3}):([A-Z2-7]{4}):([A-Z2-7]+)$")


def _fragment(text: str) -> str:
    text = text.strip()
    if "#" in text:
        text = text.split("#", 1)[1]
    return unquote(text).strip().upper() if text.upper().startswith("CW1:") else text


def is_qr_text(text: str) -> bool:
    return _fragment(text).startswith("CW1:")


def from_texts(texts: list[str]) -> Presentation:
    """Decode one QR text, or the parts of a sequence in any order."""
    frags = [_fragment(t) for t in texts]
    if len(frags) == 1 and (m := _SINGLE.match(frags[0])):
        return open_envelope(_b32d(m.group(1)))
    parts: dict[int, str] = {}
    total = set_id = None
    for f in frags:
        m = _PART.match(f)
        if not m:
            if _SINGLE.match(f):
                raise BadInput("a single QR code was mixed with parts of a sequence")
            raise BadInput("not a credwallet QR code (expected CW1:...)")
        i, n, sid = int(m.group(1)), int(m.group(2)), m.group(3)
        if total is None:
            total, set_id = n, sid
        if n != total or sid != set_id:
            raise BadInput("these QR codes belong to different sequences")
        if not 1 <= i <= n:
            raise BadInput(f"QR part number {i} is outside 1..{n}")
        parts[i] = m.group(4)
    assert total is not None
    missing = [i for i in range(1, total + 1) if i not in parts]
    if missing:
        raise BadInput(f"QR sequence is incomplete: missing part {', '.join(map(str, missing))} of {total}")
    body = "".join(parts[i] for i in range(1, total + 1))
    if _b32e(hashlib.sha256(body.encode()).digest())[:4] != set_id:
        raise BadInput("QR sequence parts do not fit together")
    return open_envelope(_b32d(body))


def fits(text: str, max_version: int = MAX_VERSION) -> int | None:
    """The QR version the text needs at error correction M, or None if it needs more than ``max_version``."""
    import qrcode
    from qrcode.exceptions import DataOverflowError

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, version=None)
    qr.add_data(text, optimize=20)
    try:
        version = qr.best_fit()  # counts bits only: no matrix, no mask scoring
    except (DataOverflowError, ValueError):
        return None
    return version if version <= max_version else None


def sequence_hint(n_codes: int, disclosed: list[dict[str, Any]], lang: str | None = None) -> str:
    """What the learner can drop when a presentation needs several codes ('' when one is enough); in the
    catalogue's words (wallet/labels.py: ``qr.sequence_hint.*``)."""
    from .. import labels

    if n_codes <= 1:
        return ""
    if any(isinstance(d.get("disclosed"), list) and d.get("always_shared") is not None for d in disclosed):
        return labels.text("qr.sequence_hint.fields", lang, n=n_codes)
    return labels.text("qr.sequence_hint.credentials", lang, n=n_codes)


def encode_for_qr(p: Presentation, verifier_url: str = DEFAULT_VERIFIER_URL,
                  max_version: int = MAX_VERSION, max_parts: int = 12) -> list[str]:
    """One text if it fits in a version<=25 code at level M, else the fewest parts that each fit."""
    for n in range(1, max_parts + 1):
        texts = to_texts(p, verifier_url, n)
        if all(fits(t, max_version) for t in texts):
            return texts
    from ..errors import WalletError

    raise WalletError(f"this presentation is too large even for {max_parts} QR codes; share fewer credentials "
                      "or fewer fields, or save it as a file")
