use leptos::prelude::*;
use prasar_core::api::below_fill_target;

use crate::format::percent;
use crate::i18n::{tr, Text};

/// Members against the group's limit, flagged under 80 % (the directive asks for full
/// groups). A group never counted is flagged too.
#[component]
pub fn MemberFill(count: Option<u32>, limit: u32) -> impl IntoView {
    let low = below_fill_target(count, limit);
    let low_mark = limit / 5 * 4;
    let figures = match count {
        Some(n) => format!("{n} / {limit} ({} %)", percent(n, limit)),
        None => format!("— / {limit}"),
    };
    view! {
        <span class="fill" class:low=low>
            <span class="label">{tr(Text::Members)} ": "</span>
            <span class="figures">{figures}</span>
            <meter min="0" max=limit low=low_mark optimum=limit value=count.unwrap_or(0)></meter>
            {low.then(|| view! {
                <span class="tag warn">{tr(if count.is_some() { Text::BelowFillTarget } else { Text::NotCounted })}</span>
            })}
        </span>
    }
}
