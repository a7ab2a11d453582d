"""The fast JSON-LD to RDF walk (wallet.crypto.jsonld_fast) against pyld, the reference.

For every JSON-LD document in the public corpus, every demo credential and mutations of really signed
credentials: where the fast walk answers, its dataset is pyld's, triple for triple and blank-node label
for blank-node label (so canonical N-Quads and the signed view are the same too); where pyld refuses a
document (a dropped term, a relative type, an unknown context, a malformed value), the fast walk never
answers for it, so the refusal is pyld's.  And a verification gives the same report either way.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import factory
from tests.conftest import CORPUS
from wallet import paths
from wallet.crypto import jsonld, jsonld_fast
from wallet.crypto.canon import canonicalize_dataset
from wallet.crypto.dataintegrity import proof_config, proofs_of
from wallet.formats import detect
from wallet.verify import engine
from wallet.verify.signed_view import signed_view

DEMO = paths.resources_dir() / "demo" / "credentials"


def _json_docs(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for f in sorted(folder.rglob("*.json*")):
        if f.suffix not in (".json", ".jsonld") or f.stat().st_size > 2_000_000:
            continue
        try:
            doc = json.loads(f.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(doc, dict) and "@context" in doc:
            yield str(f.relative_to(folder.parent)), doc


def _variants(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """What verification expands: the document without its proofs, each proof configuration, and the
    document itself (a proof set: the @graph container pyld handles)."""
    yield "unsecured", {k: v for k, v in doc.items() if k != "proof"}
    for i, p in enumerate(proofs_of(doc)):
        try:
            yield f"proof config {i}", proof_config(doc, p)
        except ValueError:
            pass
    yield "as is", doc


def _corpus() -> list[tuple[str, dict[str, Any]]]:
    docs = list(_json_docs(CORPUS)) if CORPUS.exists() else []
    docs += list(_json_docs(DEMO))
    return [(f"{name} ({what})", v) for name, doc in docs for what, v in _variants(doc)]


CASES = _corpus()


def _triples(dataset: dict[str, list[dict[str, Any]]]) -> list[tuple[str, ...]]:
    return sorted((g, t["subject"]["type"], t["subject"]["value"], t["predicate"]["value"],
                   json.dumps(t["object"], sort_keys=True)) for g, ts in dataset.items() for t in ts)


def _compare(doc: dict[str, Any]) -> str:
    """'fast' when the fast walk answered (with pyld's dataset), 'pyld' when it handed over, 'refused'
    when pyld refuses (and the fast walk did not answer)."""
    loader = jsonld.DocumentLoader()
    try:
        jsonld.check_document(doc, loader)  # the fast walk's precondition (rdf_dataset checks first)
    except jsonld.JsonLdProblem:
        return "refused"
    try:
        ref = jsonld.run_safe("to_rdf", doc, loader)
    except jsonld.JsonLdProblem:
        with pytest.raises(jsonld_fast.Unsupported):
            jsonld_fast.to_rdf(doc, jsonld._Processor(), {"documentLoader": loader, "base": jsonld.SENTINEL_BASE})
        return "refused"
    try:
        got = jsonld_fast.to_rdf(doc, jsonld._Processor(), {"documentLoader": loader, "base": jsonld.SENTINEL_BASE})
    except jsonld_fast.Unsupported:
        return "pyld"
    assert _triples(got) == _triples(ref)
    assert canonicalize_dataset(got) == canonicalize_dataset(ref)
    return "fast"


def test_the_corpus_is_here() -> None:
    assert len(CASES) > 300, "the public corpus (../shared/corpus) is missing"


@pytest.mark.parametrize("doc", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_same_dataset_as_pyld_on_every_corpus_and_demo_document(doc: dict[str, Any]) -> None:
    _compare(copy.deepcopy(doc))


def test_the_fast_walk_answers_for_the_credentials_that_matter() -> None:
    """Not a silent hand-over on everything: the plain credentials (OB 3.0, VC 2.0, the W3C vectors,
    the demo wallet's) go the fast way, unsecured and proof configuration alike."""
    outcome = {name: _compare(copy.deepcopy(doc)) for name, doc in CASES}
    fast = [n for n, o in outcome.items() if o == "fast"]
    assert len(fast) >= 150, len(fast)
    for name, what in (("demo/credentials/ob3-data-analysis-python.json", "unsecured"),
                       ("demo/credentials/ob3-data-analysis-python.json", "proof config 0"),
                       ("w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json", "unsecured")):
        key = f"{name} ({what})"
        if key in outcome:
            assert outcome[key] == "fast", key


# --- mutations of a really signed credential -------------------------------------------------------------

def _signed() -> dict[str, Any]:
    return json.loads(factory.ob3_bytes(7, "Welding Level 2"))


def _mut(fn: Any) -> dict[str, Any]:
    doc = _signed()
    fn(doc)
    return doc


MUTATIONS: dict[str, Any] = {
    "as signed": lambda d: None,
    "undefined term in VC 2.0 (@vocab: issuer-dependent)": lambda d: d.update(notATerm="hello"),
    "undefined term in a nested node": lambda d: d["credentialSubject"]["achievement"].update(grade="A+"),
    "full-IRI key": lambda d: d.update({"https://schema.org/name": "Doctor of Medicine"}),
    "compact-IRI key": lambda d: d.update({"schema:name": "x"}),
    "relative @type": lambda d: d["credentialSubject"].update(type=["AchievementSubject", "MadeUpType"]),
    "relative @id": lambda d: d["credentialSubject"]["achievement"].update(id="not an absolute iri"),
    "blank-node @id": lambda d: d["credentialSubject"].update(id="_:b7"),
    "1 and 1.0 in one property": lambda d: d["credentialSubject"].update(credits=[1, 1.0]),
    "true and 1 in one property": lambda d: d["credentialSubject"]["achievement"].update(creditsAvailable=[True, 1]),
    "float, int and bool values": lambda d: d["credentialSubject"]["achievement"].update(
        creditsAvailable=2.5, humanCode=7, inLanguage=True),
    "huge integer": lambda d: d["credentialSubject"]["achievement"].update(creditsAvailable=10**22),
    "value object with @language": lambda d: d.update(name={"@value": "Soudage", "@language": "FR"}),
    "value object with @direction": lambda d: d.update(name={"@value": "x", "@direction": "rtl"}),
    "value object with @type": lambda d: d.update(name={"@value": "x", "@type": "xsd:string"}),
    "null value": lambda d: d.update(description=None),
    "nested array": lambda d: d["credentialSubject"]["achievement"].update(tag=[["a", "b"]]),
    "empty object": lambda d: d["credentialSubject"]["achievement"].update(criteria={}),
    "only-@id reference": lambda d: d["credentialSubject"]["achievement"].update(
        creator={"id": "https://example.org/creator"}),
    "same node twice": lambda d: d.update(awardedBy={"id": d["issuer"]["id"], "type": ["Profile"], "name": "Other"}),
    "duplicate values": lambda d: d["credentialSubject"]["achievement"].update(tag=["a", "a", "b"]),
    "alignment list keeps its order": lambda d: d["credentialSubject"]["achievement"].update(alignment=[
        {"type": ["Alignment"], "targetName": n, "targetUrl": f"https://example.org/{n}"} for n in "zyxab"]),
    "@index keyword": lambda d: d["credentialSubject"].update({"@index": "x"}),
    "@graph keyword": lambda d: d.update({"@graph": [{"id": "urn:x"}]}),
    "inline context": lambda d: d["credentialSubject"].update({"@context": {"name": "https://evil.example/n"}}),
    "embedded bundled context": lambda d: d["credentialSubject"].update(
        {"@context": "https://www.w3.org/ns/credentials/v2"}),
    "unknown context": lambda d: d["credentialSubject"].update({"@context": "https://evil.example/ctx"}),
    "keyword alias as value key": lambda d: d["credentialSubject"].update(type="AchievementSubject"),
    "@type as a number": lambda d: d.update(type=["VerifiableCredential", 3]),
    "@id as a list": lambda d: d.update(id=["urn:a", "urn:b"]),
    "string for a dateTime": lambda d: d.update(validFrom="not a date"),
    "language-tagged plain strings": lambda d: d["credentialSubject"]["achievement"].update(
        description=[{"@value": "a", "@language": "en"}, "a"]),
    "unicode and escapes": lambda d: d.update(name='Schwei\u00dfen "Stufe" 2\n\t\u0000\u2028'),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_same_dataset_or_same_refusal_on_mutations(name: str) -> None:
    doc = _mut(MUTATIONS[name])
    for _what, variant in _variants(doc):
        _compare(variant)


def test_the_credential_and_its_proof_configuration_go_the_fast_way() -> None:
    doc = _signed()
    assert _compare({k: v for k, v in doc.items() if k != "proof"}) == "fast"
    assert _compare(proof_config(doc, doc["proof"])) == "fast"
    # and a list of nodes keeps pyld's labels, so the signed view shows them in the same order
    doc = _mut(MUTATIONS["alignment list keeps its order"])
    assert _compare({k: v for k, v in doc.items() if k != "proof"}) == "fast"


def _report(data: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    monkeypatch.setattr(jsonld_fast, "ENABLED", fast)
    rep = engine.verify(detect.parse(data, "x.json"), engine.VerifyContext())
    return [(c.id, c.status, c.message) for c in rep.checks]


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_verification_reports_are_the_same_either_way(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps(_mut(MUTATIONS[name])).encode()
    assert _report(data, True, monkeypatch) == _report(data, False, monkeypatch)


def test_signed_view_is_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _mut(MUTATIONS["alignment list keeps its order"])
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    views = []
    for fast in (True, False):
        monkeypatch.setattr(jsonld_fast, "ENABLED", fast)
        views.append(signed_view(unsecured, jsonld.DocumentLoader(), ("VerifiableCredential",)))
    assert views[0] == views[1]
    names = [a["targetName"] for a in views[0]["credentialSubject"]["achievement"]["alignment"]]
    assert names == list("zyxab")  # the issuer's order, as pyld's labels give it


def test_demo_and_corpus_verifications_are_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(DEMO.iterdir())
    files += [CORPUS / n for n in (
        "w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json",
        "dcc-vc-test-fixtures/v2/eddsa-rdfc-2022/didKey/legacyRegularCred.json",
    ) if (CORPUS / n).exists()]
    for f in files:
        data = f.read_bytes()
        try:
            detect.parse(data, f.name)
        except Exception:  # noqa: BLE001 - not a credential: nothing to compare
            continue
        assert _report(data, True, monkeypatch) == _report(data, False, monkeypatch), f.name
