use leptos::prelude::*;
use prasar_core::api::{GroupKind, GroupList, GroupSummary};

use crate::components::error_box::ErrorBox;
use crate::i18n::{tr, use_lang, Text};
use crate::load::Loader;

/// The admin's group(s), gram panchayats and wards apart. An admin of exactly one group
/// has nothing to choose: it is chosen for them.
#[component]
pub fn GroupSelect(groups: Loader<GroupList>, group_id: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| {
        if let Some(Ok(list)) = groups.get() {
            if let [only] = list.groups.as_slice() {
                if group_id.get_untracked().is_empty() {
                    group_id.set(only.id.clone());
                }
            }
        }
    });

    let options = move || {
        let Some(Ok(list)) = groups.get() else {
            return ().into_any();
        };
        let (gps, wards): (Vec<GroupSummary>, Vec<GroupSummary>) = list
            .groups
            .into_iter()
            .partition(|g| g.kind == GroupKind::GramPanchayat);
        let optgroup = move |label: Text, items: Vec<GroupSummary>| {
            (!items.is_empty()).then(|| {
                let items = items
                    .into_iter()
                    .map(|g| {
                        let id = g.id.clone();
                        let selected = move || group_id.with(|s| *s == id);
                        let label = move || {
                            let l = lang.get();
                            format!(
                                "{} — {}",
                                l.pick(&g.name_hi, &g.name_en),
                                l.pick(&g.parent_hi, &g.parent_en)
                            )
                        };
                        view! { <option value=g.id.clone() prop:selected=selected>{label}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=tr(label)>{items}</optgroup> }
            })
        };
        view! { {optgroup(Text::GramPanchayat, gps)} {optgroup(Text::Ward, wards)} }.into_any()
    };

    let error = move || match groups.get() {
        Some(Err(failure)) => Some(view! {
            <ErrorBox failure/>
            <button type="button" class="secondary" on:click=move |_| groups.refetch()>{tr(Text::Retry)}</button>
        }),
        _ => None,
    };

    view! {
        <label for="group">{tr(Text::ChooseGroup)}</label>
        <select
            id="group"
            name="group"
            prop:value=move || group_id.get()
            on:change=move |ev| group_id.set(event_target_value(&ev))
        >
            <option value="">
                {move || if groups.get().is_none() { Text::LoadingGroups.get(lang.get()) } else { Text::ChooseGroupPlaceholder.get(lang.get()) }}
            </option>
            {options}
        </select>
        {error}
    }
}
