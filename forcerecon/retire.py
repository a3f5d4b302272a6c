"""``forcerecon retire``: retire documents, then rebuild, check and report as a run would.

The warehouse part (one transaction, history kept) is :func:`forcerecon.warehouse.retire.
retire_documents`; this module holds the run lock around it and the rebuild that follows, and
clears the marts' dirty mark only at the end, so an interrupted retire is finished by the next
``forcerecon run``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from forcerecon.settings import Settings


def retire(doc_ids: Sequence[str], settings: Settings, note: str | None = None) -> dict[str, Any]:
    """Retire ``doc_ids`` and rebuild the models, quality results and report; returns counts,
    ``validation`` (passed/failed), ``failed`` expectations and the ``report`` path."""
    from forcerecon.flows.tasks import check_quality
    from forcerecon.reports.render import render_report
    from forcerecon.warehouse.connection import run_lock
    from forcerecon.warehouse.fingerprint import mark_marts_built
    from forcerecon.warehouse.models import build_models
    from forcerecon.warehouse.retire import retire_documents

    run_id = uuid.uuid4().hex[:16]
    with run_lock(settings.db_path):
        summary = retire_documents(settings.db_path, doc_ids, run_id, note=note)
        build_models(settings.db_path, settings)
        quality = check_quality.fn(settings, run_id)
        report = render_report(settings.db_path, settings.reports_dir)
        mark_marts_built(settings.db_path, run_id)
    return {
        **summary,
        "validation": "passed" if quality["success"] else "failed",
        "failed": quality["failed"],
        "report": str(report),
    }
