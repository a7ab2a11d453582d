"""Fill German translations into credwallet_de.ts (maintainers; then run pyside6-lrelease)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET  # our own file, not untrusted input
from pathlib import Path

DE = {
    "Collection": "Sammlung", "Skills": "Fähigkeiten", "Verify": "Prüfen", "Shared": "Geteilt", "Settings": "Einstellungen",
    "Screens": "Ansichten", "Actions": "Aktionen", "Add credentials…": "Nachweise hinzufügen…", "Share…": "Teilen…",
    "New goal…": "Neues Ziel…", "Lock": "Sperren", "Verified": "Geprüft", "Warning": "Warnung", "Invalid": "Ungültig",
    "Not verifiable": "Nicht prüfbar", "Not verified": "Nicht geprüft", "Not checked": "Nicht geprüft",
    "%1 (not confirmed)": "%1 (nicht bestätigt)",
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
    # session 2: sharing field by field, and the rest of the screens
    "Filter by issuer": "Nach Aussteller filtern", "Filter by tag": "Nach Schlagwort filtern",
    "Filter by skill": "Nach Fähigkeit filtern", "QR image…": "QR-Bild…",
    "Import a credential from a QR code image or screenshot": "Einen Nachweis aus einem QR-Bild oder Bildschirmfoto importieren",
    "All issuers": "Alle Aussteller", "All tags": "Alle Schlagwörter", "All skills": "Alle Fähigkeiten",
    "Credential": "Nachweis", "Original credential": "Originalnachweis",
    "Tags, separated by commas": "Schlagwörter, durch Kommas getrennt", "Tags": "Schlagwörter",
    "Your notes (only you can see them)": "Ihre Notizen (nur Sie sehen sie)", "Notes": "Notizen",
    "Save notes and tags": "Notizen und Schlagwörter speichern", "Issued to": "Ausgestellt für",
    "Issued by": "Ausgestellt von", "Issuer id": "Aussteller-ID", "Expires": "Läuft ab",
    "Description": "Beschreibung", "Criteria": "Kriterien", "Credits": "Leistungspunkte", "Level": "Niveau",
    "Sharing": "Teilen", "you choose which of its %1 fields to show": "Sie wählen, welche seiner %1 Felder Sie zeigen",
    "File": "Datei", "Imported": "Importiert",
    "How completely the issuer described this credential:": "Wie vollständig der Aussteller diesen Nachweis beschrieben hat:",
    "Export original": "Original exportieren", "Delete credential": "Nachweis löschen",
    "Delete “%1” and everything about it from this wallet? This cannot be undone.":
        "„%1“ und alles dazu aus dieser Brieftasche löschen? Das lässt sich nicht rückgängig machen.",
    "Export portfolio PDF": "Portfolio-PDF exportieren", "Credentials to include": "Aufzunehmende Nachweise",
    "The %1 selected credentials": "Die %1 ausgewählten Nachweise",
    "Every credential that can be checked": "Jeder prüfbare Nachweis", "Goal: %1": "Ziel: %1",
    "Include:": "Aufnehmen:", "Your name": "Ihr Name", "Your name:": "Ihr Name:", "Headline": "Überschrift",
    "e.g. Data analyst in training": "z. B. Datenanalystin in Ausbildung", "Headline:": "Überschrift:",
    "Page size": "Seitenformat", "Page size:": "Seitenformat:", "Build preview": "Vorschau erstellen",
    "Save PDF…": "PDF speichern…", "Close": "Schließen", "Building…": "Wird erstellt…",
    "%1 credentials, %2 QR codes; each presentation is also attached to the PDF.":
        "%1 Nachweise, %2 QR-Codes; jede Präsentation ist zusätzlich an das PDF angehängt.",
    "Left out: %1 (%2)": "Weggelassen: %1 (%2)", "Cannot build the PDF": "Das PDF lässt sich nicht erstellen",
    "Save portfolio": "Portfolio speichern", "Disclosure log": "Protokoll des Geteilten",
    "Export portfolio PDF…": "Portfolio-PDF exportieren…", "Add credentials": "Nachweise hinzufügen",
    "The clipboard holds no text.": "Die Zwischenablage enthält keinen Text.", "pasted text": "eingefügter Text",
    "QR code image": "QR-Code-Bild", "Images (*.png *.jpg *.jpeg)": "Bilder (*.png *.jpg *.jpeg)",
    "QR code in %1": "QR-Code in %1", "New goal": "Neues Ziel",
    "Name of the goal (e.g. Data analyst):": "Name des Ziels (z. B. Datenanalyse):",
    "Credits to reach (0 for none):": "Zu erreichende Leistungspunkte (0 für keine):",
    "Skills it needs, separated by commas:": "Benötigte Fähigkeiten, durch Kommas getrennt:",
    "Scan with your phone": "Mit dem Telefon scannen", "QR code": "QR-Code",
    "Code %1 of %2 — press → for the next, Esc to close": "Code %1 von %2 — → für den nächsten, Esc zum Schließen",
    "Press Esc to close": "Esc zum Schließen",
    "Off: nothing ever leaves this computer. On: only https, with limits.":
        "Aus: nichts verlässt je diesen Computer. Ein: nur https, mit Grenzen.",
    " min (0 = never)": " Min. (0 = nie)", "Lock after idle minutes": "Sperren nach Minuten ohne Nutzung",
    "Remember the key on this computer (OS keyring)": "Schlüssel auf diesem Computer merken (Schlüsselbund)",
    "A convenience copy in your system keyring; your passphrase always works.":
        "Eine bequeme Kopie im Schlüsselbund des Systems; Ihre Passphrase funktioniert immer.",
    "Language": "Sprache", "Language (after restart):": "Sprache (nach Neustart):", "Restore…": "Wiederherstellen…",
    "Keyring": "Schlüsselbund", "The keyring cannot be used: %1": "Der Schlüsselbund ist nicht nutzbar: %1",
    "Trust list": "Vertrauensliste", "New passphrase": "Neue Passphrase",
    "New passphrase (8 characters or more):": "Neue Passphrase (8 Zeichen oder mehr):", "Passphrase": "Passphrase",
    "Passphrase changed.": "Passphrase geändert.", "Back up wallet": "Brieftasche sichern", "Backup": "Sicherung",
    "Backup written.": "Sicherung geschrieben.", "Restore from backup": "Aus Sicherung wiederherstellen",
    "credwallet backups (*.cwbak);;All files (*)": "credwallet-Sicherungen (*.cwbak);;Alle Dateien (*)",
    "Restore": "Wiederherstellen", "Passphrase of the backed-up wallet:": "Passphrase der gesicherten Brieftasche:",
    "Restored %1 credentials.": "%1 Nachweise wiederhergestellt.", "Fields to share": "Zu teilende Felder",
    "Restored %1 credentials; each was checked again in this wallet.":
        "%1 Nachweise wiederhergestellt; jeder wurde in dieser Brieftasche erneut geprüft.",
    "%1 were already in the wallet.": "%1 waren bereits in der Brieftasche.",
    "Not restored: %1": "Nicht wiederhergestellt: %1",
    "This wallet's settings, trusted issuers, fetched keys and holder keys were kept.":
        "Die Einstellungen, vertrauenswürdigen Aussteller, abgerufenen Schlüssel und Inhaberschlüssel dieser "
        "Brieftasche wurden beibehalten.",
    "Personal detail: not shared unless you tick it": "Persönliche Angabe: wird nur geteilt, wenn Sie sie ankreuzen",
    "(always shown: the issuer requires it)": "(immer sichtbar: vom Aussteller verlangt)", "Audience": "Empfänger",
    "Who is it for (their web address):": "Für wen (deren Webadresse):",
    "optional: the code the employer gave you": "optional: der Code, den Ihnen der Arbeitgeber gab",
    "Nonce": "Einmalwert", "Their request code:": "Deren Anfragecode:", "Valid for": "Gültig für",
    "An SD-JWT credential is shared on its own; choose it alone.":
        "Ein SD-JWT-Nachweis wird allein geteilt; wählen Sie ihn einzeln.",
    "Cannot share": "Teilen nicht möglich", "Present full screen": "Im Vollbild zeigen",
    "The whole credential, every field in it.": "Der ganze Nachweis, jedes Feld darin.",
    "Save QR code": "QR-Code speichern", "Save presentation": "Präsentation speichern",
    "Skills and the credentials behind them": "Fähigkeiten und die Nachweise dahinter",
    "How completely each credential is described": "Wie vollständig jeder Nachweis beschrieben ist",
    "Not described": "Nicht beschrieben", "Micro-credential element completeness": "Vollständigkeit der Microcredential-Angaben",
    "This describes the credential, not you: the issuer did not include these.":
        "Das beschreibt den Nachweis, nicht Sie: der Aussteller hat diese Angaben nicht aufgenommen.",
    "Credits toward %1": "Leistungspunkte für %1", "Repeat passphrase": "Passphrase wiederholen",
    "Passphrase strength": "Stärke der Passphrase",
    "At least 8 characters; a few unrelated words are best": "Mindestens 8 Zeichen; einige unzusammenhängende Wörter sind am besten",
    "Confirm the recovery code": "Wiederherstellungscode bestätigen",
    "Type the third group of your recovery code:": "Geben Sie die dritte Gruppe Ihres Wiederherstellungscodes ein:",
    "Not quite": "Nicht ganz", "That was not the third group. Here it is again.": "Das war nicht die dritte Gruppe. Hier ist er noch einmal.",
    "Backup file": "Sicherungsdatei", "Not remembered: %1. You will be asked for the passphrase.":
        "Nicht gemerkt: %1. Sie werden nach der Passphrase gefragt.", "Unexpected error: %1": "Unerwarteter Fehler: %1",
    "optional: your web address, as you gave it to the learner": "optional: Ihre Webadresse, wie Sie sie der lernenden Person gaben",
    "optional: the code you gave the learner": "optional: der Code, den Sie der lernenden Person gaben",
    "…or paste the QR text or the presentation here": "…oder den QR-Text oder die Präsentation hier einfügen",
    "Presentation text": "Präsentationstext", "Verdict": "Ergebnis", "QR code images": "QR-Code-Bilder",
    "Presentation file": "Präsentationsdatei", "Evidence": "Belege",
    "Credentials in this record": "Nachweise in diesem Verzeichnis", "Micro-credential elements": "Microcredential-Angaben",
    "checked": "geprüft", "fetched": "abgerufen", "issued by": "ausgestellt von", "For": "Für",
    "valid until": "gültig bis", "Cannot read this": "Nicht lesbar",
    "Preparing the demo wallet: checking every credential for real…":
        "Die Demo-Brieftasche wird vorbereitet: jeder Nachweis wird echt geprüft…",
    "Credentials (*.json *.jwt *.txt *.png *.svg *.pdf);;All files (*)":
        "Nachweise (*.json *.jwt *.txt *.png *.svg *.pdf);;Alle Dateien (*)",
    "The key is kept in your system keyring so you are not asked every time. Your passphrase still works; "
    "a backup never depends on it.": "Der Schlüssel liegt im Schlüsselbund Ihres Systems, damit Sie nicht jedes Mal "
    "gefragt werden. Ihre Passphrase funktioniert weiter; eine Sicherung hängt nie davon ab.",
    "Write this recovery code down and keep it somewhere safe. It is shown only once, and it lets you set a new "
    "passphrase if you forget yours.\n\n%1": "Schreiben Sie diesen Wiederherstellungscode auf und bewahren Sie ihn "
    "sicher auf. Er wird nur einmal gezeigt und erlaubt eine neue Passphrase, falls Sie Ihre vergessen.\n\n%1",
    # issue 18: the about dialog and the link handler, which had no German yet
    "About credwallet": "Über credwallet", "credwallet icon": "credwallet-Symbol", "Licence": "Lizenz",
    "Third-party licences": "Lizenzen von Drittanbietern", "Your wallet": "Ihre Brieftasche",
    "This computer's settings": "Einstellungen dieses Computers", "Built with": "Erstellt mit",
    "A learner-owned wallet for badges and certificates.":
        "Eine Brieftasche für Abzeichen und Zertifikate, die den Lernenden gehört.",
    "Licence:": "Lizenz:", "No warranty; see the licence.": "Keine Gewährleistung; siehe die Lizenz.",
    "Component": "Komponente", "Version": "Version",
    "%1 components, read from their installed metadata. Select one to read its licence.":
        "%1 Komponenten, aus ihren installierten Metadaten gelesen. Wählen Sie eine, um ihre Lizenz zu lesen.",
    "credwallet is not installed as a package here, so the licences of the software it uses cannot be read from "
    "their metadata. Install it with pip to see them.":
        "credwallet ist hier nicht als Paket installiert, daher lassen sich die Lizenzen der verwendeten Software "
        "nicht aus ihren Metadaten lesen. Installieren Sie es mit pip, um sie zu sehen.",
    "Its metadata carries no licence file; the licence above is what it states.":
        "Ihre Metadaten enthalten keine Lizenzdatei; oben steht die Lizenz, die sie angibt.",
    "An issuer's link offers you a credential (OpenID for Verifiable Credential Issuance). Receiving credentials "
    "from issuers is not yet supported in this version of credwallet, so nothing was received.\n\nAsk the issuer "
    "for the credential as a file (a badge image, a .json or .jwt file) and add it with \"Add credentials…\".":
        "Der Link eines Ausstellers bietet Ihnen einen Nachweis an (OpenID for Verifiable Credential Issuance). "
        "Diese Version von credwallet kann noch keine Nachweise von Ausstellern empfangen; es wurde nichts "
        "empfangen.\n\nBitten Sie den Aussteller um den Nachweis als Datei (ein Abzeichenbild, eine .json- oder "
        ".jwt-Datei) und fügen Sie ihn mit „Nachweise hinzufügen…“ hinzu.",
    "A verifier's link asks you to share credentials (OpenID for Verifiable Presentations). Answering such links "
    "is not yet supported in this version of credwallet, so nothing was shared.\n\nTo share, select credentials "
    "and use \"Share…\" to make a QR code or a file.":
        "Der Link einer prüfenden Stelle bittet Sie, Nachweise zu teilen (OpenID for Verifiable Presentations). "
        "Diese Version von credwallet kann solche Links noch nicht beantworten; es wurde nichts geteilt.\n\n"
        "Zum Teilen wählen Sie Nachweise aus und erstellen mit „Teilen…“ einen QR-Code oder eine Datei.",
    "To restore this backup, use \"Restore from backup…\" in Settings. Restoring replaces what is in this wallet now.":
        "Um diese Sicherung wiederherzustellen, verwenden Sie „Aus Sicherung wiederherstellen…“ in den "
        "Einstellungen. Das Wiederherstellen ersetzt, was jetzt in dieser Brieftasche ist.",
    "Receiving credentials from issuers": "Nachweise von Ausstellern empfangen",
    "Sharing with a verifier": "Mit einer prüfenden Stelle teilen", "Cannot open this": "Lässt sich nicht öffnen",
    "credwallet cannot open this:": "credwallet kann das nicht öffnen:",
    "Unlock your wallet, then open the file again:": "Entsperren Sie Ihre Brieftasche und öffnen Sie die Datei erneut:",
    "A credwallet backup": "Eine credwallet-Sicherung", "&Help": "&Hilfe", "&About credwallet": "Ü&ber credwallet",
}


# Issue 18 part A (the desktop's first hour): empty states, images, toolbar, printing, recovery, theme, expiry.
DE.update({
    "Your wallet is empty": "Ihre Brieftasche ist leer",
    "Add the badges and certificates you have earned: files, baked badge images, or drop them onto this window.":
        "Fügen Sie die Abzeichen und Zertifikate hinzu, die Sie erworben haben: Dateien, Abzeichen-Bilder, oder "
        "ziehen Sie sie auf dieses Fenster.",
    "Add your first credential…": "Ersten Nachweis hinzufügen…",
    "No credential matches “%1”.": "Kein Nachweis passt zu „%1“.",
    "No credential matches these filters.": "Kein Nachweis passt zu diesen Filtern.",
    "Nothing found": "Nichts gefunden", "Clear the search": "Suche zurücksetzen",
    "Filter by expiry": "Nach Ablauf filtern", "Any expiry": "Beliebiger Ablauf",
    "Expiring within %1 days": "Läuft in %1 Tagen ab", "Sort by": "Sortieren nach", "Newest first": "Neueste zuerst",
    "Title A–Z": "Titel A–Z", "Expires soonest": "Läuft zuerst ab", "expires %1": "läuft ab am %1",
    "Expires": "Läuft ab", "No skills yet": "Noch keine Fähigkeiten",
    "Skills appear here when your credentials name the skills they show. Add a badge or a certificate and its "
    "skills are listed with the evidence behind them.":
        "Fähigkeiten erscheinen hier, wenn Ihre Nachweise die gezeigten Fähigkeiten nennen. Fügen Sie ein Abzeichen "
        "oder ein Zertifikat hinzu, und seine Fähigkeiten werden mit den Belegen dahinter aufgeführt.",
    "Add credentials…": "Nachweise hinzufügen…", "Date": "Datum", "To whom": "An wen", "What": "Was", "How": "Wie",
    "Nothing shared yet": "Noch nichts geteilt",
    "When you share credentials (a QR code, a file or a PDF), each time is listed here: to whom, what they saw, "
    "and until when.": "Wenn Sie Nachweise teilen (als QR-Code, Datei oder PDF), steht hier jedes Mal: an wen, was "
    "gesehen wurde und bis wann.",
    "Share from your collection…": "Aus Ihrer Sammlung teilen…", "QR code": "QR-Code", "File": "Datei",
    "Portfolio PDF": "Portfolio-PDF", "Online request": "Online-Anfrage", "Disclosure log": "Protokoll des Teilens",
    "Appearance": "Erscheinungsbild", "Appearance:": "Erscheinungsbild:", "Follow the system": "Wie das System",
    "Light": "Hell", "Dark": "Dunkel", "&View": "&Ansicht",
    "Export portfolio PDF…": "Portfolio-PDF exportieren…", "Print portfolio…": "Portfolio drucken…",
    "Cannot print": "Drucken nicht möglich", "Sent %1 pages to the printer.": "%1 Seiten an den Drucker gesendet.",
    "Preparing the portfolio for printing…": "Das Portfolio wird für den Druck vorbereitet…",
    "Show them": "Anzeigen", "Dismiss": "Schließen", "“%1” expires on %2.": "„%1“ läuft am %2 ab.",
    "%1 credentials expire within 30 days; the first, “%2”, on %3.":
        "%1 Nachweise laufen in den nächsten 30 Tagen ab; der erste, „%2“, am %3.",
    "Forgot your passphrase? Use your recovery code": "Passphrase vergessen? Wiederherstellungscode verwenden",
    "Use your recovery code": "Wiederherstellungscode verwenden",
    "Type the recovery code you wrote down when you created this wallet, then choose a new passphrase. Nothing in "
    "the wallet is lost.": "Geben Sie den Wiederherstellungscode ein, den Sie beim Anlegen dieser Brieftasche "
    "notiert haben, und wählen Sie dann eine neue Passphrase. In der Brieftasche geht nichts verloren.",
    "Recovery code": "Wiederherstellungscode", "Recovery code:": "Wiederherstellungscode:",
    "New passphrase": "Neue Passphrase", "New passphrase (8 characters or more):": "Neue Passphrase (mindestens 8 Zeichen):",
    "Set new passphrase": "Neue Passphrase festlegen", "Type your recovery code.": "Geben Sie Ihren Wiederherstellungscode ein.",
    "Checking the recovery code…": "Der Wiederherstellungscode wird geprüft…", "Badge image": "Abzeichen-Bild",
    "Initials (the credential has no image to show)": "Initialen (der Nachweis hat kein Bild, das gezeigt werden kann)",
    "These are demo credentials: to trust their issuers, choose Settings → Import trust list… and open %1.":
        "Das sind Demo-Nachweise: Um ihren Ausstellern zu vertrauen, wählen Sie Einstellungen → "
        "Vertrauensliste importieren… und öffnen %1.",
})


# issue 16: receiving from issuers and answering verifiers
DE.update({
    "Receive from an issuer…": "Von einem Aussteller empfangen…",
    "Receive from an issuer": "Von einem Aussteller empfangen",
    "Paste the issuer's link (or offer), or choose a picture of its QR code.":
        "Fügen Sie den Link (oder das Angebot) des Ausstellers ein oder wählen Sie ein Bild seines QR-Codes.",
    "Issuer's link": "Link des Ausstellers",
    "Allow plain http to this computer (for testing issuers only)":
        "Unverschlüsseltes http zu diesem Computer erlauben (nur für Test-Aussteller)",
    "Look at the offer": "Angebot ansehen",
    "Transaction code": "Transaktionscode",
    "Ask again for deferred credentials": "Zurückgestellte Nachweise erneut anfragen",
    "Issuers that said they would issue a credential later are asked again":
        "Aussteller, die einen Nachweis später ausstellen wollten, werden erneut gefragt",
    "Receive": "Empfangen",
    "the pasted picture": "das eingefügte Bild",
    "Reading the offer and the issuer's public description…":
        "Das Angebot und die öffentliche Beschreibung des Ausstellers werden gelesen…",
    "(the issuer gives no name)": "(der Aussteller nennt keinen Namen)",
    "Issuer description:": "Beschreibung des Ausstellers:",
    "not a format this wallet reads; it will not be asked for":
        "kein Format, das diese Brieftasche liest; es wird nicht angefragt",
    "Offered to you:": "Ihnen angeboten:",
    "Your browser will open so that you can sign in at the issuer.":
        "Ihr Browser öffnet sich, damit Sie sich beim Aussteller anmelden können.",
    "Nothing has been sent to the issuer yet. Press Receive to ask for these credentials.":
        "Noch wurde nichts an den Aussteller gesendet. Drücken Sie „Empfangen“, um diese Nachweise anzufragen.",
    "%1 digits": "%1 Ziffern",
    "%1 characters": "%1 Zeichen",
    "the issuer sent it to you separately": "der Aussteller hat ihn Ihnen gesondert geschickt",
    "No credentials are waiting at an issuer.": "Bei keinem Aussteller warten Nachweise.",
    "Added": "Hinzugefügt",
    'the issuer will issue it later; ask again with "Ask again for deferred credentials" (or credwallet receive --deferred)':
        "der Aussteller stellt ihn später aus; fragen Sie erneut mit „Zurückgestellte Nachweise erneut anfragen“ "
        "(oder credwallet receive --deferred)",
    "Added %1 credential(s).": "%1 Nachweis(e) hinzugefügt.",
})

DE.update({
    "%1 (asked for)": "%1 (angefragt)",
    "%1 (optional)": "%1 (freiwillig)",
    "Answer this part": "Diesen Teil beantworten",
    "Credential for %1": "Nachweis für %1",
    "No credential in your wallet fits: %1": "Kein Nachweis in Ihrer Brieftasche passt: %1",
    "You may leave this out": "Sie können dies weglassen",
    "The verifier needs this to accept the answer": "Die prüfende Stelle braucht dies, um die Antwort anzunehmen",
    "Answer a request": "Eine Anfrage beantworten",
    "Paste the link the verifier gave you (openid4vp://…), or open a picture of its QR code. Nothing is sent until you agree on the next screen.":
        "Fügen Sie den Link der prüfenden Stelle ein (openid4vp://…) oder öffnen Sie ein Bild ihres QR-Codes. "
        "Nichts wird gesendet, bevor Sie im nächsten Schritt zustimmen.",
    "Request link": "Link der Anfrage",
    "Continue": "Weiter",
    "Paste a request first.": "Fügen Sie zuerst eine Anfrage ein.",
    "Reading the request…": "Die Anfrage wird gelesen…",
    "Something went wrong: %1": "Etwas ist schiefgegangen: %1",
    "Decline": "Ablehnen",
    "Send": "Senden",
    "<b>%1</b> asks for the following.": "<b>%1</b> fragt nach Folgendem.",
    "<b>Unverified:</b> nothing proves who sent this request. It names itself <b>%1</b>.":
        "<b>Nicht bestätigt:</b> nichts beweist, wer diese Anfrage gesendet hat. Sie nennt sich <b>%1</b>.",
    "Your answer goes to %1": "Ihre Antwort geht an %1",
    "Not answered: nothing from this credential is sent.": "Nicht beantwortet: nichts aus diesem Nachweis wird gesendet.",
    "(only what the issuer always shows)": "(nur was der Aussteller immer zeigt)",
    "Would reveal: %1": "Würde preisgeben: %1",
    "Always shown with it: %1": "Immer mit angezeigt: %1",
    "Sending…": "Wird gesendet…",
    "Open": "Öffnen",
    "an unverified verifier": "eine nicht bestätigte prüfende Stelle",
    "Sent to %1. The verifier accepted it.": "An %1 gesendet. Die prüfende Stelle hat die Antwort angenommen.",
    "Sent to %1, but the verifier did not accept it: %2": "An %1 gesendet, aber die prüfende Stelle hat sie nicht angenommen: %2",
    "The verifier asks you to continue at:\n%1": "Die prüfende Stelle bittet Sie, hier fortzufahren:\n%1",
    "Could not open %1": "%1 konnte nicht geöffnet werden",
    "&Exchange": "&Austausch",
    "Answer a request…": "Eine Anfrage beantworten…",
})

DE.update({
    "A verifier's link asks you to share credentials (OpenID for Verifiable Presentations). Unlock your wallet, then open the link again: you will see exactly what would be shared before anything is sent.":
        "Der Link einer prüfenden Stelle bittet Sie, Nachweise zu teilen (OpenID for Verifiable Presentations). "
        "Entsperren Sie Ihre Brieftasche und öffnen Sie den Link erneut: Sie sehen genau, was geteilt würde, "
        "bevor etwas gesendet wird.",
})

DE.update({  # update checks and the Flatpak sandbox (issue 17)
    "Check for &updates…": "Nach &Updates suchen…",
    "Check for updates": "Nach Updates suchen",
    "Unlock your wallet first.": "Entsperren Sie zuerst Ihre Brieftasche.",
    "Update checks are off, so credwallet asks nobody. Turn them on and check now?\n\ncredwallet will read the project's release feed (%1) now and at each start. It never downloads or installs anything itself.":
        "Die Suche nach Updates ist ausgeschaltet, credwallet fragt also niemanden. Jetzt einschalten und "
        "suchen?\n\ncredwallet liest dann jetzt und bei jedem Start den Release-Feed des Projekts (%1). Es lädt "
        "nie selbst etwas herunter und installiert nichts.",
    "credwallet %1 is available (you have %2).": "credwallet %1 ist verfügbar (Sie haben %2).",
    "Get it from %1. credwallet does not download or install anything itself.":
        "Sie erhalten es unter %1. credwallet lädt nichts selbst herunter und installiert nichts.",
    "credwallet %1 is up to date.": "credwallet %1 ist aktuell.",
    "credwallet %1 is available: %2": "credwallet %1 ist verfügbar: %2",
    "credwallet %1 is available": "credwallet %1 ist verfügbar",
    "credwallet runs in a Flatpak sandbox without network access, so online checks cannot reach anything. To allow them, run this command and restart credwallet:\n%1":
        "credwallet läuft in einer Flatpak-Sandbox ohne Netzwerkzugriff, Online-Prüfungen erreichen also "
        "nichts. Um sie zu erlauben, führen Sie diesen Befehl aus und starten credwallet neu:\n%1",
    "Check for new versions at start (reads the project's release feed; never downloads anything)":
        "Beim Start nach neuen Versionen suchen (liest den Release-Feed des Projekts; lädt nie etwas herunter)",
    "Off: credwallet asks nobody. Help → Check for updates… asks once.":
        "Aus: credwallet fragt niemanden. Hilfe → Nach Updates suchen… fragt einmal.",
})


DE.update({
    "Check all credentials again": "Alle Nachweise erneut prüfen",
    "Checking your credentials again…": "Ihre Nachweise werden erneut geprüft…",
    "Checked %1 credentials again.": "%1 Nachweise erneut geprüft.",
})


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
