use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::UnitRef;

use crate::i18n::{pick, tr, Text};

/// The way from the caller's area down to the page: each level links to the registry.
/// `current` is the page's own title (not a link).
#[component]
pub fn Breadcrumbs(crumbs: Vec<UnitRef>, #[prop(into)] current: Signal<String>) -> impl IntoView {
    view! {
        <nav class="crumbs" aria-label=tr(Text::Breadcrumbs)>
            <ol>
                {crumbs
                    .into_iter()
                    .map(|u| {
                        let href = format!("/registry/{}", u.id);
                        view! { <li><A href=href>{pick(u.name_hi, u.name_en)}</A></li> }
                    })
                    .collect_view()}
                <li aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}
