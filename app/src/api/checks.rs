use prasar_core::api::{
    check_calls_path, submission_reviews_path, CheckList, CheckMessage, CheckView,
    ComplianceReport, DistrictStatus, DrawOutcome, DrawRequest, InactiveAdmins, NewCall, NewReview,
    ReviewItem, ReviewQueue,
};

use super::{encode, get_json, send_json, to_json, ApiFailure};

pub async fn checks(day: String) -> Result<CheckList, ApiFailure> {
    get_json(&format!("/api/checks?day={}", encode(&day))).await
}

pub async fn run_draw(day: String) -> Result<DrawOutcome, ApiFailure> {
    let body = to_json(&DrawRequest { day: Some(day) });
    send_json("POST", "/api/checks/draw", body).await
}

pub async fn log_call(check_id: String, call: NewCall) -> Result<CheckView, ApiFailure> {
    send_json(
        "POST",
        &check_calls_path(&encode(&check_id)),
        to_json(&call),
    )
    .await
}

pub async fn check_message(check_id: String) -> Result<CheckMessage, ApiFailure> {
    let path = format!("/api/checks/{}/message", encode(&check_id));
    send_json("POST", &path, None).await
}

pub async fn review_queue(day: String, all: bool) -> Result<ReviewQueue, ApiFailure> {
    let filter = if all { "all" } else { "pending" };
    get_json(&format!(
        "/api/reviews?day={}&filter={filter}",
        encode(&day)
    ))
    .await
}

pub async fn review(submission_id: String, review: NewReview) -> Result<ReviewItem, ApiFailure> {
    let path = submission_reviews_path(&encode(&submission_id));
    send_json("POST", &path, to_json(&review)).await
}

pub async fn compliance(period: String, day: String) -> Result<ComplianceReport, ApiFailure> {
    get_json(&format!(
        "/api/compliance?period={}&day={}",
        encode(&period),
        encode(&day)
    ))
    .await
}

pub async fn inactive(days: u32) -> Result<InactiveAdmins, ApiFailure> {
    get_json(&format!("/api/compliance/inactive?days={days}")).await
}

pub async fn status(day: String) -> Result<DistrictStatus, ApiFailure> {
    get_json(&format!("/api/status?day={}", encode(&day))).await
}
