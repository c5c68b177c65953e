//! The document's operations: one entry per endpoint of [`crate::api::endpoints`], in
//! the worker's routing order, with its parameters, bodies, answers and examples.
//! Declarations only; the builder they use is in the parent module.

use super::*;

pub(super) fn day_query() -> Value {
    json!({ "type": "string", "format": "date" })
}

pub(super) const DAY: &str = "An IST calendar day, YYYY-MM-DD; today (IST) when absent.";
pub(super) const AREA: &str =
    "A unit inside the caller's area (state, district, block or ULB); the \
                    caller's own area when absent.";
pub(super) const FROM: &str = "First day of the range; six days before `to` when absent.";
pub(super) const TO: &str = "Last day of the range; today (IST) when absent.";
pub(super) const FORMAT: &str = "JSON (default), or the table as a CSV or XLSX file.";
pub(super) const FILE_FORMAT: &str = "CSV or XLSX (required: there is no JSON form).";

/// A small block outline near Udaipur for the upload's example.
pub(super) fn outline_example() -> Value {
    json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": { "name": "Girwa" },
            "geometry": {
                "type": "Polygon",
                "coordinates": [[
                    [73.60, 24.50], [73.75, 24.50], [73.75, 24.65], [73.60, 24.65], [73.60, 24.50],
                ]],
            },
        }],
    })
}

/// What can be done with a new submission, story or campaign item (operation ids).
pub(super) const SUBMISSION_OPS: &[&str] = &[
    "submissionDetail",
    "putSubmissionImage",
    "submissionImage",
    "submissionReviews",
    "reviewSubmission",
];
pub(super) const STORY_OPS: &[&str] = &[
    "storyDetail",
    "putStoryPhoto",
    "storyPhoto",
    "reviewStory",
    "promoteStory",
];
pub(super) const CHECK_OPS: &[&str] = &["checkDetail", "logCall", "checkMessage"];
pub(super) const CAMPAIGN_ITEM_OPS: &[&str] = &[
    "campaignItemDetail",
    "updateCampaignItem",
    "withdrawCampaignItem",
    "putCampaignItemImage",
    "campaignItemImage",
    "deleteCampaignItemImage",
];

/// A campaign item in the caller's district; its days lie far ahead, so the example stays
/// valid (items may run at most a year).
pub(super) fn campaign_item_example() -> Value {
    json!({
        "area_id": "district-108",
        "title_hi": "हर घर नल योजना: पंजीकरण शिविर",
        "title_en": "Har Ghar Nal: registration camp",
        "description_hi": "ग्राम पंचायत भवन में सुबह 10 बजे से।",
        "scheme": "JJM",
        "link_url": "https://jaljeevanmission.gov.in/",
        "starts_on": "2099-01-01",
        "ends_on": "2099-01-31",
    })
}

/// Every operation `worker/src/routes/mod.rs` `route` serves, in its order.
pub(super) fn operations(s: &mut Schemas) -> Vec<Op> {
    let image = IMAGE_TYPES.as_slice();
    vec![
        op(Endpoint::Health)
        .json(200, s.resp::<Health>(), "The worker runs"),
        op(Endpoint::Login)
        .json_body(s.req::<LoginRequest>())
        .json(200, s.resp::<Me>(), "Signed in; the session cookie is set"),
        op(Endpoint::AdminLinkLogin)
        .json_body(s.req::<AdminLinkLogin>())
        .json(200, s.resp::<Me>(), "Signed in; the session cookie is set"),
        op(Endpoint::Openapi)
            .json(200, json!({ "type": "object" }), "The OpenAPI description"),
        op(Endpoint::Me)
        .json(200, s.resp::<Me>(), "The signed-in caller"),
        op(Endpoint::Logout)
        .no_content("Signed out; the cookie is cleared"),
        op(Endpoint::LogoutAll)
        .no_content("Every session of the caller ended; the cookie is cleared"),
        op(Endpoint::ListGroups).json(
            200,
            s.resp::<GroupList>(),
            "The groups",
        ),
        op(Endpoint::GroupDetail)
        .json(200, s.resp::<GroupDetail>(), "The group"),
        op(Endpoint::UpdateGroup)
        .json_body_with_example(
            s.req::<GroupUpdate>(),
            json!({ "member_limit": 1024, "invite_link": "" }),
        )
        .json(200, s.resp::<GroupDetail>(), "The group as changed"),
        op(Endpoint::RecordMemberCount)
        .json_body_with_example(s.req::<MemberCountReport>(), json!({ "member_count": 900 }))
        .no_content("Recorded"),
        op(Endpoint::ReplaceAdmin)
        .json_body_with_example(
            s.req::<ReplaceAdminRequest>(),
            json!({
                "new_admin": { "name": "सीमा मीणा", "mobile": "9876501234" },
                "end_reason": "transferred",
            }),
        )
        .json(200, s.resp::<GroupDetail>(), "The group with its new admin"),
        op(Endpoint::CreateSubmission)
        .header(
            IDEMPOTENCY_HEADER,
            json!({ "type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$" }),
            "With an image body: the client's key, so a retry stores nothing twice.",
        )
        .body_of({
            let mut content = json!({
                "application/json": {
                    "schema": s.req::<NewSubmission>(),
                    "example": {
                        "client_key": "openapi-example-0001",
                        "image_count": 1,
                        "note": "",
                    },
                },
            });
            for t in IMAGE_TYPES {
                content[t] = json!({ "schema": binary() });
            }
            content
        })
        .json(201, s.resp::<SubmissionCreated>(), "Created")
        .json(
            200,
            s.resp::<SubmissionCreated>(),
            "A retry: the submission stored first",
        )
        .links(201, "submission_id", "/submission/id", SUBMISSION_OPS)
        .links(200, "submission_id", "/submission/id", SUBMISSION_OPS),
        op(Endpoint::UpdateAdmin)
        .json_body_with_example(
            s.req::<AdminInput>(),
            json!({ "name": "रमेश कुमार", "mobile": "+91 98765 01235", "designation": "VDO" }),
        )
        .no_content("Saved"),
        op(Endpoint::IssueAdminLink)
        .json(201, s.resp::<AdminLinkIssued>(), "The link, shown once"),
        op(Endpoint::RevokeAdminLinks)
        .no_content("Revoked"),
        op(Endpoint::UnitRoot)
        .json(200, s.resp::<UnitPage>(), "The area and its children"),
        op(Endpoint::UnitPage)
        .json(200, s.resp::<UnitPage>(), "The unit and its children"),
        op(Endpoint::SearchUnits)
        .required_query(
            "q",
            json!({ "type": "string" }),
            "The text to look for (at most 100 characters are searched).",
            "Girwa",
        )
        .json(200, s.resp::<SearchResults>(), "Matching units"),
        op(Endpoint::AuditLog)
        .query(
            "before",
            json!({ "type": "integer", "format": "int64" }),
            "`next_before` of the previous page.",
        )
        .json(200, s.resp::<AuditPage>(), "One page of entries"),
        op(Endpoint::PreviewImport)
        .query(
            "district_id",
            json!({ "type": "string" }),
            "The district a state administrator imports into (others: their own).",
        )
        .bytes_body(&[CSV, XLSX])
        .json(200, s.resp::<ImportPreview>(), "What the file would change")
        .json(
            422,
            json!({ "$ref": format!("{DEFS}/ImportFileRejected") }),
            "The file could not be read at all",
        ),
        op(Endpoint::ImportTemplateCsv)
        .query(
            "lang",
            s.req::<Lang>(),
            "Header language; Hindi by default.",
        )
        .bytes(&[CSV], "The template (UTF-8 with a byte order mark)"),
        op(Endpoint::ImportTemplateXlsx)
        .query(
            "lang",
            s.req::<Lang>(),
            "Header language; Hindi by default.",
        )
        .bytes(&[XLSX], "The template"),
        op(Endpoint::ApplyImport)
        .json(200, s.resp::<ImportApplied>(), "Applied"),
        op(Endpoint::ListSubmissions)
        .query("day", day_query(), DAY)
        .json(200, s.resp::<SubmissionList>(), "The submissions")
        .links(200, "submission_id", "/submissions/0/id", SUBMISSION_OPS),
        op(Endpoint::SubmissionDetail)
        .json(200, s.resp::<Submission>(), "The submission"),
        op(Endpoint::SweepOrphans)
        .json_body_with_example(s.req::<SweepRequest>(), json!({}))
        .json(200, s.resp::<SweepReport>(), "What was swept"),
        op(Endpoint::PutSubmissionImage)
        .header(
            PHASH_HEADER,
            json!({ "type": "string", "pattern": "^[0-9a-f]{16}$" }),
            "The picture's 64-bit perceptual hash, 16 lower-case hex digits.",
        )
        .header(
            CAPTURED_AT_HEADER,
            json!({ "type": "string", "pattern": "^[0-9]{1,15}$" }),
            "When the picture was taken (epoch ms), from its metadata.",
        )
        .bytes_body(image)
        .json(201, s.resp::<SubmissionCreated>(), "Stored")
        .json(
            200,
            s.resp::<SubmissionCreated>(),
            "A retry with the same bytes",
        ),
        op(Endpoint::SubmissionImage)
        .bytes(image, "The image as uploaded"),
        op(Endpoint::TodaysCampaignItems)
        .json(200, s.resp::<CampaignItemList>(), "Today's items"),
        op(Endpoint::ListCampaignItems)
        .query(
            "when",
            s.req::<CampaignWhen>(),
            "Which items; active by default.",
        )
        .json(200, s.resp::<CampaignItemPage>(), "The items"),
        op(Endpoint::CreateCampaignItem)
        .json_body_with_example(s.req::<CampaignItemInput>(), campaign_item_example())
        .json(201, s.resp::<CampaignItemDetail>(), "Published"),
        op(Endpoint::CampaignItemDetail)
        .json(200, s.resp::<CampaignItemDetail>(), "The item"),
        op(Endpoint::UpdateCampaignItem)
        .json_body_with_example(s.req::<CampaignItemInput>(), campaign_item_example())
        .json(200, s.resp::<CampaignItemDetail>(), "The item as changed"),
        op(Endpoint::WithdrawCampaignItem)
        .json(200, s.resp::<CampaignItemDetail>(), "Withdrawn"),
        op(Endpoint::CampaignItemImage)
        .query(
            "v",
            json!({ "type": "string" }),
            "Version (digest prefix) the item's `image_url` carries; ignored here.",
        )
        .bytes(image, "The image"),
        op(Endpoint::PutCampaignItemImage)
        .bytes_body(image)
        .json(
            200,
            s.resp::<CampaignItemDetail>(),
            "The item with its image",
        ),
        op(Endpoint::DeleteCampaignItemImage)
        .json(
            200,
            s.resp::<CampaignItemDetail>(),
            "The item without an image",
        ),
        op(Endpoint::StoryUnits)
        .json(200, s.resp::<StoryUnits>(), "The units"),
        op(Endpoint::ListStories)
        .query(
            "status",
            json!({ "type": "string", "enum": ["submitted", "accepted", "rejected", "all"] }),
            "Which stories; all by default.",
        )
        .json(200, s.resp::<StoryList>(), "The stories")
        .links(200, "story_id", "/stories/0/id", STORY_OPS),
        op(Endpoint::CreateStory)
        .json_body_with_example(
            s.req::<NewStory>(),
            json!({
                "client_key": "openapi-example-story-0001",
                "unit_id": "gp-42356",
                "scheme": "PMAY",
                "text_hi": "गाँव में नया पक्का घर बना।",
                "consent_confirmed": true,
                "photo_count": 1,
            }),
        )
        .json(201, s.resp::<StoryCreated>(), "Created")
        .json(
            200,
            s.resp::<StoryCreated>(),
            "A retry: the story stored first",
        ),
        op(Endpoint::StoryDetail)
        .json(200, s.resp::<Story>(), "The story"),
        op(Endpoint::ReviewStory)
        .json_body_with_example(s.req::<StoryReview>(), json!({ "decision": "accept" }))
        .json(200, s.resp::<Story>(), "The story as reviewed"),
        op(Endpoint::PromoteStory)
        .json_body_with_example(s.req::<StoryToItem>(), json!({}))
        .json(201, s.resp::<CampaignItemDetail>(), "The new campaign item")
        .links(201, "item_id", "/summary/item/id", CAMPAIGN_ITEM_OPS),
        op(Endpoint::StoryPhoto)
        .bytes(image, "The photo"),
        op(Endpoint::PutStoryPhoto)
        .bytes_body(image)
        .json(201, s.resp::<StoryCreated>(), "Stored")
        .json(200, s.resp::<StoryCreated>(), "A retry with the same bytes"),
        // --- map and reports ---
        op(Endpoint::MapUnits)
            .query("area", json!({ "type": "string" }), AREA)
            .conditional(s.resp::<MapUnits>(), "The units (with an ETag)"),
        op(Endpoint::MapStatus)
            .query("area", json!({ "type": "string" }), AREA)
            .conditional(s.resp::<MapStatus>(), "The facts (with an ETag)"),
        op(Endpoint::MapOutlines)
            .query("area", json!({ "type": "string" }), AREA)
            .json(200, s.resp::<MapOutlines>(), "The outlines"),
        op(Endpoint::PutMapOutlines)
        .query("area", json!({ "type": "string" }), "The district (default: the caller's).")
        .body_of(json!({
            "application/geo+json": {
                "schema": {
                    "type": "object",
                    "description": "A GeoJSON FeatureCollection of Polygons or MultiPolygons inside India, each with a `name` property.",
                },
                "example": outline_example(),
            },
        }))
        .json(200, s.resp::<OutlineStored>(), "Stored"),
        op(Endpoint::MapTile)
            .response(200, json!({ "image/png": { "schema": binary() }, "image/jpeg": { "schema": binary() }, "image/webp": { "schema": binary() } }), "The tile"),
        // --- chat export activity ---
        op(Endpoint::UploadChatActivity)
            .json_body(s.req::<ChatActivityUpload>())
            .json(201, s.resp::<ChatActivityStored>(), "Stored")
            .json(200, s.resp::<ChatActivityStored>(), "Merged into days already stored"),
        op(Endpoint::ChatActivity)
            .query("days", json!({ "type": "string" }), "How many days back (default 30).")
            .json(200, s.resp::<ChatActivityView>(), "The activity"),
        op(Endpoint::ChatCampaignItems)
            .query("from", day_query(), "First IST day.")
            .query("to", day_query(), "Last IST day.")
            .json(200, s.resp::<ChatCampaignItemList>(), "The items"),
        op(Endpoint::MapGroupPanel)
            .json(200, s.resp::<GroupPanel>(), "The panel"),
        op(Endpoint::ComplianceReport)
            .query("area", json!({ "type": "string" }), AREA)
            .query("from", day_query(), FROM)
            .query("to", day_query(), TO)
            .query("level", s.req::<ReportLevel>(), "Which rows; blocks by default.")
            .query("status", s.req::<GroupDayStatus>(), "Only groups with this status (group levels).")
            .query("format", json!({ "type": "string", "enum": ["json", "csv", "xlsx"] }), FORMAT)
            .query("lang", s.req::<Lang>(), "Header language of CSV and XLSX; Hindi by default.")
            .response(
                200,
                json!({
                    "application/json": { "schema": s.resp::<AreaReport>() },
                    (CSV): { "schema": binary() },
                    (XLSX): { "schema": binary() },
                }),
                "The report, as JSON or as a file",
            ),
        op(Endpoint::ReportsOverview)
            .query("area", json!({ "type": "string" }), AREA)
            .query("from", day_query(), FROM)
            .query("to", day_query(), TO)
            .json(200, s.resp::<ReportsOverview>(), "The overview"),
        op(Endpoint::DailySummary)
            .query("area", json!({ "type": "string" }), AREA)
            .query("day", day_query(), DAY)
            .json(200, s.resp::<DailySummary>(), "The summary"),
        op(Endpoint::InactiveExport)
            .query("area", json!({ "type": "string" }), AREA)
            .query("from", day_query(), FROM)
            .query("to", day_query(), TO)
            .query("format", json!({ "type": "string", "enum": ["csv", "xlsx"] }), FILE_FORMAT)
            .query("lang", s.req::<Lang>(), "Header language; Hindi by default.")
            .bytes(&[CSV, XLSX], "The file"),
        op(Endpoint::LowMembershipExport)
            .query("area", json!({ "type": "string" }), AREA)
            .query("from", day_query(), FROM)
            .query("to", day_query(), TO)
            .query("format", json!({ "type": "string", "enum": ["csv", "xlsx"] }), FILE_FORMAT)
            .query("lang", s.req::<Lang>(), "Header language; Hindi by default.")
            .bytes(&[CSV, XLSX], "The file"),
        op(Endpoint::ListChecks)
            .query("day", day_query(), DAY)
            .json(200, s.resp::<CheckList>(), "The checks")
            .links(200, "check_id", "/checks/0/id", CHECK_OPS),
        op(Endpoint::RunDraw)
        .json_body_with_example(s.req::<DrawRequest>(), json!({}))
        .json(201, s.resp::<DrawOutcome>(), "The draw ran")
        .json(
            200,
            s.resp::<DrawOutcome>(),
            "Already drawn: nothing changed",
        ),
        op(Endpoint::CheckDetail)
        .json(200, s.resp::<CheckView>(), "The check"),
        op(Endpoint::LogCall)
        .json_body_with_example(
            s.req::<NewCall>(),
            json!({ "outcome": "promised", "remark": "शाम तक भेजेंगे" }),
        )
        .json(201, s.resp::<CheckView>(), "The check with the call"),
        op(Endpoint::CheckMessage)
        .json(201, s.resp::<CheckMessage>(), "The message"),
        op(Endpoint::ReviewQueue)
        .query("day", day_query(), DAY)
        .query(
            "filter",
            json!({ "type": "string", "enum": ["pending", "all"] }),
            "Only those not reviewed yet (default), or all.",
        )
        .json(200, s.resp::<ReviewQueue>(), "The queue")
        .links(
            200,
            "submission_id",
            "/items/0/submission/id",
            SUBMISSION_OPS,
        ),
        op(Endpoint::SubmissionReviews)
        .json(200, s.resp::<ReviewItem>(), "The submission"),
        op(Endpoint::ReviewSubmission)
        .json_body_with_example(s.req::<NewReview>(), json!({ "outcome": "verified" }))
        .json(
            201,
            s.resp::<ReviewItem>(),
            "The submission with the review",
        ),
        op(Endpoint::MySubmissions)
        .json(
            200,
            s.resp::<MySubmissions>(),
            "The submissions and their reviews",
        ),
        op(Endpoint::Compliance)
        .query(
            "period",
            s.req::<PeriodKind>(),
            "Day, ISO week or month (default).",
        )
        .query(
            "day",
            day_query(),
            "A day in the period (not after today); today when absent.",
        )
        .json(200, s.resp::<ComplianceReport>(), "The rates"),
        op(Endpoint::InactiveAdmins)
        .query(
            "days",
            json!({ "type": "integer", "minimum": 1, "maximum": 90 }),
            "Days without a submission; the configured default when absent.",
        )
        .json(200, s.resp::<InactiveAdmins>(), "The admins"),
        op(Endpoint::DayStatus)
        .query("day", day_query(), DAY)
        .json(200, s.resp::<DistrictStatus>(), "The statuses"),
    ]
}

/// The body of `import_file_rejected` (422 from `POST /api/imports`): an [`ApiError`]
/// with the parser's reason.
pub(super) fn import_file_rejected() -> Value {
    let reasons: Vec<&str> = FileError::examples().iter().map(FileError::code).collect();
    json!({
        "type": "object",
        "properties": {
            "code": { "const": "import_file_rejected" },
            "reason": { "type": "string", "enum": reasons },
            "message_en": { "type": "string" },
            "message_hi": { "type": "string" },
        },
        "required": ["code", "reason", "message_en", "message_hi"],
    })
}
