"""The indexes the store keeps beside each credential, rewritten whenever it changes: the full-text row
(FTS5) and the skills rows (with how strongly the credential evidences them)."""

from __future__ import annotations

import json

import sqlcipher3

from ..model import Normalized


def reindex(db: sqlcipher3.Connection, cid: str, known: tuple[int, str, str, list[str]] | None = None) -> None:
    """Rewrite one credential's full-text row; its FTS rowid is the credential's rowid.  ``known`` is
    (rowid, normalized JSON, notes, tags) when the caller has just written them (an insert: not read back)."""
    if known is None:
        row = db.execute("SELECT normalized, notes, rowid FROM credentials WHERE id = ?", (cid,)).fetchone()
        if row is None:
            db.execute("DELETE FROM credential_fts WHERE credential_id = ?", (cid,))
            return
        norm_json, notes, rowid = row
        tags = " ".join(t for (t,) in db.execute("SELECT tag FROM tags WHERE credential_id = ?", (cid,)))
    else:
        rowid, norm_json, notes, tag_list = known
        tags = " ".join(sorted(tag_list))  # as the tags table gives them back (its key orders them)
    # by rowid: FTS5 looks a rowid up in its index, while "WHERE credential_id = ?" (an UNINDEXED column)
    # reads every row, which made importing 10,000 credentials quadratic
    db.execute("DELETE FROM credential_fts WHERE rowid = ?", (rowid,))
    norm = Normalized.from_json(json.loads(norm_json))
    f = norm.search_fields()
    db.execute(
        "INSERT INTO credential_fts (rowid, credential_id, title, issuer, subject, description, criteria, skills,"
        " tags, notes) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (rowid, cid, f["title"], f["issuer"], f["subject"], f["description"], f["criteria"], f["skills"], tags, notes),
    )


def index_skills(db: sqlcipher3.Connection, cid: str, norm_json: str | None = None) -> None:
    """Rewrite one credential's skill rows (``norm_json``: its normalized JSON, when the caller has it)."""
    db.execute("DELETE FROM credential_skills WHERE credential_id = ?", (cid,))
    if norm_json is None:
        row = db.execute("SELECT normalized FROM credentials WHERE id = ?", (cid,)).fetchone()
        if row is None:
            return
        norm_json = row[0]
    norm = Normalized.from_json(json.loads(norm_json))
    strength = norm.evidence_strength()
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
