use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::GroupDetail;

use crate::api;
use crate::components::checks_nav::ChecksNav;
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::components::link_panel::LinkPanel;
use crate::components::replace_admin_form::ReplaceAdminForm;
use crate::components::Saved;
use crate::format::date;
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::session::Need;

/// Rows shown before "Show all".
const FIRST_ROWS: usize = 50;

/// `/monitoring/inactive`: admins with no submission in N days (default 7). One tap on
/// "Replace admin" opens the registry's replacement form for that group.
#[component]
pub fn Inactive() -> impl IntoView {
    view! { <Guard need=Need::Official><InactiveView/></Guard> }
}

#[component]
fn InactiveView() -> impl IntoView {
    let lang = use_lang();
    let days = RwSignal::new(7u32);
    let list = Loader::new(move || api::inactive(days.get()));
    let may_manage = Memo::new(move |_| {
        crate::session::use_session().with(|s| s.me().is_some_and(|m| m.may_manage))
    });
    // The group whose replacement form is open (one at a time: the form's field ids are
    // fixed).
    let replacing = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<Text>);
    // Long lists (a new district where nobody has submitted yet) show the first rows
    // until the officer asks for all.
    let show_all = RwSignal::new(false);
    // The group just handed to a new admin: its row leaves the list, so the personal
    // link the notice asks to send is offered here.
    let replaced = RwSignal::new(None::<GroupDetail>);
    let on_saved: Saved = Callback::new(move |(detail, text): (Option<GroupDetail>, Text)| {
        replacing.set(None);
        notice.set(Some(text));
        replaced.set(detail);
        list.refetch();
    });
    view! {
        <section class="monitoring inactive-page">
            <ChecksNav/>
            <h1>{tr(Text::MonInactiveTitle)}</h1>
            <div class="mon-tools">
                <label>
                    {tr(Text::InactiveDaysLabel)} " "
                    <input type="number" class="days" min="1" max="90" inputmode="numeric" prop:value=move || days.get().to_string()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                if (1..=90).contains(&n) {
                                    days.set(n);
                                }
                            }
                        }/>
                </label>
            </div>
            <p class="notice ok" role="status">{move || notice.get().map(|t| t.get(lang.get()))}</p>
            {move || replaced.get().and_then(|g| {
                let admin = g.admin?;
                Some(view! {
                    <section class="card replaced-admin" data-group-id=g.id.clone()>
                        <h2><A href=format!("/groups/{}", g.id)>{g.name}</A></h2>
                        <p>
                            {pick(g.unit.name_hi, g.unit.name_en)} " · "
                            <strong class="admin-name">{admin.name}</strong> " " <span class="mobile">{admin.mobile}</span>
                        </p>
                        <LinkPanel admin_id=admin.id open=true/>
                    </section>
                })
            })}
            {move || match list.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(l)) if l.admins.is_empty() => view! { <p class="empty">{tr(Text::InactiveEmpty)}</p> }.into_any(),
                Some(Ok(l)) => {
                    let total = l.admins.len();
                    let shown = if show_all.get() { total } else { total.min(FIRST_ROWS) };
                    view! {
                    <p class="summary">{tr(Text::Total)} ": " <strong class="count">{total}</strong></p>
                    <ul class="inactive">
                        {l.admins.into_iter().take(shown).map(|a| {
                            let gid = StoredValue::new(a.group_id.clone());
                            let is_open = move || replacing.with(|r| r.as_deref() == Some(gid.get_value().as_str()));
                            let tel = a.tel_url.starts_with("tel:").then_some(a.tel_url.clone());
                            view! {
                                <li class="inactive-admin" data-group-id=a.group_id.clone()>
                                    <div class="who">
                                        <strong>{a.admin_name.clone()}</strong> " " <span class="mobile">{a.mobile.clone()}</span>
                                        {tel.map(|href| view! { " " <a class="button call" href=href>{tr(Text::MonCall)}</a> })}
                                    </div>
                                    <div class="where">
                                        <A href=format!("/groups/{}", a.group_id)>{a.group_name.clone()}</A>
                                        " · " {pick(a.unit_name_hi.clone(), a.unit_name_en.clone())}
                                    </div>
                                    <div class="since">
                                        {match a.days_since_last {
                                            None => view! { <span class="never">{tr(Text::InactiveNever)}</span> }.into_any(),
                                            Some(d) => view! { <span><strong>{d}</strong> " " {tr(Text::InactiveDaysAgo)}</span> }.into_any(),
                                        }}
                                        " · " {tr(Text::AssignedOn)} " " {date(&a.assigned_on)}
                                    </div>
                                    {move || may_manage.get().then(|| view! {
                                        <button type="button" class="secondary replace" aria-expanded=move || is_open().to_string()
                                            on:click=move |_| replacing.set(Some(gid.get_value()))>
                                            {tr(Text::ReplaceAdmin)}
                                        </button>
                                    })}
                                    {move || is_open().then(|| {
                                        // Opened by the one tap above: show the form unfolded.
                                        request_animation_frame(|| {
                                            if let Some(d) = document().query_selector(".inactive-admin details.panel").ok().flatten() {
                                                let _ = d.set_attribute("open", "");
                                            }
                                        });
                                        view! { <ReplaceAdminForm group_id=gid.get_value() has_admin=true on_saved/> }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(shown < total).then(|| view! {
                        <button type="button" class="secondary show-all" on:click=move |_| show_all.set(true)>
                            {tr(Text::MonShowAllRows)} " (" {total} ")"
                        </button>
                    })}
                    }.into_any()
                }
            }}
        </section>
    }
}
