//! Running the edge locally with wrangler (workerd + local D1): migrations, the demo tenant,
//! serving, and the end-to-end test run against a fresh database.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tryggve_core::TenantConfig;

use crate::setup::Tools;
use crate::{root, run_command, seed, Result};

fn wrangler(tools: &Tools) -> Command {
    let mut command = tools.node_command(root().join("node_modules/.bin/wrangler"));
    command.arg("--config").arg(root().join("edge/wrangler.toml"));
    command
}

/// Which D1 database a command works on.
pub enum Database<'a> {
    /// The local one wrangler dev uses, under this directory.
    Local(&'a Path),
    /// The production database on Cloudflare (needs `wrangler login`).
    Remote,
}

impl Database<'_> {
    fn args(&self, command: &mut Command) {
        match self {
            Database::Local(state) => command.args(["--local", "--persist-to"]).arg(state),
            Database::Remote => command.arg("--remote"),
        };
    }
}

pub fn migrate(tools: &Tools, db: &Database) -> Result {
    let mut command = wrangler(tools);
    command.args(["d1", "migrations", "apply", "DB"]);
    db.args(&mut command);
    run_command(&mut command)
}

/// Runs SQL statements against the database (quietly: the SQL may hold password hashes).
pub fn execute_sql(tools: &Tools, db: &Database, sql: &str) -> Result {
    let file = root().join("target/xtask-statements.sql");
    std::fs::create_dir_all(root().join("target")).map_err(|e| e.to_string())?;
    std::fs::write(&file, sql).map_err(|e| e.to_string())?;
    let mut command = wrangler(tools);
    command.args(["d1", "execute", "DB"]).arg("--file").arg(&file);
    db.args(&mut command);
    let output = command.output().map_err(|e| format!("wrangler d1 execute: {e}"))?;
    let _ = std::fs::remove_file(&file);
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("wrangler d1 execute failed:\n{}", String::from_utf8_lossy(&output.stderr)))
    }
}

/// Migrations, the demo municipality (allowing pages served on `port`), its accounts and a dialogue.
pub fn prepare_demo(tools: &Tools, state: &Path, port: u16, extra_sql: &str) -> Result {
    let db = Database::Local(state);
    migrate(tools, &db)?;
    let origins = [format!("http://127.0.0.1:{port}"), format!("http://localhost:{port}")];
    let mut sql = seed::new_tenant_sql(&TenantConfig::demo(), &origins);
    for moderator in &seed::DEMO_MODERATORS {
        sql += &seed::moderator_sql(moderator)?;
    }
    sql += &seed::demo_dialogue_sql();
    sql += &seed::demo_access_code_sql();
    sql += extra_sql;
    execute_sql(tools, &db, &sql)
}

/// `seed::LOCAL_SECRETS` as a JSON object.
fn local_secrets_json() -> String {
    let secrets: serde_json::Map<String, serde_json::Value> =
        seed::LOCAL_SECRETS.iter().map(|(name, value)| (name.to_string(), (*value).into())).collect();
    serde_json::Value::Object(secrets).to_string()
}

fn dev_server(tools: &Tools, state: &Path, port: u16) -> Command {
    let mut command = wrangler(tools);
    command
        .args(["dev", "--local", "--ip", "127.0.0.1", "--port", &port.to_string(), "--persist-to"])
        .arg(state)
        .args(["--show-interactive-dev-session=false", "--log-level", "warn"])
        // Turnstile cannot be reached from here: its local fake verifier (edge/src/human.rs).
        .args(["--var", "TURNSTILE_VERIFIER:fake"])
        // Local workerd has no jurisdictions (DurableObjectNamespace.jurisdiction fails): the
        // local rooms run unrestricted, as everything local does.
        .args(["--var", "DATA_JURISDICTION:"])
        .args(
            seed::LOCAL_SECRETS
                .iter()
                .flat_map(|(name, value)| ["--var".to_string(), format!("{name}:{value}")]),
        )
        // Lets tests (and developers) run the daily job at once: GET /__scheduled.
        .arg("--test-scheduled");
    command
}

pub fn serve_foreground(tools: &Tools, state: &Path, port: u16) -> Result {
    run_command(&mut dev_server(tools, state, port))
}

/// Builds a fresh database, starts wrangler dev on a free port, runs the Node test files
/// under tests/ against it (headless Chromium for the browser ones), and stops the server.
pub fn end_to_end(tools: &Tools, files: &[String]) -> Result {
    let root = root();
    let work = root.join("target/e2e");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("artifacts")).map_err(|e| e.to_string())?;
    let state = work.join("state");
    let port = free_port()?;
    // The embedding examples are served from another origin, as a municipal site would be.
    let examples_port = free_port()?;
    prepare_demo(tools, &state, port, &test_fixtures(examples_port)?)?;

    let log = std::fs::File::create(work.join("wrangler.log")).map_err(|e| e.to_string())?;
    let mut server = Server({
        use std::os::unix::process::CommandExt;
        dev_server(tools, &state, port)
            .process_group(0)
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start wrangler dev: {e}"))?
    });
    let base = format!("http://127.0.0.1:{port}");
    wait_until_ready(port, &mut server.0)
        .map_err(|e| format!("{e}; see {}", work.join("wrangler.log").display()))?;

    let mut tests = tools.node_command(tools.node_bin.join("node"));
    tests
        .args(["--test", "--test-concurrency=1", "--test-timeout=120000"])
        .arg("--test-reporter=spec")
        .args(if files.is_empty() { vec!["tests/*.test.mjs".to_string()] } else { files.to_vec() })
        .env("TRYGGVE_EDGE", &base)
        .env("TRYGGVE_STATE", &state)
        .env("TRYGGVE_EXAMPLES_PORT", examples_port.to_string())
        .env("TRYGGVE_ARTIFACTS", work.join("artifacts"))
        // For tests that start an edge of their own, or compute what the edge hashes.
        .env("TRYGGVE_SECRETS", local_secrets_json());
    if let Some(python) = &tools.python {
        tests.env("TRYGGVE_PYTHON", python);
    }
    let outcome = run_command(&mut tests).and_then(|()| match (&tools.schemathesis, files.is_empty()) {
        (Some(schemathesis), true) => property_based(schemathesis, &base, &work),
        _ => Ok(()),
    });
    drop(server);
    outcome
}

/// schemathesis against the running edge, from the OpenAPI document it serves: generated
/// requests to every operation (valid and invalid), a bounded number each, with a fixed seed.
/// Every answer must be no 5xx and must match the document.
fn property_based(schemathesis: &Path, base: &str, work: &Path) -> Result {
    // Signed in as the demo's admin, so that console operations are exercised beyond the 401.
    let port: u16 =
        base.rsplit(':').next().and_then(|p| p.parse().ok()).ok_or("no port in the edge's address")?;
    let (cookie, csrf) = console_session(port, &seed::DEMO_MODERATORS[0])
        .ok_or("could not log in to the test edge for schemathesis")?;
    run_command(
        Command::new(schemathesis)
            .arg("run")
            .args(["--header", &format!("Cookie: {cookie}"), "--header", &format!("X-CSRF-Token: {csrf}")])
            // Logging out would end the session for the operations after it.
            .args(["--exclude-path", "/api/v1/console/logout"])
            .arg(format!("{base}/api/v1/openapi.json"))
            .args(["--checks", "not_a_server_error,response_schema_conformance,content_type_conformance"])
            // One worker: CPython 3.11 can fail compiling schemathesis' strategies on two threads.
            .args(["--max-examples", "12", "--seed", "2026", "--workers", "1"])
            .args(["--phases", "examples,coverage,fuzzing", "--generation-database", "none"])
            .args(["--request-timeout", "20", "--no-color"])
            .arg("--report-junit-path")
            .arg(work.join("artifacts/schemathesis.xml"))
            .args(["--report", "junit"]),
    )
}

/// A second municipality with its own administrator, so that tests can check that tenants
/// cannot reach each other's data; and the origin the embedding examples are served from.
fn test_fixtures(examples_port: u16) -> Result<String> {
    let mut neighbour = TenantConfig::demo();
    neighbour.id = "grannby".into();
    neighbour.name = "Grannby kommun".into();
    let admin = seed::Moderator {
        tenant: "grannby",
        email: "admin@grannby.example",
        name: "Greta Grannby",
        role: tryggve_core::moderation::Role::Admin,
        password: "grannby-admin-lösen",
    };
    let examples = seed::tenant_sql(&TenantConfig::demo(), &[format!("http://127.0.0.1:{examples_port}")]);
    // A municipality with a tight limit, for the rate-limit tests.
    let mut strict = TenantConfig::demo();
    strict.id = "strikt".into();
    strict.name = "Strikt kommun".into();
    strict.limits.reports_per_hour = 3;
    strict.limits.questions_per_hour = 2;
    strict.limits.votes_per_hour = 2;
    strict.limits.participants_per_hour = 2;
    strict.limits.live_connections_per_client = 3;
    strict.limits.live_joins_per_hour = 6;
    // A municipality that asks for Turnstile's human check (Cloudflare's always-passes test key).
    let mut guarded = TenantConfig::demo();
    guarded.id = "vaktad".into();
    guarded.name = "Vaktad kommun".into();
    guarded.turnstile_site_key = Some("1x00000000000000000000AA".into());
    // A guarded municipality with a tight limit: failed human checks count against it too.
    let mut gated = guarded.clone();
    gated.id = "grindby".into();
    gated.name = "Grindby kommun".into();
    gated.limits.reports_per_hour = 2;
    // Municipalities of their own for the tests whose admins edit settings (one through the
    // API, one in the console, from an empty questionnaire), guess access codes until locked
    // out, approve hundreds of reports, page through a long review list, edit categories,
    // count and export more reports than a page, watch the public cache, define units, follow measures,
    // or change reports under the lägesbild's kept counts; one speaks Swedish only.
    let mut fixtures = String::new();
    for (id, name) in [
        ("installt", "Inställd kommun"),
        ("enkat", "Enkätby kommun"),
        ("gissby", "Gissby kommun"),
        ("storstad", "Storstads kommun"),
        ("listby", "Listby kommun"),
        ("kategoriby", "Kategoriby kommun"),
        ("lagesby", "Lägesby kommun"),
        ("cacheby", "Cacheby kommun"),
        ("enhetsby", "Enhetsby kommun"),
        ("ruttby", "Ruttby kommun"),
        ("atgardsby", "Åtgärdsby kommun"),
        ("planby", "Planby kommun"),
        ("foljby", "Följby kommun"),
        ("tidby", "Tidby kommun"),
        ("radsby", "Rådsby kommun"),
        ("oppenby", "Öppenby kommun"),
        ("kopplingsby", "Kopplingsby kommun"),
        ("medlemsby", "Medlemsby kommun"),
        ("hookby", "Hookby kommun"),
        ("krokby", "Krokby kommun"),
        ("vandringsby", "Vandringsby kommun"),
        ("lagerby", "Lagerby kommun"),
        ("kartby", "Kartby kommun"),
        ("polisby", "Polisby kommun"),
        ("ortby", "Ortby kommun"),
        ("matby", "Mätby kommun"),
        ("svarby", "Svarby kommun"),
        ("importby", "Importby kommun"),
        ("rakneby", "Räkneby kommun"),
        ("ensprakby", "Enspråkby kommun"),
    ] {
        let mut tenant = TenantConfig::demo();
        tenant.id = id.into();
        tenant.name = name.into();
        tenant.questionnaire.clear();
        let email = format!("admin@{id}.example");
        let password = format!("{id}-admin-lösen");
        let admin = seed::Moderator {
            tenant: id,
            email: &email,
            name: "Ida Inställning",
            role: tryggve_core::moderation::Role::Admin,
            password: &password,
        };
        if id == "lagesby" {
            tenant.questionnaire = situation_questionnaire();
        }
        if id == "ensprakby" {
            // Swedish only: its report form has no language choice.
            tenant.languages = vec!["sv".into()];
        }
        fixtures += &seed::tenant_sql(&tenant, &[]);
        fixtures += &seed::moderator_sql(&admin)?;
    }
    Ok(seed::tenant_sql(&neighbour, &[])
        + &fixtures
        + &seed::moderator_sql(&admin)?
        + &examples
        + &seed::tenant_sql(&strict, &[])
        + &seed::tenant_sql(&guarded, &[])
        + &seed::tenant_sql(&gated, &[]))
}

/// The demo's questions and one of each other kind, for the lägesbild counted in SQL.
fn situation_questionnaire() -> Vec<tryggve_core::questionnaire::Question> {
    use tryggve_core::questionnaire::{AnswerOption, Question, QuestionKind, Texts};
    let texts = |sv: &str| Texts::from([("sv".to_string(), sv.to_string())]);
    let mut questions = TenantConfig::demo().questionnaire;
    questions.push(Question {
        id: "how-often".into(),
        text: texts("Hur ofta är du på platsen?"),
        kind: QuestionKind::SingleChoice,
        required: false,
        options: ["daily", "weekly", "rarely"]
            .map(|id| AnswerOption { id: id.into(), text: texts(id) })
            .to_vec(),
    });
    questions.push(Question {
        id: "idea".into(),
        text: texts("Har du en idé?"),
        kind: QuestionKind::ShortText,
        required: false,
        options: vec![],
    });
    questions
}

/// wrangler dev and its workerd, stopped together when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Polls the demo tenant's configuration until the edge answers 200.
fn wait_until_ready(port: u16, server: &mut Child) -> Result {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = server.try_wait() {
            return Err(format!("wrangler dev exited early ({status})"));
        }
        if http_status(port, "/api/v1/tenants/demo/config") == Some(200) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    Err("wrangler dev did not answer within 120 s".into())
}

/// Logs in to the console of the edge on `port`: the session cookie (`name=value`) and the CSRF token.
fn console_session(port: u16, account: &seed::Moderator) -> Option<(String, String)> {
    let body =
        serde_json::json!({ "tenant": account.tenant, "email": account.email, "password": account.password })
            .to_string();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        stream,
        "POST /api/v1/console/login HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let (head, body) = answer.split_once("\r\n\r\n")?;
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))?
        .split(';')
        .next()?
        .to_string();
    let info: serde_json::Value = serde_json::from_str(body).ok()?;
    Some((cookie, info["csrf_token"].as_str()?.to_string()))
}

fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}
