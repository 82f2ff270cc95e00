//! The OpenAPI 3 document of Tryggve's API, served by the edge at `/api/v1/openapi.json`.
//! Bodies are described by JSON Schemas derived from the very types the edge parses and answers
//! with (`schemars`), so the document cannot drift from them; the list of operations below is
//! checked against the running edge by the end-to-end tests and schemathesis.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::api::ErrorBody;
use crate::console::{AuditEntry, LoginRequest, ModeratorView, NewModerator, PasswordChange, SessionInfo};
use crate::dialogue::{
    DialogueAction, DialogueDetails, DialogueSnapshot, ModeratedDialogue, ModeratedQuestion, OwnQuestion,
    Participation, PublicDialogue, PublicQuestion, QuestionAction, QuestionDraft,
};
use crate::public_map::PublicMap;
use crate::reporter::{AccessCodeState, NewAccessCode};
use crate::review::{ModeratedReport, ReviewAction};
use crate::settings::TenantSettings;
use crate::stats::DashboardAnswer;
use crate::{ReportDraft, ReportReceipt, ReportView, TenantConfig};

/// Who may call an operation.
#[derive(Clone, Copy)]
enum Access {
    Public,
    /// `Authorization: Bearer <follow-up code>`.
    FollowUp,
    /// `Authorization: Bearer <participant code>`.
    Participant,
    /// The console's session cookie (and, for changes, the `X-CSRF-Token` header).
    Console,
}

/// What an operation answers when it succeeds.
enum Success {
    Json(u16, Value),
    Empty(u16),
    /// A file: its media type and schema.
    File(&'static str, Value),
    WebSocket,
}

struct Operation {
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    access: Access,
    body: Option<Value>,
    query: Vec<Value>,
    success: Success,
}

fn op(
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    access: Access,
    success: Success,
) -> Operation {
    Operation { method, path, summary, access, body: None, query: Vec::new(), success }
}

impl Operation {
    fn with_body(mut self, schema: Value) -> Self {
        self.body = Some(schema);
        self
    }

    fn with_query(mut self, names: &[&str]) -> Self {
        self.query = names
            .iter()
            .map(|name| json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" } }))
            .collect();
        self
    }
}

fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    serde_json::to_value(generator.subschema_for::<T>()).unwrap_or(Value::Null)
}

fn text() -> Value {
    json!({ "type": "string" })
}

fn path_parameter(name: &str) -> Value {
    let schema = match name {
        "tenant" => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,39}$" }),
        "case" => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{4,}$" }),
        "dialogue" | "question" => json!({ "type": "integer", "format": "int64", "minimum": 1 }),
        "group" => json!({ "type": "string", "enum": ["staff", "police"] }),
        _ => json!({ "type": "string" }),
    };
    // The local demo's values, so that generated requests also reach existing records.
    let example = match name {
        "tenant" => json!("demo"),
        "case" => json!("2026-0001"),
        "email" => json!("moderator@demo.tryggve.se"),
        "group" => json!("staff"),
        _ => json!(1),
    };
    json!({ "name": name, "in": "path", "required": true, "schema": schema, "example": example })
}

fn operations(g: &mut SchemaGenerator) -> Vec<Operation> {
    use Access::*;
    use Success::*;
    vec![
        op("get", "/api/v1/openapi.json", "This document", Public, Json(200, json!({ "type": "object" }))),
        op(
            "post",
            "/api/v1/reports",
            "A resident reports a place (201; a retry with the same key: 200)",
            Public,
            Json(201, schema::<ReportReceipt>(g)),
        )
        .with_body(schema::<ReportDraft>(g)),
        op(
            "get",
            "/api/v1/tenants/{tenant}/config",
            "The municipality's public configuration",
            Public,
            Json(200, schema::<TenantConfig>(g)),
        ),
        op(
            "get",
            "/api/v1/tenants/{tenant}/reports/{case}",
            "The author follows their report",
            FollowUp,
            Json(200, schema::<ReportView>(g)),
        ),
        op(
            "get",
            "/api/v1/tenants/{tenant}/public-reports",
            "The public map of a viewport: approved reports (coarsened) or clusters",
            Public,
            Json(200, schema::<PublicMap>(g)),
        )
        .with_query(&["bbox", "zoom"]),
        op(
            "get",
            "/api/v1/tenants/{tenant}/dialogues",
            "Published dialogues",
            Public,
            Json(200, schema::<Vec<PublicDialogue>>(g)),
        ),
        op(
            "get",
            "/api/v1/tenants/{tenant}/dialogues/{dialogue}",
            "A dialogue with its published questions",
            Public,
            Json(200, schema::<DialogueSnapshot>(g)),
        ),
        op(
            "post",
            "/api/v1/tenants/{tenant}/dialogues/{dialogue}/questions",
            "A resident asks (pending moderation)",
            Participant,
            Json(201, schema::<OwnQuestion>(g)),
        )
        .with_body(schema::<QuestionDraft>(g)),
        op(
            "post",
            "/api/v1/tenants/{tenant}/dialogues/{dialogue}/questions/{question}/votes",
            "One vote per participant and question",
            Participant,
            Json(201, schema::<PublicQuestion>(g)),
        ),
        op(
            "get",
            "/api/v1/tenants/{tenant}/dialogues/{dialogue}/mine",
            "The participant's own questions and votes",
            Participant,
            Json(200, schema::<Participation>(g)),
        ),
        op(
            "get",
            "/api/v1/tenants/{tenant}/dialogues/{dialogue}/live",
            "WebSocket: JSON arrays of live events (`Upgrade: websocket`). Without `Upgrade`: 426 if this client's handshake would be accepted now, 429 (with Retry-After) if refused",
            Public,
            WebSocket,
        ),
        op(
            "post",
            "/api/v1/console/login",
            "A moderator logs in (sets the session cookie)",
            Public,
            Json(200, schema::<SessionInfo>(g)),
        )
        .with_body(schema::<LoginRequest>(g)),
        op("post", "/api/v1/console/logout", "Ends the session", Console, Empty(204)),
        op(
            "get",
            "/api/v1/console/session",
            "Who is logged in",
            Console,
            Json(200, schema::<SessionInfo>(g)),
        ),
        op("post", "/api/v1/console/password", "A moderator changes their own password", Console, Empty(204))
            .with_body(schema::<PasswordChange>(g)),
        op(
            "get",
            "/api/v1/console/{tenant}/reports",
            "The review list",
            Console,
            Json(200, schema::<Vec<ModeratedReport>>(g)),
        )
        .with_query(&["status", "visibility", "category", "from", "to", "area"]),
        op(
            "get",
            "/api/v1/console/{tenant}/reports/{case}",
            "One report for review",
            Console,
            Json(200, schema::<ModeratedReport>(g)),
        ),
        op(
            "post",
            "/api/v1/console/{tenant}/reports/{case}/actions",
            "Approve, reject, set status, redact or merge",
            Console,
            Json(200, schema::<ModeratedReport>(g)),
        )
        .with_body(schema::<ReviewAction>(g)),
        op(
            "get",
            "/api/v1/console/{tenant}/dashboard",
            "The lägesbild",
            Console,
            Json(200, schema::<DashboardAnswer>(g)),
        )
        .with_query(&["status", "visibility", "category", "from", "to", "area", "compile"]),
        op("get", "/api/v1/console/{tenant}/export.csv", "Reports as CSV", Console, File("text/csv", text()))
            .with_query(&["status", "visibility", "category", "from", "to", "area"]),
        op(
            "get",
            "/api/v1/console/{tenant}/export.geojson",
            "Reports as GeoJSON",
            Console,
            File("application/geo+json", json!({ "type": "object" })),
        )
        .with_query(&["status", "visibility", "category", "from", "to", "area"]),
        op(
            "get",
            "/api/v1/console/{tenant}/moderators",
            "Accounts (admins)",
            Console,
            Json(200, schema::<Vec<ModeratorView>>(g)),
        ),
        op(
            "post",
            "/api/v1/console/{tenant}/moderators",
            "Add an account (admins)",
            Console,
            Json(201, schema::<ModeratorView>(g)),
        )
        .with_body(schema::<NewModerator>(g)),
        op(
            "post",
            "/api/v1/console/{tenant}/moderators/{email}/disable",
            "Disable an account (admins)",
            Console,
            Json(200, schema::<ModeratorView>(g)),
        ),
        op(
            "get",
            "/api/v1/console/{tenant}/settings",
            "The municipality's settings (admins)",
            Console,
            Json(200, schema::<TenantSettings>(g)),
        ),
        op(
            "put",
            "/api/v1/console/{tenant}/settings",
            "Replace the municipality's settings (admins)",
            Console,
            Json(200, schema::<TenantSettings>(g)),
        )
        .with_body(schema::<TenantSettings>(g)),
        op(
            "get",
            "/api/v1/console/{tenant}/access-codes",
            "Which reporter groups have an access code (admins)",
            Console,
            Json(200, schema::<Vec<AccessCodeState>>(g)),
        ),
        op(
            "put",
            "/api/v1/console/{tenant}/access-codes/{group}",
            "Set a reporter group's access code (admins; staff, police)",
            Console,
            Json(200, schema::<AccessCodeState>(g)),
        )
        .with_body(schema::<NewAccessCode>(g)),
        op(
            "delete",
            "/api/v1/console/{tenant}/access-codes/{group}",
            "Remove a reporter group's access code (admins)",
            Console,
            Json(200, schema::<AccessCodeState>(g)),
        ),
        op(
            "get",
            "/api/v1/console/{tenant}/audit",
            "The audit log (admins)",
            Console,
            Json(200, schema::<Vec<AuditEntry>>(g)),
        ),
        op(
            "get",
            "/api/v1/console/{tenant}/dialogues",
            "Every dialogue, drafts too",
            Console,
            Json(200, schema::<Vec<PublicDialogue>>(g)),
        ),
        op(
            "post",
            "/api/v1/console/{tenant}/dialogues",
            "A new dialogue (a draft)",
            Console,
            Json(201, schema::<PublicDialogue>(g)),
        )
        .with_body(schema::<DialogueDetails>(g)),
        op(
            "get",
            "/api/v1/console/{tenant}/dialogues/{dialogue}",
            "A dialogue with its questions",
            Console,
            Json(200, schema::<ModeratedDialogue>(g)),
        ),
        op(
            "post",
            "/api/v1/console/{tenant}/dialogues/{dialogue}/actions",
            "Edit, change state, mark the question being answered",
            Console,
            Json(200, schema::<PublicDialogue>(g)),
        )
        .with_body(schema::<DialogueAction>(g)),
        op(
            "post",
            "/api/v1/console/{tenant}/dialogues/{dialogue}/questions/{question}/actions",
            "Approve, reject, merge, mark answered, answer",
            Console,
            Json(200, schema::<ModeratedQuestion>(g)),
        )
        .with_body(schema::<QuestionAction>(g)),
        op(
            "get",
            "/api/v1/console/{tenant}/dialogues/{dialogue}/minutes.md",
            "The minutes as Markdown",
            Console,
            File("text/markdown", text()),
        ),
        op(
            "get",
            "/api/v1/console/{tenant}/dialogues/{dialogue}/minutes.csv",
            "The minutes as CSV",
            Console,
            File("text/csv", text()),
        ),
    ]
}

fn responses(success: &Success, error: &Value) -> Value {
    let mut responses = Map::new();
    match success {
        Success::Json(status, schema) => {
            let content = json!({ "application/json": { "schema": schema } });
            responses.insert(status.to_string(), json!({ "description": "Success", "content": content }));
            if *status == 201 {
                // A retry of something already stored answers 200 with the same body.
                responses.insert(
                    "200".into(),
                    json!({ "description": "Already stored (a retry)", "content": content }),
                );
            }
        }
        Success::Empty(status) => {
            responses.insert(status.to_string(), json!({ "description": "Done" }));
        }
        Success::File(media_type, schema) => {
            let content = json!({ media_type.to_string(): { "schema": schema } });
            responses.insert("200".into(), json!({ "description": "A file", "content": content }));
        }
        Success::WebSocket => {
            responses.insert("101".into(), json!({ "description": "Switching to the WebSocket protocol" }));
        }
    }
    // Every failure has the same JSON body; the status says which kind (see the README).
    let error = json!({ "description": "An error: 4xx for the caller to fix, 5xx ours", "content": { "application/json": { "schema": error } } });
    responses.insert("default".into(), error);
    Value::Object(responses)
}

/// The whole document.
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let error = schema::<ErrorBody>(&mut generator);
    let mut paths = Map::new();
    for operation in operations(&mut generator) {
        let mut parameters: Vec<Value> = operation
            .path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(path_parameter)
            .collect();
        parameters.extend(operation.query);
        let mut entry = json!({
            "summary": operation.summary,
            "parameters": parameters,
            "responses": responses(&operation.success, &error),
        });
        let security = match operation.access {
            Access::Public => None,
            Access::FollowUp | Access::Participant => Some(json!([{ "bearer": [] }])),
            Access::Console => Some(json!([{ "session": [] }])),
        };
        if let Some(security) = security {
            entry["security"] = security;
        }
        if matches!(operation.access, Access::Console) && operation.method == "post" {
            entry["parameters"]
                .as_array_mut()
                .expect("parameters are a list")
                .push(json!({ "name": "X-CSRF-Token", "in": "header", "required": true, "schema": { "type": "string" } }));
        }
        if let Some(body) = operation.body {
            entry["requestBody"] =
                json!({ "required": true, "content": { "application/json": { "schema": body } } });
        }
        let methods = paths.entry(operation.path).or_insert_with(|| json!({}));
        methods[operation.method] = entry;
    }
    let schemas: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Tryggve API",
            "version": "1",
            "description": "Reports of unsafe places, the municipality's review and lägesbild, and live safety dialogues. Errors are always {\"error\": {\"code\", \"message\", \"field\"}}.",
            "license": { "name": "EUPL-1.2" }
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "A report's follow-up code, or a dialogue participant's code (32 hex digits)" },
                "session": { "type": "apiKey", "in": "cookie", "name": "tryggve_session" }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_resolves() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(schemas.contains_key(name), "unresolved {name}");
        }
        assert!(schemas.contains_key("ReportDraft") && schemas.contains_key("QuestionAction"));
    }

    #[test]
    fn operations_name_their_path_parameters_and_errors() {
        let doc = document();
        let paths = doc["paths"].as_object().unwrap();
        assert!(paths.len() >= 25);
        for (path, methods) in paths {
            for (method, operation) in methods.as_object().unwrap() {
                let params: Vec<&str> = operation["parameters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|p| p["in"] == "path")
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                assert_eq!(params.len(), path.matches('{').count(), "{method} {path}");
                assert!(operation["responses"]["default"].is_object(), "{method} {path}");
            }
        }
        let report = &doc["components"]["schemas"]["ReportDraft"];
        assert_eq!(report["additionalProperties"], false, "unknown fields are refused, and documented so");
    }
}
