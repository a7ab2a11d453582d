"""Stacks: credentials grouped toward a goal, with credits earned against a target and required skills
covered or missing."""

from __future__ import annotations

from typing import Any

from .skills import SkillEntry, skill_key


def progress(stack: dict[str, Any], credits_by_id: dict[str, float], skills: list[SkillEntry],
             synonyms: dict[str, str]) -> dict[str, Any]:
    ids = set(stack["credentials"])
    earned = round(sum(credits_by_id.get(i, 0.0) for i in ids), 2)
    have: dict[str, str] = {}
    for e in skills:
        if any(ev.id in ids for ev in e.credentials):
            have[skill_key(e.skill, e.framework, e.code, e.url, synonyms)[0]] = e.skill
            have[skill_key(e.skill, None, None, None, synonyms)[0]] = e.skill
    covered: list[str] = []
    missing: list[str] = []
    for req in stack["required_skills"]:
        key = skill_key(req, None, None, None, synonyms)[0]
        (covered if key in have else missing).append(req)
    target = stack.get("target_credits")
    return {
        "name": stack["name"],
        "credentials": sorted(ids),
        "credits_earned": earned,
        "target_credits": target,
        "credits_percent": round(100 * earned / target) if target else None,
        "required_skills": stack["required_skills"],
        "skills_covered": covered,
        "skills_missing": missing,
    }
