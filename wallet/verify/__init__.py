"""Verification: offline JSON-LD, canonicalization, Data Integrity, JOSE, DIDs, status, the engine."""
