// The resident widget's own Leaflet: the same parts as the console's (leaflet-parts.js), bundled
// (by `cargo xtask build`) as an ES module. The report form's glue imports it by name
// (`import * as L from "./leaflet-esm.js"`), so the widget neither reads nor writes the host
// page's global `L`: a page with another Leaflet, its plugins, or any other `L` keeps its own.
export * from "./leaflet-parts.js";
import { Icon } from "leaflet/src/layer/marker/index";

// Leaflet finds its default marker images by probing CSS in `document.body`, which cannot see
// into our shadow root; they sit beside this file.
Icon.Default.imagePath = new URL("images/", import.meta.url).href;
