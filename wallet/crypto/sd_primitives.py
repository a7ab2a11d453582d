"""Data Integrity selective-disclosure primitives (W3C VC Data Integrity ECDSA Cryptosuites, section 3.4).

A credential is split into canonical N-Quads; JSON Pointers choose which of them go into a group
(mandatory, selectively disclosed, ...).  To find the statements a pointer selects, every blank node
of the expanded document is first given a stable name ("skolemized"), so a fragment selected from the
document names its blank nodes exactly as the whole document does.  Blank node labels are then
replaced by HMAC-derived labels, so a derived proof does not leak how the issuer's data was shaped.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import cbor2

from . import publickeys as keys
from .canon import (
    DEFAULT_MAX_WORK,
    Quad,
    _Canonicalizer,
    _dataset_quads,
    canonicalize_dataset_lines,
    serialize_nquad,
)
from .jsonld import DocumentLoader, rdf_dataset, run_safe
from .pointers import pointer_tokens

SKOLEM_PREFIX = "urn:cw-bnid:"  # any IRI scheme works: it is turned back into blank nodes before hashing


class SelectionError(ValueError):
    """A JSON Pointer that does not point into the credential."""


# --- JSON Pointers ---------------------------------------------------------------------------------

def pointer_to_paths(pointer: str) -> list[str]:
    try:
        return list(pointer_tokens(pointer))
    except ValueError as exc:
        raise SelectionError(str(exc)) from exc


def _initial_selection(source: Any) -> dict[str, Any]:
    """What any selection of a node keeps: its id (unless a blank node id) and its type."""
    out: dict[str, Any] = {}
    if isinstance(source, dict):
        ident = source.get("id")
        if isinstance(ident, str) and not ident.startswith("_:"):
            out["id"] = ident
        if "type" in source:
            out["type"] = copy.deepcopy(source["type"])
    return out


_HOLE = object()


def _step(container: Any, path: str, pointer: str) -> tuple[Any, Any]:
    """(key, value) for one pointer step, or SelectionError."""
    if isinstance(container, list):
        if not path.isdigit() or (len(path) > 1 and path.startswith("0")) or int(path) >= len(container):
            raise SelectionError(f"{pointer}: {path!r} is not an index of the list there")
        return int(path), container[int(path)]
    if isinstance(container, dict) and path in container:
        return path, container[path]
    raise SelectionError(f"{pointer} does not point into the credential (no {path!r} there)")


def _select_paths(document: dict[str, Any], pointer: str, selection: dict[str, Any], arrays: list[list[Any]]) -> None:
    paths = pointer_to_paths(pointer)
    value: Any = document
    selected_parent: Any = selection
    selected_value: Any = selection
    key: Any = None
    for path in paths:
        selected_parent = selected_value
        key, value = _step(value, path, pointer)
        if isinstance(selected_parent, list):
            while len(selected_parent) <= key:
                selected_parent.append(_HOLE)
            selected_value = selected_parent[key]
        else:
            selected_value = selected_parent.get(key, _HOLE)
        if selected_value is _HOLE:
            if isinstance(value, list):
                selected_value = []
                arrays.append(selected_value)
            else:
                selected_value = _initial_selection(value)
            selected_parent[key] = selected_value
    if key is None:
        raise SelectionError("the empty pointer would select the whole credential")
    if isinstance(value, dict):
        merged = dict(selected_value) if isinstance(selected_value, dict) else {}
        merged.update(copy.deepcopy(value))
        selected_parent[key] = merged
    else:
        selected_parent[key] = copy.deepcopy(value)


def select_json_ld(pointers: Iterable[str], document: dict[str, Any]) -> dict[str, Any] | None:
    """The part of ``document`` the pointers name, with the id and type of every node on the way."""
    pointers = list(pointers)
    if not pointers:
        return None
    arrays: list[list[Any]] = []
    selection = _initial_selection(document)
    if "@context" in document:
        selection["@context"] = copy.deepcopy(document["@context"])
    for pointer in pointers:
        _select_paths(document, pointer, selection, arrays)
    for array in arrays:
        array[:] = [x for x in array if x is not _HOLE]
    return selection


# --- skolemization -----------------------------------------------------------------------------------

def _skolemize(expanded: Any, counter: list[int], prefix: str) -> Any:
    if isinstance(expanded, list):
        return [_skolemize(x, counter, prefix) for x in expanded]
    if not isinstance(expanded, dict) or "@value" in expanded:
        return expanded
    node = {k: _skolemize(v, counter, prefix) for k, v in expanded.items()}
    if "@list" in expanded or "@set" in expanded:
        return node  # not a node object
    ident = node.get("@id")
    if ident is None:
        node["@id"] = f"{SKOLEM_PREFIX}{prefix}_{counter[0]}"
        counter[0] += 1
    elif isinstance(ident, str) and ident.startswith("_:"):
        node["@id"] = SKOLEM_PREFIX + ident[2:]
    return node


def skolemize(document: dict[str, Any], loader: DocumentLoader, prefix: str = "b") -> dict[str, Any]:
    """The compact document with every blank node given a (temporary) IRI.  Expansion is in safe mode:
    a term the contexts do not define is an error, not silently left out of what is signed."""
    skolemized = _skolemize(run_safe("expand", document, loader), [0], prefix)
    ctx = document.get("@context")
    return run_safe("compact", skolemized, loader, {"@context": ctx} if ctx is not None else {})


def deskolemized_quads(document: dict[str, Any], loader: DocumentLoader) -> list[Quad]:
    """The document's RDF (safe mode), with skolem IRIs turned back into blank nodes."""
    quads = []
    for q in _dataset_quads(rdf_dataset(document, loader)):
        q = dict(q)
        for pos in ("subject", "object", "name"):
            comp = q.get(pos)
            if comp and comp["type"] == "IRI" and comp["value"].startswith(SKOLEM_PREFIX):
                q[pos] = {"type": "blank node", "value": "_:" + comp["value"][len(SKOLEM_PREFIX):]}
        quads.append(q)
    return quads


def relabel(quads: list[Quad], label_map: dict[str, str]) -> list[str]:
    """N-Quads with blank node labels replaced (``label_map``: label without ``_:`` -> new label)."""
    out = []
    for q in quads:
        q = dict(q)
        for pos in ("subject", "object", "name"):
            comp = q.get(pos)
            if comp and comp["type"] == "blank node":
                label = comp["value"][2:]
                if label not in label_map:
                    raise SelectionError("a selected blank node is not in the credential")
                q[pos] = {"type": "blank node", "value": "_:" + label_map[label]}
        out.append(serialize_nquad(q))
    return sorted(set(out))


def canonical_id_map(quads: list[Quad], max_work: int = DEFAULT_MAX_WORK) -> dict[str, str]:
    """RDFC-1.0 issued identifiers, without ``_:``: input label -> ``c14nN``."""
    _lines, issued = _Canonicalizer(quads, "sha256", max_work).run()
    return {k[2:]: v[2:] for k, v in issued.items()}


def hmac_labeler(hmac_key: bytes) -> Callable[[dict[str, str]], dict[str, str]]:
    """createHmacIdLabelMapFunction: each canonical label becomes 'u' + base64url(HMAC-SHA256(label))."""

    def label_map(canonical: dict[str, str]) -> dict[str, str]:
        return {inp: "u" + keys.b64u_encode(hmac.new(hmac_key, c14n.encode(), hashlib.sha256).digest())
                for inp, c14n in canonical.items()}

    return label_map


@dataclass
class Group:
    matching: dict[int, str]
    non_matching: dict[int, str]
    quads: list[Quad]  # the selection's deskolemized quads (unrelabelled)


@dataclass
class Grouped:
    nquads: list[str]  # the whole document, canonical and relabelled, sorted
    label_map: dict[str, str]  # skolem label -> HMAC label
    groups: dict[str, Group]
    skolemized: dict[str, Any]


def canonicalize_and_group(document: dict[str, Any], labeler: Callable[[dict[str, str]], dict[str, str]],
                           groups: dict[str, list[str]], loader: DocumentLoader) -> Grouped:
    skolemized = skolemize(document, loader)
    quads = deskolemized_quads(skolemized, loader)
    label_map = labeler(canonical_id_map(quads))
    nquads = relabel(quads, label_map)
    out: dict[str, Group] = {}
    for name, pointers in groups.items():
        selection = select_json_ld(pointers, skolemized)
        sel_quads = deskolemized_quads(selection, loader) if selection is not None else []
        selected = set(relabel(sel_quads, label_map))
        matching = {i: q for i, q in enumerate(nquads) if q in selected}
        non_matching = {i: q for i, q in enumerate(nquads) if q not in selected}
        out[name] = Group(matching, non_matching, sel_quads)
    return Grouped(nquads, label_map, out, skolemized)


@dataclass
class Derived:
    """What deriving a disclosure produced, step by step (the W3C vectors check each)."""

    document: dict[str, Any]  # the revealed credential (the suite adds its derived proof)
    grouped: Grouped
    combined_indexes: list[int]
    mandatory_indexes: list[int]
    non_mandatory_indexes: list[int]
    selective_indexes: list[int]
    adjusted_mandatory: list[int]  # mandatory statements' positions among the revealed ones
    label_map: dict[str, str]  # c14nN of the revealed document -> the issuer's label
    adjusted_selective: list[int] = field(default_factory=list)  # chosen statements among the non-mandatory


def derive_groups(document: dict[str, Any], labeler: Callable[[dict[str, str]], dict[str, str]],
                  mandatory_pointers: list[str], selective_pointers: list[str], loader: DocumentLoader) -> Derived:
    """The suite-independent part of deriving (createDisclosureData): which statements are revealed,
    where the mandatory and the chosen ones sit, the revealed document and its label map."""
    combined = list(mandatory_pointers) + [p for p in selective_pointers if p not in mandatory_pointers]
    grouped = canonicalize_and_group(document, labeler, {"mandatory": list(mandatory_pointers),
                                                        "selective": list(selective_pointers), "combined": combined},
                                     loader)
    groups = grouped.groups
    combined_idx = sorted(groups["combined"].matching)
    mandatory_idx = sorted(groups["mandatory"].matching)
    non_mandatory_idx = sorted(groups["mandatory"].non_matching)
    selective_idx = sorted(groups["selective"].matching)
    position = {idx: n for n, idx in enumerate(combined_idx)}
    wanted = set(selective_idx)
    canonical = canonical_id_map(groups["combined"].quads)
    return Derived(
        document=select_json_ld(combined, document) or {}, grouped=grouped, combined_indexes=combined_idx,
        mandatory_indexes=mandatory_idx, non_mandatory_indexes=non_mandatory_idx, selective_indexes=selective_idx,
        adjusted_mandatory=[position[i] for i in mandatory_idx],
        label_map={c14n: grouped.label_map[inp] for inp, c14n in canonical.items()},
        adjusted_selective=[n for n, idx in enumerate(non_mandatory_idx) if idx in wanted])


# --- proof values (CBOR behind a 3-byte header, base64url multibase) ---------------------------------

def _proof_bytes(proof_value: Any, suite: str) -> bytes:
    if not isinstance(proof_value, str) or not proof_value.startswith("u"):
        raise ValueError(f"{suite} proof value is not base64url multibase")
    try:
        raw = keys.b64u_decode(proof_value[1:])
    except (ValueError, keys.KeyFormatError) as exc:
        raise ValueError(f"{suite} proof value is not base64url") from exc
    if keys.b64u_encode(raw) != proof_value[1:]:  # one encoding per value: no malleable variants
        raise ValueError(f"{suite} proof value is not canonical base64url")
    return raw


def proof_header(proof_value: Any) -> bytes | None:
    try:
        return _proof_bytes(proof_value, "")[:3]
    except ValueError:
        return None


@dataclass(frozen=True)
class ProofFormat:
    """How a selective-disclosure suite frames its proof values: a base-proof header and a
    derived-proof header, each followed by exactly five CBOR components."""

    suite: str
    base: bytes
    derived: bytes
    error: type[ValueError]
    other_derived: tuple[bytes, ...] = ()  # derived-proof variants (bbs-2023 anonymous holder binding)

    def is_base(self, proof_value: Any) -> bool:
        return proof_header(proof_value) == self.base

    def is_derived(self, proof_value: Any) -> bool:
        return proof_header(proof_value) in (self.derived, *self.other_derived)

    def items(self, proof_value: Any, header: bytes, count: int = 5) -> list[Any]:
        """The ``count`` components after ``header``, exactly; a clear error for the other header or an
        unknown one."""
        known = {self.base: "a base proof (for the holder)", self.derived: "a derived proof (for a verifier)"}
        try:
            raw = _proof_bytes(proof_value, self.suite)
        except ValueError as exc:
            raise self.error(str(exc)) from exc
        if not raw.startswith(header):
            what = known.get(raw[:3])
            raise self.error(f"this is {what}, not {known.get(header, 'the proof expected')}" if what else
                             f"unknown {self.suite} proof header (a feature this version does not read)")
        fp = io.BytesIO(raw[3:])
        try:
            items = cbor2.CBORDecoder(fp).decode()
        except (ValueError, cbor2.CBORDecodeError) as exc:
            raise self.error(f"malformed {self.suite} proof ({exc})") from exc
        if fp.tell() != len(raw) - 3:
            raise self.error(f"{self.suite} proof value has bytes after its CBOR content")
        if not isinstance(items, list) or len(items) != count:
            raise self.error(f"malformed {self.suite} proof (not {count} components)")
        return items


def relabelled_nquads(doc: dict[str, Any], loader: DocumentLoader, label_map: dict[str, str]) -> list[str]:
    """The document's canonical N-Quads with canonical labels (``c14nN``) replaced as a derived proof
    says, sorted again."""
    lines = canonicalize_dataset_lines(rdf_dataset(doc, loader))
    out = []
    for line in lines:
        for c14n, label in label_map.items():
            line = line.replace(f"_:{c14n} ", f"_:{label} ").replace(f"_:{c14n} .", f"_:{label} .")
        out.append(line)
    return sorted(out)
