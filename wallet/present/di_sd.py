"""Data Integrity selective disclosure for the holder: a credential the issuer signed with an
ecdsa-sd-2023 or bbs-2023 base proof is shown field by field.  The wallet derives a proof that reveals only the
chosen fields plus those the issuer made mandatory; the base proof itself (which would let anyone
derive anything) never leaves the wallet.
"""

from __future__ import annotations

from typing import Any

from ..errors import WalletError
from ..formats.pointers import is_personal, pointer_tokens
from ..verify import sd_primitives, selective
from ..verify.canon import CanonicalizationError
from ..verify.jsonld import DocumentLoader, JsonLdProblem


def is_selective(doc: Any) -> bool:
    return selective.mandatory_pointers(doc) is not None


def default_pointers(disclosable: list[str]) -> list[str]:
    """What was achieved and who issued it: everything except personal details."""
    return [p for p in disclosable if not is_personal(pointer_tokens(p))]


def exists(doc: dict[str, Any], pointer: str) -> bool:
    try:
        sd_primitives.select_json_ld([pointer], {k: v for k, v in doc.items() if k != "proof"})
        return True
    except sd_primitives.SelectionError:
        return False


def derive(doc: dict[str, Any], pointers: list[str], title: str, loader: DocumentLoader | None = None) -> dict[str, Any]:
    """The credential as the verifier will get it: the chosen fields, the mandatory ones, a derived proof."""
    try:
        return selective.derive(doc, pointers, loader or DocumentLoader())
    except sd_primitives.SelectionError as exc:
        raise WalletError(f"'{title}': {exc}") from exc
    except (ValueError, JsonLdProblem, CanonicalizationError) as exc:
        raise WalletError(f"'{title}': cannot derive a disclosure proof ({exc})") from exc
