-- Security and integrity (issue 13).

-- Failed sign-ins on an account are audited (`session.login_failed`, entity_id = the
-- account) and shown to its owner; this index finds them without scanning the log.
CREATE INDEX audit_log_by_entity ON audit_log (entity_id, action, id);

-- The orphan sweep walks the whole R2 bucket a bounded number of pages per run; where
-- the scheduled walk stopped is kept here so the next run goes on from there.
CREATE TABLE maintenance_cursors (
    name TEXT PRIMARY KEY,              -- 'sweep'
    cursor TEXT,                        -- R2 list cursor; NULL: start from the beginning
    updated_at TEXT NOT NULL
);
