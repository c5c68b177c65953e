use leptos::prelude::*;
use prasar_core::api::{EndReason, ReplaceAdminRequest};

use super::{confirm, Saved};
use crate::api;
use crate::components::admin_edit_form::{AdminFieldInputs, AdminFields};
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::format::end_reason_text;
use crate::i18n::{tr, use_lang, Text};

/// Hands the group to a new admin: the current assignment ends with a reason, the new
/// one starts, in one step. Also assigns the first admin of a group that has none.
#[component]
pub fn ReplaceAdminForm(group_id: String, has_admin: bool, on_saved: Saved) -> impl IntoView {
    let lang = use_lang();
    let group_id = StoredValue::new(group_id);
    let fields = AdminFields::new(String::new(), String::new(), String::new(), String::new());
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let form = FormState::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        let new_admin = match fields.input() {
            Ok(input) => input,
            Err(text) => {
                form.refuse(text);
                return;
            }
        };
        let end_reason = if has_admin {
            match EndReason::parse(&reason.get_untracked()) {
                Some(r) => r,
                None => {
                    form.refuse(Text::ChooseReason);
                    return;
                }
            }
        } else {
            EndReason::Other
        };
        let question = if has_admin {
            Text::ConfirmReplaceAdmin
        } else {
            Text::ConfirmAssignAdmin
        };
        if !confirm(question.get(lang.get_untracked())) {
            return;
        }
        let request = ReplaceAdminRequest {
            new_admin,
            end_reason,
            end_note: note.get_untracked().trim().to_owned(),
        };
        form.send(
            api::replace_admin(group_id.get_value(), request),
            move |detail| on_saved.run((Some(detail), Text::AdminReplaced)),
        );
    };

    let title = if has_admin {
        Text::ReplaceAdmin
    } else {
        Text::AssignAdmin
    };
    view! {
        <details class="panel">
            <summary>{tr(title)}</summary>
            <form on:submit=on_submit novalidate>
                <p class="hint">{tr(if has_admin { Text::ReplaceAdminHint } else { Text::AssignAdminHint })}</p>
                <AdminFieldInputs fields prefix="new-admin"/>
                {has_admin.then(|| view! {
                    <label for="end-reason">{tr(Text::EndReasonLabel)}</label>
                    <select id="end-reason" prop:value=move || reason.get() on:change=move |ev| reason.set(event_target_value(&ev))>
                        <option value="">{tr(Text::ChooseReasonPlaceholder)}</option>
                        {EndReason::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{tr(end_reason_text(r))}</option> })
                            .collect_view()}
                    </select>
                    <label for="end-note">{tr(Text::EndNote)}</label>
                    <textarea id="end-note" rows="2" maxlength="500" bind:value=note></textarea>
                })}
                <FormAlerts state=form/>
                <button type="submit" class="primary" disabled=form.busy>{tr(title)}</button>
            </form>
        </details>
    }
}
