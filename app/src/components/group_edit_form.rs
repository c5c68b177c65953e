use leptos::prelude::*;
use prasar_core::api::{GroupDetail, GroupUpdate};

use super::Saved;
use crate::api;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::i18n::{tr, Text};

/// Name, invite link and member limit of a group (registry managers only). Sends only
/// the fields that changed.
#[component]
pub fn GroupEditForm(detail: GroupDetail, on_saved: Saved) -> impl IntoView {
    let original = StoredValue::new(detail.clone());
    let name = RwSignal::new(detail.name);
    let invite = RwSignal::new(detail.invite_link.unwrap_or_default());
    let limit = RwSignal::new(detail.member_limit.to_string());
    let form = FormState::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        let Ok(new_limit) = limit.get_untracked().trim().parse::<u32>() else {
            form.refuse(Text::EnterWholeNumber);
            return;
        };
        let old = original.get_value();
        let new_name = name.get_untracked().trim().to_owned();
        let new_invite = invite.get_untracked().trim().to_owned();
        if new_name.is_empty() {
            form.refuse(Text::EnterName);
            return;
        }
        let update = GroupUpdate {
            name: (new_name != old.name).then_some(new_name),
            invite_link: (new_invite != old.invite_link.unwrap_or_default()).then_some(new_invite),
            member_limit: (new_limit != old.member_limit).then_some(new_limit),
        };
        if update == GroupUpdate::default() {
            form.refuse(Text::NothingChanged);
            return;
        }
        form.send(api::update_group(old.id, update), move |detail| {
            on_saved.run((Some(detail), Text::Saved))
        });
    };

    view! {
        <details class="panel">
            <summary>{tr(Text::EditGroup)}</summary>
            <form on:submit=on_submit novalidate>
                <label for="edit-group-name">{tr(Text::GroupName)}</label>
                <input id="edit-group-name" maxlength="120" autocomplete="off" bind:value=name/>
                <label for="edit-group-invite">{tr(Text::InviteLink)}</label>
                <input
                    id="edit-group-invite"
                    type="url"
                    inputmode="url"
                    autocomplete="off"
                    placeholder="https://chat.whatsapp.com/…"
                    bind:value=invite
                />
                <p class="hint">{tr(Text::InviteLinkHint)}</p>
                <label for="edit-group-limit">{tr(Text::MemberLimit)}</label>
                <input id="edit-group-limit" type="number" inputmode="numeric" min="1" bind:value=limit/>
                <FormAlerts state=form/>
                <button type="submit" class="primary" disabled=form.busy>{tr(Text::Save)}</button>
            </form>
        </details>
    }
}
