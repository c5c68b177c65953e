use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::{CallOutcome, CheckState, CheckView, GroupKind, NewCall};
use prasar_core::auth::Action;
use prasar_core::draw::Level;

use crate::api;
use crate::components::checks_nav::{may, today, ChecksNav, DayPicker};
use crate::components::decision_fields::{Choices, RemarkField};
use crate::components::error_box::ErrorBox;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::components::guard::Guard;
use crate::format::{date_time, safe_https};
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::session::Need;

/// `/monitoring`: the day's drawn checks, with the WhatsApp request, a call link and the
/// call log (officials; acting on them is for district officers).
#[component]
pub fn Checks() -> impl IntoView {
    view! { <Guard need=Need::Official><ChecksView/></Guard> }
}

#[component]
fn ChecksView() -> impl IntoView {
    let day = RwSignal::new(today());
    let list = Loader::new(move || api::checks(day.get()));
    let may_draw = may(Action::RunDraw);
    let may_follow = may(Action::FollowUpChecks);
    let draw = FormState::new();
    let drawn_notice = RwSignal::new(false);
    let run_draw = move |_| {
        if draw.is_busy() {
            return;
        }
        drawn_notice.set(false);
        draw.send(api::run_draw(day.get_untracked()), move |_| {
            drawn_notice.set(true);
            list.refetch();
        });
    };
    view! {
        <section class="monitoring checks-page">
            <ChecksNav/>
            <h1>{tr(Text::MonChecksTitle)}</h1>
            <div class="mon-tools">
                <DayPicker day/>
                {move || may_draw.get().then(|| view! {
                    <button type="button" class="secondary run-draw" on:click=run_draw disabled=draw.busy>{tr(Text::MonRunDraw)}</button>
                })}
            </div>
            <FormAlerts state=draw/>
            {move || drawn_notice.get().then(|| view! { <p class="notice ok" role="status">{tr(Text::MonDrawDone)}</p> })}
            {move || match list.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(l)) if l.checks.is_empty() => {
                    let text = if l.drawn { Text::MonNoChecks } else { Text::MonNotDrawn };
                    view! { <p class="empty">{tr(text)}</p> }.into_any()
                }
                Some(Ok(l)) => view! {
                    <ul class="checks">
                        {l.checks.into_iter().map(|c| view! { <CheckCard check=c may_follow=may_follow.get()/> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

fn state_label(state: CheckState) -> (&'static str, Text) {
    match state {
        CheckState::Pending => ("state pending", Text::MonStatePending),
        CheckState::Submitted => ("state submitted", Text::MonStateSubmitted),
        CheckState::Late => ("state late", Text::MonStateLate),
        CheckState::Overdue => ("state overdue", Text::MonStateOverdue),
    }
}

pub fn call_label(outcome: CallOutcome) -> Text {
    match outcome {
        CallOutcome::Reached => Text::CallReached,
        CallOutcome::NotReached => Text::CallNotReached,
        CallOutcome::Promised => Text::CallPromised,
        CallOutcome::Refused => Text::CallRefused,
    }
}

#[component]
fn CheckCard(check: CheckView, may_follow: bool) -> impl IntoView {
    let lang = use_lang();
    let check = RwSignal::new(check);
    let c = check.get_untracked();
    let id = c.id.clone();
    let level = match c.level {
        Level::NodalOfficer => Text::MonLevelNodal,
        Level::Collector => Text::MonLevelCollector,
    };
    let pool = match c.pool {
        GroupKind::GramPanchayat => Text::GramPanchayat,
        GroupKind::Ward => Text::Ward,
    };
    let reason = c.reason.clone();
    let group_href = format!("/groups/{}", c.group_id);
    view! {
        <li class="check" data-check-id=id.clone() data-group-id=c.group_id.clone()>
            <header>
                <span class="level">{tr(level)}</span>
                <span class="pool">{tr(pool)}</span>
                {move || {
                    let (class, text) = state_label(check.get().state);
                    view! { <span class=class>{tr(text)}</span> }
                }}
            </header>
            <h2><A href=group_href>{c.group_name.clone()}</A></h2>
            <p class="place">{pick(c.unit_name_hi.clone(), c.unit_name_en.clone())} " · " {pick(c.parent_name_hi.clone(), c.parent_name_en.clone())}</p>
            <p class="deadline">{tr(Text::MonDeadline)} ": " <time datetime=c.deadline.clone()>{date_time(&c.deadline)}</time></p>
            <details class="why">
                <summary>{tr(Text::MonWhyPicked)}</summary>
                <p>{move || if lang.get() == crate::i18n::Lang::Hi { reason.text_hi() } else { reason.text_en() }}</p>
            </details>
            {c.submission_id.clone().map(|_| view! {
                <p><A href="/monitoring/review">{tr(Text::MonSeeSubmission)}</A></p>
            })}
            {match c.admin.clone() {
                None => view! { <p class="no-admin">{tr(Text::NoAdmin)}</p> }.into_any(),
                Some(admin) => {
                    let tel = admin.tel_url.starts_with("tel:").then_some(admin.tel_url.clone());
                    view! {
                        <p class="admin">
                            <strong>{admin.name.clone()}</strong> " " <span class="mobile">{admin.mobile.clone()}</span>
                            {tel.map(|href| view! { " " <a class="button call" href=href>{tr(Text::MonCall)}</a> })}
                        </p>
                        {may_follow.then(|| view! {
                            <WhatsAppRequest check_id=id.clone()/>
                            <CallForm check_id=id.clone() check/>
                        })}
                    }.into_any()
                }
            }}
            <CallLog check/>
        </li>
    }
}

#[component]
fn WhatsAppRequest(check_id: String) -> impl IntoView {
    let form = FormState::new();
    let message = RwSignal::new(None::<prasar_core::api::CheckMessage>);
    let check_id = StoredValue::new(check_id);
    let prepare = move |_| {
        if form.is_busy() {
            return;
        }
        form.send(api::check_message(check_id.get_value()), move |m| {
            message.set(Some(m))
        });
    };
    view! {
        <div class="wa-request">
            <button type="button" class="secondary prepare-wa" on:click=prepare disabled=form.busy title=tr(Text::MonNewLinkHint)>
                {tr(Text::MonPrepareWhatsApp)}
            </button>
            <FormAlerts state=form/>
            {move || message.get().map(|m| view! {
                <p class="message" lang="hi">{m.message_hi.clone()}</p>
                {safe_https(&m.whatsapp_url).map(|href| view! {
                    <a class="button primary send-wa" href=href target="_blank" rel="noopener">{tr(Text::MonSendWhatsApp)}</a>
                })}
            })}
        </div>
    }
}

#[component]
fn CallForm(check_id: String, check: RwSignal<CheckView>) -> impl IntoView {
    let form = FormState::new();
    let outcome = RwSignal::new(None::<CallOutcome>);
    let remark = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let check_id = StoredValue::new(check_id);
    let name = format!("call-outcome-{}", check_id.get_value());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        saved.set(false);
        let Some(o) = outcome.get_untracked() else {
            form.refuse(Text::MonChooseOutcome);
            return;
        };
        let call = NewCall {
            outcome: o,
            remark: remark.get_untracked().trim().to_owned(),
        };
        form.send(api::log_call(check_id.get_value(), call), move |view| {
            check.set(view);
            remark.set(String::new());
            outcome.set(None);
            saved.set(true);
        });
    };
    view! {
        <form class="call-form" on:submit=on_submit novalidate>
            <Choices legend=Text::MonCallOutcome name options=&CallOutcome::ALL
                value=CallOutcome::as_str label=call_label chosen=outcome/>
            <RemarkField remark/>
            <FormAlerts state=form/>
            {move || saved.get().then(|| view! { <p class="notice ok" role="status">{tr(Text::MonCallLogged)}</p> })}
            <button type="submit" class="primary" disabled=form.busy>{tr(Text::MonLogCall)}</button>
        </form>
    }
}

#[component]
fn CallLog(check: RwSignal<CheckView>) -> impl IntoView {
    view! {
        <div class="call-log">
            <h3>{tr(Text::MonCalls)}</h3>
            {move || {
                let calls = check.get().calls;
                if calls.is_empty() {
                    view! { <p class="empty">{tr(Text::MonNoCalls)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="calls">
                            {calls.into_iter().map(|c| view! {
                                <li>
                                    <time datetime=c.called_at.clone()>{date_time(&c.called_at)}</time>
                                    " · " <strong class="outcome">{tr(call_label(c.outcome))}</strong>
                                    " · " <span class="by">{c.called_by}</span>
                                    {(!c.remark.is_empty()).then(|| view! { <p class="remark">{c.remark}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </div>
    }
}
