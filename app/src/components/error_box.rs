use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::error::ErrorCode;

use crate::api::ApiFailure;
use crate::i18n::{tr, use_lang, Text};

/// A translated error in an ARIA live region, so screen readers announce it. When the
/// session has ended, it offers the way back in.
#[component]
pub fn ErrorBox(failure: ApiFailure) -> impl IntoView {
    let lang = use_lang();
    let signed_out = failure.is(ErrorCode::Unauthenticated);
    view! {
        <p class="error" role="alert">
            {move || failure.message(lang.get())}
            {signed_out.then(|| view! { " " <A href="/login">{tr(Text::SignIn)}</A> })}
        </p>
    }
}
