-- Campaign items: what the image response needs (digest for the ETag and the versioned
-- URL, size for the officer's page), when an item last changed, and the indexes the
-- "today" and posted-by queries use.
ALTER TABLE campaign_items ADD COLUMN image_sha256 TEXT
    CHECK (image_sha256 IS NULL OR length(image_sha256) = 64);
ALTER TABLE campaign_items ADD COLUMN image_bytes INTEGER
    CHECK (image_bytes IS NULL OR image_bytes > 0);
ALTER TABLE campaign_items ADD COLUMN image_width INTEGER;
ALTER TABLE campaign_items ADD COLUMN image_height INTEGER;
ALTER TABLE campaign_items ADD COLUMN updated_at TEXT;

-- Admins' "today" list looks items up by the areas that contain their groups.
CREATE INDEX campaign_items_by_area ON campaign_items (area_id, starts_on);

-- A group admin's or block officer's own stories, newest first.
CREATE INDEX success_stories_by_author ON success_stories (author, created_at_ms);
