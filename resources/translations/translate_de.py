"""Fill German translations into credwallet_de.ts (maintainers; then run pyside6-lrelease)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET  # our own file, not untrusted input
from pathlib import Path

DE = {
    "Collection": "Sammlung", "Skills": "Fähigkeiten", "Verify": "Prüfen", "Shared": "Geteilt", "Settings": "Einstellungen",
    "Screens": "Ansichten", "Actions": "Aktionen", "Add credentials…": "Nachweise hinzufügen…", "Share…": "Teilen…",
    "New goal…": "Neues Ziel…", "Lock": "Sperren", "Verified": "Geprüft", "Warning": "Warnung", "Invalid": "Ungültig",
    "Not verifiable": "Nicht prüfbar", "Not verified": "Nicht geprüft",
    "Search titles, issuers, skills, tags, notes…": "Titel, Aussteller, Fähigkeiten, Schlagwörter, Notizen durchsuchen…",
    "Search credentials": "Nachweise durchsuchen", "Filter by format": "Nach Format filtern",
    "Filter by status": "Nach Status filtern", "All formats": "Alle Formate", "Any status": "Jeder Status",
    "List view": "Listenansicht", "Card view": "Kartenansicht", "Add…": "Hinzufügen…", "Paste": "Einfügen",
    "Import credential files (or drop them onto this window)": "Nachweisdateien importieren (oder auf dieses Fenster ziehen)",
    "Import a credential from the clipboard (JSON, JWT, SD-JWT)": "Einen Nachweis aus der Zwischenablage importieren (JSON, JWT, SD-JWT)",
    "Credential cards": "Nachweiskarten", "Credential list": "Nachweisliste", "(untitled)": "(ohne Titel)",
    "Title": "Titel", "Issuer": "Aussteller", "Issued": "Ausgestellt", "Status": "Status", "Format": "Format",
    "%1 credentials": "%1 Nachweise", "%1 of %2 credentials": "%1 von %2 Nachweisen",
    "Your wallet is locked": "Ihre Brieftasche ist gesperrt", "Unlock…": "Entsperren…", "Locked": "Gesperrt",
    "What you can do": "Was Sie können", "Skill / evidence": "Fähigkeit / Nachweis", "Strength": "Stärke",
    "Evidence / status": "Nachweise / Status", "Goals (stacks)": "Ziele (Stapel)", "Other skills": "Weitere Fähigkeiten",
    "assessed": "geprüft", "participation": "Teilnahme",
    "No goals yet. Create one with “New goal…” in the toolbar.": "Noch keine Ziele. Legen Sie eines mit „Neues Ziel…“ an.",
    "%1 of %2 credits": "%1 von %2 Leistungspunkten", "Skills covered: %1": "Abgedeckte Fähigkeiten: %1",
    "Still to show: %1": "Noch nachzuweisen: %1", "Check what someone shared with you": "Prüfen, was jemand mit Ihnen geteilt hat",
    "Open QR image…": "QR-Bild öffnen…", "Open presentation file…": "Präsentationsdatei öffnen…",
    "Expected audience:": "Erwarteter Empfänger:", "Expected code:": "Erwarteter Code:", "Check": "Prüfen",
    "Verified, with warnings": "Geprüft, mit Warnungen", "Not valid": "Nicht gültig", "issued by": "ausgestellt von",
    "The whole credential was shared.": "Der ganze Nachweis wurde geteilt.", "Cannot read this": "Nicht lesbar",
    "Everything you have shared": "Alles, was Sie geteilt haben", "Nothing shared yet.": "Noch nichts geteilt.",
    "Allow online checks (issuer keys, revocation lists)": "Online-Prüfungen erlauben (Schlüssel der Aussteller, Sperrlisten)",
    "Lock when idle for:": "Sperren nach Inaktivität von:", "Trusted issuers": "Vertrauenswürdige Aussteller",
    "Import trust list…": "Vertrauensliste importieren…", "Remove selected": "Auswahl entfernen",
    "Change passphrase…": "Passphrase ändern…", "Back up…": "Sichern…", "Lock now": "Jetzt sperren",
    "Something went wrong": "Etwas ist schiefgelaufen", "Share": "Teilen", "What will be shared": "Was geteilt wird",
    "Create presentation": "Präsentation erstellen", "Cancel": "Abbrechen", "Valid for:": "Gültig für:", " days": " Tage",
    "What the employer will see": "Was der Arbeitgeber sieht", "Save QR as PNG…": "QR als PNG speichern…",
    "Save QR as SVG…": "QR als SVG speichern…", "Save presentation file…": "Präsentationsdatei speichern…",
    "Copy text (cleared in 60 s)": "Text kopieren (nach 60 s gelöscht)", "Done": "Fertig",
    "Code %1 of %2": "Code %1 von %2", "◀ Previous": "◀ Zurück", "Next ▶": "Weiter ▶",
    "%1 — shared as a whole (every field is visible)": "%1 — wird als Ganzes geteilt (jedes Feld ist sichtbar)",
    "%1 — choose fields:": "%1 — Felder wählen:", "Details": "Details", "Verification": "Prüfung", "Original": "Original",
    "Notes and tags": "Notizen und Schlagwörter", "Check again": "Erneut prüfen", "Export original…": "Original exportieren…",
    "Delete…": "Löschen…", "Skills": "Fähigkeiten", "Micro-credential elements": "Elemente eines Microcredentials",
    "Create your wallet": "Brieftasche anlegen", "Unlock your wallet": "Brieftasche entsperren",
    "Choose a passphrase. It protects every credential in this wallet.": "Wählen Sie eine Passphrase. Sie schützt jeden Nachweis in dieser Brieftasche.",
    "Enter your passphrase to open the wallet in %1.": "Geben Sie Ihre Passphrase ein, um die Brieftasche in %1 zu öffnen.",
    "Repeat the passphrase": "Passphrase wiederholen", "Remember on this computer (OS keyring)": "Auf diesem Computer merken (Schlüsselbund)",
    "The two passphrases do not match.": "Die beiden Passphrasen stimmen nicht überein.", "Unlocking…": "Entsperren…",
    "Creating…": "Wird angelegt…", "Restore from a backup…": "Aus einer Sicherung wiederherstellen…",
    "Strength: %1": "Stärke: %1", "weak": "schwach", "fair": "mittel", "good": "gut", "strong": "stark",
    "Your recovery code": "Ihr Wiederherstellungscode", "Import finished": "Import abgeschlossen",
    "Added %1 of %2.": "%1 von %2 hinzugefügt.", "Added 1 credential.": "1 Nachweis hinzugefügt.",
    "Checking and adding credentials…": "Nachweise werden geprüft und hinzugefügt…",
    "Select the credentials to share first.": "Wählen Sie zuerst die Nachweise aus, die Sie teilen möchten.",
    "Settings": "Einstellungen", "credwallet": "credwallet",
}


def main(ts: Path) -> None:
    tree = ET.parse(ts)
    done = total = 0
    for msg in tree.iter("message"):
        total += 1
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        if src in DE and tr is not None:
            tr.text = DE[src]
            tr.attrib.pop("type", None)
            done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    print(f"{done} of {total} messages translated")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("credwallet_de.ts"))
