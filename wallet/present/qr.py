"""The QR payload codec (documented in docs/qr-format.md).

A presentation travels as the fragment of an https URL (fragments are never sent to a server), so
a phone camera opens the verifier page, and the desktop and command-line verifiers read the same
text.  Compact: JWT segments (also those of credentials enveloped in a VP) are carried as bytes, not
base64url text, in a CBOR envelope; the envelope is deflated with a preset dictionary, and written as
decimal digits, which QR's numeric mode packs at 8.03 bits per byte.

    https://verify.credwallet.org/#CW2:<digits>                      one code
    https://verify.credwallet.org/#CW2:<i>/<n>:<set>:<digits part>   part i of n (set = 6 digits)

CW1 (base32 of a CBOR map envelope) is still read.
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
from ..messages import msg

DEFAULT_VERIFIER_URL = "https://verify.credwallet.org/"
VERSION = "CW2"  # what is written; CW1 codes are still read
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
        raise BadInput(msg("error.qr.base32")) from exc


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


def _inflate(data: bytes) -> bytes:
    d = zlib.decompressobj(-15, ZDICT)
    try:
        raw = d.decompress(data, MAX_INFLATED)
    except zlib.error as exc:
        raise BadInput(msg("error.qr.decompress")) from exc
    if d.unconsumed_tail:
        raise BadInput(msg("error.qr.inflates"))
    return raw


def _cbor(raw: bytes) -> Any:
    try:
        return cbor2.loads(raw)
    except (cbor2.CBORDecodeError, ValueError, RecursionError, TypeError) as exc:
        raise BadInput(msg("error.qr.not_envelope")) from exc


def open_envelope(data: bytes) -> Presentation:
    """CW1's envelope (read for codes made before CW2)."""
    raw = _inflate(data)
    try:
        obj = cbor2.loads(raw)
    except (cbor2.CBORDecodeError, ValueError, RecursionError) as exc:
        raise BadInput(msg("error.qr.not_envelope")) from exc
    if not isinstance(obj, dict) or obj.get("t") not in ("sd", "vp"):
        raise BadInput(msg("error.qr.not_envelope"))
    try:
        if obj["t"] == "sd":
            text = _jwt_text(obj["j"]) + "~" + "".join(keys.b64u_encode(x) + "~" for x in obj["d"])
            if "k" in obj:
                text += _jwt_text(obj["k"])
            return Presentation("sd-jwt", text)
        return Presentation("vp", obj["b"].decode("utf-8"))
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise BadInput(msg("error.qr.malformed")) from exc


_MARK = "\u0000"  # a string "\u0000<i>" in CW2's VP text stands for the i-th JWT carried as bytes


def _lift_jwts(value: Any, blobs: list[list[bytes]]) -> Any:
    """The VP with every JWT inside a data: URL (an enveloped credential) replaced by a marker, its
    segments appended to ``blobs`` as the bytes their base64url text stands for (only when that gives the
    very same text back)."""
    if isinstance(value, dict):
        return {k: _lift_jwts(v, blobs) for k, v in value.items()}
    if isinstance(value, list):
        return [_lift_jwts(v, blobs) for v in value]
    if isinstance(value, str) and value.startswith("data:") and "," in value:
        prefix, _, jws = value.partition(",")
        segs = jws.split(".")
        if len(segs) == 3:
            try:
                raw = [keys.b64u_decode(x) for x in segs]
            except Exception:  # noqa: BLE001 - not base64url after all: left as text
                return value
            if _jwt_text(raw) == jws:
                blobs.append([prefix.encode("utf-8"), *raw])
                return f"{_MARK}{len(blobs) - 1}"
    return value


def _drop_jwts(value: Any, blobs: list[Any], used: set[int]) -> Any:
    if isinstance(value, dict):
        return {k: _drop_jwts(v, blobs, used) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_jwts(v, blobs, used) for v in value]
    if isinstance(value, str) and value.startswith(_MARK):
        i = int(value[1:]) if value[1:].isascii() and value[1:].isdigit() else -1
        if not 0 <= i < len(blobs) or i in used:
            raise BadInput(msg("error.qr.malformed"))
        used.add(i)
        blob = blobs[i]
        if not (isinstance(blob, list) and len(blob) == 4 and all(isinstance(x, bytes) for x in blob)):
            raise BadInput(msg("error.qr.malformed"))
        return blob[0].decode("utf-8") + "," + _jwt_text(blob[1:])
    return value


def _has_mark(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_mark(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_mark(v) for v in value)
    return isinstance(value, str) and value.startswith(_MARK)


def envelope_cw2(p: Presentation) -> bytes:
    """CW2's envelope, deflated with the same dictionary as CW1: an SD-JWT as its segments' bytes; a VP as
    compact JSON with each enveloped JWT carried as bytes beside it."""
    if p.kind == "sd-jwt":
        segs = p.text.split("~")
        kb = segs[-1]
        obj: list[Any] = [1, _jwt_parts(segs[0]), [keys.b64u_decode(d) for d in segs[1:-1]],
                          _jwt_parts(kb) if kb else None]
    else:
        vp = json.loads(p.text)
        blobs: list[list[bytes]] = []
        if not _has_mark(vp):  # a VP that already holds marker-like strings travels as it is
            vp = _lift_jwts(vp, blobs)
        text = json.dumps(vp, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        obj = [2, text, blobs]
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    return c.compress(cbor2.dumps(obj)) + c.flush()


def open_envelope_cw2(data: bytes) -> Presentation:
    obj = _cbor(_inflate(data))
    if not isinstance(obj, list) or not obj or obj[0] not in (1, 2):
        raise BadInput(msg("error.qr.not_envelope"))
    try:
        if obj[0] == 1 and len(obj) == 4:
            text = _jwt_text(obj[1]) + "~" + "".join(keys.b64u_encode(x) + "~" for x in obj[2])
            if obj[3] is not None:
                text += _jwt_text(obj[3])
            return Presentation("sd-jwt", text)
        if obj[0] == 2 and len(obj) == 3 and isinstance(obj[1], bytes) and isinstance(obj[2], list):
            from ..formats.jsonutil import loads_strict

            vp = loads_strict(obj[1])
            if not isinstance(vp, dict):
                raise BadInput(msg("error.qr.malformed"))
            used: set[int] = set()
            if obj[2]:  # markers mean something only when JWTs were lifted out
                vp = _drop_jwts(vp, obj[2], used)
            if len(used) != len(obj[2]):
                raise BadInput(msg("error.qr.malformed"))
            return Presentation("vp", json.dumps(vp, separators=(",", ":"), ensure_ascii=False))
    except (TypeError, AttributeError, ValueError) as exc:
        raise BadInput(msg("error.qr.malformed")) from exc
    raise BadInput(msg("error.qr.malformed"))


# CW2 text: bytes as decimal digits, which QR's numeric mode packs at 10 bits per 3 digits (8.03 bits per
# byte, against 8.8 for base32 in alphanumeric mode): every 7 bytes become 17 digits, a last group of k
# bytes the digits of 256**k - 1.
_GROUP = 7
_DIGITS = {k: len(str(256**k - 1)) for k in range(1, _GROUP + 1)}
_BYTES_FOR = {d: k for k, d in _DIGITS.items()}


def digits_encode(b: bytes) -> str:
    out = []
    for i in range(0, len(b), _GROUP):
        chunk = b[i : i + _GROUP]
        out.append(str(int.from_bytes(chunk, "big")).zfill(_DIGITS[len(chunk)]))
    return "".join(out)


def digits_decode(s: str) -> bytes:
    full, rest = divmod(len(s), _DIGITS[_GROUP])
    if (rest and rest not in _BYTES_FOR) or (s and not (s.isascii() and s.isdigit())):
        raise BadInput(msg("error.qr.cw2_digits"))
    out = bytearray()
    pos = 0
    for size in [_GROUP] * full + ([_BYTES_FOR[rest]] if rest else []):
        n = int(s[pos : pos + _DIGITS[size]])
        pos += _DIGITS[size]
        if n >= 256**size:
            raise BadInput(msg("error.qr.cw2_digits"))
        out += n.to_bytes(size, "big")
    return bytes(out)


def _set_id(version: str, body: str) -> str:
    digest = hashlib.sha256(body.encode()).digest()
    return _b32e(digest)[:4] if version == "CW1" else str(int.from_bytes(digest[:4], "big") % 1_000_000).zfill(6)


def to_texts(p: Presentation, verifier_url: str = DEFAULT_VERIFIER_URL, parts: int = 1,
             version: str = VERSION) -> list[str]:
    body = _b32e(envelope(p)) if version == "CW1" else digits_encode(envelope_cw2(p))
    if parts <= 1:
        return [f"{verifier_url}#{version}:{body}"]
    set_id = _set_id(version, body)
    unit = 1 if version == "CW1" else _DIGITS[_GROUP]  # CW2 parts end on whole groups
    size = -(-len(body) // parts)
    size = -(-size // unit) * unit
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    return [f"{verifier_url}#{version}:{i}/{len(chunks)}:{set_id}:{c}" for i, c in enumerate(chunks, 1)]


_FORMS = {
    "CW1": (re.compile(r"^CW1:([A-Z2-7]+)$"), re.compile(r"^CW1:(\d{1,3})/(\d{1,3}):([A-Z2-7]{4}):([A-Z2-7]+)$")),
    "CW2": (re.compile(r"^CW2:([0-9]+)$"), re.compile(r"^CW2:([0-9]{1,3})/([0-9]{1,3}):([0-9]{6}):([0-9]+)$")),
}


def _fragment(text: str) -> str:
    text = text.strip()
    if "#" in text:
        text = text.split("#", 1)[1]
    text = unquote(text).strip()
    return text.upper() if text[:4].upper() in ("CW1:", "CW2:") else text


def is_qr_text(text: str) -> bool:
    return _fragment(text)[:4] in ("CW1:", "CW2:")


def part_of(text: str) -> tuple[str, int, int] | None:
    """For a part of a sequence, (its set id, its number, the count); None for a single code."""
    frag = _fragment(text)
    forms = _FORMS.get(frag[:3])
    m = forms[1].match(frag) if forms else None
    return (f"{frag[:3]}:{m.group(3)}", int(m.group(1)), int(m.group(2))) if m else None


def _open(version: str, body: str) -> Presentation:
    return open_envelope(_b32d(body)) if version == "CW1" else open_envelope_cw2(digits_decode(body))


def from_texts(texts: list[str]) -> Presentation:
    """Decode one QR text, or the parts of a sequence in any order (CW1 or CW2; never mixed)."""
    frags = [_fragment(t) for t in texts]
    versions = {f[:3] for f in frags}
    version = frags[0][:3] if frags else ""
    if version not in _FORMS:
        raise BadInput(msg("error.qr.not_credwallet"))
    if len(versions) > 1:
        raise BadInput(msg("error.qr.different_sequences"))
    single, part = _FORMS[version]
    if len(frags) == 1 and (m := single.match(frags[0])):
        return _open(version, m.group(1))
    parts: dict[int, str] = {}
    total = set_id = None
    for f in frags:
        m = part.match(f)
        if not m:
            if single.match(f):
                raise BadInput(msg("error.qr.single_mixed"))
            raise BadInput(msg("error.qr.expected_version", version=version))
        i, n, sid = int(m.group(1)), int(m.group(2)), m.group(3)
        if total is None:
            total, set_id = n, sid
        if n != total or sid != set_id:
            raise BadInput(msg("error.qr.different_sequences"))
        if not 1 <= i <= n:
            raise BadInput(msg("error.qr.part_outside", i=i, n=n))
        parts[i] = m.group(4)
    assert total is not None
    missing = [i for i in range(1, total + 1) if i not in parts]
    if missing:
        raise BadInput(msg("error.qr.incomplete", missing=", ".join(map(str, missing)), total=total))

    body = "".join(parts[i] for i in range(1, total + 1))
    if _set_id(version, body) != set_id:
        raise BadInput(msg("error.qr.parts_misfit"))
    return _open(version, body)


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
