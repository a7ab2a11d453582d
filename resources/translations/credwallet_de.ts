<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/gui/about.py" line="67" />
        <source>About credwallet</source>
        <translation>Über credwallet</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="73" />
        <source>credwallet icon</source>
        <translation>credwallet-Symbol</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="85" />
        <location filename="../../ui/gui/about.py" line="111" />
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="86" />
        <source>Third-party licences</source>
        <translation>Lizenzen von Drittanbietern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="95" />
        <source>Your wallet</source>
        <translation>Ihre Brieftasche</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="96" />
        <source>This computer's settings</source>
        <translation>Einstellungen dieses Computers</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="97" />
        <source>Built with</source>
        <translation>Erstellt mit</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="100" />
        <source>A learner-owned wallet for badges and certificates.</source>
        <translation>Eine Brieftasche für Abzeichen und Zertifikate, die den Lernenden gehört.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="101" />
        <location filename="../../ui/gui/about.py" line="143" />
        <source>Licence:</source>
        <translation>Lizenz:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="102" />
        <source>No warranty; see the licence.</source>
        <translation>Keine Gewährleistung; siehe die Lizenz.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="111" />
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="111" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="129" />
        <source>%1 components, read from their installed metadata. Select one to read its licence.</source>
        <translation>%1 Komponenten, aus ihren installierten Metadaten gelesen. Wählen Sie eine, um ihre Lizenz zu lesen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="134" />
        <source>credwallet is not installed as a package here, so the licences of the software it uses cannot be read from their metadata. Install it with pip to see them.</source>
        <translation>credwallet ist hier nicht als Paket installiert, daher lassen sich die Lizenzen der verwendeten Software nicht aus ihren Metadaten lesen. Installieren Sie es mit pip, um sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="149" />
        <source>Its metadata carries no licence file; the licence above is what it states.</source>
        <translation>Ihre Metadaten enthalten keine Lizenzdatei; oben steht die Lizenz, die sie angibt.</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <location filename="../../ui/gui/collection_cards.py" line="79" />
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection_cards.py" line="83" />
        <source>%1 (not confirmed)</source>
        <translation>%1 (nicht bestätigt)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection_cards.py" line="99" />
        <source>expires %1</source>
        <translation>läuft ab am %1</translation>
    </message>
</context>
<context>
    <name>CollectionPage</name>
    <message>
        <location filename="../../ui/gui/collection.py" line="87" />
        <source>Search titles, issuers, skills, tags, notes…</source>
        <translation>Titel, Aussteller, Fähigkeiten, Schlagwörter, Notizen durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="88" />
        <source>Search credentials</source>
        <translation>Nachweise durchsuchen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="93" />
        <source>Filter by format</source>
        <translation>Nach Format filtern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="95" />
        <source>All formats</source>
        <translation>Alle Formate</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="97" />
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="99" />
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="101" />
        <source>Filter by issuer</source>
        <translation>Nach Aussteller filtern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="103" />
        <source>Filter by tag</source>
        <translation>Nach Schlagwort filtern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="105" />
        <source>Filter by skill</source>
        <translation>Nach Fähigkeit filtern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="108" />
        <source>Filter by expiry</source>
        <translation>Nach Ablauf filtern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="109" />
        <source>Any expiry</source>
        <translation>Beliebiger Ablauf</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="110" />
        <source>Expiring within %1 days</source>
        <translation>Läuft in %1 Tagen ab</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="121" />
        <source>Sort by</source>
        <translation>Sortieren nach</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="122" />
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="122" />
        <source>Title A–Z</source>
        <translation>Titel A–Z</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="122" />
        <source>Expires soonest</source>
        <translation>Läuft zuerst ab</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="126" />
        <location filename="../../ui/gui/collection.py" line="249" />
        <source>List view</source>
        <translation>Listenansicht</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="130" />
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="131" />
        <source>Import a credential from the clipboard (JSON, JWT, SD-JWT)</source>
        <translation>Einen Nachweis aus der Zwischenablage importieren (JSON, JWT, SD-JWT)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="134" />
        <source>QR image…</source>
        <translation>QR-Bild…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="135" />
        <source>Import a credential from a QR code image or screenshot</source>
        <translation>Einen Nachweis aus einem QR-Bild oder Bildschirmfoto importieren</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="152" />
        <source>Credential cards</source>
        <translation>Nachweiskarten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="164" />
        <source>Credential list</source>
        <translation>Nachweisliste</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="194" />
        <source>Your wallet is empty</source>
        <translation>Ihre Brieftasche ist leer</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="195" />
        <source>Add the badges and certificates you have earned: files, baked badge images, or drop them onto this window.</source>
        <translation>Fügen Sie die Abzeichen und Zertifikate hinzu, die Sie erworben haben: Dateien, Abzeichen-Bilder, oder ziehen Sie sie auf dieses Fenster.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="197" />
        <source>Add your first credential…</source>
        <translation>Ersten Nachweis hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="200" />
        <source>No credential matches “%1”.</source>
        <translation>Kein Nachweis passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="201" />
        <source>No credential matches these filters.</source>
        <translation>Kein Nachweis passt zu diesen Filtern.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="202" />
        <source>Nothing found</source>
        <translation>Nichts gefunden</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="202" />
        <source>Clear the search</source>
        <translation>Suche zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="222" />
        <source>All issuers</source>
        <translation>Alle Aussteller</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="223" />
        <source>All tags</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="224" />
        <source>All skills</source>
        <translation>Alle Fähigkeiten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/collection.py" line="249" />
        <source>Card view</source>
        <translation>Kartenansicht</translation>
    </message>
</context>
<context>
    <name>CredentialTableModel</name>
    <message>
        <location filename="../../ui/gui/models.py" line="17" />
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../ui/gui/models.py" line="17" />
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location filename="../../ui/gui/models.py" line="18" />
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/models.py" line="18" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/gui/models.py" line="19" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/gui/models.py" line="19" />
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../../ui/gui/models.py" line="73" />
        <location filename="../../ui/gui/models.py" line="116" />
        <location filename="../../ui/gui/models.py" line="129" />
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
</context>
<context>
    <name>DetailDialog</name>
    <message>
        <location filename="../../ui/gui/detail.py" line="60" />
        <source>Credential</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="83" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="86" />
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="89" />
        <source>Original credential</source>
        <translation>Originalnachweis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="90" />
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="94" />
        <source>Tags, separated by commas</source>
        <translation>Schlagwörter, durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="95" />
        <location filename="../../ui/gui/detail.py" line="101" />
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="97" />
        <source>Your notes (only you can see them)</source>
        <translation>Ihre Notizen (nur Sie sehen sie)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="98" />
        <location filename="../../ui/gui/detail.py" line="103" />
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="99" />
        <source>Save notes and tags</source>
        <translation>Notizen und Schlagwörter speichern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="106" />
        <source>Notes and tags</source>
        <translation>Notizen und Schlagwörter</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="109" />
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="111" />
        <source>Export original…</source>
        <translation>Original exportieren…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="113" />
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="149" />
        <source>Initials (the credential has no image to show)</source>
        <translation>Initialen (der Nachweis hat kein Bild, das gezeigt werden kann)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="154" />
        <source>Badge image</source>
        <translation>Abzeichen-Bild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="163" />
        <source>Issuer id</source>
        <translation>Aussteller-ID</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="169" />
        <source>you choose which of its %1 fields to show</source>
        <translation>Sie wählen, welche seiner %1 Felder Sie zeigen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="182" />
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="183" />
        <source>Credentials in this record</source>
        <translation>Nachweise in diesem Verzeichnis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="190" />
        <source>How completely the issuer described this credential:</source>
        <translation>Wie vollständig der Aussteller diesen Nachweis beschrieben hat:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="200" />
        <source>checked</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="210" />
        <source>fetched</source>
        <translation>abgerufen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="238" />
        <source>Export original</source>
        <translation>Original exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="244" />
        <source>Delete credential</source>
        <translation>Nachweis löschen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="245" />
        <source>Delete “%1” and everything about it from this wallet? This cannot be undone.</source>
        <translation>„%1“ und alles dazu aus dieser Brieftasche löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/detail.py" line="252" />
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
</context>
<context>
    <name>ExportPdfDialog</name>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="57" />
        <source>Export portfolio PDF</source>
        <translation>Portfolio-PDF exportieren</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="62" />
        <source>Credentials to include</source>
        <translation>Aufzunehmende Nachweise</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="64" />
        <source>The %1 selected credentials</source>
        <translation>Die %1 ausgewählten Nachweise</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="65" />
        <source>Every credential that can be checked</source>
        <translation>Jeder prüfbare Nachweis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="67" />
        <source>Goal: %1</source>
        <translation>Ziel: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="68" />
        <source>Include:</source>
        <translation>Aufnehmen:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="70" />
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="71" />
        <source>Your name:</source>
        <translation>Ihr Name:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="73" />
        <source>Headline</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="74" />
        <source>e.g. Data analyst in training</source>
        <translation>z. B. Datenanalystin in Ausbildung</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="75" />
        <source>Headline:</source>
        <translation>Überschrift:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="78" />
        <source>Page size</source>
        <translation>Seitenformat</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="79" />
        <source>Page size:</source>
        <translation>Seitenformat:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="81" />
        <source>Build preview</source>
        <translation>Vorschau erstellen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="95" />
        <source>Save PDF…</source>
        <translation>PDF speichern…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="98" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="119" />
        <source>Building…</source>
        <translation>Wird erstellt…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="132" />
        <source>%1 credentials, %2 QR codes; each presentation is also attached to the PDF.</source>
        <translation>%1 Nachweise, %2 QR-Codes; jede Präsentation ist zusätzlich an das PDF angehängt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="134" />
        <source>Left out: %1 (%2)</source>
        <translation>Weggelassen: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="152" />
        <source>Cannot build the PDF</source>
        <translation>Das PDF lässt sich nicht erstellen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/export_pdf.py" line="161" />
        <source>Save portfolio</source>
        <translation>Portfolio speichern</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <location filename="../../ui/gui/main_window.py" line="47" />
        <source>Your wallet is locked</source>
        <translation>Ihre Brieftasche ist gesperrt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="50" />
        <source>Unlock…</source>
        <translation>Entsperren…</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="29" />
        <source>Everything you have shared</source>
        <translation>Alles, was Sie geteilt haben</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="36" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="36" />
        <source>To whom</source>
        <translation>An wen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="36" />
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="36" />
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="37" />
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="38" />
        <source>Disclosure log</source>
        <translation>Protokoll des Teilens</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="42" />
        <source>Nothing shared yet</source>
        <translation>Noch nichts geteilt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="43" />
        <source>When you share credentials (a QR code, a file or a PDF), each time is listed here: to whom, what they saw, and until when.</source>
        <translation>Wenn Sie Nachweise teilen (als QR-Code, Datei oder PDF), steht hier jedes Mal: an wen, was gesehen wurde und bis wann.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="45" />
        <source>Share from your collection…</source>
        <translation>Aus Ihrer Sammlung teilen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="50" />
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="50" />
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="50" />
        <source>Portfolio PDF</source>
        <translation>Portfolio-PDF</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_log.py" line="51" />
        <source>Online request</source>
        <translation>Online-Anfrage</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/gui/main_window.py" line="65" />
        <source>credwallet</source>
        <translation>credwallet</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="76" />
        <source>Screens</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="81" />
        <source>Collection</source>
        <translation>Sammlung</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="82" />
        <source>Skills</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="83" />
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="84" />
        <source>Shared</source>
        <translation>Geteilt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="85" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="153" />
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="153" />
        <source>Select the credentials to share first.</source>
        <translation>Wählen Sie zuerst die Nachweise aus, die Sie teilen möchten.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="184" />
        <location filename="../../ui/gui/main_window.py" line="187" />
        <location filename="../../ui/gui/main_window.py" line="188" />
        <source>New goal</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="184" />
        <source>Name of the goal (e.g. Data analyst):</source>
        <translation>Name des Ziels (z. B. Datenanalyse):</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="187" />
        <source>Credits to reach (0 for none):</source>
        <translation>Zu erreichende Leistungspunkte (0 für keine):</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="188" />
        <source>Skills it needs, separated by commas:</source>
        <translation>Benötigte Fähigkeiten, durch Kommas getrennt:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="214" />
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="245" />
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
</context>
<context>
    <name>MainWindowJobs</name>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="70" />
        <source>%1 credentials</source>
        <translation>%1 Nachweise</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="71" />
        <source>%1 of %2 credentials</source>
        <translation>%1 von %2 Nachweisen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="89" />
        <source>Add credentials</source>
        <translation>Nachweise hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="90" />
        <source>Credentials (*.json *.jwt *.txt *.png *.svg *.pdf);;All files (*)</source>
        <translation>Nachweise (*.json *.jwt *.txt *.png *.svg *.pdf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="97" />
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="97" />
        <source>The clipboard holds no text.</source>
        <translation>Die Zwischenablage enthält keinen Text.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="99" />
        <source>pasted text</source>
        <translation>eingefügter Text</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="104" />
        <source>QR code image</source>
        <translation>QR-Code-Bild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="105" />
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="112" />
        <source>QR code in %1</source>
        <translation>QR-Code in %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="118" />
        <source>Checking and adding credentials…</source>
        <translation>Nachweise werden geprüft und hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="118" />
        <location filename="../../ui/gui/main_window_jobs.py" line="173" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="150" />
        <source>Added 1 credential.</source>
        <translation>1 Nachweis hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="152" />
        <source>Added %1 of %2.</source>
        <translation>%1 von %2 hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="154" />
        <source>These are demo credentials: to trust their issuers, choose Settings → Import trust list… and open %1.</source>
        <translation>Das sind Demo-Nachweise: Um ihren Ausstellern zu vertrauen, wählen Sie Einstellungen → Vertrauensliste importieren… und öffnen %1.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="157" />
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="173" />
        <source>Checking your credentials again…</source>
        <translation>Ihre Nachweise werden erneut geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_jobs.py" line="201" />
        <source>Checked %1 credentials again.</source>
        <translation>%1 Nachweise erneut geprüft.</translation>
    </message>
</context>
<context>
    <name>MainWindowMenus</name>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="25" />
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="34" />
        <source>Add credentials…</source>
        <translation>Nachweise hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="35" />
        <source>Receive from an issuer…</source>
        <translation>Von einem Aussteller empfangen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="36" />
        <source>Share…</source>
        <translation>Teilen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="37" />
        <source>New goal…</source>
        <translation>Neues Ziel…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="38" />
        <source>Export portfolio PDF…</source>
        <translation>Portfolio-PDF exportieren…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="39" />
        <source>Print portfolio…</source>
        <translation>Portfolio drucken…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="40" />
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="59" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="60" />
        <source>Check all credentials again</source>
        <translation>Alle Nachweise erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="65" />
        <source>Appearance</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="69" />
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="69" />
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window_menus.py" line="70" />
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../ui/gui/notices.py" line="21" />
        <source>Show them</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/notices.py" line="24" />
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/notices.py" line="36" />
        <source>credwallet %1 is available: %2</source>
        <translation>credwallet %1 ist verfügbar: %2</translation>
    </message>
    <message>
        <location filename="../../ui/gui/notices.py" line="49" />
        <source>“%1” expires on %2.</source>
        <translation>„%1“ läuft am %2 ab.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/notices.py" line="52" />
        <source>%1 credentials expire within 30 days; the first, “%2”, on %3.</source>
        <translation>%1 Nachweise laufen in den nächsten 30 Tagen ab; der erste, „%2“, am %3.</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <location filename="../../ui/gui/share.py" line="284" />
        <source>Scan with your phone</source>
        <translation>Mit dem Telefon scannen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="289" />
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="301" />
        <source>Code %1 of %2 — press → for the next, Esc to close</source>
        <translation>Code %1 von %2 — → für den nächsten, Esc zum Schließen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="302" />
        <source>Press Esc to close</source>
        <translation>Esc zum Schließen</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <location filename="../../ui/gui/unlock.py" line="44" />
        <source>weak</source>
        <translation>schwach</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="46" />
        <source>fair</source>
        <translation>mittel</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="48" />
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="49" />
        <source>strong</source>
        <translation>stark</translation>
    </message>
</context>
<context>
    <name>QueryBox</name>
    <message>
        <location filename="../../ui/gui/respond.py" line="71" />
        <source>%1 (asked for)</source>
        <translation>%1 (angefragt)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="71" />
        <source>%1 (optional)</source>
        <translation>%1 (freiwillig)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="73" />
        <source>Answer this part</source>
        <translation>Diesen Teil beantworten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="79" />
        <source>Credential for %1</source>
        <translation>Nachweis für %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="95" />
        <source>No credential in your wallet fits: %1</source>
        <translation>Kein Nachweis in Ihrer Brieftasche passt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="121" />
        <source>You may leave this out</source>
        <translation>Sie können dies weglassen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="122" />
        <source>The verifier needs this to accept the answer</source>
        <translation>Die prüfende Stelle braucht dies, um die Antwort anzunehmen</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../ui/gui/receive.py" line="68" />
        <source>Receive from an issuer</source>
        <translation>Von einem Aussteller empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="71" />
        <source>Paste the issuer's link (or offer), or choose a picture of its QR code.</source>
        <translation>Fügen Sie den Link (oder das Angebot) des Ausstellers ein oder wählen Sie ein Bild seines QR-Codes.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="75" />
        <source>Issuer's link</source>
        <translation>Link des Ausstellers</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="77" />
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="80" />
        <source>QR image…</source>
        <translation>QR-Bild…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="84" />
        <source>Allow plain http to this computer (for testing issuers only)</source>
        <translation>Unverschlüsseltes http zu diesem Computer erlauben (nur für Test-Aussteller)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="88" />
        <source>Look at the offer</source>
        <translation>Angebot ansehen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="106" />
        <location filename="../../ui/gui/receive.py" line="210" />
        <source>Transaction code</source>
        <translation>Transaktionscode</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="112" />
        <source>Ask again for deferred credentials</source>
        <translation>Zurückgestellte Nachweise erneut anfragen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="113" />
        <source>Issuers that said they would issue a credential later are asked again</source>
        <translation>Aussteller, die einen Nachweis später ausstellen wollten, werden erneut gefragt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="117" />
        <source>Receive</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="119" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="121" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="158" />
        <source>the pasted picture</source>
        <translation>das eingefügte Bild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="165" />
        <source>QR code image</source>
        <translation>QR-Code-Bild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="165" />
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="173" />
        <source>Reading the offer and the issuer's public description…</source>
        <translation>Das Angebot und die öffentliche Beschreibung des Ausstellers werden gelesen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="186" />
        <source>(the issuer gives no name)</source>
        <translation>(der Aussteller nennt keinen Namen)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="187" />
        <source>Issuer description:</source>
        <translation>Beschreibung des Ausstellers:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="193" />
        <source>not a format this wallet reads; it will not be asked for</source>
        <translation>kein Format, das diese Brieftasche liest; es wird nicht angefragt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="198" />
        <source>Offered to you:</source>
        <translation>Ihnen angeboten:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="199" />
        <source>Your browser will open so that you can sign in at the issuer.</source>
        <translation>Ihr Browser öffnet sich, damit Sie sich beim Aussteller anmelden können.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="200" />
        <source>Nothing has been sent to the issuer yet. Press Receive to ask for these credentials.</source>
        <translation>Noch wurde nichts an den Aussteller gesendet. Drücken Sie „Empfangen“, um diese Nachweise anzufragen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="208" />
        <source>%1 digits</source>
        <translation>%1 Ziffern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="208" />
        <source>%1 characters</source>
        <translation>%1 Zeichen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="211" />
        <source>the issuer sent it to you separately</source>
        <translation>der Aussteller hat ihn Ihnen gesondert geschickt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="250" />
        <source>No credentials are waiting at an issuer.</source>
        <translation>Bei keinem Aussteller warten Nachweise.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="276" />
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="277" />
        <source>the issuer will issue it later; ask again with "Ask again for deferred credentials" (or credwallet receive --deferred)</source>
        <translation>der Aussteller stellt ihn später aus; fragen Sie erneut mit „Zurückgestellte Nachweise erneut anfragen“ (oder credwallet receive --deferred)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receive.py" line="291" />
        <source>Added %1 credential(s).</source>
        <translation>%1 Nachweis(e) hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../ui/gui/unlock.py" line="180" />
        <source>Use your recovery code</source>
        <translation>Wiederherstellungscode verwenden</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="183" />
        <source>Type the recovery code you wrote down when you created this wallet, then choose a new passphrase. Nothing in the wallet is lost.</source>
        <translation>Geben Sie den Wiederherstellungscode ein, den Sie beim Anlegen dieser Brieftasche notiert haben, und wählen Sie dann eine neue Passphrase. In der Brieftasche geht nichts verloren.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="189" />
        <source>Recovery code</source>
        <translation>Wiederherstellungscode</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="190" />
        <source>Recovery code:</source>
        <translation>Wiederherstellungscode:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="194" />
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="197" />
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="198" />
        <source>Repeat the passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="199" />
        <source>New passphrase (8 characters or more):</source>
        <translation>Neue Passphrase (mindestens 8 Zeichen):</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="206" />
        <source>Set new passphrase</source>
        <translation>Neue Passphrase festlegen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="214" />
        <source>Type your recovery code.</source>
        <translation>Geben Sie Ihren Wiederherstellungscode ein.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="217" />
        <source>The two passphrases do not match.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="220" />
        <source>Checking the recovery code…</source>
        <translation>Der Wiederherstellungscode wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="230" />
        <source>Unexpected error: %1</source>
        <translation>Unerwarteter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>RespondDialog</name>
    <message>
        <location filename="../../ui/gui/respond.py" line="141" />
        <source>Answer a request</source>
        <translation>Eine Anfrage beantworten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="154" />
        <source>Paste the link the verifier gave you (openid4vp://…), or open a picture of its QR code. Nothing is sent until you agree on the next screen.</source>
        <translation>Fügen Sie den Link der prüfenden Stelle ein (openid4vp://…) oder öffnen Sie ein Bild ihres QR-Codes. Nichts wird gesendet, bevor Sie im nächsten Schritt zustimmen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="157" />
        <source>Request link</source>
        <translation>Link der Anfrage</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="160" />
        <source>Open QR image…</source>
        <translation>QR-Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="162" />
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="176" />
        <source>QR code image</source>
        <translation>QR-Code-Bild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="177" />
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="192" />
        <source>Paste a request first.</source>
        <translation>Fügen Sie zuerst eine Anfrage ein.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="195" />
        <source>Reading the request…</source>
        <translation>Die Anfrage wird gelesen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="202" />
        <source>Something went wrong: %1</source>
        <translation>Etwas ist schiefgegangen: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="221" />
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="223" />
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="244" />
        <source>&lt;b&gt;%1&lt;/b&gt; asks for the following.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; fragt nach Folgendem.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="246" />
        <source>&lt;b&gt;Unverified:&lt;/b&gt; nothing proves who sent this request. It names itself &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>&lt;b&gt;Nicht bestätigt:&lt;/b&gt; nichts beweist, wer diese Anfrage gesendet hat. Sie nennt sich &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="249" />
        <source>Your answer goes to %1</source>
        <translation>Ihre Antwort geht an %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="293" />
        <source>Not answered: nothing from this credential is sent.</source>
        <translation>Nicht beantwortet: nichts aus diesem Nachweis wird gesendet.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="295" />
        <source>(only what the issuer always shows)</source>
        <translation>(nur was der Aussteller immer zeigt)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="296" />
        <source>Would reveal: %1</source>
        <translation>Würde preisgeben: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="298" />
        <source>Always shown with it: %1</source>
        <translation>Immer mit angezeigt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="306" />
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="329" />
        <location filename="../../ui/gui/respond.py" line="361" />
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="331" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="343" />
        <source>an unverified verifier</source>
        <translation>eine nicht bestätigte prüfende Stelle</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="345" />
        <source>Sent to %1. The verifier accepted it.</source>
        <translation>An %1 gesendet. Die prüfende Stelle hat die Antwort angenommen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="347" />
        <source>Sent to %1, but the verifier did not accept it: %2</source>
        <translation>An %1 gesendet, aber die prüfende Stelle hat sie nicht angenommen: %2</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="355" />
        <source>The verifier asks you to continue at:
%1</source>
        <translation>Die prüfende Stelle bittet Sie, hier fortzufahren:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="361" />
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="42" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="44" />
        <source>Allow online checks (issuer keys, revocation lists)</source>
        <translation>Online-Prüfungen erlauben (Schlüssel der Aussteller, Sperrlisten)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="45" />
        <source>Off: nothing ever leaves this computer. On: only https, with limits.</source>
        <translation>Aus: nichts verlässt je diesen Computer. Ein: nur https, mit Grenzen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="50" />
        <source>credwallet runs in a Flatpak sandbox without network access, so online checks cannot reach anything. To allow them, run this command and restart credwallet:
%1</source>
        <translation>credwallet läuft in einer Flatpak-Sandbox ohne Netzwerkzugriff, Online-Prüfungen erreichen also nichts. Um sie zu erlauben, führen Sie diesen Befehl aus und starten credwallet neu:
%1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="57" />
        <source>Check for new versions at start (reads the project's release feed; never downloads anything)</source>
        <translation>Beim Start nach neuen Versionen suchen (liest den Release-Feed des Projekts; lädt nie etwas herunter)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="59" />
        <source>Off: credwallet asks nobody. Help → Check for updates… asks once.</source>
        <translation>Aus: credwallet fragt niemanden. Hilfe → Nach Updates suchen… fragt einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="64" />
        <source> min (0 = never)</source>
        <translation> Min. (0 = nie)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="65" />
        <source>Lock after idle minutes</source>
        <translation>Sperren nach Minuten ohne Nutzung</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="67" />
        <source>Lock when idle for:</source>
        <translation>Sperren nach Inaktivität von:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="68" />
        <source>Remember the key on this computer (OS keyring)</source>
        <translation>Schlüssel auf diesem Computer merken (Schlüsselbund)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="69" />
        <source>A convenience copy in your system keyring; your passphrase always works.</source>
        <translation>Eine bequeme Kopie im Schlüsselbund des Systems; Ihre Passphrase funktioniert immer.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="76" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="83" />
        <source>Language (after restart):</source>
        <translation>Sprache (nach Neustart):</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="87" />
        <source>Appearance</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="88" />
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="88" />
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="89" />
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="93" />
        <source>Appearance:</source>
        <translation>Erscheinungsbild:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="95" />
        <location filename="../../ui/gui/pages_settings.py" line="98" />
        <source>Trusted issuers</source>
        <translation>Vertrauenswürdige Aussteller</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="101" />
        <source>Import trust list…</source>
        <translation>Vertrauensliste importieren…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="103" />
        <source>Remove selected</source>
        <translation>Auswahl entfernen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="110" />
        <source>Change passphrase…</source>
        <translation>Passphrase ändern…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="111" />
        <source>Back up…</source>
        <translation>Sichern…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="111" />
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="112" />
        <source>Lock now</source>
        <translation>Jetzt sperren</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="161" />
        <source>Keyring</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="161" />
        <source>The keyring cannot be used: %1</source>
        <translation>Der Schlüsselbund ist nicht nutzbar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="176" />
        <source>Trust list</source>
        <translation>Vertrauensliste</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="194" />
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="194" />
        <source>New passphrase (8 characters or more):</source>
        <translation>Neue Passphrase (mindestens 8 Zeichen):</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="198" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="198" />
        <source>Passphrase changed.</source>
        <translation>Passphrase geändert.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="202" />
        <source>Back up wallet</source>
        <translation>Brieftasche sichern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="205" />
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="205" />
        <source>Backup written.</source>
        <translation>Sicherung geschrieben.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="211" />
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="212" />
        <source>credwallet backups (*.cwbak);;All files (*)</source>
        <translation>credwallet-Sicherungen (*.cwbak);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="215" />
        <location filename="../../ui/gui/pages_settings.py" line="228" />
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="215" />
        <source>Passphrase of the backed-up wallet:</source>
        <translation>Passphrase der gesicherten Brieftasche:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="222" />
        <source>Restored %1 credentials; each was checked again in this wallet.</source>
        <translation>%1 Nachweise wiederhergestellt; jeder wurde in dieser Brieftasche erneut geprüft.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="225" />
        <source>%1 were already in the wallet.</source>
        <translation>%1 waren bereits in der Brieftasche.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="226" />
        <source>Not restored: %1</source>
        <translation>Nicht wiederhergestellt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="227" />
        <source>This wallet's settings, trusted issuers, fetched keys and holder keys were kept.</source>
        <translation>Die Einstellungen, vertrauenswürdigen Aussteller, abgerufenen Schlüssel und Inhaberschlüssel dieser Brieftasche wurden beibehalten.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_settings.py" line="232" />
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <location filename="../../ui/gui/share.py" line="74" />
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="86" />
        <source>What will be shared</source>
        <translation>Was geteilt wird</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="88" />
        <source>Fields to share</source>
        <translation>Zu teilende Felder</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="97" />
        <source>%1 — choose fields:</source>
        <translation>%1 — Felder wählen:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="116" />
        <source>Personal detail: not shared unless you tick it</source>
        <translation>Persönliche Angabe: wird nur geteilt, wenn Sie sie ankreuzen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="92" />
        <source>%1 — shared as a whole (every field is visible)</source>
        <translation>%1 — wird als Ganzes geteilt (jedes Feld ist sichtbar)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="104" />
        <source>(always shown: the issuer requires it)</source>
        <translation>(immer sichtbar: vom Aussteller verlangt)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="122" />
        <source>Audience</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="123" />
        <source>Who is it for (their web address):</source>
        <translation>Für wen (deren Webadresse):</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="125" />
        <source>optional: the code the employer gave you</source>
        <translation>optional: der Code, den Ihnen der Arbeitgeber gab</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="126" />
        <source>Nonce</source>
        <translation>Einmalwert</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="127" />
        <source>Their request code:</source>
        <translation>Deren Anfragecode:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="131" />
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="132" />
        <source>Valid for</source>
        <translation>Gültig für</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="133" />
        <source>Valid for:</source>
        <translation>Gültig für:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="136" />
        <source>An SD-JWT credential is shared on its own; choose it alone.</source>
        <translation>Ein SD-JWT-Nachweis wird allein geteilt; wählen Sie ihn einzeln.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="139" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="141" />
        <source>Create presentation</source>
        <translation>Präsentation erstellen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="178" />
        <source>Cannot share</source>
        <translation>Teilen nicht möglich</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="188" />
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="191" />
        <source>◀ Previous</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="194" />
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="205" />
        <source>What the employer will see</source>
        <translation>Was der Arbeitgeber sieht</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="208" />
        <source>Present full screen</source>
        <translation>Im Vollbild zeigen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="209" />
        <source>Save QR as PNG…</source>
        <translation>QR als PNG speichern…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="210" />
        <source>Save QR as SVG…</source>
        <translation>QR als SVG speichern…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="211" />
        <source>Save presentation file…</source>
        <translation>Präsentationsdatei speichern…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="212" />
        <source>Copy text (cleared in 60 s)</source>
        <translation>Text kopieren (nach 60 s gelöscht)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="213" />
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="227" />
        <source>issued by</source>
        <translation>ausgestellt von</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="230" />
        <source>The whole credential, every field in it.</source>
        <translation>Der ganze Nachweis, jedes Feld darin.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="231" />
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="232" />
        <source>valid until</source>
        <translation>gültig bis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="246" />
        <source>Code %1 of %2</source>
        <translation>Code %1 von %2</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="258" />
        <source>Save QR code</source>
        <translation>QR-Code speichern</translation>
    </message>
    <message>
        <location filename="../../ui/gui/share.py" line="265" />
        <source>Save presentation</source>
        <translation>Präsentation speichern</translation>
    </message>
</context>
<context>
    <name>SkillsPage</name>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="40" />
        <source>No skills yet</source>
        <translation>Noch keine Fähigkeiten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="41" />
        <source>Skills appear here when your credentials name the skills they show. Add a badge or a certificate and its skills are listed with the evidence behind them.</source>
        <translation>Fähigkeiten erscheinen hier, wenn Ihre Nachweise die gezeigten Fähigkeiten nennen. Fügen Sie ein Abzeichen oder ein Zertifikat hinzu, und seine Fähigkeiten werden mit den Belegen dahinter aufgeführt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="44" />
        <source>Add credentials…</source>
        <translation>Nachweise hinzufügen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="47" />
        <source>What you can do</source>
        <translation>Was Sie können</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="49" />
        <source>Skill / evidence</source>
        <translation>Fähigkeit / Nachweis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="49" />
        <source>Strength</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="49" />
        <source>Evidence / status</source>
        <translation>Nachweise / Status</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="50" />
        <source>Skills and the credentials behind them</source>
        <translation>Fähigkeiten und die Nachweise dahinter</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="55" />
        <source>How completely each credential is described</source>
        <translation>Wie vollständig jeder Nachweis beschrieben ist</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="57" />
        <source>Credential</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="57" />
        <source>Micro-credential elements</source>
        <translation>Microcredential-Angaben</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="58" />
        <source>Not described</source>
        <translation>Nicht beschrieben</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="60" />
        <source>Micro-credential element completeness</source>
        <translation>Vollständigkeit der Microcredential-Angaben</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="63" />
        <source>Goals (stacks)</source>
        <translation>Ziele (Stapel)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="79" />
        <source>This describes the credential, not you: the issuer did not include these.</source>
        <translation>Das beschreibt den Nachweis, nicht Sie: der Aussteller hat diese Angaben nicht aufgenommen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="87" />
        <source>Other skills</source>
        <translation>Weitere Fähigkeiten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="103" />
        <source>No goals yet. Create one with “New goal…” in the toolbar.</source>
        <translation>Noch keine Ziele. Legen Sie eines mit „Neues Ziel…“ an.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="111" />
        <source>%1 of %2 credits</source>
        <translation>%1 von %2 Leistungspunkten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="113" />
        <source>Credits toward %1</source>
        <translation>Leistungspunkte für %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="116" />
        <source>Skills covered: %1</source>
        <translation>Abgedeckte Fähigkeiten: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages_skills.py" line="117" />
        <source>Still to show: %1</source>
        <translation>Noch nachzuweisen: %1</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/gui/unlock.py" line="60" />
        <source>Create your wallet</source>
        <translation>Brieftasche anlegen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="60" />
        <source>Unlock your wallet</source>
        <translation>Brieftasche entsperren</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="63" />
        <source>Choose a passphrase. It protects every credential in this wallet.</source>
        <translation>Wählen Sie eine Passphrase. Sie schützt jeden Nachweis in dieser Brieftasche.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="65" />
        <source>Enter your passphrase to open the wallet in %1.</source>
        <translation>Geben Sie Ihre Passphrase ein, um die Brieftasche in %1 zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="70" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="74" />
        <source>Repeat the passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="75" />
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="78" />
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="84" />
        <source>Remember on this computer (OS keyring)</source>
        <translation>Auf diesem Computer merken (Schlüsselbund)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="85" />
        <source>The key is kept in your system keyring so you are not asked every time. Your passphrase still works; a backup never depends on it.</source>
        <translation>Der Schlüssel liegt im Schlüsselbund Ihres Systems, damit Sie nicht jedes Mal gefragt werden. Ihre Passphrase funktioniert weiter; eine Sicherung hängt nie davon ab.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="91" />
        <source>Forgot your passphrase? Use your recovery code</source>
        <translation>Passphrase vergessen? Wiederherstellungscode verwenden</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="100" />
        <source>Restore from a backup…</source>
        <translation>Aus einer Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="118" />
        <source>Strength: %1</source>
        <translation>Stärke: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="119" />
        <source>At least 8 characters; a few unrelated words are best</source>
        <translation>Mindestens 8 Zeichen; einige unzusammenhängende Wörter sind am besten</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="124" />
        <source>The two passphrases do not match.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="127" />
        <source>Creating…</source>
        <translation>Wird angelegt…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="127" />
        <source>Unlocking…</source>
        <translation>Entsperren…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="138" />
        <source>Your recovery code</source>
        <translation>Ihr Wiederherstellungscode</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="139" />
        <source>Write this recovery code down and keep it somewhere safe. It is shown only once, and it lets you set a new passphrase if you forget yours.

%1</source>
        <translation>Schreiben Sie diesen Wiederherstellungscode auf und bewahren Sie ihn sicher auf. Er wird nur einmal gezeigt und erlaubt eine neue Passphrase, falls Sie Ihre vergessen.

%1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="141" />
        <source>Confirm the recovery code</source>
        <translation>Wiederherstellungscode bestätigen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="142" />
        <source>Type the third group of your recovery code:</source>
        <translation>Geben Sie die dritte Gruppe Ihres Wiederherstellungscodes ein:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="145" />
        <source>Not quite</source>
        <translation>Nicht ganz</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="145" />
        <source>That was not the third group. Here it is again.</source>
        <translation>Das war nicht die dritte Gruppe. Hier ist er noch einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="149" />
        <source>Backup file</source>
        <translation>Sicherungsdatei</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="149" />
        <source>credwallet backups (*.cwbak);;All files (*)</source>
        <translation>credwallet-Sicherungen (*.cwbak);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="152" />
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="152" />
        <source>Passphrase of the backed-up wallet:</source>
        <translation>Passphrase der gesicherten Brieftasche:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="163" />
        <source>Keyring</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="164" />
        <source>Not remembered: %1. You will be asked for the passphrase.</source>
        <translation>Nicht gemerkt: %1. Sie werden nach der Passphrase gefragt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/unlock.py" line="170" />
        <source>Unexpected error: %1</source>
        <translation>Unerwarteter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>UpdateChecker</name>
    <message>
        <location filename="../../ui/gui/updates.py" line="49" />
        <source>credwallet %1 is available</source>
        <translation>credwallet %1 ist verfügbar</translation>
    </message>
    <message>
        <location filename="../../ui/gui/updates.py" line="61" />
        <location filename="../../ui/gui/updates.py" line="69" />
        <location filename="../../ui/gui/updates.py" line="94" />
        <location filename="../../ui/gui/updates.py" line="113" />
        <source>Check for updates</source>
        <translation>Nach Updates suchen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/updates.py" line="61" />
        <source>Unlock your wallet first.</source>
        <translation>Entsperren Sie zuerst Ihre Brieftasche.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/updates.py" line="70" />
        <source>Update checks are off, so credwallet asks nobody. Turn them on and check now?

credwallet will read the project's release feed (%1) now and at each start. It never downloads or installs anything itself.</source>
        <translation>Die Suche nach Updates ist ausgeschaltet, credwallet fragt also niemanden. Jetzt einschalten und suchen?

credwallet liest dann jetzt und bei jedem Start den Release-Feed des Projekts (%1). Es lädt nie selbst etwas herunter und installiert nichts.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/updates.py" line="97" />
        <source>credwallet %1 is available (you have %2).</source>
        <translation>credwallet %1 ist verfügbar (Sie haben %2).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/updates.py" line="99" />
        <source>Get it from %1. credwallet does not download or install anything itself.</source>
        <translation>Sie erhalten es unter %1. credwallet lädt nichts selbst herunter und installiert nichts.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/updates.py" line="108" />
        <source>credwallet %1 is up to date.</source>
        <translation>credwallet %1 ist aktuell.</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../ui/gui/pages.py" line="38" />
        <source>Check what someone shared with you</source>
        <translation>Prüfen, was jemand mit Ihnen geteilt hat</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="40" />
        <source>Open QR image…</source>
        <translation>QR-Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="42" />
        <source>Open presentation file…</source>
        <translation>Präsentationsdatei öffnen…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="49" />
        <source>optional: your web address, as you gave it to the learner</source>
        <translation>optional: Ihre Webadresse, wie Sie sie der lernenden Person gaben</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="51" />
        <source>optional: the code you gave the learner</source>
        <translation>optional: der Code, den Sie der lernenden Person gaben</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="52" />
        <source>Expected audience:</source>
        <translation>Erwarteter Empfänger:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="53" />
        <source>Expected code:</source>
        <translation>Erwarteter Code:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="56" />
        <source>…or paste the QR text or the presentation here</source>
        <translation>…oder den QR-Text oder die Präsentation hier einfügen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="57" />
        <source>Presentation text</source>
        <translation>Präsentationstext</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="60" />
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="64" />
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="68" />
        <source>QR code images</source>
        <translation>QR-Code-Bilder</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="68" />
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="75" />
        <source>Presentation file</source>
        <translation>Präsentationsdatei</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="91" />
        <source>issued by</source>
        <translation>ausgestellt von</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="94" />
        <source>The whole credential was shared.</source>
        <translation>Der ganze Nachweis wurde geteilt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/pages.py" line="102" />
        <source>Cannot read this</source>
        <translation>Nicht lesbar</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/gui/app.py" line="74" />
        <source>Preparing the demo wallet: checking every credential for real…</source>
        <translation>Die Demo-Brieftasche wird vorbereitet: jeder Nachweis wird echt geprüft…</translation>
    </message>
</context>
<context>
    <name>links</name>
    <message>
        <location filename="../../ui/gui/links.py" line="28" />
        <source>A verifier's link asks you to share credentials (OpenID for Verifiable Presentations). Unlock your wallet, then open the link again: you will see exactly what would be shared before anything is sent.</source>
        <translation>Der Link einer prüfenden Stelle bittet Sie, Nachweise zu teilen (OpenID for Verifiable Presentations). Entsperren Sie Ihre Brieftasche und öffnen Sie den Link erneut: Sie sehen genau, was geteilt würde, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="32" />
        <source>To restore this backup, use "Restore from backup…" in Settings. Restoring replaces what is in this wallet now.</source>
        <translation>Um diese Sicherung wiederherzustellen, verwenden Sie „Aus Sicherung wiederherstellen…“ in den Einstellungen. Das Wiederherstellen ersetzt, was jetzt in dieser Brieftasche ist.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="70" />
        <source>Sharing with a verifier</source>
        <translation>Mit einer prüfenden Stelle teilen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="73" />
        <source>Cannot open this</source>
        <translation>Lässt sich nicht öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="74" />
        <source>credwallet cannot open this:</source>
        <translation>credwallet kann das nicht öffnen:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="76" />
        <source>Your wallet is locked</source>
        <translation>Ihre Brieftasche ist gesperrt</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="77" />
        <source>Unlock your wallet, then open the file again:</source>
        <translation>Entsperren Sie Ihre Brieftasche und öffnen Sie die Datei erneut:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/links.py" line="80" />
        <source>A credwallet backup</source>
        <translation>Eine credwallet-Sicherung</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/gui/printing.py" line="82" />
        <location filename="../../ui/gui/printing.py" line="90" />
        <source>Cannot print</source>
        <translation>Drucken nicht möglich</translation>
    </message>
    <message>
        <location filename="../../ui/gui/printing.py" line="84" />
        <source>Sent %1 pages to the printer.</source>
        <translation>%1 Seiten an den Drucker gesendet.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/printing.py" line="92" />
        <source>Preparing the portfolio for printing…</source>
        <translation>Das Portfolio wird für den Druck vorbereitet…</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../ui/gui/updates.py" line="28" />
        <source>Check for &amp;updates…</source>
        <translation>Nach &amp;Updates suchen…</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/gui/about.py" line="39" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../ui/gui/about.py" line="41" />
        <source>&amp;About credwallet</source>
        <translation>Ü&amp;ber credwallet</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="42" />
        <source>&amp;Exchange</source>
        <translation>&amp;Austausch</translation>
    </message>
    <message>
        <location filename="../../ui/gui/respond.py" line="43" />
        <source>Answer a request…</source>
        <translation>Eine Anfrage beantworten…</translation>
    </message>
</context>
</TS>