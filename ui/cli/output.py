"""Human-readable and JSON renderings of command results (shapes documented in docs/cli.md)."""

from __future__ import annotations

import json
from typing import Any

from wallet.model import Credential, Summary

STATUS_WORDS = {
    "verified": "Verified",
    "warning": "Warning",
    "invalid": "Invalid",
    "unverified": "Not checked",
}


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
        print("No credentials.")
        return
    for r in rows:
        tags = f"  [{', '.join(r['tags'])}]" if r["tags"] else ""
        title = r["title"] or "(untitled)"
        issuer = f" — {r['issuer']}" if r["issuer"] else ""
        print(f"{r['id']}  {STATUS_WORDS.get(r['status'], r['status']):12} {title}{issuer}{tags}")
    print(f"{len(rows)} credential{'s' if len(rows) != 1 else ''}")


def _sharing(extra: dict[str, Any]) -> str:
    fields = extra.get("disclosable") or []
    if not fields:
        return ""
    always = extra.get("always_shared") or []
    return (f"field by field ({len(fields)} fields to choose from"
            + (f"; always shown: {', '.join(always)}" if always else "") + ")")


def _show(c: dict[str, Any]) -> None:
    n = c["normalized"]
    print(n["title"] or "(untitled)")
    for label, value in (
        ("Id", c["id"]), ("Format", c["format"]), ("Status", STATUS_WORDS.get(c["status"], c["status"])),
        ("Verdict", c.get("headline")),
        ("Issuer", " ".join(x for x in (n["issuer_name"], f"<{n['issuer_id']}>" if n["issuer_id"] else "") if x)),
        ("Subject", n["subject_name"]), ("Issued", n["issued"]), ("Expires", n["expires"]),
        ("Description", n["description"]), ("Criteria", n["criteria"]),
        ("Skills", ", ".join(s["name"] for s in n["skills"])), ("Tags", ", ".join(c["tags"])), ("Notes", c["notes"]),
        ("Sharing", _sharing(n["extra"])), ("File", c["file_name"]), ("Imported", c["imported_at"]),
    ):
        if value:
            print(f"  {label + ':':13}{value}")
    el = c.get("micro_credential_elements")
    if el:
        print(f"  Micro-credential elements ({el['completeness']} described):")
        print("    present: " + ", ".join(el["labels"][k] for k in el["present"]))
        if el["missing"]:
            print("    not described: " + ", ".join(el["labels"][k] for k in el["missing"]))
    checks = c["report"]["checks"]
    if checks:
        print("  Checks:")
        for ch in checks:
            print(f"    {ch['status']:8} {ch['id']:13} {ch['message']}")


def _import(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        if r["duplicate"]:
            print(f"= {r['input']}: {r['error']}")
        elif r["error"]:
            err = r["error"] if r["error"].startswith(r["input"]) else f"{r['input']}: {r['error']}"
            print(f"✗ {err}")
        else:
            print(f"✓ {r['input']}: {r['id']} ({r['format']}, {STATUS_WORDS.get(r['status'], r['status'])})")


def _verify(r: dict[str, Any]) -> None:
    if r.get("format") == "presentation":
        print(f"{r.get('input')}: a presentation")
        _presentation(r)
        return
    label = r.get("title") or r.get("input") or r.get("id")
    print(f"{label}: {STATUS_WORDS.get(r['status'], r['status'])} ({r['format']})")
    if r.get("headline"):
        print(f"  {r['headline']}")
    marks = {"pass": "✓", "fail": "✗", "skipped": "–"}
    for ch in r["checks"]:
        print(f"  {marks.get(ch['status'], '?')} {ch['message']}")
    for f in r.get("fetches", []):
        print(f"  fetched {f['url']}: {f.get('outcome')}")


def _presentation(r: dict[str, Any]) -> None:
    words = {"verified": "VERIFIED", "warning": "VERIFIED WITH WARNINGS", "invalid": "NOT VALID",
             "unverified": "NOT CHECKED"}
    print(f"{words.get(r['status'], r['status'])}: {r['kind']} presentation")
    if r.get("issuer"):
        print(f"  issued by: {r['issuer']}")
    for d in r["disclosed"]:
        print(f"  credential: {d['credential']} ({d['format']}, issuer {d['issuer']})")
        if d.get("subject") or d.get("subject_key"):
            key = f" [{d['subject_key']}]" if d.get("subject_key") else ""
            print(f"    issued to: {d.get('subject') or '(no name)'}{key} (as the credential claims)")
        claims = d["claims"]
        if isinstance(claims, dict):
            for k, v in claims.items():
                print(f"    {k}: {json.dumps(v, ensure_ascii=False)[:100]}")
        else:
            print(f"    disclosed: {claims}")
    marks = {"pass": "✓", "fail": "✗", "skipped": "–"}
    for ch in r["checks"]:
        print(f"  {marks.get(ch['status'], '?')} {ch['id']}: {ch['message']}")


def _stack(st: dict[str, Any]) -> None:
    target = f" of {st['target_credits']:g}" if st["target_credits"] else ""
    pct = f" ({st['credits_percent']}%)" if st["credits_percent"] is not None else ""
    print(f"{st['name']}: {len(st['credentials'])} credentials, {st['credits_earned']:g}{target} credits{pct}")
    if st["required_skills"]:
        print(f"  skills covered: {', '.join(st['skills_covered']) or '(none yet)'}")
        print(f"  skills missing: {', '.join(st['skills_missing']) or '(none)'}")


def human(command: str, result: Any) -> None:
    if command == "skills":
        for e in result:
            fw = f" [{e['framework']}{' ' + e['code'] if e['code'] else ''}]" if e["framework"] else ""
            print(f"{e['skill']}{fw} — {e['strongest']}")
            for ev in e["evidence"]:
                print(f"    {ev['id']}  {STATUS_WORDS.get(ev['status'], ev['status']):12} {ev['title']}")
        if not result:
            print("No skills recorded in your credentials yet.")
    elif command == "stack":
        for st in result if isinstance(result, list) else [result]:
            if "deleted" in st:
                print(f"Deleted stack {st['deleted']}.")
            else:
                _stack(st)
    elif command == "verify-presentation":
        _presentation(result)
    elif command == "present":
        print(f"Made a {result['kind']} presentation for {result['audience']} (expires {result['expires'][:10]}).")
        for d in result["disclosed"]:
            what = d["disclosed"] if isinstance(d["disclosed"], str) else ", ".join(d["disclosed"]) or "(nothing)"
            print(f"  {d['title']}: {what}")
        for n in result["notes"]:
            print(f"  note: {n}")
        print(f"  {len(result['qr'])} QR code(s), version {', '.join(map(str, result['qr_versions']))}")
        for f in result.get("qr_files", []):
            print(f"  wrote {f}")
        if result.get("out"):
            print(f"  wrote {result['out']}")
        if not result.get("out") and not result.get("qr_files"):
            for t in result["qr"]:
                print(t)
    elif command == "pdf":
        print(f"Wrote {result['out']}: {result['credentials']} credentials, {result['qr_codes']} QR codes, "
              f"presentations attached ({result['page_size']}).")
        for sk in result.get("skipped", []):
            print(f"  left out {sk['title']}: {sk['reason']}")
    elif command == "holder":
        print(f"DID: {result['did']}")
        print(f"P-256 key: {json.dumps(result['jwk'])}")
    elif command == "log":
        for e in result:
            what = "; ".join(f"{d['title']}: {d['disclosed'] if isinstance(d['disclosed'], str) else ', '.join(d['disclosed'])}"
                             for d in e["disclosed"])
            print(f"{e['at']}  to {e['audience']}  as {e['form']}  — {what}")
        if not result:
            print("Nothing shared yet.")
    elif command == "verify":
        for r in result if isinstance(result, list) else [result]:
            _verify(r)
    elif command == "issuers":
        if isinstance(result, list):
            for e in result:
                print(f"{e['id']}  {e.get('name', '')}  {'key' if e.get('jwk') else e.get('did', '')}")
            if not result:
                print("No trusted issuers.")
        else:
            print(result)
    elif command == "settings":
        print(f"online checks: {'on' if result['online'] else 'off'}; import size limit: {result['max_file_mb']} MB")
    elif command == "list":
        _list(result)
    elif command == "show":
        _show(result)
    elif command == "import":
        _import(result)
    elif command == "init":
        print(f"Created a wallet in {result['wallet']}.")
        print()
        print("Your recovery code (write it down; it is shown only this once):")
        print()
        print(f"    {result['recovery_code']}")
        print()
        print("With it you can set a new passphrase if you forget yours: credwallet recover")
    elif command == "delete":
        print(f"Deleted {result['deleted']}.")
    elif command == "tag":
        print(f"{result['id']}: tags {', '.join(result['tags']) or '(none)'}")
    elif command == "note":
        print(f"{result['id']}: note saved")
    elif command == "export":
        print(f"Wrote {result['bytes']:,} bytes to {result['out']}.")
    elif command == "backup":
        print(f"Backed up {result['credentials']} credentials to {result['out']} ({result['bytes']:,} bytes).")
    elif command == "restore":
        print(f"Restored {len(result['restored'])} credentials; the wallet now holds {result['credentials']}.")
        if result.get("mode") == "merge":
            if result["already_present"]:
                print(f"{len(result['already_present'])} were already in the wallet.")
            for r in result["refused"]:
                print(f"Not restored: {r['error']}")
            print("Each restored credential was checked again here; this wallet's settings, trusted issuers, "
                  "fetched keys and holder keys were kept.")
    elif command == "respond":
        from .respond import human as respond_human

        respond_human(result)
    elif command == "passphrase":
        print("Passphrase changed.")
    elif command == "recover":
        print(f"New passphrase set; {result['credentials']} credentials are safe.")
    elif command == "keyring":
        if "available" in result:
            print(("Keyring available: " if result["available"] else "Keyring not usable: ") + result["backend"])
        else:
            print("The key is now kept in the OS keyring." if result["keyring"] else "The key was removed from the keyring.")
    else:
        print(result)
