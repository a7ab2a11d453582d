"""Revocation and suspension: BitstringStatusList, StatusList2021, 1EdTech revocation lists.

Status lists live on the issuer's server, so they are read only with online checks on; offline
the check is ``skipped`` and says so.  Lists are decompressed with a size cap.
"""

from __future__ import annotations

import base64
import gzip
import io
from typing import Any

from ..crypto.jose import strict_json
from ..fetch import FetchRefused
from ..formats.common import as_list, as_str, ident
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED

MAX_LIST_BYTES = 16 * 1024 * 1024
BITSTRING_TYPES = {"BitstringStatusListEntry", "StatusList2021Entry"}
REVOCATION_LIST_TYPES = {"1EdTechRevocationList", "RevocationList2020Status"}
PURPOSE_WORDS = {"revocation": "revoked", "suspension": "suspended"}  # the purposes that end validity


class StatusProblem(ValueError):
    pass


def decode_bitstring(encoded: str) -> bytes:
    """``encodedList``: multibase base64url ('u' prefix, Bitstring) or plain base64url (2021), GZIP inside."""
    s = encoded[1:] if encoded.startswith("u") else encoded
    try:
        raw = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    except ValueError as exc:
        raise StatusProblem(msg("error.status.not_base64url")) from exc
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
                _bitstring(e, rep, ctx)
            elif types & REVOCATION_LIST_TYPES:
                _revocation_list(doc, e, rep, ctx)
            else:
                rep.add("status", SKIPPED, msg("check.status.unsupported_type", type=repr(t)))
        except (StatusProblem, FetchRefused, ValueError) as exc:
            rep.add("status", SKIPPED, msg("check.status.not_checked", reason=exc))


def _bitstring(e: dict[str, Any], rep: Any, ctx: Any) -> None:
    url = e.get("statusListCredential")
    try:
        index = int(e["statusListIndex"])
    except (KeyError, TypeError, ValueError) as exc:
        raise StatusProblem(msg("error.status.index_not_number")) from exc
    if not isinstance(url, str):
        raise StatusProblem(msg("error.status.no_url"))
    listcred = strict_json(ctx.fetcher.get(url), url)
    sub = listcred.get("credentialSubject") if isinstance(listcred, dict) else None
    if not isinstance(sub, dict) or not isinstance(sub.get("encodedList"), str):
        raise StatusProblem(msg("error.status.no_encoded_list"))
    purpose = str(e.get("statusPurpose") or sub.get("statusPurpose") or "revocation")
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


def _revocation_list(doc: dict[str, Any], e: dict[str, Any], rep: Any, ctx: Any) -> None:
    url = ident(e)
    data = strict_json(ctx.fetcher.get(url), url)
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

