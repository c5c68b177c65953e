-- Activity evidence from WhatsApp's own "Export chat" file. The admin's phone parses the
-- export and sends per-day counts only; no member names, numbers or messages are stored
-- anywhere. One row per group and IST day; a new export of an overlapping period raises
-- each count to the larger of the stored and the new value (see core/src/chat_activity.rs),
-- so nothing is ever counted twice.
CREATE TABLE chat_activity_days (
    group_id TEXT NOT NULL REFERENCES groups(id),
    ist_day TEXT NOT NULL
        CHECK (length(ist_day) = 10 AND ist_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- Messages include media posts.
    admin_messages INTEGER NOT NULL CHECK (admin_messages BETWEEN 0 AND 20000),
    other_messages INTEGER NOT NULL CHECK (other_messages BETWEEN 0 AND 20000),
    admin_media INTEGER NOT NULL CHECK (admin_media BETWEEN 0 AND admin_messages),
    other_media INTEGER NOT NULL CHECK (other_media BETWEEN 0 AND other_messages),
    -- Members added or joined by link; members who left or were removed.
    joins INTEGER NOT NULL CHECK (joins BETWEEN 0 AND 5000),
    leaves INTEGER NOT NULL CHECK (leaves BETWEEN 0 AND 5000),
    -- How many campaign items the admin's messages of the day matched (rows below).
    campaign_items INTEGER NOT NULL DEFAULT 0 CHECK (campaign_items >= 0),
    -- How many uploads created or raised this day.
    uploads INTEGER NOT NULL DEFAULT 1 CHECK (uploads >= 1),
    first_uploaded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    updated_by TEXT NOT NULL,          -- actor string, as in audit_log
    PRIMARY KEY (group_id, ist_day)
);
CREATE INDEX chat_activity_days_by_day ON chat_activity_days (ist_day);

CREATE TABLE chat_activity_campaign_items (
    group_id TEXT NOT NULL,
    ist_day TEXT NOT NULL,
    campaign_item_id TEXT NOT NULL REFERENCES campaign_items(id),
    PRIMARY KEY (group_id, ist_day, campaign_item_id),
    FOREIGN KEY (group_id, ist_day) REFERENCES chat_activity_days (group_id, ist_day)
);
CREATE INDEX chat_activity_campaign_items_by_item ON chat_activity_campaign_items (campaign_item_id);

-- For compliance: the days on which a group's admin posted campaign material, by the
-- chat export. Monitoring counts these as active days.
CREATE VIEW chat_active_days AS
    SELECT group_id, ist_day FROM chat_activity_days WHERE campaign_items > 0;
