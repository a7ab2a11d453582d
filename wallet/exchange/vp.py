"""Respond to a verifier (OpenID4VP 1.0), with the learner's consent.

Three steps, each usable from tests and from both front ends (through ``wallet.service``):

1. :func:`offer` reads and checks the request (vp_request.load) and matches its DCQL query against the
   learner's stored credentials that are not invalid: per credential query, the candidates, and for each
   exactly which claims answering would reveal (SD-JWT: the disclosures; ecdsa-sd-2023 / bbs-2023: the
   chosen fields plus those the issuer always shows; a credential signed as a whole: every field).
2. :func:`decide` applies the learner's choices: which credential answers each query (``select``), which
   optional claims (those some accepted claim set can do without) and which optional credential sets they
   decline.  Nothing outside the chosen claim set is revealed.  A required query that cannot be answered
   any more stops here, before anything is sent.
3. :func:`send` builds the vp_token (an object keyed by credential query id, each an array of
   presentations: SD-JWT + KB-JWT with the request's nonce and the client id as audience; a VC 2.0
   presentation signed by the holder with challenge = nonce, domain = client id), posts it (direct_post or
   direct_post.jwt), writes the disclosure log and remembers the nonce (a second answer to the same nonce
   is refused).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from .. import settings as S
from ..clock import iso
from ..crypto import sdjwt
from ..crypto.pointers import pointer_label, pointer_tokens, to_pointer
from ..errors import WalletError
from . import dcql
from .http import ExchangeRefused, HttpClient
from .vp_request import NetworkFailed, Request, RequestRefused, VpTrust, load
from .vp_build import _touches, build_vp_token
from .vp_response import Reply, encrypt, post
from .vp_trust import (ATTESTERS_SETTING, ROOTS_SETTING, add_attester, add_root, load_pem_roots,
                       trust_from_settings)

ANSWERED_SETTING = S.VP_ANSWERED_NONCES
MAX_REMEMBERED = 2000
SD_JWT_HIDDEN = frozenset({"_sd", "_sd_alg", "cnf", "..."})

# building the vp_token lives in vp_build, the verifier trust settings in vp_trust; their names stay
# importable from here
__all__ = ["ANSWERED_SETTING", "ROOTS_SETTING", "ATTESTERS_SETTING", "MAX_REMEMBERED", "SD_JWT_HIDDEN",
           "Replay", "Source", "candidates", "Offer", "required_query", "claim_name", "optional_claims",
           "reveals", "offer", "Item", "Answer", "decide", "Sent", "build_vp_token", "send", "decline",
           "load_pem_roots", "trust_from_settings", "add_root", "add_attester"]


class Replay(RequestRefused):
    """This request's nonce was answered before."""


# --- the learner's credentials as queries see them ----------------------------------------------------


@dataclass
class Source:
    """What is needed to build a presentation of a candidate."""

    kind: str  # "sd-jwt" | "di-sd" | "whole"
    token: str = ""  # SD-JWT
    doc: dict[str, Any] = field(default_factory=dict)  # JSON-LD credential
    always: list[str] = field(default_factory=list)  # DI: what the issuer always shows
    visible: list[str] = field(default_factory=list)  # SD-JWT: claims in the issuer JWT (always visible)


def _expanded_types(doc: dict[str, Any]) -> frozenset[str]:
    from ..crypto.jsonld import DocumentLoader, JsonLdProblem, run_safe

    types = doc.get("type")
    compact = {types} if isinstance(types, str) else {t for t in types or [] if isinstance(t, str)}
    try:
        expanded = run_safe("expand", {k: v for k, v in doc.items() if k != "proof"}, DocumentLoader())
        node = expanded[0] if expanded else {}
        compact |= {t for t in node.get("@type", []) if isinstance(t, str)}
    except (JsonLdProblem, IndexError, TypeError, ValueError):
        pass
    return frozenset(compact)


def candidates(wallet: Any) -> tuple[list[dcql.Candidate], dict[str, Source]]:
    """Every stored credential that is not invalid and can be presented over OpenID4VP."""
    from ..formats import detect
    from ..formats.vc import selective_fields

    hk = wallet.holder()
    out: list[dcql.Candidate] = []
    sources: dict[str, Source] = {}
    for s in wallet.credentials():
        if s.status == "invalid" or s.format in ("pdf", "ob2", "vc-jwt", "blockcerts"):
            continue
        c = wallet.get(s.id)
        title = c.normalized.title or c.id
        if c.format == "sd-jwt-vc":
            token = c.original.decode("ascii", "replace").strip()
            try:
                sd = sdjwt.parse(token)
                claims = sdjwt.reconstruct(sd)
            except (sdjwt.SdJwtError, TypeError):
                continue
            cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
            bound = cnf is not None and cnf.get("jwk") == hk.p256_jwk
            visible = [to_pointer((k,)) for k in sd.payload if k not in SD_JWT_HIDDEN]
            shown = {k: v for k, v in claims.items() if k not in SD_JWT_HIDDEN}
            out.append(dcql.Candidate(c.id, title, dcql.SD_JWT, shown, vct=claims.get("vct"), holder_bound=bound))
            sources[c.id] = Source("sd-jwt", token=token, visible=visible)
            continue
        try:
            parsed = detect.parse(c.original, c.id)
        except WalletError:
            continue
        info = parsed.payload if isinstance(parsed.payload, dict) else {}
        if info.get("kind") != "vc":
            continue
        doc = info["doc"]
        sel = selective_fields(doc)
        subject = doc.get("credentialSubject") if isinstance(doc.get("credentialSubject"), dict) else {}
        sid = subject.get("id")
        bound = not (isinstance(sid, str) and sid.startswith("did:") and sid != hk.did)
        shown = {k: v for k, v in doc.items() if k != "proof"}
        out.append(dcql.Candidate(c.id, title, dcql.LDP_VC, shown, types=_expanded_types(doc),
                                  holder_bound=bound, whole=sel is None))
        sources[c.id] = Source("whole" if sel is None else "di-sd", doc=doc, always=list(sel[1]) if sel else [])
    out.sort(key=lambda cand: cand.whole)  # the default pick reveals least: field by field before whole credentials
    return out, sources


# --- what the learner is shown ----------------------------------------------------------------------


@dataclass
class Offer:
    request: Request
    results: list[dcql.QueryResult]
    sources: dict[str, Source]
    http: HttpClient | None = field(default=None, repr=False)  # the client that fetched it; sending reuses it

    def to_json(self) -> dict[str, Any]:
        return {"verifier": self.request.verifier.to_json(), "response_uri": self.request.response_uri,
                "response_mode": self.request.response_mode,
                "queries": [{"id": r.query.id, "format": r.query.format, "multiple": r.query.multiple,
                             "required": required_query(self.request.query, r.query.id),
                             "matches": [{"credential": m.candidate.id, "title": m.candidate.title,
                                          "reveals": reveals(self, m.candidate.id, m.options[0].pointers),
                                          "optional_claims": optional_claims(m)} for m in r.matches],
                             **({"why_none": r.why_none} if not r.matches else {})}
                            for r in self.results]}


def required_query(query: dcql.Query, qid: str) -> bool:
    """Must this credential query be answered (it is in every option of a required credential set)?"""
    return any(required and all(qid in o for o in options) for options, required in dcql.required_combinations(query))


def claim_name(c: dcql.ClaimQuery) -> str:
    return c.id or c.label()


def optional_claims(m: dcql.Match) -> list[str]:
    """Claims of the preferred claim set the learner may decline (another acceptable set does without them)."""
    first = m.options[0].claims
    return [claim_name(c) for c in first
            if any(all(claim_name(x) != claim_name(c) for x in o.claims) for o in m.options[1:])]


def _sd_reveals(src: Source, pointers: list[str]) -> list[str]:
    from ..present.sdjwt_presentation import disclosure_map, select

    sd = sdjwt.parse(src.token)
    paths = disclosure_map(sd)
    needed = [p for p in pointers if _touches(paths.values(), pointer_tokens(p))]
    chosen = select(sd, needed) if needed else []
    return sorted(to_pointer(paths[d.raw]) for d in chosen)


def reveals(offer: Offer, cid: str, pointers: list[str]) -> dict[str, Any]:
    """Exactly what answering with this credential shows: the selected claims, and what is always shown."""
    src = offer.sources[cid]
    if src.kind == "sd-jwt":
        return {"claims": _sd_reveals(src, pointers), "always_shown": src.visible}
    if src.kind == "di-sd":
        return {"claims": sorted(pointers), "always_shown": src.always}
    return {"claims": ["(every field: this credential is signed as a whole)"], "always_shown": [], "whole": True}


def offer(wallet: Any, text: str, *, http: HttpClient, trust: VpTrust, now: dt.datetime) -> Offer:
    request = load(text, http=http, trust=trust, now=now)
    if _answered_before(wallet, request):
        raise Replay("this request (its nonce) was already answered; a verifier asking again must make a new request")
    cands, sources = candidates(wallet)
    return Offer(request, dcql.match(request.query, cands), sources, http)


# --- the learner's decision ---------------------------------------------------------------------------


@dataclass
class Item:
    query_id: str
    credential_id: str
    title: str
    pointers: list[str]  # what the chosen claim set resolves to
    shown: dict[str, Any]  # reveals()


@dataclass
class Answer:
    offer: Offer
    items: list[Item]
    notes: list[str] = field(default_factory=list)

    def claims(self) -> list[dict[str, Any]]:
        return [{"query": i.query_id, "credential": i.credential_id, "title": i.title,
                 "claims": i.shown["claims"], "labels": [pointer_label(p) for p in i.shown["claims"]
                                                         if p.startswith("/")],
                 "always_shown": i.shown["always_shown"]} for i in self.items]


def decide(off: Offer, select: dict[str, list[str]] | None = None, decline_claims: dict[str, set[str]] | None = None,
           decline_queries: set[str] | None = None) -> Answer:
    """The answer the learner agreed to.  ``select``: query id -> credential ids (default: the first match);
    ``decline_claims``: query id -> claim names (claim id, or its path as 'a/b/*') not to reveal;
    ``decline_queries``: credential queries not to answer (only possible when no required set needs them)."""
    select = dict(select or {})
    decline_claims = decline_claims or {}
    decline_queries = set(decline_queries or ())
    known = {r.query.id for r in off.results}
    unknown = [q for q in [*select, *decline_claims, *decline_queries] if q not in known]
    if unknown:
        raise WalletError(f"the request has no credential query {unknown[0]!r} (it asks for {', '.join(sorted(known))})")
    picked: dict[str, list[tuple[dcql.Match, dcql.Option]]] = {}
    notes: list[str] = []
    for r in off.results:
        qid = r.query.id
        if qid in decline_queries:
            continue
        by_id = {m.candidate.id: m for m in r.matches}
        wanted = select.get(qid)
        if wanted is not None:
            bad = [w for w in wanted if w not in by_id]
            if bad:
                raise WalletError(f"credential {bad[0]} does not answer the query {qid!r}"
                                  + (f" (these do: {', '.join(by_id)})" if by_id else f" ({r.why_none})"))
            if len(wanted) > 1 and not r.query.multiple:
                raise WalletError(f"the query {qid!r} takes one credential, not {len(wanted)}")
            chosen = [by_id[w] for w in wanted]
        else:
            chosen = r.matches[:1]
        declined = decline_claims.get(qid, set())
        answers = []
        for m in chosen:
            opt = next((o for o in m.options if not any(claim_name(c) in declined for c in o.claims)), None)
            if opt is None:
                notes.append(f"'{m.candidate.title}' cannot answer {qid!r} without a claim you declined")
                continue
            answers.append((m, opt))
        if answers:
            picked[qid] = answers
    to_answer, unmet = dcql.plan(off.request.query, set(picked))
    if unmet:
        why = "; ".join(notes) or "; ".join(f"{r.query.id}: {r.why_none}" for r in off.results
                                             if not r.matches and r.why_none)
        raise WalletError(f"cannot answer this request: the verifier requires {', '.join(unmet)}"
                          + (f" ({why})" if why else ""))
    items = [Item(qid, m.candidate.id, m.candidate.title, o.pointers, reveals(off, m.candidate.id, o.pointers))
             for qid in to_answer for m, o in picked[qid]]
    if not items:
        raise WalletError("nothing to send: no credential answers this request")
    return Answer(off, items, notes)


# --- sending ----------------------------------------------------------------------------------------------


@dataclass
class Sent:
    answer: Answer
    reply: Reply | None
    sent: bool
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        req = self.answer.offer.request
        out: dict[str, Any] = {
            "verifier": req.verifier.to_json(),
            "credentials": [{"query": i.query_id, "id": i.credential_id, "title": i.title} for i in self.answer.items],
            "claims": self.answer.claims(),
            "sent": self.sent,
            "redirect_uri": self.reply.redirect_uri if self.reply else None,
        }
        if self.reply is not None:
            out["verifier_status"] = self.reply.status
            if self.reply.error:
                out["verifier_error"] = self.reply.error
        if self.notes:
            out["notes"] = self.notes
        return out


def send(wallet: Any, answer: Answer, *, http: HttpClient | None = None, now: dt.datetime) -> Sent:
    req = answer.offer.request
    http = http or answer.offer.http or HttpClient()
    if _answered_before(wallet, req):
        raise Replay("this request (its nonce) was already answered")
    vp_token = build_vp_token(answer, wallet, now)
    params: dict[str, Any] = {"vp_token": vp_token}
    if req.state is not None:
        params["state"] = req.state
    if req.response_mode == "direct_post.jwt":
        form = {"response": encrypt(params, req.client_metadata)}
    else:
        form = {"vp_token": json.dumps(vp_token, separators=(",", ":"))}
        if req.state is not None:
            form["state"] = req.state
    _remember(wallet, req, now)  # before the bytes leave: a second answer to this nonce is refused either way
    try:
        reply = post(http, req.response_uri, form)
    except ExchangeRefused as exc:
        _log(wallet, answer, now, "not confirmed: the verifier could not be reached")
        raise NetworkFailed(f"could not deliver the answer to {req.response_uri[:120]}: {exc}") from exc
    _log(wallet, answer, now, "accepted" if reply.accepted else f"rejected by the verifier ({reply.error})")
    return Sent(answer, reply, True, [*answer.notes, *req.notes, *reply.notes])


def decline(wallet: Any, off: Offer, *, http: HttpClient | None = None, now: dt.datetime) -> Reply | None:
    """Tell the verifier the learner said no (error=access_denied); nothing about the credentials is sent."""
    req = off.request
    http = http or off.http or HttpClient()
    form = {"error": "access_denied", "error_description": "the holder declined"}
    if req.state is not None:
        form["state"] = req.state
    if req.response_mode == "direct_post.jwt":
        form = {"response": encrypt(form, req.client_metadata)}
    _remember(wallet, req, now)
    try:
        return post(http, req.response_uri, form)
    except ExchangeRefused:
        return None


# --- the vault: answered nonces and the disclosure log ----------------------------------------------------


def _nonce_key(req: Request) -> str:
    return hashlib.sha256(f"{req.verifier.client_id}\n{req.nonce}".encode()).hexdigest()


def _answered_before(wallet: Any, req: Request) -> bool:
    seen = wallet.setting(ANSWERED_SETTING, []) or []
    return any(e.get("key") == _nonce_key(req) for e in seen if isinstance(e, dict))


def _remember(wallet: Any, req: Request, now: dt.datetime) -> None:
    seen = [e for e in wallet.setting(ANSWERED_SETTING, []) or [] if isinstance(e, dict)]
    seen.append({"key": _nonce_key(req), "at": iso(now)})
    wallet.set_setting(ANSWERED_SETTING, seen[-MAX_REMEMBERED:])


def _log(wallet: Any, answer: Answer, now: dt.datetime, outcome: str) -> None:
    req = answer.offer.request
    v = req.verifier
    disclosed = [{"id": i.credential_id, "title": i.title, "query": i.query_id, "disclosed": i.shown["claims"],
                  "always_shared": i.shown["always_shown"],
                  "verifier": {"client_id": v.client_id, "identity": v.name if v.verified else "unverified",
                               "response_uri": req.response_uri}, "outcome": outcome}
                 for i in answer.items]
    wallet.store.log_disclosure(iso(now), v.client_id, "openid4vp", [i.credential_id for i in answer.items],
                                disclosed, None)
