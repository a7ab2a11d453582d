"""``present --qr FILE``: where the images go is refused before anything is shared (and logged); the QR
renderer answers for its own files (ui.render.qr.check_target), and the sequence hint comes with the
presentation (Shared.hint_in)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import run


def _logged(capsys: pytest.CaptureFixture[str]) -> int:
    code, log, _ = run(capsys, "log", "--json")
    assert code == 0
    return len(log)


@pytest.mark.parametrize("target, words", [
    ("missing/folder/p.png", "no such folder"),
    ("a-file/p.png", "not a folder"),
    ("p.jpg", "must end in .png or .svg"),
    ("missing/p.jpg", "no such folder"),  # the folder is asked first, as before
])
def test_a_qr_target_that_cannot_be_written_shares_nothing(env: Path, tmp_path: Path, capsys, target: str,
                                                           words: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    code, listed, _ = run(capsys, "list", "--json")
    cid = next(r["id"] for r in listed if r["title"] == "Data Analysis with Python")
    before = _logged(capsys)
    code, out, err = run(capsys, "present", cid, "--qr", str(tmp_path / target), "--json")
    assert code == 2 and words in out["error"] and words in err and "Traceback" not in err
    assert _logged(capsys) == before  # nothing was made, nothing logged
    assert not list(tmp_path.glob("**/*.png")) and not list(tmp_path.glob("**/*.jpg"))


def test_qr_images_and_the_sequence_hint(env: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    code, listed, _ = run(capsys, "list", "--json")
    cert = next(r["id"] for r in listed if r["title"].startswith("Cloud Data Engineering"))
    monkeypatch.setenv("CREDWALLET_LANG", "de")
    code, shared, _ = run(capsys, "present", cert, "--qr", str(tmp_path / "p.svg"), "--json")
    assert code == 0 and len(shared["qr_files"]) == len(shared["qr"]) > 1
    assert [Path(f).name for f in shared["qr_files"]] == [f"p-{i}.svg" for i in range(1, len(shared["qr"]) + 1)]
    assert all(Path(f).read_bytes().startswith(b"<svg") for f in shared["qr_files"])
    # --json speaks English whatever the language: the hint is the presentation's, in the words asked for
    assert any("showing fewer fields makes fewer codes" in n for n in shared["notes"])
