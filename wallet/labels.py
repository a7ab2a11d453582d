"""The label catalogue: the words people read, by stable id, in every language the wallet speaks.

One catalogue for the command line's text output, the portfolio PDF and the desktop app (which keeps
Qt's own .ts/.qm files for its widgets' strings and takes status words, field names, units, dates and
micro-credential element labels from here).  The catalogue is ``resources/labels/<lang>.json``: a flat
map of message id to text with ``{name}`` placeholders.  A language is added by adding its file.

Ids by prefix: ``status.*`` (the verdict names of wallet/verify/verdict.py), ``field.*`` (claim and
property names: SD-JWT claims such as ``family_name``, Open Badges 3.0 / VC terms), ``element.*``
(micro-credential elements), ``unit.*``, ``date.*``/``month.*``, ``qr.*``, ``label.*`` (headings of a
credential's fields), ``cli.*`` and ``pdf.*``.

The language: the ``lang`` argument, else the one the front end chose (``use``), else ``CREDWALLET_LANG``,
else English.  An id missing from a language falls back to English; an id missing from English is
returned as it is (a test keeps every id that ui/ uses in the catalogue, with German).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from functools import cache

from . import paths

DEFAULT = "en"
_chosen: list[str] = []


def available() -> list[str]:
    return sorted(p.stem for p in (paths.resources_dir() / "labels").glob("*.json"))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of one language ({} when the language has no file)."""
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", lang):
        return {}
    try:
        data = json.loads((paths.resources_dir() / "labels" / f"{lang}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def use(lang: str | None) -> None:
    """The language a front end chose for this process (None: back to CREDWALLET_LANG / English)."""
    _chosen.clear()
    if lang:
        _chosen.append(lang)


def language(lang: str | None = None) -> str:
    for code in (lang, *(_chosen[:1]), os.environ.get("CREDWALLET_LANG")):
        if code:
            code = code.split(".")[0].replace("-", "_")
            for c in (code, code.split("_")[0].lower()):
                if catalogue(c):
                    return c
    return DEFAULT


def text(msg_id: str, lang: str | None = None, /, **values: object) -> str:
    """The message ``msg_id`` in the language, its ``{placeholders}`` filled in."""
    raw = catalogue(language(lang)).get(msg_id) or catalogue(DEFAULT).get(msg_id) or msg_id
    if not values:
        return raw
    return raw.format_map({k: ("" if v is None else v) for k, v in values.items()})


def has(msg_id: str, lang: str = DEFAULT) -> bool:
    return msg_id in catalogue(lang)


def status(value: str, lang: str | None = None) -> str:
    """A verdict (verified, warning, invalid, unverified) in words; the same words everywhere."""
    return text(f"status.{value}", lang) if has(f"status.{value}") else value


def number(n: float, lang: str | None = None) -> str:
    s = f"{n:g}"
    return s.replace(".", ",") if language(lang) == "de" else s


def credits(n: float, lang: str | None = None) -> str:
    """'5 credits', '1 credit', '7.5 credits' ('7,5 Leistungspunkte')."""
    return text("unit.credit" if n == 1 else "unit.credits", lang, n=number(n, lang))


def date(value: str | dt.date | dt.datetime | None, lang: str | None = None) -> str:
    """A date for people: '2 April 2026', '2. April 2026'.  Not strftime (no '%-d' on Windows, and
    month names in the catalogue's language, not the process locale's).  Unreadable input comes back as is."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            d = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    elif isinstance(value, dt.datetime):
        d = value.date()
    else:
        d = value
    return text("date.long", lang, day=d.day, month=text(f"month.{d.month}", lang), year=d.year)


def _split_words(name: str) -> str:
    """'creditsAvailable' -> 'Credits available', 'license_number' -> 'License number'."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").replace("-", " ").split()
    if not words:
        return name
    out = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return out[:1].upper() + out[1:]


def field(name: str, lang: str | None = None) -> str:
    """The human label of a claim or property name; unknown names are split into words."""
    key = name.split(":")[-1].split("#")[-1].split("/")[-1] or name
    msg = f"field.{key}"
    return text(msg, lang) if has(msg) else _split_words(key)


def pointer(ptr: str, lang: str | None = None, *, indexes: bool = True) -> str:
    """A JSON Pointer for people: '/credentialSubject/achievement/creditsAvailable' ->
    'Achievement › Credits available'.  ``indexes=False`` leaves out list positions."""
    from .crypto.pointers import pointer_tokens

    tokens = list(pointer_tokens(ptr))
    if tokens == ["name"]:  # the credential's own name, not the learner's ('/credentialSubject/name')
        return text("pointer.title", lang)
    if len(tokens) > 1 and tokens[0] == "credentialSubject":
        tokens = tokens[1:]
    parts = [str(int(t) + 1) if t.isdigit() else field(t, lang) for t in tokens if indexes or not t.isdigit()]
    return " › ".join(parts) or field("credentialSubject", lang)


def pointers(ptrs: Iterable[str], lang: str | None = None) -> list[str]:
    """Labels for a list of pointers, without repeats (the entries of a list count once), in order."""
    out: list[str] = []
    for p in ptrs:
        label = pointer(p, lang, indexes=False)
        if label not in out:
            out.append(label)
    return out


def element(key: str, lang: str | None = None) -> str:
    return text(f"element.{key}", lang)


def issuer_words(confirmation: dict, name: str, lang: str | None = None) -> str:
    """How the issuer was confirmed (a rung of wallet.verify.verdict's ladder), in the catalogue's words."""
    rung = confirmation.get("confirmation") or "not_confirmed"
    msg = f"issuer.{rung}" if has(f"issuer.{rung}") else "issuer.not_confirmed"
    return text(msg, lang, name=confirmation.get("trusted_name") or name, domain=confirmation.get("domain") or "")


def headline(english: str, value: str, confirmation: dict, name: str, lang: str | None = None) -> str:
    """The verdict line: in English the core's own sentence (wallet.verify.verdict.headline, which also
    names lesser warnings); in another language the status word and how the issuer was confirmed."""
    if language(lang) == DEFAULT:
        return english
    return text("verdict.line", lang, status=status(value, lang), issuer=issuer_words(confirmation, name, lang))
