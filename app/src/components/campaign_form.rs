use leptos::prelude::*;
use prasar_core::api::{CampaignItemInput, UnitRef};
use prasar_core::campaigns::is_campaign_area_kind;

use crate::api;
use crate::components::form_alerts::{FormAlerts, FormState};
use crate::format::kind_label;
use prasar_core::campaign_text::CampaignText;

use crate::components::campaign_card::ct;
use crate::i18n::{tr, use_lang, Text};
use crate::load::Loader;

/// The fields of a campaign item: target area (the officer's own area or a district,
/// block or urban body directly inside it), titles, description, scheme, link and IST
/// days. Submits the whole input; the server checks every rule again.
#[component]
pub fn CampaignForm(
    initial: CampaignItemInput,
    /// `id` prefix, so two forms on one page keep distinct labels.
    prefix: &'static str,
    submit_label: CampaignText,
    form: FormState,
    on_submit: Callback<CampaignItemInput>,
) -> impl IntoView {
    let lang = use_lang();
    let area = RwSignal::new(initial.area_id.clone());
    let title_hi = RwSignal::new(initial.title_hi);
    let title_en = RwSignal::new(initial.title_en);
    let description_hi = RwSignal::new(initial.description_hi);
    let description_en = RwSignal::new(initial.description_en);
    let scheme = RwSignal::new(initial.scheme);
    let link = RwSignal::new(initial.link_url.unwrap_or_default());
    let starts_on = RwSignal::new(initial.starts_on);
    let ends_on = RwSignal::new(initial.ends_on);
    let areas = Loader::new(|| api::unit(None));
    let current_area = initial.area_id;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.is_busy() {
            return;
        }
        if title_hi.get_untracked().trim().is_empty() {
            form.refuse(Text::EnterTitleHi);
            return;
        }
        if starts_on.get_untracked().is_empty() || ends_on.get_untracked().is_empty() {
            form.refuse(Text::ChooseDatesFirst);
            return;
        }
        let link = link.get_untracked().trim().to_owned();
        on_submit.run(CampaignItemInput {
            area_id: area.get_untracked(),
            title_hi: title_hi.get_untracked(),
            title_en: title_en.get_untracked(),
            description_hi: description_hi.get_untracked(),
            description_en: description_en.get_untracked(),
            scheme: scheme.get_untracked(),
            link_url: (!link.is_empty()).then_some(link),
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
        });
    };

    let option = move |u: UnitRef| {
        let id = u.id.clone();
        let label = move || {
            let l = lang.get();
            format!(
                "{} — {}",
                kind_label(u.kind, l),
                l.pick(&u.name_hi, &u.name_en)
            )
        };
        view! { <option value=id.clone() prop:selected=move || area.with(|a| *a == id)>{label}</option> }
    };
    let area_options = move || {
        let current = current_area.clone();
        areas.get().map(|answer| match answer {
            Ok(page) => {
                let mut units = vec![page.unit.unit];
                units.extend(
                    page.children
                        .into_iter()
                        .map(|c| c.unit)
                        .filter(|u| is_campaign_area_kind(u.kind)),
                );
                // An item may already target an area the list does not show (a block
                // inside a district, seen by the state administrator).
                if !units.iter().any(|u| u.id == current) {
                    units.push(UnitRef {
                        id: current.clone(),
                        kind: prasar_core::api::UnitKind::Block,
                        code: String::new(),
                        name_en: current.clone(),
                        name_hi: String::new(),
                    });
                }
                units.into_iter().map(option).collect_view().into_any()
            }
            Err(failure) => {
                view! { <option value="">{failure.message(lang.get())}</option> }.into_any()
            }
        })
    };
    let id = move |name: &str| format!("{prefix}-{name}");

    view! {
        <form class="campaign-form" on:submit=submit novalidate>
            <label for=id("area")>{ct(CampaignText::TargetArea)}</label>
            <select id=id("area") on:change=move |ev| area.set(event_target_value(&ev))>{area_options}</select>
            <label for=id("title-hi")>{ct(CampaignText::TitleHi)}</label>
            <input id=id("title-hi") lang="hi" maxlength="200" autocomplete="off" bind:value=title_hi/>
            <label for=id("title-en")>{ct(CampaignText::TitleEn)}</label>
            <input id=id("title-en") lang="en" maxlength="200" autocomplete="off" bind:value=title_en/>
            <label for=id("description-hi")>{ct(CampaignText::DescriptionHi)}</label>
            <textarea id=id("description-hi") lang="hi" rows="4" maxlength="2000" bind:value=description_hi></textarea>
            <label for=id("description-en")>{ct(CampaignText::DescriptionEn)}</label>
            <textarea id=id("description-en") lang="en" rows="3" maxlength="2000" bind:value=description_en></textarea>
            <label for=id("scheme")>{tr(Text::Scheme)}</label>
            <input id=id("scheme") maxlength="200" autocomplete="off" bind:value=scheme/>
            <label for=id("link")>{ct(CampaignText::LinkUrl)}</label>
            <input id=id("link") type="url" inputmode="url" autocomplete="off" placeholder="https://…" bind:value=link/>
            <p class="hint">{ct(CampaignText::LinkHint)}</p>
            <div class="date-range">
                <span>
                    <label for=id("starts")>{ct(CampaignText::StartsOn)}</label>
                    <input id=id("starts") type="date" bind:value=starts_on/>
                </span>
                <span>
                    <label for=id("ends")>{ct(CampaignText::EndsOn)}</label>
                    <input id=id("ends") type="date" bind:value=ends_on/>
                </span>
            </div>
            <FormAlerts state=form/>
            <button type="submit" class="primary" disabled=form.busy>{ct(submit_label)}</button>
        </form>
    }
}
