//! `/chat`: the admin hands over WhatsApp's own chat export (picked here, or shared from
//! WhatsApp through the share target: `/chat?shared=1`), picks which sender is them, sees
//! exactly the per-day numbers that will be sent, and sends them. The page is run by the
//! lazily loaded chat reader (`chat/src/page.rs`), which `public/boot.js` starts when
//! this element appears: the admins' first-load bundle carries only the element. Names,
//! numbers and messages never leave the phone.

use leptos::prelude::*;

use crate::i18n::{tr, Text};

#[component]
pub fn ChatExport() -> impl IntoView {
    view! { <section class="card chat-export" id="chat-root" data-failed=tr(Text::ChatEngineFailed)></section> }
}
