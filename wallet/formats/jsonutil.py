"""Strict JSON for untrusted input: UTF-8 only, no duplicate keys, no NaN/Infinity, bounded depth."""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from ..errors import BadInput
from ..messages import msg

MAX_DEPTH = 64


def _no_dupes(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(msg("error.json.duplicate_key", key=repr(k)))
        out[k] = v
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(msg("error.json.constant", name=name))


def _finite_float(s: str) -> float:
    import math

    f = float(s)
    if not math.isfinite(f):
        raise ValueError(msg("error.json.out_of_range", value=repr(s[:20])))
    return f


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.S)  # an unterminated string runs to the end
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth_ok(data: bytes | str) -> bool:
    """Is the nesting at most MAX_DEPTH?  Strings are cut out and the brackets left are counted by C loops
    (regex, str.count, accumulate): a 20 MB document took 0.85 s character by character, and this runs on
    every credential checked."""
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets.count("[") + brackets.count("{") <= MAX_DEPTH:  # it cannot nest deeper than it opens
        return True
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) <= MAX_DEPTH


def loads_strict(data: bytes | str, source: str = "input") -> Any:
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise BadInput(msg("error.utf8", detail=exc.reason, at=exc.start), path=source) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _depth_ok(text):
        raise BadInput(msg("error.json.deeper", max=MAX_DEPTH), path=source)
    try:
        return json.loads(
            text, object_pairs_hook=_no_dupes, parse_constant=_reject_constant, parse_float=_finite_float
        )
    except RecursionError as exc:
        raise BadInput(msg("error.json.too_deep"), path=source) from exc
    except ValueError as exc:
        raise BadInput(msg("error.json.invalid", detail=exc), path=source) from exc

