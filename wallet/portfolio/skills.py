"""Skills across every credential, with the credentials that evidence each.

The same skill named differently is one skill: the same framework URL, or the same framework code,
or the same name once case, whitespace and punctuation are folded and synonyms applied (a curated
table in resources/skills/synonyms.json that the learner can extend).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .. import paths
from ..model import Summary
from .strength import ASSESSED

STATUS_RANK = {"verified": 0, "warning": 1, "unverified": 2, "invalid": 3}


def fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    s = re.sub(r"[\W_]+", " ", s.casefold())
    return " ".join(s.split())


def load_synonyms(extra: dict[str, list[str]] | None = None) -> dict[str, str]:
    """folded alias -> canonical display name."""
    table = json.loads((paths.resources_dir() / "skills" / "synonyms.json").read_text("utf-8"))
    out: dict[str, str] = {}
    for canon, aliases in list(table.items()) + list((extra or {}).items()):
        if canon.startswith("_") or not isinstance(aliases, list):
            continue
        out[fold(canon)] = canon
        for a in aliases:
            if isinstance(a, str):
                out[fold(a)] = canon
    return out


@dataclass
class Evidence:
    id: str
    title: str
    status: str
    issued: str | None
    strength: str


@dataclass
class SkillEntry:
    skill: str
    framework: str | None
    code: str | None
    url: str | None
    credentials: list[Evidence] = field(default_factory=list)

    @property
    def strongest(self) -> str:
        return ASSESSED if any(e.strength == ASSESSED for e in self.credentials) else "participation"

    def to_json(self) -> dict[str, Any]:
        return {"skill": self.skill, "framework": self.framework, "code": self.code, "url": self.url,
                "credentials": [e.id for e in self.credentials], "strongest": self.strongest,
                "evidence": [e.__dict__ for e in self.credentials]}


def skill_key(name: str, framework: str | None, code: str | None, url: str | None,
              synonyms: dict[str, str]) -> tuple[str, str]:
    """(key, display name).  URL first, then framework+code, then the folded/synonym name."""
    folded = fold(name)
    canon = synonyms.get(folded)
    if canon is not None:
        return "name:" + fold(canon), canon
    if url:
        return "url:" + url.rstrip("/").lower(), name
    if framework and code:
        return f"code:{fold(framework)}:{code.strip().lower()}", name
    return "name:" + folded, name


def aggregate(rows: list[tuple[str, str, str | None, str | None, str | None, str]], summaries: list[Summary],
              synonyms: dict[str, str], framework: str | None = None) -> list[SkillEntry]:
    by_id = {s.id: s for s in summaries}
    entries: dict[str, SkillEntry] = {}
    seen: dict[str, set[str]] = {}
    keys: dict[tuple[str, str | None, str | None, str | None], tuple[str, str]] = {}
    url_alias: dict[str, str] = {}  # a URL seen together with a synonym-mapped name joins that skill
    want_fw = fold(framework) if framework else None
    for cid, name, fw, code, url, strength in rows:
        s = by_id.get(cid)
        if s is None:
            continue
        if want_fw is not None and fold(fw or "") != want_fw:
            continue
        k = (name, fw, code, url)
        if k not in keys:
            keys[k] = skill_key(name, fw, code, url, synonyms)
        key, display = keys[k]
        if url and key.startswith("name:"):
            url_alias[url.rstrip("/").lower()] = key
        elif key.startswith("url:") and key[4:] in url_alias:
            key = url_alias[key[4:]]
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = SkillEntry(display, fw, code, url)
        entry.framework = entry.framework or fw
        entry.code = entry.code or code
        entry.url = entry.url or url
        ids = seen.setdefault(key, set())
        if cid not in ids:
            ids.add(cid)
            entry.credentials.append(Evidence(cid, s.title, s.status, s.issued, strength))
    for e in entries.values():
        # verified before unverified, then most recent first (two stable sorts)
        e.credentials.sort(key=lambda ev: ev.issued or "", reverse=True)
        e.credentials.sort(key=lambda ev: STATUS_RANK.get(ev.status, 9))
    return sorted(entries.values(), key=lambda e: (-len(e.credentials), e.skill.casefold()))
