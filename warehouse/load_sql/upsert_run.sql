-- Purpose: the runs row of a run: insert it, or fill in the fields given (a NULL parameter keeps
-- what is there). Grain: run_id.
INSERT INTO runs (
    run_id, flow_run_id, started_at, ended_at, status, inputs, extractor_version,
    n_documents, n_claims, n_statements, n_rejects, n_documents_new, n_documents_superseded,
    n_claims_new, n_claims_retired, n_claims_changed, n_statements_new, n_statements_retired,
    n_statements_changed, n_rejects_new,
    loaded_at, load_seconds, message
)
VALUES (
    $run_id, $flow_run_id, $started_at, $ended_at, $status, $inputs, $extractor_version,
    $n_documents, $n_claims, $n_statements, $n_rejects, $n_documents_new,
    $n_documents_superseded, $n_claims_new, $n_claims_retired, $n_claims_changed,
    $n_statements_new, $n_statements_retired, $n_statements_changed, $n_rejects_new,
    $loaded_at, $load_seconds, $message
)
ON CONFLICT (run_id) DO UPDATE SET
    flow_run_id = coalesce(EXCLUDED.flow_run_id, runs.flow_run_id),
    started_at = coalesce(EXCLUDED.started_at, runs.started_at),
    ended_at = coalesce(EXCLUDED.ended_at, runs.ended_at),
    status = coalesce(EXCLUDED.status, runs.status),
    inputs = coalesce(EXCLUDED.inputs, runs.inputs),
    extractor_version = coalesce(EXCLUDED.extractor_version, runs.extractor_version),
    n_documents = coalesce(EXCLUDED.n_documents, runs.n_documents),
    n_claims = coalesce(EXCLUDED.n_claims, runs.n_claims),
    n_statements = coalesce(EXCLUDED.n_statements, runs.n_statements),
    n_rejects = coalesce(EXCLUDED.n_rejects, runs.n_rejects),
    n_documents_new = coalesce(EXCLUDED.n_documents_new, runs.n_documents_new),
    n_documents_superseded = coalesce(EXCLUDED.n_documents_superseded, runs.n_documents_superseded),
    n_claims_new = coalesce(EXCLUDED.n_claims_new, runs.n_claims_new),
    n_claims_retired = coalesce(EXCLUDED.n_claims_retired, runs.n_claims_retired),
    n_claims_changed = coalesce(EXCLUDED.n_claims_changed, runs.n_claims_changed),
    n_statements_new = coalesce(EXCLUDED.n_statements_new, runs.n_statements_new),
    n_statements_retired = coalesce(EXCLUDED.n_statements_retired, runs.n_statements_retired),
    n_statements_changed = coalesce(EXCLUDED.n_statements_changed, runs.n_statements_changed),
    n_rejects_new = coalesce(EXCLUDED.n_rejects_new, runs.n_rejects_new),
    loaded_at = coalesce(EXCLUDED.loaded_at, runs.loaded_at),
    load_seconds = coalesce(EXCLUDED.load_seconds, runs.load_seconds),
    message = coalesce(EXCLUDED.message, runs.message)
