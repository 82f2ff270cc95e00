// The console's Leaflet: the widget's parts (widget/js/leaflet-parts.js) and the outlines of the
// municipality's areas (polylines and polygons), which residents' report form never draws and
// so never downloads. Bundled by `cargo xtask build` as the global `L` leaflet-rs binds to, on
// the console's own page.
export * from "../widget/js/leaflet-parts.js";
export { Polyline, polyline } from "leaflet/src/layer/vector/Polyline";
export { Polygon, polygon } from "leaflet/src/layer/vector/Polygon";
