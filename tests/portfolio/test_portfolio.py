"""Skills portfolio: aggregation over the demo set and corpus examples, synonyms, elements, stacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.factory import ob3, signed
from wallet.portfolio.skills import fold, load_synonyms, skill_key


def by_skill(wallet) -> dict:  # noqa: ANN001
    return {e.skill: e for e in wallet.skills()}


def test_each_alignment_appears_once_with_its_evidence(demo) -> None:  # noqa: ANN001
    skills = by_skill(demo)
    titles = {k: [ev.title for ev in e.credentials] for k, e in skills.items()}
    assert sorted(titles["Use Python"]) == ["Cloud Data Engineering — Professional Certificate",
                                           "Data Analysis with Python", "Data Analyst Pathway — Learner Record"]
    # "Perform data analysis" is aligned by two credentials and the CLR: one skill, three pieces of evidence
    assert len(skills["Perform data analysis"].credentials) == 3
    assert skills["Provide first aid"].credentials[0].title == "First Aid at Work"
    assert skills["Perform cardiopulmonary resuscitation"].credentials[0].title.startswith("Basic Life Support")
    assert len([k for k in skills if fold(k) == fold("Use Python")]) == 1


def test_evidence_order_verified_first_then_newest(demo) -> None:  # noqa: ANN001
    for e in demo.skills():
        ranks = [(ev.status != "verified", ev.issued) for ev in e.credentials]
        verified = [r for r in ranks if not r[0]]
        assert [r[0] for r in ranks] == sorted(r[0] for r in ranks)
        assert [r[1] for r in verified] == sorted((r[1] for r in verified), reverse=True)


def test_strength_assessed_vs_participation(demo) -> None:  # noqa: ANN001
    skills = by_skill(demo)
    assert skills["Use Python"].strongest == "assessed"  # "graded capstone"
    rows = {e.skill: e.to_json() for e in demo.skills()}
    assert set(rows["Use Python"]) >= {"skill", "framework", "code", "credentials", "strongest"}


def test_synonyms_merge_and_learner_can_extend(demo, tmp_path: Path) -> None:  # noqa: ANN001
    syn = load_synonyms()
    assert skill_key("Python programming", None, None, None, syn)[0] == skill_key("Use Python", "ESCO", "x", "http://a", syn)[0]
    assert skill_key("  DATA-analysis ", None, None, None, syn)[1] == "Perform data analysis"
    extra = signed(ob3(900, "Pandas Workshop", extra={}))
    extra["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": "Wrangling data frames", "targetUrl": "https://example.org/skills/df"}]
    r = demo.import_bytes(json.dumps(signed({k: v for k, v in extra.items() if k != "proof"})).encode(), "pandas.json")
    assert r.ok, r.error
    assert "Wrangling data frames" in by_skill(demo)
    demo.add_synonym("Perform data analysis", "Wrangling data frames")
    skills = by_skill(demo)
    assert "Wrangling data frames" not in skills
    assert "Pandas Workshop" in [ev.title for ev in skills["Perform data analysis"].credentials]
    demo.delete(r.id)


@pytest.mark.parametrize("rel", [
    "dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json",
])
def test_corpus_alignments(tmp_path: Path, rel: str) -> None:
    from wallet.formats import detect

    obj = json.loads((CORPUS / rel).read_text())
    parsed = detect.parse((CORPUS / rel).read_bytes(), rel)
    expected = set()

    def walk(x) -> None:  # noqa: ANN001
        if isinstance(x, dict):
            for a in x.get("alignment", []) if isinstance(x.get("alignment"), list) else []:
                if isinstance(a, dict) and a.get("targetName"):
                    expected.add(a["targetName"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(obj)
    got = {s.name for s in parsed.normalized.skills}
    assert expected and expected <= got


def test_micro_credential_elements(demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "Data Analysis with Python")
    el = demo.elements(cid)
    assert {"learner", "title", "awarding_body", "date_of_issue", "learning_outcomes", "workload"} <= set(el["present"])
    assert set(el["present"]) | set(el["missing"]) == set(el["labels"]) and len(el["labels"]) == 11
    pdf = next(s.id for s in demo.credentials() if s.format == "pdf")
    assert "learning_outcomes" in demo.elements(pdf)["missing"]


def test_stacks_credits_and_coverage(demo) -> None:  # noqa: ANN001
    ids = {s.title: s.id for s in demo.credentials()}
    demo.create_stack("Analyst path", 12, ["Python", "SQL", "Statistics", "Machine learning"])
    demo.stack_add("Analyst path", [ids["Data Analysis with Python"], ids["Applied Statistics"]])
    p = demo.stack_progress("Analyst path")
    assert p["credits_earned"] == 9 and p["credits_percent"] == 75
    assert p["skills_covered"] == ["Python", "Statistics"] and p["skills_missing"] == ["SQL", "Machine learning"]
    demo.stack_add("Analyst path", [ids["Data Analyst Pathway — Learner Record"]])
    assert "SQL" in demo.stack_progress("Analyst path")["skills_covered"]
    demo.stack_remove("Analyst path", ids["Data Analyst Pathway — Learner Record"])
    assert demo.stack_progress("Analyst path")["skills_missing"] == ["SQL", "Machine learning"]
    with pytest.raises(Exception, match="already exists"):
        demo.create_stack("Analyst path")
    # stacks live in the vault (and its backups)
    assert [s["name"] for s in demo.stacks()] == ["Analyst path", "Data analyst"]


def test_filters_by_level_skill_status_and_dates(demo) -> None:  # noqa: ANN001
    from tests.factory import ob3, signed

    edc_like = ob3(950, "Level Six Module")
    edc_like["credentialSubject"]["achievement"]["alignment"] = []
    r = demo.import_bytes(json.dumps(signed(edc_like)).encode(), "lvl.json")
    assert r.ok
    cred = demo.get(r.id)
    cred.normalized.level = {"value": "6", "framework": "EQF"}
    with demo.store.transaction() as db:  # a level as an EDC credential would carry it
        db.execute("UPDATE credentials SET normalized = ? WHERE id = ?", (json.dumps(cred.normalized.to_json()), r.id))
    assert [s.id for s in demo.credentials(level="6")] == [r.id]
    assert [s.id for s in demo.credentials(level="EQF 6")] == [r.id]
    assert demo.credentials(level="QF-EHEA 6") == []
    assert {s.title for s in demo.credentials(skill="SQL")} == {"Data Analyst Pathway — Learner Record"}
    assert {s.title for s in demo.credentials(framework="DigComp 2.2")} == {"Digital Literacy Essentials"}
    everything = demo.credentials()
    verified = demo.credentials(status="verified")
    assert verified and all(s.status == "verified" for s in verified)
    assert {s.id for s in verified} == {s.id for s in everything if s.status == "verified"}
    recent = demo.credentials(since="2026-01-01")
    assert recent and all((s.issued or "") >= "2026-01-01" for s in recent)
    assert {s.id for s in recent} == {s.id for s in everything if (s.issued or "") >= "2026-01-01"}
    assert len(recent) < len(everything)  # the filter left something out
    demo.delete(r.id)


def test_europass_learning_outcomes_credits_and_level() -> None:
    """An EDC-shaped credential: learning outcomes with ESCO skills, ECTS credits and an EQF level."""
    from wallet.formats import detect
    from wallet.portfolio.elements import elements

    edc = {
        "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
        "id": "urn:credential:edc-1", "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": {"id": "did:example:university", "legalName": {"en": "Example University"}},
        "issuanceDate": "2025-07-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner", "givenName": {"en": "Amira"},
            "hasClaim": [{"id": "urn:claim:1", "title": {"en": "Module: Data Management"},
                          "specifiedBy": {"learningOutcome": [
                              {"title": {"en": "Manage data"}, "relatedESCOSkill": [{"id": "http://data.europa.eu/esco/skill/abc"}]},
                              {"title": {"en": "Use databases"}}],
                              "creditPoint": [{"framework": {"en": "ECTS"}, "point": "6"}],
                              "eqfLevel": {"id": "http://data.europa.eu/snb/eqf/6"}}}],
        },
    }
    parsed = detect.parse(json.dumps(edc).encode(), "edc.json")
    n = parsed.normalized
    assert parsed.format == "edc" and n.title == "Module: Data Management"
    assert {s.name for s in n.skills} == {"Manage data", "Use databases"}
    assert next(s for s in n.skills if s.name == "Manage data").framework == "ESCO"
    assert n.credits == {"value": "6", "system": "ECTS"} and n.level == {"value": "6", "framework": "EQF"}
    el = elements(n)
    assert {"learning_outcomes", "workload", "level"} <= set(el["present"])
