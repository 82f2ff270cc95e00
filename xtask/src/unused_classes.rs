//! Drops JavaScript classes that a dependency exports and no module of ours uses, from a module's
//! WebAssembly and from its glue. Every `#[wasm_bindgen]` export of every crate linked in stays
//! in the module (exports are roots, which no linker or optimiser may remove), so wasm-streams'
//! stream adapters, which Leptos brings in for server functions that the widget never calls,
//! cost each module their code. Without their exports, wasm-opt removes that code: 1.2 KB of the
//! report form's download.

use std::fs;
use std::path::Path;

use crate::Result;

/// wasm-streams' adapters between Rust's streams and the browser's.
pub const WASM_STREAMS: [&str; 3] =
    ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// Removes `classes` from `wasm` (as wasm-bindgen wrote it) and from `glue`, its JavaScript. A
/// class that is not there as wasm-bindgen writes classes today fails the build, so that no class
/// is left half removed, and a dependency that stops exporting one is noticed.
pub fn drop_classes(wasm: &Path, glue: &Path, classes: &[&str]) -> Result {
    let mut module = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let mut source = fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    for class in classes {
        // wasm-bindgen names a class's exports `{class}_{method}` and `__wbg_{class}_free`, in
        // lower case.
        let lower = class.to_lowercase();
        let (methods, free) = (format!("{lower}_"), format!("__wbg_{lower}_free"));
        let (kept, dropped) = without_exports(&module, |name| name.starts_with(&methods) || name == free)?;
        source = without_class(&source, class)
            .filter(|_| dropped > 0)
            .ok_or_else(|| format!("{}: class {class} not found as expected", glue.display()))?;
        module = kept;
    }
    fs::write(wasm, module).map_err(|e| format!("{}: {e}", wasm.display()))?;
    fs::write(glue, source).map_err(|e| format!("{}: {e}", glue.display()))
}

/// `source` without `class`'s definition and its finalisation registry; `None` if either is not
/// there as expected or the class is named anywhere else.
fn without_class(source: &str, class: &str) -> Option<String> {
    let definition = cut(
        source,
        &format!("export class {class} {{\n"),
        &format!("if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"),
    )?;
    let rest = cut(&definition, &format!("const {class}Finalization = "), ");\n")?;
    (!rest.contains(class)).then_some(rest)
}

/// `source` without the first text from `start` through the next `end`.
fn cut(source: &str, start: &str, end: &str) -> Option<String> {
    let from = source.find(start)?;
    let to = from + source[from..].find(end)? + end.len();
    Some(format!("{}{}", &source[..from], &source[to..]))
}

/// `module` without the exports that `drop` picks by name, and how many it picked.
fn without_exports(module: &[u8], drop: impl Fn(&str) -> bool) -> Result<(Vec<u8>, usize)> {
    const EXPORTS: u8 = 7;
    let malformed = || "not a WebAssembly module as expected".to_string();
    let mut out = module.get(..8).ok_or_else(malformed)?.to_vec();
    let mut at = 8;
    let mut dropped = 0;
    while at < module.len() {
        let id = module[at];
        let (size, start) = leb128(module, at + 1).ok_or_else(malformed)?;
        let body = module.get(start..start + size).ok_or_else(malformed)?;
        at = start + size;
        if id != EXPORTS {
            out.push(id);
            out.extend(encode(size));
            out.extend(body);
            continue;
        }
        let (count, mut entry) = leb128(body, 0).ok_or_else(malformed)?;
        let mut kept: Vec<u8> = Vec::new();
        let mut kept_count = 0;
        for _ in 0..count {
            let (length, name_at) = leb128(body, entry).ok_or_else(malformed)?;
            let name = body.get(name_at..name_at + length).ok_or_else(malformed)?;
            // The name, then the kind of thing exported (one byte) and its index.
            let (_, next) = leb128(body, name_at + length + 1).ok_or_else(malformed)?;
            if drop(&String::from_utf8_lossy(name)) {
                dropped += 1;
            } else {
                kept.extend(&body[entry..next]);
                kept_count += 1;
            }
            entry = next;
        }
        let mut section = encode(kept_count);
        section.extend(kept);
        out.push(id);
        out.extend(encode(section.len()));
        out.extend(section);
    }
    Ok((out, dropped))
}

/// The unsigned LEB128 number at `at` in `bytes`, and where what follows it starts.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

fn encode(mut value: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(byte);
            return bytes;
        }
        bytes.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with no code: its header, a custom section, and an export section naming `names`
    /// (each a function, index 0).
    fn module(names: &[&str]) -> Vec<u8> {
        let mut exports = encode(names.len());
        for name in names {
            exports.extend(encode(name.len()));
            exports.extend(name.as_bytes());
            exports.extend([0, 0]);
        }
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        bytes.extend([0, 3, 1, b'x', 9]);
        bytes.push(7);
        bytes.extend(encode(exports.len()));
        bytes.extend(exports);
        bytes
    }

    #[test]
    fn drops_only_the_picked_exports() {
        let long = "a".repeat(200); // a name whose length takes two bytes
        let before =
            module(&["mount_report", "intounderlyingsink_write", &long, "__wbg_intounderlyingsink_free"]);
        let (after, dropped) = without_exports(&before, |n| {
            n.starts_with("intounderlyingsink_") || n == "__wbg_intounderlyingsink_free"
        })
        .unwrap();
        assert_eq!((after, dropped), (module(&["mount_report", &long]), 2));
    }

    #[test]
    fn a_truncated_module_is_refused() {
        let whole = module(&["mount_report"]);
        assert!(without_exports(&whole[..whole.len() - 2], |_| true).is_err());
    }

    #[test]
    fn removes_a_class_and_its_registry_and_nothing_else() {
        let glue = "export class Sink {\n    free() {}\n}\nif (Symbol.dispose) Sink.prototype[Symbol.dispose] = \
                    Sink.prototype.free;\n\nexport function mount_report() {}\nconst SinkFinalization = (x)\n    \
                    ? a\n    : b(c => d(1));\nconst other = 1;\n";
        assert_eq!(
            without_class(glue, "Sink").as_deref(),
            Some("\nexport function mount_report() {}\nconst other = 1;\n")
        );
        assert_eq!(without_class(glue, "Source"), None);
        assert_eq!(without_class(&format!("{glue}Sink.__wrap(1);\n"), "Sink"), None);
    }
}
