//! Place-name normalisation for matching LGD gram panchayat names against PMGSY
//! habitation names. Both are romanisations of Hindi names made by different people, so
//! the same village shows up as "Bhopa Kheda" and "Bhopa Khera", "Chanavada" and
//! "Chanawada", "Bedwas" and "Bedwas Rural".

/// Lower-case ASCII letters only, with the qualifier word "rural" (also written
/// "(Rural)") dropped: `Bargaon(Rural)` and `BARGAON` both become `bargaon`.
pub fn normalize(name: &str) -> String {
    name.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_lowercase())
        .filter(|word| !word.is_empty() && *word != "rural")
        .collect()
}

/// A spelling-variant key: folds the romanisation choices that stand for the same
/// Devanagari letter, so two names with equal keys are the same name written twice.
///
/// - long vowels `ee`/`oo` → `i`/`u`, doubled letters → one (`aa`, `ll`, `dd`)
/// - `w` → `v` (व), `f` → `ph` (फ), `chh` → `ch` (छ), `ia` → `iya`
/// - ड़/ढ़ written `d`, `r` or `rh`: `rh` → `r`, and `d` after the first letter → `r`
///   (ड़ never starts a word, so an initial `d` stays a द/ड)
/// - a final `ay` → `ai` (सराय "Saray"/"Sarai")
pub fn variant_key(name: &str) -> String {
    let mut s = normalize(name);
    for (from, to) in [
        ("ee", "i"),
        ("oo", "u"),
        ("w", "v"),
        ("f", "ph"),
        ("chh", "ch"),
        ("rh", "r"),
        ("ia", "iya"),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for (i, c) in s.chars().enumerate() {
        let c = if i > 0 && c == 'd' { 'r' } else { c };
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    if out.ends_with("ay") {
        out.truncate(out.len() - 2);
        out.push_str("ai");
    }
    out
}

/// The consonant skeleton of a variant key: vowels, `h` and `y` dropped, `v` → `b`
/// (ब and व are interchangeable in Mewari spellings: Kurabad = Kurawar, Ovra = Obra).
/// A fuzzy match must keep the skeleton unless the names are nearly identical.
pub fn skeleton(key: &str) -> String {
    key.chars()
        .filter(|c| !"aeiouhy".contains(*c))
        .map(|c| if c == 'v' { 'b' } else { c })
        .collect()
}

/// Jaro-Winkler threshold for a fuzzy match (on variant keys).
pub const FUZZY_MIN: f64 = 0.93;
/// Above this, a fuzzy match is accepted even if the consonant skeletons differ.
pub const FUZZY_SURE: f64 = 0.96;

/// Similarity of two variant keys if it qualifies as a fuzzy match, else `None`.
pub fn fuzzy_score(key_a: &str, key_b: &str) -> Option<f64> {
    let score = strsim::jaro_winkler(key_a, key_b);
    let qualifies =
        score >= FUZZY_SURE || (score >= FUZZY_MIN && skeleton(key_a) == skeleton(key_b));
    qualifies.then_some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_case_punctuation_and_rural() {
        assert_eq!(normalize("Bargaon(Rural)"), "bargaon");
        assert_eq!(normalize("Bedwas Rural"), "bedwas");
        assert_eq!(normalize("Manwa Khera Rural"), "manwakhera");
        assert_eq!(normalize("Jawar-Mines"), "jawarmines");
        assert_eq!(normalize("Sarangpura (Kanore)"), "sarangpurakanore");
        assert_eq!(normalize("MALI FALA"), "malifala");
        assert_eq!(normalize("Karawara Chak No. 5"), "karawarachakno");
        // "rural" inside a word is part of the name.
        assert_eq!(normalize("Ruralpur"), "ruralpur");
        assert_eq!(normalize("गिर्वा"), "");
    }

    #[test]
    fn variant_keys_fold_romanisation_choices() {
        for (a, b) in [
            ("Bhopa Kheda", "Bhopa Khera"),
            ("Chanavada", "Chanawada"),
            ("Bhallon Ka Guda", "Bhalon Ka Gurha"),
            ("Mohammad Falasiya", "Mohammad Phalasiya"),
            ("Khajuria", "Khajooriya"),
            ("Tulsidas Ji Ki Saray", "Tulsidas Ji Ki Sarai"),
            ("Kaachva", "Kachhwa"),
            ("Pipalbara", "Peepal Bara"),
            ("Semtaal", "Semtal"),
            ("Badgaon", "Bargaon"),
        ] {
            assert_eq!(variant_key(a), variant_key(b), "{a} / {b}");
        }
        // An initial d is a द/ड, not a ड़.
        assert_ne!(variant_key("Dhava"), variant_key("Rhava"));
        assert_ne!(variant_key("Devla"), variant_key("Revla"));
    }

    #[test]
    fn fuzzy_needs_high_similarity_and_the_same_consonants() {
        // Same consonants, small spelling differences.
        assert!(fuzzy_score(&variant_key("Chokadiya"), &variant_key("Chukariya")).is_some());
        assert!(fuzzy_score(&variant_key("Kurabad"), &variant_key("Kurawar")).is_some());
        assert!(fuzzy_score(&variant_key("Ovra Kalan"), &variant_key("Obra Kalan")).is_some());
        // Nearly identical strings pass even with a consonant changed.
        assert!(fuzzy_score(&variant_key("Pograkala"), &variant_key("Pograkalan")).is_some());
        // Similar-looking but different consonants: rejected.
        assert!(fuzzy_score(&variant_key("Gadawan"), &variant_key("Gadawat")).is_none());
        assert!(fuzzy_score(&variant_key("Vijanwas"), &variant_key("Bijanwas")).is_none());
        assert!(fuzzy_score(&variant_key("Saklal"), &variant_key("Salala")).is_none());
        assert!(fuzzy_score(&variant_key("Gogunda"), &variant_key("Gundali")).is_none());
    }
}
