"""Find the public key behind a verification method: did:key and did:jwk offline; did:web and https
key documents only with online checks on; keys the learner trusts (the issuer list) always.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from . import keys
from .fetch import Fetcher, FetchRefused
from .jose import strict_json


class KeyUnresolved(Exception):
    def __init__(self, message: str, *, needs_network: bool = False):
        super().__init__(message)
        self.needs_network = needs_network


@dataclass
class ResolvedKey:
    key: keys.PublicKey
    controller: str  # the DID or URL that controls the key
    how: str  # "did:key", "did:jwk", "did:web (online)", "trusted issuer list", ...


def did_of(vm_id: str) -> str:
    return vm_id.split("#", 1)[0]


def _find_vm(doc: Any, vm_id: str) -> Any:
    if not isinstance(doc, dict):
        return None
    if doc.get("id") == vm_id:
        return doc
    frag = "#" + vm_id.split("#", 1)[1] if "#" in vm_id else None
    for section in ("verificationMethod", "assertionMethod", "authentication", "publicKey"):
        for vm in doc.get(section, []) or []:
            if isinstance(vm, dict) and (vm.get("id") == vm_id or (frag and vm.get("id") == frag)):
                return vm
    return None


class KeyResolver:
    def __init__(self, fetcher: Fetcher | None = None, trusted: dict[str, dict[str, Any]] | None = None):
        """``trusted`` maps an issuer id, DID or verification method id to a public JWK."""
        self.fetcher = fetcher or Fetcher()
        self.trusted = trusted or {}
        self._cache: dict[str, ResolvedKey] = {}

    def resolve(self, vm_id: str) -> ResolvedKey:
        if not isinstance(vm_id, str) or not vm_id:
            raise KeyUnresolved("the proof names no verification method")
        hit = self._cache.get(vm_id)
        if hit is None:
            hit = self._resolve(vm_id)
            self._cache[vm_id] = hit
        return hit

    def _resolve(self, vm_id: str) -> ResolvedKey:
        did = did_of(vm_id)
        for ref in (vm_id, did):
            if ref in self.trusted:
                try:
                    return ResolvedKey(keys.from_jwk(self.trusted[ref]), did, "trusted issuer list")
                except keys.KeyError_ as exc:
                    raise KeyUnresolved(f"the trusted key for {ref} is unusable: {exc}") from exc
        try:
            if did.startswith("did:key:"):
                multikey = did[len("did:key:"):]
                if "#" in vm_id and vm_id.split("#", 1)[1] != multikey:
                    raise KeyUnresolved("did:key fragment does not match the key")
                return ResolvedKey(keys.from_multikey(multikey), did, "did:key")
            if did.startswith("did:jwk:"):
                jwk = strict_json(keys.b64u_decode(did[len("did:jwk:"):]), "did:jwk")
                return ResolvedKey(keys.from_jwk(jwk), did, "did:jwk")
        except (keys.KeyError_, ValueError) as exc:  # JoseError (strict JSON) is a ValueError
            raise KeyUnresolved(f"cannot read the key in {did[:60]}: {exc}") from exc
        if did.startswith("did:web:"):
            return self._did_web(vm_id, did)
        if did.startswith("https://"):
            return self._https(vm_id)
        if did.startswith("did:"):
            method = did.split(":")[1]
            raise KeyUnresolved(f"DID method did:{method} is not supported")
        raise KeyUnresolved(f"cannot resolve a key from {vm_id[:80]!r}")

    def _did_web(self, vm_id: str, did: str) -> ResolvedKey:
        parts = [urllib.parse.unquote(p) for p in did[len("did:web:"):].split(":")]
        host, path = parts[0], parts[1:]
        url = f"https://{host}/" + ("/".join(path) + "/did.json" if path else ".well-known/did.json")
        doc = self._get_json(url, f"the issuer's DID document ({did})")
        vm = _find_vm(doc, vm_id)
        if vm is None:
            raise KeyUnresolved(f"{did} does not list the key {vm_id}")
        try:
            return ResolvedKey(keys.from_verification_method(vm), did, "did:web (online)")
        except keys.KeyError_ as exc:
            raise KeyUnresolved(f"unusable key in {did}: {exc}") from exc

    def _https(self, vm_id: str) -> ResolvedKey:
        doc = self._get_json(vm_id.split("#", 1)[0], "the issuer's key document")
        vm = _find_vm(doc, vm_id) or (doc if isinstance(doc, dict) and "publicKeyMultibase" in doc else None)
        if vm is None:
            raise KeyUnresolved(f"{vm_id} was not found in the fetched document")
        controller = vm.get("controller") if isinstance(vm.get("controller"), str) else did_of(vm_id)
        try:
            return ResolvedKey(keys.from_verification_method(vm), controller, "https key document (online)")
        except keys.KeyError_ as exc:
            raise KeyUnresolved(f"unusable key at {vm_id}: {exc}") from exc

    def _get_json(self, url: str, what: str) -> Any:
        try:
            return strict_json(self.fetcher.get(url), url)
        except FetchRefused as exc:
            raise KeyUnresolved(f"{what} is online ({url}): {exc}", needs_network=not self.fetcher.online) from exc
        except ValueError as exc:
            raise KeyUnresolved(f"{what} at {url} is not JSON") from exc
