use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::use_lang;

/// A translated error in an ARIA live region, so screen readers announce it.
#[component]
pub fn ErrorBox(failure: ApiFailure) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="error" role="alert">{move || failure.message(lang.get())}</p> }
}
