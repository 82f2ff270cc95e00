// What each of the widget's elements loads from us, and its size compressed as a CDN sends it:
// shared by the bench (which prints the sizes) and the size budget test (which holds them).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const widgetDir = path.resolve(import.meta.dirname, "../dist/public/widget");

export const leafletFiles = ["leaflet-esm.js", "leaflet.css"];
export const images = ["images/marker-icon.png", "images/marker-shadow.png"];
/** What a page with a report form loads from us besides Leaflet (a dialogue has a module of its own);
 *  our stylesheet is inside the loader. */
export const ours = ["tryggve.js", "tryggve_report.js", "tryggve_report_bg.wasm"];

/** Everything each element loads on a page that has only it, before the resident does anything. */
export const embeds = {
  report: [...ours, ...leafletFiles, ...images],
  dialog: ["tryggve.js", "tryggve_dialog.js", "tryggve_dialog_bg.wasm"],
  walk: ["tryggve.js", "tryggve_walk.js", "tryggve_walk_bg.wasm", "leaflet-walk.js", "leaflet.css", ...images],
  survey: ["tryggve.js", "tryggve_survey.js", "tryggve_survey_bg.wasm"],
};

/** What an element loads later, when a resident opens a part of it that most never do. */
export const later = {
  "report follow-up": ["tryggve_follow.js", "tryggve_follow_bg.wasm"],
  // Cut out of the form's module by the build (xtask/src/lazy_parts.rs): loaded when the box
  // "show places others have reported" is first ticked.
  "report public layer": ["split_report_public_layer.wasm"],
};

const brotliOf = (bytes) =>
  zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Raw, gzip and brotli bytes of `files` (paths in the widget's folder), summed. */
export function compressed(files) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(widgetDir, file));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    brotli += brotliOf(bytes);
  }
  return { raw, gzip, brotli };
}
