"""Extraction of force figures from article text (see pipeline.py for the stage)."""

from __future__ import annotations

from forcerecon.extract.output import to_scheme
from forcerecon.extract.pipeline import Extraction, extract_documents, extract_text

__all__ = ["Extraction", "extract_documents", "extract_text", "to_scheme"]
