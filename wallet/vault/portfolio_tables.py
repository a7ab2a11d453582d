"""The portfolio's tables in the store: the skills index and the learner's stacks (mixed into Store, which
owns the connection and the transactions)."""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any

import sqlcipher3

from ..errors import NotFound, WalletError


class PortfolioTables:
    if TYPE_CHECKING:
        @property
        def db(self) -> sqlcipher3.Connection: ...

        def transaction(self) -> contextlib.AbstractContextManager[sqlcipher3.Connection]: ...

    def skill_rows(self) -> list[tuple[str, str, str | None, str | None, str | None, str]]:
        return [tuple(r) for r in self.db.execute(
            "SELECT credential_id, name, framework, code, url, strength FROM credential_skills")]

    def stacks(self) -> list[dict[str, Any]]:
        out = []
        for name, target, req, created in self.db.execute(
                "SELECT name, target_credits, required_skills, created FROM stacks ORDER BY name"):
            items = [c for (c,) in self.db.execute("SELECT credential_id FROM stack_items WHERE stack = ?", (name,))]
            out.append({"name": name, "target_credits": target, "required_skills": json.loads(req),
                        "created": created, "credentials": items})
        return out

    def create_stack(self, name: str, target: float | None, required: list[str], created: str) -> None:
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM stacks WHERE name = ?", (name,)).fetchone():
                raise WalletError(f"a stack named {name!r} already exists")
            db.execute("INSERT INTO stacks VALUES (?,?,?,?)", (name, target, json.dumps(required), created))

    def stack_add(self, name: str, ids: list[str]) -> None:
        with self.transaction() as db:
            if not db.execute("SELECT 1 FROM stacks WHERE name = ?", (name,)).fetchone():
                raise NotFound(f"no stack named {name!r}")
            db.executemany("INSERT OR IGNORE INTO stack_items VALUES (?, ?)", [(name, i) for i in ids])

    def stack_remove(self, name: str, cid: str) -> None:
        with self.transaction() as db:
            if db.execute("DELETE FROM stack_items WHERE stack = ? AND credential_id = ?", (name, cid)).rowcount == 0:
                raise NotFound(f"{cid} is not in the stack {name!r}")

    def delete_stack(self, name: str) -> None:
        with self.transaction() as db:
            if db.execute("DELETE FROM stacks WHERE name = ?", (name,)).rowcount == 0:
                raise NotFound(f"no stack named {name!r}")

    @staticmethod
    def merge_stacks(db: Any, stacks: list[tuple[str, float | None, str, str]],
                     items: list[tuple[str, str | None]]) -> None:
        """Inside a restore's transaction: a backup's stacks (a name this wallet has keeps this wallet's), and
        their members, each into a stack of that name (the backup's or this wallet's)."""
        for name, target, required, created in stacks:
            db.execute("INSERT OR IGNORE INTO stacks VALUES (?,?,?,?)", (name, target, required, created))
        for stack, cid in items:
            if cid and db.execute("SELECT 1 FROM stacks WHERE name = ?", (stack,)).fetchone():
                db.execute("INSERT OR IGNORE INTO stack_items VALUES (?, ?)", (stack, cid))
