"""The sd-jwt-python round-trip cases: the reference library issues each specification (claims with
!sd), our holder code selects what the case discloses, our verifier must yield exactly the expected
claims."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tests.conftest import CORPUS
from wallet.crypto.pointers import to_pointer
from wallet.present import sdjwt_presentation as present_sd
from wallet.present.holder import from_private_jwk
from wallet.present.verifier import TECHNICAL_CLAIMS, verify_presentation
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

CASES = CORPUS / "sd-jwt-python" / "tests" / "testcases"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def pointers(hdc: Any, path: tuple = ()) -> list[str]:
    """The case's holder_disclosed_claims as JSON Pointers."""
    out: list[str] = []
    items = hdc.items() if isinstance(hdc, dict) else enumerate(hdc) if isinstance(hdc, list) else []
    for k, v in items:
        here = path + (str(k),)
        if v is True:
            out.append(to_pointer(here))
        elif isinstance(v, dict | list):
            out += pointers(v, here)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_round_trip(name: str) -> None:
    import yaml
    from jwcrypto.jwk import JWK
    from sd_jwt.issuer import SDJWTIssuer
    from sd_jwt.utils.yaml_specification import load_yaml_specification

    settings = yaml.safe_load((CASES / "settings.yml").read_text())
    spec = load_yaml_specification(CASES / name / "specification.yml")
    issuer = settings["identifiers"]["issuer"]
    issuer_jwk = settings["key_settings"]["issuer_keys"][0]
    holder_jwk = settings["key_settings"]["holder_key"]
    kb = bool(spec.get("key_binding"))
    claims = dict(spec["user_claims"], iss=issuer, iat=settings["iat"])
    fmt = "json" if name.startswith("json_serialization") else "compact"
    sd = SDJWTIssuer(claims, JWK(**issuer_jwk), JWK(**holder_jwk) if kb else None, serialization_format=fmt,
                     extra_header_parameters=spec.get("extra_header_parameters", {})).sd_jwt_issuance
    if fmt == "json":  # RFC 9901 section 8: the same SD-JWT, as JWS JSON serialization
        from wallet.crypto.sdjwt import from_json_serialization

        sd = from_json_serialization(json.loads(sd))[0]
    audience = settings["identifiers"]["verifier"]
    holder = from_private_jwk(holder_jwk) if kb else None
    text, _ = present_sd.present(sd, pointers(spec["holder_disclosed_claims"]), holder, audience=audience,
                                 nonce=settings["key_binding_nonce"], iat=settings["iat"] + 60)
    public = {k: v for k, v in issuer_jwk.items() if k != "d"}
    ctx = VerifyContext(clock=lambda: dt.datetime.fromtimestamp(settings["iat"] + 120, dt.timezone.utc),
                        trust=TrustList(parse_entries([{"id": issuer, "jwk": public}])))
    res = verify_presentation(text, ctx, audience=audience, nonce=settings["key_binding_nonce"])
    assert res.status in ("verified", "warning"), [c.to_json() for c in res.checks if c.status == "fail"]
    got = {k: v for k, v in res.disclosed[0]["claims"].items() if k not in TECHNICAL_CLAIMS}
    expected = spec["expect_verified_user_claims"]
    assert json.loads(json.dumps(got)) == json.loads(json.dumps({k: v for k, v in expected.items()
                                                                  if k not in TECHNICAL_CLAIMS}))
