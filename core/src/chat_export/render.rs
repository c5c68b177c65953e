//! The preview as HTML, made inside the chat reader so that the admins' first-load bundle
//! carries no code for it (Leptos views cost far more bytes than these strings). Every
//! piece of the file that reaches the HTML (the senders' names) is escaped; the rest is
//! numbers, dates and the interface texts the page passes in its current language.

use std::fmt::Write;

use super::{ChatPreview, ChatSummary};
use crate::api::ExportPlatform;
use crate::html::escape;
use crate::i18n::Text;

/// Every interface text the chat page shows, in this order: the admin bundle passes
/// them in the current language joined by [`TEXT_SEPARATOR`], so the strings stay in
/// `i18n.rs` (translated and tested with the rest) while the reader renders.
pub const PAGE_TEXTS: [Text; 44] = [
    Text::ChatTitle,
    Text::ChatIntro,
    Text::ChooseGroup,
    Text::ChooseGroupPlaceholder,
    Text::ChatChooseFile,
    Text::ChatReading,
    Text::SelectGroupFirst,
    Text::ChatSend,
    Text::Sending,
    Text::ChatAnother,
    Text::ChatSentTitle,
    Text::ChatDaysNew,
    Text::ChatDaysUpdated,
    Text::ChatDaysUnchanged,
    Text::ChatNothingToSend,
    Text::NetworkError,
    Text::ChatFromAndroid,
    Text::ChatFromIphone,
    Text::ChatMessagesWord,
    Text::ChatWhoAreYou,
    Text::ChatNotInList,
    Text::ChatWillSend,
    Text::ChatColDay,
    Text::ChatColYours,
    Text::ChatColOthers,
    Text::ChatColMedia,
    Text::ChatColJoined,
    Text::ChatColLeft,
    Text::ChatColCampaign,
    Text::Total,
    Text::ChatQuietDays,
    Text::ChatOlderLeftOut,
    Text::ChatExactData,
    Text::ChatErrEmpty,
    Text::ChatErrTooLarge,
    Text::ChatErrEncoding,
    Text::ChatErrNotExport,
    Text::ChatErrMixed,
    Text::ChatErrZipUnreadable,
    Text::ChatErrZipOther,
    Text::ChatErrZipBomb,
    Text::ChatErrUnreadable,
    Text::ChatEngineFailed,
    Text::SignIn,
];

/// Separates the texts when the page passes them.
pub const TEXT_SEPARATOR: char = '\u{1F}';

/// Interface texts by key, from the joined list the page passes.
pub struct Texts<'a> {
    keys: &'a [Text],
    values: Vec<&'a str>,
}

impl<'a> Texts<'a> {
    pub fn new(keys: &'a [Text], joined: &'a str) -> Texts<'a> {
        Texts {
            keys,
            values: joined.split(TEXT_SEPARATOR).collect(),
        }
    }

    /// The text as given (for `textContent`); empty when missing.
    pub fn raw(&self, key: Text) -> &'a str {
        self.keys
            .iter()
            .position(|k| *k == key)
            .and_then(|i| self.values.get(i))
            .copied()
            .unwrap_or("")
    }

    /// The text escaped for HTML.
    pub fn get(&self, key: Text) -> String {
        escape(self.raw(key))
    }
}

/// The page's fixed parts. Elements with `data-t` show the text at that index of
/// [`PAGE_TEXTS`] (re-set on a language switch without touching the rest).
pub fn skeleton_html(texts: &Texts) -> String {
    let t = |key: Text| {
        let i = PAGE_TEXTS.iter().position(|k| *k == key).unwrap_or(0);
        format!("data-t=\"{i}\">{}", texts.get(key))
    };
    format!(
        "<h1 {}</h1><p {}</p>\
         <label for=\"chat-group\" class=\"chat-group\" hidden {}</label>\
         <select id=\"chat-group\" class=\"chat-group\" hidden></select>\
         <label for=\"chat-file\" {}</label>\
         <input id=\"chat-file\" type=\"file\" accept=\".txt,.zip,text/plain,application/zip\">\
         <p class=\"status\" role=\"status\" aria-live=\"polite\"></p>\
         <div class=\"chat-preview\"></div><div class=\"chat-summary\"></div>\
         <button type=\"button\" class=\"primary send-counts\" hidden {}</button>\
         <button type=\"button\" class=\"secondary another\" hidden {}</button>",
        t(Text::ChatTitle),
        t(Text::ChatIntro),
        t(Text::ChooseGroup),
        t(Text::ChatChooseFile),
        t(Text::ChatSend),
        t(Text::ChatAnother),
    )
}

/// `2026-11-27` → `27/11/2026`.
fn day(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => escape(iso),
    }
}

/// What the file is, and the senders to pick from (radio buttons `chat-admin`, value the
/// sender's index or `none`; `chosen` is checked: a sender, or `Some(None)` for "not in
/// this list").
pub fn preview_html(preview: &ChatPreview, texts: &Texts, chosen: Option<Option<u32>>) -> String {
    let checked = |this: Option<u32>| {
        if chosen == Some(this) {
            " checked"
        } else {
            ""
        }
    };
    let platform = match preview.platform {
        ExportPlatform::Android => Text::ChatFromAndroid,
        ExportPlatform::Iphone => Text::ChatFromIphone,
    };
    let messages = texts.get(Text::ChatMessagesWord);
    let mut html = format!(
        "<p class=\"chat-file-facts\"><strong>{}</strong> · {} – {} · {} {messages}</p>\
         <fieldset class=\"senders\"><legend>{}</legend><ul>",
        texts.get(platform),
        day(&preview.first_day),
        day(&preview.last_day),
        preview.messages,
        texts.get(Text::ChatWhoAreYou),
    );
    for s in &preview.senders {
        let _ = write!(
            html,
            "<li><label><input type=\"radio\" name=\"chat-admin\" value=\"{}\"{}>\
             <span class=\"name\">{}</span><span class=\"muted\"> · {} {messages}</span></label></li>",
            s.index,
            checked(Some(s.index)),
            escape(&s.name),
            s.messages
        );
    }
    let _ = write!(
        html,
        "<li><label><input type=\"radio\" name=\"chat-admin\" value=\"none\"{}>\
         <span class=\"name\">{}</span></label></li></ul></fieldset>",
        checked(None),
        texts.get(Text::ChatNotInList)
    );
    html
}

/// Exactly what will be sent: the days with any activity as table rows, the quiet days
/// as a count, and `body`, the JSON that will be sent, verbatim.
pub fn summary_html(summary: &ChatSummary, body: &str, texts: &Texts) -> String {
    let mut html = format!(
        "<div class=\"will-send\"><h2>{}</h2><div class=\"table-scroll\"><table class=\"chat-days\">\
         <thead><tr>",
        texts.get(Text::ChatWillSend)
    );
    for key in [
        Text::ChatColDay,
        Text::ChatColYours,
        Text::ChatColOthers,
        Text::ChatColMedia,
        Text::ChatColJoined,
        Text::ChatColLeft,
        Text::ChatColCampaign,
    ] {
        let _ = write!(html, "<th scope=\"col\">{}</th>", texts.get(key));
    }
    html.push_str("</tr></thead><tbody>");
    let mut quiet = 0;
    for d in &summary.upload.days {
        if d.admin_messages + d.other_messages + d.joins + d.leaves == 0 {
            quiet += 1;
            continue;
        }
        let _ = write!(
            html,
            "<tr data-day=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{} / {}</td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.day),
            day(&d.day),
            d.admin_messages,
            d.other_messages,
            d.admin_media,
            d.other_media,
            d.joins,
            d.leaves,
            d.campaign_item_ids.len()
        );
    }
    let t = &summary.totals;
    let _ = write!(
        html,
        "</tbody><tfoot><tr class=\"totals\"><th scope=\"row\">{} ({})</th><td>{}</td><td>{}</td>\
         <td>{} / {}</td><td>{}</td><td>{}</td><td>{}</td></tr></tfoot></table></div>\
         <p class=\"muted\">{} <span class=\"quiet-days\">{quiet}</span></p>",
        texts.get(Text::Total),
        t.days,
        t.admin_messages,
        t.other_messages,
        t.admin_media,
        t.other_media,
        t.joins,
        t.leaves,
        t.campaign_days,
        texts.get(Text::ChatQuietDays),
    );
    if summary.days_left_out > 0 {
        let _ = write!(
            html,
            "<p class=\"muted\">{} {}</p>",
            texts.get(Text::ChatOlderLeftOut),
            summary.days_left_out
        );
    }
    let _ = write!(
        html,
        "<details class=\"exact\"><summary>{}</summary><pre class=\"exact-json\">{}</pre></details></div>",
        texts.get(Text::ChatExactData),
        escape(body)
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn joined(keys: &[Text], lang: Lang) -> String {
        keys.iter()
            .map(|k| k.get(lang))
            .collect::<Vec<_>>()
            .join(&TEXT_SEPARATOR.to_string())
    }

    #[test]
    fn hostile_names_are_escaped_and_texts_follow_the_language() {
        let chat = "12/11/26, 9:00 am - <img src=x onerror=alert(1)>: hi\n\
                    12/11/26, 9:01 am - \"Ram\" & Co: <b>hello</b>\n";
        let parsed = super::super::parse(chat.as_bytes().to_vec()).unwrap();
        let hi = joined(&PAGE_TEXTS, Lang::Hi);
        let html = preview_html(&parsed.preview(), &Texts::new(&PAGE_TEXTS, &hi), Some(None));
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("एंड्रॉइड एक्सपोर्ट"));
        assert!(html.contains("12/11/2026 – 12/11/2026"));
        assert!(html.contains("value=\"none\" checked>"));
        assert!(!html.contains("value=\"0\" checked"));

        let summary = parsed.summarise(Some(0), &[], crate::time::parse_day("2026-11-27").unwrap());
        let body = serde_json::to_string(&summary.upload).unwrap();
        let en = joined(&PAGE_TEXTS, Lang::En);
        let html = summary_html(&summary, &body, &Texts::new(&PAGE_TEXTS, &en));
        assert!(html.contains("<th scope=\"col\">Your messages</th>"));
        assert!(html.contains("<tr data-day=\"2026-11-12\">"));
        assert!(html.contains(&escape(&body)));
        // Message texts never reach the HTML; neither do names in the summary.
        assert!(!html.contains("hello") && !html.contains("Ram"));
    }

    #[test]
    fn missing_texts_are_empty_not_a_panic() {
        let texts = Texts::new(&PAGE_TEXTS, "only one");
        assert_eq!(texts.get(Text::ChatTitle), "only one");
        assert_eq!(texts.get(Text::ChatExactData), "");
        assert_eq!(texts.get(Text::AppName), "");
    }

    #[test]
    fn page_texts_are_distinct_and_cover_every_error() {
        for (i, a) in PAGE_TEXTS.iter().enumerate() {
            assert!(!PAGE_TEXTS[i + 1..].contains(a), "{a:?} twice");
        }
        for e in super::super::ChatExportError::ALL {
            assert!(PAGE_TEXTS.contains(&e.text()), "{e:?}");
        }
    }

    #[test]
    fn skeleton_marks_every_text_with_its_index() {
        let en = joined(&PAGE_TEXTS, Lang::En);
        let html = skeleton_html(&Texts::new(&PAGE_TEXTS, &en));
        assert!(html.contains("<h1 data-t=\"0\">Your group&#39;s chat activity</h1>"));
        assert!(html.contains("id=\"chat-file\""));
        assert!(html.contains(
            "class=\"primary send-counts\" hidden data-t=\"7\">Send the counts</button>"
        ));
    }
}
