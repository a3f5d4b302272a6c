"""Extraction of force figures from article text (see pipeline.py for the stage)."""

from __future__ import annotations

from forcerecon.extract.pipeline import Extraction, extract_documents, extract_text, to_scheme

__all__ = ["Extraction", "extract_documents", "extract_text", "to_scheme"]
