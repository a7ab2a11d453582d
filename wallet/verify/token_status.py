"""The Token Status List of an SD-JWT VC (draft-ietf-oauth-status-list): ``status.status_list`` names a
Status List Token (``uri``) and an index (``idx``) into it.

The token is read only with online checks on (or from the dated cache), and believed only when it is a
``statuslist+jwt`` signed with the credential's issuer's key (the same key lookup and the same issuer
rule as the credential's own signature; its own ``iss``, if any, must be the credential's), its ``sub``
is the ``uri`` the credential names, and it has not expired.  Otherwise the check is ``skipped`` and says
why, never ``pass``.  The list is decompressed (ZLIB) with a size cap.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from ..crypto import jose
from ..fetch import FetchRefused
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED
from .checks import day
from .issuer import issuer_key
from .jws import jws_check
from .report import Report
from .status import MAX_LIST_BYTES, StatusProblem, unbase64url

STATUS_WORDS = {1: "revoked", 2: "suspended"}  # 0 is VALID; 3 and up are the issuer's own, not checked here


def check(claims: dict[str, Any], iss: str, rep: Report) -> None:
    ctx = rep.ctx
    status = claims.get("status")
    if not isinstance(status, dict):
        rep.add("status", PASS, msg("check.status.none_declared"))
        return
    ref = status.get("status_list")
    uri = ref.get("uri") if isinstance(ref, dict) else None
    if not ctx.online and not (isinstance(uri, str) and ctx.fetcher.fetched_at(uri)):
        rep.add("status", SKIPPED, msg("check.status.token_list", offline=msg("word.offline_suffix")))
        return
    idx = ref.get("idx") if isinstance(ref, dict) else None
    if not isinstance(uri, str) or not isinstance(idx, int) or isinstance(idx, bool) or idx < 0:
        rep.add("status", SKIPPED, msg("check.status.token_list_no_ref"))
        return
    try:
        value = status_value(ctx.fetcher.get(uri, accept="application/statuslist+jwt"), uri, idx, iss, rep)
    except (StatusProblem, FetchRefused) as exc:
        rep.add("status", SKIPPED, msg("check.status.token_list_because", reason=exc))
        return
    when = (ctx.fetcher.fetched_at(uri) or rep.at)[:10]
    if value == 0:
        rep.add("status", PASS, msg("check.status.not_revoked", date=when))
    elif value in STATUS_WORDS:
        rep.add("status", FAIL, msg("check.status.set", word=msg(f"word.{STATUS_WORDS[value]}"), date=when))
    else:
        rep.add("status", SKIPPED, msg("check.status.value_not_checked", value=f"{value:#x}"))


def status_value(raw: bytes, uri: str, idx: int, iss: str, rep: Report) -> int:
    """The status of entry ``idx`` in the Status List Token ``raw`` fetched from ``uri``, once the token is
    believed (see the module docstring); raises StatusProblem why not."""
    try:
        token = raw.decode("ascii").strip()
        jws = jose.parse_compact(token)
        payload = jws.payload_json()
    except (UnicodeDecodeError, jose.JoseError) as exc:
        raise StatusProblem(msg("error.status.token_not_jwt")) from exc
    if jws.header.get("typ") != "statuslist+jwt" or not isinstance(payload, dict):
        raise StatusProblem(msg("error.status.token_wrong_typ"))
    sub = Report(rep.ctx)
    sub.of_status_list = True
    ctrl = jws_check(sub, token, iss)
    sig = next(c for c in sub.checks if c.id == "signature")
    if sig.status == FAIL:
        raise StatusProblem(msg("error.status.token_not_signed", reason=sig.message))
    if sig.status != PASS:
        raise StatusProblem(msg("error.status.token_signature_unchecked", reason=sig.message))
    if "iss" in payload and payload["iss"] != iss:
        raise StatusProblem(msg("error.status.token_other_issuer", issuer=str(payload["iss"])[:60], expected=iss[:60]))
    if not issuer_key(sub, iss, [ctrl] if ctrl else []):
        owner = next(c for c in sub.checks if c.id == "issuer_key")
        raise StatusProblem(msg("error.status.token_not_issuer_key", reason=owner.message))
    if payload.get("sub") != uri:  # another list of the issuer's, served in place of this one
        raise StatusProblem(msg("error.status.token_other_uri", sub=str(payload.get("sub"))[:200], uri=uri[:200]))
    exp = payload.get("exp")
    if exp is not None:
        if not isinstance(exp, int | float) or isinstance(exp, bool):
            raise StatusProblem(msg("error.status.token_exp_not_time"))
        if dt.datetime.fromtimestamp(exp, dt.timezone.utc) < rep.ctx.clock():
            raise StatusProblem(msg("error.status.token_expired", date=day(dt.datetime.fromtimestamp(exp, dt.timezone.utc))))
    listed = payload.get("status_list")
    bits = listed.get("bits") if isinstance(listed, dict) else None
    lst = listed.get("lst") if isinstance(listed, dict) else None
    if not isinstance(bits, int) or isinstance(bits, bool) or bits not in (1, 2, 4, 8) or not isinstance(lst, str):
        raise StatusProblem(msg("error.status.token_no_list"))
    data = _inflate(lst)
    byte, shift = divmod(idx * bits, 8)
    if byte >= len(data):
        raise StatusProblem(msg("error.status.index_outside", index=idx))
    return (data[byte] >> shift) & ((1 << bits) - 1)


def _inflate(lst: str) -> bytes:
    raw = unbase64url(lst)
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, MAX_LIST_BYTES + 1)
    except zlib.error as exc:
        raise StatusProblem(msg("error.status.not_zlib")) from exc
    if len(data) > MAX_LIST_BYTES:
        raise StatusProblem(msg("error.status.too_large"))
    return data
