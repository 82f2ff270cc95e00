//! `cargo xtask <command>`: the one place that knows how Tryggve is built, served and tested.
//!
//!   run     install what is missing, build, and serve the demo on http://127.0.0.1:8787
//!   test    install what is missing, check, build, and run every test (what CI runs)
//!   build   build the widget and the edge into dist/ and edge/build/
//!   bench   measure sizes, load time, edge throughput and live fan-out; print one table
//!   e2e [tests/FILE.test.mjs …]
//!           build and run only the end-to-end tests (all, or the files named): for development
//!   tenant add --config FILE.json --origin https://… [--origin …] [--remote] [--replace]
//!           create (or update) a municipality from a TenantConfig JSON file
//!   moderator add --tenant T --email E --name N --role admin|moderator|responder|observer [--remote]
//!           create (or reset) a console account; the password is read from TRYGGVE_PASSWORD
//!           or standard input. Without --remote it writes to the local database of `run`.

mod build;
mod edge;
mod lazy_parts;
mod seed;
mod setup;
mod unused_classes;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("build") => setup::tools(false).and_then(|tools| build::all(&tools)),
        Some("e2e") => end_to_end_only(&args[1..]),
        Some("bench") => bench(),
        Some("moderator") if args.get(1).map(String::as_str) == Some("add") => add_moderator(&args[2..]),
        Some("tenant") if args.get(1).map(String::as_str) == Some("add") => add_tenant(&args[2..]),
        _ => {
            Err("usage: cargo xtask run | test | build | e2e [FILE…] | tenant add … | moderator add …".into())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, whatever directory the command was started from.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Runs a command to completion, failing with its name if it fails.
pub fn run_command(command: &mut Command) -> Result {
    let shown = format!("{command:?}");
    println!("xtask: $ {shown}");
    let status = command.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn run() -> Result {
    let tools = setup::tools(false)?;
    build::all(&tools)?;
    let port = 8787;
    let state = root().join(".wrangler/state");
    edge::prepare_demo(&tools, &state, port, "")?;
    println!("\nTryggve is starting on http://127.0.0.1:{port}/ (demo page, widget and API).");
    println!(
        "Moderator console: http://127.0.0.1:{port}/console/ (tenant \"demo\"; local demo accounts only):"
    );
    for m in &seed::DEMO_MODERATORS {
        println!("  {:<10} {:<28} {}", m.role.id(), m.email, m.password);
    }
    println!("Access code for reporting as municipal staff in the demo: {}", seed::DEMO_STAFF_CODE);
    println!("Ctrl-C stops it.\n");
    edge::serve_foreground(&tools, &state, port)
}

/// The local database of `run`, or the production one with `--remote`.
fn database<'a>(args: &[String], local: &'a std::path::Path) -> edge::Database<'a> {
    if args.iter().any(|a| a == "--remote") {
        edge::Database::Remote
    } else {
        edge::Database::Local(local)
    }
}

fn add_tenant(args: &[String]) -> Result {
    let file = args
        .iter()
        .position(|a| a == "--config")
        .and_then(|i| args.get(i + 1))
        .ok_or("--config is required")?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let config: tryggve_core::TenantConfig =
        serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
    if !tryggve_core::tenant::is_valid_tenant_id(&config.id) {
        return Err(format!("{file}: the id must be lowercase a–z, 0–9 and '-'"));
    }
    let origins: Vec<String> = args
        .windows(2)
        .filter(|w| w[0] == "--origin")
        .map(|w| w[1].trim_end_matches('/').to_string())
        .collect();
    // The same rules as the console's settings page: what this command stores, an admin can edit.
    let wanted = tryggve_core::settings::TenantSettings { config: config.clone(), origins };
    let checked = tryggve_core::settings::check_settings(&wanted, &config).map_err(|errors| {
        let problems: Vec<String> =
            errors.iter().map(|e| format!("{} ({})", e.path, e.code.english())).collect();
        format!("{file}: {}", problems.join("; "))
    })?;
    let (config, origins) = (checked.config, checked.origins);
    let tools = setup::tools(false)?;
    let state = root().join(".wrangler/state");
    let db = database(args, &state);
    edge::migrate(&tools, &db)?;
    // A tenant that exists keeps what its admins changed in the console, unless told otherwise.
    let replace = args.iter().any(|a| a == "--replace");
    let sql = match replace {
        true => seed::tenant_sql(&config, &origins),
        false => seed::new_tenant_sql(&config, &origins),
    };
    edge::execute_sql(&tools, &db, &sql)?;
    println!("xtask: tenant {} ({}) is ready; allowed origins: {origins:?}", config.id, config.name);
    if !replace {
        println!("xtask: if it existed, its settings were kept as they were; --replace overwrites them with {file}");
    }
    Ok(())
}

fn add_moderator(args: &[String]) -> Result {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .ok_or(format!("{flag} is required"))
    };
    let (tenant, email, name) = (value("--tenant")?, value("--email")?, value("--name")?);
    let role_id = value("--role")?;
    let role = tryggve_core::moderation::Role::from_id(&role_id).ok_or(format!("unknown role {role_id}"))?;
    let password = match std::env::var("TRYGGVE_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            println!(
                "Password for {email} (at least {} characters):",
                tryggve_core::password::MIN_PASSWORD_CHARS
            );
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let moderator =
        seed::Moderator { tenant: &tenant, email: &email, name: &name, role, password: &password };
    let sql = seed::moderator_sql(&moderator)?;
    let tools = setup::tools(false)?;
    let state = root().join(".wrangler/state");
    let db = database(args, &state);
    edge::migrate(&tools, &db)?;
    edge::execute_sql(&tools, &db, &sql)?;
    println!("xtask: {} {email} can now log in to tenant {tenant}", role.id());
    Ok(())
}

/// Builds, then runs `bench/run.mjs` (Miniflare, Chromium) and prints its table.
fn bench() -> Result {
    let tools = setup::tools(true)?;
    build::all(&tools)?;
    let work = root().join("target/bench");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let mut seed_sql = seed::tenant_sql(&tryggve_core::TenantConfig::demo(), &[]);
    for moderator in &seed::DEMO_MODERATORS {
        seed_sql += &seed::moderator_sql(moderator)?;
    }
    std::fs::write(work.join("seed.sql"), seed_sql).map_err(|e| e.to_string())?;
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    run_command(
        tools
            .node_command(tools.node_bin.join("node"))
            .arg("bench/run.mjs")
            .env("TRYGGVE_SEED_SQL", work.join("seed.sql"))
            .env("TRYGGVE_MACHINE", format!("{cores} cores, {cpu}")),
    )
}

fn end_to_end_only(files: &[String]) -> Result {
    let tools = setup::tools(true)?;
    build::all(&tools)?;
    edge::end_to_end(&tools, files)
}

fn test() -> Result {
    let tools = setup::tools(true)?;
    let root = root();
    run_command(Command::new("cargo").args(["fmt", "--all", "--check"]).current_dir(&root))?;
    run_command(
        Command::new("cargo")
            .args([
                "clippy",
                "--quiet",
                "-p",
                "tryggve-core",
                "-p",
                "xtask",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])
            .current_dir(&root),
    )?;
    run_command(
        Command::new("cargo")
            .args(["clippy", "--quiet", "--target", "wasm32-unknown-unknown", "-p", "tryggve-widget"])
            .args(["-p", "tryggve-console"])
            .args(["-p", "tryggve-edge", "--", "-D", "warnings"])
            .current_dir(&root),
    )?;
    // Core as the widget builds it (no features), then with everything the edge and console use.
    run_command(
        Command::new("cargo")
            .args(["clippy", "--quiet", "-p", "tryggve-core", "--all-targets", "--", "-D", "warnings"])
            .current_dir(&root),
    )?;
    run_command(Command::new("cargo").args(["test", "-p", "tryggve-core"]).current_dir(&root))?;
    run_command(
        Command::new("cargo").args(["test", "-p", "tryggve-core", "--all-features"]).current_dir(&root),
    )?;
    // The build's own steps that rewrite what it built (see `unused_classes`).
    run_command(Command::new("cargo").args(["test", "-p", "xtask"]).current_dir(&root))?;
    build::all(&tools)?;
    edge::end_to_end(&tools, &[])
}
