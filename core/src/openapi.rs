//! The OpenAPI 3 document of Tryggve's API, served by the edge at `/api/v1/openapi.json`.
//! Bodies are described by JSON Schemas derived from the very types the edge parses and answers
//! with (`schemars`), so the document cannot drift from them; the operations are the table in
//! `api::operations`, the very one the edge dispatches from.

use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

use crate::api::operations::{Access, Operation, Schemas, Success, ALL};
use crate::api::ErrorBody;

fn path_parameter(name: &str) -> Value {
    let schema = match name {
        "tenant" => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,39}$" }),
        "case" => json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{4,}$" }),
        "dialogue" | "question" => json!({ "type": "integer", "format": "int64", "minimum": 1 }),
        "group" => json!({ "type": "string", "enum": ["staff", "police"] }),
        "resource" => {
            json!({ "type": "string", "enum": ["services.json", "services.xml", "requests.json", "requests.xml"] })
        }
        "file" => json!({ "type": "string", "pattern": "^[^/]+\\.(json|xml)$" }),
        _ => json!({ "type": "string" }),
    };
    // The local demo's values, so that generated requests also reach existing records.
    let example = match name {
        "tenant" => json!("demo"),
        "case" => json!("2026-0001"),
        "email" => json!("moderator@demo.tryggve.se"),
        "group" => json!("staff"),
        "resource" => json!("requests.json"),
        "file" => json!("graffiti.json"),
        _ => json!(1),
    };
    json!({ "name": name, "in": "path", "required": true, "schema": schema, "example": example })
}

fn responses(operation: &Operation, answer: Value, error: &Value) -> Value {
    let mut responses = Map::new();
    match operation.success {
        Success::Json(status) => {
            let content = json!({ "application/json": { "schema": answer } });
            responses.insert(status.to_string(), json!({ "description": "Success", "content": content }));
            if status == 201 {
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
        Success::File(media_type) => {
            let content = json!({ media_type.to_string(): { "schema": answer } });
            responses.insert("200".into(), json!({ "description": "A file", "content": content }));
        }
        Success::JsonOrXml => {
            let content = json!({
                "application/json": { "schema": answer },
                "application/xml": { "schema": { "type": "string" } },
            });
            let (status, refusals) = match operation.method.as_str() {
                "POST" => ("201", &["400", "403"][..]),
                _ => ("200", &["400"][..]),
            };
            let described = json!({ "description": "As JSON or XML, by the extension", "content": content });
            responses.insert(status.into(), described);
            // GeoReport's own errors, in the request's format.
            let errors = json!({ "type": "array", "items": { "type": "object", "required": ["code", "description"],
                "properties": { "code": { "type": "integer" }, "description": { "type": "string" } } } });
            let content = json!({ "application/json": { "schema": errors }, "application/xml": { "schema": { "type": "string" } } });
            for refusal in refusals {
                let description =
                    "GeoReport v2's own error: a field it cannot read (400) or a wrong api_key (403)";
                responses
                    .insert(refusal.to_string(), json!({ "description": description, "content": content }));
            }
        }
        Success::WebSocket => {
            responses.insert("101".into(), json!({ "description": "Switching to the WebSocket protocol" }));
        }
    }
    // Every failure has the same JSON body; the status says which kind (see the README), the
    // code which error.
    let mut codes: Vec<&str> = operation.errors().iter().map(|code| code.id()).collect();
    if operation.checks_fields {
        codes.push("a field error's code (422, with `field`)");
    }
    let description = format!("An error: 4xx for the caller to fix, 5xx ours. Codes: {}", codes.join(", "));
    let error = json!({ "description": description, "content": { "application/json": { "schema": error } } });
    responses.insert("default".into(), error);
    Value::Object(responses)
}

/// The whole document.
pub fn document() -> Value {
    let mut generator = SchemaSettings::openapi3().into_generator();
    let error = serde_json::to_value(generator.subschema_for::<ErrorBody>()).unwrap_or_default();
    let mut paths = Map::new();
    for operation in ALL {
        let Schemas { body, answer } = (operation.schemas)(&mut generator);
        let mut parameters: Vec<Value> = operation.parameter_names().map(path_parameter).collect();
        parameters.extend(operation.query.iter().map(
            |name| json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" } }),
        ));
        if operation.requires_csrf() {
            parameters.push(
                json!({ "name": "X-CSRF-Token", "in": "header", "required": true, "schema": { "type": "string" } }),
            );
        }
        let mut entry = json!({
            "operationId": operation.name,
            "summary": operation.summary.trim(),
            "parameters": parameters,
            "responses": responses(operation, answer, &error),
            "x-error-codes": operation.errors().iter().map(|code| code.id()).collect::<Vec<_>>(),
        });
        let security = match operation.access {
            Access::Public | Access::ConsolePage => None,
            Access::FollowUp | Access::Participant | Access::Walker => Some(json!([{ "bearer": [] }])),
            Access::Moderator | Access::Permitted(_) => Some(json!([{ "session": [] }])),
        };
        if let Some(security) = security {
            entry["security"] = security;
        }
        if operation.success == Success::JsonOrXml && operation.method.as_str() == "POST" {
            // GeoReport posts forms, not JSON.
            let field = json!({ "type": "string" });
            let form = json!({ "type": "object", "required": ["api_key", "service_code", "lat", "long"], "properties": {
                "api_key": field, "service_code": field, "lat": { "type": "number" }, "long": { "type": "number" },
                "description": field, "email": field } });
            entry["requestBody"] = json!({ "required": true, "content": { "application/x-www-form-urlencoded": { "schema": form } } });
        }
        if let Some(body) = body {
            entry["requestBody"] =
                json!({ "required": true, "content": { "application/json": { "schema": body } } });
        }
        let methods = paths.entry(operation.path).or_insert_with(|| json!({}));
        methods[operation.method.as_str().to_ascii_lowercase()] = entry;
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
                "session": { "type": "apiKey", "in": "cookie", "name": "__Host-tryggve_session" }
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
        let documented: usize = paths.values().map(|methods| methods.as_object().unwrap().len()).sum();
        assert_eq!(documented, ALL.len(), "every operation once");
        let vote = &paths["/api/v1/tenants/{tenant}/dialogues/{dialogue}/questions/{question}/votes"]["post"];
        assert_eq!(vote["operationId"], "Vote");
        assert!(vote["x-error-codes"].as_array().unwrap().contains(&json!("already_voted")));
        assert!(vote.get("requestBody").is_none(), "a vote has no body");
        let settings = &paths["/api/v1/console/{tenant}/settings"]["put"];
        assert!(settings["requestBody"].is_object());
        assert_eq!(settings["security"], json!([{ "session": [] }]));
        let report = &doc["components"]["schemas"]["ReportDraft"];
        assert_eq!(report["additionalProperties"], false, "unknown fields are refused, and documented so");
    }
}
