"""Find the public key behind a verification method: did:key and did:jwk offline; did:web and https
key documents only with online checks on; keys the learner trusts (the issuer list) always.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from ..fetch import Fetcher, FetchRefused
from . import publickeys as keys
from .jose import strict_json


class KeyUnresolved(Exception):
    def __init__(self, message: str, *, needs_network: bool = False):
        super().__init__(message)
        self.needs_network = needs_network


@dataclass
class ResolvedKey:
    key: keys.PublicKey
    controller: str  # the DID or URL the key was resolved from (never a controller the key document claims)
    how: str  # "did:key", "did:jwk", "did:web (online)", "trusted issuer list", ...


def did_of(vm_id: str) -> str:
    return vm_id.split("#", 1)[0]


def domain_of(ref: str) -> str:
    """The web domain a did:web DID or an https URL is published on ('' for anything else)."""
    if ref.startswith("did:web:"):
        return urllib.parse.unquote(did_of(ref)[len("did:web:"):].split(":")[0]).lower()
    if ref.startswith("https://"):
        return (urllib.parse.urlsplit(ref).hostname or "").lower()
    return ""


def lists_key(doc: Any, key_ref: str) -> bool:
    """Does an issuer profile or DID document list the key ``key_ref`` (a key URL or DID URL, or the
    document it lives in) among its keys?"""
    if not isinstance(doc, dict):
        return False
    for section in ("verificationMethod", "assertionMethod", "publicKey", "authentication"):
        items = doc.get(section)
        for vm in items if isinstance(items, list) else [items]:
            ref = vm.get("id") if isinstance(vm, dict) else vm
            if isinstance(ref, str) and ref and (ref == key_ref or did_of(ref) == did_of(key_ref)):
                return True
    return False


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
                except keys.KeyFormatError as exc:
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
        except (keys.KeyFormatError, ValueError) as exc:  # JoseError (strict JSON) is a ValueError
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
        except keys.KeyFormatError as exc:
            raise KeyUnresolved(f"unusable key in {did}: {exc}") from exc

    def _https(self, vm_id: str) -> ResolvedKey:
        doc = self._get_json(vm_id.split("#", 1)[0], "the issuer's key document")
        vm = _find_vm(doc, vm_id) or (doc if isinstance(doc, dict) and "publicKeyMultibase" in doc else None)
        if vm is None:
            raise KeyUnresolved(f"{vm_id} was not found in the fetched document")
        # The key belongs to the URL it was fetched from.  Whatever ``controller`` (or ``owner``) the
        # document claims is the document's own say-so: anyone can publish a key that names a victim as
        # its controller.  Whether the issuer lists this key is decided against the issuer's profile.
        try:
            return ResolvedKey(keys.from_verification_method(vm), did_of(vm_id), "https key document (online)")
        except keys.KeyFormatError as exc:
            raise KeyUnresolved(f"unusable key at {vm_id}: {exc}") from exc

    def document(self, url: str, what: str) -> Any:
        """An issuer profile or DID document (online, or from the dated cache); raises KeyUnresolved."""
        return self._get_json(url, what)

    def _get_json(self, url: str, what: str) -> Any:
        try:
            return strict_json(self.fetcher.get(url), url)
        except FetchRefused as exc:
            raise KeyUnresolved(f"{what} is online ({url}): {exc}", needs_network=not self.fetcher.online) from exc
        except ValueError as exc:
            raise KeyUnresolved(f"{what} at {url} is not JSON") from exc
