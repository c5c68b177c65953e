use leptos::prelude::*;
use prasar_core::api::{AdminInput, AdminView};

use super::Saved;
use crate::api;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::i18n::{tr, Text};

/// Corrects the current admin's details (a typo in the name, a new number).
#[component]
pub fn AdminEditForm(admin: AdminView, on_saved: Saved) -> impl IntoView {
    let admin_id = StoredValue::new(admin.id);
    let fields = AdminFields::new(
        admin.name,
        admin.mobile,
        admin.designation,
        admin.department,
    );
    let form = FormState::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        let input = match fields.input() {
            Ok(input) => input,
            Err(text) => {
                form.refuse(text);
                return;
            }
        };
        form.send(api::update_admin(admin_id.get_value(), input), move |()| {
            on_saved.run((None, Text::Saved))
        });
    };

    view! {
        <details class="panel">
            <summary>{tr(Text::EditAdmin)}</summary>
            <form on:submit=on_submit novalidate>
                <AdminFieldInputs fields prefix="edit-admin"/>
                <FormAlerts state=form/>
                <button type="submit" class="primary" disabled=form.busy>{tr(Text::Save)}</button>
            </form>
        </details>
    }
}

/// The four fields of an admin, shared by the edit and replace forms.
#[derive(Clone, Copy)]
pub struct AdminFields {
    pub name: RwSignal<String>,
    pub mobile: RwSignal<String>,
    pub designation: RwSignal<String>,
    pub department: RwSignal<String>,
}

impl AdminFields {
    pub fn new(name: String, mobile: String, designation: String, department: String) -> Self {
        AdminFields {
            name: RwSignal::new(name),
            mobile: RwSignal::new(mobile),
            designation: RwSignal::new(designation),
            department: RwSignal::new(department),
        }
    }

    /// The trimmed input, or what to fill in first. The server checks the rest (a valid
    /// mobile number, lengths) and answers in both languages.
    pub fn input(self) -> Result<AdminInput, Text> {
        let get = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let input = AdminInput {
            name: get(self.name),
            mobile: get(self.mobile),
            designation: get(self.designation),
            department: get(self.department),
        };
        if input.name.is_empty() {
            Err(Text::EnterName)
        } else if input.mobile.is_empty() {
            Err(Text::EnterMobile)
        } else {
            Ok(input)
        }
    }
}

#[component]
pub fn AdminFieldInputs(fields: AdminFields, prefix: &'static str) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}-{field}");
    view! {
        <label for=id("name")>{tr(Text::AdminName)}</label>
        <input id=id("name") maxlength="120" autocomplete="off" bind:value=fields.name/>
        <label for=id("mobile")>{tr(Text::Mobile)}</label>
        <input id=id("mobile") type="tel" inputmode="tel" maxlength="16" autocomplete="off" placeholder="98XXXXXXXX" bind:value=fields.mobile/>
        <label for=id("designation")>{tr(Text::Designation)}</label>
        <input id=id("designation") maxlength="120" autocomplete="off" bind:value=fields.designation/>
        <label for=id("department")>{tr(Text::Department)}</label>
        <input id=id("department") maxlength="120" autocomplete="off" bind:value=fields.department/>
    }
}
