use proptest::prelude::*;

use super::*;

#[test]
fn accepted_forms_normalise_to_plus_91() {
    for input in [
        "9876543210",
        " 9876543210 ",
        "98765 43210",
        "98765-43210",
        "987-654-3210",
        "+91 98765 43210",
        "+919876543210",
        "+91-98765-43210",
        "+ 91 98765 43210",
        "091-98765-43210",
        "0 98765 43210",
        "09876543210",
        "919876543210",
        "91 98765 43210",
        "0091 98765 43210",
        "98765\u{a0}43210",
        // Excel's number-to-text forms.
        "9876543210.0",
        "9876543210.00",
        "9.87654321E9",
        "9.87654321e9",
        "9.87654321E+09",
        "9.87654321E+9",
        "9.19876543210E11",
        "919876543210.0",
    ] {
        assert_eq!(
            normalize_indian_mobile(input).as_deref(),
            Some("+919876543210"),
            "{input:?}"
        );
    }
    for (input, expected) in [
        ("6000000000", "+916000000000"),
        ("7012345678", "+917012345678"),
        ("8123456789", "+918123456789"),
        ("9000000001", "+919000000001"),
        // Ten digits that start with 91 are a national number, not a prefix.
        ("9198765432", "+919198765432"),
    ] {
        assert_eq!(
            normalize_indian_mobile(input).as_deref(),
            Some(expected),
            "{input}"
        );
    }
}

#[test]
fn everything_else_is_refused() {
    for input in [
        "",
        "   ",
        "5876543210",
        "0876543210",
        "1234567890",
        "987654321",
        "98765432101",
        "+9876543210",
        "+19876543210",
        "+9109876543210",
        "+91 5876543210",
        "++919876543210",
        "91+9876543210",
        "9876543210+",
        "-9876543210",
        "98765 43210-",
        "98765  43210",
        "98765--43210",
        "(98765) 43210",
        "98765.43210",
        "9876543210.5",
        "9876543210.",
        ".9876543210",
        "9876543210 ext 1",
        "९८७६५४३२१०",
        "98765४३२१०",
        "=9876543210",
        "@9876543210",
        "9.88E+09",
        "9.876E9",
        "9.87654321E10",
        "98.7654321E8",
        "9.87654321E-9",
        "9.87654321E",
        "E9",
        "0123456789",
        "022 2345 6789",
        "+91 22 2345 6789",
        "98765\t43210",
        "919876543210919876543210",
        &"9".repeat(100),
    ] {
        assert_eq!(normalize_indian_mobile(input), None, "{input:?}");
    }
    // A trailing line break is trimmed like any whitespace; an inner one is refused.
    assert_eq!(
        normalize_indian_mobile("9876543210\n").as_deref(),
        Some("+919876543210")
    );
    assert_eq!(normalize_indian_mobile("98765\n43210"), None);
}

fn national() -> impl Strategy<Value = String> {
    ("[6-9]", "[0-9]{9}").prop_map(|(a, b)| format!("{a}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_written_form_of_a_number_is_the_same_number(n in national(), form in 0usize..8) {
        let written = match form {
            0 => n.clone(),
            1 => format!("+91{n}"),
            2 => format!("+91 {} {}", &n[..5], &n[5..]),
            3 => format!("0{n}"),
            4 => format!("91{n}"),
            5 => format!("091-{}-{}", &n[..5], &n[5..]),
            6 => format!("{n}.0"),
            _ => format!("{}.{}E9", &n[..1], &n[1..]),
        };
        // A mantissa rounded to under seven digits is refused (it may be Excel's display).
        let rounded = form == 7 && n.trim_end_matches('0').len() < 7;
        let expected = (!rounded).then(|| format!("+91{n}"));
        prop_assert_eq!(normalize_indian_mobile(&written), expected);
    }

    #[test]
    fn any_text_gives_none_or_a_well_formed_number(s in "\\PC{0,30}") {
        if let Some(m) = normalize_indian_mobile(&s) {
            prop_assert_eq!(m.len(), 13);
            prop_assert!(m.starts_with("+91"));
            prop_assert!(matches!(m.as_bytes()[3], b'6'..=b'9'));
            prop_assert!(m[3..].bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
