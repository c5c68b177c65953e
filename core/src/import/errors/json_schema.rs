use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

use super::{Column, FileError, FileWarning, RowError, RowErrorCode};

/// One case: its `code` as a constant, every other key with the JSON type it has.
fn case(example: Value) -> Value {
    let Value::Object(fields) = example else {
        panic!("an import message serialises as an object, not {example}");
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (key, value) in fields {
        let schema = match (key.as_str(), &value) {
            ("code", Value::String(code)) => json!({ "const": code }),
            (_, Value::String(_)) => json!({ "type": "string" }),
            (_, Value::Number(n)) if n.is_u64() => json!({ "type": "integer", "minimum": 0 }),
            (_, Value::Array(items)) if items.iter().all(Value::is_string) => {
                json!({ "type": "array", "items": { "type": "string" } })
            }
            _ => panic!("no schema for {key}: {value}"),
        };
        properties.insert(key.clone(), schema);
        required.push(key);
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn one_of<T: serde::Serialize>(examples: impl IntoIterator<Item = T>) -> Schema {
    let cases: Vec<Value> = examples
        .into_iter()
        .map(|e| case(serde_json::to_value(e).expect("serialises")))
        .collect();
    Schema::try_from(json!({ "oneOf": cases })).expect("an object")
}

impl JsonSchema for RowErrorCode {
    fn schema_name() -> Cow<'static, str> {
        "ImportRowErrorCode".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of(RowErrorCode::EXAMPLES)
    }
}

impl JsonSchema for RowError {
    fn schema_name() -> Cow<'static, str> {
        "ImportRowError".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of(
            RowErrorCode::EXAMPLES
                .into_iter()
                .map(|code| RowError::new(2, Column::UnitCode, code)),
        )
    }
}

impl JsonSchema for FileError {
    fn schema_name() -> Cow<'static, str> {
        "ImportFileError".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of(FileError::examples())
    }
}

impl JsonSchema for FileWarning {
    fn schema_name() -> Cow<'static, str> {
        "ImportFileWarning".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of(FileWarning::examples())
    }
}

#[test]
fn every_example_matches_exactly_one_case() {
    let schema = RowError::json_schema(&mut SchemaGenerator::default()).to_value();
    let cases = schema["oneOf"].as_array().unwrap();
    assert_eq!(cases.len(), RowErrorCode::EXAMPLES.len());
    let codes: std::collections::BTreeSet<&str> = cases
        .iter()
        .map(|c| c["properties"]["code"]["const"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), cases.len(), "codes are distinct");
    let file = FileError::json_schema(&mut SchemaGenerator::default()).to_value();
    let field_count = file["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["properties"]["code"]["const"] == "field_count")
        .unwrap();
    let mut required: Vec<&str> = field_count["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    required.sort_unstable();
    let want = [
        "code",
        "expected",
        "found",
        "message_en",
        "message_hi",
        "row",
    ];
    assert_eq!(required, want);
}
