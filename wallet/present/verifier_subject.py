"""Who presents: the key that signed a presentation, and whether it is the key a credential was issued to
(the one place this is decided, for the verifier and for the wallet before it shares)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..crypto import jose
from ..crypto import publickeys as keys
from ..crypto.did import did_of
from ..formats import detect
from ..formats.common import as_dict, as_list, as_str
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED
from .verifier_checks import PresentationChecks


@dataclass
class Presenter:
    """Who is presenting, as far as the presentation itself proves it."""

    claimed: str = ""  # the holder the presentation names (its own word)
    dids: tuple[str, ...] = ()  # the DID whose key signed the presentation, once that signature held
    key: keys.PublicKey | None = None  # that key
    unproven: str = msg("word.unproven.unsigned")  # why nobody is proven, if nobody is

    @property
    def proven(self) -> bool:
        return bool(self.dids) or self.key is not None

    def who(self) -> str:
        if self.dids:
            return self.dids[0]
        return msg("word.a_key", key=jose.key_type(self.key)) if self.key is not None else msg("word.nobody_proven")


def subject_keys(parsed: detect.Parsed) -> tuple[list[str], dict[str, Any] | None]:
    """The keys a credential names for its subject, from what its issuer signed: DIDs given as
    ``credentialSubject.id`` (or a JWT's ``sub``), and an SD-JWT's ``cnf``."""
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    kind = info.get("kind")
    ids: list[str] = []
    cnf = None
    if kind == "vc":
        ids = _subject_ids(info["doc"])
    elif kind == "jws":
        ids = _subject_ids(as_dict(info.get("credential")))
        ids.append(as_str(info["claims"].get("sub")))
    elif kind == "sd-jwt":
        claims = info["claims"]
        ids = [as_str(claims.get("sub"))]
        cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
    dids = list(dict.fromkeys(did_of(i) for i in ids if isinstance(i, str) and i.startswith("did:")))
    return dids, cnf


def _subject_ids(cred: dict[str, Any]) -> list[str]:
    """``id`` or its JSON-LD keyword form ``@id``, of every subject (either names the subject)."""
    return [v for s in as_list(cred.get("credentialSubject")) if isinstance(s, dict)
            for v in (s.get("id"), s.get("@id")) if isinstance(v, str)]


def _cnf_matches(cnf: dict[str, Any], presenter: Presenter) -> bool:
    kid = cnf.get("kid")
    if isinstance(kid, str) and kid.startswith("did:") and did_of(kid) in presenter.dids:
        return True
    if presenter.key is None or not isinstance(cnf.get("jwk"), dict):
        return False
    try:
        return keys.to_jwk(keys.from_jwk(cnf["jwk"])) == keys.to_jwk(presenter.key)
    except keys.KeyFormatError:
        return False


def presented_by_subject(parsed: detect.Parsed, presenter: Presenter) -> bool | None:
    """Whether a proven presenter is the one the credential was issued to: None when the credential names no
    subject key (nothing to compare).  The one rule, for the verifier and for the wallet before it shares."""
    dids, cnf = subject_keys(parsed)
    if not dids and cnf is None:
        return None
    return any(d in presenter.dids for d in dids) or (cnf is not None and _cnf_matches(cnf, presenter))


def bind(out: PresentationChecks, cid: str, parsed: detect.Parsed, presenter: Presenter) -> None:
    """Is the presenter the one the credential was issued to?  (The one place this is decided.)"""
    dids, cnf = subject_keys(parsed)
    name = parsed.normalized.subject_name
    named = msg("word.names_its_subject", name=name) if name else msg("word.names_no_subject_short")
    if not dids and cnf is None:
        out.add(cid, SKIPPED, msg("check.subject.no_key", named=named), important=False)
        return
    subject: str = dids[0] if dids else msg("word.holder_key_cnf")
    shown: str = msg("word.subject_named", subject=subject, name=name) if name else subject
    if presenter.proven:
        if presented_by_subject(parsed, presenter):
            out.add(cid, PASS, msg("check.subject.presenter", shown=shown))
        else:
            out.add(cid, FAIL, msg("check.subject.someone_else_signed", shown=shown, who=presenter.who()))
        return
    claimed = did_of(presenter.claimed) if presenter.claimed else ""
    if claimed and dids and claimed not in dids:
        out.add(cid, FAIL, msg("check.subject.someone_else_named", shown=shown, claimed=claimed))
    else:
        out.add(cid, SKIPPED, msg("check.subject.unconfirmed", shown=shown, reason=presenter.unproven))

