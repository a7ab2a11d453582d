"""One function per policy, called by every front end (issue 14): settings, the input cap, present -> QR
texts -> sequence hint, which fields are offered and which are shown by default, and the checks an
employer runs without a wallet.  Each starts from credentials the demo issuers really signed."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from wallet import paths
from wallet.errors import TooLarge, WalletError
from wallet.present import qr as qrcodec
from wallet.service import (AUTOLOCK_MINUTES, MAX_FILE_BYTES, MAX_INPUT_BYTES, SETTINGS, VERIFIER_URL, Wallet,
                            check_file, check_presentation, disclosure_options, read_input)

ROOT = Path(__file__).resolve().parents[1]
DEMO = paths.resources_dir() / "demo" / "credentials"
SD_CERT = "Cloud Data Engineering — Professional Certificate"  # ecdsa-sd-2023


def _id(w: Wallet, title: str | None = None, fmt: str | None = None) -> str:
    return next(s.id for s in w.credentials() if (title is None or s.title == title) and (fmt is None or s.format == fmt))


# -- settings: declared once, typed, unknown keys refused ----------------------------------------------------
def test_unknown_setting_keys_are_refused(tmp_path: Path) -> None:
    w, _ = Wallet.create(tmp_path / "w", PASSPHRASE)
    try:
        for bad in ("import.max_file_byte", "gui.autolock", "", "trust.issuers "):
            with pytest.raises(WalletError, match="unknown setting"):
                w.set_setting(bad, 1)
            with pytest.raises(WalletError, match="unknown setting"):
                w.setting(bad)
        assert w.store.get_setting("import.max_file_byte") is None  # nothing was written for the typo
    finally:
        w.lock()


def test_settings_are_typed_and_default_from_their_declaration(tmp_path: Path) -> None:
    w, _ = Wallet.create(tmp_path / "w", PASSPHRASE)
    try:
        assert w.setting(AUTOLOCK_MINUTES) == AUTOLOCK_MINUTES.default == 10
        assert w.max_file_bytes == MAX_FILE_BYTES.default == MAX_INPUT_BYTES
        for setting, wrong in ((MAX_FILE_BYTES, "20000000"), (MAX_FILE_BYTES, True), (AUTOLOCK_MINUTES, 2.5),
                               (SETTINGS["verify.online"], "yes"), (SETTINGS["trust.issuers"], {"id": "x"})):
            with pytest.raises(WalletError, match=f"setting {setting.key}: expected"):
                w.set_setting(setting, wrong)
        w.set_setting(MAX_FILE_BYTES, 4096)
        w.set_setting("import.check_seconds", 2)  # an int is a number of seconds
        assert (w.max_file_bytes, w.check_seconds) == (4096, 2.0)
        # the verifier page is checked when it is stored, not only when it is used
        with pytest.raises(WalletError, match="verifier URL"):
            w.set_setting(VERIFIER_URL, "https://verify.example/#CW1:evil")
        assert w.setting(VERIFIER_URL) == ""
    finally:
        w.lock()


def test_no_setting_key_is_spelled_out_outside_its_declaration() -> None:
    """Every use names the Setting; a bare "gui.autolock_minutes" somewhere would be a second declaration."""
    keys = set(SETTINGS)
    found = []
    for folder in ("wallet", "ui"):
        for f in sorted((ROOT / folder).rglob("*.py")):
            if f == ROOT / "wallet" / "settings.py":
                continue
            for node in ast.walk(ast.parse(f.read_text("utf-8"))):
                if isinstance(node, ast.Constant) and node.value in keys:
                    found.append(f"{f.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert found == []


# -- the input cap: one number, applied by every door --------------------------------------------------------
def test_the_input_cap_refuses_an_oversized_file_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with open(big, "wb") as f:  # sparse: one byte over the cap, nothing to parse
        f.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(TooLarge, match="huge.json") as exc:
        read_input(big)
    assert f"{MAX_INPUT_BYTES:,}" in str(exc.value)
    with pytest.raises(TooLarge, match="huge.json"):
        check_file(big)
    ok = tmp_path / "edge.json"
    with open(ok, "wb") as f:
        f.truncate(MAX_INPUT_BYTES)
    assert len(read_input(ok)) == MAX_INPUT_BYTES


def test_the_cli_uses_the_same_cap(tmp_path: Path) -> None:
    big = tmp_path / "huge.jwt"
    with open(big, "wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)
    env = {"PYTHONPATH": str(ROOT), "CREDWALLET_HOME": str(tmp_path / "none"), "PATH": "/usr/bin:/bin",
           "CREDWALLET_STATE_DIR": str(tmp_path / "state")}
    for argv in (["verify", str(big), "--json"], ["verify-presentation", str(big), "--json"]):
        out = subprocess.run([sys.executable, "-m", "ui.cli.main", *argv], capture_output=True, text=True, env=env,
                             cwd=ROOT, timeout=120)
        assert out.returncode == 2, out.stderr
        assert f"over the {MAX_INPUT_BYTES:,}-byte limit" in json.loads(out.stdout)["error"]


# -- present -> QR texts -> sequence hint ------------------------------------------------------------------
def test_present_gives_the_qr_texts_that_decode_to_the_presentation(demo: Wallet) -> None:
    shared = demo.present([_id(demo, "Applied Statistics")], audience="https://employer.example", form="qr")
    assert shared.qr and all(t.startswith(qrcodec.DEFAULT_VERIFIER_URL + "#" + qrcodec.VERSION + ":") for t in shared.qr)
    back = qrcodec.from_texts(shared.qr)
    assert (back.kind, json.loads(back.text)) == (shared.kind, json.loads(shared.text))
    assert shared.qr_versions == [qrcodec.fits(t, 40) for t in shared.qr]
    assert all(v <= qrcodec.MAX_VERSION for v in shared.qr_versions)
    assert (shared.hint == "") == (len(shared.qr) == 1)


def test_a_presentation_too_big_for_one_code_gets_a_sequence_and_its_hint(demo: Wallet) -> None:
    refs = [s.id for s in demo.credentials() if s.format in ("ob3", "clr", "vc-jwt")]
    shared = demo.present(refs, audience="https://employer.example", form="qr")
    assert len(shared.qr) > 1  # several credentials do not fit one version-25 code
    assert f"this needs {len(shared.qr)} QR codes" in shared.hint
    assert json.loads(qrcodec.from_texts(list(reversed(shared.qr))).text) == json.loads(shared.text)


def test_the_qr_page_follows_the_setting_and_a_bad_page_shares_nothing(demo: Wallet) -> None:
    cid = _id(demo, "Applied Statistics")
    demo.set_setting(VERIFIER_URL, "https://verifier.example/check")
    try:
        assert all(t.startswith("https://verifier.example/check#" + qrcodec.VERSION + ":") for t in demo.present([cid]).qr)
        before = len(demo.disclosure_log())
        # an attacker-supplied page that would carry the presentation off in its fragment, or over plain http
        for page in ("https://evil.example/#steal", "http://evil.example/", "javascript:alert(1)"):
            with pytest.raises(WalletError, match="verifier URL"):
                demo.present([cid], verifier_url=page)
        assert len(demo.disclosure_log()) == before  # refused before anything was made or logged
    finally:
        demo.set_setting(VERIFIER_URL, "")


# -- which fields are offered, and which are shown by default --------------------------------------------------
@pytest.mark.parametrize("which", ["sd-jwt", "ecdsa-sd"])
def test_the_default_ticks_are_what_a_default_presentation_discloses(demo: Wallet, which: str) -> None:
    cid = _id(demo, fmt="sd-jwt-vc") if which == "sd-jwt" else _id(demo, SD_CERT)
    (opts,) = disclosure_options([demo.get(cid)])
    ticked = sorted(f.pointer for f in opts.fields if f.shown_by_default)
    unticked = sorted(f.pointer for f in opts.fields if not f.shown_by_default)
    assert ticked and unticked  # both kinds exist in the demo credential: the assertion below can fail
    shared = demo.present([cid])  # no choice: the core's default
    assert sorted(shared.disclosed[0]["disclosed"]) == ticked
    view = shared.views[0]
    assert not view.whole and set(unticked).isdisjoint(view.pointers)


def test_personal_details_are_never_shown_by_default(demo: Wallet) -> None:
    """The SD-JWT demo holds a birth date and an e-mail (personal details, wallet.crypto.pointers): neither
    leaves by default, nor appears in the view read back from the presentation; the rest does."""
    cid = _id(demo, fmt="sd-jwt-vc")
    (opts,) = disclosure_options([demo.get(cid)])
    personal = {"/birthdate", "/email"}
    assert {f.pointer for f in opts.fields if not f.shown_by_default} == personal
    shared = demo.present([cid])
    from wallet.crypto import sdjwt

    names = {d.name for d in sdjwt.parse(shared.text).disclosures}  # what actually travels
    assert "license_number" in names and names.isdisjoint({p.lstrip("/") for p in personal})
    assert set(shared.views[0].pointers).isdisjoint(personal)


def test_a_whole_credential_offers_no_fields(demo: Wallet) -> None:
    (opts,) = disclosure_options([demo.get(_id(demo, "Applied Statistics"))])
    assert opts.fields == [] and opts.always_shared == []
    assert demo.present([opts.credential_id]).views[0].whole


# -- an employer without a wallet ---------------------------------------------------------------------------
def test_a_tampered_credential_fails_the_walletless_check(tmp_path: Path) -> None:
    good = json.loads((DEMO / "ob3-data-analysis-python.json").read_text("utf-8"))
    assert check_file(DEMO / "ob3-data-analysis-python.json")[1].status != "invalid"
    good["credentialSubject"]["achievement"]["name"] = "Doctor of Medicine"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(good))
    _parsed, report = check_file(forged)
    assert report.status == "invalid"


def test_a_replayed_presentation_fails_the_walletless_check(demo: Wallet) -> None:
    shared = demo.present([_id(demo, "Applied Statistics")], audience="https://employer.example", nonce="n-1")
    assert check_presentation(shared.text, audience="https://employer.example", nonce="n-1").status != "invalid"
    replay = check_presentation(shared.qr, audience="https://employer.example", nonce="n-2")  # another request
    assert replay.status == "invalid"


# -- the trust list through the facade ------------------------------------------------------------------------
def test_trust_list_edits_through_the_facade(tmp_path: Path) -> None:
    w, _ = Wallet.create(tmp_path / "w", PASSPHRASE)
    try:
        jwk = tmp_path / "key.json"
        jwk.write_text(json.dumps({"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}))
        entry = w.trust_issuer("https://issuer.example", "Example", jwk)
        assert entry["id"] == "https://issuer.example" and entry["jwk"]["crv"] == "Ed25519"
        assert [e["id"] for e in w.trusted_issuers()] == ["https://issuer.example"]
        out = tmp_path / "trust.json"
        w.export_trust_list(out)
        assert json.loads(out.read_text())["issuers"][0]["id"] == "https://issuer.example"
        assert w.untrust_issuer("https://issuer.example") and not w.untrust_issuer("https://issuer.example")
        assert w.trusted_issuers() == []
        junk = tmp_path / "junk.json"
        junk.write_text('{"kty": "OKP", "crv": "Ed25519", "x": 5}')
        with pytest.raises(WalletError):
            w.trust_issuer("https://issuer.example", "Example", junk)
        assert w.trusted_issuers() == []  # nothing half-written
    finally:
        w.lock()


def test_the_core_and_the_demo_wallet_never_load_qt() -> None:
    code = ("import sys, wallet.service, wallet.demo; "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt loaded'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
