"""DCQL (OpenID4VP 1.0 section 6-7): the query examples of the 1.0 text parsed and matched, and the query
checks that refuse malformed queries.  Matching is pure: candidates are plain data here (the signed path,
from request to verified presentation, is in test_vp_flow.py)."""

from __future__ import annotations

import pytest

from wallet.exchange import dcql
from wallet.exchange.dcql import Candidate, DcqlError

PID = "https://credentials.example.com/identity_credential"

# --- the examples of OpenID4VP 1.0 (1.0/examples/query_lang/*.json and section 6) ---------------------------

SIMPLE = {"credentials": [{"id": "my_credential", "format": "dc+sd-jwt", "meta": {"vct_values": [PID]},
                           "claims": [{"path": ["family_name"]}, {"path": ["given_name"]},
                                      {"path": ["address", "street_address"]}]}]}

MULTI = {"credentials": [
    {"id": "pid", "format": "dc+sd-jwt", "meta": {"vct_values": [PID]},
     "claims": [{"path": ["given_name"]}, {"path": ["family_name"]}, {"path": ["address", "street_address"]}]},
    {"id": "mdl", "format": "mso_mdoc", "meta": {"doctype_value": "org.iso.7367.1.mVRC"},
     "claims": [{"path": ["org.iso.7367.1", "vehicle_holder"]}, {"path": ["org.iso.18013.5.1", "given_name"]}]}]}

CLAIMS_ALTERNATIVES = {"credentials": [{
    "id": "pid", "format": "dc+sd-jwt", "meta": {"vct_values": [PID]},
    "claims": [{"id": "a", "path": ["last_name"]}, {"id": "b", "path": ["postal_code"]},
               {"id": "c", "path": ["locality"]}, {"id": "d", "path": ["region"]},
               {"id": "e", "path": ["date_of_birth"]}],
    "claim_sets": [["a", "c", "d", "e"], ["a", "b", "e"]]}]}


def _sd(qid: str, vct: str, *paths: list) -> dict:
    return {"id": qid, "format": "dc+sd-jwt", "meta": {"vct_values": [vct]}, "claims": [{"path": p} for p in paths]}


CREDENTIALS_ALTERNATIVES = {
    "credentials": [
        _sd("pid", PID, ["given_name"], ["family_name"], ["address", "street_address"]),
        _sd("other_pid", "https://othercredentials.example/pid", ["given_name"], ["family_name"],
            ["address", "street_address"]),
        _sd("pid_reduced_cred_1", "https://credentials.example.com/reduced_identity_credential", ["family_name"],
            ["given_name"]),
        _sd("pid_reduced_cred_2", "https://cred.example/residence_credential", ["postal_code"], ["locality"],
            ["region"]),
        _sd("nice_to_have", "https://company.example/company_rewards", ["rewards_number"]),
    ],
    "credential_sets": [
        {"options": [["pid"], ["other_pid"], ["pid_reduced_cred_1", "pid_reduced_cred_2"]]},
        {"required": False, "options": [["nice_to_have"]]},
    ],
}

VALUE_MATCHING = {"credentials": [{"id": "my_credential", "format": "dc+sd-jwt", "meta": {"vct_values": [PID]},
                                   "claims": [{"path": ["family_name"], "values": ["Doe"]}, {"path": ["given_name"]},
                                              {"path": ["address", "street_address"]},
                                              {"path": ["postal_code"], "values": ["90210", "90211"]}]}]}

LDP_VC = {"credentials": [{"id": "example_ldp_vc", "format": "ldp_vc", "meta": {"type_values": [["IDCredential"]]},
                           "claims": [{"path": ["credentialSubject", "family_name"]},
                                      {"path": ["credentialSubject", "given_name"]},
                                      {"path": ["credentialSubject", "birthdate"]},
                                      {"path": ["credentialSubject", "address", "street_address"]},
                                      {"path": ["credentialSubject", "address", "locality"]},
                                      {"path": ["credentialSubject", "address", "postal_code"]},
                                      {"path": ["credentialSubject", "address", "country"]}]}]}

TYPE_VALUES = [["https://www.w3.org/2018/credentials#VerifiableCredential", "https://example.org/examples#AlumniCredential",
                "https://example.org/examples#BachelorDegree"],
               ["https://www.w3.org/2018/credentials#VerifiableCredential",
                "https://example.org/examples#UniversityDegreeCredential"],
               ["IdentityCredential"]]


def person(cid: str = "p1", vct: str = PID, **claims) -> Candidate:  # noqa: ANN003
    base = {"given_name": "Erika", "family_name": "Mustermann", "address": {"street_address": "Heidestr. 17"}}
    return Candidate(cid, cid, "dc+sd-jwt", {**base, **claims}, vct=vct)


@pytest.mark.parametrize("example", [SIMPLE, MULTI, CLAIMS_ALTERNATIVES, CREDENTIALS_ALTERNATIVES, VALUE_MATCHING,
                                     LDP_VC], ids=["simple", "multi", "claims_alt", "creds_alt", "values", "ldp_vc"])
def test_spec_examples_parse(example) -> None:  # noqa: ANN001
    q = dcql.parse(example)
    assert [c.id for c in q.credentials] == [c["id"] for c in example["credentials"]]


def test_simple_matches_only_the_right_type_and_resolves_pointers() -> None:
    (res,) = dcql.match(dcql.parse(SIMPLE), [person(), person("other", vct="https://other.example/vct")])
    (m,) = res.matches
    assert m.candidate.id == "p1"
    assert m.options[0].pointers == ["/family_name", "/given_name", "/address/street_address"]


def test_multi_answers_the_sd_jwt_and_says_why_not_mdoc() -> None:
    pid, mdl = dcql.match(dcql.parse(MULTI), [person()])
    assert pid.matches and not mdl.matches and "mso_mdoc" in mdl.why_none
    _chosen, unmet = dcql.plan(dcql.parse(MULTI), {"pid"})
    assert unmet == ["pid+mdl"]  # all are required without credential_sets: nothing may be sent


def test_claims_alternatives_prefers_the_first_satisfiable_set() -> None:
    q = dcql.parse(CLAIMS_ALTERNATIVES)
    both = Candidate("c", "c", "dc+sd-jwt", {"last_name": "D", "postal_code": "1", "locality": "L", "region": "R",
                                             "date_of_birth": "2000"}, vct=PID)
    only_postal = Candidate("d", "d", "dc+sd-jwt", {"last_name": "D", "postal_code": "1", "date_of_birth": "2000"}, vct=PID)
    neither = Candidate("e", "e", "dc+sd-jwt", {"last_name": "D", "date_of_birth": "2000"}, vct=PID)
    (res,) = dcql.match(q, [both, only_postal, neither])
    by = {m.candidate.id: m for m in res.matches}
    assert set(by) == {"c", "d"}
    assert [c.id for c in by["c"].options[0].claims] == ["a", "c", "d", "e"]
    assert [c.id for c in by["d"].options[0].claims] == ["a", "b", "e"]
    assert by["d"].options[0].pointers == ["/last_name", "/postal_code", "/date_of_birth"]


def test_credentials_alternatives_plan() -> None:
    q = dcql.parse(CREDENTIALS_ALTERNATIVES)
    reduced1 = person("r1", vct="https://credentials.example.com/reduced_identity_credential")
    reduced2 = Candidate("r2", "r2", "dc+sd-jwt", {"postal_code": "1", "locality": "L", "region": "R"},
                         vct="https://cred.example/residence_credential")
    results = dcql.match(q, [reduced1, reduced2])
    answerable = {r.query.id for r in results if r.matches}
    assert answerable == {"pid_reduced_cred_1", "pid_reduced_cred_2"}
    assert dcql.plan(q, answerable) == (["pid_reduced_cred_1", "pid_reduced_cred_2"], [])
    assert dcql.plan(q, {"pid_reduced_cred_1"})[1]  # half an option is no option
    # the full pid is preferred when present; the optional set is answered only when it can be
    assert dcql.plan(q, {"pid", "pid_reduced_cred_1", "pid_reduced_cred_2", "nice_to_have"}) == (["pid", "nice_to_have"], [])


def test_value_matching() -> None:
    q = dcql.parse(VALUE_MATCHING)
    good = person(postal_code="90210", family_name="Doe")
    wrong_postcode = person("p2", postal_code="10115", family_name="Doe")
    wrong_type = person("p3", postal_code=90210, family_name="Doe")  # a number is not the string "90210"
    (res,) = dcql.match(q, [good, wrong_postcode, wrong_type])
    assert [m.candidate.id for m in res.matches] == ["p1"]


def test_ldp_vc_type_values_expanded_or_relative() -> None:
    q = dcql.parse({"credentials": [{"id": "d", "format": "ldp_vc", "meta": {"type_values": TYPE_VALUES}}]})
    degree = Candidate("u", "u", "ldp_vc", {}, types=frozenset({
        "https://www.w3.org/2018/credentials#VerifiableCredential",
        "https://example.org/examples#UniversityDegreeCredential"}))
    alumni_only = Candidate("a", "a", "ldp_vc", {}, types=frozenset({
        "https://www.w3.org/2018/credentials#VerifiableCredential", "https://example.org/examples#AlumniCredential"}))
    identity = Candidate("i", "i", "ldp_vc", {}, types=frozenset({"VerifiableCredential", "IdentityCredential"}))
    (res,) = dcql.match(q, [degree, alumni_only, identity])
    assert [m.candidate.id for m in res.matches] == ["u", "i"]  # alumni without BachelorDegree fits no option
    assert res.matches[0].options[0].pointers == []  # no claims asked: nothing selectively disclosable is sent


def test_null_path_selects_every_element() -> None:
    q = dcql.parse({"credentials": [{"id": "x", "format": "dc+sd-jwt", "meta": {"vct_values": [PID]},
                                     "claims": [{"path": ["nationalities", None]}, {"path": ["degrees", 1, "type"]}]}]})
    cand = person(nationalities=["DE", "FR"], degrees=[{"type": "BSc"}, {"type": "MSc"}])
    (res,) = dcql.match(q, [cand])
    assert res.matches[0].options[0].pointers == ["/nationalities/0", "/nationalities/1", "/degrees/1/type"]
    (none,) = dcql.match(q, [person(nationalities=[], degrees=[{"type": "BSc"}])])
    assert not none.matches


def test_holder_binding_required_by_default() -> None:
    unbound = person()
    unbound.holder_bound = False
    (res,) = dcql.match(dcql.parse(SIMPLE), [unbound])
    assert not res.matches and "bound" in res.why_none
    loose = dict(SIMPLE["credentials"][0], require_cryptographic_holder_binding=False)
    (res,) = dcql.match(dcql.parse({"credentials": [loose]}), [unbound])
    assert res.matches


@pytest.mark.parametrize("bad, why", [
    ({}, "credentials"),
    ({"credentials": []}, "credentials"),
    ({"credentials": [{"id": "a b", "format": "dc+sd-jwt", "meta": {}}]}, "letters, digits"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt"}]}, "meta is required"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}}, {"id": "a", "format": "ldp_vc", "meta": {}}]},
     "share an id"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}, "claims": [{"path": [-1]}]}]}, "non-negative"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}, "claims": [{"path": []}]}]}, "non-empty"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}, "claims": [{"path": ["x"]}],
                       "claim_sets": [["x"]]}]}, "needs an id"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}, "claims": [{"id": "x", "path": ["x"]}],
                       "claim_sets": [["y"]]}]}, "unknown claim ids"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}}], "credential_sets": [{"options": [["b"]]}]},
     "unknown credential query"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}, "claims": [{"path": ["x"], "values": [{}]}]}]},
     "values may only"),
    ({"credentials": [{"id": "a", "format": "dc+sd-jwt", "meta": {}, "multiple": "yes"}]}, "true or false"),
])
def test_malformed_queries_are_refused(bad, why) -> None:  # noqa: ANN001
    with pytest.raises(DcqlError, match=why):
        dcql.parse(bad)
