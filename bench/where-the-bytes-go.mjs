// Where a WebAssembly module's bytes go, by the Rust crate each function comes from: what
// twiggy's "top" says, summed per crate. It reads the module cargo built (before wasm-bindgen
// and wasm-opt, which drop the function names); the shares carry over to what residents load.
import fs from "node:fs";

/** LEB128 unsigned integer at `offset`: [value, next offset]. */
function leb(bytes, offset) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, offset];
}

/** The sections of a module: [{ id, start, end, name? }]. */
function sections(bytes) {
  const found = [];
  let offset = 8; // magic and version
  while (offset < bytes.length) {
    const id = bytes[offset];
    let size;
    [size, offset] = leb(bytes, offset + 1);
    const section = { id, start: offset, end: offset + size };
    if (id === 0) {
      const [length, at] = leb(bytes, offset);
      section.name = bytes.subarray(at, at + length).toString();
      section.payload = at + length;
    }
    found.push(section);
    offset += size;
  }
  return found;
}

/** The crate a function's name belongs to. rustc names symbols in its v0 mangling, where a
 * path starts at its crate root, `C`, an optional disambiguator `s…_`, and the crate's name
 * prefixed by its length (`_RNvCs1a_6leptos5mount` is `leptos::mount`); the first root is the
 * crate whose code it is (or, for a generic, whose impl was instantiated). Legacy `_ZN` names
 * start with the crate as their first length-prefixed segment. */
export function crateOf(name) {
  const root = name.startsWith("_R") ? name.match(/C(?:s[0-9A-Za-z]*_)?(\d+)_?([A-Za-z_])/) : null;
  if (root) {
    const at = root.index + root[0].length - 1;
    return name.slice(at, at + Number(root[1]));
  }
  const legacy = name.match(/^_ZN(\d+)/);
  if (legacy) return name.slice(legacy[0].length, legacy[0].length + Number(legacy[1]));
  return "(glue and intrinsics)";
}

/** Bytes of function bodies per crate, and the data segments, of the module at `file`. */
export function bytesByCrate(file) {
  const bytes = fs.readFileSync(file);
  const all = sections(bytes);
  // Imported functions come first in the function index space.
  let importedFunctions = 0;
  const imports = all.find((s) => s.id === 2);
  if (imports) {
    let [count, at] = leb(bytes, imports.start);
    for (let i = 0; i < count; i++) {
      let length;
      [length, at] = leb(bytes, at); at += length; // module
      [length, at] = leb(bytes, at); at += length; // field
      const kind = bytes[at++];
      if (kind === 0) { importedFunctions++; [, at] = leb(bytes, at); }
      else if (kind === 1) { at++; const [flags, next] = leb(bytes, at); [, at] = leb(bytes, next); if (flags & 1) [, at] = leb(bytes, at); }
      else if (kind === 2) { const [flags, next] = leb(bytes, at); [, at] = leb(bytes, next); if (flags & 1) [, at] = leb(bytes, at); }
      else if (kind === 3) at += 2;
      else if (kind === 4) { at++; [, at] = leb(bytes, at); }
    }
  }
  const names = new Map();
  const nameSection = all.find((s) => s.id === 0 && s.name === "name");
  if (nameSection) {
    let at = nameSection.payload;
    while (at < nameSection.end) {
      const kind = bytes[at];
      let size;
      [size, at] = leb(bytes, at + 1);
      const end = at + size;
      if (kind === 1) {
        let count;
        [count, at] = leb(bytes, at);
        for (let i = 0; i < count; i++) {
          let index, length;
          [index, at] = leb(bytes, at);
          [length, at] = leb(bytes, at);
          names.set(index, bytes.subarray(at, at + length).toString());
          at += length;
        }
      }
      at = end;
    }
  }
  const byCrate = new Map();
  const add = (crate, size) => byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
  const code = all.find((s) => s.id === 10);
  let [count, at] = leb(bytes, code.start);
  for (let i = 0; i < count; i++) {
    let size;
    [size, at] = leb(bytes, at);
    const name = names.get(importedFunctions + i) ?? "";
    // wasm-bindgen reads its type descriptions from these and removes them: not downloaded.
    if (!name.startsWith("__wbindgen_describe")) add(crateOf(name), size);
    at += size;
  }
  const data = all.find((s) => s.id === 11);
  if (data) add("(data: strings, tables, constants)", data.end - data.start);
  const total = [...byCrate.values()].reduce((a, b) => a + b, 0);
  return { total, crates: [...byCrate.entries()].sort((a, b) => b[1] - a[1]) };
}
