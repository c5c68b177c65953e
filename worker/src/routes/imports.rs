use prasar_core::auth::{Action, Principal, Role};
use prasar_core::error::ErrorCode;
use prasar_core::i18n::Lang;
use prasar_core::import::{template_csv, template_xlsx, FileError, MAX_IMPORT_BYTES};
use serde::Deserialize;
use worker::{Headers, Request, Response};

use super::Ctx;
use crate::http::{json, read_capped_body, Failure, Outcome};
use crate::services::imports::{self, FileRejected};
use crate::storage::{imports as rows, units};

#[derive(Deserialize)]
struct Query {
    district_id: Option<String>,
}

/// The district an import goes to: a district officer's own; a state administrator
/// names one of the state's districts.
async fn target_district(req: &Request, ctx: &Ctx<'_>) -> Result<String, Failure> {
    let query: Query = req.query().map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let district_id = match (&ctx.caller.principal, query.district_id) {
        (
            Principal::Official {
                role: Role::StateAdmin,
                ..
            },
            Some(d),
        ) => d,
        (
            Principal::Official {
                role: Role::StateAdmin,
                ..
            },
            None,
        ) => return Err(ErrorCode::UnitNotFound.into()),
        (Principal::Official { area_id, .. }, _) => area_id.clone(),
        (Principal::GroupAdmin { .. }, _) => return Err(ErrorCode::Forbidden.into()),
    };
    match units::find(ctx.db, ctx.scope, &district_id).await? {
        Some(node) if node.unit.kind == prasar_core::api::UnitKind::District => Ok(district_id),
        _ => Err(ErrorCode::UnitNotFound.into()),
    }
}

/// `POST /api/imports[?district_id=]` with a CSV or XLSX file as the body: the dry run.
pub async fn preview(req: &mut Request, ctx: &Ctx<'_>) -> Outcome {
    let body = read_capped_body(req, MAX_IMPORT_BYTES).await;
    ctx.require(Action::Import)?;
    let district_id = target_district(req, ctx).await?;
    let body = match body {
        Err(Failure(ErrorCode::UploadTooLarge)) => return rejected(&FileError::TooLarge),
        other => other?,
    };
    match imports::preview(ctx.db, ctx.caller, &district_id, &body, ctx.now).await? {
        Ok(preview) => json(200, &preview),
        Err(FileRejected(error)) => rejected(&error),
    }
}

/// A file that could not be read at all: `import_file_rejected`, with the parser's own
/// reason and messages.
fn rejected(error: &FileError) -> Outcome {
    json(
        ErrorCode::ImportFileRejected.http_status(),
        &serde_json::json!({
            "code": "import_file_rejected",
            "reason": error.code(),
            "message_en": error.message_en(),
            "message_hi": error.message_hi(),
        }),
    )
}

/// `POST /api/imports/:id/apply`
pub async fn apply(ctx: &Ctx<'_>, id: &str) -> Outcome {
    let import = rows::find(ctx.db, id)
        .await?
        .ok_or(Failure(ErrorCode::ImportNotFound))?;
    // Another area's import is "not found", like any other id.
    if units::find(ctx.db, ctx.scope, &import.district_id)
        .await?
        .is_none()
    {
        return Err(ErrorCode::ImportNotFound.into());
    }
    ctx.require(Action::Import)?;
    json(
        200,
        &imports::apply(ctx.db, ctx.caller, import, ctx.now).await?,
    )
}

#[derive(Deserialize)]
struct TemplateQuery {
    lang: Option<String>,
}

/// `GET /api/imports/template.csv|xlsx?lang=hi|en`: the layout with example rows.
pub async fn template(req: &Request, ctx: &Ctx<'_>, file: &str) -> Outcome {
    ctx.require(Action::ReadRegistry)?;
    let query: TemplateQuery = req.query().map_err(|_| Failure(ErrorCode::InvalidJson))?;
    let lang = query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let (bytes, content_type, ext) = match file {
        "template.csv" => (
            // A BOM makes Excel read the Devanagari headers as UTF-8.
            [b"\xef\xbb\xbf".as_slice(), template_csv(lang).as_bytes()].concat(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "template.xlsx" => (
            template_xlsx(lang),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return Err(ErrorCode::NotFound.into()),
    };
    let headers = Headers::new();
    headers.set("Content-Type", content_type)?;
    headers.set(
        "Content-Disposition",
        &format!(
            "attachment; filename=\"prasar-import-template-{}.{ext}\"",
            lang.code()
        ),
    )?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Cache-Control", "no-store")?;
    Ok(Response::from_bytes(bytes)?.with_headers(headers))
}
