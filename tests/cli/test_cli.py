"""The command-line contract: commands, --json shapes, exit codes (see docs/cli.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.factory import ob3_bytes
from ui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    try:
        parsed = json.loads(out) if out.strip() else None
    except json.JSONDecodeError:
        parsed = out
    return code, parsed, err


@pytest.fixture
def cli_env(wallet_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDWALLET_HOME", str(wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    return wallet_home


def test_init_prints_recovery_code_once(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "a fine passphrase")
    code, out, _ = run(capsys, "--wallet", str(tmp_path / "w"), "--json", "init")
    assert code == 0
    assert len(out["recovery_code"].replace("-", "")) == 30
    assert out["recovery_code"].encode() not in (tmp_path / "w" / "wallet.header.json").read_bytes()
    code, out, err = run(capsys, "--wallet", str(tmp_path / "w"), "init")
    assert code == 2 and "already exists" in err


def test_import_list_search_show_export(cli_env: Path, tmp_path: Path, capsys) -> None:
    f1 = tmp_path / "a.json"
    f1.write_bytes(ob3_bytes(1, "Forklift Safety"))
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "b.json").write_bytes(ob3_bytes(2, "Customer Care"))
    (folder / "junk.txt").write_bytes(b"hello")
    code, out, _ = run(capsys, "import", str(f1), str(folder), "--json")
    assert code == 2  # one input was not a credential
    by_input = {r["input"]: r for r in out}
    assert set(by_input[str(f1)]) == {"input", "id", "format", "status", "checks", "error", "duplicate"}
    assert by_input[str(f1)]["error"] is None and by_input[str(f1)]["status"] == "warning"  # issuer not trusted
    assert by_input[str(f1)]["format"] == "ob3"
    assert "not a credential" in by_input[str(folder / "junk.txt")]["error"]

    code, out, _ = run(capsys, "--json", "list")
    assert code == 0 and {r["title"] for r in out} == {"Forklift Safety", "Customer Care"}
    code, out, _ = run(capsys, "list", "--search", "forklift", "--json")
    assert [r["title"] for r in out] == ["Forklift Safety"]
    rid = out[0]["id"]
    code, out, _ = run(capsys, "show", rid, "--json")
    assert out["normalized"]["title"] == "Forklift Safety" and out["status"] == "warning"
    dest = tmp_path / "exported.json"
    code, out, _ = run(capsys, "export", rid, "--out", str(dest), "--json")
    assert code == 0 and dest.read_bytes() == f1.read_bytes()

    code, out, err = run(capsys, "import", str(f1))  # duplicate: reported, exit 0
    assert code == 0 and "already in the wallet" in out

    code, out, _ = run(capsys, "tag", rid, "safety", "--json")
    assert out == {"id": rid, "tags": ["safety"]}
    code, out, _ = run(capsys, "note", rid, "renew in 2027", "--json")
    assert out == {"id": rid, "notes": "renew in 2027"}
    code, out, _ = run(capsys, "delete", rid, "--json")
    assert out == {"deleted": rid}
    code, out, err = run(capsys, "show", rid)
    assert code == 2 and "no credential" in err


def test_backup_and_restore_commands(cli_env: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    f = tmp_path / "a.json"
    f.write_bytes(ob3_bytes(9, "Backed Up"))
    run(capsys, "import", str(f))
    code, out, _ = run(capsys, "backup", "--out", str(tmp_path / "w.cwbak"), "--json")
    assert code == 0 and out["credentials"] == 1
    monkeypatch.setenv("CREDWALLET_HOME", str(tmp_path / "fresh"))
    code, out, _ = run(capsys, "restore", str(tmp_path / "w.cwbak"), "--json")
    assert code == 0 and len(out["restored"]) == 1
    code, out, _ = run(capsys, "export", out["restored"][0], "--out", str(tmp_path / "x.json"), "--json")
    assert (tmp_path / "x.json").read_bytes() == f.read_bytes()
    bad = tmp_path / "bad.cwbak"
    bad.write_bytes((tmp_path / "w.cwbak").read_bytes()[:-3])
    code, out, err = run(capsys, "restore", str(bad))
    assert code == 2 and str(bad) in err and "truncated" in err and "Traceback" not in err


def test_wrong_passphrase_exit_3(cli_env: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "definitely wrong")
    code, out, err = run(capsys, "list")
    assert code == 3 and err.strip() == "credwallet: wrong passphrase"


def test_passphrase_change_and_recover(cli_env: Path, capsys, monkeypatch, recovery_code: str, tmp_path: Path) -> None:
    monkeypatch.setenv("CREDWALLET_NEW_PASSPHRASE", "second passphrase")
    assert run(capsys, "passphrase", "change")[0] == 0
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "second passphrase")
    assert run(capsys, "list")[0] == 0
    code_file = tmp_path / "code.txt"
    code_file.write_text(recovery_code + "\n")
    monkeypatch.setenv("CREDWALLET_NEW_PASSPHRASE", "third passphrase")
    assert run(capsys, "recover", "--recovery-code-file", str(code_file))[0] == 0
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "third passphrase")
    assert run(capsys, "list")[0] == 0


def test_bad_usage_exit_2(capsys) -> None:
    assert main(["frobnicate"]) == 2
    assert main(["export", "abc"]) == 2  # --out missing
    assert "credwallet:" in capsys.readouterr().err


def test_no_wallet_exit_3(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    code, out, err = run(capsys, "--wallet", str(tmp_path / "none"), "list")
    assert code == 3 and "credwallet init" in err


def test_console_script_runs(tmp_path: Path) -> None:
    """The installed entry point works as a separate process (what scripts call)."""
    env = dict(os.environ, CREDWALLET_HOME=str(tmp_path / "w"), CREDWALLET_PASSPHRASE="separate process")
    p = subprocess.run([sys.executable, "-m", "ui.cli.main", "--json", "init"], env=env, capture_output=True,
                       text=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["wallet"] == str(tmp_path / "w")


def test_core_is_headless() -> None:
    code = "import sys, wallet.service; assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_share_and_verify_presentation_contract(tmp_path: Path, monkeypatch, capsys) -> None:
    """present / verify-presentation / log / holder show, as docs/cli.md writes them."""
    from ui.gui.app import make_demo_wallet

    home = tmp_path / "w"
    make_demo_wallet(home, PASSPHRASE).lock()
    monkeypatch.setenv("CREDWALLET_HOME", str(home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    code, listed, _ = run(capsys, "list", "--json")
    cert = next(r["id"] for r in listed if r["title"].startswith("Cloud Data Engineering"))
    code, holder, _ = run(capsys, "holder", "show", "--json")
    assert code == 0 and holder["did"].startswith("did:key:z6Mk") and set(holder["jwk"]) == {"kty", "crv", "x", "y"}

    out_file, qr_file = tmp_path / "p.json", tmp_path / "p.png"
    code, shared, _ = run(capsys, "present", cert, "--disclose", "/credentialSubject/result",
                          "--audience", "https://employer.example", "--nonce", "n-1", "--out", str(out_file),
                          "--qr", str(qr_file), "--json")
    assert code == 0
    assert {"kind", "audience", "nonce", "expires", "credentials", "disclosed", "notes", "presentation",
            "presentation_bytes", "qr", "qr_versions", "out", "qr_files"} <= set(shared)
    assert shared["kind"] == "vp" and shared["disclosed"][0]["disclosed"] == ["/credentialSubject/result"]
    assert "/issuer" in shared["disclosed"][0]["always_shared"] and all(v <= 25 for v in shared["qr_versions"])
    assert out_file.read_text() == shared["presentation"] and "Amira" not in shared["presentation"]

    code, res, _ = run(capsys, "verify-presentation", str(out_file), "--audience", "https://employer.example",
                       "--nonce", "n-1", "--json")
    assert code == 0 and res["status"] == "verified"
    assert {"status", "disclosed", "issuer", "holder", "checks"} <= set(res) and res["holder"] == holder["did"]
    assert "/credentialSubject/result/value" in res["disclosed"][0]["disclosed_paths"]  # pointers into what was signed
    code, res, _ = run(capsys, "verify-presentation", "--qr", *shared["qr_files"][::-1], "--audience",
                       "https://employer.example", "--json")
    assert code == 0 and res["status"] == "verified"
    code, res, _ = run(capsys, "verify-presentation", str(out_file), "--nonce", "replayed", "--json")
    assert code == 1 and res["status"] == "invalid"
    (tmp_path / "junk.txt").write_text("hello")
    code, _, err = run(capsys, "verify-presentation", str(tmp_path / "junk.txt"))
    assert code == 2 and "junk.txt" in err and "Traceback" not in err
    code, _, err = run(capsys, "present", cert, "--disclose", "credentialSubject")
    assert code == 2 and "JSON Pointer" in err

    code, log, _ = run(capsys, "log", "--json")
    assert code == 0 and log[0]["audience"] == "https://employer.example" and log[0]["credentials"] == [cert]

    code, everything, _ = run(capsys, "present", cert, "--json")  # the default: all but personal details
    assert code == 0 and len(everything["qr"]) > 1  # too much for one code: the learner is told what helps
    assert any("showing fewer fields makes fewer codes" in n for n in everything["notes"])
