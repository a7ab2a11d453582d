"""`verify` given a presentation checks it as `verify-presentation` does (same exit codes, the `verify` --json
shape extended), and Blockcerts presentations (a Merkle receipt over the whole presentation, MerkleProof2019
credentials inside) are checked offline: valid ones never invalid, anchors never `pass`, tampered ones invalid."""

from __future__ import annotations

import copy
import datetime as dt
import json
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.security.test_holder_binding import A, B, _kb_by, _sd_jwt, _vp_jwt, issued_to, vp_by
from ui.cli.main import main
from wallet.crypto.jsonld import DocumentLoader
from wallet.present.verifier import is_presentation, verify_presentation
from wallet.verify.engine import VerifyContext

V3 = CORPUS / "blockcerts-cert-verifier-js" / "test" / "fixtures" / "v3"
NOW = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)


def cli_verify(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: str,
               *flags: str) -> tuple[int, dict]:
    monkeypatch.setenv("CREDWALLET_HOME", str(tmp_path / "no-wallet"))  # an employer without a wallet
    f = tmp_path / "input.txt"
    f.write_text(data, "utf-8")
    code = main(["verify", str(f), "--json", *flags])
    out = capsys.readouterr().out
    return code, json.loads(out)


def check(res: dict, cid: str) -> dict:
    return next(c for c in res["checks"] if c["id"] == cid)


def test_is_presentation_tells_presentations_from_credentials() -> None:
    cred = issued_to(A.did)
    sd = _sd_jwt({"jwk": A.jwk})
    assert is_presentation(vp_by(A, [cred]))
    assert is_presentation(_vp_jwt(A, [cred]))
    assert is_presentation(_kb_by(sd, A.p256))
    assert not is_presentation(json.dumps(cred))
    assert not is_presentation(sd)  # an SD-JWT without key binding is the credential itself
    assert not is_presentation(b"\xff\xfe not text")
    assert not is_presentation("{not json")


def test_verify_checks_a_vp_as_verify_presentation_does(capsys, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    code, res = cli_verify(capsys, monkeypatch, tmp_path, vp_by(A, [issued_to(A.did)]))
    assert code == 0 and res["format"] == "presentation" and res["kind"] == "vp"
    for key in ("status", "checked_at", "checks", "fetches", "input", "title", "holder", "issuer", "disclosed"):
        assert key in res, key
    assert res["holder"] == A.did and check(res, "holder_binding")["status"] == "pass"
    assert check(res, "credential1.subject")["status"] == "pass"
    assert res["disclosed"][0]["subject"] == "Ada Learner"
    # the attack: B presents A's credential with a valid signature of B's own
    code, res = cli_verify(capsys, monkeypatch, tmp_path, vp_by(B, [issued_to(A.did)]))
    assert code == 1 and res["status"] == "invalid"
    assert "issued to someone else" in check(res, "credential1.subject")["message"]
    # and the presentation checks still apply: the audience the employer expects
    code, res = cli_verify(capsys, monkeypatch, tmp_path, vp_by(A, [issued_to(A.did)]))
    assert check(res, "audience")["status"] == "skipped"  # `verify` has no --audience: said, not passed


def test_verify_checks_vp_jwt_and_sd_jwt_kb(capsys, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    now = int(time.time())  # `verify` runs on the real clock: presentations made now
    code, res = cli_verify(capsys, monkeypatch, tmp_path, _vp_jwt(B, [issued_to(A.did)], iat=now))
    assert (code, res["kind"], res["status"]) == (1, "vp-jwt", "invalid")
    sd = _sd_jwt({"jwk": A.jwk})
    code, res = cli_verify(capsys, monkeypatch, tmp_path, _kb_by(sd, B.p256, iat=now))
    assert (code, res["kind"]) == (1, "sd-jwt") and "issued to someone else" in check(res, "holder_binding")["message"]
    code, res = cli_verify(capsys, monkeypatch, tmp_path, _kb_by(sd, A.p256, iat=now))
    assert res["kind"] == "sd-jwt" and check(res, "holder_binding")["status"] == "pass"
    assert check(res, "freshness")["status"] == "pass" and code == 0
    # a credential is still a credential: the old shape, no presentation keys
    code, res = cli_verify(capsys, monkeypatch, tmp_path, sd)
    assert res["format"] == "sd-jwt-vc" and "kind" not in res


def test_verify_human_output_names_the_subject(capsys, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.setenv("CREDWALLET_HOME", str(tmp_path / "no-wallet"))
    f = tmp_path / "vp.json"
    f.write_text(vp_by(B, [issued_to(A.did)]), "utf-8")
    assert main(["verify", str(f)]) == 1
    out = capsys.readouterr().out
    assert "INVALID" in out and "issued to: Ada Learner" in out and "issued to someone else" in out


def test_verify_with_a_wallet_goes_through_the_service(demo_wallet_home, capsys, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.setenv("CREDWALLET_HOME", str(demo_wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "correct horse battery staple")
    f = tmp_path / "vp.json"
    f.write_text(vp_by(B, [issued_to(A.did)]), "utf-8")
    assert main(["verify", str(f), "--json"]) == 1
    res = json.loads(capsys.readouterr().out)
    assert res["format"] == "presentation" and res["status"] == "invalid"


@pytest.fixture
def demo_wallet_home(tmp_path: Path) -> Path:
    from tests.conftest import PASSPHRASE
    from wallet.service import Wallet

    home = tmp_path / "w"
    w, _ = Wallet.create(home, PASSPHRASE)
    w.lock()
    return home


# --- Blockcerts presentations ---------------------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not V3.exists(), reason="the shared corpus is not here")


def blockcerts_vp(name: str) -> dict:
    return json.loads((V3 / name).read_text("utf-8"))


def verify(vp: dict):  # noqa: ANN201
    """The Blockcerts presentation fixtures carry an inline @context, which the wallet refuses
    (test_inline_context_presentations_are_refused); their Merkle and binding logic is checked with a
    loader that allows it."""
    ctx = VerifyContext(clock=lambda: NOW)
    if any(not isinstance(c, str) for item in [vp, *vp.get("verifiableCredential", [])] if isinstance(item, dict)
           for c in (item.get("@context") if isinstance(item.get("@context"), list) else [])):
        ctx.loader = DocumentLoader(ctx.fetcher, inline_contexts=True)
    return verify_presentation(json.dumps(vp), ctx)


@needs_corpus
def test_inline_context_presentations_are_refused() -> None:
    from wallet.errors import BadInput

    with pytest.raises(BadInput, match="context credwallet does not recognise"):
        verify_presentation((V3 / "mocknet-verifiable-presentation.json").read_text(), VerifyContext(clock=lambda: NOW))


def checks(res) -> dict:  # noqa: ANN001
    return {c.id: c for c in res.checks}


@needs_corpus
def test_blockcerts_vp_is_checked_offline() -> None:
    res = verify(blockcerts_vp("mocknet-verifiable-presentation.json"))
    c = checks(res)
    assert res.status == "warning"  # accepted, with what could not be confirmed said
    assert c["signature"].status == "pass" and "presentation matches its Merkle proof" in c["signature"].message
    assert c["anchor"].status == "skipped" and c["credential1.anchor"].status == "skipped"  # never pass offline
    assert c["credential1.signature"].status == c["credential2.signature"].status == "pass"
    # a Merkle receipt shows the content is unaltered, not who is presenting: said, not passed
    assert c["holder_binding"].status == "skipped" and c["holder_binding"].important
    assert c["credential1.subject"].status == "skipped" and "Julien Fraichot" in c["credential1.subject"].message


@needs_corpus
def test_blockcerts_vp_edits_are_caught() -> None:
    assert verify(blockcerts_vp("mocknet-verifiable-presentation-tampered.json")).status == "invalid"
    good = blockcerts_vp("mocknet-verifiable-presentation.json")
    other_holder = copy.deepcopy(good)
    other_holder["holder"] = B.did
    res = verify(other_holder)
    assert res.status == "invalid" and checks(res)["signature"].status == "fail"
    assert "issued to someone else" in checks(res)["credential1.subject"].message
    swapped = copy.deepcopy(good)  # a credential from another presentation, itself genuine
    swapped["verifiableCredential"][1] = blockcerts_vp("mocknet-verifiable-presentation-failing-credential.json")[
        "verifiableCredential"][1]
    assert checks(verify(swapped))["credential2.signature"].status == "pass"
    assert verify(swapped).status == "invalid"  # the presentation's receipt no longer matches
    renamed = copy.deepcopy(good)
    renamed["verifiableCredential"][0]["credentialSubject"]["claim"]["name"] = "Doctor of Medicine"
    res = verify(renamed)
    assert res.status == "invalid" and checks(res)["credential1.signature"].status == "fail"
    unsigned = copy.deepcopy(good)
    unsigned.pop("proof")
    assert verify(unsigned).status == "invalid"


@needs_corpus
def test_blockcerts_eddsa_vp_without_holder_or_credentials() -> None:
    """The W3C-style VP in the Blockcerts fixtures: signed by a did:key, no holder field, no credential."""
    res = verify(blockcerts_vp("vp-eddsa-rdfc-2022.json"))
    c = checks(res)
    assert c["holder_binding"].status == "pass" and res.holder.startswith("did:key:z6Mkp")
    assert c["credentials"].status == "skipped" and res.status == "unverified"  # no credential: nothing checked
    tampered = blockcerts_vp("vp-eddsa-rdfc-2022.json")
    tampered["holder"] = B.did
    assert verify(tampered).status == "invalid"


@needs_corpus
@pytest.mark.xfail(strict=True, reason="credentialSchema (JSON Schema) is not checked yet: the schema is online "
                                       "and no validator is bundled, so this VP's failing credential passes")
def test_blockcerts_vp_with_failing_credential() -> None:
    assert verify(blockcerts_vp("mocknet-verifiable-presentation-failing-credential.json")).status == "invalid"
