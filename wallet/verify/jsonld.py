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
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyld.jsonld import JsonLdError, JsonLdProcessor

from .. import paths
from .canon import canonicalize_dataset
from .fetch import Fetcher, FetchRefused


class JsonLdProblem(ValueError):
    pass


class ContextNotAvailable(JsonLdProblem):
    pass


class UnsafeDocument(JsonLdProblem):
    pass


@lru_cache(maxsize=1)
def bundled_index() -> dict[str, Path]:
    folder = paths.resources_dir() / "contexts"
    idx = json.loads((folder / "index.json").read_text("utf-8"))
    return {url: folder / entry["file"] for url, entry in idx.items()}


@lru_cache(maxsize=64)
def _bundled_doc(url: str) -> Any:
    return json.loads(bundled_index()[url].read_text("utf-8"))


def normalize_context_url(url: str) -> str:
    return url.rstrip("#") if url.endswith("#") else url


class DocumentLoader:
    """pyld document loader: bundled contexts, plus extra documents, plus (online only) the network."""

    def __init__(self, fetcher: Fetcher | None = None, extra: dict[str, Any] | None = None):
        self.fetcher = fetcher or Fetcher()
        self.extra = dict(extra or {})
        self.fetched: dict[str, Any] = {}

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        key = normalize_context_url(url)
        if key in self.extra:
            doc = self.extra[key]
        elif key in bundled_index():
            # Bundled contexts never change: tagged "static", pyld keeps their processed form in its
            # process-wide cache, so each is parsed and processed once per process, not once per credential.
            return {"contextUrl": None, "documentUrl": url, "document": _bundled_doc(key), "tag": "static"}
        elif key in self.fetched:
            doc = self.fetched[key]
        else:
            try:
                data = self.fetcher.get(key, accept="application/ld+json, application/json")
                doc = json.loads(data)
            except FetchRefused as exc:
                raise ContextNotAvailable(f"JSON-LD context {url} is not bundled ({exc})") from exc
            except ValueError as exc:
                raise ContextNotAvailable(f"JSON-LD context {url} is not JSON") from exc
            self.fetched[key] = doc
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


def run_safe(op: str, doc: Any, loader: DocumentLoader, *args: Any) -> Any:
    """A pyld operation (expand, compact, to_rdf) in safe mode: a term the contexts do not define would be
    silently dropped (and so not signed); here it is an error."""
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


def rdf_dataset(doc: dict[str, Any], loader: DocumentLoader) -> dict[str, Any]:
    """The document as an RDF dataset, in safe mode: one expansion (inside to_rdf) watched for dropped
    terms, and the dataset checked for relative IRIs in type or property positions."""
    dataset = run_safe("to_rdf", doc, loader)
    for triples in dataset.values():
        for t in triples:
            obj, pred = t["object"], t["predicate"]["value"]
            if pred.startswith(SENTINEL_BASE):
                raise UnsafeDocument(f"relative property {pred.removeprefix(SENTINEL_BASE)!r}")
            if pred == RDF_TYPE and obj["type"] == "IRI" and obj["value"].startswith(SENTINEL_BASE):
                raise UnsafeDocument(f"relative @type reference {obj['value'].removeprefix(SENTINEL_BASE)!r} "
                                     "(a type the contexts do not define)")
    return dataset
