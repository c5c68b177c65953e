//! WhatsApp's "Export chat" file, read on the admin's phone (this module is compiled into
//! the lazily loaded `prasar_chat` WASM module, see `chat/`). The export holds members'
//! names, numbers and messages; none of that leaves the phone. What does leave is
//! [`ChatSummary::upload`]: per IST day, how many messages the admin and the others
//! posted, media posts, joins and leaves, and which campaign items the admin's own
//! messages match.
//!
//! Formats: Android (`12/01/24, 9:15 pm - Name: text`) and iPhone (`[12/01/24,
//! 9:15:30 PM] Name: text`), any date order (decided from all the file's dates), 12- or
//! 24-hour clocks with English or Hindi markers, Devanagari digits, multi-line messages,
//! system lines in English and Hindi, invisible direction marks, BOM, CRLF. The phone's
//! clock time is IST for Indian phones, so a line's date is its IST day.
//!
//! Parsing never panics on any input (property tests and a fuzz target check that).

mod campaign;
mod classify;
mod decode;
mod header;
pub mod render;
mod text;
pub mod texts;
pub mod zip;

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::api::{
    ChatActivityDay, ChatActivityUpload, ChatCampaignItem, ExportPlatform, MAX_CHAT_ACTIVITY_DAYS,
};
use classify::{Body, Placeholder, SystemKind};
use header::{RawHeader, Signature};
use texts::ChatText;

/// Largest export accepted (text, or the text inside a zip). WhatsApp exports at most
/// the latest 40,000 messages without media: a few MB even in Devanagari.
pub const MAX_EXPORT_BYTES: usize = 24 * 1024 * 1024;
/// Most distinct senders listed for the admin to choose from.
pub const MAX_LISTED_SENDERS: usize = 2_000;

/// Why a file cannot be read as a chat export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatExportError {
    Empty,
    TooLarge,
    BrokenEncoding,
    NotAChatExport,
    MixedFormats,
    ZipUnreadable,
    ZipOtherContents,
    ZipBomb,
    /// The browser could not read the file (moved, or permission lost).
    Unreadable,
}

impl ChatExportError {
    pub const ALL: [ChatExportError; 9] = [
        ChatExportError::Empty,
        ChatExportError::TooLarge,
        ChatExportError::BrokenEncoding,
        ChatExportError::NotAChatExport,
        ChatExportError::MixedFormats,
        ChatExportError::ZipUnreadable,
        ChatExportError::ZipOtherContents,
        ChatExportError::ZipBomb,
        ChatExportError::Unreadable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChatExportError::Empty => "empty",
            ChatExportError::TooLarge => "too_large",
            ChatExportError::BrokenEncoding => "broken_encoding",
            ChatExportError::NotAChatExport => "not_a_chat_export",
            ChatExportError::MixedFormats => "mixed_formats",
            ChatExportError::ZipUnreadable => "zip_unreadable",
            ChatExportError::ZipOtherContents => "zip_other_contents",
            ChatExportError::ZipBomb => "zip_bomb",
            ChatExportError::Unreadable => "unreadable",
        }
    }

    pub fn from_code(code: &str) -> Option<ChatExportError> {
        ChatExportError::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The message the admin sees.
    pub fn text(self) -> ChatText {
        match self {
            ChatExportError::Empty => ChatText::ErrEmpty,
            ChatExportError::TooLarge => ChatText::ErrTooLarge,
            ChatExportError::BrokenEncoding => ChatText::ErrEncoding,
            ChatExportError::NotAChatExport => ChatText::ErrNotExport,
            ChatExportError::MixedFormats => ChatText::ErrMixed,
            ChatExportError::ZipUnreadable => ChatText::ErrZipUnreadable,
            ChatExportError::ZipOtherContents => ChatText::ErrZipOther,
            ChatExportError::ZipBomb => ChatText::ErrZipBomb,
            ChatExportError::Unreadable => ChatText::ErrUnreadable,
        }
    }
}

/// How the file writes its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Media,
    Deleted,
    Joined(u32),
    Left(u32),
    OtherSystem,
}

const NO_SENDER: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Record {
    day: NaiveDate,
    kind: Kind,
    sender: u32,
    /// The message text (all its lines) as a byte range of the decoded file.
    start: u32,
    end: u32,
    /// iPhone marks system lines (and media) with a left-to-right mark.
    marked: bool,
}

struct Sender {
    name: String,
    messages: u32,
    /// The group's own name, which iPhone exports give as the "sender" of system lines.
    pseudo: bool,
}

/// A parsed export, held on the phone while the admin looks at the preview.
pub struct ParsedChat {
    text: String,
    records: Vec<Record>,
    senders: Vec<Sender>,
    platform: ExportPlatform,
    twelve_hour: bool,
    date_order: DateOrder,
}

/// One person who wrote in the group, for the admin to pick themselves from. Shown on
/// the phone only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderChoice {
    pub index: u32,
    pub name: String,
    pub messages: u32,
}

/// What the phone shows right after reading the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatPreview {
    pub platform: ExportPlatform,
    pub twelve_hour: bool,
    pub date_order: DateOrder,
    pub first_day: String,
    pub last_day: String,
    /// Messages (text and media) by everyone.
    pub messages: u32,
    /// Most active first.
    pub senders: Vec<SenderChoice>,
    pub senders_total: u32,
}

/// Sums over the days that will be sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatTotals {
    pub days: u32,
    pub admin_messages: u32,
    pub other_messages: u32,
    pub admin_media: u32,
    pub other_media: u32,
    pub joins: u32,
    pub leaves: u32,
    /// Days on which the admin posted campaign material.
    pub campaign_days: u32,
}

/// The preview of what will be sent, and the upload itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatSummary {
    pub upload: ChatActivityUpload,
    pub totals: ChatTotals,
    /// Days of the export older than the window the server accepts, left out.
    pub days_left_out: u32,
}

/// Reads an export's bytes (the `.txt`, or the text taken out of the `.zip`).
pub fn parse(bytes: Vec<u8>) -> Result<ParsedChat, ChatExportError> {
    parse_text(decode::decode(bytes)?)
}

struct Candidate {
    line_start: usize,
    line_end: usize,
    raw: RawHeader,
}

/// Lines of the dominant format that differ from it: up to this many (and 2 %) are taken
/// as message text that happens to look like a timestamp; more mean a mixed file.
const FOREIGN_LINES_TOLERATED: usize = 2;

fn parse_text(text: String) -> Result<ParsedChat, ChatExportError> {
    if text.len() > MAX_EXPORT_BYTES || text.len() > u32::MAX as usize {
        return Err(ChatExportError::TooLarge);
    }
    // Pass 1: every line that starts with a timestamp.
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut first_content_line: Option<usize> = None;
    let mut offset = 0usize;
    for line in text.split('\n') {
        let line_start = offset;
        offset += line.len() + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if first_content_line.is_none()
            && line
                .chars()
                .any(|c| !text::is_invisible(c) && !text::is_space(c) && !c.is_whitespace())
        {
            first_content_line = Some(line_start);
        }
        if let Some(raw) = header::parse(line) {
            candidates.push(Candidate {
                line_start,
                line_end: line_start + line.len(),
                raw,
            });
        }
    }
    let first_content_line = first_content_line.ok_or(ChatExportError::Empty)?;
    if candidates.is_empty() {
        return Err(ChatExportError::NotAChatExport);
    }

    // Pass 2: the file's one format, and its date order.
    let signature = dominant_signature(&candidates)?;
    let ours: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.raw.signature == signature)
        .collect();
    let date_order = date_order(signature, ours.iter().map(|c| &c.raw))?;

    // Pass 3: records, each running to the next accepted timestamp line.
    let accepted: Vec<(&Candidate, NaiveDate)> = ours
        .into_iter()
        .filter_map(|c| resolve_date(&c.raw, date_order).map(|d| (c, d)))
        .collect();
    match accepted.first() {
        Some((c, _)) if c.line_start == first_content_line => {}
        _ => return Err(ChatExportError::NotAChatExport),
    }
    let mut records = Vec::with_capacity(accepted.len());
    let mut senders: Vec<Sender> = Vec::new();
    let mut sender_index: HashMap<String, u32> = HashMap::new();
    // The same sender is written the same way on every line: look the raw name up
    // before cleaning it, which would cost an allocation per message.
    let mut raw_index: HashMap<&str, u32> = HashMap::new();
    for (i, (candidate, day)) in accepted.iter().enumerate() {
        let body_start = candidate.line_start + candidate.raw.rest;
        let record_end = accepted
            .get(i + 1)
            .map_or(text.len(), |(next, _)| next.line_start);
        let record_end = trim_line_end(&text, body_start, record_end);
        let first_line = &text[body_start..candidate.line_end.max(body_start)];
        let record = match classify::body(first_line) {
            Body::Message {
                sender,
                text: message,
                placeholder,
                marked,
            } => {
                let index = match raw_index.get(sender) {
                    Some(&index) => index,
                    None => {
                        let next = senders.len() as u32;
                        let index = *sender_index
                            .entry(text::clean_name(sender))
                            .or_insert_with_key(|name| {
                                senders.push(Sender {
                                    name: name.clone(),
                                    messages: 0,
                                    pseudo: false,
                                });
                                next
                            });
                        raw_index.insert(sender, index);
                        index
                    }
                };
                // The message text is the end of the first line (and what follows).
                let start = body_start + first_line.len() - message.len();
                let kind = match placeholder {
                    Placeholder::Media => Kind::Media,
                    Placeholder::Deleted => Kind::Deleted,
                    Placeholder::None => match marked.then(|| classify::system_kind(message)) {
                        Some(SystemKind::Joined(n)) => Kind::Joined(n),
                        Some(SystemKind::Left(n)) => Kind::Left(n),
                        Some(SystemKind::Other) => Kind::OtherSystem,
                        _ => Kind::Text,
                    },
                };
                if matches!(kind, Kind::Joined(_) | Kind::Left(_) | Kind::OtherSystem) {
                    senders[index as usize].pseudo = true;
                }
                Record {
                    day: *day,
                    kind,
                    sender: index,
                    start: start as u32,
                    end: record_end.max(start) as u32,
                    marked,
                }
            }
            Body::System(kind) => Record {
                day: *day,
                kind: match kind {
                    SystemKind::Joined(n) => Kind::Joined(n),
                    SystemKind::Left(n) => Kind::Left(n),
                    SystemKind::Other | SystemKind::Unknown => Kind::OtherSystem,
                },
                sender: NO_SENDER,
                start: body_start as u32,
                end: record_end.max(body_start) as u32,
                marked: false,
            },
        };
        records.push(record);
    }

    // iPhone: the group's name "sends" system lines. Its other marked lines are system
    // lines WhatsApp worded in a way not recognised above; it is nobody to pick.
    for record in &mut records {
        if record.sender == NO_SENDER {
            continue;
        }
        let sender = &mut senders[record.sender as usize];
        if sender.pseudo && record.marked && record.kind == Kind::Text {
            record.kind = Kind::OtherSystem;
        }
        if matches!(record.kind, Kind::Text | Kind::Media) {
            sender.messages += 1;
        }
    }

    Ok(ParsedChat {
        text,
        records,
        senders,
        platform: if signature.bracketed {
            ExportPlatform::Iphone
        } else {
            ExportPlatform::Android
        },
        twelve_hour: signature.twelve_hour,
        date_order,
    })
}

/// The end of a record's text without the line break(s) before the next record.
fn trim_line_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = end;
    while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

fn dominant_signature(candidates: &[Candidate]) -> Result<Signature, ChatExportError> {
    let mut counts: Vec<(Signature, usize)> = Vec::new();
    for c in candidates {
        match counts.iter_mut().find(|(s, _)| *s == c.raw.signature) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.raw.signature, 1)),
        }
    }
    // The most common format; on a tie, the one that came first.
    let (signature, top) = counts
        .iter()
        .copied()
        .reduce(|best, next| if next.1 > best.1 { next } else { best })
        .expect("at least one candidate");
    let foreign = candidates.len() - top;
    if foreign > FOREIGN_LINES_TOLERATED && foreign * 50 > candidates.len() {
        return Err(ChatExportError::MixedFormats);
    }
    Ok(signature)
}

fn date_order<'a>(
    signature: Signature,
    headers: impl Iterator<Item = &'a RawHeader> + Clone,
) -> Result<DateOrder, ChatExportError> {
    if signature.year_first {
        return Ok(DateOrder::YearMonthDay);
    }
    let day_first = headers
        .clone()
        .all(|h| (1..=31).contains(&h.date[0]) && (1..=12).contains(&h.date[1]));
    let month_first = headers
        .clone()
        .all(|h| (1..=12).contains(&h.date[0]) && (1..=31).contains(&h.date[1]));
    match (day_first, month_first) {
        (true, false) => Ok(DateOrder::DayMonthYear),
        (false, true) => Ok(DateOrder::MonthDayYear),
        (false, false) => Err(ChatExportError::MixedFormats),
        // Every date fits both (all days ≤ 12): an export runs forward in time, so the
        // reading with fewer steps backwards wins; a tie goes to India's day-first.
        (true, true) => {
            let backwards = |order| {
                let mut last: Option<NaiveDate> = None;
                let mut n = 0usize;
                for day in headers.clone().filter_map(|h| resolve_date(h, order)) {
                    if last.is_some_and(|l| day < l) {
                        n += 1;
                    }
                    last = Some(day);
                }
                n
            };
            if backwards(DateOrder::MonthDayYear) < backwards(DateOrder::DayMonthYear) {
                Ok(DateOrder::MonthDayYear)
            } else {
                Ok(DateOrder::DayMonthYear)
            }
        }
    }
}

/// WhatsApp began in 2009; later years are accepted up to 2099.
fn resolve_date(h: &RawHeader, order: DateOrder) -> Option<NaiveDate> {
    let [a, b, c] = h.date.map(u32::from);
    let (year, month, day) = match order {
        DateOrder::YearMonthDay => (a, b, c),
        DateOrder::DayMonthYear => (c, b, a),
        DateOrder::MonthDayYear => (c, a, b),
    };
    let year = if order != DateOrder::YearMonthDay && h.last_digits == 2 {
        2000 + year
    } else {
        year
    };
    if !(2009..=2099).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// `YYYY-MM-DD` → the day. The same rule as `time::parse_day`, without chrono's
/// format-string parser, which would be most of the chat module's size.
pub fn iso_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

impl ParsedChat {
    pub fn first_day(&self) -> NaiveDate {
        self.records.first().map(|r| r.day).unwrap_or_default()
    }

    /// The latest day (records normally run forward; a stray earlier one is ignored).
    pub fn last_day(&self) -> NaiveDate {
        self.records.iter().map(|r| r.day).max().unwrap_or_default()
    }

    pub fn preview(&self) -> ChatPreview {
        let mut senders: Vec<SenderChoice> = self
            .senders
            .iter()
            .enumerate()
            .filter(|(_, s)| !(s.pseudo && s.messages == 0))
            .map(|(i, s)| SenderChoice {
                index: i as u32,
                name: s.name.clone(),
                messages: s.messages,
            })
            .collect();
        let senders_total = senders.len() as u32;
        senders.sort_by(|a, b| {
            b.messages
                .cmp(&a.messages)
                .then_with(|| a.name.cmp(&b.name))
        });
        senders.truncate(MAX_LISTED_SENDERS);
        ChatPreview {
            platform: self.platform,
            twelve_hour: self.twelve_hour,
            date_order: self.date_order,
            first_day: self.first_day().to_string(),
            last_day: self.last_day().to_string(),
            messages: self.senders.iter().map(|s| s.messages).sum(),
            senders,
            senders_total,
        }
    }

    /// The per-day numbers for `admin` (a sender index from the preview; `None` when the
    /// admin is not among the senders), matching the admin's messages against `items`.
    /// Only days up to `today` and at most [`MAX_CHAT_ACTIVITY_DAYS`] back are included;
    /// every day in between counts, quiet ones with zeros.
    pub fn summarise(
        &self,
        admin: Option<u32>,
        items: &[ChatCampaignItem],
        today: NaiveDate,
    ) -> ChatSummary {
        let window_start = today
            .checked_sub_days(Days::new(MAX_CHAT_ACTIVITY_DAYS as u64 - 1))
            .unwrap_or(today);
        let first = self.first_day().max(window_start);
        let last = self.last_day().min(today);
        let span = if first <= last {
            (last - first).num_days() as usize + 1
        } else {
            0
        };
        let mut days: Vec<ChatActivityDay> = (0..span)
            .map(|i| ChatActivityDay {
                day: (first + Days::new(i as u64)).to_string(),
                ..ChatActivityDay::default()
            })
            .collect();
        let matchers = campaign::matchers(items);
        let mut lower = String::new();
        let mut letters = String::new();
        for r in &self.records {
            if r.day < first || r.day > last {
                continue;
            }
            let slot = &mut days[(r.day - first).num_days() as usize];
            let by_admin = admin.is_some_and(|a| a == r.sender);
            match r.kind {
                Kind::Text | Kind::Media => {
                    let media = r.kind == Kind::Media;
                    if by_admin {
                        slot.admin_messages += 1;
                        slot.admin_media += u32::from(media);
                        let text = &self.text[r.start as usize..r.end as usize];
                        let open: Vec<&campaign::Matcher> = matchers
                            .iter()
                            .filter(|m| {
                                m.active_on(r.day) && !slot.campaign_item_ids.contains(&m.id)
                            })
                            .collect();
                        if !open.is_empty() {
                            lower.clear();
                            lower.push_str(text);
                            lower.make_ascii_lowercase();
                            letters.clear();
                            text::letters_and_digits(text, &mut letters);
                            for m in open {
                                if m.matches(&lower, &letters) {
                                    slot.campaign_item_ids.push(m.id.clone());
                                }
                            }
                        }
                    } else {
                        slot.other_messages += 1;
                        slot.other_media += u32::from(media);
                    }
                }
                Kind::Joined(n) => slot.joins = slot.joins.saturating_add(n),
                Kind::Left(n) => slot.leaves = slot.leaves.saturating_add(n),
                Kind::Deleted | Kind::OtherSystem => {}
            }
        }
        let mut totals = ChatTotals {
            days: days.len() as u32,
            ..ChatTotals::default()
        };
        for d in &mut days {
            d.campaign_item_ids.sort();
            totals.admin_messages += d.admin_messages;
            totals.other_messages += d.other_messages;
            totals.admin_media += d.admin_media;
            totals.other_media += d.other_media;
            totals.joins = totals.joins.saturating_add(d.joins);
            totals.leaves = totals.leaves.saturating_add(d.leaves);
            totals.campaign_days += u32::from(!d.campaign_item_ids.is_empty());
        }
        let days_left_out = if self.first_day() < first {
            (first - self.first_day()).num_days().max(0) as u32
        } else {
            0
        };
        ChatSummary {
            upload: ChatActivityUpload {
                platform: self.platform,
                days,
            },
            totals,
            days_left_out,
        }
    }
}

/// Everything the phone does with a file, for the fuzz target and the never-panics
/// property tests: read it as text and as a zip, parse, preview, and summarise for every
/// sender (and none), checking the invariants the server relies on.
pub fn exercise(data: &[u8], items: &[ChatCampaignItem]) {
    if zip::looks_like_zip(data) {
        let _ = zip::extract_in_memory(data, &mut |d, limit| {
            Some(d.iter().copied().take(limit as usize + 1).collect())
        });
    }
    let Ok(parsed) = parse(data.to_vec()) else {
        return;
    };
    let preview = parsed.preview();
    assert!(preview.first_day <= preview.last_day);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
    let mut admins: Vec<Option<u32>> = preview.senders.iter().map(|s| Some(s.index)).collect();
    admins.truncate(5);
    admins.push(None);
    for admin in admins {
        let summary = parsed.summarise(admin, items, today);
        assert!(summary.upload.days.len() <= MAX_CHAT_ACTIVITY_DAYS);
        for day in &summary.upload.days {
            assert!(day.admin_media <= day.admin_messages);
            assert!(day.other_media <= day.other_messages);
            assert!(day.day.as_str() <= "2026-11-27");
        }
    }
}

#[cfg(test)]
mod tests;
