-- Daily monitoring: the morning draw, the checks it creates, call logs, review decisions
-- and flags on screenshots (reused picture, taken on another day).
--
-- Status of every group for a day (the collector's map) is derived, not stored, from
-- indexed lookups: open assignment (has an admin), submissions by (group_id, ist_day),
-- the latest review per submission, and checks by (district_id, ist_day). See
-- worker/src/storage/monitoring.rs `district_status` for the one query.

-- One row per district, IST day and level: the recorded seed replays the draw
-- (prasar_core::draw), `skipped` says which groups could not be drawn and why.
CREATE TABLE daily_draws (
    district_id TEXT NOT NULL REFERENCES units(id),
    ist_day TEXT NOT NULL CHECK (length(ist_day) = 10),
    level TEXT NOT NULL CHECK (level IN ('nodal_officer', 'collector')),
    seed TEXT NOT NULL CHECK (length(seed) = 16),       -- 64 bits as 16 hex digits
    window_days INTEGER NOT NULL CHECK (window_days BETWEEN 1 AND 365),
    skipped TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(skipped)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,                            -- 'system:cron' or 'account:<id>'
    PRIMARY KEY (district_id, ist_day, level)
);

-- A deadline-bound request to one group's admin for the day's screenshot. Its state
-- (pending, submitted, late, overdue) follows from the group's submissions that day and
-- the clock, so nothing has to flip it at the deadline.
CREATE TABLE checks (
    id TEXT PRIMARY KEY,
    district_id TEXT NOT NULL REFERENCES units(id),
    ist_day TEXT NOT NULL CHECK (length(ist_day) = 10),
    level TEXT NOT NULL CHECK (level IN ('nodal_officer', 'collector')),
    pool TEXT NOT NULL CHECK (pool IN ('gram_panchayat', 'ward')),
    group_id TEXT NOT NULL REFERENCES groups(id),
    admin_id TEXT REFERENCES admins(id),                 -- the admin at draw time
    round INTEGER NOT NULL CHECK (round >= 1),
    reason TEXT NOT NULL CHECK (json_valid(reason)),     -- prasar_core::draw::Reason
    deadline_ms INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (district_id, ist_day, level, pool)
);
CREATE INDEX checks_by_day ON checks (district_id, ist_day);
CREATE INDEX checks_by_group ON checks (group_id, ist_day);

-- Calls an officer made about a check.
CREATE TABLE check_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_id TEXT NOT NULL REFERENCES checks(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'not_reached', 'promised', 'refused')),
    remark TEXT NOT NULL DEFAULT '' CHECK (length(remark) <= 500),
    called_at TEXT NOT NULL,
    called_at_ms INTEGER NOT NULL,
    called_by TEXT NOT NULL
);
CREATE INDEX check_calls_by_check ON check_calls (check_id, id);

-- Review decisions, append-only: the newest row per submission is its outcome.
CREATE TABLE submission_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('verified', 'has_issues', 'rejected')),
    remark TEXT NOT NULL DEFAULT '' CHECK (length(remark) <= 500),
    reviewed_at TEXT NOT NULL,
    reviewed_at_ms INTEGER NOT NULL,
    reviewed_by TEXT NOT NULL
);
CREATE INDEX submission_reviews_by_submission ON submission_reviews (submission_id, id);

CREATE TRIGGER submission_reviews_no_update BEFORE UPDATE ON submission_reviews
BEGIN
    SELECT RAISE(ABORT, 'submission_reviews is append-only');
END;

-- Perceptual hashes as two 32-bit integers, so SQL can count differing bits (SQLite has
-- no XOR or popcount; see storage/monitoring.rs). One row per stored screenshot that
-- carried a hash; district and group are copied for the indexed lookups.
CREATE TABLE image_hashes (
    submission_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    district_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    hi INTEGER NOT NULL CHECK (hi BETWEEN 0 AND 4294967295),
    lo INTEGER NOT NULL CHECK (lo BETWEEN 0 AND 4294967295),
    uploaded_at_ms INTEGER NOT NULL,
    PRIMARY KEY (submission_id, position),
    FOREIGN KEY (submission_id, position) REFERENCES submission_images (submission_id, position)
);
CREATE INDEX image_hashes_by_district ON image_hashes (district_id, uploaded_at_ms);
CREATE INDEX image_hashes_by_group ON image_hashes (group_id, uploaded_at_ms);

-- Screenshots already stored when this migration runs get their rows too.
INSERT INTO image_hashes (submission_id, position, district_id, group_id, hi, lo, uploaded_at_ms)
SELECT i.submission_id, i.position, g.district_id, s.group_id,
    (instr('0123456789abcdef', substr(i.phash, 1, 1)) - 1) * 268435456
  + (instr('0123456789abcdef', substr(i.phash, 2, 1)) - 1) * 16777216
  + (instr('0123456789abcdef', substr(i.phash, 3, 1)) - 1) * 1048576
  + (instr('0123456789abcdef', substr(i.phash, 4, 1)) - 1) * 65536
  + (instr('0123456789abcdef', substr(i.phash, 5, 1)) - 1) * 4096
  + (instr('0123456789abcdef', substr(i.phash, 6, 1)) - 1) * 256
  + (instr('0123456789abcdef', substr(i.phash, 7, 1)) - 1) * 16
  + (instr('0123456789abcdef', substr(i.phash, 8, 1)) - 1),
    (instr('0123456789abcdef', substr(i.phash, 9, 1)) - 1) * 268435456
  + (instr('0123456789abcdef', substr(i.phash, 10, 1)) - 1) * 16777216
  + (instr('0123456789abcdef', substr(i.phash, 11, 1)) - 1) * 1048576
  + (instr('0123456789abcdef', substr(i.phash, 12, 1)) - 1) * 65536
  + (instr('0123456789abcdef', substr(i.phash, 13, 1)) - 1) * 4096
  + (instr('0123456789abcdef', substr(i.phash, 14, 1)) - 1) * 256
  + (instr('0123456789abcdef', substr(i.phash, 15, 1)) - 1) * 16
  + (instr('0123456789abcdef', substr(i.phash, 16, 1)) - 1),
    i.uploaded_at_ms
FROM submission_images i
JOIN submissions s ON s.id = i.submission_id
JOIN groups g ON g.id = s.group_id
WHERE i.phash IS NOT NULL AND length(i.phash) = 16
  AND NOT i.phash GLOB '*[^0-9a-f]*';

-- What the reviewer is told about a screenshot: `reused` (near-identical to an earlier
-- screenshot, shown side by side) or `captured_other_day` (its own metadata says it was
-- taken on another day than the one it was submitted for).
CREATE TABLE image_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('reused', 'captured_other_day')),
    earlier_submission_id TEXT,
    earlier_position INTEGER,
    distance INTEGER CHECK (distance IS NULL OR distance BETWEEN 0 AND 64),
    captured_day TEXT,
    created_at TEXT NOT NULL,
    FOREIGN KEY (submission_id, position) REFERENCES submission_images (submission_id, position),
    UNIQUE (submission_id, position, kind, earlier_submission_id, earlier_position)
);
CREATE INDEX image_flags_by_submission ON image_flags (submission_id);

-- Status and compliance look submissions up by group and day, and exact copies by
-- their SHA-256 (screenshots sent without a perceptual hash, e.g. by the plain form).
CREATE INDEX submissions_by_group_day ON submissions (group_id, ist_day);
CREATE INDEX submission_images_by_sha256 ON submission_images (sha256);
