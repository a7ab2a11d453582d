"""JSON-LD with a frozen, offline document loader, safe-mode checks and RDFC-1.0 canonical N-Quads.

Contexts come from resources/contexts (index.json lists them with their SHA-256).  A context that is
not bundled is fetched only with online checks on; otherwise expansion fails with ContextNotAvailable
and the signature check reports why.  "Safe mode" (as DCC's verifier applies it) refuses documents
with terms the contexts do not define, or with relative @type values, because such data is silently
dropped from what is signed.
"""

from __future__ import annotations

import collections
import copy
import hashlib
import json
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyld.jsonld import JsonLdError, JsonLdProcessor

from .. import paths
from ..fetch import Fetcher
from . import jsonld_fast
from .canon import canonicalize_dataset


class JsonLdProblem(ValueError):
    pass


class ContextNotAvailable(JsonLdProblem):
    pass


class UnsafeDocument(JsonLdProblem):
    pass


class UnknownContext(UnsafeDocument):
    """A context that is not bundled (by URL), an inline context object, or the VC base context not first."""


class UncoveredValue(UnsafeDocument):
    """A value that expansion to RDF drops or ignores: its signature would not cover it."""


class TooComplex(JsonLdProblem):
    """Over the work budget: refused before pyld sees it."""


VC_BASE_CONTEXTS = ("https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2",
                    # Blockcerts 2 certificates are Open Badges 2.0 assertions hashed as RDF
                    "https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")
# JSON-LD keywords a credential may use in compacted form; every other one is dropped or ignored by RDF.
_ALLOWED_KEYWORDS = frozenset({"@context", "@id", "@type", "@value", "@language", "@direction"})
_VALUE_KEYS = frozenset({"@value", "@language", "@direction"})
_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
# Work budget, checked on the JSON before pyld runs (pyld's duplicate check is quadratic in array length).
MAX_VALUES = 50_000
MAX_ARRAY = 1_000
# pyld's node map compares each value of a property with every earlier one: the sum of the squared list
# lengths bounds that work (one list of 1,000 items costs ≈0.9 s on the CI machine).
MAX_PAIRS = 1_000_000
MAX_DEPTH = 48
MAX_STATEMENTS = 50_000


@lru_cache(maxsize=1)
def bundled_index() -> dict[str, Path]:
    folder = paths.resources_dir() / "contexts"
    idx = json.loads((folder / "index.json").read_text("utf-8"))
    return {url: folder / entry["file"] for url, entry in idx.items()}


@lru_cache(maxsize=64)
def _bundled_doc(url: str) -> Any:
    return json.loads(bundled_index()[url].read_text("utf-8"))


_KNOWN_BUNDLED: set[str] = set()  # bundled context URLs met so far (bundled contexts never change)


def normalize_context_url(url: str) -> str:
    return url.rstrip("#") if url.endswith("#") else url


class DocumentLoader:
    """pyld document loader: bundled contexts, plus extra documents, plus (online only) the network."""

    def __init__(self, fetcher: Fetcher | None = None, extra: dict[str, Any] | None = None, *,
                 inline_contexts: bool = False):
        """``inline_contexts`` lets the step-by-step tests of the W3C vectors (which use inline @vocab
        contexts) run the primitives; the wallet never sets it, so it never shows such a document."""
        # kept as given, never made: the loader itself fetches nothing (a context that is not bundled is
        # refused online or not), so a default Fetcher would only be built to be thrown away
        self.fetcher = fetcher
        self.inline_contexts = inline_contexts
        self.extra = dict(extra or {})
        self.fetched: dict[str, Any] = {}
        # RDF datasets of documents already expanded by this loader (one verification context), by content:
        # a proof set, a proof chain and the signed view share one expansion of the same document.
        self.datasets: "collections.OrderedDict[str, dict[str, Any]]" = collections.OrderedDict()

    def known_context(self, url: str) -> bool:
        if url in _KNOWN_BUNDLED:
            return True
        key = normalize_context_url(url)
        if key in bundled_index():
            if key == url:  # only the bundled URLs themselves are remembered: the set stays that small
                _KNOWN_BUNDLED.add(url)
            return True
        return key in self.extra

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        key = normalize_context_url(url)
        if key in self.extra:
            doc = self.extra[key]
        elif key in bundled_index():
            # Bundled contexts never change: tagged "static", pyld keeps their processed form in its
            # process-wide cache, so each is parsed and processed once per process, not once per credential.
            return {"contextUrl": None, "documentUrl": url, "document": _bundled_doc(key), "tag": "static"}
        else:
            # Only contexts credwallet ships are used, online or not: a context fetched from the network
            # could rename any field, so what a person reads would no longer be what the issuer signed.
            raise UnknownContext(f"uses a context credwallet does not recognise ({url[:100]})")
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(doc)}


# pyld resolves relative IRIs against a base even when none is given; give it one that cannot occur in
# real data (.invalid is reserved) so a relative @type is recognisable after expansion.
SENTINEL_BASE = "https://relative.invalid/"
_LOCK = threading.Lock()  # pyld keeps module-level caches; serialize access to be safe across threads


class _Processor(JsonLdProcessor):
    """pyld's processor, remembering processed scoped contexts.

    pyld caches a processed context under the id of the active context it was applied to, but a
    type-scoped context is applied to a fresh, id-less clone every time, so the OB 3.0 / VC contexts'
    scoped definitions were re-processed for every node of every credential (two thirds of the time).
    Here the result is remembered under (active context id, the local context object itself, flags).
    Processed contexts are frozen by pyld; the key holds the local context object alive, so its id
    cannot be reused by another object while the entry exists.
    """

    _memo: "collections.OrderedDict[tuple, tuple[Any, Any]]" = None  # type: ignore[assignment]
    _memo_lock = threading.Lock()
    MEMO_SIZE = 2048

    def _process_context(self, active_ctx, local_ctx, options, override_protected=False, propagate=True,  # noqa: ANN001, ANN202
                         validate_scoped=True, cycles=None):
        uid = active_ctx.get("_uuid") if hasattr(active_ctx, "get") else None
        if uid is None or cycles or isinstance(local_ctx, str):
            return super()._process_context(active_ctx, local_ctx, options, override_protected, propagate,
                                            validate_scoped, cycles)
        key = (uid, id(local_ctx), override_protected, propagate, validate_scoped, options.get("base"))
        with _Processor._memo_lock:
            if _Processor._memo is None:
                _Processor._memo = collections.OrderedDict()
            hit = _Processor._memo.get(key)
            if hit is not None and hit[0] is local_ctx:
                _Processor._memo.move_to_end(key)
                return hit[1]
        result = super()._process_context(active_ctx, local_ctx, options, override_protected, propagate,
                                          validate_scoped, cycles)
        with _Processor._memo_lock:
            _Processor._memo[key] = (local_ctx, result)
            if len(_Processor._memo) > self.MEMO_SIZE:
                _Processor._memo.popitem(last=False)
        return result


def _unwrap(exc: BaseException) -> BaseException:
    while isinstance(exc, JsonLdError) and exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def canonical_nquads(doc: dict[str, Any], loader: DocumentLoader, hash_name: str = "sha256") -> str:
    """RDFC-1.0 canonical N-Quads, in safe mode (see rdf_dataset)."""
    return canonicalize_dataset(rdf_dataset(doc, loader), hash_name=hash_name)


def check_document(doc: Any, loader: DocumentLoader) -> None:
    """The rules a compacted JSON-LD document must meet before it is expanded, so that everything a person
    can read in it is also in the RDF its proof covers (see docs/security.md):

    - contexts only by URL, every one bundled with credwallet, the VC base context first at the top;
      no inline context objects anywhere (they could rename any field);
    - no keyword that RDF ignores (@index, @graph, @list, @set, @nest, @included, unknown @words);
      value objects only as {"@value": string|number|bool} with a well-formed @language / @direction;
      no blank-node property names;
    - a work budget (values, array length, depth) so pyld never runs away.
    """
    if not isinstance(doc, dict) or "@context" not in doc or loader.inline_contexts:
        return  # expanded input (internal use): its compacted source was checked
    top = doc["@context"]
    urls = top if isinstance(top, list) else [top]
    if not urls or not all(isinstance(u, str) for u in urls) or normalize_context_url(urls[0]) not in VC_BASE_CONTEXTS:
        if any(not isinstance(u, str) for u in urls):
            raise UnknownContext("uses a context credwallet does not recognise (an inline context definition)")
        raise UnknownContext("uses a context credwallet does not recognise (the W3C credentials context must "
                             "come first)")
    count = pairs = 0
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise TooComplex(f"too large to check (more than {MAX_VALUES:,} values)")
        if depth > MAX_DEPTH:
            raise TooComplex(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, list):
            if len(node) > MAX_ARRAY:
                raise TooComplex(f"a list of {len(node):,} items (at most {MAX_ARRAY:,} are checked)")
            pairs += len(node) * len(node)
            if pairs > MAX_PAIRS:
                raise TooComplex("too many long lists to check")
            d1 = depth + 1
            stack.extend([(v, d1) for v in node])
            continue
        if not isinstance(node, dict):
            continue
        if "@context" in node:
            ctx = node["@context"]
            for u in ctx if isinstance(ctx, list) else [ctx]:
                if not isinstance(u, str):
                    raise UnknownContext("uses a context credwallet does not recognise (an inline context "
                                         "definition)")
                if not loader.known_context(u):
                    raise UnknownContext(f"uses a context credwallet does not recognise ({u[:100]})")
        if "@value" in node:
            _check_value_object(node)
            continue
        for key, value in node.items():
            first = key[:1]
            if first == "@":
                if key not in _ALLOWED_KEYWORDS:
                    raise UncoveredValue(f"contains a value its signature does not cover ({key} in "
                                         f"{_where(node)})")
                if key in ("@language", "@direction"):
                    raise UncoveredValue(f"contains a value its signature does not cover ({key} outside a "
                                         "value)")
                if key == "@context":
                    continue
            elif first == "_" and key.startswith("_:"):
                raise UncoveredValue(f"contains a value its signature does not cover (property {key[:40]!r})")
            if isinstance(value, (dict, list)):  # a tuple: faster than dict | list
                stack.append((value, depth + 1))
            elif value is None:
                raise UncoveredValue(f"contains a value its signature does not cover ({key!r} is null)")


def _where(node: dict[str, Any]) -> str:
    keys = [k for k in node if not k.startswith("@")][:3]
    return "an object with " + ", ".join(repr(k) for k in keys) if keys else "an object"


def _check_value_object(node: dict[str, Any]) -> None:
    extra = set(node) - _VALUE_KEYS
    value = node["@value"]
    if extra or not isinstance(value, str | int | float) or value is None:
        what = ", ".join(sorted(extra)) if extra else f"@value {json.dumps(value)[:30]}"
        raise UncoveredValue(f"contains a value its signature does not cover ({what})")
    lang = node.get("@language")
    if lang is not None and (not isinstance(lang, str) or not _LANG_TAG.match(lang)):
        raise UncoveredValue(f"contains a value its signature does not cover (@language {str(lang)[:20]!r})")
    if "@direction" in node and node["@direction"] not in ("ltr", "rtl"):
        raise UncoveredValue("contains a value its signature does not cover (@direction)")


def run_safe(op: str, doc: Any, loader: DocumentLoader, *args: Any) -> Any:
    """A pyld operation (expand, compact, to_rdf) in safe mode: the document must pass check_document,
    and a term the contexts do not define (which pyld would silently drop, leaving it unsigned) is an
    error."""
    if op in ("expand", "to_rdf"):
        check_document(doc, loader)
    dropped: list[str] = []
    proc = _Processor(on_property_dropped=lambda prop: dropped.append(str(prop)))
    try:
        with _LOCK:
            result = getattr(proc, op)(doc, *args, {"documentLoader": loader, "base": SENTINEL_BASE})
    except JsonLdError as exc:
        inner = _unwrap(exc)
        if isinstance(inner, JsonLdProblem):
            raise inner from exc
        raise JsonLdProblem(f"JSON-LD error: {getattr(inner, 'message', inner)}") from exc
    except RecursionError as exc:
        raise JsonLdProblem("JSON-LD document nested too deeply") from exc
    if dropped:
        raise UnsafeDocument(f"term {dropped[0]!r} is not defined by the document's @context")
    return result


_DATASET_MEMO = 16
_KEY_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)  # json.dumps's, made once


def _to_rdf(doc: Any, loader: DocumentLoader) -> dict[str, Any]:
    """run_safe("to_rdf"), through jsonld_fast when the document is of the plain shape it answers for
    (the same dataset, without pyld's intermediate forms); everything else, every refusal included, is
    pyld's."""
    if jsonld_fast.ENABLED and isinstance(doc, dict) and not loader.inline_contexts and not loader.extra:
        check_document(doc, loader)
        try:
            with _LOCK:
                return jsonld_fast.to_rdf(doc, _Processor(), {"documentLoader": loader, "base": SENTINEL_BASE})
        except jsonld_fast.Unsupported:
            pass
    return run_safe("to_rdf", doc, loader)


def rdf_dataset(doc: dict[str, Any], loader: DocumentLoader) -> dict[str, Any]:
    """The document as an RDF dataset, in safe mode: one expansion (inside to_rdf) watched for dropped
    terms, and the dataset checked for relative IRIs in type or property positions.  Remembered by the
    loader for the document's exact content, so the proofs of a set and the signed view share it.
    Callers must not modify the result."""
    try:
        # the key order as given (not sorted: that was a tenth of a verification); the same content in
        # another order only misses the memo
        key = hashlib.sha256(_KEY_ENCODER.encode(doc).encode("utf-8", "surrogatepass")).hexdigest()
    except (TypeError, ValueError) as exc:
        raise JsonLdProblem(f"not JSON-LD ({exc})") from exc
    hit = loader.datasets.get(key)
    if hit is not None:
        loader.datasets.move_to_end(key)
        return hit
    dataset = _to_rdf(doc, loader)
    statements = 0
    for triples in dataset.values():
        statements += len(triples)
        for t in triples:
            pred = t["predicate"]["value"]
            if pred == RDF_TYPE:
                obj = t["object"]
                if obj["type"] == "IRI" and obj["value"].startswith(SENTINEL_BASE):
                    raise UnsafeDocument(f"relative @type reference {obj['value'].removeprefix(SENTINEL_BASE)!r} "
                                         "(a type the contexts do not define)")
            elif pred.startswith(SENTINEL_BASE):
                raise UnsafeDocument(f"relative property {pred.removeprefix(SENTINEL_BASE)!r}")
    if statements > MAX_STATEMENTS:
        raise TooComplex(f"too large to check (more than {MAX_STATEMENTS:,} statements)")
    loader.datasets[key] = dataset
    if len(loader.datasets) > _DATASET_MEMO:
        loader.datasets.popitem(last=False)
    return dataset
