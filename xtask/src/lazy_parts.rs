//! Parts of a widget module that most residents never use, cut out of it into WebAssembly files
//! of their own and loaded the first time they are needed (the report form's layer of others'
//! reports: `widget/src/components/report/public_reports.rs`).
//!
//! A part is a function marked `#[wasm_split(name, …, fallible)]` (Leptos' `wasm_split`); its
//! module is linked with `--emit-relocs`, and `wasm_split_cli_support` (the splitter behind
//! `cargo leptos --split`) moves what only that function reaches into `split_<name>.wasm`,
//! leaving a main module that shares its memory and table with the part, and a small script
//! that loads the part (it fetches the file beside it). The build then binds the main module as
//! any other (keeping the linker's exports the script imports) and bundles the script into the
//! glue, so that a resident's first load asks for no file more than before.

use std::fs;
use std::path::{Path, PathBuf};

/// What every split point's import names before the splitter rewrites it: a module has parts
/// to cut out exactly when its WebAssembly names this (`wasm_split_helpers`' magic constant).
const PLACEHOLDER_IMPORT: &[u8] = b"__wasm_split_placeholder__";

/// A module cut into its main module and its parts.
pub struct Cut {
    /// The main module, for wasm-bindgen (with `--keep-lld-exports`).
    pub main: PathBuf,
    /// The script that loads the parts, which the glue imports from beside itself by this
    /// file's name.
    pub link_script: PathBuf,
    /// The parts, `split_<name>.wasm`, to be served beside the glue.
    pub parts: Vec<PathBuf>,
}

/// Whether the WebAssembly in `wasm` has parts to cut out.
pub fn has_parts(wasm: &[u8]) -> bool {
    wasm.windows(PLACEHOLDER_IMPORT.len()).any(|w| w == PLACEHOLDER_IMPORT)
}

/// The name of the script that loads `out_name`'s parts, as its glue imports it.
fn link_name(out_name: &str) -> String {
    format!("{out_name}_parts.js")
}

/// Cuts the module `wasm` (read from `built`, linked with `--emit-relocs`), whose glue will be
/// `./{out_name}.js`, into `work` (emptied first). Only named parts are expected: a chunk shared
/// by several parts would need its own name and a place in the bench's list of what loads later,
/// so it fails.
pub fn cut(wasm: &[u8], built: &Path, out_name: &str, work: &Path) -> Result<Cut, String> {
    let _ = fs::remove_dir_all(work);
    fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    let main = work.join(format!("{out_name}.wasm"));
    let link = format!("./{}", link_name(out_name));
    let glue = format!("./{out_name}.js");
    let mut options = wasm_split_cli_support::Options::new(wasm);
    options.output_dir = work;
    options.main_out_path = &main;
    options.link_name = &link;
    options.main_module = &glue;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("cutting the lazy parts out of {}: {e:#}", built.display()))?;
    let parts = split.split_modules;
    if let Some(chunk) = parts.iter().find(|p| !file_name(p).starts_with("split_")) {
        return Err(format!(
            "{}: a chunk shared by several lazy parts; give it a part of its own or load them together",
            chunk.display()
        ));
    }
    Ok(Cut { main, link_script: work.join(link_name(out_name)), parts })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_has_parts_when_it_names_the_placeholder_import() {
        let mut wasm = b"\0asm\x01\0\0\0\x02\x20\x01".to_vec();
        assert!(!has_parts(&wasm));
        wasm.extend_from_slice(PLACEHOLDER_IMPORT);
        wasm.extend_from_slice(b"\x1e__wasm_split_load_some_part");
        assert!(has_parts(&wasm));
        assert!(!has_parts(&PLACEHOLDER_IMPORT[..PLACEHOLDER_IMPORT.len() - 1]));
    }
}
