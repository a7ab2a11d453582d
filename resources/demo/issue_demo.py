"""Issue the demo credential set into resources/demo/credentials/.

Run from the repository root:  python resources/demo/issue_demo.py
The output is committed, so ``credwallet --demo`` needs no step beyond installing the package.
Everything is deterministic (fixed dates, fixed ids), so re-running it changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "credentials"
LEARNER = {"name": "Amira Haddad", "email": "amira@example.org"}
ISSUER = {
    "id": "https://demo.credwallet.org/issuers/riverbend",
    "type": "Issuer",
    "name": "Riverbend Community College",
    "url": "https://demo.credwallet.org/riverbend",
    "email": "badges@riverbend.example",
}

OB2_BADGES = [
    ("ob2-first-aid.json", "First Aid at Work", "Can assess an emergency and give first aid until help arrives.",
     "Passed a practical assessment of CPR, recovery position and wound care.", "2026-03-14T09:00:00Z",
     [("First aid", "ESCO", "http://data.europa.eu/esco/skill/ac1a5d1c-4eb0-4f5b-9d7d-ff1f6e3e5ab7")]),
    ("ob2-spreadsheets.json", "Spreadsheet Foundations", "Builds spreadsheets with formulas, charts and pivot tables.",
     "Completed six graded exercises and a final project.", "2025-11-02T12:00:00Z",
     [("Use spreadsheets software", "ESCO", "http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be")]),
]


def ob2_assertion(fname: str, title: str, desc: str, criteria: str, issued: str, skills: list) -> dict:
    slug = fname.removeprefix("ob2-").removesuffix(".json")
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"https://demo.credwallet.org/assertions/{slug}",
        "recipient": {"type": "email", "hashed": False, "identity": LEARNER["email"]},
        "issuedOn": issued,
        "verification": {"type": "hosted"},
        "badge": {
            "type": "BadgeClass",
            "id": f"https://demo.credwallet.org/badges/{slug}",
            "name": title,
            "description": desc,
            "image": "https://demo.credwallet.org/images/badge.png",
            "criteria": {"narrative": criteria},
            "issuer": ISSUER,
            "alignment": [{"targetName": n, "targetFramework": f, "targetUrl": u} for n, f, u in skills],
        },
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in OB2_BADGES:
        (OUT / spec[0]).write_text(json.dumps(ob2_assertion(*spec), indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
