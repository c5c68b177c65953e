use leptos::prelude::*;
use leptos::task::spawn_local;
use prasar_core::api::CampaignItem;

use crate::api;
use crate::format::safe_https;
use crate::i18n::{tr, use_lang, Text};
use crate::outbox;

/// Today's campaign items: a box to tick for each one the admin posted, and a one-tap
/// forward to WhatsApp. Nothing shows where the server has no items (or no list yet),
/// or while offline without a list remembered from earlier today.
#[component]
pub fn CampaignChecklist(checked: RwSignal<Vec<String>>) -> impl IntoView {
    let lang = use_lang();
    let items = RwSignal::new(Vec::<CampaignItem>::new());
    spawn_local(async move {
        if let Ok(Some(list)) = api::campaign_items_today().await {
            items.set(list.items.into_iter().filter(|i| !i.withdrawn).collect());
        }
    });
    // Rebuilt whole on a language change: plain text rows are lighter than reactive ones.
    move || {
        let lang = lang.get();
        let list = items.get();
        (!list.is_empty()).then(|| {
            let rows = list
                .into_iter()
                .map(|item| {
                    let id = item.id.clone();
                    let on = {
                        let id = id.clone();
                        move || checked.with(|c| c.contains(&id))
                    };
                    let toggle = move |ev| {
                        let tick = event_target_checked(&ev);
                        checked.update(|c| {
                            c.retain(|x| *x != id);
                            if tick {
                                c.push(id.clone());
                            }
                        });
                    };
                    let forward = {
                        let text = share_text(&item);
                        let image = item.image_url.clone();
                        move |_| {
                            let (text, image) = (text.clone(), image.clone());
                            spawn_local(async move { outbox::share(&text, image).await });
                        }
                    };
                    view! {
                        <div class="campaign-item" data-item-id=item.id>
                            <label class="check">
                                <input type="checkbox" prop:checked=on on:change=toggle/>
                                <span>{lang.pick(&item.title_hi, &item.title_en).to_owned()}</span>
                            </label>
                            {item.image_url.map(|src| view! { <img class="campaign-image" src=src alt="" loading="lazy"/> })}
                            <p class="hint">{lang.pick(&item.description_hi, &item.description_en).to_owned()}</p>
                            <button type="button" class="button whatsapp forward" on:click=forward>
                                {Text::PwaForward.get(lang)}
                            </button>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="campaign">
                    <legend>{tr(Text::PwaCampaignTitle)}</legend>
                    {rows}
                </fieldset>
            }
        })
    }
}

/// What is forwarded: the item in Hindi (what the group reads), with its link.
fn share_text(item: &CampaignItem) -> String {
    let description = if item.description_hi.trim().is_empty() {
        &item.description_en
    } else {
        &item.description_hi
    };
    let mut text = item.title_hi.clone();
    for part in [
        Some(description.clone()),
        item.link_url.as_deref().and_then(safe_https),
    ]
    .into_iter()
    .flatten()
    {
        if !part.trim().is_empty() {
            text.push_str("\n\n");
            text.push_str(&part);
        }
    }
    text
}
