use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use prasar_core::api::AuditEntryView;
use prasar_core::audit::AuditAction;

use crate::api::{self, ApiFailure};
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::format::date_time;
use crate::i18n::{tr, use_lang, Text};
use crate::routes::map::mt;
use crate::session::Need;
use prasar_core::map::text::MapText;

/// The audit log of the caller's districts, newest first, a page at a time.
#[component]
pub fn Audit() -> impl IntoView {
    view! { <Guard need=Need::Audit><AuditView/></Guard> }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Paging {
    Loading,
    /// More entries may follow before this id.
    More(i64),
    End,
}

#[component]
fn AuditView() -> impl IntoView {
    let entries = RwSignal::new(Vec::<AuditEntryView>::new());
    let paging = RwSignal::new(Paging::Loading);
    let failure = RwSignal::new(None::<ApiFailure>);

    let load = move |before: Option<i64>| {
        paging.set(Paging::Loading);
        failure.set(None);
        spawn_local(async move {
            match api::audit(before).await {
                Ok(page) => {
                    entries.update(|list| list.extend(page.entries));
                    paging.set(page.next_before.map_or(Paging::End, Paging::More));
                }
                Err(f) => {
                    failure.set(Some(f));
                    // Allow another try from the same place.
                    paging.set(before.map_or(Paging::End, Paging::More));
                }
            }
        });
    };
    load(None);

    let label = tr;
    let lang = use_lang();
    view! {
        <section class="audit">
            <h1>{tr(Text::AuditTitle)}</h1>
            <table class="audit-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(Text::Time)}</th>
                        <th scope="col">{tr(Text::Actor)}</th>
                        <th scope="col">{tr(Text::Action)}</th>
                        <th scope="col">{tr(Text::Entity)}</th>
                        <th scope="col">{tr(Text::EntityId)}</th>
                        <th scope="col">{tr(Text::Detail)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || entries.get().into_iter().map(|e| view! {
                        <tr>
                            <td data-label=label(Text::Time)><time datetime=e.at.clone()>{date_time(&e.at)}</time></td>
                            <td data-label=label(Text::Actor) class="actor" title=e.actor.clone()>{actor(&e)}</td>
                            <td data-label=label(Text::Action)>
                                {match AuditAction::parse(&e.action) {
                                    Some(a) => view! { <span>{move || a.label(lang.get())}</span> }.into_any(),
                                    // An action this app does not know yet (a newer worker).
                                    None => view! { <code>{e.action.clone()}</code> }.into_any(),
                                }}
                            </td>
                            <td data-label=label(Text::Entity)>{e.entity.clone()}</td>
                            <td data-label=label(Text::EntityId)><EntityLink entity=e.entity id=e.entity_id/></td>
                            <td data-label=label(Text::Detail)><code class="detail">{e.detail}</code></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || failure.get().map(|failure| view! { <ErrorBox failure/> })}
            {move || match paging.get() {
                Paging::Loading => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Paging::More(before) => view! {
                    <button type="button" class="secondary older" on:click=move |_| load(Some(before))>{tr(Text::Older)}</button>
                }
                .into_any(),
                Paging::End if entries.with(Vec::is_empty) => view! { <p class="empty">{tr(Text::NoAuditEntries)}</p> }.into_any(),
                Paging::End => view! { <p class="hint">{tr(Text::EndOfLog)}</p> }.into_any(),
            }}
        </section>
    }
}

/// A group's id links to its page.
#[component]
fn EntityLink(entity: String, id: String) -> impl IntoView {
    if entity == "group" {
        view! { <A href=format!("/groups/{id}")>{id}</A> }.into_any()
    } else {
        view! { <span>{id}</span> }.into_any()
    }
}

/// Who made a change, as officials know them: a name, "Prasar (automatic)" for the
/// system's own jobs, the stored actor only where nobody is on record any more.
fn actor(e: &AuditEntryView) -> AnyView {
    if !e.actor_name.is_empty() {
        e.actor_name.clone().into_any()
    } else if e.actor.starts_with("system:") {
        mt(MapText::AuditSystem).into_any()
    } else {
        e.actor.clone().into_any()
    }
}
