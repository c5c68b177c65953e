//! Officers' campaign pages: the list (running today, upcoming, past), publishing a new
//! item, one item (edit, image, withdraw) and who posted it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use prasar_core::api::{CampaignItemDetail, CampaignItemInput, CampaignWhen};

use crate::api;
use crate::components::campaign_card::{ct, CampaignCard};
use crate::components::campaign_form::CampaignForm;
use crate::components::confirm;
use crate::components::error_box::ErrorBox;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::components::guard::Guard;
use crate::format::date_time;
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::session::Need;
use prasar_core::campaign_text::CampaignText;

fn when_text(when: CampaignWhen) -> CampaignText {
    match when {
        CampaignWhen::Active => CampaignText::WhenActive,
        CampaignWhen::Upcoming => CampaignText::WhenUpcoming,
        CampaignWhen::Past => CampaignText::WhenPast,
    }
}

/// `/campaigns?when=active|upcoming|past`.
#[component]
pub fn Campaigns() -> impl IntoView {
    view! { <Guard need=Need::Official><CampaignList/></Guard> }
}

#[component]
fn CampaignList() -> impl IntoView {
    let query = use_query_map();
    let when = Memo::new(move |_| {
        query.with(|q| {
            q.get("when")
                .and_then(|w| CampaignWhen::parse(&w))
                .unwrap_or_default()
        })
    });
    let page = Loader::new(move || api::campaign_items(when.get()));
    let tabs = CampaignWhen::ALL
        .into_iter()
        .map(|w| {
            let current = move || when.get() == w;
            view! {
                <A href=format!("/campaigns?when={}", w.as_str())
                    attr:class=move || if current() { "tab current" } else { "tab" }
                    attr:aria-current=move || current().then_some("page")>
                    {ct(when_text(w))}
                </A>
            }
        })
        .collect_view();
    view! {
        <section class="campaigns">
            <div class="dash-head">
                <h1>{ct(CampaignText::CampaignsTitle)}</h1>
                {move || page.get().and_then(Result::ok).filter(|p| p.may_publish).map(|_| view! {
                    <A href="/campaigns/new" attr:class="big-link new-item">{ct(CampaignText::NewCampaignItem)}</A>
                })}
            </div>
            <p class="hint">{ct(CampaignText::CampaignsIntro)}</p>
            <nav class="tabs" aria-label=ct(CampaignText::CampaignsTitle)>{tabs}</nav>
            {move || match page.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(p)) if p.items.is_empty() => view! { <p class="empty">{ct(CampaignText::NoCampaignItems)}</p> }.into_any(),
                Some(Ok(p)) => view! {
                    <div class="campaign-list">
                        {p.items.into_iter().map(|summary| view! { <CampaignCard summary link_title=true/> }).collect_view()}
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// `/campaigns/new`: publish an item; its image is added on the item's page.
#[component]
pub fn NewCampaignItem() -> impl IntoView {
    view! { <Guard need=Need::Publish><NewItemForm/></Guard> }
}

#[component]
fn NewItemForm() -> impl IntoView {
    let session = crate::session::use_session();
    let navigate = use_navigate();
    let form = FormState::new();
    // Today in IST by the device's clock; the server checks the range again.
    let today = prasar_core::time::ist_day(js_sys::Date::now() as i64);
    let (starts_on, ends_on) = prasar_core::campaigns::default_item_days(today);
    let area_id = session
        .with_untracked(|s| s.me().and_then(|m| m.area.clone()))
        .map(|a| a.id)
        .unwrap_or_default();
    let initial = CampaignItemInput {
        area_id,
        starts_on,
        ends_on,
        ..Default::default()
    };
    let on_submit = Callback::new(move |input: CampaignItemInput| {
        let navigate = navigate.clone();
        form.send(api::publish_item(input), move |detail| {
            navigate(
                &format!("/campaigns/{}?new=1", detail.summary.item.id),
                Default::default(),
            );
        });
    });
    view! {
        <section class="card campaign-new">
            <h1>{ct(CampaignText::NewCampaignItem)}</h1>
            <p class="hint">{ct(CampaignText::ImageAfterPublishHint)}</p>
            <CampaignForm initial prefix="new" submit_label=CampaignText::Publish form on_submit/>
        </section>
    }
}

/// `/campaigns/:id`: the item, who posted it, and (for its publishers) edit, image and
/// withdraw.
#[component]
pub fn CampaignItemPage() -> impl IntoView {
    view! { <Guard need=Need::Official><ItemView/></Guard> }
}

#[component]
fn ItemView() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let detail = Loader::new(move || api::campaign_item(id.get()));
    let notice = RwSignal::new(None::<CampaignText>);
    let on_saved = Callback::new(move |(d, text): (CampaignItemDetail, CampaignText)| {
        notice.set(Some(text));
        detail.set(d);
    });
    view! {
        <section class="campaign-page">
            <p><A href="/campaigns">{ct(CampaignText::CampaignsTitle)}</A></p>
            {move || match detail.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(d)) => view! { <ItemBody detail=d on_saved/> }.into_any(),
            }}
            <p class="notice ok" role="status">{move || notice.get().map(|t| t.get(lang.get()))}</p>
        </section>
    }
}

#[component]
fn ItemBody(
    detail: CampaignItemDetail,
    on_saved: Callback<(CampaignItemDetail, CampaignText)>,
) -> impl IntoView {
    let id = detail.summary.item.id.clone();
    let editable = detail.summary.editable;
    let has_image = detail.summary.item.image_url.is_some();
    let posted_href = format!("/campaigns/{id}/posted");
    let CampaignItemDetail {
        summary,
        input,
        target_groups,
        posted_admins,
        ..
    } = detail;
    let posted = summary.posted_groups;
    let created = format!(
        "{} · {}",
        summary.created_by_name,
        date_time(&summary.created_at)
    );
    view! {
        <CampaignCard summary link_title=false/>
        <div class="card posted-summary">
            <h2>{ct(CampaignText::PostedTitle)}</h2>
            <p>
                <strong class="posted-count">{posted}</strong> " / " {target_groups} " " {ct(CampaignText::GroupsPostedIt)}
                " · " {posted_admins} " " {ct(CampaignText::AdminsCount)}
            </p>
            <A href=posted_href attr:class="big-link secondary">{ct(CampaignText::SeeWhoPosted)}</A>
            <p class="hint">{ct(CampaignText::PublishedBy)} ": " {created}</p>
        </div>
        {editable.then(|| view! {
            <ImagePanel id=id.clone() has_image on_saved/>
            <EditPanel id=id.clone() input on_saved/>
            <WithdrawButton id on_saved/>
        })}
    }
}

#[component]
fn ImagePanel(
    id: String,
    has_image: bool,
    on_saved: Callback<(CampaignItemDetail, CampaignText)>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let form = FormState::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    // A new item opens here: its image comes next.
    let open = !has_image && use_query_map().with_untracked(|q| q.get("new").is_some());
    let upload = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        let Some(file) = file_input
            .get()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            form.refuse(Text::SelectImageFirst);
            return;
        };
        form.send(api::put_item_image(id.get_value(), file.into()), move |d| {
            // The page may have closed while the request ran.
            on_saved.try_run((d, CampaignText::ItemSaved));
        });
    };
    let remove = move |_| {
        if form.is_busy() {
            return;
        }
        form.send(api::delete_item_image(id.get_value()), move |d| {
            // The page may have closed while the request ran.
            on_saved.try_run((d, CampaignText::ItemSaved));
        });
    };
    view! {
        <details class="panel image-panel" open=open>
            <summary>{ct(if has_image { CampaignText::ReplaceImage } else { CampaignText::AddImage })}</summary>
            <form on:submit=upload novalidate>
                <label for="item-image">{ct(CampaignText::ItemImage)}</label>
                <input id="item-image" type="file" accept="image/png,image/jpeg,image/webp" node_ref=file_input/>
                <p class="hint">{ct(CampaignText::ItemImageHint)}</p>
                <FormAlerts state=form/>
                <button type="submit" class="primary" disabled=form.busy>{ct(CampaignText::UploadImage)}</button>
                {has_image.then(|| view! {
                    <button type="button" class="secondary" disabled=form.busy on:click=remove>{ct(CampaignText::RemoveImage)}</button>
                })}
            </form>
        </details>
    }
}

#[component]
fn EditPanel(
    id: String,
    input: CampaignItemInput,
    on_saved: Callback<(CampaignItemDetail, CampaignText)>,
) -> impl IntoView {
    let id = StoredValue::new(id);
    let form = FormState::new();
    let on_submit = Callback::new(move |input: CampaignItemInput| {
        form.send(api::update_item(id.get_value(), input), move |d| {
            // The page may have closed while the request ran.
            on_saved.try_run((d, CampaignText::ItemSaved));
        });
    });
    view! {
        <details class="panel">
            <summary>{ct(CampaignText::EditItem)}</summary>
            <CampaignForm initial=input prefix="edit" submit_label=CampaignText::SaveItem form on_submit/>
        </details>
    }
}

#[component]
fn WithdrawButton(
    id: String,
    on_saved: Callback<(CampaignItemDetail, CampaignText)>,
) -> impl IntoView {
    let lang = use_lang();
    let id = StoredValue::new(id);
    let form = FormState::new();
    let withdraw = move |_| {
        if form.is_busy() || !confirm(CampaignText::ConfirmWithdraw.get(lang.get_untracked())) {
            return;
        }
        form.send(api::withdraw_item(id.get_value()), move |d| {
            // The page may have closed while the request ran.
            on_saved.try_run((d, CampaignText::ItemWithdrawn));
        });
    };
    view! {
        <div class="card withdraw">
            <FormAlerts state=form/>
            <button type="button" class="secondary danger withdraw-item" disabled=form.busy on:click=withdraw>{ct(CampaignText::Withdraw)}</button>
        </div>
    }
}

/// `/campaigns/:id/posted`: every group (in the officer's area) whose admin marked the
/// item as posted, newest first.
#[component]
pub fn CampaignPosted() -> impl IntoView {
    view! { <Guard need=Need::Official><PostedView/></Guard> }
}

#[component]
fn PostedView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let detail = Loader::new(move || api::campaign_item(id.get()));
    let label = tr;
    view! {
        <section class="campaign-posted-page">
            {move || match detail.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(d)) => {
                    let back = format!("/campaigns/{}", d.summary.item.id);
                    let item = d.summary.item;
                    view! {
                        <p><A href=back>{ct(CampaignText::BackToItem)}</A></p>
                        <h1>{ct(CampaignText::PostedTitle)}</h1>
                        <p class="lead">{pick(item.title_hi, item.title_en)}</p>
                        <p>
                            <strong class="posted-count">{d.summary.posted_groups}</strong> " / " {d.target_groups}
                            " " {ct(CampaignText::GroupsPostedIt)} " · " {d.posted_admins} " " {ct(CampaignText::AdminsCount)}
                        </p>
                        {if d.posted.is_empty() {
                            view! { <p class="empty">{ct(CampaignText::NobodyPostedYet)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="audit-table posted-table">
                                    <thead><tr>
                                        <th scope="col">{ct(CampaignText::ColGroup)}</th>
                                        <th scope="col">{ct(CampaignText::ColAdmin)}</th>
                                        <th scope="col">{tr(Text::SubmittedAt)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {d.posted.into_iter().map(|m| view! {
                                            <tr data-group-id=m.group_id.clone()>
                                                <td data-label=ct(CampaignText::ColGroup)>
                                                    <A href=format!("/groups/{}", m.group_id)>{pick(m.group_name_hi, m.group_name_en)}</A>
                                                    <br/><span class="muted">{pick(m.parent_hi, m.parent_en)}</span>
                                                </td>
                                                <td data-label=ct(CampaignText::ColAdmin)>{m.admin_name.unwrap_or_default()}</td>
                                                <td data-label=label(Text::SubmittedAt)><time datetime=m.submitted_at.clone()>{date_time(&m.submitted_at)}</time></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    }.into_any()
                }
            }}
        </section>
    }
}
