"""Small contracts of the report: how dates read (the same on every platform) and what a check keeps when
it is stored."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from wallet.model import FAIL, PASS, SKIPPED, Check, VerificationReport
from wallet.verify import verdict
from wallet.verify.checks import day

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("when", "words"), [((2026, 11, 5), "5 Nov 2026"), ((2026, 1, 31), "31 Jan 2026"),
                                             ((999, 12, 1), "1 Dec 999")])
def test_day_reads_without_a_leading_zero(when: tuple[int, int, int], words: str) -> None:
    assert day(dt.datetime(*when, 13, 0, tzinfo=dt.timezone.utc)) == words


def test_no_platform_specific_strftime_flags() -> None:
    """``%-d`` (glibc's "no padding") raises ValueError on Windows; ``%#d`` is its Windows twin.  Neither may
    appear in a strftime format anywhere in the code that ships."""
    offenders = []
    for folder in ("wallet", "ui"):
        for f in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(f.read_text("utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strftime":
                    for arg in node.args:
                        for c in ast.walk(arg):
                            if isinstance(c, ast.Constant) and isinstance(c.value, str) and \
                                    ("%-" in c.value or "%#" in c.value):
                                offenders.append(f"{f.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_a_stored_check_keeps_whether_it_is_important() -> None:
    """A lesser check (an expired credential, an issuer not in the list) must read back as lesser, or a stored
    report would roll up to another verdict than the one it had when it was checked."""
    report = VerificationReport(verdict.rollup(checks := [
        Check("signature", PASS, "valid", "2026-11-25T00:00:00Z"),
        Check("expiry", FAIL, "expired on 1 Jan 2026", "2026-11-25T00:00:00Z", important=False),
        Check("issuer_trust", SKIPPED, "not in your list", "2026-11-25T00:00:00Z", important=False),
    ]), checks, "2026-11-25T00:00:00Z")
    assert report.status == "warning"
    stored = json.loads(json.dumps(report.to_json()))
    assert [c.get("important", True) for c in stored["checks"]] == [True, False, False]
    back = VerificationReport.from_json(stored)
    assert [c.important for c in back.checks] == [True, False, False]
    assert back.checks == report.checks
    assert verdict.rollup(back.checks) == report.status == "warning"
    # an important failure stays important: the stored report is still invalid
    bad = Check("status", FAIL, "revoked", "2026-11-25T00:00:00Z")
    assert VerificationReport.from_json({"checks": [bad.to_json()]}).checks[0].important is True
