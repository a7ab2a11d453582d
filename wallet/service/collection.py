"""The learner's collection: finding, reading, tagging, annotating, exporting and deleting stored
credentials, and the log of what was shared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import settings as S
from ..crypto.publickeys import b64u_decode
from ..errors import WalletError
from ..fsutil import write_atomic
from ..model import Credential, Summary
from ..portfolio import skills as skills_mod
from .session import Session


def credentials(s: Session, search: str | None = None, *, skill: str | None = None, framework: str | None = None,
                level: str | None = None, status: str | None = None, fmt: str | None = None, tag: str | None = None,
                issuer: str | None = None, since: str | None = None, until: str | None = None) -> list[Summary]:
    """Credentials, newest first.  ``search`` is full text; filters: status, fmt, tag, issuer, since,
    until (ISO dates), skill (any name of it, synonyms folded), framework (skills from it), level."""
    ids: set[str] | None = None
    if skill or framework:
        syn = skills_mod.load_synonyms(s.setting(S.SYNONYMS))
        want = skills_mod.skill_key(skill, None, None, None, syn)[0] if skill else None
        ids = set()
        for e in skills_mod.aggregate(s.store.skill_rows(), s.store.summaries(), syn, framework):
            names = {skills_mod.skill_key(e.skill, None, None, None, syn)[0],
                     skills_mod.skill_key(e.skill, e.framework, e.code, e.url, syn)[0]}
            if want is None or want in names or skills_mod.fold(skill or "") == skills_mod.fold(e.skill):
                ids.update(ev.id for ev in e.credentials)
    if level:
        at = s.store.ids_at_level(level)
        ids = at if ids is None else ids & at
    return s.store.summaries(search, ids=ids, status=status, fmt=fmt, tag=tag, issuer=issuer, since=since, until=until)


def get(s: Session, ref: str) -> Credential:
    return s.get(ref)


def count(s: Session) -> int:
    return s.store.count()


def delete(s: Session, ref: str) -> str:
    cid = s.store.resolve_id(ref)
    s.store.delete(cid)
    return cid


def tag(s: Session, ref: str, name: str) -> None:
    name = name.strip()
    if not name:
        raise WalletError("a tag cannot be empty")
    s.store.add_tag(s.store.resolve_id(ref), name)


def untag(s: Session, ref: str, name: str) -> None:
    s.store.remove_tag(s.store.resolve_id(ref), name.strip())


def note(s: Session, ref: str, text: str) -> None:
    s.store.set_notes(s.store.resolve_id(ref), text)


def export_original(s: Session, ref: str, out: Path) -> Path:
    write_atomic(Path(out), s.get(ref).original)
    return Path(out)


def disclosure_log(s: Session) -> list[dict[str, Any]]:
    return s.store.disclosures()


def readable_original(c: Credential) -> str:
    """The original, readable: pretty JSON, or a JWT's decoded header and payload (never verified here:
    this is the raw view), or a note that it is binary."""
    data = c.original
    try:
        return json.dumps(json.loads(data), indent=2, ensure_ascii=False)
    except (ValueError, UnicodeDecodeError):
        pass
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        return f"({len(data):,} bytes of {c.format}; the original is kept byte for byte — use Export)"
    if text.count(".") >= 2 and text[:3] == "eyJ":
        parts = []
        for seg in text.split("~")[0].split(".")[:2]:
            try:
                parts.append(json.dumps(json.loads(b64u_decode(seg)), indent=2, ensure_ascii=False))
            except ValueError:
                parts.append(seg)
        return "\n\n".join(parts) + f"\n\n({text.count('~')} disclosures)" * ("~" in text)
    return text
