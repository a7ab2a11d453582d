"""Human-readable and JSON renderings of command results (shapes documented in docs/cli.md)."""

from __future__ import annotations

import json
from typing import Any

from wallet.model import Credential, Summary
from wallet.service import labels, messages

L = labels.text
M = messages.check_text  # a check's message in the chosen language (--json keeps the English text and the id)


def status(value: str) -> str:
    """The verdict in the catalogue's words (the same as the desktop app's and the PDF's)."""
    return labels.status(value)


STATUS_WORDS = {k: labels.status(k, "en") for k in ("verified", "warning", "invalid", "unverified")}


def credit_value(c: dict[str, Any] | None) -> str:
    """{"value": 5, "system": "ECTS"} -> '5 credits (ECTS)'."""
    if not c or not isinstance(c.get("value"), int | float | str):
        return ""
    try:
        n = float(c["value"])
    except ValueError:
        return str(c["value"])
    system = str(c.get("system") or "")
    return labels.credits(n) + (f" ({system})" if system and system.casefold() != "credits" else "")


def results_text(results: list[dict[str, Any]] | None) -> str:
    return "; ".join(str(r.get("value") or r.get("achievedLevel") or r.get("status") or "") for r in results or []
                     if isinstance(r, dict)).strip("; ")


def summary_json(s: Summary) -> dict[str, Any]:
    return {
        "id": s.id,
        "format": s.format,
        "title": s.title,
        "issuer": s.issuer_name,
        "issued": s.issued,
        "status": s.status,
        "tags": s.tags,
        "imported_at": s.imported_at,
        "received_from": s.received_from,
    }


def credential_json(c: Credential) -> dict[str, Any]:
    from wallet.service import issuer_confirmation, verdict_headline

    return {
        "headline": verdict_headline(c.report, c.normalized),
        "issuer_confirmation": issuer_confirmation(c.report),
        "id": c.id,
        "format": c.format,
        "sha256": c.sha256,
        "file_name": c.file_name,
        "imported_at": c.imported_at,
        "status": c.report.status,
        "normalized": c.normalized.to_json(),
        "report": c.report.to_json(),
        "tags": c.tags,
        "notes": c.notes,
        "bytes": len(c.original),
    }


def _list(rows: list[dict[str, Any]]) -> None:
    if not rows:
        print(L("cli.no_credentials"))
        return
    width = max(len(status(r["status"])) for r in rows)
    for r in rows:
        tags = f"  [{', '.join(r['tags'])}]" if r["tags"] else ""
        title = r["title"] or L("label.untitled")
        issuer = f" — {r['issuer']}" if r["issuer"] else ""
        came = r.get("received_from")
        came = f"  (received from {came['issuer_name'] or came['issuer']}, {came['received_at'][:10]})" if came else ""
        print(f"{r['id']}  {status(r['status']):{width}} {title}{issuer}{tags}{came}")
    print(L("cli.credential_count.one") if len(rows) == 1 else L("cli.credential_count", n=len(rows)))


def _sharing(extra: dict[str, Any]) -> str:
    fields = extra.get("disclosable") or []
    if not fields:
        return ""
    always = [labels.pointer(p) for p in extra.get("always_shared") or []]
    if always:
        return L("label.sharing_fields_always", n=len(fields), always=", ".join(always))
    return L("label.sharing_fields", n=len(fields))


def _show(c: dict[str, Any]) -> None:
    n = c["normalized"]
    print(n["title"] or L("label.untitled"))
    level = n.get("level") or {}
    rows = (
        ("id", c["id"]), ("format", c["format"]), ("status", status(c["status"])), ("verdict", labels.headline(c.get("headline") or "", c["status"],
                                                                      c.get("issuer_confirmation") or {},
                                                                      n["issuer_name"] or n["issuer_id"])),
        ("issuer", " ".join(x for x in (n["issuer_name"], f"<{n['issuer_id']}>" if n["issuer_id"] else "") if x)),
        ("subject", n["subject_name"]), ("issued", labels.date(n["issued"])), ("expires", labels.date(n["expires"])),
        ("description", n["description"]), ("criteria", n["criteria"]),
        ("credits", credit_value(n.get("credits"))),
        ("level", " ".join(str(x) for x in (level.get("framework"), level.get("value")) if x)),
        ("results", results_text(n["extra"].get("results"))),
        ("skills", ", ".join(s["name"] for s in n["skills"])), ("tags", ", ".join(c["tags"])), ("notes", c["notes"]),
        ("sharing", _sharing(n["extra"])), ("file", c["file_name"]), ("imported", labels.date(c["imported_at"])),
    )
    heads = {k: L(f"label.{k}") + ":" for k, _ in rows}
    width = max(len(h) for h in heads.values()) + 1
    for key, value in rows:
        if value:
            print(f"  {heads[key]:{width}}{value}")
    el = c.get("micro_credential_elements")
    if el:
        total = len(el["present"]) + len(el["missing"])
        done = L("element.completeness", n=len(el["present"]), total=total)
        print("  " + L("element.heading", completeness=done) + ":")
        print(f"    {L('element.present')}: " + ", ".join(labels.element(k) for k in el["present"]))
        if el["missing"]:
            print(f"    {L('element.missing')}: " + ", ".join(labels.element(k) for k in el["missing"]))
    checks = c["report"]["checks"]
    if checks:
        print(f"  {L('label.checks')}:")
        for ch in checks:
            print(f"    {ch['status']:8} {ch['id']:13} {M(ch)}")


def _import(rows: list[dict[str, Any]]) -> None:
    added = dup = refused = 0
    for r in rows:
        if r["duplicate"]:
            dup += 1
            print(f"= {r['input']}: {r['error']}")
        elif r["error"]:
            refused += 1
            said = messages.translate(r["error"])
            err = said if r["error"].startswith(r["input"]) else f"{r['input']}: {said}"
            print(f"✗ {err}")
        else:
            added += 1
            print(f"✓ {r['input']}: {r['id']} ({r['format']}, {status(r['status'])})")
    if len(rows) > 1:
        print(L("cli.import.summary", added=added, duplicates=dup, refused=refused))
    hint = getattr(rows, "hint", "")
    if hint:
        print(hint)


def _verify(r: dict[str, Any]) -> None:
    if r.get("format") == "presentation":
        print(L("cli.verify.presentation", input=r.get("input")))
        _presentation(r)
        return
    label = r.get("title") or r.get("input") or r.get("id")
    print(f"{label}: {status(r['status'])} ({r['format']})")
    if r.get("headline"):  # the core's sentence in English; the status and the issuer's confirmation otherwise
        print("  " + labels.headline(r["headline"], r["status"], r.get("issuer") or {}, r.get("issuer_name") or ""))

    marks = {"pass": "✓", "fail": "✗", "skipped": "–"}
    for ch in r["checks"]:
        print(f"  {marks.get(ch['status'], '?')} {M(ch)}")
    for f in r.get("fetches", []):
        print("  " + L("cli.verify.fetched", url=f["url"], outcome=f.get("outcome")))


def _claim(value: Any) -> str:
    if isinstance(value, dict):  # an alignment, a result: its plain fields
        plain = [f"{labels.field(k)}: {v}" for k, v in value.items()
                 if k not in ("type", "@context", "id") and isinstance(v, str | int | float)]
        if plain:
            return "; ".join(plain)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _presentation(r: dict[str, Any]) -> None:
    print(L("cli.presentation.kind", status=status(r["status"]).upper(), kind=r["kind"]))
    if r.get("issuer"):
        print("  " + L("cli.presentation.issued_by", issuer=r["issuer"]))
    for d in r["disclosed"]:
        print("  " + L("cli.presentation.credential", title=d["credential"], format=d["format"], issuer=d["issuer"]))
        if d.get("subject") or d.get("subject_key"):
            key = f" [{d['subject_key']}]" if d.get("subject_key") else ""
            print("    " + L("cli.presentation.issued_to", subject=d.get("subject") or L("cli.presentation.no_name"),
                             key=key))
        claims = d["claims"]
        if isinstance(claims, dict):
            for k, v in claims.items():
                print(f"    {labels.field(k)}: {_claim(v)[:100]}")
        else:
            print("    " + L("cli.presentation.disclosed", what=claims))
    marks = {"pass": "✓", "fail": "✗", "skipped": "–"}
    for ch in r["checks"]:
        print(f"  {marks.get(ch['status'], '?')} {ch['id']}: {M(ch)}")



def _stack(st: dict[str, Any]) -> None:
    if st["target_credits"]:
        credits = L("unit.credits_of", earned=labels.number(st["credits_earned"]),
                    target=labels.number(st["target_credits"]))
    else:
        credits = labels.credits(st["credits_earned"]) if st["credits_earned"] else L("cli.stack.no_credits")
    pct = f" ({st['credits_percent']}%)" if st["credits_percent"] is not None else ""
    print(L("cli.stack.summary", name=st["name"], count=len(st["credentials"]), credits=credits, percent=pct))
    for m in st.get("members", []):
        c = labels.credits(m["credits"]) if m.get("credits") is not None else "–"
        print(f"  {m['id']}  {c:>16}  {status(m['status']):{12}} {m['title'] or L('label.untitled')}")
    if st["required_skills"]:
        print("  " + L("cli.stack.skills_covered", skills=", ".join(st["skills_covered"]) or L("cli.stack.none_yet")))
        print("  " + L("cli.stack.skills_missing", skills=", ".join(st["skills_missing"]) or L("label.none")))


def human(command: str, result: Any) -> None:
    from .output_text import human as more

    if command == "list":
        _list(result)
    elif command == "show":
        _show(result)
    elif command == "respond":
        from .respond import human as respond_human

        respond_human(result)
    elif command == "update-check":
        from .update_check import human as update_human

        update_human(result)
    elif command == "receive":
        from .receive import human as receive_human

        receive_human(result)
    elif command == "import":
        _import(result)
    elif command == "verify":
        for r in result if isinstance(result, list) else [result]:
            _verify(r)
    elif command == "verify-presentation":
        _presentation(result)
    elif command == "stack":
        if isinstance(result, list) and not result:
            print(L("cli.stack.empty"))
        for st in result if isinstance(result, list) else [result]:
            if "deleted" in st:
                print(L("cli.stack.deleted", name=st["deleted"]))
            else:
                _stack(st)
    else:
        more(command, result)
