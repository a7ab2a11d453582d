"""JSON values as RDF literals, as pyld writes them (its _expand_value and _object_to_rdf), for the fast
JSON-LD walk (jsonld_fast).  A value pyld would write otherwise, or refuse, raises ``Unsupported`` and the
document goes to pyld."""

from __future__ import annotations

import re
from typing import Any

from pyld.jsonld import XSD_BOOLEAN, XSD_DOUBLE, XSD_INTEGER, XSD_STRING

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_DOUBLE = re.compile(r"(\d)0*E\+?(-)?0*(\d)")  # pyld's _canonicalize_double


class Unsupported(Exception):
    """Not a document this path answers for: pyld expands it (and gives any refusal)."""


def _canonical_double(value: float) -> str:
    return _DOUBLE.sub(r"\1E\2\3", f"{value:1.15E}")


def value_object(item: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """{"@value": ..., "@language": ...}: its literal and the raw value (for pyld's merge of equal values)."""
    if set(item) - {"@value", "@language"}:
        raise Unsupported("value object")
    lang = item.get("@language")
    if lang is not None and not isinstance(lang, str):
        raise Unsupported("@language")
    return literal(item["@value"], None, lang.lower() if lang is not None else None)


def literal(value: Any, datatype: str | None, language: str | None) -> tuple[dict[str, Any], Any]:
    """A string, number or boolean with its coercion (datatype) or language: its literal and the raw value."""
    if isinstance(value, bool):
        text, dt = ("true" if value else "false"), datatype or XSD_BOOLEAN
    elif isinstance(value, float):
        text, dt = _canonical_double(value), datatype or XSD_DOUBLE
    elif isinstance(value, int):
        if abs(value) >= 10**21:
            raise Unsupported("a very large integer")
        text, dt = str(value), datatype or XSD_INTEGER
    elif isinstance(value, str):
        if datatype == XSD_DOUBLE:
            raise Unsupported("a string typed xsd:double")
        if language is not None and datatype is None:
            return {"type": "literal", "value": value, "datatype": RDF_LANGSTRING, "language": language}, value
        text, dt = value, datatype or XSD_STRING
    else:
        raise Unsupported("not a JSON scalar")
    if language is not None and not isinstance(value, str):
        raise Unsupported("a language on a non-string")
    return {"type": "literal", "value": text, "datatype": dt}, value
