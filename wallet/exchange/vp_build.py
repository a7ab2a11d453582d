"""The vp_token of an OpenID4VP answer, for :mod:`wallet.exchange.vp`: per credential query, SD-JWT + KB-JWT
presentations (nonce, client id as audience) or VC 2.0 presentations signed by the holder (challenge = nonce,
domain = client id), derived to the chosen claims where the credential allows it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..clock import iso
from ..crypto import sdjwt
from ..crypto.pointers import pointer_tokens

if TYPE_CHECKING:
    from .vp import Answer


def _touches(paths: Any, w: tuple[str, ...]) -> bool:
    return any(path[: len(w)] == w or w[: len(path)] == path for path in paths)


def build_vp_token(answer: Answer, wallet: Any, now: dt.datetime) -> dict[str, list[Any]]:
    from ..crypto.jsonld import DocumentLoader
    from ..present import di_sd
    from ..present import sdjwt_presentation as present_sd
    from ..present import vp as present_vp

    req = answer.offer.request
    hk = wallet.holder()
    token: dict[str, list[Any]] = {}
    loader = DocumentLoader()
    for item in answer.items:
        src = answer.offer.sources[item.credential_id]
        if src.kind == "sd-jwt":
            sd = sdjwt.parse(src.token)
            paths = present_sd.disclosure_map(sd).values()
            needed = [p for p in item.pointers if _touches(paths, pointer_tokens(p))]
            text, _ = present_sd.present(src.token, needed, hk.p256, audience=req.verifier.client_id,
                                         nonce=req.nonce, iat=int(now.timestamp()))
            token.setdefault(item.query_id, []).append(text)
        else:
            doc = src.doc if src.kind == "whole" else di_sd.derive(src.doc, item.pointers, item.title, loader)
            vp = present_vp.make_vp([doc], hk.ed25519, hk.did, domain=req.verifier.client_id, challenge=req.nonce,
                                    created=iso(now), expires=None, loader=loader)
            token.setdefault(item.query_id, []).append(vp)
    return token
