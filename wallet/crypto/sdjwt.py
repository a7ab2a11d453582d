"""SD-JWT (RFC 9901) processing: disclosures, digests, claim reconstruction, key binding JWT.

Strict: every disclosure must be referenced exactly once by a digest in the signed payload (or in
another disclosure), digests must be unique, and ``_sd``/``...`` may not be used as claim names.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any

from .jose import JoseError, Jws, parse_compact, strict_json
from .publickeys import b64u_decode

HASHES = {"sha-256": hashlib.sha256, "sha-384": hashlib.sha384, "sha-512": hashlib.sha512}


class SdJwtError(ValueError):
    pass


@dataclass
class Disclosure:
    raw: str
    salt: str
    name: str | None  # None for an array element
    value: Any


@dataclass
class SdJwt:
    jws: Jws
    issuer_jwt: str
    disclosures: list[Disclosure]
    kb_jwt: str | None
    serialized: str
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def sd_alg(self) -> str:
        return str(self.payload.get("_sd_alg", "sha-256"))

    def digest(self, raw: str) -> str:
        h = HASHES.get(self.sd_alg)
        if h is None:
            raise SdJwtError(f"unsupported _sd_alg {self.sd_alg!r}")
        return base64.urlsafe_b64encode(h(raw.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


def is_json_serialization(obj: object) -> bool:
    """SD-JWT in JWS JSON serialization (RFC 9901 section 8): flattened or general."""
    if not isinstance(obj, dict) or not isinstance(obj.get("payload"), str):
        return False
    if "disclosures" in obj:  # the layout of earlier drafts (and of the reference library 0.10)
        return True
    if isinstance(obj.get("signature"), str) and isinstance(obj.get("protected"), str):
        return isinstance(obj.get("header"), dict) and "disclosures" in obj["header"]
    sigs = obj.get("signatures")
    return isinstance(sigs, list) and bool(sigs) and isinstance(sigs[0], dict) and \
        isinstance(sigs[0].get("header"), dict) and "disclosures" in sigs[0]["header"]


def from_json_serialization(obj: dict) -> tuple[str, int]:
    """The equivalent compact SD-JWT (with the first signature) and how many signatures there were."""
    if "signatures" in obj:
        sig = obj["signatures"][0]
        count = len(obj["signatures"])
    else:
        sig, count = obj, 1
    header = sig.get("header") or {}
    discs = header.get("disclosures", obj.get("disclosures")) or []
    kb = header.get("kb_jwt", obj.get("kb_jwt")) or ""
    if not all(isinstance(x, str) for x in (sig.get("protected"), sig.get("signature"), kb, *discs)):
        raise SdJwtError("malformed JSON serialization")
    compact = f"{sig['protected']}.{obj['payload']}.{sig['signature']}~" + "".join(d + "~" for d in discs) + kb
    return compact, count


def looks_like_sd_jwt(text: str) -> bool:
    return "~" in text and text.split("~", 1)[0].count(".") == 2


def parse(text: str) -> SdJwt:
    text = text.strip()
    parts = text.split("~")
    if len(parts) < 2:
        raise SdJwtError("not an SD-JWT (no '~' separator)")
    issuer_jwt, rest, last = parts[0], parts[1:-1], parts[-1]
    kb = last or None
    if kb is not None and kb.count(".") != 2:
        raise SdJwtError("the SD-JWT does not end with '~' or a key binding JWT")
    try:
        jws = parse_compact(issuer_jwt)
        payload = jws.payload_json()
    except JoseError as exc:
        raise SdJwtError(f"issuer-signed JWT: {exc}") from exc
    if not isinstance(payload, dict):
        raise SdJwtError("SD-JWT payload is not a JSON object")
    discs = []
    for raw in rest:
        if not raw:
            raise SdJwtError("empty disclosure")
        try:
            decoded = b64u_decode(raw)
        except ValueError as exc:
            raise SdJwtError("a disclosure is not base64url") from exc
        try:
            arr = strict_json(decoded, "a disclosure")
        except JoseError as exc:
            raise SdJwtError(str(exc)) from exc
        if not isinstance(arr, list) or len(arr) not in (2, 3) or not isinstance(arr[0], str):
            raise SdJwtError("a disclosure is not a [salt, (name,) value] array")
        if len(arr) == 3:
            if not isinstance(arr[1], str) or arr[1] in ("_sd", "...", "_sd_alg"):
                raise SdJwtError("a disclosure has an invalid claim name")
            discs.append(Disclosure(raw, arr[0], arr[1], arr[2]))
        else:
            discs.append(Disclosure(raw, arr[0], None, arr[1]))
    return SdJwt(jws, issuer_jwt, discs, kb, text, payload)


class UnreferencedDisclosure(SdJwtError):
    """A disclosure no digest of the signed payload refers to: added to, or altered after, what the
    issuer signed.  The credential is tampered with (invalid), not unreadable."""


def reconstruct(sd: SdJwt, paths: dict[str, tuple[str, ...]] | None = None,
                unreferenced: list[Disclosure] | None = None) -> dict[str, Any]:
    """The processed claims: disclosed values put back, digests removed.  Raises on any inconsistency.

    If ``paths`` is given, it receives each disclosure's location in the claims (as JSON Pointer
    tokens), keyed by the disclosure's raw text.  A disclosure that no digest references raises
    ``UnreferencedDisclosure``, unless ``unreferenced`` is given: then it is left out of the claims and
    appended there (for the parser, which must still read the credential so that the verifier can
    call it invalid)."""
    by_digest: dict[str, Disclosure] = {}
    for d in sd.disclosures:
        dg = sd.digest(d.raw)
        if dg in by_digest:
            raise SdJwtError("the same disclosure appears twice")
        by_digest[dg] = d
    used: set[str] = set()
    seen_digests: set[str] = set()

    def take(dg: Any) -> Disclosure | None:
        if not isinstance(dg, str):
            raise SdJwtError("a digest is not a string")
        if dg in seen_digests:
            raise SdJwtError("a digest appears more than once in the SD-JWT")
        seen_digests.add(dg)
        d = by_digest.get(dg)
        if d is not None:
            used.add(dg)
        return d

    def walk(node: Any, path: tuple[str, ...], depth: int = 0) -> Any:
        if depth > 64:
            raise SdJwtError("SD-JWT nested too deeply")
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            for dg in node.get("_sd", []) if isinstance(node.get("_sd", []), list) else [None]:
                d = take(dg)
                if d is None:
                    continue
                if d.name is None:
                    raise SdJwtError("an array-element disclosure is referenced as an object property")
                if d.name in node or d.name in out:
                    raise SdJwtError(f"disclosed claim {d.name!r} already exists")
                if paths is not None:
                    paths[d.raw] = path + (d.name,)
                out[d.name] = walk(d.value, path + (d.name,), depth + 1)
            for k, v in node.items():
                if k in ("_sd", "_sd_alg"):
                    continue
                out[k] = walk(v, path + (k,), depth + 1)
            return out
        if isinstance(node, list):
            res: list[Any] = []
            for item in node:
                here = path + (str(len(res)),)
                if isinstance(item, dict) and set(item) == {"..."}:
                    d = take(item["..."])
                    if d is None:
                        continue
                    if d.name is not None:
                        raise SdJwtError("an object-property disclosure is referenced as an array element")
                    if paths is not None:
                        paths[d.raw] = here
                    res.append(walk(d.value, here, depth + 1))
                else:
                    res.append(walk(item, here, depth + 1))
            return res
        return node

    claims = walk(sd.payload, ())
    unused = set(by_digest) - used
    if unused:
        if unreferenced is None:
            raise UnreferencedDisclosure(f"{len(unused)} disclosure(s) are not referenced by the signed payload: "
                                         "added or altered after the issuer signed it")
        unreferenced.extend(by_digest[dg] for dg in by_digest if dg in unused)
    return claims


def sd_hash(sd: SdJwt) -> str:
    """Digest over the SD-JWT as presented (issuer JWT and disclosures, ending with '~'), for the KB-JWT."""
    presented = sd.issuer_jwt + "~" + "".join(d.raw + "~" for d in sd.disclosures)
    return sd.digest(presented)
