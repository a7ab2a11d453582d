"""The employer's web verifier page in headless Chromium: for every demo format, the page's verdict
(window.credwalletResult) equals `verify-presentation --json` for the same QR codes; and the attacks
(a tampered code, a wrong audience, an expired presentation, display attacks) are caught the same way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ui.gui.app import make_demo_wallet
from wallet import paths
from wallet.errors import BadInput
from wallet.present import qr
from wallet.present.verifier import verify_presentation
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

DEMO = paths.resources_dir() / "demo"
AUD, NONCE = "https://employer.example", "n-4711"
# Merkle receipts (Blockcerts) are not checked by the page yet: it says so (skipped), never "pass"
PAGE_SKIPS = {"blockcerts"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    w = make_demo_wallet(tmp_path_factory.mktemp("demo") / "w")
    yield w
    w.lock()


def employer() -> VerifyContext:
    return VerifyContext(trust=TrustList(parse_entries(json.loads((DEMO / "trust.json").read_text()))))


def strip(result: dict[str, Any]) -> dict[str, Any]:
    """Everything but the seconds at which each check ran."""
    return {**result, "checks": [{k: v for k, v in c.items() if k != "checked_at"} for c in result["checks"]]}


def open_page(browser: Any, url: str) -> dict[str, Any]:
    ctx = browser.new_context(bypass_csp=True)  # Playwright's own evaluation is script the page's CSP forbids
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("document.body.dataset.status !== undefined", timeout=30_000)
    result = page.evaluate("window.credwalletResult")
    result["_status_attr"] = page.evaluate("document.body.dataset.status")
    result["_text"] = page.inner_text("#result")
    ctx.close()
    assert not errors, errors
    return result


def put(site: tuple[str, Path], name: str, text: str) -> str:
    base, folder = site
    (folder / name).write_text(text, "utf-8")
    if not (folder / "trust.json").exists():
        (folder / "trust.json").write_text((DEMO / "trust.json").read_text("utf-8"), "utf-8")
    return f"inputs/{name}"


def page_for_texts(browser: Any, site: tuple[str, Path], name: str, texts: list[str], query: str = "") -> dict[str, Any]:
    path = put(site, name, "\n".join(reversed(texts)))  # parts in any order
    return open_page(browser, f"{site[0]}index.html?qr={path}&trust=inputs/trust.json{query}")


def demo_cases(wallet) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(s.format, s.id) for s in wallet.list() if s.format != "pdf"]


def test_every_demo_format_gives_the_same_verdict_as_verify_presentation(browser, site, demo) -> None:  # noqa: ANN001
    seen_kinds, multi = set(), 0
    for fmt, cid in demo_cases(demo):
        shared = demo.present([cid], audience=AUD, nonce=NONCE)
        texts = qr.encode_for_qr(shared.presentation())
        multi += len(texts) > 1
        expected = verify_presentation(texts, employer(), audience=AUD, nonce=NONCE).to_json()
        got = page_for_texts(browser, site, f"{cid}.txt", texts, f"&aud={AUD}&nonce={NONCE}")
        assert got["_status_attr"] == got["status"] == expected["status"], (fmt, got["checks"])
        seen_kinds.add(got["kind"])
        if fmt in PAGE_SKIPS:
            assert got["kind"] == expected["kind"] and got["disclosed"] == expected["disclosed"]
            sig = next(c for c in got["checks"] if c["id"] == "credential1.signature")
            assert sig["status"] == "skipped" and "not checked" in sig["message"]
            continue
        assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected), fmt
        # what a person reads: the verdict word, the credential, the issuer and (when claimed) the person
        d = expected["disclosed"][0]
        assert {"verified": "Verified", "warning": "Verified, with warnings"}[expected["status"]] in got["_text"]
        assert d["credential"] in got["_text"] and d["issuer"] in got["_text"]
        if d.get("subject"):
            assert d["subject"] in got["_text"]
    assert seen_kinds == {"vp", "sd-jwt"} and multi >= 2  # sequences of several codes were read too


def test_the_url_the_wallet_makes_opens_the_verdict(browser, site, demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.list() if s.title == "Applied Statistics")
    shared = demo.present([cid], audience=AUD, nonce=NONCE)
    texts = qr.encode_for_qr(shared.presentation(), site[0] + "index.html")
    assert len(texts) == 1 and "#CW1:" in texts[0]
    got = open_page(browser, texts[0] + "")  # the fragment carries the presentation; the server never sees it
    assert got["status"] == verify_presentation(texts, VerifyContext()).status == "warning"  # no trust list loaded
    trust = next(c for c in got["checks"] if c["id"] == "credential1.issuer_trust")
    assert trust["status"] == "skipped" and "not in your trusted list" in trust["message"]


def _reencode(texts: list[str], change) -> list[str]:  # noqa: ANN001
    p = qr.from_texts(texts)
    return qr.to_texts(qr.Presentation(p.kind, change(p.text)))


def test_tampered_code_is_invalid_on_both(browser, site, demo) -> None:  # noqa: ANN001
    cid = next(i for f, i in demo_cases(demo) if f == "ob3")
    for s in demo.list():
        if s.title == "Data Analysis with Python":
            cid = s.id
    texts = qr.encode_for_qr(demo.present([cid], audience=AUD, nonce=NONCE).presentation())
    bad = _reencode(texts, lambda t: t.replace("Data Analysis with Python", "Data Analysis with Rust"))
    expected = verify_presentation(bad, employer()).to_json()
    got = page_for_texts(browser, site, "tampered.txt", bad)
    assert expected["status"] == got["status"] == "invalid"
    assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected)
    # a code damaged in transit (one character) is refused as unreadable, never shown
    body = texts[0]
    i = body.index("#CW1:") + 20
    broken = body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1:]
    with pytest.raises(BadInput):
        verify_presentation([broken], employer())
    got = page_for_texts(browser, site, "broken.txt", [broken])
    assert got["status"] == "unverified" and got["error"]


def test_wrong_audience_is_invalid_on_both(browser, site, demo) -> None:  # noqa: ANN001
    for fmt, cid in demo_cases(demo):
        if fmt not in ("sd-jwt-vc", "vc-jwt"):
            continue
        texts = qr.encode_for_qr(demo.present([cid], audience="https://someone-else.example", nonce=NONCE).presentation())
        expected = verify_presentation(texts, employer(), audience=AUD, nonce=NONCE).to_json()
        got = page_for_texts(browser, site, f"aud-{fmt}.txt", texts, f"&aud={AUD}&nonce={NONCE}")
        assert expected["status"] == got["status"] == "invalid"
        aud = next(c for c in got["checks"] if c["id"] == "audience")
        assert aud["status"] == "fail" and "made for someone else" in aud["message"]
        assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected)


def test_expired_presentation_is_invalid_on_both(browser, site, demo) -> None:  # noqa: ANN001
    real_clock = demo.clock
    demo.clock = lambda: real_clock() - dt.timedelta(days=60)
    try:
        for fmt, cid in demo_cases(demo):
            if fmt not in ("sd-jwt-vc", "ob2"):
                continue
            texts = qr.encode_for_qr(demo.present([cid], expires_days=30).presentation())
            expected = verify_presentation(texts, employer()).to_json()
            got = page_for_texts(browser, site, f"expired-{fmt}.txt", texts)
            assert expected["status"] == got["status"] == "invalid"
            fresh = next(c for c in got["checks"] if c["id"] == "freshness")
            assert fresh["status"] == "fail" and "expired on" in fresh["message"]
            assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected)
    finally:
        demo.clock = real_clock


def _ob3_vp(demo) -> list[str]:  # noqa: ANN001
    cid = next(s.id for s in demo.list() if s.title == "Applied Statistics")
    return qr.encode_for_qr(demo.present([cid], audience=AUD, nonce=NONCE).presentation())


@pytest.mark.parametrize("attack, words", [
    # a name the reader sees that RDF (and so the signature) ignores
    ("index", "@index"),
    # an inline context that renames a field
    ("inline", "inline context"),
])
def test_display_attacks_are_refused_on_both(browser, site, demo, attack, words) -> None:  # noqa: ANN001
    def change(text: str) -> str:
        vp = json.loads(text)
        cred = vp["verifiableCredential"][0]
        if attack == "index":
            cred["credentialSubject"]["achievement"]["@index"] = "Harvard PhD in Statistics"
        else:
            cred["@context"] = [*cred["@context"], {"name": "https://schema.org/alternateName"}]
        return json.dumps(vp)

    bad = _reencode(_ob3_vp(demo), change)
    with pytest.raises(BadInput) as err:
        verify_presentation(bad, employer())
    got = page_for_texts(browser, site, f"attack-{attack}.txt", bad)
    assert got["status"] == "unverified" and words in got["error"]
    assert got["error"] == str(err.value).split(": ", 1)[-1] or got["error"] in str(err.value)
    assert "Harvard" not in got["_text"]


