//! Officers' success-story pages: the list by status, and one story with its review and
//! the one action that turns an accepted story into a campaign item.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use prasar_core::api::{
    CampaignItemInput, Story, StoryDecision, StoryReview, StoryStatus, StoryToItem,
};
use prasar_core::campaigns::{draft_item_from_story, StoryFacts};

use crate::api;
use crate::components::campaign_card::ct;
use crate::components::campaign_form::CampaignForm;
use crate::components::error_box::ErrorBox;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::components::guard::Guard;
use crate::components::story_card::{story_status_text, StoryCard};
use crate::i18n::{tr, use_lang, Text};
use crate::load::Loader;
use crate::session::{may_publish, use_session, Need};
use prasar_core::campaign_text::CampaignText;

/// `/stories?status=submitted|accepted|rejected|all` (waiting for review by default).
#[component]
pub fn Stories() -> impl IntoView {
    view! { <Guard need=Need::Official><StoryList/></Guard> }
}

#[component]
fn StoryList() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let status = Memo::new(move |_| {
        query.with(|q| match q.get("status").as_deref() {
            Some("all") => None,
            Some(s) => StoryStatus::parse(s).or(Some(StoryStatus::Submitted)),
            None => Some(StoryStatus::Submitted),
        })
    });
    let list = Loader::new(move || api::stories(status.get()));
    let filters = [
        Some(StoryStatus::Submitted),
        Some(StoryStatus::Accepted),
        Some(StoryStatus::Rejected),
        None,
    ]
    .into_iter()
    .map(|s| {
        let code = s.map_or("all", StoryStatus::as_str);
        let current = move || status.get() == s;
        let label = move || match s {
            Some(st) => story_status_text(st).get(lang.get()),
            None => CampaignText::AllStories.get(lang.get()),
        };
        view! {
            <A href=format!("/stories?status={code}")
                attr:class=move || if current() { "tab current" } else { "tab" }
                attr:aria-current=move || current().then_some("page")>
                {label}
            </A>
        }
    })
    .collect_view();
    view! {
        <section class="stories">
            <h1>{ct(CampaignText::StoriesTitle)}</h1>
            <nav class="tabs" aria-label=ct(CampaignText::StoriesTitle)>{filters}</nav>
            {move || match list.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(l)) if l.stories.is_empty() => view! { <p class="empty">{ct(CampaignText::NoStories)}</p> }.into_any(),
                Some(Ok(l)) => view! {
                    <div class="story-list">
                        {l.stories.into_iter().map(|story| view! { <StoryCard story link=true/> }).collect_view()}
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// `/stories/:id`.
#[component]
pub fn StoryPage() -> impl IntoView {
    view! { <Guard need=Need::Official><StoryView/></Guard> }
}

#[component]
fn StoryView() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reviewer = Memo::new(move |_| session.with(|s| s.me().is_some_and(may_publish)));
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let story = Loader::new(move || api::story(id.get()));
    let notice = RwSignal::new(None::<Text>);
    let on_reviewed = Callback::new(move |s: Story| {
        notice.set(Some(match s.status {
            StoryStatus::Rejected => Text::StoryRejected,
            _ => Text::StoryAccepted,
        }));
        story.set(s);
    });
    view! {
        <section class="story-page">
            <p><A href="/stories">{ct(CampaignText::StoriesTitle)}</A></p>
            {move || match story.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(s)) => {
                    let decide = reviewer.get() && s.status == StoryStatus::Submitted;
                    let promote = reviewer.get() && s.status == StoryStatus::Accepted && s.campaign_item_id.is_none();
                    view! {
                        <StoryCard story=s.clone() link=false/>
                        {decide.then(|| view! { <ReviewForm id=s.id.clone() on_reviewed/> })}
                        {promote.then(|| view! { <PromoteForm story=s.clone()/> })}
                    }.into_any()
                }
            }}
            <p class="notice ok" role="status">{move || notice.get().map(|t| t.get(lang.get()))}</p>
        </section>
    }
}

#[component]
fn ReviewForm(id: String, on_reviewed: Callback<Story>) -> impl IntoView {
    let id = StoredValue::new(id);
    let remark = RwSignal::new(String::new());
    let form = FormState::new();
    let decide = move |decision: StoryDecision| {
        if form.is_busy() {
            return;
        }
        let remark = remark.get_untracked().trim().to_owned();
        if decision == StoryDecision::Reject && remark.is_empty() {
            form.refuse(Text::RemarkForRejection);
            return;
        }
        let review = StoryReview { decision, remark };
        form.send(api::review_story(id.get_value(), review), move |s| {
            on_reviewed.try_run(s);
        });
    };
    view! {
        <div class="card review-form">
            <h2>{ct(CampaignText::ReviewStory)}</h2>
            <label for="review-remark">{ct(CampaignText::ReviewRemark)}</label>
            <textarea id="review-remark" rows="2" maxlength="1000" bind:value=remark></textarea>
            <FormAlerts state=form/>
            <div class="buttons">
                <button type="button" class="primary accept" disabled=form.busy on:click=move |_| decide(StoryDecision::Accept)>{ct(CampaignText::Accept)}</button>
                <button type="button" class="danger reject" disabled=form.busy on:click=move |_| decide(StoryDecision::Reject)>{ct(CampaignText::Reject)}</button>
            </div>
        </div>
    }
}

/// The campaign item the story becomes, prefilled from it (the same draft the worker
/// makes); one press publishes it with the story's first photo as its image.
#[component]
fn PromoteForm(story: Story) -> impl IntoView {
    let navigate = use_navigate();
    let form = FormState::new();
    let today = prasar_core::time::ist_day(js_sys::Date::now() as i64);
    let draft = draft_item_from_story(
        &StoryFacts {
            district_id: &story.district_id,
            unit_name_hi: &story.unit.name_hi,
            unit_name_en: &story.unit.name_en,
            scheme: &story.scheme,
            text_hi: &story.text_hi,
        },
        today,
    );
    let id = StoredValue::new(story.id);
    let on_submit = Callback::new(move |i: CampaignItemInput| {
        let navigate = navigate.clone();
        let changes = StoryToItem {
            area_id: Some(i.area_id),
            title_hi: Some(i.title_hi),
            title_en: Some(i.title_en),
            description_hi: Some(i.description_hi),
            description_en: Some(i.description_en),
            scheme: Some(i.scheme),
            link_url: Some(i.link_url.unwrap_or_default()),
            starts_on: Some(i.starts_on),
            ends_on: Some(i.ends_on),
        };
        form.send(api::promote_story(id.get_value(), changes), move |d| {
            navigate(
                &format!("/campaigns/{}", d.summary.item.id),
                Default::default(),
            );
        });
    });
    view! {
        <div class="card promote-form">
            <h2>{ct(CampaignText::MakeCampaignItem)}</h2>
            <p class="hint">{ct(CampaignText::MakeItemHint)}</p>
            <CampaignForm initial=draft prefix="promote" submit_label=CampaignText::MakeCampaignItem form on_submit/>
        </div>
    }
}
