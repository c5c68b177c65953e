//! The OpenAPI 3.1 description of the worker's JSON API, generated from the DTOs in
//! [`crate::api`] (and the types they use) with `schemars`, and committed as
//! `public/openapi.json`; the worker serves that file at `GET /api/openapi.json`.
//!
//! Test-only: the derives are `cfg_attr(test, …)` and schemars is a dev-dependency, so
//! the worker and the app are built exactly as without it. The tests below keep the
//! committed file equal to what the code generates (`PRASAR_WRITE_OPENAPI=1 cargo test
//! -p prasar-core openapi` rewrites it) and check that every route of
//! `worker/src/routes/mod.rs` is in [`operations`], so the document cannot fall behind.
//!
//! Request bodies are described as the worker reads them (serde's deserialising rules:
//! fields with defaults may be left out), responses as it writes them (every field is
//! present; `null` where empty).

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::api::*;
use crate::auth::SESSION_COOKIE;
use crate::compliance::PeriodKind;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::import::FileError;
use crate::map::geo::{MapOutlines, OutlineLayer};

mod operations;
use operations::*;

/// Where the request generator first puts its schemas; see [`Schemas::components`].
const REQUEST_DEFS: &str = "#/components/requestSchemas";
const DEFS: &str = "#/components/schemas";

/// Two generators: one with serde's deserialising rules (request bodies), one with its
/// serialising rules (responses). A type whose two schemas differ is published twice,
/// the request form under `<Name>Request`.
struct Schemas {
    requests: SchemaGenerator,
    responses: SchemaGenerator,
}

impl Schemas {
    fn new() -> Self {
        let settings = |path: &str| {
            let path = path.to_owned();
            SchemaSettings::draft2020_12().with(move |s| s.definitions_path = path.into())
        };
        Schemas {
            requests: settings(REQUEST_DEFS).for_deserialize().into_generator(),
            responses: settings(DEFS).for_serialize().into_generator(),
        }
    }

    fn req<T: JsonSchema>(&mut self) -> Value {
        self.requests.subschema_for::<T>().to_value()
    }

    fn resp<T: JsonSchema>(&mut self) -> Value {
        self.responses.subschema_for::<T>().to_value()
    }

    /// `components.schemas`, and the document with its request `$ref`s pointed there.
    fn components(mut self, document: &mut Value) -> Map<String, Value> {
        let mut all = self.responses.take_definitions(true);
        let requests = self.requests.take_definitions(true);
        // First decide every request schema's name, then rewrite the references in the
        // document and in the request schemas themselves.
        let mut renamed = Map::new();
        for (name, schema) in &requests {
            let published = match all.get(name) {
                Some(existing) if existing != schema => format!("{name}Request"),
                _ => name.clone(),
            };
            renamed.insert(name.clone(), Value::String(published));
        }
        let rename = |value: &mut Value| retarget_refs(value, &renamed);
        rename(document);
        for (name, mut schema) in requests {
            rename(&mut schema);
            let published = renamed[&name].as_str().expect("a name").to_owned();
            all.insert(published, schema);
        }
        all
    }
}

/// Points `$ref`s into [`REQUEST_DEFS`] at their published names under [`DEFS`].
fn retarget_refs(value: &mut Value, renamed: &Map<String, Value>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref") {
                if let Some(name) = target.strip_prefix(&format!("{REQUEST_DEFS}/")) {
                    let published = renamed[name].as_str().expect("a name");
                    *target = format!("{DEFS}/{published}");
                }
            }
            map.values_mut().for_each(|v| retarget_refs(v, renamed));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| retarget_refs(v, renamed)),
        _ => {}
    }
}

/// Image types the upload validation accepts (`screenshot::ImageFormat`).
const IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];
const CSV: &str = "text/csv";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An id that answers 404 (valid in form, stored nowhere).
const UNKNOWN_UUID: &str = "00000000-0000-4000-8000-000000000000";

fn binary() -> Value {
    json!({ "type": "string", "format": "binary" })
}

/// Path parameters by name: their schema, meaning and an example that reaches real
/// handlers on the Udaipur demo seed (`tools/seed`).
fn path_parameter(name: &str) -> Value {
    let uuid = json!({ "type": "string", "format": "uuid" });
    let (schema, description, example) = match name {
        "group_id" => (
            json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$" }),
            "A WhatsApp group: the id of its gram panchayat (`gp-<LGD code>`) or ward.",
            json!("gp-42356"),
        ),
        "admin_id" => (
            json!({ "type": "string" }),
            "A group admin.",
            json!("admin-demo-0464"),
        ),
        "unit_id" => (
            json!({ "type": "string" }),
            "A unit of the hierarchy: state, district, block, gram panchayat, urban local \
             body or ward.",
            json!("ward-udaipur-mc-2"),
        ),
        "import_id" => (
            json!({ "type": "string" }),
            "An import's dry run (`import_id` of its preview).",
            json!(UNKNOWN_UUID),
        ),
        "submission_id" => (uuid, "A submission (lower-case UUID).", json!(UNKNOWN_UUID)),
        "item_id" => (
            uuid,
            "A campaign item (lower-case UUID).",
            json!(UNKNOWN_UUID),
        ),
        "story_id" => (
            uuid,
            "A success story (lower-case UUID).",
            json!(UNKNOWN_UUID),
        ),
        "check_id" => (
            uuid,
            "A drawn check (lower-case UUID).",
            json!(UNKNOWN_UUID),
        ),
        "position" => (
            json!({ "type": "integer", "minimum": 0, "maximum": MAX_IMAGES_PER_SUBMISSION - 1 }),
            "The screenshot's position in its submission, from 0.",
            json!(0),
        ),
        "photo" => (
            json!({ "type": "integer", "minimum": 0, "maximum": MAX_STORY_PHOTOS - 1 }),
            "The photo's position in its story, from 0.",
            json!(0),
        ),
        "layer" => (
            json!({
                "type": "string",
                "enum": OutlineLayer::ALL.map(OutlineLayer::as_str),
            }),
            "Which outlines: the district boundary or its blocks.",
            json!("blocks"),
        ),
        "z" | "x" | "y" => (
            json!({ "type": "integer", "minimum": 0, "maximum": 1 << 22 }),
            "Slippy-map tile coordinates (zoom, column, row).",
            json!(0),
        ),
        other => panic!("no description for the path parameter {other}"),
    };
    json!({
        "name": name,
        "in": "path",
        "required": true,
        "description": description,
        "schema": schema,
        "example": example,
    })
}

/// How a request is allowed in.
#[derive(Clone, Copy, PartialEq)]
enum Access {
    /// No session (health, sign-in, this document).
    Public,
    /// The session cookie.
    Session,
    /// The session cookie and the CSRF header (every change of state).
    SessionAndCsrf,
}

/// One operation of the worker's router.
struct Op {
    endpoint: Endpoint,
    method: &'static str,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    access: Access,
    parameters: Vec<Value>,
    body: Option<Value>,
    responses: Map<String, Value>,
}

fn op(endpoint: Endpoint) -> Op {
    let access = if endpoint.is_public() {
        Access::Public
    } else if endpoint.method() == Method::Get {
        Access::Session
    } else {
        Access::SessionAndCsrf
    };
    Op {
        endpoint,
        method: endpoint.method().as_str(),
        path: endpoint.path(),
        id: endpoint.operation_id(),
        summary: endpoint.summary(),
        access,
        parameters: Vec::new(),
        body: None,
        responses: Map::new(),
    }
}

impl Op {
    fn query(mut self, name: &str, schema: Value, description: &str) -> Self {
        self.parameters.push(json!({
            "name": name,
            "in": "query",
            "required": false,
            "description": description,
            "schema": schema,
        }));
        self
    }

    fn required_query(
        mut self,
        name: &str,
        schema: Value,
        description: &str,
        example: &str,
    ) -> Self {
        self.parameters.push(json!({
            "name": name,
            "in": "query",
            "required": true,
            "description": description,
            "schema": schema,
            "example": example,
        }));
        self
    }

    fn header(mut self, name: &str, schema: Value, description: &str) -> Self {
        self.parameters.push(json!({
            "name": name,
            "in": "header",
            "required": false,
            "description": description,
            "schema": schema,
        }));
        self
    }

    /// A JSON request body (`schema` from [`Schemas::req`]).
    fn json_body(self, schema: Value) -> Self {
        self.body_of(json!({ "application/json": { "schema": schema } }))
    }

    fn json_body_with_example(self, schema: Value, example: Value) -> Self {
        self.body_of(json!({ "application/json": { "schema": schema, "example": example } }))
    }

    /// Raw bytes of one of `types` as the body.
    fn bytes_body(self, types: &[&str]) -> Self {
        let content: Map<String, Value> = types
            .iter()
            .map(|t| (t.to_string(), json!({ "schema": binary() })))
            .collect();
        self.body_of(Value::Object(content))
    }

    fn body_of(mut self, content: Value) -> Self {
        self.body = Some(json!({ "required": true, "content": content }));
        self
    }

    fn json(mut self, status: u16, schema: Value, description: &str) -> Self {
        self.responses.insert(
            status.to_string(),
            json!({
                "description": description,
                "content": { "application/json": { "schema": schema } },
            }),
        );
        self
    }

    /// A response with any `content` (media type → media object).
    fn response(mut self, status: u16, content: Value, description: &str) -> Self {
        self.responses.insert(
            status.to_string(),
            json!({ "description": description, "content": content }),
        );
        self
    }

    /// 304 to a request whose `If-None-Match` names the current ETag.
    /// A snapshot served with an ETag: the client's `If-None-Match`, the body, and 304.
    fn conditional(self, schema: Value, description: &str) -> Self {
        self.header(
            "If-None-Match",
            json!({ "type": "string" }),
            "The ETag of the copy the client has.",
        )
        .json(200, schema, description)
        .not_modified()
    }

    fn not_modified(mut self) -> Self {
        self.responses.insert(
            "304".into(),
            json!({ "description": "Not modified: the client's copy is current" }),
        );
        self
    }

    fn no_content(mut self, description: &str) -> Self {
        self.responses
            .insert("204".into(), json!({ "description": description }));
        self
    }

    fn bytes(mut self, types: &[&str], description: &str) -> Self {
        let content: Map<String, Value> = types
            .iter()
            .map(|t| (t.to_string(), json!({ "schema": binary() })))
            .collect();
        self.responses.insert(
            "200".into(),
            json!({ "description": description, "content": content }),
        );
        self
    }

    /// OpenAPI links from the `status` responses to the operations `targets`, passing
    /// the new resource's id (`pointer` into the response body) as `parameter`: the
    /// stateful phase of the API fuzz run follows them to reach real resources.
    fn links(mut self, status: u16, parameter: &str, pointer: &str, targets: &[&str]) -> Self {
        let response = self
            .responses
            .get_mut(&status.to_string())
            .expect("links follow their response");
        for target in targets {
            response["links"][*target] = json!({
                "operationId": target,
                "parameters": { parameter: format!("$response.body#{pointer}") },
            });
        }
        self
    }

    fn path_parameters(&self) -> Vec<Value> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .map(path_parameter)
            .collect()
    }

    fn tag(&self) -> String {
        let first = self
            .path
            .trim_start_matches("/api/")
            .split('/')
            .next()
            .unwrap_or_default();
        first.trim_end_matches(".json").to_owned()
    }

    fn to_json(&self) -> Value {
        let mut responses = self.responses.clone();
        responses.insert(
            "default".into(),
            json!({ "$ref": "#/components/responses/Error" }),
        );
        let mut operation = json!({
            "operationId": self.id,
            "summary": self.summary,
            "tags": [self.tag()],
            "responses": responses,
        });
        let parameters: Vec<Value> = self
            .path_parameters()
            .into_iter()
            .chain(self.parameters.iter().cloned())
            .collect();
        if !parameters.is_empty() {
            operation["parameters"] = Value::Array(parameters);
        }
        if let Some(body) = &self.body {
            operation["requestBody"] = body.clone();
        }
        operation["security"] = match self.access {
            Access::Public => json!([]),
            Access::Session => json!([{ "session": [] }]),
            Access::SessionAndCsrf => json!([{ "session": [], "csrf": [] }]),
        };
        operation
    }
}

/// The whole document.
pub fn document() -> Value {
    let mut s = Schemas::new();
    let error = s.resp::<ApiError>();
    let mut paths = Map::new();
    for operation in operations(&mut s) {
        let entry = paths.entry(operation.path).or_insert_with(|| json!({}));
        assert!(
            entry.get(operation.method).is_none(),
            "{} {} twice",
            operation.method,
            operation.path
        );
        entry[operation.method] = operation.to_json();
    }
    let mut document = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Prasar API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The JSON API of Prasar: WhatsApp group registry, daily \
                screenshot submissions, campaign items, success stories and daily \
                monitoring. Officials sign in with a password, group admins with a \
                personal link; both get an HttpOnly session cookie. Every change of state \
                also needs the session's CSRF token (from `GET /api/session`) in the \
                `X-CSRF-Token` header. Errors are JSON with a machine-readable `code` and \
                the message in English and Hindi. Generated from the Rust types \
                (prasar-core `openapi.rs`).",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": SESSION_COOKIE,
                    "description": "Set by the sign-in endpoints.",
                },
                "csrf": {
                    "type": "apiKey",
                    "in": "header",
                    "name": CSRF_HEADER,
                    "description": "`csrf_token` of `GET /api/session`; required on every \
                        request that is not a GET.",
                },
            },
            "responses": {
                "Error": {
                    "description": "An error, in English and Hindi",
                    "content": { "application/json": { "schema": error } },
                },
            },
        },
    });
    let mut schemas = s.components(&mut document);
    schemas.insert("ImportFileRejected".into(), import_file_rejected());
    document["components"]["schemas"] = Value::Object(schemas);
    document
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn repo_file(path: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    }

    fn text() -> String {
        serde_json::to_string_pretty(&document()).unwrap() + "\n"
    }

    #[test]
    fn committed_document_is_current() {
        let file = repo_file("public/openapi.json");
        let generated = text();
        if std::env::var_os("PRASAR_WRITE_OPENAPI").is_some() {
            std::fs::write(&file, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            committed == generated,
            "public/openapi.json is out of date: run \
             PRASAR_WRITE_OPENAPI=1 cargo test -p prasar-core openapi"
        );
    }

    /// The worker routes by [`Endpoint`] (an exhaustive match); the document must
    /// describe each endpoint once, in the order they are matched.
    #[test]
    fn every_endpoint_is_documented_once_in_order() {
        let mut s = Schemas::new();
        let documented: Vec<Endpoint> = operations(&mut s).iter().map(|o| o.endpoint).collect();
        assert_eq!(documented, Endpoint::ALL);
    }

    #[test]
    fn every_reference_resolves_and_ids_are_unique() {
        let doc = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|v| refs(v, out));
                }
                Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(&doc, &mut all);
        assert!(!all.is_empty());
        for r in &all {
            if let Some(name) = r.strip_prefix(&format!("{DEFS}/")) {
                assert!(schemas.contains_key(name), "{r} does not resolve");
            } else {
                assert_eq!(r, "#/components/responses/Error");
            }
        }
        let mut ids = BTreeSet::new();
        let mut link_targets = Vec::new();
        for (_, item) in doc["paths"].as_object().unwrap() {
            for (_, operation) in item.as_object().unwrap() {
                let id = operation["operationId"].as_str().unwrap();
                assert!(ids.insert(id.to_owned()), "operationId {id} twice");
                for (_, response) in operation["responses"].as_object().unwrap() {
                    for (_, link) in response["links"].as_object().into_iter().flatten() {
                        link_targets.push(link["operationId"].as_str().unwrap().to_owned());
                    }
                }
            }
        }
        assert!(link_targets.len() > 10);
        for target in link_targets {
            assert!(
                ids.contains(&target),
                "a link to the unknown operation {target}"
            );
        }
    }

    #[test]
    fn requests_and_responses_follow_serdes_rules() {
        let doc = document();
        let schemas = &doc["components"]["schemas"];
        // Responses always carry every field, `null` when empty…
        let me = &schemas["Me"];
        assert!(me["required"].as_array().unwrap().contains(&json!("role")));
        // …requests may leave out fields that have defaults.
        let new_submission = &schemas["NewSubmission"]["required"];
        assert_eq!(new_submission, &json!(["client_key", "image_count"]));
        // A type used both ways is published in both forms.
        assert!(schemas["CampaignItemInput"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("link_url")));
        assert!(!schemas["CampaignItemInputRequest"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("link_url")));
        let create = &doc["paths"]["/api/campaign-items"]["post"];
        assert_eq!(
            create["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/CampaignItemInputRequest"
        );
        // Every operation answers errors as ApiError.
        let error = &doc["components"]["responses"]["Error"]["content"]["application/json"];
        assert_eq!(error["schema"]["$ref"], "#/components/schemas/ApiError");
        let codes = schemas["ErrorCode"]["enum"].as_array().unwrap();
        assert_eq!(codes.len(), crate::error::ErrorCode::ALL.len());
    }
}
