use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use prasar_core::api::{
    ImportAction, ImportApplied, ImportChange, ImportCounts, ImportIssue, ImportPreview, UnitKind,
    UnitRef,
};
use prasar_core::auth::Role;
use prasar_core::import::Column;

use crate::api::{self, ApiFailure};
use crate::components::confirm;
use crate::components::error_box::ErrorBox;
use crate::components::guard::Guard;
use crate::format::{kind_label, percent_of};
use crate::i18n::{pick, tr, use_lang, Lang, Text};
use crate::load::Loader;
use crate::session::{use_session, Need};

/// At most this many changes are listed; the counts cover all of them.
const SHOWN_CHANGES: usize = 200;

/// A state administrator imports into one district at a time: the districts to choose.
fn districts() -> Loader<Vec<UnitRef>> {
    Loader::new(|| async {
        let page = api::unit(None).await?;
        Ok(page
            .children
            .into_iter()
            .map(|c| c.unit)
            .filter(|u| u.kind == UnitKind::District)
            .collect())
    })
}

/// Registry import: download a template, upload the filled file, check the preview and
/// apply it (only when no row has an error).
#[component]
pub fn Import() -> impl IntoView {
    view! { <Guard need=Need::Manage><ImportView/></Guard> }
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Idle,
    Uploading(f64),
    Failed(ApiFailure),
    Preview(ImportPreview),
}

#[derive(Clone, Debug, PartialEq)]
enum Applying {
    Idle,
    Busy,
    Failed(ApiFailure),
    Done(ImportApplied),
}

#[component]
fn ImportView() -> impl IntoView {
    let lang = use_lang();
    let file_input = NodeRef::<Input>::new();
    let step = RwSignal::new(Step::Idle);
    let applying = RwSignal::new(Applying::Idle);
    let hint = RwSignal::new(None::<Text>);
    let state_admin =
        use_session().with_untracked(|s| s.me().is_some_and(|m| m.role == Some(Role::StateAdmin)));
    let district = RwSignal::new(String::new());
    let district_list = state_admin.then(districts);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(step.get_untracked(), Step::Uploading(_))
            || applying.get_untracked() == Applying::Busy
        {
            return;
        }
        let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            hint.set(Some(Text::SelectFileFirst));
            return;
        };
        let district_id = state_admin.then(|| district.get_untracked());
        if district_id.as_deref() == Some("") {
            hint.set(Some(Text::SelectDistrictFirst));
            return;
        }
        hint.set(None);
        applying.set(Applying::Idle);
        step.set(Step::Uploading(0.0));
        spawn_local(async move {
            let result =
                api::upload_import(&file, district_id, move |p| step.set(Step::Uploading(p))).await;
            step.set(match result {
                Ok(preview) => Step::Preview(preview),
                Err(f) => Step::Failed(f),
            });
        });
    };

    let apply = move |import_id: String| {
        if applying.get_untracked() == Applying::Busy
            || !confirm(Text::ConfirmApplyImport.get(lang.get_untracked()))
        {
            return;
        }
        applying.set(Applying::Busy);
        spawn_local(async move {
            applying.set(match api::apply_import(import_id).await {
                Ok(done) => Applying::Done(done),
                Err(f) => Applying::Failed(f),
            });
        });
    };

    let uploading = move || matches!(step.get(), Step::Uploading(_));
    let template = move |xlsx: bool, for_lang: Lang| {
        let label = if xlsx { "Excel (.xlsx)" } else { "CSV" };
        view! {
            <a class="button secondary" href=api::import_template_url(xlsx, for_lang) download>
                <span>{label} " · " <span lang=for_lang.code()>{Text::SwitchLanguage.get(for_lang)}</span></span>
            </a>
        }
    };

    view! {
        <section class="card import">
            <h1>{tr(Text::ImportTitle)}</h1>
            <p>{tr(Text::ImportIntro)}</p>
            <h2>{tr(Text::Templates)}</h2>
            <div class="templates">
                {template(false, Lang::Hi)}
                {template(true, Lang::Hi)}
                {template(false, Lang::En)}
                {template(true, Lang::En)}
            </div>
            <form on:submit=on_submit novalidate>
                {district_list.map(|list| view! {
                    <label for="import-district">{move || kind_label(UnitKind::District, lang.get())}</label>
                    <select id="import-district" prop:value=move || district.get() on:change=move |ev| district.set(event_target_value(&ev))>
                        <option value="">{tr(Text::ChooseDistrict)}</option>
                        {move || list.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|u| {
                            view! { <option value=u.id.clone()>{pick(u.name_hi, u.name_en)}</option> }
                        }).collect_view()}
                    </select>
                })}
                <label for="import-file">{tr(Text::ImportFile)}</label>
                <input
                    id="import-file"
                    type="file"
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    node_ref=file_input
                    on:change=move |_| {
                        step.set(Step::Idle);
                        applying.set(Applying::Idle);
                        hint.set(None);
                    }
                />
                <p class="hint">{tr(Text::ImportFileHint)}</p>
                {move || hint.get().map(|h| view! { <p class="error" role="alert">{tr(h)}</p> })}
                <button type="submit" class="primary" disabled=uploading>
                    {move || if uploading() { Text::Uploading } else { Text::UploadAndPreview }.get(lang.get())}
                </button>
            </form>
            <div class="status" aria-live="polite">
                {move || match step.get() {
                    Step::Idle => ().into_any(),
                    Step::Uploading(p) => view! {
                        <progress max="100" value=percent_of(p)></progress>
                        <span class="percent">{percent_of(p)} " %"</span>
                    }
                    .into_any(),
                    Step::Failed(failure) => view! { <ErrorBox failure/> }.into_any(),
                    Step::Preview(preview) => view! { <PreviewView preview apply applying/> }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn PreviewView(
    preview: ImportPreview,
    apply: impl Fn(String) + Copy + Send + Sync + 'static,
    applying: RwSignal<Applying>,
) -> impl IntoView {
    let ImportPreview {
        import_id,
        counts,
        changes,
        changes_total,
        errors,
        warnings,
        ..
    } = preview;
    // The server offers an id to apply only for a file without errors.
    let import_id = import_id.filter(|_| errors.is_empty() && counts.errors == 0);
    let clean = import_id.is_some();
    let shown = changes.len().min(SHOWN_CHANGES);
    let more = (changes_total as usize).max(changes.len()) - shown;
    let import_id = StoredValue::new(import_id.unwrap_or_default());

    view! {
        <div class="preview-result">
            <h2>{tr(Text::Preview)}</h2>
            <Counts counts/>
            {(!warnings.is_empty()).then(|| view! {
                <h3>{tr(Text::Warnings)}</h3>
                <ul class="warnings">{warnings.into_iter().map(|w| view! { <li><IssueText issue=w/></li> }).collect_view()}</ul>
            })}
            {(!errors.is_empty()).then(|| view! {
                <h3 class="flag">{tr(Text::RowErrors)} " (" {errors.len()} ")"</h3>
                <table class="issues">
                    <thead><tr>
                        <th scope="col">{tr(Text::Row)}</th>
                        <th scope="col">{tr(Text::Column)}</th>
                        <th scope="col">{tr(Text::Problem)}</th>
                    </tr></thead>
                    <tbody>
                        {errors.into_iter().map(|e| view! {
                            <tr>
                                <td>{e.row}</td>
                                <td>{e.column.clone().map(column_label)}</td>
                                <td><IssueText issue=e/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="error" role="alert">{tr(Text::FixErrorsFirst)}</p>
            })}
            {(!changes.is_empty()).then(|| view! {
                <h3>{tr(Text::Changes)}</h3>
                <ul class="changes">
                    {changes.into_iter().take(SHOWN_CHANGES).map(|c| view! { <ChangeRow change=c/> }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p class="hint">{tr(Text::MoreChangesNotShown)} " " {more}</p> })}
            })}
            {move || match applying.get() {
                Applying::Done(done) => view! {
                    <p class="ok" role="status">{tr(Text::ImportApplied)}</p>
                    <Counts counts=done.counts/>
                    <A href="/registry">{tr(Text::NavRegistry)}</A>
                }
                .into_any(),
                state if clean => view! {
                    {match &state { Applying::Failed(failure) => Some(view! { <ErrorBox failure=failure.clone()/> }), _ => None }}
                    <button type="button" class="primary apply" disabled={state == Applying::Busy} on:click=move |_| apply(import_id.get_value())>
                        {tr(Text::ApplyImport)}
                    </button>
                }
                .into_any(),
                _ => ().into_any(),
            }}
        </div>
    }
}

/// A column's header in the current language (the server names it by its English key).
fn column_label(key: String) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    let column = Column::ALL.into_iter().find(|c| c.header_en() == key);
    move || column.map_or_else(|| key.clone(), |c| c.header(lang.get()).to_owned())
}

#[component]
fn Counts(counts: ImportCounts) -> impl IntoView {
    view! {
        <dl class="counts">
            <div><dt>{tr(Text::CountCreated)}</dt><dd>{counts.created}</dd></div>
            <div><dt>{tr(Text::CountUpdated)}</dt><dd>{counts.updated}</dd></div>
            <div><dt>{tr(Text::CountUnchanged)}</dt><dd>{counts.unchanged}</dd></div>
            <div class:flag=counts.errors != 0><dt>{tr(Text::CountErrors)}</dt><dd>{counts.errors}</dd></div>
        </dl>
    }
}

#[component]
fn IssueText(issue: ImportIssue) -> impl IntoView {
    pick(issue.message_hi, issue.message_en)
}

#[component]
fn ChangeRow(change: ImportChange) -> impl IntoView {
    let lang = use_lang();
    let (action, class) = match change.action {
        ImportAction::Create => (Text::ActionCreate, "change create"),
        ImportAction::Update => (Text::ActionUpdate, "change update"),
        ImportAction::Unchanged => (Text::ActionUnchanged, "change unchanged"),
    };
    let kind = change.unit_kind;
    let fields = change.fields_changed.join(", ");
    view! {
        <li class=class>
            <span class="tag">{tr(action)}</span>
            " " <strong>{change.unit_name}</strong>
            <span class="muted">
                " · " {move || kind_label(kind, lang.get())}
                " · " {change.unit_code} " · " {tr(Text::Row)} " " {change.row}
            </span>
            {(!fields.is_empty()).then(|| view! { <br/> <span class="muted">{tr(Text::FieldsChanged)} ": " {fields}</span> })}
        </li>
    }
}
