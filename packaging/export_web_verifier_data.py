"""Generate the data the web verifier page shares with the Python core (run before the JS build):

- ui/web/verifier/src/generated/messages.json: the status words and labels the page shows, in English and
  German.  The words come from the desktop app's catalogue (resources/translations/credwallet_de.ts and translate_de.py) where
  it has them, so the page and the app say the same; the few page-only labels are listed here.
- ui/web/verifier/src/generated/zdict.js: the QR preset deflate dictionary (CW1 and CW2) (wallet.present.qr.ZDICT).

``python packaging/export_web_verifier_data.py`` writes them; ``--check`` fails if they are stale (CI).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET  # our own translation file, not untrusted input
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "ui" / "web" / "verifier" / "src" / "generated"

# status word -> the desktop app's source string (translated in credwallet_de.ts)
STATUS = {"verified": "Verified", "warning": "Verified, with warnings", "invalid": "Not valid",
          "unverified": "Not verified"}
# labels the page needs that the desktop app also shows
SHARED_LABELS = ["Issuer", "Issued", "Status", "Details", "Verification", "Trusted issuers", "issued by",
                 "The whole credential was shared.", "Cannot read this", "Expected audience:", "Expected code:",
                 "Check", "Import trust list…", "Open QR image…", "Open presentation file…",
                 "Check what someone shared with you"]
# labels only the page has (no desktop translation exists yet): English -> German
PAGE_ONLY = {
    "credwallet verifier": "credwallet-Prüfseite",
    "Scan with camera": "Mit der Kamera scannen",
    "Paste a code or a presentation": "Code oder Präsentation einfügen",
    "Check online": "Online prüfen",
    "Online checks ask the issuer's web site; every request is listed here.": "Online-Prüfungen fragen die Website des Ausstellers; jede Anfrage wird hier aufgeführt.",
    "No online check has run: nothing was sent anywhere.": "Keine Online-Prüfung ist gelaufen: nichts wurde irgendwohin gesendet.",
    "Shared fields": "Geteilte Felder",
    "Person (as claimed)": "Person (laut Nachweis)",
    "Issuer confirmation": "Bestätigung des Ausstellers",
    "Checks": "Prüfungen",
    "pass": "bestanden", "fail": "nicht bestanden", "skipped": "nicht geprüft",
    "Scan the remaining codes: missing %1 of %2": "Scannen Sie die übrigen Codes: es fehlen %1 von %2",
    "Clear trust list": "Vertrauensliste leeren",
    "%1 trusted issuers loaded in this browser": "%1 vertrauenswürdige Aussteller in diesem Browser geladen",
    "No trust list: issuers are not confirmed.": "Keine Vertrauensliste: Aussteller werden nicht bestätigt.",
    "Confirmed: in your trusted list, and signed with its key": "Bestätigt: in Ihrer Vertrauensliste und mit dessen Schlüssel signiert",
    "Signed with the issuer's own key, but not in your trusted list": "Mit dem eigenen Schlüssel des Ausstellers signiert, aber nicht in Ihrer Vertrauensliste",
    "Not confirmed: the signing key could not be tied to the issuer": "Nicht bestätigt: der Schlüssel konnte dem Aussteller nicht zugeordnet werden",
    "What this verdict proves": "Was dieses Ergebnis beweist",
    "PROOF_TEXT": "",
    "Language": "Sprache",
}
PROOF_TEXT_EN = ("“Verified” means: the issuer’s signature covers exactly the fields shown, nothing was changed, "
                 "the person presenting it holds the key it was issued to, and it has not expired. It does not prove "
                 "that the issuer is who its name says unless the issuer is in your trusted list, and without "
                 "“Check online” it does not show whether the issuer has revoked it since.")
PROOF_TEXT_DE = ("„Geprüft“ heißt: die Signatur des Ausstellers deckt genau die gezeigten Felder ab, nichts wurde "
                 "verändert, die vorlegende Person besitzt den Schlüssel, für den er ausgestellt wurde, und er ist "
                 "nicht abgelaufen. Dass der Aussteller der ist, der er zu sein behauptet, beweist es nur, wenn er in "
                 "Ihrer Vertrauensliste steht; ohne „Online prüfen“ zeigt es nicht, ob er inzwischen widerrufen wurde.")
# check ids (the last part of a check's id in verify-presentation --json) -> a heading
CHECKS = {"format": ("Format", "Format"), "signature": ("Issuer's signature", "Signatur des Ausstellers"),
          "issuer_key": ("Issuer's key", "Schlüssel des Ausstellers"),
          "issuer_trust": ("Trusted issuer", "Vertrauenswürdiger Aussteller"),
          "status": ("Revocation", "Widerruf"), "validity": ("Issue date", "Ausstellungsdatum"),
          "expiry": ("Expiry", "Ablauf"), "subject": ("Issued to", "Ausgestellt an"),
          "holder_binding": ("Presented by the holder", "Vom Inhaber vorgelegt"),
          "sd_hash": ("Shared fields bound", "Geteilte Felder gebunden"),
          "disclosures": ("Shared fields", "Geteilte Felder"), "audience": ("Made for", "Bestimmt für"),
          "nonce": ("Request code", "Anfragecode"), "freshness": ("Presented", "Vorgelegt"),
          "anchor": ("Blockchain anchor", "Blockchain-Verankerung"), "credentials": ("Credentials", "Nachweise"),
          "nested": ("Included credential", "Enthaltener Nachweis")}


def _desktop_de() -> dict[str, str]:
    tree = ET.parse(ROOT / "resources" / "translations" / "credwallet_de.ts")
    out: dict[str, str] = {}
    for msg in tree.iter("message"):
        src, tr = msg.findtext("source"), msg.find("translation")
        if src and tr is not None and tr.text and tr.get("type") not in ("unfinished", "obsolete"):
            out.setdefault(src, tr.text)
    # the maintainers' source of those translations also has strings not (yet) in the .ts file
    import importlib.util

    spec = importlib.util.spec_from_file_location("translate_de", ROOT / "resources" / "translations" / "translate_de.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for src, tr in getattr(mod, "DE", {}).items():
        out.setdefault(src, tr)
    return out


def build() -> dict[str, str]:
    from wallet.present.qr import ZDICT

    de = _desktop_de()
    missing = [s for s in [*STATUS.values(), *SHARED_LABELS] if s not in de]
    if missing:
        raise SystemExit(f"no German translation in credwallet_de.ts for: {missing}")
    en_msgs = {f"status.{k}": v for k, v in STATUS.items()}
    de_msgs = {f"status.{k}": de[v] for k, v in STATUS.items()}
    for s in SHARED_LABELS:
        en_msgs[s], de_msgs[s] = s, de[s]
    for s, t in PAGE_ONLY.items():
        en_msgs[s], de_msgs[s] = s, t
    en_msgs["PROOF_TEXT"], de_msgs["PROOF_TEXT"] = PROOF_TEXT_EN, PROOF_TEXT_DE
    for cid, (e, d) in CHECKS.items():
        en_msgs[f"check.{cid}"], de_msgs[f"check.{cid}"] = e, d
    # field labels from the one label catalogue (wallet/labels.py): the page names shared fields as the
    # desktop app, the CLI and the PDF do
    cat = {lang: json.loads((ROOT / "resources" / "labels" / f"{lang}.json").read_text("utf-8")) for lang in ("en", "de")}
    for key in cat["en"]:
        if key.startswith("field."):
            en_msgs[key], de_msgs[key] = cat["en"][key], cat["de"].get(key, cat["en"][key])
        # check messages, import errors and the words in them (wallet/messages.py), with what dates need:
        # the page translates the engine's English messages by these templates (src/messages.js)
        elif key.startswith(("check.", "error.", "word.")):
            en_msgs[f"msg.{key}"], de_msgs[f"msg.{key}"] = cat["en"][key], cat["de"].get(key, cat["en"][key])
        elif key.startswith("month.") or key == "date.long":
            en_msgs[key], de_msgs[key] = cat["en"][key], cat["de"].get(key, cat["en"][key])

    messages = json.dumps({"en": en_msgs, "de": de_msgs}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    zdict = ("// generated by packaging/export_web_verifier_data.py from wallet.present.qr.ZDICT: do not edit\n"
             f"export const ZDICT_TEXT = {json.dumps(ZDICT.decode('utf-8'), ensure_ascii=False)};\n")
    return {"messages.json": messages, "zdict.js": zdict}


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [n for n, text in files.items() if not (OUT / n).is_file() or (OUT / n).read_text("utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}; run packaging/export_web_verifier_data.py", file=sys.stderr)
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
