"""Deterministic identifiers: a hash of a record's key fields, so reloads never duplicate."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """SHA-256 of a document's text (hex). Two files with the same text are one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex id from the key fields of a record; None becomes an empty field."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]
