use super::*;
use crate::import::parse_import;

fn snapshot() -> Snapshot {
    let unit = |id: &str, kind: &str, code: &str, parent: Option<&str>| ExistingUnit {
        id: id.into(),
        kind: kind.into(),
        code: code.into(),
        parent_id: parent.map(Into::into),
        block_id: None,
        name_en: "Girwa".into(),
        name_hi: "गिर्वा".into(),
        lon: None,
        lat: None,
        location_exact: 0,
        group_id: None,
        group_name: None,
        invite_link: None,
        member_limit: None,
        member_count: None,
        assignment_id: None,
        admin_id: None,
    };
    let mut gp = unit("gp-42356", "gram_panchayat", "42356", Some("block-1378"));
    gp.name_en = "Alsigarh".into();
    gp.name_hi = String::new();
    gp.lon = Some(73.6);
    gp.lat = Some(24.5);
    gp.location_exact = 1;
    gp.group_id = Some("gp-42356".into());
    gp.group_name = Some("Alsigarh सूचना समूह".into());
    gp.member_limit = Some(1024);
    gp.member_count = Some(500);
    gp.assignment_id = Some("asg-1".into());
    gp.admin_id = Some("admin-1".into());
    Snapshot {
        state_id: "state-08".into(),
        district_id: "district-108".into(),
        district_code: "108".into(),
        units: vec![
            unit("block-1378", "block", "1378", Some("district-108")),
            gp,
        ],
        admins: vec![ExistingAdmin {
            id: "admin-1".into(),
            name: "Demo Admin".into(),
            mobile: "+919000000001".into(),
            designation: "VDO".into(),
            department: "PR".into(),
        }],
        foreign: HashMap::from([(
            "gp-42634".to_owned(),
            ForeignUnit {
                id: "gp-42634".into(),
                district_name_en: "Salumbar".into(),
                district_name_hi: "सलूम्बर".into(),
            },
        )]),
    }
}

fn run(csv: &str) -> Outcome {
    let parsed = parse_import(csv.as_bytes()).expect("parses");
    let mut n = 0;
    plan(&parsed, &snapshot(), &mut |p| {
        n += 1;
        format!("{p}-new-{n}")
    })
}

const HEADER: &str = "unit_type,unit_code,unit_name_en,unit_name_hi,parent_code,group_name,member_count,admin_name,admin_mobile,admin_designation,admin_department\n";

#[test]
fn unchanged_rows_plan_nothing() {
    let out = run(&format!(
        "{HEADER}gp,42356,Alsigarh,,1378,Alsigarh सूचना समूह,500,Demo Admin,9000000001,VDO,PR\n"
    ));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.plan, Plan::default());
    assert_eq!(out.counts.unchanged, 1);
    assert_eq!(out.changes[0].action, ImportAction::Unchanged);
}

#[test]
fn changes_are_listed_by_field() {
    let out = run(&format!(
        "{HEADER}gp,42356,Alsigarh,अलसीगढ़,1378,Alsigarh सूचना समूह,640,Demo Admin,9000000001,VDO,PR\n"
    ));
    assert_eq!(out.counts.updated, 1);
    assert_eq!(
        out.changes[0].fields_changed,
        vec!["name_hi", "member_count"]
    );
    assert_eq!(out.plan.units[0].name_hi, "अलसीगढ़");
    assert_eq!(
        out.plan.units[0].lon,
        Some(73.6),
        "location kept when the file has none"
    );
    assert_eq!(out.plan.member_counts[0].member_count, 640);
    assert!(out.plan.assignments.is_empty());
}

#[test]
fn a_new_admin_replaces_the_current_one() {
    let out = run(&format!(
        "{HEADER}gp,42356,Alsigarh,,1378,Alsigarh सूचना समूह,500,Sita Devi,9812345678,Patwari,Revenue\n"
    ));
    assert_eq!(out.changes[0].fields_changed, vec!["admin"]);
    assert_eq!(out.plan.admins[0].mobile, "+919812345678");
    let a = &out.plan.assignments[0];
    assert_eq!(a.closes.as_deref(), Some("asg-1"));
    assert_eq!(a.admin_id, out.plan.admins[0].id);
}

#[test]
fn another_districts_code_is_a_row_error_naming_that_district() {
    let csv = format!(
        "{HEADER}gp,42634,Adkaliya,,1378,Hijacked,10,Evil Admin,9812345670,VDO,PR\ngp,99001,Naya Gaon,,1378,,,,,,\n"
    );
    let parsed = parse_import(csv.as_bytes()).expect("parses");
    assert_eq!(
        foreign_candidates(&parsed, "108"),
        vec!["gp-42634".to_owned(), "gp-99001".to_owned()]
    );
    let out = run(&csv);
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    let e = &out.errors[0];
    assert_eq!(
        (e.code.as_str(), e.row, e.column.as_deref()),
        ("unit_in_other_district", Some(2), Some("unit_code"))
    );
    assert!(e.message_en.contains("Salumbar"), "{}", e.message_en);
    assert!(e.message_hi.contains("सलूम्बर"), "{}", e.message_hi);
    // Nothing of the row is planned, not even its group or admin.
    assert!(out.plan.units.iter().all(|u| u.id != "gp-42634"));
    assert!(out.plan.groups.iter().all(|g| g.id != "gp-42634"));
    assert!(out
        .plan
        .assignments
        .iter()
        .all(|a| a.group_id != "gp-42634"));
    assert!(out.plan.admins.is_empty());
}

#[test]
fn new_units_may_hang_from_parents_in_the_same_file() {
    let out = run(&format!(
        "{HEADER}gp,99001,Naya Gaon,,7777,,,,,,\nblock,7777,New Block,,108,,,,,,\nward,UDR-MC-W81,Ward 81,,UDR-MC,,,,,,\n"
    ));
    // The ward's ULB exists neither in the district nor in the file.
    assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
    assert_eq!(out.errors[0].code, "unknown_parent");
    assert_eq!(out.errors[0].row, Some(4));
    assert!(out.errors[0].message_hi.contains("UDR-MC"));
    assert_eq!(out.counts.created, 2);
    let gp = out.plan.units.iter().find(|u| u.code == "99001").unwrap();
    assert_eq!(gp.parent_id, "block-7777");
    assert_eq!(gp.block_id.as_deref(), Some("block-7777"));
    assert_eq!(out.plan.groups[0].id, "gp-99001");
    assert_eq!(out.plan.groups[0].member_limit, 1024);
}

#[test]
fn blocks_must_belong_to_this_district() {
    let out = run(&format!("{HEADER}block,8888,Elsewhere,,999,,,,,,\n"));
    assert_eq!(out.errors[0].code, "unknown_parent");
    assert!(out.plan.units.is_empty());
}

#[test]
fn office_codes_get_district_qualified_ids() {
    assert_eq!(
        new_unit_id(UnitType::GramPanchayat, "42356", "108"),
        "gp-42356"
    );
    assert_eq!(
        new_unit_id(UnitType::Ward, "UDR-MC-W81", "108"),
        "ward-108-udr-mc-w81"
    );
}
