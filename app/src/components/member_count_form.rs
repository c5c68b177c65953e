use leptos::prelude::*;

use super::Saved;
use crate::api;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::i18n::{tr, Text};

/// Records how many members the group has today (any official may).
#[component]
pub fn MemberCountForm(group_id: String, member_limit: u32, on_saved: Saved) -> impl IntoView {
    let group_id = StoredValue::new(group_id);
    let count = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        let Ok(n) = count.get_untracked().trim().parse::<u32>() else {
            form.refuse(Text::EnterWholeNumber);
            return;
        };
        form.send(
            api::record_member_count(group_id.get_value(), n),
            move |()| on_saved.run((None, Text::MemberCountRecorded)),
        );
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
                <FormAlerts state=form/>
                <button type="submit" class="primary" disabled=form.busy>{tr(Text::Save)}</button>
            </form>
        </details>
    }
}
