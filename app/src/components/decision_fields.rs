//! The fields every official's decision form shares (a check's call, a submission's
//! review): a required choice with no option pre-selected — the decision is the
//! official's own — and a short remark.

use leptos::prelude::*;

use crate::i18n::{tr, Text};

/// One of `options` as radio buttons named `name`, held in `chosen`.
#[component]
pub fn Choices<T>(
    legend: Text,
    name: String,
    options: &'static [T],
    value: fn(T) -> &'static str,
    label: fn(T) -> Text,
    chosen: RwSignal<Option<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset>
            <legend>{tr(legend)}</legend>
            {options.iter().copied().map(|o| {
                let name = name.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name=name value=value(o)
                            prop:checked=move || chosen.get() == Some(o)
                            on:change=move |_| chosen.set(Some(o))/>
                        {tr(label(o))}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The remark that goes with a decision (at most 500 characters).
#[component]
pub fn RemarkField(remark: RwSignal<String>) -> impl IntoView {
    view! {
        <label>
            {tr(Text::MonRemark)}
            <textarea class="remark" rows="2" maxlength="500" bind:value=remark></textarea>
        </label>
    }
}
