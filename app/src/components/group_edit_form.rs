use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::{GroupDetail, GroupUpdate};

use super::Saved;
use crate::api::{self, ApiFailure};
use crate::components::form_alerts::FormAlerts;
use crate::i18n::{tr, Text};

/// Name, invite link and member limit of a group (registry managers only). Sends only
/// the fields that changed.
#[component]
pub fn GroupEditForm(detail: GroupDetail, on_saved: Saved) -> impl IntoView {
    let original = StoredValue::new(detail.clone());
    let name = RwSignal::new(detail.name);
    let invite = RwSignal::new(detail.invite_link.unwrap_or_default());
    let limit = RwSignal::new(detail.member_limit.to_string());
    let busy = RwSignal::new(false);
    let hint = RwSignal::new(None::<Text>);
    let failure = RwSignal::new(None::<ApiFailure>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(new_limit) = limit.get_untracked().trim().parse::<u32>() else {
            hint.set(Some(Text::EnterWholeNumber));
            return;
        };
        let old = original.get_value();
        let new_name = name.get_untracked().trim().to_owned();
        let new_invite = invite.get_untracked().trim().to_owned();
        if new_name.is_empty() {
            hint.set(Some(Text::EnterName));
            return;
        }
        let update = GroupUpdate {
            name: (new_name != old.name).then_some(new_name),
            invite_link: (new_invite != old.invite_link.unwrap_or_default()).then_some(new_invite),
            member_limit: (new_limit != old.member_limit).then_some(new_limit),
        };
        if update == GroupUpdate::default() {
            hint.set(Some(Text::NothingChanged));
            return;
        }
        hint.set(None);
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::update_group(old.id, update).await {
                Ok(detail) => on_saved.run((Some(detail), Text::Saved)),
                Err(f) => failure.set(Some(f)),
            }
            busy.set(false);
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
                <FormAlerts hint failure/>
                <button type="submit" class="primary" disabled=busy>{tr(Text::Save)}</button>
            </form>
        </details>
    }
}
