"""The employer's web verifier page in headless Chromium: for every demo format, the page's verdict
(window.credwalletResult) equals `verify-presentation --json` for the same QR codes; and the attacks
(a tampered code, a wrong audience, an expired presentation, display attacks) are caught the same way."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests import factory
from wallet.crypto import signing
from wallet import paths
from wallet.errors import BadInput
from wallet.present import qr
from wallet.present.verifier import verify_presentation
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

DEMO = paths.resources_dir() / "demo"
AUD, NONCE = "https://employer.example", "n-4711"
# every demo format is checked by the page itself (Blockcerts Merkle receipts too, since CW2)
PAGE_SKIPS: set[str] = set()


def employer() -> VerifyContext:
    return VerifyContext(trust=TrustList(parse_entries(json.loads((DEMO / "trust.json").read_text()))))


def strip(result: dict[str, Any]) -> dict[str, Any]:
    """Everything but the seconds at which each check ran, and each message's catalogue id and arguments:
    Python's --json carries them beside the English message, the page's engine gives the English message
    (compared here, word for word) and the page translates it by matching it against the catalogue's English
    templates (test_check_messages_in_german below)."""
    drop = ("checked_at", "message_id", "args")
    return {**result, "checks": [{k: v for k, v in c.items() if k not in drop} for c in result["checks"]]}



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
    return [(s.format, s.id) for s in wallet.credentials() if s.format != "pdf"]


def unsigned_vp(credential: bytes, holder: str) -> list[str]:
    """A presentation nobody signed, naming ``holder``: what anyone holding a copy of a credential can send."""
    vp = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
          "holder": holder, "verifiableCredential": [json.loads(credential)]}
    return qr.to_texts(qr.Presentation("vp", json.dumps(vp)))


def demo_texts(wallet, fmt: str, cid: str) -> list[str]:  # noqa: ANN001
    """The QR texts of one demo credential, presented by the wallet (the demo Blockcerts is issued to the demo
    holder's did:key, so the wallet hands it out like the others)."""
    return qr.encode_for_qr(wallet.present([cid], audience=AUD, nonce=NONCE).presentation())


def test_every_demo_format_gives_the_same_verdict_as_verify_presentation(browser, site, demo) -> None:  # noqa: ANN001
    seen_kinds, multi = set(), 0
    for fmt, cid in demo_cases(demo):
        texts = demo_texts(demo, fmt, cid)
        multi += len(texts) > 1
        expected = verify_presentation(texts, employer(), audience=AUD, nonce=NONCE).to_json()
        got = page_for_texts(browser, site, f"{cid}.txt", texts, f"&aud={AUD}&nonce={NONCE}")
        if fmt in PAGE_SKIPS:  # the page cannot check the receipt: "not checked", never a verdict it did not reach
            assert got["_status_attr"] == got["status"] == "unverified", (fmt, got["checks"])
            assert expected["status"] in ("verified", "warning"), expected["checks"]  # the app checks it
        else:
            assert got["_status_attr"] == got["status"] == expected["status"], (fmt, got["checks"])
        seen_kinds.add(got["kind"])
        if fmt in PAGE_SKIPS:
            assert got["kind"] == expected["kind"] and got["disclosed"] == expected["disclosed"]
            # the checks the page does run say what the core says (holder binding, who it was issued to)
            same = ("holder_binding", "credentials", "credential1.subject", "credential1.format")
            assert [c for c in strip(got)["checks"] if c["id"] in same] == \
                [c for c in strip(expected)["checks"] if c["id"] in same]
            sig = next(c for c in got["checks"] if c["id"] == "credential1.signature")
            assert sig["status"] == "skipped" and "not checked" in sig["message"]
            continue
        assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected), fmt
        # what a person reads: the verdict word, the credential, the issuer and (when claimed) the person
        d = expected["disclosed"][0]
        assert {"verified": "Verified", "warning": "Verified, with warnings", "invalid": "Not valid",
                "unverified": "Not verified"}[expected["status"]] in got["_text"]
        assert d["credential"] in got["_text"] and d["issuer"] in got["_text"]
        if d.get("subject"):
            assert d["subject"] in got["_text"]
    assert seen_kinds == {"vp", "sd-jwt"} and multi >= 2  # sequences of several codes were read too


def test_the_url_the_wallet_makes_opens_the_verdict(browser, site, demo) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "Applied Statistics")
    shared = demo.present([cid], audience=AUD, nonce=NONCE)
    texts = qr.encode_for_qr(shared.presentation(), site[0] + "index.html")
    assert len(texts) == 1 and "#CW2:" in texts[0]
    got = open_page(browser, texts[0] + "")  # the fragment carries the presentation; the server never sees it
    assert got["status"] == verify_presentation(texts, VerifyContext()).status == "warning"  # no trust list loaded
    trust = next(c for c in got["checks"] if c["id"] == "credential1.issuer_trust")
    assert trust["status"] == "skipped" and "not in your trusted list" in trust["message"]


@pytest.mark.parametrize("title", ["Basic Life Support (BLS) Provider", "Digital Literacy Essentials"])
def test_codes_written_before_cw2_still_open(browser, site, demo, title: str) -> None:  # noqa: ANN001
    """A CW1 code printed on last year's portfolio PDF still opens, with the same verdict as the CLI."""
    cid = next(s.id for s in demo.credentials() if s.title == title)
    p = demo.present([cid], audience=AUD, nonce=NONCE).presentation()
    for version in ("CW1", "CW2"):
        texts = qr.to_texts(p, parts=2, version=version)
        expected = verify_presentation(texts, employer()).to_json()
        got = page_for_texts(browser, site, f"old-{version}-{cid[:8]}.txt", texts)
        assert expected["status"] == got["status"] and expected["status"] in ("verified", "warning")
        assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected)


def _reencode(texts: list[str], change) -> list[str]:  # noqa: ANN001
    p = qr.from_texts(texts)
    return qr.to_texts(qr.Presentation(p.kind, change(p.text)))


def test_tampered_code_is_invalid_on_both(browser, site, demo) -> None:  # noqa: ANN001
    cid = next(i for f, i in demo_cases(demo) if f == "ob3")
    for s in demo.credentials():
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
    i = body.index("#CW2:") + 20
    broken = body[:i] + ("1" if body[i] != "1" else "2") + body[i + 1:]
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
    cid = next(s.id for s in demo.credentials() if s.title == "Applied Statistics")
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




# --- holder binding and issuer identity: the page decides them as the core does ---------------------------


def _holder(seed: bytes):  # noqa: ANN202
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from wallet.crypto import publickeys as keys

    key = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed).digest())
    did = "did:key:" + keys.to_multikey(key.public_key())
    return key, did, f"{did}#{did.split(':')[-1]}"


def _signed_vp(creds: list[dict[str, Any]], signer: bytes | None, holder: str | None = None,
               options: dict[str, Any] | None = None) -> list[str]:
    """A VP holding ``creds``, signed for real by the holder key made from ``signer`` (None: not signed)."""

    vp: dict[str, Any] = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
                          "verifiableCredential": creds}
    if holder:
        vp["holder"] = holder
    if signer is not None:
        key, _did, vm = _holder(signer)
        vp = signing.sign_data_integrity(vp, key, vm, created="2026-06-01T00:00:00Z", purpose="authentication",
                                extra=options or {"domain": AUD, "challenge": NONCE})
    return qr.to_texts(qr.Presentation("vp", json.dumps(vp)))


def _same_on_both(browser, site, name: str, texts: list[str]) -> dict[str, Any]:  # noqa: ANN001
    expected = verify_presentation(texts, employer(), audience=AUD, nonce=NONCE).to_json()
    got = page_for_texts(browser, site, f"{name}.txt", texts, f"&aud={AUD}&nonce={NONCE}")
    assert got["_status_attr"] == got["status"] == expected["status"]
    assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected)
    return {c["id"]: c for c in got["checks"]} | {"_status": got["status"]}


@pytest.mark.parametrize("case", ["by-someone-else", "unsigned-names-another", "unsigned-names-subject", "by-subject"])
def test_credential_presented_by_someone_else_is_caught_on_both(browser, site, case) -> None:  # noqa: ANN001
    # a credential really issued to Amira's key (credentialSubject.id), presented by Mallory
    _k, amira, _vm = _holder(b"amira")
    _k, mallory, _vm = _holder(b"mallory")
    cred = factory.signed({**factory.ob3(9101, "Forklift Licence"),
                           "credentialSubject": {**factory.ob3(9101)["credentialSubject"], "id": amira}})
    if case == "by-someone-else":
        checks = _same_on_both(browser, site, case, _signed_vp([cred], b"mallory", mallory))
        assert checks["credential1.subject"]["status"] == "fail" and "issued to someone else" in \
            checks["credential1.subject"]["message"] and checks["_status"] == "invalid"
    elif case == "unsigned-names-another":  # a copy sent without any signature, naming another holder
        checks = _same_on_both(browser, site, case, _signed_vp([cred], None, mallory))
        assert checks["credential1.subject"]["status"] == "fail" and checks["_status"] == "invalid"
    elif case == "unsigned-names-subject":  # naming Amira proves nothing without her signature
        checks = _same_on_both(browser, site, case, _signed_vp([cred], None, amira))
        assert checks["credential1.subject"]["status"] == "skipped" and checks["_status"] == "invalid"
    else:  # the control: Amira herself presents it
        checks = _same_on_both(browser, site, case, _signed_vp([cred], b"amira"))
        assert checks["credential1.subject"]["status"] == "pass" and checks["_status"] == "warning"


def test_empty_presentation_reads_not_checked_on_both(browser, site) -> None:  # noqa: ANN001
    checks = _same_on_both(browser, site, "empty", _signed_vp([], b"amira"))
    assert checks["credentials"]["status"] == "skipped" and checks["_status"] == "unverified"


@pytest.mark.parametrize("claimed, words, status", [
    # a trusted issuer's DID claimed by a credential someone else signed (for real, with their own key)
    ("did:key:z6MkeXFH11UaH2EMhoKUjFDiBwPU1RePDPT5ci4WYGk6Eumd", "which is not the issuer", "invalid"),
    # a trusted issuer whose one key the employer pinned
    ("https://demo.credwallet.org/issuers/northwind", "not by the one key your trusted list accepts", "invalid"),
    # an issuer nobody listed: the key ties it to no name (a warning, never "verified")
    ("https://university.example/issuer", "could not confirm that the signing key", "warning"),
])
def test_issuer_impersonation_is_caught_on_both(browser, site, claimed, words, status) -> None:  # noqa: ANN001
    _k, amira, _vm = _holder(b"amira")
    base = factory.ob3(9102, "Nursing Licence")
    cred = factory.signed({**base, "issuer": {**base["issuer"], "id": claimed, "name": "Riverbend Community College"},
                           "credentialSubject": {**base["credentialSubject"], "id": amira}})
    checks = _same_on_both(browser, site, f"impostor-{status}-{len(claimed)}", _signed_vp([cred], b"amira"))
    assert checks["credential1.signature"]["status"] == "pass"  # really signed, by the impostor
    assert words in checks["credential1.issuer_key"]["message"] and checks["_status"] == status
    assert checks["credential1.issuer_trust"]["status"] == "skipped"


def test_proof_options_hidden_under_full_iris_are_read_as_signed_on_both(browser, site) -> None:  # noqa: ANN001
    # the holder's signature covers an expiry (and a nonce) written as full IRIs, not as the JSON keys a
    # reader of the JSON looks for: the expiry still holds, and the nonce is still compared
    sec = "https://w3id.org/security#"
    texts = _signed_vp([], b"amira", options={"domain": AUD, sec + "challenge": NONCE,
                                               sec + "expiration": "2020-01-01T00:00:00Z"})
    checks = _same_on_both(browser, site, "hidden-expiry", texts)
    assert checks["freshness"]["status"] == "fail" and "expired on 1 Jan 2020" in checks["freshness"]["message"]
    assert checks["nonce"]["status"] == "pass" and checks["_status"] == "invalid"


def test_a_sequence_fed_as_images_is_read_without_barcode_detector(browser, site, demo, tmp_path: Path) -> None:  # noqa: ANN001
    """Desktop Chromium on Linux (and Firefox) has no BarcodeDetector: the page reads QR images with the bundled
    zxing-cpp WebAssembly reader, loaded on first use, and gives the CLI's verdict for the whole sequence."""
    from ui.render import qr as qrrender

    cid = next(s.id for s in demo.credentials() if s.title == "Basic Life Support (BLS) Provider")
    texts = qr.encode_for_qr(demo.present([cid], audience=AUD, nonce=NONCE).presentation(), site[0] + "index.html")
    assert len(texts) >= 2  # a real sequence
    images = qrrender.write(texts, tmp_path / "code.png")
    expected = verify_presentation(texts, employer(), audience=AUD, nonce=NONCE).to_json()
    ctx = browser.new_context(bypass_csp=False)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    (site[1] / "trust.json").write_text((DEMO / "trust.json").read_text("utf-8"), "utf-8")
    page.goto(f"{site[0]}index.html?trust=inputs/trust.json&aud={AUD}&nonce={NONCE}")
    assert page.evaluate("'BarcodeDetector' in window") is False  # the fallback is what runs here
    page.set_input_files("#file", [str(p) for p in images[::-1]])
    # the page's own CSP stays on (it must allow WebAssembly): wait with a selector, not an injected function
    page.wait_for_selector("body[data-status='verified'], body[data-status='warning'], body[data-status='invalid']",
                           state="attached", timeout=60_000)
    got = page.evaluate("window.credwalletResult")
    ctx.close()
    assert not errors, errors
    assert got["status"] == expected["status"] in ("verified", "warning"), got.get("error")
    assert strip(got) == strip(expected)


@pytest.mark.parametrize("wanted", ["HTTPS://Employer.example/", "https://employer.example:443",
                                    "https://employer.example.evil"])
def test_audience_is_compared_as_an_origin_on_both(browser, site, demo, wanted: str) -> None:  # noqa: ANN001
    cid = next(s.id for s in demo.credentials() if s.title == "Basic Life Support (BLS) Provider")
    texts = qr.encode_for_qr(demo.present([cid], audience=AUD, nonce=NONCE).presentation())
    expected = verify_presentation(texts, employer(), audience=wanted, nonce=NONCE).to_json()
    from urllib.parse import quote

    got = page_for_texts(browser, site, f"aud-origin-{abs(hash(wanted))}.txt", texts,
                         f"&aud={quote(wanted, safe='')}&nonce={NONCE}")
    assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected)
    aud = next(c for c in got["checks"] if c["id"] == "audience")
    assert aud["status"] == ("fail" if wanted.endswith(".evil") else "pass")


def test_shared_fields_are_named_in_the_catalogues_words(browser, site, demo) -> None:  # noqa: ANN001
    """A field shared on its own reads as the desktop app and the PDF name it ("Achievement › Name"), never
    as a raw JSON path, in English and in German."""
    cid = next(s.id for s in demo.credentials() if s.title == "Cloud Data Engineering — Professional Certificate")
    texts = qr.encode_for_qr(demo.present([cid], audience=AUD, nonce=NONCE).presentation())
    got = page_for_texts(browser, site, "labels.txt", texts, f"&aud={AUD}&nonce={NONCE}")
    assert "Achievement › Name" in got["_text"] and "credentialSubject" not in got["_text"]
    assert "Achievement › Alignment 1 › Framework" in got["_text"]  # the catalogue's title for targetFramework
    assert "credentialSubject › achievement" not in got["_text"]  # the raw path the page used to print


def test_check_messages_in_german(browser, site, demo) -> None:  # noqa: ANN001
    """In German the page shows each check message as the desktop app does: the page's engine gives the
    English message (window.credwalletResult, compared above with --json word for word), the page matches it
    against the catalogue's English templates (src/messages.js) and shows the German the Python core gives
    by the message's id (wallet/messages.py) -- for every check, with a presentation made for someone else."""
    from wallet import messages

    wanted = "https://someone-else.example"
    for fmt in ("sd-jwt-vc", "ob3", "blockcerts"):
        cid = next(s.id for s in demo.credentials() if s.format == fmt)
        texts = qr.encode_for_qr(demo.present([cid], audience=AUD, nonce=NONCE).presentation())
        expected = verify_presentation(texts, employer(), audience=wanted, nonce=NONCE)
        got = page_for_texts(browser, site, f"de-{fmt}.txt", texts, f"&aud={wanted}&nonce={NONCE}&lang=de")
        assert [c["message"] for c in got["checks"]] == [c.message for c in expected.checks], fmt  # English
        shown = " ".join(got["_text"].split())
        for c in expected.checks:
            assert c.message_id, c
            german = messages.check_text(c, "de")
            assert " ".join(german.split()) in shown, (fmt, c.message, german)
            if german != c.message:
                assert c.message not in shown, (fmt, c.message)
        assert "Empfänger (" in shown and "wurde für jemand anderen erstellt" in shown, fmt
