//! Every endpoint of the API, declared once: its method, path, access, operation id and
//! summary. The worker routes by it (an exhaustive `match`, so an endpoint without a
//! handler does not compile) and the OpenAPI document describes exactly these.

/// An HTTP method the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// Lower case, as OpenAPI writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
            Method::Put => "put",
            Method::Patch => "patch",
            Method::Delete => "delete",
        }
    }

    /// From a request's method (any case); `None` for one the API does not use.
    pub fn parse(text: &str) -> Option<Method> {
        Some(match text.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

/// What a request's method and path select.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The endpoint and the path's parameters, in order.
    Found(Endpoint, Vec<&'a str>),
    /// The path exists with other methods (405 once the caller is known).
    WrongMethod,
    /// No such path (404).
    Unknown,
}

macro_rules! endpoints {
    ($( $variant:ident => $method:ident $path:literal, $access:ident, $id:literal, $summary:literal; )*) => {
        /// One operation of the API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Endpoint {
            $( $variant, )*
        }

        impl Endpoint {
            /// Every endpoint, in the order paths are matched (a literal segment such as
            /// `/api/campaign-items/today` before a parameter at the same place).
            pub const ALL: &'static [Endpoint] = &[$(Endpoint::$variant,)*];

            pub fn method(self) -> Method {
                match self { $( Endpoint::$variant => Method::$method, )* }
            }

            /// The path template, `{name}` for a parameter.
            pub fn path(self) -> &'static str {
                match self { $( Endpoint::$variant => $path, )* }
            }

            /// Answered without a session (everything else needs one; writes also need
            /// the CSRF header).
            pub fn is_public(self) -> bool {
                match self { $( Endpoint::$variant => stringify!($access) == "public", )* }
            }

            /// The OpenAPI operation id.
            pub fn operation_id(self) -> &'static str {
                match self { $( Endpoint::$variant => $id, )* }
            }

            pub fn summary(self) -> &'static str {
                match self { $( Endpoint::$variant => $summary, )* }
            }
        }
    };
}

endpoints! {
    Health => Get "/api/health", public, "health", "Liveness, version and today's IST day";
    Login => Post "/api/session/login", public, "login", "Sign in as an official";
    AdminLinkLogin => Post "/api/session/admin-link", public, "adminLinkLogin", "Sign in as a group admin with a personal link's token";
    Openapi => Get "/api/openapi.json", public, "openapi", "This document";
    Me => Get "/api/session", session, "me", "Who is signed in, with the CSRF token";
    Logout => Post "/api/session/logout", session, "logout", "Sign out on this device";
    LogoutAll => Post "/api/session/logout-all", session, "logoutAll", "Sign out on every device";
    ListGroups => Get "/api/groups", session, "listGroups", "The caller's groups";
    GroupDetail => Get "/api/groups/{group_id}", session, "groupDetail", "A group with its admin and history";
    UpdateGroup => Patch "/api/groups/{group_id}", session, "updateGroup", "Edit a group's name, link or limit";
    RecordMemberCount => Post "/api/groups/{group_id}/member-counts", session, "recordMemberCount", "Record the group's member count";
    ReplaceAdmin => Post "/api/groups/{group_id}/replace-admin", session, "replaceAdmin", "End the open admin assignment and start one for a new admin";
    CreateSubmission => Post "/api/groups/{group_id}/submissions", session, "createSubmission", "Start the day's submission (JSON), or send a one-screenshot submission (image bytes, older clients)";
    UpdateAdmin => Patch "/api/admins/{admin_id}", session, "updateAdmin", "Edit an admin's details";
    IssueAdminLink => Post "/api/admins/{admin_id}/link", session, "issueAdminLink", "Issue a new personal link (earlier links stop working)";
    RevokeAdminLinks => Post "/api/admins/{admin_id}/link/revoke", session, "revokeAdminLinks", "Revoke the admin's links and sessions";
    UnitRoot => Get "/api/units", session, "unitRoot", "The caller's own area in the hierarchy";
    UnitPage => Get "/api/units/{unit_id}", session, "unitPage", "A unit with its children";
    SearchUnits => Get "/api/search", session, "searchUnits", "Find units by Hindi or English name or LGD code";
    AuditLog => Get "/api/audit", session, "auditLog", "The audit log of the caller's area, newest first";
    PreviewImport => Post "/api/imports", session, "previewImport", "Dry run of a registry import (CSV or XLSX file as the body)";
    ImportTemplateCsv => Get "/api/imports/template.csv", session, "importTemplateCsv", "The import layout as CSV, with example rows";
    ImportTemplateXlsx => Get "/api/imports/template.xlsx", session, "importTemplateXlsx", "The import layout as an Excel workbook, with example rows";
    ApplyImport => Post "/api/imports/{import_id}/apply", session, "applyImport", "Apply a previewed import";
    ListSubmissions => Get "/api/submissions", session, "listSubmissions", "The day's submissions in the caller's area";
    SubmissionDetail => Get "/api/submissions/{submission_id}", session, "submissionDetail", "One submission";
    SweepOrphans => Post "/api/maintenance/sweep", session, "sweepOrphans", "Delete stored screenshots that no submission points at";
    PutSubmissionImage => Put "/api/submissions/{submission_id}/images/{position}", session, "putSubmissionImage", "Store one screenshot of a submission (image bytes as the body)";
    SubmissionImage => Get "/api/submissions/{submission_id}/images/{position}", session, "submissionImage", "A stored screenshot";
    TodaysCampaignItems => Get "/api/campaign-items/today", session, "todaysCampaignItems", "Campaign items active today (IST) for the caller's groups or area";
    ListCampaignItems => Get "/api/campaign-items", session, "listCampaignItems", "Campaign items of the caller's area";
    CreateCampaignItem => Post "/api/campaign-items", session, "createCampaignItem", "Publish a campaign item";
    CampaignItemDetail => Get "/api/campaign-items/{item_id}", session, "campaignItemDetail", "A campaign item and who posted it";
    UpdateCampaignItem => Patch "/api/campaign-items/{item_id}", session, "updateCampaignItem", "Edit a campaign item (every field)";
    WithdrawCampaignItem => Post "/api/campaign-items/{item_id}/withdraw", session, "withdrawCampaignItem", "Withdraw a campaign item";
    CampaignItemImage => Get "/api/campaign-items/{item_id}/image", session, "campaignItemImage", "A campaign item's image";
    PutCampaignItemImage => Put "/api/campaign-items/{item_id}/image", session, "putCampaignItemImage", "Set or replace a campaign item's image";
    DeleteCampaignItemImage => Delete "/api/campaign-items/{item_id}/image", session, "deleteCampaignItemImage", "Remove a campaign item's image";
    StoryUnits => Get "/api/stories/units", session, "storyUnits", "Where the caller may say a story happened";
    ListStories => Get "/api/stories", session, "listStories", "Success stories of the caller's area (or own)";
    CreateStory => Post "/api/stories", session, "createStory", "Send a success story (photos follow)";
    StoryDetail => Get "/api/stories/{story_id}", session, "storyDetail", "A success story";
    ReviewStory => Post "/api/stories/{story_id}/review", session, "reviewStory", "Accept or reject a story";
    PromoteStory => Post "/api/stories/{story_id}/campaign-item", session, "promoteStory", "Turn an accepted story into a campaign item";
    StoryPhoto => Get "/api/stories/{story_id}/photos/{photo}", session, "storyPhoto", "A story's photo";
    PutStoryPhoto => Put "/api/stories/{story_id}/photos/{photo}", session, "putStoryPhoto", "Store one photo of a story (bytes as the body)";
    MapUnits => Get "/api/map/units", session, "mapUnits", "The map's markers: every group of the area";
    MapStatus => Get "/api/map/status", session, "mapStatus", "Today's facts per group, for the markers' colours";
    MapOutlines => Get "/api/map/outlines", session, "mapOutlines", "District and block outlines to draw under the markers";
    PutMapOutlines => Put "/api/map/outlines/{layer}", session, "putMapOutlines", "Upload the district's own outlines (GeoJSON polygons)";
    MapTile => Get "/api/map/tiles/{z}/{x}/{y}", session, "mapTile", "A background tile through the worker (only when MAP_TILE_URL is configured)";
    UploadChatActivity => Post "/api/groups/{group_id}/chat-activity", session, "uploadChatActivity", "Per-day aggregates of a WhatsApp chat export (no names, numbers or texts)";
    ChatActivity => Get "/api/groups/{group_id}/chat-activity", session, "chatActivity", "A group's activity strip and member growth";
    ChatCampaignItems => Get "/api/groups/{group_id}/chat-activity/campaign-items", session, "chatCampaignItems", "Campaign items the phone matches the admin's messages against";
    MapGroupPanel => Get "/api/map/groups/{group_id}", session, "mapGroupPanel", "A group's drill-down panel";
    ComplianceReport => Get "/api/reports/compliance", session, "complianceReport", "Compliance by block, ULB, GP or ward";
    ReportsOverview => Get "/api/reports/overview", session, "reportsOverview", "Trend, league, inactive admins and low membership";
    DailySummary => Get "/api/reports/daily", session, "dailySummary", "The one-page summary of a day";
    InactiveExport => Get "/api/reports/inactive", session, "inactiveExport", "Inactive admins as a CSV or XLSX file";
    LowMembershipExport => Get "/api/reports/low-membership", session, "lowMembershipExport", "Groups below 80 % of their limit as a CSV or XLSX file";
    ListChecks => Get "/api/checks", session, "listChecks", "The day's drawn checks";
    RunDraw => Post "/api/checks/draw", session, "runDraw", "Run the day's draw of checks now";
    CheckDetail => Get "/api/checks/{check_id}", session, "checkDetail", "One check with its calls";
    LogCall => Post "/api/checks/{check_id}/calls", session, "logCall", "Record a call to the group's admin";
    CheckMessage => Post "/api/checks/{check_id}/message", session, "checkMessage", "A WhatsApp request with a fresh personal link for the admin";
    ReviewQueue => Get "/api/reviews", session, "reviewQueue", "The day's submissions to review";
    SubmissionReviews => Get "/api/submissions/{submission_id}/reviews", session, "submissionReviews", "A submission with its reviews and flags";
    ReviewSubmission => Post "/api/submissions/{submission_id}/reviews", session, "reviewSubmission", "Review a submission";
    MySubmissions => Get "/api/my/submissions", session, "mySubmissions", "A group admin's own recent submissions";
    Compliance => Get "/api/compliance", session, "compliance", "Reporting and on-time rates";
    InactiveAdmins => Get "/api/compliance/inactive", session, "inactiveAdmins", "Admins who have not submitted lately";
    DayStatus => Get "/api/status", session, "dayStatus", "Every group's status for a day";
}

impl Endpoint {
    /// The endpoint `method` and `segments` (the path after `/api/`, split at `/`) select:
    /// the first, in [`Endpoint::ALL`]'s order, whose path and method match.
    pub fn find<'a>(method: Option<Method>, segments: &[&'a str]) -> Lookup<'a> {
        let mut path_known = false;
        for &e in Endpoint::ALL {
            let Some(params) = e.matches(segments) else {
                continue;
            };
            if Some(e.method()) == method {
                return Lookup::Found(e, params);
            }
            path_known = true;
        }
        if path_known {
            Lookup::WrongMethod
        } else {
            Lookup::Unknown
        }
    }

    fn matches<'a>(self, segments: &[&'a str]) -> Option<Vec<&'a str>> {
        let template: Vec<&str> = self.path().trim_start_matches("/api/").split('/').collect();
        if template.len() != segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (want, got) in template.iter().zip(segments) {
            if want.starts_with('{') {
                params.push(*got);
            } else if want != got {
                return None;
            }
        }
        Some(params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn paths_methods_and_ids_are_unique() {
        let mut seen = HashSet::new();
        let mut ids = HashSet::new();
        for &e in Endpoint::ALL {
            assert!(e.path().starts_with("/api/"), "{e:?}");
            assert!(seen.insert((e.method(), e.path())), "{e:?} twice");
            assert!(ids.insert(e.operation_id()), "{e:?}'s id twice");
        }
    }

    #[test]
    fn lookup_finds_parameters_literals_first_and_tells_405_from_404() {
        use Method::*;
        assert_eq!(
            Endpoint::find(Some(Get), &["groups", "gp-1"]),
            Lookup::Found(Endpoint::GroupDetail, vec!["gp-1"])
        );
        assert_eq!(
            Endpoint::find(Some(Patch), &["groups", "gp-1"]),
            Lookup::Found(Endpoint::UpdateGroup, vec!["gp-1"])
        );
        assert_eq!(
            Endpoint::find(Some(Get), &["campaign-items", "today"]),
            Lookup::Found(Endpoint::TodaysCampaignItems, vec![])
        );
        assert_eq!(
            Endpoint::find(Some(Get), &["campaign-items", "ci-1"]),
            Lookup::Found(Endpoint::CampaignItemDetail, vec!["ci-1"])
        );
        assert_eq!(
            Endpoint::find(Some(Put), &["submissions", "s1", "images", "0"]),
            Lookup::Found(Endpoint::PutSubmissionImage, vec!["s1", "0"])
        );
        assert_eq!(
            Endpoint::find(Some(Delete), &["groups", "gp-1"]),
            Lookup::WrongMethod
        );
        assert_eq!(Endpoint::find(None, &["health"]), Lookup::WrongMethod);
        assert_eq!(
            Endpoint::find(Some(Get), &["groups", "gp-1", "nope"]),
            Lookup::Unknown
        );
        assert_eq!(
            Endpoint::find(Some(Get), &["groups", "gp-1", "submissions", "x"]),
            Lookup::Unknown
        );
        assert_eq!(Endpoint::find(Some(Get), &[]), Lookup::Unknown);
        assert!(Endpoint::Health.is_public() && !Endpoint::Me.is_public());
    }
}
