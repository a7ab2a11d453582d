"""The learner's portfolio: skills across credentials (with their own synonyms), a credential's
micro-credential elements, and stacks (pathways towards a target)."""

from __future__ import annotations

from typing import Any

from .. import settings as S
from ..clock import iso
from ..errors import NotFound, WalletError
from ..model import Summary
from ..portfolio import elements as elements_mod
from ..portfolio import skills as skills_mod
from ..portfolio import stacks as stacks_mod
from .session import Session


def synonyms(s: Session) -> dict[str, str]:
    return skills_mod.load_synonyms(s.setting(S.SYNONYMS))


def add_synonym(s: Session, canonical: str, alias: str) -> None:
    table = dict(s.setting(S.SYNONYMS))
    table.setdefault(canonical, [])
    if alias not in table[canonical]:
        table[canonical].append(alias)
    s.set_setting(S.SYNONYMS, table)


def skills(s: Session, framework: str | None = None) -> list[skills_mod.SkillEntry]:
    return skills_mod.aggregate(s.store.skill_rows(), s.store.summaries(), synonyms(s), framework)


def skills_of(s: Session, summaries: list[Summary], framework: str | None = None) -> list[skills_mod.SkillEntry]:
    """skills() over a listing already made (the whole collection, unfiltered): a window that has just
    listed every credential need not list them all again."""
    return skills_mod.aggregate(s.store.skill_rows(), summaries, synonyms(s), framework)


def elements(s: Session, ref: str) -> dict[str, Any]:
    return elements_mod.elements(s.get(ref).normalized)


def create_stack(s: Session, name: str, target_credits: float | None = None,
                 required_skills: list[str] | None = None) -> None:
    name = name.strip()
    if not name:
        raise WalletError("a stack needs a name")
    if target_credits is not None and target_credits <= 0:
        raise WalletError("the credit target must be positive")
    s.store.create_stack(name, target_credits, list(required_skills or []), iso(s.clock()))


def stack_add(s: Session, name: str, refs: list[str]) -> None:
    s.store.stack_add(name, [s.store.resolve_id(r) for r in refs])


def stack_remove(s: Session, name: str, ref: str) -> None:
    s.store.stack_remove(name, s.store.resolve_id(ref))


def delete_stack(s: Session, name: str) -> None:
    """Delete a stack (its credentials stay in the wallet)."""
    s.store.delete_stack(name)


def stacks(s: Session) -> list[dict[str, Any]]:
    return s.store.stacks()


def stack_progress(s: Session, name: str) -> dict[str, Any]:
    every: list[dict[str, Any]] = list(s.store.stacks())
    stack = next((x for x in every if x["name"] == name), None)
    if stack is None:
        raise NotFound(f"no stack named {name!r}")
    credits = {}
    for cid in stack["credentials"]:
        c = s.store.get(cid).normalized.credits
        if c and isinstance(c.get("value"), int | float | str):
            try:
                credits[cid] = float(c["value"])
            except ValueError:
                pass
    return stacks_mod.progress(stack, credits, skills(s), synonyms(s))
