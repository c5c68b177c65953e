use leptos::prelude::*;
use prasar_core::api::{GroupKind, Submission};

use crate::i18n::{pick, tr, Text};

/// One received submission: thumbnails of its screenshots (the stored images, scaled by
/// the browser), group, time in IST and size.
#[component]
pub fn SubmissionCard(submission: Submission) -> impl IntoView {
    let s = submission;
    // `submitted_at` is RFC 3339 in IST: characters 11..16 are HH:MM.
    let time = s.submitted_at.get(11..16).unwrap_or_default().to_owned();
    let kb = s.images.iter().map(|i| i.bytes).sum::<u64>().div_ceil(1024);
    let (name_hi, name_en) = (s.group_name_hi.clone(), s.group_name_en.clone());
    let kind = match s.group_kind {
        GroupKind::GramPanchayat => Text::GramPanchayat,
        GroupKind::Ward => Text::Ward,
    };
    let alt = pick(name_hi.clone(), name_en.clone());
    let counts = format!("{kb} KB · {}/{}", s.images.len(), s.image_count);
    let thumbs = s
        .images
        .iter()
        .map(|image| {
            let alt = alt.clone();
            view! {
                <a href=image.image_url.clone() target="_blank" rel="noopener" title=tr(Text::OpenFullSize)>
                    <img src=image.image_url.clone() alt=alt loading="lazy" width=image.width height=image.height/>
                </a>
            }
        })
        .collect_view();
    view! {
        <li class="shot" data-submission-id=s.id.clone()>
            <div class="thumbs">{thumbs}</div>
            <div class="meta">
                <strong>{pick(name_hi, name_en)}</strong>
                <span class="kind">{tr(kind)}</span>
                <span>{tr(Text::SubmittedAt)} " " <time datetime=s.submitted_at.clone()>{time}</time></span>
                <span>{tr(Text::ImageSize)} " " {counts}</span>
            </div>
        </li>
    }
}
