"""Tampering: for every signed credential that verifies (the offline-verifiable corpus vectors and the
demo set), change each leaf value and each signature character: zero accepted.  The same for
presentations: every disclosure, every KB-JWT claim."""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conformance.corpus import _published_keys, cases
from tests.conftest import CORPUS
from wallet import paths
from wallet.errors import WalletError
from wallet.formats import detect
from wallet.present.verifier import verify_presentation
from wallet.verify import engine
from wallet.verify.engine import VerifyContext

DEMO = paths.resources_dir() / "demo"


def _signature_passes(data: bytes, ctx: VerifyContext) -> bool:
    """Would the wallet present this as authentic?  Verified, or (not invalid and) a passing signature.
    Blockcerts is the exception: its receipt signs the content, not the proof metadata or the anchor,
    which only a blockchain lookup confirms, so offline it is at most a warning and "accepted" means verified."""
    try:
        parsed = detect.parse(data, "t")
        rep = engine.verify(parsed, ctx)
    except WalletError:
        return False
    sig = next((c for c in rep.checks if c.id == "signature"), None)
    if parsed.format == "blockcerts":
        return rep.status == "verified"
    return rep.status != "invalid" and sig is not None and sig.status == "pass"


def leaves(node: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from leaves(v, path + (i,))
    else:
        yield path


def changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "x" if value else "x"
    return "tampered"


def set_at(obj: Any, path: tuple, value: Any) -> None:
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value


def signed_json_cases() -> list[tuple[str, bytes]]:
    ctx = VerifyContext(trust=_published_keys())
    out = []
    for f, cls, _note in cases():
        if cls != "valid" or not f.endswith(".json"):
            continue
        data = (CORPUS / f).read_bytes()
        if _signature_passes(data, ctx):
            out.append((f, data))
    for p in sorted((DEMO / "credentials").glob("*.json")):
        out.append((p.name, p.read_bytes()))
    return out


CASES = signed_json_cases()


def test_there_is_a_lot_to_tamper_with() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("name,data", CASES, ids=[c[0].rsplit("/", 1)[-1] for c in CASES])
def test_every_leaf_and_signature_character(name: str, data: bytes) -> None:
    ctx = VerifyContext(trust=_published_keys())
    doc = json.loads(data)
    accepted = []
    for path in leaves(doc):
        if "header" in path and path[-1] not in ("disclosures", "kb_jwt") and "disclosures" not in path:
            continue  # a JWS JSON serialization's unprotected header is, by definition, not signed
        t = copy.deepcopy(doc)
        set_at(t, path, changed(_get(doc, path)))
        if _signature_passes(json.dumps(t).encode(), ctx):
            accepted.append(path)
    proofs = doc["proof"] if isinstance(doc.get("proof"), list) else [doc.get("proof")]
    for i, proof in enumerate(p for p in proofs if isinstance(p, dict) and isinstance(p.get("proofValue"), str)):
        value = proof["proofValue"]
        for pos in range(1, len(value), max(1, len(value) // 24)):  # every ~4% of the signature
            t = copy.deepcopy(doc)
            tp = t["proof"][i] if isinstance(t["proof"], list) else t["proof"]
            alt = "2" if value[pos] != "2" else "3"
            tp["proofValue"] = value[:pos] + alt + value[pos + 1:]
            if _signature_passes(json.dumps(t).encode(), ctx):
                accepted.append(("proofValue", pos))
    assert accepted == [], f"{name}: tampered copies accepted at {accepted[:5]}"


def _get(obj: Any, path: tuple) -> Any:
    for p in path:
        obj = obj[p]
    return obj


def _b64(obj: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def test_presentation_disclosures_and_kb_claims(demo) -> None:  # noqa: ANN001
    sd_id = next(s.id for s in demo.credentials() if s.format == "sd-jwt-vc")
    text = demo.present([sd_id], audience="https://a.example", nonce="n").text
    issuer_jwt, *discs, kb = text.split("~")
    ctx = demo.verify_context()
    bad = []
    for i, d in enumerate(discs):
        arr = json.loads(base64.urlsafe_b64decode(d + "=="))
        for j in range(len(arr)):
            t = list(arr)
            t[j] = changed(t[j])
            forged = discs[:i] + [_b64(t)] + discs[i + 1:]
            res = verify_presentation("~".join([issuer_jwt, *forged, kb]), ctx, audience="https://a.example", nonce="n")
            if res.status != "invalid":
                bad.append(("disclosure", i, j))
    h, p, s = kb.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=="))
    for k in payload:
        t = dict(payload)
        t[k] = changed(t[k])
        forged_kb = f"{h}.{_b64(t)}.{s}"  # the holder's signature no longer matches
        res = verify_presentation("~".join([issuer_jwt, *discs, forged_kb]), ctx, audience="https://a.example", nonce="n")
        if res.status != "invalid":
            bad.append(("kb", k))
    assert bad == []


def _jwt_tokens() -> list[tuple[str, str]]:
    out = [("vc-jwt", (DEMO / "credentials" / "vc-jwt-digital-literacy.jwt").read_text().strip()),
           ("sd-jwt-vc", (DEMO / "credentials" / "sd-jwt-vc-basic-life-support.txt").read_text().strip())]
    spec = CORPUS / "ietf-oauth-selective-disclosure-jwt" / "extracted" / "spec-examples"
    for name in ("5.1-pre20-sd-jwt.txt", "A.1-pre34-sd-jwt.txt", "A.2-pre38-sd-jwt.txt", "A.3-pre41-sd-jwt.txt"):
        out.append((name, (spec / name).read_text().strip()))
    return out


@pytest.mark.parametrize("name,token", _jwt_tokens(), ids=[t[0] for t in _jwt_tokens()])
def test_every_signed_jwt_claim_and_disclosure(name: str, token: str) -> None:
    trust = _published_keys()
    import json as _json

    demo_trust = _json.loads((DEMO / "trust.json").read_text())["issuers"]
    from wallet.verify.trust import TrustedIssuer

    for e in demo_trust:
        trust.entries[e["id"]] = TrustedIssuer(e["id"], e.get("name", ""), e.get("jwk"), e.get("did"))
    ctx = VerifyContext(trust=trust)
    assert _signature_passes(token.encode(), ctx), name
    head, rest = token.split("~", 1) if "~" in token else (token, None)
    h, p, s = head.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=="))
    accepted = []
    for path in leaves(payload):
        t = copy.deepcopy(payload)
        set_at(t, path, changed(_get(payload, path)))
        forged = f"{h}.{_b64(t)}.{s}" + (f"~{rest}" if rest is not None else "")
        if _signature_passes(forged.encode(), ctx):
            accepted.append(path)
    if rest:
        discs = [d for d in rest.split("~") if d]
        for i, d in enumerate(discs):
            arr = json.loads(base64.urlsafe_b64decode(d + "=="))
            t = list(arr)
            t[-1] = changed(t[-1]) if not isinstance(t[-1], dict | list) else "tampered"
            forged = head + "~" + "~".join(discs[:i] + [_b64(t)] + discs[i + 1:]) + "~"
            if _signature_passes(forged.encode(), ctx):
                accepted.append(("disclosure", i))
    assert accepted == [], f"{name}: accepted {accepted[:5]}"


# --- display tamper: edits that keep the signature but would change what a person reads ----------------

FORGED = "Doctor of Medicine (MD), Harvard Medical School"
_DISPLAY_KEYS = ("name", "title", "description", "narrative", "targetName", "value", "achievedLevel")


def _display_variants(doc: dict[str, Any], limit: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each display string gets an unsigned neighbour RDF would drop; the document gets keys RDF ignores and
    contexts that would rename fields."""
    spots = [p for p in leaves(doc) if p and p[-1] in _DISPLAY_KEYS and "proof" not in p
             and isinstance(_get(doc, p), str)][:limit]
    for path in spots:
        value = _get(doc, path)
        for label, new in (("null-index", [{"@value": None, "@index": FORGED}, value]),
                           ("index", {"@value": value, "@index": FORGED}),
                           ("bad-language", [value, {"@value": FORGED, "@language": "x y"}]),
                           ("list", {"@list": [FORGED]})):
            t = copy.deepcopy(doc)
            set_at(t, path, new)
            yield f"{label}@{'/'.join(map(str, path))}", t
        t = copy.deepcopy(doc)
        parent = _get(t, path[:-1])
        parent["@ignored"] = FORGED
        parent["_:b7"] = FORGED
        yield f"keywords@{'/'.join(map(str, path[:-1]))}", t
    for label, ctx in (("inline-rename", {"forgedName": "https://schema.org/name"}),
                       ("unknown-context", "https://contexts.example/rename.json")):
        t = copy.deepcopy(doc)
        t["@context"] = (t["@context"] if isinstance(t["@context"], list) else [t["@context"]]) + [ctx]
        t["forgedName"] = FORGED
        yield label, t


DISPLAY_CASES = [(p.name, p.read_bytes()) for p in sorted((DEMO / "credentials").glob("*.json"))]


@pytest.mark.parametrize("name,data", DISPLAY_CASES, ids=[c[0] for c in DISPLAY_CASES])
def test_display_tamper_never_shows_unsigned_text(name: str, data: bytes) -> None:
    ctx = VerifyContext(trust=_published_keys())
    doc = json.loads(data)
    limit = 2 if "bbs" in name else 8  # a BBS check costs ≈0.4 s of pure-Python pairings
    passed, tried = [], 0
    for label, t in _display_variants(doc, limit):
        tried += 1
        try:
            parsed = detect.parse(json.dumps(t).encode(), name)
            rep = engine.verify(parsed, ctx)
        except WalletError:
            continue
        shown = json.dumps(parsed.normalized.__dict__, default=str, ensure_ascii=False)
        if rep.status != "invalid":  # every variant changes only what RDF ignores: it must be refused
            passed.append((label, rep.status, FORGED in shown))
    assert tried >= 7 and passed == [], f"{name}: display tampering not refused: {passed[:5]} (of {tried})"
