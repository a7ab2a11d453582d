"""Without Node: the committed bundle was built from the committed sources, the data shared with the
Python core is current, and the page stays small."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "ui" / "web" / "verifier"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_bundle_was_built_from_the_committed_sources() -> None:
    manifest = json.loads((PAGE / "dist" / "manifest.json").read_text("utf-8"))
    sources = {str(p.relative_to(PAGE)) for p in (PAGE / "src").rglob("*") if p.is_file()}
    listed = {k for k in manifest["sources"] if k.startswith("src/")}
    assert sources == listed, "src/ changed: run packaging/build-web-verifier.sh and commit dist/"
    for rel, digest in manifest["sources"].items():
        assert _sha(PAGE / rel) == digest, f"{rel} changed since the bundle was built: run packaging/build-web-verifier.sh"
    for rel, digest in manifest["bundle"].items():
        assert _sha(PAGE / rel) == digest, f"{rel} is not the bundle the manifest describes"


def test_shared_messages_and_qr_dictionary_are_current() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "packaging" / "export_web_verifier_data.py"), "--check"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_shared_messages_have_every_word_in_both_languages() -> None:
    msgs = json.loads((PAGE / "src" / "generated" / "messages.json").read_text("utf-8"))
    assert set(msgs["en"]) == set(msgs["de"])
    for status in ("verified", "warning", "invalid", "unverified"):
        assert msgs["de"][f"status.{status}"] and msgs["de"][f"status.{status}"] != msgs["en"][f"status.{status}"]


def test_page_is_under_two_megabytes() -> None:
    files = [PAGE / "index.html", PAGE / "verifier.css", *(PAGE / "dist").iterdir()]
    assert sum(p.stat().st_size for p in files) < 2 * 1024 * 1024


def test_the_contexts_in_the_bundle_are_the_bundled_contexts() -> None:
    """The page's document loader knows exactly resources/contexts (copied by build.mjs, SHA-256 checked)."""
    generated = (PAGE / "src" / "generated" / "contexts.js").read_text("utf-8")
    contexts = json.loads(generated.split("export const CONTEXTS = ", 1)[1].rstrip().rstrip(";"))
    index = json.loads((ROOT / "resources" / "contexts" / "index.json").read_text("utf-8"))
    assert set(contexts) == set(index)
    for url, entry in index.items():
        assert contexts[url] == json.loads((ROOT / "resources" / "contexts" / entry["file"]).read_text("utf-8"))
