use prasar_core::api::Health;
use prasar_core::time::ist_day;

use crate::http::{json, Outcome};

pub async fn get() -> Outcome {
    json(
        200,
        &Health {
            ok: true,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            today_ist: ist_day(worker::Date::now().as_millis() as i64).to_string(),
        },
    )
}
