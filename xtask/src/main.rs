//! `cargo xtask <command>`: the one place that knows how Tryggve is built, served and tested.
//!
//!   run     install what is missing, build, and serve the demo on http://127.0.0.1:8787
//!   test    install what is missing, check, build, and run every test (what CI runs)
//!   build   build the widget and the edge into dist/ and edge/build/

mod build;
mod edge;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(),
        Some("build") => setup::tools(false).and_then(|tools| build::all(&tools)),
        _ => Err("usage: cargo xtask run | test | build".into()),
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
    edge::prepare_database(&tools, &state, port)?;
    println!(
        "\nTryggve is starting on http://127.0.0.1:{port}/ (demo page, widget and API). Ctrl-C stops it.\n"
    );
    edge::serve_foreground(&tools, &state, port)
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
            .args(["-p", "tryggve-edge", "--", "-D", "warnings"])
            .current_dir(&root),
    )?;
    run_command(Command::new("cargo").args(["test", "-p", "tryggve-core"]).current_dir(&root))?;
    build::all(&tools)?;
    edge::end_to_end(&tools)
}
