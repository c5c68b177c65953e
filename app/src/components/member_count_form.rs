use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Saved;
use crate::api::{self, ApiFailure};
use crate::components::form_alerts::FormAlerts;
use crate::i18n::{tr, Text};

/// Records how many members the group has today (any official may).
#[component]
pub fn MemberCountForm(group_id: String, member_limit: u32, on_saved: Saved) -> impl IntoView {
    let group_id = StoredValue::new(group_id);
    let count = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let hint = RwSignal::new(None::<Text>);
    let failure = RwSignal::new(None::<ApiFailure>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(n) = count.get_untracked().trim().parse::<u32>() else {
            hint.set(Some(Text::EnterWholeNumber));
            return;
        };
        hint.set(None);
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::record_member_count(group_id.get_value(), n).await {
                Ok(()) => on_saved.run((None, Text::MemberCountRecorded)),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
        });
    };

    view! {
        <details class="panel">
            <summary>{tr(Text::RecordMemberCount)}</summary>
            <form on:submit=on_submit novalidate>
                <label for="member-count">{tr(Text::MembersNow)}</label>
                <input
                    id="member-count"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max=member_limit
                    bind:value=count
                />
                <p class="hint">{tr(Text::MemberLimit)} ": " {member_limit}</p>
                <FormAlerts hint failure/>
                <button type="submit" class="primary" disabled=busy>{tr(Text::Save)}</button>
            </form>
        </details>
    }
}
