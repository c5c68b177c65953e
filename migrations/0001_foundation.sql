-- Prasar schema. Ids are stable text keys derived from LGD codes where they exist
-- (`gp-42356`, `block-1378`), so imports can upsert and history survives reorganisations.
-- Times: `*_at` columns are RFC 3339 strings with +05:30; `*_ms` are epoch milliseconds.
-- Days (`valid_from`, `valid_to`, `ist_day`) are IST calendar days, YYYY-MM-DD.

-- Administrative units: state → district → block → gram panchayat, and
-- district → urban local body (ULB) → ward.
CREATE TABLE units (
    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    kind TEXT NOT NULL CHECK (kind IN ('state', 'district', 'block', 'gram_panchayat', 'ulb', 'ward')),
    code TEXT NOT NULL,                 -- LGD code, or an office code where LGD has none
    parent_id TEXT REFERENCES units(id),
    -- Denormalised scope keys, kept in step with parent_id by the writers.
    state_id TEXT,
    district_id TEXT,
    block_id TEXT,                      -- for blocks themselves and their GPs
    name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    name_hi TEXT NOT NULL DEFAULT '' CHECK (length(name_hi) <= 200),
    lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    location_exact INTEGER NOT NULL DEFAULT 0 CHECK (location_exact IN (0, 1)),
    valid_from TEXT NOT NULL,
    valid_to TEXT,                      -- last day the unit existed; NULL while it exists
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    UNIQUE (kind, code)
);
CREATE INDEX units_by_parent ON units (parent_id);
CREATE INDEX units_by_district ON units (district_id, kind);
CREATE INDEX units_by_block ON units (block_id);

-- Reorganisations (a GP moved to another block, a block to a new district) are recorded
-- here when a unit's parent changes, so history is kept rather than rewritten.
CREATE TABLE unit_parent_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id TEXT NOT NULL REFERENCES units(id),
    old_parent_id TEXT,
    new_parent_id TEXT,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL
);

-- One WhatsApp group per gram panchayat or ward.
CREATE TABLE groups (
    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    unit_id TEXT NOT NULL UNIQUE REFERENCES units(id),
    district_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    invite_link TEXT CHECK (invite_link IS NULL OR length(invite_link) <= 200),
    member_limit INTEGER NOT NULL DEFAULT 1024 CHECK (member_limit BETWEEN 1 AND 100000),
    created_at TEXT NOT NULL,
    closed_at TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
);
CREATE INDEX groups_by_district ON groups (district_id);

-- Member counts as reported over time; the latest row is the current count.
CREATE TABLE member_counts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id TEXT NOT NULL REFERENCES groups(id),
    member_count INTEGER NOT NULL CHECK (member_count BETWEEN 0 AND 100000),
    reported_at TEXT NOT NULL,
    reported_at_ms INTEGER NOT NULL,
    reported_by TEXT NOT NULL           -- actor string, as in audit_log
);
CREATE INDEX member_counts_by_group ON member_counts (group_id, reported_at_ms);

-- Group admins (usually local officials). Mobile numbers are stored as +91XXXXXXXXXX.
CREATE TABLE admins (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    -- D1 caps GLOB patterns at 50 characters, hence the split check.
    mobile TEXT NOT NULL CHECK (length(mobile) = 13 AND substr(mobile, 1, 3) = '+91'
        AND substr(mobile, 4, 1) BETWEEN '6' AND '9' AND NOT substr(mobile, 2) GLOB '*[^0-9]*'),
    designation TEXT NOT NULL DEFAULT '' CHECK (length(designation) <= 120),
    department TEXT NOT NULL DEFAULT '' CHECK (length(department) <= 120),
    created_at TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    UNIQUE (district_id, mobile)
);

-- Who administers which group, when. At most one open assignment per group.
CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    admin_id TEXT NOT NULL REFERENCES admins(id),
    group_id TEXT NOT NULL REFERENCES groups(id),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('transferred', 'inactive', 'resigned', 'other')),
    end_note TEXT NOT NULL DEFAULT '' CHECK (length(end_note) <= 500),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE UNIQUE INDEX assignments_one_open_per_group ON assignments (group_id) WHERE ended_at IS NULL;
CREATE INDEX assignments_by_admin ON assignments (admin_id);

-- Officials who sign in with a username and password.
CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 64),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('state_admin', 'collector', 'nodal_officer', 'pr_officer', 'block_officer')),
    -- The area the role covers: the state for state_admin, a district for district
    -- officers, a block for block officers.
    area_id TEXT NOT NULL REFERENCES units(id),
    password_hash TEXT NOT NULL,        -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
);

-- Personal sign-in links for group admins. Only a SHA-256 of the token is stored.
CREATE TABLE admin_links (
    token_hash TEXT PRIMARY KEY,
    admin_id TEXT NOT NULL REFERENCES admins(id),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX admin_links_by_admin ON admin_links (admin_id);

-- Sessions of officials (account_id) and group admins (admin_id). Only a SHA-256 of the
-- cookie value is stored; revoking sets revoked_at_ms.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id TEXT REFERENCES accounts(id),
    admin_id TEXT REFERENCES admins(id),
    csrf_token TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER,
    CHECK ((account_id IS NULL) <> (admin_id IS NULL))
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_admin ON sessions (admin_id);

-- Failed sign-ins, for rate limiting per account and per client address.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,                  -- 'user:<username>' or 'ip:<address>'
    at_ms INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at_ms);

-- Screenshot submissions; the bytes live in R2 under r2_key.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,               -- UUID v4, generated by the worker
    group_id TEXT NOT NULL REFERENCES groups(id),
    admin_id TEXT REFERENCES admins(id),
    client_key TEXT,                   -- idempotency key sent by the client, if any
    submitted_at TEXT NOT NULL,
    submitted_at_ms INTEGER NOT NULL,
    ist_day TEXT NOT NULL,
    r2_key TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    bytes INTEGER NOT NULL CHECK (bytes > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    UNIQUE (group_id, client_key)
);
CREATE INDEX submissions_by_day ON submissions (ist_day, submitted_at_ms);
CREATE INDEX submissions_by_group ON submissions (group_id, submitted_at_ms);

-- Append-only: who changed what, when. Triggers refuse edits and deletions.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,               -- 'account:<id>', 'admin:<id>', 'system:<job>'
    district_id TEXT,                  -- scope for reading; NULL for state-level changes
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_district ON audit_log (district_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Registry imports: a dry run stores its plan here; applying it runs a handful of
-- set-based statements over the stored JSON in one transaction.
CREATE TABLE imports (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES units(id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('previewed', 'applied')),
    base_version INTEGER NOT NULL,     -- newest audit_log id of the district at preview
    counts TEXT NOT NULL,
    applied_at TEXT
);

CREATE TABLE import_chunks (
    import_id TEXT NOT NULL REFERENCES imports(id),
    entity TEXT NOT NULL CHECK (entity IN ('units', 'groups', 'member_counts', 'admins', 'assignments')),
    seq INTEGER NOT NULL,
    rows TEXT NOT NULL CHECK (json_valid(rows)),
    PRIMARY KEY (import_id, entity, seq)
);
