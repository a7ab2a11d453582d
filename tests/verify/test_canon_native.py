"""Our RDFC-1.0 (wallet/crypto/canon.py, the one verification uses) against pyoxigraph's, a second and
independent implementation in Rust: the whole W3C rdf-canon suite and every corpus and demo document the
wallet expands.

pyoxigraph is a test dependency, not a run-time one: on credential-sized datasets handing the quads to
Rust costs more than canonicalizing them in Python (docs/benchmarks-notes.md), and its canonicalization
has no work cap, so a poison graph would hang it (the suite's negative test is not given to it).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.conftest import CORPUS
from tests.verify.test_jsonld_fast import CASES
from wallet.crypto import jsonld
from wallet.crypto.canon import _dataset_quads, canonicalize_dataset, canonicalize_nquads, serialize_nquad

ox = pytest.importorskip("pyoxigraph", reason="pyoxigraph (the test extra) is not installed: no native cross-check")

SUITE = CORPUS / "w3c-rdf-canon" / "tests"
ENTRIES = [e for e in json.loads((SUITE / "manifest.jsonld").read_text())["entries"]
           if e["type"] == "rdfc:RDFC10EvalTest"] if SUITE.exists() else []
# Where pyoxigraph 0.5.13 differs from our canon.py, pyld's URDNA2015 and the reference JS rdf-canonize@4
# (all three agree): a proof set nested in an endorsement (blank-node named graphs); see the corpus INDEX.
KNOWN_NATIVE_DIVERGENCE = {"1edtech-digital-credentials-public-validator/inspector-vc/"
                           "src/test/resources/ob30/complete.json"}


def native(nquads: str, hash_name: str = "sha256") -> str:
    ds = ox.Dataset(ox.parse(nquads, ox.RdfFormat.N_QUADS, lenient=True))  # IRIs as pyld writes them
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0_SHA_384 if hash_name == "sha384"
                    else ox.CanonicalizationAlgorithm.RDFC_1_0)
    out = ox.serialize(ds, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return "".join(sorted(line + "\n" for line in out.split("\n") if line))  # not splitlines: U+0085 is data


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"].lstrip("#") for e in ENTRIES])
def test_w3c_suite_ours_and_native_agree(entry: dict[str, Any]) -> None:
    text = (SUITE / entry["action"]).read_text("utf-8")
    hash_name = {"SHA384": "sha384"}.get(entry.get("hashAlgorithm", "SHA256"), "sha256")
    expected = (SUITE / entry["result"]).read_text("utf-8")
    ours, _ = canonicalize_nquads(text, hash_name=hash_name)
    assert ours == expected
    assert native(text, hash_name) == expected


def test_the_suite_is_here() -> None:
    assert len(ENTRIES) >= 60


@pytest.mark.parametrize("doc", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_every_corpus_and_demo_document_ours_and_native_agree(doc: dict[str, Any],
                                                              request: pytest.FixtureRequest) -> None:
    loader = jsonld.DocumentLoader()
    try:
        dataset = jsonld.rdf_dataset(copy.deepcopy(doc), loader)
    except jsonld.JsonLdProblem:
        return  # refused before canonicalization: nothing is canonicalized
    ours = canonicalize_dataset(dataset)
    text = "".join(serialize_nquad(q) for q in _dataset_quads(dataset))
    if any(k in request.node.callspec.id for k in KNOWN_NATIVE_DIVERGENCE):
        pytest.xfail("pyoxigraph 0.5.13 labels this nested proof set differently from pyld and rdf-canonize")
    assert native(text) == ours
