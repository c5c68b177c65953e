//! Interface text in Hindi and English. Each text is declared once, both languages on one
//! line (`bilingual_texts!`, in `declare.rs`): a missing translation is a compile error,
//! and the typed key costs the WASM bundle nothing beyond the strings themselves.

use serde::{Deserialize, Serialize};

#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Hindi is the default: most group admins read it first.
    #[default]
    Hi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Hi => "hi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "hi" => Some(Lang::Hi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Hi => Lang::En,
            Lang::En => Lang::Hi,
        }
    }

    /// Picks the Hindi or English variant of a bilingual pair (names, titles, server
    /// messages). Where one is missing the other stands in: no Hindi is recorded yet for
    /// many LGD names, and a campaign item may carry only a Hindi title.
    pub fn pick<'a>(self, hi: &'a str, en: &'a str) -> &'a str {
        let (wanted, other) = match self {
            Lang::Hi => (hi, en),
            Lang::En => (en, hi),
        };
        if wanted.trim().is_empty() {
            other
        } else {
            wanted
        }
    }
}
bilingual_texts! {
pub enum Text {
    AppName => "Prasar", "प्रसार";
    Tagline => "Daily proof that government WhatsApp groups are used", "सरकारी व्हाट्सऐप समूहों के उपयोग का दैनिक प्रमाण";
    /// The label of the language switch, written in the language it switches to.
    SwitchLanguage => "English", "हिन्दी";
    NavSubmit => "Send screenshot", "स्क्रीनशॉट भेजें";
    NavDashboard => "Dashboard", "डैशबोर्ड";
    SubmitTitle => "Today's screenshot", "आज का स्क्रीनशॉट";
    SubmitIntro => "Send a screenshot of what you posted in your group today.", "आज आपने अपने समूह में जो पोस्ट किया, उसका स्क्रीनशॉट भेजें।";
    ChooseGroup => "Your WhatsApp group", "आपका व्हाट्सऐप समूह";
    ChooseGroupPlaceholder => "Choose a group…", "समूह चुनें…";
    ChooseImage => "Screenshot", "स्क्रीनशॉट";
    ChooseImageHint => "From the gallery or the camera. PNG, JPEG or WebP, up to 10 MB.", "गैलरी या कैमरे से। PNG, JPEG या WebP, 10 MB तक।";
    SubmitButton => "Send", "भेजें";
    Sending => "Sending…", "भेजा जा रहा है…";
    Sent => "Sent. Thank you!", "भेज दिया गया। धन्यवाद!";
    SendAnother => "Send another", "एक और भेजें";
    SelectGroupFirst => "Choose your group first.", "पहले अपना समूह चुनें।";
    SelectImageFirst => "Choose a screenshot first.", "पहले स्क्रीनशॉट चुनें।";
    LoadingGroups => "Loading groups…", "समूह लोड हो रहे हैं…";
    NetworkError => "Could not reach the server. Check the network and try again.", "सर्वर से संपर्क नहीं हो सका। नेटवर्क जाँचें और फिर कोशिश करें।";
    Retry => "Try again", "फिर कोशिश करें";
    GramPanchayat => "Gram panchayat", "ग्राम पंचायत";
    Ward => "Ward", "वार्ड";
    DashboardTitle => "Today's submissions", "आज की प्रविष्टियाँ";
    TodaysSubmissions => "Submissions on", "प्रविष्टियाँ, दिनांक";
    NoSubmissionsToday => "No screenshots have come in yet today.", "आज अभी तक कोई स्क्रीनशॉट नहीं आया है।";
    Refresh => "Refresh", "ताज़ा करें";
    Total => "Total", "कुल";
    SubmittedAt => "Received", "प्राप्त";
    ImageSize => "Size", "आकार";
    OpenFullSize => "Open full size", "पूरा आकार खोलें";
    Loading => "Loading…", "लोड हो रहा है…";
    NotFoundTitle => "Page not found", "पृष्ठ नहीं मिला";
    GoHome => "Go to the start page", "मुख्य पृष्ठ पर जाएँ";
    MainMenu => "Main menu", "मुख्य मेनू";
    NavRegistry => "Registry", "रजिस्ट्री";
    NavAudit => "Audit log", "ऑडिट लॉग";
    NavImport => "Import", "आयात";
    SignIn => "Sign in", "साइन इन करें";
    SigningIn => "Signing in…", "साइन इन हो रहा है…";
    SignInTitle => "Sign in for officials", "अधिकारियों के लिए साइन इन";
    SignInIntro => "Use the username and password given to you by the district administration.", "जिला प्रशासन से मिला उपयोगकर्ता नाम और पासवर्ड दर्ज करें।";
    Username => "Username", "उपयोगकर्ता नाम";
    Password => "Password", "पासवर्ड";
    EnterUsernameAndPassword => "Enter your username and password.", "उपयोगकर्ता नाम और पासवर्ड दर्ज करें।";
    AdminsUseLinkHint => "Group admins need no password: open the personal link your officer sent you on WhatsApp.", "समूह एडमिन को पासवर्ड की ज़रूरत नहीं है: अपने अधिकारी द्वारा व्हाट्सऐप पर भेजा गया व्यक्तिगत लिंक खोलें।";
    SignInFirst => "Please sign in first.", "कृपया पहले साइन इन करें।";
    SignOut => "Sign out", "साइन आउट करें";
    SignOutEverywhere => "Sign out on all devices", "सभी उपकरणों से साइन आउट करें";
    AdminSignOutHint => "After signing out you will need your personal link again to send screenshots.", "साइन आउट के बाद स्क्रीनशॉट भेजने के लिए आपको अपना व्यक्तिगत लिंक फिर से खोलना होगा।";
    GroupAdminRole => "Group admin", "समूह एडमिन";
    OpenPersonalLinkTitle => "Open your personal link", "अपना व्यक्तिगत लिंक खोलें";
    OpenPersonalLinkText => "Group admins: open the personal link your officer sent you on WhatsApp. It signs you in on this phone; then you can send screenshots.", "समूह एडमिन: आपके अधिकारी ने व्हाट्सऐप पर जो व्यक्तिगत लिंक भेजा है, उसे खोलें। इससे आप इस फ़ोन पर साइन इन हो जाएँगे और फिर स्क्रीनशॉट भेज सकेंगे।";
    OfficersSignInHint => "Are you an officer?", "क्या आप अधिकारी हैं?";
    OfficersSignIn => "Officers: sign in", "अधिकारी: साइन इन करें";
    CheckingLink => "Checking your personal link…", "आपका व्यक्तिगत लिंक जाँचा जा रहा है…";
    LinkIncomplete => "This link is incomplete. Open the full personal link from WhatsApp again, or ask your officer for a new one.", "यह लिंक अधूरा है। व्हाट्सऐप से पूरा व्यक्तिगत लिंक फिर से खोलें, या अपने अधिकारी से नया लिंक माँगें।";
    NotAllowedTitle => "Not available for your account", "आपके खाते के लिए उपलब्ध नहीं";
    NotAllowedText => "Your role cannot open this page.", "आपकी भूमिका में यह पृष्ठ नहीं खुल सकता।";
    PageForAdmins => "This page is for group admins, who send the daily screenshot from their personal link.", "यह पृष्ठ समूह एडमिन के लिए है, जो अपने व्यक्तिगत लिंक से दैनिक स्क्रीनशॉट भेजते हैं।";
    Breadcrumbs => "You are here", "आप यहाँ हैं";
    SearchLabel => "Search the registry", "रजिस्ट्री में खोजें";
    SearchPlaceholder => "Search by name or LGD code", "नाम या LGD कोड से खोजें";
    Searching => "Searching…", "खोज जारी है…";
    NoResults => "Nothing found.", "कुछ नहीं मिला।";
    UnitsBelow => "Units below", "अधीन इकाइयाँ";
    Groups => "Groups", "समूह";
    NoAdmin => "No admin", "कोई एडमिन नहीं";
    Members => "Members", "सदस्य";
    BelowFillTarget => "Below 80 %", "80 % से कम";
    NotCounted => "Not counted yet", "अभी गिनती नहीं हुई";
    NoLongerValid => "No longer valid", "अब मान्य नहीं";
    LgdCode => "LGD code", "LGD कोड";
    Location => "Location", "स्थान";
    LocationExact => "exact", "सटीक";
    LocationApproximate => "approximate", "अनुमानित";
    NotRecorded => "Not recorded", "दर्ज नहीं";
    Validity => "Valid", "मान्यता अवधि";
    OpenGroup => "Open the group", "समूह खोलें";
    WhatsAppGroup => "WhatsApp group", "व्हाट्सऐप समूह";
    InviteLink => "Invite link", "आमंत्रण लिंक";
    InviteLinkHint => "Leave empty to remove the link.", "लिंक हटाने के लिए खाली छोड़ें।";
    CurrentAdmin => "Current admin", "वर्तमान एडमिन";
    Demo => "Demo", "डेमो";
    MemberCountHistory => "Member counts (newest first)", "सदस्य संख्या (नवीनतम पहले)";
    NoMemberCounts => "No member count recorded yet.", "अभी तक कोई सदस्य संख्या दर्ज नहीं हुई।";
    AdminHistory => "Admins over time", "एडमिन का इतिहास";
    NoAssignments => "No admin has been assigned yet.", "अभी तक कोई एडमिन नियुक्त नहीं हुआ।";
    Current => "current", "वर्तमान";
    EndReasonLabel => "Reason for the change", "बदलाव का कारण";
    EndTransferred => "Transferred", "स्थानांतरण";
    EndInactive => "Inactive", "निष्क्रिय";
    EndResigned => "Resigned", "त्यागपत्र";
    EndOther => "Other", "अन्य";
    Actions => "Actions", "कार्य";
    RecordMemberCount => "Record member count", "सदस्य संख्या दर्ज करें";
    MembersNow => "Members in the group today", "आज समूह में सदस्य";
    MemberLimit => "Member limit", "सदस्य सीमा";
    EnterWholeNumber => "Enter a whole number.", "पूर्ण संख्या दर्ज करें।";
    MemberCountRecorded => "Member count recorded.", "सदस्य संख्या दर्ज हो गई।";
    EditGroup => "Edit group", "समूह संपादित करें";
    GroupName => "Group name", "समूह का नाम";
    Save => "Save", "सहेजें";
    Saved => "Saved.", "सहेज दिया गया।";
    NothingChanged => "Nothing has changed.", "कुछ भी नहीं बदला है।";
    EnterName => "Enter a name.", "नाम दर्ज करें।";
    EnterMobile => "Enter a mobile number.", "मोबाइल नंबर दर्ज करें।";
    EditAdmin => "Correct admin details", "एडमिन का विवरण सुधारें";
    AdminName => "Name", "नाम";
    Mobile => "Mobile number", "मोबाइल नंबर";
    Designation => "Designation", "पदनाम";
    Department => "Department", "विभाग";
    ReplaceAdmin => "Replace admin", "एडमिन बदलें";
    AssignAdmin => "Assign admin", "एडमिन नियुक्त करें";
    ReplaceAdminHint => "The current admin's assignment ends and the new admin takes over the group. Send the new admin a personal link afterwards.", "वर्तमान एडमिन की नियुक्ति समाप्त होगी और नया एडमिन समूह संभालेगा। इसके बाद नए एडमिन को व्यक्तिगत लिंक भेजें।";
    AssignAdminHint => "This group has no admin. Enter the person who will manage it, then send them a personal link.", "इस समूह का कोई एडमिन नहीं है। समूह संभालने वाले व्यक्ति का विवरण दर्ज करें, फिर उन्हें व्यक्तिगत लिंक भेजें।";
    ChooseReason => "Choose the reason for the change.", "बदलाव का कारण चुनें।";
    ChooseReasonPlaceholder => "Choose a reason…", "कारण चुनें…";
    EndNote => "Note (optional)", "टिप्पणी (वैकल्पिक)";
    ConfirmReplaceAdmin => "Replace the current admin of this group with the person entered?", "क्या इस समूह के वर्तमान एडमिन की जगह दर्ज किए गए व्यक्ति को एडमिन बनाएँ?";
    ConfirmAssignAdmin => "Make the person entered the admin of this group?", "क्या दर्ज किए गए व्यक्ति को इस समूह का एडमिन बनाएँ?";
    AdminReplaced => "The new admin is in charge. Send them a personal link.", "नया एडमिन नियुक्त हो गया। उन्हें व्यक्तिगत लिंक भेजें।";
    SendPersonalLink => "Send personal link", "व्यक्तिगत लिंक भेजें";
    PersonalLinkHint => "The link signs the admin in on their phone. A new link stops every earlier one.", "यह लिंक एडमिन को उनके फ़ोन पर साइन इन करता है। नया लिंक बनते ही पहले के सभी लिंक बंद हो जाते हैं।";
    CreateLink => "Create a new link", "नया लिंक बनाएँ";
    ConfirmNewLink => "Create a new personal link? The admin's earlier link will stop working.", "नया व्यक्तिगत लिंक बनाएँ? एडमिन का पिछला लिंक काम करना बंद कर देगा।";
    RevokeLink => "Revoke link", "लिंक रद्द करें";
    ConfirmRevokeLink => "Revoke the admin's personal link? They cannot send screenshots until they get a new one.", "एडमिन का व्यक्तिगत लिंक रद्द करें? नया लिंक मिलने तक वे स्क्रीनशॉट नहीं भेज पाएँगे।";
    LinkRevoked => "The link has been revoked.", "लिंक रद्द कर दिया गया।";
    QrAlt => "QR code of the personal link", "व्यक्तिगत लिंक का QR कोड";
    PersonalLink => "Personal link", "व्यक्तिगत लिंक";
    Copy => "Copy", "कॉपी करें";
    Copied => "Copied.", "कॉपी हो गया।";
    CopyByHand => "Copying is not available here; the link is selected, copy it by hand.", "यहाँ कॉपी की सुविधा नहीं है; लिंक चुन लिया गया है, उसे स्वयं कॉपी करें।";
    OpenWhatsApp => "Open WhatsApp", "व्हाट्सऐप खोलें";
    AuditTitle => "Audit log", "ऑडिट लॉग";
    Time => "Time", "समय";
    Actor => "By", "किसके द्वारा";
    Action => "Action", "कार्य";
    Entity => "Record type", "रिकॉर्ड का प्रकार";
    EntityId => "Record ID", "रिकॉर्ड आईडी";
    Detail => "Details", "विवरण";
    Older => "Show older entries", "पुरानी प्रविष्टियाँ दिखाएँ";
    NoAuditEntries => "No entries yet.", "अभी कोई प्रविष्टि नहीं है।";
    EndOfLog => "No older entries.", "इससे पुरानी कोई प्रविष्टि नहीं है।";
    ImportTitle => "Import the registry", "रजिस्ट्री आयात करें";
    ImportIntro => "Fill in the template with your GPs, wards, groups and admins, upload it, check the preview and apply it. Nothing changes before you apply.", "टेम्पलेट में अपनी ग्राम पंचायतें, वार्ड, समूह और एडमिन भरें, उसे अपलोड करें, पूर्वावलोकन जाँचें और लागू करें। लागू करने से पहले कुछ नहीं बदलता।";
    Templates => "Templates", "टेम्पलेट";
    ImportFile => "Filled-in file", "भरी हुई फ़ाइल";
    ImportFileHint => "CSV or Excel (.xlsx), with the template's column headings in Hindi or English.", "CSV या Excel (.xlsx), टेम्पलेट के हिन्दी या अंग्रेज़ी कॉलम शीर्षकों के साथ।";
    SelectFileFirst => "Choose a file first.", "पहले फ़ाइल चुनें।";
    UploadAndPreview => "Upload and preview", "अपलोड करें और पूर्वावलोकन देखें";
    Uploading => "Uploading…", "अपलोड हो रहा है…";
    Preview => "Preview", "पूर्वावलोकन";
    Warnings => "Warnings", "चेतावनियाँ";
    RowErrors => "Errors in rows", "पंक्तियों में त्रुटियाँ";
    Row => "Row", "पंक्ति";
    Column => "Column", "कॉलम";
    Problem => "Problem", "समस्या";
    FixErrorsFirst => "Correct these errors in the file and upload it again. Nothing has been changed.", "फ़ाइल में ये त्रुटियाँ सुधारें और उसे फिर से अपलोड करें। अभी कुछ भी नहीं बदला गया है।";
    Changes => "Changes", "बदलाव";
    MoreChangesNotShown => "More changes, not listed here:", "और बदलाव, जो यहाँ सूचीबद्ध नहीं हैं:";
    FieldsChanged => "Changed fields", "बदले गए फ़ील्ड";
    ActionCreate => "New", "नया";
    ActionUpdate => "Changed", "बदला";
    ActionUnchanged => "Unchanged", "अपरिवर्तित";
    CountCreated => "New", "नए";
    CountUpdated => "Changed", "बदले गए";
    CountUnchanged => "Unchanged", "अपरिवर्तित";
    CountErrors => "Errors", "त्रुटियाँ";
    ApplyImport => "Apply the changes", "बदलाव लागू करें";
    ConfirmApplyImport => "Apply these changes to the registry?", "क्या ये बदलाव रजिस्ट्री में लागू करें?";
    ImportApplied => "The changes have been applied.", "बदलाव लागू कर दिए गए।";
    ChooseDistrict => "Choose a district…", "जिला चुनें…";
    SelectDistrictFirst => "Choose the district first.", "पहले जिला चुनें।";
    // --- no-JavaScript form ---
    PlainFormTitle => "Today's screenshots (simple form)", "आज के स्क्रीनशॉट (सरल फ़ॉर्म)";
    SharedFilesCheck => "These pictures were shared into Prasar from another app. Check that they are yours and today's, then press Send: nothing is sent before that.", "ये तस्वीरें किसी दूसरे ऐप से प्रसार में आई हैं। जाँच लें कि ये आपकी और आज की हैं, फिर भेजें दबाएँ: उससे पहले कुछ नहीं भेजा जाता।";
    PlainScreenshots => "Screenshots (1 to 5; PNG, JPEG or WebP, up to 10 MB each)", "स्क्रीनशॉट (1 से 5; PNG, JPEG या WebP, हर एक 10 MB तक)";
    PlainMemberCount => "Members in the group now (optional)", "समूह में अभी सदस्य (वैकल्पिक)";
    PlainNote => "Note (optional)", "टिप्पणी (वैकल्पिक)";
    PlainSent => "Received, thank you. Screenshots stored:", "मिल गया, धन्यवाद। सहेजे गए स्क्रीनशॉट:";
    PlainSendMore => "Send more", "और भेजें";
    PlainOpenApp => "Open the full app", "पूरा ऐप खोलें";
    // --- campaigns and success stories ---
    NavCampaigns => "Campaigns", "अभियान";
    NavStories => "Success stories", "सफलता की कहानियाँ";
    NavSendStory => "Send a story", "कहानी भेजें";
    Scheme => "Scheme", "योजना";
    StorySubmitted => "Waiting for review", "समीक्षा बाकी";
    StoryAccepted => "Accepted", "स्वीकृत";
    StoryRejected => "Rejected", "अस्वीकृत";
    SendStoryTitle => "Send a success story", "सफलता की कहानी भेजें";
    SendStoryIntro => "Tell how a scheme changed someone's life. The PR officer may share it with every group.", "बताएँ कि किसी योजना से किसी का जीवन कैसे बदला। जनसंपर्क अधिकारी इसे सभी समूहों में साझा कर सकते हैं।";
    StoryPlace => "Where it happened", "कहानी कहाँ की है";
    ChoosePlaceholder => "Choose…", "चुनें…";
    StoryText => "The story, in Hindi", "कहानी (हिन्दी में)";
    StoryPhotos => "Photos (up to 3)", "फ़ोटो (अधिकतम 3)";
    StoryConsent => "The beneficiary agreed that this story and these photos may be shared.", "लाभार्थी ने सहमति दी है कि यह कहानी और ये फ़ोटो साझा किए जा सकते हैं।";
    SendStoryButton => "Send the story", "कहानी भेजें ➜";
    SendingPhoto => "Sending photo", "फ़ोटो भेजी जा रही है";
    StorySent => "Thank you. The story has been sent for review.", "धन्यवाद। कहानी समीक्षा के लिए भेज दी गई है।";
    MyStories => "Stories you sent", "आपकी भेजी कहानियाँ";
    ChoosePlaceFirst => "Choose where it happened.", "चुनें कि कहानी कहाँ की है।";
    EnterSchemeFirst => "Name the scheme.", "योजना का नाम लिखें।";
    WriteStoryFirst => "Write the story first.", "पहले कहानी लिखें।";
    TooManyPhotos => "Choose at most 3 photos.", "अधिकतम 3 फ़ोटो चुनें।";
    ConfirmConsentFirst => "Confirm the beneficiary's consent first.", "पहले लाभार्थी की सहमति की पुष्टि करें।";
    EnterTitleHi => "Enter the Hindi title.", "हिन्दी शीर्षक दर्ज करें।";
    ChooseDatesFirst => "Choose the first and the last day.", "पहला और अंतिम दिन चुनें।";
    RemarkForRejection => "Write why you reject the story.", "कहानी अस्वीकार करने का कारण लिखें।";
    // --- monitoring ---
    NavMonitoring => "Monitoring", "निगरानी";
    MonChecksTitle => "Today's checks", "आज की जाँच";
    MonReviewTitle => "Review", "समीक्षा";
    MonComplianceTitle => "Compliance", "अनुपालन";
    MonInactiveTitle => "Replace admin?", "एडमिन बदलें?";
    MonDay => "Day", "दिन";
    MonRunDraw => "Run the draw now", "ड्रॉ अभी चलाएँ";
    MonDrawDone => "The draw has run.", "ड्रॉ चल गया।";
    MonNotDrawn => "The draw for this day has not run yet (it runs every morning at 09:00).", "इस दिन का ड्रॉ अभी नहीं चला है (यह हर सुबह 09:00 बजे चलता है)।";
    MonNoChecks => "No checks for this day.", "इस दिन के लिए कोई जाँच नहीं।";
    MonLevelNodal => "Nodal officer's check", "नोडल अधिकारी की जाँच";
    MonLevelCollector => "Collector's check", "कलेक्टर की जाँच";
    MonDeadline => "Deadline", "अंतिम समय";
    MonStatePending => "Waiting", "प्रतीक्षा में";
    MonStateSubmitted => "Received on time", "समय पर प्राप्त";
    MonStateLate => "Received late", "देर से प्राप्त";
    MonStateOverdue => "Overdue", "समय सीमा पार";
    MonWhyPicked => "Why this group", "यह समूह क्यों";
    MonPrepareWhatsApp => "Prepare WhatsApp request", "व्हाट्सऐप अनुरोध तैयार करें";
    MonSendWhatsApp => "Send on WhatsApp", "व्हाट्सऐप पर भेजें";
    MonNewLinkHint => "This issues a new personal link for the admin; earlier links stop working.", "इससे एडमिन के लिए नया व्यक्तिगत लिंक बनेगा; पुराने लिंक काम करना बंद कर देंगे।";
    MonCall => "Call", "कॉल करें";
    MonLogCall => "Log a call", "कॉल दर्ज करें";
    MonCallOutcome => "Outcome of the call", "कॉल का परिणाम";
    MonChooseOutcome => "Choose the outcome.", "परिणाम चुनें।";
    CallReached => "Reached", "बात हुई";
    CallNotReached => "Not reached", "संपर्क नहीं हुआ";
    CallPromised => "Promised to send", "भेजने का वादा किया";
    CallRefused => "Refused", "मना किया";
    MonRemark => "Remark", "टिप्पणी";
    MonCallLogged => "The call has been logged.", "कॉल दर्ज हो गई।";
    MonCalls => "Calls", "कॉल";
    MonNoCalls => "No calls logged yet.", "अभी कोई कॉल दर्ज नहीं।";
    MonSeeSubmission => "See the submission", "प्रविष्टि देखें";
    ReviewPendingOnly => "Not reviewed yet", "समीक्षा बाकी";
    ReviewShowAll => "All", "सभी";
    ReviewVerified => "Verified", "सत्यापित";
    ReviewHasIssues => "Has issues", "कमियाँ हैं";
    ReviewRejected => "Rejected", "अस्वीकृत";
    ReviewDecision => "Decision", "निर्णय";
    ReviewSave => "Save the decision", "निर्णय सहेजें";
    ReviewSaved => "The decision has been saved.", "निर्णय सहेज दिया गया।";
    ReviewHistory => "Review history", "समीक्षा इतिहास";
    ReviewEmpty => "Nothing to review for this day.", "इस दिन समीक्षा के लिए कुछ नहीं।";
    ReviewRemarkHint => "Required for 'has issues' and 'rejected': the admin sees it.", "'कमियाँ हैं' और 'अस्वीकृत' के लिए ज़रूरी: एडमिन इसे देखेंगे।";
    FlagReused => "Looks like an earlier screenshot", "पहले के एक स्क्रीनशॉट जैसा लगता है";
    FlagCapturedOtherDay => "The picture's own date is another day", "चित्र की अपनी तारीख़ किसी और दिन की है";
    FlagEarlier => "Earlier screenshot", "पहले का स्क्रीनशॉट";
    FlagThis => "This screenshot", "यह स्क्रीनशॉट";
    FlagDifference => "Differing bits (of 64)", "अलग बिट (64 में से)";
    MonDrawnForCheck => "Drawn for a check", "जाँच के लिए चुना गया";
    MonNote => "Note", "टिप्पणी";
    PeriodDay => "Day", "दिन";
    PeriodWeek => "Week", "सप्ताह";
    PeriodMonth => "Month", "माह";
    ColUnit => "Unit", "इकाई";
    ColExpected => "Expected", "अपेक्षित";
    ColReceived => "Received", "प्राप्त";
    ColReportingRate => "Reporting rate", "रिपोर्टिंग दर";
    ColOnTimeRate => "On time", "समय पर";
    ColStreak => "Streak (current / longest)", "लगातार (अभी / सबसे लंबा)";
    ComplianceHint => "Each group is expected to report every day it exists; on time means by the deadline.", "हर समूह से उसके हर दिन की रिपोर्ट अपेक्षित है; समय पर यानी अंतिम समय तक।";
    ShowUnits => "Show every GP and ward", "हर ग्राम पंचायत और वार्ड दिखाएँ";
    InactiveDaysLabel => "No submission for at least (days)", "कम से कम इतने दिनों से कोई प्रविष्टि नहीं";
    InactiveNever => "Never submitted", "कभी नहीं भेजा";
    InactiveDaysAgo => "days without a submission", "दिन से कोई प्रविष्टि नहीं";
    InactiveEmpty => "Every admin has submitted recently.", "सभी एडमिन ने हाल में प्रविष्टि भेजी है।";
    AssignedOn => "Admin since", "एडमिन कब से";
    MySubmissionsTitle => "My recent submissions", "मेरी हाल की प्रविष्टियाँ";
    MyAwaitingReview => "Awaiting review", "समीक्षा की प्रतीक्षा";
    MyNoSubmissions => "No submissions yet.", "अभी तक कोई प्रविष्टि नहीं।";
    MyScreenshotsReceived => "screenshots received", "स्क्रीनशॉट मिले";
    // --- admin PWA ---
    PwaScreenshots => "Screenshots (1 to 5)", "स्क्रीनशॉट (1 से 5)";
    PwaAddScreenshots => "Add screenshots", "स्क्रीनशॉट जोड़ें";
    PwaScreenshotsHint => "From the gallery, or share them from WhatsApp. They are made smaller on the phone before sending.", "गैलरी से चुनें या व्हाट्सऐप से शेयर करें। भेजने से पहले फ़ोन पर ही इन्हें छोटा किया जाता है।";
    PwaRemoveImage => "Remove this screenshot", "यह स्क्रीनशॉट हटाएँ";
    PwaPreparing => "Preparing the screenshots…", "स्क्रीनशॉट तैयार हो रहे हैं…";
    PwaTooManyImages => "At most 5 screenshots per submission; the others were not added.", "एक रिपोर्ट में अधिकतम 5 स्क्रीनशॉट; बाकी नहीं जोड़े गए।";
    PwaNotAnImage => "This file is not a picture. Choose a screenshot (PNG, JPEG or WebP).", "यह फ़ाइल चित्र नहीं है। स्क्रीनशॉट (PNG, JPEG या WebP) चुनें।";
    PwaImageTooLarge => "This picture is still too large after making it smaller. Send a screenshot instead.", "छोटा करने के बाद भी यह चित्र बहुत बड़ा है। इसकी जगह स्क्रीनशॉट भेजें।";
    PwaMemberCount => "Members in the group now (optional)", "समूह में अभी कितने सदस्य हैं (वैकल्पिक)";
    PwaCampaignTitle => "Today's campaign items: tick those you posted", "आज की अभियान सामग्री: जो पोस्ट की, उन पर सही का निशान लगाएँ";
    PwaForward => "Forward to WhatsApp", "व्हाट्सऐप पर भेजें";
    PwaNote => "Note (optional)", "टिप्पणी (वैकल्पिक)";
    PwaNoteTooLong => "The note is too long: at most 1000 characters.", "टिप्पणी बहुत लंबी है: अधिकतम 1000 अक्षर।";
    PwaSaved => "Saved on the phone. It is sent as soon as there is network; you may close the app.", "फ़ोन में सहेज लिया गया। नेटवर्क मिलते ही भेज दिया जाएगा; आप ऐप बंद कर सकते हैं।";
    PwaCouldNotSave => "Could not save on this phone (storage full or blocked). Free some space and try again.", "इस फ़ोन में सहेजा नहीं जा सका (जगह भरी है या रोकी गई है)। कुछ जगह खाली करके फिर कोशिश करें।";
    PwaQueueTitle => "Your submissions", "आपकी रिपोर्ट";
    PwaQueueEmpty => "Nothing sent from this phone in the last three days.", "पिछले तीन दिनों में इस फ़ोन से कुछ नहीं भेजा गया।";
    PwaWaiting => "Waiting for the network", "नेटवर्क की प्रतीक्षा में";
    PwaDelivered => "Delivered", "पहुँच गया";
    PwaFailed => "Not sent", "नहीं भेजा जा सका";
    PwaDiscard => "Discard", "हटाएँ";
    PwaConfirmDiscard => "Discard this submission from the phone? It has not reached the office.", "यह रिपोर्ट फ़ोन से हटाएँ? यह कार्यालय तक नहीं पहुँची है।";
    PwaOffline => "You are offline. Submissions stay on the phone and are sent when the network returns.", "आप ऑफ़लाइन हैं। रिपोर्ट फ़ोन में रहती है और नेटवर्क आने पर भेजी जाती है।";
    PwaInstall => "Install the Prasar app", "प्रसार ऐप इंस्टॉल करें";
    PwaOpenLinkAgain => "Open your personal link again, then tap “Try again”.", "अपना व्यक्तिगत लिंक फिर से खोलें, फिर “फिर कोशिश करें” दबाएँ।";
    // --- chat export ---
    NavChat => "Chat export", "चैट एक्सपोर्ट";
    ChatEngineFailed => "The chat reader could not be loaded. Check the connection and try again.", "चैट रीडर लोड नहीं हो सका। कनेक्शन जाँचकर फिर कोशिश करें।";
    MonShowAllRows => "Show all", "सभी दिखाएँ";
}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_language_falls_back_to_the_other() {
        assert_eq!(Lang::Hi.pick("उदयपुर", "Udaipur"), "उदयपुर");
        assert_eq!(Lang::En.pick("उदयपुर", "Udaipur"), "Udaipur");
        // LGD names without Hindi; campaign items with only a Hindi title.
        assert_eq!(Lang::Hi.pick(" ", "Alsigarh"), "Alsigarh");
        assert_eq!(Lang::En.pick("हर घर नल", ""), "हर घर नल");
        assert_eq!(Lang::En.pick("", ""), "");
    }

    fn has_devanagari(s: &str) -> bool {
        s.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c))
    }

    #[test]
    fn hindi_text_is_devanagari_and_english_is_not() {
        for &key in Text::ALL {
            let (hi, en) = (key.get(Lang::Hi), key.get(Lang::En));
            // The language switch is labelled in the *other* language on purpose.
            if key == Text::SwitchLanguage {
                assert!(has_devanagari(hi) && !has_devanagari(en));
                continue;
            }
            assert!(has_devanagari(hi), "{key:?} lacks Hindi: {hi:?}");
            assert!(
                !has_devanagari(en),
                "{key:?} English has Devanagari: {en:?}"
            );
        }
    }

    #[test]
    fn lang_codes_round_trip_and_default_is_hindi() {
        assert_eq!(Lang::default(), Lang::Hi);
        for lang in [Lang::Hi, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::En.pick("नमस्ते", "hello"), "hello");
        assert_eq!(Lang::Hi.pick("नमस्ते", "hello"), "नमस्ते");
        assert_eq!(Lang::Hi.pick(" ", "Alsigarh"), "Alsigarh");
    }
}
