"""The indexes the store keeps beside each credential, rewritten whenever it changes: the full-text row
(FTS5) and the skills rows (with how strongly the credential evidences them)."""

from __future__ import annotations

import json

import sqlcipher3

from ..model import Normalized


def reindex(db: sqlcipher3.Connection, cid: str) -> None:
    """Rewrite one credential's full-text row; its FTS rowid is the credential's rowid."""
    row = db.execute("SELECT normalized, notes, rowid FROM credentials WHERE id = ?", (cid,)).fetchone()
    db.execute("DELETE FROM credential_fts WHERE credential_id = ?", (cid,))
    if row is None:
        return
    norm = Normalized.from_json(json.loads(row[0]))
    tags = " ".join(t for (t,) in db.execute("SELECT tag FROM tags WHERE credential_id = ?", (cid,)))
    f = norm.search_fields()
    db.execute(
        "INSERT INTO credential_fts (rowid, credential_id, title, issuer, subject, description, criteria, skills,"
        " tags, notes) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (row[2], cid, f["title"], f["issuer"], f["subject"], f["description"], f["criteria"], f["skills"], tags, row[1]),
    )


def index_skills(db: sqlcipher3.Connection, cid: str) -> None:
    from ..portfolio.strength import strength_of

    db.execute("DELETE FROM credential_skills WHERE credential_id = ?", (cid,))
    row = db.execute("SELECT normalized FROM credentials WHERE id = ?", (cid,)).fetchone()
    if row is None:
        return
    norm = Normalized.from_json(json.loads(row[0]))
    strength = strength_of(norm)
    db.executemany(
        "INSERT INTO credential_skills VALUES (?,?,?,?,?,?)",
        [(cid, sk.name, sk.framework, sk.code, sk.url, strength) for sk in norm.skills],
    )


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must match, the last as a prefix."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    if not words:
        return ""
    parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " AND ".join(parts)
