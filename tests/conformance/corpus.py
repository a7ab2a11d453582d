"""Run every signed `valid` / `invalid` case of ../shared/corpus/expectations.tsv through the engine.

The run is offline (no network, as a learner's default).  What a learner would do is done here too:
issuers whose public keys the corpus publishes beside the vectors are added to the trusted list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import CORPUS
from wallet.crypto import publickeys as keys
from wallet.errors import WalletError
from wallet.formats import detect
from wallet.verify.engine import VerifyContext, verify
from wallet.verify.trust import TrustedIssuer, TrustList

NOW = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
DOC = Path(__file__).resolve().parents[2] / "docs" / "conformance.md"


def _published_keys() -> TrustList:
    """Keys the corpus publishes next to its vectors, as a learner would add them (`issuers add --jwk`)."""
    entries = []
    sdjwt = CORPUS / "ietf-oauth-selective-disclosure-jwt" / "extracted" / "spec-examples" / "issuer-key.jwk.json"
    if sdjwt.exists():
        for iss in ("https://issuer.example.com", "https://example.com/issuer", "https://pid-issuer.bund.de.example"):
            entries.append(TrustedIssuer(iss, "SD-JWT spec example issuer", json.loads(sdjwt.read_text())))
    ob3 = CORPUS / "1edtech-openbadges-specification" / "extracted" / "ob_v3p0" / "impl"
    for kp in sorted(ob3.glob("*/keypair.json")):
        obj = json.loads(kp.read_text())
        signed = json.loads((kp.parent / "signed.json").read_text())
        vm = signed["proof"]["verificationMethod"] if isinstance(signed.get("proof"), dict) else ""
        pub = obj.get("publicKeyMultibase") or obj.get("publicKey")
        if pub and vm:
            jwk = keys.to_jwk(keys.from_multikey(pub) if pub.startswith("z6Mk") else keys.from_verification_method(obj))
            issuer = signed["issuer"]["id"] if isinstance(signed.get("issuer"), dict) else signed.get("issuer")
            entries.append(TrustedIssuer(vm, "1EdTech implementation guide key", jwk))
            entries.append(TrustedIssuer(issuer, "1EdTech implementation guide issuer", jwk))
    return TrustList(entries)


@dataclass
class Case:
    file: str
    expected: str  # valid | invalid
    note: str
    verdict: str  # verified | warning | invalid | unverified | unreadable
    reason: str
    signature: str  # pass | fail | skipped | -


EXTRA_CLASSES = ("valid-crypto-only", "valid-presentation", "invalid-presentation")


def cases(classes: tuple[str, ...] = ("valid", "invalid")) -> list[tuple[str, str, str]]:
    out = []
    for line in (CORPUS / "expectations.tsv").read_text("utf-8").splitlines()[1:]:
        f, cls, note, *_ = line.split("\t")
        if cls in classes:
            out.append((f, cls, note))
    return out


def crypto_result(file: str) -> str:
    """pass / fail / skipped: the Data Integrity proofs of a corpus file, whatever the wallet makes of its
    content (inline contexts allowed here, as for the W3C step-by-step tests)."""
    from wallet.crypto import dataintegrity
    from wallet.crypto.did import KeyResolver
    from wallet.crypto.jsonld import DocumentLoader

    doc = json.loads((CORPUS / file).read_text("utf-8"))
    proofs = dataintegrity.proofs_of(doc)
    loader = DocumentLoader(inline_contexts=True)
    got = {dataintegrity.verify_proof(doc, p, proofs, KeyResolver(), loader).status for p in proofs}
    return "fail" if "fail" in got or not got else "skipped" if "skipped" in got else "pass"


def crypto_holds(file: str) -> bool:
    return crypto_result(file) == "pass"


def run_extra() -> list[Case]:
    """The classes that are not plain credentials: credentials whose signature holds but whose signer is not
    the issuer (or whose contexts the wallet refuses), and presentations (checked as an employer would)."""
    from wallet.present.verifier import verify_presentation

    trust = _published_keys()
    out = []
    for f, cls, note in cases(EXTRA_CLASSES):
        data = (CORPUS / f).read_bytes()
        try:
            if cls == "valid-crypto-only":
                report = verify(detect.parse(data, f), VerifyContext(clock=lambda: NOW, trust=trust))
                checks, status = report.checks, report.status
            else:
                res = verify_presentation(data, VerifyContext(clock=lambda: NOW, trust=trust), source=f)
                checks, status = res.checks, res.status
        except WalletError as exc:
            out.append(Case(f, cls, note, "unreadable", str(exc).removeprefix(f + ": "), "-"))
            continue
        bad = next((c for c in checks if c.status == "fail" and c.important), None)
        soft = next((c for c in checks if c.status in ("fail", "skipped") and c.important), None)
        sig = crypto_result(f) if cls == "valid-crypto-only" else "-"
        out.append(Case(f, cls, note, status, (bad or soft).message if (bad or soft) else "", sig))
    return out


def run() -> list[Case]:
    trust = _published_keys()
    results = []
    for f, cls, note in cases():
        data = (CORPUS / f).read_bytes()
        try:
            parsed = detect.parse(data, f)
            report = verify(parsed, VerifyContext(clock=lambda: NOW, trust=trust))
        except WalletError as exc:
            results.append(Case(f, cls, note, "unreadable", str(exc).removeprefix(f + ": "), "-"))
            continue
        sig = next((c for c in report.checks if c.id == "signature"), None)
        bad = next((c for c in report.checks if c.status == "fail" and c.important), None)
        soft = next((c for c in report.checks if c.status == "fail" or (c.status == "skipped" and c.important
                                                                            and c.id != "issuer_trust")), None)
        reason = (bad or soft).message if (bad or soft) else ""
        results.append(Case(f, cls, note, report.status, reason, sig.status if sig else "-"))
    return results


def corpus_of(f: str) -> str:
    return f.split("/", 1)[0]


def render(results: list[Case], extra: list[Case] | None = None) -> str:
    lines = ["# Conformance against the shared corpus", "",
             "Generated by `python -m tests.conformance.report --write` from `../shared/corpus/expectations.tsv`;",
             "`tests/conformance/test_corpus.py` fails if this page no longer matches what the code does.", "",
             "Every signed case marked `valid` or `invalid` is run offline, as a learner's wallet runs by default,",
             "with a fixed clock (2026-11-25). Issuer keys that the corpus publishes beside its vectors are in the",
             "trusted list, as a learner would add them. Verdicts:", "",
             "- **verified**: every check passed;",
             "- **warning**: accepted, with something the learner is told about (a signature that needs the network,",
             "  an issuer not in the trusted list, an expiry, an unchecked status list);",
             "- **rejected**: invalid, or not readable as a credential;",
             "- **false accept**: an `invalid` case that came out *verified*. The target is zero.", ""]
    by = defaultdict(list)
    for r in results:
        by[corpus_of(r.file)].append(r)
    lines += ["| corpus | valid: verified | valid: warning | valid: rejected | invalid: rejected | invalid: warning |"
              " false accepts |", "|---|---|---|---|---|---|---|"]
    total = Counter()
    for name in sorted(by):
        c = Counter()
        for r in by[name]:
            rejected = r.verdict in ("invalid", "unreadable")
            if r.expected == "valid":
                c["vv" if r.verdict == "verified" else "vw" if not rejected else "vr"] += 1
            else:
                c["ir" if rejected else "fa" if r.verdict == "verified" else "iw"] += 1
        total.update(c)
        lines.append(f"| {name} | {c['vv']} | {c['vw']} | {c['vr']} | {c['ir']} | {c['iw']} | {c['fa']} |")
    lines.append(f"| **all** | {total['vv']} | {total['vw']} | {total['vr']} | {total['ir']} | {total['iw']} |"
                 f" **{total['fa']}** |")
    lines += ["", "## Valid cases we reject or cannot read, and why", ""]
    for r in results:
        if r.expected == "valid" and r.verdict in ("invalid", "unreadable"):
            lines.append(f"- `{r.file}`: {r.reason}")
    lines += ["", "## Invalid cases accepted with a warning (never as verified), and why", ""]
    for r in results:
        if r.expected == "invalid" and r.verdict not in ("invalid", "unreadable"):
            lines.append(f"- `{r.file}` ({r.note[:80]}): {r.verdict}; {r.reason}")
    if extra:
        lines += ["", "## Signatures that hold, by a signer that is not the issuer (`valid-crypto-only`)", "",
                  "The cryptography checks (column *proofs hold*, checked without the wallet's display rules); the",
                  "wallet still does not present them as credentials of their issuer, and says why.", "",
                  "| file | proofs hold | verdict | why |", "|---|---|---|---|"]
        for r in extra:
            if r.expected == "valid-crypto-only":
                held = {"pass": "yes", "fail": "no", "skipped": "not checked (suite variant not supported)"}[r.signature]
                lines.append(f"| `{r.file}` | {held} | {r.verdict} | {r.reason} |")
        lines += ["", "## Presentations (`valid-presentation`, `invalid-presentation`), checked as an employer would", "",
                  "| file | expected | verdict | why |", "|---|---|---|---|"]
        for r in extra:
            if r.expected != "valid-crypto-only":
                lines.append(f"| `{r.file}` | {r.expected.split('-')[0]} | {r.verdict} | {r.reason} |")
    return "\n".join(lines) + "\n"
