"""Data Integrity selective disclosure for the holder: a credential the issuer signed with an
ecdsa-sd-2023 or bbs-2023 base proof is shown field by field.  The wallet derives a proof that reveals only the
chosen fields plus those the issuer made mandatory; the base proof itself (which would let anyone
derive anything) never leaves the wallet.
"""

from __future__ import annotations

from typing import Any

from ..crypto import sd_primitives, selective
from ..crypto.canon import CanonicalizationError
from ..crypto.jsonld import DocumentLoader, JsonLdProblem
from ..crypto.pointers import is_personal, pointer_tokens
from ..errors import WalletError


def default_pointers(disclosable: list[str]) -> list[str]:
    """What was achieved and who issued it: everything except personal details."""
    return [p for p in disclosable if not is_personal(pointer_tokens(p))]


def exists(doc: dict[str, Any], pointer: str) -> bool:
    try:
        sd_primitives.select_json_ld([pointer], {k: v for k, v in doc.items() if k != "proof"})
        return True
    except sd_primitives.SelectionError:
        return False


def choose(docs: list[tuple[str, dict[str, Any]]], fields: dict[str, tuple[list[str], list[str]]],
           disclose: list[str] | dict[str, list[str]] | None) -> dict[str, list[str]]:
    """The pointers each selectively disclosable credential (``fields``: id -> (choosable, mandatory))
    shows.  ``disclose``: None for the privacy-preserving default; pointers applied to every credential
    that has them (each must exist in one); or a choice per credential id (left out: mandatory only)."""
    if disclose is None:
        return {cid: default_pointers(fields[cid][0]) for cid, _ in docs if cid in fields}
    per_cred = disclose if isinstance(disclose, dict) else None
    asked = [p for ps in per_cred.values() for p in ps] if per_cred is not None else list(disclose)
    for p in asked:
        try:
            pointer_tokens(p)
        except ValueError as exc:
            raise WalletError(str(exc)) from exc
    if asked and not fields:
        raise WalletError("these credentials are signed as a whole: they can only be shared whole "
                          "(--disclose applies to SD-JWT, ecdsa-sd-2023 and bbs-2023 credentials)")
    mine = [(cid, d) for cid, d in docs if cid in fields]
    if per_cred is not None:
        chosen = {cid: list(per_cred.get(cid, [])) for cid, _ in mine}
        missing = [p for cid, d in mine for p in chosen[cid] if not exists(d, p)]
    else:
        chosen = {cid: [p for p in asked if exists(d, p)] for cid, d in mine}
        missing = [p for p in asked if not any(p in ps for ps in chosen.values())]
    if missing:
        raise WalletError(f"nothing to disclose at {', '.join(missing)} in the chosen credentials")
    return chosen


def derive(doc: dict[str, Any], pointers: list[str], title: str, loader: DocumentLoader | None = None) -> dict[str, Any]:
    """The credential as the verifier will get it: the chosen fields, the mandatory ones, a derived proof."""
    try:
        return selective.derive(doc, pointers, loader or DocumentLoader())
    except sd_primitives.SelectionError as exc:
        raise WalletError(f"'{title}': {exc}") from exc
    except (ValueError, JsonLdProblem, CanonicalizationError) as exc:
        raise WalletError(f"'{title}': cannot derive a disclosure proof ({exc})") from exc
