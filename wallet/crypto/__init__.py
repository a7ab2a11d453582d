"""Primitives with no policy: JOSE, JSON-LD (bundled contexts only), RDFC canonicalization, Data Integrity
suites, selective-disclosure primitives, BBS, public keys and DIDs. Imported by formats and verify;
imports neither."""
