use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use prasar_core::api::{UnitNode, UnitPage};

use crate::api;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::components::member_fill::MemberFill;
use crate::components::search_box::SearchBox;
use crate::components::unit_row::UnitRow;
use crate::format::{coordinates, date, kind_label, map_href};
use crate::i18n::{pick, tr, use_lang, Text};
use crate::load::Loader;
use crate::session::Need;

/// `/registry` (the caller's own area) and `/registry/:unit_id`: one level of the
/// hierarchy, with search across the whole area.
#[component]
pub fn Registry() -> impl IntoView {
    view! { <Guard need=Need::Official><RegistryView/></Guard> }
}

#[component]
fn RegistryView() -> impl IntoView {
    let params = use_params_map();
    let page = Loader::new(move || api::unit(params.with(|p| p.get("unit_id"))));
    view! {
        <section class="registry">
            <SearchBox/>
            {move || match page.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(page)) => view! { <UnitLevel page/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn UnitLevel(page: UnitPage) -> impl IntoView {
    let lang = use_lang();
    let UnitPage {
        unit: node,
        breadcrumbs,
        children,
    } = page;
    let UnitNode {
        unit,
        location,
        group,
        valid_from,
        valid_to,
        ..
    } = node;
    let (name_hi, name_en) = (unit.name_hi.clone(), unit.name_en.clone());
    let name = Signal::derive(pick(name_hi, name_en));
    let kind = unit.kind;

    let groups: Vec<_> = children.iter().filter_map(|c| c.group.as_ref()).collect();
    let total = groups.len();
    let no_admin = groups.iter().filter(|g| g.admin_name.is_none()).count();
    let low = groups.iter().filter(|g| g.below_fill_target()).count();

    let location = match location {
        Some(l) => view! {
            <a href=map_href(l.lat, l.lon) target="_blank" rel="noopener noreferrer">{coordinates(l.lat, l.lon)}</a>
            " " <span class="tag" class:warn=!l.exact>{tr(if l.exact { Text::LocationExact } else { Text::LocationApproximate })}</span>
        }
        .into_any(),
        None => view! { <span class="muted">{tr(Text::NotRecorded)}</span> }.into_any(),
    };
    let validity = format!(
        "{}{}",
        date(&valid_from),
        valid_to
            .as_deref()
            .map(|to| format!(" – {}", date(to)))
            .unwrap_or_default()
    );
    let own_group = group.map(|g| {
        let href = format!("/groups/{}", g.id);
        view! {
            <div class="own-group">
                <A href=href>{tr(Text::OpenGroup)} ": " {g.name}</A>
                <MemberFill count=g.member_count limit=g.member_limit/>
            </div>
        }
    });

    view! {
        <Breadcrumbs crumbs=breadcrumbs current=name/>
        <div class="card unit-head">
            <p class="kind">{move || kind_label(kind, lang.get())}</p>
            <h1>{name}</h1>
            <dl class="facts">
                <dt>{tr(Text::LgdCode)}</dt>
                <dd>{unit.code}</dd>
                <dt>{tr(Text::Location)}</dt>
                <dd>{location}</dd>
                <dt>{tr(Text::Validity)}</dt>
                <dd>{validity} {valid_to.is_some().then(|| view! { " " <span class="tag">{tr(Text::NoLongerValid)}</span> })}</dd>
            </dl>
            {own_group}
        </div>
        {(!children.is_empty()).then(|| view! {
            <h2>{tr(Text::UnitsBelow)} " (" {children.len()} ")"</h2>
            {(total > 0).then(|| view! {
                <p class="summary">
                    {tr(Text::Groups)} ": " <strong>{total}</strong>
                    " · " <span class:flag={no_admin > 0}>{tr(Text::NoAdmin)} ": " <strong>{no_admin}</strong></span>
                    " · " <span class:flag={low > 0}>{tr(Text::BelowFillTarget)} ": " <strong>{low}</strong></span>
                </p>
            })}
            <ul class="units">
                {children.into_iter().map(|node| view! { <UnitRow node/> }).collect_view()}
            </ul>
        })}
    }
}
