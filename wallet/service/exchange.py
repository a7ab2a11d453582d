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
