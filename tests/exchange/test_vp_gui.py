"""The desktop "Answer a request…" flow, offscreen, against the in-test verifier: consent screen (who asks,
the picker, per-claim checkboxes for what the verifier can do without), exactly what is sent, the verifier's
follow-up address shown and not opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.exchange.test_vp_flow import SD_CERT_TYPES, disclosed_names, sd_query
from tests.exchange.verifier_server import Verifier
from ui.gui.app import make_demo_wallet
from ui.gui.respond import RespondDialog
from ui.gui.worker import DbWorker


@pytest.fixture(scope="module")
def gui_wallet(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    w = make_demo_wallet(tmp_path_factory.mktemp("gui") / "w")
    yield w
    w.lock()


def dialog(qtbot: QtBot, wallet) -> RespondDialog:  # noqa: ANN001
    dlg = RespondDialog(wallet, DbWorker(synchronous=True), allow_loopback_http=True)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_consent_decline_optional_claim_then_send(qtbot: QtBot, gui_wallet, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    opened: list = []
    monkeypatch.setattr("ui.gui.respond.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    q = sd_query(["given_name"], ["family_name"], ["email"], ids=["g", "f", "e"], claim_sets=[["g", "f", "e"], ["g", "f"]])
    course = {"id": "course", "format": "ldp_vc", "meta": {"type_values": [SD_CERT_TYPES]},
              "claims": [{"path": ["credentialSubject", "achievement", "name"]}]}
    q["credentials"].append(course)
    q["credential_sets"] = [{"options": [["licence"]]}, {"options": [["course"]], "required": False}]
    with Verifier(redirect_uri="https://verifier.example/welcome") as v:
        dlg = dialog(qtbot, gui_wallet)
        dlg.text.setPlainText(v.make_request(q))
        dlg.go.click()
        assert dlg.pages.currentIndex() == 1, dlg.status.text()
        assert "Unverified" in dlg.who.text()
        licence, course_box = dlg.boxes
        assert set(licence.checks) == {"g", "f", "e"}
        assert licence.checks["e"].isEnabled() and not licence.checks["g"].isEnabled()
        assert not course_box.answer.isChecked() and course_box.picker.count() >= 2  # optional: off by default
        assert "Email" in licence.preview.text()
        licence.checks["e"].setChecked(False)
        # in the catalogue's words: "Given name", never a raw claim name
        assert "mail" not in licence.preview.text() and "Given name" in licence.preview.text()
        assert "Always shown with it: Issuer" in licence.preview.text()
        if os.environ.get("CREDWALLET_SCREENSHOTS"):
            qtbot.wait(50)  # let the layout take in the longer text
            dlg.grab().save(str(Path(os.environ["CREDWALLET_SCREENSHOTS"]) / "respond-consent.png"))
        dlg.send_button.click()
        assert dlg.pages.currentIndex() == 2, dlg.consent_status.text()
        (got,) = v.received
        assert set(got.payload["vp_token"]) == {"licence"}
        assert disclosed_names(got.payload["vp_token"]["licence"][0]) == {"given_name", "family_name"}
        assert "https://verifier.example/welcome" in dlg.redirect.text() and dlg.open_button.isVisible()
        assert opened == []  # shown, not followed
        dlg.open_button.click()
        assert [u.toString() for u in opened] == ["https://verifier.example/welcome"]


def test_bad_request_stays_on_the_first_page(qtbot: QtBot, gui_wallet) -> None:  # noqa: ANN001
    with Verifier() as v:
        dlg = dialog(qtbot, gui_wallet)
        dlg.text.setPlainText(v.make_request(sd_query(["given_name"]), client_value="https://elsewhere.example/cb"))
        dlg.go.click()
        assert dlg.pages.currentIndex() == 0 and "same address" in dlg.status.text() and v.received == []


def test_required_claim_cannot_be_unticked_and_decline_sends_no_credential(qtbot: QtBot, gui_wallet) -> None:  # noqa: ANN001
    with Verifier() as v:
        dlg = dialog(qtbot, gui_wallet)
        dlg.text.setPlainText(v.make_request(sd_query(["given_name"])))
        dlg.go.click()
        (box,) = dlg.boxes
        assert not box.checks[next(iter(box.checks))].isEnabled()
        dlg.decline_button.click()
        (got,) = v.received
        assert got.payload["error"] == "access_denied" and "vp_token" not in got.payload


def test_menu_entry_opens_the_dialog(qtbot: QtBot, gui_wallet) -> None:  # noqa: ANN001
    from ui.gui.main_window import MainWindow

    win = MainWindow(gui_wallet, DbWorker(synchronous=True), " — demo")
    qtbot.addWidget(win)
    acts = [a for m in win.menuBar().actions() for a in (m.menu().actions() if m.menu() else [])]
    act = next(a for a in acts if a.text() == "Answer a request…")
    act.trigger()
    qtbot.addWidget(win.respond_dialog)
    assert isinstance(win.respond_dialog, RespondDialog) and win.respond_dialog.isVisible()
