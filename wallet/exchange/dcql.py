"""DCQL, the Digital Credentials Query Language of OpenID4VP 1.0 (section 6): read a query, and find which
of the learner's credentials can answer each credential query and with exactly which claims.

Pure: no network, no vault.  The caller hands in :class:`Candidate` objects (a stored credential as the
query sees it: format identifier, vct / types, the claims its proof covers) and gets back, per credential
query, the candidates that satisfy it, each with the claim-set options it can satisfy, in the verifier's
order of preference.  Formats understood: ``dc+sd-jwt`` (meta ``vct_values``) and ``ldp_vc`` (meta
``type_values``, fully expanded type IRIs); a query for any other format matches nothing, and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..crypto.pointers import to_pointer
from ..errors import BadInput

SD_JWT = "dc+sd-jwt"
LDP_VC = "ldp_vc"
FORMATS = (SD_JWT, LDP_VC)
_ID = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_QUERIES = 64
MAX_CLAIMS = 256
MAX_PATH = 32


class DcqlError(BadInput):
    """The verifier's query is not valid DCQL."""

    def __init__(self, message: str):
        super().__init__(f"the verifier's query (dcql_query) is not valid: {message}")


PathElem = str | int | None


@dataclass
class ClaimQuery:
    path: list[PathElem]
    id: str | None = None
    values: list[Any] | None = None

    def label(self) -> str:
        return "/".join("*" if p is None else str(p) for p in self.path)


@dataclass
class CredentialQuery:
    id: str
    format: str
    meta: dict[str, Any]
    claims: list[ClaimQuery] | None = None
    claim_sets: list[list[str]] | None = None
    multiple: bool = False
    require_binding: bool = True

    def claim_options(self) -> list[list[ClaimQuery]]:
        """The alternative sets of claims the verifier accepts, preferred first (one set without claim_sets)."""
        if self.claims is None:
            return [[]]
        if not self.claim_sets:
            return [list(self.claims)]
        by_id = {c.id: c for c in self.claims}
        return [[by_id[i] for i in option] for option in self.claim_sets]


@dataclass
class CredentialSet:
    options: list[list[str]]
    required: bool = True


@dataclass
class Query:
    credentials: list[CredentialQuery]
    credential_sets: list[CredentialSet] | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def by_id(self, qid: str) -> CredentialQuery:
        return next(q for q in self.credentials if q.id == qid)


def _list(obj: Any, what: str, *, nonempty: bool = True, limit: int = MAX_CLAIMS) -> list[Any]:
    if not isinstance(obj, list) or (nonempty and not obj):
        raise DcqlError(f"{what} must be a non-empty array")
    if len(obj) > limit:
        raise DcqlError(f"{what} has more than {limit} entries")
    return obj


def _ident(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise DcqlError(f"{what} must be a non-empty string of letters, digits, '_' and '-' (got {value!r:.60})")
    return value


def _path(value: Any, where: str) -> list[PathElem]:
    path = _list(value, f"{where}: path", limit=MAX_PATH)
    for p in path:
        if p is None or isinstance(p, str):
            continue
        if isinstance(p, int) and not isinstance(p, bool) and p >= 0:
            continue
        raise DcqlError(f"{where}: a path element must be a string, null or a non-negative integer (got {p!r:.40})")
    return list(path)


def _claim(obj: Any, where: str) -> ClaimQuery:
    if not isinstance(obj, dict):
        raise DcqlError(f"{where} must be an object")
    cid = _ident(obj["id"], f"{where}: id") if "id" in obj else None
    values = obj.get("values")
    if values is not None:
        values = _list(values, f"{where}: values")
        if any(not isinstance(v, str | int | bool) for v in values):
            raise DcqlError(f"{where}: values may only be strings, integers or booleans")
    return ClaimQuery(_path(obj.get("path"), where), cid, values)


def _credential(obj: Any, n: int) -> CredentialQuery:
    where = f"credentials[{n}]"
    if not isinstance(obj, dict):
        raise DcqlError(f"{where} must be an object")
    qid = _ident(obj.get("id"), f"{where}: id")
    fmt = obj.get("format")
    if not isinstance(fmt, str) or not fmt:
        raise DcqlError(f"{where} ({qid}): format is required")
    meta = obj.get("meta")
    if not isinstance(meta, dict):
        raise DcqlError(f"{where} ({qid}): meta is required and must be an object")
    for flag in ("multiple", "require_cryptographic_holder_binding"):
        if flag in obj and not isinstance(obj[flag], bool):
            raise DcqlError(f"{where} ({qid}): {flag} must be true or false")
    claims = None
    if "claims" in obj:
        claims = [_claim(c, f"{where} ({qid}) claims[{i}]") for i, c in enumerate(_list(obj["claims"], f"{where} claims"))]
    claim_sets = None
    if "claim_sets" in obj:
        if claims is None:
            raise DcqlError(f"{where} ({qid}): claim_sets without claims")
        ids = [c.id for c in claims]
        if any(i is None for i in ids):
            raise DcqlError(f"{where} ({qid}): with claim_sets every claim needs an id")
        if len(set(ids)) != len(ids):
            raise DcqlError(f"{where} ({qid}): two claims share an id")
        claim_sets = []
        for option in _list(obj["claim_sets"], f"{where} claim_sets"):
            option = _list(option, f"{where} ({qid}) claim_sets option")
            unknown = [i for i in option if i not in ids]
            if unknown:
                raise DcqlError(f"{where} ({qid}): claim_sets names unknown claim ids {unknown}")
            claim_sets.append(list(option))
    if fmt == SD_JWT and "vct_values" in meta:
        _strings(meta["vct_values"], f"{where} ({qid}) meta.vct_values")
    if fmt == LDP_VC and "type_values" in meta:
        for tv in _list(meta["type_values"], f"{where} ({qid}) meta.type_values"):
            _strings(tv, f"{where} ({qid}) meta.type_values entry")
    return CredentialQuery(qid, fmt, meta, claims, claim_sets, bool(obj.get("multiple", False)),
                           bool(obj.get("require_cryptographic_holder_binding", True)))


def _strings(value: Any, what: str) -> list[str]:
    items = _list(value, what)
    if any(not isinstance(v, str) for v in items):
        raise DcqlError(f"{what} must be an array of strings")
    return items


def parse(obj: Any) -> Query:
    """A DCQL query object (already JSON-decoded), checked; DcqlError says what is wrong."""
    if not isinstance(obj, dict):
        raise DcqlError("it is not a JSON object")
    creds = [_credential(c, i) for i, c in enumerate(_list(obj.get("credentials"), "credentials", limit=MAX_QUERIES))]
    ids = [c.id for c in creds]
    if len(set(ids)) != len(ids):
        raise DcqlError("two credential queries share an id")
    sets = None
    if "credential_sets" in obj:
        sets = []
        for i, s in enumerate(_list(obj["credential_sets"], "credential_sets", limit=MAX_QUERIES)):
            if not isinstance(s, dict):
                raise DcqlError(f"credential_sets[{i}] must be an object")
            options = [list(_list(o, f"credential_sets[{i}] option")) for o in _list(s.get("options"),
                                                                                      f"credential_sets[{i}].options")]
            unknown = [x for o in options for x in o if x not in ids]
            if unknown:
                raise DcqlError(f"credential_sets[{i}] names unknown credential query ids {unknown}")
            req = s.get("required", True)
            if not isinstance(req, bool):
                raise DcqlError(f"credential_sets[{i}].required must be true or false")
            sets.append(CredentialSet(options, req))
    return Query(creds, sets, obj)


# --- matching ---------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A stored credential as a query sees it."""

    id: str
    title: str
    format: str  # dc+sd-jwt | ldp_vc
    claims: dict[str, Any]  # what the proof covers (SD-JWT: every disclosure applied)
    vct: str | None = None
    types: frozenset[str] = frozenset()  # expanded type IRIs (and the compact terms)
    holder_bound: bool = True
    whole: bool = False  # signed as a whole: answering shows every field


@dataclass
class Option:
    """One claim set a candidate satisfies: the claim queries and the JSON Pointers they resolve to."""

    claims: list[ClaimQuery]
    pointers: list[str]


@dataclass
class Match:
    candidate: Candidate
    options: list[Option]  # satisfiable claim sets, preferred first


@dataclass
class QueryResult:
    query: CredentialQuery
    matches: list[Match]
    why_none: str = ""


def resolve(doc: Any, path: list[PathElem]) -> list[tuple[tuple[str, ...], Any]]:
    """Every (pointer tokens, value) a claims path selects (section 7: null = all array elements)."""
    found: list[tuple[tuple[str, ...], Any]] = [((), doc)]
    for p in path:
        nxt = []
        for tokens, node in found:
            if p is None:
                if isinstance(node, list):
                    nxt += [((*tokens, str(i)), v) for i, v in enumerate(node)]
            elif isinstance(p, int):
                if isinstance(node, list) and p < len(node):
                    nxt.append(((*tokens, str(p)), node[p]))
            elif isinstance(node, dict) and p in node:
                nxt.append(((*tokens, p), node[p]))
        found = nxt
        if not found:
            break
    return found


def _claim_pointers(c: ClaimQuery, doc: dict[str, Any]) -> list[str] | None:
    hits = resolve(doc, c.path)
    if c.values is not None:
        hits = [(t, v) for t, v in hits if any(type(v) is type(want) and v == want for want in c.values)]
    if not hits:
        return None
    return [to_pointer(t) for t, _v in hits]


def _meta_ok(q: CredentialQuery, cand: Candidate) -> str:
    if q.format == SD_JWT:
        vcts = q.meta.get("vct_values")
        if vcts is not None and cand.vct not in vcts:
            return "its type (vct) is not one the verifier asks for"
    elif q.format == LDP_VC:
        type_values = q.meta.get("type_values")
        if type_values is not None and not any(set(tv) <= cand.types for tv in type_values):
            return "its types are not ones the verifier asks for"
    return ""


def match(query: Query, candidates: list[Candidate]) -> list[QueryResult]:
    """For each credential query, the candidates that answer it (only those: format, meta, holder binding
    and at least one claim set all satisfied)."""
    out = []
    for q in query.credentials:
        if q.format not in FORMATS:
            out.append(QueryResult(q, [], f"credentials in the format {q.format!r} are not supported by this wallet"))
            continue
        matches, reasons = [], []
        for cand in candidates:
            if cand.format != q.format:
                continue
            why = _meta_ok(q, cand)
            if not why and q.require_binding and not cand.holder_bound:
                why = "it is not bound to this wallet's key, and the verifier requires that"
            if why:
                reasons.append(why)
                continue
            options = []
            for option in q.claim_options():
                pointers: list[str] = []
                for c in option:
                    ps = _claim_pointers(c, cand.claims)
                    if ps is None:
                        break
                    pointers += [p for p in ps if p not in pointers]
                else:
                    options.append(Option(option, pointers))
            if options:
                matches.append(Match(cand, options))
            else:
                reasons.append("it lacks claims the verifier asks for")
        why_none = "" if matches else ("no credential in the wallet has the requested type" if not reasons
                                       else f"no credential fits: {reasons[0]}")
        out.append(QueryResult(q, matches, why_none))
    return out


def required_combinations(query: Query) -> list[tuple[list[list[str]], bool]]:
    """The credential sets as (options, required); without credential_sets every query is required."""
    if query.credential_sets is None:
        return [([[q.id for q in query.credentials]], True)]
    return [(s.options, s.required) for s in query.credential_sets]


def plan(query: Query, answerable: set[str]) -> tuple[list[str], list[str]]:
    """Which credential queries to answer: the first option of each credential set whose queries are all
    answerable.  Returns (query ids to answer, unmet required sets described for people).  Queries that
    appear in no credential set are not answered (section 6.4.2: only those in a set are requested)."""
    chosen: list[str] = []
    unmet: list[str] = []
    for options, required in required_combinations(query):
        pick = next((o for o in options if all(i in answerable for i in o)), None)
        if pick is None:
            if required:
                unmet.append(" or ".join("+".join(o) for o in options))
            continue
        chosen += [i for i in pick if i not in chosen]
    return chosen, unmet
