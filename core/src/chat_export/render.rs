//! The chat page as HTML, made inside the chat reader so that the admins' first-load
//! bundle carries no code or text for it (Leptos views cost far more bytes than these
//! strings). Every piece of the file that reaches the HTML (the senders' names) is
//! escaped; the rest is numbers, dates and [`ChatText`].

use std::fmt::Write;

use super::texts::ChatText;
use super::{ChatPreview, ChatSummary};
use crate::api::ExportPlatform;
use crate::html::escape;
use crate::i18n::Lang;

fn t(key: ChatText, lang: Lang) -> String {
    escape(key.get(lang))
}

/// `2026-11-27` → `27/11/2026`.
fn day(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => escape(iso),
    }
}

/// The texts of the page's fixed parts, in order of their `data-t` index.
pub const SKELETON_TEXTS: [ChatText; 6] = [
    ChatText::Title,
    ChatText::Intro,
    ChatText::ChooseGroup,
    ChatText::ChooseFile,
    ChatText::Send,
    ChatText::Another,
];

/// The page's fixed parts. Elements with `data-t` show the text at that index of
/// [`SKELETON_TEXTS`] (re-set on a language switch without touching the rest).
pub fn skeleton_html(lang: Lang) -> String {
    let a = |i: usize| format!("data-t=\"{i}\">{}", t(SKELETON_TEXTS[i], lang));
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
        a(0),
        a(1),
        a(2),
        a(3),
        a(4),
        a(5),
    )
}

/// What the file is, and the senders to pick from (radio buttons `chat-admin`, value the
/// sender's index or `none`; `chosen` is checked: a sender, or `Some(None)` for "not in
/// this list").
pub fn preview_html(preview: &ChatPreview, lang: Lang, chosen: Option<Option<u32>>) -> String {
    let checked = |this: Option<u32>| {
        if chosen == Some(this) {
            " checked"
        } else {
            ""
        }
    };
    let platform = match preview.platform {
        ExportPlatform::Android => ChatText::FromAndroid,
        ExportPlatform::Iphone => ChatText::FromIphone,
    };
    let messages = t(ChatText::MessagesWord, lang);
    let mut html = format!(
        "<p class=\"chat-file-facts\"><strong>{}</strong> · {} – {} · {} {messages}</p>\
         <fieldset class=\"senders\"><legend>{}</legend><ul>",
        t(platform, lang),
        day(&preview.first_day),
        day(&preview.last_day),
        preview.messages,
        t(ChatText::WhoAreYou, lang),
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
        t(ChatText::NotInList, lang)
    );
    html
}

/// Exactly what will be sent: the days with any activity as table rows, the quiet days
/// as a count, and `body`, the JSON that will be sent, verbatim.
pub fn summary_html(summary: &ChatSummary, body: &str, lang: Lang) -> String {
    let mut html = format!(
        "<div class=\"will-send\"><h2>{}</h2><div class=\"table-scroll\"><table class=\"chat-days\">\
         <thead><tr>",
        t(ChatText::WillSend, lang)
    );
    for key in [
        ChatText::ColDay,
        ChatText::ColYours,
        ChatText::ColOthers,
        ChatText::ColMedia,
        ChatText::ColJoined,
        ChatText::ColLeft,
        ChatText::ColCampaign,
    ] {
        let _ = write!(html, "<th scope=\"col\">{}</th>", t(key, lang));
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
    let s = &summary.totals;
    let _ = write!(
        html,
        "</tbody><tfoot><tr class=\"totals\"><th scope=\"row\">{} ({})</th><td>{}</td><td>{}</td>\
         <td>{} / {}</td><td>{}</td><td>{}</td><td>{}</td></tr></tfoot></table></div>\
         <p class=\"muted\">{} <span class=\"quiet-days\">{quiet}</span></p>",
        t(ChatText::Total, lang),
        s.days,
        s.admin_messages,
        s.other_messages,
        s.admin_media,
        s.other_media,
        s.joins,
        s.leaves,
        s.campaign_days,
        t(ChatText::QuietDays, lang),
    );
    if summary.days_left_out > 0 {
        let _ = write!(
            html,
            "<p class=\"muted\">{} {}</p>",
            t(ChatText::OlderLeftOut, lang),
            summary.days_left_out
        );
    }
    let _ = write!(
        html,
        "<details class=\"exact\"><summary>{}</summary><pre class=\"exact-json\">{}</pre></details></div>",
        t(ChatText::ExactData, lang),
        escape(body)
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_escaped_and_texts_follow_the_language() {
        let chat = "12/11/26, 9:00 am - <img src=x onerror=alert(1)>: hi\n\
                    12/11/26, 9:01 am - \"Ram\" & Co: <b>hello</b>\n";
        let parsed = super::super::parse(chat.as_bytes().to_vec()).unwrap();
        let html = preview_html(&parsed.preview(), Lang::Hi, Some(None));
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("एंड्रॉइड एक्सपोर्ट"));
        assert!(html.contains("12/11/2026 – 12/11/2026"));
        assert!(html.contains("value=\"none\" checked>"));
        assert!(!html.contains("value=\"0\" checked"));

        let summary = parsed.summarise(Some(0), &[], crate::time::parse_day("2026-11-27").unwrap());
        let body = serde_json::to_string(&summary.upload).unwrap();
        let html = summary_html(&summary, &body, Lang::En);
        assert!(html.contains("<th scope=\"col\">Your messages</th>"));
        assert!(html.contains("<tr data-day=\"2026-11-12\">"));
        assert!(html.contains(&escape(&body)));
        // Message texts never reach the HTML; neither do names in the summary.
        assert!(!html.contains("hello") && !html.contains("Ram"));
    }

    #[test]
    fn skeleton_marks_every_text_with_its_index() {
        let html = skeleton_html(Lang::En);
        assert!(html.contains("<h1 data-t=\"0\">Your group&#39;s chat activity</h1>"));
        assert!(html.contains("id=\"chat-file\""));
        assert!(html.contains(
            "class=\"primary send-counts\" hidden data-t=\"4\">Send the counts</button>"
        ));
    }
}
