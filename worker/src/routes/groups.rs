use prasar_core::api::GroupList;
use worker::Env;

use crate::http::{json, Outcome};
use crate::storage::groups;

pub async fn list(env: &Env) -> Outcome {
    let db = env.d1("DB")?;
    json(
        200,
        &GroupList {
            groups: groups::list(&db).await?,
        },
    )
}
