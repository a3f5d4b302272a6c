"""pandera contracts at every stage boundary and the validate_* functions that apply them."""

from __future__ import annotations

from forcerecon.schemas.models import (
    SUBJECT_STATUSES,
    SUBJECT_SUMMARY_COLUMNS,
    ClaimModel,
    DocumentModel,
    ExtractedClaimModel,
    StatementModel,
    SubjectSummaryModel,
)
from forcerecon.schemas.validate import (
    validate_claims,
    validate_documents,
    validate_extracted,
    validate_statements,
    validate_subjects,
)

__all__ = [
    "SUBJECT_STATUSES",
    "SUBJECT_SUMMARY_COLUMNS",
    "ClaimModel",
    "DocumentModel",
    "ExtractedClaimModel",
    "StatementModel",
    "SubjectSummaryModel",
    "validate_claims",
    "validate_documents",
    "validate_extracted",
    "validate_statements",
    "validate_subjects",
]
