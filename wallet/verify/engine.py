"""One engine, one report per credential: every check says pass, fail or skipped, with its reason.

The overall verdict is rolled up by ``verdict.rollup`` (the one rule every caller shares):
``invalid`` if an important check failed; ``unverified`` ("not checked") if the signature was not
checked (needs the network, unsupported suite, no signature at all); ``warning`` if the signature
holds and something lesser is off (issuer not confirmed, expired, status not checked); ``verified``
otherwise.  How the issuer was confirmed is recorded in ``VerificationReport.issuer``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ..clock import Clock, iso, system_clock
from ..crypto import dataintegrity as di
from ..crypto import jose, sdjwt
from ..crypto import publickeys as keys
from ..crypto.did import KeyResolver, KeyUnresolved, did_of, domain_of, lists_key
from ..crypto.jsonld import DocumentLoader, JsonLdProblem
from ..errors import WalletError
from ..fetch import Fetcher
from ..formats import Parsed
from ..formats.common import as_list, contexts_of, ident, types_of
from ..formats.ob2 import OB2_CONTEXTS
from ..model import (
    FAIL,
    INVALID,
    ISSUER_DOMAIN,
    NOT_CONFIRMED,
    PASS,
    SKIPPED,
    TRUST_LIST,
    UNKNOWN_KEY,
    Check,
    VerificationReport,
)
from . import status, verdict
from .signed_view import signed_view
from .trust import TrustList

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
log = logging.getLogger(__name__)


@dataclass
class VerifyContext:
    clock: Clock = system_clock
    fetcher: Fetcher = field(default_factory=Fetcher)
    trust: TrustList = field(default_factory=TrustList)
    extra_documents: dict[str, Any] = field(default_factory=dict)  # tests: contexts not bundled
    holder_dids: tuple[str, ...] = ()
    loader: DocumentLoader = field(init=False)
    resolver: KeyResolver = field(init=False)

    def __post_init__(self) -> None:
        self.loader = DocumentLoader(self.fetcher, self.extra_documents)
        self.resolver = KeyResolver(self.fetcher, self.trust.key_map())

    @property
    def online(self) -> bool:
        return self.fetcher.online


def parse_time(s: Any) -> dt.datetime | None:
    if not isinstance(s, str):
        return None
    s = s.strip()
    try:
        if _DATE_ONLY.match(s):
            return dt.datetime.fromisoformat(s).replace(tzinfo=dt.timezone.utc)
        if not _DATETIME.match(s):
            return None
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def day(t: dt.datetime) -> str:
    return t.strftime("%-d %b %Y")


class _Report:
    def __init__(self, ctx: VerifyContext):
        self.ctx = ctx
        self.at = iso(ctx.clock())
        self.checks: list[Check] = []
        self.issuer: dict[str, Any] = {"confirmation": NOT_CONFIRMED}  # see VerificationReport.issuer

    def add(self, cid: str, status_: str, message: str, important: bool = True) -> None:
        self.checks.append(Check(cid, status_, message, self.at, important))

    def finish(self, unverifiable: bool = False) -> VerificationReport:
        overall = verdict.rollup(self.checks, unverifiable)
        return VerificationReport(overall, self.checks, self.at, list(self.ctx.fetcher.log), dict(self.issuer))


def verify(parsed: Parsed, ctx: VerifyContext | None = None) -> VerificationReport:
    ctx = ctx or VerifyContext()
    ctx.fetcher.log.clear()
    rep = _Report(ctx)
    try:
        return _verify_parsed(parsed, rep)
    except WalletError:
        raise
    except Exception as exc:  # noqa: BLE001 - hostile input must end as a failed check, never a crash
        rep.add("verification", FAIL, unforeseen_failure(exc))
        return rep.finish()


def unforeseen_failure(exc: BaseException) -> str:
    """The failed-check message for an input that made a check fail in a way no check foresaw."""
    log.warning("unforeseen failure while checking a credential: %s", type(exc).__name__)
    if isinstance(exc, RecursionError):
        return "could not be checked: it is nested too deeply"
    if isinstance(exc, MemoryError):
        return "could not be checked: it is too large"
    return f"could not be checked: malformed content ({type(exc).__name__}: {str(exc)[:120]})"


def _verify_parsed(parsed: Parsed, rep: _Report) -> VerificationReport:
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    kind = info.get("kind")
    if kind == "vc":
        view = _verify_vc(info["doc"], parsed.format, rep)
        if view is not None:
            parsed.normalized = shown_as_signed(parsed, view)
            info["view"] = view
    elif kind == "jws":
        _verify_vc_jwt(info, rep)
    elif kind == "ob2-signed":
        _verify_ob2_signed(info, rep)
    elif kind in ("ob2-hosted", "ob2-url"):
        _verify_ob2_hosted(info, rep)
    elif kind == "blockcerts-v2":
        view = _verify_blockcerts_v2(info["doc"], rep)
        if view is not None:
            parsed.normalized = _blockcerts_v2_shown(parsed, view)
            info["view"] = view
    elif kind == "sd-jwt":
        _verify_sd_jwt(info, rep)
    elif kind == "document":
        rep.add("format", PASS, "a PDF document")
        rep.add("signature", SKIPPED, "document, not verifiable: it carries no digital signature", important=False)
        return rep.finish(unverifiable=True)
    else:
        rep.add("format", SKIPPED, f"checking {parsed.format!r} credentials is not supported")
        return rep.finish(unverifiable=True)
    return rep.finish()


# --- W3C VC (Data Integrity) -------------------------------------------------------------------


_FORMAT_EXTRAS = ("container", "serialization", "signatures", "disclosable", "always_shared")


def _blockcerts_v2_shown(parsed: Parsed, view: dict[str, Any]) -> Any:
    from ..formats import ob2

    after = ob2.normalize(view)
    rp = view.get("recipientProfile")
    if isinstance(rp, dict) and isinstance(rp.get("name"), str):
        after.subject_name = rp["name"]
    after.extra.update({k: parsed.normalized.extra[k] for k in _FORMAT_EXTRAS if k in parsed.normalized.extra})
    return after


def shown_as_signed(parsed: Parsed, view: dict[str, Any]) -> Any:
    """The normalized record rebuilt from the signed view, keeping what the parser learnt about the
    container (baked image, serialization) and the holder's own disclosure choices (JSON pointers into the
    original, which the derivation uses)."""
    from ..formats import vc as vcfmt

    before = parsed.normalized
    after = vcfmt.normalize(view, parsed.format, selective=False)
    after.extra.update({k: before.extra[k] for k in _FORMAT_EXTRAS if k in before.extra})
    if not after.image and isinstance(before.image, str) and before.image.startswith("baked:"):
        after.image = before.image
    return after



def data_model_problems(doc: dict[str, Any], fam: str) -> list[str]:
    problems = []
    ctx = contexts_of(doc)
    if not ctx or ctx[0] not in (VC_V1, VC_V2):
        problems.append("the first @context is not the W3C credentials context")
    types = types_of(doc)
    if "VerifiableCredential" not in types:
        problems.append("type does not include VerifiableCredential")
    subs = as_list(doc.get("credentialSubject"))
    if not subs or not all(isinstance(s, dict) and s for s in subs):
        problems.append("credentialSubject is missing or empty")
    issuer = ident(doc.get("issuer"))
    if not issuer or ":" not in issuer:
        problems.append("issuer is missing or not a URL")
    if "id" in doc and (not isinstance(doc["id"], str) or ":" not in doc["id"]):
        problems.append("id is not a URL")
    v1 = bool(ctx) and ctx[0] == VC_V1
    if v1 and "issuanceDate" not in doc:
        problems.append("issuanceDate is missing (required by VCDM 1.1)")
    for key in ("issuanceDate", "expirationDate", "validFrom", "validUntil"):
        if key in doc and parse_time(doc[key]) is None:
            problems.append(f"{key} is not a valid date-time: {str(doc[key])[:40]!r}")
    for st in as_list(doc.get("credentialStatus")):
        if not isinstance(st, dict) or not st.get("type"):
            problems.append("credentialStatus has no type")
    for sc in as_list(doc.get("credentialSchema")):
        if not isinstance(sc, dict) or not sc.get("id") or not sc.get("type"):
            problems.append("credentialSchema needs an id and a type")
    if fam == "ob3" and types & {"OpenBadgeCredential", "AchievementCredential"}:
        sub = subs[0] if subs and isinstance(subs[0], dict) else {}
        if "AchievementSubject" not in types_of(sub):
            problems.append("credentialSubject is not typed AchievementSubject")
        ach = sub.get("achievement")
        if not isinstance(ach, dict) or "Achievement" not in types_of(ach):
            problems.append("credentialSubject.achievement is missing or not typed Achievement")
        iss = doc.get("issuer")
        if isinstance(iss, dict) and "Profile" not in types_of(iss):
            problems.append("issuer is not typed Profile")
        for ev in as_list(doc.get("evidence")):
            if isinstance(ev, dict) and "Evidence" not in types_of(ev):
                problems.append("evidence is not typed Evidence")
    return problems


MAX_PROOFS = 8  # a proof set or chain longer than this is refused before any of it is checked


def signed_view_of(doc: dict[str, Any], ctx: VerifyContext) -> dict[str, Any]:
    """The credential as its proof covers it (see signed_view): what every check below and everything a
    person sees is read from.  Raises JsonLdProblem when the document breaks the rules that make this
    possible (contexts credwallet does not know, values RDF drops, over the work budget)."""
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    return signed_view(unsecured, ctx.loader, ("VerifiableCredential",))


def _verify_vc(doc: dict[str, Any], fam: str, rep: _Report, nested_depth: int = 0) -> dict[str, Any] | None:
    """Check a JSON-LD credential; returns its signed view (None if it has none: the report says why)."""
    ctx = rep.ctx
    try:
        view = signed_view_of(doc, ctx)
    except JsonLdProblem as exc:
        rep.add("format", FAIL, f"refused: {exc}")
        return None
    problems = data_model_problems(view, fam)
    if problems:
        rep.add("format", FAIL, "not a valid credential: " + "; ".join(problems[:3]))
    else:
        names = {"ob3": "Open Badges 3.0", "clr2": "CLR 2.0", "edc": "Europass", "blockcerts": "Blockcerts",
                 "vc": "W3C Verifiable Credential"}
        version = "2.0" if contexts_of(doc)[0] == VC_V2 else "1.1"
        rep.add("format", PASS, f"well-formed {names.get(fam, fam)} (VC data model {version})")
    issuer_id = ident(view.get("issuer"))
    proofs = di.proofs_of(doc)
    controllers: list[str] = []
    if len(proofs) > MAX_PROOFS:
        rep.add("signature", FAIL, f"carries {len(proofs)} proofs; credwallet checks at most {MAX_PROOFS}")
    elif fam == "blockcerts" and any(str(p.get("type")) in ("MerkleProof2019", "ChainedProof2021")
                                     or p.get("cryptosuite") == "merkle-proof-2019" for p in proofs):
        from . import blockcerts

        blockcerts.check(doc, rep, ctx)
    elif not proofs:
        rep.add("signature", FAIL, "has no proof: it is not signed")
    else:
        results = [di.verify_proof(doc, p, proofs, ctx.resolver, ctx.loader) for p in proofs]
        fails = [r for r in results if r.status == FAIL]
        passes = [r for r in results if r.status == PASS]
        unchecked = [r for r in results if r.status == SKIPPED]
        if fails:
            rep.add("signature", FAIL, fails[0].message)
        elif unchecked:
            # every proof of a set must hold: one we cannot check is never papered over by another
            what = f"{len(unchecked)} of {len(results)} proofs not checked" if len(results) > 1 else "signature not checked"
            rep.add("signature", SKIPPED, f"{what}: {unchecked[0].message}")
        else:
            extra = f" (all {len(passes)} proofs)" if len(results) > 1 else ""
            rep.add("signature", PASS, f"has a valid signature{extra}: {passes[0].message}")
            controllers = [r.resolved.controller for r in passes if r.resolved]
    _issuer_trust(rep, issuer_id, _issuer_key(rep, issuer_id, controllers))
    # dates and status as signed: a key the proof does not cover (or one moved to a full IRI) is not read
    status.check(view, rep, ctx)
    _validity(rep, _one(view, "validFrom", "issuanceDate"), _one(view, "validUntil", "expirationDate"))
    _subject(rep, [ident(s) for s in as_list(view.get("credentialSubject")) if isinstance(s, dict)])
    if fam == "clr2" and nested_depth == 0:
        _nested(doc, rep)
    return view


def _one(view: dict[str, Any], *names: str) -> Any:
    """The first of ``names`` that the signed view has; a list (two signed values for one date) is passed on
    as it is, and _validity refuses it as not a date."""
    for n in names:
        if n in view:
            return view[n]
    return None


def _nested(doc: dict[str, Any], rep: _Report) -> None:
    from ..formats import vc as vcfmt

    subs = [s for s in as_list(doc.get("credentialSubject")) if isinstance(s, dict)]
    items = [c for s in subs for c in as_list(s.get("verifiableCredential"))]
    for i, inner in enumerate(items, 1):
        sub_rep = _Report(rep.ctx)
        if isinstance(inner, dict):
            view = _verify_vc(inner, vcfmt.family(inner), sub_rep, nested_depth=1)
            title = (vcfmt.normalize(view, vcfmt.family(inner)).title if view else "") or f"#{i}"
        elif isinstance(inner, str) and inner.count(".") == 2:
            from ..formats import jwt as jwtfmt

            try:
                _fmt, n, info = jwtfmt.parse_jws(inner, "nested")
                _verify_vc_jwt(info, sub_rep)
                title = n.title or f"#{i}"
            except Exception as exc:  # noqa: BLE001 - reported as a failed nested check
                sub_rep.add("format", FAIL, str(exc))
                title = f"#{i}"
        else:
            sub_rep.add("format", FAIL, "not a credential")
            title = f"#{i}"
        result = sub_rep.finish()
        worst = next((c for c in result.checks if c.status == FAIL and c.important), None)
        msg = f"nested credential {title!r}: {result.status}" + (f" ({worst.message})" if worst else "")
        rep.add(f"nested.{i}", FAIL if result.status == INVALID else PASS, msg)


def _own_key(rep: _Report, issuer_id: str, ctrl: str) -> tuple[str, str]:
    """Is a key resolved from ``ctrl`` (a DID or URL) the issuer's own, by what the issuer itself
    publishes?  Returns (how, why-not): ``how`` is '' when it is not established."""
    if not issuer_id or not ctrl:
        return "", ""
    if ctrl == issuer_id or did_of(ctrl) == did_of(issuer_id):
        return "its own " + ("DID" if issuer_id.startswith("did:") else "URL"), ""
    if issuer_id.startswith("https://"):
        # a key elsewhere is the issuer's only if the issuer's own profile lists it
        profile_url = did_of(issuer_id)
        try:
            profile = rep.ctx.resolver.document(profile_url, "the issuer's profile")
        except KeyUnresolved as exc:
            return "", f"the issuer's profile could not be read to see whether it lists that key: {exc}"
        if lists_key(profile, ctrl):
            return f"listed by the issuer's profile on {domain_of(issuer_id)}", ""
        return "", "the issuer's profile does not list that key"
    return "", ""


def _issuer_key(rep: _Report, issuer_id: str, controllers: list[str]) -> bool:
    """Is the key that signed it the issuer's?  Returns True only when that is established.

    The trusted list is consulted by the issuer id alone; the signing key must then belong to that
    entry (its DID, its pinned JWK, keys published under its id).  Otherwise the key counts only if it
    is the issuer's own: the issuer's DID, its URL, or a key its profile lists.  A key's ``controller``
    is where it was resolved from (see did.KeyResolver), never what a key document says of itself."""
    if not controllers:
        rep.add("issuer_key", SKIPPED, "no checked signature to tie to the issuer", important=False)
        return False
    trust = rep.ctx.trust
    entry = trust.find(issuer_id)
    ctrl = controllers[0]
    rep.issuer["key"] = ctrl
    who = entry.name or entry.id if entry is not None else ""
    if entry is not None:
        mine = next((c for c in controllers if trust.owns(entry, c)), None)
        if mine is not None:
            rep.issuer["key"] = mine
            rep.add("issuer_key", PASS, f"signed with the key your trusted list holds for {who}")
            return True
        if entry.jwk:
            rep.add("issuer_key", FAIL, f"claims to be {who}, but it is signed by {verdict.short_key(ctrl, 40)}, "
                                        "not by the one key your trusted list accepts for that issuer")
            return False
    why_not = ""
    for c in controllers:
        how, why = _own_key(rep, issuer_id, c)
        if how:
            rep.issuer["key"] = c
            dom = domain_of(issuer_id) if domain_of(c) or how.startswith("listed") else ""
            if dom:
                rep.issuer["domain"] = dom
            rep.add("issuer_key", PASS, f"signed with a key that belongs to the issuer ({how}: {issuer_id[:60]})")
            return True
        why_not = why_not or why
    if issuer_id.startswith(("did:key:", "did:jwk:")) and ctrl.startswith("did:"):
        # the issuer's only keys are in its DID itself: a different signer is certainly not the issuer
        rep.add("issuer_key", FAIL, f"signed by {ctrl[:60]}, which is not the issuer {issuer_id[:60]}")
        return False
    rep.add("issuer_key", SKIPPED,
            f"could not confirm that the signing key ({ctrl[:50]}) belongs to the issuer ({issuer_id[:50]})"
            + (f": {why_not}" if why_not else ""), important=False)
    return False


def _issuer_trust(rep: _Report, issuer_id: str, key_is_issuers: bool) -> None:
    """The issuer_trust check and the rung of the confirmation ladder (``rep.issuer``): trusted list,
    a key published on the issuer's own domain, an unknown key."""
    entry = rep.ctx.trust.find(issuer_id)
    if entry is not None and key_is_issuers:
        rep.issuer.update(confirmation=TRUST_LIST, trusted_name=entry.name or entry.id)
        rep.issuer.pop("domain", None)
        rep.add("issuer_trust", PASS, f"issuer is in your trusted list ({entry.name or entry.id})")
        return
    domain = rep.issuer.get("domain") if key_is_issuers else None
    key = rep.issuer.get("key")
    if domain:
        rep.issuer["confirmation"] = ISSUER_DOMAIN
        ladder = f"its key is published on its own web domain ({domain}), which says nothing about its name"
    elif key:
        rep.issuer["confirmation"] = UNKNOWN_KEY
        rep.issuer.pop("domain", None)
        ladder = f"the key that signed it ({verdict.short_key(key, 40)}) ties it to no name"
    else:
        rep.issuer["confirmation"] = NOT_CONFIRMED
        rep.issuer.pop("domain", None)
        ladder = "nothing ties it to its name"
    if entry is None:
        rep.add("issuer_trust", SKIPPED, f"issuer is not in your trusted list; {ladder}")
    else:
        rep.add("issuer_trust", SKIPPED, f"claims to be {entry.name or entry.id}, which you trust, but the "
                                         "signature could not be tied to that issuer")


def _validity(rep: _Report, issued: Any, expires: Any) -> None:
    now = rep.ctx.clock()
    t_from = parse_time(issued) if issued is not None else None
    t_until = parse_time(expires) if expires is not None else None
    if issued is not None and t_from is None:
        rep.add("validity", FAIL, f"issue date {str(issued)[:40]!r} is not a valid date")
        return
    if expires is not None and t_until is None:
        rep.add("validity", FAIL, f"expiry date {str(expires)[:40]!r} is not a valid date")
        return
    if t_from and t_until and t_until < t_from:
        rep.add("validity", FAIL, f"expires ({day(t_until)}) before it was issued ({day(t_from)})")
        return
    if t_from and t_from > now + dt.timedelta(minutes=5):
        rep.add("validity", FAIL, f"not valid until {day(t_from)}")
        return
    rep.add("validity", PASS, f"issued {day(t_from)}" if t_from else "no issue date given")
    if t_until is None:
        rep.add("expiry", PASS, "does not expire")
    elif t_until < now:
        rep.add("expiry", FAIL, f"expired on {day(t_until)}", important=False)
    else:
        rep.add("expiry", PASS, f"valid until {day(t_until)}")


def _subject(rep: _Report, subject_ids: list[str]) -> None:
    holders = rep.ctx.holder_dids
    dids = [s for s in subject_ids if s.startswith("did:")]
    if not dids:
        rep.add("subject", SKIPPED, "the credential names no subject key to match to its holder", important=False)
    elif not holders:
        rep.add("subject", SKIPPED, "no holder key to compare the subject with", important=False)
    elif any(s in holders for s in dids):
        rep.add("subject", PASS, "issued to the holder's own key")
    else:
        rep.add("subject", SKIPPED, "issued to another identifier than the holder's key", important=False)


# --- JWT families ------------------------------------------------------------------------------


def _x5c_key(rep: _Report, header: dict[str, Any], iss: str) -> tuple[keys.PublicKey | None, str]:
    """A key from the header's x5c chain, only if it chains to a root in the learner's trust list and the
    leaf certificate names the issuer's host."""
    import base64
    import urllib.parse

    from cryptography import x509
    from cryptography.x509.verification import ExtensionPolicy, PolicyBuilder, Store, VerificationError

    chain = header.get("x5c")
    roots = rep.ctx.trust.roots(iss)  # only the issuer's own entry's root: one issuer never certifies another
    if not isinstance(chain, list) or not chain or not all(isinstance(c, str) for c in chain):
        return None, "the x5c header is malformed"
    if not roots:
        return None, "the JWT carries a certificate chain, but your issuer list holds no trusted root for this issuer"
    try:
        certs = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in chain]
        verifier = (PolicyBuilder().store(Store([r for _e, r in roots])).time(rep.ctx.clock())
                    .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(),
                                        ee_policy=ExtensionPolicy.permit_all())
                    .build_client_verifier())
        verifier.verify(certs[0], certs[1:])
    except (ValueError, VerificationError) as exc:
        return None, f"the certificate chain does not lead to a trusted root ({exc})"
    host = urllib.parse.urlsplit(iss).hostname or ""
    try:
        san = certs[0].extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = san.get_values_for_type(x509.DNSName) + san.get_values_for_type(x509.UniformResourceIdentifier)
    except x509.ExtensionNotFound:
        names = []
    if not host or not any(n == host or n == iss or n.rstrip("/") == iss.rstrip("/") for n in names):
        return None, f"the certificate is not issued to {iss}"
    return certs[0].public_key(), iss  # type: ignore[return-value]


def _issuer_metadata_key(rep: _Report, header: dict[str, Any], iss: str) -> tuple[keys.PublicKey | None, str]:
    """SD-JWT VC issuer metadata (/.well-known/jwt-vc-issuer), online only."""
    import json as _json
    import urllib.parse

    from ..fetch import FetchRefused

    parts = urllib.parse.urlsplit(iss)
    if parts.scheme != "https" or not parts.hostname:
        return None, "the issuer is not an https URL"
    url = f"https://{parts.netloc}/.well-known/jwt-vc-issuer{parts.path.rstrip('/')}"
    try:
        meta = _json.loads(rep.ctx.fetcher.get(url))
        if not isinstance(meta, dict) or meta.get("issuer") != iss:
            return None, "the issuer metadata names another issuer"
        jwks = meta.get("jwks")
        if jwks is None and isinstance(meta.get("jwks_uri"), str):
            jwks = _json.loads(rep.ctx.fetcher.get(meta["jwks_uri"]))
        kid = header.get("kid")
        for k in (jwks or {}).get("keys", []):
            if isinstance(k, dict) and (kid is None or k.get("kid") == kid):
                return keys.from_jwk({x: y for x, y in k.items() if x not in ("kid", "use", "alg")}), iss
        return None, "the issuer metadata has no matching key"
    except FetchRefused as exc:
        return None, f"the issuer's key is published online ({url}): {exc}"
    except (ValueError, keys.KeyError_) as exc:
        return None, f"the issuer metadata is unusable ({exc})"


def _jwt_key(rep: _Report, header: dict[str, Any], iss: str, also: tuple[str, ...] = ()) -> tuple[keys.PublicKey | None, str]:
    """The issuer's key for a JWT and where it was resolved from (its controller), or None and why not."""
    pinned = [a for a in (*also, iss) if a and a in rep.ctx.resolver.trusted]
    if pinned:
        # the trusted list pins this issuer's key: that key and no other (not the header's kid or x5c)
        try:
            r = rep.ctx.resolver.resolve(pinned[0])
            return r.key, r.controller
        except KeyUnresolved as exc:
            return None, str(exc)
    if "x5c" in header:
        return _x5c_key(rep, header, iss)
    kid = header.get("kid") if isinstance(header.get("kid"), str) else ""
    candidates = []
    if kid.startswith("did:"):
        candidates.append(kid)
    elif kid and iss.startswith("did:"):
        candidates.append(iss + kid if kid.startswith("#") else f"{iss}#{kid}")
    if iss:
        candidates.append(iss)
    last_err = "the JWT names no key (no kid, no DID issuer) and the issuer is not in your trusted list"
    for c in candidates:
        try:
            r = rep.ctx.resolver.resolve(c)
            return r.key, r.controller
        except KeyUnresolved as exc:
            last_err = str(exc)
    if iss.startswith("https://"):
        key, who = _issuer_metadata_key(rep, header, iss)
        if key is not None:
            return key, who
        last_err = who
    return None, last_err


def _embedded_jwk(header: dict[str, Any]) -> tuple[keys.PublicKey, str] | None:
    """The key a JWS carries in its own ``jwk`` header, named as a did:jwk (it names no one)."""
    import json as _json

    jwk = header.get("jwk")
    if not isinstance(jwk, dict):
        return None
    public = {k: v for k, v in jwk.items() if k in ("kty", "crv", "x", "y", "n", "e")}
    try:
        key = keys.from_jwk(public)
    except keys.KeyError_:
        return None
    name = "did:jwk:" + keys.b64u_encode(_json.dumps(public, sort_keys=True, separators=(",", ":")).encode())
    return key, name


def _jws_check(rep: _Report, token: str, iss: str, also: tuple[str, ...] = ()) -> str | None:
    """Check a JWS with the issuer's key; returns the key's controller (where it was resolved from).

    A JWS whose issuer key cannot be found but that carries its own key (``jwk`` header) is checked
    with that key: this proves the content was not altered since it was signed, never who signed it
    (the controller returned is that key as a did:jwk, which the issuer checks do not accept as the
    issuer's unless the issuer id is that very did:jwk)."""
    try:
        jws = jose.parse_compact(token)
        jose.check_header(jws.header, allow_embedded_jwk=True)
    except jose.JoseError as exc:
        rep.add("signature", FAIL, str(exc))
        return None
    key, who = _jwt_key(rep, jws.header, iss, also)
    embedded = None
    if key is None and "jwk" in jws.header:
        embedded = _embedded_jwk(jws.header)
        if embedded is None:
            rep.add("signature", FAIL, "the JWT carries an unusable key in its jwk header")
            return None
        key, who = embedded
    if key is None:
        rep.add("signature", SKIPPED, f"signature not checked: {who}")
        return None
    try:
        jose.verify(jws, key, allow_embedded_jwk=True)
    except jose.JoseError as exc:
        rep.add("signature", FAIL, str(exc))
        return None
    if embedded is not None:
        rep.add("signature", PASS, f"has a valid signature ({jws.header.get('alg')}, {keys.describe(key)} key) by the "
                                   "key the JWT carries itself (jwk header): the content is intact, but such a key "
                                   "proves nothing about who signed it")
    else:
        rep.add("signature", PASS, f"has a valid signature ({jws.header.get('alg')}, {keys.describe(key)} key)")
    return who


def _verify_vc_jwt(info: dict[str, Any], rep: _Report) -> None:
    claims, cred = info["claims"], info["credential"]
    from ..formats import vc as vcfmt

    fam = vcfmt.family(cred)
    inner = dict(cred)
    if "vc" in claims:  # VCDM 1.1 JWT: registered claims stand in for the properties
        inner.setdefault("issuer", claims.get("iss"))
        if "issuanceDate" not in inner and isinstance(claims.get("nbf"), int | float):
            inner["issuanceDate"] = iso(dt.datetime.fromtimestamp(claims["nbf"], dt.timezone.utc))
        sub = inner.get("credentialSubject")
        if isinstance(sub, dict) and "id" not in sub and isinstance(claims.get("sub"), str):
            inner["credentialSubject"] = dict(sub, id=claims["sub"])
    problems = data_model_problems(inner, fam)
    rep.add("format", FAIL if problems else PASS,
            ("not a valid credential: " + "; ".join(problems[:3])) if problems else "well-formed VC-JWT")
    issuer_id = ident(inner.get("issuer")) or (claims.get("iss") if isinstance(claims.get("iss"), str) else "")
    ctrl = _jws_check(rep, info["token"], issuer_id)
    _issuer_trust(rep, issuer_id, _issuer_key(rep, issuer_id, [ctrl] if ctrl else []))
    status.check(inner, rep, rep.ctx)
    nbf = claims.get("nbf") if isinstance(claims.get("nbf"), int | float) else None
    exp = claims.get("exp") if isinstance(claims.get("exp"), int | float) else None
    issued = iso(dt.datetime.fromtimestamp(nbf, dt.timezone.utc)) if nbf else inner.get("validFrom") or inner.get("issuanceDate")
    expires = iso(dt.datetime.fromtimestamp(exp, dt.timezone.utc)) if exp else inner.get("validUntil") or inner.get("expirationDate")
    _validity(rep, issued, expires)
    _subject(rep, [ident(s) for s in as_list(inner.get("credentialSubject")) if isinstance(s, dict)])


def _ob2_problems(a: dict[str, Any]) -> list[str]:
    p = []
    if "Assertion" not in types_of(a):
        p.append("type is not Assertion")
    if not isinstance(a.get("recipient"), dict) or not a["recipient"].get("identity"):
        p.append("recipient is missing")
    if not a.get("badge"):
        p.append("badge is missing")
    if not isinstance(a.get("verification"), dict) or a["verification"].get("type") not in ("hosted", "signed",
                                                                                               "HostedBadge",
                                                                                               "SignedBadge"):
        p.append("verification type is missing or unknown")
    if parse_time(a.get("issuedOn")) is None:
        p.append("issuedOn is missing or not a date")
    img = a.get("image")
    if isinstance(img, str) and img.startswith("data:"):
        p.append("an assertion image may not be a data: URI")
    ctx = a.get("@context")
    if not any(c in OB2_CONTEXTS for c in (ctx if isinstance(ctx, list) else [ctx]) if isinstance(c, str)):
        p.append("@context is not the Open Badges 2.0 context")
    # verification.startsWith / allowedOrigins are the issuer's policy: they are read from the issuer's
    # profile (fetched, see _hosted_policy), never from the assertion, which anyone can write
    return p


def _fetch_json(rep: _Report, url: str, what: str) -> Any:
    import json as _json

    from ..fetch import FetchRefused

    if not isinstance(url, str) or not url.startswith("https://"):
        raise ValueError(f"{what} is not at an https URL ({str(url)[:80]!r})")
    try:
        return _json.loads(rep.ctx.fetcher.get(url))
    except FetchRefused as exc:
        raise ValueError(f"could not fetch {what} ({url}): {exc}") from exc
    except ValueError as exc:
        raise ValueError(f"{what} at {url} is not JSON") from exc


def _hosted_policy(rep: _Report, assertion: dict[str, Any]) -> tuple[str, str]:
    """Fetch the badge class and the issuer's profile; check the assertion's URL against the issuer's
    hosted-verification policy (``verification.allowedOrigins`` / ``startsWith`` of the profile; by
    default the issuer profile's own host).  Returns (issuer id, the domain the issuer vouches for);
    raises ValueError when it could not be established, PermissionError when the policy refuses it."""
    import urllib.parse

    badge = assertion.get("badge")
    if isinstance(badge, str):
        badge = _fetch_json(rep, badge, "the badge class")
    if not isinstance(badge, dict):
        raise ValueError("the assertion names no badge class")
    issuer_ref = badge.get("issuer")
    issuer_id = ident(issuer_ref)
    profile = _fetch_json(rep, issuer_id, "the issuer's profile")
    if not isinstance(profile, dict) or ident(profile) not in ("", issuer_id):
        raise ValueError("the issuer's profile names another issuer")
    aid = assertion.get("id") if isinstance(assertion.get("id"), str) else ""
    host = (urllib.parse.urlsplit(aid).hostname or "").lower()
    policy = profile.get("verification") if isinstance(profile.get("verification"), dict) else {}
    starts = [x for x in as_list(policy.get("startsWith")) if isinstance(x, str) and x]
    origins = [x.lower() for x in as_list(policy.get("allowedOrigins")) if isinstance(x, str) and x]
    if starts and not any(aid.startswith(x) for x in starts):
        raise PermissionError("the assertion is hosted outside what the issuer's profile allows "
                              "(verification.startsWith)")
    if origins and host not in origins:
        raise PermissionError("the assertion is hosted outside what the issuer's profile allows "
                              "(verification.allowedOrigins)")
    if not starts and not origins and host != domain_of(issuer_id):
        raise PermissionError(f"the assertion is hosted on {host}, not on the issuer's own domain "
                              f"({domain_of(issuer_id)}), and the issuer's profile allows no other origin")
    return issuer_id, host


def _verify_ob2_hosted(info: dict[str, Any], rep: _Report) -> None:
    """A hosted Open Badge 2.0 is authentic if the issuer still hosts this very assertion at its URL, on
    an origin the issuer's own profile allows.  Offline, neither that nor revocation can be checked."""
    offline = " (online checks are off)" if not rep.ctx.online else ""
    if info.get("kind") == "ob2-url":
        rep.add("format", PASS, "a baked hosted badge that points to its assertion")
        rep.add("signature", SKIPPED, "hosted badge: it is checked by fetching it from the issuer" + offline)
        rep.add("status", SKIPPED, "revocation not checked: the hosted assertion was not fetched" + offline)
        return
    a = info["doc"]
    problems = _ob2_problems(a)
    rep.add("format", FAIL if problems else PASS,
            ("not a valid Open Badge: " + "; ".join(problems[:3])) if problems else "well-formed Open Badges 2.0 assertion")
    url = a.get("id") if isinstance(a.get("id"), str) else ""
    badge = a.get("badge")
    issuer_id = ident(badge.get("issuer")) if isinstance(badge, dict) else ""
    hosted = False
    if not rep.ctx.online:
        rep.add("signature", SKIPPED, "hosted badge: authenticity is checked by fetching it from the issuer" + offline)
        rep.add("status", SKIPPED, "revocation not checked" + offline)
    else:
        fetched: Any = None
        try:
            fetched = _fetch_json(rep, url, "the hosted assertion")
            if fetched != a:
                rep.add("signature", FAIL, "the issuer's hosted copy differs from this one")
            else:
                issuer_id, host = _hosted_policy(rep, a)
                hosted = True
                rep.issuer.update(key=url, domain=host)
                rep.add("signature", PASS, f"the issuer still hosts this exact assertion, on {host}, which its "
                                           "profile allows")
        except PermissionError as exc:
            rep.add("signature", FAIL, str(exc))
        except ValueError as exc:
            rep.add("signature", SKIPPED, f"hosted badge not checked: {exc}")
        if not hosted:
            rep.add("status", SKIPPED, "revocation not checked: the issuer's hosted copy could not be confirmed")
        elif isinstance(fetched, dict) and fetched.get("revoked") is True:
            reason = fetched.get("revocationReason")
            rep.add("status", FAIL, "revoked by the issuer" + (f": {str(reason)[:120]}" if reason else ""))
        else:
            rep.add("status", PASS, "the issuer still hosts it and has not marked it revoked")
    rep.add("issuer_key", PASS if hosted else SKIPPED,
            "hosted on the issuer's own web origin" if hosted else "not fetched from the issuer: nothing ties it "
            "to the issuer", important=False)
    _issuer_trust(rep, issuer_id, hosted)
    _validity(rep, a.get("issuedOn"), a.get("expires"))


def _verify_blockcerts_v2(doc: dict[str, Any], rep: _Report) -> dict[str, Any] | None:
    """Blockcerts 2 (an Open Badges 2.0 assertion whose RDF is hashed into a Merkle receipt): checked and
    shown from its signed view, like the JSON-LD credentials."""
    from . import blockcerts

    try:
        view = signed_view({k: v for k, v in doc.items() if k != "signature"}, rep.ctx.loader, ("Assertion",))
    except JsonLdProblem as exc:
        rep.add("format", FAIL, f"refused: {exc}")
        return None
    problems = [p for p in _ob2_problems(view) if "verification type" not in p]
    rep.add("format", FAIL if problems else PASS,
            ("not a valid Blockcerts 2 certificate: " + "; ".join(problems[:3])) if problems
            else "well-formed Blockcerts 2 certificate (Open Badges 2.0 assertion)")
    blockcerts.check_v2(doc, rep, rep.ctx)
    badge = view.get("badge")
    issuer_id = ident(badge.get("issuer")) if isinstance(badge, dict) else ""
    rep.add("issuer_key", SKIPPED, "a Merkle receipt is not a key signature; the issuer is confirmed by its "
                                    "blockchain transaction", important=False)
    _issuer_trust(rep, issuer_id, False)
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    if isinstance(issuer, dict) and issuer.get("revocationList"):
        rep.add("status", SKIPPED, "revocation list not checked" + ("" if rep.ctx.online else " (online checks are off)"))
    else:
        rep.add("status", PASS, "the issuer publishes no revocation list for it")
    _validity(rep, view.get("issuedOn"), view.get("expires"))
    return view


def _verify_ob2_signed(info: dict[str, Any], rep: _Report) -> None:
    a = info["claims"]
    problems = _ob2_problems(a)
    rep.add("format", FAIL if problems else PASS,
            ("not a valid Open Badge: " + "; ".join(problems[:3])) if problems else "well-formed signed Open Badges 2.0 assertion")
    badge = a.get("badge")
    issuer_id = ident(badge.get("issuer")) if isinstance(badge, dict) else ""
    creator = a.get("verification", {}).get("creator") if isinstance(a.get("verification"), dict) else None
    ctrl = _jws_check(rep, info["token"], creator if isinstance(creator, str) else issuer_id, (issuer_id,))
    _issuer_trust(rep, issuer_id, _issuer_key(rep, issuer_id, [ctrl] if ctrl else []))
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    if isinstance(issuer, dict) and "revocationList" not in issuer:
        rep.add("status", PASS, "the issuer publishes no revocation list for it")
    else:
        rep.add("status", SKIPPED, "revocation list not checked" + ("" if rep.ctx.online else " (online checks are off)"))
    _validity(rep, a.get("issuedOn"), a.get("expires"))


def _verify_sd_jwt(info: dict[str, Any], rep: _Report) -> None:
    token, claims = info["token"], info["claims"]
    try:
        sd = sdjwt.parse(token)
        sdjwt.reconstruct(sd)
        tampered = ""
    except sdjwt.UnreferencedDisclosure as exc:
        tampered = str(exc)
    except sdjwt.SdJwtError as exc:
        rep.add("format", FAIL, f"SD-JWT: {exc}")
        return
    typ = sd.jws.header.get("typ")
    if isinstance(claims.get("vct"), str):
        rep.add("format", PASS, f"well-formed SD-JWT VC with {len(sd.disclosures)} disclosures")
    elif typ in ("vc+sd-jwt", "dc+sd-jwt"):
        rep.add("format", FAIL, "SD-JWT VC has no vct claim")
    else:
        rep.add("format", PASS, f"well-formed SD-JWT with {len(sd.disclosures)} disclosures (not typed as a VC)")
    if tampered:
        rep.add("disclosures", FAIL, f"altered: {tampered}")
    else:
        rep.add("disclosures", PASS, f"all {len(sd.disclosures)} disclosures match digests in the signed payload")
    iss = claims.get("iss") if isinstance(claims.get("iss"), str) else ident(claims.get("issuer"))
    ctrl = _jws_check(rep, sd.issuer_jwt, iss)
    _issuer_trust(rep, iss, _issuer_key(rep, iss, [ctrl] if ctrl else []))
    if isinstance(claims.get("status"), dict):
        rep.add("status", SKIPPED, "token status list not checked" + ("" if rep.ctx.online else " (online checks are off)"))
    else:
        rep.add("status", PASS, "no revocation status declared by the issuer")
    iat = claims.get("nbf") or claims.get("iat")
    exp = claims.get("exp")
    _validity(rep, iso(dt.datetime.fromtimestamp(iat, dt.timezone.utc)) if isinstance(iat, int | float) else None,
              iso(dt.datetime.fromtimestamp(exp, dt.timezone.utc)) if isinstance(exp, int | float) else None)
    cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
    if sd.kb_jwt:
        # a presentation kept as it was received: its key binding must hold too
        try:
            kb = jose.parse_compact(sd.kb_jwt)
            if cnf is None:
                raise jose.JoseError("a key binding JWT, but the credential names no holder key")
            jose.verify(kb, keys.from_jwk(cnf.get("jwk")))
            if kb.payload_json().get("sd_hash") != sdjwt.sd_hash(sd):
                raise jose.JoseError("the key binding does not cover these disclosures")
            rep.add("holder_binding", PASS, "key binding signed by the holder key (cnf)")
        except (jose.JoseError, keys.KeyError_, AttributeError) as exc:
            rep.add("holder_binding", FAIL, f"key binding: {exc}")
    else:
        rep.add("holder_binding", PASS if cnf else SKIPPED,
                "bound to a holder key (cnf)" if cnf else "not bound to a holder key", important=False)
    n_sigs = info.get("signatures", 1)
    if n_sigs > 1:
        sig = next(c for c in rep.checks if c.id == "signature")
        if sig.status == PASS:
            sig.status = SKIPPED
            sig.message = f"only the first of {n_sigs} issuer signatures could be checked: {sig.message}"
