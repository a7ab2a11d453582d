"""Check messages and import errors by stable id (wallet/messages.py): a message the core shows that is not in
the catalogue, or has no German, fails here.

Every message is collected while the core really works: verifying the demo set and the corpus, the attacks
(tampered content and signature, a key that is not the issuer's, expired, not yet valid, revoked and
suspended through a status list served from memory, a forged SD-JWT disclosure, presentations made for
someone else) and importing broken files.  Each must carry an id present in English and German, with every
nested message and every nested reason translatable; and the reverse lookup (reports stored before ids, the
web page's English) must find the same message from its English text alone."""

from __future__ import annotations

import ast
import base64
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS
from tests.factory import ob3, signed, status_list_bytes
from tests.security._helpers import MemoryFetcher, did_key, ed_key, sign_di, vm_of
from wallet import labels, messages, paths
from wallet.errors import WalletError
from wallet.formats import detect
from wallet.model import Check, VerificationReport
from wallet.verify import engine
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

ROOT = Path(__file__).resolve().parents[1]
DEMO = paths.resources_dir() / "demo"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _cat(lang: str) -> dict[str, str]:
    return json.loads((paths.resources_dir() / "labels" / f"{lang}.json").read_text("utf-8"))


def _ctx(clock: dt.datetime = NOW, fetcher: Any = None) -> VerifyContext:
    trust = TrustList(parse_entries(json.loads((DEMO / "trust.json").read_text())))
    kw = {"fetcher": fetcher} if fetcher is not None else {}
    return VerifyContext(clock=lambda: clock, trust=trust, **kw)


# -- the static side: ids in the code, placeholders in both languages ---------------------------------------

def _msg_ids_in_wallet() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "wallet").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "msg" and node.args:
                arg = node.args[0]
                for a in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
                    if isinstance(a, ast.Constant) and isinstance(a.value, str):
                        found.add(a.value)
                    elif isinstance(a, ast.JoinedStr):  # msg(f"word.{x}"): every value it can take, below
                        found.add(ast.unparse(a))

    return found


def test_every_msg_id_in_the_core_is_in_english_and_german_with_the_same_placeholders() -> None:
    en, de = _cat("en"), _cat("de")
    used = _msg_ids_in_wallet()
    built = {u for u in used if u.startswith("f")}
    assert built == {"f'word.{word}'", "f'word.verdict.{result.status}'", "f'word.{STATUS_WORDS[value]}'"}, built
    from wallet.verify import token_status  # enumerated here:
    from wallet.verify.status import PURPOSE_WORDS
    from wallet.verify.verdict import STATUS_WORDS

    used = ((used - built) | {f"word.{w}" for w in PURPOSE_WORDS.values()} | {f"word.verdict.{s}" for s in STATUS_WORDS}
            | {f"word.{w}" for w in token_status.STATUS_WORDS.values()})
    assert len(used) > 250
    missing = sorted(i for i in used if not en.get(i) or not de.get(i))
    assert not missing, missing
    for mid in (k for k in en if k.startswith(messages.PREFIXES)):
        assert sorted(PLACEHOLDER.findall(en[mid])) == sorted(PLACEHOLDER.findall(de[mid])), mid
        # the same in German only when it holds nothing but placeholders and a technical name ("SD-JWT: {reason}")
        words = PLACEHOLDER.sub("", en[mid]).strip(" :(){}")
        assert en[mid] != de[mid] or words in ("", "SD-JWT", "VP-JWT", "bbs-2023"), f"{mid} is not translated"

    unused = sorted(k for k in en if k.startswith(("check.", "word.")) and k not in used)
    assert not unused, f"catalogue messages no code produces: {unused}"


# -- the dynamic side: every message the core produces -------------------------------------------------------

def _status_list(url: str, purpose: str, index: int | None, **kw: Any) -> bytes:
    return status_list_bytes(url, {index} if index is not None else set(), purpose=purpose, **kw)


def _with_status(purpose: str, revoked: bool, **kw: Any) -> tuple[bytes, MemoryFetcher]:
    url = f"https://status.example/{purpose}"
    cred = signed(ob3(7, extra={"credentialStatus": {
        "id": f"{url}#42", "type": "BitstringStatusListEntry", "statusPurpose": purpose,
        "statusListIndex": "42", "statusListCredential": url}}))
    return json.dumps(cred).encode(), MemoryFetcher({url: _status_list(url, purpose, 42 if revoked else None, **kw)})


def _tampered(name: str, mutate: Any) -> bytes:
    obj = json.loads((DEMO / "credentials" / name).read_text())
    mutate(obj)
    return json.dumps(obj).encode()


def _attacks() -> Iterator[tuple[str, bytes, VerifyContext]]:
    """(label, bytes, context): credentials really signed, then attacked."""
    demo = DEMO / "credentials"
    yield "title changed", _tampered("ob3-data-analysis-python.json", lambda o: o.__setitem__("name", "Honours")), _ctx()
    yield "proofValue", _tampered("ob3-data-analysis-python.json", lambda o: o["proof"].__setitem__(
        "proofValue", o["proof"]["proofValue"][:-2] + "zz")), _ctx()
    yield "expired", (demo / "ob3-data-analysis-python.json").read_bytes(), _ctx(dt.datetime(2099, 1, 1,
                                                                                              tzinfo=dt.timezone.utc))
    yield "not yet valid", (demo / "ob3-data-analysis-python.json").read_bytes(), _ctx(dt.datetime(2001, 1, 1,
                                                                                                tzinfo=dt.timezone.utc))
    token = (demo / "vc-jwt-digital-literacy.jwt").read_text().strip()
    h, p, s = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=="))
    payload["name"] = "Advanced"
    p2 = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    yield "jwt payload", f"{h}.{p2}.{s}".encode(), _ctx()
    sd = (demo / "sd-jwt-vc-basic-life-support.txt").read_text().strip().split("~")
    forged = base64.urlsafe_b64encode(json.dumps(["salt", "license_number", "FORGED"]).encode()).rstrip(b"=").decode()
    yield "forged disclosure", "~".join([sd[0], forged] + sd[1:]).encode(), _ctx()
    for purpose in ("revocation", "suspension"):
        for revoked in (True, False):
            data, fetcher = _with_status(purpose, revoked)
            yield f"{purpose} {revoked}", data, _ctx(fetcher=fetcher)
    data, _ = _with_status("revocation", True)
    yield "status offline", data, _ctx()
    # status lists an attacker answers with: unsigned, another issuer's, expired
    for name, kw in (("unsigned list", {"sign": False}), ("list of another issuer", {"issuer": "did:example:other"}),
                     ("expired list", {"valid_until": "2026-02-01T00:00:00Z"})):
        data, fetcher = _with_status("revocation", True, **kw)
        yield name, data, _ctx(fetcher=fetcher)
    # a key that is not the issuer's: the demo issuer's credential re-signed by a stranger
    stranger = ed_key("stranger")
    doc = json.loads((demo / "ob3-data-analysis-python.json").read_text())
    doc.pop("proof")
    yield "stranger's key", json.dumps(sign_di(doc, stranger, vm_of(did_key(stranger)))).encode(), _ctx()


BROKEN = [b"", b"   ", b"{", b"[1, 2]", b'"just a string"', b"[" * 100 + b"]" * 100, b'{"a": 1, "a": 2}',
          b'{"@context": ["https://example.org/x"], "type": "Thing"}', b'{"hello": "world"}', b"\xff\xfe{}",
          b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b"<svg xmlns='http://www.w3.org/2000/svg'/>",
          b"<!DOCTYPE svg [<!ENTITY x 'y'>]><svg>&x;</svg>", b"eyJhbGciOiJub25lIn0.e30.", b"a.b.c",
          b"eyJhbGciOiJFZERTQSJ9.WzFd.AAAA", b"%PDF-1.4 garbage"]


def _checks() -> Iterator[tuple[str, Check]]:
    """Every check the core produced over the demo set, the corpus and the attacks."""
    inputs: list[tuple[str, bytes, VerifyContext]] = [
        (p.name, p.read_bytes(), _ctx()) for p in sorted((DEMO / "credentials").iterdir())]
    inputs += [(str(p.relative_to(CORPUS)), p.read_bytes(), _ctx()) for p in sorted(CORPUS.rglob("*"))
               if p.is_file() and p.suffix in (".json", ".jwt", ".txt", ".png", ".svg")
               and "w3c-rdf-canon" not in p.parts and p.stat().st_size < 300_000]

    inputs += list(_attacks())
    for label, data, ctx in inputs:
        try:
            parsed = detect.parse(data, label)
        except WalletError:
            continue
        for c in engine.verify(parsed, ctx).checks:
            yield label, c


@pytest.fixture(scope="module")
def produced() -> list[tuple[str, Check]]:
    return list(_checks())


def _nested_ok(args: dict[str, Any], where: str) -> None:
    for k, v in args.items():
        if isinstance(v, dict) and "message_id" in v:
            assert labels.has(v["message_id"]) and labels.has(v["message_id"], "de"), (where, v)
            _nested_ok(v.get("args") or {}, where)
        elif k == "reason" and isinstance(v, str) and v:  # an exception's English text: a catalogue message
            assert messages.lookup(v) is not None, f"{where}: reason not in the catalogue: {v!r}"


def test_every_check_message_carries_an_id_with_german(produced) -> None:  # noqa: ANN001
    assert len(produced) > 3000
    ids = set()
    for where, c in produced:
        assert c.message_id, f"{where}: {c.id}: {c.message!r} has no message id"
        assert labels.has(c.message_id) and labels.has(c.message_id, "de"), (where, c.message_id)
        _nested_ok(c.args, where)
        assert messages.render(c.message_id, c.args, "en") == c.message, where  # the id renders the same English
        german = messages.check_text(c, "de")
        assert set(PLACEHOLDER.findall(german)) <= set(PLACEHOLDER.findall(c.message)) and german.strip(), where

        ids.add(c.message_id)
    # the attacks reached the messages they are about
    for mid in ("check.status.set", "check.status.not_set", "check.expiry.expired", "check.validity.not_yet_valid",
                "check.disclosures.altered", "check.signature.failed", "check.issuer_key.unconfirmed",
                "check.status.offline"):
        assert mid in ids, mid
    german = [messages.check_text(c, "de") for _, c in produced]
    assert sum(g != c.message for g, (_, c) in zip(german, produced, strict=True)) > 0.95 * len(produced)
    assert "vom Aussteller ausgesetzt (geprüft am 2026-11-25)" in german  # a nested word, in German
    assert "nicht widerrufen (geprüft am 2026-11-25)" in german


def test_a_stored_report_without_ids_translates_by_its_english_text(produced) -> None:  # noqa: ANN001
    """Reports stored before ids, and the web page's engine (the same English): the reverse lookup finds
    each message from its English alone and renders the German the id gives."""
    seen: set[str] = set()
    for where, c in produced:
        if c.message in seen:
            continue
        seen.add(c.message)
        legacy = VerificationReport.from_json({"status": "verified", "checks": [
            {"id": c.id, "status": c.status, "message": c.message}]}).checks[0]
        assert not legacy.message_id
        assert messages.check_text(legacy, "de") == messages.check_text(c, "de"), (where, c.message)
    assert len(seen) > 100


def test_check_json_carries_id_and_args_and_reads_back() -> None:
    c = Check("expiry", "fail", messages.msg("check.expiry.expired", date="5 Nov 2026"), "t", False)
    js = c.to_json()
    assert js == {"id": "expiry", "status": "fail", "message": "expired on 5 Nov 2026", "checked_at": "t",
                  "important": False, "message_id": "check.expiry.expired", "args": {"date": "5 Nov 2026"}}
    back = VerificationReport.from_json({"status": "warning", "checks": [js]}).checks[0]
    assert (back.message_id, back.args, back.message) == (c.message_id, c.args, c.message)
    assert messages.check_text(back, "de") == "abgelaufen am 5. November 2026"
    assert messages.check_text(back, "en") == "expired on 5 Nov 2026"


def test_a_message_no_template_matches_stays_as_it_is() -> None:
    for text in ("something the issuer wrote", "", "expiry: unknown", "{reason}", "a: b"):

        assert messages.translate(text, "de") == text


@pytest.mark.parametrize("data", BROKEN, ids=range(len(BROKEN)))
def test_every_import_error_carries_an_id_with_german(data: bytes) -> None:
    with pytest.raises(WalletError) as err:
        detect.parse(data, "broken.bin")
    exc = err.value
    assert exc.message_id and labels.has(exc.message_id, "de"), str(exc)
    _nested_ok(exc.message_args, str(exc))
    german = messages.error_text(exc, "de")
    assert german.startswith("broken.bin: ") and german != str(exc)
    assert messages.translate(str(exc), "de") == german  # the import summary has only the English text


def test_wallet_error_str_stays_english_with_its_path() -> None:
    from wallet.errors import BadInput

    exc = BadInput(messages.msg("error.input.empty"), path="a.json")
    assert str(exc) == "a.json: file is empty" and exc.message_id == "error.input.empty"
    assert messages.error_text(exc, "de") == "a.json: die Datei ist leer"
    plain = BadInput("not from the catalogue", path="b.json")
    assert plain.message_id == "" and messages.error_text(plain, "de") == "b.json: not from the catalogue"


# -- the front ends ------------------------------------------------------------------------------------------

def _cli(*argv: str, lang: str) -> tuple[int, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CREDWALLET_LANG": lang, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "ui.cli.main", *argv], env=env, capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    return p.returncode, p.stdout + p.stderr


def test_cli_text_output_speaks_german_and_json_stays_english(tmp_path: Path) -> None:
    data, _ = _with_status("revocation", True)  # signed by the test issuer; its status list is offline
    f = tmp_path / "cred.json"
    f.write_bytes(json.dumps(dict(json.loads(data), validUntil="2020-01-01T00:00:00Z")).encode())  # and tampered
    code, de = _cli("verify", str(f), lang="de")
    assert code == 1 and "Ungültig" in de
    assert "Widerruf nicht geprüft (Online-Prüfungen sind aus)" in de
    assert "revocation not checked" not in de and "online checks are off" not in de
    code_en, en = _cli("verify", str(f), lang="en")
    assert code_en == 1 and "revocation not checked (online checks are off)" in en
    _, js_de = _cli("--json", "verify", str(f), lang="de")
    _, js_en = _cli("--json", "verify", str(f), lang="en")
    de_checks, en_checks = json.loads(js_de)["checks"], json.loads(js_en)["checks"]
    assert [c["message"] for c in de_checks] == [c["message"] for c in en_checks]  # --json: English, always
    status = next(c for c in de_checks if c["id"] == "status")
    assert status["message"] == "revocation not checked (online checks are off)"
    assert status["message_id"] == "check.status.offline" and status["args"] == {}
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"a": 1, "a": 2}')
    code, out = _cli("verify", str(broken), lang="de")
    assert code == 2 and "doppelter Schlüssel 'a'" in out and "duplicate key" not in out


def test_german_pdf_names_the_checks_behind_a_warning_in_german(demo, qapp, tmp_path: Path) -> None:  # noqa: ANN001
    import subprocess

    pytest.importorskip("PySide6")
    from ui.render import pdf

    cid = next(s.id for s in demo.credentials() if s.format == "blockcerts")  # a test-network anchor: a warning
    texts = {}
    for lang in ("de", "en"):
        out = tmp_path / f"{lang}.pdf"
        pdf.build(demo, out, [cid], audience="https://careers.example", lang=lang)
        texts[lang] = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                     check=True).stdout
    assert "auf einem Testnetz verankert (mocknet): keine Blockchain zu prüfen" in " ".join(texts["de"].split())
    assert "anchored on a test network" not in texts["de"]
    assert "anchored on a test network (mocknet): no blockchain to check" in " ".join(texts["en"].split())
