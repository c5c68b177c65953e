//! The query string of the daily-check resources: `day`, `filter`, `period`, `days`.

use prasar_core::error::ErrorCode;
use prasar_core::time::{ist_day, parse_day};
use serde::Deserialize;
use worker::Request;

use super::Ctx;
use crate::http::Failure;

#[derive(Deserialize)]
pub struct DayQuery {
    pub day: Option<String>,
    pub filter: Option<String>,
    pub period: Option<String>,
    pub days: Option<String>,
}

pub fn query(req: &Request) -> Result<DayQuery, Failure> {
    req.query().map_err(|_| Failure(ErrorCode::InvalidQuery))
}

pub fn day_or_today(text: Option<&str>, ctx: &Ctx<'_>) -> Result<chrono::NaiveDate, Failure> {
    match text {
        Some(t) => parse_day(t).ok_or(Failure(ErrorCode::InvalidDay)),
        None => Ok(ist_day(ctx.now)),
    }
}
