"""Credential formats: detection by content (never by file name) and one parser per format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Normalized


@dataclass
class Parsed:
    """What a parser yields: the format, the normalized view, and the decoded payload for verification."""

    format: str
    normalized: Normalized
    payload: Any = None  # parsed JSON / JWT parts / ..., handed to the verifier
