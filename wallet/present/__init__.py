"""Sharing: holder keys, selectively disclosed presentations, the QR codec, the employer's verifier."""
