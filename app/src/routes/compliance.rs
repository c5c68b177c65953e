use leptos::prelude::*;
use leptos_router::components::A;
use prasar_core::api::ComplianceRow;
use prasar_core::compliance::RowLevel;

use crate::api;
use crate::components::checks_nav::{rate, today, ChecksNav, DayPicker};
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::i18n::{pick, tr, Text};
use crate::load::Loader;
use crate::routes::map::mt;
use crate::session::Need;
use prasar_core::map::text::MapText;

/// `/monitoring/compliance`: reporting and on-time rates (DHIS2's meaning) for the
/// district, its blocks and ULBs, and on demand every GP and ward, over a day, week or
/// month.
#[component]
pub fn Compliance() -> impl IntoView {
    view! { <Guard need=Need::Official><ComplianceView/></Guard> }
}

#[component]
fn ComplianceView() -> impl IntoView {
    let day = RwSignal::new(today());
    let period = RwSignal::new("week".to_owned());
    let show_units = RwSignal::new(false);
    let report = Loader::new(move || api::compliance(period.get(), day.get()));
    view! {
        <section class="monitoring compliance-page">
            <ChecksNav/>
            <h1>{tr(Text::MonComplianceTitle)}</h1>
            <div class="mon-tools">
                <DayPicker day/>
                <label>
                    <select class="period" prop:value=move || period.get() on:change=move |ev| period.set(event_target_value(&ev))>
                        <option value="day">{tr(Text::PeriodDay)}</option>
                        <option value="week">{tr(Text::PeriodWeek)}</option>
                        <option value="month">{tr(Text::PeriodMonth)}</option>
                    </select>
                </label>
                <label class="choice">
                    <input type="checkbox" class="show-units" prop:checked=move || show_units.get() on:change=move |ev| show_units.set(event_target_checked(&ev))/>
                    {tr(Text::ShowUnits)}
                </label>
            </div>
            <p class="hint">{tr(Text::ComplianceHint)}</p>
            {move || match report.get() {
                None => view! { <p class="hint">{tr(Text::Loading)}</p> }.into_any(),
                Some(Err(failure)) => view! { <ErrorBox failure/> }.into_any(),
                Some(Ok(r)) => {
                    let units = show_units.get();
                    let mut rows: Vec<ComplianceRow> = r
                        .rows
                        .into_iter()
                        .filter(|row| units || !matches!(row.level, RowLevel::GramPanchayat | RowLevel::Ward))
                        .collect();
                    // District first, then blocks and ULBs, then units (lowest rate first).
                    rows.sort_by(|a, b| {
                        let rank = |l: RowLevel| match l {
                            RowLevel::District => 0,
                            RowLevel::Block | RowLevel::Ulb => 1,
                            _ => 2,
                        };
                        rank(a.level).cmp(&rank(b.level)).then(
                            a.reporting_rate.unwrap_or(101.0).total_cmp(&b.reporting_rate.unwrap_or(101.0)),
                        )
                    });
                    view! {
                        <p class="summary">{r.start.clone()} " – " {r.end.clone()} " · " {tr(Text::MonDeadline)} " " {r.deadline.clone()}</p>
                        <table class="compliance">
                            <thead><tr>
                                <th scope="col">{tr(Text::ColUnit)}</th>
                                <th scope="col">{tr(Text::ColExpected)}</th>
                                <th scope="col">{tr(Text::ColReceived)}</th>
                                <th scope="col">{mt(MapText::ColSelfReported)}</th>
                                <th scope="col">{tr(Text::ColReportingRate)}</th>
                                <th scope="col">{tr(Text::ColOnTimeRate)}</th>
                                {units.then(|| view! { <th scope="col">{tr(Text::ColStreak)}</th> })}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|row| {
                                    let is_unit = matches!(row.level, RowLevel::GramPanchayat | RowLevel::Ward);
                                    let name = pick(row.name_hi.clone(), row.name_en.clone());
                                    let class = match row.level {
                                        RowLevel::District => "level-district",
                                        RowLevel::Block | RowLevel::Ulb => "level-area",
                                        _ => "level-unit",
                                    };
                                    view! {
                                        <tr class=class data-id=row.id.clone()>
                                            <th scope="row">{if is_unit {
                                                view! { <A href=format!("/groups/{}", row.id)>{name}</A> }.into_any()
                                            } else {
                                                view! { <span>{name}</span> }.into_any()
                                            }}</th>
                                            <td>{row.counts.expected}</td>
                                            <td>{row.counts.actual}</td>
                                            <td class="self-reported">{row.counts.self_reported}</td>
                                            <td class="rate">{rate(row.reporting_rate)}</td>
                                            <td class="rate">{rate(row.on_time_rate)}</td>
                                            {units.then(|| view! {
                                                <td>{row.streak.map(|s| format!("{} / {}", s.current, s.longest)).unwrap_or_default()}</td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}
