//! The chosen language lives in a context signal, is remembered in `localStorage`, and is
//! mirrored to `<html lang>` so screen readers and fonts pick the right script.

use leptos::prelude::*;
pub use prasar_core::i18n::{Lang, Text};

const STORAGE_KEY: &str = "prasar.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn provide_lang() {
    let initial = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    let lang = RwSignal::new(initial);
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.code());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    provide_context(lang);
}

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive translated string for use in views: `{tr(Text::Send)}`.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy {
    let lang = use_lang();
    move || text.get(lang.get())
}

/// A reactive bilingual text from the server (names, messages): Hindi where recorded,
/// English otherwise. One closure type for every use keeps the bundle small.
pub fn pick(hi: String, en: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().pick(&hi, &en).to_owned()
}
