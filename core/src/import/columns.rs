//! The one import layout: its columns, their English and Hindi headers, and the rule text
//! shown in the template's instructions sheet and in docs/import.md.

use serde::Serialize;

/// A column of the registry layout. The order is the template's column order.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    UnitType,
    UnitCode,
    UnitNameEn,
    UnitNameHi,
    ParentCode,
    Lon,
    Lat,
    LocationExact,
    GroupName,
    InviteLink,
    MemberLimit,
    MemberCount,
    AdminName,
    AdminMobile,
    AdminDesignation,
    AdminDepartment,
}

impl Column {
    pub const ALL: [Column; 16] = {
        use Column::*;
        [
            UnitType,
            UnitCode,
            UnitNameEn,
            UnitNameHi,
            ParentCode,
            Lon,
            Lat,
            LocationExact,
            GroupName,
            InviteLink,
            MemberLimit,
            MemberCount,
            AdminName,
            AdminMobile,
            AdminDesignation,
            AdminDepartment,
        ]
    };

    /// The English header, also the `column` of a [`super::RowError`].
    pub fn header_en(self) -> &'static str {
        use Column::*;
        match self {
            UnitType => "unit_type",
            UnitCode => "unit_code",
            UnitNameEn => "unit_name_en",
            UnitNameHi => "unit_name_hi",
            ParentCode => "parent_code",
            Lon => "lon",
            Lat => "lat",
            LocationExact => "location_exact",
            GroupName => "group_name",
            InviteLink => "invite_link",
            MemberLimit => "member_limit",
            MemberCount => "member_count",
            AdminName => "admin_name",
            AdminMobile => "admin_mobile",
            AdminDesignation => "admin_designation",
            AdminDepartment => "admin_department",
        }
    }

    pub fn header_hi(self) -> &'static str {
        use Column::*;
        match self {
            UnitType => "इकाई_प्रकार",
            UnitCode => "इकाई_कोड",
            UnitNameEn => "इकाई_नाम_अंग्रेज़ी",
            UnitNameHi => "इकाई_नाम_हिंदी",
            ParentCode => "मूल_इकाई_कोड",
            Lon => "देशांतर",
            Lat => "अक्षांश",
            LocationExact => "स्थान_सटीक",
            GroupName => "समूह_नाम",
            InviteLink => "आमंत्रण_लिंक",
            MemberLimit => "सदस्य_सीमा",
            MemberCount => "सदस्य_संख्या",
            AdminName => "एडमिन_नाम",
            AdminMobile => "एडमिन_मोबाइल",
            AdminDesignation => "एडमिन_पद",
            AdminDepartment => "एडमिन_विभाग",
        }
    }

    pub fn header(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.header_hi(), self.header_en())
    }

    pub fn required(self) -> bool {
        use Column::*;
        matches!(self, UnitType | UnitCode | UnitNameEn | ParentCode)
    }

    pub fn rule_en(self) -> &'static str {
        use Column::*;
        match self {
            UnitType => "block, ulb, gp (or gram_panchayat) or ward; the Hindi names work too.",
            UnitCode => {
                "LGD code (1 to 12 digits) or an office code of up to 32 letters A-Z, digits and \
                 dashes. Unique per unit type within the file."
            }
            UnitNameEn => "1 to 200 characters.",
            UnitNameHi => "Optional, up to 200 characters.",
            ParentCode => {
                "Code of the parent unit: the district for a block or ULB, the block for a gram \
                 panchayat, the ULB for a ward."
            }
            Lon => "Optional decimal longitude between 68 and 98. Give lon and lat together.",
            Lat => "Optional decimal latitude between 6 and 38. Give lon and lat together.",
            LocationExact => "yes or no (also 1/0, true/false); empty means no.",
            GroupName => {
                "Optional, up to 200 characters; gram panchayats and wards only. Empty means the \
                 unit's English name."
            }
            InviteLink => {
                "Optional: https://chat.whatsapp.com/ followed by the 22 to 24 letter group code; \
                 gram panchayats and wards only."
            }
            MemberLimit => "Optional whole number 1 to 100000; empty means 1024.",
            MemberCount => "Optional whole number 0 to 100000, not more than member_limit.",
            AdminName => {
                "Optional, up to 120 characters; needs admin_mobile. Gram panchayats and wards \
                 only."
            }
            AdminMobile => {
                "10-digit Indian mobile starting with 6 to 9; +91, 91 or 0 in front and spaces \
                 or dashes are fine."
            }
            AdminDesignation => "Optional, up to 120 characters.",
            AdminDepartment => "Optional, up to 120 characters.",
        }
    }

    pub fn rule_hi(self) -> &'static str {
        use Column::*;
        match self {
            UnitType => "ब्लॉक, नगर निकाय, ग्राम पंचायत या वार्ड; block, ulb, gp, ward भी चलेगा।",
            UnitCode => {
                "LGD कोड (1 से 12 अंक) या 32 तक अक्षर (A-Z), अंक और डैश वाला कार्यालय कोड। फ़ाइल में \
                 एक प्रकार की इकाइयों में हर कोड एक ही बार।"
            }
            UnitNameEn => "1 से 200 अक्षर।",
            UnitNameHi => "वैकल्पिक, 200 अक्षर तक।",
            ParentCode => {
                "मूल इकाई का कोड: ब्लॉक या नगर निकाय के लिए ज़िला, ग्राम पंचायत के लिए ब्लॉक, वार्ड के \
                 लिए नगर निकाय।"
            }
            Lon => "वैकल्पिक दशमलव देशांतर, 68 से 98 के बीच। देशांतर और अक्षांश साथ में दें।",
            Lat => "वैकल्पिक दशमलव अक्षांश, 6 से 38 के बीच। देशांतर और अक्षांश साथ में दें।",
            LocationExact => "हाँ या नहीं (या yes/no, 1/0); खाली का अर्थ नहीं।",
            GroupName => {
                "वैकल्पिक, 200 अक्षर तक; केवल ग्राम पंचायत और वार्ड। खाली हो तो इकाई का अंग्रेज़ी नाम।"
            }
            InviteLink => {
                "वैकल्पिक: https://chat.whatsapp.com/ के बाद 22 से 24 अक्षरों का समूह कोड; केवल ग्राम \
                 पंचायत और वार्ड।"
            }
            MemberLimit => "वैकल्पिक पूर्ण संख्या 1 से 100000; खाली हो तो 1024।",
            MemberCount => "वैकल्पिक पूर्ण संख्या 0 से 100000, सदस्य सीमा से अधिक नहीं।",
            AdminName => "वैकल्पिक, 120 अक्षर तक; साथ में एडमिन मोबाइल ज़रूरी। केवल ग्राम पंचायत और वार्ड।",
            AdminMobile => {
                "6 से 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर; आगे +91, 91 या 0 और बीच में खाली \
                 जगह या डैश चलेंगे।"
            }
            AdminDesignation => "वैकल्पिक, 120 अक्षर तक।",
            AdminDepartment => "वैकल्पिक, 120 अक्षर तक।",
        }
    }

    /// Recognises a header cell in English or Hindi, forgiving case, spaces for
    /// underscores and the usual spelling variants of Hindi typing.
    pub fn from_header(cell: &str) -> Option<Column> {
        let key = normalize_label(cell);
        Column::ALL.into_iter().find(|c| {
            normalize_label(c.header_en()) == key || normalize_label(c.header_hi()) == key
        })
    }
}

/// Folds a header or a keyword to a comparison key: trimmed, lower-case, with spaces and
/// dashes as underscores, and without the Devanagari marks that keyboards and fonts
/// disagree on (nukta, zero-width joiners), so `अंग्रेजी` matches `अंग्रेज़ी`.
pub(crate) fn normalize_label(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_sep = false;
    for c in input.trim().trim_start_matches('\u{feff}').trim().chars() {
        match c {
            '\u{200c}' | '\u{200d}' | '\u{093c}' => {}
            // Precomposed letters with nukta (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़) fold to their base letter.
            '\u{0958}'..='\u{095f}' => {
                let base = ['क', 'ख', 'ग', 'ज', 'ड', 'ढ', 'फ', 'य'][c as usize - 0x0958];
                push_sep(&mut out, &mut pending_sep);
                out.push(base);
            }
            c if c.is_whitespace() || c == '_' || c == '-' => pending_sep = !out.is_empty(),
            c => {
                push_sep(&mut out, &mut pending_sep);
                out.extend(c.to_lowercase());
            }
        }
    }
    // "हिन्दी" and "हिंदी" are both standard spellings.
    out.replace("हिन्दी", "हिंदी")
}

fn push_sep(out: &mut String, pending: &mut bool) {
    if std::mem::take(pending) {
        out.push('_');
    }
}
