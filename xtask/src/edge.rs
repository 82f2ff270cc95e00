//! Running the edge locally with wrangler (workerd + local D1): migrations, the demo tenant,
//! serving, and the end-to-end test run against a fresh database.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tryggve_core::TenantConfig;

use crate::setup::Tools;
use crate::{root, run_command, Result};

fn wrangler(tools: &Tools) -> Command {
    let mut command = tools.node_command(root().join("node_modules/.bin/wrangler"));
    command.arg("--config").arg(root().join("edge/wrangler.toml"));
    command
}

/// Applies the migrations and (re)seeds the demo tenant, allowing pages served on `port`.
pub fn prepare_database(tools: &Tools, state: &Path, port: u16) -> Result {
    run_command(
        wrangler(tools).args(["d1", "migrations", "apply", "DB", "--local", "--persist-to"]).arg(state),
    )?;
    let seed = root().join("target/seed-demo.sql");
    std::fs::write(&seed, demo_seed_sql(port)).map_err(|e| e.to_string())?;
    run_command(
        wrangler(tools)
            .args(["d1", "execute", "DB", "--local", "--persist-to"])
            .arg(state)
            .arg("--file")
            .arg(&seed),
    )
}

/// The demo municipality, as SQL. Safe to run again: it refreshes the configuration.
fn demo_seed_sql(port: u16) -> String {
    let demo = TenantConfig::demo();
    let config = serde_json::to_string(&demo).expect("a tenant configuration serialises");
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let origins = [format!("http://127.0.0.1:{port}"), format!("http://localhost:{port}")];
    let mut sql = format!(
        "INSERT INTO tenants (id, name, config) VALUES ({}, {}, {}) \
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, config = excluded.config;\n",
        quote(&demo.id),
        quote(&demo.name),
        quote(&config)
    );
    for origin in origins {
        sql += &format!(
            "INSERT OR IGNORE INTO tenant_origins (tenant_id, origin) VALUES ({}, {});\n",
            quote(&demo.id),
            quote(&origin)
        );
    }
    sql
}

fn dev_server(tools: &Tools, state: &Path, port: u16) -> Command {
    let mut command = wrangler(tools);
    command
        .args(["dev", "--local", "--ip", "127.0.0.1", "--port", &port.to_string(), "--persist-to"])
        .arg(state)
        .args(["--show-interactive-dev-session=false", "--log-level", "warn"]);
    command
}

pub fn serve_foreground(tools: &Tools, state: &Path, port: u16) -> Result {
    run_command(&mut dev_server(tools, state, port))
}

/// Builds a fresh database, starts wrangler dev on a free port, runs the Node test files
/// under tests/ against it (headless Chromium for the browser ones), and stops the server.
pub fn end_to_end(tools: &Tools) -> Result {
    let root = root();
    let work = root.join("target/e2e");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("artifacts")).map_err(|e| e.to_string())?;
    let state = work.join("state");
    let port = free_port()?;
    prepare_database(tools, &state, port)?;

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
        .arg("tests/*.test.mjs")
        .env("TRYGGVE_EDGE", &base)
        .env("TRYGGVE_STATE", &state)
        .env("TRYGGVE_ARTIFACTS", work.join("artifacts"));
    let outcome = run_command(&mut tests);
    drop(server);
    outcome
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

fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}
