//! `/chat`: the admin hands over WhatsApp's own chat export (picked here, or shared from
//! WhatsApp through the share target: `/chat?shared=1`), picks which sender is them, sees
//! exactly the per-day numbers that will be sent, and sends them. The page is run by the
//! lazily loaded chat reader (`chat/src/page.rs`); this route only gives it an element,
//! so the admins' first-load bundle stays small. Names, numbers and messages never leave
//! the phone.

use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::chat_engine;
use crate::components::guard::Guard;
use crate::i18n::{tr, use_lang, Text};
use crate::session::Need;

#[component]
pub fn ChatExport() -> impl IntoView {
    view! { <Guard need=Need::GroupAdmin><ChatPage/></Guard> }
}

#[component]
fn ChatPage() -> impl IntoView {
    let lang = use_lang();
    let root = NodeRef::<Section>::new();
    let failed = RwSignal::new(false);
    let shared = use_query_map().with_untracked(|q| q.get("shared").is_some());
    // Mount once the element exists; a language switch re-texts the page.
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(el) = root.get() {
            spawn_local(async move {
                failed.set(chat_engine::show(el, lang, shared).await.is_none());
            });
        }
    });
    on_cleanup(chat_engine::unmount);
    view! {
        <section class="card chat-export" node_ref=root aria-busy=move || (!failed.get()).to_string()></section>
        <p class="error" role="alert" hidden=move || !failed.get()>{tr(Text::ChatEngineFailed)}</p>
    }
}
