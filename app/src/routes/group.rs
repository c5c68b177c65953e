use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use prasar_core::api::{AdminView, AssignmentView, GroupDetail, MemberCountEntry};

use crate::api;
use crate::components::activity_strip::ChatActivityPanel;
use crate::components::admin_edit_form::AdminEditForm;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::error_box::ErrorBox;
use crate::components::group_edit_form::GroupEditForm;
use crate::components::guard::Guard;
use crate::components::link_panel::LinkPanel;
use crate::components::member_count_form::MemberCountForm;
use crate::components::member_fill::MemberFill;
use crate::components::replace_admin_form::ReplaceAdminForm;
use crate::components::Saved;
use crate::format::{date_time, end_reason_text, kind_label, safe_https, tel_href};
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::session::{use_session, Need};

/// `/groups/:group_id`: one WhatsApp group, its admin and their history, and (for
/// registry managers) the forms that change them.
#[component]
pub fn GroupPage() -> impl IntoView {
    view! { <Guard need=Need::Official><GroupView/></Guard> }
}

#[component]
fn GroupView() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let may_manage = Memo::new(move |_| session.with(|s| s.me().is_some_and(|m| m.may_manage)));
    let params = use_params_map();
    let group_id = Memo::new(move |_| params.with(|p| p.get("group_id").unwrap_or_default()));
    let detail = Loader::new(move || api::group(group_id.get()));
    let notice = RwSignal::new(None::<Text>);
    Effect::new(move |_| {
        group_id.track();
        notice.set(None);
    });
    let on_saved: Saved = Callback::new(move |(saved, text): (Option<GroupDetail>, Text)| {
        close_panels();
        notice.set(Some(text));
        match saved {
            Some(d) => detail.set(d),
            None => detail.refetch(),
        }
    });

    view! {
        <section class="group-page">
            {move || match detail.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(d)) => view! { <GroupInfo detail=d/> }.into_any(),
            }}
            <p class="notice ok" role="status">{move || notice.get().map(|t| t.get(lang.get()))}</p>
            {move || detail.get().and_then(Result::ok).map(|d| view! { <GroupActions detail=d may_manage=may_manage.get() on_saved/> })}
        </section>
    }
}

/// Folds the forms away once one has saved; the notice tells what happened.
fn close_panels() {
    while let Ok(Some(open)) = document().query_selector("details.panel[open]") {
        if open.remove_attribute("open").is_err() {
            break;
        }
    }
}

#[component]
fn GroupInfo(detail: GroupDetail) -> impl IntoView {
    let lang = use_lang();
    let GroupDetail {
        id,
        name,
        invite_link,
        member_limit,
        unit,
        breadcrumbs,
        member_counts,
        admin,
        assignments,
        ..
    } = detail;
    let unit_href = format!("/registry/{}", unit.id);
    let kind = unit.kind;
    let (unit_hi, unit_en) = (unit.name_hi, unit.name_en);
    let latest = member_counts.first().map(|c| c.member_count);
    let invite = invite_link.as_deref().and_then(safe_https);

    view! {
        <Breadcrumbs crumbs=breadcrumbs current=name.clone()/>
        <div class="card group-head">
            <p class="kind">{tr(Text::WhatsAppGroup)}</p>
            <h1>{name}</h1>
            <p>
                <A href=unit_href>{move || kind_label(kind, lang.get())} " " {pick(unit_hi, unit_en)}</A>
                <span class="muted">" · " {tr(Text::LgdCode)} " " {unit.code}</span>
            </p>
            <MemberFill count=latest limit=member_limit/>
            <p class="invite">
                {tr(Text::InviteLink)} ": "
                {match invite {
                    Some(href) => view! { <a href=href.clone() target="_blank" rel="noopener noreferrer">{href.clone()}</a> }.into_any(),
                    None => view! { <span class="muted">{tr(Text::NotRecorded)}</span> }.into_any(),
                }}
            </p>
        </div>

        <div class="card">
            <h2>{tr(Text::CurrentAdmin)}</h2>
            {match admin {
                Some(admin) => view! { <AdminCard admin/> }.into_any(),
                None => view! { <p class="flag">{tr(Text::NoAdmin)}</p> }.into_any(),
            }}
        </div>

        <div class="card">
            <h2>{tr(Text::MemberCountHistory)}</h2>
            {if member_counts.is_empty() {
                view! { <p class="muted">{tr(Text::NoMemberCounts)}</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {member_counts.into_iter().map(|c| view! { <CountRow entry=c limit=member_limit/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </div>

        <ChatActivityPanel group_id=id/>

        <div class="card">
            <h2>{tr(Text::AdminHistory)}</h2>
            {if assignments.is_empty() {
                view! { <p class="muted">{tr(Text::NoAssignments)}</p> }.into_any()
            } else {
                view! {
                    <ol class="history">
                        {assignments.into_iter().map(|a| view! { <AssignmentRow assignment=a/> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </div>
    }
}

#[component]
fn AdminCard(admin: AdminView) -> impl IntoView {
    let tel = tel_href(&admin.mobile);
    view! {
        <p class="admin-card">
            <strong>{admin.name}</strong>
            {admin.is_demo.then(|| view! { " " <span class="tag demo">{tr(Text::Demo)}</span> })}
            <br/>
            <a class="tel" href=tel>{admin.mobile}</a>
            <br/>
            <span>{admin.designation}</span>
            {(!admin.department.is_empty()).then(|| view! { <span class="muted">" · " {admin.department}</span> })}
        </p>
    }
}

#[component]
fn CountRow(entry: MemberCountEntry, limit: u32) -> impl IntoView {
    let low = prasar_core::api::below_fill_target(Some(entry.member_count), limit);
    view! {
        <li class:low=low>
            <time datetime=entry.reported_at.clone()>{date_time(&entry.reported_at)}</time>
            " · " <strong>{entry.member_count}</strong> " / " {limit}
            <span class="muted">" · " {entry.reported_by}</span>
        </li>
    }
}

#[component]
fn AssignmentRow(assignment: AssignmentView) -> impl IntoView {
    let a = assignment;
    let open = a.ended_at.is_none();
    let tel = tel_href(&a.admin.mobile);
    let until = match &a.ended_at {
        Some(end) => view! { {date_time(end)} }.into_any(),
        None => view! { <span class="tag ok-tag">{tr(Text::Current)}</span> }.into_any(),
    };
    view! {
        <li class:current=open>
            <strong>{a.admin.name}</strong> " · " <a href=tel>{a.admin.mobile}</a>
            {a.admin.is_demo.then(|| view! { " " <span class="tag demo">{tr(Text::Demo)}</span> })}
            <br/>
            <span>{date_time(&a.started_at)} " – "</span> {until}
            {a.end_reason.map(|r| view! { <br/> <span>{tr(Text::EndReasonLabel)} ": " {tr(end_reason_text(r))}</span> })}
            {(!a.end_note.is_empty()).then(|| view! { <br/> <span class="muted">{a.end_note}</span> })}
        </li>
    }
}

/// Member count for every official; the rest for registry managers.
#[component]
fn GroupActions(detail: GroupDetail, may_manage: bool, on_saved: Saved) -> impl IntoView {
    let count_form = view! { <MemberCountForm group_id=detail.id.clone() member_limit=detail.member_limit on_saved/> };
    let manage = may_manage.then(|| {
        let admin = detail.admin.clone();
        let has_admin = admin.is_some();
        view! {
            <GroupEditForm detail=detail.clone() on_saved/>
            {admin.map(|admin| view! {
                <LinkPanel admin_id=admin.id.clone()/>
                <AdminEditForm admin on_saved/>
            })}
            <ReplaceAdminForm group_id=detail.id.clone() has_admin on_saved/>
        }
    });
    view! {
        <div class="actions-list">
            <h2>{tr(Text::Actions)}</h2>
            {count_form}
            {manage}
        </div>
    }
}
