"""The desktop app speaks the label catalogue: status words, field labels, units, dates and
micro-credential elements in the detail view, the share dialog, the employer's view and the collection
filter, in English and in German (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui.gui import i18n
from ui.gui.detail import DetailDialog
from ui.gui.share import ShareDialog
from ui.gui.util import ForgetfulClipboard, disclosed_html, status_text
from ui.gui.worker import DbWorker
from wallet import labels

CLOUD = "Cloud Data Engineering — Professional Certificate"


@pytest.fixture
def german(qapp) -> Iterator[None]:  # noqa: ANN001
    assert i18n.install(qapp, "de") == "de"
    yield
    i18n.install(qapp, "en")
    labels.use(None)


def _ids(demo) -> dict[str, str]:  # noqa: ANN001
    return {s.title: s.id for s in demo.credentials()}


def test_detail_view_in_german(demo, german, qtbot) -> None:  # noqa: ANN001
    cid = _ids(demo)[CLOUD]
    dlg = DetailDialog(demo, DbWorker(synchronous=True), demo.get(cid), demo.elements(cid))
    qtbot.addWidget(dlg)
    text = dlg.details.toPlainText()
    for de in ("Ausgestellt für", "22. Mai 2026", "6 Leistungspunkte", "Ergebnisse", "Distinction",
               "Elemente eines Microcredentials (7 von 11 beschrieben)", "Identifizierung der lernenden Person"):
        assert de in text, de
    for en in ("Issued to", "credits", "Identification of the learner", "2026-05-22"):
        assert en not in text, en
    checks = dlg.checks.toPlainText()
    assert "Verifiziert" in checks and "Aussteller bestätigt" in checks and "Signature valid" not in checks


def test_detail_view_in_english_shows_credits_and_dates_for_people(demo, qtbot) -> None:  # noqa: ANN001
    labels.use("en")
    cid = _ids(demo)["Data Analysis with Python"]
    dlg = DetailDialog(demo, DbWorker(synchronous=True), demo.get(cid), demo.elements(cid))
    qtbot.addWidget(dlg)
    text = dlg.details.toPlainText()
    assert "5 credits" in text and "14 March 2026" in text and "Identification of the learner" in text
    labels.use(None)


def test_share_dialog_and_employer_view_use_field_labels(demo, german, qtbot) -> None:  # noqa: ANN001
    sd = demo.get(_ids(demo)["Basic Life Support (BLS) Provider"])
    dlg = ShareDialog(demo, DbWorker(synchronous=True), [sd], ForgetfulClipboard())
    qtbot.addWidget(dlg)
    rows = [dlg.fields.item(i).text() for i in range(dlg.fields.count())]
    assert any(r.strip().startswith("Familienname") for r in rows) and not any("family_name" in r for r in rows)
    assert any(r.strip().startswith("Lizenznummer") for r in rows)
    head = dlg.fields.item(0)
    assert head.font().bold() and head.flags() & head.flags().ItemIsEnabled  # a heading, not greyed out
    # the employer's view of what was disclosed: labels, not claim names
    html = disclosed_html({"claims": {"family_name": "Haddad", "license_number": "BLS-1"}, "disclosed_paths": []},
                          "whole")
    assert "Familienname" in html and "Lizenznummer" in html and "family_name" not in html


def test_one_set_of_status_words(german) -> None:  # noqa: ANN001
    assert [status_text(s) for s in ("verified", "warning", "invalid", "unverified")] == \
        ["Verifiziert", "Verifiziert, mit Warnungen", "Ungültig", "Nicht geprüft"]


def test_collection_filter_offers_the_same_status_words(demo, german, qtbot) -> None:  # noqa: ANN001
    from ui.gui.collection import CollectionPage
    from ui.gui.models import CredentialTableModel

    model = CredentialTableModel()
    page = CollectionPage(model)
    qtbot.addWidget(page)
    offered = [page.status.itemText(i) for i in range(1, page.status.count())]
    assert offered == [labels.status(s, "de") for s in ("verified", "warning", "invalid", "unverified")]


def test_detail_view_shows_check_messages_in_german(demo, german, qtbot) -> None:  # noqa: ANN001
    """The check messages (wallet/messages.py) follow the language, by their ids; a report stored before ids
    (English only) is translated by its text."""
    from wallet.model import VerificationReport

    cred = demo.get(_ids(demo)["Certificate in Project Management"])  # Blockcerts: a test-network anchor
    dlg = DetailDialog(demo, DbWorker(synchronous=True), cred, demo.elements(cred.id))
    qtbot.addWidget(dlg)
    checks = dlg.checks.toPlainText()
    assert "auf einem Testnetz verankert (mocknet): keine Blockchain zu prüfen" in checks
    assert "läuft nicht ab" in checks and "der Aussteller hat ihn nicht widerrufbar gemacht" in checks
    for en in ("anchored on a test network", "does not expire", "no status list"):
        assert en not in checks, en
    stored = VerificationReport.from_json({**cred.report.to_json(), "checks": [
        {k: v for k, v in c.to_json().items() if k not in ("message_id", "args")} for c in cred.report.checks]})
    assert not any(c.message_id for c in stored.checks)
    cred.report = stored
    old = DetailDialog(demo, DbWorker(synchronous=True), cred, demo.elements(cred.id))
    qtbot.addWidget(old)
    assert old.checks.toPlainText() == checks
