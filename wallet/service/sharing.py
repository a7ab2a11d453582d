"""Sharing: the learner's chosen credentials and fields -> a presentation (SD-JWT with key binding, or a
Verifiable Presentation) -> its QR texts, their versions and the sequence hint -> a view of exactly what
it discloses.  Every front end (CLI, desktop, PDF) calls ``present`` and reads these off the result; the
fields offered, and which are ticked by default, come from ``disclosure_options``."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import settings as S
from ..clock import iso
from ..crypto.pointers import pointer_label, value_at
from ..crypto.sdjwt import SdJwtError
from ..errors import WalletError
from ..formats import Parsed, detect, parse_as
from ..fsutil import write_atomic
from ..model import Credential, Normalized
from ..present import di_sd
from ..present import qr as qrcodec
from ..present.qr import sequence_hint as sequence_hint  # re-exported by the facade
from ..present import sdjwt_presentation as present_sd
from ..present import vp as present_vp
from ..present.holder import HolderKeys
from .session import Session

DEFAULT_AUDIENCE = "https://verify.credwallet.org"
QR_MAX_VERSION = 40  # the largest QR code there is: what ``qr_version`` reports on


def qr_version(text: str) -> int:
    """The QR version (error correction M) a text needs; a text too long for any code is refused."""
    v = qrcodec.fits(text, QR_MAX_VERSION)
    if v is None:
        raise WalletError("the text is too long for one QR code")
    return v


@dataclass(frozen=True)
class DisclosedView:
    """What a presentation shows of one credential, read back from the presentation itself."""

    normalized: Normalized
    pointers: list[str]  # the fields shown (chosen + always shown); empty when ``whole``
    whole: bool  # shared as a whole: every field is visible


@dataclass
class Shared:
    """A presentation made by the learner (``present --json`` shape in docs/cli.md)."""

    kind: str  # "sd-jwt" | "vp"
    text: str
    audience: str
    nonce: str
    expires: str
    credential_ids: list[str]
    disclosed: list[dict[str, Any]]
    notes: list[str]
    verifier_url: str = qrcodec.DEFAULT_VERIFIER_URL  # the page its QR codes open
    stored: list[Normalized] = field(default_factory=list, repr=False)  # the credentials' stored views

    def presentation(self) -> qrcodec.Presentation:
        return qrcodec.Presentation(self.kind, self.text)

    def save(self, out: Path, mode: int = 0o600) -> Path:
        """The presentation file (what ``present --out`` writes), owner-only unless ``mode`` says otherwise."""
        write_atomic(Path(out), self.text.encode("utf-8"), mode=mode)
        return Path(out)

    @cached_property
    def qr(self) -> list[str]:
        """The QR texts: one if it fits a version <= 25 code, else the fewest parts that each fit."""
        return qrcodec.encode_for_qr(self.presentation(), self.verifier_url)

    @cached_property
    def qr_versions(self) -> list[int]:
        return [qr_version(t) for t in self.qr]

    @cached_property
    def hint(self) -> str:
        """What the learner can drop when the presentation needs several codes ('' when one is enough)."""
        return self.hint_in()

    def hint_in(self, lang: str | None = None) -> str:
        """``hint`` in ``lang`` (None: the catalogue's language; ``present --json`` says it in English)."""
        return sequence_hint(len(self.qr), self.disclosed, lang)

    @cached_property
    def views(self) -> list[DisclosedView]:
        """Per credential, what the presentation discloses (a selectively disclosed one is read back from
        the presentation, never from the stored credential's undisclosed fields)."""
        out = []
        vcs = json.loads(self.text).get("verifiableCredential", []) if self.kind == "vp" else []
        for i, d in enumerate(self.disclosed):
            chosen = d["disclosed"]
            if isinstance(chosen, str):  # "whole credential"
                out.append(DisclosedView(self.stored[i], [], True))
                continue
            if self.kind == "sd-jwt":
                parsed = detect.parse_token(self.text, "presentation")
            else:
                parsed = detect.parse_json(vcs[i], "presentation")
            out.append(DisclosedView(parsed.normalized, list(chosen) + list(d.get("always_shared", [])), False))
        return out


@dataclass(frozen=True)
class FieldChoice:
    pointer: str
    label: str
    value: Any  # the field's value in the stored credential (None for an SD-JWT's)
    shown_by_default: bool  # the privacy-preserving default: everything except personal details


@dataclass(frozen=True)
class DisclosureOptions:
    credential_id: str
    title: str
    fields: list[FieldChoice]  # empty: the credential is signed as a whole and shared whole
    always_shared: list[str]  # what the issuer made mandatory (shown, not the learner's choice)

    @property
    def always_shared_labels(self) -> list[tuple[str, str]]:
        return [(pointer_label(p), p) for p in self.always_shared]


def shown_by_default(pointers: list[str]) -> list[str]:
    """The one disclosure default (SD-JWT and Data Integrity alike): all but personal details."""
    return di_sd.default_pointers(pointers)


def disclosure_options(creds: list[Credential]) -> list[DisclosureOptions]:
    """The fields the learner may choose for each credential, and which are ticked before they choose."""
    out = []
    for c in creds:
        fields = [f if f.startswith("/") else "/" + f for f in c.normalized.extra.get("disclosable", [])]
        on = set(shown_by_default(fields))
        try:
            doc = json.loads(c.original)
        except ValueError:  # an SD-JWT: its field names say enough
            doc = {}
        out.append(DisclosureOptions(c.id, c.normalized.title, [
            FieldChoice(p, pointer_label(p), value_at(doc, p), p in on) for p in fields],
            list(c.normalized.extra.get("always_shared", []))))
    return out


def pointers_for(s: Session, ref: str, disclose: list[str] | None) -> list[str] | None:
    """One set of pointers for many credentials (``pdf --disclose``): an SD-JWT takes it as given; an
    ecdsa-sd-2023 or bbs-2023 credential the pointers it has (none of them: the privacy-preserving default)."""
    cred = s.get(ref)
    if cred.format == "sd-jwt-vc":
        return disclose
    if disclose is None or cred.normalized.extra.get("always_shared") is None:
        return None
    payload = parse_as(cred.format, cred.original, cred.id, cred.normalized).payload
    doc = payload.get("doc") if isinstance(payload, dict) else None
    mine = [p for p in disclose if isinstance(doc, dict) and di_sd.exists(doc, p)]
    return mine or None


def present(s: Session, refs: list[str], disclose: list[str] | dict[str, list[str]] | None = None, *,
            audience: str | None = None, nonce: str | None = None, expires_days: int = 30,
            form: str = "file", verifier_url: str | None = None) -> Shared:
    """Make a presentation of the chosen credentials, log it, and return it.  ``disclose``: JSON
    Pointers applied to every selectively disclosable credential that has them, or a choice per
    credential id (a selectively disclosable credential left out shows only its mandatory fields).
    ``verifier_url``: the page its QR codes open (default: the setting, else the project's page); a bad
    one is refused before anything is made."""
    page = S.verifier_url(verifier_url or s.setting(S.VERIFIER_URL))
    if not refs:
        raise WalletError("choose at least one credential to share")
    if not 1 <= expires_days <= 3650:
        raise WalletError("a presentation may be valid for 1 to 3650 days")
    creds = [s.get(r) for r in refs]
    audience = audience or DEFAULT_AUDIENCE
    nonce = nonce or secrets.token_urlsafe(12)
    now = s.clock()
    expires = now + dt.timedelta(days=expires_days)
    hk = s.holder()
    stored = [c.normalized for c in creds]
    sd_creds = [c for c in creds if c.format == "sd-jwt-vc"]
    if sd_creds and len(creds) > 1:
        raise WalletError("share an SD-JWT credential on its own (one per presentation)")
    if sd_creds:
        c = sd_creds[0]
        token = c.original.decode("ascii").strip()
        chosen = disclose.get(c.id, []) if isinstance(disclose, dict) else disclose
        try:
            text, pointers = present_sd.present(token, chosen, hk.p256, audience=audience, nonce=nonce,
                                                iat=int(now.timestamp()), exp=int(expires.timestamp()))
        except SdJwtError as exc:  # a tampered credential kept with --keep-invalid: never shared
            raise WalletError(f"{c.normalized.title or c.id}: cannot share it: {exc}") from exc
        shared = Shared("sd-jwt", text, audience, nonce, iso(expires), [c.id],
                        [{"id": c.id, "title": c.normalized.title, "disclosed": pointers}], [], page, stored)
    else:
        vp_doc = _make_vp(creds, disclose, hk, audience, nonce, now, expires)
        shared = Shared("vp", json.dumps(vp_doc["vp"], ensure_ascii=False), audience, nonce, iso(expires),
                        [c.id for c in creds], vp_doc["disclosed"], vp_doc["notes"], page, stored)
    s.store.log_disclosure(iso(now), audience, form, shared.credential_ids, shared.disclosed, shared.expires)
    return shared


def _vp_item(c: Credential, parsed: Parsed) -> dict[str, Any]:
    """How a stored credential travels inside a Verifiable Presentation."""
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    if info.get("kind") == "vc":
        doc: dict[str, Any] = info["doc"]
        return doc
    if info.get("kind") in ("jws", "ob2-signed"):
        return present_vp.enveloped("application/vc+jwt" if info["kind"] == "jws" else "application/jwt",
                                    info["token"])
    raise WalletError(f"'{c.normalized.title}' ({c.format}) cannot be presented: its issuer did not sign it "
                      "(a hosted badge is checked at the issuer's site)")


def _refuse_others(c: Credential, parsed: Parsed, hk: HolderKeys) -> None:
    """A credential issued to another key than the one that signs the presentation would reach the employer
    as "issued to someone else": say so now rather than hand it out (the verifier's own rule decides)."""
    from ..present.verifier import Presenter, presented_by_subject, subject_keys

    me = Presenter(claimed=hk.did, dids=(hk.did,), key=hk.ed25519.public_key())
    if presented_by_subject(parsed, me) is False:
        dids, _cnf = subject_keys(parsed)
        raise WalletError(f"'{c.normalized.title}' was issued to {dids[0] if dids else 'another holder key'}, "
                          "not to this wallet's holder key: an employer would see it as issued to someone else")


def _make_vp(creds: list[Credential], disclose: list[str] | dict[str, list[str]] | None, hk: HolderKeys,
             audience: str, nonce: str, now: dt.datetime, expires: dt.datetime) -> dict[str, Any]:
    """A Verifiable Presentation: ecdsa-sd-2023 / bbs-2023 credentials with a derived proof for the chosen
    fields (see ``present``; without a choice, all but personal details), the rest whole."""
    from ..formats.vc import selective_fields

    parsed: list[Parsed] = []
    docs: list[tuple[Credential, dict[str, Any]]] = []
    for c in creds:  # each parsed once, for its item and for the holder check
        if c.format == "pdf":
            raise WalletError(f"'{c.normalized.title}' is a PDF document, not a verifiable credential; it cannot "
                              "be put in a presentation")
        parsed.append(parse_as(c.format, c.original, c.id, c.normalized))
        docs.append((c, _vp_item(c, parsed[-1])))
    for c, p in zip(creds, parsed, strict=True):
        _refuse_others(c, p, hk)
    fields = {c.id: f for c, d in docs if (f := selective_fields(d)) is not None}
    chosen = di_sd.choose([(c.id, d) for c, d in docs], fields, disclose)
    items: list[dict[str, Any]] = []
    disclosed: list[dict[str, Any]] = []
    notes: list[str] = []
    for c, d in docs:
        title = c.normalized.title
        sel = fields.get(c.id)
        if sel is None:
            items.append(d)
            disclosed.append({"id": c.id, "title": title, "disclosed": "whole credential"})
            notes.append(f"'{title}' is shared as a whole: every field in it is visible")
            continue
        mandatory = sel[1]
        items.append(di_sd.derive(d, chosen[c.id], title))
        disclosed.append({"id": c.id, "title": title, "disclosed": chosen[c.id], "always_shared": mandatory})
        if mandatory:
            notes.append(f"'{title}': the issuer always shows {', '.join(mandatory)}")
    vp = present_vp.make_vp(items, hk.ed25519, hk.did, domain=audience, challenge=nonce, created=iso(now),
                            expires=iso(expires))
    return {"vp": vp, "disclosed": disclosed, "notes": notes}

