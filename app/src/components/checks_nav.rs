use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::Me;
use prasar_core::auth::{Action, Principal};

use crate::i18n::{tr, Text};
use crate::session::use_session;

/// The monitoring pages' own menu.
#[component]
pub fn ChecksNav() -> impl IntoView {
    view! {
        <nav class="mon-nav" aria-label=tr(Text::NavMonitoring)>
            <A href="/monitoring" exact=true>{tr(Text::MonChecksTitle)}</A>
            <A href="/monitoring/review">{tr(Text::MonReviewTitle)}</A>
            <A href="/monitoring/compliance">{tr(Text::MonComplianceTitle)}</A>
            <A href="/monitoring/inactive">{tr(Text::MonInactiveTitle)}</A>
        </nav>
    }
}

/// Today's IST day, `YYYY-MM-DD`, by the device's clock.
pub fn today() -> String {
    prasar_core::time::ist_day(js_sys::Date::now() as i64).to_string()
}

/// Whether the signed-in official may do `action` (the server checks again).
pub fn may(action: Action) -> Memo<bool> {
    let session = use_session();
    Memo::new(move |_| session.with(|s| s.me().is_some_and(|me| official_may(me, action))))
}

fn official_may(me: &Me, action: Action) -> bool {
    me.role.is_some_and(|role| {
        Principal::Official {
            account_id: String::new(),
            role,
            area_id: String::new(),
        }
        .may(action)
    })
}

/// A date field bound to `day` (the browser's own date picker).
#[component]
pub fn DayPicker(day: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="day-picker">
            {tr(Text::MonDay)} " "
            <input type="date" prop:value=move || day.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if prasar_core::time::parse_day(&v).is_some() {
                        day.set(v);
                    }
                }/>
        </label>
    }
}

/// A server percentage for display: one decimal, or a dash when nothing was expected.
pub fn rate(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1} %"))
}
