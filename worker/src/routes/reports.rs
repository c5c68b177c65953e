//! `GET /api/reports/{compliance,overview,daily,inactive,low-membership}`: the
//! collector's reports as JSON, and as CSV or XLSX (`format=csv|xlsx`, headers in
//! `lang=hi|en`) for the tables.

use prasar_core::api::{ReportLevel, ReportsOverview};
use prasar_core::auth::Action;
use prasar_core::error::ErrorCode;
use prasar_core::i18n::Lang;
use prasar_core::map::status::DayStatus;
use prasar_core::report::{
    compliance_table, inactive_table, load_range, low_membership_table, parse_range, to_csv,
    to_xlsx, Table,
};
use prasar_core::time::ist_day;
use serde::Deserialize;
use worker::{Headers, Request, Response};

use super::Ctx;
use crate::http::{json, Failure, Outcome};
use crate::services::group_day::{load, GroupDays};
use crate::services::map::report_area;
use crate::services::settings::Settings;
use crate::storage::map::AreaUnit;

#[derive(Deserialize)]
struct Query {
    area: Option<String>,
    from: Option<String>,
    to: Option<String>,
    day: Option<String>,
    level: Option<String>,
    status: Option<String>,
    format: Option<String>,
    lang: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
    Xlsx,
}

fn bad_filter() -> Failure {
    Failure(ErrorCode::InvalidReportFilter)
}

fn parse_format(q: &Query) -> Result<Format, Failure> {
    match q.format.as_deref() {
        None | Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some("xlsx") => Ok(Format::Xlsx),
        Some(_) => Err(bad_filter()),
    }
}

struct Prepared {
    area: AreaUnit,
    loaded: GroupDays,
    from: String,
    to: String,
    query: Query,
}

/// The area, the range and the loaded data of a report request.
async fn prepare(req: &Request, ctx: &Ctx<'_>, single_day: bool) -> Result<Prepared, Failure> {
    let query: Query = req.query().map_err(|_| bad_filter())?;
    let area = report_area(ctx, query.area.as_deref().filter(|a| !a.is_empty())).await?;
    ctx.require(Action::ReadCompliance)?;
    let today = ist_day(ctx.now);
    let (from, to) = if single_day {
        let day = query.day.as_deref().or(query.to.as_deref());
        parse_range(day, day, today)?
    } else {
        parse_range(query.from.as_deref(), query.to.as_deref(), today)?
    };
    let (load_from, load_to) = load_range(from, to);
    let loaded = load(
        ctx,
        &area.area,
        &load_from.to_string(),
        &load_to.to_string(),
        &to.to_string(),
    )
    .await?;
    Ok(Prepared {
        area,
        loaded,
        from: from.to_string(),
        to: to.to_string(),
        query,
    })
}

fn day(text: &str) -> Result<prasar_core::report::Day, Failure> {
    prasar_core::time::parse_day(text).ok_or(Failure(ErrorCode::InvalidDateRange))
}

/// Only file names made of safe characters reach `Content-Disposition`.
fn file_name(parts: &[&str], ext: &str) -> String {
    let name: String = parts
        .join("-")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("prasar-{name}.{ext}")
}

fn file(table: &Table, format: Format, name: &[&str]) -> Outcome {
    let (bytes, content_type, ext) = match format {
        Format::Csv => (to_csv(table), "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (
            to_xlsx(table).map_err(|e| {
                worker::console_error!("xlsx: {e}");
                Failure(ErrorCode::Internal)
            })?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Format::Json => return Err(bad_filter()),
    };
    let headers = Headers::new();
    headers.set("Content-Type", content_type)?;
    headers.set(
        "Content-Disposition",
        &format!("attachment; filename=\"{}\"", file_name(name, ext)),
    )?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Cache-Control", "no-store")?;
    Ok(Response::from_bytes(bytes)?.with_headers(headers))
}

fn lang(q: &Query) -> Lang {
    q.lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default()
}

/// `GET /api/reports/compliance?level=&status=&from=&to=[&format=csv|xlsx&lang=]`
pub async fn compliance(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    let p = prepare(req, ctx, false).await?;
    let format = parse_format(&p.query)?;
    let level = match p.query.level.as_deref() {
        None => ReportLevel::Block,
        Some(l) => ReportLevel::parse(l).ok_or_else(bad_filter)?,
    };
    let status = match p.query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(DayStatus::parse(s).ok_or_else(bad_filter)?),
    };
    let report = p
        .loaded
        .input()
        .compliance(day(&p.from)?, day(&p.to)?, level, status);
    if format == Format::Json {
        return json(200, &report);
    }
    let table = compliance_table(&report, lang(&p.query));
    file(
        &table,
        format,
        &["compliance", level.as_str(), &p.area.code, &p.from, &p.to],
    )
}

/// `GET /api/reports/overview?from=&to=`: trend, league, inactive admins, low membership.
pub async fn overview(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    let p = prepare(req, ctx, false).await?;
    let i = p.loaded.input();
    let (from, to) = (day(&p.from)?, day(&p.to)?);
    let inactive_days = Settings::from_env(ctx.env).inactive_days;
    json(
        200,
        &ReportsOverview {
            area_en: p.area.name_en.clone(),
            area_hi: p.area.name_hi.clone(),
            from: p.from.clone(),
            to: p.to.clone(),
            trend: i.trend(to),
            league: i.league(from, to),
            inactive_days,
            inactive: i.inactive(inactive_days),
            low_membership: i.low_membership(),
        },
    )
}

/// `GET /api/reports/daily?day=`: the one-page summary.
pub async fn daily(req: &Request, ctx: &Ctx<'_>) -> Outcome {
    let p = prepare(req, ctx, true).await?;
    let summary = p.loaded.input().daily_summary(
        day(&p.to)?,
        &p.area.name_en,
        &p.area.name_hi,
        Settings::from_env(ctx.env).inactive_days,
    );
    json(200, &summary)
}

/// `GET /api/reports/inactive?format=csv|xlsx` and `…/low-membership?format=…`.
pub async fn list_export(req: &Request, ctx: &Ctx<'_>, which: &str) -> Outcome {
    let p = prepare(req, ctx, false).await?;
    let format = parse_format(&p.query)?;
    let i = p.loaded.input();
    let lang = lang(&p.query);
    let table = match which {
        "inactive" => inactive_table(&i.inactive(Settings::from_env(ctx.env).inactive_days), lang),
        _ => low_membership_table(&i.low_membership(), lang),
    };
    file(&table, format, &[which, &p.area.code, &p.to])
}
