"""JSON-LD to RDF for the plain documents credentials are, without pyld's intermediate forms.

The profile of verifying an OB 3.0 eddsa-rdfc-2022 credential (docs/benchmarks.md) puts two thirds of the
time in pyld's ``to_rdf``: a deep copy of the input, the expanded document, a node map, then the
triples.  For the documents credwallet accepts at all (jsonld.check_document: bundled contexts by URL,
no @graph / @list / @index / @nest / @included, value objects only with @value / @language), the triples
can be written while the document is walked once.  This module does that walk, with pyld doing every
part that is JSON-LD's meaning rather than its bookkeeping: context processing (pyld's, memoized, as
jsonld._Processor does for pyld itself), IRI expansion (pyld's ``_expand_iri``), type-scoped and
property-scoped contexts and their reverting (pyld's own methods, called in the order its ``_expand``
calls them).  Blank nodes get the labels pyld's node map gives them (the order the signed view shows
list items in depends on it).

Anything outside that plain shape raises ``Unsupported``, and the caller (jsonld.rdf_dataset) hands the
document to pyld instead: a term no context defines, a keyword alias, a container other than @set, a
reverse or JSON-typed term, @direction, a blank-node @id, a relative IRI in any position, two keys of a
node meaning the same property, two values pyld would merge.  So every refusal (a dropped term, an
unknown context, a malformed value) is pyld's, word for word, and this path only ever answers for
documents where it gives pyld's dataset; tests/verify/test_jsonld_fast.py checks that on every corpus
and demo credential, and on mutations of them.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from pyld.jsonld import XSD_STRING, ContextResolver, JsonLdProcessor, _resolved_context_cache

from .jsonld_literals import Unsupported, literal, value_object

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ABSOLUTE = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")  # pyld's _is_absolute_iri
_get = JsonLdProcessor.get_context_value
ENABLED = True  # tests switch it off to compare with pyld alone


class _Walk:
    __slots__ = ("proc", "options", "base", "triples", "seen", "counter")

    def __init__(self, proc: Any, options: dict[str, Any]):
        self.proc = proc
        self.options = options
        self.base = options["base"]
        self.triples: list[dict[str, Any]] = []
        self.seen: dict[tuple[str, str], dict[Any, Any]] = {}  # (subject, predicate) -> {object key: raw value}
        self.counter = 0

    # -- IRIs ---------------------------------------------------------------------------------
    def iri(self, ctx: Any, value: str, vocab: bool, base: bool = True) -> Any:
        """pyld's IRI expansion.  Vocabulary-relative ones (property names, types) recur from credential
        to credential and are remembered per (processed context, value); the entry holds the context, so
        its id cannot be reused by another while the entry exists."""
        if not vocab:
            # an @id value: pyld's _expand_iri returns an already absolute IRI as it is (checked in its
            # order: "//" after the scheme, a blank node, then a scheme that is no prefix the context
            # defines); anything else (a compact IRI, a relative one, a keyword) is left to it
            colon = value.find(":") if isinstance(value, str) and value[:1] != "@" else -1
            if colon > 0:
                if value.startswith("//", colon + 1):
                    return value
                prefix = value[:colon]
                mapping = ctx["mappings"].get(prefix)
                if prefix != "_" and not (mapping and mapping["_prefix"]) and _ABSOLUTE.match(value):
                    return value
            return self.proc._expand_iri(ctx, value, vocab=False, base=self.base)
        key = (id(ctx), value, base, self.base)
        hit = _IRI_MEMO.get(key)
        if hit is not None and hit[0] is ctx:
            return hit[1]
        out = self.proc._expand_iri(ctx, value, vocab=True, base=self.base if base else None)
        if len(_IRI_MEMO) >= _IRI_MEMO_SIZE:
            _IRI_MEMO.clear()
        _IRI_MEMO[key] = (ctx, out)
        return out

    def absolute(self, iri: Any) -> str:
        if iri in _ABSOLUTE_SEEN:
            return iri
        if not isinstance(iri, str) or iri.startswith("_:") or not _ABSOLUTE.match(iri):
            raise Unsupported("not an absolute IRI")
        if len(iri) < 200:  # vocabulary IRIs recur; an @id value rarely does
            if len(_ABSOLUTE_SEEN) >= _IRI_MEMO_SIZE:
                _ABSOLUTE_SEEN.clear()
            _ABSOLUTE_SEEN.add(iri)
        return iri

    def key_iri(self, ctx: Any, key: str) -> Any:
        """A property name expanded as pyld's _expand_object does (vocabulary-relative, no base)."""
        return key if key in _KEYWORD_KEYS else self.iri(ctx, key, True, False)

    # -- output -------------------------------------------------------------------------------
    def label(self) -> str:
        out = f"_:b{self.counter}"
        self.counter += 1
        return out

    def values_of(self, subject: dict[str, Any], pred: str) -> tuple[dict[Any, Any], dict[str, str]]:
        """What emit() needs for the triples of one subject and predicate: the values already written
        (over the whole document: a node can be described in two places) and the predicate's term."""
        skey = (subject["value"], pred)
        seen = self.seen.get(skey)
        if seen is None:
            self.seen[skey] = seen = {}
        term = _PREDICATES.get(pred)
        if term is None:
            term = _PREDICATES[pred] = {"type": "IRI", "value": pred}  # shared: datasets are read-only
            if len(_PREDICATES) > _IRI_MEMO_SIZE:
                _PREDICATES.clear()
        return seen, term

    def emit(self, into: tuple[dict[Any, Any], dict[str, str]], subject: dict[str, Any], obj: dict[str, Any],
             raw: Any) -> None:
        """One triple; pyld's node map keeps one of two values it compares equal (1 and 1.0, 1 and true):
        a document with such a pair goes to pyld."""
        seen, term = into
        kind = obj["type"]
        okey = (kind, obj["value"], obj.get("datatype"), obj.get("language"))
        if okey in seen:
            return
        if kind == "literal":
            if raw is not None:
                for other in seen.values():
                    if other is not None and other == raw:
                        raise Unsupported("two values pyld would merge")
            seen[okey] = raw
        else:
            seen[okey] = None
        self.triples.append({"subject": subject, "predicate": term, "object": obj})

    # -- nodes ---------------------------------------------------------------------------------
    def node(self, active_ctx: Any, active_property: str | None, element: dict[str, Any]) -> dict[str, Any]:
        """Walk one node object (as pyld's _expand does for a map); returns its RDF term."""
        keys = tuple(sorted(element))
        if "@context" in element:
            _no_other_keywords(keys)
            active_ctx = self.entry_context(active_ctx, active_property, element)
            active_ctx, type_scoped_ctx = self.nested_context(active_ctx, element)
            id_keys, type_keys, props = self.classify(
                keys, tuple(None if key == "@context" else self.key_iri(active_ctx, key) for key in keys))
        else:
            active_ctx, type_scoped_ctx, (id_keys, type_keys, props) = self.plan(active_ctx, active_property, keys,
                                                                                 element)
        node_id: str | None = None
        for key in id_keys:
            value = element[key]
            if not isinstance(value, str):
                raise Unsupported("@id")
            node_id = self.absolute(self.iri(active_ctx, value, False))
        types: list[str] = []
        for key in type_keys:
            value = element[key]
            for t in value if isinstance(value, list) else [value]:
                if not isinstance(t, str):
                    raise Unsupported("@type")
                types.append(self.absolute(self.iri(type_scoped_ctx, t, True)))
        subject = {"type": "IRI", "value": node_id} if node_id else {"type": "blank node", "value": self.label()}
        if not types and not props and active_property is None:
            raise Unsupported("an empty document")
        if types:
            into = self.values_of(subject, RDF_TYPE)
            for t in dict.fromkeys(types):
                self.emit(into, subject, {"type": "IRI", "value": t}, None)
        for expanded, key in props:  # by expanded IRI: pyld's node map visits them in that order
            self.property(subject, expanded, key, element[key], active_ctx)
        return subject

    def entry_context(self, active_ctx: Any, active_property: str | None, element: dict[str, Any]) -> Any:
        """The context a node object starts from (pyld's _expand for a map): a type-scoped context
        reverted (not for a reference, a node with only @id), then the property's scoped context."""
        proc = self.proc
        property_scoped_ctx = _get(active_ctx, active_property, "@context") if active_property is not None else None
        if active_ctx.get("previousContext") and len(element) == 1 and "@context" not in element:
            (only,) = element
            if self.key_iri(active_ctx, only) != "@id":
                active_ctx = proc._revert_to_previous_context(active_ctx)
            # else a reference (only @id): pyld does not revert the type-scoped context for it
        else:
            active_ctx = proc._revert_to_previous_context(active_ctx)
        if property_scoped_ctx is not None:
            active_ctx = proc._process_context(active_ctx, property_scoped_ctx, self.options, override_protected=True)
        return active_ctx

    def plan(self, active_ctx: Any, active_property: str | None, keys: tuple[str, ...],
             element: dict[str, Any]) -> tuple[Any, Any, tuple[Any, ...]]:
        """For a node without an embedded @context: entry_context, nested_context and the keys' expansions,
        each a function of processed contexts (frozen by pyld), the property, the node's keys and its
        types, so remembered by those (every credential of one kind has the same few shapes).  Each entry
        holds the context objects its key names by id, so no id is reused while the entry exists."""
        base = self.base
        k1 = (id(active_ctx), active_property, keys, base)
        hit = _PLAN_MEMO.get(k1)
        if hit is not None and hit[0] is active_ctx:
            ctx1, type_keys = hit[1]
        else:
            _no_other_keywords(keys)
            ctx1 = self.entry_context(active_ctx, active_property, element)
            type_keys = tuple(key for key in keys if self.key_iri(ctx1, key) == "@type")
            _remember(k1, (active_ctx, (ctx1, type_keys)))
        # nested_context: the type-scoped contexts of the node's types in lexicographic order
        if not type_keys:
            type_values: tuple[tuple[str, ...], ...] = ()
        elif len(type_keys) == 1 and isinstance(v := element[type_keys[0]], str):
            type_values = ((v,),)
        elif len(type_keys) == 1 and isinstance(v, list) and len(v) == 1 and isinstance(v[0], str):
            type_values = ((v[0],),)
        else:
            type_values = tuple(tuple(sorted(t for t in (v if isinstance(v, list) else [v]) if isinstance(t, str)))
                                for v in (element[key] for key in type_keys))
        k2 = (id(ctx1), keys, type_values, base)
        hit = _PLAN_MEMO.get(k2)
        if hit is not None and hit[0] is ctx1:
            return hit[1]
        ctx2 = ctx1
        for ts in type_values:
            for t in ts:
                scoped = _get(ctx1, t, "@context")
                if scoped is not None and scoped is not False:
                    ctx2 = self.proc._process_context(ctx2, scoped, self.options, propagate=False)
        out = (ctx2, ctx1, self.classify(keys, tuple(self.key_iri(ctx2, key) for key in keys)))
        _remember(k2, (ctx1, out))
        return out

    def classify(self, keys: tuple[str, ...], expansions: tuple[Any, ...]) -> tuple[
            tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
        """A node's keys by what they expand to: @id, @type, and its properties as (IRI, key) in IRI
        order.  A dropped term, a keyword, a relative IRI, two keys for one property or two @ids: pyld's."""
        id_keys: list[str] = []
        type_keys: list[str] = []
        props: dict[str, str] = {}
        for key, expanded in zip(keys, expansions):
            if key == "@context":
                continue
            if expanded == "@id":
                id_keys.append(key)
                continue
            if expanded == "@type":
                type_keys.append(key)
                continue
            if not isinstance(expanded, str) or expanded.startswith("@") or expanded in props:
                raise Unsupported("keyword, dropped term or repeated property")
            self.absolute(expanded)
            props[expanded] = key
        if len(id_keys) > 1:
            raise Unsupported("@id")
        return tuple(id_keys), tuple(type_keys), tuple((e, props[e]) for e in sorted(props))

    def nested_context(self, active_ctx: Any, element: dict[str, Any]) -> tuple[Any, Any]:
        """pyld's _prepare_nested_context: an embedded @context, then the type-scoped contexts of the
        node's types in lexicographic order (not propagated to nested nodes)."""
        if "@context" in element:
            local = element["@context"]
            if not (isinstance(local, str) or (isinstance(local, list) and all(isinstance(u, str) for u in local))):
                raise Unsupported("inline context")
            active_ctx = self.proc._process_context(active_ctx, local, self.options)
        type_scoped_ctx = active_ctx
        for key in sorted(element):
            if self.key_iri(active_ctx, key) != "@type":
                continue
            value = element[key]
            for t in sorted(t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)):
                scoped = _get(type_scoped_ctx, t, "@context")
                if scoped is not None and scoped is not False:
                    active_ctx = self.proc._process_context(active_ctx, scoped, self.options, propagate=False)
        return active_ctx, type_scoped_ctx

    def term(self, active_ctx: Any, key: str) -> tuple[Any, Any, Any, bool]:
        """For a property of a node: the context its values are expanded in (a property-scoped context
        applied), its type coercion, its language, and whether it names a keyword.  The same for every
        credential with these contexts: remembered per (processed context, key)."""
        memo_key = (id(active_ctx), key, self.base)
        hit = _TERM_MEMO.get(memo_key)
        if hit is not None and hit[0] is active_ctx:
            return hit[1]
        term_ctx = active_ctx
        scoped = _get(active_ctx, key, "@context")
        if scoped is not None:
            term_ctx = self.proc._process_context(active_ctx, scoped, self.options, propagate=True,
                                                  override_protected=True)
        for ctx in (active_ctx, term_ctx):
            mapping = ctx["mappings"].get(key)
            if "@direction" in ctx or (mapping is not None and (
                    mapping.get("reverse") or mapping.get("@type") in ("@json", "@none")
                    or "@direction" in mapping or mapping.get("@container") not in (None, "@set", ["@set"]))):
                raise Unsupported("reverse, @json, @none, @direction or container term")
        out = (term_ctx, _get(term_ctx, key, "@type"), _get(term_ctx, key, "@language"),
               self.key_iri(term_ctx, key) in ("@id", "@type"))
        if len(_TERM_MEMO) >= _IRI_MEMO_SIZE:
            _TERM_MEMO.clear()
        _TERM_MEMO[memo_key] = (active_ctx, out)
        return out

    def property(self, subject: dict[str, Any], expanded: str, key: str, value: Any, active_ctx: Any) -> None:
        term = self.term(active_ctx, key)
        term_ctx = term[0]
        plain = term[1] is None and term[2] is None and not term[3]  # no coercion, no language, no alias
        into = self.values_of(subject, expanded)
        for item in value if isinstance(value, list) else [value]:
            if plain and type(item) is str:  # what scalar() and literal() give for it
                self.emit(into, subject, {"type": "literal", "value": item, "datatype": XSD_STRING}, item)
            elif isinstance(item, dict):
                if "@value" in item:
                    obj, raw = value_object(item)
                    self.emit(into, subject, obj, raw)
                else:  # a keyword other than @id, @type, @context in it: node() hands it over
                    obj = self.node(term_ctx, key, item)
                    self.emit(into, subject, obj, None)
            elif isinstance(item, list) or item is None:
                raise Unsupported("nested array or null")
            else:
                obj, raw = self.scalar(term, item)
                self.emit(into, subject, obj, raw)

    # -- values --------------------------------------------------------------------------------
    def scalar(self, term: tuple[Any, Any, Any, bool], value: Any) -> tuple[dict[str, Any], Any]:
        """pyld's _expand_value and _object_to_rdf for a string, number or boolean."""
        ctx, type_, language, alias = term
        if alias:
            raise Unsupported("keyword alias")
        if type_ in ("@id", "@vocab"):
            if not isinstance(value, str):
                return literal(value, None, None)
            iri = self.absolute(self.iri(ctx, value, type_ == "@vocab"))
            return {"type": "IRI", "value": iri}, None
        if type_ is not None:
            return literal(value, self.absolute(type_), None)
        return literal(value, None, language if isinstance(value, str) else None)


_IRI_MEMO: dict[tuple[int, str, bool, str], tuple[Any, Any]] = {}
_IRI_MEMO_SIZE = 8192
_ABSOLUTE_SEEN: set[str] = set()
_PREDICATES: dict[str, dict[str, str]] = {}
_TERM_MEMO: dict[tuple[int, str, str], tuple[Any, tuple[Any, Any, Any, bool]]] = {}
_KEYWORD_KEYS = frozenset({"@id", "@type", "@context", "@value", "@language", "@direction"})
_CTX_MEMO: dict[tuple[str, ...], Any] = {}
_PLAN_MEMO: dict[tuple[Any, ...], tuple[Any, Any]] = {}


def _no_other_keywords(keys: tuple[str, ...]) -> None:
    """A node object with a keyword other than @id, @type, @context (a value object's, @graph, ...)."""
    for k in keys:
        if k[:1] == "@" and k not in ("@id", "@type", "@context"):
            raise Unsupported("keyword")


def _remember(key: tuple[Any, ...], entry: tuple[Any, Any]) -> None:
    if len(_PLAN_MEMO) >= _IRI_MEMO_SIZE:
        _PLAN_MEMO.clear()
    _PLAN_MEMO[key] = entry
_CTX_LOCK = threading.Lock()


def top_context(proc: Any, urls: tuple[str, ...], options: dict[str, Any]) -> Any:
    """The processed top-level context for a list of (bundled) context URLs, once per process."""
    with _CTX_LOCK:
        hit = _CTX_MEMO.get(urls)
    if hit is not None:
        return hit
    ctx = proc._process_context(proc._get_initial_context(options), list(urls), options)
    with _CTX_LOCK:
        if len(_CTX_MEMO) > 64:
            _CTX_MEMO.clear()
        _CTX_MEMO[urls] = ctx
    return ctx


def to_rdf(doc: dict[str, Any], proc: Any, options: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The document's RDF dataset (pyld's shape), or Unsupported.  ``doc`` must have passed
    jsonld.check_document; ``proc`` is a jsonld._Processor, ``options`` pyld's (documentLoader, base)."""
    top = doc.get("@context")
    urls = tuple(top) if isinstance(top, list) else (top,)
    if not all(isinstance(u, str) for u in urls):
        raise Unsupported("inline context")
    options = {"processingMode": "json-ld-1.1", "isFrame": False, "keepFreeFloatingNodes": False,
               "extractAllScripts": True, "produceGeneralizedRdf": False, **options}
    options.setdefault("contextResolver", ContextResolver(_resolved_context_cache, options["documentLoader"]))
    try:
        ctx = top_context(proc, urls, options)
        walk = _Walk(proc, options)
        walk.node(ctx, None, {k: v for k, v in doc.items() if k != "@context"})
    except Unsupported:
        raise
    except Exception as exc:  # noqa: BLE001 - anything this path did not foresee: pyld decides
        raise Unsupported(type(exc).__name__) from exc
    return {"@default": walk.triples}
