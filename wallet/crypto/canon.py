"""RDF Dataset Canonicalization (RDFC-1.0), with a choice of hash (SHA-256 or SHA-384) and a work cap.

pyld ships URDNA2015 with SHA-256 only and no bound on the work a crafted ("poison") dataset can
demand, so the algorithm is implemented here, step by step as in the W3C Recommendation, on pyld's
N-Quads parser and serializer.  Tested against the whole W3C rdf-canon suite (tests/verify/test_canon.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from itertools import permutations
from typing import Any

Quad = dict[str, Any]

# A dataset whose canonicalization needs more Hash N-Degree Quads calls than this is refused.
DEFAULT_MAX_WORK = 20_000


class CanonicalizationError(ValueError):
    pass


class _Issuer:
    __slots__ = ("prefix", "counter", "issued", "order")

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.counter = 0
        self.issued: dict[str, str] = {}
        self.order: list[str] = []

    def issue(self, existing: str) -> str:
        got = self.issued.get(existing)
        if got is None:
            got = f"{self.prefix}{self.counter}"
            self.counter += 1
            self.issued[existing] = got
            self.order.append(existing)
        return got

    def copy(self) -> _Issuer:
        c = _Issuer(self.prefix)
        c.counter = self.counter
        c.issued = dict(self.issued)
        c.order = list(self.order)
        return c


_POSITIONS = (("subject", "s"), ("object", "o"), ("name", "g"))

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# --- canonical N-Quads (RDFC-1.0 section 4.3 / N-Quads canonical form) -----------------------
_ECHAR_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f]')


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group()
    rep = _ECHAR_OUT.get(ch)
    return rep if rep is not None else f"\\u{ord(ch):04X}"


def _escape_literal(value: str) -> str:
    """N-Quads canonical escaping: the ECHARs by name, other control characters as \\uXXXX (one regex pass:
    a 20 MB literal took 4 s character by character)."""
    return _NEEDS_ESCAPE.sub(_escape_char, value)


def _term(comp: dict[str, Any]) -> str:
    if comp["type"] == "IRI":
        return f"<{comp['value']}>"
    if comp["type"] == "blank node":
        return str(comp["value"])
    lit = f'"{_escape_literal(comp["value"])}"'
    dt = comp.get("datatype", XSD_STRING)
    if dt == RDF_LANGSTRING:
        return lit + "@" + comp["language"]
    if dt != XSD_STRING:
        return lit + f"^^<{dt}>"
    return lit


def serialize_nquad(q: Quad) -> str:
    parts = [_term(q["subject"]), _term(q["predicate"]), _term(q["object"])]
    if q.get("name"):
        parts.append(_term(q["name"]))
    return " ".join(parts) + " .\n"


_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([tbnrf\"'\\\\]))")
_ECHAR_IN = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(s: str) -> str:
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None
                         else _ECHAR_IN[m.group(3)], s)


_IRI = r"<([^>]*)>"
_BNODE = r"(_:[A-Za-z0-9_\-.]+)"
_LIT = r'"((?:[^"\\]|\\.)*)"(?:\^\^<([^>]*)>|@([a-zA-Z]+(?:-[a-zA-Z0-9]+)*))?'
_LINE = re.compile(
    rf"^\s*(?:{_IRI}|{_BNODE})\s+{_IRI}\s+(?:{_IRI}|{_BNODE}|{_LIT})\s*(?:{_IRI}|{_BNODE})?\s*\.\s*(?:#.*)?$"
)


def parse_nquads(text: str) -> list[Quad]:
    quads = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            raise CanonicalizationError(f"line {n} is not valid N-Quads")
        g = m.groups()
        q: Quad = {
            "subject": {"type": "IRI", "value": _unescape(g[0])} if g[0] is not None
            else {"type": "blank node", "value": g[1]},
            "predicate": {"type": "IRI", "value": _unescape(g[2])},
        }
        if g[3] is not None:
            q["object"] = {"type": "IRI", "value": _unescape(g[3])}
        elif g[4] is not None:
            q["object"] = {"type": "blank node", "value": g[4]}
        else:
            obj = {"type": "literal", "value": _unescape(g[5]), "datatype": XSD_STRING}
            if g[6] is not None:
                obj["datatype"] = _unescape(g[6])
            elif g[7] is not None:
                obj["datatype"], obj["language"] = RDF_LANGSTRING, g[7]
            q["object"] = obj
        if g[8] is not None:
            q["name"] = {"type": "IRI", "value": _unescape(g[8])}
        elif g[9] is not None:
            q["name"] = {"type": "blank node", "value": g[9]}
        quads.append(q)
    return quads


class _Canonicalizer:
    def __init__(self, quads: list[Quad], hash_name: str, max_work: int):
        self.quads = quads
        self.new_hash: Callable[[bytes], Any] = {"sha256": hashlib.sha256, "sha384": hashlib.sha384}[hash_name]
        self.max_work = max_work
        self.work = 0
        self.canonical = _Issuer("_:c14n")
        self.bnode_quads: dict[str, list[Quad]] = {}
        self._first_degree: dict[str, str] = {}
        # each quad's terms serialized once, with where its blank nodes are: the first-degree hashes and
        # the output only put labels in those places (rows[i] is quads[i]; bnode_rows lists, per blank
        # node, the rows it is in, each once)
        self._rows: list[tuple[list[str], list[tuple[int, str]]]] = []
        self._bnode_rows: dict[str, list[int]] = {}
        rows, bnode_quads, bnode_rows = self._rows, self.bnode_quads, self._bnode_rows
        for n, q in enumerate(quads):
            blanks: list[tuple[int, str]] = []
            s, p, o, g = q["subject"], q["predicate"], q["object"], q.get("name")
            parts = [f"<{s['value']}>" if s["type"] == "IRI" else _term(s),
                     f"<{p['value']}>" if p["type"] == "IRI" else _term(p),
                     f"<{o['value']}>" if o["type"] == "IRI" else _term(o)]
            if g:
                parts.append(f"<{g['value']}>" if g["type"] == "IRI" else _term(g))
            for i, comp in ((0, s), (2, o), (3, g)) if g else ((0, s), (2, o)):
                if comp["type"] == "blank node":
                    label = comp["value"]
                    blanks.append((i, label))
                    lst = bnode_rows.get(label)
                    if lst is None:
                        bnode_rows[label] = [n]
                        bnode_quads[label] = [q]
                    elif lst[-1] != n:
                        lst.append(n)
                        bnode_quads[label].append(q)
            rows.append((parts, blanks))

    def _hex(self, data: str) -> str:
        return self.new_hash(data.encode("utf-8")).hexdigest()

    # 4.6 Hash First Degree Quads
    def hash_first_degree(self, ref: str) -> str:
        cached = self._first_degree.get(ref)
        if cached is not None:
            return cached
        lines = []
        rows = self._rows
        for n in self._bnode_rows[ref]:
            parts, blanks = rows[n]
            parts = list(parts)
            for i, label in blanks:
                parts[i] = "_:a" if label == ref else "_:z"
            lines.append(" ".join(parts) + " .\n")
        lines.sort()
        result = self._hex("".join(lines))
        self._first_degree[ref] = result
        return result

    # 4.7 Hash Related Blank Node
    def hash_related(self, related: str, quad: Quad, issuer: _Issuer, position: str) -> str:
        if related in self.canonical.issued:
            ident = self.canonical.issued[related]
        elif related in issuer.issued:
            ident = issuer.issued[related]
        else:
            ident = self.hash_first_degree(related)
        data = position
        if position != "g":
            data += f"<{quad['predicate']['value']}>"
        return self._hex(data + ident)

    # 4.8 Hash N-Degree Quads
    def hash_n_degree(self, ref: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        self.work += 1
        if self.work > self.max_work:
            raise CanonicalizationError("dataset is too complex to canonicalize safely (poison graph?)")
        hash_to_related: dict[str, list[str]] = {}
        for q in self.bnode_quads[ref]:
            for key, pos in _POSITIONS:
                comp = q.get(key)
                if comp and comp["type"] == "blank node" and comp["value"] != ref:
                    h = self.hash_related(comp["value"], q, issuer, pos)
                    hash_to_related.setdefault(h, []).append(comp["value"])
        data = []
        for related_hash in sorted(hash_to_related):
            data.append(related_hash)
            chosen_path = ""
            chosen_issuer: _Issuer | None = None
            for perm in permutations(hash_to_related[related_hash]):
                self.work += 1
                if self.work > self.max_work:
                    raise CanonicalizationError("dataset is too complex to canonicalize safely (poison graph?)")
                issuer_copy = issuer.copy()
                path = ""
                recursion: list[str] = []
                skip = False
                for related in perm:
                    if related in self.canonical.issued:
                        path += self.canonical.issued[related]
                    else:
                        if related not in issuer_copy.issued:
                            recursion.append(related)
                        path += issuer_copy.issue(related)
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                for related in recursion:
                    result_hash, result_issuer = self.hash_n_degree(related, issuer_copy)
                    path += issuer_copy.issue(related) + f"<{result_hash}>"
                    issuer_copy = result_issuer
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path, chosen_issuer = path, issuer_copy
            data.append(chosen_path)
            assert chosen_issuer is not None
            issuer = chosen_issuer
        return self._hex("".join(data)), issuer

    # 4.4 Canonicalization algorithm
    def run(self) -> tuple[list[str], dict[str, str]]:
        if len(self.bnode_quads) == 1:
            # one blank node: its first-degree hash is unique whatever it is, so it is issued c14n0 (4.4.3
            # step 5) and no hash decides anything; with none, there is nothing to label
            self.canonical.issue(next(iter(self.bnode_quads)))
        else:
            self._label()
        out = []
        issued = self.canonical.issued
        for parts, blanks in self._rows:
            if blanks:
                parts = list(parts)
                for i, label in blanks:
                    parts[i] = issued[label]
            out.append(" ".join(parts) + " .\n")
        return sorted(set(out)), dict(issued)

    def _label(self) -> None:
        hash_to_bnodes: dict[str, list[str]] = {}
        for ref in self.bnode_quads:
            hash_to_bnodes.setdefault(self.hash_first_degree(ref), []).append(ref)
        for h in sorted(hash_to_bnodes):
            ids = hash_to_bnodes[h]
            if len(ids) == 1:
                self.canonical.issue(ids[0])
                del hash_to_bnodes[h]
        for h in sorted(hash_to_bnodes):
            results = []
            for ref in hash_to_bnodes[h]:
                if ref in self.canonical.issued:
                    continue
                temp = _Issuer("_:b")
                temp.issue(ref)
                results.append(self.hash_n_degree(ref, temp))
            for _hash, issuer in sorted(results, key=lambda r: r[0]):
                for existing in issuer.order:
                    self.canonical.issue(existing)


def _dataset_quads(dataset: dict[str, list[Quad]]) -> Iterator[Quad]:
    for graph, triples in dataset.items():
        if graph == "@default":
            yield from triples  # read, never changed: no copy
            continue
        name = {"type": "blank node" if graph.startswith("_:") else "IRI", "value": graph}
        for t in triples:
            yield {**t, "name": name}


def _quads_of(dataset: dict[str, list[Quad]]) -> list[Quad]:
    if len(dataset) == 1 and "@default" in dataset:
        return dataset["@default"]  # read, never changed
    return list(_dataset_quads(dataset))


def canonicalize_dataset_lines(dataset: dict[str, list[Quad]], *, hash_name: str = "sha256",
                               max_work: int = DEFAULT_MAX_WORK) -> list[str]:
    lines, _ = _Canonicalizer(_quads_of(dataset), hash_name, max_work).run()
    return lines


def canonicalize_dataset(dataset: dict[str, list[Quad]], *, hash_name: str = "sha256",
                         max_work: int = DEFAULT_MAX_WORK) -> str:
    """Canonical N-Quads for a pyld RDF dataset (as returned by ``jsonld.to_rdf``)."""
    lines, _ = _Canonicalizer(_quads_of(dataset), hash_name, max_work).run()
    return "".join(lines)


def canonicalize_nquads(text: str, *, hash_name: str = "sha256", max_work: int = DEFAULT_MAX_WORK,
                        ) -> tuple[str, dict[str, str]]:
    """Canonical N-Quads and the issued-identifier map (input label without ``_:`` -> ``c14nN``)."""
    quads = parse_nquads(text)
    lines, issued = _Canonicalizer(quads, hash_name, max_work).run()
    return "".join(lines), {k.removeprefix("_:"): v.removeprefix("_:") for k, v in issued.items()}
