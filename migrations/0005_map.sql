-- The collector's live map and reports.

-- District and block outlines uploaded by a district office (GeoJSON, validated,
-- simplified and quantised by the worker). Without a row the map uses the outlines
-- baked into the static assets at build time (`/geo/<district id>.json`).
CREATE TABLE map_outlines (
    district_id TEXT NOT NULL REFERENCES units(id),
    layer TEXT NOT NULL CHECK (layer IN ('district', 'blocks')),
    body TEXT NOT NULL CHECK (json_valid(body) AND length(body) <= 1900000),
    features INTEGER NOT NULL CHECK (features > 0),
    vertices INTEGER NOT NULL CHECK (vertices > 0),
    uploaded_by TEXT NOT NULL,          -- actor string, as in audit_log
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (district_id, layer)
);

-- The map's status query walks the area's groups and looks up each one's reports of
-- the day: one index seek per group instead of a scan of the whole state's day.
CREATE INDEX IF NOT EXISTS submissions_by_group_day ON submissions (group_id, ist_day);
