"""Human text for the commands output.py does not cover: never a Python dict on the screen."""

from __future__ import annotations

import json
from typing import Any

from wallet import labels

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
    print(f"Made a {result['kind']} presentation for {result['audience']} (expires {labels.date(result['expires'])}).")
    for d in result["disclosed"]:
        what = d["disclosed"] if isinstance(d["disclosed"], str) else ", ".join(labels.pointers(d["disclosed"])) or "(nothing)"
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
            ("cli.settings.name", result.get("name") or L("cli.not_set")))
    width = max(len(L(k)) for k, _ in rows) + 2
    for k, v in rows:
        print(f"{L(k) + ':':{width}}{v}")


def _restore(result: dict[str, Any]) -> None:
    print(f"Restored {len(result['restored'])} credentials; the wallet now holds {result['credentials']}.")
    if result.get("mode") == "merge":
        if result["already_present"]:
            print(f"{len(result['already_present'])} were already in the wallet.")
        for r in result["refused"]:
            print(f"Not restored: {r['error']}")
        print("Each restored credential was checked again here; this wallet's settings, trusted issuers, "
              "fetched keys and holder keys were kept.")


def _init(result: dict[str, Any]) -> None:
    print(f"Created a wallet in {result['wallet']}.")
    print()
    print("Your recovery code (write it down; it is shown only this once):")
    print()
    print(f"    {result['recovery_code']}")
    print()
    print("With it you can set a new passphrase if you forget yours: credwallet recover")


def _log(result: list[dict[str, Any]]) -> None:
    for e in result:
        what = "; ".join(f"{d['title']}: "
                         f"{d['disclosed'] if isinstance(d['disclosed'], str) else ', '.join(labels.pointers(d['disclosed']))}"
                         for d in e["disclosed"])
        print(f"{e['at']}  to {e['audience']}  as {e['form']}  — {what}")
    if not result:
        print("Nothing shared yet.")


def _pdf(result: dict[str, Any]) -> None:
    print(f"Wrote {result['out']}: {result['credentials']} credentials, {result['qr_codes']} QR codes, "
          f"presentations attached ({result['page_size']}).")
    for sk in result.get("skipped", []):
        print(f"  left out {sk['title']}: {sk['reason']}")


def _keyring(result: dict[str, Any]) -> None:
    if "available" in result:
        print(("Keyring available: " if result["available"] else "Keyring not usable: ") + result["backend"])
    else:
        print("The key is now kept in the OS keyring." if result["keyring"] else "The key was removed from the keyring.")


SIMPLE = {
    "delete": lambda r: f"Deleted {r['deleted']}.",
    "tag": lambda r: f"{r['id']}: tags {', '.join(r['tags']) or '(none)'}",
    "note": lambda r: f"{r['id']}: note saved",
    "export": lambda r: f"Wrote {r['bytes']:,} bytes to {r['out']}.",
    "backup": lambda r: f"Backed up {r['credentials']} credentials to {r['out']} ({r['bytes']:,} bytes).",
    "passphrase": lambda r: "Passphrase changed.",
    "recover": lambda r: f"New passphrase set; {r['credentials']} credentials are safe.",
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
