use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::AdminLinkIssued;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::confirm;
use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::format::{base64, safe_https};
use crate::i18n::{tr, use_lang, Text};

/// The admin's personal link: issue a new one (which stops the earlier ones), show it
/// as a QR code and as text to copy or send on WhatsApp, or revoke it.
#[component]
pub fn LinkPanel(
    admin_id: String,
    /// Unfolded from the start (right after an admin was appointed).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let lang = use_lang();
    let admin_id = StoredValue::new(admin_id);
    let issued = RwSignal::new(None::<AdminLinkIssued>);
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<Text>);
    let failure = RwSignal::new(None::<ApiFailure>);

    let start = move |question: Text| {
        if busy.get_untracked() || !confirm(question.get(lang.get_untracked())) {
            return false;
        }
        busy.set(true);
        notice.set(None);
        failure.set(None);
        true
    };
    let issue = move |_| {
        if !start(Text::ConfirmNewLink) {
            return;
        }
        spawn_local(async move {
            match api::issue_link(admin_id.get_value()).await {
                Ok(link) => issued.set(Some(link)),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };
    let revoke = move |_| {
        if !start(Text::ConfirmRevokeLink) {
            return;
        }
        spawn_local(async move {
            match api::revoke_link(admin_id.get_value()).await {
                Ok(()) => {
                    issued.set(None);
                    notice.set(Some(Text::LinkRevoked));
                }
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };

    view! {
        <details class="panel link-panel" open=open>
            <summary>{tr(Text::SendPersonalLink)}</summary>
            <div class="panel-body">
                <p class="hint">{tr(Text::PersonalLinkHint)}</p>
                <button type="button" class="primary issue-link" disabled=busy on:click=issue>{tr(Text::CreateLink)}</button>
                {move || issued.get().map(|link| view! { <IssuedLink link/> })}
                <button type="button" class="secondary danger revoke-link" disabled=busy on:click=revoke>{tr(Text::RevokeLink)}</button>
                <p class="ok" role="status">{move || notice.get().map(|t| t.get(lang.get()))}</p>
                {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
            </div>
        </details>
    }
}

#[component]
fn IssuedLink(link: AdminLinkIssued) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let input = NodeRef::<Input>::new();
    // The SVG goes in as an image, never as markup in the page.
    let qr = format!(
        "data:image/svg+xml;base64,{}",
        base64(link.qr_svg.as_bytes())
    );
    let url = StoredValue::new(link.url.clone());

    let copy = move |_| {
        spawn_local(async move {
            let ok = copy_text(&url.get_value()).await;
            if !ok {
                // Select the text so the user can copy it by hand.
                if let Some(el) = input.get_untracked() {
                    el.select();
                }
            }
            copied.set(Some(ok));
        });
    };

    view! {
        <div class="issued-link">
            <img class="qr" src=qr alt=tr(Text::QrAlt) width="240" height="240"/>
            <label for="personal-link">{tr(Text::PersonalLink)}</label>
            <input id="personal-link" class="link-url" readonly prop:value=link.url node_ref=input/>
            <div class="actions">
                <button type="button" class="secondary copy-link" on:click=copy>{tr(Text::Copy)}</button>
                {safe_https(&link.whatsapp_url).map(|href| view! {
                    <a class="button whatsapp" href=href target="_blank" rel="noopener noreferrer">{tr(Text::OpenWhatsApp)}</a>
                })}
            </div>
            {move || copied.get().map(|ok| view! {
                <p class="hint" role="status">{tr(if ok { Text::Copied } else { Text::CopyByHand })}</p>
            })}
        </div>
    }
}

/// `navigator.clipboard.writeText`, where the browser offers it (secure contexts only).
async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
