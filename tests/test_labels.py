"""The label catalogue (wallet/labels.py, resources/labels/*.json) and the GUI's Qt translations: a
user-visible string without German fails here.

"User-visible" means: every catalogue id (ui/ and the core use them for status words, field names,
units, dates, micro-credential elements, the QR sequence hint, the CLI text and the PDF), and every
string the desktop app passes to ``tr()`` / ``QApplication.translate()``."""

from __future__ import annotations

import ast
import json
import re
import xml.etree.ElementTree as ET  # our own translation file
from pathlib import Path

import pytest

from wallet import labels, paths
from wallet.model import ISSUER_DOMAIN, NOT_CONFIRMED, TRUST_LIST, UNKNOWN_KEY
from wallet.portfolio.elements import ELEMENTS
from wallet.verify.verdict import STATUS_WORDS

ROOT = Path(__file__).resolve().parents[1]
LABELS = paths.resources_dir() / "labels"
TS = paths.resources_dir() / "translations" / "credwallet_de.ts"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
QT_PLACEHOLDER = re.compile(r"%\d")


def _catalogue(lang: str) -> dict[str, str]:
    return json.loads((LABELS / f"{lang}.json").read_text("utf-8"))


def test_every_message_has_german_with_the_same_placeholders() -> None:
    en, de = _catalogue("en"), _catalogue("de")
    assert set(en) == set(de), (set(en) ^ set(de))
    for k, v in en.items():
        assert de[k].strip(), k
        assert sorted(PLACEHOLDER.findall(v)) == sorted(PLACEHOLDER.findall(de[k])), k
        assert v.format(**{p: "x" for p in PLACEHOLDER.findall(v)})  # no stray braces


def _ids_used_in_code() -> set[str]:
    """Literal message ids passed to the catalogue anywhere in ui/ and wallet/."""
    found: set[str] = set()
    calls = {"text", "L", "has"}
    for path in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "wallet").rglob("*.py")]:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                value = node.args[0].value
                if name in calls and re.fullmatch(r"[a-z_]+\.[\w.]+", value):
                    found.add(value)
    return found


def test_every_id_the_code_uses_is_in_the_catalogue_with_german() -> None:
    used = _ids_used_in_code()
    assert len(used) > 60 and "pdf.shared_fields" in used and "cli.import.trust_demo" in used
    # ids built from a value: every value they can take
    used |= {f"status.{s}" for s in STATUS_WORDS} | {f"element.{k}" for k, _ in ELEMENTS}
    used |= {f"month.{m}" for m in range(1, 13)} | {f"issuer.{r}" for r in (TRUST_LIST, ISSUER_DOMAIN, UNKNOWN_KEY,
                                                                           NOT_CONFIRMED)}
    used |= {f"label.{k}" for k in ("id", "format", "status", "verdict", "issuer", "subject", "issued", "expires",
                                     "description", "criteria", "credits", "level", "results", "skills", "tags",
                                     "notes", "sharing", "file", "imported")}
    en, de = _catalogue("en"), _catalogue("de")
    missing = sorted(i for i in used if i not in en or not de.get(i))
    assert not missing, missing


def test_status_words_are_one_set_matching_the_verdict_names() -> None:
    for status, words in STATUS_WORDS.items():
        assert labels.status(status, "en") == words
    assert len({labels.status(s, "de") for s in STATUS_WORDS}) == 4  # four different German words
    from ui.cli import output

    assert output.STATUS_WORDS == STATUS_WORDS


def test_micro_credential_elements_match_the_core() -> None:
    for key, english in ELEMENTS:
        assert labels.element(key, "en") == english and labels.element(key, "de") != english


@pytest.mark.parametrize(("name", "en", "de"), [
    ("family_name", "Family name", "Familienname"), ("license_number", "Licence number", "Lizenznummer"),
    ("creditsAvailable", "Credits available", "Erreichbare Leistungspunkte"),
    ("achievementType", "Achievement type", "Art der Leistung"), ("resultDescription", "Result description",
                                                                  "Ergebnisbeschreibung"),
    ("https://purl.imsglobal.org/spec/vc/ob/vocab.html#fieldOfStudy", "Field of study", "Studienfach"),
])
def test_field_labels(name: str, en: str, de: str) -> None:
    assert labels.field(name, "en") == en and labels.field(name, "de") == de


def test_pointers_units_dates() -> None:
    assert labels.pointer("/credentialSubject/achievement/alignment/0", "en") == "Achievement › Alignment › 1"
    assert labels.pointer("/name", "en") == "Title" and labels.pointer("/credentialSubject/name", "en") == "Name"
    assert labels.pointer("/name", "de") == "Titel"
    assert labels.pointers(["/credentialSubject/result/0", "/credentialSubject/result/1", "/family_name"], "de") == \
        ["Ergebnis", "Familienname"]
    assert labels.pointer("/someUnknownTerm") == "Some unknown term"  # never a raw pointer
    assert labels.credits(1, "en") == "1 credit" and labels.credits(7.5, "de") == "7,5 Leistungspunkte"
    assert labels.date("2026-03-01T10:00:00Z", "en") == "1 March 2026"
    assert labels.date("2026-03-01", "de") == "1. März 2026"
    assert labels.date("not a date", "de") == "not a date"


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREDWALLET_LANG", raising=False)
    labels.use(None)
    assert labels.language() == "en"
    monkeypatch.setenv("CREDWALLET_LANG", "de_DE.UTF-8")
    assert labels.language() == "de" and labels.status("invalid") == "Ungültig"
    labels.use("en")  # the front end's choice wins over the environment
    assert labels.language() == "en"
    labels.use(None)
    assert labels.language("xx") == "de"  # an unknown language falls through to the next choice
    assert labels.language("../../etc/passwd") == "de"  # never a path
    assert labels.text("no.such.id", "de") == "no.such.id"


def test_qr_sequence_hint_is_in_the_catalogue() -> None:
    from wallet.present.qr import sequence_hint

    assert sequence_hint(3, [{"disclosed": "whole credential"}], "de").startswith("dafür sind 3 QR-Codes nötig")
    assert sequence_hint(3, [{"disclosed": "whole credential"}], "en").startswith("this needs 3 QR codes")
    assert sequence_hint(1, [], "de") == ""


# --- the desktop app's Qt translations ---------------------------------------------------------------


def _ts_messages() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for msg in ET.parse(TS).iter("message"):
        tr = msg.find("translation")
        ok = tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished") and (tr.text or "").strip()
        out[msg.findtext("source") or ""] = (tr.text if ok else None)
    return out


def _tr_literals() -> set[str]:
    """Strings the GUI passes to tr() / translate(): one literal (or adjacent literals) as the argument."""
    found: set[str] = set()
    for path in (ROOT / "ui" / "gui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = node.args[1:] if name == "translate" else node.args if name == "tr" else []
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.add(args[0].value)
    return found


def test_every_gui_string_has_german() -> None:
    messages = _ts_messages()
    untranslated = sorted(s for s, t in messages.items() if t is None)
    assert not untranslated, untranslated
    for src, tr in messages.items():
        assert sorted(QT_PLACEHOLDER.findall(src)) == sorted(QT_PLACEHOLDER.findall(tr or "")), src
    missing = sorted(s for s in _tr_literals() if s not in messages and s.strip())
    assert not missing, f"run pyside6-lupdate and add German (resources/translations/translate_de.py): {missing}"
    qm = TS.with_suffix(".qm")
    assert qm.stat().st_mtime >= TS.stat().st_mtime - 5, "credwallet_de.qm is older than the .ts: run pyside6-lrelease"
