"""The normalized credential record and the verification report (plain dataclasses, JSON-able)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

# Check and report states.  A check that could not run is SKIPPED with its reason, never PASS.
PASS, FAIL, SKIPPED = "pass", "fail", "skipped"
VERIFIED, WARNING, INVALID, UNVERIFIED = "verified", "warning", "invalid", "unverified"

# How the issuer was confirmed, strongest first (VerificationReport.issuer["confirmation"]).
TRUST_LIST = "trust_list"  # the issuer is in the learner's (or employer's) trusted list and its key signed
ISSUER_DOMAIN = "issuer_domain"  # the signing key is published on the issuer's own web domain
UNKNOWN_KEY = "unknown_key"  # a valid signature by a key that ties to no name
NOT_CONFIRMED = "not_confirmed"  # no checked signature to tie to anyone
CONFIRMATION_LADDER = (TRUST_LIST, ISSUER_DOMAIN, UNKNOWN_KEY, NOT_CONFIRMED)


@dataclass
class Skill:
    name: str
    framework: str | None = None
    code: str | None = None
    url: str | None = None
    description: str | None = None


@dataclass
class Normalized:
    """What a person wants to see about a credential, derived from the original bytes."""

    title: str = ""
    description: str = ""
    issuer_name: str = ""
    issuer_id: str = ""
    subject_name: str = ""
    subject_id: str = ""
    issued: str | None = None  # ISO 8601 as found in the credential
    expires: str | None = None
    criteria: str = ""
    image: str | None = None  # URL or data: URI
    skills: list[Skill] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    credits: dict[str, Any] | None = None  # {"value": 5, "system": "ECTS"}
    level: dict[str, Any] | None = None  # {"value": "6", "framework": "EQF"}
    # the identifier the ISSUER gave the credential (its ``id``, ``jti``...: urn:uuid:..., https://...), or None;
    # not the wallet's id (Credential.id).  The store keeps it in the column ``credential_key`` to find a
    # credential imported twice in different bytes.
    credential_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Normalized:
        obj = dict(obj)
        skills = [Skill(**s) for s in obj.pop("skills", []) or []]
        known = {f for f in cls.__dataclass_fields__}
        return cls(skills=skills, **{k: v for k, v in obj.items() if k in known})

    def search_fields(self) -> dict[str, str]:
        return {
            "title": self.title,
            "issuer": " ".join(x for x in (self.issuer_name, self.issuer_id) if x),
            "subject": self.subject_name,
            "description": self.description,
            "criteria": self.criteria,
            "skills": " ".join(" ".join(filter(None, (s.name, s.code, s.framework))) for s in self.skills),
        }

    def evidence_strength(self) -> str:
        """How strongly this credential evidences its skills: ``assessed`` when it records a result or
        describes an assessment, else ``participation`` (the skills index stores it; portfolio ranks by it)."""
        if self.extra.get("results") or self.extra.get("assessment"):
            return ASSESSED
        if str(self.extra.get("achievement_type", "")).lower() in _ASSESSED_TYPES:
            return ASSESSED
        return ASSESSED if _ASSESSED_WORDS.search(self.criteria or "") else PARTICIPATION


ASSESSED, PARTICIPATION = "assessed", "participation"
_ASSESSED_WORDS = re.compile(r"\b(assess\w*|exam\w*|test(ed)?|pass(ed)?|grade[ds]?|graded|score[ds]?|"
                             r"proctored|practical|capstone|demonstrat\w*|certif\w*)\b", re.I)
_ASSESSED_TYPES = {"certification", "certificate", "license", "assessmentresult", "course", "degree", "diploma"}


@dataclass
class Check:
    id: str  # "format", "signature", "issuer_key", "issuer_trust", "status", "validity", "subject"
    status: str  # pass | fail | skipped
    message: str
    checked_at: str = ""
    important: bool = True  # a skipped important check makes the overall result a warning
    # the message's id in the catalogue (resources/labels, "check.*") and its arguments, so that a front end
    # shows it in the reader's language (wallet.messages); "" for reports stored before ids existed
    message_id: str = ""
    args: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.message_id and getattr(self.message, "id", None):  # a wallet.messages.Message
            self.message_id, self.args = self.message.id, dict(self.message.args)  # type: ignore[attr-defined]
        self.message = str(self.message)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "message": self.message,
                               "checked_at": self.checked_at}
        if not self.important:
            out["important"] = False  # kept, so that a stored report rolls up and reads as it did when checked
        if self.message_id:
            out["message_id"], out["args"] = self.message_id, self.args
        return out

    @classmethod
    def from_json(cls, c: dict[str, Any]) -> Check:
        args = c.get("args")
        return cls(c["id"], c["status"], c["message"], c.get("checked_at", ""), c.get("important", True) is not False,
                   str(c.get("message_id") or ""), dict(args) if isinstance(args, dict) else {})


@dataclass
class VerificationReport:
    status: str  # verified | warning | invalid | unverified
    checks: list[Check] = field(default_factory=list)
    checked_at: str = ""
    fetches: list[dict[str, Any]] = field(default_factory=list)  # every network fetch made
    # how the issuer was confirmed: {"confirmation": one of CONFIRMATION_LADDER, "domain": the web domain
    # that publishes the key (issuer_domain), "key": the DID or URL of the signing key, "trusted_name":
    # the name in the trusted list (trust_list)}; empty for reports stored before it was recorded
    issuer: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "checked_at": self.checked_at,
            "checks": [c.to_json() for c in self.checks],
            "fetches": list(self.fetches),
        }
        if self.issuer:
            out["issuer"] = dict(self.issuer)
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> VerificationReport:
        return cls(
            status=obj.get("status", UNVERIFIED),
            checks=[Check.from_json(c) for c in obj.get("checks", [])],
            checked_at=obj.get("checked_at", ""),
            fetches=list(obj.get("fetches", [])),
            issuer=dict(obj.get("issuer") or {}),
        )

    @classmethod
    def unverified(cls, reason: str, at: str) -> VerificationReport:
        return cls(UNVERIFIED, [Check("format", SKIPPED, reason, at)], at)


@dataclass
class Summary:
    """One row of the collection: enough to list and sort without loading the original bytes."""

    id: str
    format: str
    title: str
    issuer_name: str
    issued: str | None
    status: str
    tags: list[str]
    imported_at: str
    # (headline, issuer confirmation rung), worked out only when asked: listing 10,000 rows must not parse
    # 10,000 reports (the GUI asks for the rows on screen)
    verdict_words: Callable[[], tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    _words: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    expires: str | None = None  # ISO 8601 as found in the credential (the collection's Expires column)
    # where it came from when an issuer handed it over (OpenID4VCI): {"issuer", "issuer_name", "received_at"}
    received_from: dict[str, str] | None = None

    def _verdict(self) -> tuple[str, str]:
        if self._words is None:
            self._words = self.verdict_words() if self.verdict_words is not None else ("", "")
        return self._words

    @property
    def headline(self) -> str:
        """The one-line verdict (wallet.verify.verdict.headline), same words everywhere."""
        return self._verdict()[0]

    @property
    def issuer_confirmation(self) -> str:
        """The rung of the confirmation ladder (TRUST_LIST, ISSUER_DOMAIN, ...)."""
        return self._verdict()[1]


@dataclass
class Credential:
    """A credential as the wallet stores it.

    Three identifiers, not to be confused:

    - ``id``: the WALLET's own id for this record, the first 16 hex digits of the SHA-256 of the original
      bytes; what the CLI and the GUI show and accept (``credwallet show <id>``, ``--json`` "id"), the primary
      key of the ``credentials`` table, and ``credential_id`` in every other table of the store;
    - ``normalized.credential_id``: the identifier the ISSUER gave it (may be None, may repeat across
      re-issued files), stored in the column ``credentials.credential_key``;
    - ``sha256``: of the original bytes, the exact-duplicate check.
    (The names stay as they are: they are in the CLI's --json output and the stored schema.)
    """

    id: str
    format: str
    original: bytes
    sha256: str
    normalized: Normalized
    report: VerificationReport
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    file_name: str | None = None
    imported_at: str = ""
