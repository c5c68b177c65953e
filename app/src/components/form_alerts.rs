use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::error_box::ErrorBox;
use crate::i18n::{tr, Text};

/// A form's own hint (what is missing) and the server's answer, both announced.
#[component]
pub fn FormAlerts(
    hint: RwSignal<Option<Text>>,
    failure: RwSignal<Option<ApiFailure>>,
) -> impl IntoView {
    view! {
        {move || hint.get().map(|h| view! { <p class="error" role="alert">{tr(h)}</p> })}
        {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
    }
}
