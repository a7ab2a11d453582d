"""The shortcuts verification takes for speed (issue 19), each against pyld, the reference.

- RDFC-1.0 (wallet/crypto/canon.py) issues the one blank node of a dataset ``c14n0`` without hashing it
  (a proof configuration has exactly one): pyld's URDNA2015 must give the same bytes, also on datasets
  built to sit on the shortcut's edge (one blank node in every position, literals that need escapes,
  language tags, datatypes, JSON literals, lists; two or three blank nodes with identical first-degree
  hashes, which must take the full algorithm).
- The JSON-LD fast walk (wallet/crypto/jsonld_fast.py) remembers a node's contexts and key expansions by
  (processed context, property, keys, types): documents of one shape whose types or properties differ,
  walked one after another, must each still give pyld's dataset.
- The walk takes an @id that is already an absolute IRI as it is (pyld's own early returns); one written
  with a prefix its context defines (OB 2.0: schema:, xsd:, obi:) must still be expanded through it.
- Really signed credentials with such content verify; altered after signing, they fail.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pyld import jsonld as pyld

from tests import factory
from tests.verify.test_jsonld_fast import _compare
from wallet.crypto import jsonld
from wallet.crypto.canon import _Canonicalizer, canonicalize_dataset, canonicalize_nquads, parse_nquads
from wallet.crypto.dataintegrity import proof_config
from wallet.formats import detect
from wallet.verify import engine

P = "<http://example.org/p>"
Q = "<http://example.org/q>"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

DATASETS: dict[str, str] = {
    "no blank node, literals with escapes": (
        '<http://example.org/s> ' + P + ' "a\\"b\\\\c\\nd\\te\\r\\b\\f" .\n'
        '<http://example.org/s> ' + P + ' "nul \\u0000 and \\u007F and \\u2028 and \u00df" .\n'
        '<http://example.org/s> ' + Q + ' "x"@en-gb .\n'),
    "one blank node as subject, every kind of literal": (
        '_:only ' + P + ' "a\\"b\\\\c\\nd" .\n'
        '_:only ' + P + ' "Schwei\u00dfen"@de .\n'
        '_:only ' + P + ' "7"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        '_:only ' + P + ' "{\\"a\\":[1,2]}"^^<' + RDF + 'JSON> .\n'
        '_:only ' + Q + ' "\\u0001\\u001F"^^<http://www.w3.org/2001/XMLSchema#string> .\n'),
    "one blank node as subject and object (a loop)": '_:x ' + P + ' _:x .\n_:x ' + Q + ' "v" .\n',
    "one blank node as graph name only": (
        '<http://example.org/s> ' + P + ' "in a graph" _:g .\n'
        '<http://example.org/s> ' + P + ' <http://example.org/o> _:g .\n'),
    "one blank node in every position": '_:b ' + P + ' _:b _:b .\n_:b ' + Q + ' "z" .\n',
    "one blank node, the rest named graphs": (
        '<http://example.org/s> ' + P + ' _:n <http://example.org/g1> .\n'
        '_:n ' + Q + ' "1" <http://example.org/g2> .\n'),
    "two blank nodes, identical first-degree hashes": '_:x ' + P + ' _:y .\n_:y ' + P + ' _:x .\n',
    "three blank nodes in a ring": '_:a ' + P + ' _:b .\n_:b ' + P + ' _:c .\n_:c ' + P + ' _:a .\n',
    "two lists with the same items": "".join(
        f'<http://example.org/s> {P} _:{h}1 .\n_:{h}1 <{RDF}first> "a" .\n_:{h}1 <{RDF}rest> _:{h}2 .\n'
        f'_:{h}2 <{RDF}first> "a" .\n_:{h}2 <{RDF}rest> <{RDF}nil> .\n' for h in "lm"),
    "two blank nodes, unique hashes": '_:x ' + P + ' "1" .\n_:y ' + P + ' "2" .\n_:x ' + Q + ' _:y .\n',
    "same literal with and without language": '_:x ' + P + ' "a" .\n_:x ' + P + ' "a"@en .\n',
}


# URDNA2015 (pyld) writes control characters other than tab, newline, return raw; RDFC-1.0 escapes them
CONTROL_CHARACTERS = {"no blank node, literals with escapes", "one blank node as subject, every kind of literal"}


def _pyld(nquads: str) -> str:
    """pyld's URDNA2015 on the dataset canon.py parsed (pyld's own N-Quads reader leaves some escapes,
    such as those of a backspace or a form feed, as they are)."""
    dataset: dict[str, list[dict[str, Any]]] = {}
    for q in parse_nquads(nquads):
        q = copy.deepcopy(q)
        name = q.pop("name", None)
        dataset.setdefault(name["value"] if name else "@default", []).append(q)
    return str(pyld.URDNA2015().main(dataset, {"format": "application/n-quads"}))


def _full_algorithm(nquads: str) -> dict[str, str]:
    """The labels the whole of RDFC-1.0 section 4.4 issues, no shortcut taken."""
    c = _Canonicalizer(parse_nquads(nquads), "sha256", 20_000)
    c._label()
    return dict(c.canonical.issued)


@pytest.mark.parametrize("name", list(DATASETS))
def test_rdfc_shortcuts_give_the_reference_bytes(name: str) -> None:
    text = DATASETS[name]
    ours, issued = canonicalize_nquads(text)
    full = _full_algorithm(text)
    assert issued == {k.removeprefix("_:"): v.removeprefix("_:") for k, v in full.items()}
    assert sorted(issued.values()) == [f"c14n{i}" for i in range(len(issued))]
    if name not in CONTROL_CHARACTERS:
        assert ours == _pyld(text)
    else:
        # the one difference allowed: RDFC-1.0 escapes them, and nothing else is different
        assert not any(ch < " " and ch != "\n" for ch in ours)
        assert ours.replace("\\b", "\b").replace("\\f", "\f").replace("\\u0000", "\0").replace(
            "\\u007F", "\x7f").replace("\\u0001", "\x01").replace("\\u001F", "\x1f") == _pyld(text)


@pytest.mark.parametrize("name", list(DATASETS))
def test_rdfc_shortcuts_give_the_native_bytes(name: str) -> None:
    native = pytest.importorskip("tests.verify.test_canon_native").native
    assert canonicalize_nquads(DATASETS[name])[0] == native(DATASETS[name])


def test_a_proof_configuration_takes_the_one_blank_node_shortcut_with_the_reference_bytes() -> None:
    doc = json.loads(factory.ob3_bytes(3, 'Schwei\u00dfen "Stufe" 2\n\t\u2028'))
    for what in ({k: v for k, v in doc.items() if k != "proof"}, proof_config(doc, doc["proof"])):
        loader = jsonld.DocumentLoader()
        ours = canonicalize_dataset(jsonld.rdf_dataset(copy.deepcopy(what), loader))
        ref = pyld.normalize(copy.deepcopy(what), {"algorithm": "URDNA2015", "format": "application/n-quads",
                                                   "documentLoader": loader, "base": jsonld.SENTINEL_BASE})
        assert ours == ref


# --- the fast walk's memo: same shape, different meaning ---------------------------------------------------

def _with_result(type_: str, prop: str = "result") -> dict[str, Any]:
    doc = factory.ob3(5, "Welding Level 2")
    doc["credentialSubject"][prop] = [{"type": [type_], "resultDescription": "urn:uuid:rd-1"}]
    return doc


@pytest.mark.parametrize("order", ["Result first", "Achievement first"])
def test_nodes_of_one_shape_with_different_types_each_get_their_own_meaning(order: str) -> None:
    """resultDescription is an anyURI under a Result's type-scoped context and a plain term under an
    Achievement's: the same keys under the same property, typed differently, one after the other."""
    types = ["Result", "Achievement"] if order == "Result first" else ["Achievement", "Result"]
    datasets = []
    for t in types + types:
        doc = _with_result(t)
        assert _compare(copy.deepcopy(doc)) == "fast", t
        datasets.append(canonicalize_dataset(jsonld.rdf_dataset(doc, jsonld.DocumentLoader())))
    assert datasets[0] == datasets[2] and datasets[1] == datasets[3]
    assert datasets[0] != datasets[1]
    anyuri = [d for d, t in zip(datasets, types + types) if t == "Result"]
    assert all('"urn:uuid:rd-1"^^<https://www.w3.org/2001/XMLSchema#anyURI>' in d for d in anyuri)


def test_nodes_of_one_shape_under_different_properties_each_get_their_own_meaning() -> None:
    for prop in ("result", "alignment", "result"):
        doc = factory.ob3(6)
        doc["credentialSubject"]["achievement"][prop] = [{"type": ["Alignment"], "targetName": "X",
                                                          "targetUrl": "https://example.org/x"}]
        assert _compare(copy.deepcopy(doc)) in ("fast", "refused")
        doc = factory.ob3(6)
        doc["credentialSubject"][prop] = [{"type": ["Result"], "resultDescription": "urn:uuid:rd-2"}]
        assert _compare(copy.deepcopy(doc)) in ("fast", "refused")


# --- attacks on really signed credentials with content on the shortcuts' edges -----------------------------

def _verify(doc: dict[str, Any]) -> dict[str, str]:
    rep = engine.verify(detect.parse(json.dumps(doc).encode(), "x.json"), engine.VerifyContext())
    return {c.id: c.status for c in rep.checks}


def test_signed_result_types_verify_and_a_retyped_result_is_caught() -> None:
    doc = factory.signed(_with_result("Result"))
    assert _verify(doc)["signature"] == "pass"
    # the same keys under a type whose scoped context gives resultDescription another meaning: the memo of
    # the first walk must not carry over, so the RDF differs and the signature no longer holds
    retyped = copy.deepcopy(doc)
    retyped["credentialSubject"]["result"][0]["type"] = ["Achievement"]
    assert _verify(retyped)["signature"] == "fail"


def test_an_escaped_literal_changed_after_signing_is_caught() -> None:
    doc = factory.signed(factory.ob3(8, 'Quote " backslash \\ newline \n tab \t nul \u0000'))
    assert _verify(doc)["signature"] == "pass"
    for changed in ('Quote " backslash \\ newline \n tab \t nul \u0001', 'Quote \\" backslash \\ newline \n tab \t nul \u0000'):
        attacked = copy.deepcopy(doc)
        attacked["name"] = changed
        assert _verify(attacked)["signature"] == "fail"


def test_a_proof_option_changed_after_signing_is_caught() -> None:
    """The proof configuration (one blank node: the shortcut) is hashed as RDF: a changed option fails."""
    doc = factory.signed(factory.ob3(9))
    assert _verify(doc)["signature"] == "pass"
    for key, value in (("created", "2025-01-01T00:00:00Z"), ("proofPurpose", "authentication"),
                       ("cryptosuite", "eddsa-2022")):
        attacked = copy.deepcopy(doc)
        attacked["proof"][key] = value
        assert _verify(attacked)["signature"] == "fail", key


# --- the walk's @id shortcut: an absolute IRI as it is, a compact one through its context's prefix -----------

OB2 = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "issuedOn": "2026-01-01T00:00:00Z",
       "recipient": {"type": "email", "identity": "a@example.org", "hashed": False}}


@pytest.mark.parametrize("node_id", ["schema:thing-1", "xsd:string", "obi:x", "https://example.org/a",
                                     "urn:uuid:8f0b7c1e-0000-4000-8000-000000000001", "did:key:z6Mk",
                                     "mailto:a@example.org", "_:b0", "not absolute", "schema", "@id"])
def test_ids_with_and_without_a_context_prefix_expand_as_pyld_does(node_id: str) -> None:
    """OB 2.0's context defines prefixes (schema:, xsd:, obi:): an @id written with one must be expanded
    through it, not taken as an absolute IRI because it has a colon; the rest as pyld has them."""
    doc = dict(OB2, id=node_id)
    outcome = _compare(copy.deepcopy(doc))
    if node_id.startswith(("schema:", "xsd:", "obi:")):
        assert outcome == "fast"
        dataset = jsonld.rdf_dataset(copy.deepcopy(doc), jsonld.DocumentLoader())
        subjects = {t["subject"]["value"] for t in dataset["@default"]}
        assert node_id not in subjects and any(s.endswith(node_id.split(":", 1)[1]) for s in subjects)
