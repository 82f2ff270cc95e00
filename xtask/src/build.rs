//! The build pipeline: widget (cargo → wasm-bindgen → wasm-opt) and its static files into
//! `dist/public/`, and the edge (worker-build, pointed at our local tools) into `edge/build/`.

use std::fs;
use std::path::Path;
use std::process::Command;

use tryggve_core::i18n::{Locale, WORD_PARTS};

use crate::setup::Tools;
use crate::{lazy_parts, unused_classes};
use crate::{root, run_command, Result};

/// Features rustc 1.95 emits for wasm32; wasm-opt must be told, since `strip` removes the
/// section that would say so.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

pub fn all(tools: &Tools) -> Result {
    widget(tools)?;
    console(tools)?;
    static_pages()?;
    edge(tools)
}

/// Where the browser's WebAssembly (widget and console) is built: apart from the edge's and the
/// tests' builds, since its standard library and flags differ (see [`BROWSER_RUSTFLAGS`]).
const BROWSER_TARGET_DIR: &str = "target/browser";

/// The browser modules are built for size, since residents download them on weak connections.
/// The standard library is rebuilt from source (`-Zbuild-std`, with its `optimize_for_size`
/// feature) so that a panic aborts at once instead of formatting a message nobody reads;
/// Leptos' `erase_components` makes each component's view one type instead of a new nested one.
/// Together they save about a ninth of the report form's download (199 → 176 KB brotli).
/// `fmt-debug=none` leaves out every `Debug` implementation's body (`{:?}` writes nothing): no
/// resident reads one, and no code of ours formats with it; 2.6 KB of the form's WebAssembly.
/// Rebuilding std is an unstable cargo option: `RUSTC_BOOTSTRAP=1` lets the stable toolchain use
/// it for these builds only (it needs the `rust-src` component, which setup installs).
const BROWSER_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none --cfg erase_components";

/// How a module's glue finds Leaflet's `L`, which leaflet-rs names in it as a free identifier.
#[derive(Clone, Copy, PartialEq)]
enum LeafletBinding {
    /// The page's global `L` (the console, which is our own page), or none is used.
    Global,
    /// The module's own import of a Leaflet module beside it (`leaflet-esm.js`, or the walk
    /// logger's `leaflet-walk.js`): the widget lives in others' pages.
    Imported(&'static str),
}

impl LeafletBinding {
    /// The Leaflet module the glue imports, if it imports one.
    fn module(self) -> Option<&'static str> {
        match self {
            Self::Imported(module) => Some(module),
            Self::Global => None,
        }
    }
}

/// Whether a module has parts that are cut out of it and loaded later (see [`lazy_parts`]).
#[derive(Clone, Copy, PartialEq)]
enum Parts {
    /// Everything in one file.
    Whole,
    /// Linked with the relocations the splitter reads, and cut.
    Lazy,
}

/// Builds `crate_name` for wasm32 (with only `features`, if any are named), binds it for the
/// web into `out` as `out_name` (with its lazy parts beside it), shrinks it.
fn wasm_module(
    tools: &Tools,
    crate_name: &str,
    features: &[&str],
    (out_name, leaflet, parts): (&str, LeafletBinding, Parts),
    out: &Path,
) -> Result {
    let root = root();
    fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let mut build = Command::new("cargo");
    // `cargo rustc`, so that only the module's own link gets the splitter's relocations.
    build.args(["rustc", "--lib", "--release", "--target", "wasm32-unknown-unknown", "-p", crate_name]);
    build.args(["--target-dir", BROWSER_TARGET_DIR]);
    build.args(["-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"]);
    build
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTFLAGS", BROWSER_RUSTFLAGS)
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    if !features.is_empty() {
        build.args(["--no-default-features", "--features", &features.join(",")]);
    }
    if parts == Parts::Lazy {
        build.args(["--", "-Clink-arg=--emit-relocs"]);
    }
    run_command(build.current_dir(&root))?;
    let built = root.join(format!(
        "{BROWSER_TARGET_DIR}/wasm32-unknown-unknown/release/{}.wasm",
        crate_name.replace('-', "_")
    ));
    let linked = fs::read(&built).map_err(|e| format!("{}: {e}", built.display()))?;
    let has_parts = lazy_parts::has_parts(&linked);
    if has_parts != (parts == Parts::Lazy) {
        return Err(format!(
            "{out_name}: {} lazy parts, but is built as if it {}: see Parts in xtask/src/build.rs",
            if has_parts { "has" } else { "has no" },
            if has_parts { "had none" } else { "had some" },
        ));
    }
    let cut = match parts {
        Parts::Whole => None,
        Parts::Lazy => Some(lazy_parts::cut(
            &linked,
            &built,
            out_name,
            &root.join(format!("{BROWSER_TARGET_DIR}/parts/{out_name}")),
        )?),
    };
    // The bench reads where the bytes go from the function names, which the next steps drop
    // (the main module's, if it was cut: what a resident loads first).
    let named = root.join(format!("{BROWSER_TARGET_DIR}/named"));
    fs::create_dir_all(&named).map_err(|e| e.to_string())?;
    copy(cut.as_ref().map_or(&built, |cut| &cut.main), &named.join(format!("{out_name}.wasm")))?;
    let mut bindgen = Command::new(&tools.wasm_bindgen);
    bindgen.args(["--target", "web", "--no-typescript", "--out-name", out_name, "--out-dir"]).arg(out);
    match &cut {
        // The script that loads the parts takes the memory, table and shared functions from
        // the main module's exports, which are the linker's.
        Some(cut) => bindgen.arg("--keep-lld-exports").arg(&cut.main),
        None => bindgen.arg(&built),
    };
    run_command(&mut bindgen)?;
    let wasm = out.join(format!("{out_name}_bg.wasm"));
    let glue = out.join(format!("{out_name}.js"));
    unused_classes::drop_classes(&wasm, &glue, &unused_classes::WASM_STREAMS)?;
    let mut shrink = vec![wasm];
    for part in cut.iter().flat_map(|cut| &cut.parts) {
        let served = out.join(part.file_name().ok_or("a lazy part without a file name")?);
        copy(part, &served)?;
        shrink.push(served);
    }
    for wasm in &shrink {
        run_command(
            tools.node_command(&tools.wasm_opt).arg("-Oz").args(WASM_FEATURES).arg(wasm).arg("-o").arg(wasm),
        )?;
    }
    let leaflet = leaflet.module();
    if let Some(module) = leaflet {
        import_leaflet(&glue, module)?;
    }
    match cut {
        // The glue is an ES module that names the wasm's imports; minifying keeps those names.
        None => minify(tools, &glue, &["--format=esm"]),
        Some(cut) => bundle_parts_loader(tools, &glue, &cut.link_script, leaflet),
    }
}

/// Puts the script that loads a module's lazy parts (`link_script`) into its glue, which imports
/// it beside itself: one file to ask for, as before. The script imports the glue in turn; in one
/// bundle that is one scope. `leaflet`, the glue's Leaflet module, stays a file of its own.
fn bundle_parts_loader(tools: &Tools, glue: &Path, link_script: &Path, leaflet: Option<&str>) -> Result {
    let beside = glue.with_file_name(link_script.file_name().ok_or("a parts' loader without a file name")?);
    copy(link_script, &beside)?;
    // `import.meta.url` is where the parts are fetched from (beside the glue).
    let mut options = vec!["--format=esm", "--bundle", "--supported:import-meta=true"];
    let external = leaflet.map(|module| format!("--external:./{module}"));
    options.extend(external.as_deref());
    let bundled = minify(tools, glue, &options);
    fs::remove_file(&beside).map_err(|e| format!("{}: {e}", beside.display()))?;
    bundled
}

/// Binds the glue's `L` to our own Leaflet module: an import at the top of a module shadows the
/// global of the same name, so every `L.Map`, `L.marker`… in the glue is ours.
fn import_leaflet(glue: &Path, module: &str) -> Result {
    let source = fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    if !source.contains("L.baseMap") {
        return Err(format!(
            "{} no longer uses our Leaflet's L.baseMap: is the import still needed?",
            glue.display()
        ));
    }
    let bound = format!("import * as L from \"./{module}\";\n{source}");
    fs::write(glue, bound).map_err(|e| format!("{}: {e}", glue.display()))
}

/// The widget's Leaflet, an ES module beside its glue (see `widget/js/leaflet-module.js`).
const LEAFLET_MODULE: &str = "leaflet-esm.js";
/// The walk logger's, with lines (see `widget/js/leaflet-walk.js`).
const LEAFLET_WALK_MODULE: &str = "leaflet-walk.js";
/// Lines and areas for the report form's map, loaded only when a layer has them (see
/// [`leaflet_vectors`]).
const LEAFLET_VECTORS_MODULE: &str = "leaflet-vectors.js";

/// Shrinks a script or stylesheet in place (its source, with comments, stays in the
/// repository): what residents download on weak connections carries no comments or indentation.
fn minify(tools: &Tools, file: &Path, options: &[&str]) -> Result {
    run_command(
        Command::new(&tools.esbuild)
            .arg(file)
            .args(["--minify", "--target=es2017", "--log-level=warning", "--allow-overwrite"])
            .args(options)
            .arg(format!("--outfile={}", file.display())),
    )
}

/// The moderator console, served by the edge at /console/, with Leaflet's CSS and images from
/// the widget's files.
fn console(tools: &Tools) -> Result {
    let root = root();
    let out = root.join("dist/public/console");
    wasm_module(
        tools,
        "tryggve-console",
        &[],
        ("tryggve_console", LeafletBinding::Global, Parts::Whole),
        &out,
    )?;
    copy(&root.join("console/index.html"), &out.join("index.html"))?;
    copy(&root.join("console/start.js"), &out.join("start.js"))?;
    leaflet_for_the_console(tools, &out.join("leaflet.js"))?;
    copy(&root.join("console/assets/console.css"), &out.join("console.css"))?;
    // The presenter view for a dialogue's big screen (the widget, on a page of the edge's own).
    for file in ["presenter.html", "presenter.js", "presenter.css"] {
        copy(&root.join("console").join(file), &out.join(file))?;
    }
    Ok(())
}

fn widget(tools: &Tools) -> Result {
    let root = root();
    let out = root.join("dist/public/widget");
    // One module per element: the report form's, the live dialogue's, the walk logger's and the
    // survey's.
    // The report form's layer of others' reports is a part of it loaded later.
    let report = ("tryggve_report", LeafletBinding::Imported(LEAFLET_MODULE), Parts::Lazy);
    wasm_module(tools, "tryggve-widget", &["report"], report, &out)?;
    // The form's follow-up view, which the form loads when a resident opens it.
    let follow = ("tryggve_follow", LeafletBinding::Global, Parts::Whole);
    wasm_module(tools, "tryggve-widget", &["follow"], follow, &out)?;
    let dialogue = ("tryggve_dialog", LeafletBinding::Global, Parts::Whole);
    wasm_module(tools, "tryggve-widget", &["dialogue"], dialogue, &out)?;
    let walk = ("tryggve_walk", LeafletBinding::Imported(LEAFLET_WALK_MODULE), Parts::Whole);
    wasm_module(tools, "tryggve-widget", &["walk"], walk, &out)?;
    let survey = ("tryggve_survey", LeafletBinding::Global, Parts::Whole);
    wasm_module(tools, "tryggve-widget", &["survey"], survey, &out)?;
    // Our stylesheet travels inside the loader (a constructed stylesheet in each shadow root): the
    // report form's frame can then be drawn as the loader runs, not a round trip later.
    let css = root.join("target/tryggve.min.css");
    copy(&root.join("widget/assets/tryggve.css"), &css)?;
    minify(tools, &css, &[])?;
    let css = fs::read_to_string(&css).map_err(|e| format!("{}: {e}", css.display()))?;
    loader(&root.join("widget/js/tryggve.js"), &out.join("tryggve.js"), &css)?;
    minify(tools, &out.join("tryggve.js"), &[])?;
    // Each language's words, fetched by the widget when a page or resident reads it (only
    // Swedish is compiled in): every element's part in one file, which any module can load.
    fs::create_dir_all(out.join("locales")).map_err(|e| e.to_string())?;
    for locale in Locale::ALL {
        let file = format!("{}.ftl", locale.tag());
        let mut words = String::new();
        for part in WORD_PARTS {
            let path = root.join("core/locales").join(part).join(&file);
            words += &fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        fs::write(out.join("locales").join(&file), words).map_err(|e| e.to_string())?;
    }
    leaflet_module(tools, "widget/js/leaflet-module.js", &out.join(LEAFLET_MODULE))?;
    leaflet_module(tools, "widget/js/leaflet-walk.js", &out.join(LEAFLET_WALK_MODULE))?;
    leaflet_vectors(tools, &out.join(LEAFLET_VECTORS_MODULE))?;
    let leaflet = root.join("node_modules/leaflet/dist");
    copy(&leaflet.join("leaflet.css"), &out.join("leaflet.css"))?;
    minify(tools, &out.join("leaflet.css"), &[])?;
    fs::create_dir_all(out.join("images")).map_err(|e| e.to_string())?;
    for image in ["marker-icon.png", "marker-icon-2x.png", "marker-shadow.png", "layers.png", "layers-2x.png"]
    {
        copy(&leaflet.join("images").join(image), &out.join("images").join(image))?;
    }
    Ok(())
}

/// Leaflet as the console uses it (`console/leaflet-console.js`: the widget's parts and polygons),
/// bundled into one script that defines the global `L`.
fn leaflet_for_the_console(tools: &Tools, out: &Path) -> Result {
    bundle_leaflet(tools, "console/leaflet-console.js", &["--format=iife", "--global-name=L"], out)
}

/// The widget's parts (`entry`: `widget/js/leaflet-module.js`, or the walk logger's with lines)
/// as an ES module, which the widget binds without a global `L`.
fn leaflet_module(tools: &Tools, entry: &str, out: &Path) -> Result {
    bundle_leaflet(tools, entry, &["--format=esm", "--supported:import-meta=true"], out)
}

/// Leaflet's `Polyline` and `Polygon` as a module that extends the report form's Leaflet
/// (`leaflet-esm.js`) instead of bringing its own: the map's layers must be of the same Leaflet
/// as the map (each copy numbers its objects from 1, and a map keeps its layers by number). The
/// two source files are taken as they are, with their imports of Leaflet's inner files made one
/// import of what `leaflet-esm.js` exports; the report form loads it the first time a municipality's
/// layer has a line or an area, so that a form without layers never downloads it.
fn leaflet_vectors(tools: &Tools, out: &Path) -> Result {
    // Every import the two files have, and none other: if Leaflet changes them, the build says so.
    const IMPORTS: [&str; 13] = [
        "import {Path} from './Path';",
        "import * as Util from '../../core/Util';",
        "import * as LineUtil from '../../geometry/LineUtil';",
        "import {LatLng, toLatLng} from '../../geo/LatLng';",
        "import {LatLngBounds} from '../../geo/LatLngBounds';",
        "import {Bounds} from '../../geometry/Bounds';",
        "import {Point} from '../../geometry/Point';",
        "import {Polyline} from './Polyline';",
        "import {LatLng} from '../../geo/LatLng';",
        "import * as LineUtil from '../../geometry/LineUtil';",
        "import {Point} from '../../geometry/Point';",
        "import {Bounds} from '../../geometry/Bounds';",
        "import * as PolyUtil from '../../geometry/PolyUtil';",
    ];
    let header = format!(
        "import {{ Path, Util, LineUtil, PolyUtil, LatLng, latLng as toLatLng, LatLngBounds, Bounds, Point }} \
         from \"./{LEAFLET_MODULE}\";\n"
    );
    let mut source = header;
    let vector = root().join("node_modules/leaflet/src/layer/vector");
    for file in ["Polyline.js", "Polygon.js"] {
        let path = vector.join(file);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for line in text.lines() {
            if line.trim_start().starts_with("import ") {
                if !IMPORTS.contains(&line.trim()) {
                    return Err(format!("{}: an import Tryggve does not expect: {line}", path.display()));
                }
                continue;
            }
            source.push_str(line);
            source.push('\n');
        }
    }
    fs::create_dir_all(out.parent().unwrap_or(out)).map_err(|e| e.to_string())?;
    fs::write(out, format!("{LEAFLET_NOTICE}\n{source}")).map_err(|e| format!("{}: {e}", out.display()))?;
    minify(tools, out, &["--format=esm", "--legal-comments=inline"])
}

/// Bundles and shrinks the Leaflet `entry` (with Leaflet's notice kept) into `out`.
fn bundle_leaflet(tools: &Tools, entry: &str, format: &[&str], out: &Path) -> Result {
    run_command(
        Command::new(&tools.esbuild)
            .arg(entry)
            .args(["--bundle", "--minify", "--target=es2017"])
            .args(format)
            .args(["--legal-comments=none", &format!("--banner:js={LEAFLET_NOTICE}")])
            .arg(format!("--outfile={}", out.display()))
            .current_dir(root()),
    )
}

/// Leaflet's licence asks that its notice stay with the code.
const LEAFLET_NOTICE: &str = "/* @preserve Leaflet 1.9.4 (the parts Tryggve uses), a JS library \
    for interactive maps. https://leafletjs.com (c) 2010-2023 Vladimir Agafonkin, (c) 2010-2011 \
    CloudMade. BSD 2-Clause License. */";

/// The demo pages and the headers the assets layer adds to static files.
fn static_pages() -> Result {
    let root = root();
    let public = root.join("dist/public");
    for page in ["index.html", "walks.html", "survey.html"] {
        copy(&root.join(page), &public.join(page))?;
    }
    // The embedding examples, also served by the demo at /examples/ (there from the edge's own origin).
    for example in [
        "plain.html",
        "plain.js",
        "strict-csp.html",
        "strict-csp.css",
        "hostile-css.html",
        "own-leaflet.html",
        "own-leaflet-site.js",
    ] {
        copy(&root.join("examples").join(example), &public.join("examples").join(example))?;
    }
    fs::write(public.join("_headers"), HEADERS).map_err(|e| e.to_string())
}

/// Widget files are public code: any page may load them (the API, not these, enforces each
/// tenant's origin allowlist). The module and wasm are fetched cross-origin, hence CORS.
const HEADERS: &str = "\
/widget/*
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  Cache-Control: public, max-age=300

/widget/locales/*
  Content-Type: text/plain; charset=utf-8

/console/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'
  X-Frame-Options: DENY
  Cache-Control: no-store

# The demo pages and the edge's copies of the embedding examples share the console's origin:
# no inline script may run there (an injected one could act with a moderator's session).
/
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'

/walks*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'

/survey*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'

/examples/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'

/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
";

fn edge(tools: &Tools) -> Result {
    let root = root();
    run_command(
        tools
            .node_command(&tools.worker_build)
            .arg("--release")
            .env("WASM_BINDGEN_BIN", &tools.wasm_bindgen)
            .env("WASM_OPT_BIN", &tools.wasm_opt)
            .env("ESBUILD_BIN", &tools.esbuild)
            .current_dir(root.join("edge")),
    )
}

/// The widget's loader, with the configuration's path as core declares it (the loader asks for
/// the configuration while the WebAssembly loads), the follow-up link's fragment, the words it
/// says itself and our stylesheet (`css`, minified).
fn loader(from: &Path, to: &Path, css: &str) -> Result {
    use tryggve_core::api::Endpoint;
    let mut source = fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let config_path = tryggve_core::api::operations::ReadConfig::OPERATION.path.to_string();
    let start_failed: serde_json::Map<String, serde_json::Value> = Locale::ALL
        .into_iter()
        .map(|locale| {
            (locale.tag().to_string(), tryggve_core::i18n::translate(locale, "start-failed").into())
        })
        .collect();
    let frame_words: serde_json::Map<String, serde_json::Value> = Locale::ALL
        .into_iter()
        .map(|locale| {
            let t = |key| tryggve_core::i18n::translate(locale, key);
            let words = serde_json::json!({
                "title": t("report-title"),
                "intro": t("report-intro"),
                "mapHelp": t("map-help"),
                "search": t("place-search-label"),
                "loading": t("map-loading"),
                "zoomIn": t("map-zoom-in"),
                "zoomOut": t("map-zoom-out"),
                "language": t("language-label"),
                "name": locale.native_name(),
            });
            (locale.tag().to_string(), words)
        })
        .collect();
    for (placeholder, value) in [
        ("__TRYGGVE_CONFIG_PATH__", config_path),
        ("__TRYGGVE_FOLLOW_UP_KEY__", tryggve_core::follow_up::FRAGMENT_KEY.to_string()),
        ("__TRYGGVE_START_FAILED__", serde_json::Value::Object(start_failed).to_string()),
        ("__TRYGGVE_FRAME_WORDS__", serde_json::Value::Object(frame_words).to_string()),
        ("__TRYGGVE_STYLESHEET__", serde_json::Value::from(css.trim()).to_string()),
    ] {
        if !source.contains(placeholder) {
            return Err(format!("{} lost its {placeholder}", from.display()));
        }
        source = source.replace(placeholder, &value);
    }
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    fs::write(to, source).map_err(|e| format!("{}: {e}", to.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    fs::copy(from, to).map(|_| ()).map_err(|e| format!("copy {} → {}: {e}", from.display(), to.display()))
}
