"""RDFC-1.0: the whole W3C rdf-canon suite, SHA-384 cases and the poison-graph negative test included."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS
from wallet.crypto.canon import CanonicalizationError, canonicalize_nquads

SUITE = CORPUS / "w3c-rdf-canon" / "tests"
ENTRIES = json.loads((SUITE / "manifest.jsonld").read_text())["entries"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"].lstrip("#") for e in ENTRIES])
def test_rdf_canon_suite(entry: dict) -> None:
    text = (SUITE / entry["action"]).read_text("utf-8")
    hash_name = {"SHA384": "sha384", "SHA256": "sha256"}.get(entry.get("hashAlgorithm", "SHA256"))
    kind = entry["type"]
    if kind == "rdfc:RDFC10NegativeEvalTest":
        with pytest.raises(CanonicalizationError):
            canonicalize_nquads(text, hash_name=hash_name, max_work=5_000)
        return
    out, issued = canonicalize_nquads(text, hash_name=hash_name)
    if kind == "rdfc:RDFC10EvalTest":
        assert out == (SUITE / entry["result"]).read_text("utf-8")
    else:
        assert issued == json.loads((SUITE / entry["result"]).read_text("utf-8"))
