"""Revocation and suspension: BitstringStatusList, StatusList2021, 1EdTech revocation lists.

Status lists live on the issuer's server, so they are read only with online checks on; offline
the check is ``skipped`` and says so.  Lists are decompressed with a size cap.

A status list is believed only when its issuer vouches for it (the Bitstring Status List validation
algorithm, with credwallet's issuer rule): the fetched list credential is checked like any credential
(Data Integrity or VC-JWT, by the same engine; its own status is not followed), its proof must hold, its
issuer must be the credential's issuer (the same id) and its signing key that issuer's, it must be in its
validity period now, it must be the list the entry names (its ``id``, when it has one) and be for the
entry's ``statusPurpose``.  Anything less and the check is ``skipped`` with the reason: whoever can
answer the list's URL cannot make a revoked credential "not revoked", nor a valid one "revoked".
An unsigned 1EdTech revocation list is believed only when it is published on the issuer's own domain.
"""

from __future__ import annotations

import base64
import gzip
import io
from typing import Any

from ..crypto.did import domain_of
from ..crypto.jose import strict_json
from ..errors import WalletError
from ..fetch import FetchRefused
from ..formats.common import as_list, as_str, ident
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED
from .report import Report

MAX_LIST_BYTES = 16 * 1024 * 1024
BITSTRING_TYPES = {"BitstringStatusListEntry", "StatusList2021Entry"}
REVOCATION_LIST_TYPES = {"1EdTechRevocationList", "RevocationList2020Status"}
PURPOSE_WORDS = {"revocation": "revoked", "suspension": "suspended"}  # the purposes that end validity


class StatusProblem(ValueError):
    pass


def unbase64url(s: str) -> bytes:
    """A status list's base64url text (padding optional) as bytes; StatusProblem when it is not."""
    try:
        return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    except ValueError as exc:
        raise StatusProblem(msg("error.status.not_base64url")) from exc


def decode_bitstring(encoded: str) -> bytes:
    """``encodedList``: multibase base64url ('u' prefix, Bitstring) or plain base64url (2021), GZIP inside."""
    raw = unbase64url(encoded[1:] if encoded.startswith("u") else encoded)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            data = gz.read(MAX_LIST_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise StatusProblem(msg("error.status.not_gzip")) from exc
    if len(data) > MAX_LIST_BYTES:
        raise StatusProblem(msg("error.status.too_large"))
    return data


def bit_is_set(bits: bytes, index: int) -> bool:
    if index < 0 or index >= len(bits) * 8:
        raise StatusProblem(msg("error.status.index_outside", index=index))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def check(doc: dict[str, Any], rep: Any, ctx: Any) -> None:
    entries = [e for e in as_list(doc.get("credentialStatus")) if isinstance(e, dict)]
    if not entries:
        rep.add("status", PASS, msg("check.status.not_revocable"))
        return
    if rep.of_status_list:  # a status list's own status: not followed (no chain of lists, no loop)
        rep.add("status", SKIPPED, msg("check.status.of_status_list"), important=False)
        return
    cached = [e for e in entries if isinstance(e.get("statusListCredential") or e.get("id"), str)
              and ctx.fetcher.fetched_at(e.get("statusListCredential") or e.get("id"))]
    if not ctx.online and not cached:
        rep.add("status", SKIPPED, msg("check.status.offline"))
        return
    for e in entries:
        t = e.get("type")
        types = {x for x in as_list(t) if isinstance(x, str)}  # a type may be written as a list of one
        try:
            if types & BITSTRING_TYPES:
                _bitstring(doc, e, rep, ctx)
            elif types & REVOCATION_LIST_TYPES:
                _revocation_list(doc, e, rep, ctx)
            else:
                rep.add("status", SKIPPED, msg("check.status.unsupported_type", type=repr(t)))
        except (StatusProblem, FetchRefused, ValueError) as exc:
            rep.add("status", SKIPPED, msg("check.status.not_checked", reason=exc))


def _bitstring(doc: dict[str, Any], e: dict[str, Any], rep: Any, ctx: Any) -> None:
    url = e.get("statusListCredential")
    try:
        index = int(e["statusListIndex"])
    except (KeyError, TypeError, ValueError) as exc:
        raise StatusProblem(msg("error.status.index_not_number")) from exc
    if not isinstance(url, str):
        raise StatusProblem(msg("error.status.no_url"))
    listcred = signed_list(ctx.fetcher.get(url), url, ident(doc.get("issuer")), ctx)
    sub = next((s for s in as_list(listcred.get("credentialSubject")) if isinstance(s, dict)), None)
    if not isinstance(sub, dict) or not isinstance(sub.get("encodedList"), str):
        raise StatusProblem(msg("error.status.no_encoded_list"))
    listed = [p for p in as_list(sub.get("statusPurpose")) if isinstance(p, str)]
    purpose = str(e.get("statusPurpose") or (listed[0] if listed else "revocation"))
    if listed and purpose not in listed:  # the issuer's suspension list answering for its revocation list
        raise StatusProblem(msg("error.status.wrong_purpose", listed=", ".join(repr(p) for p in listed), purpose=repr(purpose)))
    word = PURPOSE_WORDS.get(purpose)
    if word is None:  # refresh, message, ...: a set bit there says nothing about validity
        rep.add("status", SKIPPED, msg("check.status.purpose_not_checked", purpose=repr(purpose)))
        return
    bits = decode_bitstring(sub["encodedList"])
    when = (ctx.fetcher.fetched_at(url) or rep.at)[:10]
    if bit_is_set(bits, index):
        rep.add("status", FAIL, msg("check.status.set", word=msg(f"word.{word}"), date=when))
    else:
        rep.add("status", PASS, msg("check.status.not_set", word=msg(f"word.{word}"), date=when))


def signed_list(raw: bytes, url: str, issuer_id: str, ctx: Any) -> dict[str, Any]:
    """The status list credential fetched from ``url`` as its issuer signed it (its signed view, or a VC-JWT's
    verified credential), once it passes the rule in the module docstring; raises StatusProblem why not."""
    from ..formats import detect
    from . import engine

    try:
        parsed = detect.parse(raw, url)
    except WalletError as exc:
        raise StatusProblem(msg("error.status.list_unreadable")) from exc
    kind = parsed.payload.get("kind") if isinstance(parsed.payload, dict) else None
    if kind not in ("vc", "jws") or parsed.format == "blockcerts":
        raise StatusProblem(msg("error.status.list_unreadable"))
    sub = Report(ctx)
    sub.of_status_list = True
    listed, list_issuer = engine.check_supporting(parsed, sub)
    got = {c.id: c for c in sub.checks}
    fmt, sig = got.get("format"), got.get("signature")
    if listed is None or fmt is None or fmt.status != PASS:
        raise StatusProblem(msg("error.status.list_invalid", reason=fmt.message if fmt else msg("word.unreadable")))
    if sig is None or sig.status == FAIL:
        raise StatusProblem(msg("error.status.list_not_signed", reason=sig.message if sig else msg("word.no_proof")))
    if sig.status != PASS:
        raise StatusProblem(msg("error.status.list_signature_unchecked", reason=sig.message))
    if list_issuer != issuer_id:
        raise StatusProblem(msg("error.status.list_other_issuer", issuer=list_issuer[:60], expected=issuer_id[:60]))
    owner = got.get("issuer_key")
    if owner is None or owner.status != PASS:
        raise StatusProblem(msg("error.status.list_not_issuer_key_because", reason=owner.message) if owner
                            else msg("error.status.list_not_issuer_key"))
    list_id = as_str(listed.get("id"))
    if list_id and list_id != url:  # another list of the same issuer, served in place of this one
        raise StatusProblem(msg("error.status.list_other_url", got=list_id[:200], url=url[:200]))
    for cid in ("validity", "expiry"):
        c = got.get(cid)
        if c is not None and c.status != PASS:
            raise StatusProblem(msg("error.status.list_not_valid_now", reason=c.message))
    return listed


def _revocation_list(doc: dict[str, Any], e: dict[str, Any], rep: Any, ctx: Any) -> None:
    url = ident(e)
    raw = ctx.fetcher.get(url)
    issuer_id = ident(doc.get("issuer"))
    data: Any = strict_json(raw, url) if raw.lstrip()[:1] == b"{" else None
    if isinstance(data, dict) and "proof" not in data:
        # an unsigned list (as 1EdTech publishes them): believed only from the issuer's own web domain
        host = domain_of(url)
        if not host or host != domain_of(issuer_id):
            raise StatusProblem(msg("error.status.revocation_list_unsigned_elsewhere"))
        if isinstance(data, dict) and "issuer" in data and ident(data.get("issuer")) != issuer_id:
            raise StatusProblem(msg("error.status.revocation_list_other_issuer", issuer=ident(data.get("issuer"))[:60], expected=issuer_id[:60]))
    else:
        data = signed_list(raw, url, issuer_id, ctx)
        subject = next((s for s in as_list(data.get("credentialSubject")) if isinstance(s, dict)), None)
        data = subject if subject is not None and "revokedCredentials" in subject else data
    revoked = data.get("revokedCredentials") if isinstance(data, dict) else None
    if not isinstance(revoked, list):
        raise StatusProblem(msg("error.status.no_revoked_list"))
    cid = ident(doc)
    hit = next((r for r in revoked if isinstance(r, dict) and r.get("id") == cid), None)
    if hit:
        reason = as_str(hit.get("revocationReason"))
        rep.add("status", FAIL, msg("check.status.revoked_because", note=reason) if reason else msg("check.status.revoked"))
    else:
        rep.add("status", PASS, msg("check.status.not_revoked", date=(ctx.fetcher.fetched_at(url) or rep.at)[:10]))

