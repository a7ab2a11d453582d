"""Checking: a file or a stored credential, again; a presentation; the learner's trusted issuers; and the
checks an employer runs without a wallet (``check_file``, ``check_presentation``)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import settings as S
from ..fetch import Fetcher
from ..formats import Parsed, detect
from ..formats.jsonutil import loads_strict
from ..fsutil import read_capped, write_atomic
from ..messages import msg
from ..model import Credential, Normalized, VerificationReport
from ..present import verifier
from ..recheck import Rechecked, recheck
from ..present.pdf_check import PdfCheck, is_pdf, verify_pdf
from ..present import qr as qrcodec
from ..present.verifier import PresentationResult
from ..verify import engine
from ..verify import verdict as verdict_mod
from ..verify.engine import VerifyContext
from ..verify.inputs import check_bytes
from ..verify.trust import TrustedIssuer, parse_entries
from .session import CancelFlag, Progress, Session

STATUS_WORDS = verdict_mod.STATUS_WORDS
is_qr_text = qrcodec.is_qr_text  # a credwallet QR text? (the CLI tells a shared code from a credential)
TRUST_FILE_MAX = 5 << 20
JWK_FILE_MAX = 1 << 20
VerifyResult = tuple[Parsed, VerificationReport] | PresentationResult  # a credential, or a presentation


def verdict_headline(report: VerificationReport, normalized: Normalized | None = None) -> str:
    """The one-line verdict every front end shows (CLI, desktop, PDF): how the issuer was confirmed,
    and that an unconfirmed issuer's name is the credential's own claim.  See wallet.verify.verdict."""
    return verdict_mod.headline(report, normalized)


def issuer_confirmation(report: VerificationReport) -> dict[str, Any]:
    """How the issuer was confirmed (the rung of the ladder), for JSON output."""
    return dict(verdict_mod.confirmation(report))


def read_input(path: str | Path, limit: int = S.MAX_INPUT_BYTES) -> bytes:
    """A file given to the wallet, read whole, refused (TooLarge, naming it) when over ``limit``."""
    return read_capped(Path(path), limit)


def verify_input(data: bytes, source: str, max_bytes: int, ctx: VerifyContext) -> VerifyResult:
    """Check whatever ``verify`` was given, without storing it: a credential gives ``(parsed, report)``; a
    presentation (a VP, a VP-JWT, an SD-JWT with key binding, a credwallet QR text) is checked as
    ``verify_presentation`` checks it and gives its ``PresentationResult``."""
    if len(data) > max_bytes:
        from ..errors import BadInput

        raise BadInput(msg("error.input.over_limit", max=f"{max_bytes:,}"), path=source)

    if verifier.is_presentation(data):
        return verifier.verify_presentation(data, ctx, source=source)
    return check_bytes(data, source, max_bytes, ctx)


def _walletless(online: bool) -> VerifyContext:
    return engine.VerifyContext(fetcher=Fetcher(online=online))


def check_file(path: str | Path, online: bool = False) -> VerifyResult:
    """An employer's check of a file, without a wallet: no trusted issuers of their own, nothing stored."""
    return verify_input(read_input(path), str(path), S.MAX_INPUT_BYTES, _walletless(online))


def _presentations(data: bytes | str | list[str], ctx: VerifyContext, audience: str | None, nonce: str | None,
                   source: str) -> PresentationResult | PdfCheck:
    """One presentation, or (a portfolio PDF) every presentation it attaches, each checked alike."""
    if isinstance(data, bytes) and is_pdf(data):
        return verify_pdf(data, ctx, source=source, audience=audience, nonce=nonce)
    return verifier.verify_presentation(data, ctx, audience=audience, nonce=nonce, source=source)


def check_presentation(data: bytes | str | list[str], *, audience: str | None = None, nonce: str | None = None,
                       source: str = "presentation", online: bool = False) -> PresentationResult | PdfCheck:
    """An employer's check of a presentation (file bytes, text, the QR texts, or a portfolio PDF's
    attachments), without a wallet."""
    return _presentations(data, _walletless(online), audience, nonce, source)


# -- with the learner's (or the employer's) wallet: their trusted issuers and settings apply --------------
def set_online(s: Session, on: bool) -> None:
    s.set_setting(S.ONLINE, bool(on))


def verify_file(s: Session, path: str | Path, online: bool | None = None) -> VerifyResult:
    """A file checked against this wallet's trusted issuers, without storing it."""
    return verify_input(read_input(path), str(path), s.max_file_bytes, s.verify_context(online))


def verify_input_with(s: Session, data: bytes, source: str, online: bool | None = None) -> VerifyResult:
    """A credential or a presentation, checked without storing it (see ``verify_input``), against the
    learner's trusted issuers."""
    return verify_input(data, source, s.max_file_bytes, s.verify_context(online))


def verify_bytes(s: Session, data: bytes, source: str, online: bool | None = None,
                 ) -> tuple[Parsed, VerificationReport]:
    """Check a credential without storing it."""
    return check_bytes(data, source, s.max_file_bytes, s.verify_context(online))


def verify_presentation(s: Session, data: bytes | str | list[str], *, audience: str | None = None,
                        nonce: str | None = None, source: str = "presentation",
                        online: bool | None = None) -> PresentationResult | PdfCheck:
    return _presentations(data, s.verify_context(online), audience, nonce, source)


def reverify(s: Session, ref: str, online: bool | None = None, ctx: VerifyContext | None = None) -> Credential:
    """Check a stored credential again and keep the new report (pass ``ctx`` to check many)."""
    cred = s.get(ref)
    parsed = detect.parse(cred.original, cred.file_name or cred.id)
    ctx = ctx or s.verify_context(online)
    report = engine.verify(parsed, ctx)
    s.store.set_checked(cred.id, parsed.normalized, report)
    s.keep_fetched(ctx)
    cred.report, cred.normalized = report, parsed.normalized
    return cred


# -- trusted issuers --------------------------------------------------------------------------------------
def trusted_issuers(s: Session) -> list[dict[str, Any]]:
    """The trusted issuers, as ``issuers --json`` lists them."""
    return s.trust_list().to_setting()


def import_trust_list(s: Session, path: str | Path) -> int:
    entries = parse_entries(loads_strict(read_capped(Path(path), TRUST_FILE_MAX), str(path)), str(path))
    trust = s.trust_list()
    for e in entries:
        trust.entries[e.id] = e
    s.save_trust_list(trust)
    return len(entries)


def trust_issuer(s: Session, issuer_id: str, name: str | None = None, jwk_file: str | Path | None = None,
                 did: str | None = None) -> dict[str, Any]:
    """Add (or replace) one trusted issuer; ``jwk_file``: its public key as a JWK file.  Returns the entry."""
    jwk = loads_strict(read_capped(Path(jwk_file), JWK_FILE_MAX), str(jwk_file)) if jwk_file else None
    entry = parse_entries([TrustedIssuer(issuer_id, name or "", jwk, did).to_json()], str(jwk_file or "issuer"))[0]
    trust = s.trust_list()
    trust.entries[entry.id] = entry
    s.save_trust_list(trust)
    return entry.to_json()


def untrust_issuer(s: Session, issuer_id: str) -> bool:
    """Remove a trusted issuer; False when there was none with that id."""
    trust = s.trust_list()
    if trust.entries.pop(issuer_id, None) is None:
        return False
    s.save_trust_list(trust)
    return True


def export_trust_list(s: Session, out: str | Path | None = None) -> str:
    """The trust list as a shareable JSON file's text; written (atomically) to ``out`` when given."""
    text = s.trust_list().export_json()
    if out is not None:
        write_atomic(Path(out), (text + "\n").encode())
    return text


def reverify_many(s: Session, refs: Iterable[str], online: bool | None = None, progress: Progress | None = None,
                  cancel: CancelFlag | None = None, stored: Callable[[list[Rechecked]], None] | None = None,
                  collect: bool = True) -> list[Rechecked]:
    """Check many stored credentials again, in batches (wallet.recheck): a Rechecked per ref, in order.
    The checking runs in the checking process; ``stored(batch)`` follows each batch written;
    ``collect=False``: results only through ``stored``, an empty list returned."""
    return recheck(s, refs, online=online, progress=progress, cancel=cancel, stored=stored, collect=collect)


def rechecked_fields(r: Rechecked) -> dict[str, Any]:
    """What the collection's row of a re-checked credential now shows (the fields of its Summary, as the
    vault lists it after the re-check), worked out once and holding nothing of the report or the normalized
    view: a window updates its rows batch by batch during a re-check, ``dataclasses.replace(row, **fields)``."""
    n = r.normalized
    words = verdict_mod.headline(r.report, n), str(verdict_mod.confirmation(r.report).get("confirmation", ""))
    return {"title": n.title, "issuer_name": n.issuer_name, "issued": n.issued, "status": r.report.status,
            "expires": n.expires if isinstance(n.expires, str) else None,
            "verdict_words": functools.partial(_given, words)}


def _given(words: tuple[str, str]) -> tuple[str, str]:
    return words
