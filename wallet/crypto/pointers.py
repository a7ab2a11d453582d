"""JSON Pointers (RFC 6901) into a credential's claims, and which claims are personal details.

Selective disclosure (SD-JWT disclosures, ecdsa-sd-2023 statements) is chosen by pointer; what is
shared when the learner does not choose is everything except personal details.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Never shared unless the learner asks for them by path (compared without case, '_' and '-').
PERSONAL_DETAILS = frozenset({
    "birthdate", "dateofbirth", "placeofbirth", "birthplace", "birthcountry", "agebirthyear",
    "email", "emailaddress", "phone", "phonenumber", "telephone", "mobile",
    "address", "streetaddress", "postalcode", "postcode",
    "nationality", "nationalities", "gender", "sex",
    "identifier", "identityhash",  # Open Badges 3.0: the learner's e-mail, student number...
})


def is_personal(tokens: Iterable[str]) -> bool:
    return any(t.lower().replace("_", "").replace("-", "") in PERSONAL_DETAILS for t in tokens)


def pointer_tokens(pointer: str) -> tuple[str, ...]:
    """'/a~1b/c' -> ('a/b', 'c'); ValueError for text that is not a JSON Pointer."""
    if pointer == "":
        return ()
    if not isinstance(pointer, str) or not pointer.startswith("/"):
        raise ValueError(f"{pointer!r} is not a JSON Pointer (it must start with '/')")
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/"))


def to_pointer(tokens: Iterable[str]) -> str:
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def value_at(doc: Any, pointer: str, default: Any = None) -> Any:
    """The value a JSON Pointer names in ``doc``, or ``default``."""
    for t in pointer_tokens(pointer):
        if isinstance(doc, list) and t.isdigit() and int(t) < len(doc):
            doc = doc[int(t)]
        elif isinstance(doc, dict) and t in doc:
            doc = doc[t]
        else:
            return default
    return doc


def pointer_label(pointer: str) -> str:
    """For people: '/credentialSubject/achievement/alignment/0' -> 'achievement › alignment › 1'."""
    tokens = list(pointer_tokens(pointer))
    if len(tokens) > 1 and tokens[0] == "credentialSubject":
        tokens = tokens[1:]
    return " › ".join(str(int(t) + 1) if t.isdigit() else t for t in tokens)


SKIPPED_KEYS = ("id", "type", "@context")  # they travel with whatever of their node is shown


def leaf_pointers(document: Any) -> list[str]:
    """The fields a learner can show or hide, each as a pointer: plain values; a list of plain values as
    one field; each object in a list as one field (an alignment, a result); an object that is only an
    id and a type (an image, a linked record) as one field.  Not ``proof`` or ``@context``, and not ids
    or types on their own: they come with whatever of their node is shown."""
    out: list[str] = []

    def walk(node: Any, tokens: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            keys = [k for k in node if k not in SKIPPED_KEYS and (tokens or k != "proof")]
            if not keys and tokens:
                out.append(to_pointer(tokens))
            for k in keys:
                walk(node[k], (*tokens, k))
        elif isinstance(node, list) and any(isinstance(x, dict | list) for x in node):
            for i in range(len(node)):
                out.append(to_pointer((*tokens, str(i))))
        elif tokens:
            out.append(to_pointer(tokens))

    walk(document, ())
    return out
