"""Small, forgiving readers for untrusted JSON: never raise on odd shapes, just find nothing."""

from __future__ import annotations

from typing import Any

from ..model import Skill


def text(v: Any, limit: int = 20_000) -> str:
    """A display string from a string, a language map, a JSON-LD value object or a list of them."""
    if isinstance(v, str):
        return v[:limit]
    if isinstance(v, dict):
        if isinstance(v.get("@value"), str):
            return v["@value"][:limit]
        for lang in ("en", "en-US", "en-GB"):
            if isinstance(v.get(lang), str):
                return v[lang][:limit]
        for val in v.values():
            if isinstance(val, str):
                return val[:limit]
        return ""
    if isinstance(v, list):
        for item in v:
            t = text(item, limit)
            if t:
                return t
    return ""


def ident(v: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, dict) and isinstance(v.get("id"), str):
        return v["id"]
    return ""


def as_dict(v: Any) -> dict[str, Any]:
    """``v`` if it is a JSON object, else an empty one (so that ``.get`` on what came back is safe)."""
    return v if isinstance(v, dict) else {}


def as_str(v: Any, default: str = "") -> str:
    """``v`` if it is a string, else ``default``."""
    return v if isinstance(v, str) else default


def as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def types_of(obj: Any) -> set[str]:
    if not isinstance(obj, dict):
        return set()
    t = obj.get("type", obj.get("@type"))
    return {x for x in as_list(t) if isinstance(x, str)}


def contexts_of(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return []
    return [c for c in as_list(obj.get("@context")) if isinstance(c, str)]


def image_of(v: Any) -> str | None:
    if isinstance(v, str) and v:
        return v
    if isinstance(v, dict):
        for k in ("id", "@id", "url"):
            if isinstance(v.get(k), str):
                return v[k]
    return None


def alignment_skills(aligns: Any) -> list[Skill]:
    out = []
    for a in as_list(aligns):
        if not isinstance(a, dict):
            continue
        name = text(a.get("targetName"))
        if not name:
            continue
        out.append(Skill(
            name=name,
            framework=text(a.get("targetFramework")) or None,
            code=text(a.get("targetCode")) or None,
            url=a.get("targetUrl") if isinstance(a.get("targetUrl"), str) else None,
            description=text(a.get("targetDescription")) or None,
        ))
    return out


def evidence_list(ev: Any) -> list[dict[str, Any]]:
    out = []
    for e in as_list(ev):
        if isinstance(e, str):
            out.append({"url": e})
        elif isinstance(e, dict):
            item = {"name": text(e.get("name")), "description": text(e.get("description") or e.get("narrative")),
                    "url": ident(e)}
            out.append({k: v for k, v in item.items() if v})
    return out
