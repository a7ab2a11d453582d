"""Receiving from issuers (OpenID4VCI, wallet.exchange.receive) and answering verifiers (OpenID4VP,
wallet.exchange.vp): the protocol clients work on the Wallet itself (they import what they receive through
its ordinary door).  ``ExchangeUseCases`` puts them on ``Wallet``, one delegating method each."""

from __future__ import annotations

from typing import Any


class ExchangeUseCases:
    @staticmethod
    def read_link(source: str, stdin: Any = None) -> str:
        """An offer or request as text: from a link, a QR image, a text file, ``-`` (stdin) or the text itself."""
        from ..exchange.links import read_link

        return read_link(source, stdin)

    @staticmethod
    def qr_text_in_image(image: Any, source: str) -> str:
        """The text of the one QR code in a (Pillow) image, e.g. pasted from the clipboard."""
        from ..exchange.links import decode_qr_image

        return decode_qr_image(image, source)

    # -- receiving from issuers (OpenID4VCI) ------------------------------------------------------
    def receive_preview(self, text: str, *, allow_loopback_http: bool = False) -> Any:
        """Read an offer and its issuer's metadata (GETs only) for the learner to see before confirming."""
        from ..exchange import receive as rx

        return rx.preview(self, text, rx.client(allow_loopback_http))

    def receive(self, preview: Any, *, tx_code: str | None = None, allow_loopback_http: bool = False,
                **kw: Any) -> Any:
        """After the learner confirmed: obtain the offered credentials and import each (``ReceiveResult``)."""
        from ..exchange import receive as rx

        return rx.receive(self, preview, rx.client(allow_loopback_http), tx_code=tx_code, **kw)

    def receive_pending(self) -> list[dict[str, Any]]:
        from ..exchange import receive as rx

        return rx.pending(self)

    def poll_deferred(self, *, allow_loopback_http: bool = False, force: bool = False) -> list[Any]:
        from ..exchange import receive as rx

        return rx.poll_pending(self, rx.client(allow_loopback_http), force=force)

    def received_from(self, ref: str) -> dict[str, Any] | None:
        """Where a credential came from (issuer URL and name, date), when it was received from an issuer."""
        store: Any = getattr(self, "store")
        cid = store.resolve_id(ref)
        found: dict[str, Any] | None = store.provenance(cid).get(cid)
        return found

    # -- answering verifiers (OpenID4VP): wallet.exchange.vp ---------------------------------------
    @staticmethod
    def load_trust_roots(data: bytes, source: str) -> list[Any]:
        """X.509 root certificates (PEM) to check x509_san_dns / x509_hash verifiers against."""
        from ..exchange.vp import load_pem_roots

        return load_pem_roots(data, source)

    def vp_offer(self, text: str, *, allow_loopback_http: bool = False, trust_roots: list[Any] | None = None) -> Any:
        """Read and check a verifier's request, and match it against the stored credentials (nothing is sent)."""
        from ..exchange import vp as vp_mod
        from ..exchange.http import HttpClient

        return vp_mod.offer(self, text, http=HttpClient(allow_loopback_http=allow_loopback_http),
                            trust=vp_mod.trust_from_settings(self, trust_roots or []), now=self._now())

    def vp_decide(self, offer: Any, select: dict[str, list[str]] | None = None,
                  decline_claims: dict[str, set[str]] | None = None, decline_queries: set[str] | None = None) -> Any:
        from ..exchange import vp as vp_mod

        return vp_mod.decide(offer, select, decline_claims, decline_queries)

    def vp_send(self, answer: Any) -> Any:
        """Send the answer the learner agreed to; it goes into the disclosure log."""
        from ..exchange import vp as vp_mod

        return vp_mod.send(self, answer, now=self._now())

    def vp_decline(self, offer: Any) -> Any:
        from ..exchange import vp as vp_mod

        return vp_mod.decline(self, offer, now=self._now())

    def vp_add_trust_root(self, data: bytes, source: str) -> list[str]:
        from ..exchange import vp as vp_mod

        return vp_mod.add_root(self, data, source)

    def vp_add_attester(self, issuer: str, jwk: dict[str, Any]) -> None:
        from ..exchange import vp as vp_mod

        vp_mod.add_attester(self, issuer, jwk)

    @staticmethod
    def vp_claim_name(claim: Any) -> str:
        """A requested claim's name, for the consent screen."""
        from ..exchange.vp import claim_name

        return claim_name(claim)

    @staticmethod
    def vp_optional_claims(match: Any) -> list[Any]:
        """The claims of a matched query the learner may decline."""
        from ..exchange.vp import optional_claims

        return list(optional_claims(match))

    @staticmethod
    def vp_required_query(query: Any, query_id: str) -> bool:
        """Whether the verifier needs this credential query answered (credential_sets)."""
        from ..exchange.vp import required_query

        return bool(required_query(query, query_id))

    def _now(self) -> Any:
        clock: Any = getattr(self, "clock")
        return clock()
