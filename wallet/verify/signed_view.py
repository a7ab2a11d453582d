"""The signed view: a credential read back from the RDF statements its proof covers.

What a person sees of a JSON-LD credential (its title, issuer, subject, dates, status, results, skills) is
read from this view, never from the JSON as it arrived.  The view is rebuilt from the RDF dataset the
signature was checked against, so a value the proof does not cover (a dropped key, an @index, a null
@value, a field moved to a full-IRI key) cannot be in it: what is shown is what was signed.

The view has the familiar compacted shape (``{"type": [...], "name": ..., "credentialSubject": {...}}``)
with the term names of the document's own contexts (bundled ones only, see jsonld.check_document), so the
format readers in wallet.formats work on it unchanged.  RDF is unordered: where a property has several
values they come in a fixed order (by value), not in the order the JSON listed them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from pyld.jsonld import JsonLdError

from ..crypto.jsonld import _LOCK, SENTINEL_BASE, DocumentLoader, JsonLdProblem, _Processor, rdf_dataset
from ..formats.common import contexts_of

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF + "type"
RDF_FIRST = RDF + "first"
_XSD_NS = (XSD, "https://www.w3.org/2001/XMLSchema#")  # some contexts (OB 3.0) write the namespace with https
_INT_TYPES = {ns + t for ns in _XSD_NS for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                                  "positiveInteger", "unsignedInt", "unsignedLong")}
_FLOAT_TYPES = {ns + t for ns in _XSD_NS for t in ("double", "float", "decimal")}
_BOOL_TYPES = {ns + "boolean" for ns in _XSD_NS}
_XSD_STRING = XSD + "string"
MAX_VIEW_NODES = 20_000  # embedded nodes per view: a graph that references one node from many places stays small


class Terms:
    """IRI -> the term the document's contexts use for it (top-level and type/property-scoped terms)."""

    def __init__(self) -> None:
        self.term: dict[str, str] = {}  # as a property
        self.cls: dict[str, str] = {}  # as a type (OB 3.0 uses one IRI for the class Criteria and the property criteria)
        self.vocab_iri: set[str] = set()  # properties whose values are vocabulary terms (@type: @vocab)
        self.vocabs: list[str] = []

    def name(self, iri: str) -> str:
        t = self.term.get(iri)
        if t is not None:
            return t
        for v in self.vocabs:
            if iri.startswith(v) and len(iri) > len(v):
                return iri[len(v):]
        return iri

    def type_name(self, iri: str) -> str:
        return self.cls.get(iri) or self.name(iri)


@lru_cache(maxsize=64)
def terms_for(contexts: tuple[str, ...]) -> Terms:
    """The term map of a (bundled) context list, processed once per process."""
    out = Terms()
    proc = _Processor()
    options = {"documentLoader": DocumentLoader(), "base": SENTINEL_BASE, "processingMode": "json-ld-1.1"}
    seen: set[int] = set()
    try:
        with _LOCK:
            active = proc.process_context(proc._get_initial_context(options), list(contexts), options)
            _collect(proc, active, options, out, seen, 0)
    except JsonLdError as exc:
        raise JsonLdProblem(f"JSON-LD error: {getattr(exc, 'message', exc)}") from exc
    return out


def _collect(proc: _Processor, active: Any, options: dict[str, Any], out: Terms, seen: set[int], depth: int) -> None:
    vocab = active.get("@vocab")
    if isinstance(vocab, str) and vocab not in out.vocabs:
        out.vocabs.append(vocab)
    scoped = []
    for term, d in active.get("mappings", {}).items():
        if not isinstance(d, dict):
            continue
        iri = d.get("@id")
        if isinstance(iri, str) and not iri.startswith("@") and ":" not in term:
            if term[:1].isupper():
                out.cls.setdefault(iri, term)
            if not term[:1].isupper() or iri not in out.term:
                if iri not in out.term or out.term[iri][:1].isupper():
                    out.term[iri] = term
            if d.get("@type") == "@vocab":
                out.vocab_iri.add(iri)
        if "@context" in d and id(d["@context"]) not in seen and depth < 6:
            seen.add(id(d["@context"]))
            scoped.append(d["@context"])
    for ctx in scoped:
        try:
            inner = proc.process_context(active, ctx, dict(options, overrideProtected=True))
        except JsonLdError:
            continue
        _collect(proc, inner, options, out, seen, depth + 1)


def signed_view(doc: dict[str, Any], loader: DocumentLoader, root_types: tuple[str, ...] = ()) -> dict[str, Any]:
    """The document as its RDF statements say it (see the module doc).  ``root_types`` are the term names
    of the type the root node should have (e.g. VerifiableCredential); raises JsonLdProblem if the
    statements have no single such root."""
    dataset = rdf_dataset(doc, loader)
    return view_of_dataset(dataset, terms_for(tuple(contexts_of(doc))), root_types, doc.get("@context"))


def view_of_dataset(dataset: dict[str, list[dict[str, Any]]], terms: Terms, root_types: tuple[str, ...] = (),
                    context: Any = None) -> dict[str, Any]:
    builder = _Builder(dataset, terms)
    root = builder.root("@default", root_types)
    view = builder.node("@default", root, frozenset())
    if context is not None:
        view = {"@context": context, **view}
    return view


class _Builder:
    def __init__(self, dataset: dict[str, list[dict[str, Any]]], terms: Terms):
        self.terms = terms
        self.graphs: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
        self.list_nodes: dict[str, set[str]] = {}  # per graph, the subjects with an rdf:first
        for gname, triples in dataset.items():
            by_subject: dict[str, list[tuple[str, dict[str, Any]]]] = {}
            for t in triples:
                s, p = t["subject"]["value"], t["predicate"]["value"]
                row = by_subject.get(s)
                if row is None:
                    by_subject[s] = row = []
                row.append((p, t["object"]))
                if p == RDF_FIRST:
                    self.list_nodes.setdefault(gname, set()).add(s)
            self.graphs[gname] = by_subject
        self.budget = MAX_VIEW_NODES

    def root(self, graph: str, root_types: tuple[str, ...]) -> str:
        subjects = self.graphs.get(graph, {})
        referenced = {o["value"] for triples in subjects.values() for _p, o in triples
                      if o["type"] in ("IRI", "blank node")}
        wanted = set(root_types)
        typed = [s for s, triples in subjects.items()
                 if wanted and any(p == RDF_TYPE and self.terms.type_name(o["value"]) in wanted for p, o in triples)]
        unreferenced = [s for s in subjects if s not in referenced]
        candidates = [s for s in typed if s not in referenced] if typed else unreferenced
        if len(candidates) != 1:
            what = "/".join(root_types) or "root"
            raise JsonLdProblem(f"the signed statements describe {len(candidates)} {what} objects, not one")
        return candidates[0]

    def node(self, graph: str, subject: str, path: frozenset[str]) -> dict[str, Any]:
        self.budget -= 1
        if self.budget < 0:
            raise JsonLdProblem("too many objects to show")
        out: dict[str, Any] = {}
        if not subject.startswith("_:"):
            out["id"] = subject
        values: dict[str, list[tuple[dict[str, Any], Any]]] = {}
        types: list[str] = []
        inner = path | {subject}
        for pred, obj in self.graphs[graph].get(subject, []):
            if pred == RDF_TYPE:
                types.append(self.terms.type_name(obj["value"]))
                continue
            vals = values.get(pred)
            if vals is None:
                values[pred] = vals = []
            vals.append((obj, self.value(graph, pred, obj, inner)))
        if types:
            types.sort()
            out["type"] = types[0] if len(types) == 1 else types
        name = self.terms.name
        for pred in sorted(values, key=name):
            pairs = values[pred]
            if len(pairs) == 1:
                out[name(pred)] = pairs[0][1]
            else:
                out[name(pred)] = [v for _o, v in sorted(pairs, key=lambda ov: _order(ov[0]))]
        return out

    def value(self, graph: str, pred: str, obj: dict[str, Any], path: frozenset[str]) -> Any:
        kind, val = obj["type"], obj["value"]
        if kind == "literal":
            return _literal(val, obj.get("datatype"), obj.get("language"))
        if val in path:
            return {"id": val} if not val.startswith("_:") else {}
        lst = self.list_items(graph, val, path)
        if lst is not None:
            return lst
        if val in self.graphs and val != graph:
            # a property whose values are graphs (@container: @graph): the nodes of that graph
            roots = self._graph_roots(val)
            items = [self.node(val, r, path | {val}) for r in roots]
            return items[0] if len(items) == 1 else items
        if val in self.graphs[graph]:
            return self.node(graph, val, path)
        if kind == "blank node":
            return {}
        return self.terms.name(val) if pred in self.terms.vocab_iri else val

    def _graph_roots(self, graph: str) -> list[str]:
        subjects = self.graphs[graph]
        referenced = {o["value"] for triples in subjects.values() for _p, o in triples
                      if o["type"] in ("IRI", "blank node")}
        return sorted(s for s in subjects if s not in referenced) or sorted(subjects)[:1]

    def list_items(self, graph: str, head: str, path: frozenset[str]) -> list[Any] | None:
        """An rdf:List (from @list) as a Python list, or None if ``head`` is not one."""
        if head == RDF + "nil":
            return []
        subjects = self.graphs[graph]
        if head not in self.list_nodes.get(graph, ()):
            return None
        items: list[Any] = []
        node, seen = head, set()
        while node != RDF + "nil":
            if node in seen or node not in subjects:
                raise JsonLdProblem("a list in the signed statements is malformed")
            seen.add(node)
            firsts = [o for p, o in subjects[node] if p == RDF + "first"]
            rests = [o for p, o in subjects[node] if p == RDF + "rest"]
            if len(firsts) != 1 or len(rests) != 1:
                raise JsonLdProblem("a list in the signed statements is malformed")
            items.append(self.value(graph, RDF + "first", firsts[0], path))
            node = rests[0]["value"]
        return items


def _literal(value: str, datatype: str | None, language: str | None) -> Any:
    if datatype == _XSD_STRING and not language:
        return value
    if language:
        return {"@value": value, "@language": language}
    if datatype in _INT_TYPES:
        try:
            return int(value)
        except ValueError:
            return value
    if datatype in _FLOAT_TYPES:
        try:
            f = float(value)
        except ValueError:
            return value
        return int(f) if f.is_integer() and abs(f) < 2**53 else f
    if datatype in _BOOL_TYPES:
        return value == "true"
    if datatype == RDF + "JSON":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _order(obj: dict[str, Any]) -> tuple[int, int, str]:
    """A fixed order for the values of one property.  Blank nodes are labelled in the order expansion met
    them, which keeps an issuer's list order (alignments, results) in the usual case; the order itself is
    not signed and never decides what is shown, only where."""
    val = obj["value"]
    if obj["type"] == "blank node":
        digits = "".join(ch for ch in val if ch.isdigit())
        return (0, int(digits) if digits else 0, val)
    return (1 if obj["type"] == "IRI" else 2, 0, val + "\x00" + str(obj.get("language") or obj.get("datatype")))
