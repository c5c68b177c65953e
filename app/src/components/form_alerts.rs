use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiFailure;
use crate::components::error_box::ErrorBox;
use crate::i18n::{tr, Text};

/// What every officer form tracks: a request in flight, the form's own hint (what is
/// missing), and the server's refusal.
#[derive(Clone, Copy)]
pub struct FormState {
    pub busy: RwSignal<bool>,
    pub hint: RwSignal<Option<Text>>,
    pub failure: RwSignal<Option<ApiFailure>>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            busy: RwSignal::new(false),
            hint: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// A second tap while a request runs is ignored.
    pub fn is_busy(&self) -> bool {
        self.busy.get_untracked()
    }

    /// Shows what the officer must fix before anything is sent.
    pub fn refuse(&self, text: Text) {
        self.hint.set(Some(text));
    }

    /// Sends `request`; its result goes to `on_ok`, or its refusal into the alerts.
    pub fn send<T: 'static>(
        self,
        request: impl Future<Output = Result<T, ApiFailure>> + 'static,
        on_ok: impl FnOnce(T) + 'static,
    ) {
        self.hint.set(None);
        self.failure.set(None);
        self.busy.set(true);
        spawn_local(async move {
            match request.await {
                Ok(value) => on_ok(value),
                Err(f) => self.failure.set(Some(f)),
            }
            self.busy.set(false);
        });
    }
}

/// A form's own hint and the server's answer, both announced.
#[component]
pub fn FormAlerts(state: FormState) -> impl IntoView {
    let FormState { hint, failure, .. } = state;
    view! {
        {move || hint.get().map(|h| view! { <p class="error" role="alert">{tr(h)}</p> })}
        {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
    }
}
