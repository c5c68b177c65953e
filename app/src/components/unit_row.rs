use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::UnitNode;

use crate::components::member_fill::MemberFill;
use crate::format::kind_label;
use crate::i18n::{pick, tr, use_lang, Text};

/// One unit in a list (children, search results). A GP or ward with a group opens the
/// group's page; every other unit opens its level of the registry.
#[component]
pub fn UnitRow(node: UnitNode) -> impl IntoView {
    let lang = use_lang();
    let UnitNode {
        unit,
        group,
        child_count,
        valid_to,
        ..
    } = node;
    let href = match &group {
        Some(g) if unit.kind.has_group() => format!("/groups/{}", g.id),
        _ => format!("/registry/{}", unit.id),
    };
    let kind = unit.kind;
    let low = group.as_ref().is_some_and(|g| g.below_fill_target());
    let no_admin = group.as_ref().is_some_and(|g| g.admin_name.is_none());
    let facts = group.map(|g| {
        let admin = match g.admin_name {
            Some(name) => view! { <span class="admin">{name}</span> }.into_any(),
            None => view! { <span class="admin missing">{tr(Text::NoAdmin)}</span> }.into_any(),
        };
        view! {
            {admin}
            <MemberFill count=g.member_count limit=g.member_limit/>
        }
    });
    let (name_hi, name_en) = (unit.name_hi, unit.name_en);
    view! {
        <li class="unit-row" class:low=low class:no-admin=no_admin>
            <A href=href>
                <span class="row-title">
                    <strong>{pick(name_hi, name_en)}</strong>
                    <span class="muted">{move || kind_label(kind, lang.get())} " · " {unit.code}</span>
                </span>
                {(child_count > 0).then(|| view! {
                    <span class="muted">{tr(Text::UnitsBelow)} ": " {child_count}</span>
                })}
                {facts}
                {valid_to.map(|_| view! { <span class="tag">{tr(Text::NoLongerValid)}</span> })}
            </A>
        </li>
    }
}
