// The walk logger's Leaflet: the widget's own (leaflet-module.js) and lines, for a walk's planned
// route. Bundled (by `cargo xtask build`) as an ES module of its own, so that the report form,
// which draws no lines, does not download them; the walk logger's glue imports it by name
// (`import * as L from "./leaflet-walk.js"`).
export * from "./leaflet-module.js";
export { Polyline, polyline } from "leaflet/src/layer/vector/Polyline";
