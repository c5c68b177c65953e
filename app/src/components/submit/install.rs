use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{tr, Text};
use crate::outbox;

/// "Install the app", shown once Android has offered installation (boot.js keeps the
/// `beforeinstallprompt` event and announces it as `prasar-install`).
#[component]
pub fn InstallButton() -> impl IntoView {
    let can = || outbox::pwa_can_install().unwrap_or(false);
    let available = RwSignal::new(can());
    let handle = window_event_listener_untyped("prasar-install", move |_| available.set(can()));
    on_cleanup(move || handle.remove());
    move || {
        available.get().then(|| {
            view! {
                <button type="button" class="secondary install" on:click=move |_| spawn_local(outbox::install())>
                    {tr(Text::PwaInstall)}
                </button>
            }
        })
    }
}
