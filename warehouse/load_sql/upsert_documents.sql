-- Purpose: load step: insert this run's document texts, or refresh the ones already held
-- (metadata, extractor_version, last_seen, run_id); first_seen is kept. Grain: content_hash.
INSERT INTO documents (
    doc_id, content_hash, source, format, text, n_chars, outlet, url, published, title, author,
    outlet_inferred, published_inferred, extractor_version, first_seen, last_seen, is_current,
    run_id
)
SELECT
    doc_id, content_hash, source, format, text, n_chars, outlet, url, published, title, author,
    outlet_inferred, published_inferred, extractor_version, $now, $now, TRUE, $run_id
FROM stage_documents
ON CONFLICT (content_hash) DO UPDATE SET
    doc_id = EXCLUDED.doc_id,
    source = EXCLUDED.source,
    format = EXCLUDED.format,
    n_chars = EXCLUDED.n_chars,
    outlet = EXCLUDED.outlet,
    url = EXCLUDED.url,
    published = EXCLUDED.published,
    title = EXCLUDED.title,
    author = EXCLUDED.author,
    outlet_inferred = EXCLUDED.outlet_inferred,
    published_inferred = EXCLUDED.published_inferred,
    extractor_version = EXCLUDED.extractor_version,
    last_seen = EXCLUDED.last_seen,
    is_current = TRUE,
    run_id = EXCLUDED.run_id
