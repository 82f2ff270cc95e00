// The resident widget's own Leaflet: the same parts as the console's (leaflet-parts.js), bundled
// (by `cargo xtask build`) as an ES module. The report form's glue imports it by name
// (`import * as L from "./leaflet-esm.js"`), so the widget neither reads nor writes the host
// page's global `L`: a page with another Leaflet, its plugins, or any other `L` keeps its own.
export * from "./leaflet-parts.js";
import { Icon } from "leaflet/src/layer/marker/index";

// Leaflet finds its default marker images by probing CSS in `document.body`, which cannot see
// into our shadow root; they sit beside this file.
Icon.Default.imagePath = new URL("images/", import.meta.url).href;

import { Map as LeafletMap } from "leaflet/src/map/index";
import { Zoom } from "leaflet/src/control/Control.Zoom";
import { TileLayer } from "leaflet/src/layer/tile/TileLayer";

// What the widget's maps (the report form's, the walk logger's) have alike, in one place for
// both who draw them: the widget (map_base.rs) and the loader (tryggve.js), which draws the report
// form's map while the WebAssembly is still on its way. The municipality's tiles and attribution
// (its plain text); `view` where to look, [lat, lng, zoom]; `bounds`, [south, west, north, east],
// keeps the map within the municipality's (empty: not kept); the zoom buttons' names (Leaflet
// names its own in English whatever the page speaks). No zooming by the wheel (scrolling the
// host page scrolls the page); panning by keyboard.
export function baseMap(container, tileUrl, attribution, [lat, lng, zoom], bounds, zoomInTitle, zoomOutTitle) {
  const [south, west, north, east] = bounds;
  const map = new LeafletMap(container, {
    zoomControl: false,
    center: [lat, lng],
    zoom,
    ...(bounds.length === 4 ? { maxBounds: [[south, west], [north, east]], maxBoundsViscosity: 1 } : {}),
    scrollWheelZoom: false,
    keyboard: true,
    keyboardPanDelta: 60,
  });
  new Zoom({ zoomInTitle, zoomOutTitle }).addTo(map);
  // Leaflet writes the attribution as markup: it goes in escaped, by the browser's own serialiser.
  const text = document.createElement("span");
  text.textContent = attribution;
  new TileLayer(tileUrl, { attribution: text.innerHTML, maxZoom: 19 }).addTo(map);
  return map;
}
