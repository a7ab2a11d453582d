"""Human text for the commands output.py does not cover: never a Python dict on the screen."""

from __future__ import annotations

import json
from typing import Any

from wallet.service import labels, messages

L = labels.text


def _skills(result: list[dict[str, Any]]) -> None:
    for e in result:
        fw = f" [{e['framework']}{' ' + e['code'] if e['code'] else ''}]" if e["framework"] else ""
        print(f"{e['skill']}{fw} — {e['strongest']}")
        for ev in e["evidence"]:
            print(f"    {ev['id']}  {labels.status(ev['status']):12} {ev['title']}")
    if not result:
        print(L("cli.skills.none"))


def _present(result: dict[str, Any]) -> None:
    print(L("cli.present.made", kind=result["kind"], audience=result["audience"], date=labels.date(result["expires"])))
    for d in result["disclosed"]:
        what = L("cli.present.whole") if isinstance(d["disclosed"], str) else \
            ", ".join(labels.pointers(d["disclosed"])) or L("cli.present.nothing")
        print(f"  {d['title']}: {what}")
    for n in result["notes"]:
        print("  " + L("cli.note", text=n))
    print("  " + L("cli.present.codes", n=len(result["qr"]), versions=", ".join(map(str, result["qr_versions"]))))
    for f in [*result.get("qr_files", []), *([result["out"]] if result.get("out") else [])]:
        print("  " + L("cli.wrote", file=f))
    if not result.get("out") and not result.get("qr_files"):
        for t in result["qr"]:
            print(t)


def _issuers(result: Any) -> None:
    if isinstance(result, list):
        for e in result:
            print(f"{e['id']}  {e.get('name', '')}  {'key' if e.get('jwk') else e.get('did', '')}")
        if not result:
            print(L("cli.issuers.none"))
    elif "imported" in result:
        print(L("cli.issuers.imported", n=result["imported"], total=len(result["issuers"])))
    elif "added" in result:
        name = result["added"].get("name")
        print(L("cli.issuers.added", id=result["added"]["id"], name=f" ({name})" if name else ""))
    elif "removed" in result:
        print(L("cli.issuers.removed", id=result["removed"]))
    elif "out" in result:
        print(L("cli.issuers.exported", n=result["issuers"], out=result["out"]))
    else:  # export to standard output: the trust list itself, which is JSON by nature
        print(json.dumps({"issuers": result["issuers"]}, indent=2, ensure_ascii=False))


def _settings(result: dict[str, Any]) -> None:
    rows = (("cli.settings.online", L("cli.on") if result["online"] else L("cli.off")),
            ("cli.settings.limit", f"{result['max_file_mb']} MB"),
            ("cli.settings.check_seconds", f"{labels.number(result['check_seconds'])} s"),
            ("cli.settings.verifier_url", result["verifier_url"]),
            ("cli.settings.name", result.get("name") or L("cli.not_set")),
            ("cli.settings.updates", L("cli.on") if result.get("updates") else L("cli.off")),
            ("cli.settings.update_feed", result.get("update_feed", "")))
    width = max(len(L(k)) for k, _ in rows) + 2
    for k, v in rows:
        print(f"{L(k) + ':':{width}}{v}")


def _restore(result: dict[str, Any]) -> None:
    print(L("cli.restore.done", n=len(result["restored"]), total=result["credentials"]))
    if result.get("mode") == "merge":
        if result["already_present"]:
            print(L("cli.restore.present", n=len(result["already_present"])))
        for r in result["refused"]:
            print(L("cli.restore.refused", error=r["error"]))
        print(L("cli.restore.kept"))


def _init(result: dict[str, Any]) -> None:
    print(L("cli.init.created", path=result["wallet"]))
    print()
    print(L("cli.init.code"))
    print()
    print(f"    {result['recovery_code']}")
    print()
    print(L("cli.init.how"))


def _log(result: list[dict[str, Any]]) -> None:
    for e in result:
        what = "; ".join(f"{d['title']}: " + (L("cli.present.whole") if isinstance(d["disclosed"], str)
                                               else ", ".join(labels.pointers(d["disclosed"])))
                         for d in e["disclosed"])
        print(L("cli.log.line", at=e["at"], audience=e["audience"], form=e["form"], what=what))
    if not result:
        print(L("cli.log.none"))


def _pdf(result: dict[str, Any]) -> None:
    print(L("cli.pdf.wrote", out=result["out"], n=result["credentials"], codes=result["qr_codes"],
            size=result["page_size"]))
    for sk in result.get("skipped", []):
        print("  " + L("cli.pdf.left_out", title=sk["title"], reason=messages.translate(sk["reason"])))


def _keyring(result: dict[str, Any]) -> None:
    if "available" in result:
        print(L("cli.keyring.available" if result["available"] else "cli.keyring.unusable", backend=result["backend"]))
    else:
        print(L("cli.keyring.on" if result["keyring"] else "cli.keyring.off"))


SIMPLE = {
    "delete": lambda r: L("cli.deleted", id=r["deleted"]),
    "tag": lambda r: L("cli.tags", id=r["id"], tags=", ".join(r["tags"]) or L("label.none")),
    "note": lambda r: L("cli.note_saved", id=r["id"]),
    "export": lambda r: L("cli.exported", bytes=f"{r['bytes']:,}", out=r["out"]),
    "backup": lambda r: L("cli.backup", n=r["credentials"], out=r["out"], bytes=f"{r['bytes']:,}"),
    "passphrase": lambda r: L("cli.passphrase_changed"),
    "recover": lambda r: L("cli.recovered", n=r["credentials"]),
    "holder": lambda r: f"DID: {r['did']}\nP-256 key: {json.dumps(r['jwk'])}",
    "verifier": lambda r: L("cli.served", url=r["served"]),
}

RENDER = {"skills": _skills, "present": _present, "issuers": _issuers, "settings": _settings, "restore": _restore,
          "init": _init, "log": _log, "pdf": _pdf, "keyring": _keyring}


def human(command: str, result: Any) -> None:
    if command in RENDER:
        RENDER[command](result)
    elif command in SIMPLE:
        print(SIMPLE[command](result))
    elif isinstance(result, dict | list):  # a command without its own words yet: readable, never a repr
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(result)
