//! Tenants and moderator accounts for local databases, as SQL for `wrangler d1 execute`.
//! The same statements serve `cargo xtask moderator add` (also with `--remote` in production).

use std::io::Read;

use tryggve_core::moderation::Role;
use tryggve_core::{password, TenantConfig};

pub struct Moderator<'a> {
    pub tenant: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password: &'a str,
}

/// The demo municipality's accounts, printed by `cargo xtask run` (local demo only).
pub const DEMO_MODERATORS: [Moderator<'static>; 4] = [
    Moderator {
        tenant: "demo",
        email: "admin@demo.tryggve.se",
        name: "Alva Admin",
        role: Role::Admin,
        password: "demo-admin-lösen",
    },
    Moderator {
        tenant: "demo",
        email: "moderator@demo.tryggve.se",
        name: "Maja Moderator",
        role: Role::Moderator,
        password: "demo-moderator-lösen",
    },
    Moderator {
        tenant: "demo",
        email: "svarare@demo.tryggve.se",
        name: "Sven Svarare",
        role: Role::Responder,
        password: "demo-svarare-lösen",
    },
    Moderator {
        tenant: "demo",
        email: "polis@demo.tryggve.se",
        name: "Olle Observatör",
        role: Role::Observer,
        password: "demo-observatör-lösen",
    },
];

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Creates or refreshes a tenant and adds its embedding origins.
pub fn tenant_sql(tenant: &TenantConfig, origins: &[String]) -> String {
    tenant_sql_with(
        tenant,
        origins,
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, config = excluded.config",
    )
}

/// Creates a tenant unless it exists (keeping what its admins changed in the console), and
/// adds its embedding origins.
pub fn new_tenant_sql(tenant: &TenantConfig, origins: &[String]) -> String {
    tenant_sql_with(tenant, origins, "ON CONFLICT(id) DO NOTHING")
}

fn tenant_sql_with(tenant: &TenantConfig, origins: &[String], on_conflict: &str) -> String {
    let config = serde_json::to_string(tenant).expect("a tenant configuration serialises");
    let mut sql = format!(
        "INSERT INTO tenants (id, name, config) VALUES ({}, {}, {}) {on_conflict};\n",
        quote(&tenant.id),
        quote(&tenant.name),
        quote(&config)
    );
    for origin in origins {
        sql += &format!(
            "INSERT OR IGNORE INTO tenant_origins (tenant_id, origin) VALUES ({}, {});\n",
            quote(&tenant.id),
            quote(origin)
        );
    }
    sql
}

/// Creates the account, or resets its name, role and password (and re-enables it).
pub fn moderator_sql(m: &Moderator) -> Result<String, String> {
    let mut salt = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut salt))
        .map_err(|e| format!("no randomness for the salt: {e}"))?;
    let hash = password::hash(m.password, &salt).map_err(|e| format!("password refused: {e:?}"))?;
    Ok(format!(
        "INSERT INTO moderators (tenant_id, email, display_name, role, password_hash) VALUES ({}, {}, {}, {}, {}) \
         ON CONFLICT(tenant_id, email) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, \
         password_hash = excluded.password_hash, disabled_at = NULL;\n",
        quote(m.tenant),
        quote(&m.email.to_lowercase()),
        quote(m.name),
        quote(m.role.id()),
        quote(&hash)
    ))
}

/// A published dialogue for the demo page, a week ahead, with two questions already approved,
/// created only once (a developer's own dialogues are kept across runs).
/// The demo's access code for municipal staff (local demo only), so that reporting as staff
/// can be tried out.
pub const DEMO_STAFF_CODE: &str = "demo-personal-2026";

/// The edge's secrets for local use (not secret), passed to `wrangler dev` with `--var`; the
/// tests compute the same hashes from them.
pub const LOCAL_SECRETS: [(&str, &str); 3] = [
    ("CLIENT_SALT", "local-development-salt"),
    ("ACCESS_CODE_PEPPER", LOCAL_ACCESS_CODE_PEPPER),
    ("PARTICIPANT_KEY", "local-development-participant-key"),
];
const LOCAL_ACCESS_CODE_PEPPER: &str = "local-development-pepper";

/// Sets the demo's staff access code unless an admin has set another.
pub fn demo_access_code_sql() -> String {
    let hash = tryggve_core::password::access_code_hash(
        LOCAL_ACCESS_CODE_PEPPER,
        "demo",
        tryggve_core::reporter::ReporterGroup::Staff,
        DEMO_STAFF_CODE,
    );
    format!(
        "INSERT INTO access_codes (tenant_id, reporter_group, code_hash, updated_at) \
         VALUES ('demo', 'staff', {}, '2026-01-01T00:00:00.000Z') ON CONFLICT DO NOTHING;\n",
        quote(&hash)
    )
}

pub fn demo_dialogue_sql() -> String {
    r#"INSERT INTO dialogues (tenant_id, title, description, place, starts_at, ends_at, stream_url, panel, state, created_at, updated_at)
SELECT 'demo', 'Trygghetsdialog: kvällar i centrum',
  'Hur känns det att röra sig i centrum på kvällen? Ställ dina frågor till kommunen och polisen, före och under mötet.',
  'Kommunhuset, sessionssalen', strftime('%Y-%m-%dT18:00', 'now', '+7 days'), strftime('%Y-%m-%dT19:30', 'now', '+7 days'),
  'https://example.se/direktsandning', '[{"name":"Anna Ek","title":"Kommunpolis"},{"name":"Olle Berg","title":"Kommunstyrelsens ordförande"}]',
  'open', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE NOT EXISTS (SELECT 1 FROM dialogues WHERE tenant_id = 'demo');
INSERT INTO questions (tenant_id, dialogue_id, participant_hash, text, status, published, votes, asked_at, revision)
SELECT 'demo', d.id, 'demo', q.text, 'approved', 1, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1
FROM dialogues d, (SELECT 'Kan gångtunneln vid stationen få bättre belysning?' AS text
                   UNION ALL SELECT 'Varför patrullerar polisen så sällan på fredagskvällar?') q
WHERE d.tenant_id = 'demo' AND NOT EXISTS (SELECT 1 FROM questions WHERE tenant_id = 'demo');
"#
    .to_string()
}
