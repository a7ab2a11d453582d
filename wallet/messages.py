"""Check messages and import errors by stable id, in every language of the label catalogue.

The core writes a message as ``msg("check.expired", date=...)``: a ``Message``, which is the English text
(a ``str``, so everything that printed, compared or stored the English sentence keeps doing so, byte for
byte) that also knows its catalogue id and arguments.  ``Report.add`` keeps the id and arguments on the
``Check`` (``--json``: ``message_id``, ``args``); ``WalletError`` keeps them too.  Templates live in the
label catalogue (``resources/labels/<lang>.json``) under ``check.*`` (what a check found), ``error.*``
(why an input could not be read) and ``word.*`` (words and phrases put into other messages: "revoked",
"the key binding JWT").

An argument that is itself a message (a nested reason, a word) is passed as a ``Message`` (or an exception
that carries one) and is translated with the sentence around it; a plain string argument is translated when
the whole of it is a catalogue message (an exception's English text), else left as it is (names, URLs).

Reports stored before ids existed, and the messages of the web page's JS engine (the same English text),
are translated by ``translate``: each English template is compiled into an anchored regex (placeholders as
non-greedy groups), tried most specific first, and the match is re-rendered in the target language.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from . import labels

PREFIXES = ("check.", "error.", "word.")


class Message(str):
    """The English text of a catalogue message, with its id and (JSON-able) arguments."""

    id: str
    args: dict[str, Any]

    def __new__(cls, text: str, msg_id: str, args: dict[str, Any]) -> Message:
        self = super().__new__(cls, text)
        self.id, self.args = msg_id, args
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its id (an exception sent from the checking process)
        return (Message, (str(self), self.id, self.args))



def _arg(value: Any) -> Any:
    """An argument as JSON: a nested message as {"message_id", "args"}, numbers as they are, else text."""
    if isinstance(value, Message):
        return {"message_id": value.id, "args": value.args}
    if isinstance(value, BaseException):
        if getattr(value, "message_id", None):  # a WalletError made from a Message
            return {"message_id": getattr(value, "message_id"), "args": getattr(value, "message_args", {})}

        first = value.args[0] if len(value.args) == 1 else None
        if isinstance(first, Message):  # raise SomeError(msg("error...."))
            return {"message_id": first.id, "args": first.args}
        return str(value)

    if isinstance(value, bool) or value is None:
        return str(value) if value is not None else ""
    if isinstance(value, int | float):
        return value
    return str(value)


def msg(msg_id: str, /, **args: Any) -> Message:
    """The message ``msg_id`` (in the catalogue's English) with its arguments.

    On every check of every credential, so English is rendered here directly (``render(msg_id, js, "en")``
    gives the same text: a nested Message's English is its own text, plain strings stay as they are)."""
    template = labels.catalogue(labels.DEFAULT).get(msg_id)
    if not args:
        return Message(msg_id if template is None else template, msg_id, {})
    js: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for k, v in args.items():
        if isinstance(v, Message):
            js[k], values[k] = {"message_id": v.id, "args": v.args}, str.__str__(v)
            continue
        a = js[k] = _arg(v)
        values[k] = render(a["message_id"], a["args"], labels.DEFAULT) if isinstance(a, dict) else a
    if template is None:
        return Message(msg_id, msg_id, js)
    try:
        text = template.format_map(_Lenient(values))
    except (ValueError, IndexError, AttributeError):
        text = template
    return Message(text, msg_id, js)


def render(msg_id: str, args: dict[str, Any] | None, lang: str | None = None) -> str:
    """The message in the language; nested messages and plain-text arguments that are messages translated."""
    lang = labels.language(lang)
    values: dict[str, Any] = {}
    for k, v in (args or {}).items():
        if isinstance(v, dict) and isinstance(v.get("message_id"), str):
            values[k] = render(v["message_id"], v.get("args") if isinstance(v.get("args"), dict) else {}, lang)
        elif isinstance(v, str) and lang != labels.DEFAULT:
            values[k] = translate(v, lang)
        else:
            values[k] = v
    template = labels.catalogue(lang).get(msg_id) or labels.catalogue(labels.DEFAULT).get(msg_id)
    if template is None:
        return msg_id
    try:
        return template.format_map(_Lenient(values))
    except (ValueError, IndexError, AttributeError):
        return labels.catalogue(labels.DEFAULT).get(msg_id, msg_id)


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def check_text(check: Any, lang: str | None = None) -> str:
    """A check's message (a ``Check`` or its JSON) in the language: by its id when it has one, else by
    matching its English text against the templates; a message no template matches comes back as it is."""
    get = check.get if isinstance(check, dict) else lambda k, d=None: getattr(check, k, d)
    english = str(get("message", "") or "")
    mid = get("message_id", "") or ""
    if labels.language(lang) == labels.DEFAULT:
        return english
    if mid and labels.has(mid):
        return render(mid, get("args", None) or {}, lang)
    return translate(english, lang)


def error_text(error: Any, lang: str | None = None) -> str:
    """A WalletError (or its English text, as ImportResult.error holds it) in the language."""
    if labels.language(lang) == labels.DEFAULT:
        return str(error)
    mid = getattr(error, "message_id", None)
    if mid and labels.has(mid):
        text = render(mid, getattr(error, "message_args", {}), lang)
        path = getattr(error, "path", None)
        return f"{path}: {text}" if path else text
    return translate(str(error), lang)


# -- reverse lookup: English text -> (id, args) -----------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    """Every English template with literal text, as an anchored regex, with the length of its literal text."""
    out: list[tuple[re.Pattern[str], str, int]] = []
    for mid, template in labels.catalogue(labels.DEFAULT).items():
        if not mid.startswith(PREFIXES):
            continue
        parts, seen, pos = [], set(), 0
        for m in _PLACEHOLDER.finditer(template):
            parts.append(re.escape(template[pos:m.start()].replace("{{", "{").replace("}}", "}")))
            name = m.group(1)
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
            seen.add(name)
            pos = m.end()
        parts.append(re.escape(template[pos:]))
        literal = len(_PLACEHOLDER.sub("", template))
        if literal:  # "{reason}" alone would match anything
            out.append((re.compile("".join(parts), re.DOTALL), mid, literal))
    return tuple(out)


def lookup(english: str) -> tuple[str, dict[str, Any]] | None:
    """The catalogue id and arguments of an English message, or None when no template matches it."""
    found = _best(english)
    return (found[0], found[1]) if found else None


@cache
def _best(english: str) -> tuple[str, dict[str, Any], int] | None:
    """Of the templates that match, the one that explains most of the text: its own literal text plus what the
    messages it holds explain ("2 of 2 proofs not checked: proof type 'X' is not supported" is "{what}:
    {reason}" holding two messages, not "{feature} is not supported"); on a tie, the more literal template."""
    best: tuple[str, dict[str, Any], int] | None = None
    best_literal = 0
    for pattern, mid, literal in _patterns():
        m = pattern.fullmatch(english)
        if not m:
            continue
        args = m.groupdict()
        score = literal
        for v in args.values():
            inner = _best(v) if v and v != english else None
            score += inner[2] if inner else 0
        if best is None or (score, literal) > (best[2], best_literal):
            best, best_literal = (mid, args, score), literal
    return best


def translate(english: str, lang: str | None = None) -> str:
    """An English message (stored before ids, or from the web page's engine) in the language.  A message
    that starts with what it is about ("file.json: not UTF-8 text") is matched after the prefix."""
    lang = labels.language(lang)
    if lang == labels.DEFAULT or not english:
        return english
    return _translate(english, lang)


_DAY = re.compile(r"(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def _translate(english: str, lang: str) -> str:
    found = lookup(english)
    if found:
        return render(found[0], found[1], lang)
    day = _DAY.fullmatch(english)  # a date as wallet.verify.checks.day writes it: "5 Nov 2026"
    if day:
        try:
            when = dt.date(int(day[3]), _MONTHS.index(day[2]) + 1, int(day[1]))
        except ValueError:
            return english
        return labels.date(when, lang)

    start = english.find(": ")
    while start != -1:  # "<path>: <message>"
        found = lookup(english[start + 2:])
        if found:
            return english[:start + 2] + render(found[0], found[1], lang)
        start = english.find(": ", start + 2)
    if "; " in english:  # a list of problems
        return "; ".join(_translate(part, lang) for part in english.split("; "))
    return english



def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))
